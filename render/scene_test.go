package render

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/parley/parley/graph"
)

// TestPairSelection checks the streamed selections against sorting all
// pairs, on pairs with many ties offered in a random order.
func TestPairSelection(t *testing.T) {
	const parties = 40
	rng := rand.New(rand.NewPCG(1, 2))
	var all []pair
	for x := range parties {
		for y := x + 1; y < parties; y++ {
			if rng.IntN(5) == 0 {
				continue
			}
			c := graph.PairCounts{Agree: rng.IntN(4), Conflict: rng.IntN(4), Shared: rng.IntN(3)}
			all = append(all, pair{x, y, c})
		}
	}
	shuffled := slices.Clone(all)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for _, k := range []int{1, 3, 50} {
		keep := make([]bool, len(all))
		for p := range parties {
			var idx []int
			for i, q := range all {
				if q.x == p || q.y == p {
					idx = append(idx, i)
				}
			}
			slices.SortFunc(idx, func(a, b int) int { return stronger(all[a], all[b]) })
			for _, i := range idx[:min(k, len(idx))] {
				keep[i] = true
			}
		}
		var want []pair
		for i, q := range all {
			if keep[i] {
				want = append(want, q)
			}
		}
		b := &bestPerParty{k: k, best: make([][]pair, parties)}
		for _, p := range shuffled {
			b.offer(p)
		}
		if got := b.pairs(); !slices.Equal(got, want) {
			t.Errorf("each party's %d strongest: %d pairs kept, want %d", k, len(got), len(want))
		}
	}
	for _, n := range []int{1, 7, 100, len(all) + 5} {
		sorted := slices.Clone(all)
		slices.SortFunc(sorted, stronger)
		want := sorted[:min(n, len(sorted))]
		slices.SortFunc(want, byIndex)
		top := &topPairs{n: n}
		for _, p := range shuffled {
			top.offer(p)
		}
		if got := top.pairs(); !slices.Equal(got, want) {
			t.Errorf("the %d strongest: %d pairs kept, want %d", n, len(got), len(want))
		}
	}
}

// TestUsesBlocs: the blocs are worth computing for the matrix and for a
// parties view whose layout draws clusters; a parties view laid out by
// sfdp draws none, even when given blocs.
func TestUsesBlocs(t *testing.T) {
	small, big := manyParties(t, 10), manyParties(t, maxSlowLayoutNodes+1)
	for _, tc := range []struct {
		m    *graph.Model
		opts Options
		want bool
	}{
		{small, Options{View: "parties"}, true},
		{small, Options{View: "parties", Layout: "dot"}, true},
		{small, Options{View: "parties", Layout: "neato"}, false},
		{small, Options{View: "parties", Layout: "sfdp"}, false},
		{small, Options{View: "matrix"}, true},
		{small, Options{}, false},
		{small, Options{View: "party:p0"}, false},
		{big, Options{View: "parties"}, false},
		{big, Options{View: "parties", Layout: "fdp"}, true},
		{big, Options{View: "matrix"}, true},
	} {
		if got := UsesBlocs(tc.m, tc.opts); got != tc.want {
			t.Errorf("%d parties, %+v: UsesBlocs %v, want %v", len(tc.m.Parties()), tc.opts, got, tc.want)
		}
		if tc.opts.View != "parties" {
			continue
		}
		tc.opts.Blocs = [][]string{{"p0", "p1"}, {"p2", "p3"}}
		tc.opts.Force = true
		p, err := New(tc.m, tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(p.scene.clusters) > 0; got != tc.want {
			t.Errorf("%d parties, layout %s: clusters drawn %v, want %v", len(tc.m.Parties()), p.scene.layout, got, tc.want)
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
