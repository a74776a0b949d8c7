package render

import "github.com/parley/parley/graph"

// BlocsOf returns the blocs of graph.Coalitions as party ids, for
// Options.Blocs, when they say something: a partition into one bloc of
// everyone, or into single parties only, is not drawn. Cost: that of
// graph.Coalitions.
func BlocsOf(m *graph.Model) [][]string {
	part := graph.Coalitions(m, graph.CoalitionOptions{})
	var blocs [][]string
	for _, b := range part.Blocs {
		if len(b.Parties) > 1 {
			ids := make([]string, len(b.Parties))
			for i, p := range b.Parties {
				ids[i] = m.Parties()[p].ID
			}
			blocs = append(blocs, ids)
		}
	}
	if len(blocs) == 1 && len(blocs[0]) == len(m.Parties()) {
		return nil
	}
	return blocs
}
