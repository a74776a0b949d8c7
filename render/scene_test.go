package render

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/parley/parley/graph"
)

// TestStrongestPerPartyPairs checks the selection against sorting each
// party's pairs, on pairs with many ties.
func TestStrongestPerPartyPairs(t *testing.T) {
	const parties = 40
	b := graph.NewBuilder()
	for i := range parties {
		b.AddParty(graph.Party{ID: "p" + string(rune('a'+i%26)) + string(rune('a'+i/26))})
	}
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
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
	for _, k := range []int{0, 1, 3, 50} {
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
		if got := strongestPerPartyPairs(m, all, k); !slices.Equal(got, want) {
			t.Errorf("k=%d: %d pairs kept, want %d", k, len(got), len(want))
		}
	}
}
