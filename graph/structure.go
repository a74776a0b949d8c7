package graph

import (
	"slices"
	"strings"

	dg "github.com/dominikbraun/graph"
)

// structure is the dominikbraun graph of how demands bear on each other:
// an edge a→b of kind "condition" when some party's stance on a waits on b,
// and edges both ways of kind "excludes" when a and b cannot be agreed
// together. It is small (demands, not stances), built once per model.
type structure struct {
	demands dg.Graph[string, string]
	// conditions has only the condition edges, for cycle finding.
	conditions dg.Graph[string, string]
}

func (m *Model) structure() *structure {
	m.lazy.once.Do(func() {
		s := &structure{
			demands:    dg.New(dg.StringHash, dg.Directed()),
			conditions: dg.New(dg.StringHash, dg.Directed()),
		}
		for _, d := range m.demands {
			_ = s.demands.AddVertex(d.ID)
			_ = s.conditions.AddVertex(d.ID)
		}
		for i, d := range m.demands {
			for _, j := range m.excludes[i] {
				_ = s.demands.AddEdge(d.ID, m.demands[j].ID, dg.EdgeAttribute("kind", "excludes"))
			}
		}
		for p := range m.parties {
			for _, c := range m.partyCells(p) {
				for _, e := range m.cellEntries(&c) {
					for _, x := range e.Condition {
						from := m.demands[c.demand].ID
						if x == from {
							continue
						}
						// Fails only when an excludes edge or another party's
						// condition already joins the two, which is fine.
						_ = s.demands.AddEdge(from, x, dg.EdgeAttribute("kind", "condition"))
						_ = s.conditions.AddEdge(from, x)
					}
				}
			}
		}
		m.lazy.g = s
	})
	return m.lazy.g
}

// cellEntries returns every entry recorded for c, whatever the date.
func (m *Model) cellEntries(c *cell) []Entry {
	switch {
	case c.hist >= 0:
		return m.entries[c.hist : c.hist+c.hlen]
	case c.ev >= 0:
		return m.entries[c.ev : c.ev+1]
	}
	return nil
}

// ConditionCycles returns the groups of demands whose conditions wait on
// each other in a circle (a holds only if b, b only if a): no order of
// agreeing them frees any. Each group is sorted by id; groups by first id.
func (m *Model) ConditionCycles() [][]string {
	g := m.structure().conditions
	sccs, err := dg.StronglyConnectedComponents(g)
	if err != nil {
		return nil
	}
	var out [][]string
	for _, c := range sccs {
		if len(c) > 1 {
			slices.Sort(c)
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	return out
}

// DependsOn returns every demand that demand d waits on through the
// conditions of any stance, directly or through other demands, sorted by
// id; d itself is not included.
func (m *Model) DependsOn(d int) []int {
	g := m.structure().conditions
	start := m.demands[d].ID
	var out []int
	_ = dg.DFS(g, start, func(id string) bool {
		if id != start {
			out = append(out, m.demandIdx[id])
		}
		return false
	})
	slices.Sort(out)
	return out
}
