package graph_test

import (
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
