package graph_test

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/internal/synth"
)

// TestRankPairs: the ranking kept as packed keys reads out the pairs
// Pairs and SortPairs give, in every order, for all parties and some;
// pairs sharing no demand are listed while few, and counted always.
func TestRankPairs(t *testing.T) {
	for _, c := range configs() {
		m := synth.Scenario(c)
		for _, parties := range [][]int{nil, {0, 2, 3, 5}} {
			for _, order := range []graph.PairOrder{graph.MostConflicting, graph.MostAllied, graph.LeastKappa, graph.MostKappa} {
				want := graph.Pairs(m, parties)
				graph.SortPairs(want, order)
				unshared := 0
				for _, p := range want {
					if p.Shared == 0 {
						unshared++
					}
				}
				for _, listed := range []bool{true, false} {
					r, err := graph.RankPairs(m, parties, order, listed)
					if err != nil {
						t.Fatal(err)
					}
					var got []graph.Pair
					_ = r.Each(func(p graph.Pair) error { got = append(got, p); return nil })
					w := want
					if !listed {
						w = nil
						for _, p := range want {
							if p.Shared > 0 {
								w = append(w, p)
							}
						}
					}
					if r.Unshared != unshared || r.UnsharedListed != listed || !reflect.DeepEqual(got, w) && len(got)+len(w) > 0 {
						t.Fatalf("%+v, parties %v, order %d, listed %v: %d pairs, %d unshared; want %d, %d",
							c, parties, order, listed, len(got), r.Unshared, len(w), unshared)
					}
				}
			}
		}
	}
}

// TestSummarizeTopPairs: the strongest alliances and conflicts kept by
// bounded heaps over the pair stream are the first of the whole ranking.
func TestSummarizeTopPairs(t *testing.T) {
	for _, c := range configs() {
		m := synth.Scenario(c)
		for _, top := range []int{1, 3, 1000} {
			s := graph.Summarize(m, graph.SummaryOptions{Top: top})
			all := graph.Pairs(m, nil)
			for _, rel := range []struct {
				r     graph.Relation
				order graph.PairOrder
				got   []graph.Pair
				total int
			}{{graph.Alliance, graph.MostAllied, s.Alliances, s.AlliancesTotal}, {graph.Conflict, graph.MostConflicting, s.Conflicts, s.ConflictsTotal}} {
				graph.SortPairs(all, rel.order)
				var want []graph.Pair
				n := 0
				for _, p := range all {
					if p.Relation == rel.r {
						if len(want) < top {
							want = append(want, p)
						}
						n++
					}
				}
				if n != rel.total || !reflect.DeepEqual(rel.got, want) {
					t.Fatalf("%+v top %d, %v: %d of %d, want %d of %d", c, top, rel.r, len(rel.got), rel.total, len(want), n)
				}
			}
		}
	}
}

// TestTooManyPairs: 100,000 parties on one demand make five billion
// pairs; the all-pairs analyses refuse at once, saying so, and the summary
// answers the rest.
func TestTooManyPairs(t *testing.T) {
	b := graph.NewBuilder()
	d := b.AddDemand(graph.Demand{ID: "d"})
	for i := range 100000 {
		p := b.AddParty(graph.Party{ID: fmt.Sprintf("p%06d", i)})
		b.SetPosition(p, d, graph.Positions[i%3], graph.DefaultStrength)
	}
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if err := graph.CheckPairs(m, nil); !errors.Is(err, graph.ErrTooManyPairs) {
		t.Fatalf("CheckPairs = %v", err)
	}
	if _, err := graph.RankPairs(m, nil, graph.MostAllied, true); !errors.Is(err, graph.ErrTooManyPairs) {
		t.Fatalf("RankPairs: %v", err)
	}
	if p := graph.Coalitions(m, graph.CoalitionOptions{}); !errors.Is(p.Refused, graph.ErrTooManyPairs) || len(p.Blocs) > 0 {
		t.Fatalf("Coalitions: %v, %d blocs", p.Refused, len(p.Blocs))
	}
	s := graph.Summarize(m, graph.SummaryOptions{})
	if !errors.Is(s.PairsRefused, graph.ErrTooManyPairs) || len(s.Alliances)+len(s.Blocs.Blocs) > 0 {
		t.Fatalf("Summarize: %v", s.PairsRefused)
	}
	if s.Parties != 100000 || s.ContestedTotal != 1 || s.Support+s.Oppose+s.Neutral != 100000 {
		t.Fatalf("Summarize: %+v", s)
	}
	// A few hundred of them are fine.
	if err := graph.CheckPairs(m, []int{0, 1, 2, 3}); err != nil {
		t.Fatal(err)
	}
}
