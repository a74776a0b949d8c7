package graph

import (
	"cmp"
	"container/heap"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
)

// PairLimit is how many pairs of parties that may share a demand the
// all-pairs analyses (Pairs, RankPairs, Coalitions, the pair parts of
// Summarize) take on: about 6,300 parties that all address the same
// demands, or many more who, like the members of a legislature over the
// decades, mostly never sat together. Beyond it the work (hours) and the
// memory (gigabytes for the blocs' pair weights) outgrow what an answer
// on a terminal is worth; CheckPairs says so before anything is computed.
const PairLimit = 20_000_000

// ErrTooManyPairs is wrapped by CheckPairs.
var ErrTooManyPairs = errors.New("too many pairs of parties")

// CandidatePairs bounds from above how many pairs among parties (all when
// nil) share a demand, from which blocks of demands each party has stances
// in; pairs that certainly share none are not counted. Cost O(P).
func CandidatePairs(m *Model, parties []int) int64 {
	if parties == nil {
		parties = allParties(m)
	}
	var per [64]int64
	for _, p := range parties {
		for x := m.pos.mask[p]; x != 0; x &= x - 1 {
			per[trailingZeros(x)]++
		}
	}
	n := int64(len(parties))
	total := n * (n - 1) / 2
	sum := int64(0)
	for _, k := range per {
		sum += k * (k - 1) / 2
	}
	return min(total, sum)
}

// CheckPairs returns an error wrapping ErrTooManyPairs when the parties
// (all when nil) make more pairs that may share a demand than PairLimit.
// Cost O(P).
func CheckPairs(m *Model, parties []int) error {
	n := len(m.parties)
	if parties != nil {
		n = len(parties)
	}
	if c := CandidatePairs(m, parties); c > PairLimit {
		return fmt.Errorf("%w: %d parties make up to %d pairs that share a demand, over the %d pairs the all-pairs analyses take on (about 6,300 parties who all address the same demands); narrow the parties first",
			ErrTooManyPairs, n, c, PairLimit)
	}
	return nil
}

// pairWorkers is how many goroutines measure pairs: one for small models.
func pairWorkers(m *Model, n int) int {
	if len(m.pos.bits) < 1<<12 || n < 3 {
		return 1
	}
	return max(1, min(runtime.GOMAXPROCS(0), n-1))
}

// eachPair measures every pair (parties[i], parties[j]), i < j, that
// shares at least one demand, calling fn(worker, i, j, pair) from workers
// goroutines (as pairWorkers returns, numbered from 0), and returns how
// many pairs share no demand. Pairs whose blocks of stances do not meet
// cost nothing. The order of the calls depends on scheduling; callers
// make their answers independent of it.
func eachPair(m *Model, parties []int, workers int, fn func(w, i, j int, p *Pair)) (unshared int64) {
	n := len(parties)
	if n < 2 {
		return 0
	}
	masks := make([]uint64, n)
	for i, p := range parties {
		masks[i] = m.pos.mask[p]
	}
	var next sync.Mutex
	row := 0
	counts := make([]int64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			// One pair a worker, handed to fn by pointer: a pair declared
			// in the loop would be allocated anew for every pair.
			var p Pair
			for {
				next.Lock()
				i := row
				row++
				next.Unlock()
				if i >= n-1 {
					return
				}
				mi, pi := masks[i], parties[i]
				for j := i + 1; j < n; j++ {
					if mi&masks[j] == 0 {
						counts[w]++
						continue
					}
					p = MeasurePair(m, pi, parties[j])
					if p.Shared == 0 {
						counts[w]++
						continue
					}
					fn(w, i, j, &p)
				}
			}
		})
	}
	wg.Wait()
	for _, c := range counts {
		unshared += c
	}
	return unshared
}

// EachPair measures every pair of parties among parties (all when nil;
// sorted, without repeats) that shares a demand, for callers that keep a
// few of them: it calls start once with the number of goroutines it uses,
// then fn(w, p) from those goroutines, w numbering them from 0, so that
// each may keep its own state. p is the caller's only during the call. The
// order of the calls depends on scheduling: callers make their answers
// independent of it. Cost O(P²·D/64) time spread over the cores, skipping
// pairs whose blocks of stances do not meet, and no memory a pair.
func EachPair(m *Model, parties []int, start func(workers int), fn func(w int, p *Pair)) {
	if parties == nil {
		parties = allParties(m)
	}
	workers := pairWorkers(m, len(parties))
	start(workers)
	eachPair(m, parties, workers, func(w, _, _ int, p *Pair) { fn(w, p) })
}

// pairKey is what the orders of SortPairs look at, packed: a ranking of
// millions of pairs keeps these and measures each pair again when it is
// read out.
type pairKey struct {
	a, b                             int32
	agree, conflict, neutral, shared int32
	issues                           int32
	at                               int32 // index of the whole pair in RankedPairs.pairs, when kept
	hasKappa                         bool
	distance, kappa                  float64
}

func keyOf(p *Pair) pairKey {
	return pairKey{a: int32(p.A), b: int32(p.B), agree: int32(p.Agree), conflict: int32(p.Conflict),
		neutral: int32(p.Neutral), shared: int32(p.Shared), issues: int32(p.Issues), hasKappa: p.HasKappa,
		distance: p.Distance, kappa: p.Kappa}
}

// pairOrder returns the comparison of order: negative when x ranks first.
func pairOrder(order PairOrder) func(x, y *pairKey) int {
	return func(x, y *pairKey) int { return comparePairs(order, x, y) }
}

// comparePairs ranks x against y under order: negative when x comes first.
// Ties end in party index order.
func comparePairs(order PairOrder, x, y *pairKey) int {
	if order == LeastKappa || order == MostKappa {
		// Pairs with a κ before those without one.
		if x.hasKappa != y.hasKappa {
			if x.hasKappa {
				return -1
			}
			return 1
		}
		if x.hasKappa && x.kappa != y.kappa {
			if (x.kappa < y.kappa) == (order == LeastKappa) {
				return -1
			}
			return 1
		}
	}
	var c int
	if order == MostConflicting || order == LeastKappa {
		// By distance, largest first, then by conflicts, most first.
		if c = -cmpDistance(x, y); c == 0 {
			c = cmp.Compare(y.conflict, x.conflict)
		}
	} else if c = cmpDistance(x, y); c == 0 {
		c = cmp.Compare(y.agree, x.agree)
	}
	if c != 0 {
		return c
	}
	if x.a != y.a {
		return cmp.Compare(x.a, y.a)
	}
	return cmp.Compare(x.b, y.b)
}

// cmpDistance compares the distances of two pairs: as fractions
// (2C+N)/(2S), with ½ for S = 0, when each shared issue is one demand;
// otherwise as floats. The floats are those fractions correctly rounded,
// so where they differ they order the fractions; only equal floats need
// the fractions themselves.
func cmpDistance(x, y *pairKey) int {
	if x.distance != y.distance {
		return cmp.Compare(x.distance, y.distance)
	}
	if x.issues != x.shared || y.issues != y.shared {
		return 0
	}
	num := func(p *pairKey) (int64, int64) {
		if p.shared == 0 {
			return 1, 2
		}
		return int64(2*p.conflict + p.neutral), int64(2 * p.shared)
	}
	a, b := num(x)
	c, d := num(y)
	return cmp.Compare(a*d, c*b)
}

// topPairs keeps the k pairs that rank first under an order, and how many
// were offered: a bounded heap whose root is the worst kept.
type topPairs struct {
	k     int
	less  func(x, y *pairKey) int
	keys  []pairKey
	pairs []Pair
	total int
}

func newTopPairs(k int, order PairOrder) *topPairs {
	return &topPairs{k: k, less: pairOrder(order)}
}

func (t *topPairs) Len() int           { return len(t.keys) }
func (t *topPairs) Less(i, j int) bool { return t.less(&t.keys[i], &t.keys[j]) > 0 }
func (t *topPairs) Swap(i, j int) {
	t.keys[i], t.keys[j] = t.keys[j], t.keys[i]
	t.pairs[i], t.pairs[j] = t.pairs[j], t.pairs[i]
}
func (t *topPairs) Push(any) {}
func (t *topPairs) Pop() any { return nil }

// offer counts p and keeps it if it ranks among the first k.
func (t *topPairs) offer(p *Pair) {
	t.total++
	if t.k <= 0 {
		return
	}
	k := keyOf(p)
	if len(t.keys) < t.k {
		t.keys = append(t.keys, k)
		t.pairs = append(t.pairs, *p)
		heap.Fix(t, len(t.keys)-1)
		return
	}
	if t.less(&k, &t.keys[0]) < 0 {
		t.keys[0], t.pairs[0] = k, *p
		heap.Fix(t, 0)
	}
}

// merge adds what another heap kept and counted.
func (t *topPairs) merge(o *topPairs) {
	total := t.total + o.total
	for i := range o.pairs {
		t.offer(&o.pairs[i])
	}
	t.total = total
}

// sorted returns the pairs kept, first first.
func (t *topPairs) sorted() []Pair {
	if len(t.keys) == 0 {
		return nil
	}
	idx := make([]int, len(t.keys))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(x, y int) int { return t.less(&t.keys[x], &t.keys[y]) })
	out := make([]Pair, len(idx))
	for i, x := range idx {
		out[i] = t.pairs[x]
	}
	return out
}

// RankedPairs is every pair among some parties that shares a demand, in
// the order of a PairOrder, kept as packed keys (56 bytes a pair) and
// measured again as it is read.
type RankedPairs struct {
	m     *Model
	keys  []pairKey
	pairs []Pair // the pairs measured, when there are few (pairKey.at)
	// Unshared counts the pairs that share no demand: nothing recorded
	// compares them. They are among the ranked pairs, with distance ½ and
	// no κ, only when RankPairs was asked to list them and there are at
	// most UnsharedListed of them.
	Unshared int
	// UnsharedListed reports that they are.
	UnsharedListed bool
}

// UnsharedListed is the most pairs sharing no demand RankPairs lists.
const UnsharedListed = 1000

// keepWhole is the most pairs RankPairs keeps whole (112 bytes each)
// instead of measuring them again as they are read.
const keepWhole = 1 << 18

// RankPairs ranks the pairs among parties (all when nil; sorted, without
// repeats) that share a demand by order, as SortPairs would; with
// unshared, the pairs that share none too when there are at most
// UnsharedListed of them. It refuses more pairs than PairLimit (see
// CheckPairs). Cost O(P²·D/64) time spread over the cores, skipping pairs
// whose blocks of stances do not meet, and 56 bytes a ranked pair.
func RankPairs(m *Model, parties []int, order PairOrder, unshared bool) (*RankedPairs, error) {
	if err := CheckPairs(m, parties); err != nil {
		return nil, err
	}
	if parties == nil {
		parties = allParties(m)
	}
	workers := pairWorkers(m, len(parties))
	per := make([][]pairKey, workers)
	// Few pairs are kept whole rather than measured twice.
	total := int64(len(parties)) * int64(len(parties)-1) / 2
	whole := total <= keepWhole
	var kept [][]Pair
	if whole {
		kept = make([][]Pair, workers)
		for w := range workers {
			per[w] = make([]pairKey, 0, int(total)/workers+1)
			kept[w] = make([]Pair, 0, int(total)/workers+1)
		}
	}
	n := eachPair(m, parties, workers, func(w, _, _ int, p *Pair) {
		k := keyOf(p)
		if whole {
			k.at = int32(len(kept[w]))
			kept[w] = append(kept[w], *p)
		}
		per[w] = append(per[w], k)
	})
	r := &RankedPairs{m: m, Unshared: int(n)}
	if whole {
		r.pairs = make([]Pair, 0, total)
		for w := range kept {
			for i := range per[w] {
				per[w][i].at += int32(len(r.pairs))
			}
			r.pairs = append(r.pairs, kept[w]...)
		}
	}
	size := 0
	for _, ks := range per {
		size += len(ks)
	}
	if unshared && n <= UnsharedListed {
		size += int(n)
		r.UnsharedListed = true
	}
	r.keys = make([]pairKey, 0, size)
	for w := range per {
		r.keys = append(r.keys, per[w]...)
		per[w] = nil
	}
	if r.UnsharedListed && n > 0 {
		for i := range parties {
			for j := i + 1; j < len(parties); j++ {
				if !m.pos.shareBlock(parties[i], parties[j]) || m.Compare(parties[i], parties[j]).Shared == 0 {
					p := Pair{A: parties[i], B: parties[j], Distance: 0.5}
					k := keyOf(&p)
					k.at = -1
					r.keys = append(r.keys, k)
				}
			}
		}
	}
	slices.SortFunc(r.keys, func(x, y pairKey) int { return comparePairs(order, &x, &y) })
	return r, nil
}

// Len is how many pairs are ranked.
func (r *RankedPairs) Len() int { return len(r.keys) }

// Each calls fn with every ranked pair, in order, until fn returns an
// error, which it returns.
func (r *RankedPairs) Each(fn func(p Pair) error) error {
	for i := range r.keys {
		k := &r.keys[i]
		var p Pair
		if r.pairs != nil && k.at >= 0 {
			p = r.pairs[k.at]
		} else {
			p = MeasurePair(r.m, int(k.a), int(k.b))
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}
