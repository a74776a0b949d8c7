package graph

import (
	"cmp"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	dg "github.com/dominikbraun/graph"
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
	// Largest is the size of the largest.
	Groups, Largest int
	// Frustrated lists the pairs that add to the frustration — allies split
	// between blocs, adversaries in one bloc — by |w|, largest first, then
	// by parties.
	Frustrated []Pair
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
// bloc: the graph is split into its connected groups first (through
// dominikbraun/graph) and each is solved alone, which loses nothing, as
// merging blocs with no weight between them leaves the frustration as it
// was. A group of up to ExactLimit parties is solved exactly by branch and
// bound over all its partitions; ties go to fewer blocs, then to the
// partition that, listing the parties in id order and numbering each bloc
// when its first party appears, reads first. A larger group is solved by
// local search — moving single parties and merging blocs while that
// raises the weight within blocs, from Restarts starting partitions
// (singletons, one bloc, and random ones drawn from Seed), each followed by
// random perturbations — whose best answer is kept with the same
// tie-breaks; Exact is then false.
//
// The answer depends only on the model and the options, never on
// scheduling. Cost: O(P²·D/64) for the pairs (unless given), then
// exponential in ExactLimit for an exact group, O(Restarts·P²) per local
// search for the others; O(P²) memory for the weights.
func Coalitions(m *Model, opts CoalitionOptions) Partition {
	parties := opts.Parties
	if parties == nil {
		parties = allParties(m)
	}
	pairs := opts.Pairs
	if pairs == nil {
		pairs = Pairs(m, parties)
	}
	if opts.ExactLimit == 0 {
		opts.ExactLimit = DefaultExactLimit
	}
	if opts.Restarts <= 0 {
		opts.Restarts = DefaultRestarts
	}
	obj, median := ChooseObjective(pairs, opts.Objective)
	n := len(parties)
	pos := make(map[int]int, n) // party index -> position in parties
	for i, p := range parties {
		pos[p] = i
	}
	scale := weightScale(pairs, obj)
	w := make([]int32, n*n)
	for _, p := range pairs {
		i, j := pos[p.A], pos[p.B]
		v := int32(math.Round(p.Weight(obj) * scale))
		w[i*n+j], w[j*n+i] = v, v
	}

	res := Partition{Exact: true, Objective: obj, Auto: opts.Objective == ObjectiveAuto, MedianShared: median}
	labels := make([]int, n)
	next := 0
	for _, group := range linkedGroups(len(parties), w) {
		res.Groups++
		res.Largest = max(res.Largest, len(group))
		k := len(group)
		sub := make([]int32, k*k)
		for a, i := range group {
			for b, j := range group {
				sub[a*k+b] = w[i*n+j]
			}
		}
		var lab []int
		if k <= opts.ExactLimit {
			lab = exactClusters(sub, k)
		} else {
			lab = heuristicClusters(sub, k, opts.Seed, opts.Restarts, opts.Progress)
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
	// Agreement within a bloc is pooled issue by issue, as the distance is.
	type pooled struct{ distance, issues float64 }
	inside := make([]pooled, next)
	for _, p := range pairs {
		x, y := blocOf[pos[p.A]], blocOf[pos[p.B]]
		wt := p.Weight(obj)
		rounded := math.Round(wt*scale) != 0
		if x == y {
			b := &res.Blocs[x]
			b.InternalWeight += wt
			b.Inside.Agree += p.Agree
			b.Inside.Conflict += p.Conflict
			b.Inside.Neutral += p.Neutral
			b.Inside.Shared += p.Shared
			inside[x].distance += p.Distance * float64(p.Issues)
			inside[x].issues += float64(p.Issues)
			if wt < 0 && rounded {
				res.Frustration -= wt
				res.Frustrated = append(res.Frustrated, p)
			}
			continue
		}
		res.Blocs[x].ExternalWeight += wt
		res.Blocs[y].ExternalWeight += wt
		if wt > 0 && rounded {
			res.Frustration += wt
			res.Frustrated = append(res.Frustrated, p)
		}
	}
	for b := range res.Blocs {
		bl := &res.Blocs[b]
		switch {
		case len(bl.Parties) == 1:
			bl.InternalAgreement = 1
		case inside[b].issues == 0:
			bl.InternalAgreement = 0.5
		default:
			bl.InternalAgreement = 1 - inside[b].distance/inside[b].issues
		}
	}
	slices.SortFunc(res.Blocs, func(x, y Bloc) int {
		return cmp.Or(cmp.Compare(len(y.Parties), len(x.Parties)), cmp.Compare(x.Parties[0], y.Parties[0]))
	})
	slices.SortFunc(res.Frustrated, func(x, y Pair) int {
		return cmp.Or(cmp.Compare(math.Abs(y.Weight(obj)), math.Abs(x.Weight(obj))), cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B))
	})
	return res
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

// linkedGroups splits parties 0..n-1 into the connected components of the graph of non-zero weights, each sorted, the
// groups in order of their first member. The graph is a dominikbraun
// undirected graph, built and read once (its AdjacencyMap copies the whole
// graph on every call). Cost O(P²).
func linkedGroups(n int, w []int32) [][]int {
	g := dg.New(dg.IntHash)
	for i := range n {
		_ = g.AddVertex(i)
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			if w[i*n+j] != 0 {
				_ = g.AddEdge(i, j, dg.EdgeWeight(int(w[i*n+j])))
			}
		}
	}
	adj, err := g.AdjacencyMap()
	if err != nil {
		panic(err) // cannot happen: the graph has no store of its own that fails
	}
	seen := make([]bool, n)
	var groups [][]int
	for start := range n {
		if seen[start] {
			continue
		}
		seen[start] = true
		group := []int{start}
		for k := 0; k < len(group); k++ {
			for j := range adj[group[k]] {
				if !seen[j] {
					seen[j] = true
					group = append(group, j)
				}
			}
		}
		slices.Sort(group)
		groups = append(groups, group)
	}
	return groups
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
//
// Branch and bound in lexicographic order of labels, so the first optimum
// met wins ties. Upper bound of a partial assignment of parties 0..i−1:
// its gain, plus for every later party j the best it can take from the
// assigned parties (max(0, max over blocs of Σ w to the bloc's members)),
// plus every positive weight among the unassigned parties.
func exactClusters(w []int32, n int) []int {
	if n == 0 {
		return nil
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

	var walk func(i, blocs, gain int)
	walk = func(i, blocs, gain int) {
		if i == n {
			if better(gain, blocs, bestGain, bestBlocs) {
				bestGain, bestBlocs = gain, blocs
				copy(best, labels)
			}
			return
		}
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
	return best
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

// heuristicClusters is exactClusters by local search: restarts from the
// all-singletons partition, the one-bloc partition and random ones, each
// improved by single-party moves and bloc merges and then perturbed a few
// times. The restarts run in parallel with their own random streams and
// are compared with the tie-breaks of exactClusters, so the answer depends
// only on the inputs.
func heuristicClusters(w []int32, n int, seed uint64, restarts int, progress func(done, total int)) []int {
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
			ls := newLocalSearch(w, n)
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

// localSearch holds the working state of one local search, reused across
// restarts: labels, bloc sizes, and for every party the total weight to
// each bloc.
type localSearch struct {
	w      []int32
	n      int
	label  []int
	size   []int
	toBloc []int // toBloc[i*n+b] = Σ w from i to the members of bloc b other than i
	free   []int // empty bloc labels
}

func newLocalSearch(w []int32, n int) *localSearch {
	return &localSearch{w: w, n: n, label: make([]int, n), size: make([]int, n), toBloc: make([]int, n*n)}
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
func (ls *localSearch) set(labels []int) {
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
func (ls *localSearch) move(i, b int) {
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
func (ls *localSearch) descend(rng *rand.Rand) {
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
func (ls *localSearch) merge() bool {
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

// BlocDemands returns the demands that unite a group of parties — at least
// two of them have a stance on it, and all who do take the same side,
// support or oppose — and those that split it: some of them support it
// and some oppose it. Both sorted by id. Cost O(G·D/64) for G parties.
func BlocDemands(m *Model, parties []int) (united, split []int) {
	for w := range m.words {
		var anyS, anyO, anyN, twoS, twoO uint64
		for _, p := range parties {
			s, o, n := m.row(p)
			twoS |= anyS & s[w]
			twoO |= anyO & o[w]
			anyS |= s[w]
			anyO |= o[w]
			anyN |= n[w]
		}
		united = appendBits(united, twoS&^anyO&^anyN|twoO&^anyS&^anyN, w)
		split = appendBits(split, anyS&anyO, w)
	}
	return united, split
}
