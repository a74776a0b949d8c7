package graph

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sync"
	"testing"
)

// signed builds an n×n symmetric weight matrix from the upper triangle
// given row by row: w(0,1), w(0,2), …, w(1,2), …
func signed(n int, upper ...int32) []int32 {
	w := make([]int32, n*n)
	k := 0
	for i := range n {
		for j := i + 1; j < n; j++ {
			w[i*n+j], w[j*n+i] = upper[k], upper[k]
			k++
		}
	}
	return w
}

func randomSigned(rng *rand.Rand, n, lo, hi int) []int32 {
	w := make([]int32, n*n)
	for i := range n {
		for j := i + 1; j < n; j++ {
			v := int32(lo + rng.IntN(hi-lo+1))
			w[i*n+j], w[j*n+i] = v, v
		}
	}
	return w
}

// bruteClusters tries every partition in restricted growth form and keeps
// the best by the rules of exactClusters: most weight within blocs, then
// fewest blocs, then the lexicographically first labels.
func bruteClusters(w []int32, n int) []int {
	labels := make([]int, n)
	var best []int
	bestGain, bestBlocs := 0, 0
	var walk func(i, blocs int)
	walk = func(i, blocs int) {
		if i == n {
			g, b := withinGain(w, n, labels)
			if best == nil || better(g, b, bestGain, bestBlocs) {
				best, bestGain, bestBlocs = slices.Clone(labels), g, b
			}
			return
		}
		for b := 0; b <= blocs; b++ {
			labels[i] = b
			nb := blocs
			if b == blocs {
				nb++
			}
			walk(i+1, nb)
		}
	}
	walk(0, 0)
	return best
}

func TestExactClustersByHand(t *testing.T) {
	tests := []struct {
		name string
		n    int
		w    []int32
		want []int
	}{
		// x–y +2, x–z −4, y–z +1. Total positive 3. {xyz}: within −1,
		// frustration 4; {xy}{z}: 2, frustration 1; {x}{yz}: 1, 2;
		// {xz}{y}: −4, 7; singletons: 0, 3. Best {xy}{z}.
		{"triangle", 3, signed(3, 2, -4, 1), []int{0, 0, 1}},
		// x–y +1, x–z −2, y–z +1: {xy}{z} and {x}{yz} both frustrate 1
		// with 2 blocs; labels 001 come before 011.
		{"tie in labels", 3, signed(3, 1, -2, 1), []int{0, 0, 1}},
		// All zero: every partition frustrates 0; one bloc is fewest.
		{"zeros", 3, signed(3, 0, 0, 0), []int{0, 0, 0}},
		// All negative: singletons, frustration 0.
		{"enemies", 3, signed(3, -1, -1, -1), []int{0, 1, 2}},
		// x–y −1 with z at 0 to both: {x z}{y} (labels 010) and {x}{y z}
		// (011) frustrate 0 with 2 blocs; 010 comes first.
		{"zero ties", 3, signed(3, -1, 0, 0), []int{0, 1, 0}},
		{"one", 1, []int32{0}, []int{0}},
	}
	for _, tt := range tests {
		if got := exactClusters(tt.w, tt.n); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: exactClusters = %v, want %v", tt.name, got, tt.want)
		}
		if got := bruteClusters(tt.w, tt.n); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: bruteClusters = %v, want %v", tt.name, got, tt.want)
		}
	}
	if got := exactClusters(nil, 0); got != nil {
		t.Errorf("exactClusters of nothing = %v", got)
	}
}

// TestExactMatchesBruteForce checks branch and bound, tie-breaks included,
// against trying every partition.
func TestExactMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 1; n <= 8; n++ {
		for k := range 40 {
			lo, hi := -3, 3
			if k%4 == 0 {
				lo, hi = -1, 1 // many ties
			}
			w := randomSigned(rng, n, lo, hi)
			got, want := exactClusters(w, n), bruteClusters(w, n)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("n=%d: exact %v, brute force %v, weights %v", n, got, want, w)
			}
		}
	}
}

// TestHeuristicMatchesExact: on random small signed graphs the local
// search reaches the least frustration.
func TestHeuristicMatchesExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	sameLabels, cases := 0, 0
	for n := 2; n <= 12; n++ {
		for k := range 12 {
			lo, hi := -5, 5
			if k%3 == 0 {
				lo, hi = -1, 1
			}
			w := randomSigned(rng, n, lo, hi)
			exact := exactClusters(w, n)
			heur := sparseHeuristic(w, n, uint64(k), DefaultRestarts)
			ge, be := withinGain(w, n, exact)
			gh, bh := withinGain(w, n, heur)
			if gh != ge {
				t.Errorf("n=%d case %d: heuristic gain %d (%d blocs), exact %d (%d blocs)", n, k, gh, bh, ge, be)
			}
			cases++
			if slices.Equal(exact, heur) {
				sameLabels++
			}
		}
	}
	t.Logf("the heuristic found the exact partition itself, tie-breaks included, in %d of %d cases", sameLabels, cases)
}

func TestHeuristicIsDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	w := randomSigned(rng, 40, -3, 3)
	first := sparseHeuristic(w, 40, 7, 16)
	for range 3 {
		if got := sparseHeuristic(w, 40, 7, 16); !slices.Equal(got, first) {
			t.Fatalf("heuristic gave %v, then %v", first, got)
		}
	}
}

func TestCoalitionsOnTable(t *testing.T) {
	// a, b agree on v1, v2; c, d agree on v1, v2 against a and b; e shares
	// nothing with anyone. w(a,b) = w(c,d) = 2, w(a|b, c|d) = −2.
	//
	//	    v1 v2 v3
	//	a    +  +  .
	//	b    +  +  .
	//	c    -  -  .
	//	d    -  -  .
	//	e    .  .  +
	m := table(t, [][2]string{{"a", "++."}, {"b", "++."}, {"c", "--."}, {"d", "--."}, {"e", "..+"}}, nil)
	p := Coalitions(m, CoalitionOptions{})
	var got [][]int
	for _, b := range p.Blocs {
		got = append(got, b.Parties)
	}
	// e is linked to nobody, so it stays alone rather than joining a bloc
	// at no cost; blocs by size, then first party.
	if want := [][]int{{0, 1}, {2, 3}, {4}}; !reflect.DeepEqual(got, want) {
		t.Errorf("blocs %v, want %v", got, want)
	}
	if !p.Exact || p.Frustration != 0 || p.Groups != 2 || p.Largest != 4 || len(p.Frustrated) != 0 {
		t.Errorf("partition %+v", p)
	}
	b := p.Blocs[0]
	// Inside a–b: 2 agreements of 2 shared; to c and d: 4 pairs of −2.
	if b.InternalWeight != 2 || b.ExternalWeight != -8 || b.InternalAgreement != 1 ||
		b.Inside != (PairCounts{Agree: 2, Shared: 2}) {
		t.Errorf("bloc a, b: %+v", b)
	}
	if e := p.Blocs[2]; e.InternalAgreement != 1 || e.ExternalWeight != 0 {
		t.Errorf("bloc e: %+v", e)
	}
	if f := Frustration(m, got, ObjectiveNet); f != 0 {
		t.Errorf("Frustration = %v", f)
	}
	// Putting everyone in one bloc frustrates the four −2 pairs: 8.
	if f := Frustration(m, [][]int{{0, 1, 2, 3, 4}}, ObjectiveNet); f != 8 {
		t.Errorf("Frustration of one bloc = %v, want 8", f)
	}
	// Forcing the heuristic gives the same answer, said not to be exact.
	h := Coalitions(m, CoalitionOptions{ExactLimit: -1})
	if h.Exact || h.Frustration != 0 || len(h.Blocs) != 3 {
		t.Errorf("heuristic %+v", h)
	}
}

func TestCoalitionsFrustrated(t *testing.T) {
	// The triangle of TestExactClustersByHand as stances:
	// x–y agree on 2 demands (+2), y–z agree on 1 (+1), x–z clash on 4 (−4).
	//
	//	    v1 v2 v3 v4 v5 v6 v7
	//	x    +  +  +  +  +  .  .
	//	y    .  .  .  +  +  +  .
	//	z    -  -  -  -  .  +  .
	m := table(t, [][2]string{{"x", "+++++.."}, {"y", "...+++."}, {"z", "----.+."}}, nil)
	// x–y share v4 (+,+) and v5 (+,+): +2. x–z share v1–v4, all clashes:
	// −4. y–z share v4 (+,−) and v6 (+,+): 1 − 1 = 0. So y–z is 0, not +1:
	// {x y}{z} frustrates 0.
	p := Coalitions(m, CoalitionOptions{})
	if p.Frustration != 0 || len(p.Blocs) != 2 || !reflect.DeepEqual(p.Blocs[0].Parties, []int{0, 1}) {
		t.Errorf("partition %+v", p)
	}
	// Among x and z only, they must be apart.
	p = Coalitions(m, CoalitionOptions{Parties: []int{0, 2}})
	if len(p.Blocs) != 2 || p.Frustration != 0 {
		t.Errorf("x and z: %+v", p)
	}
	// With y opposed to x on everything it shares and agreeing with z
	// twice, nothing frustrates; with a positive y–z and positive x–y as
	// well, one pair must frustrate.
	m = table(t, [][2]string{{"x", "++++++."}, {"y", "+...+++"}, {"z", "----.++"}}, nil)
	// x–y: v1 (+,+), v5 (+,+), v6 (+,+): +3. x–z: v1–v4 clash, v6 agree: −3.
	// y–z: v1 (+,−), v6 (+,+), v7 (+,+): +1. Options: {xy}{z} frustrates 1
	// (y–z); {x}{yz} frustrates 3; {xyz} frustrates 3. Best {xy}{z}.
	p = Coalitions(m, CoalitionOptions{})
	if p.Frustration != 1 || len(p.Frustrated) != 1 || p.Frustrated[0].A != 1 || p.Frustrated[0].B != 2 {
		t.Errorf("partition %+v", p)
	}
}

func TestBlocDemands(t *testing.T) {
	//	    v1 v2 v3 v4 v5
	//	a    +  -  +  0  +
	//	b    +  -  -  0  .
	//	c    .  -  .  .  .
	m := table(t, [][2]string{{"a", "+-+0+"}, {"b", "+--0."}, {"c", ".-..."}}, nil)
	united, split := BlocDemands(m, []int{0, 1, 2})
	// v1 two supporters; v2 three opposers; v3 split; v4 neutral only is
	// not unity; v5 one supporter is not unity.
	if !reflect.DeepEqual(united, []int{0, 1}) || !reflect.DeepEqual(split, []int{2}) {
		t.Errorf("BlocDemands = %v, %v", united, split)
	}
}

func TestCoalitionsReportProgress(t *testing.T) {
	b := NewBuilder()
	for i := range 6 {
		b.AddParty(Party{ID: fmt.Sprintf("p%d", i)})
	}
	b.AddDemand(Demand{ID: "d"})
	for i := range 6 {
		b.AddStance(fmt.Sprintf("p%d", i), "d", Entry{Position: []Position{Support, Oppose}[i%2], Strength: Firm})
	}
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	calls, last := 0, 0
	Coalitions(m, CoalitionOptions{ExactLimit: -1, Restarts: 5, Progress: func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		last = max(last, done)
		if total != 5 {
			t.Errorf("total %d, want 5", total)
		}
	}})
	if calls != 5 || last != 5 {
		t.Errorf("progress called %d times, up to %d; want 5 and 5", calls, last)
	}
}

// pawlak is the Middle East table of Z. Pawlak, "An inquiry into anatomy
// of conflicts", Information Sciences 109 (1998): six agents on five
// issues — a Palestinian state on the West Bank and Gaza, an Israeli
// outpost along the Jordan, Israel keeping East Jerusalem, Israeli outposts
// on the Golan Heights, Arab citizenship for Palestinians who remain.
//
//	                a  b  c  d  e
//	israel          -  +  +  +  +
//	egypt           +  0  -  -  -
//	palestinians    +  -  -  -  0
//	jordan          0  -  -  0  -
//	syria           +  -  -  -  -
//	saudi-arabia    0  +  -  0  +
func pawlak(t testing.TB) *Model {
	return table(t, [][2]string{
		{"egypt", "+0---"}, {"israel", "-++++"}, {"jordan", "0--0-"},
		{"palestinians", "+---0"}, {"saudi-arabia", "0+-0+"}, {"syria", "+----"},
	}, nil)
}

func TestCoalitionsPawlak(t *testing.T) {
	m := pawlak(t)
	ids := func(p Partition) [][]string {
		var out [][]string
		for _, b := range p.Blocs {
			var bl []string
			for _, x := range b.Parties {
				bl = append(bl, m.Parties()[x].ID)
			}
			out = append(out, bl)
		}
		return out
	}
	want := [][]string{{"egypt", "jordan", "palestinians", "syria"}, {"israel", "saudi-arabia"}}
	for _, o := range []Objective{ObjectiveAuto, ObjectiveNet, ObjectiveCentred} {
		p := Coalitions(m, CoalitionOptions{Objective: o})
		if got := ids(p); !reflect.DeepEqual(got, want) || !p.Exact {
			t.Errorf("%s: blocs %v (exact %v), want %v", o, got, p.Exact, want)
		}
	}
	// Five issues are too few to tell each agent's habits from chance: the
	// default is the net objective, and says why.
	p := Coalitions(m, CoalitionOptions{})
	if p.Objective != ObjectiveNet || !p.Auto || p.MedianShared != 5 {
		t.Errorf("auto chose %s from a median of %d shared", p.Objective, p.MedianShared)
	}
	// Net weights: within {E, J, P, S} 3+2+4+2+4+3 = 18, Israel–Saudi 1;
	// frustrated: Egypt–Saudi and Palestinians–Saudi are 0, Jordan–Saudi
	// and Syria–Saudi −1 across blocs: nothing.
	if p.Frustration != 0 || p.Blocs[0].InternalWeight != 18 || p.Blocs[1].InternalWeight != 1 {
		t.Errorf("net partition %+v", p)
	}
	// Centred: Israel–Saudi is 2 − (4·1)/5 = 0.4.
	c := Coalitions(m, CoalitionOptions{Objective: ObjectiveCentred})
	if c.Objective != ObjectiveCentred || c.Auto || !near(c.Blocs[1].InternalWeight, 0.4) {
		t.Errorf("centred partition %+v", c)
	}
}

// TestCentredFindsTheSplit is the UN failure in small: nearly every vote
// passes with nearly everyone for it, so every pair agrees far more than
// it clashes and the net objective lumps all together, while two groups
// vote apart on the contested votes — the minority against what the
// majority backs, the majority abstaining on what the minority backs. The
// centred objective finds them.
func TestCentredFindsTheSplit(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	var rows [][2]string
	for p := range 12 {
		var b []byte
		for d := range 60 {
			c := byte('+')
			switch {
			case d%4 == 0 && p < 4: // the minority votes against
				c = '-'
			case d%6 == 3 && p >= 4: // the majority abstains
				c = '0'
			}
			if rng.IntN(20) == 0 {
				c = "+-0"[rng.IntN(3)]
			}
			b = append(b, c)
		}
		rows = append(rows, [2]string{fmt.Sprintf("p%02d", p), string(b)})
	}
	m := table(t, rows, nil)
	net := Coalitions(m, CoalitionOptions{Objective: ObjectiveNet})
	if len(net.Blocs) != 1 {
		t.Fatalf("net: %d blocs, want the lump of 1", len(net.Blocs))
	}
	auto := Coalitions(m, CoalitionOptions{})
	if auto.Objective != ObjectiveCentred || auto.MedianShared < AutoCentredShared {
		t.Fatalf("auto chose %s on %d shared", auto.Objective, auto.MedianShared)
	}
	if len(auto.Blocs) != 2 || !reflect.DeepEqual(auto.Blocs[1].Parties, []int{0, 1, 2, 3}) {
		t.Errorf("centred blocs %+v, want the 8 and the 4", auto.Blocs)
	}
}
