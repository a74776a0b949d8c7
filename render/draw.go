package render

import (
	"fmt"
	"image/color"
	"io"
	"strconv"
	"strings"

	"github.com/parley/parley/graph"
)

// A drawing is a list of shapes in points (1/72 inch), y growing down: what
// the legend, the title block and the matrix are made of, and what a
// Graphviz layout is turned into for painting. The SVG writer and the PNG
// painter both draw it, so the two formats show the same thing.
type drawing struct {
	w, h   float64
	shapes []shape
}

type pt struct{ x, y float64 }

type shapeKind int

const (
	polygon  shapeKind = iota // pts are the corners
	polyline                  // pts are the vertices
	bezier                    // pts are 3n+1 control points of cubic curves
	ellipse                   // pts[0] is the centre, pts[1] the radii
	text                      // pts[0] is where the baseline starts, centres or ends
)

type shape struct {
	kind   shapeKind
	pts    []pt
	fill   color.NRGBA // alpha 0: not filled
	stroke color.NRGBA // alpha 0: no outline
	width  float64
	dash   dash

	text     string
	size     float64 // font size in points
	bold     bool
	anchor   byte    // 'l', 'c' or 'r'
	fit      float64 // width the text must fit in (Graphviz's estimate); 0 for none
	vertical bool    // turned a quarter left, reading upwards

	title string // a tooltip (SVG <title>)
	hook  hook   // the party or demand the shape shows, if any
	// shared, when set, is the text style of a run of shapes with the same
	// one: written once on a group around them, and left out of their texts
	// (the matrix's thousands of glyphs). The painter ignores it.
	shared *textStyle
}

// textStyle is how a text is set, as SVG attributes a group can hand down.
type textStyle struct {
	size   float64
	bold   bool
	anchor byte
}

var svgAnchors = map[byte]string{'l': "start", 'c': "middle", 'r': "end"}

// The attributes that set a text in style t, within a group that sets it
// in style in (nil: the SVG defaults), each "" when in sets it already.
func (t textStyle) sizeAttr(in *textStyle) string {
	if in != nil && in.size == t.size {
		return ""
	}
	return ` font-size="` + num(t.size) + `"`
}

func (t textStyle) anchorAttr(in *textStyle) string {
	anchor, inAnchor := svgAnchors[t.anchor], "start"
	if anchor == "" {
		anchor = "start"
	}
	if in != nil && svgAnchors[in.anchor] != "" {
		inAnchor = svgAnchors[in.anchor]
	}
	if anchor == inAnchor {
		return ""
	}
	return ` text-anchor="` + anchor + `"`
}

func (t textStyle) weightAttr(in *textStyle) string {
	switch inBold := in != nil && in.bold; {
	case t.bold && !inBold:
		return ` font-weight="bold"`
	case !t.bold && inBold:
		return ` font-weight="normal"`
	}
	return ""
}

// hook names what a shape of parley's own drawing shows, for the page and
// for scripts, as the explorer marks Graphviz's nodes and edges: a run of
// shapes with the same hook is written as one group, class "node" with
// data-party="ID" or data-demand="ID" for a party or a demand, class
// "edge" with both for a stance.
type hook struct{ party, demand string }

// open is the group a hook's shapes go in; "" for none. Only ids parley
// accepts are written, so no user text reaches the attributes.
func (h hook) open() string {
	switch {
	case h.party != "" && !graph.ValidID(h.party), h.demand != "" && !graph.ValidID(h.demand):
		return ""
	case h.party != "" && h.demand != "":
		return `<g class="edge" data-party="` + h.party + `" data-demand="` + h.demand + `">` + "\n"
	case h.party != "":
		return `<g class="node" data-party="` + h.party + `">` + "\n"
	case h.demand != "":
		return `<g class="node" data-demand="` + h.demand + `">` + "\n"
	}
	return ""
}

func (d *drawing) add(s shape) { d.shapes = append(d.shapes, s) }

// translate moves every shape by dx, dy.
func (d *drawing) translate(dx, dy float64) {
	for i := range d.shapes {
		pts := d.shapes[i].pts
		n := len(pts)
		if d.shapes[i].kind == ellipse {
			n = 1 // pts[1] holds radii
		}
		for j := 0; j < n; j++ {
			pts[j].x += dx
			pts[j].y += dy
		}
	}
}

// parseColor reads #rgb, #rrggbb and #rrggbbaa, and the few names parley
// and Graphviz write; anything else is black.
func parseColor(s string) color.NRGBA {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "", "none", "transparent", "invis":
		return color.NRGBA{}
	case "white":
		return color.NRGBA{255, 255, 255, 255}
	case "black":
		return color.NRGBA{0, 0, 0, 255}
	}
	if !strings.HasPrefix(s, "#") {
		return color.NRGBA{0, 0, 0, 255}
	}
	h := s[1:]
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 && len(h) != 8 {
		return color.NRGBA{0, 0, 0, 255}
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return color.NRGBA{0, 0, 0, 255}
	}
	if len(h) == 6 {
		return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}
	}
	return color.NRGBA{uint8(v >> 24), uint8(v >> 16), uint8(v >> 8), uint8(v)}
}

func rgb(s string) color.NRGBA { return parseColor(s) }

// svgColor writes a colour as SVG wants it, with its opacity apart.
func svgColor(c color.NRGBA) (string, string) {
	if c.A == 0 {
		return "none", ""
	}
	col := fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
	if c.A == 255 {
		return col, ""
	}
	return col, num(float64(c.A) / 255)
}

// svgFont is the font family of every text parley writes itself; the
// painter uses the Go fonts, which are close in width.
const svgFont = "Helvetica,Arial,sans-serif"

// writeSVGShapes writes the shapes as SVG elements, those with a hook in
// its group. Text is escaped; no user text reaches an attribute other than
// a <title> child's content, and ids only when graph.ValidID accepts them.
func writeSVGShapes(w io.Writer, shapes []shape) error {
	var b strings.Builder
	var shared *textStyle // the style group open, if any
	group := ""           // the hook's group open within it, as opened
	for _, s := range shapes {
		if s.shared != shared {
			if group != "" {
				b.WriteString("</g>\n")
				group = ""
			}
			if shared != nil {
				b.WriteString("</g>\n")
			}
			if t := s.shared; t != nil {
				b.WriteString("<g" + t.sizeAttr(nil) + t.anchorAttr(nil) + t.weightAttr(nil) + ">\n")
			}
			shared = s.shared
		}
		if g := s.hook.open(); g != group {
			if group != "" {
				b.WriteString("</g>\n")
			}
			b.WriteString(g)
			group = g
		}
		open := ""
		switch s.kind {
		case polygon, polyline:
			if x, y, w, h, ok := rect(s); ok {
				writeElem(&b, fmt.Sprintf(`<rect x="%s" y="%s" width="%s" height="%s"%s`, num(x), num(y), num(w), num(h), paintAttrs(s)), "rect", s.title)
				continue
			}
			tag := "polygon"
			if s.kind == polyline {
				tag = "polyline"
			}
			var ps []string
			for _, p := range s.pts {
				ps = append(ps, num(p.x)+","+num(p.y))
			}
			open = fmt.Sprintf(`<%s points="%s"%s`, tag, strings.Join(ps, " "), paintAttrs(s))
			writeElem(&b, open, tag, s.title)
		case bezier:
			var d strings.Builder
			fmt.Fprintf(&d, "M%s,%s", num(s.pts[0].x), num(s.pts[0].y))
			for i := 1; i+2 < len(s.pts); i += 3 {
				fmt.Fprintf(&d, "C%s,%s %s,%s %s,%s", num(s.pts[i].x), num(s.pts[i].y),
					num(s.pts[i+1].x), num(s.pts[i+1].y), num(s.pts[i+2].x), num(s.pts[i+2].y))
			}
			if s.fill.A > 0 {
				d.WriteString("Z")
			}
			writeElem(&b, fmt.Sprintf(`<path d="%s"%s`, d.String(), paintAttrs(s)), "path", s.title)
		case ellipse:
			writeElem(&b, fmt.Sprintf(`<ellipse cx="%s" cy="%s" rx="%s" ry="%s"%s`, num(s.pts[0].x), num(s.pts[0].y),
				num(s.pts[1].x), num(s.pts[1].y), paintAttrs(s)), "ellipse", s.title)
		case text:
			fill, op := svgColor(s.fill)
			t := textStyle{s.size, s.bold, s.anchor}
			fmt.Fprintf(&b, `<text x="%s" y="%s"%s fill="%s"%s`, num(s.pts[0].x), num(s.pts[0].y), t.sizeAttr(s.shared), fill, t.anchorAttr(s.shared))
			if op != "" {
				fmt.Fprintf(&b, ` fill-opacity="%s"`, op)
			}
			b.WriteString(t.weightAttr(s.shared))
			if s.vertical {
				fmt.Fprintf(&b, ` transform="rotate(-90 %s %s)"`, num(s.pts[0].x), num(s.pts[0].y))
			}
			b.WriteString(">")
			if s.title != "" {
				b.WriteString("<title>" + xmlText(s.title) + "</title>")
			}
			b.WriteString(xmlText(s.text) + "</text>\n")
		}
	}
	if group != "" {
		b.WriteString("</g>\n")
	}
	if shared != nil {
		b.WriteString("</g>\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// rect reports whether a polygon is an upright rectangle.
func rect(s shape) (x, y, w, h float64, ok bool) {
	p := s.pts
	if s.kind != polygon || len(p) != 4 || p[0].y != p[1].y || p[1].x != p[2].x || p[2].y != p[3].y || p[3].x != p[0].x {
		return
	}
	return min(p[0].x, p[2].x), min(p[0].y, p[2].y), max(p[0].x, p[2].x) - min(p[0].x, p[2].x), max(p[0].y, p[2].y) - min(p[0].y, p[2].y), true
}

func writeElem(b *strings.Builder, open, tag, title string) {
	b.WriteString(open)
	if title == "" {
		b.WriteString("/>\n")
		return
	}
	b.WriteString("><title>" + xmlText(title) + "</title></" + tag + ">\n")
}

func paintAttrs(s shape) string {
	var b strings.Builder
	fill, fop := svgColor(s.fill)
	stroke, sop := svgColor(s.stroke)
	fmt.Fprintf(&b, ` fill="%s"`, fill)
	if fop != "" {
		fmt.Fprintf(&b, ` fill-opacity="%s"`, fop)
	}
	if s.stroke.A > 0 {
		fmt.Fprintf(&b, ` stroke="%s"`, stroke)
		if sop != "" {
			fmt.Fprintf(&b, ` stroke-opacity="%s"`, sop)
		}
		if s.width != 1 {
			fmt.Fprintf(&b, ` stroke-width="%s"`, num(s.width))
		}
		if da := dashArray(s.dash, s.width); da != nil {
			fmt.Fprintf(&b, ` stroke-dasharray="%s,%s"`, num(da[0]), num(da[1]))
		}
	}
	return b.String()
}

// dashArray is the on-off pattern of a dash style, as Graphviz draws it in
// SVG (dashed 5,2; dotted 1,5), in points; nil for solid.
func dashArray(d dash, width float64) []float64 {
	switch d {
	case dashed:
		return []float64{5, 2}
	case dotted:
		return []float64{1, 5}
	}
	return nil
}

// xmlText escapes text for XML content and attribute values. Characters
// XML cannot hold were dropped by clean.
func xmlText(s string) string {
	var b strings.Builder
	for _, r := range clean(s) {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		case '\n':
			b.WriteString("&#10;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
