package render

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/internal/synth"
)

// randomPairs are pairs of parties with many ties in weight and shared
// demands, zero weights among them.
func randomPairs(parties int, seed uint64) []pair {
	rng := rand.New(rand.NewPCG(seed, 2))
	var all []pair
	for x := range parties {
		for y := x + 1; y < parties; y++ {
			if rng.IntN(5) == 0 {
				continue
			}
			c := graph.PairCounts{Agree: rng.IntN(4), Conflict: rng.IntN(4), Shared: rng.IntN(3)}
			all = append(all, pair{x, y, c, float64(c.Agree - c.Conflict)})
		}
	}
	return all
}

// TestPairSelection checks the parties view's selections against sorting
// all the pairs.
func TestPairSelection(t *testing.T) {
	const parties = 40
	m := manyParties(t, parties)
	for seed := range uint64(3) {
		all := randomPairs(parties, seed)
		for _, k := range [][2]int{{2, 1}, {0, 1}, {3, 0}, {50, 50}} {
			keep := make([]bool, len(all))
			for p := range parties {
				var idx []int
				for i, q := range all {
					if q.x == p || q.y == p {
						idx = append(idx, i)
					}
				}
				slices.SortFunc(idx, func(a, b int) int { return stronger(all[a], all[b]) })
				np, nn := 0, 0
				for _, i := range idx {
					switch {
					case all[i].w > 0 && np < k[0]:
						keep[i] = true
						np++
					case all[i].w < 0 && nn < k[1]:
						keep[i] = true
						nn++
					}
				}
			}
			var want []pair
			for i, q := range all {
				if keep[i] {
					want = append(want, q)
				}
			}
			if got := strongestPerPartyPairs(m, all, k[0], k[1]); !slices.Equal(got, want) {
				t.Errorf("seed %d, each party's %d positive and %d negative: %d pairs kept, want %d", seed, k[0], k[1], len(got), len(want))
			}
		}
		for _, n := range []int{1, 2, 7, 100, 500, len(all) - 1} {
			var posi, nega []pair
			for _, p := range all {
				if p.w < 0 {
					nega = append(nega, p)
				} else {
					posi = append(posi, p)
				}
			}
			slices.SortFunc(posi, stronger)
			slices.SortFunc(nega, stronger)
			k := max(min(len(nega), n/2), n-len(posi))
			want := append(slices.Clone(posi[:n-k]), nega[:k]...)
			slices.SortFunc(want, byIndex)
			if got := topPairs(slices.Clone(all), n); !slices.Equal(got, want) {
				t.Errorf("seed %d, the %d strongest: %d pairs kept, want %d", seed, n, len(got), len(want))
			}
		}
	}
}

// TestUsesBlocs: the blocs are worth computing for the views that show
// them, and not for a picture of change.
func TestUsesBlocs(t *testing.T) {
	m := manyParties(t, 10)
	for _, tc := range []struct {
		opts Options
		want bool
	}{
		{Options{View: "parties"}, true},
		{Options{View: "parties", Layout: "sfdp"}, true},
		{Options{View: "matrix"}, true},
		{Options{View: "space"}, true},
		{Options{}, false},
		{Options{View: "map"}, false},
		{Options{View: "party:p0"}, false},
		{Options{View: "demand:d"}, false},
		{Options{View: "parties", Before: m}, false},
	} {
		if got := UsesBlocs(m, tc.opts); got != tc.want {
			t.Errorf("%+v: UsesBlocs %v, want %v", tc.opts, got, tc.want)
		}
	}
}

func manyParties(t *testing.T, n int) *graph.Model {
	b := graph.NewBuilder()
	b.AddDemand(graph.Demand{ID: "d"})
	for i := range n {
		b.AddParty(graph.Party{ID: fmt.Sprintf("p%d", i)})
		b.SetPosition(i, 0, graph.Support, graph.Firm)
	}
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestPickersMerge: pickers that each saw part of the pairs, in any
// order, keep together what one picker that saw them all keeps.
func TestPickersMerge(t *testing.T) {
	const parties = 40
	for seed := range uint64(3) {
		all := randomPairs(parties, seed)
		rng := rand.New(rand.NewPCG(seed, 9))
		for _, tc := range []struct{ mode, n, pos, neg int }{
			{keepAll, 0, 0, 0}, {keepTop, 7, 0, 0}, {keepTop, 500, 0, 0}, {keepTop, len(all) + 1, 0, 0},
			{keepPerParty, 0, 2, 1}, {keepPerParty, 0, 0, 1}, {keepPerParty, 0, 3, 0},
		} {
			one := newPicker(tc.mode, tc.n, parties, tc.pos, tc.neg)
			for _, p := range all {
				one.offer(p)
			}
			want := one.pairs()
			shuffled := slices.Clone(all)
			rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			parts := []*picker{newPicker(tc.mode, tc.n, parties, tc.pos, tc.neg), newPicker(tc.mode, tc.n, parties, tc.pos, tc.neg), newPicker(tc.mode, tc.n, parties, tc.pos, tc.neg)}
			for i, p := range shuffled {
				parts[i%3].offer(p)
			}
			parts[0].merge(parts[1])
			parts[0].merge(parts[2])
			if got := parts[0].pairs(); !slices.Equal(got, want) {
				t.Errorf("seed %d, %+v: merged pickers kept %d pairs, one picker %d", seed, tc, len(got), len(want))
			}
		}
	}
}

// TestPairsOfStreams: the pairs the parties view keeps as they stream past
// are those it kept from the list of all pairs, weighed by the objective
// resolved on all of them, on a model measured by several goroutines.
func TestPairsOfStreams(t *testing.T) {
	for _, c := range []synth.Config{
		{Parties: 300, Demands: 300, Density: 0.7, Blocs: 4, Support: 0.6, Noise: 0.15, Seed: 1}, // centred
		{Parties: 40, Demands: 12, Density: 0.6, Blocs: 2, Support: 0.5, Noise: 0.2, Seed: 2},    // net
	} {
		m := synth.Scenario(c)
		for _, o := range []graph.Objective{graph.ObjectiveAuto, graph.ObjectiveNet, graph.ObjectiveCentred} {
			ps := graph.Pairs(m, nil)
			wantO, _ := graph.ChooseObjective(ps, o)
			for _, minShared := range []int{1, 8} {
				var all []pair
				for _, p := range ps {
					if p.Shared >= minShared {
						all = append(all, pair{p.A, p.B, p.PairCounts, p.Weight(wantO)})
					}
				}
				for _, tc := range []struct{ mode, n int }{{keepAll, 0}, {keepTop, 50}, {keepPerParty, 0}} {
					want := all
					switch tc.mode {
					case keepTop:
						want = topPairs(all, tc.n)
					case keepPerParty:
						want = strongestPerPartyPairs(m, all, 2, 1)
					}
					got, total, gotO := pairsOf(m, minShared, o, tc.mode, tc.n, 2, 1)
					if gotO != wantO || total != len(all) || !slices.Equal(got, want) {
						t.Errorf("%d parties, objective %v, min shared %d, mode %d: %d of %d pairs by %v, want %d of %d by %v",
							c.Parties, o, minShared, tc.mode, len(got), total, gotO, len(want), len(all), wantO)
					}
				}
			}
		}
	}
}
