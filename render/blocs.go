package render

import "github.com/parley/parley/graph"

// BlocsOf returns the blocs of the scenario as party ids, largest first, for
// Options.Blocs: the partition of graph.Coalitions with its default options,
// every bloc of it — one of a single party, or one of everyone, too — so
// that the parties view, the matrix, parley coalitions, summary and diff
// all show the same blocs, numbered alike. Cost: that of graph.Coalitions.
func BlocsOf(m *graph.Model) [][]string {
	return graph.BlocIDs(m, graph.Coalitions(m, graph.CoalitionOptions{}))
}
