package main

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/parley/parley/data"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/internal/synth"
)

func TestAppendJSONFloat(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	values := []float64{0, 1, -1, 0.5, 1.0 / 3, -1.0 / 3, 1e-7, 1.5e-6, 1e-6, 9.99e20, 1e21, 123456789.125, -0.0}
	for range 2000 {
		values = append(values, rng.Float64(), -rng.Float64(), rng.Float64()*math.Pow(10, float64(rng.IntN(50)-25)))
	}
	for _, f := range values {
		want, _ := json.Marshal(f)
		if got := appendJSONFloat(nil, f); !bytes.Equal(got, want) {
			t.Errorf("appendJSONFloat(%v) = %s, encoding/json writes %s", f, got, want)
		}
	}
	for _, s := range []string{"plain", "with \"quotes\" and \\", "tab\there", "<&>", "é – “x”", "\u2028", "bad \xff utf-8"} {
		var want bytes.Buffer
		_ = writeJSON(&want, s)
		if got := appendJSONString(nil, s); !bytes.Equal(append(got, '\n'), want.Bytes()) {
			t.Errorf("appendJSONString(%q) = %s, writeJSON writes %s", s, got, want.Bytes())
		}
	}
}

// The reference shape of the conflicts/agreements document, as a value
// for writeJSON.
type demandSidesJSON struct {
	ID             string   `json:"id"`
	Supporters     []string `json:"supporters"`
	Opposers       []string `json:"opposers"`
	Neutral        []string `json:"neutral"`
	ConflictDegree float64  `json:"conflict_degree"`
}

type refPairJSON struct {
	pairJSON
	Stances *[]stanceRefJSON `json:"stances,omitempty"` // present, maybe empty, with lists
}

type pairsDocJSON struct {
	ConflictDegree float64           `json:"conflict_degree"`
	Demands        []demandSidesJSON `json:"demands"`
	Pairs          []refPairJSON     `json:"pairs"`
}

// TestPairsJSONStream checks that the streamed document is byte for byte
// what writeJSON writes for the same value, with and without lists.
func TestPairsJSONStream(t *testing.T) {
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
				pairs := graph.Pairs(m, parties)
				graph.SortPairs(pairs, graph.MostConflicting)
				var got bytes.Buffer
				if err := writePairsJSON(&got, m, parties, pairs, lists); err != nil {
					t.Fatal(err)
				}
				dcs := graph.DemandConflicts(m, parties)
				doc := pairsDocJSON{ConflictDegree: graph.ConflictDegree(dcs), Demands: []demandSidesJSON{}, Pairs: []refPairJSON{}}
				for _, dc := range dcs {
					doc.Demands = append(doc.Demands, demandSidesJSON{ID: m.Demands()[dc.Demand].ID,
						Supporters: nonNil(partyIDs(m, dc.Supporters)), Opposers: nonNil(partyIDs(m, dc.Opposers)),
						Neutral: nonNil(partyIDs(m, dc.Neutral)), ConflictDegree: dc.Degree})
				}
				for _, p := range pairs {
					rp := refPairJSON{pairJSON: pairToJSON(m, p, lists)}
					if lists {
						ag, cf, ne := graph.PairDemands(m, p.A, p.B)
						st := stancesOn(m, []int{p.A, p.B}, mergeSorted(ag, cf, ne))
						rp.Stances = &st
					}
					doc.Pairs = append(doc.Pairs, rp)
				}
				var want bytes.Buffer
				if err := writeJSON(&want, doc); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Fatalf("%s, parties %v, lists %v: the stream differs from writeJSON at byte %d:\n%s\n--- want ---\n%s",
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
