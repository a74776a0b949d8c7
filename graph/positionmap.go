package graph

import (
	"cmp"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"sync"
)

// Defaults and limits of PositionOptions.
const (
	// DefaultDimensions is how many axes MapPositions fits unless told.
	DefaultDimensions = 2
	// MaxDimensions is the most axes MapPositions fits.
	MaxDimensions = 3
	// DefaultMinStances is how many stances a party needs to be placed,
	// unless the scenario has fewer demands than that (then it needs a
	// stance on every demand). Fewer stances place a party by a handful of
	// votes, where one vote more or less moves it across the map; roll-call
	// scaling uses more (W-NOMINATE drops members with fewer than 20), but a
	// negotiation has a dozen demands, not hundreds of votes.
	DefaultMinStances = 5
	// positionIterations bounds the alternating least squares; it
	// converges in a few dozen sweeps on real votes.
	positionIterations = 300
	// positionTolerance stops the iteration when a sweep lowers the
	// residual by less than this share.
	positionTolerance = 1e-7
	// ridge keeps the per-party and per-demand solves well posed when a
	// party has few stances or a demand few voters; it is tiny next to the
	// residuals of real data, so it changes no ranking.
	ridge = 1e-3
)

// PositionMethod names the method MapPositions uses, for output.
const PositionMethod = "alternating least squares on recorded stances only (support 1, neutral 0.5, oppose 0; no stance is missing, never filled in)"

// PositionOptions tune MapPositions. The zero value is the default.
type PositionOptions struct {
	// Dimensions is the number of axes, 1 to MaxDimensions; 0 means
	// DefaultDimensions.
	Dimensions int
	// MinStances is the least number of recorded stances a party needs to
	// be placed; 0 means DefaultMinStances, or the number of demands when
	// there are fewer.
	MinStances int
	// Anchor, when set, is a party index put on the positive side of every
	// axis it is not at the centre of.
	Anchor *int
	// Parties limits the map to these parties (sorted, no repeats); nil
	// means all.
	Parties []int
}

// PartyPosition is where one party stands.
type PartyPosition struct {
	Party int
	// Coords are the party's coordinates, one per axis, each in [−1, 1]:
	// the placed parties' mean is 0 on every axis and the farthest is at
	// −1 or 1. Nil when the party is not placed (see Reason).
	Coords []float64
	// Stances is the number of the party's recorded stances.
	Stances int
	// Reason says why a party is not placed; "" when it is.
	Reason string
}

// DemandLoading is how one demand bears on the axes.
type DemandLoading struct {
	Demand int
	// Loadings are, per axis, how much more a party at +1 scores on the
	// demand than a party at the centre, in stance units (support 1,
	// neutral ½, oppose 0): positive when the positive side supports it
	// more. Nil when fewer than two placed parties have a stance on it.
	Loadings []float64
	// Stances counts the placed parties with a stance on it.
	Stances int
}

// PositionMap is the answer of MapPositions.
type PositionMap struct {
	Method     string
	Dimensions int
	MinStances int
	// Explained is, per axis, the share of the variance of the recorded
	// stances (around each demand's mean, over the placed parties) that the
	// axis accounts for; together, the share the fit accounts for.
	Explained []float64
	// Parties are the parties considered, in index order.
	Parties []PartyPosition
	// Demands are every demand, in index order.
	Demands []DemandLoading
	// Placed is how many parties have coordinates.
	Placed int
	// Iterations is how many sweeps the fit took; Converged is false when
	// it stopped at the limit instead.
	Iterations int
	Converged  bool
	// IssuesWeighted reports that demands sharing an issue were weighted
	// down so that each issue counts once for each party.
	IssuesWeighted bool
}

// Leading returns, for axis a, the demands that load on it most: up to k
// with the most negative loadings (most negative first) and up to k with
// the most positive (most positive first), ties by demand index. A demand
// whose loading is below a twentieth of the largest on the axis is in
// neither: it does not tell the two ends apart.
func (pm PositionMap) Leading(a, k int) (neg, pos []int) {
	biggest := 0.0
	for _, d := range pm.Demands {
		if d.Loadings != nil {
			biggest = max(biggest, math.Abs(d.Loadings[a]))
		}
	}
	var ds []DemandLoading
	for _, d := range pm.Demands {
		if d.Loadings != nil && d.Loadings[a] != 0 && math.Abs(d.Loadings[a]) >= biggest/20 {
			ds = append(ds, d)
		}
	}
	slices.SortStableFunc(ds, func(x, y DemandLoading) int { return cmp.Compare(x.Loadings[a], y.Loadings[a]) })
	for _, d := range ds {
		if len(neg) < k && d.Loadings[a] < 0 {
			neg = append(neg, d.Demand)
		}
	}
	for i := len(ds) - 1; i >= 0; i-- {
		if len(pos) < k && ds[i].Loadings[a] > 0 {
			pos = append(pos, ds[i].Demand)
		}
	}
	return neg, pos
}

// MapPositions places the parties in a space of one to three dimensions from
// their stances: the map of ideal points that analysts of roll-call and UN
// votes draw first.
//
// Each stance is scored support 1, neutral ½, oppose 0, and the scores are
// fitted by a low-rank model, x_pd ≈ μ_d + Σ_a u_pa·v_da (a party's point
// u_p, a demand's mean μ_d and loadings v_d), by least squares over the
// recorded stances only: a missing stance is missing, never read as neutral
// or filled in, so a party that spoke to few demands is placed by those
// alone. The fit alternates between solving every party's point with the
// demands held fixed and every demand's mean and loadings with the points
// held fixed — each a small regression with a closed form, as in the
// expectation-maximisation fits of ideal-point models (Imai, Lo & Olmsted
// 2016) — from fixed starts (several on small data, where the fit has
// local minima; the best is kept), until a sweep lowers the residual by less
// than one part in ten million. It is the least-squares, linear-response
// form of the ideal-point model, and the principal components of the vote
// matrix when nothing is missing. When demands share an issue, each of a
// party's stances on it weighs 1/k for the k stances it has there.
//
// The fitted axes are then turned to the principal axes of the fit (the
// first explains most), centred on the placed parties' mean, scaled so the
// farthest party is at ±1, and signed deterministically: towards the
// anchor party when one is given, otherwise so that the loadings sum to a
// positive number — the positive side supports more of what the axis is
// about.
//
// Parties with fewer than MinStances stances get no coordinates and a
// reason; demands with fewer than two placed parties' stances get no
// loadings. Deterministic. Cost O(I·S·k²) for I sweeps over S stances
// with k axes, spread over GOMAXPROCS goroutines, and O(S) memory.
func MapPositions(m *Model, opts PositionOptions) PositionMap {
	k := opts.Dimensions
	if k <= 0 {
		k = DefaultDimensions
	}
	k = min(k, MaxDimensions)
	minStances := opts.MinStances
	if minStances <= 0 {
		minStances = min(DefaultMinStances, max(len(m.demands), 1))
	}
	parties := opts.Parties
	if parties == nil {
		parties = allParties(m)
	}
	pm := PositionMap{Method: PositionMethod, Dimensions: k, MinStances: minStances, Explained: make([]float64, k)}
	ix := m.issues()
	pm.IssuesWeighted = len(ix.groups) > 0

	// Which parties are placed, and the stances of those on each demand.
	var placed []int
	for _, p := range parties {
		pp := PartyPosition{Party: p}
		pp.Stances = m.pos.count(p)
		if pp.Stances < minStances {
			pp.Reason = reasonFew(pp.Stances, minStances)
		} else {
			placed = append(placed, p)
		}
		pm.Parties = append(pm.Parties, pp)
	}
	f := newFit(m, placed, k, ix)
	pm.Demands = make([]DemandLoading, len(m.demands))
	for d := range pm.Demands {
		pm.Demands[d] = DemandLoading{Demand: d, Stances: int(f.dStart[d+1] - f.dStart[d])}
	}
	if len(placed) == 0 {
		return pm
	}
	if f.fitted == 0 {
		for i := range pm.Parties {
			if pm.Parties[i].Reason == "" {
				pm.Parties[i].Reason = "no demand has stances of two placed parties"
			}
		}
		return pm
	}
	pm.Iterations, pm.Converged = f.run()
	f.canonical(opts.Anchor)
	pm.Explained = f.explained()

	slot := make(map[int]int, len(placed))
	for i, p := range placed {
		slot[p] = i
	}
	for i := range pm.Parties {
		if s, ok := slot[pm.Parties[i].Party]; ok {
			pm.Parties[i].Coords = slices.Clone(f.u[s*k : (s+1)*k])
			pm.Placed++
		}
	}
	for d := range pm.Demands {
		if f.dStart[d+1]-f.dStart[d] >= 2 {
			pm.Demands[d].Loadings = slices.Clone(f.v[d*k : (d+1)*k])
		}
	}
	return pm
}

func reasonFew(n, min int) string {
	switch n {
	case 0:
		return "no recorded stance"
	case 1:
		return "1 recorded stance; placing a party takes at least " + strconv.Itoa(min)
	}
	return strconv.Itoa(n) + " recorded stances; placing a party takes at least " + strconv.Itoa(min)
}

// fit is the working state of MapPositions: the recorded stances of the
// placed parties by party (CSR) and by demand (CSC), their scores and
// weights, and the model's parameters.
type fit struct {
	k      int
	np, nd int
	placed []int // the placed parties, sorted: party index of each slot
	// By party slot: stances pStart[i]:pStart[i+1], with demand pDem, score
	// pX and weight pW (nil when every weight is 1).
	pStart []int32
	pDem   []int32
	pX     []float32
	pW     []float32
	// By demand: dStart[d]:dStart[d+1], with party slot dPar.
	dStart []int32
	dPar   []int32
	dX     []float32
	dW     []float32
	// fitted counts the demands with stances of two placed parties or more.
	fitted int

	u  []float64 // np×k points
	v  []float64 // nd×k loadings
	mu []float64 // nd means
}

func newFit(m *Model, placed []int, k int, ix *issueIndex) *fit {
	f := &fit{k: k, np: len(placed), nd: len(m.demands), placed: placed}
	f.pStart = make([]int32, 1, len(placed)+1)
	weighted := len(ix.groups) > 0
	count := make([]int32, len(m.demands)+1)
	perIssue := make([]int32, len(ix.groups))
	for _, p := range placed {
		if weighted {
			clear(perIssue)
			m.pos.each(p, func(d int, _ Position) {
				if g := ix.of[d]; g >= 0 {
					perIssue[g]++
				}
			})
		}
		m.pos.each(p, func(d int, pos Position) {
			f.pDem = append(f.pDem, int32(d))
			f.pX = append(f.pX, score(pos))
			if weighted {
				w := float32(1)
				if g := ix.of[d]; g >= 0 {
					w = 1 / float32(perIssue[g])
				}
				f.pW = append(f.pW, w)
			}
			count[d+1]++
		})
		f.pStart = append(f.pStart, int32(len(f.pDem)))
	}
	for d := 1; d < len(count); d++ {
		count[d] += count[d-1]
	}
	f.dStart = slices.Clone(count)
	f.dPar = make([]int32, len(f.pDem))
	f.dX = make([]float32, len(f.pDem))
	if weighted {
		f.dW = make([]float32, len(f.pDem))
	}
	next := count[:len(count)-1]
	for i := range f.np {
		for j := f.pStart[i]; j < f.pStart[i+1]; j++ {
			d := f.pDem[j]
			at := next[d]
			next[d]++
			f.dPar[at] = int32(i)
			f.dX[at] = f.pX[j]
			if weighted {
				f.dW[at] = f.pW[j]
			}
		}
	}
	for d := range f.nd {
		if f.dStart[d+1]-f.dStart[d] >= 2 {
			f.fitted++
		}
	}
	return f
}

func score(p Position) float32 {
	switch p {
	case Support:
		return 1
	case Neutral:
		return 0.5
	}
	return 0
}

// positionStarts is the most starting points the fit is run from; the best
// fit of them is kept. The least-squares surface has local minima when
// few parties share few demands (a negotiation's scenario, where one start
// can leave two allies apart), not on vote tables of thousands of stances,
// where one start is what the time allows: startsBudget stances times
// starts bounds the extra work.
const (
	positionStarts = 8
	startsBudget   = 1 << 16
)

// run fits from up to positionStarts fixed pseudo-random starts and keeps
// the fit of least penalised residual (ties to the earlier start). It
// returns the sweeps and whether the kept fit settled before the limit.
func (f *fit) run() (int, bool) {
	starts := min(positionStarts, max(1, startsBudget/max(len(f.pDem), 1)))
	var bestU, bestV, bestMu []float64
	best, bestIt, bestOK := math.Inf(1), 0, false
	for s := range starts {
		it, ok, obj := f.runFrom(uint64(s))
		if obj < best*(1-1e-9) {
			best, bestIt, bestOK = obj, it, ok
			bestU, bestV, bestMu = slices.Clone(f.u), slices.Clone(f.v), slices.Clone(f.mu)
		}
	}
	f.u, f.v, f.mu = bestU, bestV, bestMu
	return bestIt, bestOK
}

// runFrom alternates the two half-steps from the start numbered start
// until the residual settles. It returns the number of sweeps, whether it
// settled before the limit, and the objective the sweeps lower: the
// residual sum of squares plus the ridge terms.
func (f *fit) runFrom(start uint64) (int, bool, float64) {
	k := f.k
	f.u = make([]float64, f.np*k)
	f.v = make([]float64, f.nd*k)
	f.mu = make([]float64, f.nd)
	// Fixed pseudo-random starts: the same data give the same map.
	rng := rand.New(rand.NewPCG(0x9e3779b97f4a7c15+start, uint64(f.np)<<32|uint64(f.nd)))
	for i := range f.u {
		f.u[i] = rng.Float64()*2 - 1
	}
	tss := f.totalSquares()
	prev := math.Inf(1)
	penalised := func(rss float64) float64 {
		sq := 0.0
		for _, x := range f.u {
			sq += x * x
		}
		for _, x := range f.v {
			sq += x * x
		}
		return rss + ridge*sq
	}
	for it := 1; it <= positionIterations; it++ {
		f.demandStep()
		rss := f.partyStep()
		// Settled when a sweep gains less than one part in ten million of
		// what there is to explain, or of what is left.
		if it > 1 && (prev-rss <= positionTolerance*prev || prev-rss <= positionTolerance*tss) {
			return it, true, penalised(rss)
		}
		prev = rss
	}
	return positionIterations, false, penalised(prev)
}

// totalSquares is the weighted sum of squares of the stances around each
// fitted demand's observed mean.
func (f *fit) totalSquares() float64 {
	tss := 0.0
	for d := range f.nd {
		if f.dStart[d+1]-f.dStart[d] < 2 {
			continue
		}
		sw, sx := 0.0, 0.0
		for j := f.dStart[d]; j < f.dStart[d+1]; j++ {
			w := f.weight(j)
			sw += w
			sx += w * float64(f.dX[j])
		}
		mean := sx / sw
		for j := f.dStart[d]; j < f.dStart[d+1]; j++ {
			x := float64(f.dX[j]) - mean
			tss += f.weight(j) * x * x
		}
	}
	return tss
}

// weight is the weight of the j-th stance in demand order.
func (f *fit) weight(j int32) float64 {
	if f.dW == nil {
		return 1
	}
	return float64(f.dW[j])
}

// parallel runs fn over 0..n-1 in chunks on GOMAXPROCS goroutines, each
// chunk writing only its own slots, and returns the sum of what the chunks
// return, added in chunk order so the total does not depend on scheduling.
func parallel(n int, fn func(lo, hi int) float64) float64 {
	workers := min(runtime.GOMAXPROCS(0), max(n/64, 1))
	sums := make([]float64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() { sums[w] = fn(lo, hi) })
	}
	wg.Wait()
	total := 0.0
	for _, s := range sums {
		total += s
	}
	return total
}

// demandStep solves each demand's mean and loadings from the points: a
// regression of its stances on (1, u_p). The sums of the normal equations
// are gathered per party first (the products of ũ_p = (1, u_p)), so a
// stance costs one addition per entry. Cost O(S·k²).
func (f *fit) demandStep() {
	k := f.k
	n := k + 1
	// prod[i] holds the lower triangle of ũ·ũᵀ for party slot i.
	tri := n * (n + 1) / 2
	prod := make([]float64, f.np*tri)
	for i := range f.np {
		var ut [MaxDimensions + 1]float64
		ut[0] = 1
		copy(ut[1:n], f.u[i*k:(i+1)*k])
		t := prod[i*tri : (i+1)*tri]
		at := 0
		for r := range n {
			for c := 0; c <= r; c++ {
				t[at] = ut[r] * ut[c]
				at++
			}
		}
	}
	parallel(f.nd, func(lo, hi int) float64 {
		var a [(MaxDimensions + 1) * (MaxDimensions + 1)]float64
		var sums [(MaxDimensions + 1) * (MaxDimensions + 2) / 2]float64
		var b, x [MaxDimensions + 1]float64
		dPar, dX, dW, u := f.dPar, f.dX, f.dW, f.u
		for d := lo; d < hi; d++ {
			s, e := f.dStart[d], f.dStart[d+1]
			if e-s < 2 {
				f.mu[d] = 0
				if e > s {
					f.mu[d] = float64(dX[s])
				}
				clear(f.v[d*k : (d+1)*k])
				continue
			}
			clear(sums[:tri])
			clear(b[:n])
			if k == 2 && dW == nil {
				// The same sums, one accumulator a term, without the
				// loops: the map's usual two axes, unweighted.
				sums, b = demandSums2(prod, dPar[s:e], dX[s:e], u)
				s = e
			}
			for j := s; j < e; j++ {
				i := int(dPar[j])
				t := prod[i*tri : (i+1)*tri : (i+1)*tri]
				y := float64(dX[j])
				if dW != nil {
					w := float64(dW[j])
					y *= w
					for c := range t {
						sums[c] += w * t[c]
					}
				} else {
					for c := range t {
						sums[c] += t[c]
					}
				}
				b[0] += y
				for r := 1; r < n; r++ {
					b[r] += y * u[i*k+r-1]
				}
			}
			at := 0
			for r := range n {
				for c := 0; c <= r; c++ {
					a[r*n+c], a[c*n+r] = sums[at], sums[at]
					at++
				}
				if r > 0 {
					a[r*n+r] += ridge
				}
			}
			solve(a[:n*n], b[:n], x[:n], n)
			f.mu[d] = x[0]
			copy(f.v[d*k:(d+1)*k], x[1:n])
		}
		return 0
	})
}

// partyStep solves each party's point from the demands, and returns the
// weighted residual sum of squares after it, from the same sums: for the
// regression y ≈ V·x the residual is Σy² − 2xᵀb + xᵀAx. Cost O(S·k²).
func (f *fit) partyStep() float64 {
	k := f.k
	// prod[d] holds the lower triangle of v_d·v_dᵀ.
	tri := k * (k + 1) / 2
	prod := make([]float64, f.nd*tri)
	for d := range f.nd {
		at := 0
		for r := range k {
			for c := 0; c <= r; c++ {
				prod[d*tri+at] = f.v[d*k+r] * f.v[d*k+c]
				at++
			}
		}
	}
	return parallel(f.np, func(lo, hi int) float64 {
		var a [MaxDimensions * MaxDimensions]float64
		var sums [MaxDimensions * (MaxDimensions + 1) / 2]float64
		var b, x [MaxDimensions]float64
		pDem, pX, pW, v, mu := f.pDem, f.pX, f.pW, f.v, f.mu
		rss := 0.0
		for i := lo; i < hi; i++ {
			s, e := f.pStart[i], f.pStart[i+1]
			clear(sums[:tri])
			clear(b[:k])
			yy := 0.0
			if k == 2 && pW == nil {
				// The same sums, one accumulator a term, without the
				// loops: the map's usual two axes, unweighted.
				sums, b, yy = partySums2(prod, pDem[s:e], pX[s:e], v, mu)
				s = e
			}
			for j := s; j < e; j++ {
				d := int(pDem[j])
				t := prod[d*tri : (d+1)*tri : (d+1)*tri]
				y := float64(pX[j]) - mu[d]
				w := 1.0
				if pW != nil {
					w = float64(pW[j])
				}
				wy := w * y
				yy += wy * y
				for c := range t {
					sums[c] += w * t[c]
				}
				for r := range k {
					b[r] += wy * v[d*k+r]
				}
			}
			at := 0
			for r := range k {
				for c := 0; c <= r; c++ {
					a[r*k+c], a[c*k+r] = sums[at], sums[at]
					at++
				}
			}
			// The residual needs A without the ridge; solve needs it with.
			var plain [MaxDimensions * MaxDimensions]float64
			copy(plain[:k*k], a[:k*k])
			for r := range k {
				a[r*k+r] += ridge
			}
			solve(a[:k*k], b[:k], x[:k], k)
			copy(f.u[i*k:(i+1)*k], x[:k])
			r := yy
			for p := range k {
				r -= 2 * x[p] * b[p]
				for q := range k {
					r += x[p] * plain[p*k+q] * x[q]
				}
			}
			rss += max(r, 0)
		}
		return rss
	})
}

// demandSums2 is demandStep's sums for one demand with two axes and no
// weights: the lower triangle of Σ ũ·ũᵀ over its stances (ũ = (1, u_p)),
// and Σ y·ũ. Each sum adds the same terms in the same order as the loops.
func demandSums2(prod []float64, par []int32, xs []float32, u []float64) (sums [(MaxDimensions + 1) * (MaxDimensions + 2) / 2]float64, b [MaxDimensions + 1]float64) {
	var s0, s1, s2, s3, s4, s5, b0, b1, b2 float64
	for j, p := range par {
		i := int(p)
		t := prod[i*6 : i*6+6 : i*6+6]
		y := float64(xs[j])
		s0 += t[0]
		s1 += t[1]
		s2 += t[2]
		s3 += t[3]
		s4 += t[4]
		s5 += t[5]
		b0 += y
		ui := u[i*2 : i*2+2 : i*2+2]
		b1 += y * ui[0]
		b2 += y * ui[1]
	}
	sums[0], sums[1], sums[2], sums[3], sums[4], sums[5] = s0, s1, s2, s3, s4, s5
	b[0], b[1], b[2] = b0, b1, b2
	return sums, b
}

// partySums2 is partyStep's sums for one party with two axes and no
// weights: the lower triangle of Σ v_d·v_dᵀ over its stances, Σ y·v_d and
// Σ y², y the stance less the demand's mean. Each sum adds the same terms
// in the same order as the loops (a weight of 1 changes no product).
func partySums2(prod []float64, dem []int32, xs []float32, v, mu []float64) (sums [MaxDimensions * (MaxDimensions + 1) / 2]float64, b [MaxDimensions]float64, yy float64) {
	var s0, s1, s2, b0, b1 float64
	for j, dd := range dem {
		d := int(dd)
		t := prod[d*3 : d*3+3 : d*3+3]
		y := float64(xs[j]) - mu[d]
		yy += y * y
		s0 += t[0]
		s1 += t[1]
		s2 += t[2]
		vd := v[d*2 : d*2+2 : d*2+2]
		b0 += y * vd[0]
		b1 += y * vd[1]
	}
	sums[0], sums[1], sums[2] = s0, s1, s2
	b[0], b[1] = b0, b1
	return sums, b, yy
}

// solve solves the symmetric positive definite system a·x = b of size n by
// Cholesky decomposition, in place in a.
func solve(a, b, x []float64, n int) {
	for j := range n {
		s := a[j*n+j]
		for c := range j {
			s -= a[j*n+c] * a[j*n+c]
		}
		if s <= 1e-300 {
			s = 1e-300
		}
		l := math.Sqrt(s)
		a[j*n+j] = l
		for r := j + 1; r < n; r++ {
			t := a[r*n+j]
			for c := range j {
				t -= a[r*n+c] * a[j*n+c]
			}
			a[r*n+j] = t / l
		}
	}
	for r := range n {
		t := b[r]
		for c := range r {
			t -= a[r*n+c] * x[c]
		}
		x[r] = t / a[r*n+r]
	}
	for r := n - 1; r >= 0; r-- {
		t := x[r]
		for c := r + 1; c < n; c++ {
			t -= a[c*n+r] * x[c]
		}
		x[r] = t / a[r*n+r]
	}
}

// canonical turns the fitted points and loadings into the reported form:
// centred, on the principal axes of the fit, scaled to ±1, and signed.
func (f *fit) canonical(anchor *int) {
	k, np, nd := f.k, f.np, f.nd
	// Centre the points; the means take up the shift.
	for c := range k {
		mean := 0.0
		for i := range np {
			mean += f.u[i*k+c]
		}
		mean /= float64(np)
		for i := range np {
			f.u[i*k+c] -= mean
		}
		for d := range nd {
			f.mu[d] += mean * f.v[d*k+c]
		}
	}
	// Principal axes of U·Vᵀ as the recorded stances see it: with
	// G = Σ_p n_p·u_p·u_pᵀ and H = Σ_d n_d·v_d·v_dᵀ, each point and loading
	// weighted by its number of stances n, the axes are the eigenvectors of
	// G^½·H·G^½ carried back by G^−½. Unweighted, a party with few stances
	// would weigh by the cells the fit extrapolates to, not by what it said.
	if k > 1 {
		g := weightedGram(f.u, f.pStart, np, k)
		h := weightedGram(f.v, f.dStart, nd, k)
		gv, ge := symEigen(g, k)
		half := make([]float64, k*k)    // G^½
		invHalf := make([]float64, k*k) // G^−½
		for r := range k {
			for c := range k {
				for e := range k {
					s := math.Sqrt(max(gv[e], 1e-300))
					half[r*k+c] += ge[r*k+e] * s * ge[c*k+e]
					invHalf[r*k+c] += ge[r*k+e] / s * ge[c*k+e]
				}
			}
		}
		mid := mul(mul(half, h, k), half, k)
		_, q := symEigen(mid, k) // largest first
		// New points U·G^−½·Q, new loadings V·G^½·Q: the product is kept.
		tu := mul(invHalf, q, k)
		tv := mul(half, q, k)
		f.u = transform(f.u, np, k, tu)
		f.v = transform(f.v, nd, k, tv)
		// The weights only approximate which stances are recorded: order
		// the axes by what each explains of them alone, most first.
		solo := make([]float64, k)
		for a := range k {
			solo[a] = f.soloExplained(a)
		}
		order := make([]int, k)
		for a := range order {
			order[a] = a
		}
		slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(solo[y], solo[x]) })
		perm := make([]float64, k*k)
		for c, a := range order {
			perm[a*k+c] = 1
		}
		f.u = transform(f.u, np, k, perm)
		f.v = transform(f.v, nd, k, perm)
	}
	// Scale each axis so the farthest party is at ±1.
	for c := range k {
		far := 0.0
		for i := range np {
			far = max(far, math.Abs(f.u[i*k+c]))
		}
		if far == 0 {
			continue
		}
		for i := range np {
			f.u[i*k+c] /= far
		}
		for d := range nd {
			f.v[d*k+c] *= far
		}
	}
	// Sign.
	slot := -1
	if anchor != nil {
		if i, ok := slices.BinarySearch(f.placed, *anchor); ok {
			slot = i
		}
	}
	for c := range k {
		flip := false
		decided := false
		if slot >= 0 {
			if x := f.u[slot*k+c]; math.Abs(x) > 1e-9 {
				flip, decided = x < 0, true
			}
		}
		if !decided {
			sum := 0.0
			for d := range nd {
				sum += f.v[d*k+c]
			}
			if math.Abs(sum) > 1e-9 {
				flip = sum < 0
			} else {
				// The demand that loads most, by index, on the positive side.
				best, at := 0.0, -1
				for d := range nd {
					if a := math.Abs(f.v[d*k+c]); a > best+1e-12 {
						best, at = a, d
					}
				}
				flip = at >= 0 && f.v[at*k+c] < 0
			}
		}
		if flip {
			for i := range np {
				f.u[i*k+c] = -f.u[i*k+c]
			}
			for d := range nd {
				f.v[d*k+c] = -f.v[d*k+c]
			}
		}
	}
}

// explained returns each axis's share of the variance of the recorded
// stances around each demand's observed mean; together they are the share
// the whole fit explains.
func (f *fit) explained() []float64 {
	k := f.k
	out := make([]float64, k)
	// rss[a] is the residual with the first a axes; tss around the
	// observed means.
	rss := make([]float64, k+1)
	tss := 0.0
	for d := range f.nd {
		if f.dStart[d+1]-f.dStart[d] < 2 {
			continue
		}
		sw, sx := 0.0, 0.0
		for j := f.dStart[d]; j < f.dStart[d+1]; j++ {
			w := 1.0
			if f.dW != nil {
				w = float64(f.dW[j])
			}
			sw += w
			sx += w * float64(f.dX[j])
		}
		mean := sx / sw
		for j := f.dStart[d]; j < f.dStart[d+1]; j++ {
			w := 1.0
			if f.dW != nil {
				w = float64(f.dW[j])
			}
			x := float64(f.dX[j])
			tss += w * (x - mean) * (x - mean)
			r := x - f.mu[d]
			rss[0] += w * r * r
			u := f.u[int(f.dPar[j])*k:]
			for a := range k {
				r -= u[a] * f.v[d*k+a]
				rss[a+1] += w * r * r
			}
		}
	}
	if tss == 0 {
		return out
	}
	// The fit's share, 1 − rss/tss, split among the axes by what each
	// lowers the residual by when added in order. (The fitted means are not
	// the observed ones when stances are missing, so the gains are not
	// measured from tss itself.)
	total := min(max(1-rss[k]/tss, 0), 1)
	gains := 0.0
	for a := range k {
		gains += max(0, rss[a]-rss[a+1])
	}
	if gains == 0 {
		return out
	}
	for a := range k {
		out[a] = total * max(0, rss[a]-rss[a+1]) / gains
	}
	return out
}

// soloExplained is how much axis a alone lowers the residual of the
// recorded stances from the demands' means.
func (f *fit) soloExplained(a int) float64 {
	k := f.k
	gain := 0.0
	for d := range f.nd {
		for j := f.dStart[d]; j < f.dStart[d+1]; j++ {
			w := 1.0
			if f.dW != nil {
				w = float64(f.dW[j])
			}
			r0 := float64(f.dX[j]) - f.mu[d]
			r1 := r0 - f.u[int(f.dPar[j])*k+a]*f.v[d*k+a]
			gain += w * (r0*r0 - r1*r1)
		}
	}
	return gain
}

// weightedGram returns Σ_i n_i·x_i·x_iᵀ for the n×k matrix X, n_i being
// start[i+1] − start[i].
func weightedGram(x []float64, start []int32, n, k int) []float64 {
	g := make([]float64, k*k)
	for i := range n {
		w := float64(start[i+1] - start[i])
		for r := range k {
			for c := range k {
				g[r*k+c] += w * x[i*k+r] * x[i*k+c]
			}
		}
	}
	return g
}

func mul(a, b []float64, k int) []float64 {
	out := make([]float64, k*k)
	for r := range k {
		for c := range k {
			for e := range k {
				out[r*k+c] += a[r*k+e] * b[e*k+c]
			}
		}
	}
	return out
}

// transform returns X·T for an n×k matrix X and a k×k T.
func transform(x []float64, n, k int, t []float64) []float64 {
	out := make([]float64, n*k)
	for i := range n {
		for c := range k {
			s := 0.0
			for e := range k {
				s += x[i*k+e] * t[e*k+c]
			}
			out[i*k+c] = s
		}
	}
	return out
}

// symEigen returns the eigenvalues of a symmetric k×k matrix, largest
// first, and its eigenvectors as the columns of a k×k matrix, by Jacobi
// rotations.
func symEigen(a []float64, k int) ([]float64, []float64) {
	s := slices.Clone(a)
	v := make([]float64, k*k)
	for i := range k {
		v[i*k+i] = 1
	}
	for sweep := 0; sweep < 100; sweep++ {
		off := 0.0
		for r := range k {
			for c := range k {
				if r != c {
					off += s[r*k+c] * s[r*k+c]
				}
			}
		}
		if off < 1e-30 {
			break
		}
		for p := range k {
			for q := p + 1; q < k; q++ {
				if math.Abs(s[p*k+q]) < 1e-300 {
					continue
				}
				theta := (s[q*k+q] - s[p*k+p]) / (2 * s[p*k+q])
				t := math.Copysign(1, theta) / (math.Abs(theta) + math.Sqrt(theta*theta+1))
				c := 1 / math.Sqrt(t*t+1)
				sn := t * c
				for i := range k {
					sp, sq := s[i*k+p], s[i*k+q]
					s[i*k+p], s[i*k+q] = c*sp-sn*sq, sn*sp+c*sq
				}
				for i := range k {
					sp, sq := s[p*k+i], s[q*k+i]
					s[p*k+i], s[q*k+i] = c*sp-sn*sq, sn*sp+c*sq
				}
				for i := range k {
					vp, vq := v[i*k+p], v[i*k+q]
					v[i*k+p], v[i*k+q] = c*vp-sn*vq, sn*vp+c*vq
				}
			}
		}
	}
	vals := make([]float64, k)
	order := make([]int, k)
	for i := range k {
		vals[i] = s[i*k+i]
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(vals[y], vals[x]) })
	outV := make([]float64, k)
	outE := make([]float64, k*k)
	for c, o := range order {
		outV[c] = vals[o]
		for r := range k {
			outE[r*k+c] = v[r*k+o]
		}
	}
	return outV, outE
}
