package render

import (
	"github.com/parley/parley/graph"
)

type legendKind int

const (
	legendLine legendKind = iota
	legendParty
	legendDemand
	legendFocus
	legendNote
	legendCluster
	legendCell
	legendText
	legendMarker // a point of the space view: bloc's colour and shape
)

// legendItem is one line of a legend: a sample and what it means.
type legendItem struct {
	kind  legendKind
	label string
	line  lineStyle
	cell  cellStyle
	bloc  int    // legendMarker: −1 for no bloc
	fill  string // legendParty: the node's fill; "" for the default
}

func stanceLegend(excludes, focus bool) []legendItem {
	items := []legendItem{
		{kind: legendParty, label: "Party"},
		{kind: legendDemand, label: "Demand"},
	}
	if focus {
		items = append(items, legendItem{kind: legendFocus, label: "The one this view is about"})
	}
	sample := func(pos graph.Position) lineStyle {
		st := positionLine(pos, graph.Firm)
		return st
	}
	items = append(items,
		legendItem{kind: legendLine, label: "Supports", line: sample(graph.Support)},
		legendItem{kind: legendLine, label: "Opposes", line: sample(graph.Oppose)},
		legendItem{kind: legendLine, label: "Neutral", line: sample(graph.Neutral)},
		legendItem{kind: legendLine, label: "Soft", line: lineStyle{color: colInk, width: strengthWidth[graph.Soft]}},
		legendItem{kind: legendLine, label: "Firm", line: lineStyle{color: colInk, width: strengthWidth[graph.Firm]}},
		legendItem{kind: legendLine, label: "Red line", line: lineStyle{color: colInk, width: strengthWidth[graph.RedLine], bar: true}},
	)
	if excludes {
		items = append(items, legendItem{kind: legendLine, label: "Cannot be agreed together", line: excludesLine})
	}
	return items
}

// relationLines are the legend lines of net agreement between parties.
func relationLines() []legendItem {
	line := func(pos graph.Position) lineStyle {
		st := positionLine(pos, graph.Firm)
		st.width = 2.5
		return st
	}
	return []legendItem{
		{kind: legendLine, label: "Agree more than clash", line: line(graph.Support)},
		{kind: legendLine, label: "Clash more than agree", line: line(graph.Oppose)},
		{kind: legendLine, label: "Agree and clash alike", line: line(graph.Neutral)},
		{kind: legendText, label: "Width: demands both have a stance on"},
		{kind: legendText, label: "Label: agreements − clashes"},
	}
}

// relationLegend is the parties view's legend: the blocs (as clusters, or
// by their colours when named in blocNames), the lines, and what a line's
// label or tooltip says.
func relationLegend(blocs bool, blocNames []string, labelled bool, o graph.Objective) []legendItem {
	line := func(pos graph.Position) lineStyle {
		st := positionLine(pos, graph.Firm)
		st.width = 2.5
		return st
	}
	label := "agreements − clashes"
	if o == graph.ObjectiveCentred {
		label = "agreements − clashes beyond chance"
	}
	if labelled {
		label = "Label: " + label
	} else {
		label = "Tooltip: " + label
	}
	items := []legendItem{{kind: legendParty, label: "Party"}}
	for b, n := range blocNames {
		items = append(items, legendItem{kind: legendParty, label: n, fill: blocTint(b)})
	}
	items = append(items,
		legendItem{kind: legendLine, label: "Allies (positive weight)", line: line(graph.Support)},
		legendItem{kind: legendLine, label: "Adversaries (negative weight)", line: line(graph.Oppose)},
		legendItem{kind: legendLine, label: "Neither (weight 0)", line: line(graph.Neutral)},
		legendItem{kind: legendText, label: "Width: demands both have a stance on"},
		legendItem{kind: legendText, label: label},
	)
	if blocs {
		items = append(items, legendItem{kind: legendCluster, label: "Bloc, its parties in its colour"})
	}
	return items
}

// Legend geometry, in points.
const (
	legendPad    = 10
	legendRow    = 20
	legendSample = 44
	legendFont   = 10
	legendTitle  = 12
)

// legendDrawing lays out a legend titled "Legend" with its top left corner
// at (0, 0).
func legendDrawing(items []legendItem, fm *fontMetrics) drawing {
	var d drawing
	textW := fm.width("Legend", legendTitle, true)
	for _, it := range items {
		w := fm.width(it.label, legendFont, false)
		if it.kind == legendText {
			w -= legendSample + 6
		}
		textW = max(textW, w)
	}
	d.w = legendPad*2 + legendSample + 6 + textW
	d.h = legendPad*2 + legendTitle + 6 + float64(len(items))*legendRow
	ink := rgb(colInk)
	d.add(shape{kind: polygon, pts: []pt{{0, 0}, {d.w, 0}, {d.w, d.h}, {0, d.h}}, fill: rgb("#FFFFFF"), stroke: rgb(colFrame), width: 1})
	d.add(shape{kind: text, pts: []pt{{legendPad, legendPad + legendTitle}}, text: "Legend", size: legendTitle, bold: true, anchor: 'l', fill: ink})
	y := legendPad + legendTitle + 6.0
	for _, it := range items {
		cy := y + legendRow/2
		x0, x1 := float64(legendPad), float64(legendPad+legendSample)
		switch it.kind {
		case legendLine:
			d.shapes = append(d.shapes, lineSample(it.line, x0, x1, cy)...)
		case legendParty, legendFocus:
			fill := colParty
			if it.fill != "" {
				fill = it.fill
			}
			if it.kind == legendFocus {
				fill = colFocus
			}
			d.add(shape{kind: ellipse, pts: []pt{{(x0 + x1) / 2, cy}, {legendSample / 2, 7}}, fill: rgb(fill), stroke: ink, width: 1.5})
		case legendDemand:
			d.add(shape{kind: polygon, pts: []pt{{x0, cy - 7}, {x1, cy - 7}, {x1, cy + 7}, {x0, cy + 7}}, fill: rgb("#FFFFFF"), stroke: ink, width: 1})
		case legendCluster:
			d.add(shape{kind: polygon, pts: []pt{{x0, cy - 7}, {x1, cy - 7}, {x1, cy + 7}, {x0, cy + 7}}, stroke: rgb(colBloc), width: 1.5, dash: dashed})
		case legendMarker:
			d.add(markerShape(it.bloc, (x0+x1)/2, cy, spaceMarker+1))
		case legendCell:
			cx, cy0 := x0+legendSample/2-cellSize/2, cy-cellSize/2
			d.shapes = append(d.shapes, cellShapes(it.cell, cx, cy0, "")...)
			d.add(shape{kind: polygon, pts: []pt{{cx, cy0}, {cx + cellSize, cy0}, {cx + cellSize, cy0 + cellSize}, {cx, cy0 + cellSize}},
				stroke: rgb("#D0D0D0"), width: 0.5})
		}
		tx := x1 + 6
		if it.kind == legendText {
			tx = x0
		}
		d.add(shape{kind: text, pts: []pt{{tx, cy + legendFont*0.35}}, text: it.label, size: legendFont, anchor: 'l', fill: ink})
		y += legendRow
	}
	return d
}

// lineSample draws a line style from x0 to x1 at height y, as an edge of
// the picture would be drawn.
func lineSample(st lineStyle, x0, x1, y float64) []shape {
	c := rgb(st.color)
	var out []shape
	if st.double {
		for _, dy := range []float64{-st.width, st.width} {
			out = append(out, shape{kind: polyline, pts: []pt{{x0, y + dy}, {x1, y + dy}}, stroke: c, width: st.width, dash: st.dash})
		}
		return out
	}
	if st.halo != "" {
		for _, dy := range []float64{-st.width, st.width} {
			out = append(out, shape{kind: polyline, pts: []pt{{x0, y + dy}, {x1, y + dy}}, stroke: rgb(st.halo), width: st.width, dash: st.dash})
		}
	}
	out = append(out, shape{kind: polyline, pts: []pt{{x0, y}, {x1, y}}, stroke: c, width: st.width, dash: st.dash})
	if st.bar {
		out = append(out, shape{kind: polyline, pts: []pt{{x1 - 1, y - 7}, {x1 - 1, y + 7}}, stroke: c, width: st.width})
	}
	return out
}
