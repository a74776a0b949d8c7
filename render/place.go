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
// below. Cost O(I·P) for I spreading rounds (at most 400) over parties
// spread across the page, O(I·P²) when all sit on one spot.
func pinParties(m *graph.Model, s *scene) {
	pm := graph.MapPositions(m, graph.PositionOptions{Dimensions: 2})
	n := len(s.nodes)
	type item nodeBox
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
	const gap = 6.0
	boxes := make([]nodeBox, len(placed))
	for k, i := range placed {
		boxes[k] = nodeBox(items[i])
	}
	settle(boxes, gap)
	for k, i := range placed {
		items[i] = item(boxes[k])
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

// nodeBox is a node's centre and size.
type nodeBox struct{ x, y, w, h float64 }

// settleRounds is how many rounds of spread settle tries before it gives
// the boxes more room.
const settleRounds = 60

// settle moves the boxes until no two overlap: spread, and when a crowd
// does not come apart in settleRounds rounds, every box moved a fifth
// further from the boxes' centre, which keeps the map's shape and makes
// room, and spread again. A crowd too dense for local pushes (500 parties
// packed at 70% of the page) otherwise jostles for ever and keeps its
// overlaps. Deterministic.
func settle(b []nodeBox, gap float64) {
	for !spread(b, gap, settleRounds) {
		var cx, cy float64
		for _, p := range b {
			cx, cy = cx+p.x, cy+p.y
		}
		cx, cy = cx/float64(len(b)), cy/float64(len(b))
		for i := range b {
			b[i].x = cx + (b[i].x-cx)*1.2
			b[i].y = cy + (b[i].y-cy)*1.2
		}
	}
}

// spread pushes every overlapping pair of boxes apart along the axis they
// overlap least on, half each way, for at most rounds rounds, and reports
// whether nothing overlaps any more. Pairs are visited in index order, so
// the result is the same every run.
//
// Only pairs that overlap move anything, so a round looks at each box's
// neighbours alone: the boxes sit in a grid of cells as large as the
// largest box plus the gap, and two boxes that overlap are in the same or
// adjacent cells. The overlapping pairs are met in the same order, and
// moved by the same sums, as by trying every pair: O(P) a round for boxes
// spread over the page instead of O(P²) (500 parties, 400 rounds: 35 ms
// instead of 150).
func spread(b []nodeBox, gap float64, rounds int) bool {
	if len(b) < 2 {
		return true
	}
	var cw, ch float64
	for _, p := range b {
		cw, ch = max(cw, p.w), max(ch, p.h)
	}
	cw, ch = cw+gap, ch+gap
	// The cells hash into a fixed table: cells far apart may share a slot,
	// which only adds boxes to look at, never hides one.
	const slots = 64
	cellOf := func(p nodeBox) int {
		cx, cy := int(math.Floor(p.x/cw)), int(math.Floor(p.y/ch))
		return ((cx%slots+slots)%slots)*slots + (cy%slots+slots)%slots
	}
	var grid [slots * slots][]int
	cells := make([]int, len(b))
	for i, p := range b {
		cells[i] = cellOf(p)
		grid[cells[i]] = append(grid[cells[i]], i)
	}
	move := func(i int) {
		c := cellOf(b[i])
		if c == cells[i] {
			return
		}
		old := grid[cells[i]]
		j := slices.Index(old, i)
		old[j] = old[len(old)-1]
		grid[cells[i]] = old[:len(old)-1]
		grid[c] = append(grid[c], i)
		cells[i] = c
	}
	// around returns the boxes past index from in the cells around box a,
	// in no order: those box a can overlap (and maybe a few more).
	var near []int
	var slot [9]int
	around := func(a, from int) []int {
		near = near[:0]
		c := cells[a]
		cx, cy := c/slots, c%slots
		n := 0
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				s := ((cx+dx+slots)%slots)*slots + (cy+dy+slots)%slots
				if !slices.Contains(slot[:n], s) {
					slot[n] = s
					n++
				}
			}
		}
		for _, s := range slot[:n] {
			for _, i := range grid[s] {
				if i > from {
					near = append(near, i)
				}
			}
		}
		return near
	}
	// after is around in index order.
	after := func(a, from int) []int {
		near := around(a, from)
		slices.Sort(near)
		return near
	}
	overlaps := func(p, q *nodeBox) bool {
		return (p.w+q.w)/2+gap-math.Abs(p.x-q.x) > 0 && (p.h+q.h)/2+gap-math.Abs(p.y-q.y) > 0
	}
	for range rounds {
		moved := false
		for a := range b {
			// Box a moves, and so do the others, only when it overlaps one
			// of them: when it overlaps none, the pass over them in order
			// would do nothing.
			cand := around(a, a)
			if !slices.ContainsFunc(cand, func(i int) bool { return overlaps(&b[a], &b[i]) }) {
				continue
			}
			slices.Sort(cand)
			for k := 0; k < len(cand); k++ {
				bi := cand[k]
				p, q := &b[a], &b[bi]
				dx := (p.w+q.w)/2 + gap - math.Abs(p.x-q.x)
				dy := (p.h+q.h)/2 + gap - math.Abs(p.y-q.y)
				if dx <= 0 || dy <= 0 {
					continue
				}
				moved = true
				if dx < dy {
					sx := 1.0
					if p.x < q.x || p.x == q.x && a < bi {
						sx = -1
					}
					p.x += sx * dx / 2
					q.x -= sx * dx / 2
				} else {
					sy := 1.0
					if p.y < q.y || p.y == q.y && a < bi {
						sy = -1
					}
					p.y += sy * dy / 2
					q.y -= sy * dy / 2
				}
				was := cells[a]
				move(a)
				move(bi)
				if cells[a] != was {
					// Box a changed cells: its neighbours past bi are
					// looked up again. Otherwise they are the same boxes
					// (only box bi, already passed, moved besides).
					cand = after(a, bi)
					k = -1
				}
			}
		}
		if !moved {
			return true
		}
	}
	return false
}
