package graph

import (
	"errors"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		err  string
	}{
		{"2025", Date{2025, 0, 0}, ""},
		{"2025-02", Date{2025, 2, 0}, ""},
		{"2025-02-17", Date{2025, 2, 17}, ""},
		{"2024-02-29", Date{2024, 2, 29}, ""},
		{"2025-02-29", Date{}, `invalid date "2025-02-29": day must be 01 to 28`},
		{"2025-13", Date{}, `invalid date "2025-13": month must be 01 to 12`},
		{"2025-00-10", Date{}, `invalid date "2025-00-10": month must be 01 to 12`},
		{"2025-1-5", Date{}, `invalid date "2025-1-5": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{"17/02/2025", Date{}, `invalid date "17/02/2025": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{"0000", Date{}, `invalid date "0000": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{"", Date{}, `invalid date "": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{"2025-02-1x", Date{}, `invalid date "2025-02-1x": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{"+025", Date{}, `invalid date "+025": want YYYY, YYYY-MM or YYYY-MM-DD`},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err || !errors.Is(err, ErrDate) {
				t.Errorf("ParseDate(%q) error = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if got.String() != tt.in {
			t.Errorf("ParseDate(%q).String() = %q", tt.in, got.String())
		}
	}
}

func TestDateCompareAndIn(t *testing.T) {
	d := MustDate
	tests := []struct {
		a, b    Date
		compare int
		aInB    bool // a holds at date b
	}{
		{d("2025-02-17"), d("2025-02-18"), -1, true},
		{d("2025-02-18"), d("2025-02-17"), 1, false},
		{d("2025-02"), d("2025-02-01"), 0, true},
		{d("2025-02-17"), d("2025-02"), 1, true}, // as of February: every day of it
		{d("2025-03-01"), d("2025-02"), 1, false},
		{d("2025-12-31"), d("2025"), 1, true},
		{d("2026"), d("2025"), 1, false},
		{d("2024-02-29"), d("2024-02"), 1, true},
		{Date{}, d("1900"), -1, true}, // undated holds always
		{d("2025"), Date{}, 1, true},  // the zero date is "latest"
	}
	for _, tt := range tests {
		if got := tt.a.Compare(tt.b); got != tt.compare {
			t.Errorf("%v.Compare(%v) = %d, want %d", tt.a, tt.b, got, tt.compare)
		}
		if got := tt.a.In(tt.b); got != tt.aInB {
			t.Errorf("%v.In(%v) = %v, want %v", tt.a, tt.b, got, tt.aInB)
		}
	}
}
