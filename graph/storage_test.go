package graph_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/parley/parley/graph"
)

// recorded is a generated scenario and, beside it, every history it was
// given, by party id and demand id: what the model must answer.
type recorded struct {
	m       *graph.Model
	history map[[2]string][]graph.Entry
}

// randomRecorded builds a scenario whose parties each have stances only in
// a window or two of the demands (as members of a legislature sit for a few
// sessions), spread over several blocks of the bitsets, with every kind of
// stance the model stores apart: bare positions, other strengths, evidence,
// and dated histories, some ending in "unknown". Parties, demands and
// stances are added in shuffled order.
func randomRecorded(t *testing.T, seed uint64) recorded {
	rng := rand.New(rand.NewPCG(seed, 99))
	np, nd := 1+rng.IntN(30), 1+rng.IntN(1600)
	b := graph.NewBuilder()
	b.AddSource(graph.Source{ID: "src"})
	pids, dids := make([]string, np), make([]string, nd)
	for i := range pids {
		pids[i] = fmt.Sprintf("p%03d", rng.IntN(1000)*100+i) // ids sort unlike the handles
	}
	for i := range dids {
		dids[i] = fmt.Sprintf("d%05d", rng.IntN(100000)*10+i%10) + fmt.Sprint(i)
	}
	for _, i := range rng.Perm(np) {
		b.AddParty(graph.Party{ID: pids[i], People: []graph.Person{{ID: "envoy", Name: "Envoy"}}})
	}
	for _, i := range rng.Perm(nd) {
		b.AddDemand(graph.Demand{ID: dids[i]})
	}
	dates := []graph.Date{graph.MustDate("2001"), graph.MustDate("2003-05"), graph.MustDate("2007-01-02")}
	hist := map[[2]string][]graph.Entry{}
	type add struct {
		p, d string
		es   []graph.Entry
	}
	var adds []add
	density := rng.Float64()
	for p := range np {
		windows := 1 + rng.IntN(3)
		for range windows {
			lo := rng.IntN(nd)
			hi := min(nd, lo+1+rng.IntN(700))
			for d := lo; d < hi; d++ {
				key := [2]string{pids[p], dids[d]}
				if _, ok := hist[key]; ok || rng.Float64() > density {
					continue
				}
				pos := graph.Positions[rng.IntN(3)]
				var es []graph.Entry
				switch k := rng.IntN(20); {
				case k < 14:
					es = []graph.Entry{{Position: pos, Strength: graph.DefaultStrength}}
				case k < 16:
					es = []graph.Entry{{Position: pos, Strength: graph.Strengths[rng.IntN(3)]}}
				case k < 18:
					es = []graph.Entry{{Position: pos, Strength: graph.Firm, By: "envoy", Quote: "q", Source: "src"}}
				default:
					for i, at := range dates[:1+rng.IntN(3)] {
						e := graph.Entry{Position: graph.Positions[rng.IntN(3)], Strength: graph.Soft, AsOf: at}
						if i > 0 && rng.IntN(4) == 0 {
							e.Position, e.Strength = graph.Unknown, 0
						}
						es = append(es, e)
					}
				}
				if len(es) > 1 || es[0].Quote != "" || !es[0].AsOf.IsZero() {
					// Build says whose words they are.
					for i := range es {
						es[i].Evidence = graph.Reported
						if es[i].By != "" {
							es[i].Evidence = graph.Said
						}
					}
				}
				hist[key] = es
				adds = append(adds, add{pids[p], dids[d], es})
			}
		}
	}
	rng.Shuffle(len(adds), func(i, j int) { adds[i], adds[j] = adds[j], adds[i] })
	for _, a := range adds {
		es := slices.Clone(a.es)
		for i := range es {
			es[i].Evidence = graph.EvidenceDefault
		}
		b.AddStance(a.p, a.d, es...)
	}
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return recorded{m, hist}
}

// inForce is the entry of a history in force at a date, if any.
func inForce(es []graph.Entry, at graph.Date) (graph.Entry, bool) {
	var e graph.Entry
	ok := false
	for _, x := range es {
		if !x.AsOf.In(at) {
			break
		}
		e, ok = x, x.Position != graph.Unknown
	}
	return e, ok
}

// checkStances compares every question about single stances with the
// histories the model was built from, at the model's date.
func checkStances(t *testing.T, r recorded, m *graph.Model) {
	t.Helper()
	var s, o, n int
	for p, party := range m.Parties() {
		var want []graph.Stance
		for d, demand := range m.Demands() {
			es := r.history[[2]string{party.ID, demand.ID}]
			if got := m.History(p, d); !reflect.DeepEqual(got, es) && len(es)+len(got) > 0 {
				t.Fatalf("History(%s, %s) = %v, want %v", party.ID, demand.ID, got, es)
			}
			e, ok := inForce(es, m.AsOf())
			got, gotOK := m.Stance(p, d)
			wantS := graph.Stance{Party: p, Demand: d, Entry: e}
			if ok != gotOK || ok && !reflect.DeepEqual(got, wantS) {
				t.Fatalf("Stance(%s, %s) = %v %v, want %v %v", party.ID, demand.ID, got, gotOK, wantS, ok)
			}
			pos := graph.Unknown
			if ok {
				pos = e.Position
				want = append(want, wantS)
				switch pos {
				case graph.Support:
					s++
				case graph.Oppose:
					o++
				default:
					n++
				}
			}
			if got := m.Position(p, d); got != pos {
				t.Fatalf("Position(%s, %s) = %v, want %v", party.ID, demand.ID, got, pos)
			}
		}
		if got := m.PartyStances(p); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("PartyStances(%s) = %v, want %v", party.ID, got, want)
		}
	}
	if gs, go_, gn := m.Counts(); gs != s || go_ != o || gn != n {
		t.Fatalf("Counts = %d %d %d, want %d %d %d", gs, go_, gn, s, o, n)
	}
	for d := range m.Demands() {
		var want []graph.Stance
		for p := range m.Parties() {
			if st, ok := m.Stance(p, d); ok {
				want = append(want, st)
			}
		}
		if got := m.DemandStances(d); !reflect.DeepEqual(got, want) {
			t.Fatalf("DemandStances(%d) = %v, want %v", d, got, want)
		}
	}
}

// TestStorage checks that the model answers every stance as it was given,
// whatever is kept as bits and what as cells, at several dates, and after
// Select and WithoutSilent; and the pair and group counts over its blocks
// against the same counted stance by stance.
func TestStorage(t *testing.T) {
	seeds := uint64(40)
	if testing.Short() {
		seeds = 4
	}
	for seed := range seeds {
		r := randomRecorded(t, seed)
		m := r.m
		checkStances(t, r, m)
		for _, at := range []string{"2000", "2002", "2003-05-01", "2010"} {
			checkStances(t, r, m.At(graph.MustDate(at)))
		}
		var got int
		m.Recorded(func(p, d int, h []graph.Entry) {
			got++
			if want := r.history[[2]string{m.Parties()[p].ID, m.Demands()[d].ID}]; !reflect.DeepEqual(h, want) {
				t.Fatalf("Recorded(%d, %d) = %v, want %v", p, d, h, want)
			}
		})
		if got != len(r.history) {
			t.Fatalf("Recorded gave %d stances of %d", got, len(r.history))
		}
		rng := rand.New(rand.NewPCG(seed, 7))
		keepP := func(int) bool { return rng.IntN(3) > 0 }
		keepD := func(int) bool { return rng.IntN(4) > 0 }
		checkStances(t, r, m.Select(keepP, keepD))
		checkStances(t, r, m.Select(keepP, nil))
		ws, _, _ := m.At(graph.MustDate("2002")).WithoutSilent()
		checkStances(t, r, ws)
		checkCounts(t, m)
	}
}

// checkCounts compares the pair measures, the sides of each demand, the
// demands that unite and split a group and the common ground with the same
// counted position by position.
func checkCounts(t *testing.T, m *graph.Model) {
	t.Helper()
	np, nd := len(m.Parties()), len(m.Demands())
	for a := range np {
		for b := a + 1; b < np; b++ {
			agree, conflict, neutral, shared, _ := naivePair(m, a, b)
			p := graph.MeasurePair(m, a, b)
			if p.Agree != agree || p.Conflict != conflict || p.Neutral != neutral || p.Shared != shared {
				t.Fatalf("pair %d–%d: %+v; stance by stance %d %d %d %d", a, b, p.PairCounts, agree, conflict, neutral, shared)
			}
			if c := m.Compare(a, b); c != p.PairCounts {
				t.Fatalf("Compare(%d, %d) = %+v, MeasurePair %+v", a, b, c, p.PairCounts)
			}
			ag, cf, ne := graph.PairDemands(m, a, b)
			if len(ag) != agree || len(cf) != conflict || len(ne) != neutral {
				t.Fatalf("PairDemands(%d, %d): %d %d %d", a, b, len(ag), len(cf), len(ne))
			}
		}
	}
	dcs := graph.DemandConflicts(m, nil)
	for d := range nd {
		var s, o, n []int
		for p := range np {
			switch m.Position(p, d) {
			case graph.Support:
				s = append(s, p)
			case graph.Oppose:
				o = append(o, p)
			case graph.Neutral:
				n = append(n, p)
			}
		}
		dc := dcs[d]
		if !slices.Equal(dc.Supporters, s) || !slices.Equal(dc.Opposers, o) || !slices.Equal(dc.Neutral, n) {
			t.Fatalf("DemandConflicts[%d] = %v %v %v, want %v %v %v", d, dc.Supporters, dc.Opposers, dc.Neutral, s, o, n)
		}
	}
	group := []int{}
	for p := range np {
		if p%2 == 0 {
			group = append(group, p)
		}
	}
	united, split := graph.BlocDemands(m, group)
	g := graph.CommonGround(m, group, graph.GroundOptions{})
	var wantU, wantS, wantC []int
	for d := range nd {
		var sup, opp, neu, known int
		for _, p := range group {
			switch m.Position(p, d) {
			case graph.Support:
				sup++
			case graph.Oppose:
				opp++
			case graph.Neutral:
				neu++
			}
		}
		known = sup + opp + neu
		if (sup >= 2 && opp == 0 || opp >= 2 && sup == 0) && neu == 0 {
			wantU = append(wantU, d)
		}
		if sup > 0 && opp > 0 {
			wantS = append(wantS, d)
		}
		if sup == len(group) && known > 0 {
			wantC = append(wantC, d)
		}
	}
	if !slices.Equal(united, wantU) || !slices.Equal(split, wantS) {
		t.Fatalf("BlocDemands = %v %v, want %v %v", united, split, wantU, wantS)
	}
	var gotC []int
	for _, gd := range g.Consensus {
		gotC = append(gotC, gd.Demand)
	}
	if !slices.Equal(gotC, wantC) {
		t.Fatalf("consensus %v, want %v", gotC, wantC)
	}
}
