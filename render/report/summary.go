package report

import "github.com/parley/parley/graph"

// Summary is the answer of summary: the one-screen overview of a scenario.
type Summary struct {
	// AsOf is the date the stances are resolved at: --as-of, or "" for
	// the latest.
	AsOf           string      `json:"as_of"`
	Title          string      `json:"title"`
	Date           string      `json:"date"`
	Parties        int         `json:"parties"`
	Demands        int         `json:"demands"`
	Stances        int         `json:"stances"`
	Sources        int         `json:"sources"`
	Support        int         `json:"support"`
	Oppose         int         `json:"oppose"`
	Neutral        int         `json:"neutral"`
	ConflictDegree float64     `json:"conflict_degree"`
	Contested      []Contested `json:"contested"`
	Coalitions     Coalitions  `json:"coalitions"`
	Alliances      []Pair      `json:"alliances"`
	Conflicts      []Pair      `json:"conflicts"`
	CommonGround   Ground      `json:"common_ground"`
	RedLines       []StanceRef `json:"red_lines"`
	RedLinesTotal  int         `json:"red_lines_total"`
	// PairsRefused says why the coalitions, alliances and conflicts are
	// empty when the parties make too many pairs (graph.PairLimit).
	PairsRefused string `json:"pairs_refused,omitempty"`
}

// Contested is a demand with both supporters and opposers, and its
// conflict degree among all parties and among the engaged, those with a
// stance on it.
type Contested struct {
	ID                    string   `json:"id"`
	Name                  string   `json:"name"`
	Supporters            []string `json:"supporters"`
	Opposers              []string `json:"opposers"`
	Neutral               []string `json:"neutral"`
	ConflictDegree        float64  `json:"conflict_degree"`
	Engaged               int      `json:"engaged"`
	EngagedConflictDegree float64  `json:"engaged_conflict_degree"`
}

// NewSummary summarizes m with so (graph.Summarize) and describes it; with
// lists, the blocs, pairs and common ground carry their demand lists and
// stances too.
func NewSummary(m *graph.Model, so graph.SummaryOptions, lists bool) Summary {
	s := graph.Summarize(m, so)
	j := Summary{AsOf: m.AsOf().String(), Title: s.Meta.Title, Date: s.Meta.Date.String(), Parties: s.Parties, Demands: s.Demands,
		Stances: s.Support + s.Oppose + s.Neutral, Sources: s.Sources, Support: s.Support, Oppose: s.Oppose,
		Neutral: s.Neutral, ConflictDegree: s.ConflictDegree, Contested: []Contested{},
		Coalitions: coalitionsOf(m, s.Blocs, so.Coalitions, lists),
		Alliances:  []Pair{}, Conflicts: []Pair{}, CommonGround: groundOf(m, s.Ground, lists),
		RedLines: []StanceRef{}, RedLinesTotal: s.RedLinesTotal}
	if s.PairsRefused != nil {
		j.PairsRefused = s.PairsRefused.Error()
	}
	for _, dc := range s.Contested {
		dm := m.Demands()[dc.Demand]
		j.Contested = append(j.Contested, Contested{ID: dm.ID, Name: dm.Name, Supporters: nonNil(PartyIDs(m, dc.Supporters)),
			Opposers: nonNil(PartyIDs(m, dc.Opposers)), Neutral: nonNil(PartyIDs(m, dc.Neutral)), ConflictDegree: dc.Degree,
			Engaged: dc.Engaged, EngagedConflictDegree: dc.EngagedDegree})
	}
	for _, p := range s.Alliances {
		j.Alliances = append(j.Alliances, NewPair(m, p, lists))
	}
	for _, p := range s.Conflicts {
		j.Conflicts = append(j.Conflicts, NewPair(m, p, lists))
	}
	for _, st := range s.RedLines {
		j.RedLines = append(j.RedLines, NewStanceRef(m, st))
	}
	return j
}
