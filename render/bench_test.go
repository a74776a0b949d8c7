package render_test

import (
	"context"
	"io"
	"testing"

	"github.com/parley/parley/render"
)

// go test ./render -run '^$' -bench . -benchtime 20x

func BenchmarkWriteDOT(b *testing.B) {
	for _, tc := range []struct {
		name string
		p, d int
	}{{"riyadh", 0, 0}, {"50x100", 50, 100}} {
		b.Run(tc.name, func(b *testing.B) {
			m := embedded(b)
			if tc.p > 0 {
				m = bigModel(b, tc.p, tc.d)
			}
			p, err := render.New(m, render.Options{})
			if err != nil {
				b.Fatal(err)
			}
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
	for _, tc := range []struct {
		name string
		p, d int
	}{{"riyadh", 0, 0}, {"400x30", 400, 30}} {
		b.Run(tc.name, func(b *testing.B) {
			m := embedded(b)
			if tc.p > 0 {
				m = bigModel(b, tc.p, tc.d)
			}
			p, err := render.New(m, render.Options{})
			if err != nil {
				b.Fatal(err)
			}
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
