package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley/parley/render"
)

// TestNoGraphvizInParley keeps Graphviz out of the parley executable: its
// package init costs every command 25–40 ms and can panic before main.
// Only parley-graphviz may link it.
func TestNoGraphvizInParley(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	out, err := exec.Command(gobin, "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.HasPrefix(pkg, "github.com/goccy/go-graphviz") || strings.HasPrefix(pkg, "github.com/tetratelabs/wazero") ||
			pkg == "github.com/parley/parley/render/engine" {
			t.Errorf("parley links %s", pkg)
		}
	}
	if !strings.Contains(string(out), "github.com/parley/parley/render\n") {
		t.Errorf("go list -deps does not list the render package; the check is looking at the wrong thing:\n%s", out)
	}
}

func fakeExecutable(t *testing.T, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFindEngine(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	os.Mkdir(bin, 0o755)
	parley := fakeExecutable(t, bin, "parley")
	link := filepath.Join(dir, "parley-link")
	os.Symlink(parley, link)
	elsewhere := t.TempDir()
	onPath := fakeExecutable(t, elsewhere, engineName)
	explicit := fakeExecutable(t, elsewhere, "my-engine")
	noPath := func(string) (string, error) { return "", exec.ErrNotFound }
	noWd := func() (string, error) { return "/", nil }

	// 1. PARLEY_GRAPHVIZ wins.
	got, err := findEngine(engineLookup{
		getenv:     func(k string) string { return map[string]string{"PARLEY_GRAPHVIZ": explicit}[k] },
		executable: func() (string, error) { return parley, nil },
		lookPath:   noPath, getwd: noWd,
	}, nil)
	if err != nil || got != explicit {
		t.Errorf("PARLEY_GRAPHVIZ: %q, %v", got, err)
	}
	// ... and must name an executable.
	_, err = findEngine(engineLookup{
		getenv:     func(k string) string { return map[string]string{"PARLEY_GRAPHVIZ": filepath.Join(dir, "nothing")}[k] },
		executable: func() (string, error) { return parley, nil },
		lookPath:   noPath, getwd: noWd,
	}, nil)
	if !errors.Is(err, render.ErrEngineNotFound) || !strings.Contains(err.Error(), "PARLEY_GRAPHVIZ=") {
		t.Errorf("bad PARLEY_GRAPHVIZ: %v", err)
	}
	// 2. Beside parley, found through a symbolic link to it.
	beside := fakeExecutable(t, bin, engineName)
	got, err = findEngine(engineLookup{getenv: func(string) string { return "" },
		executable: func() (string, error) { return link, nil }, lookPath: noPath, getwd: noWd}, nil)
	if err != nil || got != beside {
		t.Errorf("beside parley: %q, %v", got, err)
	}
	os.Remove(beside)
	// 3. On PATH.
	got, err = findEngine(engineLookup{getenv: func(string) string { return "" },
		executable: func() (string, error) { return link, nil },
		lookPath:   func(string) (string, error) { return onPath, nil }, getwd: noWd}, nil)
	if err != nil || got != onPath {
		t.Errorf("on PATH: %q, %v", got, err)
	}
	// 4. Nowhere, and no source at hand: one line saying how to install it.
	_, err = findEngine(engineLookup{getenv: func(string) string { return "" },
		executable: func() (string, error) { return link, nil }, lookPath: noPath,
		getwd: func() (string, error) { return dir, nil }}, nil)
	if !errors.Is(err, render.ErrEngineNotFound) || !strings.Contains(err.Error(), "go install github.com/parley/parley/cmd/parley-graphviz@latest") ||
		strings.Contains(err.Error(), "\n") {
		t.Errorf("not found: %v", err)
	}
}

func TestModuleRoot(t *testing.T) {
	wd, _ := os.Getwd()
	root := moduleRoot(wd)
	if root == "" || !isFile(filepath.Join(root, "cmd", "parley-graphviz", "main.go")) {
		t.Errorf("moduleRoot(%s) = %q", wd, root)
	}
	if got := moduleRoot(t.TempDir()); got != "" {
		t.Errorf("moduleRoot of an empty folder = %q", got)
	}
}

// TestChooseEngine picks the engine --engine and PARLEY_ENGINE name, with
// and without native Graphviz on PATH.
func TestChooseEngine(t *testing.T) {
	emb := &render.Engine{Path: "parley-graphviz"}
	for _, tc := range []struct {
		flag, env string
		dot       bool
		want      string // the engine's type, or the error's words
	}{
		{"", "", true, "*render.Auto"},
		{"", "", false, "*render.Engine"},
		{"auto", "native", false, "*render.Engine"},
		{"", "native", true, "*render.Native"},
		{"", "embedded", true, "*render.Engine"},
		{"native", "embedded", true, "*render.Native"},
		{"embedded", "", true, "*render.Engine"},
		{"native", "", false, "native Graphviz was not found"},
		{"", "native", false, "native Graphviz was not found"},
		{"wasm", "", true, `--engine must be auto, embedded, native, not "wasm"`},
		{"", "Native", true, `PARLEY_ENGINE must be auto, embedded, native, not "Native"`},
	} {
		s := engineSetup{
			lookup: engineLookup{
				getenv: func(k string) string {
					if k == "PARLEY_ENGINE" {
						return tc.env
					}
					return ""
				},
				lookPath: func(name string) (string, error) {
					if name == nativeName && tc.dot {
						return "/usr/bin/dot", nil
					}
					return "", exec.ErrNotFound
				},
			},
			embedded: func() (*render.Engine, error) { return emb, nil },
		}
		eng, err := chooseEngine(tc.flag, time.Second, s, nil)
		got := fmt.Sprintf("%T", eng)
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("--engine %q, PARLEY_ENGINE %q, dot on PATH %v: got %s, want %s", tc.flag, tc.env, tc.dot, got, tc.want)
		}
		if n, ok := eng.(*render.Native); ok && (n.Path != "/usr/bin/dot" || n.Timeout != time.Second) {
			t.Errorf("native engine %+v", n)
		}
	}
	var ue usageError
	if _, err := chooseEngine("x", time.Second, engineSetup{lookup: engineLookup{getenv: func(string) string { return "" }}}, nil); !errors.As(err, &ue) {
		t.Errorf("a wrong --engine is %T, want a usage error", err)
	}
	if _, err := chooseEngine("native", time.Second, engineSetup{lookup: engineLookup{getenv: func(string) string { return "" },
		lookPath: func(string) (string, error) { return "", exec.ErrNotFound }}}, nil); !errors.Is(err, render.ErrNativeNotFound) {
		t.Errorf("no dot: %v, want ErrNativeNotFound", err)
	}
}
