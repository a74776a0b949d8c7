package graph

import (
	"errors"
	"slices"
	"strings"
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

// FuzzFind: any query finds one party or demand that it names — its id,
// or a name whose words the query's words start — or fails with a typed
// error whose candidates exist; a query that folds to an id finds that
// item; the same words read as a list name parties or fail.
func FuzzFind(f *testing.F) {
	for _, s := range []string{"us", "US", "united", "rusia", "", " ", "kyiv", "ukraine joins", "\x00", "Россия", "🇺🇦",
		"security guarantees", "territory", "united states russia", "put vlad", "Côte d’Ivoire", "united united"} {
		f.Add(s)
	}
	m := matchModel(f)
	type finder struct {
		kind  string
		find  func(string) (int, error)
		n     int
		names func(int) (string, []string)
	}
	// A party is named by its names and by those of its people.
	partyAndPeople := func(i int) (string, []string) {
		id, names := m.partyNames(i)
		for x, person := range m.People() {
			if person.Party == id {
				pid, pnames := m.personNames(x)
				names = append(append(names, pid), pnames...)
			}
		}
		return id, names
	}
	finders := []finder{
		{"party", m.FindParty, len(m.Parties()), partyAndPeople},
		{"demand", m.FindDemand, len(m.Demands()), m.demandNames},
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, fd := range finders {
			i, err := fd.find(q)
			var nf *NotFoundError
			var am *AmbiguousError
			switch {
			case err == nil:
				if i < 0 || i >= fd.n {
					t.Fatalf("Find %s(%q) = %d out of range", fd.kind, q, i)
				}
				if id, names := fd.names(i); !names_(q, append(names, id)) {
					t.Fatalf("Find %s(%q) = %s, which it does not name", fd.kind, q, id)
				}
			case errors.As(err, &nf):
				for _, c := range nf.Candidates {
					_, isParty := m.PartyIndex(c)
					_, isDemand := m.DemandIndex(c)
					_, isPerson := m.Person(c)
					if !isParty && !isDemand && !isPerson {
						t.Fatalf("candidate %q does not exist", c)
					}
				}
			case errors.As(err, &am):
				if len(am.Matches) < 2 {
					t.Fatalf("ambiguous with %v", am.Matches)
				}
			default:
				t.Fatalf("Find %s(%q): untyped error %v", fd.kind, q, err)
			}
			for k := 0; k < fd.n; k++ {
				if id, _ := fd.names(k); Fold(q) == Fold(id) && (err != nil || i != k) {
					t.Fatalf("Find %s(%q) = %d, %v; want %s", fd.kind, q, i, err, id)
				}
			}
		}
		ps, err := m.FindParties(strings.Fields(q))
		for _, p := range ps {
			if p < 0 || p >= len(m.Parties()) {
				t.Fatalf("FindParties(%q) = %v out of range", q, ps)
			}
		}
		if err == nil && len(ps) > len(strings.Fields(q)) {
			t.Fatalf("FindParties(%q) = %v: more parties than words", q, ps)
		}
		if p, d, err := m.FindAny(q); err == nil && (p < 0) == (d < 0) {
			t.Fatalf("FindAny(%q) = %d, %d", q, p, d)
		}
	})
}

// names_ reports whether q names something called one of names: every
// word of q starts a word of one of them.
func names_(q string, names []string) bool {
	qw := strings.Fields(Fold(q))
	if len(qw) == 0 {
		return false
	}
	for _, n := range names {
		nw := strings.Fields(Fold(n))
		ok := true
		for _, w := range qw {
			if !slices.ContainsFunc(nw, func(x string) bool { return strings.HasPrefix(x, w) }) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
