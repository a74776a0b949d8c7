package graph_test

import (
	"math"
	"reflect"
	"runtime"
	"slices"
	"testing"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/internal/synth"
)

// configs are small random scenarios across word boundaries (130 demands
// is three words a party), dense and sparse, with and without blocs.
func configs() []synth.Config {
	var out []synth.Config
	for seed := range uint64(4) {
		out = append(out,
			synth.Config{Parties: 13, Demands: 130, Density: 0.8, Blocs: 3, Support: 0.5, Noise: 0.2, Excludes: 10, Strengths: true, Evidence: true, Seed: seed},
			synth.Config{Parties: 9, Demands: 70, Density: 0.3, Blocs: 1, Support: 0.4, Noise: 0.6, Excludes: 30, Seed: seed},
		)
	}
	return out
}

// naivePair measures a pair stance by stance, the slow way.
func naivePair(m *graph.Model, a, b int) (agree, conflict, neutral, shared int, kappa float64) {
	var ca, cb [4]int
	same := 0
	for d := range m.Demands() {
		x, y := m.Position(a, d), m.Position(b, d)
		if !x.Known() || !y.Known() {
			continue
		}
		shared++
		switch x.Value() * y.Value() {
		case 1:
			agree++
		case -1:
			conflict++
		default:
			neutral++
		}
		if x == y {
			same++
		}
		ca[x]++
		cb[y]++
	}
	if shared == 0 {
		return
	}
	n := float64(shared)
	po := float64(same) / n
	pe := 0.0
	for _, c := range graph.Positions {
		pe += float64(ca[c]) / n * float64(cb[c]) / n
	}
	if pe < 1 {
		kappa = (po - pe) / (1 - pe)
	}
	return
}

func TestPairProperties(t *testing.T) {
	for _, c := range configs() {
		m := synth.Scenario(c)
		ps := graph.Pairs(m, nil)
		np := len(m.Parties())
		if len(ps) != np*(np-1)/2 {
			t.Fatalf("%d pairs for %d parties", len(ps), np)
		}
		for _, p := range ps {
			agree, conflict, neutral, shared, kappa := naivePair(m, p.A, p.B)
			if p.Agree != agree || p.Conflict != conflict || p.Neutral != neutral || p.Shared != shared ||
				math.Abs(p.Kappa-kappa) > 1e-9 {
				t.Fatalf("pair %d–%d: %+v; stance by stance: agree %d conflict %d neutral %d shared %d kappa %v",
					p.A, p.B, p, agree, conflict, neutral, shared, kappa)
			}
			if q := graph.MeasurePair(m, p.B, p.A); q != p {
				t.Fatalf("not symmetric: %+v and %+v", p, q)
			}
			if p.Distance < 0 || p.Distance > 1 || p.Kappa < -1 || p.Kappa > 1 || math.IsNaN(p.Kappa) {
				t.Fatalf("out of range: %+v", p)
			}
			want := graph.Neutrality
			if p.Distance < 0.5 {
				want = graph.Alliance
			} else if p.Distance > 0.5 {
				want = graph.Conflict
			}
			if p.Relation != want {
				t.Fatalf("relation %v at distance %v", p.Relation, p.Distance)
			}
			ag, cf, ne := graph.PairDemands(m, p.A, p.B)
			if len(ag) != p.Agree || len(cf) != p.Conflict || len(ne) != p.Neutral ||
				!slices.IsSorted(ag) || !slices.IsSorted(cf) || !slices.IsSorted(ne) {
				t.Fatalf("PairDemands of %+v: %v %v %v", p, ag, cf, ne)
			}
		}
		for _, dc := range graph.DemandConflicts(m, nil) {
			if dc.Degree < 0 || dc.Degree > 1 {
				t.Fatalf("Con out of range: %+v", dc)
			}
			if got := m.Who(dc.Demand, graph.Oppose); !slices.Equal(got, dc.Opposers) {
				t.Fatalf("opposers of %d: %v, Who says %v", dc.Demand, dc.Opposers, got)
			}
			if got := m.Who(dc.Demand, graph.Support); !slices.Equal(got, dc.Supporters) {
				t.Fatalf("supporters of %d: %v, Who says %v", dc.Demand, dc.Supporters, got)
			}
		}
	}
}

// TestPairsParallel checks that spreading the pairs over the cores gives
// the same answer as one core, on a scenario big enough to be spread.
func TestPairsParallel(t *testing.T) {
	m := synth.Scenario(synth.Config{Parties: 70, Demands: 4000, Density: 0.5, Blocs: 3, Support: 0.6, Noise: 0.1, Seed: 9})
	many := graph.Pairs(m, nil)
	old := runtime.GOMAXPROCS(1)
	one := graph.Pairs(m, nil)
	runtime.GOMAXPROCS(old)
	if !reflect.DeepEqual(many, one) {
		t.Fatal("Pairs differs between 1 and many cores")
	}
}

func checkPartition(t *testing.T, m *graph.Model, p graph.Partition) {
	t.Helper()
	var seen []int
	var blocs [][]int
	for _, b := range p.Blocs {
		if len(b.Parties) == 0 || !slices.IsSorted(b.Parties) {
			t.Fatalf("bloc %v", b.Parties)
		}
		seen = append(seen, b.Parties...)
		blocs = append(blocs, b.Parties)
		if b.InternalAgreement < 0 || b.InternalAgreement > 1 {
			t.Fatalf("internal agreement %v", b.InternalAgreement)
		}
	}
	slices.Sort(seen)
	if want := allIndices(len(m.Parties())); !slices.Equal(seen, want) {
		t.Fatalf("blocs cover %v, not every party once", seen)
	}
	if p.Objective == graph.ObjectiveAuto {
		t.Fatal("the partition does not say which objective it used")
	}
	if f := graph.Frustration(m, blocs, p.Objective); math.Abs(f-p.Frustration) > 1e-6 {
		t.Fatalf("frustration %v, recomputed %v", p.Frustration, f)
	}
	sum := 0.0
	for _, f := range p.Frustrated {
		sum += math.Abs(f.Weight(p.Objective))
	}
	if math.Abs(sum-p.Frustration) > 1e-6 {
		t.Fatalf("frustrated pairs add to %v, frustration %v", sum, p.Frustration)
	}
	for i := 1; i < len(p.Blocs); i++ {
		a, b := p.Blocs[i-1].Parties, p.Blocs[i].Parties
		if len(a) < len(b) || len(a) == len(b) && a[0] > b[0] {
			t.Fatalf("blocs out of order: %v before %v", a, b)
		}
	}
}

func allIndices(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func TestCoalitionProperties(t *testing.T) {
	for _, c := range configs() {
		m := synth.Scenario(c)
		exact := graph.Coalitions(m, graph.CoalitionOptions{})
		if !exact.Exact {
			t.Fatalf("%d parties not solved exactly", len(m.Parties()))
		}
		checkPartition(t, m, exact)
		heur := graph.Coalitions(m, graph.CoalitionOptions{ExactLimit: -1, Seed: c.Seed})
		if heur.Exact {
			t.Fatal("heuristic said to be exact")
		}
		checkPartition(t, m, heur)
		if heur.Frustration != exact.Frustration {
			t.Errorf("seed %d: heuristic frustration %v, exact %v", c.Seed, heur.Frustration, exact.Frustration)
		}
	}
	m := synth.Scenario(synth.Spec())
	first := graph.Coalitions(m, graph.CoalitionOptions{})
	checkPartition(t, m, first)
	old := runtime.GOMAXPROCS(1)
	again := graph.Coalitions(m, graph.CoalitionOptions{})
	runtime.GOMAXPROCS(old)
	if !reflect.DeepEqual(first, again) {
		t.Fatal("the heuristic's answer depends on the number of cores")
	}
}

func TestGroundProperties(t *testing.T) {
	for _, c := range configs() {
		m := synth.Scenario(c)
		parties := []int{0, 1, 2}
		g := graph.CommonGround(m, parties, graph.GroundOptions{})
		for _, gd := range g.Acceptable {
			for _, p := range parties {
				if m.Position(p, gd.Demand) == graph.Oppose {
					t.Fatalf("acceptable demand %d opposed by %d", gd.Demand, p)
				}
			}
		}
		for i, p := range g.Packages {
			for _, x := range p.Demands {
				for _, y := range p.Demands {
					if slices.Contains(m.Excludes(x), y) {
						t.Fatalf("package %v holds %d and %d, which exclude each other", p.Demands, x, y)
					}
				}
			}
			if i > 0 && p.Weight > g.Packages[i-1].Weight {
				t.Fatalf("packages out of order")
			}
		}
	}
}
