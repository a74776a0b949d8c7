package graph

import (
	"math"
	"math/rand/v2"
	"testing"
)

// issueModel is a scenario where one question is asked three ways:
// talks, summit and normalisation are the issue "track". x and y agree on
// all three and clash on "war"; z is x's ally on "war" and its adversary on
// the track's one demand it speaks to.
//
//	         talks summit normal war aid
//	x          +     +      +     +   +
//	y          +     +      +     -   -
//	z          -     .      .     +   +
func issueModel(t testing.TB, grouped bool) *Model {
	t.Helper()
	b := NewBuilder()
	issue := ""
	if grouped {
		issue = "track"
	}
	for _, d := range []string{"talks", "summit", "normal"} {
		b.AddDemand(Demand{ID: d, Issue: issue})
	}
	b.AddDemand(Demand{ID: "war"})
	b.AddDemand(Demand{ID: "aid", Issue: "aid"}) // an issue of one demand is a plain demand
	for _, p := range []string{"x", "y", "z"} {
		b.AddParty(Party{ID: p})
	}
	add := func(p, d string, pos Position) { b.AddStance(p, d, Entry{Position: pos, Strength: Firm}) }
	for _, d := range []string{"talks", "summit", "normal", "war", "aid"} {
		add("x", d, Support)
	}
	for _, d := range []string{"talks", "summit", "normal"} {
		add("y", d, Support)
	}
	add("y", "war", Oppose)
	add("y", "aid", Oppose)
	add("z", "talks", Oppose)
	add("z", "war", Support)
	add("z", "aid", Support)
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestIssuesCountedOnce(t *testing.T) {
	flat, grouped := issueModel(t, false), issueModel(t, true)
	if flat.HasIssues() || !grouped.HasIssues() {
		t.Fatalf("HasIssues: flat %v, grouped %v", flat.HasIssues(), grouped.HasIssues())
	}
	ix := func(m *Model, id string) int { p, _ := m.PartyIndex(id); return p }
	// Demand ids sort aid, normal, summit, talks, war.
	if got := grouped.IssueDemands(2); len(got) != 3 {
		t.Errorf("IssueDemands(summit) = %v, want the three of the track", got)
	}
	if got := grouped.IssueDemands(0); len(got) != 1 || got[0] != 0 {
		t.Errorf("IssueDemands(aid) = %v, want aid alone", got)
	}

	// x and y: per demand they agree on 3 and clash on 2, allies by 3 to 2.
	// Counted by issue, the track is one agreement: 1 against 2, adversaries.
	xy := MeasurePair(flat, ix(flat, "x"), ix(flat, "y"))
	if xy.Relation != Alliance || xy.Net != 1 || !near(xy.Distance, 0.4) || xy.Issues != 5 {
		t.Errorf("x, y demand by demand: %+v", xy)
	}
	xy = MeasurePair(grouped, ix(grouped, "x"), ix(grouped, "y"))
	if xy.Agree != 3 || xy.Conflict != 2 || xy.Shared != 5 {
		t.Errorf("x, y per-demand counts changed: %+v", xy.PairCounts)
	}
	// Issues: track (φ* 0), war (1), aid (1): ρ* = 2/3; net 1 − 2 = −1.
	if xy.Issues != 3 || xy.Relation != Conflict || xy.Net != -1 || !near(xy.Distance, 2.0/3) {
		t.Errorf("x, y by issue: %+v", xy)
	}
	// κ by issue: x is {+,+,+}, y {+,−,−}: p_o = 1/3, p_e = (3·1)/9 = 1/3:
	// κ = 0. Centred: net −1 − (3·(−1))/3 = 0.
	if !xy.HasKappa || !near(xy.Kappa, 0) || !near(xy.Centred, 0) {
		t.Errorf("x, y by issue: kappa %v (%v), centred %v", xy.Kappa, xy.HasKappa, xy.Centred)
	}

	// x and z share talks, war, aid: the track is one issue of one shared
	// demand, so the counts are exact, as demand by demand.
	a, b := MeasurePair(flat, ix(flat, "x"), ix(flat, "z")), MeasurePair(grouped, ix(grouped, "x"), ix(grouped, "z"))
	if a != b {
		t.Errorf("x, z: %+v demand by demand, %+v by issue", a, b)
	}

	// An issue where a pair is split within itself: y and a w that supports
	// talks and opposes summit agree on the track half the time: φ* ½.
	bl := NewBuilder()
	for _, d := range []string{"talks", "summit"} {
		bl.AddDemand(Demand{ID: d, Issue: "track"})
	}
	bl.AddParty(Party{ID: "w"})
	bl.AddParty(Party{ID: "y"})
	bl.AddStance("w", "talks", Entry{Position: Support, Strength: Firm})
	bl.AddStance("w", "summit", Entry{Position: Oppose, Strength: Firm})
	bl.AddStance("y", "talks", Entry{Position: Support, Strength: Firm})
	bl.AddStance("y", "summit", Entry{Position: Support, Strength: Firm})
	m, err := bl.Build()
	if err != nil {
		t.Fatal(err)
	}
	p := MeasurePair(m, 0, 1)
	if p.Issues != 1 || p.Shared != 2 || !near(p.Distance, 0.5) || p.Net != 0 || p.Relation != Neutrality {
		t.Errorf("w, y split on one issue: %+v", p)
	}

	// Blocs follow the issues: demand by demand x and y are one bloc
	// against z (x–y +1, x–z +1, y–z −3); by issue x–y is −1 and x joins z.
	blocs := func(m *Model, o Objective) [][]string {
		var out [][]string
		for _, bl := range Coalitions(m, CoalitionOptions{Objective: o}).Blocs {
			var ids []string
			for _, p := range bl.Parties {
				ids = append(ids, m.Parties()[p].ID)
			}
			out = append(out, ids)
		}
		return out
	}
	if got := blocs(flat, ObjectiveNet); len(got) != 2 || len(got[0]) != 2 || got[0][0] != "x" || got[0][1] != "y" {
		t.Errorf("net blocs demand by demand %v, want [x y] [z]", got)
	}
	if got := blocs(grouped, ObjectiveNet); len(got) != 2 || got[0][0] != "x" || got[0][1] != "z" {
		t.Errorf("net blocs by issue %v, want [x z] [y]", got)
	}
}

// TestIssuesMatchNaive checks the issue-aware pair measures against a
// direct computation on random scenarios with random issues.
func TestIssuesMatchNaive(t *testing.T) {
	for seed := range uint64(20) {
		m := randomIssueModel(t, seed)
		for a := range m.Parties() {
			for b := a + 1; b < len(m.Parties()); b++ {
				got := MeasurePair(m, a, b)
				want := naiveIssuePair(m, a, b)
				if got.Issues != want.Issues || !near(got.Distance, want.Distance) || !near(got.Net, want.Net) ||
					!near(got.Centred, want.Centred) || got.HasKappa != want.HasKappa || (got.HasKappa && !near(got.Kappa, want.Kappa)) {
					t.Fatalf("seed %d pair %d–%d:\n got %+v\nwant %+v", seed, a, b, got, want)
				}
			}
		}
	}
}

func randomIssueModel(t testing.TB, seed uint64) *Model {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 11))
	b := NewBuilder()
	nd := 70 + rng.IntN(70) // across word boundaries
	for d := range nd {
		issue := ""
		if rng.IntN(2) == 0 {
			issue = "i" + string(rune('a'+rng.IntN(12)))
		}
		b.AddDemand(Demand{ID: "d" + itoa3(d), Issue: issue})
	}
	for p := range 6 {
		b.AddParty(Party{ID: "p" + itoa3(p)})
		for d := range nd {
			if rng.IntN(10) < 7 {
				b.AddStance("p"+itoa3(p), "d"+itoa3(d), Entry{Position: Positions[rng.IntN(3)], Strength: Firm})
			}
		}
	}
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func itoa3(i int) string {
	return string([]byte{byte('0' + i/100), byte('0' + i/10%10), byte('0' + i%10)})
}

// naiveIssuePair measures a pair issue by issue, the slow way.
func naiveIssuePair(m *Model, a, b int) Pair {
	seen := map[int]bool{}
	var p Pair
	var n, agree, conflict, neutral, same float64
	var ma, mb [4]float64
	var sa, sb float64
	for d := range m.Demands() {
		if seen[d] {
			continue
		}
		var k float64
		var ag, cf, nt, sm, xa, xb float64
		var ca, cb [4]float64
		for _, e := range m.IssueDemands(d) {
			seen[e] = true
			x, y := m.Position(a, e), m.Position(b, e)
			if !x.Known() || !y.Known() {
				continue
			}
			k++
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
			xa += float64(x.Value())
			xb += float64(y.Value())
		}
		if k == 0 {
			continue
		}
		n++
		agree += ag / k
		conflict += cf / k
		neutral += nt / k
		same += sm / k
		sa += xa / k
		sb += xb / k
		for c := range ca {
			ma[c] += ca[c] / k
			mb[c] += cb[c] / k
		}
	}
	p.Issues = int(n)
	p.Distance = 0.5
	if n > 0 {
		p.Distance = (2*conflict + neutral) / (2 * n)
		p.Net = agree - conflict
		p.Centred = p.Net - sa*sb/n
		pe := 0.0
		for c := range ma {
			pe += ma[c] / n * mb[c] / n
		}
		if pe < 1-1e-12 {
			p.Kappa, p.HasKappa = (same/n-pe)/(1-pe), true
		}
	}
	if math.IsNaN(p.Kappa) {
		p.HasKappa = false
	}
	return p
}
