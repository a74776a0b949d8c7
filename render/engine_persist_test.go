//go:build unix

package render_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley/parley/render"
)

// countingEngine is a script that notes each start of the engine in a file
// and then runs the real one with the same arguments.
func countingEngine(t *testing.T) (path, log string) {
	dir := t.TempDir()
	log = filepath.Join(dir, "starts")
	path = filepath.Join(dir, "engine")
	body := "#!/bin/sh\necho \"$*\" >> " + log + "\nexec " + enginePath + " \"$@\"\n"
	if err := os.WriteFile(path, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	return path, log
}

func starts(t *testing.T, log string) []string {
	b, err := os.ReadFile(log)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return strings.Fields(strings.TrimSpace(string(b)))
}

// TestEnginePersistent lays out many graphs with one process, replaces it
// after MaxLayouts, and passes Graphviz's errors on without losing the
// next layout.
func TestEnginePersistent(t *testing.T) {
	path, log := countingEngine(t)
	eng := &render.Engine{Path: path, CacheDir: cacheDir, Persistent: true, MaxLayouts: 3}
	defer eng.Close()
	for i := range 7 {
		dot := "digraph { a -> b" + strings.Repeat(" -> c", i) + " }\n"
		out, err := eng.Run(context.Background(), []byte(dot), "dot", "svg")
		if err != nil {
			t.Fatalf("layout %d: %v", i, err)
		}
		if !strings.Contains(string(out), "<svg") || !strings.HasSuffix(strings.TrimSpace(string(out)), "</svg>") {
			t.Fatalf("layout %d: not a whole SVG", i)
		}
	}
	if got := starts(t, log); len(got) != 3 {
		t.Errorf("7 layouts at most 3 a process started the engine %d times (%q), want 3", len(got), got)
	}
	_, err := eng.Run(context.Background(), []byte("digraph { a -> }"), "dot", "svg")
	if !errors.Is(err, render.ErrEngineFailed) || !strings.Contains(err.Error(), "syntax error") {
		t.Errorf("error %v, want Graphviz's syntax error", err)
	}
	out, err := eng.Run(context.Background(), []byte(tinyDOT), "dot", "json")
	if err != nil || !strings.Contains(string(out), `"objects"`) {
		t.Errorf("after an error: %v, %.80q", err, out)
	}
}

// TestEnginePersistentTimeout stops a persistent engine stuck in a layout;
// the next layout starts a new one.
func TestEnginePersistentTimeout(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "engine")
	// Stuck in -serve mode; the real engine otherwise.
	body := "#!/bin/sh\nif [ \"$1\" = -serve ]; then if [ -e " + dir + "/stuck ]; then exec " + enginePath + " \"$@\"; fi; touch " + dir + "/stuck; sleep 30; fi\nexec " + enginePath + " \"$@\"\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	eng := &render.Engine{Path: script, CacheDir: cacheDir, Persistent: true, Timeout: 300 * time.Millisecond}
	defer eng.Close()
	start := time.Now()
	_, err := eng.Run(context.Background(), []byte(tinyDOT), "dot", "svg")
	if !errors.Is(err, render.ErrEngineTimeout) {
		t.Fatalf("error %v, want a timeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v to stop", d)
	}
	eng.Timeout = 30 * time.Second
	if out, err := eng.Run(context.Background(), []byte(tinyDOT), "dot", "svg"); err != nil || !strings.Contains(string(out), "<svg") {
		t.Errorf("after a timeout: %v", err)
	}
}

// TestEnginePersistentFallsBack: an engine that dies as it starts in
// -serve mode (an old one, or a damaged cache) still draws, one process a
// layout.
func TestEnginePersistentFallsBack(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "engine")
	body := "#!/bin/sh\nif [ \"$1\" = -serve ]; then echo 'panic: broken' >&2; exit 2; fi\nexec " + enginePath + " \"$@\"\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	eng := &render.Engine{Path: script, CacheDir: cacheDir, Persistent: true}
	defer eng.Close()
	for range 2 {
		if out, err := eng.Run(context.Background(), []byte(tinyDOT), "dot", "svg"); err != nil || !strings.Contains(string(out), "<svg") {
			t.Fatalf("fallback: %v", err)
		}
	}
}

// BenchmarkEngineMap compares a map layout through one process per
// drawing with one through the persistent engine.
func BenchmarkEngineMap(b *testing.B) {
	dot, err := os.ReadFile(filepath.Join("testdata", "map.dot"))
	if err != nil {
		b.Fatal(err)
	}
	for _, persistent := range []bool{false, true} {
		name := "oneshot"
		if persistent {
			name = "persistent"
		}
		b.Run(name, func(b *testing.B) {
			eng := &render.Engine{Path: enginePath, CacheDir: cacheDir, Persistent: persistent}
			defer eng.Close()
			if _, err := eng.Run(context.Background(), dot, "dot", "svg"); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				if _, err := eng.Run(context.Background(), dot, "dot", "svg"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
