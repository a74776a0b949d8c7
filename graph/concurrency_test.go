package graph_test

import (
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/internal/synth"
)

// TestAnalysesConcurrently runs every analysis from many goroutines at once
// on one model, as the package documentation promises is safe; under
// go test -race this also checks for data races. Each answer must equal the
// one computed alone.
func TestAnalysesConcurrently(t *testing.T) {
	m := synth.Scenario(synth.Spec())
	all := make([]int, len(m.Parties()))
	for i := range all {
		all[i] = i
	}
	three := all[:3]
	run := map[string]func() any{
		"Pairs":           func() any { return graph.Pairs(m, nil) },
		"DemandConflicts": func() any { return graph.DemandConflicts(m, nil) },
		"Coalitions":      func() any { return graph.Coalitions(m, graph.CoalitionOptions{}) },
		"CommonGround":    func() any { return graph.CommonGround(m, three, graph.GroundOptions{}) },
		"Concessions":     func() any { return graph.Concessions(m, 0, nil) },
		"Summarize":       func() any { return graph.Summarize(m, graph.SummaryOptions{}) },
		"PairDemands": func() any {
			a, c, n := graph.PairDemands(m, 0, 1)
			return [][]int{a, c, n}
		},
		"Find": func() any {
			p, err := m.FindParty(m.Parties()[1].Name)
			return fmt.Sprint(p, err)
		},
		"At": func() any {
			s, o, n := m.At(graph.MustDate("2020")).Counts()
			return [3]int{s, o, n}
		},
		"Select":          func() any { return len(m.Select(func(p int) bool { return p%2 == 0 }, nil).Parties()) },
		"ConditionCycles": func() any { return m.ConditionCycles() },
		"DependsOn":       func() any { return m.DependsOn(0) },
		"DiffModels":      func() any { return graph.DiffModels(m, m) },
		"MapPositions":    func() any { return graph.MapPositions(m, graph.PositionOptions{}) },
		"IssueDemands":    func() any { return [2]any{m.HasIssues(), m.IssueDemands(3)} },
	}
	want := map[string]any{}
	for name, f := range run {
		want[name] = f()
	}
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for range 4 {
		for name, f := range run {
			wg.Go(func() {
				got := f()
				if w, ok := want[name]; ok && !reflect.DeepEqual(got, w) {
					errs <- fmt.Sprintf("%s: %v, alone %v", name, got, w)
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for name := range errs {
		t.Errorf("run concurrently, %s", name)
	}
}
