package render

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/parley/parley/graph"
)

// spatialModel is n parties at random points of a plane voting on d
// demands by their side of a random line, a fifth of the stances missing,
// with names as long as real ones; the parties' first coordinate splits
// them into two blocs.
func spatialModel(t testing.TB, n, d int) (*graph.Model, [][]string) {
	t.Helper()
	rng := rand.New(rand.NewPCG(uint64(n), uint64(d)))
	b := graph.NewBuilder()
	b.SetMeta(graph.Meta{Title: fmt.Sprintf("%d parties in a plane", n)})
	xs := make([][2]float64, n)
	var blocs [][]string = [][]string{{}, {}}
	for p := range n {
		xs[p] = [2]float64{rng.NormFloat64(), rng.NormFloat64() * 0.6}
		id := fmt.Sprintf("p%03d", p)
		b.AddParty(graph.Party{ID: id, Name: fmt.Sprintf("Republic of Party %d", p)})
		if xs[p][0] < 0 {
			blocs[0] = append(blocs[0], id)
		} else {
			blocs[1] = append(blocs[1], id)
		}
	}
	for k := range d {
		b.AddDemand(graph.Demand{ID: fmt.Sprintf("d%03d", k), Name: fmt.Sprintf("Resolution %d on the matter of the day", k)})
		a := rng.Float64() * 2 * math.Pi
		cut := rng.NormFloat64() * 0.5
		for p := range n {
			if rng.IntN(5) == 0 {
				continue
			}
			pos := graph.Oppose
			if math.Cos(a)*xs[p][0]+math.Sin(a)*xs[p][1]+rng.NormFloat64()*0.3 > cut {
				pos = graph.Support
			}
			b.AddStance(fmt.Sprintf("p%03d", p), fmt.Sprintf("d%03d", k), graph.Entry{Position: pos, Strength: graph.Firm})
		}
	}
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return m, blocs
}

// labelBoxes returns the boxes of the party labels of a space drawing and
// of its markers, as the painter draws them.
func labelBoxes(d drawing, fm *fontMetrics) (labels, marks []box, texts []string) {
	for _, s := range d.shapes {
		switch {
		case s.kind == text && s.size == spaceFont && !s.vertical && s.title != "" && !strings.HasPrefix(s.title, "Parties "):
			w := fm.width(s.text, s.size, false)
			x := s.pts[0].x
			switch s.anchor {
			case 'c':
				x -= w / 2
			case 'r':
				x -= w
			}
			// The baseline sits 0.35 of the size below the box's middle,
			// or at 0.85 of it below the top; the box is the font size tall.
			labels = append(labels, box{x, s.pts[0].y - 0.85*s.size, x + w, s.pts[0].y + 0.15*s.size})
			texts = append(texts, s.text)
		case s.title != "" && s.kind != text:
			c := s.pts[0]
			if s.kind != ellipse {
				c = pt{}
				for _, q := range s.pts {
					c.x += q.x / float64(len(s.pts))
					c.y += q.y / float64(len(s.pts))
				}
			}
			marks = append(marks, box{c.x - spaceMarker, c.y - spaceMarker, c.x + spaceMarker, c.y + spaceMarker})
		}
	}
	return
}

func TestSpaceLabelsNeverOverlap(t *testing.T) {
	fm := newFontMetrics()
	for _, n := range []int{5, 40, 200} {
		m, blocs := spatialModel(t, n, 60)
		sp, err := newSpace(m, Options{View: "space", Blocs: blocs})
		if err != nil {
			t.Fatal(err)
		}
		d := sp.drawing(fm)
		labels, marks, texts := labelBoxes(d, fm)
		if len(marks) != sp.pm.Placed || sp.pm.Placed != n {
			t.Fatalf("%d parties: %d markers, %d placed", n, len(marks), sp.pm.Placed)
		}
		for i := range labels {
			for j := range labels {
				if i < j && shrink(labels[i]).overlaps(shrink(labels[j])) {
					t.Errorf("%d parties: labels %q and %q overlap", n, texts[i], texts[j])
				}
			}
			for j := range marks {
				if shrink(labels[i]).overlaps(marks[j]) {
					t.Errorf("%d parties: label %q overlaps a point", n, texts[i])
				}
			}
		}
		// Small pictures label every point; big ones as many as fit.
		t.Logf("%d parties: %d labelled", n, len(labels))
		if n <= 5 && len(labels) != n || len(labels) < min(n, 100)*3/4 {
			t.Errorf("%d parties: only %d labelled", n, len(labels))
		}
	}
}

// shrink takes the rounding of the painter's text measures off a box.
func shrink(b box) box { return box{b.x0 + 0.5, b.y0 + 0.5, b.x1 - 0.5, b.y1 - 0.5} }

func TestSpacePicture(t *testing.T) {
	if testing.Short() {
		t.Skip("fits and paints 200 parties; the fit's workers are tested in graph")
	}
	m, blocs := spatialModel(t, 200, 80)
	p, err := New(m, Options{View: "space", Blocs: blocs})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Drawn() || p.IsMatrix() {
		t.Error("the space view is not drawn by parley")
	}
	var svg bytes.Buffer
	if err := p.WriteSVG(context.Background(), nil, &svg); err != nil {
		t.Fatal(err)
	}
	s := svg.String()
	if !strings.Contains(s, `<g id="space" class="space">`) {
		t.Error("the SVG has no space group")
	}
	for _, want := range []string{"Where the parties stand", "Axis 1 · ", "Axis 2 · ", "of the variance",
		"Bloc 1: ", "Bloc 2: ", "Legend", "Republic of Party 7 (p007)\naxis 1"} {
		if !strings.Contains(s, xmlText(want)) {
			t.Errorf("the SVG has no %q", want)
		}
	}
	var img bytes.Buffer
	if err := p.WritePNG(context.Background(), nil, &img); err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(&img); err != nil {
		t.Fatal(err)
	}
	if err := p.WriteDOT(&bytes.Buffer{}); err == nil {
		t.Error("the space view wrote DOT")
	}
	if _, err := New(m, Options{View: "space", Layout: "dot"}); err == nil {
		t.Error("the space view took a layout")
	}
	if _, err := New(m, Options{View: "space", Anchor: "nobody"}); err == nil {
		t.Error("an unknown anchor was taken")
	}
}

// TestSpaceHooks: each placed party's point and label are one group marked
// with the party, as the graph views' nodes are, so the explorer selects it
// with one click and reaches it with one Tab; nothing else is marked.
func TestSpaceHooks(t *testing.T) {
	m, blocs := spatialModel(t, 40, 60)
	p, err := New(m, Options{View: "space", Blocs: blocs})
	if err != nil {
		t.Fatal(err)
	}
	var svg bytes.Buffer
	if err := p.WriteSVG(context.Background(), nil, &svg); err != nil {
		t.Fatal(err)
	}
	type group struct{ marks, labels int }
	groups := map[string]*group{}
	var order []string
	var stack []string // the party of each open element, "" outside a group
	labelled := 0
	d := xml.NewDecoder(&svg)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			party := ""
			if len(stack) > 0 {
				party = stack[len(stack)-1]
			}
			attr := map[string]string{}
			for _, a := range x.Attr {
				attr[a.Name.Local] = a.Value
			}
			if id, ok := attr["data-party"]; ok {
				if party != "" || attr["class"] != "node" || x.Name.Local != "g" {
					t.Errorf("%s data-party=%q with class %q inside %q", x.Name.Local, id, attr["class"], party)
				}
				if groups[id] != nil {
					t.Errorf("party %s has two groups", id)
				} else {
					groups[id] = &group{}
					order = append(order, id)
				}
				party = id
			} else if attr["data-demand"] != "" || attr["class"] == "edge" {
				t.Errorf("the space view marks a %s %v", x.Name.Local, attr)
			}
			if party != "" && len(stack) > 0 && stack[len(stack)-1] == party {
				switch x.Name.Local {
				case "ellipse", "polygon", "rect":
					groups[party].marks++
				case "text":
					groups[party].labels++
				}
			}
			stack = append(stack, party)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	pm, _ := p.Positions()
	placed := 0
	for _, pp := range pm.Parties {
		if pp.Coords == nil {
			continue
		}
		placed++
		id := m.Parties()[pp.Party].ID
		g := groups[id]
		if g == nil {
			t.Errorf("placed party %s has no group", id)
			continue
		}
		if g.marks != 1 || g.labels > 1 {
			t.Errorf("party %s's group has %d points and %d labels, want one point and at most one label", id, g.marks, g.labels)
		}
		labelled += g.labels
	}
	if len(groups) != placed {
		t.Errorf("%d party groups for %d placed parties: %v", len(groups), placed, order)
	}
	sp, err := newSpace(m, Options{View: "space", Blocs: blocs})
	if err != nil {
		t.Fatal(err)
	}
	if labels, _, _ := labelBoxes(sp.drawing(newFontMetrics()), newFontMetrics()); labelled != len(labels) || labelled == 0 {
		t.Errorf("%d labels are in their party's group, of %d drawn", labelled, len(labels))
	}
}

// TestSpaceAnchor: the anchor party sits on the positive side of both axes.
func TestSpaceAnchor(t *testing.T) {
	m, _ := spatialModel(t, 30, 60)
	for _, id := range []string{"p003", "p017"} {
		p, err := New(m, Options{View: "space", Anchor: id})
		if err != nil {
			t.Fatal(err)
		}
		pm, ok := p.Positions()
		if !ok {
			t.Fatal("no positions")
		}
		i, _ := m.PartyIndex(id)
		for a, c := range pm.Parties[i].Coords {
			if c < 0 {
				t.Errorf("anchor %s on axis %d at %v", id, a+1, c)
			}
		}
	}
}
