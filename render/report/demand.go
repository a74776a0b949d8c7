package report

import "github.com/parley/parley/graph"

// Demand is the answer of demand: a demand, what it excludes, and every
// party's stance on it by position.
type Demand struct {
	// AsOf is the date the stances are resolved at: --as-of, or "" for
	// the latest.
	AsOf        string   `json:"as_of"`
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	RaisedBy    string   `json:"raised_by"`
	Tags        []string `json:"tags"`
	Excludes    []string `json:"excludes"`
	Date        string   `json:"date"`
	Issue       string   `json:"issue"`
	SameIssue   []string `json:"same_issue"`
	Support     []Stance `json:"support"`
	Oppose      []Stance `json:"oppose"`
	Neutral     []Stance `json:"neutral"`
	Unknown     []string `json:"unknown"`
}

// NewDemand describes demand d of m.
func NewDemand(m *graph.Model, d int) Demand {
	dm := m.Demands()[d]
	stances := m.DemandStances(d)
	known := map[int]bool{}
	for _, s := range stances {
		known[s.Party] = true
	}
	var unknown []string
	for p, party := range m.Parties() {
		if !known[p] {
			unknown = append(unknown, party.ID)
		}
	}
	j := Demand{AsOf: m.AsOf().String(), ID: dm.ID, Name: dm.Name, Description: dm.Description, RaisedBy: dm.RaisedBy,
		Tags: nonNil(dm.Tags), Excludes: nonNil(DemandIDs(m, m.Excludes(d))), Date: dm.Date.String(),
		Issue: dm.Issue, SameIssue: nonNil(SameIssue(m, d)),
		Support: []Stance{}, Oppose: []Stance{}, Neutral: []Stance{}, Unknown: nonNil(unknown)}
	for _, s := range stances {
		sj := PartyStance(m, s)
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

// NewWho is the answer of who: the parties whose position on demand d is
// pos, in party order, each with its stance; with graph.Unknown, the
// parties without one, their stances empty. Never nil.
func NewWho(m *graph.Model, d int, pos graph.Position) []Stance {
	out := []Stance{}
	for _, p := range m.Who(d, pos) {
		s, ok := m.Stance(p, d)
		if !ok {
			s = graph.Stance{Party: p, Demand: d}
		}
		out = append(out, PartyStance(m, s))
	}
	return out
}

// SameIssue returns the ids of the other demands of demand d's issue, sorted;
// nil when it is an issue of its own.
func SameIssue(m *graph.Model, d int) []string {
	issue := m.Demands()[d].Issue
	if issue == "" {
		return nil
	}
	var out []string
	for i, x := range m.Demands() {
		if i != d && x.Issue == issue {
			out = append(out, x.ID)
		}
	}
	return out
}
