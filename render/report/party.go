package report

import (
	"cmp"
	"slices"

	"github.com/parley/parley/graph"
)

// Party is the answer of party: a party's stances by position, the
// demands it has no stance on, its red lines, allies and adversaries.
type Party struct {
	// AsOf is the date the stances are resolved at: --as-of, or "" for
	// the latest.
	AsOf        string     `json:"as_of"`
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Aliases     []string   `json:"aliases"`
	People      []Person   `json:"people"`
	Support     []Stance   `json:"support"`
	Oppose      []Stance   `json:"oppose"`
	Neutral     []Stance   `json:"neutral"`
	Unknown     []string   `json:"unknown"`
	RedLines    []string   `json:"red_lines"`
	Allies      []Relation `json:"allies"`
	Adversaries []Relation `json:"adversaries"`
}

// Person is someone who speaks for a party.
type Person struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Role string `json:"role"`
}

// Relation is another party measured against a party: the demands both
// have a stance on, and on how many of them they agree and clash.
type Relation struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Agree    int    `json:"agree"`
	Conflict int    `json:"conflict"`
	Shared   int    `json:"shared"`
}

// Allies returns the parties that agree with party p on more demands than
// they clash, and the adversaries that clash on more than they agree, the
// strongest first (by the difference, then by id).
func Allies(m *graph.Model, p int) (allies, adversaries []Relation) {
	for q, party := range m.Parties() {
		if q == p {
			continue
		}
		c := m.Compare(p, q)
		r := Relation{ID: party.ID, Name: party.Name, Agree: c.Agree, Conflict: c.Conflict, Shared: c.Shared}
		switch {
		case c.Agree > c.Conflict:
			allies = append(allies, r)
		case c.Conflict > c.Agree:
			adversaries = append(adversaries, r)
		}
	}
	slices.SortStableFunc(allies, func(a, b Relation) int {
		return cmp.Or(cmp.Compare(b.Agree-b.Conflict, a.Agree-a.Conflict), cmp.Compare(a.ID, b.ID))
	})
	slices.SortStableFunc(adversaries, func(a, b Relation) int {
		return cmp.Or(cmp.Compare(b.Conflict-b.Agree, a.Conflict-a.Agree), cmp.Compare(a.ID, b.ID))
	})
	return allies, adversaries
}

// NewParty describes party p of m.
func NewParty(m *graph.Model, p int) Party {
	party := m.Parties()[p]
	stances := m.PartyStances(p)
	known := map[int]bool{}
	var redLines []string
	for _, s := range stances {
		known[s.Demand] = true
		if s.Strength == graph.RedLine {
			redLines = append(redLines, m.Demands()[s.Demand].ID)
		}
	}
	var unknown []string
	for d, dm := range m.Demands() {
		if !known[d] {
			unknown = append(unknown, dm.ID)
		}
	}
	allies, adversaries := Allies(m, p)
	j := Party{AsOf: m.AsOf().String(), ID: party.ID, Name: party.Name, Description: party.Description,
		Aliases: nonNil(party.Aliases), People: []Person{},
		Support: []Stance{}, Oppose: []Stance{}, Neutral: []Stance{},
		Unknown: nonNil(unknown), RedLines: nonNil(redLines),
		Allies: nonNil(allies), Adversaries: nonNil(adversaries)}
	for _, x := range party.People {
		j.People = append(j.People, Person{x.ID, x.Name, x.Role})
	}
	for _, s := range stances {
		sj := DemandStance(m, s)
		switch s.Position {
		case graph.Support:
			j.Support = append(j.Support, sj)
		case graph.Oppose:
			j.Oppose = append(j.Oppose, sj)
		case graph.Neutral:
			j.Neutral = append(j.Neutral, sj)
		}
	}
	return j
}
