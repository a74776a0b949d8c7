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
//	    v1       v2      v3   v4   v5   v6   v7
//	a   + red    + soft  .    +    .    .    .
//	b   +        .       +    +    .    .    0
//	c   .        0       -    +    +    .    .
//
// all firm unless marked; v5 excludes v1, v2 excludes v4; a supports v1
// only if v5.
func groundModel(t testing.TB) *Model {
	t.Helper()
	b := NewBuilder()
	for _, d := range []Demand{{ID: "v1"}, {ID: "v2", Excludes: []string{"v4"}}, {ID: "v3"}, {ID: "v4"},
		{ID: "v5", Excludes: []string{"v1"}}, {ID: "v6"}, {ID: "v7"}} {
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
	add("b", "v1", Support, Firm)
	add("b", "v3", Support, Firm)
	add("b", "v4", Support, Firm)
	add("b", "v7", Neutral, Firm)
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
	// Weights: v1 = 3 (a, red line) + 2 (b) = 5; v2 = 1 (a, soft; c is
	// neutral); v4 = 2+2+2 = 6; v5 = 2. v3 is opposed by c, v6 has no
	// stance, v7 only a neutral one: not acceptable.
	want := []GroundDemand{
		{Demand: 3, Supporters: []int{0, 1, 2}, Weight: 6},
		{Demand: 0, Supporters: []int{0, 1}, Unknown: []int{2}, Weight: 5},
		{Demand: 4, Supporters: []int{2}, Unknown: []int{0, 1}, Weight: 2},
		{Demand: 1, Supporters: []int{0}, Neutral: []int{2}, Unknown: []int{1}, Weight: 1},
	}
	if !reflect.DeepEqual(g.Acceptable, want) {
		t.Errorf("Acceptable =\n%+v\nwant\n%+v", g.Acceptable, want)
	}
	if !reflect.DeepEqual(g.Consensus, want[:1]) {
		t.Errorf("Consensus = %+v", g.Consensus)
	}
	// Maximal packages: one of v1/v5 and one of v2/v4. Before conditions:
	// {v1 v4} 11, {v4 v5} 8, {v1 v2} 6, {v2 v5} 3. But a backs v1 (red
	// line, 3) only with v5, which excludes v1: a's 3 never counts, so
	// {v1 v4} 8, {v4 v5} 8, {v1 v2} 3, {v2 v5} 3, ties by ids.
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
	// v4 4, v1 2, v5 2 (v1 first by id), v2: c neutral, nobody supports.
	if !reflect.DeepEqual(acc, []int{3, 0, 4}) {
		t.Errorf("b and c acceptable %v", acc)
	}
	if len(g.Packages) != 2 || g.Packages[0].Weight != 6 || !reflect.DeepEqual(g.Packages[0].Demands, []int{0, 3}) ||
		!reflect.DeepEqual(g.Packages[1].Demands, []int{3, 4}) {
		t.Errorf("b and c packages %+v", g.Packages)
	}
}

// brutePackages tries every subset of the acceptable demands, weighing
// each without the support whose condition it leaves out.
func brutePackages(m *Model, acceptable []GroundDemand, k int) []Package {
	n := len(acceptable)
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
				if r := rng.IntN(10); r < 7 {
					pos := Support
					if r == 6 {
						pos = Neutral
					} else if r == 5 && k%2 == 0 {
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
	if c.Cost != 2 || len(c.RedLines) != 0 || !reflect.DeepEqual(c.Unknown, []int{2}) || c.Carries() {
		t.Errorf("regions: %+v", c)
	}
	// Among Russia alone, regions carries.
	if c = Concessions(m, 3, []int{0}); !c.Carries() || c.Cost != 0 || len(c.Moves) != 0 {
		t.Errorf("regions among russia: %+v", c)
	}
	// guarantees: the US is neutral, firmly: nothing to carry it, 1 step
	// at 2 for support.
	c = Concessions(m, 0, []int{0, 2})
	if !c.Carries() || c.SupportCost != 2 || !reflect.DeepEqual(c.Moves, []Move{{Party: 2, From: Neutral, Strength: Firm,
		ToSupport: 1, SupportCost: 2}}) || !reflect.DeepEqual(c.Unknown, []int{0}) {
		t.Errorf("guarantees among russia, us: %+v", c)
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
