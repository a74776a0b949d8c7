package render

import (
	"cmp"
	"fmt"
	"image/color"
	"slices"

	"github.com/parley/parley/graph"
)

// The matrix view: parties in rows, demands in columns, one cell per
// stance. Caps keep it drawable at UN scale (200 parties × 6,000 votes):
// beyond them the most contested demands and the parties with the most
// stances are shown, and the picture says so.
const (
	maxMatrixCols = 120
	maxMatrixRows = 250
	cellSize      = 14.0
	matrixFont    = 10.0
	maxMatrixText = 40 // runes of a row or column label
	tooltipCells  = 5000
)

type cellStyle struct {
	pos      graph.Position
	strength graph.Strength
}

type matrix struct {
	m               *graph.Model
	rows, cols      []int // party and demand indices, in drawing order
	title, subtitle string
	notes           []string
}

func newMatrix(m *graph.Model, blocs [][]string) *matrix {
	mx := &matrix{m: m, title: name(oneLine(m.Meta().Title), "Untitled scenario"), subtitle: "Stances, parties × demands"}
	if d := dateLabel(m); d != "" {
		mx.subtitle += " · " + d
	}
	P, D := len(m.Parties()), len(m.Demands())
	mx.cols = make([]int, D)
	for d := range mx.cols {
		mx.cols[d] = d
	}
	if D > maxMatrixCols {
		type score struct{ d, contested, known int }
		sc := make([]score, D)
		for d := range sc {
			s, o := len(m.Who(d, graph.Support)), len(m.Who(d, graph.Oppose))
			sc[d] = score{d, min(s, o), s + o + len(m.Who(d, graph.Neutral))}
		}
		slices.SortStableFunc(sc, func(a, b score) int {
			return cmp.Or(cmp.Compare(b.contested, a.contested), cmp.Compare(b.known, a.known), cmp.Compare(a.d, b.d))
		})
		mx.cols = mx.cols[:0]
		for _, s := range sc[:maxMatrixCols] {
			mx.cols = append(mx.cols, s.d)
		}
		slices.Sort(mx.cols)
		mx.notes = append(mx.notes, fmt.Sprintf("The %d most contested of %d demands; the CSV export has them all", maxMatrixCols, D))
	}
	if len(blocs) > 0 {
		orderByBloc(m, mx.cols, blocs)
		mx.notes = append(mx.notes, fmt.Sprintf("Rows by bloc (%d %s); columns by what the first bloc backs most",
			len(blocs), plural(len(blocs), "bloc", "blocs")))
	}
	// Rows: blocs first, in their order, then the other parties by id.
	// Within a bloc, the parties that back the first columns most come
	// first, so that like votes sit together.
	seen := make([]bool, P)
	for _, b := range blocs {
		var group []int
		for _, id := range b {
			if p, ok := m.PartyIndex(id); ok && !seen[p] {
				seen[p] = true
				group = append(group, p)
			}
		}
		if len(mx.cols) > 0 {
			lean := make(map[int]float64, len(group))
			for _, p := range group {
				lean[p] = leaning(m, p, mx.cols)
			}
			slices.SortStableFunc(group, func(a, b int) int { return cmp.Compare(lean[b], lean[a]) })
		}
		mx.rows = append(mx.rows, group...)
	}
	for p := range P {
		if !seen[p] {
			mx.rows = append(mx.rows, p)
		}
	}
	if P > maxMatrixRows {
		count := make([]int, P)
		for p := range P {
			count[p] = len(m.PartyStances(p))
		}
		keep := slices.Clone(mx.rows)
		slices.SortStableFunc(keep, func(a, b int) int { return cmp.Compare(count[b], count[a]) })
		keep = keep[:maxMatrixRows]
		in := make([]bool, P)
		for _, p := range keep {
			in[p] = true
		}
		mx.rows = slices.DeleteFunc(mx.rows, func(p int) bool { return !in[p] })
		mx.notes = append(mx.notes, fmt.Sprintf("The %d parties with the most stances of %d", maxMatrixRows, P))
	}
	return mx
}

// cellColors are the fill and glyph colours of a cell: the position's
// colour, lighter the softer the stance.
func cellColors(c cellStyle) (fill, glyph color.NRGBA) {
	var base string
	switch c.pos {
	case graph.Support:
		base = colSupport
	case graph.Oppose:
		base = colOppose
	case graph.Neutral:
		base = "#8C8C8C"
	default:
		return rgb(colUnknown), rgb(colInk)
	}
	share := map[graph.Strength]float64{graph.Soft: 0.45, graph.Firm: 0.75, graph.RedLine: 1}[c.strength]
	if share == 0 {
		share = 0.75
	}
	b := rgb(base)
	mix := func(v uint8) uint8 { return uint8(255 - share*(255-float64(v)) + 0.5) }
	fill = color.NRGBA{mix(b.R), mix(b.G), mix(b.B), 255}
	lum := 0.2126*float64(fill.R) + 0.7152*float64(fill.G) + 0.0722*float64(fill.B)
	if lum < 150 {
		return fill, rgb("#FFFFFF")
	}
	return fill, rgb(colInk)
}

var glyphs = map[graph.Position]string{graph.Support: "+", graph.Oppose: "−", graph.Neutral: "0"}

// cellShapes draws one cell with its top left corner at x, y: fill, glyph
// (so the matrix reads without colour), and a heavy frame for a red line.
func cellShapes(c cellStyle, x, y float64, tip string) []shape {
	fill, ink := cellColors(c)
	out := []shape{{kind: polygon, pts: []pt{{x, y}, {x + cellSize, y}, {x + cellSize, y + cellSize}, {x, y + cellSize}},
		fill: fill, title: tip, shared: glyphStyle}}
	if c.strength == graph.RedLine {
		out = append(out, shape{kind: polygon, pts: []pt{{x + 1.25, y + 1.25}, {x + cellSize - 1.25, y + 1.25},
			{x + cellSize - 1.25, y + cellSize - 1.25}, {x + 1.25, y + cellSize - 1.25}}, stroke: rgb(colInk), width: 2.5, shared: glyphStyle})
	}
	if g := glyphs[c.pos]; g != "" {
		out = append(out, shape{kind: text, pts: []pt{{x + cellSize/2, y + cellSize/2 + 3.6}}, text: g,
			size: glyphStyle.size, bold: glyphStyle.bold, anchor: glyphStyle.anchor, fill: ink, shared: glyphStyle})
	}
	return out
}

// glyphStyle sets the glyphs of the cells, once for a row of them.
var glyphStyle = &textStyle{size: 10, bold: true, anchor: 'c'}

func matrixLegend() []legendItem {
	return []legendItem{
		{kind: legendCell, label: "Supports", cell: cellStyle{graph.Support, graph.Firm}},
		{kind: legendCell, label: "Opposes", cell: cellStyle{graph.Oppose, graph.Firm}},
		{kind: legendCell, label: "Neutral", cell: cellStyle{graph.Neutral, graph.Firm}},
		{kind: legendCell, label: "No recorded stance", cell: cellStyle{graph.Unknown, 0}},
		{kind: legendCell, label: "Soft (lighter)", cell: cellStyle{graph.Support, graph.Soft}},
		{kind: legendCell, label: "Red line (framed)", cell: cellStyle{graph.Oppose, graph.RedLine}},
	}
}

// drawing lays out the matrix with its title block. Cost O(rows × cols).
func (mx *matrix) drawing(fm *fontMetrics) drawing {
	m := mx.m
	var d drawing
	ink := rgb(colInk)
	lines := append([]string{mx.title, mx.subtitle}, mx.notes...)
	rowLabels := make([]string, len(mx.rows))
	labelW := 0.0
	for i, p := range mx.rows {
		rowLabels[i] = truncate(oneLine(name(m.Parties()[p].Name, m.Parties()[p].ID)), maxMatrixText)
		labelW = max(labelW, fm.width(rowLabels[i], matrixFont, false))
	}
	colLabels := make([]string, len(mx.cols))
	colH := 0.0
	for i, dm := range mx.cols {
		colLabels[i] = truncate(oneLine(name(m.Demands()[dm].Name, m.Demands()[dm].ID)), maxMatrixText)
		colH = max(colH, fm.width(colLabels[i], matrixFont, false))
	}
	gridW, gridH := cellSize*float64(len(mx.cols)), cellSize*float64(len(mx.rows))
	x0 := padPoints + labelW + 8
	titleH := 22.0 * float64(len(lines))
	y0 := padPoints + titleH + 8 + colH + 6
	d.w = max(x0+gridW+padPoints, 2*padPoints+titleWidth(fm, lines))
	d.h = y0 + gridH + padPoints
	d.add(shape{kind: polygon, pts: []pt{{0, 0}, {d.w, 0}, {d.w, d.h}, {0, d.h}}, fill: rgb("#FFFFFF")})
	for i, l := range lines {
		d.add(shape{kind: text, pts: []pt{{d.w / 2, padPoints + 16 + 19*float64(i)}}, text: l, size: 16, bold: true, anchor: 'c', fill: ink})
	}
	for i, l := range colLabels {
		x := x0 + cellSize*float64(i) + cellSize/2 + 3.5
		dm := m.Demands()[mx.cols[i]]
		d.add(shape{kind: text, pts: []pt{{x, y0 - 6}}, text: l, size: matrixFont, anchor: 'l', vertical: true, fill: ink,
			title: oneLine(dm.Name) + " (" + dm.ID + ")", hook: hook{demand: dm.ID}})
	}
	tips := len(mx.rows)*len(mx.cols) <= tooltipCells
	for r, p := range mx.rows {
		y := y0 + cellSize*float64(r)
		party := m.Parties()[p]
		d.add(shape{kind: text, pts: []pt{{x0 - 6, y + cellSize/2 + 3.5}}, text: rowLabels[r], size: matrixFont, anchor: 'r', fill: ink,
			title: oneLine(party.Name) + " (" + party.ID + ")", hook: hook{party: party.ID}})
		for c, dm := range mx.cols {
			x := x0 + cellSize*float64(c)
			st, ok := m.Stance(p, dm)
			cs := cellStyle{pos: m.Position(p, dm)}
			tip := ""
			if ok {
				cs.strength = st.Strength
				if tips || st.Quote != "" || st.By != "" {
					tip, _ = stanceTooltip(m, st)
				}
			}
			cell := cellShapes(cs, x, y, tip)
			if cs.pos != graph.Unknown {
				// A stance, as a line of the map is: no stance is no line.
				for i := range cell {
					cell[i].hook = hook{party: party.ID, demand: m.Demands()[dm].ID}
				}
			}
			d.shapes = append(d.shapes, cell...)
		}
	}
	// The grid, over the cells: one line per row and column boundary.
	grid := rgb("#D0D0D0")
	for r := 0; r <= len(mx.rows); r++ {
		y := y0 + cellSize*float64(r)
		d.add(shape{kind: polyline, pts: []pt{{x0, y}, {x0 + gridW, y}}, stroke: grid, width: 0.5})
	}
	for c := 0; c <= len(mx.cols); c++ {
		x := x0 + cellSize*float64(c)
		d.add(shape{kind: polyline, pts: []pt{{x, y0}, {x, y0 + gridH}}, stroke: grid, width: 0.5})
	}
	return d
}

func titleWidth(fm *fontMetrics, lines []string) float64 {
	w := 0.0
	for _, l := range lines {
		w = max(w, fm.width(l, 16, true))
	}
	return w
}

// orderByBloc sorts the columns by how much more the first bloc backs a
// demand than the other parties do: mean position (support +1, neutral 0,
// oppose −1) within the bloc minus that outside it, of those with a stance.
// The demands a bloc stands for come first, those it stands against last;
// ties keep id order.
func orderByBloc(m *graph.Model, cols []int, blocs [][]string) {
	in := make([]bool, len(m.Parties()))
	for _, id := range blocs[0] {
		if p, ok := m.PartyIndex(id); ok {
			in[p] = true
		}
	}
	score := make(map[int]float64, len(cols))
	for _, d := range cols {
		var sumIn, nIn, sumOut, nOut float64
		for p := range m.Parties() {
			pos := m.Position(p, d)
			if !pos.Known() {
				continue
			}
			if in[p] {
				sumIn, nIn = sumIn+float64(pos.Value()), nIn+1
			} else {
				sumOut, nOut = sumOut+float64(pos.Value()), nOut+1
			}
		}
		var s float64
		if nIn > 0 {
			s = sumIn / nIn
		}
		if nOut > 0 {
			s -= sumOut / nOut
		}
		score[d] = s
	}
	slices.SortStableFunc(cols, func(a, b int) int { return cmp.Compare(score[b], score[a]) })
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// leaning is how much party p backs the first of the ordered columns over
// the last: its positions (support +1, neutral 0, oppose −1) weighted from
// +1 on the first column down to −1 on the last, averaged over all the
// columns, so that a party with few stances sits in the middle.
func leaning(m *graph.Model, p int, cols []int) float64 {
	var sum float64
	for i, d := range cols {
		w := 1.0
		if len(cols) > 1 {
			w = 1 - 2*float64(i)/float64(len(cols)-1)
		}
		sum += w * float64(m.Position(p, d).Value())
	}
	return sum / float64(len(cols))
}
