package graph

import (
	"cmp"
	"container/heap"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Defaults of CoalitionOptions.
const (
	// DefaultExactLimit is the largest group of linked parties solved
	// exactly. On random signed graphs (weights uniform in −1..1, −3..3 or
	// −10..10, the hardest for the bound) branch and bound took at most
	// 0.14 s at 20 parties, up to 3.7 s at 22 and 18 s at 24; graphs with
	// blocs in them are far faster.
	DefaultExactLimit = 20
	// DefaultRestarts is how many local searches the heuristic runs.
	DefaultRestarts = 64
	// AutoCentredShared is the median number of issues the linked pairs
	// must share for ObjectiveAuto to choose the centred objective: below
	// it, each party's own mix is guessed from a handful of stances and the
	// chance term eats the signal (with one shared demand it is the whole
	// weight, so the centred weight is always 0).
	AutoCentredShared = 20
	// DefaultExactWork bounds the exact searches of all the groups
	// together, in steps of branch and bound (a step is one party's look
	// at the blocs of a partial partition): about a second. A group whose
	// share runs out is solved by the local search instead.
	DefaultExactWork = 1 << 29
	// DefaultSearchWork bounds the local searches of all the groups
	// together, in steps (a step is one look at a pair weight): a few
	// seconds. Restarts are run four at a time while the work done stays
	// under a group's share, so the first four always run.
	DefaultSearchWork = 1 << 29
	// FrustratedLimit is how many of the pairs against a partition
	// Coalitions lists.
	FrustratedLimit = 1000
)

// Objective is the pair weight Coalitions partitions by.
type Objective int8

const (
	// ObjectiveAuto is ObjectiveCentred when the linked pairs share a
	// median of at least AutoCentredShared issues, and ObjectiveNet
	// otherwise: on long records, such as years of votes, the net weight
	// mostly counts how often both said yes; on short ones, such as a
	// negotiation's dozen demands, chance cannot be told from a few stances.
	ObjectiveAuto Objective = iota
	// ObjectiveNet weighs a pair by agreements minus clashes (Pair.Net).
	ObjectiveNet
	// ObjectiveCentred weighs a pair by agreements minus clashes less what
	// each party's own mix gives by chance (Pair.Centred).
	ObjectiveCentred
)

func (o Objective) String() string {
	switch o {
	case ObjectiveNet:
		return "net"
	case ObjectiveCentred:
		return "centred"
	}
	return "auto"
}

// ParseObjective reads auto, net, centred (or centered).
func ParseObjective(s string) (Objective, bool) {
	switch s {
	case "auto":
		return ObjectiveAuto, true
	case "net":
		return ObjectiveNet, true
	case "centred", "centered":
		return ObjectiveCentred, true
	}
	return ObjectiveAuto, false
}

// ChooseObjective resolves o for the measured pairs: o itself unless it is
// ObjectiveAuto, which becomes ObjectiveCentred when the pairs that share
// any issue share a median of at least AutoCentredShared, else
// ObjectiveNet. It returns that median too. Cost O(N) for N pairs.
func ChooseObjective(pairs []Pair, o Objective) (Objective, int) {
	var shared []int
	for _, p := range pairs {
		if p.Issues > 0 {
			shared = append(shared, p.Issues)
		}
	}
	median := 0
	if len(shared) > 0 {
		slices.Sort(shared)
		median = shared[(len(shared)-1)/2]
	}
	if o != ObjectiveAuto {
		return o, median
	}
	if median >= AutoCentredShared {
		return ObjectiveCentred, median
	}
	return ObjectiveNet, median
}

// CoalitionOptions tune Coalitions. The zero value is the default.
type CoalitionOptions struct {
	// Parties limits the analysis to these parties (sorted, no repeats);
	// nil means all.
	Parties []int
	// Pairs are the measured pairs among Parties, if already at hand (as
	// Pairs returns them); nil means measure them.
	Pairs []Pair
	// ExactLimit: a group of linked parties up to this size is solved
	// exactly, a larger one by the heuristic. 0 means DefaultExactLimit;
	// negative means never exact.
	ExactLimit int
	// Seed seeds the heuristic; the same seed gives the same answer.
	Seed uint64
	// Restarts is how many local searches the heuristic runs per group;
	// 0 means DefaultRestarts.
	Restarts int
	// Progress, when set, is told after each local search how many of how
	// many are done; it may be called from several goroutines at once.
	Progress func(done, total int)
	// Objective is the pair weight to partition by; the zero value is
	// ObjectiveAuto.
	Objective Objective
	// ExactWork and SearchWork bound the exact searches and the local
	// searches of all groups together; 0 means DefaultExactWork and
	// DefaultSearchWork.
	ExactWork, SearchWork int64
}

// Bloc is a group of parties in a partition.
type Bloc struct {
	Parties []int // sorted
	// Inside sums the counts of the pairs within the bloc.
	Inside PairCounts
	// InternalWeight is Σ w over the pairs within the bloc; ExternalWeight
	// is Σ w over the pairs with one party in the bloc and one outside;
	// w is the pair weight of the partition's objective.
	InternalWeight, ExternalWeight float64
	// InternalAgreement is 1 − ρ* pooled over every shared demand of every
	// pair within the bloc: (2·agree + neutral) / (2·shared), in [0, 1].
	// It is 1 for a bloc of one party and ½ when the members share no
	// demand.
	InternalAgreement float64
}

// Partition is the answer of Coalitions.
type Partition struct {
	// Blocs are sorted by size, largest first, then by first party.
	Blocs []Bloc
	// Objective is the pair weight the partition was sought by: never
	// ObjectiveAuto. Auto reports that ObjectiveAuto chose it, from
	// MedianShared, the median number of issues the linked pairs share.
	Objective    Objective
	Auto         bool
	MedianShared int
	// Frustration is the sum of positive w between blocs plus the sum of
	// |negative w| within blocs.
	Frustration float64
	// Exact reports that every group was solved exactly, so Frustration is
	// the least possible.
	Exact bool
	// Groups is the number of groups of linked parties solved separately;
	// Largest is the size of the largest. ExactGroups were solved exactly;
	// of the others, OverBudget had at most ExactLimit parties but the
	// exact search ran out of its share of ExactWork.
	Groups, Largest, ExactGroups, OverBudget int
	// Restarts is the fewest local searches run for a group of more than
	// ExactLimit parties (0 when there is none); fewer than asked when
	// SearchWork ran out.
	Restarts int
	// Frustrated lists the pairs that add to the frustration — allies split
	// between blocs, adversaries in one bloc — by |w|, largest first, then
	// by parties: the first FrustratedLimit of FrustratedTotal.
	Frustrated      []Pair
	FrustratedTotal int
	// Refused is set, and nothing else, when the parties make more pairs
	// than PairLimit (see CheckPairs).
	Refused error
}

// Coalitions partitions the parties into blocs by correlation clustering of
// the signed graph whose edge weight w between two parties is the pair
// weight of the objective (Pair.Net or Pair.Centred, each issue counted
// once): it seeks the partition of least frustration (positive w between
// blocs plus |negative w| within them), equivalently of greatest total w
// within blocs, with the number of blocs free.
//
// The net weight, agreements minus clashes, is Pawlak's and suits a
// negotiation's short record; on long records of lopsided votes nearly
// every pair agrees more than it clashes and the net objective lumps
// everyone together. The centred weight subtracts what each party's own
// mix predicts, as κ and modularity's null model do, and finds the real
// split there. ObjectiveAuto chooses between them by the record's length
// (see ChooseObjective).
//
// The search runs on the weights rounded to a grid fine enough for them
// (integers for net weights of single-demand issues, else 2^-k for the
// largest k that keeps every weight in 32 bits, at most 2^-20); Exact means
// exact on that grid, and Frustration is summed from the unrounded weights.
//
// Parties not linked by any chain of non-zero weights are never put in one
// bloc: the graph is split into its connected groups first and each is
// solved alone, which loses nothing, as merging blocs with no weight
// between them leaves the frustration as it was. A group of up to
// ExactLimit parties is solved exactly by branch and bound over all its
// partitions, within its share of ExactWork; ties go to fewer blocs, then
// to the partition that, listing the parties in id order and numbering
// each bloc when its first party appears, reads first. A larger group, or
// one whose exact search runs out of work, is solved by local search —
// moving single parties and merging blocs while that raises the weight
// within blocs, from Restarts starting partitions (singletons, one bloc,
// and random ones drawn from Seed), each followed by random perturbations,
// within the group's share of SearchWork — whose best answer is kept with
// the same tie-breaks; Exact is then false.
//
// The answer depends only on the model and the options, never on
// scheduling. Cost: the pairs, O(P²·D/64) spread over the cores (unless
// given), skipping pairs that share no block of demands; then at most
// ExactWork and SearchWork steps; memory 40 bytes per pair with a non-zero
// weight, and for a dense group of G parties searched locally, twice
// G·(64+G/10) words a search running at once. Parties making more pairs
// than PairLimit are refused (Refused).
func Coalitions(m *Model, opts CoalitionOptions) Partition {
	parties := opts.Parties
	if parties == nil {
		parties = allParties(m)
	}
	var pg *pairGraph
	if opts.Pairs != nil {
		pg = pairGraphOf(m, parties, opts.Pairs)
	} else {
		if err := CheckPairs(m, parties); err != nil {
			return Partition{Refused: err}
		}
		pg = newPairGraph(m, parties, pairWorkers(m, len(parties)))
		eachPair(m, parties, pg.workers, pg.add)
		pg.done()
	}
	return coalitionsOn(m, pg, opts)
}

// pairEdge is a pair of parties (by position in the parties analysed) with
// a non-zero weight under either objective.
type pairEdge struct {
	i, j         int32
	net, centred float64
}

func (e *pairEdge) weight(o Objective) float64 {
	if o == ObjectiveCentred {
		return e.centred
	}
	return e.net
}

// pairGraph is what Coalitions keeps of the pairs: the weighted edges, in
// the order of (i, j), and how many pairs share each number of issues.
type pairGraph struct {
	parties []int
	edges   []pairEdge
	issues  []int64 // issues[k]: pairs sharing k ≥ 1 issues
	grouped bool    // some issue has several demands

	workers int
	rowOf   [][]rowSpan // by worker: the edges of each row it measured
	buf     [][]pairEdge
	hist    [][]int64
}

type rowSpan struct{ row, from, to int32 }

func newPairGraph(m *Model, parties []int, workers int) *pairGraph {
	pg := &pairGraph{parties: parties, workers: workers, grouped: m.HasIssues(),
		rowOf: make([][]rowSpan, workers), buf: make([][]pairEdge, workers), hist: make([][]int64, workers)}
	for w := range workers {
		pg.hist[w] = make([]int64, len(m.demands)+1)
	}
	return pg
}

// add takes pair p = (parties[i], parties[j]) measured by worker w. A
// worker measures a row i at a time, j increasing.
func (pg *pairGraph) add(w, i, j int, p *Pair) {
	if p.Issues > 0 {
		pg.hist[w][p.Issues]++
	}
	if p.Net == 0 && p.Centred == 0 {
		return
	}
	spans := pg.rowOf[w]
	if n := len(spans); n == 0 || spans[n-1].row != int32(i) {
		pg.rowOf[w] = append(spans, rowSpan{int32(i), int32(len(pg.buf[w])), int32(len(pg.buf[w]))})
	}
	pg.buf[w] = append(pg.buf[w], pairEdge{i: int32(i), j: int32(j), net: p.Net, centred: p.Centred})
	pg.rowOf[w][len(pg.rowOf[w])-1].to++
}

// done puts the edges in the order of (i, j) and sums the histograms.
func (pg *pairGraph) done() {
	n := 0
	spans := make([][2]int32, len(pg.parties)) // (worker+1, span index) of each row
	for w, ss := range pg.rowOf {
		for k, sp := range ss {
			spans[sp.row] = [2]int32{int32(w + 1), int32(k)}
			n += int(sp.to - sp.from)
		}
	}
	pg.edges = make([]pairEdge, 0, n)
	for _, at := range spans {
		if at[0] == 0 {
			continue
		}
		sp := pg.rowOf[at[0]-1][at[1]]
		pg.edges = append(pg.edges, pg.buf[at[0]-1][sp.from:sp.to]...)
	}
	pg.issues = pg.hist[0]
	for _, h := range pg.hist[1:] {
		for k, c := range h {
			pg.issues[k] += c
		}
	}
	pg.rowOf, pg.buf, pg.hist = nil, nil, nil
}

// pairGraphOf builds the pair graph from measured pairs.
func pairGraphOf(m *Model, parties []int, pairs []Pair) *pairGraph {
	pg := newPairGraph(m, parties, 1)
	pos := make(map[int]int, len(parties))
	for i, p := range parties {
		pos[p] = i
	}
	sorted := slices.Clone(pairs)
	slices.SortFunc(sorted, func(x, y Pair) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })
	for k := range sorted {
		p := &sorted[k]
		pg.add(0, pos[p.A], pos[p.B], p)
	}
	pg.done()
	return pg
}

// chooseObjective is ChooseObjective from the histogram of shared issues.
func (pg *pairGraph) chooseObjective(o Objective) (Objective, int) {
	return ChooseObjectiveCounts(pg.issues, o)
}

// ChooseObjectiveCounts is ChooseObjective from how many pairs share each
// number of issues (issues[k] pairs share k; issues[0] is not looked at),
// for callers that stream the pairs (EachPair) rather than keep them.
// Cost O(len(issues)).
func ChooseObjectiveCounts(issues []int64, o Objective) (Objective, int) {
	var count int64
	for _, c := range issues[min(1, len(issues)):] {
		count += c
	}
	median := 0
	if count > 0 {
		at := (count - 1) / 2
		for k := 1; k < len(issues); k++ {
			if c := issues[k]; at < c {
				median = k
				break
			}
			at -= issues[k]
		}
	}
	if o != ObjectiveAuto {
		return o, median
	}
	if median >= AutoCentredShared {
		return ObjectiveCentred, median
	}
	return ObjectiveNet, median
}

// scale is weightScale over the edges.
func (pg *pairGraph) scale(o Objective) float64 {
	whole := true
	biggest := 0.0
	for i := range pg.edges {
		v := pg.edges[i].weight(o)
		biggest = max(biggest, math.Abs(v))
		if v != math.Trunc(v) {
			whole = false
		}
	}
	return gridScale(whole, biggest)
}

// coalitionsOn partitions the parties of pg.
func coalitionsOn(m *Model, pg *pairGraph, opts CoalitionOptions) Partition {
	if opts.ExactLimit == 0 {
		opts.ExactLimit = DefaultExactLimit
	}
	if opts.Restarts <= 0 {
		opts.Restarts = DefaultRestarts
	}
	if opts.ExactWork <= 0 {
		opts.ExactWork = DefaultExactWork
	}
	if opts.SearchWork <= 0 {
		opts.SearchWork = DefaultSearchWork
	}
	parties := pg.parties
	obj, median := pg.chooseObjective(opts.Objective)
	n := len(parties)
	scale := pg.scale(obj)
	w := make([]int32, len(pg.edges))
	for k := range pg.edges {
		w[k] = int32(math.Round(pg.edges[k].weight(obj) * scale))
	}

	res := Partition{Exact: true, Objective: obj, Auto: opts.Objective == ObjectiveAuto, MedianShared: median}
	labels := make([]int, n)
	next := 0
	groups, groupOf := linkedGroups(n, pg.edges, w)
	// Each group's edges, in (i, j) order, by local index.
	local := make([]int32, n)
	for _, g := range groups {
		for a, i := range g {
			local[i] = int32(a)
		}
	}
	edgesOf := make([][]int32, len(groups)) // indices into pg.edges
	for k := range pg.edges {
		if w[k] != 0 {
			g := groupOf[pg.edges[k].i]
			edgesOf[g] = append(edgesOf[g], int32(k))
		}
	}
	exactLeft, searchLeft := opts.ExactWork, opts.SearchWork
	exactGroups, searchEdges := 0, int64(0)
	for g, group := range groups {
		if len(group) <= opts.ExactLimit {
			exactGroups++
		} else {
			searchEdges += int64(len(edgesOf[g]))
		}
	}
	var progressDone atomic.Int64
	progressTotal := 0
	for _, group := range groups {
		if len(group) > opts.ExactLimit {
			progressTotal += opts.Restarts
		}
	}
	for g, group := range groups {
		res.Groups++
		res.Largest = max(res.Largest, len(group))
		k := len(group)
		var lab []int
		if k <= opts.ExactLimit {
			sub := make([]int32, k*k)
			for _, e := range edgesOf[g] {
				a, b := local[pg.edges[e].i], local[pg.edges[e].j]
				sub[int(a)*k+int(b)], sub[int(b)*k+int(a)] = w[e], w[e]
			}
			share := exactLeft / int64(exactGroups)
			exactGroups--
			var used int64
			lab, used = exactClustersWithin(sub, k, share)
			exactLeft -= used
			if lab != nil {
				res.ExactGroups++
			} else {
				res.OverBudget++
				// Small enough for every restart to run.
				var used int64
				lab, _, used = heuristicClusters(sparseOf(sub, k), opts.Seed, opts.Restarts, math.MaxInt64, nil)
				searchLeft -= used
				res.Exact = false
			}
		} else {
			var sg *signedGraph
			if denseGraph(k, len(edgesOf[g])) {
				sub := make([]int32, k*k)
				for _, e := range edgesOf[g] {
					a, b := int(local[pg.edges[e].i]), int(local[pg.edges[e].j])
					sub[a*k+b], sub[b*k+a] = w[e], w[e]
				}
				sg = &signedGraph{n: k, dense: sub}
			} else {
				sg = &signedGraph{n: k, start: make([]int32, k+1)}
				for _, e := range edgesOf[g] {
					sg.start[local[pg.edges[e].i]+1]++
					sg.start[local[pg.edges[e].j]+1]++
				}
				for a := range k {
					sg.start[a+1] += sg.start[a]
				}
				sg.nbr = make([]int32, sg.start[k])
				sg.wt = make([]int32, sg.start[k])
				fill := slices.Clone(sg.start[:k])
				for _, e := range edgesOf[g] {
					a, b := local[pg.edges[e].i], local[pg.edges[e].j]
					sg.nbr[fill[a]], sg.wt[fill[a]] = b, w[e]
					fill[a]++
					sg.nbr[fill[b]], sg.wt[fill[b]] = a, w[e]
					fill[b]++
				}
			}
			share := searchLeft
			if searchEdges > 0 {
				share = int64(float64(searchLeft) * float64(len(edgesOf[g])) / float64(searchEdges))
			}
			searchEdges -= int64(len(edgesOf[g]))
			var progress func()
			if opts.Progress != nil {
				progress = func() { opts.Progress(int(progressDone.Add(1)), progressTotal) }
			}
			var runs int
			var used int64
			lab, runs, used = heuristicClusters(sg, opts.Seed, opts.Restarts, share, progress)
			searchLeft -= used
			if res.Restarts == 0 || runs < res.Restarts {
				res.Restarts = runs
			}
			res.Exact = false
		}
		blocs := 0
		for a, i := range group {
			labels[i] = next + lab[a]
			blocs = max(blocs, lab[a]+1)
		}
		next += blocs
	}

	members := make([][]int, next)
	for i, l := range labels {
		members[l] = append(members[l], i)
	}
	blocOf := labels
	res.Blocs = make([]Bloc, next)
	for b := range res.Blocs {
		res.Blocs[b].Parties = make([]int, 0, len(members[b]))
		for _, i := range members[b] {
			res.Blocs[b].Parties = append(res.Blocs[b].Parties, parties[i])
		}
	}
	// The weights within and between blocs, and the pairs against the
	// partition, in the order of the pairs.
	frustrated := &topFrustrated{k: FrustratedLimit}
	for k := range pg.edges {
		e := &pg.edges[k]
		x, y := blocOf[e.i], blocOf[e.j]
		wt := e.weight(obj)
		rounded := w[k] != 0
		if x == y {
			res.Blocs[x].InternalWeight += wt
			if wt < 0 && rounded {
				res.Frustration -= wt
				frustrated.offer(frustratedPair{parties[e.i], parties[e.j], wt})
			}
			continue
		}
		res.Blocs[x].ExternalWeight += wt
		res.Blocs[y].ExternalWeight += wt
		if wt > 0 && rounded {
			res.Frustration += wt
			frustrated.offer(frustratedPair{parties[e.i], parties[e.j], wt})
		}
	}
	res.FrustratedTotal = frustrated.total
	for _, f := range frustrated.sorted() {
		res.Frustrated = append(res.Frustrated, MeasurePair(m, f.a, f.b))
	}
	blocInside(m, res.Blocs, pg.grouped)
	slices.SortFunc(res.Blocs, func(x, y Bloc) int {
		return cmp.Or(cmp.Compare(len(y.Parties), len(x.Parties)), cmp.Compare(x.Parties[0], y.Parties[0]))
	})
	return res
}

// blocInside sums the pair counts within each bloc and pools its
// agreement. The counts add up demand by demand — on a demand where s
// members support and o oppose among k with a stance, C(s,2)+C(o,2) pairs
// agree, s·o clash and C(k,2) share it — so no pair is measured; with
// issues of several demands the agreement is pooled issue by issue from
// the pairs. Cost O(S), plus O(G²·D/64) for blocs of G parties with issues.
func blocInside(m *Model, blocs []Bloc, grouped bool) {
	type count struct{ s, o, n int32 }
	counts := make([]count, len(m.demands))
	var touched []int
	c2 := func(x int32) int { return int(x) * int(x-1) / 2 }
	for bi := range blocs {
		b := &blocs[bi]
		if len(b.Parties) == 1 {
			b.InternalAgreement = 1
			continue
		}
		for _, p := range b.Parties {
			m.pos.each(p, func(d int, pos Position) {
				c := &counts[d]
				if *c == (count{}) {
					touched = append(touched, d)
				}
				switch pos {
				case Support:
					c.s++
				case Oppose:
					c.o++
				default:
					c.n++
				}
			})
		}
		for _, d := range touched {
			c := counts[d]
			b.Inside.Agree += c2(c.s) + c2(c.o)
			b.Inside.Conflict += int(c.s) * int(c.o)
			b.Inside.Shared += c2(c.s + c.o + c.n)
			counts[d] = count{}
		}
		touched = touched[:0]
		b.Inside.Neutral = b.Inside.Shared - b.Inside.Agree - b.Inside.Conflict
		if !grouped {
			if b.Inside.Shared == 0 {
				b.InternalAgreement = 0.5
			} else {
				b.InternalAgreement = 1 - float64(2*b.Inside.Conflict+b.Inside.Neutral)/float64(2*b.Inside.Shared)
			}
			continue
		}
		var distance, issues float64
		for x, p := range b.Parties {
			for _, q := range b.Parties[x+1:] {
				pr := MeasurePair(m, p, q)
				distance += pr.Distance * float64(pr.Issues)
				issues += float64(pr.Issues)
			}
		}
		if issues == 0 {
			b.InternalAgreement = 0.5
		} else {
			b.InternalAgreement = 1 - distance/issues
		}
	}
}

// frustratedPair is a pair against a partition.
type frustratedPair struct {
	a, b int
	w    float64
}

// stronger ranks frustrated pairs by |w|, largest first, then by parties.
func (f frustratedPair) cmp(g frustratedPair) int {
	return cmp.Or(cmp.Compare(math.Abs(g.w), math.Abs(f.w)), cmp.Compare(f.a, g.a), cmp.Compare(f.b, g.b))
}

// topFrustrated keeps the k first frustrated pairs: a heap whose root is
// the last kept.
type topFrustrated struct {
	k     int
	pairs []frustratedPair
	total int
}

func (t *topFrustrated) Len() int           { return len(t.pairs) }
func (t *topFrustrated) Less(i, j int) bool { return t.pairs[i].cmp(t.pairs[j]) > 0 }
func (t *topFrustrated) Swap(i, j int)      { t.pairs[i], t.pairs[j] = t.pairs[j], t.pairs[i] }
func (t *topFrustrated) Push(any)           {}
func (t *topFrustrated) Pop() any           { return nil }

func (t *topFrustrated) offer(f frustratedPair) {
	t.total++
	if len(t.pairs) < t.k {
		t.pairs = append(t.pairs, f)
		heap.Fix(t, len(t.pairs)-1)
		return
	}
	if f.cmp(t.pairs[0]) < 0 {
		t.pairs[0] = f
		heap.Fix(t, 0)
	}
}

func (t *topFrustrated) sorted() []frustratedPair {
	if len(t.pairs) == 0 {
		return nil
	}
	out := slices.Clone(t.pairs)
	slices.SortFunc(out, frustratedPair.cmp)
	return out
}

// weightScale is what the pair weights are multiplied by before they are
// rounded for the search: 1 when they are all whole numbers, else the
// largest power of two up to 2^20 that keeps every one within int32.
func weightScale(pairs []Pair, o Objective) float64 {
	whole := true
	biggest := 0.0
	for _, p := range pairs {
		v := p.Weight(o)
		biggest = max(biggest, math.Abs(v))
		if v != math.Trunc(v) {
			whole = false
		}
	}
	return gridScale(whole, biggest)
}

func gridScale(whole bool, biggest float64) float64 {
	if whole && biggest < math.MaxInt32 {
		return 1
	}
	scale := float64(1 << 20)
	for scale > 1 && biggest*scale >= math.MaxInt32/2 {
		scale /= 2
	}
	return scale
}

// Frustration computes the frustration of a partition of parties into
// blocs afresh from the model, under objective o (ObjectiveAuto resolved
// on the pairs among the parties): positive w between blocs plus |negative
// w| within them. Cost O(P²·D/64).
func Frustration(m *Model, blocs [][]int, o Objective) float64 {
	type at struct{ bloc, i int }
	var all []at
	var parties []int
	for b, bl := range blocs {
		for _, p := range bl {
			all = append(all, at{b, p})
			parties = append(parties, p)
		}
	}
	slices.Sort(parties)
	o, _ = ChooseObjective(Pairs(m, parties), o)
	f := 0.0
	for x := range all {
		for y := x + 1; y < len(all); y++ {
			w := MeasurePair(m, all[x].i, all[y].i).Weight(o)
			if all[x].bloc == all[y].bloc && w < 0 {
				f -= w
			} else if all[x].bloc != all[y].bloc && w > 0 {
				f += w
			}
		}
	}
	return f
}

// linkedGroups splits parties 0..n-1 into the connected components of the
// graph of the edges with a non-zero rounded weight w, by union–find: each
// group sorted, the groups in order of their first member; groupOf maps a
// party to its group. (A dominikbraun graph of a million pairs took a
// gigabyte and a second to build and copy; the components need only this.)
// Cost O(P + E·α).
func linkedGroups(n int, edges []pairEdge, w []int32) (groups [][]int, groupOf []int) {
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	var find func(int32) int32
	find = func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for k := range edges {
		if w[k] == 0 {
			continue
		}
		a, b := find(edges[k].i), find(edges[k].j)
		if a != b {
			if a < b {
				parent[b] = a
			} else {
				parent[a] = b
			}
		}
	}
	groupOf = make([]int, n)
	at := map[int32]int{}
	for i := range n {
		r := find(int32(i))
		g, ok := at[r]
		if !ok {
			g = len(groups)
			at[r] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
		groupOf[i] = g
	}
	return groups, groupOf
}

// better reports whether a partition with gain g and blocs b beats one
// with gain g0 and blocs b0 (equal labels to be compared by the caller).
func better(g, b, g0, b0 int) bool {
	return g > g0 || g == g0 && b < b0
}

// exactClusters returns the partition of parties 0..n-1 (restricted growth
// labels: party 0 in bloc 0, each later party in a bloc already used or the
// next new one) of greatest weight within blocs, ties to fewer blocs, then
// to the first in the lexicographic order of labels. w is n×n, symmetric.
func exactClusters(w []int32, n int) []int {
	lab, _ := exactClustersWithin(w, n, math.MaxInt64)
	return lab
}

// exactClustersWithin is exactClusters within a budget of steps (one step
// per party looked at in a bound); it returns nil labels when the budget
// runs out first, and the steps used.
//
// Branch and bound in lexicographic order of labels, so the first optimum
// met wins ties. Upper bound of a partial assignment of parties 0..i−1:
// its gain, plus for every later party j the best it can take from the
// assigned parties (max(0, max over blocs of Σ w to the bloc's members)),
// plus every positive weight among the unassigned parties.
func exactClustersWithin(w []int32, n int, budget int64) ([]int, int64) {
	if n == 0 {
		return nil, 0
	}
	// pos[i] = Σ positive weights among parties i..n-1.
	pos := make([]int, n+1)
	for i := n - 1; i >= 0; i-- {
		pos[i] = pos[i+1]
		for j := i + 1; j < n; j++ {
			if w[i*n+j] > 0 {
				pos[i] += int(w[i*n+j])
			}
		}
	}
	// s[j*n+b] = Σ w from party j to the assigned members of bloc b.
	s := make([]int, n*n)
	labels := make([]int, n)
	best := make([]int, n)
	bestGain, bestBlocs := -1<<62, n+1
	left := budget

	var walk func(i, blocs, gain int)
	walk = func(i, blocs, gain int) {
		if left < 0 {
			return
		}
		if i == n {
			if better(gain, blocs, bestGain, bestBlocs) {
				bestGain, bestBlocs = gain, blocs
				copy(best, labels)
			}
			return
		}
		left -= int64(n - i)
		bound := gain + pos[i]
		for j := i; j < n; j++ {
			top := 0
			for b := range blocs {
				top = max(top, s[j*n+b])
			}
			bound += top
		}
		if bound < bestGain || bound == bestGain && blocs >= bestBlocs {
			return
		}
		for b := 0; b <= blocs && b < n; b++ {
			nb := blocs
			if b == blocs {
				nb++
			}
			labels[i] = b
			for j := i + 1; j < n; j++ {
				s[j*n+b] += int(w[j*n+i])
			}
			walk(i+1, nb, gain+s[i*n+b])
			for j := i + 1; j < n; j++ {
				s[j*n+b] -= int(w[j*n+i])
			}
		}
	}
	walk(0, 0, 0)
	if left < 0 {
		return nil, budget
	}
	return best, budget - left
}

// withinGain is Σ w over the pairs in one bloc, and the number of blocs.
func withinGain(w []int32, n int, labels []int) (gain, blocs int) {
	for i := range n {
		blocs = max(blocs, labels[i]+1)
		for j := i + 1; j < n; j++ {
			if labels[i] == labels[j] {
				gain += int(w[i*n+j])
			}
		}
	}
	return
}

// canonical renumbers labels so that blocs are numbered in order of their
// first party (restricted growth form).
func canonical(labels []int) []int {
	re := map[int]int{}
	out := make([]int, len(labels))
	for i, l := range labels {
		k, ok := re[l]
		if !ok {
			k = len(re)
			re[l] = k
		}
		out[i] = k
	}
	return out
}

// signedGraph is a group's non-zero rounded weights as adjacency lists:
// the neighbours of a are nbr[start[a]:start[a+1]], with weights wt; or,
// when most pairs have a weight, as the n×n matrix dense, which a search
// reads row by row.
type signedGraph struct {
	n     int
	start []int32
	nbr   []int32
	wt    []int32
	dense []int32
}

// denseGraph reports whether n parties with e weighted pairs are searched
// over the n×n matrix: when at least half the pairs have a weight, and the
// matrix takes at most 256 MB.
func denseGraph(n, e int) bool { return 4*e >= n*n && n <= 8192 }

// weights returns the number of weights the search looks at in a pass.
func (g *signedGraph) weights() int64 {
	if g.dense != nil {
		return int64(g.n) * int64(g.n)
	}
	return int64(len(g.nbr))
}

// sparseOf turns an n×n weight matrix into a signed graph.
func sparseOf(w []int32, n int) *signedGraph {
	e := 0
	for i := range n {
		for j := i + 1; j < n; j++ {
			if w[i*n+j] != 0 {
				e++
			}
		}
	}
	if denseGraph(n, e) {
		return &signedGraph{n: n, dense: w}
	}
	g := &signedGraph{n: n, start: make([]int32, n+1)}
	for i := range n {
		for j := range n {
			if j != i && w[i*n+j] != 0 {
				g.nbr = append(g.nbr, int32(j))
				g.wt = append(g.wt, w[i*n+j])
			}
		}
		g.start[i+1] = int32(len(g.nbr))
	}
	return g
}

// gain is Σ w over the pairs in one bloc, and the number of blocs.
func (g *signedGraph) gain(labels []int) (gain, blocs int) {
	if g.dense != nil {
		return withinGain(g.dense, g.n, labels)
	}
	for i := range g.n {
		blocs = max(blocs, labels[i]+1)
		for k := g.start[i]; k < g.start[i+1]; k++ {
			if j := int(g.nbr[k]); j > i && labels[j] == labels[i] {
				gain += int(g.wt[k])
			}
		}
	}
	return
}

// restartBatch is how many restarts run between two looks at the budget:
// a constant, so that which restarts run never depends on the cores.
const restartBatch = 4

// heuristicClusters is exactClusters by local search: restarts from the
// all-singletons partition, the one-bloc partition and random ones, each
// improved by single-party moves and bloc merges and then perturbed a few
// times. The restarts run in parallel with their own random streams and
// are compared with the tie-breaks of exactClusters, so the answer depends
// only on the inputs. They run restartBatch at a time while the steps used
// stay under budget; it returns the partition, the restarts run and the
// steps used.
func heuristicClusters(g *signedGraph, seed uint64, restarts int, budget int64, progress func()) ([]int, int, int64) {
	type result struct {
		labels      []int
		gain, blocs int
		work        int64
	}
	results := make([]result, 0, restarts)
	var used int64
	workers := min(runtime.GOMAXPROCS(0), restartBatch)
	searches := make(chan *localSearch, workers)
	for range workers {
		searches <- newLocalSearch(g)
	}
	for first := 0; first < restarts && (first == 0 || used < budget); first += restartBatch {
		batch := make([]result, min(restartBatch, restarts-first))
		var wg sync.WaitGroup
		for k := range batch {
			ls := <-searches
			wg.Go(func() {
				defer func() { searches <- ls }()
				r := first + k
				rng := rand.New(rand.NewPCG(seed, uint64(r)))
				ls.work = 0
				lab := ls.run(r, rng)
				batch[k] = result{lab, ls.gain, ls.blocs, ls.work + g.weights()}
				if progress != nil {
					progress()
				}
			})
		}
		wg.Wait()
		for _, r := range batch {
			used += r.work
		}
		results = append(results, batch...)
	}
	best := results[0]
	for _, r := range results[1:] {
		if better(r.gain, r.blocs, best.gain, best.blocs) ||
			r.gain == best.gain && r.blocs == best.blocs && slices.Compare(r.labels, best.labels) < 0 {
			best = r
		}
	}
	return best.labels, len(results), used
}

// localSearch holds the working state of one local search, reused across
// restarts: labels and bloc sizes, and scratch for the weight from one
// party or bloc to the blocs next to it. It moves and merges exactly as a
// search over the whole n×n matrix of weights would — to a bloc of
// greatest weight, ties to the lowest label, a bloc with no link weighing
// 0 — but looks only at the weights that are there: a pass costs the pairs
// with a weight, not n².
type localSearch struct {
	g       *signedGraph
	n       int
	label   []int
	size    []int
	free    freeList // empty bloc labels
	used    []uint64 // bitset of the labels of non-empty blocs
	acc     []int    // weight to each bloc from the party or bloc looked at
	seen    []bool   // acc holds a value for the bloc
	touched []int    // the blocs with seen set
	order   []int
	work    int64 // steps taken
	// gain and blocs of the partition run returned.
	gain, blocs int

	// On a dense graph, while there are at most cols blocs, the weight
	// from every party to every bloc is kept up to date as parties move
	// (a move costs O(n)), so that a party's look at the blocs costs O(B)
	// instead of a row of n weights, a merge's look at the blocs O(n·B)
	// instead of n², and a pass that moves few parties O(n·B) instead of
	// n². The moves, the merges, and the steps counted, are those of the
	// row-by-row search, weight for weight.
	inc      bool
	cols     int
	bw       []int   // bw[c*n+i]: Σ w from party i to the bloc in column c
	colOf    []int32 // each bloc label's column, -1 for none
	freeCols []int32 // columns of no bloc: all zero
	between  []int   // a merge's weights between blocs, by column
	// The columns as they were at the partition run keeps as its best.
	snapOK                  bool
	snapBW                  []int
	snapColOf, snapFreeCols []int32
}

func newLocalSearch(g *signedGraph) *localSearch {
	n := g.n
	ls := &localSearch{g: g, n: n, label: make([]int, n), size: make([]int, n), used: make([]uint64, (n+63)/64),
		acc: make([]int, n), seen: make([]bool, n), order: make([]int, n),
		free: freeList{prev: make([]int32, n), next: make([]int32, n), first: -1, last_: -1}}
	if g.dense != nil {
		// A kick makes up to n/10 new blocs of one, on top of the blocs
		// found.
		ls.cols = min(n, 64+n/10)
		ls.bw = make([]int, ls.cols*n)
		ls.colOf = make([]int32, n)
		ls.between = make([]int, ls.cols*ls.cols)
	}
	return ls
}

// freeList is the labels of the empty blocs, in the order they were added,
// as a list linked both ways: a label is taken out of the middle in O(1),
// the others keeping their order.
type freeList struct {
	prev, next   []int32 // -1 at the ends
	first, last_ int32   // -1 when empty
	n            int
}

func (f *freeList) clear() { f.first, f.last_, f.n = -1, -1, 0 }

// push adds label b, not in the list, at the end.
func (f *freeList) push(b int) {
	f.prev[b], f.next[b] = f.last_, -1
	if f.last_ >= 0 {
		f.next[f.last_] = int32(b)
	} else {
		f.first = int32(b)
	}
	f.last_ = int32(b)
	f.n++
}

// remove takes label b, in the list, out of it.
func (f *freeList) remove(b int) {
	p, x := f.prev[b], f.next[b]
	if p >= 0 {
		f.next[p] = x
	} else {
		f.first = x
	}
	if x >= 0 {
		f.prev[x] = p
	} else {
		f.last_ = p
	}
	f.n--
}

// last is the label added last; the list must not be empty.
func (f *freeList) last() int { return int(f.last_) }

// blocCount is the number of non-empty blocs.
func (ls *localSearch) blocCount() int { return ls.n - ls.free.n }

// enable builds the weights from every party to every bloc when the
// graph is dense and there are at most cols blocs, and reports whether
// they are kept. Cost O(n²) when it builds them.
func (ls *localSearch) enable() bool {
	if ls.inc || ls.bw == nil || ls.blocCount() > ls.cols {
		return ls.inc
	}
	n := ls.n
	for b := range ls.colOf {
		ls.colOf[b] = -1
	}
	c := int32(0)
	for w, x := range ls.used {
		for ; x != 0; x &= x - 1 {
			ls.colOf[w*64+trailingZeros(x)] = c
			c++
		}
	}
	ls.freeCols = ls.freeCols[:0]
	for f := int32(ls.cols) - 1; f >= c; f-- {
		ls.freeCols = append(ls.freeCols, f)
	}
	clear(ls.bw)
	// The weights are symmetric: party j adds its row to its bloc's column.
	for j := range n {
		col := ls.bw[int(ls.colOf[ls.label[j]])*n:][:n]
		for i, v := range ls.g.dense[j*n : (j+1)*n] {
			col[i] += int(v)
		}
	}
	ls.inc = true
	return true
}

// snapshot keeps the columns for restore, when they are kept.
func (ls *localSearch) snapshot() {
	ls.snapOK = ls.inc
	if !ls.inc {
		return
	}
	ls.snapBW = append(ls.snapBW[:0], ls.bw...)
	ls.snapColOf = append(ls.snapColOf[:0], ls.colOf...)
	ls.snapFreeCols = append(ls.snapFreeCols[:0], ls.freeCols...)
}

// restore loads labels, the partition of the last snapshot, as set does.
func (ls *localSearch) restore(labels []int) {
	ls.set(labels)
	if !ls.snapOK {
		ls.enable()
		return
	}
	copy(ls.bw, ls.snapBW)
	copy(ls.colOf, ls.snapColOf)
	ls.freeCols = append(ls.freeCols[:0], ls.snapFreeCols...)
	ls.inc = true
}

// labelsGain is g.gain(ls.label), from the columns when they are kept.
func (ls *localSearch) labelsGain() (gain, blocs int) {
	if !ls.inc {
		return ls.g.gain(ls.label)
	}
	n := ls.n
	for i, l := range ls.label {
		blocs = max(blocs, l+1)
		gain += ls.bw[int(ls.colOf[l])*n+i]
	}
	return gain / 2, blocs
}

// perturbations is how many kicks follow each restart's first descent.
const perturbations = 8

// run performs restart r and returns its partition in canonical form.
func (ls *localSearch) run(r int, rng *rand.Rand) []int {
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
	ls.enable()
	ls.descend(rng)
	best := slices.Clone(ls.label)
	bestGain, bestBlocs := ls.labelsGain()
	ls.snapshot()
	ls.work += ls.g.weights()
	for range perturbations {
		ls.restore(best)
		kick := max(1, n/10)
		for range kick {
			i := rng.IntN(n)
			ls.move(i, rng.IntN(n)) // an empty bloc makes the party a bloc of its own
		}
		ls.descend(rng)
		g, b := ls.labelsGain()
		ls.work += ls.g.weights()
		if better(g, b, bestGain, bestBlocs) {
			bestGain, bestBlocs = g, b
			copy(best, ls.label)
			ls.snapshot()
		}
	}
	out := canonical(best)
	ls.gain, ls.blocs = bestGain, 0
	for _, l := range out {
		ls.blocs = max(ls.blocs, l+1)
	}
	return out
}

// set loads a partition; labels must lie in 0..n-1.
func (ls *localSearch) set(labels []int) {
	n := ls.n
	copy(ls.label, labels)
	clear(ls.size)
	clear(ls.used)
	for i := range n {
		ls.size[labels[i]]++
		ls.used[labels[i]/64] |= 1 << (labels[i] % 64)
	}
	ls.free.clear()
	for b := n - 1; b >= 0; b-- {
		if ls.size[b] == 0 {
			ls.free.push(b)
		}
	}
	ls.inc = false
	ls.work += int64(n)
}

// move puts party i into bloc b.
func (ls *localSearch) move(i, b int) {
	a := ls.label[i]
	if a == b {
		return
	}
	if ls.size[b] == 0 {
		ls.free.remove(b)
		ls.used[b/64] |= 1 << (b % 64)
		if ls.inc {
			if f := len(ls.freeCols); f > 0 {
				ls.colOf[b] = ls.freeCols[f-1]
				ls.freeCols = ls.freeCols[:f-1]
			} else {
				ls.inc = false // too many blocs: enable builds them again
			}
		}
	}
	ls.size[a]--
	ls.size[b]++
	if ls.inc {
		n := ls.n
		from, to := ls.bw[int(ls.colOf[a])*n:][:n], ls.bw[int(ls.colOf[b])*n:][:n]
		for j, v := range ls.g.dense[i*n : (i+1)*n] {
			from[j] -= int(v)
			to[j] += int(v)
		}
		if ls.size[a] == 0 {
			// Every member has left: the column is back to zero.
			ls.freeCols = append(ls.freeCols, ls.colOf[a])
			ls.colOf[a] = -1
		}
	}
	if ls.size[a] == 0 {
		ls.free.push(a)
		ls.used[a/64] &^= 1 << (a % 64)
	}
	ls.label[i] = b
}

// add adds v to the weight to bloc b.
func (ls *localSearch) add(b, v int) {
	if !ls.seen[b] {
		ls.seen[b] = true
		ls.acc[b] = 0
		ls.touched = append(ls.touched, b)
	}
	ls.acc[b] += v
}

// toBlocs returns the weight from party i to its own bloc a, and the
// greatest weight to another non-empty bloc with the lowest such label
// (-1 when there is no other bloc), looking at i's weighted pairs only: a
// bloc none of them is in weighs 0.
func (ls *localSearch) toBlocs(i, a int) (own, top, topB int) {
	g := ls.g
	for k := g.start[i]; k < g.start[i+1]; k++ {
		ls.add(ls.label[g.nbr[k]], int(g.wt[k]))
	}
	if ls.seen[a] {
		own = ls.acc[a]
	}
	topB = -1
	for _, b := range ls.touched {
		if b != a && (topB < 0 || ls.acc[b] > top || ls.acc[b] == top && b < topB) {
			top, topB = ls.acc[b], b
		}
	}
	if topB < 0 || top <= 0 {
		if z := ls.firstZero(-1, a); z >= 0 && (topB < 0 || top < 0 || z < topB) {
			top, topB = 0, z
		}
	}
	ls.reset()
	return own, top, topB
}

// toBlocsDense is toBlocs from a row of the dense matrix.
func (ls *localSearch) toBlocsDense(row []int32, a int) (own, top, topB int) {
	acc, label := ls.acc, ls.label[:len(row)]
	for j, v := range row {
		acc[label[j]] += int(v)
	}
	own, topB = acc[a], -1
	for w, x := range ls.used {
		for ; x != 0; x &= x - 1 {
			b := w*64 + trailingZeros(x)
			if b != a && (topB < 0 || acc[b] > top) {
				top, topB = acc[b], b
			}
			acc[b] = 0
		}
	}
	return own, top, topB
}

// toBlocsKept is toBlocsDense from the weights kept to the blocs.
func (ls *localSearch) toBlocsKept(i, a int) (own, top, topB int) {
	n := ls.n
	own, topB = ls.bw[int(ls.colOf[a])*n+i], -1
	for w, x := range ls.used {
		for ; x != 0; x &= x - 1 {
			b := w*64 + trailingZeros(x)
			if v := ls.bw[int(ls.colOf[b])*n+i]; b != a && (topB < 0 || v > top) {
				top, topB = v, b
			}
		}
	}
	return own, top, topB
}

// betweenDense returns the greatest weight between bloc a, whose members
// are listed from head[a] along nextOf, and a non-empty bloc of a higher
// label, with the lowest such label; -1 when there is none.
func (ls *localSearch) betweenDense(head, nextOf []int, a int) (top, topB int) {
	n, acc, label := ls.n, ls.acc, ls.label
	for i := head[a]; i >= 0; i = nextOf[i] {
		for j, v := range ls.g.dense[i*n : (i+1)*n] {
			acc[label[j]] += int(v)
		}
	}
	topB = -1
	for w, x := range ls.used {
		for ; x != 0; x &= x - 1 {
			b := w*64 + trailingZeros(x)
			if b > a && (topB < 0 || acc[b] > top) {
				top, topB = acc[b], b
			}
			acc[b] = 0
		}
	}
	return top, topB
}

// reset forgets the weights to the blocs.
func (ls *localSearch) reset() {
	for _, b := range ls.touched {
		ls.seen[b] = false
	}
	ls.touched = ls.touched[:0]
}

// firstZero returns the lowest label above after of a non-empty bloc other
// than skip whose weight is 0 — not seen, or seen at 0 — or -1.
func (ls *localSearch) firstZero(after, skip int) int {
	for w := max(after+1, 0) / 64; w < len(ls.used); w++ {
		x := ls.used[w]
		if w == (after+1)/64 && after >= 0 {
			x &^= 1<<((after+1)%64) - 1
		}
		for ; x != 0; x &= x - 1 {
			b := w*64 + trailingZeros(x)
			if b <= after || b == skip {
				continue
			}
			if !ls.seen[b] || ls.acc[b] == 0 {
				return b
			}
		}
	}
	return -1
}

// descend moves single parties and merges blocs until neither raises the
// weight within blocs nor, at equal weight, lowers the number of blocs.
func (ls *localSearch) descend(rng *rand.Rand) {
	n, g := ls.n, ls.g
	order := ls.order
	for i := range order {
		order[i] = i
	}
	merged := true // whether merge may find something: the blocs changed since it last found nothing
	for {
		moved := false
		rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
		ls.work += int64(n) + g.weights()
		ls.enable()
		for _, i := range order {
			a := ls.label[i]
			var own, top, topB int
			if ls.inc {
				own, top, topB = ls.toBlocsKept(i, a)
			} else if g.dense != nil {
				own, top, topB = ls.toBlocsDense(g.dense[i*n:(i+1)*n], a)
			} else {
				own, top, topB = ls.toBlocs(i, a)
			}
			bestB, bestV := a, own
			// At equal weight, leaving a bloc of one lowers the bloc count.
			if topB >= 0 && (top > own || top == own && ls.size[a] == 1) {
				bestB, bestV = topB, top
			}
			if bestV < 0 && ls.size[a] > 1 && ls.free.n > 0 {
				bestB = ls.free.last() // alone beats every bloc
			}
			if bestB != a {
				ls.move(i, bestB)
				moved = true
			}
		}
		if moved || merged {
			merged = ls.merge()
			moved = moved || merged
		}
		if !moved {
			return
		}
	}
}

// merge joins the two blocs with the largest weight between them when it
// is at least zero (zero still saves a bloc), the first such pair of
// labels on a tie; it reports whether it did. Cost O(n + E).
func (ls *localSearch) merge() bool {
	n, g := ls.n, ls.g
	ls.work += int64(n) + g.weights()
	if ls.enable() {
		return ls.mergeKept()
	}
	// The members of each bloc, in party order.
	head := make([]int, n)
	nextOf := make([]int, n)
	for i := range head {
		head[i] = -1
	}
	for i := n - 1; i >= 0; i-- {
		nextOf[i] = head[ls.label[i]]
		head[ls.label[i]] = i
	}
	bestA, bestB, bestV := -1, -1, -1
	for w := range ls.used {
		for x := ls.used[w]; x != 0; x &= x - 1 {
			a := w*64 + trailingZeros(x)
			if g.dense != nil {
				top, topB := ls.betweenDense(head, nextOf, a)
				if topB >= 0 && top > bestV {
					bestA, bestB, bestV = a, topB, top
				}
				continue
			}
			for i := head[a]; i >= 0; i = nextOf[i] {
				for k := g.start[i]; k < g.start[i+1]; k++ {
					if b := ls.label[g.nbr[k]]; b > a {
						ls.add(b, int(g.wt[k]))
					}
				}
			}
			top, topB := 0, -1
			for _, b := range ls.touched {
				if topB < 0 || ls.acc[b] > top || ls.acc[b] == top && b < topB {
					top, topB = ls.acc[b], b
				}
			}
			if bestV < 0 && (topB < 0 || top <= 0) {
				if z := ls.firstZero(a, -1); z >= 0 && (topB < 0 || top < 0 || z < topB) {
					top, topB = 0, z
				}
			}
			ls.reset()
			if topB >= 0 && top > bestV {
				bestA, bestB, bestV = a, topB, top
			}
		}
	}
	if bestA < 0 {
		return false
	}
	for i := head[bestB]; i >= 0; {
		nx := nextOf[i]
		ls.move(i, bestA)
		i = nx
	}
	return true
}

// mergeKept is merge from the weights kept to the blocs: the weight
// between two blocs is the sum of one's members' weights to the other.
// Cost O(n·B + B²), and O(n) a party moved.
func (ls *localSearch) mergeKept() bool {
	n, cols := ls.n, ls.cols
	clear(ls.between)
	for w, x := range ls.used {
		for ; x != 0; x &= x - 1 {
			cb := int(ls.colOf[w*64+trailingZeros(x)])
			col := ls.bw[cb*n:][:n]
			for i, v := range col {
				ls.between[int(ls.colOf[ls.label[i]])*cols+cb] += v
			}
		}
	}
	bestA, bestB, bestV := -1, -1, -1
	for w, x := range ls.used {
		for ; x != 0; x &= x - 1 {
			a := w*64 + trailingZeros(x)
			row := ls.between[int(ls.colOf[a])*cols:][:cols]
			top, topB := 0, -1
			for w2 := a / 64; w2 < len(ls.used); w2++ {
				y := ls.used[w2]
				if w2 == a/64 {
					y &^= 1<<(a%64+1) - 1 // the labels above a
				}
				for ; y != 0; y &= y - 1 {
					b := w2*64 + trailingZeros(y)
					if v := row[ls.colOf[b]]; topB < 0 || v > top {
						top, topB = v, b
					}
				}
			}
			if topB >= 0 && top > bestV {
				bestA, bestB, bestV = a, topB, top
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

// BlocDemands returns the demands that unite a group of parties — at least
// two of them have a stance on it, and all who do take the same side,
// support or oppose — and those that split it: some of them support it
// and some oppose it. Both sorted by id. Cost O(G·D/64) for G parties.
func BlocDemands(m *Model, parties []int) (united, split []int) {
	n := m.pos.blocks * blockWords
	anyS, anyO, anyN := make([]uint64, n), make([]uint64, n), make([]uint64, n)
	twoS, twoO := make([]uint64, n), make([]uint64, n)
	for _, p := range parties {
		lo, hi := m.pos.slots(p)
		for s := lo; s < hi; s++ {
			sup, opp, neu := m.pos.words(s)
			at := int(m.pos.blk[s]) * blockWords
			for w := range blockWords {
				i := at + w
				twoS[i] |= anyS[i] & sup[w]
				twoO[i] |= anyO[i] & opp[w]
				anyS[i] |= sup[w]
				anyO[i] |= opp[w]
				anyN[i] |= neu[w]
			}
		}
	}
	for w := range n {
		united = appendBits(united, twoS[w]&^anyO[w]&^anyN[w]|twoO[w]&^anyS[w]&^anyN[w], w)
		split = appendBits(split, anyS[w]&anyO[w], w)
	}
	return united, split
}
