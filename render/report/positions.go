package report

import "github.com/parley/parley/graph"

// Positions is the answer of positions: where each party stands on the
// axes of the position map, how much of the variance each axis explains,
// and how each demand loads on them.
type Positions struct {
	Method     string `json:"method"`
	Dimensions int    `json:"dimensions"`
	// Explained is the share of the variance of the recorded stances each
	// axis explains.
	Explained  []float64 `json:"explained"`
	MinStances int       `json:"min_stances"`
	Iterations int       `json:"iterations"`
	Converged  bool      `json:"converged"`
	// IssuesWeighted: demands that share an issue count once for a party.
	IssuesWeighted bool               `json:"issues_weighted"`
	Parties        []PositionedParty  `json:"parties"`
	Demands        []PositionedDemand `json:"demands"`
}

// PositionedParty is a party on the map: its coordinates (null when it has
// too few stances to be placed, with the reason), and its stances.
type PositionedParty struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Coords  []float64 `json:"coords"`
	Stances int       `json:"stances"`
	Reason  string    `json:"reason"`
}

// PositionedDemand is a demand's loading on each axis: how much more a
// party at +1 backs it than the average party, in stance units (support 1,
// neutral ½, oppose 0); null when fewer than two placed parties have a
// stance on it.
type PositionedDemand struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Loadings []float64 `json:"loadings"`
}

// NewPositions describes the position map pm of m: parties and demands in
// id order.
func NewPositions(m *graph.Model, pm graph.PositionMap) Positions {
	j := Positions{Method: pm.Method, Dimensions: pm.Dimensions, Explained: pm.Explained, MinStances: pm.MinStances,
		Iterations: pm.Iterations, Converged: pm.Converged, IssuesWeighted: pm.IssuesWeighted,
		Parties: []PositionedParty{}, Demands: []PositionedDemand{}}
	for _, p := range pm.Parties {
		party := m.Parties()[p.Party]
		j.Parties = append(j.Parties, PositionedParty{ID: party.ID, Name: party.Name, Coords: p.Coords,
			Stances: p.Stances, Reason: p.Reason})
	}
	for _, d := range pm.Demands {
		dm := m.Demands()[d.Demand]
		j.Demands = append(j.Demands, PositionedDemand{ID: dm.ID, Name: dm.Name, Loadings: d.Loadings})
	}
	return j
}
