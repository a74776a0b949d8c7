package graph

import (
	"cmp"
	"slices"
)

// Defaults of GroundOptions.
const (
	DefaultPackages = 3
	// DefaultSearchBudget bounds the package search, in steps (a step is
	// one demand looked at while branching, bounding or checking that a
	// package is maximal): this many take a fraction of a second, however
	// many demands exclude each other. Every branch costs steps in
	// proportion to the demands still open, so a search over thousands of
	// them stops as soon as one over a few dozen would.
	DefaultSearchBudget = 1 << 26
)

// GroundOptions tune CommonGround. The zero value is the default.
type GroundOptions struct {
	// Packages is how many packages to return, best first; 0 means
	// DefaultPackages.
	Packages int
	// Budget bounds the steps the package search may take; 0 means
	// DefaultSearchBudget. When it runs out, the packages found so far are
	// returned and Exact is false.
	Budget int
}

// GroundDemand is a demand seen from a group of parties.
type GroundDemand struct {
	Demand                       int
	Supporters, Neutral, Unknown []int // party indices of the group, sorted
	// Weight is the support weighted by strength: Σ over the supporters of
	// their stance's Strength.Weight() (red-line 3, firm 2, soft 1).
	Weight int
}

// Package is a set of demands a group could agree together: none of the
// group opposes any of them, and no two exclude each other.
type Package struct {
	Demands []int // sorted by id
	// Weight is the support the package has in the group weighted by
	// strength: the demands' weights, less the support of those whose
	// stance waits on a demand the package leaves out (see Unmet).
	Weight int
	// LeftOut are the acceptable demands not in the package because they
	// exclude one in it, sorted by id.
	LeftOut []int
	// Unmet are the supporters in the group whose stance on a demand of the
	// package waits on demands the package leaves out; their support is not
	// counted in Weight.
	Unmet []Unmet
}

// Unmet is a conditional stance whose condition a package does not hold.
type Unmet struct {
	Party, Demand int
	Needs         []int // the condition's demands missing from the package, sorted
	Weight        int   // the support not counted: the stance's strength weight
}

// Ground is the answer of CommonGround.
type Ground struct {
	Parties []int
	// Consensus are the demands every party of the group supports, by id.
	Consensus []GroundDemand
	// Acceptable are the demands on which every party of the group has a
	// recorded stance, none opposes and at least one supports, by weight
	// (largest first), then by id; Consensus is among them.
	Acceptable []GroundDemand
	// Open are the demands none of the group opposes and at least one
	// supports but on which some have no recorded stance (GroundDemand.
	// Unknown): silence is not consent, so they are in no package. By
	// weight, then by id.
	Open []GroundDemand
	// Packages are the best packages, by weight, then by their demand ids.
	Packages []Package
	// Exact reports that Packages are the best there are; false when the
	// search ran out of budget and they are only the best it found.
	Exact bool
}

// CommonGround finds what the parties (sorted, no repeats) could agree on:
// the demands all of them support (consensus), those on which all of them
// have a stance, none opposes and someone supports (acceptable — a demand
// nobody in the group backs is no common ground, and one some of them never
// addressed is open, not acceptable), and the best packages: maximal sets of acceptable
// demands no two of which exclude each other, ranked by the support of the
// group weighted by strength (red-line 3, firm 2, soft 1; a demand's weight
// counts once per supporter). A demand that excludes no other acceptable
// demand is in every package; the others are chosen by branch and bound
// over the maximal independent sets of the excludes graph among them,
// heaviest first, within the search budget.
//
// Deterministic. Cost O(G·D/64) for G parties, plus O(A·G·log D) for the A
// acceptable and open demands, plus the search, exponential in the number of
// acceptable demands that exclude one another and capped by the budget.
func CommonGround(m *Model, parties []int, opts GroundOptions) Ground {
	if opts.Packages <= 0 {
		opts.Packages = DefaultPackages
	}
	if opts.Budget <= 0 {
		opts.Budget = DefaultSearchBudget
	}
	g := Ground{Parties: slices.Clone(parties), Exact: true}
	if len(parties) == 0 {
		return g
	}
	// Over blocks, so that a party with stances in a few blocks costs only
	// those: a block some party lacks is known by not every party.
	words := m.pos.blocks * blockWords
	all := make([]uint64, words)   // supported by every party
	known := make([]uint64, words) // with a stance of every party
	some := make([]uint64, words)  // supported by some party
	opp := make([]uint64, words)   // opposed by some party
	have := make([]int, m.pos.blocks)
	for w := range all {
		all[w], known[w] = ^uint64(0), ^uint64(0)
	}
	for _, p := range parties {
		lo, hi := m.pos.slots(p)
		for sl := lo; sl < hi; sl++ {
			s, o, n := m.pos.words(sl)
			blk := int(m.pos.blk[sl])
			have[blk]++
			at := blk * blockWords
			for w := range blockWords {
				all[at+w] &= s[w]
				known[at+w] &= s[w] | o[w] | n[w]
				some[at+w] |= s[w]
				opp[at+w] |= o[w]
			}
		}
	}
	for blk, n := range have {
		if n < len(parties) {
			clear(all[blk*blockWords : (blk+1)*blockWords])
			clear(known[blk*blockWords : (blk+1)*blockWords])
		}
	}
	acceptable := map[int]int{} // demand -> index into g.Acceptable
	for w := range words {
		for x := some[w] &^ opp[w]; x != 0; x &= x - 1 {
			d := w*64 + trailingZeros(x)
			gd := m.groundDemand(d, parties)
			if known[w]&(1<<(d%64)) == 0 {
				g.Open = append(g.Open, gd)
				continue
			}
			acceptable[d] = len(g.Acceptable)
			g.Acceptable = append(g.Acceptable, gd)
			if all[w]&(1<<(d%64)) != 0 {
				g.Consensus = append(g.Consensus, gd)
			}
		}
	}
	g.Packages, g.Exact = m.packages(g.Acceptable, acceptable, opts)
	heaviest := func(a, b GroundDemand) int { return cmp.Compare(b.Weight, a.Weight) }
	slices.SortStableFunc(g.Acceptable, heaviest)
	slices.SortStableFunc(g.Open, heaviest)
	return g
}

// groundDemand sorts the group's parties by their stance on d.
func (m *Model) groundDemand(d int, parties []int) GroundDemand {
	gd := GroundDemand{Demand: d}
	for _, p := range parties {
		switch m.Position(p, d) {
		case Support:
			gd.Supporters = append(gd.Supporters, p)
			gd.Weight += m.strength(p, d).Weight()
		case Neutral:
			gd.Neutral = append(gd.Neutral, p)
		case Unknown:
			gd.Unknown = append(gd.Unknown, p)
		}
	}
	return gd
}

// strength returns the strength of party p's stance on d; 0 if unknown.
// Cost O(log D).
func (m *Model) strength(p, d int) Strength {
	if c := m.cell(p, d); c != nil {
		if c.pos == Unknown {
			return 0
		}
		return c.str
	}
	if m.bare.position(p, d) != Unknown {
		return DefaultStrength
	}
	return 0
}

// packages searches the best maximal packages among the acceptable
// demands (ds, in id order; at[d] is d's position in ds).
func (m *Model) packages(ds []GroundDemand, at map[int]int, opts GroundOptions) ([]Package, bool) {
	if len(ds) == 0 {
		return []Package{}, true
	}
	// Split the demands into free ones (excluding no other acceptable
	// demand) and contested ones, with their excludes among the contested.
	var free []int
	var cont []int // positions in ds
	for i, gd := range ds {
		linked := false
		for _, x := range m.excludes[gd.Demand] {
			if _, ok := at[x]; ok {
				linked = true
				break
			}
		}
		if linked {
			cont = append(cont, i)
		} else {
			free = append(free, i)
		}
	}
	// Heaviest first, then by id, so good packages come early and bound
	// the rest.
	slices.SortStableFunc(cont, func(a, b int) int { return cmp.Compare(ds[b].Weight, ds[a].Weight) })
	k := len(cont)
	rank := make(map[int]int, k) // demand -> position in cont
	for r, i := range cont {
		rank[ds[i].Demand] = r
	}
	nbrs := make([][]int, k)
	for r, i := range cont {
		for _, x := range m.excludes[ds[i].Demand] {
			if q, ok := rank[x]; ok {
				nbrs[r] = append(nbrs[r], q)
			}
		}
	}
	weight := make([]int, k)
	rest := make([]int, k+1) // rest[r] = Σ weights of cont[r:]
	for r := k - 1; r >= 0; r-- {
		weight[r] = ds[cont[r]].Weight
		rest[r] = rest[r+1] + weight[r]
	}
	base := 0
	for _, i := range free {
		base += ds[i].Weight
	}

	// Conditional support, to be discounted from packages that leave out
	// what it waits on.
	type conditional struct {
		u Unmet
		w int
	}
	var conds []conditional
	for _, gd := range ds {
		for _, p := range gd.Supporters {
			s, ok := m.Stance(p, gd.Demand)
			if !ok || len(s.Condition) == 0 {
				continue
			}
			var needs []int
			for _, id := range s.Condition {
				if x, ok := m.demandIdx[id]; ok {
					needs = append(needs, x)
				}
			}
			slices.Sort(needs)
			conds = append(conds, conditional{Unmet{Party: p, Demand: gd.Demand, Needs: slices.Compact(needs),
				Weight: s.Strength.Weight()}, s.Strength.Weight()})
		}
	}
	// in marks the demands of the package being built: the free ones for
	// good, the contested ones as the search chooses them.
	in := make([]bool, len(m.demands))
	var freeIDs []int
	for _, i := range free {
		in[ds[i].Demand] = true
		freeIDs = append(freeIDs, ds[i].Demand)
	}
	slices.Sort(freeIDs)
	// lost is the conditional support the marked package leaves unmet.
	lost := func() int {
		w := 0
		for _, c := range conds {
			if in[c.u.Demand] {
				for _, x := range c.u.Needs {
					if !in[x] {
						w += c.w
						break
					}
				}
			}
		}
		return w
	}
	// unmet lists it, by demand then party.
	unmet := func() []Unmet {
		var out []Unmet
		for _, c := range conds {
			if !in[c.u.Demand] {
				continue
			}
			var missing []int
			for _, x := range c.u.Needs {
				if !in[x] {
					missing = append(missing, x)
				}
			}
			if len(missing) > 0 {
				u := c.u
				u.Needs = missing
				out = append(out, u)
			}
		}
		slices.SortFunc(out, func(a, b Unmet) int {
			return cmp.Or(cmp.Compare(a.Demand, b.Demand), cmp.Compare(a.Party, b.Party))
		})
		return out
	}

	type found struct {
		chosen []bool
		weight int
		ids    []int // demand indices, sorted, for tie-breaks
		unmet  []Unmet
	}
	var top []found
	// offer considers the marked package, maximal, of nominal weight w
	// (before conditions).
	offer := func(chosen []bool, w int) {
		w -= lost()
		if len(top) == opts.Packages && w < top[len(top)-1].weight {
			return
		}
		var picked []int
		for r, c := range chosen {
			if c {
				picked = append(picked, ds[cont[r]].Demand)
			}
		}
		slices.Sort(picked)
		ids := make([]int, 0, len(freeIDs)+len(picked))
		i, j := 0, 0
		for i < len(freeIDs) || j < len(picked) {
			if j == len(picked) || i < len(freeIDs) && freeIDs[i] < picked[j] {
				ids = append(ids, freeIDs[i])
				i++
			} else {
				ids = append(ids, picked[j])
				j++
			}
		}
		for _, f := range top {
			if slices.Equal(f.ids, ids) {
				return
			}
		}
		top = append(top, found{slices.Clone(chosen), w, ids, unmet()})
		slices.SortFunc(top, func(a, b found) int {
			return cmp.Or(cmp.Compare(b.weight, a.weight), slices.Compare(a.ids, b.ids))
		})
		if len(top) > opts.Packages {
			top = top[:opts.Packages]
		}
	}
	choose := func(r int, on bool) {
		in[ds[cont[r]].Demand] = on
	}

	// A greedy package first, so there is an answer whatever the budget.
	chosen := make([]bool, k)
	blocked := make([]int, k) // how many chosen neighbours each has
	gw := 0
	for r := range k {
		if blocked[r] == 0 {
			chosen[r] = true
			choose(r, true)
			gw += weight[r]
			for _, q := range nbrs[r] {
				blocked[q]++
			}
		}
	}
	offer(chosen, base+gw)
	for r := range k {
		choose(r, false)
	}
	clear(chosen)
	clear(blocked)

	budget := opts.Budget
	exact := true
	var walk func(r, w int)
	walk = func(r, w int) {
		if budget -= k - r + 1; budget < 0 {
			exact = false
			return
		}
		// Bound: everything still open could at best all be taken, and all
		// conditions met.
		bound := w
		for q := r; q < k; q++ {
			if blocked[q] == 0 {
				bound += weight[q]
			}
		}
		if len(top) == opts.Packages && base+bound < top[len(top)-1].weight {
			return
		}
		for r < k && blocked[r] > 0 {
			r++ // already ruled out by a chosen neighbour
		}
		if r == k {
			// Maximal only if every unchosen demand has a chosen neighbour.
			if budget -= k + len(conds); budget < 0 {
				exact = false
				return
			}
			for q := range k {
				if !chosen[q] && blocked[q] == 0 {
					return
				}
			}
			offer(chosen, base+w)
			return
		}
		chosen[r] = true
		choose(r, true)
		for _, q := range nbrs[r] {
			blocked[q]++
		}
		walk(r+1, w+weight[r])
		for _, q := range nbrs[r] {
			blocked[q]--
		}
		chosen[r] = false
		choose(r, false)
		// Leaving r out is only maximal if a later neighbour can still be
		// chosen to rule it out.
		for _, q := range nbrs[r] {
			if q > r && blocked[q] == 0 {
				walk(r+1, w)
				return
			}
		}
	}
	walk(0, 0)

	out := make([]Package, 0, len(top))
	for _, f := range top {
		p := Package{Demands: f.ids, Weight: f.weight}
		for r, c := range f.chosen {
			if !c {
				p.LeftOut = append(p.LeftOut, ds[cont[r]].Demand)
			}
		}
		slices.Sort(p.LeftOut)
		p.Unmet = f.unmet
		out = append(out, p)
	}
	return out, exact
}
