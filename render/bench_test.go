package render_test

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/parley/parley/data"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/internal/synth"
	"github.com/parley/parley/render"
)

// go test ./render -run '^$' -bench . -benchtime 20x

// benchSize is a scenario to measure on: the embedded one (p = 0) or p
// generated parties × d demands.
type benchSize struct {
	name string
	p, d int
}

// mapOf is the map view of the scenario of that size.
func (z benchSize) mapOf(b *testing.B) *render.Picture {
	b.Helper()
	var m *graph.Model
	if z.p > 0 {
		m = bigModel(b, z.p, z.d)
	} else {
		m = embedded(b)
	}
	p, err := render.New(m, render.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return p
}

func BenchmarkWriteDOT(b *testing.B) {
	for _, tc := range []benchSize{{"riyadh", 0, 0}, {"50x100", 50, 100}} {
		b.Run(tc.name, func(b *testing.B) {
			p := tc.mapOf(b)
			b.ReportAllocs()
			for b.Loop() {
				if err := p.WriteDOT(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPaintPNG paints and encodes the map of the embedded scenario
// and of 400 parties × 30 demands (12,000 lines across a picture of 60
// million pixels), from a layout made once.
func BenchmarkPaintPNG(b *testing.B) {
	for _, tc := range []benchSize{{"riyadh", 0, 0}, {"400x30", 400, 30}} {
		b.Run(tc.name, func(b *testing.B) {
			p := tc.mapOf(b)
			layout, err := testEngine(b).Run(context.Background(), render.DOTForTest(p), "dot", "json")
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := render.PaintLayoutForTest(p, layout, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRender is parley render -o map.svg and -o map.png less the
// process start: the engine child, the layout and the framing.
func BenchmarkRender(b *testing.B) {
	p, err := render.New(embedded(b), render.Options{})
	if err != nil {
		b.Fatal(err)
	}
	eng := testEngine(b)
	if err := p.WriteSVG(context.Background(), eng, io.Discard); err != nil { // warm the cache
		b.Fatal(err)
	}
	b.Run("svg", func(b *testing.B) {
		for b.Loop() {
			if err := p.WriteSVG(context.Background(), eng, io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("png", func(b *testing.B) {
		for b.Loop() {
			if err := p.WritePNG(context.Background(), eng, io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkMatrixSVG(b *testing.B) {
	p, err := render.New(bigModel(b, 200, 6202), render.Options{View: "matrix"})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := p.WriteSVG(context.Background(), nil, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// tableModel is a generated table of the scale goals, as parley loads what
// go run ./internal/cmd/gentable -parties N -demands 300 writes (loading
// sorts parties and demands by id, which the position map's fit is
// sensitive to).
func tableModel(b *testing.B, parties int) *graph.Model {
	c := synth.UN()
	c.Parties, c.Demands = parties, 300
	var table bytes.Buffer
	if _, err := synth.WriteTable(&table, c); err != nil {
		b.Fatal(err)
	}
	l, err := data.Load("t.csv", &table, data.Options{CSV: data.CSVOptions{StanceColumn: "vote"}})
	if err != nil {
		b.Fatal(err)
	}
	return l.Model
}

// BenchmarkPartiesView is parley render --view parties --format dot less
// loading — the blocs (render.BlocsOf, as parley coalitions finds them),
// the picture and the DOT — at 500 and 2,000 parties (the DOT goal is
// 100 ms at 500; B/op shows the memory the pairs take), and at 500 with
// --no-blocs.
func BenchmarkPartiesView(b *testing.B) {
	for _, tc := range []struct {
		name    string
		parties int
		blocs   bool
	}{{"500", 500, true}, {"500-no-blocs", 500, false}, {"2000", 2000, true}} {
		b.Run(tc.name, func(b *testing.B) {
			m := tableModel(b, tc.parties)
			b.ReportAllocs()
			for b.Loop() {
				opts := render.Options{View: "parties"}
				if tc.blocs {
					opts.Blocs = render.BlocsOf(m)
				}
				p, err := render.New(m, opts)
				if err != nil {
					b.Fatal(err)
				}
				if err := p.WriteDOT(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
