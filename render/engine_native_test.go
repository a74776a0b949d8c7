package render_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render"
)

// nativeDot returns native Graphviz's dot, or skips the test: native
// Graphviz is optional, and CI has none.
func nativeDot(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("native Graphviz is not installed (no dot on PATH): apt-get install graphviz to test the native engine")
	}
	return p
}

// geometry are the SVG attributes that hold positions and sizes, which
// differ between Graphviz versions and font measurements.
var geometry = []string{"x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "rx", "ry", "width", "height",
	"viewBox", "points", "d", "transform"}

// svgContent is an SVG without its geometry: every element with its
// other attributes, and every text, in document order.
func svgContent(t *testing.T, svg []byte) []string {
	t.Helper()
	var out []string
	d := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("reading the SVG: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			var as []string
			for _, a := range tok.Attr {
				if !slices.Contains(geometry, a.Name.Local) {
					as = append(as, a.Name.Local+"="+a.Value)
				}
			}
			out = append(out, "<"+tok.Name.Local+" "+strings.Join(as, " "))
		case xml.EndElement:
			out = append(out, "</"+tok.Name.Local)
		case xml.CharData:
			if s := strings.TrimSpace(string(tok)); s != "" {
				out = append(out, s)
			}
		case xml.Comment:
			out = append(out, "<!--"+string(tok))
		}
	}
}

// pictures are the graph views of the embedded scenario and of the
// hostile one, with the layout each uses by default and those a user may
// choose.
func pictures(t *testing.T) map[string]*render.Picture {
	t.Helper()
	out := map[string]*render.Picture{}
	add := func(name string, m *graph.Model, opts render.Options) {
		p, err := render.New(m, opts)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = p
	}
	riyadh := embedded(t)
	add("map", riyadh, render.Options{})
	add("parties", riyadh, render.Options{View: "parties", Blocs: render.BlocsOf(riyadh)})
	add("parties-neato", riyadh, render.Options{View: "parties"})
	add("parties-sfdp", riyadh, render.Options{View: "parties", Layout: "sfdp"})
	add("party", riyadh, render.Options{View: "party:russia"})
	add("demand", riyadh, render.Options{View: "demand:nato-membership"})
	add("circo", riyadh, render.Options{Layout: "circo"})
	add("hostile", hostileModel(t), render.Options{})
	return out
}

// TestNativeMatchesEmbedded draws every view with both engines: the same
// DOT goes in, and the SVG that comes out holds the same elements, ids,
// classes, colours, titles, texts, tooltips, links and legend; only
// positions and sizes may differ. The PNG's shapes and texts are the same
// too.
func TestNativeMatchesEmbedded(t *testing.T) {
	if raceEnabled {
		// Two engines' pictures compared, one process at a time: nothing
		// here runs at once, and the race detector would only slow the
		// engine it builds.
		t.Skip("compares the engines' pictures, one at a time: not under the race detector")
	}
	dot := nativeDot(t)
	emb := testEngine(t)
	for _, trimmed := range []bool{false, true} {
		native := &render.Native{Path: dot}
		if trimmed {
			native.CacheDir = t.TempDir()
		}
		for name, p := range pictures(t) {
			if trimmed {
				name += "-trimmed"
			}
			t.Run(name, func(t *testing.T) {
				// Both engines are separate processes, safe to run at
				// once: the pictures are compared two at a time.
				t.Parallel()
				matchEngines(t, p, emb, native)
			})
		}
	}
}

func matchEngines(t *testing.T, p *render.Picture, emb *render.Engine, native *render.Native) {
	var e, n bytes.Buffer
	if err := p.WriteSVG(context.Background(), emb, &e); err != nil {
		t.Fatalf("embedded: %v", err)
	}
	if err := p.WriteSVG(context.Background(), native, &n); err != nil {
		t.Fatalf("native: %v", err)
	}
	ec, nc := svgContent(t, e.Bytes()), svgContent(t, n.Bytes())
	if !slices.Equal(ec, nc) {
		t.Errorf("the SVGs differ in more than geometry:\n%s", firstDifference(ec, nc))
	}
	if !slices.ContainsFunc(nc, func(s string) bool { return strings.Contains(s, "id=legend") }) {
		t.Errorf("no legend in the native SVG")
	}
	ej, err := emb.Run(context.Background(), render.DOTForTest(p), p.Layout(), "json")
	if err != nil {
		t.Fatal(err)
	}
	nj, err := native.Run(context.Background(), render.DOTForTest(p), p.Layout(), "json")
	if err != nil {
		t.Fatal(err)
	}
	es, err := render.ShapesForTest(p, ej)
	if err != nil {
		t.Fatal(err)
	}
	ns, err := render.ShapesForTest(p, nj)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.WritePNG(context.Background(), native, io.Discard); err != nil {
		t.Errorf("native PNG: %v", err)
	}
	if strings.Contains(t.Name(), "hostile") {
		// The embedded Graphviz's JSON writer doubles a text's backslashes
		// and cuts the list of drawing operations to its old length: what
		// follows such a text (here the title's second line) is lost.
		// Native Graphviz writes it.
		return
	}
	if !slices.Equal(es, ns) {
		t.Errorf("the PNG's shapes differ:\n%s", firstDifference(es, ns))
	}
}

func firstDifference(want, got []string) string {
	for i := range min(len(want), len(got)) {
		if want[i] != got[i] {
			return fmt.Sprintf("item %d:\n embedded: %s\n native:   %s", i, want[i], got[i])
		}
	}
	return fmt.Sprintf("embedded has %d items, native %d", len(want), len(got))
}

// TestNativeErrors passes on what native Graphviz says about a graph it
// cannot draw, and refuses layouts and formats it is never asked for.
func TestNativeErrors(t *testing.T) {
	n := &render.Native{Path: nativeDot(t)}
	_, err := n.Run(context.Background(), []byte("digraph { a -> }"), "dot", "svg")
	if !errors.Is(err, render.ErrEngineFailed) || !strings.Contains(err.Error(), "syntax error") {
		t.Errorf("error %v, want Graphviz's syntax error", err)
	}
	if _, err := n.Run(context.Background(), []byte(tinyDOT), "dot", "pdf"); !errors.Is(err, render.ErrEngineFailed) {
		t.Errorf("pdf: %v, want a refusal", err)
	}
	if v, err := render.NativeVersion(context.Background(), n.Path); err != nil || !strings.Contains(v, ".") {
		t.Errorf("NativeVersion: %q, %v", v, err)
	}
}

// fakeDot writes a shell script that stands in for native Graphviz.
func fakeDot(t *testing.T, body string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake Graphviz is a shell script")
	}
	p := filepath.Join(t.TempDir(), "dot")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestNativeWithoutGraphviz runs the native engine against stand-ins, so
// it is tested where Graphviz is not installed: arguments, Graphviz's
// error lines among its warnings, timeouts and the SVG spellings of older
// Graphviz.
func TestNativeWithoutGraphviz(t *testing.T) {
	args := filepath.Join(t.TempDir(), "args")
	echo := fakeDot(t, `echo "$@" > `+args+`
cat <<'EOF'
<svg viewBox="0 0 10 10"><polygon fill="white" stroke="transparent" points="0,0 1,1 "/><path fill="transparent" d="M0,0"/><text>a stroke=&quot;transparent&quot;</text></svg>
EOF
`)
	out, err := (&render.Native{Path: echo}).Run(context.Background(), []byte(tinyDOT), "sfdp", "svg")
	if err != nil {
		t.Fatal(err)
	}
	want := `<svg viewBox="0 0 10 10"><polygon fill="white" stroke="none" points="0,0 1,1"/><path fill="none" d="M0,0"/><text>a stroke=&quot;transparent&quot;</text></svg>` + "\n"
	if string(out) != want {
		t.Errorf("normalized SVG\n%s\nwant\n%s", out, want)
	}
	if b, _ := os.ReadFile(args); strings.TrimSpace(string(b)) != "-Ksfdp -Tsvg" {
		t.Errorf("dot was run with %q, want -Ksfdp -Tsvg", b)
	}

	failing := fakeDot(t, "echo 'Warning: no fonts' >&2\necho 'Error: <stdin>: syntax error in line 1' >&2\necho 'more' >&2\nexit 1\n")
	_, err = (&render.Native{Path: failing}).Run(context.Background(), []byte(tinyDOT), "dot", "svg")
	if !errors.Is(err, render.ErrEngineFailed) || !strings.Contains(err.Error(), "Error: <stdin>: syntax error in line 1") {
		t.Errorf("error %v, want Graphviz's error line", err)
	}

	slow := fakeDot(t, "sleep 30\n")
	start := time.Now()
	_, err = (&render.Native{Path: slow, Timeout: 200 * time.Millisecond}).Run(context.Background(), []byte(tinyDOT), "dot", "svg")
	if !errors.Is(err, render.ErrEngineTimeout) {
		t.Errorf("error %v, want a timeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v to stop", d)
	}

	silent := fakeDot(t, "exit 0\n")
	if _, err := (&render.Native{Path: silent}).Run(context.Background(), []byte(tinyDOT), "dot", "svg"); !errors.Is(err, render.ErrEngineFailed) {
		t.Errorf("no output: %v, want a failure", err)
	}
}

// TestAutoFallsBack lays out with the embedded engine once native
// Graphviz fails, says so once, and does not try native Graphviz again;
// a native timeout is not retried.
func TestAutoFallsBack(t *testing.T) {
	calls := filepath.Join(t.TempDir(), "calls")
	broken := fakeDot(t, "echo x >> "+calls+"\necho 'Format: \"json\" not recognized. Use one of: svg' >&2\nexit 1\n")
	var mu sync.Mutex
	var notes []string
	embeddedMade := 0
	a := &render.Auto{
		Native:   &render.Native{Path: broken},
		Embedded: func() (*render.Engine, error) { embeddedMade++; return testEngine(t), nil },
		Notify:   func(s string) { mu.Lock(); notes = append(notes, s); mu.Unlock() },
	}
	defer a.Close()
	for range 3 {
		out, err := a.Run(context.Background(), []byte(tinyDOT), "dot", "json")
		if err != nil || !bytes.Contains(out, []byte(`"objects"`)) {
			t.Fatalf("fallback: %v", err)
		}
	}
	if b, _ := os.ReadFile(calls); strings.Count(string(b), "x") != 1 {
		t.Errorf("native Graphviz was run %d times, want once", strings.Count(string(b), "x"))
	}
	if embeddedMade != 1 {
		t.Errorf("the embedded engine was made %d times, want once", embeddedMade)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], `Format: "json" not recognized`) || !strings.Contains(notes[0], "embedded engine") {
		t.Errorf("notes %q, want one naming the failure and the embedded engine", notes)
	}

	slow := &render.Auto{
		Native: &render.Native{Path: fakeDot(t, "sleep 30\n"), Timeout: 200 * time.Millisecond},
		Embedded: func() (*render.Engine, error) {
			t.Error("the embedded engine was asked for after a timeout")
			return testEngine(t), nil
		},
	}
	if _, err := slow.Run(context.Background(), []byte(tinyDOT), "dot", "svg"); !errors.Is(err, render.ErrEngineTimeout) {
		t.Errorf("error %v, want a timeout", err)
	}

	none := &render.Auto{
		Native:   &render.Native{Path: broken},
		Embedded: func() (*render.Engine, error) { return nil, render.ErrEngineNotFound },
	}
	_, err := none.Run(context.Background(), []byte(tinyDOT), "dot", "svg")
	if !errors.Is(err, render.ErrEngineFailed) || !strings.Contains(err.Error(), "embedded engine") {
		t.Errorf("error %v, want native Graphviz's failure and the embedded engine's", err)
	}
}

// TestNativeTrimmedPlugins runs native Graphviz's stand-in through the
// trimmed plugin configuration: made once from the configuration dot -v
// names, tried, handed to every layout as GVBINDIR, and found again by the
// next engine without asking dot; a Graphviz that does not say where its
// configuration is runs as installed, and is not asked again.
func TestNativeTrimmedPlugins(t *testing.T) {
	dir := t.TempDir()
	system := filepath.Join(dir, "config6a")
	if err := os.WriteFile(system, []byte("libgvplugin_core.so.6 core {\n}\nlibgvplugin_dot_layout.so.6 dot_layout {\n}\n"+
		"libgvplugin_pango.so.6 cairo {\n}\nlibgvplugin_neato_layout.so.6 neato_layout {\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	log := filepath.Join(dir, "log")
	dot := fakeDot(t, `if [ "$1" = -v ]; then
	echo "-v $GVBINDIR" >> `+log+`
	printf 'The plugin configuration file:\n\t%s\n\t\twas successfully loaded.\n' "${GVBINDIR:-`+dir+`}/config6a" >&2
	exit 0
fi
echo "run $GVBINDIR" >> `+log+`
cat
`)
	cache := filepath.Join(dir, "cache")
	for i := range 2 {
		out, err := (&render.Native{Path: dot, CacheDir: cache}).Run(context.Background(), []byte(tinyDOT), "dot", "svg")
		if err != nil || string(out) != tinyDOT {
			t.Fatalf("run %d: %q, %v", i, out, err)
		}
	}
	b, _ := os.ReadFile(log)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	trimmed := ""
	if len(lines) > 0 {
		trimmed = strings.TrimPrefix(lines[len(lines)-1], "run ")
	}
	if trimmed == "" || !strings.HasPrefix(trimmed, cache) {
		t.Fatalf("the layouts ran without the trimmed configuration:\n%s", b)
	}
	if n := strings.Count(string(b), "-v "); n != 2 {
		t.Errorf("dot -v ran %d times, want twice (the system's configuration, then the copy's), once for both engines:\n%s", n, b)
	}
	if n := strings.Count(string(b), "run "+trimmed); n != 2+5 {
		t.Errorf("%d runs with the copy, want the 5 trials and the 2 layouts:\n%s", n, b)
	}
	cfg, err := os.ReadFile(filepath.Join(trimmed, "config6a"))
	if err != nil || strings.Contains(string(cfg), "pango") || !strings.Contains(string(cfg), dir+"/libgvplugin_neato_layout.so.6 neato_layout {") {
		t.Errorf("the trimmed configuration: %v\n%s", err, cfg)
	}

	// A Graphviz that does not say where its configuration is.
	os.Remove(log)
	mute := fakeDot(t, `if [ "$1" = -v ]; then echo "-v" >> `+log+`; exit 0; fi
echo "run $GVBINDIR" >> `+log+`
cat
`)
	cache = filepath.Join(dir, "cache2")
	for range 2 {
		if _, err := (&render.Native{Path: mute, CacheDir: cache}).Run(context.Background(), []byte(tinyDOT), "dot", "svg"); err != nil {
			t.Fatal(err)
		}
	}
	b, _ = os.ReadFile(log)
	if string(b) != "-v\nrun \nrun \n" {
		t.Errorf("a Graphviz without a configuration to trim:\n%s\nwant one dot -v, then layouts without GVBINDIR", b)
	}
}
