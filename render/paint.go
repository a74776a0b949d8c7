package render

import (
	"context"
	"encoding/binary"
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
	mask  []uint8 // the coverage of the fill being painted
	clip  [2][]pt // clipTo's buffers
	// For tests that the squares do not show: whole rasterises each fill
	// in one piece; floatMath makes the rasteriser use the floating-point
	// arithmetic it uses on large areas in the squares too, so that both
	// ways round alike.
	whole, floatMath bool
	fm               *fontMetrics
}

func newPainter(w, h int, scale float64, fm *fontMetrics) *painter {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	return &painter{img: img, scale: scale, fm: fm}
}

// paint draws the shapes moved by (dx, dy) points. It looks at ctx between
// shapes, each of which takes well under a millisecond, and stops with
// ctx's cause once it is done.
func (p *painter) paint(ctx context.Context, shapes []shape, dx, dy float64) error {
	for _, s := range shapes {
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		p.shape(s, dx, dy)
	}
	return nil
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

// lerp is the point a fraction t of the way from a to b; b itself at 1.
func lerp(a, b pt, t float64) pt {
	if t == 1 {
		return b
	}
	return pt{a.x + (b.x-a.x)*t, a.y + (b.y-a.y)*t}
}

// fillTile is the side, in pixels, of the squares a large fill is
// rasterised in. The rasteriser's cost is the area it is given, so a fill
// is rasterised only in the squares its paths touch, each path cut to the
// square, rather than in its bounding box: a line across a 12,000-pixel
// picture costs its length times a square, not the picture's area, and the
// rasteriser's buffers stay the size of a few squares.
const fillTile = 64

// fill paints closed paths (in pixels) with c, as one shape: where paths
// overlap, c is painted once.
func (p *painter) fill(paths [][]pt, c color.NRGBA) {
	bounds := p.img.Bounds()
	boxes := make([]image.Rectangle, len(paths))
	var all image.Rectangle
	for i, path := range paths {
		if len(path) < 3 {
			continue
		}
		minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, q := range path {
			minX, minY = min(minX, q.x), min(minY, q.y)
			maxX, maxY = max(maxX, q.x), max(maxY, q.y)
		}
		if math.IsNaN(minX+minY+maxX+maxY) || math.IsInf(minX+minY+maxX+maxY, 0) {
			continue
		}
		// Clamped before converting: a point far outside must not overflow.
		clamp := func(v float64, hi int) int { return int(min(max(v, -1), float64(hi+1))) }
		r := image.Rect(clamp(math.Floor(minX), bounds.Max.X), clamp(math.Floor(minY), bounds.Max.Y),
			clamp(math.Ceil(maxX)+1, bounds.Max.X), clamp(math.Ceil(maxY)+1, bounds.Max.Y)).Intersect(bounds)
		boxes[i] = r
		all = all.Union(r)
	}
	if all.Empty() {
		return
	}
	if p.whole || all.Dx()*all.Dy() <= 4*fillTile*fillTile {
		p.raster(paths, nil, all, false, c)
		return
	}
	// Each square's share of the paths, in path order.
	tiles := map[image.Point][]int{}
	var order []image.Point
	for i, b := range boxes {
		if b.Empty() {
			continue
		}
		for ty := b.Min.Y / fillTile; ty <= (b.Max.Y-1)/fillTile; ty++ {
			for tx := b.Min.X / fillTile; tx <= (b.Max.X-1)/fillTile; tx++ {
				k := image.Point{tx, ty}
				if _, ok := tiles[k]; !ok {
					order = append(order, k)
				}
				tiles[k] = append(tiles[k], i)
			}
		}
	}
	for _, k := range order {
		r := image.Rect(k.X*fillTile, k.Y*fillTile, (k.X+1)*fillTile, (k.Y+1)*fillTile).Intersect(all)
		p.raster(paths, tiles[k], r, true, c)
	}
}

// raster rasterises the paths numbered idx (all when idx is nil) within r,
// cut to r first when clip is set, into a coverage mask, and blends c into
// the picture where the mask is not empty: the rasteriser's own blending
// costs four divisions for every pixel of r, covered or not.
func (p *painter) raster(paths [][]pt, idx []int, r image.Rectangle, clip bool, c color.NRGBA) {
	if r.Empty() {
		return
	}
	w, h := r.Dx(), r.Dy()
	zw := w
	if p.floatMath {
		zw = max(w, 513)
	}
	p.z.Reset(zw, h)
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	add := func(path []pt) {
		if clip {
			path = p.clipTo(path, r)
		}
		if len(path) < 3 {
			return
		}
		p.z.MoveTo(float32(path[0].x-ox), float32(path[0].y-oy))
		for _, q := range path[1:] {
			p.z.LineTo(float32(q.x-ox), float32(q.y-oy))
		}
		p.z.ClosePath()
	}
	if idx == nil {
		for _, path := range paths {
			add(path)
		}
	} else {
		for _, i := range idx {
			add(paths[i])
		}
	}
	if cap(p.mask) < zw*h {
		p.mask = make([]uint8, zw*h)
	}
	mask := &image.Alpha{Pix: p.mask[:zw*h], Stride: zw, Rect: image.Rect(0, 0, zw, h)}
	p.z.DrawOp = draw.Src
	p.z.Draw(mask, mask.Rect, image.Opaque, image.Point{})
	blend(p.img, r, mask, c)
}

// clipTo cuts a closed path to the rectangle r (Sutherland–Hodgman, one
// side at a time). The cut adds edges along r's sides, which give the
// pixels of r the coverage the rest of the path gave them. The result lives
// in the painter's buffers until the next call.
func (p *painter) clipTo(path []pt, r image.Rectangle) []pt {
	x0, y0, x1, y1 := float64(r.Min.X), float64(r.Min.Y), float64(r.Max.X), float64(r.Max.Y)
	inside := true
	for _, q := range path {
		if q.x < x0 || q.x > x1 || q.y < y0 || q.y > y1 {
			inside = false
			break
		}
	}
	if inside {
		return path
	}
	in := path
	for side := 0; side < 4 && len(in) > 0; side++ {
		out := p.clip[side%2][:0]
		keep := func(q pt) bool {
			switch side {
			case 0:
				return q.x >= x0
			case 1:
				return q.x <= x1
			case 2:
				return q.y >= y0
			}
			return q.y <= y1
		}
		cross := func(a, b pt) pt {
			var t float64
			switch side {
			case 0:
				t = (x0 - a.x) / (b.x - a.x)
			case 1:
				t = (x1 - a.x) / (b.x - a.x)
			case 2:
				t = (y0 - a.y) / (b.y - a.y)
			default:
				t = (y1 - a.y) / (b.y - a.y)
			}
			return pt{a.x + (b.x-a.x)*t, a.y + (b.y-a.y)*t}
		}
		prev := in[len(in)-1]
		for _, q := range in {
			switch kq, kp := keep(q), keep(prev); {
			case kq && !kp:
				out = append(out, cross(prev, q), q)
			case kq:
				out = append(out, q)
			case kp:
				out = append(out, cross(prev, q))
			}
			prev = q
		}
		p.clip[side%2] = out
		in = out
	}
	return in
}

// blend paints c over dst in r through mask, skipping what it leaves
// uncovered eight pixels at a time. It is image/draw's Over with a uniform
// source and an alpha mask.
func blend(dst *image.RGBA, r image.Rectangle, mask *image.Alpha, c color.NRGBA) {
	sr, sg, sb, sa := c.RGBA()
	w := r.Dx()
	for y := 0; y < r.Dy(); y++ {
		row := mask.Pix[y*mask.Stride : y*mask.Stride+w]
		pix := dst.Pix[dst.PixOffset(r.Min.X, r.Min.Y+y):]
		for x := 0; x < w; x++ {
			if x+8 <= w && binary.LittleEndian.Uint64(row[x:]) == 0 {
				x += 7
				continue
			}
			m := uint32(row[x])
			if m == 0 {
				continue
			}
			ma := m * 0x101
			a := 0xffff - sa*ma/0xffff
			i := 4 * x
			pix[i+0] = uint8((uint32(pix[i+0])*0x101*a + sr*ma) / 0xffff >> 8)
			pix[i+1] = uint8((uint32(pix[i+1])*0x101*a + sg*ma) / 0xffff >> 8)
			pix[i+2] = uint8((uint32(pix[i+2])*0x101*a + sb*ma) / 0xffff >> 8)
			pix[i+3] = uint8((uint32(pix[i+3])*0x101*a + sa*ma) / 0xffff >> 8)
		}
	}
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
			// A long segment in pieces of about a tile, so that the fill
			// rasterises it in the tiles it crosses only.
			n := max(1, int(math.Ceil(l/fillTile)))
			for k := 0; k < n; k++ {
				s, e := lerp(a, b, float64(k)/float64(n)), lerp(a, b, float64(k+1)/float64(n))
				polys = append(polys, []pt{{s.x + nx, s.y + ny}, {e.x + nx, e.y + ny}, {e.x - nx, e.y - ny}, {s.x - nx, s.y - ny}})
			}
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
