package graph

import (
	"errors"
	"testing"
)

// FuzzParseDate: any text parses to a date that prints back as the same
// text, or fails with ErrDate.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025", "2025-02", "2025-02-17", "2024-02-29", "2025-02-29", "0000", "9999-12-31", "2025-1-1", "", "２０２５"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !errors.Is(err, ErrDate) {
				t.Fatalf("ParseDate(%q): error %v does not wrap ErrDate", s, err)
			}
			return
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, d.String())
		}
		if !d.In(d) || d.Compare(d) != 0 {
			t.Fatalf("%v is not in itself", d)
		}
	})
}

// FuzzFind: any query finds one party or demand that it names, or fails
// with a typed error whose candidates exist.
func FuzzFind(f *testing.F) {
	for _, s := range []string{"us", "US", "united", "rusia", "", " ", "kyiv", "ukraine joins", "\x00", "Россия", "🇺🇦"} {
		f.Add(s)
	}
	m := matchModel(f)
	f.Fuzz(func(t *testing.T, q string) {
		for kind, find := range map[string]func(string) (int, error){"party": m.FindParty, "demand": m.FindDemand} {
			i, err := find(q)
			var nf *NotFoundError
			var am *AmbiguousError
			switch {
			case err == nil:
				n := len(m.Parties())
				if kind == "demand" {
					n = len(m.Demands())
				}
				if i < 0 || i >= n {
					t.Fatalf("Find%s(%q) = %d out of range", kind, q, i)
				}
			case errors.As(err, &nf):
				for _, c := range nf.Candidates {
					if _, ok := m.PartyIndex(c); !ok {
						if _, ok := m.DemandIndex(c); !ok {
							t.Fatalf("candidate %q does not exist", c)
						}
					}
				}
			case errors.As(err, &am):
				if len(am.Matches) < 2 {
					t.Fatalf("ambiguous with %v", am.Matches)
				}
			default:
				t.Fatalf("Find%s(%q): untyped error %v", kind, q, err)
			}
		}
	})
}
