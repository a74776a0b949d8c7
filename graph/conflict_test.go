package graph

import (
	"fmt"
	"math"
	"reflect"
	"testing"
)

// table builds a model from rows of positions, one string per party, one
// character per demand: + support, - oppose, 0 neutral, . no stance.
// Parties are named by the keys (which must sort as given), demands v1, v2…
// Every stance is firm unless strengths gives another for "party/demand".
func table(t testing.TB, rows [][2]string, strengths map[string]Strength) *Model {
	t.Helper()
	b := NewBuilder()
	nd := 0
	for _, r := range rows {
		nd = max(nd, len(r[1]))
	}
	for d := range nd {
		b.AddDemand(Demand{ID: demandName(d)})
	}
	for _, r := range rows {
		b.AddParty(Party{ID: r[0]})
		for d, c := range r[1] {
			var pos Position
			switch c {
			case '+':
				pos = Support
			case '-':
				pos = Oppose
			case '0':
				pos = Neutral
			default:
				continue
			}
			str := Firm
			if s, ok := strengths[r[0]+"/"+demandName(d)]; ok {
				str = s
			}
			b.AddStance(r[0], demandName(d), Entry{Position: pos, Strength: str})
		}
	}
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// demandName is v1…v9, then w010, w011…, so that ids sort in column order.
func demandName(d int) string {
	if d < 9 {
		return "v" + string(rune('1'+d))
	}
	return fmt.Sprintf("w%03d", d+1)
}

// tiny is the table most measures are checked against:
//
//	    v1 v2 v3 v4 v5
//	a    +  +  0  -  .
//	b    +  -  0  .  .
//	c    -  0  .  -  .
//	d    .  .  .  .  .      (no stance at all)
//
// v3 is a neutral-only demand, v5 has no stance, b has none on v4.
func tiny(t testing.TB) *Model {
	return table(t, [][2]string{{"a", "++0-."}, {"b", "+-0.."}, {"c", "-0.-."}, {"d", "....."}}, nil)
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

func TestMeasurePair(t *testing.T) {
	m := tiny(t)
	tests := []struct {
		a, b int
		want Pair
	}{
		// a–b share v1 (+,+ agree), v2 (+,− clash), v3 (0,0 neither).
		// ρ* = (0 + 1 + ½)/3 = ½: a tie, so neutral.
		// κ: a is {+,+,0}, b is {+,−,0}; same position on v1 and v3: p_o = 2/3.
		// p_e = (2·1 [support] + 0·1 [oppose] + 1·1 [neutral]) / 9 = 1/3.
		// κ = (2/3 − 1/3)/(1 − 1/3) = ½.
		// Net 1 − 1 = 0; a's values sum to 2, b's to 0: centred 0 − 2·0/3.
		{0, 1, Pair{A: 0, B: 1, PairCounts: PairCounts{Agree: 1, Conflict: 1, Neutral: 1, Shared: 3},
			Distance: 0.5, Kappa: 0.5, HasKappa: true, Relation: Neutrality, Same: 2, Issues: 3}},
		// a–c share v1 (+,− clash), v2 (+,0 neither), v4 (−,− agree): ρ* = ½.
		// a is {+,+,−}, c is {−,0,−}; same on v4 only: p_o = 1/3.
		// p_e = (2·0 + 1·2 + 0·1)/9 = 2/9; κ = (1/3 − 2/9)/(7/9) = 1/7.
		// Net 0; a sums to 1, c to −2: centred 0 − (1·−2)/3 = ⅔: c's
		// oppositions are not chance-alike with a's supports.
		{0, 2, Pair{A: 0, B: 2, PairCounts: PairCounts{Agree: 1, Conflict: 1, Neutral: 1, Shared: 3},
			Distance: 0.5, Kappa: 1.0 / 7, HasKappa: true, Relation: Neutrality, Same: 1, Issues: 3, Centred: 2.0 / 3}},
		// b–c share v1 (+,− clash), v2 (−,0 neither): ρ* = (1 + ½)/2 = ¾, conflict.
		// b is {+,−}, c is {−,0}: p_o = 0, p_e = (1·0 + 1·1 + 0·1)/4 = ¼;
		// κ = (0 − ¼)/(¾) = −⅓. Net −1; b sums to 0: centred −1.
		{1, 2, Pair{A: 1, B: 2, PairCounts: PairCounts{Agree: 0, Conflict: 1, Neutral: 1, Shared: 2},
			Distance: 0.75, Kappa: -1.0 / 3, HasKappa: true, Relation: Conflict, Same: 0, Issues: 2, Net: -1, Centred: -1}},
		// d has no stance: nothing shared, ρ* = ½ and κ undefined.
		{0, 3, Pair{A: 0, B: 3, Distance: 0.5, Relation: Neutrality}},
		// Given in the other order, the pair comes back as (A < B).
		{2, 1, Pair{A: 1, B: 2, PairCounts: PairCounts{Agree: 0, Conflict: 1, Neutral: 1, Shared: 2},
			Distance: 0.75, Kappa: -1.0 / 3, HasKappa: true, Relation: Conflict, Same: 0, Issues: 2, Net: -1, Centred: -1}},
	}
	for _, tt := range tests {
		got := MeasurePair(m, tt.a, tt.b)
		if !near(got.Distance, tt.want.Distance) || !near(got.Kappa, tt.want.Kappa) || !near(got.Centred, tt.want.Centred) {
			t.Errorf("MeasurePair(%d, %d) distance %v kappa %v centred %v, want %v, %v and %v", tt.a, tt.b,
				got.Distance, got.Kappa, got.Centred, tt.want.Distance, tt.want.Kappa, tt.want.Centred)
		}
		got.Distance, got.Kappa, got.Centred = tt.want.Distance, tt.want.Kappa, tt.want.Centred
		if got != tt.want {
			t.Errorf("MeasurePair(%d, %d) = %+v, want %+v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestKappaDegenerate(t *testing.T) {
	// x and y both support v1 and v2 and nothing else is shared: p_o = 1,
	// and p_e = (2·2)/4 = 1, so κ would be 0/0: undefined, not 0 — two
	// perfect allies do not show "kappa 0.00". So for x and z.
	m := table(t, [][2]string{{"w", "+-0"}, {"x", "++."}, {"y", "++."}, {"z", "+++"}}, nil)
	for _, c := range []struct{ a, b int }{{1, 2}, {1, 3}} {
		if p := MeasurePair(m, c.a, c.b); p.HasKappa {
			t.Errorf("kappa(%d, %d) = %v, want undefined", c.a, c.b, p.Kappa)
		}
	}
	// z always supports, w varies: κ(z, w) = 0 by the formula, as it is
	// whenever one party never varies: p_o = p_e = share of w's support.
	for _, c := range []struct{ a, b int }{{3, 0}, {0, 3}} {
		if p := MeasurePair(m, c.a, c.b); !p.HasKappa || p.Kappa != 0 {
			t.Errorf("kappa(%d, %d) = %v (defined %v), want 0", c.a, c.b, p.Kappa, p.HasKappa)
		}
	}
	// Nothing shared: undefined.
	m = table(t, [][2]string{{"x", "+."}, {"y", ".+"}}, nil)
	if p := MeasurePair(m, 0, 1); p.HasKappa {
		t.Errorf("kappa with nothing shared = %v, want undefined", p.Kappa)
	}
	// Perfect disagreement with both varying: x {+,−}, y {−,+}: p_o = 0,
	// p_e = (1·1 + 1·1)/4 = ½, κ = −½/½ = −1.
	m = table(t, [][2]string{{"x", "+-"}, {"y", "-+"}}, nil)
	if k := MeasurePair(m, 0, 1).Kappa; k != -1 {
		t.Errorf("kappa of perfect disagreement = %v, want -1", k)
	}
	// Perfect agreement with variation: κ = 1.
	m = table(t, [][2]string{{"x", "+-0"}, {"y", "+-0"}}, nil)
	if k := MeasurePair(m, 0, 1).Kappa; k != 1 {
		t.Errorf("kappa of perfect agreement = %v, want 1", k)
	}
}

func TestDemandConflicts(t *testing.T) {
	m := tiny(t)
	dcs := DemandConflicts(m, nil)
	// Con(v) counts all four parties, d (who says nothing) too: n = 4,
	// ⌊4/2⌋·⌈4/2⌉ = 4. Among the engaged only it is the old measure.
	want := []DemandConflict{
		// v1: 2 for, 1 against: 2·1/4 = ½; engaged n = 3: 2/(1·2) = 1.
		{Demand: 0, Supporters: []int{0, 1}, Opposers: []int{2}, Degree: 0.5, Engaged: 3, EngagedDegree: 1},
		// v2: 1 for, 1 against, 1 neutral: 1/4; engaged 1/(1·2) = ½.
		{Demand: 1, Supporters: []int{0}, Opposers: []int{1}, Neutral: []int{2}, Degree: 0.25, Engaged: 3, EngagedDegree: 0.5},
		// v3: neutral only: 0.
		{Demand: 2, Neutral: []int{0, 1}, Engaged: 2},
		// v4: both against: 0.
		{Demand: 3, Opposers: []int{0, 2}, Engaged: 2},
		// v5: nobody: 0.
		{Demand: 4},
	}
	if !reflect.DeepEqual(dcs, want) {
		t.Errorf("DemandConflicts =\n%+v\nwant\n%+v", dcs, want)
	}
	// Con(S) = (½ + ¼ + 0 + 0 + 0)/5 = 0.15.
	if got := ConflictDegree(dcs); !near(got, 0.15) {
		t.Errorf("ConflictDegree = %v, want 0.15", got)
	}
	if got := MostContested(dcs); !reflect.DeepEqual(got, []int{0, 1}) {
		t.Errorf("MostContested = %v, want [0 1]", got)
	}
	// Among a and c only: v1 1 for 1 against, n = 2: 1/(1·1) = 1;
	// v2 1 for, c neutral: 0; Con(S) = 1/5.
	sub := DemandConflicts(m, []int{0, 2})
	if sub[0].Degree != 1 || sub[1].Degree != 0 || !near(ConflictDegree(sub), 0.2) {
		t.Errorf("among a and c: %+v", sub)
	}
}

func TestConDegree(t *testing.T) {
	for _, c := range []struct {
		s, o, n int
		want    float64
	}{
		{0, 0, 0, 0}, {1, 0, 1, 0}, {0, 1, 1, 0}, // n < 2
		{1, 1, 2, 1},       // 1·1/(1·1)
		{2, 2, 4, 1},       // 4/(2·2)
		{3, 1, 4, 0.75},    // 3/(2·2)
		{2, 2, 5, 4.0 / 6}, // one neutral: 4/(2·3)
		{3, 2, 5, 1},       // 6/(2·3)
		{4, 0, 5, 0},
	} {
		if got := conDegree(c.s, c.o, c.n); !near(got, c.want) {
			t.Errorf("conDegree(%d, %d, %d) = %v, want %v", c.s, c.o, c.n, got, c.want)
		}
	}
}

func TestPairsAndSort(t *testing.T) {
	m := tiny(t)
	ps := Pairs(m, nil)
	if len(ps) != 6 {
		t.Fatalf("%d pairs, want 6", len(ps))
	}
	k := 0
	for a := range 4 {
		for b := a + 1; b < 4; b++ {
			if ps[k] != MeasurePair(m, a, b) {
				t.Errorf("Pairs[%d] = %+v, want the pair (%d, %d)", k, ps[k], a, b)
			}
			k++
		}
	}
	order := func(ps []Pair) [][2]int {
		var out [][2]int
		for _, p := range ps {
			out = append(out, [2]int{p.A, p.B})
		}
		return out
	}
	// Distances: a–b ½ (A1), a–c ½ (A1 C1), a–d ½, b–c ¾, b–d ½, c–d ½.
	SortPairs(ps, MostConflicting)
	// b–c first; then the ½ ties by conflicts (a–b, a–c have 1), then index.
	if got, want := order(ps), [][2]int{{1, 2}, {0, 1}, {0, 2}, {0, 3}, {1, 3}, {2, 3}}; !reflect.DeepEqual(got, want) {
		t.Errorf("MostConflicting: %v, want %v", got, want)
	}
	SortPairs(ps, MostAllied)
	if got, want := order(ps), [][2]int{{0, 1}, {0, 2}, {0, 3}, {1, 3}, {2, 3}, {1, 2}}; !reflect.DeepEqual(got, want) {
		t.Errorf("MostAllied: %v, want %v", got, want)
	}
	// κ: a–b ½, a–c 1/7, b–c −⅓; d shares nothing, so its three pairs have
	// no κ and come last either way, in the distance order.
	SortPairs(ps, MostKappa)
	if got, want := order(ps), [][2]int{{0, 1}, {0, 2}, {1, 2}, {0, 3}, {1, 3}, {2, 3}}; !reflect.DeepEqual(got, want) {
		t.Errorf("MostKappa: %v, want %v", got, want)
	}
	SortPairs(ps, LeastKappa)
	if got, want := order(ps), [][2]int{{1, 2}, {0, 2}, {0, 1}, {0, 3}, {1, 3}, {2, 3}}; !reflect.DeepEqual(got, want) {
		t.Errorf("LeastKappa: %v, want %v", got, want)
	}
	if got := Pairs(m, []int{1, 2}); len(got) != 1 || got[0] != MeasurePair(m, 1, 2) {
		t.Errorf("Pairs among b, c = %+v", got)
	}
}

func TestPairDemands(t *testing.T) {
	m := tiny(t)
	agree, conflict, neutral := PairDemands(m, 0, 2)
	if !reflect.DeepEqual(agree, []int{3}) || !reflect.DeepEqual(conflict, []int{0}) || !reflect.DeepEqual(neutral, []int{1}) {
		t.Errorf("PairDemands(a, c) = %v %v %v", agree, conflict, neutral)
	}
	agree, conflict, neutral = PairDemands(m, 0, 3)
	if agree != nil || conflict != nil || neutral != nil {
		t.Errorf("PairDemands(a, d) = %v %v %v, want nothing", agree, conflict, neutral)
	}
}

func TestEmptyAndSingle(t *testing.T) {
	empty, err := NewBuilder().Build()
	if err != nil {
		t.Fatal(err)
	}
	one := table(t, [][2]string{{"solo", "+-"}}, nil)
	for name, m := range map[string]*Model{"empty": empty, "single": one} {
		if ps := Pairs(m, nil); len(ps) != 0 {
			t.Errorf("%s: %d pairs", name, len(ps))
		}
		dcs := DemandConflicts(m, nil)
		if len(dcs) != len(m.Demands()) || ConflictDegree(dcs) != 0 {
			t.Errorf("%s: demand conflicts %+v", name, dcs)
		}
		p := Coalitions(m, CoalitionOptions{})
		if p.Frustration != 0 || !p.Exact || len(p.Blocs) != len(m.Parties()) {
			t.Errorf("%s: coalitions %+v", name, p)
		}
		s := Summarize(m, SummaryOptions{})
		if s.Parties != len(m.Parties()) || len(s.Alliances)+len(s.Conflicts) != 0 {
			t.Errorf("%s: summary %+v", name, s)
		}
	}
	p := Coalitions(one, CoalitionOptions{})
	if b := p.Blocs[0]; b.InternalAgreement != 1 || b.InternalWeight != 0 || !reflect.DeepEqual(b.Parties, []int{0}) {
		t.Errorf("single party bloc %+v", b)
	}
	if g := CommonGround(one, []int{0}, GroundOptions{}); len(g.Consensus) != 1 || len(g.Packages) != 1 {
		t.Errorf("common ground of one party %+v", g)
	}
	if g := CommonGround(empty, nil, GroundOptions{}); len(g.Acceptable) != 0 || !g.Exact {
		t.Errorf("common ground of nobody %+v", g)
	}
}
