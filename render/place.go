package render

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/parley/parley/graph"
)

// Big parties views are not laid out by Graphviz's force models, which
// take tens of seconds at 200 parties and scatter blocs across the page:
// the parties are placed where the position map puts them (graph.
// MapPositions, the space view's axes), so that parties that vote alike —
// and so the blocs — sit together, then pushed apart until no two nodes
// overlap, and pinned for Graphviz, which only draws the lines.

// nodeSize estimates the size of a party node in points, as Graphviz draws
// an ellipse around its label at 11 points.
func nodeSize(label string) (w, h float64) {
	lines := strings.Split(label, "\n")
	longest := 0
	for _, l := range lines {
		longest = max(longest, utf8.RuneCountInString(l))
	}
	// Bold 11-point text is about 6.6 points a letter; the ellipse around a
	// text box is √2 times as wide and tall.
	w = (float64(longest)*6.6 + 18) * 1.25
	h = (float64(len(lines))*13.5 + 8) * 1.35
	return w, h
}

// pinParties places the party nodes of s from the position map of m:
// placed parties at their two coordinates, scaled to a canvas that grows
// with their number and spread until no nodes overlap; the others in rows
// below. Cost O(I·P²) for I spreading rounds (at most 400).
func pinParties(m *graph.Model, s *scene) {
	pm := graph.MapPositions(m, graph.PositionOptions{Dimensions: 2})
	n := len(s.nodes)
	type item struct {
		x, y, w, h float64
	}
	items := make([]item, n)
	canvas := max(700, math.Sqrt(float64(n))*95)
	var unplaced []int
	for i, p := range pm.Parties {
		items[i].w, items[i].h = nodeSize(s.nodes[i].label)
		if p.Coords == nil {
			unplaced = append(unplaced, i)
			continue
		}
		items[i].x = p.Coords[0] * canvas / 2
		items[i].y = -p.Coords[1] * canvas * 0.35 // y grows downwards
	}
	placed := make([]int, 0, n)
	for i, p := range pm.Parties {
		if p.Coords != nil {
			placed = append(placed, i)
		}
	}
	// Spread: push every overlapping pair apart along the axis they
	// overlap least on, half each way, until nothing overlaps. Pairs are
	// visited in index order, so the result is the same every run.
	const gap = 6.0
	for round := 0; round < 400; round++ {
		moved := false
		for a := 0; a < len(placed); a++ {
			for b := a + 1; b < len(placed); b++ {
				p, q := &items[placed[a]], &items[placed[b]]
				dx := (p.w+q.w)/2 + gap - math.Abs(p.x-q.x)
				dy := (p.h+q.h)/2 + gap - math.Abs(p.y-q.y)
				if dx <= 0 || dy <= 0 {
					continue
				}
				moved = true
				if dx < dy {
					sx := 1.0
					if p.x < q.x || p.x == q.x && a < b {
						sx = -1
					}
					p.x += sx * dx / 2
					q.x -= sx * dx / 2
				} else {
					sy := 1.0
					if p.y < q.y || p.y == q.y && a < b {
						sy = -1
					}
					p.y += sy * dy / 2
					q.y -= sy * dy / 2
				}
			}
		}
		if !moved {
			break
		}
	}
	// The unplaced in rows under the map, by id.
	bottom, left, right := 0.0, math.Inf(1), math.Inf(-1)
	for _, i := range placed {
		bottom = max(bottom, items[i].y+items[i].h/2)
		left, right = min(left, items[i].x-items[i].w/2), max(right, items[i].x+items[i].w/2)
	}
	if len(placed) == 0 {
		left, right = 0, canvas
	}
	slices.SortStableFunc(unplaced, func(a, b int) int { return cmp.Compare(s.nodes[a].id, s.nodes[b].id) })
	x, y := left, bottom+60
	rowH := 0.0
	for _, i := range unplaced {
		it := &items[i]
		if x+it.w > right && x > left {
			x, y = left, y+rowH+gap
			rowH = 0
		}
		it.x, it.y = x+it.w/2, y+it.h/2
		x += it.w + gap
		rowH = max(rowH, it.h)
	}
	for i := range s.nodes {
		// Graphviz reads pos in inches, y growing upwards; "!" pins it.
		s.nodes[i].pos = fmt.Sprintf("%s,%s!", num(items[i].x/72), num(-items[i].y/72))
	}
	s.pinned = true
	if len(unplaced) > 0 {
		s.notes = append(s.notes, fmt.Sprintf("%d %s with too few stances to be placed below", len(unplaced),
			plural(len(unplaced), "party", "parties")))
	}
	s.notes = append(s.notes, "Parties placed by the position map (parley positions), so that those who vote alike sit together")
}
