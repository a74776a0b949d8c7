package render

import (
	"reflect"
	"testing"

	"github.com/parley/parley/graph"
)

// TestMatrixOrderByBloc: rows come bloc by bloc, and columns from what the
// first bloc backs most against the others to what it opposes.
func TestMatrixOrderByBloc(t *testing.T) {
	b := graph.NewBuilder()
	for _, id := range []string{"a", "b", "c", "d"} {
		b.AddParty(graph.Party{ID: id})
	}
	for _, id := range []string{"x", "y", "z"} {
		b.AddDemand(graph.Demand{ID: id})
	}
	// Bloc {c, d} supports z and opposes x; a and b the other way; y all support.
	set := func(p, d string, pos graph.Position) {
		b.AddStance(p, d, graph.Entry{Position: pos, Strength: graph.Firm})
	}
	for _, p := range []string{"a", "b"} {
		set(p, "x", graph.Support)
		set(p, "z", graph.Oppose)
		set(p, "y", graph.Support)
	}
	for _, p := range []string{"c", "d"} {
		set(p, "x", graph.Oppose)
		set(p, "z", graph.Support)
		set(p, "y", graph.Support)
	}
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	mx := newMatrix(m, [][]string{{"c", "d"}, {"a", "b"}})
	var rows, cols []string
	for _, p := range mx.rows {
		rows = append(rows, m.Parties()[p].ID)
	}
	for _, d := range mx.cols {
		cols = append(cols, m.Demands()[d].ID)
	}
	// Scores for bloc {c, d}: z +1−(−1) = 2, y 0, x −2.
	if want := []string{"c", "d", "a", "b"}; !reflect.DeepEqual(rows, want) {
		t.Errorf("rows %v, want %v", rows, want)
	}
	if want := []string{"z", "y", "x"}; !reflect.DeepEqual(cols, want) {
		t.Errorf("columns %v, want %v", cols, want)
	}
}
