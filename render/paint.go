package render

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// The painter draws a drawing into an RGBA image with golang.org/x/image's
// vector rasteriser (anti-aliased, non-zero winding by magnitude) and the Go
// fonts. Strokes are built as polygons here: each segment a quadrilateral
// and each joint a disc, all wound the same way so that they add up.
type painter struct {
	img   *image.RGBA
	scale float64 // pixels per point
	z     vector.Rasterizer
	fm    *fontMetrics
}

func newPainter(w, h int, scale float64, fm *fontMetrics) *painter {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	return &painter{img: img, scale: scale, fm: fm}
}

// paint draws the shapes moved by (dx, dy) points.
func (p *painter) paint(shapes []shape, dx, dy float64) {
	for _, s := range shapes {
		p.shape(s, dx, dy)
	}
}

func (p *painter) px(q pt, dx, dy float64) pt {
	return pt{(q.x + dx) * p.scale, (q.y + dy) * p.scale}
}

func (p *painter) shape(s shape, dx, dy float64) {
	var outline []pt
	closed := false
	switch s.kind {
	case polygon:
		for _, q := range s.pts {
			outline = append(outline, p.px(q, dx, dy))
		}
		closed = true
	case polyline:
		for _, q := range s.pts {
			outline = append(outline, p.px(q, dx, dy))
		}
	case bezier:
		ctl := make([]pt, len(s.pts))
		for i, q := range s.pts {
			ctl[i] = p.px(q, dx, dy)
		}
		outline = flattenBezier(ctl)
		closed = s.fill.A > 0
	case ellipse:
		c := p.px(s.pts[0], dx, dy)
		rx, ry := s.pts[1].x*p.scale, s.pts[1].y*p.scale
		n := max(16, int(math.Sqrt(max(rx, ry))*6))
		for i := 0; i < n; i++ {
			a := -2 * math.Pi * float64(i) / float64(n)
			outline = append(outline, pt{c.x + rx*math.Cos(a), c.y + ry*math.Sin(a)})
		}
		closed = true
	case text:
		p.text(s, dx, dy)
		return
	}
	if len(outline) < 2 {
		return
	}
	if s.fill.A > 0 && closed {
		p.fill([][]pt{outline}, s.fill)
	}
	if s.stroke.A > 0 {
		if closed {
			outline = append(outline, outline[0])
		}
		p.stroke(outline, s.width, s.dash, s.stroke)
	}
}

// flattenBezier turns cubic Bézier control points into a polyline.
func flattenBezier(c []pt) []pt {
	if len(c) == 0 {
		return nil
	}
	out := []pt{c[0]}
	for i := 0; i+3 < len(c); i += 3 {
		p0, p1, p2, p3 := c[i], c[i+1], c[i+2], c[i+3]
		l := dist(p0, p1) + dist(p1, p2) + dist(p2, p3)
		n := min(max(int(l/3), 2), 200)
		for k := 1; k <= n; k++ {
			t := float64(k) / float64(n)
			u := 1 - t
			out = append(out, pt{
				u*u*u*p0.x + 3*u*u*t*p1.x + 3*u*t*t*p2.x + t*t*t*p3.x,
				u*u*u*p0.y + 3*u*u*t*p1.y + 3*u*t*t*p2.y + t*t*t*p3.y,
			})
		}
	}
	return out
}

func dist(a, b pt) float64 { return math.Hypot(b.x-a.x, b.y-a.y) }

// fill paints closed paths (in pixels) with c.
func (p *painter) fill(paths [][]pt, c color.NRGBA) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, path := range paths {
		for _, q := range path {
			minX, minY = min(minX, q.x), min(minY, q.y)
			maxX, maxY = max(maxX, q.x), max(maxY, q.y)
		}
	}
	r := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX))+1, int(math.Ceil(maxY))+1).Intersect(p.img.Bounds())
	if r.Empty() {
		return
	}
	p.z.Reset(r.Dx(), r.Dy())
	ox, oy := float32(r.Min.X), float32(r.Min.Y)
	for _, path := range paths {
		if len(path) < 3 {
			continue
		}
		p.z.MoveTo(float32(path[0].x)-ox, float32(path[0].y)-oy)
		for _, q := range path[1:] {
			p.z.LineTo(float32(q.x)-ox, float32(q.y)-oy)
		}
		p.z.ClosePath()
	}
	p.z.Draw(p.img, r, image.NewUniform(c), image.Point{})
}

// stroke paints a polyline (in pixels) width points wide with a dash
// pattern, with butt ends and round joints, as one fill.
func (p *painter) stroke(line []pt, width float64, d dash, c color.NRGBA) {
	hw := max(width*p.scale, 1) / 2
	var runs [][]pt
	if da := dashArray(d, width); da != nil {
		runs = dashRuns(line, da[0]*p.scale, da[1]*p.scale)
	} else {
		runs = [][]pt{line}
	}
	var polys [][]pt
	for _, run := range runs {
		for i := 0; i+1 < len(run); i++ {
			a, b := run[i], run[i+1]
			l := dist(a, b)
			if l == 0 {
				continue
			}
			nx, ny := -(b.y-a.y)/l*hw, (b.x-a.x)/l*hw
			polys = append(polys, []pt{{a.x + nx, a.y + ny}, {b.x + nx, b.y + ny}, {b.x - nx, b.y - ny}, {a.x - nx, a.y - ny}})
			if i > 0 && hw > 0.75 {
				polys = append(polys, disc(a, hw))
			}
		}
	}
	if len(polys) > 0 {
		p.fill(polys, c)
	}
}

// disc is a circle as a polygon, wound like the stroke quadrilaterals.
func disc(c pt, r float64) []pt {
	n := max(8, int(r*2))
	out := make([]pt, n)
	for i := range out {
		a := -2 * math.Pi * float64(i) / float64(n)
		out[i] = pt{c.x + r*math.Cos(a), c.y + r*math.Sin(a)}
	}
	return out
}

// dashRuns cuts a polyline into the "on" pieces of an on-off pattern.
func dashRuns(line []pt, on, off float64) [][]pt {
	var runs [][]pt
	var cur []pt
	drawing, left := true, on
	cur = append(cur, line[0])
	for i := 0; i+1 < len(line); i++ {
		a, b := line[i], line[i+1]
		l := dist(a, b)
		pos := 0.0
		for l-pos > left {
			pos += left
			q := pt{a.x + (b.x-a.x)*pos/l, a.y + (b.y-a.y)*pos/l}
			if drawing {
				cur = append(cur, q)
				runs = append(runs, cur)
				cur = nil
				left = off
			} else {
				cur = []pt{q}
				left = on
			}
			drawing = !drawing
		}
		left -= l - pos
		if drawing {
			cur = append(cur, b)
		}
	}
	if drawing && len(cur) > 1 {
		runs = append(runs, cur)
	}
	return runs
}

// text draws a text shape with the Go fonts, shrunk to fit the width
// Graphviz laid it out for.
func (p *painter) text(s shape, dx, dy float64) {
	str := printable(s.text)
	if str == "" || s.fill.A == 0 {
		return
	}
	size := s.size * p.scale
	face := p.fm.face(size, s.bold)
	w := fixedToFloat(font.MeasureString(face, str))
	if s.fit > 0 && w > s.fit*p.scale*1.02 {
		size *= s.fit * p.scale / w
		face = p.fm.face(size, s.bold)
		w = fixedToFloat(font.MeasureString(face, str))
	}
	at := p.px(s.pts[0], dx, dy)
	shift := 0.0
	switch s.anchor {
	case 'c':
		shift = w / 2
	case 'r':
		shift = w
	}
	src := image.NewUniform(s.fill)
	if !s.vertical {
		dr := font.Drawer{Dst: p.img, Src: src, Face: face, Dot: fixed.Point26_6{X: fixed.Int26_6((at.x - shift) * 64), Y: fixed.Int26_6(at.y * 64)}}
		dr.DrawString(str)
		return
	}
	// Turned a quarter left: draw it level, then copy it rotated.
	m := face.Metrics()
	asc, desc := int(math.Ceil(fixedToFloat(m.Ascent))), int(math.Ceil(fixedToFloat(m.Descent)))
	tw := int(math.Ceil(w)) + 1
	tmp := image.NewRGBA(image.Rect(0, 0, tw, asc+desc))
	dr := font.Drawer{Dst: tmp, Src: src, Face: face, Dot: fixed.Point26_6{Y: fixed.I(asc)}}
	dr.DrawString(str)
	// Text point (u, v) lands at (at.x + v - asc, at.y - u + shift).
	b := p.img.Bounds()
	for v := 0; v < tmp.Rect.Dy(); v++ {
		for u := 0; u < tw; u++ {
			X, Y := int(at.x)+v-asc, int(at.y+shift)-u
			if !(image.Point{X, Y}.In(b)) {
				continue
			}
			i := tmp.PixOffset(u, v)
			a := uint32(tmp.Pix[i+3])
			if a == 0 {
				continue
			}
			j := p.img.PixOffset(X, Y)
			for k := 0; k < 4; k++ {
				p.img.Pix[j+k] = uint8(uint32(tmp.Pix[i+k]) + uint32(p.img.Pix[j+k])*(255-a)/255)
			}
		}
	}
}
