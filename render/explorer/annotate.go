package explorer

import (
	"bytes"
	"html"
	"regexp"
	"strings"

	"github.com/parley/parley/graph"
)

// graphvizGroup is the start of a node or edge group in Graphviz's SVG and
// the <title> that names it by its DOT id ("p:russia", "p:us->d:nato").
var graphvizGroup = regexp.MustCompile(`<g id="((?:node|edge)\d+)" class="(node|edge)">\n<title>([^<]*)</title>`)

// annotate marks the parties and demands of a drawing for the page, for
// tests and for scripts: a node gets data-party="ID" or data-demand="ID",
// a stance line both, a line between two parties data-parties="A B" and
// one between two demands data-demands="A B". The <title> holding the DOT
// id goes (it would show as a tooltip); the evidence tooltips stay.
// Ids are written only when they are ids parley itself accepts. The
// matrix and the space view, drawn by parley itself, carry the same marks
// already.
func annotate(svg []byte) []byte {
	return graphvizGroup.ReplaceAllFunc(svg, func(match []byte) []byte {
		sub := graphvizGroup.FindSubmatch(match)
		id, kind, title := string(sub[1]), string(sub[2]), html.UnescapeString(string(sub[3]))
		var b bytes.Buffer
		b.WriteString(`<g id="` + id + `" class="` + kind + `"`)
		attr := func(k, v string) { b.WriteString(" " + k + `="` + html.EscapeString(v) + `"`) }
		from, to, isEdge := strings.Cut(title, "->")
		fk, fid, _ := strings.Cut(from, ":")
		tk, tid, _ := strings.Cut(to, ":")
		switch {
		case !graph.ValidID(fid) || (isEdge && !graph.ValidID(tid)):
		case !isEdge && fk == "p":
			attr("data-party", fid)
		case !isEdge && fk == "d":
			attr("data-demand", fid)
		case fk == "p" && tk == "d":
			attr("data-party", fid)
			attr("data-demand", tid)
		case fk == "p" && tk == "p":
			attr("data-parties", fid+" "+tid)
		case fk == "d" && tk == "d":
			attr("data-demands", fid+" "+tid)
		}
		b.WriteString(">")
		return b.Bytes()
	})
}
