package report

import "github.com/parley/parley/graph"

// PartyRow is one line of list parties: a party and how many stances of
// each kind it has.
type PartyRow struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Aliases  []string `json:"aliases"`
	Stances  int      `json:"stances"`
	Support  int      `json:"support"`
	Oppose   int      `json:"oppose"`
	Neutral  int      `json:"neutral"`
	RedLines int      `json:"red_lines"`
}

// DemandRow is one line of list demands: a demand and how many parties
// support, oppose, are neutral on and have no stance on it.
type DemandRow struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	RaisedBy string   `json:"raised_by"`
	Tags     []string `json:"tags"`
	Date     string   `json:"date"`
	Issue    string   `json:"issue"`
	Support  int      `json:"support"`
	Oppose   int      `json:"oppose"`
	Neutral  int      `json:"neutral"`
	Unknown  int      `json:"unknown"`
}

// PartyList is the answer of list parties.
type PartyList struct {
	// AsOf is the date the stances are counted at: --as-of, or "" for the
	// latest.
	AsOf    string     `json:"as_of"`
	Parties []PartyRow `json:"parties"`
}

// DemandList is the answer of list demands.
type DemandList struct {
	// AsOf is the date the stances are counted at: --as-of, or "" for the
	// latest.
	AsOf    string      `json:"as_of"`
	Demands []DemandRow `json:"demands"`
}

// NewPartyList is the answer of list parties, in the model's party order.
func NewPartyList(m *graph.Model) PartyList {
	rows := make([]PartyRow, 0, len(m.Parties()))
	for p, party := range m.Parties() {
		r := PartyRow{ID: party.ID, Name: party.Name, Aliases: nonNil(party.Aliases)}
		t, red := m.PartyTally(p)
		r.Support, r.Oppose, r.Neutral, r.RedLines = t.Support, t.Oppose, t.Neutral, red
		r.Stances = t.Support + t.Oppose + t.Neutral
		rows = append(rows, r)
	}
	return PartyList{AsOf: m.AsOf().String(), Parties: rows}
}

// NewDemandList is the answer of list demands, in the model's demand
// order.
func NewDemandList(m *graph.Model) DemandList {
	rows := make([]DemandRow, 0, len(m.Demands()))
	tallies := m.DemandTallies()
	for d, dm := range m.Demands() {
		r := DemandRow{ID: dm.ID, Name: dm.Name, RaisedBy: dm.RaisedBy, Tags: nonNil(dm.Tags), Date: dm.Date.String(), Issue: dm.Issue}
		t := tallies[d]
		r.Support, r.Oppose, r.Neutral = t.Support, t.Oppose, t.Neutral
		r.Unknown = len(m.Parties()) - t.Support - t.Oppose - t.Neutral
		rows = append(rows, r)
	}
	return DemandList{AsOf: m.AsOf().String(), Demands: rows}
}
