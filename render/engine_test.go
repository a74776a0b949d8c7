//go:build unix

package render_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
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
	if testing.Short() {
		t.Skip("compiles Graphviz anew, with no cache to take it from")
	}
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
	if len(notes) == 0 || !strings.Contains(notes[0], "failed on its cache") {
		t.Errorf("notes %q, want one about the damaged cache", notes)
	}
}

// TestEngineForeignCache hands the engine a cache folder that belongs to
// another user (as root) or cannot be written (as anyone else).
func TestEngineForeignCache(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles Graphviz anew, with no cache to take it from")
	}
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

// TestEngineMissingCache starts from no cache folder at all: the engine
// makes it, private to the user, and fills it.
func TestEngineMissingCache(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles Graphviz anew, with no cache to take it from")
	}
	dir := filepath.Join(t.TempDir(), "not", "yet", "graphviz")
	eng := testEngine(t)
	eng.CacheDir = dir
	if _, err := eng.Run(context.Background(), []byte(tinyDOT), "dot", "svg"); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(dir)
	if err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("cache folder %v, %v; want one of mode 0700", st, err)
	}
	if ents, _ := os.ReadDir(filepath.Join(dir, "go-graphviz")); len(ents) == 0 {
		t.Errorf("the engine left no compilation cache")
	}
}

// TestEngineNowhereToWrite gives the engine a cache folder that cannot be
// made (its parent is a file) and a temporary folder that cannot be
// written either: it must run uncached.
func TestEngineNowhereToWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles Graphviz anew, with no cache to take it from")
	}
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", filepath.Join(file, "tmp"))
	var notes []string
	eng := testEngine(t)
	eng.CacheDir = filepath.Join(file, "graphviz")
	eng.Notify = func(s string) { notes = append(notes, s) }
	out, err := eng.Run(context.Background(), []byte(tinyDOT), "dot", "svg")
	if err != nil {
		t.Fatalf("no writable folder: %v", err)
	}
	if !strings.Contains(string(out), "<svg") {
		t.Errorf("no SVG")
	}
	if len(notes) == 0 || !strings.Contains(notes[0], "cannot use the engine cache") {
		t.Errorf("notes %q, want one saying the cache cannot be used", notes)
	}
}

// TestEngineFullDisk puts the cache, and then the temporary folder too, on
// a file system too small for it (a 1 MB tmpfs; the cache takes about
// 6 MB): writing the cache fails with "no space left on device", which
// makes go-graphviz panic before main. Needs root to mount.
func TestEngineFullDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles Graphviz anew, with no cache to take it from")
	}
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	disk := t.TempDir()
	if err := syscall.Mount("tmpfs", disk, "tmpfs", 0, "size=1m"); err != nil {
		t.Skipf("cannot mount a tmpfs: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(disk, 0) })
	for _, tmpToo := range []bool{false, true} {
		if tmpToo {
			t.Setenv("TMPDIR", disk)
		}
		eng := testEngine(t)
		eng.CacheDir = filepath.Join(disk, "graphviz")
		out, err := eng.Run(context.Background(), []byte(tinyDOT), "dot", "svg")
		if err != nil {
			t.Fatalf("full disk (temporary folder on it too: %v): %v", tmpToo, err)
		}
		if !strings.Contains(string(out), "<svg") {
			t.Errorf("no SVG")
		}
	}
}

// TestEngineTwoAtOnce runs two engines at once on one cold cache folder,
// as two parley processes rendering together would: both must draw, and
// the cache must be whole afterwards (wazero writes each file to a
// temporary name and renames it).
func TestEngineTwoAtOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "graphviz")
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			eng := testEngine(t)
			eng.CacheDir = dir
			out, err := eng.Run(context.Background(), []byte(tinyDOT), "dot", "svg")
			if err == nil && !strings.Contains(string(out), "<svg") {
				err = errors.New("no SVG")
			}
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatalf("two at once: %v", err)
		}
	}
	eng := testEngine(t)
	eng.CacheDir = dir
	var notes []string
	eng.Notify = func(s string) { notes = append(notes, s) }
	if _, err := eng.Run(context.Background(), []byte(tinyDOT), "dot", "svg"); err != nil || len(notes) > 0 {
		t.Errorf("the cache two engines wrote at once: %v, notes %q", err, notes)
	}
}

// TestEngineTempDirsSwept: the temporary folder of an uncached engine that
// a killed parley could not remove goes at the next parley's; a running
// parley's stays.
func TestEngineTempDirsSwept(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip(err)
	}
	deadDir := filepath.Join(tmp, "parley-graphviz-"+strconv.Itoa(dead.Process.Pid)+"-123")
	liveDir := filepath.Join(tmp, "parley-graphviz-"+strconv.Itoa(os.Getppid())+"-456")
	for _, d := range []string{deadDir, liveDir} {
		if err := os.MkdirAll(filepath.Join(d, "go-graphviz"), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	fresh, err := render.FreshTempDirForTest()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(deadDir); err == nil {
		t.Errorf("the dead parley's folder stays")
	}
	if _, err := os.Stat(liveDir); err != nil {
		t.Errorf("the running parley's folder went: %v", err)
	}
	if !strings.HasPrefix(filepath.Base(fresh), "parley-graphviz-"+strconv.Itoa(os.Getpid())+"-") {
		t.Errorf("the new folder %s is not named with parley's process id", fresh)
	}
}
