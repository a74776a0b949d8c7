package graph

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
)

// The local search as it was on a dense n×n weight matrix, kept as the
// reference the search on the sparse graph must match move for move.

// refHeuristicClusters is exactClusters by local search: restarts from the
// all-singletons partition, the one-bloc partition and random ones, each
// improved by single-party moves and bloc merges and then perturbed a few
// times. The restarts run in parallel with their own random streams and
// are compared with the tie-breaks of exactClusters, so the answer depends
// only on the inputs.
func refHeuristicClusters(w []int32, n int, seed uint64, restarts int, progress func(done, total int)) []int {
	type result struct {
		labels      []int
		gain, blocs int
	}
	results := make([]result, restarts)
	var wg sync.WaitGroup
	jobs := make(chan int)
	var done atomic.Int64
	for range min(runtime.GOMAXPROCS(0), restarts) {
		wg.Go(func() {
			ls := newRefLocalSearch(w, n)
			for r := range jobs {
				rng := rand.New(rand.NewPCG(seed, uint64(r)))
				lab := ls.run(r, rng)
				g, b := withinGain(w, n, lab)
				results[r] = result{lab, g, b}
				if progress != nil {
					progress(int(done.Add(1)), restarts)
				}
			}
		})
	}
	for r := range restarts {
		jobs <- r
	}
	close(jobs)
	wg.Wait()
	best := results[0]
	for _, r := range results[1:] {
		if better(r.gain, r.blocs, best.gain, best.blocs) ||
			r.gain == best.gain && r.blocs == best.blocs && slices.Compare(r.labels, best.labels) < 0 {
			best = r
		}
	}
	return best.labels
}

// refLocalSearch holds the working state of one local search, reused across
// restarts: labels, bloc sizes, and for every party the total weight to
// each bloc.
type refLocalSearch struct {
	w      []int32
	n      int
	label  []int
	size   []int
	toBloc []int // toBloc[i*n+b] = Σ w from i to the members of bloc b other than i
	free   []int // empty bloc labels
}

func newRefLocalSearch(w []int32, n int) *refLocalSearch {
	return &refLocalSearch{w: w, n: n, label: make([]int, n), size: make([]int, n), toBloc: make([]int, n*n)}
}

// run performs restart r and returns its partition in canonical form.
func (ls *refLocalSearch) run(r int, rng *rand.Rand) []int {
	n := ls.n
	start := make([]int, n)
	switch r {
	case 0: // singletons
		for i := range start {
			start[i] = i
		}
	case 1: // one bloc
	default:
		k := 1 + rng.IntN(min(n, 2+r%8))
		for i := range start {
			start[i] = rng.IntN(k)
		}
	}
	ls.set(start)
	ls.descend(rng)
	best := slices.Clone(ls.label)
	bestGain, bestBlocs := withinGain(ls.w, n, best)
	for range perturbations {
		ls.set(best)
		kick := max(1, n/10)
		for range kick {
			i := rng.IntN(n)
			ls.move(i, rng.IntN(n)) // an empty bloc makes the party a bloc of its own
		}
		ls.descend(rng)
		g, b := withinGain(ls.w, n, ls.label)
		if better(g, b, bestGain, bestBlocs) {
			bestGain, bestBlocs = g, b
			copy(best, ls.label)
		}
	}
	return canonical(best)
}

// set loads a partition; labels must lie in 0..n-1.
func (ls *refLocalSearch) set(labels []int) {
	n := ls.n
	copy(ls.label, labels)
	clear(ls.size)
	clear(ls.toBloc)
	for i := range n {
		ls.size[labels[i]]++
	}
	for i := range n {
		row := ls.toBloc[i*n : (i+1)*n]
		for j := range n {
			if j != i {
				row[labels[j]] += int(ls.w[i*n+j])
			}
		}
	}
	ls.free = ls.free[:0]
	for b := n - 1; b >= 0; b-- {
		if ls.size[b] == 0 {
			ls.free = append(ls.free, b)
		}
	}
}

// move puts party i into bloc b. Cost O(n).
func (ls *refLocalSearch) move(i, b int) {
	a := ls.label[i]
	if a == b {
		return
	}
	n := ls.n
	if ls.size[b] == 0 {
		ls.free = slices.DeleteFunc(ls.free, func(x int) bool { return x == b })
	}
	ls.size[a]--
	ls.size[b]++
	if ls.size[a] == 0 {
		ls.free = append(ls.free, a)
	}
	ls.label[i] = b
	for j := range n {
		if j != i {
			wij := int(ls.w[j*n+i])
			ls.toBloc[j*n+a] -= wij
			ls.toBloc[j*n+b] += wij
		}
	}
}

// descend moves single parties and merges blocs until neither raises the
// weight within blocs nor, at equal weight, lowers the number of blocs.
func (ls *refLocalSearch) descend(rng *rand.Rand) {
	n := ls.n
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	for {
		moved := false
		rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			a := ls.label[i]
			row := ls.toBloc[i*n : (i+1)*n]
			bestB, bestV := a, row[a]
			for b := range n {
				if b == a || ls.size[b] == 0 {
					continue
				}
				v := row[b]
				// At equal weight, leaving a bloc of one lowers the bloc count.
				if v > bestV || v == bestV && bestB == a && ls.size[a] == 1 {
					bestB, bestV = b, v
				}
			}
			if bestV < 0 && ls.size[a] > 1 && len(ls.free) > 0 {
				bestB = ls.free[len(ls.free)-1] // alone beats every bloc
			}
			if bestB != a {
				ls.move(i, bestB)
				moved = true
			}
		}
		if ls.merge() {
			moved = true
		}
		if !moved {
			return
		}
	}
}

// merge joins the two blocs with the largest weight between them when it
// is at least zero (zero still saves a bloc); it reports whether it did.
// Cost O(n·B).
func (ls *refLocalSearch) merge() bool {
	n := ls.n
	var blocs []int
	for b := range n {
		if ls.size[b] > 0 {
			blocs = append(blocs, b)
		}
	}
	bestA, bestB, bestV := -1, -1, -1
	between := make([]int, n)
	for _, a := range blocs {
		clear(between)
		for i := range n {
			if ls.label[i] == a {
				row := ls.toBloc[i*n : (i+1)*n]
				for _, b := range blocs {
					between[b] += row[b]
				}
			}
		}
		for _, b := range blocs {
			if b > a && between[b] > bestV {
				bestA, bestB, bestV = a, b, between[b]
			}
		}
	}
	if bestA < 0 {
		return false
	}
	for i := range n {
		if ls.label[i] == bestB {
			ls.move(i, bestA)
		}
	}
	return true
}

// sparseHeuristic runs the local search on the graph of a weight matrix,
// every restart.
func sparseHeuristic(w []int32, n int, seed uint64, restarts int) []int {
	lab, _, _ := heuristicClusters(sparseOf(w, n), seed, restarts, math.MaxInt64, nil)
	return lab
}

// TestSparseSearchMatchesDense: the local search over adjacency lists
// makes the moves and merges the search over the whole matrix made, tie
// for tie, so it finds the same partition from the same seed — on dense
// and sparse signed graphs, with zero weights and many ties.
func TestSparseSearchMatchesDense(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for c := range 300 {
		n := 2 + rng.IntN(60)
		density := []float64{1, 0.5, 0.1, 0.02}[c%4]
		lo, hi := -3, 3
		if c%3 == 0 {
			lo, hi = -1, 1
		}
		w := make([]int32, n*n)
		for i := range n {
			for j := i + 1; j < n; j++ {
				if rng.Float64() < density {
					v := int32(lo + rng.IntN(hi-lo+1))
					w[i*n+j], w[j*n+i] = v, v
				}
			}
		}
		seed := uint64(c)
		want := refHeuristicClusters(w, n, seed, 8, nil)
		if got := sparseHeuristic(w, n, seed, 8); !slices.Equal(got, want) {
			t.Fatalf("case %d (n=%d, density %v): sparse search %v, dense %v", c, n, density, got, want)
		}
	}
}

// TestKeptWeightsMatchDense: on dense graphs of more parties than the
// search keeps bloc weights for at the start (the singletons restart, and
// kicks that make many blocs of one), the search that keeps each party's
// weight to each bloc moves and merges as the row-by-row search does —
// with planted blocs, with none, and with many ties.
func TestKeptWeightsMatchDense(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for c := range 15 {
		n := []int{70, 130, 260}[c%3]
		blocs := []int{1, 3, 7, 40, n / 2}[c%5] // n/2: more blocs than are kept, now and then
		lo, hi := -3, 3
		if c%2 == 0 {
			lo, hi = -1, 1
		}
		of := make([]int, n)
		for i := range of {
			of[i] = rng.IntN(blocs)
		}
		w := make([]int32, n*n)
		for i := range n {
			for j := i + 1; j < n; j++ {
				v := int32(lo + rng.IntN(hi-lo+1))
				if blocs > 1 && rng.Float64() < 0.7 {
					v = 2
					if of[i] != of[j] {
						v = -2
					}
				}
				w[i*n+j], w[j*n+i] = v, v
			}
		}
		seed := uint64(c)
		want := refHeuristicClusters(w, n, seed, 8, nil)
		if got := sparseHeuristic(w, n, seed, 8); !slices.Equal(got, want) {
			t.Fatalf("case %d (n=%d, %d planted blocs): %v, row by row %v", c, n, blocs, got, want)
		}
	}
}
