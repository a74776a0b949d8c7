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

// NewPartyRows is the answer of list parties, in the model's party order.
func NewPartyRows(m *graph.Model) []PartyRow {
	rows := make([]PartyRow, 0, len(m.Parties()))
	for p, party := range m.Parties() {
		r := PartyRow{ID: party.ID, Name: party.Name, Aliases: nonNil(party.Aliases)}
		t, red := m.PartyTally(p)
		r.Support, r.Oppose, r.Neutral, r.RedLines = t.Support, t.Oppose, t.Neutral, red
		r.Stances = t.Support + t.Oppose + t.Neutral
		rows = append(rows, r)
	}
	return rows
}

// NewDemandRows is the answer of list demands, in the model's demand
// order.
func NewDemandRows(m *graph.Model) []DemandRow {
	rows := make([]DemandRow, 0, len(m.Demands()))
	tallies := m.DemandTallies()
	for d, dm := range m.Demands() {
		r := DemandRow{ID: dm.ID, Name: dm.Name, RaisedBy: dm.RaisedBy, Tags: nonNil(dm.Tags), Date: dm.Date.String(), Issue: dm.Issue}
		t := tallies[d]
		r.Support, r.Oppose, r.Neutral = t.Support, t.Oppose, t.Neutral
		r.Unknown = len(m.Parties()) - t.Support - t.Oppose - t.Neutral
		rows = append(rows, r)
	}
	return rows
}
