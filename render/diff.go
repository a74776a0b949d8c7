package render

import (
	"fmt"
	"strings"

	"github.com/parley/parley/graph"
)

// Picture-of-change colours: a yellow band beside a line marks what moved,
// and a stance that is gone is drawn faint in its old style.
const (
	colChanged = "#F0E442"
	fadeAlpha  = "66" // 40% opacity, appended to a #RRGGBB colour
)

// diffScene is the map of after, with every stance that differs from
// before's highlighted and labelled with what it was. Parties and demands
// of either model are drawn. Cost O(P·D·log D).
func diffScene(before, after *graph.Model) *scene {
	d := graph.DiffModels(before, after)
	s := &scene{subtitle: "What changed", rankdir: "LR"}
	if from, to := before.AsOf().String(), after.AsOf().String(); from != "" || to != "" {
		s.subtitle += fmt.Sprintf(" · %s → %s", orWhat(from, "before"), orWhat(to, "latest"))
	}
	changed := map[[2]string]graph.StanceChange{}
	for _, c := range d.Stances {
		changed[[2]string{c.Party, c.Demand}] = c
	}
	for p := range after.Parties() {
		s.nodes = append(s.nodes, partyNodeOf(after, p))
	}
	for _, id := range d.PartiesRemoved {
		p, _ := before.PartyIndex(id)
		n := partyNodeOf(before, p)
		n.label += "\n(gone)"
		s.nodes = append(s.nodes, n)
	}
	for i := range after.Demands() {
		s.nodes = append(s.nodes, demandNodeOf(after, i))
	}
	for _, id := range d.DemandsRemoved {
		i, _ := before.DemandIndex(id)
		n := demandNodeOf(before, i)
		n.label += "\n(gone)"
		s.nodes = append(s.nodes, n)
	}
	for p := range after.Parties() {
		for _, st := range after.PartyStances(p) {
			e := stanceEdgeOf(after, st)
			c, ok := changed[[2]string{after.Parties()[p].ID, after.Demands()[st.Demand].ID}]
			if ok {
				e.line.halo = colChanged
				switch c.Kind {
				case graph.Added:
					e.label = "new"
				case graph.Changed:
					e.label = "was " + positionWords(c.Old)
				case graph.Restated:
					e.label = "restated"
				}
				e.tooltip += "\nBefore: " + oldStance(c)
			}
			s.edges = append(s.edges, e)
		}
	}
	for _, c := range d.Stances {
		if c.Kind != graph.Removed {
			continue
		}
		p, _ := before.PartyIndex(c.Party)
		dm, _ := before.DemandIndex(c.Demand)
		st, _ := before.Stance(p, dm)
		e := stanceEdgeOf(before, st)
		e.line.color += fadeAlpha
		e.label = "gone: was " + positionWords(c.Old)
		e.tooltip = "No longer recorded. Before: " + oldStance(c)
		s.edges = append(s.edges, e)
	}
	s.edges = append(s.edges, excludesEdges(after, func(int) bool { return true })...)
	s.layout = defaultLayout(len(s.nodes), "dot")
	s.legend = append(stanceLegend(true, false),
		legendItem{kind: legendLine, label: "Changed, new or restated", line: lineStyle{color: colInk, width: 2, halo: colChanged}},
		legendItem{kind: legendLine, label: "Gone (faint)", line: lineStyle{color: colInk + fadeAlpha, width: 2}},
		legendItem{kind: legendText, label: "Label: the stance before"},
	)
	if d.Empty() {
		s.notes = append(s.notes, "No stance changed")
	}
	return s
}

func orWhat(s, what string) string {
	if s == "" {
		return what
	}
	return s
}

// positionWords is "support (red-line)".
func positionWords(e graph.Entry) string {
	if e.Position == graph.Unknown {
		return "no stance"
	}
	return fmt.Sprintf("%s (%s)", e.Position, e.Strength)
}

// oldStance is the old entry with its evidence, for a tooltip.
func oldStance(c graph.StanceChange) string {
	if c.Kind == graph.Added {
		return "no stance"
	}
	parts := []string{positionWords(c.Old)}
	switch {
	case c.OldName != "":
		parts = append(parts, c.OldName+":")
	case c.Old.Quote != "" && c.Old.IsSaid():
		parts = append(parts, c.PartyName+":")
	case c.Old.Quote != "":
		parts = append(parts, ReportSpeaker+":")
	}
	if c.Old.Quote != "" {
		parts = append(parts, "“"+oneLine(c.Old.Quote)+"”")
	}
	if !c.Old.AsOf.IsZero() {
		parts = append(parts, "("+c.Old.AsOf.String()+")")
	}
	return strings.Join(parts, " ")
}
