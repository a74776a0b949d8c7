package graph_test

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/internal/synth"
)

// The benchmarks run on generated scenarios: synth.Spec (50 parties × 500
// demands, with evidence, excludes and conditions) and, for the ...UN
// ones, synth.UN (200 × 6,000, about 840,000 stances, the size of the UN
// General Assembly votes). Each is built once, on first use.
var (
	specOnce, unOnce sync.Once
	specModel, unM   *graph.Model
)

func spec(b *testing.B) *graph.Model {
	specOnce.Do(func() { specModel = synth.Scenario(synth.Spec()) })
	b.ResetTimer()
	return specModel
}

func un(b *testing.B) *graph.Model {
	unOnce.Do(func() { unM = synth.Scenario(synth.UN()) })
	b.ResetTimer()
	return unM
}

func BenchmarkPairs(b *testing.B) {
	m := spec(b)
	for b.Loop() {
		graph.Pairs(m, nil)
	}
}

func BenchmarkSortPairs(b *testing.B) {
	ps := graph.Pairs(spec(b), nil)
	work := make([]graph.Pair, len(ps))
	for b.Loop() {
		copy(work, ps)
		graph.SortPairs(work, graph.MostConflicting)
	}
}

func BenchmarkPairDemands(b *testing.B) {
	m := spec(b)
	for b.Loop() {
		graph.PairDemands(m, 3, 17)
	}
}

func BenchmarkDemandConflicts(b *testing.B) {
	m := spec(b)
	for b.Loop() {
		graph.ConflictDegree(graph.DemandConflicts(m, nil))
	}
}

// BenchmarkCoalitions is the heuristic: 50 linked parties are beyond the
// exact limit.
func BenchmarkCoalitions(b *testing.B) {
	m := spec(b)
	for b.Loop() {
		graph.Coalitions(m, graph.CoalitionOptions{})
	}
}

// BenchmarkCoalitionsExact solves the first 20 parties exactly.
func BenchmarkCoalitionsExact(b *testing.B) {
	m := spec(b)
	parties := make([]int, graph.DefaultExactLimit)
	for i := range parties {
		parties[i] = i
	}
	for b.Loop() {
		if p := graph.Coalitions(m, graph.CoalitionOptions{Parties: parties}); !p.Exact {
			b.Fatal("not exact")
		}
	}
}

func BenchmarkCommonGround(b *testing.B) {
	m := spec(b)
	for b.Loop() {
		graph.CommonGround(m, []int{0, 1, 2}, graph.GroundOptions{})
	}
}

func BenchmarkCommonGroundAll(b *testing.B) {
	m := spec(b)
	all := make([]int, len(m.Parties()))
	for i := range all {
		all[i] = i
	}
	for b.Loop() {
		graph.CommonGround(m, all, graph.GroundOptions{})
	}
}

func BenchmarkConcessions(b *testing.B) {
	m := spec(b)
	for b.Loop() {
		graph.Concessions(m, 42, nil)
	}
}

func BenchmarkBlocDemands(b *testing.B) {
	m := spec(b)
	parties := []int{0, 5, 10, 15, 20, 25, 30, 35, 40, 45}
	for b.Loop() {
		graph.BlocDemands(m, parties)
	}
}

func BenchmarkSummarize(b *testing.B) {
	m := spec(b)
	for b.Loop() {
		graph.Summarize(m, graph.SummaryOptions{})
	}
}

func BenchmarkBuildUN(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		bl := synth.Builder(synth.UN())
		b.StartTimer()
		if _, err := bl.Build(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPairsUN(b *testing.B) {
	m := un(b)
	for b.Loop() {
		graph.Pairs(m, nil)
	}
}

func BenchmarkDemandConflictsUN(b *testing.B) {
	m := un(b)
	for b.Loop() {
		graph.DemandConflicts(m, nil)
	}
}

func BenchmarkCoalitionsUN(b *testing.B) {
	m := un(b)
	for b.Loop() {
		graph.Coalitions(m, graph.CoalitionOptions{})
	}
}

func BenchmarkSummarizeUN(b *testing.B) {
	m := un(b)
	for b.Loop() {
		graph.Summarize(m, graph.SummaryOptions{})
	}
}

// BenchmarkMapPositionsUN fits the two-axis map to 200 parties × 6,000
// demands; the speed goal is the whole command on the real UN votes under
// 2 s (BenchmarkUNVotes/positions in cmd/parley), of which the fit is part.
func BenchmarkMapPositionsUN(b *testing.B) {
	m := un(b)
	b.ReportAllocs()
	for b.Loop() {
		graph.MapPositions(m, graph.PositionOptions{})
	}
}

func BenchmarkMapPositions(b *testing.B) {
	m := spec(b)
	b.ReportAllocs()
	for b.Loop() {
		graph.MapPositions(m, graph.PositionOptions{})
	}
}

// exclusivePairs is a scenario of one party supporting 2k demands that
// exclude each other two by two: 2^k packages, each as good as the next —
// the worst case of the package search.
func exclusivePairs(k int) *graph.Model {
	b := graph.NewBuilder()
	b.AddParty(graph.Party{ID: "a"})
	b.AddParty(graph.Party{ID: "b"})
	for i := range k {
		x, y := fmt.Sprintf("x%04d", i), fmt.Sprintf("y%04d", i)
		b.AddDemand(graph.Demand{ID: x, Excludes: []string{y}})
		b.AddDemand(graph.Demand{ID: y})
		for _, d := range []string{x, y} {
			b.AddStance("a", d, graph.Entry{Position: graph.Support, Strength: graph.Firm})
			b.AddStance("b", d, graph.Entry{Position: graph.Neutral, Strength: graph.Firm})
		}
	}
	m, err := b.Build()
	if err != nil {
		panic(err)
	}
	return m
}

// BenchmarkCommonGroundExclusive is the package search on 1,000 mutually
// exclusive pairs of demands: bounded in total work, it answers in well
// under a second, saying the packages are the best found.
func BenchmarkCommonGroundExclusive(b *testing.B) {
	m := exclusivePairs(1000)
	b.ResetTimer()
	for b.Loop() {
		g := graph.CommonGround(m, []int{0, 1}, graph.GroundOptions{})
		if len(g.Packages) == 0 {
			b.Fatal("no package")
		}
	}
}

// components is a scenario of groups of parties, each group on demands of
// its own with random stances: as many separate signed graphs of random
// weights, the hardest for the exact search.
func components(groups, size int, seed uint64) *graph.Model {
	rng := rand.New(rand.NewPCG(seed, 1))
	b := graph.NewBuilder()
	for g := range groups {
		for d := range 200 {
			b.AddDemand(graph.Demand{ID: fmt.Sprintf("g%02d-d%02d", g, d)})
		}
		for p := range size {
			id := fmt.Sprintf("g%02d-p%02d", g, p)
			b.AddParty(graph.Party{ID: id})
			for d := range 200 {
				b.AddStance(id, fmt.Sprintf("g%02d-d%02d", g, d), graph.Entry{Position: graph.Positions[rng.IntN(3)], Strength: graph.Firm})
			}
		}
	}
	m, err := b.Build()
	if err != nil {
		panic(err)
	}
	return m
}

// BenchmarkCoalitionsComponents is the blocs of 30 separate groups of 20
// parties with random weights (200 demands of random stances each): the
// exact searches share one budget, so the whole takes about a second
// whatever the groups, solving exactly those that fit and the rest by local
// search (the search without a budget took 9–29 s).
func BenchmarkCoalitionsComponents(b *testing.B) {
	m := components(30, 20, 1)
	b.ResetTimer()
	for b.Loop() {
		p := graph.Coalitions(m, graph.CoalitionOptions{})
		b.ReportMetric(float64(p.ExactGroups), "exact-groups")
	}
}
