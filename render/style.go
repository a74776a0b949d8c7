package render

import (
	"fmt"

	"github.com/parley/parley/graph"
)

// The palette is Okabe and Ito's, safe for the common kinds of colour
// blindness. Colour only repeats what line style already says (support
// solid, oppose dashed, neutral dotted), so a greyscale print still reads.
const (
	colSupport  = "#0072B2" // blue
	colOppose   = "#D55E00" // vermillion
	colNeutral  = "#6E6E6E" // dark grey
	colExcludes = "#CC79A7" // reddish purple
	colBloc     = "#009E73" // bluish green
	colInk      = "#1A1A1A"
	colParty    = "#E8E8E8"
	colFocus    = "#F0E442" // yellow, behind the party or demand a view is about
	colUnknown  = "#FFFFFF"
	colFrame    = "#B0B0B0"

	fontName = "Helvetica"
	fontBold = "Helvetica-Bold"
)

// dash is how a line is drawn.
type dash int

const (
	solid dash = iota
	dashed
	dotted
)

func (d dash) String() string {
	switch d {
	case dashed:
		return "dashed"
	case dotted:
		return "dotted"
	}
	return "solid"
}

// lineStyle is the look of one kind of edge, shared by DOT, Mermaid, the
// legend and the painter.
type lineStyle struct {
	color  string
	dash   dash
	width  float64 // Graphviz penwidth, in points
	bar    bool    // a bar across the end: a red line
	double bool    // two parallel lines: excludes
	halo   string  // a colour drawn on both sides of the line: what changed
}

// Line widths by strength: a red line is twice as heavy as a firm stance.
var strengthWidth = map[graph.Strength]float64{graph.Soft: 1, graph.Firm: 2, graph.RedLine: 4}

// positionLine is the line of a position; strength sets the width.
func positionLine(pos graph.Position, s graph.Strength) lineStyle {
	st := lineStyle{width: 2}
	if w, ok := strengthWidth[s]; ok {
		st.width = w
	}
	switch pos {
	case graph.Support:
		st.color, st.dash = colSupport, solid
	case graph.Oppose:
		st.color, st.dash = colOppose, dashed
	default:
		st.color, st.dash = colNeutral, dotted
	}
	st.bar = s == graph.RedLine
	return st
}

var excludesLine = lineStyle{color: colExcludes, dash: solid, width: 1.5, double: true}

// dotAttrs are the DOT attributes of a line style.
func (st lineStyle) dotAttrs() []attr {
	a := []attr{{"color", dotID(st.color)}}
	switch {
	case st.double:
		a[0].v = dotID(st.color + ":invis:" + st.color)
	case st.halo != "":
		a[0].v = dotID(st.halo + ":" + st.color + ":" + st.halo)
	}
	if st.dash != solid {
		a = append(a, attr{"style", st.dash.String()})
	}
	a = append(a, attr{"penwidth", num(st.width)})
	return a
}

// num writes a number the shortest way, always the same way.
func num(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	for len(s) > 1 && s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}

// attr is one DOT attribute; v is already quoted where DOT needs it.
type attr struct{ k, v string }
