package render

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// spreadAllPairs is spread as first written: every pair, every round.
func spreadAllPairs(b []nodeBox, gap float64, rounds int) bool {
	for range rounds {
		moved := false
		for a := 0; a < len(b); a++ {
			for c := a + 1; c < len(b); c++ {
				p, q := &b[a], &b[c]
				dx := (p.w+q.w)/2 + gap - math.Abs(p.x-q.x)
				dy := (p.h+q.h)/2 + gap - math.Abs(p.y-q.y)
				if dx <= 0 || dy <= 0 {
					continue
				}
				moved = true
				if dx < dy {
					sx := 1.0
					if p.x < q.x || p.x == q.x && a < c {
						sx = -1
					}
					p.x += sx * dx / 2
					q.x -= sx * dx / 2
				} else {
					sy := 1.0
					if p.y < q.y || p.y == q.y && a < c {
						sy = -1
					}
					p.y += sy * dy / 2
					q.y -= sy * dy / 2
				}
			}
		}
		if !moved {
			return true
		}
	}
	return false
}

// TestSpreadAsAllPairs: the grid finds the same overlaps in the same order
// as trying every pair, to the last bit, on crowded and sparse pages, with
// boxes on top of one another and of many sizes.
func TestSpreadAsAllPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	trials := 40
	if testing.Short() {
		trials = 6
	}
	for trial := range trials {
		n := 2 + rng.IntN(150)
		page := 50 + rng.Float64()*float64(n)*40
		b := make([]nodeBox, n)
		for i := range b {
			b[i] = nodeBox{x: rng.Float64()*page - page/2, y: rng.Float64() * page * 0.7,
				w: 30 + rng.Float64()*120, h: 20 + rng.Float64()*30}
			if trial%3 == 0 && i%4 == 0 {
				b[i].x, b[i].y = 0, 0 // piled up
			}
			if trial%5 == 0 {
				b[i].x = math.Round(b[i].x / 40) // ties
			}
		}
		want := slices.Clone(b)
		done := spreadAllPairs(want, 6, 400)
		if got := spread(b, 6, 400); got != done {
			t.Fatalf("trial %d: spread says settled %v, every pair %v", trial, got, done)
		}
		if !slices.Equal(b, want) {
			for i := range b {
				if b[i] != want[i] {
					t.Fatalf("trial %d, %d boxes: box %d at %v, want %v", trial, n, i, b[i], want[i])
				}
			}
		}
	}
}

// TestSettleLeavesNoOverlap: a crowd packed too densely for pushes alone
// (boxes covering most of the page, as 500 country names on the parties
// view's canvas) comes apart with no two boxes overlapping, and the boxes
// keep their order along each axis where they were well apart.
func TestSettleLeavesNoOverlap(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{2, 30, 200, 500} {
		page := max(700, math.Sqrt(float64(n))*95)
		b := make([]nodeBox, n)
		for i := range b {
			b[i] = nodeBox{x: (rng.Float64() - 0.5) * page, y: (rng.Float64() - 0.5) * page * 0.7,
				w: 60 + rng.Float64()*120, h: 30}
		}
		orig := slices.Clone(b)
		settle(b, 6)
		for i := range b {
			for j := i + 1; j < len(b); j++ {
				p, q := b[i], b[j]
				if math.Abs(p.x-q.x) < (p.w+q.w)/2+6-1e-9 && math.Abs(p.y-q.y) < (p.h+q.h)/2+6-1e-9 {
					t.Fatalf("%d boxes: boxes %d and %d overlap at %v and %v", n, i, j, p, q)
				}
			}
		}
		// The far left stays left of the far right.
		left, right := 0, 0
		for i := range orig {
			if orig[i].x < orig[left].x {
				left = i
			}
			if orig[i].x > orig[right].x {
				right = i
			}
		}
		if n > 1 && b[left].x >= b[right].x {
			t.Errorf("%d boxes: the leftmost box ended right of the rightmost", n)
		}
	}
}
