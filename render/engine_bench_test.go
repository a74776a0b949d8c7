//go:build unix

package render_test

// Benchmarks of the pictures' speed: parley's own work around a layout,
// the engines side by side, and the 500-party parties view. Run with
//
//	go test ./render -run '^$' -bench 'Picture|Engines|Parties' -benchtime 20x
//
// scripts/compare-graphviz.sh times the whole commands against native
// Graphviz.

import (
	"context"
	"io"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render"
)

// BenchmarkPictureSVG is what parley does for render -o map.svg around the
// engine: the DOT, reading and checking Graphviz's SVG, the frame and the
// legend.
func BenchmarkPictureSVG(b *testing.B) {
	p, err := render.New(embedded(b), render.Options{})
	if err != nil {
		b.Fatal(err)
	}
	svg, err := testEngine(b).Run(context.Background(), render.DOTForTest(p), "dot", "svg")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := p.WriteSVG(context.Background(), fixedLayout(svg), io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// childCPU is the CPU time (user and system) of the finished child
// processes of the test: a figure the load of a shared machine distorts
// less than wall-clock time.
func childCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

type closingLayouter interface {
	render.Layouter
	Close() error
}

// benchEngine lays dot out with eng b.N times (after one run that warms
// caches) and reports the engine processes' CPU time per layout; a
// persistent engine's is counted when it is closed.
func benchEngine(b *testing.B, eng closingLayouter, dot []byte, layout string) {
	if _, err := eng.Run(context.Background(), dot, layout, "svg"); err != nil {
		b.Fatal(err)
	}
	cpu := childCPU()
	n := 0
	for b.Loop() {
		if _, err := eng.Run(context.Background(), dot, layout, "svg"); err != nil {
			b.Fatal(err)
		}
		n++
	}
	eng.Close()
	b.ReportMetric(float64(childCPU()-cpu)/float64(max(n, 1))/1e6, "engine-CPU-ms/op")
}

// engines are the engines to compare: the embedded one started for each
// drawing (as parley render does) and kept running (as parley serve does),
// and native Graphviz as installed and with parley's trimmed plugins,
// where it is installed.
func engines(b *testing.B) []struct {
	name string
	eng  closingLayouter
} {
	out := []struct {
		name string
		eng  closingLayouter
	}{
		{"embedded", testEngine(b)},
		{"embedded-persistent", &render.Engine{Path: enginePath, CacheDir: cacheDir, Persistent: true}},
	}
	if path, err := exec.LookPath("dot"); err == nil {
		out = append(out, struct {
			name string
			eng  closingLayouter
		}{"native", &render.Native{Path: path}}, struct {
			name string
			eng  closingLayouter
		}{"native-trimmed", &render.Native{Path: path, CacheDir: b.TempDir()}})
	}
	return out
}

// BenchmarkEngines lays out the embedded map with each engine.
func BenchmarkEngines(b *testing.B) {
	p, err := render.New(embedded(b), render.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range engines(b) {
		b.Run(e.name, func(b *testing.B) { benchEngine(b, e.eng, render.DOTForTest(p), p.Layout()) })
	}
}

// partiesModel is the generated 500-party table of the scale goals
// (tableModel).
func partiesModel(b *testing.B) *graph.Model { return tableModel(b, 500) }

// BenchmarkPartiesDOT is render --view parties --format dot on 500
// parties, in its parts: the blocs (graph.Coalitions), the rest of the
// picture given the blocs (the pair weights, the position map, placing and
// the strongest relations), writing the DOT; and all of it, as parley
// runs it, with and without --no-blocs.
func BenchmarkPartiesDOT(b *testing.B) {
	m := partiesModel(b)
	opts := render.Options{View: "parties"}
	blocs := render.BlocsOf(m)
	b.Run("blocs", func(b *testing.B) {
		for b.Loop() {
			render.BlocsOf(m)
		}
	})
	b.Run("picture", func(b *testing.B) {
		for b.Loop() {
			if _, err := render.New(m, render.Options{View: "parties", Blocs: blocs}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("write", func(b *testing.B) {
		p, err := render.New(m, render.Options{View: "parties", Blocs: blocs})
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if err := p.WriteDOT(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, noBlocs := range []bool{false, true} {
		name := "all"
		if noBlocs {
			name = "all-no-blocs"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				o := opts
				if !noBlocs && render.UsesBlocs(m, o) {
					o.Blocs = render.BlocsOf(m)
				}
				p, err := render.New(m, o)
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

// BenchmarkPartiesLayout lays out the 500-party parties view with its own
// layout (neato, the parties pinned where the position map puts them), with
// each engine.
func BenchmarkPartiesLayout(b *testing.B) {
	m := partiesModel(b)
	p, err := render.New(m, render.Options{View: "parties", Blocs: render.BlocsOf(m)})
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range engines(b) {
		b.Run(e.name, func(b *testing.B) { benchEngine(b, e.eng, render.DOTForTest(p), p.Layout()) })
	}
}
