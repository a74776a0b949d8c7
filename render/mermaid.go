package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// WriteMermaid writes the picture as a Mermaid flowchart, for Markdown
// that renders Mermaid (GitHub's among it): the same nodes and edges as
// the DOT, line styles set per edge with linkStyle, and the legend as a
// node of its own. Labels are written with Mermaid's entity codes for
// anything but letters, digits and plain punctuation, so no text can end a
// label or open markup. Byte-identical for the same input. Cost O(N+E).
func (p *Picture) WriteMermaid(w io.Writer) error {
	if p.scene == nil {
		return optionErrorf("the %s view is drawn as SVG or PNG only", p.view)
	}
	s := p.scene
	bw := bufio.NewWriter(w)
	bw.WriteString("---\ntitle: " + yamlQuote(strings.Join(append([]string{s.title, s.subtitle}, s.notes...), " — ")) + "\n---\n")
	dir := "LR"
	if s.rankdir == "" {
		dir = "TB"
	}
	bw.WriteString("flowchart " + dir + "\n")
	ids := map[string]string{}
	for i, n := range s.nodes {
		ids[n.id] = fmt.Sprintf("n%d", i)
	}
	inCluster := map[string]bool{}
	for _, c := range s.clusters {
		for _, id := range c.nodes {
			inCluster[id] = true
		}
	}
	writeNode := func(indent string, n node) {
		id := ids[n.id]
		label := mermaidText(n.label)
		switch n.kind {
		case partyNode:
			fmt.Fprintf(bw, "%s%s([\"%s\"])\n", indent, id, label)
		case demandNode:
			fmt.Fprintf(bw, "%s%s[\"%s\"]\n", indent, id, label)
		default:
			fmt.Fprintf(bw, "%s%s>\"%s\"]\n", indent, id, label)
		}
	}
	for _, n := range s.nodes {
		if !inCluster[n.id] {
			writeNode("  ", n)
		}
	}
	for i, c := range s.clusters {
		fmt.Fprintf(bw, "  subgraph bloc%d[\"%s\"]\n", i+1, mermaidText(c.label))
		for _, id := range c.nodes {
			for _, n := range s.nodes {
				if n.id == id {
					writeNode("    ", n)
				}
			}
		}
		bw.WriteString("  end\n")
	}
	var styles []string
	for i, e := range s.edges {
		link := "---"
		if e.line.bar {
			link = "--x"
		}
		if e.label != "" {
			fmt.Fprintf(bw, "  %s %s|\"%s\"| %s\n", ids[e.from], link, mermaidText(e.label), ids[e.to])
		} else {
			fmt.Fprintf(bw, "  %s %s %s\n", ids[e.from], link, ids[e.to])
		}
		width := e.line.width
		if e.line.halo != "" {
			width *= 2 // Mermaid has no halo: what changed is drawn heavier
		}
		st := fmt.Sprintf("stroke:%s,stroke-width:%spx", e.line.color, num(width))
		switch {
		case e.line.double:
			st += ",stroke-dasharray:12 2"
		case e.line.dash == dashed:
			st += ",stroke-dasharray:6 3"
		case e.line.dash == dotted:
			st += ",stroke-dasharray:1 4"
		}
		styles = append(styles, fmt.Sprintf("  linkStyle %d %s\n", i, st))
	}
	for _, st := range styles {
		bw.WriteString(st)
	}
	bw.WriteString("  legend[\"" + mermaidLegend(s.legend) + "\"]\n")
	bw.WriteString("  classDef party fill:#E8E8E8,stroke:#1A1A1A,stroke-width:1.5px,font-weight:bold\n")
	bw.WriteString("  classDef demand fill:#FFFFFF,stroke:#1A1A1A\n")
	bw.WriteString("  classDef focus fill:#F0E442,stroke:#1A1A1A,stroke-width:1.5px\n")
	bw.WriteString("  classDef note fill:#F7F7F7,stroke:#6E6E6E,stroke-dasharray:1 4\n")
	bw.WriteString("  classDef legend fill:#FFFFFF,stroke:#B0B0B0,text-align:left\n")
	classes := map[string][]string{}
	for _, n := range s.nodes {
		c := map[nodeKind]string{partyNode: "party", demandNode: "demand", noteNode: "note"}[n.kind]
		if n.focus {
			c = "focus"
		}
		classes[c] = append(classes[c], ids[n.id])
	}
	for _, c := range []string{"party", "demand", "focus", "note"} {
		if len(classes[c]) > 0 {
			bw.WriteString("  class " + strings.Join(classes[c], ",") + " " + c + "\n")
		}
	}
	bw.WriteString("  class legend legend\n")
	return bw.Flush()
}

// mermaidLegend describes the legend in words, one item a line.
func mermaidLegend(items []legendItem) string {
	lines := []string{"Legend"}
	for _, it := range items {
		var sample string
		switch it.kind {
		case legendParty:
			sample = "rounded grey node"
		case legendDemand:
			sample = "white box"
		case legendFocus:
			sample = "yellow node"
		case legendCluster:
			sample = "box around parties"
		case legendLine:
			colour := map[string]string{colSupport: "blue", colOppose: "vermillion", colNeutral: "grey", colExcludes: "purple", colInk: "black"}[it.line.color]
			style := it.line.dash.String()
			if it.line.double {
				style = "long-dashed"
			}
			sample = fmt.Sprintf("%s %s line, %spx", colour, style, num(it.line.width))
			if it.line.bar {
				sample += ", ending in ×"
			}
		}
		if sample == "" {
			lines = append(lines, it.label)
		} else {
			lines = append(lines, sample+": "+it.label)
		}
	}
	var parts []string
	for _, l := range lines {
		parts = append(parts, mermaidText(l))
	}
	return strings.Join(parts, "<br>")
}

// mermaidText writes text for a quoted Mermaid label: letters, digits,
// spaces and plain punctuation as they are, line breaks as <br>, and
// everything else as an entity code (#35; for "#").
func mermaidText(s string) string {
	var b strings.Builder
	for _, r := range clean(s) {
		switch {
		case r == '\n':
			b.WriteString("<br>")
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || strings.ContainsRune(".,:?!()'’–—-+/×·", r):
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "#%d;", r)
		}
	}
	return b.String()
}

// yamlQuote writes a YAML double-quoted scalar on one line, for Mermaid's
// title: the text exactly, a quote and a backslash escaped, and what is not
// printable as \uXXXX. Mermaid passes its title through DOMPurify and shows
// it as text, never as markup, so "<" and ">" stay themselves.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range oneLine(s) {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case !unicode.IsPrint(r) && r != ' ' && r > 0xFFFF:
			fmt.Fprintf(&b, `\U%08X`, r)
		case !unicode.IsPrint(r) && r != ' ':
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
