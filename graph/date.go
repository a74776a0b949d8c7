package graph

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Date is a calendar date known to the year, the month or the day, as news
// reports give them ("last week" is 2025-02, "on Monday" is 2025-02-17).
// The zero Date means "no date".
//
// A date stands for its first day when dates are compared: 2025-02 sorts
// before 2025-02-01's successors and equal to 2025-02-01, so a stance dated
// 2025-02 holds on every day of February and after.
type Date struct {
	Year  int // 1..9999; 0 for the zero Date
	Month int // 1..12, or 0 when only the year is known
	Day   int // 1..31, or 0 when only the year or month is known
}

// ErrDate is wrapped by every error of ParseDate.
var ErrDate = errors.New("invalid date")

// ParseDate reads YYYY, YYYY-MM or YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	bad := func(why string) (Date, error) {
		return Date{}, fmt.Errorf("%w %q: %s", ErrDate, s, why)
	}
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return bad("want YYYY, YYYY-MM or YYYY-MM-DD")
	}
	num := func(part string) (int, bool) {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(part)
		return n, err == nil
	}
	var d Date
	var ok bool
	if d.Year, ok = num(s[:4]); !ok || d.Year == 0 {
		return bad("want YYYY, YYYY-MM or YYYY-MM-DD")
	}
	if len(s) >= 7 {
		if s[4] != '-' {
			return bad("want YYYY, YYYY-MM or YYYY-MM-DD")
		}
		if d.Month, ok = num(s[5:7]); !ok {
			return bad("want YYYY, YYYY-MM or YYYY-MM-DD")
		}
		if d.Month < 1 || d.Month > 12 {
			return bad("month must be 01 to 12")
		}
	}
	if len(s) == 10 {
		if s[7] != '-' {
			return bad("want YYYY, YYYY-MM or YYYY-MM-DD")
		}
		if d.Day, ok = num(s[8:10]); !ok {
			return bad("want YYYY, YYYY-MM or YYYY-MM-DD")
		}
		last := time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		if d.Day < 1 || d.Day > last {
			return bad(fmt.Sprintf("day must be 01 to %02d", last))
		}
	}
	return d, nil
}

// MustDate is ParseDate for literals known to be valid; it panics otherwise.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d.Year == 0 }

// Compare orders dates by their first day: -1 if d is before e, +1 if after,
// 0 if they start on the same day. The zero Date sorts before every date.
func (d Date) Compare(e Date) int {
	a, b := d.key(), e.key()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d starts before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

func (d Date) key() int {
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	if d.Year == 0 {
		return 0
	}
	return d.Year*10000 + m*100 + day
}

// In reports whether a stance dated d already holds on date at: d starts on
// or before the last day of at. So with at = 2025-02 every entry dated in
// February 2025 counts, and at = 2025 takes in the whole year. The zero
// Date d (an undated entry) holds at every date.
func (d Date) In(at Date) bool {
	if d.Year == 0 {
		return true
	}
	end := at
	switch {
	case at.Year == 0:
		return true
	case at.Month == 0:
		end = Date{at.Year, 12, 31}
	case at.Day == 0:
		end = Date{at.Year, at.Month, time.Date(at.Year, time.Month(at.Month)+1, 0, 0, 0, 0, 0, time.UTC).Day()}
	}
	return d.key() <= end.key()
}

// String writes the date at its own precision: 2025, 2025-02 or 2025-02-17;
// the zero Date is "".
func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// MarshalText writes the date as String does.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }
