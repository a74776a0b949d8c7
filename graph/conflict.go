package graph

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
)

// Relation is how two parties stand towards each other overall, after
// Pawlak: allied when their distance is below one half, in conflict above.
type Relation int8

const (
	Neutrality Relation = iota
	Alliance
	Conflict
)

func (r Relation) String() string {
	switch r {
	case Alliance:
		return "alliance"
	case Conflict:
		return "conflict"
	}
	return "neutral"
}

// Pair measures two parties against each other over the demands on which
// both have a recorded stance.
//
// The counts (Agree, Conflict, Neutral, Shared, Same) are per demand. The
// measures count each issue once (see Demand.Issue): on an issue of several
// demands, a pair's φ is the mean of φ over the issue's demands both have a
// stance on, so a question asked three ways does not weigh three times.
// When every demand is its own issue, as in a vote table, an issue is a
// demand and the measures are the textbook ones below.
//
// Distance is Pawlak's ρ*: the mean over the shared issues of φ*, which is
// 0 when the parties agree (their values multiply to +1), 1 when they clash
// (−1) and ½ when one or both is neutral; that is
// (Conflict + Neutral/2) / Shared per demand. With no shared demand it is
// ½: nothing recorded pulls them together or apart.
//
// Kappa is Cohen's κ over the same issues with three categories — support,
// oppose, neutral — so two neutral stances agree here, unlike in Agree.
// With n shared issues, p_o the share on which they take the same position,
// and p_e = Σ_c (a_c/n)(b_c/n) the agreement expected by chance from each
// party's own mix (a_c and b_c count the issues where a and b take position
// c; a demand of an issue of k shared demands counts 1/k): κ = (p_o − p_e) /
// (1 − p_e), in [−1, 1]. It is undefined (HasKappa false) when nothing is
// shared, and when p_e = 1 — both parties take one and the same position on
// every shared issue, so agreement cannot beat chance and the formula is
// 0/0. When only one party never varies, κ is 0 by the formula, whatever
// the other does.
type Pair struct {
	A, B int // party indices, A < B
	PairCounts
	Distance float64
	Kappa    float64 // meaningful only when HasKappa
	HasKappa bool
	Relation Relation
	// Same counts the shared demands on which both take the same position,
	// neutral included: κ's observed agreement, per demand.
	Same int
	// Issues is the number of issues on which both have a recorded stance;
	// Shared when every demand is its own issue.
	Issues int
	// Net is the pair's weight in the net objective of Coalitions:
	// Σ over the shared issues of the mean of v(a)·v(b) (support +1,
	// neutral 0, oppose −1) — agreements minus clashes, issues counted once.
	Net float64
	// Centred is Net less what chance gives from each party's own mix over
	// the shared issues: Net − (Σ x_i)(Σ y_i)/Issues, where x_i and y_i are
	// the parties' mean values on issue i. It is Issues times the
	// covariance of the two parties' positions: zero for parties whose
	// agreement is no more than their habits predict (two states that vote
	// yes on nearly everything), positive for those who move together,
	// negative for those who move apart.
	Centred float64
}

// Weight is the pair's weight in the signed graph of coalitions under the
// objective o.
func (p Pair) Weight(o Objective) float64 {
	if o == ObjectiveCentred {
		return p.Centred
	}
	return p.Net
}

// MeasurePair measures parties a and b. Cost O(D/64) by popcount, plus
// O(k) for the k demands that share an issue with another.
func MeasurePair(m *Model, a, b int) Pair {
	if a > b {
		a, b = b, a
	}
	ix := m.issues()
	var ss, oo, nn, so, os, sh int
	var aS, aO, bS, bO int // marginals over the shared demands; neutral follows
	grouped := len(ix.groups) > 0
	r := &m.pos
	i, ie := r.slots(a)
	j, je := r.slots(b)
	for i < ie && j < je {
		ba, bb := r.blk[i], r.blk[j]
		if ba != bb {
			if ba < bb {
				i++
			} else {
				j++
			}
			continue
		}
		x := r.bits[i*slotWords : (i+1)*slotWords : (i+1)*slotWords]
		y := r.bits[j*slotWords : (j+1)*slotWords : (j+1)*slotWords]
		i++
		j++
		var g []uint64
		if grouped {
			g = ix.grouped[int(ba)*blockWords : int(ba+1)*blockWords]
		}
		for w := range blockWords {
			sa, oa, na := x[w], x[w+blockWords], x[w+2*blockWords]
			sb, ob, nb := y[w], y[w+blockWords], y[w+2*blockWords]
			shared := (sa | oa | na) & (sb | ob | nb)
			if grouped {
				shared &^= g[w]
			}
			if shared == 0 {
				continue
			}
			sh += popcount(shared)
			ss += popcount(sa & sb & shared)
			oo += popcount(oa & ob & shared)
			nn += popcount(na & nb & shared)
			so += popcount(sa & ob & shared)
			os += popcount(oa & sb & shared)
			aS += popcount(sa & shared)
			aO += popcount(oa & shared)
			bS += popcount(sb & shared)
			bO += popcount(ob & shared)
		}
	}
	p := Pair{A: a, B: b, Same: ss + oo + nn}
	p.Shared, p.Agree, p.Conflict = sh, ss+oo, so+os
	p.Neutral = sh - p.Agree - p.Conflict
	p.Issues = sh
	if !grouped {
		p.Distance = distance(p.PairCounts)
		p.Relation = relation(p.PairCounts)
		p.Kappa, p.HasKappa = kappa(sh, p.Same, [3]int{aS, aO, sh - aS - aO}, [3]int{bS, bO, sh - bS - bO})
		p.Net = float64(p.Agree - p.Conflict)
		p.Centred = centred(p.Net, float64(aS-aO), float64(bS-bO), float64(sh))
		return p
	}
	// Issues of several demands: each adds the means over its shared
	// demands, so that it weighs as one demand would.
	agree, conflict, neutral, same := float64(p.Agree), float64(p.Conflict), float64(p.Neutral), float64(p.Same)
	ma := [3]float64{float64(aS), float64(aO), float64(sh - aS - aO)}
	mb := [3]float64{float64(bS), float64(bO), float64(sh - bS - bO)}
	for _, g := range ix.groups {
		var n, ag, cf, nt, sm int
		var ca, cb [4]int
		for _, d := range g {
			x, y := m.Position(a, d), m.Position(b, d)
			if x == Unknown || y == Unknown {
				continue
			}
			n++
			switch x.Value() * y.Value() {
			case 1:
				ag++
			case -1:
				cf++
			default:
				nt++
			}
			if x == y {
				sm++
			}
			ca[x]++
			cb[y]++
		}
		if n == 0 {
			continue
		}
		p.Shared += n
		p.Agree += ag
		p.Conflict += cf
		p.Neutral += nt
		p.Same += sm
		p.Issues++
		k := float64(n)
		agree += float64(ag) / k
		conflict += float64(cf) / k
		neutral += float64(nt) / k
		same += float64(sm) / k
		for c, pos := range Positions {
			ma[c] += float64(ca[pos]) / k
			mb[c] += float64(cb[pos]) / k
		}
	}
	if p.Issues == p.Shared {
		// One shared demand per issue: the plain counts are exact.
		p.Distance = distance(p.PairCounts)
		p.Relation = relation(p.PairCounts)
	} else {
		p.Distance = (2*conflict + neutral) / (2 * float64(p.Issues))
		p.Relation = relationOf(agree, conflict)
	}
	p.Kappa, p.HasKappa = kappaOf(float64(p.Issues), same, ma, mb)
	p.Net = agree - conflict
	p.Centred = centred(p.Net, ma[0]-ma[1], mb[0]-mb[1], float64(p.Issues))
	return p
}

// centred is net less chance: net − sa·sb/n for the sums of the two
// parties' values over n shared issues; 0 when nothing is shared.
func centred(net, sa, sb, n float64) float64 {
	if n == 0 {
		return 0
	}
	return net - sa*sb/n
}

// tolerance absorbs the rounding of sums of fractions, which are exact
// rationals: issues of up to a few hundred demands give sums whose true
// differences are far above it.
const tolerance = 1e-9

// relationOf compares ρ* with ½ from fractional counts of agreements and
// clashes.
func relationOf(agree, conflict float64) Relation {
	switch {
	case agree > conflict+tolerance:
		return Alliance
	case conflict > agree+tolerance:
		return Conflict
	}
	return Neutrality
}

// kappaOf is κ from fractional counts: n issues, same of them in
// agreement, and the two raters' weight per category.
func kappaOf(n, same float64, a, b [3]float64) (float64, bool) {
	if n == 0 {
		return 0, false
	}
	chance := 0.0
	for c := range a {
		chance += a[c] * b[c]
	}
	den := n*n - chance
	if den <= tolerance*n*n {
		return 0, false
	}
	return (n*same - chance) / den, true
}

// distance is ρ*: (2·conflict + neutral) / (2·shared), ½ with nothing shared.
func distance(c PairCounts) float64 {
	if c.Shared == 0 {
		return 0.5
	}
	return float64(2*c.Conflict+c.Neutral) / float64(2*c.Shared)
}

// relation compares ρ* with ½ exactly: ρ* < ½ ⇔ 2C+N < A+C+N ⇔ C < A.
func relation(c PairCounts) Relation {
	switch {
	case c.Agree > c.Conflict:
		return Alliance
	case c.Conflict > c.Agree:
		return Conflict
	}
	return Neutrality
}

// kappa is Cohen's κ from n shared items, same of them in agreement, and
// the two raters' counts per category. Computed as
// (n·same − Σ a_c·b_c) / (n² − Σ a_c·b_c), which is (p_o − p_e)/(1 − p_e)
// multiplied through by n², so the undefined cases are exact integer
// tests: nothing shared, or chance agreement of 1.
func kappa(n, same int, a, b [3]int) (float64, bool) {
	if n == 0 {
		return 0, false
	}
	var chance int64
	for c := range a {
		chance += int64(a[c]) * int64(b[c])
	}
	n64 := int64(n)
	den := n64*n64 - chance
	if den == 0 {
		return 0, false
	}
	return float64(n64*int64(same)-chance) / float64(den), true
}

// Pairs measures every pair among parties (all parties when nil), each
// with A < B, in the order of (A, B). parties must be sorted and without
// repeats. The pairs are spread over GOMAXPROCS goroutines, each writing its
// own slots, so the result does not depend on scheduling.
// Cost O(P²·D/64) time, O(P²) memory.
func Pairs(m *Model, parties []int) []Pair {
	if parties == nil {
		parties = allParties(m)
	}
	n := len(parties)
	if n < 2 {
		return []Pair{}
	}
	out := make([]Pair, n*(n-1)/2)
	// Row i holds the pairs (parties[i], parties[j]) for j > i, starting at
	// offset(i); rows are handed out one at a time so long rows and short
	// ones balance across workers.
	offset := func(i int) int { return i*n - i*(i+1)/2 }
	var next sync.Mutex
	row := 0
	workers := min(runtime.GOMAXPROCS(0), n-1)
	if len(m.pos.bits) < 1<<12 {
		workers = 1 // too little work to be worth the goroutines
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				next.Lock()
				i := row
				row++
				next.Unlock()
				if i >= n-1 {
					return
				}
				k := offset(i)
				for j := i + 1; j < n; j++ {
					out[k] = MeasurePair(m, parties[i], parties[j])
					k++
				}
			}
		})
	}
	wg.Wait()
	return out
}

func allParties(m *Model) []int {
	ps := make([]int, len(m.parties))
	for i := range ps {
		ps[i] = i
	}
	return ps
}

// PairOrder is how SortPairs ranks pairs.
type PairOrder int

const (
	// MostConflicting ranks by distance, largest first, then by the number
	// of conflicts, most first.
	MostConflicting PairOrder = iota
	// MostAllied ranks by distance, smallest first, then by the number of
	// agreements, most first.
	MostAllied
	// LeastKappa ranks by κ, smallest first, then by distance as
	// MostConflicting does.
	LeastKappa
	// MostKappa ranks by κ, largest first, then by distance as MostAllied
	// does.
	MostKappa
)

// SortPairs ranks pairs in place; ties end in party index order (A, then
// B). Distances are compared as exact fractions when every shared issue is
// one demand, never as rounded floats. Pairs without a κ (HasKappa false)
// come last under LeastKappa and MostKappa. Cost O(N log N).
func SortPairs(ps []Pair, order PairOrder) {
	less := pairOrder(order)
	keys := make([]pairKey, len(ps))
	idx := make([]int, len(ps))
	for i := range ps {
		keys[i], idx[i] = keyOf(&ps[i]), i
	}
	slices.SortFunc(idx, func(x, y int) int { return less(&keys[x], &keys[y]) })
	sorted := make([]Pair, len(ps))
	for i, x := range idx {
		sorted[i] = ps[x]
	}
	copy(ps, sorted)
}

// PairDemands returns the demands on which parties a and b agree, conflict
// and are neutral (one or both neutral), each sorted by id. Cost O(D/64 + k)
// for k demands returned.
func PairDemands(m *Model, a, b int) (agree, conflict, neutral []int) {
	m.pos.eachShared(a, b, func(blk int, x, y []uint64) {
		for w := range blockWords {
			sa, oa, na := x[w], x[w+blockWords], x[w+2*blockWords]
			sb, ob, nb := y[w], y[w+blockWords], y[w+2*blockWords]
			shared := (sa | oa | na) & (sb | ob | nb)
			if shared == 0 {
				continue
			}
			ag := sa&sb | oa&ob
			cf := sa&ob | oa&sb
			at := blk*blockWords + w
			agree = appendBits(agree, ag, at)
			conflict = appendBits(conflict, cf, at)
			neutral = appendBits(neutral, shared&^(ag|cf), at)
		}
	})
	return
}

// appendBits appends the demand index of every set bit of word w.
func appendBits(dst []int, x uint64, w int) []int {
	for x != 0 {
		dst = append(dst, w*64+trailingZeros(x))
		x &= x - 1
	}
	return dst
}

// DemandConflict is how one demand divides a set of parties.
type DemandConflict struct {
	Demand                        int
	Supporters, Opposers, Neutral []int // party indices, sorted
	// Degree is Pawlak's Con(v) = s·o / (⌊n/2⌋·(n − ⌊n/2⌋)) for s supporters
	// and o opposers among the n parties considered — every one of them,
	// silent or not, as Pawlak defines it: 0 without opposition, 1 when all
	// n split evenly for and against, and 0 when n < 2. One party against
	// one while six say nothing is 1·1/(4·4) = 1/16, not an even split.
	Degree float64
	// Engaged is the number of parties with a recorded stance on the
	// demand, and EngagedDegree is Con(v) counted among them only: how
	// evenly those who spoke are split, however few they are.
	Engaged       int
	EngagedDegree float64
}

// conDegree is Con(v) for s supporters and o opposers among n parties.
func conDegree(s, o, n int) float64 {
	if n < 2 {
		return 0
	}
	h := n / 2
	return float64(s*o) / float64(h*(n-h))
}

// DemandConflicts returns, for every demand in id order, its supporters,
// opposers and neutral parties among parties (all when nil; sorted, without
// repeats) and its conflict degree among them: over all of them (Degree),
// and over those with a stance (EngagedDegree). Cost O(P·D).
func DemandConflicts(m *Model, parties []int) []DemandConflict {
	if parties == nil {
		parties = allParties(m)
	}
	out := make([]DemandConflict, len(m.demands))
	// The lists are carved from one array each, sized by a first count.
	var count []Tally
	if len(parties) == len(m.parties) {
		count = m.DemandTallies()
	} else {
		count = make([]Tally, len(m.demands))
		for _, p := range parties {
			m.pos.each(p, func(d int, pos Position) {
				switch pos {
				case Support:
					count[d].Support++
				case Oppose:
					count[d].Oppose++
				default:
					count[d].Neutral++
				}
			})
		}
	}
	var ns, no, nn int
	for _, c := range count {
		ns, no, nn = ns+c.Support, no+c.Oppose, nn+c.Neutral
	}
	sup, opp, neu := make([]int, 0, ns), make([]int, 0, no), make([]int, 0, nn)
	for d := range out {
		out[d].Demand = d
		c := count[d]
		out[d].Supporters, sup = sup[len(sup):len(sup):len(sup)+c.Support], sup[:len(sup)+c.Support]
		out[d].Opposers, opp = opp[len(opp):len(opp):len(opp)+c.Oppose], opp[:len(opp)+c.Oppose]
		out[d].Neutral, neu = neu[len(neu):len(neu):len(neu)+c.Neutral], neu[:len(neu)+c.Neutral]
		if c.Support == 0 {
			out[d].Supporters = nil
		}
		if c.Oppose == 0 {
			out[d].Opposers = nil
		}
		if c.Neutral == 0 {
			out[d].Neutral = nil
		}
	}
	for _, p := range parties {
		m.pos.each(p, func(d int, pos Position) {
			switch pos {
			case Support:
				out[d].Supporters = append(out[d].Supporters, p)
			case Oppose:
				out[d].Opposers = append(out[d].Opposers, p)
			default:
				out[d].Neutral = append(out[d].Neutral, p)
			}
		})
	}
	for d := range out {
		c := &out[d]
		s, o := len(c.Supporters), len(c.Opposers)
		c.Engaged = s + o + len(c.Neutral)
		c.Degree = conDegree(s, o, len(parties))
		c.EngagedDegree = conDegree(s, o, c.Engaged)
	}
	return out
}

// ConflictDegree is Pawlak's Con(S): the mean of Con(v) over the demands,
// counting those without opposition as 0; 0 for a scenario with no demands.
func ConflictDegree(ds []DemandConflict) float64 {
	if len(ds) == 0 {
		return 0
	}
	var sum float64
	for _, d := range ds {
		sum += d.Degree
	}
	return sum / float64(len(ds))
}

// MostContested returns the indices into ds of the demands with a conflict
// degree above zero, highest first, ties broken by more opposers and
// supporters together, then by demand id. Cost O(D log D).
func MostContested(ds []DemandConflict) []int {
	var out []int
	for i, d := range ds {
		if d.Degree > 0 {
			out = append(out, i)
		}
	}
	slices.SortFunc(out, func(x, y int) int {
		a, b := ds[x], ds[y]
		return cmp.Or(cmp.Compare(b.Degree, a.Degree),
			cmp.Compare(len(b.Supporters)+len(b.Opposers), len(a.Supporters)+len(a.Opposers)),
			cmp.Compare(a.Demand, b.Demand))
	})
	return out
}
