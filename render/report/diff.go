package report

import (
	"github.com/parley/parley/graph"
	"github.com/parley/parley/render"
)

// Diff is the answer of diff: what changed from one model to another —
// parties and demands, stances, the relations of pairs, and the blocs.
type Diff struct {
	// AsOf is the date the stances are resolved at on both sides: --as-of, or "" for
	// the latest.
	AsOf           string           `json:"as_of"`
	From           string           `json:"from"`
	To             string           `json:"to"`
	PartiesAdded   []string         `json:"parties_added"`
	PartiesRemoved []string         `json:"parties_removed"`
	DemandsAdded   []string         `json:"demands_added"`
	DemandsRemoved []string         `json:"demands_removed"`
	Stances        []StanceChange   `json:"stances"`
	Relations      []RelationChange `json:"relations"`
	Blocs          BlocsChange      `json:"blocs"`
}

// StanceChange is a stance added, removed, changed or restated, with the
// entries in force before and after (nil on the side it is missing from).
type StanceChange struct {
	Party      string            `json:"party"`
	Demand     string            `json:"demand"`
	PartyName  string            `json:"party_name"`
	DemandName string            `json:"demand_name"`
	Change     string            `json:"change"`
	Before     *render.EntryJSON `json:"before"`
	After      *render.EntryJSON `json:"after"`
}

// RelationChange is a pair of parties whose relation changed, with their
// distance and shared demands before and after.
type RelationChange struct {
	A              string  `json:"a"`
	B              string  `json:"b"`
	Before         string  `json:"before"`
	After          string  `json:"after"`
	DistanceBefore float64 `json:"distance_before"`
	DistanceAfter  float64 `json:"distance_after"`
	SharedBefore   int     `json:"shared_before"`
	SharedAfter    int     `json:"shared_after"`
}

// BlocsChange is the blocs (party ids) of the two models, as coalitions
// finds them with its default options, and whether they differ.
type BlocsChange struct {
	Changed bool       `json:"changed"`
	Before  [][]string `json:"before"`
	After   [][]string `json:"after"`
}

// NewDiff compares before with after (graph.DiffModels, DiffRelations and
// the blocs of each); from and to are what the two are called, file names
// or dates.
func NewDiff(before, after *graph.Model, from, to string) Diff {
	d := graph.DiffModels(before, after)
	bb, ab := render.BlocsOf(before), render.BlocsOf(after)
	j := Diff{AsOf: after.AsOf().String(), From: from, To: to, PartiesAdded: nonNil(d.PartiesAdded), PartiesRemoved: nonNil(d.PartiesRemoved),
		DemandsAdded: nonNil(d.DemandsAdded), DemandsRemoved: nonNil(d.DemandsRemoved), Stances: []StanceChange{}}
	for _, c := range d.Stances {
		sj := StanceChange{Party: c.Party, Demand: c.Demand, PartyName: c.PartyName, DemandName: c.DemandName, Change: c.Kind.String()}
		if c.Kind != graph.Added {
			sj.Before = entryOf(c.Old, c.OldName)
		}
		if c.Kind != graph.Removed {
			sj.After = entryOf(c.New, c.NewName)
		}
		j.Stances = append(j.Stances, sj)
	}
	j.Relations = []RelationChange{}
	for _, r := range graph.DiffRelations(before, after) {
		j.Relations = append(j.Relations, RelationChange{A: r.A, B: r.B, Before: r.Before.String(), After: r.After.String(),
			DistanceBefore: r.DistanceBefore, DistanceAfter: r.DistanceAfter, SharedBefore: r.SharedBefore, SharedAfter: r.SharedAfter})
	}
	j.Blocs = BlocsChange{Changed: !graph.SameBlocs(bb, ab), Before: nonNil(bb), After: nonNil(ab)}
	return j
}

// Empty reports whether nothing changed: no party, demand, stance,
// relation or bloc.
func (d Diff) Empty() bool {
	return len(d.PartiesAdded)+len(d.PartiesRemoved)+len(d.DemandsAdded)+len(d.DemandsRemoved)+
		len(d.Stances)+len(d.Relations) == 0 && !d.Blocs.Changed
}

func entryOf(e graph.Entry, byName string) *render.EntryJSON {
	j := render.NewEntryJSON(e, byName)
	return &j
}
