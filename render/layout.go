package render

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Graphviz's JSON output ("-Tjson"): the laid-out graph with its xdot
// drawing operations, which the painter draws.
type gvGraph struct {
	BB      string     `json:"bb"`
	Draw    []xdotOp   `json:"_draw_"`
	LDraw   []xdotOp   `json:"_ldraw_"`
	Objects []gvObject `json:"objects"`
	Edges   []gvObject `json:"edges"`
}

type gvObject struct {
	ID     int      `json:"_gvid"`
	Tail   int      `json:"tail"` // edges: the _gvid of their ends
	Head   int      `json:"head"`
	Name   string   `json:"name"`
	BB     string   `json:"bb"` // set on clusters only
	Draw   []xdotOp `json:"_draw_"`
	LDraw  []xdotOp `json:"_ldraw_"`
	HDraw  []xdotOp `json:"_hdraw_"`
	TDraw  []xdotOp `json:"_tdraw_"`
	HLDraw []xdotOp `json:"_hldraw_"`
	TLDraw []xdotOp `json:"_tldraw_"`
}

type xdotOp struct {
	Op     string       `json:"op"`
	Color  string       `json:"color"`
	Grad   string       `json:"grad"`
	Stops  []xdotStop   `json:"stops"`
	Points [][2]float64 `json:"points"`
	Rect   [4]float64   `json:"rect"`
	Pt     [2]float64   `json:"pt"`
	Align  string       `json:"align"`
	Width  float64      `json:"width"`
	Text   string       `json:"text"`
	Size   float64      `json:"size"`
	Face   string       `json:"face"`
	Style  string       `json:"style"`
	Char   int          `json:"fontchar"`
}

type xdotStop struct {
	Color string `json:"color"`
}

// layoutDrawing turns Graphviz's JSON layout into a drawing in points with
// the origin at the top left, padded as Graphviz pads its SVG, drawn in
// the SVG's order: graph, clusters, edges, then nodes (outputorder is
// edgesfirst).
//
// labels are the label texts the DOT held: Graphviz's JSON writer doubles
// the backslashes of a text and then cuts it to its old length, so a text
// with a backslash is looked up among them.
func layoutDrawing(data []byte, labels []string) (drawing, error) {
	var g gvGraph
	if err := json.Unmarshal(data, &g); err != nil {
		return drawing{}, fmt.Errorf("reading the Graphviz layout: %w", err)
	}
	bb, err := parseBB(g.BB)
	if err != nil {
		return drawing{}, err
	}
	t := xform{dx: padPoints - bb[0], top: bb[3] + padPoints, labels: labels}
	d := drawing{w: bb[2] - bb[0] + 2*padPoints, h: bb[3] - bb[1] + 2*padPoints}
	t.ops(&d, g.Draw)
	t.ops(&d, g.LDraw)
	var nodes []gvObject
	for _, o := range g.Objects {
		if o.BB != "" {
			t.ops(&d, o.Draw)
			t.ops(&d, o.LDraw)
		} else {
			nodes = append(nodes, o)
		}
	}
	// Edges are painted in the SVG's order, by tail and then head in the
	// order of the nodes: Graphviz 2.42 lists them so in its JSON, and
	// later versions in the order of the DOT file.
	seq := make(map[int]int, len(g.Objects))
	for i, o := range g.Objects {
		seq[o.ID] = i
	}
	slices.SortStableFunc(g.Edges, func(a, b gvObject) int {
		return cmp.Or(cmp.Compare(seq[a.Tail], seq[b.Tail]), cmp.Compare(seq[a.Head], seq[b.Head]))
	})
	for _, e := range g.Edges {
		for _, ops := range [][]xdotOp{e.Draw, e.HDraw, e.TDraw, e.LDraw, e.HLDraw, e.TLDraw} {
			t.ops(&d, ops)
		}
	}
	for _, n := range nodes {
		t.ops(&d, n.Draw)
		t.ops(&d, n.LDraw)
	}
	return d, nil
}

func parseBB(s string) ([4]float64, error) {
	var bb [4]float64
	f := strings.Split(s, ",")
	if len(f) != 4 {
		return bb, fmt.Errorf("reading the Graphviz layout: bounding box %q", s)
	}
	for i := range f {
		v, err := strconv.ParseFloat(strings.TrimSpace(f[i]), 64)
		if err != nil {
			return bb, fmt.Errorf("reading the Graphviz layout: bounding box %q", s)
		}
		bb[i] = v
	}
	return bb, nil
}

// xform maps Graphviz points (y up) to drawing points (y down).
type xform struct {
	dx, top float64
	labels  []string
}

// text undoes the JSON writer's damage to a text with backslashes: the
// longest label line that, its backslashes doubled, starts with the text.
// Older Graphviz (2.42, native) writes the text intact: a label line that
// is the text itself is taken as it is.
func (t xform) text(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	best := ""
	for _, l := range t.labels {
		for _, line := range strings.Split(l, "\n") {
			if line == s {
				return s
			}
			if strings.HasPrefix(strings.ReplaceAll(line, `\`, `\\`), s) && len(line) > len(best) {
				best = line
			}
		}
	}
	if best != "" {
		return best
	}
	return strings.ReplaceAll(s, `\\`, `\`)
}

func (t xform) pt(p [2]float64) pt { return pt{p[0] + t.dx, t.top - p[1]} }

func (t xform) pts(ps [][2]float64) []pt {
	out := make([]pt, len(ps))
	for i, p := range ps {
		out[i] = t.pt(p)
	}
	return out
}

// ops converts one list of xdot operations; pen, fill, style and font
// start afresh in each list, as in Graphviz.
func (t xform) ops(d *drawing, ops []xdotOp) {
	pen, fill := rgb("#000000"), rgb("#000000")
	width, style := 1.0, solid
	invisible := false
	size, bold := 14.0, false
	opColor := func(o xdotOp) string {
		if o.Grad != "" && o.Grad != "none" && len(o.Stops) > 0 {
			return o.Stops[0].Color
		}
		return o.Color
	}
	for _, o := range ops {
		switch o.Op {
		case "c":
			pen = parseColor(opColor(o))
		case "C":
			fill = parseColor(opColor(o))
		case "S":
			switch s := o.Style; {
			case strings.HasPrefix(s, "setlinewidth("):
				if v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimPrefix(s, "setlinewidth("), ")"), 64); err == nil {
					width = v
				}
			case s == "dashed":
				style = dashed
			case s == "dotted":
				style = dotted
			case s == "solid":
				style = solid
			case s == "bold":
				width = 2
			case s == "invis" || s == "invisible":
				invisible = true
			}
		case "F":
			size, bold = o.Size, strings.Contains(strings.ToLower(o.Face), "bold")
		case "t":
			if o.Char&1 != 0 {
				bold = true
			}
		}
		if invisible {
			continue
		}
		s := shape{stroke: pen, width: width, dash: style}
		switch o.Op {
		case "E", "e":
			c := t.pt([2]float64{o.Rect[0], o.Rect[1]})
			s.kind, s.pts = ellipse, []pt{c, {o.Rect[2], o.Rect[3]}}
		case "P", "p":
			s.kind, s.pts = polygon, t.pts(o.Points)
		case "L":
			s.kind, s.pts = polyline, t.pts(o.Points)
		case "B", "b":
			s.kind, s.pts = bezier, t.pts(o.Points)
		case "T":
			s = shape{kind: text, pts: []pt{t.pt(o.Pt)}, text: t.text(o.Text), size: size, bold: bold,
				anchor: map[string]byte{"l": 'l', "c": 'c', "r": 'r'}[o.Align], fit: o.Width, fill: pen}
			d.add(s)
			continue
		default:
			continue
		}
		// The filled forms. Graphviz's JSON writer swaps the xdot letters
		// of Bézier curves: "B" is filled there, "b" a plain curve.
		if o.Op == "E" || o.Op == "P" || o.Op == "B" {
			s.fill = fill
		}
		d.add(s)
	}
}
