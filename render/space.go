package render

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/parley/parley/graph"
)

// The space view: the parties as points on the first two axes of the
// position map (graph.MapPositions), coloured and shaped by bloc, drawn by
// parley itself. Labels are placed where they overlap no other label and no
// point; those that find no place are left out and kept as the point's
// tooltip.
const (
	spaceFont      = 9.0
	spaceAxisFont  = 10.0
	spaceMarker    = 4.0 // half the size of a point's marker
	spaceLabelGap  = 2.0
	spaceEndDemand = 2 // demands named at each end of an axis
)

type space struct {
	m               *graph.Model
	pm              graph.PositionMap
	blocOf          []int // party index -> bloc number, −1 for none
	blocs           int
	title, subtitle string
	notes           []string
}

func newSpace(m *graph.Model, opts Options) (*space, error) {
	po := graph.PositionOptions{Dimensions: 2, MinStances: opts.MinStances}
	if opts.Anchor != "" {
		p, err := m.FindParty(opts.Anchor)
		if err != nil {
			return nil, err
		}
		po.Anchor = &p
	}
	sp := &space{m: m, pm: graph.MapPositions(m, po), title: name(oneLine(m.Meta().Title), "Untitled scenario"),
		subtitle: "Where the parties stand"}
	if d := dateLabel(m); d != "" {
		sp.subtitle += " · " + d
	}
	sp.blocOf, sp.blocs = blocIndexOf(m, opts.Blocs)
	var unplaced []string
	for _, p := range sp.pm.Parties {
		if p.Coords == nil {
			unplaced = append(unplaced, m.Parties()[p.Party].ID)
		}
	}
	sp.notes = append(sp.notes, fmt.Sprintf("%d of %d parties placed from their recorded stances (missing ones are not filled in)",
		sp.pm.Placed, len(sp.pm.Parties)))
	if len(unplaced) > 0 {
		list := unplaced
		more := ""
		if len(list) > 8 {
			more = fmt.Sprintf(" and %d more", len(list)-8)
			list = list[:8]
		}
		sp.notes = append(sp.notes, fmt.Sprintf("Not placed, fewer than %d stances: %s%s", sp.pm.MinStances, strings.Join(list, ", "), more))
	}
	return sp, nil
}

// blocIndexOf numbers the blocs of party ids given: unknown ids are skipped
// and a party in two blocs counts in the first.
func blocIndexOf(m *graph.Model, blocs [][]string) ([]int, int) {
	of := make([]int, len(m.Parties()))
	for i := range of {
		of[i] = -1
	}
	n := 0
	for _, b := range blocs {
		any := false
		for _, id := range b {
			if p, ok := m.PartyIndex(id); ok && of[p] < 0 {
				of[p] = n
				any = true
			}
		}
		if any {
			n++
		}
	}
	return of, n
}

func (sp *space) legend() []legendItem {
	var items []legendItem
	for b := range sp.blocs {
		n := 0
		for _, x := range sp.blocOf {
			if x == b {
				n++
			}
		}
		placed := 0
		for _, p := range sp.pm.Parties {
			if p.Coords != nil && sp.blocOf[p.Party] == b {
				placed++
			}
		}
		label := fmt.Sprintf("Bloc %d: %d %s", b+1, n, plural(n, "party", "parties"))
		if placed < n {
			label += fmt.Sprintf(", %d placed", placed)
		}
		items = append(items, legendItem{kind: legendMarker, label: label, bloc: b})
	}
	if sp.blocs > 0 {
		items = append(items, legendItem{kind: legendMarker, label: "In no bloc", bloc: -1})
	} else {
		items = append(items, legendItem{kind: legendMarker, label: "Party", bloc: -1})
	}
	items = append(items,
		legendItem{kind: legendText, label: "Axis: the share of the variance of the"},
		legendItem{kind: legendText, label: "stances it explains; at each end, the"},
		legendItem{kind: legendText, label: "demands the parties there back more"},
		legendItem{kind: legendText, label: "Points without a label: the name is"},
		legendItem{kind: legendText, label: "in the tooltip (SVG)"},
	)
	return items
}

// box is a rectangle in points: x0 < x1, y0 < y1.
type box struct{ x0, y0, x1, y1 float64 }

func (a box) overlaps(b box) bool {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

// drawing lays out the scatter with its title block and axes. Cost
// O(P²) for the label placement of P parties.
func (sp *space) drawing(fm *fontMetrics) drawing {
	m, pm := sp.m, sp.pm
	var d drawing
	ink := rgb(colInk)
	lines := append([]string{sp.title, sp.subtitle}, sp.notes...)

	type point struct {
		party int
		x, y  float64
	}
	var pts []point
	for _, p := range pm.Parties {
		if p.Coords == nil {
			continue
		}
		y := 0.0
		if len(p.Coords) > 1 {
			y = p.Coords[1]
		}
		pts = append(pts, point{p.Party, p.Coords[0], y})
	}
	n := len(pts)
	// The plot grows with the parties, from a page-width one for a handful
	// to a wide one for two hundred. Its height follows the second axis's
	// weight: an axis that explains little is not stretched to look like
	// the first.
	plotW := min(max(420+3*float64(n), 480), 1000)
	ratio := 1.0
	if pm.Dimensions > 1 && pm.Explained[0] > 0 {
		ratio = 0.35 + 0.65*math.Sqrt(min(pm.Explained[1]/pm.Explained[0], 1))
	}
	plotH := plotW * min(ratio, 0.8)
	titleH := 22.0 * float64(len(lines))
	step := spaceAxisFont + 6
	axisH := step * float64(sp.axisLines(fm, 0, plotW)+1)
	left := 0.0
	if pm.Dimensions > 1 {
		left = step * float64(sp.axisLines(fm, 1, plotH)+1)
	}
	x0 := padPoints + left + 8
	y0 := padPoints + titleH + 10
	d.w = max(x0+plotW+padPoints, 2*padPoints+titleWidth(fm, lines))
	d.h = y0 + plotH + axisH + padPoints + 6
	d.add(shape{kind: polygon, pts: []pt{{0, 0}, {d.w, 0}, {d.w, d.h}, {0, d.h}}, fill: rgb("#FFFFFF")})
	for i, l := range lines {
		size, bold := 16.0, true
		if i >= 2 {
			size, bold = 11, false
		}
		d.add(shape{kind: text, pts: []pt{{d.w / 2, padPoints + 16 + 19*float64(i)}}, text: l, size: size, bold: bold, anchor: 'c', fill: ink})
	}

	// Data ranges, padded so that points and their labels stay inside.
	lo, hi := [2]float64{-1, -1}, [2]float64{1, 1}
	if n > 0 {
		lo, hi = [2]float64{math.Inf(1), math.Inf(1)}, [2]float64{math.Inf(-1), math.Inf(-1)}
		for _, p := range pts {
			lo[0], hi[0] = min(lo[0], p.x), max(hi[0], p.x)
			lo[1], hi[1] = min(lo[1], p.y), max(hi[1], p.y)
		}
	}
	for a := range 2 {
		if hi[a]-lo[a] < 1e-9 {
			lo[a], hi[a] = lo[a]-1, hi[a]+1
		}
		pad := (hi[a] - lo[a]) * 0.06
		lo[a], hi[a] = lo[a]-pad, hi[a]+pad
	}
	// Room for the labels of the points at the right edge.
	margin := 14.0
	px := func(x float64) float64 { return x0 + margin + (x-lo[0])/(hi[0]-lo[0])*(plotW-2*margin) }
	py := func(y float64) float64 { return y0 + margin + (hi[1]-y)/(hi[1]-lo[1])*(plotH-2*margin) }
	frameBox := box{x0, y0, x0 + plotW, y0 + plotH}
	d.add(shape{kind: polygon, pts: []pt{{x0, y0}, {x0 + plotW, y0}, {x0 + plotW, y0 + plotH}, {x0, y0 + plotH}},
		fill: rgb("#FFFFFF"), stroke: rgb(colFrame), width: 1})
	// The centre lines: the placed parties' mean on each axis.
	grid := rgb("#D0D0D0")
	if lo[0] < 0 && hi[0] > 0 {
		d.add(shape{kind: polyline, pts: []pt{{px(0), y0}, {px(0), y0 + plotH}}, stroke: grid, width: 0.75, dash: dashed})
	}
	if pm.Dimensions > 1 && lo[1] < 0 && hi[1] > 0 {
		d.add(shape{kind: polyline, pts: []pt{{x0, py(0)}, {x0 + plotW, py(0)}}, stroke: grid, width: 0.75, dash: dashed})
	}
	sp.axisLabels(&d, fm, x0, y0, plotW, plotH)

	// Points, then labels where they fit: the farthest from the centre
	// first, as they are what a reader looks for, then by id.
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ra := math.Hypot(pts[a].x, pts[a].y)
		rb := math.Hypot(pts[b].x, pts[b].y)
		return cmp.Compare(rb, ra)
	})
	var taken []box
	marks := make([]box, n)
	for i, p := range pts {
		cx, cy := px(p.x), py(p.y)
		marks[i] = box{cx - spaceMarker - 1, cy - spaceMarker - 1, cx + spaceMarker + 1, cy + spaceMarker + 1}
	}
	// A point's label, if it finds a place, by the point's index.
	labels := make([]*shape, n)
	for _, i := range order {
		p := pts[i]
		party := m.Parties()[p.party]
		label := truncate(oneLine(name(party.Name, party.ID)), 28)
		w := fm.width(label, spaceFont, false)
		h := spaceFont
		cx, cy := px(p.x), py(p.y)
		r := spaceMarker + spaceLabelGap
		// Candidate boxes: right, left, above, below, then the diagonals.
		cands := []struct {
			b      box
			anchor byte
			tx, ty float64
		}{
			{box{cx + r, cy - h/2, cx + r + w, cy + h/2}, 'l', cx + r, cy + h*0.35},
			{box{cx - r - w, cy - h/2, cx - r, cy + h/2}, 'r', cx - r, cy + h*0.35},
			{box{cx - w/2, cy - r - h, cx + w/2, cy - r}, 'c', cx, cy - r - h*0.15},
			{box{cx - w/2, cy + r, cx + w/2, cy + r + h}, 'c', cx, cy + r + h*0.85},
			{box{cx + r*0.7, cy - r*0.7 - h, cx + r*0.7 + w, cy - r*0.7}, 'l', cx + r*0.7, cy - r*0.7 - h*0.15},
			{box{cx + r*0.7, cy + r*0.7, cx + r*0.7 + w, cy + r*0.7 + h}, 'l', cx + r*0.7, cy + r*0.7 + h*0.85},
			{box{cx - r*0.7 - w, cy - r*0.7 - h, cx - r*0.7, cy - r*0.7}, 'r', cx - r*0.7, cy - r*0.7 - h*0.15},
			{box{cx - r*0.7 - w, cy + r*0.7, cx - r*0.7, cy + r*0.7 + h}, 'r', cx - r*0.7, cy + r*0.7 + h*0.85},
		}
		for _, c := range cands {
			if c.b.x0 < frameBox.x0+1 || c.b.x1 > frameBox.x1-1 || c.b.y0 < frameBox.y0+1 || c.b.y1 > frameBox.y1-1 {
				continue
			}
			clash := false
			for _, t := range taken {
				if c.b.overlaps(t) {
					clash = true
					break
				}
			}
			for j := range marks {
				if !clash && c.b.overlaps(marks[j]) {
					clash = true
				}
			}
			if clash {
				continue
			}
			taken = append(taken, c.b)
			labels[i] = &shape{kind: text, pts: []pt{{c.tx, c.ty}}, text: label, size: spaceFont, anchor: c.anchor,
				fill: ink, title: sp.tooltip(p.party)}
			break
		}
	}
	// Each point is followed by its label, both marked with the party, so
	// that they are one group: one thing to click or reach with Tab. No
	// label overlaps a point, so the order draws the same picture as
	// points first, labels over them.
	for i, p := range pts {
		b := sp.blocOf[p.party]
		cx, cy := (marks[i].x0+marks[i].x1)/2, (marks[i].y0+marks[i].y1)/2
		s := markerShape(b, cx, cy, spaceMarker)
		s.title = sp.tooltip(p.party)
		s.hook = hook{party: m.Parties()[p.party].ID}
		d.add(s)
		if l := labels[i]; l != nil {
			l.hook = s.hook
			d.add(*l)
		}
	}
	return d
}

// tooltip is what a point says of its party.
func (sp *space) tooltip(p int) string {
	party := sp.m.Parties()[p]
	var pp graph.PartyPosition
	for _, x := range sp.pm.Parties {
		if x.Party == p {
			pp = x
		}
	}
	var coords []string
	for a, c := range pp.Coords {
		coords = append(coords, fmt.Sprintf("axis %d %s", a+1, signedNum(c)))
	}
	lines := []string{name(party.Name, party.ID) + " (" + party.ID + ")", strings.Join(coords, ", ") +
		fmt.Sprintf("; %d recorded %s", pp.Stances, plural(pp.Stances, "stance", "stances"))}
	if b := sp.blocOf[p]; b >= 0 {
		lines = append(lines, fmt.Sprintf("Bloc %d", b+1))
	}
	return strings.Join(lines, "\n")
}

func signedNum(f float64) string {
	s := fmt.Sprintf("%+.2f", f)
	if s == "-0.00" {
		s = "+0.00"
	}
	return strings.Replace(s, "-", "−", 1)
}

// axisEnds are the texts at the two ends of axis a: the demands the
// parties at that end back more, named ones first (a vote table may leave
// some unnamed), each cut to fit room points; and their tooltips.
func (sp *space) axisEnds(fm *fontMetrics, a int, room float64) (neg, pos, negTip, posTip string) {
	pm, m := sp.pm, sp.m
	neg1, pos1 := pm.Leading(a, 12)
	pick := func(ds []int) []int {
		var named, unnamed []int
		for _, d := range ds {
			if dm := m.Demands()[d]; strings.TrimSpace(dm.Name) != "" && dm.Name != dm.ID {
				named = append(named, d)
			} else {
				unnamed = append(unnamed, d)
			}
		}
		return append(named, unnamed...)[:min(spaceEndDemand, len(ds))]
	}
	text := func(ds []int, positive bool) (string, string) {
		if len(ds) == 0 {
			return "", ""
		}
		var names, full []string
		for _, d := range ds {
			dm := m.Demands()[d]
			names = append(names, oneLine(name(dm.Name, dm.ID)))
			full = append(full, fmt.Sprintf("%s (%s), loading %s", oneLine(name(dm.Name, dm.ID)), dm.ID, signedNum(pm.Demands[d].Loadings[a])))
		}
		label := func() string {
			if positive {
				return "backs " + strings.Join(names, "; ") + " →"
			}
			return "← backs " + strings.Join(names, "; ")
		}
		// Cut the longest name until the line fits; drop the second name
		// rather than cut either below 28 letters, and the one left no
		// further than 10.
		for fm.width(label(), spaceFont, false) > room {
			longest := 0
			for i := range names {
				if len([]rune(names[i])) > len([]rune(names[longest])) {
					longest = i
				}
			}
			n := len([]rune(names[longest]))
			switch {
			case n > 28 || len(names) == 1 && n > 10:
				names[longest] = truncate(names[longest], n-2)
			case len(names) > 1:
				names = names[:len(names)-1]
			default:
				return label(), ""
			}
		}
		dir := "lower"
		if positive {
			dir = "higher"
		}
		return label(), fmt.Sprintf("Parties %s on axis %d back more: %s", dir, a+1, strings.Join(full, "; "))
	}
	neg, negTip = text(pick(neg1), false)
	pos, posTip = text(pick(pos1), true)
	return
}

// axisLines is how many lines the ends of an axis of length room take: one
// when both fit side by side, else two.
func (sp *space) axisLines(fm *fontMetrics, a int, room float64) int {
	neg, pos, _, _ := sp.axisEnds(fm, a, room)
	if fm.width(neg, spaceFont, false)+fm.width(pos, spaceFont, false)+24 <= room {
		return 1
	}
	return 2
}

// axisLabels writes each axis's title (its share of the variance) and, at
// its ends, the demands the parties there back more: axis 1 below the
// plot, axis 2 left of it, reading upwards.
func (sp *space) axisLabels(d *drawing, fm *fontMetrics, x0, y0, w, h float64) {
	pm := sp.pm
	ink := rgb(colInk)
	grey := rgb(colNeutral)
	step := spaceAxisFont + 6
	title := func(a int) string {
		return fmt.Sprintf("Axis %d · %s of the variance", a+1, percent(pm.Explained[a]))
	}
	neg, pos, negTip, posTip := sp.axisEnds(fm, 0, w)
	y := y0 + h + step
	if neg != "" {
		d.add(shape{kind: text, pts: []pt{{x0, y}}, text: neg, size: spaceFont, anchor: 'l', fill: grey, title: negTip})
	}
	if sp.axisLines(fm, 0, w) == 2 {
		y += step
	}
	if pos != "" {
		d.add(shape{kind: text, pts: []pt{{x0 + w, y}}, text: pos, size: spaceFont, anchor: 'r', fill: grey, title: posTip})
	}
	d.add(shape{kind: text, pts: []pt{{x0 + w/2, y + step + 2}}, text: title(0), size: spaceAxisFont, bold: true, anchor: 'c', fill: ink})
	if pm.Dimensions < 2 {
		return
	}
	neg, pos, negTip, posTip = sp.axisEnds(fm, 1, h)
	x := x0 - 6
	if neg != "" {
		d.add(shape{kind: text, pts: []pt{{x, y0 + h}}, text: neg, size: spaceFont, anchor: 'l', vertical: true, fill: grey, title: negTip})
	}
	if sp.axisLines(fm, 1, h) == 2 {
		x -= step
	}
	if pos != "" {
		d.add(shape{kind: text, pts: []pt{{x, y0}}, text: pos, size: spaceFont, anchor: 'r', vertical: true, fill: grey, title: posTip})
	}
	d.add(shape{kind: text, pts: []pt{{x - step - 2, y0 + h/2}}, text: title(1), size: spaceAxisFont, bold: true, anchor: 'c', vertical: true, fill: ink})
}

func percent(f float64) string {
	p := f * 100
	switch {
	case p >= 10:
		return fmt.Sprintf("%.0f%%", p)
	case p >= 1:
		return fmt.Sprintf("%.1f%%", p)
	}
	return fmt.Sprintf("%.2f%%", p)
}

// The bloc palette: Okabe and Ito's colours, in an order that keeps the
// first blocs far apart, then grey for blocs beyond them and for parties in
// no bloc. Each bloc has its own marker shape too, so a greyscale print
// tells them apart.
var blocColors = []string{"#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#F0E442", "#0072B2", "#D55E00"}

const colNoBloc = "#BBBBBB"

// blocColor is the colour of bloc b; grey for b < 0 or beyond the palette.
func blocColor(b int) string {
	if b < 0 || b >= len(blocColors) {
		return colNoBloc
	}
	return blocColors[b]
}

// blocTint is blocColor mixed with white, for filling nodes under text.
func blocTint(b int) string {
	c := rgb(blocColor(b))
	mix := func(v uint8) uint8 { return uint8(255 - 0.45*(255-float64(v)) + 0.5) }
	return fmt.Sprintf("#%02X%02X%02X", mix(c.R), mix(c.G), mix(c.B))
}

// markerShape is the marker of bloc b centred at (x, y), r its half-size:
// circle, square, diamond, triangle up, triangle down, then a hexagon and a
// pentagon; a small circle for parties in no bloc.
func markerShape(b int, x, y, r float64) shape {
	s := shape{fill: rgb(blocColor(b)), stroke: rgb(colInk), width: 0.75}
	poly := func(n int, turn float64, scale float64) []pt {
		out := make([]pt, n)
		for i := range out {
			a := turn + 2*math.Pi*float64(i)/float64(n)
			out[i] = pt{x + r*scale*math.Cos(a), y + r*scale*math.Sin(a)}
		}
		return out
	}
	switch {
	case b < 0 || b >= len(blocColors):
		s.kind, s.pts = ellipse, []pt{{x, y}, {r * 0.75, r * 0.75}}
	case b == 0:
		s.kind, s.pts = ellipse, []pt{{x, y}, {r, r}}
	case b == 1:
		s.kind, s.pts = polygon, []pt{{x - r*0.9, y - r*0.9}, {x + r*0.9, y - r*0.9}, {x + r*0.9, y + r*0.9}, {x - r*0.9, y + r*0.9}}
	case b == 2:
		s.kind, s.pts = polygon, poly(4, -math.Pi/2, 1.2)
	case b == 3:
		s.kind, s.pts = polygon, poly(3, -math.Pi/2, 1.25)
	case b == 4:
		s.kind, s.pts = polygon, poly(3, math.Pi/2, 1.25)
	case b == 5:
		s.kind, s.pts = polygon, poly(6, 0, 1.1)
	default:
		s.kind, s.pts = polygon, poly(5, -math.Pi/2, 1.15)
	}
	return s
}
