package report

import "github.com/parley/parley/graph"

// Concession is the answer of concessions: what it would take for a demand
// to carry with no opposition among a group of parties. Carries is true
// only when none of them opposes and every one has a recorded stance;
// Undecided are those whose missing stance decides it.
type Concession struct {
	// AsOf is the date the stances are resolved at: --as-of, or "" for
	// the latest.
	AsOf        string        `json:"as_of"`
	Demand      string        `json:"demand"`
	Name        string        `json:"name"`
	Among       []string      `json:"among"`
	Carries     bool          `json:"carries"`
	Undecided   []string      `json:"undecided"`
	Cost        int           `json:"cost"`
	SupportCost int           `json:"support_cost"`
	RedLines    []string      `json:"red_lines"`
	Supporters  []StanceRef   `json:"supporters"`
	Moves       []Move        `json:"moves"`
	Unknown     []string      `json:"unknown"`
	Conditional []Conditional `json:"conditional"`
	RulesOut    []RuledOut    `json:"rules_out"`
}

// Move is how far a party must move, and at what cost: to neutral for the
// demand to carry, to support for everyone to back it.
type Move struct {
	Party       string    `json:"party"`
	From        string    `json:"from"`
	Strength    string    `json:"strength"`
	ToNeutral   int       `json:"to_neutral"`
	ToSupport   int       `json:"to_support"`
	Cost        int       `json:"cost"`
	SupportCost int       `json:"support_cost"`
	RedLine     bool      `json:"red_line"`
	Stance      StanceRef `json:"stance"`
}

// Conditional is a party's stance on the demand that holds only on other
// demands.
type Conditional struct {
	Party  string      `json:"party"`
	Stance string      `json:"stance"`
	On     []Condition `json:"on"`
}

// Condition is a demand a stance waits on, and who opposes it.
type Condition struct {
	Demand   string   `json:"demand"`
	Opposers []string `json:"opposers"`
}

// RuledOut is a demand that agreeing the demand would rule out, and who
// supports it.
type RuledOut struct {
	Demand     string   `json:"demand"`
	Supporters []string `json:"supporters"`
}

// NewConcession prices demand d among the parties (nil: all) with
// graph.Concessions and describes it.
func NewConcession(m *graph.Model, d int, among []int) Concession {
	c := graph.Concessions(m, d, among)
	dm := m.Demands()[c.Demand]
	j := Concession{AsOf: m.AsOf().String(), Demand: dm.ID, Name: dm.Name, Among: nonNil(PartyIDs(m, c.Among)), Carries: c.Carries(),
		Undecided: nonNil(PartyIDs(m, c.Undecided())),
		Cost:      c.Cost, SupportCost: c.SupportCost, RedLines: nonNil(PartyIDs(m, c.RedLines)),
		Supporters: StancesOn(m, c.Supporters, []int{c.Demand}), Moves: []Move{},
		Unknown: nonNil(PartyIDs(m, c.Unknown)), Conditional: []Conditional{}, RulesOut: []RuledOut{}}
	for _, mv := range c.Moves {
		s, _ := m.Stance(mv.Party, c.Demand)
		j.Moves = append(j.Moves, Move{Party: m.Parties()[mv.Party].ID, From: mv.From.String(),
			Strength: mv.Strength.String(), ToNeutral: mv.ToNeutral, ToSupport: mv.ToSupport, Cost: mv.Cost,
			SupportCost: mv.SupportCost, RedLine: mv.RedLine, Stance: NewStanceRef(m, s)})
	}
	for _, cd := range c.Conditional {
		cj := Conditional{Party: m.Parties()[cd.Party].ID, Stance: cd.Position.String(), On: []Condition{}}
		for _, on := range cd.On {
			cj.On = append(cj.On, Condition{Demand: m.Demands()[on.Demand].ID, Opposers: nonNil(PartyIDs(m, on.Opposers))})
		}
		j.Conditional = append(j.Conditional, cj)
	}
	for _, r := range c.RulesOut {
		j.RulesOut = append(j.RulesOut, RuledOut{Demand: m.Demands()[r.Demand].ID, Supporters: nonNil(PartyIDs(m, r.Supporters))})
	}
	return j
}
