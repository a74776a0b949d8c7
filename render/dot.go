package render

import (
	"bufio"
	"io"
	"strings"
)

// padPoints is the margin Graphviz leaves around a drawing (pad=0.25 in).
const padPoints = 18

// dotLegend describes the picture's encoding for readers of the DOT file,
// who draw it with their own tools and get no legend panel.
const dotLegend = `// Legend: parties are grey ellipses, demands white boxes; the party or demand
// a view is about is filled yellow. A stance is a line from party to demand:
// support solid blue, oppose dashed vermillion, neutral dotted grey; the
// line is heavier the stronger the stance, and a red line is heaviest and
// ends in a bar. Demands that cannot be agreed together are joined by a
// double purple line. Between parties, a line's style tells whether they
// agree more than they clash (solid), clash more (dashed) or both as much
// (dotted); its width grows with the demands both have a stance on, and its
// label is agreements minus clashes.
`

// WriteDOT writes the picture as a Graphviz DOT graph: the very graph parley
// lays out, so "dot -Tsvg" draws the same picture without the legend panel.
// The output is byte-identical for the same model and options.
// Cost O(N+E). The matrix and space views have no DOT form (*OptionError).
func (p *Picture) WriteDOT(w io.Writer) error {
	if p.scene == nil {
		return optionErrorf("the %s view is drawn as SVG or PNG only", p.view)
	}
	bw := bufio.NewWriter(w)
	writeDOT(bw, p.scene)
	return bw.Flush()
}

func writeDOT(w *bufio.Writer, s *scene) {
	w.WriteString("// Drawn by parley. " + strings.TrimPrefix(dotLegend, "// "))
	w.WriteString("digraph parley {\n")
	g := []attr{
		{"layout", s.layout},
		{"label", dotLabel(s.label())},
		{"labelloc", "t"},
		{"fontname", dotID(fontBold)},
		{"fontsize", "16"},
		{"bgcolor", "white"},
		{"pad", "0.25"},
		{"outputorder", "edgesfirst"},
	}
	switch s.layout {
	case "dot":
		if s.rankdir != "" {
			g = append(g, attr{"rankdir", s.rankdir})
		}
		g = append(g, attr{"nodesep", "0.25"}, attr{"ranksep", "1.4"})
	case "neato", "fdp", "sfdp":
		switch {
		case s.pinned:
			// The nodes are placed and kept apart already.
			g = append(g, attr{"overlap", "true"}, attr{"splines", "false"})
		default:
			// The WebAssembly Graphviz has no triangulation library: the
			// default overlap removal piles nodes up in sfdp, and prism
			// or false take minutes. Scaling is fast and sound.
			g = append(g, attr{"overlap", "scale"}, attr{"sep", dotID("+12")})
		}
		if s.layout == "fdp" {
			g = append(g, attr{"K", "1.4"})
		}
	case "circo":
		g = append(g, attr{"mindist", "1.2"})
	}
	writeAttrStmt(w, "graph", g)
	writeAttrStmt(w, "node", []attr{{"fontname", dotID(fontName)}, {"fontsize", "11"}, {"color", dotID(colInk)},
		{"fontcolor", dotID(colInk)}, {"margin", dotID("0.12,0.06")}})
	ea := []attr{{"fontname", dotID(fontName)}, {"fontsize", "9"}, {"fontcolor", dotID(colInk)}, {"arrowhead", "none"}}
	if s.layout == "neato" {
		ea = append(ea, attr{"len", "2"})
	}
	writeAttrStmt(w, "edge", ea)

	inCluster := map[string]bool{}
	for _, c := range s.clusters {
		for _, id := range c.nodes {
			inCluster[id] = true
		}
	}
	for _, n := range s.nodes {
		if !inCluster[n.id] {
			writeNode(w, "\t", n)
		}
	}
	for _, c := range s.clusters {
		w.WriteString("\tsubgraph " + dotID(c.id) + " {\n")
		col := colBloc
		if c.color != "" {
			col = c.color
		}
		writeAttrStmt2(w, "\t\t", "graph", []attr{{"label", dotLabel(c.label)}, {"style", dotID("rounded,dashed")},
			{"color", dotID(col)}, {"penwidth", "1.5"}, {"fontname", dotID(fontBold)}, {"fontsize", "11"},
			{"fontcolor", dotID(colInk)}})
		for _, id := range c.nodes {
			for _, n := range s.nodes {
				if n.id == id {
					writeNode(w, "\t\t", n)
				}
			}
		}
		w.WriteString("\t}\n")
	}
	for _, e := range s.edges {
		writeEdge(w, e)
	}
	w.WriteString("}\n")
}

func writeAttrStmt(w *bufio.Writer, kind string, as []attr) { writeAttrStmt2(w, "\t", kind, as) }

func writeAttrStmt2(w *bufio.Writer, indent, kind string, as []attr) {
	w.WriteString(indent + kind + " [")
	writeAttrs(w, as)
	w.WriteString("];\n")
}

func writeAttrs(w *bufio.Writer, as []attr) {
	for i, a := range as {
		if i > 0 {
			w.WriteString(", ")
		}
		w.WriteString(a.k + "=" + a.v)
	}
}

func nodeAttrs(n node) []attr {
	var as []attr
	switch n.kind {
	case partyNode:
		fill := colParty
		if n.fill != "" {
			fill = n.fill
		}
		if n.focus {
			fill = colFocus
		}
		as = []attr{{"shape", "ellipse"}, {"style", "filled"}, {"fillcolor", dotID(fill)}, {"penwidth", "1.5"},
			{"fontname", dotID(fontBold)}}
	case demandNode:
		fill := "white"
		if n.focus {
			fill = dotID(colFocus)
		}
		as = []attr{{"shape", "box"}, {"style", "filled"}, {"fillcolor", fill}}
	case noteNode:
		as = []attr{{"shape", "note"}, {"style", dotID("filled,dotted")}, {"fillcolor", dotID("#F7F7F7")},
			{"color", dotID(colNeutral)}, {"fontsize", "10"}}
	}
	as = append([]attr{{"label", dotLabel(n.label)}}, as...)
	if n.pos != "" {
		as = append(as, attr{"pos", dotID(n.pos)})
	}
	if n.tooltip != "" {
		as = append(as, attr{"tooltip", dotTooltip(n.tooltip)})
	}
	return as
}

func writeNode(w *bufio.Writer, indent string, n node) {
	w.WriteString(indent + dotID(n.id) + " [")
	writeAttrs(w, nodeAttrs(n))
	w.WriteString("];\n")
}

func edgeAttrs(e edge) []attr {
	as := e.line.dotAttrs()
	switch {
	case e.line.bar:
		as = append(as, attr{"arrowhead", "tee"}, attr{"arrowsize", "1.3"})
	case e.kind == excludesEdge:
		as = append(as, attr{"constraint", "false"})
	case e.kind == relationEdge:
		as = append(as, attr{"dir", "none"})
	}
	if e.label != "" {
		as = append(as, attr{"label", dotLabel(e.label)})
	}
	if e.tooltip != "" {
		as = append(as, attr{"tooltip", dotTooltip(e.tooltip)})
	}
	if e.url != "" {
		as = append(as, attr{"URL", dotURL(e.url)}, attr{"target", "_blank"})
	}
	return as
}

func writeEdge(w *bufio.Writer, e edge) {
	w.WriteString("\t" + dotID(e.from) + " -> " + dotID(e.to) + " [")
	writeAttrs(w, edgeAttrs(e))
	w.WriteString("];\n")
}
