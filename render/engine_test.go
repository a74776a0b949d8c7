//go:build unix

package render_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parley/parley/render"
)

const tinyDOT = "digraph { a -> b }\n"

// TestEngineTimeout stops a layout that runs too long, and whatever it
// started: the fake engine below starts a grandchild and waits.
func TestEngineTimeout(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "pid")
	script := filepath.Join(dir, "slow-engine")
	body := "#!/bin/sh\nsleep 30 &\necho $! > " + pidFile + "\nwait\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	eng := &render.Engine{Path: script, Timeout: 300 * time.Millisecond}
	start := time.Now()
	_, err := eng.Run(context.Background(), []byte(tinyDOT), "dot", "svg")
	if !errors.Is(err, render.ErrEngineTimeout) || !strings.Contains(err.Error(), "300ms timeout") {
		t.Fatalf("error %v, want a timeout that says so", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v to stop", d)
	}
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	for i := 0; i < 50; i++ { // the kernel may take a moment
		if !alive(pid) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	syscall.Kill(pid, syscall.SIGKILL)
	t.Errorf("the engine's child %d outlived the timeout", pid)
}

// TestEngineReportsGraphvizErrors passes on Graphviz's own message.
func TestEngineReportsGraphvizErrors(t *testing.T) {
	eng := testEngine(t)
	_, err := eng.Run(context.Background(), []byte("digraph { a -> }"), "dot", "svg")
	if !errors.Is(err, render.ErrEngineFailed) || !strings.Contains(err.Error(), "syntax error") {
		t.Errorf("error %v, want Graphviz's syntax error", err)
	}
}

// TestEngineDamagedCache cuts every file of a warm compilation cache short
// (go-graphviz then panics before main) and expects a working layout.
func TestEngineDamagedCache(t *testing.T) {
	dir := t.TempDir()
	var notes []string
	eng := testEngine(t)
	eng.CacheDir = dir
	eng.Notify = func(s string) { notes = append(notes, s) }
	if _, err := eng.Run(context.Background(), []byte(tinyDOT), "dot", "svg"); err != nil {
		t.Fatal(err)
	}
	var files []string
	filepath.WalkDir(filepath.Join(dir, "go-graphviz"), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Fatal("the engine left no compilation cache")
	}
	for _, f := range files {
		st, _ := os.Stat(f)
		os.Truncate(f, st.Size()/2)
	}
	out, err := eng.Run(context.Background(), []byte(tinyDOT), "dot", "svg")
	if err != nil {
		t.Fatalf("damaged cache: %v", err)
	}
	if !strings.Contains(string(out), "<svg") {
		t.Errorf("no SVG from a repaired cache")
	}
	if len(notes) == 0 || !strings.Contains(notes[0], "damaged") {
		t.Errorf("notes %q, want one about the damaged cache", notes)
	}
}

// TestEngineForeignCache hands the engine a cache folder that belongs to
// another user (as root) or cannot be written (as anyone else).
func TestEngineForeignCache(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "graphviz")
	os.MkdirAll(filepath.Join(dir, "go-graphviz"), 0o755)
	if os.Geteuid() == 0 {
		if err := os.Chown(filepath.Join(dir, "go-graphviz"), 65534, 65534); err != nil {
			t.Skip(err)
		}
	} else {
		os.Chmod(filepath.Join(dir, "go-graphviz"), 0o500)
		t.Cleanup(func() { os.Chmod(filepath.Join(dir, "go-graphviz"), 0o700) })
	}
	eng := testEngine(t)
	eng.CacheDir = dir
	if _, err := eng.Run(context.Background(), []byte(tinyDOT), "dot", "svg"); err != nil {
		t.Fatalf("foreign cache: %v", err)
	}
	if err := render.CheckCacheForTest(dir); err != nil {
		t.Errorf("the cache was not made usable again: %v", err)
	}
}

// alive reports whether a process runs: it exists and, where /proc tells,
// is not a zombie waiting for a parent that no longer reaps it.
func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return !os.IsNotExist(err)
	}
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	return len(f) == 0 || f[0] != "Z"
}
