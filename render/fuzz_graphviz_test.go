//go:build unix && !race

package render_test

import (
	"bytes"
	"context"
	"sync"
	"testing"

	graphviz "github.com/goccy/go-graphviz"

	"github.com/parley/parley/render"
	"github.com/parley/parley/render/engine"
)

// The fuzz targets that run Graphviz in this process. The race detector's
// pass leaves them out: they run one layout at a time behind a lock, and
// building Graphviz's WebAssembly runtime with the detector's
// instrumentation for them alone costs a quarter of that pass's build.
// The plain pass runs them.

// FuzzWriteDOT: the DOT of every view parses back in Graphviz.
func FuzzWriteDOT(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, name, quote, url, title string) {
		if !validText(name, quote, url, title) {
			return
		}
		m := fuzzModel(t, name, quote, url, title)
		for _, v := range fuzzViews {
			pic, err := render.New(m, render.Options{View: v})
			if err != nil {
				t.Fatal(err)
			}
			var dot bytes.Buffer
			if err := pic.WriteDOT(&dot); err != nil {
				t.Fatal(err)
			}
			g, err := graphviz.ParseBytes(dot.Bytes())
			if err != nil {
				t.Fatalf("view %s: Graphviz cannot parse the DOT: %v\n%s", v, err, dot.String())
			}
			g.Close()
		}
	})
}

// inProcess lays out with go-graphviz in this process, one at a time.
type inProcess struct{ mu *sync.Mutex }

func (l inProcess) Run(ctx context.Context, dot []byte, layout, format string) ([]byte, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out bytes.Buffer
	err := engine.Render(ctx, dot, layout, format, &out)
	return out.Bytes(), err
}

// FuzzWriteSVG: the SVG of the map and the matrix is well-formed XML with
// no script, no event attribute and no link but http(s).
func FuzzWriteSVG(f *testing.F) {
	addSeeds(f)
	lay := inProcess{&sync.Mutex{}}
	f.Fuzz(func(t *testing.T, name, quote, url, title string) {
		if !validText(name, quote, url, title) {
			return
		}
		m := fuzzModel(t, name, quote, url, title)
		for _, v := range []string{"map", "matrix"} {
			pic, err := render.New(m, render.Options{View: v})
			if err != nil {
				t.Fatal(err)
			}
			var svg bytes.Buffer
			if err := pic.WriteSVG(context.Background(), lay, &svg); err != nil {
				t.Fatalf("view %s: %v", v, err)
			}
			if err := render.CheckSVG(svg.Bytes()); err != nil {
				t.Fatalf("view %s: %v", v, err)
			}
		}
	})
}
