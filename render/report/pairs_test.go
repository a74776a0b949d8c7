package report_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/parley/parley/data"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/internal/synth"
	"github.com/parley/parley/render/report"
)

// The reference shape of the conflicts/agreements document, as a value
// for Write.
type demandSides struct {
	ID             string   `json:"id"`
	Supporters     []string `json:"supporters"`
	Opposers       []string `json:"opposers"`
	Neutral        []string `json:"neutral"`
	ConflictDegree float64  `json:"conflict_degree"`
	Engaged        int      `json:"engaged"`
	EngagedDegree  float64  `json:"engaged_conflict_degree"`
}

type refPair struct {
	report.Pair
	Stances *[]report.StanceRef `json:"stances,omitempty"` // present, maybe empty, with lists
}

type pairsDoc struct {
	AsOf           string        `json:"as_of"`
	ConflictDegree float64       `json:"conflict_degree"`
	UnsharedPairs  int           `json:"unshared_pairs"`
	UnsharedListed bool          `json:"unshared_listed"`
	Demands        []demandSides `json:"demands"`
	Pairs          []refPair     `json:"pairs"`
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// TestWritePairs checks that the streamed document is byte for byte what
// Write writes for the same value, with and without lists.
func TestWritePairs(t *testing.T) {
	l, err := data.LoadEmbedded(data.DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	// The 50 × 500 scenario without lists (with them it is a million
	// stances, slow to build as a value), a smaller one with them.
	small := synth.Config{Parties: 8, Demands: 130, Density: 0.7, Blocs: 2, Support: 0.5, Noise: 0.2,
		Excludes: 5, Strengths: true, Evidence: true, Seed: 3}
	models := map[string]*graph.Model{"riyadh": l.Model, "spec": synth.Scenario(synth.Spec()), "small": synth.Scenario(small)}
	for name, m := range models {
		for _, parties := range [][]int{nil, {0, 2, 3}} {
			for _, lists := range []bool{true, false} {
				if lists && name == "spec" {
					continue
				}
				var got bytes.Buffer
				if err := report.WritePairs(&got, m, parties, graph.MostConflicting, lists); err != nil {
					t.Fatal(err)
				}
				pairs := graph.Pairs(m, parties)
				graph.SortPairs(pairs, graph.MostConflicting)
				dcs := graph.DemandConflicts(m, parties)
				doc := pairsDoc{AsOf: m.AsOf().String(), ConflictDegree: graph.ConflictDegree(dcs), Demands: []demandSides{}, Pairs: []refPair{}}
				for _, dc := range dcs {
					doc.Demands = append(doc.Demands, demandSides{ID: m.Demands()[dc.Demand].ID,
						Supporters: nonNil(report.PartyIDs(m, dc.Supporters)), Opposers: nonNil(report.PartyIDs(m, dc.Opposers)),
						Neutral: nonNil(report.PartyIDs(m, dc.Neutral)), ConflictDegree: dc.Degree,
						Engaged: dc.Engaged, EngagedDegree: dc.EngagedDegree})
				}
				for _, p := range pairs {
					if p.Shared == 0 {
						doc.UnsharedPairs++
					}
				}
				doc.UnsharedListed = doc.UnsharedPairs <= graph.UnsharedListed
				for _, p := range pairs {
					if p.Shared == 0 && !doc.UnsharedListed {
						continue
					}
					rp := refPair{Pair: report.NewPair(m, p, lists)}
					if lists {
						ag, cf, ne := graph.PairDemands(m, p.A, p.B)
						shared := slices.Concat(ag, cf, ne)
						slices.Sort(shared)
						st := report.StancesOn(m, []int{p.A, p.B}, shared)
						rp.Stances = &st
					}
					doc.Pairs = append(doc.Pairs, rp)
				}
				var want bytes.Buffer
				if err := report.Write(&want, doc); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Fatalf("%s, parties %v, lists %v: the stream differs from Write at byte %d:\n%s\n--- want ---\n%s",
						name, parties, lists, firstDiff(got.Bytes(), want.Bytes()), excerpt(got.Bytes()), excerpt(want.Bytes()))
				}
			}
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func excerpt(b []byte) []byte { return b[:min(len(b), 2000)] }
