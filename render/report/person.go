package report

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render"
)

// PersonRow is one line of list people: who they are, whom they speak for,
// and how many stance entries are their words and how many the sources
// report about them.
type PersonRow struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Role      string   `json:"role"`
	Party     string   `json:"party"`
	PartyName string   `json:"party_name"`
	Aliases   []string `json:"aliases"`
	Said      int      `json:"said"`
	Reported  int      `json:"reported"`
}

// PersonList is the answer of list people.
type PersonList struct {
	// AsOf is the date the entries are counted up to: --as-of, or "" for
	// every date.
	AsOf   string      `json:"as_of"`
	People []PersonRow `json:"people"`
}

// PersonAnswer is the answer of person: who they are, the stance entries
// that are their words, and those the sources report about them, each in
// date order.
type PersonAnswer struct {
	// AsOf is the date the entries are taken up to, and current is
	// reckoned at: --as-of, or "" for the latest.
	AsOf      string      `json:"as_of"`
	ID        string      `json:"id"`
	Name      string      `json:"name"`
	Role      string      `json:"role"`
	Party     string      `json:"party"`
	PartyName string      `json:"party_name"`
	Aliases   []string    `json:"aliases"`
	Said      []Statement `json:"said"`
	About     []Statement `json:"about"`
}

// Statement is one stance entry in a person's answer: whose stance on
// what, the entry, and whether it is the one in force at the model's date.
type Statement struct {
	Party      string `json:"party"`
	PartyName  string `json:"party_name"`
	Demand     string `json:"demand"`
	DemandName string `json:"demand_name"`
	render.EntryJSON
	Current bool `json:"current"`

	entry graph.Entry
}

// Entry is the stance entry the statement describes.
func (s Statement) Entry() graph.Entry { return s.entry }

// personEntry is an entry of a person's with where it belongs.
type personEntry struct {
	party, demand int
	entry         graph.Entry
	current       bool
}

// personEntries walks every entry ever recorded that concerns person x,
// dated on or before until (undated ones always), calling fn with whether
// the words are theirs. An id that people of several parties share (as
// files listing people under their party allow) is matched in x's party's
// stances only.
func personEntries(m *graph.Model, x graph.Person, until graph.Date, fn func(said bool, pe personEntry)) {
	_, unique := m.Person(x.ID)
	m.Recorded(func(p, d int, h []graph.Entry) {
		if !unique && m.Parties()[p].ID != x.Party {
			return
		}
		cur, _ := m.Stance(p, d)
		for _, e := range h {
			if !e.AsOf.IsZero() && !e.AsOf.In(until) {
				continue
			}
			said, about := e.By == x.ID, slices.Contains(e.About, x.ID)
			if !said && !about {
				continue
			}
			// Entries of a history have dates of their own, so the date
			// tells the entry in force.
			fn(said, personEntry{party: p, demand: d, entry: e, current: cur.Position.Known() && cur.AsOf == e.AsOf})
		}
	})
}

// NewPersonList is the answer of list people, in the model's order (by
// id): the entries dated on or before until (the zero Date: all). Cost
// O(S) for S stance entries.
func NewPersonList(m *graph.Model, until graph.Date) PersonList {
	rows := make([]PersonRow, 0, len(m.People()))
	for _, x := range m.People() {
		r := PersonRow{ID: x.ID, Name: x.Name, Role: x.Role, Party: x.Party, Aliases: nonNil(x.Aliases)}
		if p, ok := m.PartyIndex(x.Party); ok {
			r.PartyName = m.Parties()[p].Name
		}
		personEntries(m, x, until, func(said bool, _ personEntry) {
			if said {
				r.Said++
			} else {
				r.Reported++
			}
		})
		rows = append(rows, r)
	}
	return PersonList{AsOf: until.String(), People: rows}
}

// NewPerson is the answer of person for m.People()[i]: the entries dated on
// or before until (the zero Date: all), oldest first and undated last, then
// by party and demand. Cost O(S).
func NewPerson(m *graph.Model, i int, until graph.Date) PersonAnswer {
	x := m.People()[i]
	j := PersonAnswer{AsOf: until.String(), ID: x.ID, Name: x.Name, Role: x.Role, Party: x.Party, Aliases: nonNil(x.Aliases),
		Said: []Statement{}, About: []Statement{}}
	if p, ok := m.PartyIndex(x.Party); ok {
		j.PartyName = m.Parties()[p].Name
	}
	var said, about []personEntry
	personEntries(m, x, until, func(s bool, pe personEntry) {
		if s {
			said = append(said, pe)
		} else {
			about = append(about, pe)
		}
	})
	for _, list := range []struct {
		in  []personEntry
		out *[]Statement
	}{{said, &j.Said}, {about, &j.About}} {
		slices.SortStableFunc(list.in, func(a, b personEntry) int {
			az, bz := a.entry.AsOf.IsZero(), b.entry.AsOf.IsZero()
			switch {
			case az && !bz:
				return 1
			case bz && !az:
				return -1
			}
			return cmp.Or(a.entry.AsOf.Compare(b.entry.AsOf), cmp.Compare(a.party, b.party), cmp.Compare(a.demand, b.demand))
		})
		for _, pe := range list.in {
			*list.out = append(*list.out, Statement{Party: m.Parties()[pe.party].ID, PartyName: m.Parties()[pe.party].Name,
				Demand: m.Demands()[pe.demand].ID, DemandName: m.Demands()[pe.demand].Name,
				EntryJSON: render.NewEntryJSON(pe.entry, speakerName(m, pe.party, pe.entry)), Current: pe.current, entry: pe.entry})
		}
	}
	return j
}

// speakerName is the name of whoever said an entry, "" for none.
func speakerName(m *graph.Model, p int, e graph.Entry) string {
	if e.By == "" {
		return ""
	}
	return m.PersonName(p, e.By)
}

// SpeaksFor is the line that says why a name given for a party named a
// person's party, "Volodymyr Zelenskyy speaks for Ukraine.", or "" when r
// names the party itself. The command line writes it on stderr; the
// explorer shows it with the answer.
func SpeaksFor(m *graph.Model, r graph.PartyMatch) string {
	if r.Person == "" || r.Party < 0 {
		return ""
	}
	return fmt.Sprintf("%s speaks for %s.", m.PersonName(r.Party, r.Person), m.Parties()[r.Party].Name)
}
