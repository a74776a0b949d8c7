package graph

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// groundModel is
//
//	    v1       v2      v3   v4   v5   v6   v7   v8
//	a   + red    + soft  .    +    0    .    .    +
//	b   +        0       +    +    0    .    0    .
//	c   0        0       -    +    +    .    .    .
//
// all firm unless marked; v5 excludes v1, v2 excludes v4; a supports v1
// only if v5. Every party has a stance on v1, v2, v4 and v5; v8 only a's.
func groundModel(t testing.TB) *Model {
	t.Helper()
	b := NewBuilder()
	for _, d := range []Demand{{ID: "v1"}, {ID: "v2", Excludes: []string{"v4"}}, {ID: "v3"}, {ID: "v4"},
		{ID: "v5", Excludes: []string{"v1"}}, {ID: "v6"}, {ID: "v7"}, {ID: "v8"}} {
		b.AddDemand(d)
	}
	for _, p := range []string{"a", "b", "c"} {
		b.AddParty(Party{ID: p})
	}
	add := func(p, d string, pos Position, s Strength, cond ...string) {
		b.AddStance(p, d, Entry{Position: pos, Strength: s, Condition: cond})
	}
	add("a", "v1", Support, RedLine, "v5")
	add("a", "v2", Support, Soft)
	add("a", "v4", Support, Firm)
	add("a", "v5", Neutral, Firm)
	add("a", "v8", Support, Firm)
	add("b", "v1", Support, Firm)
	add("b", "v2", Neutral, Firm)
	add("b", "v3", Support, Firm)
	add("b", "v4", Support, Firm)
	add("b", "v5", Neutral, Firm)
	add("b", "v7", Neutral, Firm)
	add("c", "v1", Neutral, Firm)
	add("c", "v2", Neutral, Firm)
	add("c", "v3", Oppose, Firm)
	add("c", "v4", Support, Firm)
	add("c", "v5", Support, Firm)
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestCommonGround(t *testing.T) {
	m := groundModel(t)
	g := CommonGround(m, []int{0, 1, 2}, GroundOptions{})
	// Weights: v1 = 3 (a, red line) + 2 (b) = 5; v2 = 1 (a, soft; b and c
	// neutral); v4 = 2+2+2 = 6; v5 = 2 (c). v3 is opposed by c, v6 has no
	// stance, v7 only a neutral one: not acceptable. v8 has a's support
	// only, and b and c have no stance on it: open, not acceptable.
	want := []GroundDemand{
		{Demand: 3, Supporters: []int{0, 1, 2}, Weight: 6},
		{Demand: 0, Supporters: []int{0, 1}, Neutral: []int{2}, Weight: 5},
		{Demand: 4, Supporters: []int{2}, Neutral: []int{0, 1}, Weight: 2},
		{Demand: 1, Supporters: []int{0}, Neutral: []int{1, 2}, Weight: 1},
	}
	if !reflect.DeepEqual(g.Acceptable, want) {
		t.Errorf("Acceptable =\n%+v\nwant\n%+v", g.Acceptable, want)
	}
	if !reflect.DeepEqual(g.Consensus, want[:1]) {
		t.Errorf("Consensus = %+v", g.Consensus)
	}
	if wantOpen := []GroundDemand{{Demand: 7, Supporters: []int{0}, Unknown: []int{1, 2}, Weight: 2}}; !reflect.DeepEqual(g.Open, wantOpen) {
		t.Errorf("Open = %+v, want %+v", g.Open, wantOpen)
	}
	// Maximal packages: one of v1/v5 and one of v2/v4. Before conditions:
	// {v1 v4} 11, {v4 v5} 8, {v1 v2} 6, {v2 v5} 3. But a backs v1 (red
	// line, 3) only with v5, which excludes v1: a's 3 never counts, so
	// {v1 v4} 8, {v4 v5} 8, {v1 v2} 3, {v2 v5} 3, ties by ids. The open v8
	// is in none: silence is not consent.
	lost := []Unmet{{Party: 0, Demand: 0, Needs: []int{4}, Weight: 3}}
	wantPkgs := []Package{
		{Demands: []int{0, 3}, Weight: 8, LeftOut: []int{1, 4}, Unmet: lost},
		{Demands: []int{3, 4}, Weight: 8, LeftOut: []int{0, 1}},
		{Demands: []int{0, 1}, Weight: 3, LeftOut: []int{3, 4}, Unmet: lost},
	}
	if !g.Exact || !reflect.DeepEqual(g.Packages, wantPkgs) {
		t.Errorf("Packages (exact %v) =\n%+v\nwant\n%+v", g.Exact, g.Packages, wantPkgs)
	}

	// With no budget the search stops at once: the greedy package (v4,
	// heaviest, then v1) is still there, and the answer is not exact.
	g = CommonGround(m, []int{0, 1, 2}, GroundOptions{Budget: 1, Packages: 4})
	if g.Exact || len(g.Packages) == 0 || !reflect.DeepEqual(g.Packages[0].Demands, []int{0, 3}) {
		t.Errorf("with budget 1: exact %v, packages %+v", g.Exact, g.Packages)
	}

	// b and c: v1 (b) and v5 (c) exclude each other; v3 is opposed by c.
	g = CommonGround(m, []int{1, 2}, GroundOptions{})
	var acc []int
	for _, gd := range g.Acceptable {
		acc = append(acc, gd.Demand)
	}
	// v4 4, v1 2, v5 2 (v1 first by id), v2: both neutral, nobody supports.
	if !reflect.DeepEqual(acc, []int{3, 0, 4}) || len(g.Open) != 0 {
		t.Errorf("b and c acceptable %v, open %+v", acc, g.Open)
	}
	if len(g.Packages) != 2 || g.Packages[0].Weight != 6 || !reflect.DeepEqual(g.Packages[0].Demands, []int{0, 3}) ||
		!reflect.DeepEqual(g.Packages[1].Demands, []int{3, 4}) {
		t.Errorf("b and c packages %+v", g.Packages)
	}

	// a and b: v3 (b supports, a silent) and v8 (a supports, b silent) are
	// open, each naming who is silent; v1 and v4 are acceptable.
	g = CommonGround(m, []int{0, 1}, GroundOptions{})
	var open [][]int
	for _, gd := range g.Open {
		open = append(open, append([]int{gd.Demand}, gd.Unknown...))
	}
	if want := [][]int{{2, 0}, {7, 1}}; !reflect.DeepEqual(open, want) {
		t.Errorf("a and b open (demand, silent...) %v, want %v", open, want)
	}
}

// TestSilenceIsNotConsent is the case of a group whose only shared support
// is on demands some of them never addressed: nothing is acceptable, no
// package is offered, and each such demand is open, naming the silent.
func TestSilenceIsNotConsent(t *testing.T) {
	//	    v1 v2 v3
	//	a    +  +  .
	//	b    .  +  -
	//	c    .  .  +
	m := table(t, [][2]string{{"a", "++."}, {"b", ".+-"}, {"c", "..+"}}, nil)
	g := CommonGround(m, []int{0, 1, 2}, GroundOptions{})
	if len(g.Acceptable) != 0 || len(g.Consensus) != 0 || len(g.Packages) != 0 {
		t.Errorf("acceptable %+v, packages %+v: silence read as consent", g.Acceptable, g.Packages)
	}
	want := []GroundDemand{
		{Demand: 1, Supporters: []int{0, 1}, Unknown: []int{2}, Weight: 4},
		{Demand: 0, Supporters: []int{0}, Unknown: []int{1, 2}, Weight: 2},
	}
	if !reflect.DeepEqual(g.Open, want) {
		t.Errorf("Open = %+v, want %+v", g.Open, want)
	}
}

// brutePackages tries every subset of the acceptable demands, weighing
// each without the support whose condition it leaves out.
func brutePackages(m *Model, acceptable []GroundDemand, k int) []Package {
	n := len(acceptable)
	if n == 0 {
		return nil // nothing acceptable, no package
	}
	excl := func(x, y int) bool { return slices.Contains(m.Excludes(acceptable[x].Demand), acceptable[y].Demand) }
	var all []Package
	for mask := 0; mask < 1<<n; mask++ {
		ok := true
		for x := 0; x < n && ok; x++ {
			for y := x + 1; y < n && ok; y++ {
				if mask&(1<<x) != 0 && mask&(1<<y) != 0 && excl(x, y) {
					ok = false
				}
			}
		}
		for x := 0; x < n && ok; x++ {
			if mask&(1<<x) != 0 {
				continue
			}
			blocked := false
			for y := range n {
				if mask&(1<<y) != 0 && excl(x, y) {
					blocked = true
				}
			}
			ok = blocked // maximal: every demand left out is excluded by one in
		}
		if !ok {
			continue
		}
		var p Package
		for x := range n {
			if mask&(1<<x) != 0 {
				p.Demands = append(p.Demands, acceptable[x].Demand)
				p.Weight += acceptable[x].Weight
			}
		}
		for _, d := range p.Demands {
			for _, q := range acceptable {
				if q.Demand != d {
					continue
				}
				for _, party := range q.Supporters {
					s, _ := m.Stance(party, d)
					for _, c := range s.Condition {
						x, _ := m.DemandIndex(c)
						if !slices.Contains(p.Demands, x) {
							p.Weight -= s.Strength.Weight()
							break
						}
					}
				}
			}
		}
		slices.Sort(p.Demands)
		all = append(all, p)
	}
	slices.SortFunc(all, func(a, b Package) int {
		return cmp.Or(cmp.Compare(b.Weight, a.Weight), slices.Compare(a.Demands, b.Demands))
	})
	return all[:min(k, len(all))]
}

func TestPackagesMatchBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for k := range 60 {
		b := NewBuilder()
		nd := 4 + rng.IntN(9)
		for d := range nd {
			var ex []string
			for range rng.IntN(3) {
				if x := rng.IntN(nd); x != d {
					ex = append(ex, fmt.Sprintf("d%02d", x))
				}
			}
			b.AddDemand(Demand{ID: fmt.Sprintf("d%02d", d), Excludes: ex})
		}
		for p := range 3 {
			b.AddParty(Party{ID: fmt.Sprintf("p%d", p)})
			for d := range nd {
				// Nine in ten cells recorded, so that most demands are
				// acceptable and the search has something to do.
				if r := rng.IntN(20); r < 18 {
					pos := Support
					if r >= 16 {
						pos = Neutral
					} else if r >= 14 && k%2 == 0 {
						pos = Oppose
					}
					e := Entry{Position: pos, Strength: Strength(1 + rng.IntN(3))}
					if rng.IntN(4) == 0 {
						e.Condition = []string{fmt.Sprintf("d%02d", rng.IntN(nd))}
					}
					b.AddStance(fmt.Sprintf("p%d", p), fmt.Sprintf("d%02d", d), e)
				}
			}
		}
		m, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		g := CommonGround(m, []int{0, 1, 2}, GroundOptions{Packages: 4})
		acc := slices.Clone(g.Acceptable)
		slices.SortFunc(acc, func(a, b GroundDemand) int { return cmp.Compare(a.Demand, b.Demand) })
		want := brutePackages(m, acc, 4)
		for _, gd := range g.Acceptable {
			if len(gd.Unknown) > 0 {
				t.Fatalf("case %d: acceptable %+v has silent parties", k, gd)
			}
		}
		var got []Package
		for _, p := range g.Packages {
			got = append(got, Package{Demands: p.Demands, Weight: p.Weight})
		}
		if !g.Exact || !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d: packages\n%+v\nwant\n%+v", k, got, want)
		}
	}
}

func TestConcessions(t *testing.T) {
	m := small(t) // parties russia 0, ukraine 1, us 2; demands guarantees 0, minerals 1, nato 2, regions 3
	c := Concessions(m, 2, nil)
	// nato: Ukraine supports; Russia opposes firmly (1 step to neutral at
	// 2, 2 steps to support at 4), the US softly (1 and 2). Opposers by
	// cost, highest first. Agreeing nato rules out regions, which Russia
	// supports.
	want := Concession{Demand: 2, Among: []int{0, 1, 2}, Supporters: []int{1},
		Moves: []Move{
			{Party: 0, From: Oppose, Strength: Firm, ToNeutral: 1, ToSupport: 2, Cost: 2, SupportCost: 4},
			{Party: 2, From: Oppose, Strength: Soft, ToNeutral: 1, ToSupport: 2, Cost: 1, SupportCost: 2},
		},
		Cost: 3, SupportCost: 6, RulesOut: []Ruled{{Demand: 3, Supporters: []int{0}}}}
	if !reflect.DeepEqual(c, want) || c.Carries() {
		t.Errorf("nato:\n%+v\nwant\n%+v", c, want)
	}
	// regions: Ukraine opposes firmly; Russia's red line is a supporter's,
	// not a blocker; the US has no stance.
	c = Concessions(m, 3, nil)
	if c.Cost != 2 || len(c.RedLines) != 0 || !reflect.DeepEqual(c.Unknown, []int{2}) || c.Carries() || c.Undecided() != nil {
		t.Errorf("regions: %+v", c)
	}
	// Among Russia alone, regions carries.
	if c = Concessions(m, 3, []int{0}); !c.Carries() || c.Cost != 0 || len(c.Moves) != 0 {
		t.Errorf("regions among russia: %+v", c)
	}
	// guarantees: the US is neutral, firmly, 1 step at 2 for support;
	// nobody opposes, but Russia has no stance: it carries only if Russia
	// does not oppose, so it does not carry on the record.
	c = Concessions(m, 0, []int{0, 2})
	if c.Carries() || c.Opposed() || c.SupportCost != 2 || !reflect.DeepEqual(c.Moves, []Move{{Party: 2, From: Neutral, Strength: Firm,
		ToSupport: 1, SupportCost: 2}}) || !reflect.DeepEqual(c.Unknown, []int{0}) || !reflect.DeepEqual(c.Undecided(), []int{0}) {
		t.Errorf("guarantees among russia, us: %+v", c)
	}
	// Among the US alone, with its stance on record and nobody opposing, it
	// carries.
	if c = Concessions(m, 0, []int{2}); !c.Carries() || len(c.Undecided()) != 0 {
		t.Errorf("guarantees among us: %+v", c)
	}
	// minerals: Ukraine's support waits on guarantees, which nobody opposes.
	c = Concessions(m, 1, nil)
	if !reflect.DeepEqual(c.Conditional, []Conditional{{Party: 1, Position: Support, On: []Condition{{Demand: 0}}}}) {
		t.Errorf("minerals conditional: %+v", c.Conditional)
	}
}

func TestConcessionsRedLine(t *testing.T) {
	m := table(t, [][2]string{{"a", "+"}, {"b", "-"}, {"c", "-"}}, map[string]Strength{"b/v1": RedLine, "c/v1": Soft})
	c := Concessions(m, 0, nil)
	// b: red line, 1 step at 3; c: soft, 1 at 1. Total 4, to support 8.
	if c.Cost != 4 || c.SupportCost != 8 || !reflect.DeepEqual(c.RedLines, []int{1}) || !c.Moves[0].RedLine || c.Moves[1].RedLine {
		t.Errorf("%+v", c)
	}
}
