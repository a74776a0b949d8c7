package report

import "github.com/parley/parley/graph"

// Coalitions is the answer of coalitions: the partition of the parties into
// blocs of least frustration, how it was found, and the pairs that work
// against it.
type Coalitions struct {
	// AsOf is the date the stances are resolved at: --as-of, or "" for
	// the latest.
	AsOf   string `json:"as_of"`
	Exact  bool   `json:"exact"`
	Method string `json:"method"` // exact or heuristic
	// Objective is the pair weight the blocs were sought by, net or
	// centred; Auto that the default chose it, from MedianShared, the
	// median number of issues the linked pairs share.
	Objective    string  `json:"objective"`
	Auto         bool    `json:"auto"`
	MedianShared int     `json:"median_shared"`
	Frustration  float64 `json:"frustration"`
	Groups       int     `json:"groups"`
	LargestGroup int     `json:"largest_group"`
	Seed         uint64  `json:"seed"`
	Restarts     int     `json:"restarts"`
	// RestartsRun is the fewest local searches run for a group solved by
	// the heuristic, fewer than Restarts when the work budget ran out;
	// ExactGroups the groups solved exactly, of Groups.
	RestartsRun int              `json:"restarts_run"`
	ExactGroups int              `json:"exact_groups"`
	Blocs       []Bloc           `json:"blocs"`
	Frustrated  []FrustratedPair `json:"frustrated"`
	// FrustratedTotal counts the pairs against the partition; Frustrated
	// lists the strongest of them (graph.FrustratedLimit).
	FrustratedTotal int `json:"frustrated_total"`
}

// Bloc is one bloc of a partition: its parties, how well they agree, the
// weights within and to the other blocs, and what unites and splits it.
type Bloc struct {
	Parties           []string `json:"parties"`
	Size              int      `json:"size"`
	InternalAgreement float64  `json:"internal_agreement"`
	InternalWeight    float64  `json:"internal_weight"`
	ExternalWeight    float64  `json:"external_weight"`
	Agree             int      `json:"agree"`
	Conflict          int      `json:"conflict"`
	Neutral           int      `json:"neutral"`
	Shared            int      `json:"shared"`
	// With the lists only; nil pointers leave them out, empty lists show
	// as [].
	UnitedOn *[]string    `json:"united_on,omitempty"`
	SplitOn  *[]string    `json:"split_on,omitempty"`
	Stances  *[]StanceRef `json:"stances,omitempty"`
}

// FrustratedPair is a pair that works against a partition: allies put in
// different blocs, or adversaries put in one.
type FrustratedPair struct {
	A        string  `json:"a"`
	B        string  `json:"b"`
	Weight   float64 `json:"weight"`
	SameBloc bool    `json:"same_bloc"`
}

// NewCoalitions finds the blocs of m with co (graph.Coalitions) and
// describes them; with lists, each bloc's united and split demands and the
// stances behind them too.
func NewCoalitions(m *graph.Model, co graph.CoalitionOptions, lists bool) Coalitions {
	return coalitionsOf(m, graph.Coalitions(m, co), co, lists)
}

// coalitionsOf describes partition p, found with co.
func coalitionsOf(m *graph.Model, p graph.Partition, co graph.CoalitionOptions, lists bool) Coalitions {
	j := Coalitions{AsOf: m.AsOf().String(), Exact: p.Exact, Method: method(p), Objective: p.Objective.String(), Auto: p.Auto,
		MedianShared: p.MedianShared, Frustration: p.Frustration, Groups: p.Groups,
		LargestGroup: p.Largest, Seed: co.Seed, Restarts: co.Restarts, RestartsRun: p.Restarts, ExactGroups: p.ExactGroups,
		Blocs: []Bloc{}, Frustrated: []FrustratedPair{}, FrustratedTotal: p.FrustratedTotal}
	if j.Restarts == 0 {
		j.Restarts = graph.DefaultRestarts
	}
	for _, b := range p.Blocs {
		bj := Bloc{Parties: PartyIDs(m, b.Parties), Size: len(b.Parties), InternalAgreement: b.InternalAgreement,
			InternalWeight: b.InternalWeight, ExternalWeight: b.ExternalWeight,
			Agree: b.Inside.Agree, Conflict: b.Inside.Conflict, Neutral: b.Inside.Neutral, Shared: b.Inside.Shared}
		if lists {
			united, split := graph.BlocDemands(m, b.Parties)
			u, sp := nonNil(DemandIDs(m, united)), nonNil(DemandIDs(m, split))
			st := StancesOn(m, b.Parties, mergeSorted(united, split))
			bj.UnitedOn, bj.SplitOn, bj.Stances = &u, &sp, &st
		}
		j.Blocs = append(j.Blocs, bj)
	}
	blocOf := map[int]int{}
	for i, b := range p.Blocs {
		for _, x := range b.Parties {
			blocOf[x] = i
		}
	}
	for _, f := range p.Frustrated {
		j.Frustrated = append(j.Frustrated, FrustratedPair{A: m.Parties()[f.A].ID, B: m.Parties()[f.B].ID,
			Weight: f.Weight(p.Objective), SameBloc: blocOf[f.A] == blocOf[f.B]})
	}
	return j
}

func method(p graph.Partition) string {
	if p.Exact {
		return "exact"
	}
	return "heuristic"
}
