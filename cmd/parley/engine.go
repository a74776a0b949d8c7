package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/parley/parley/render"
)

// engineName is the Graphviz engine's executable, installed beside parley
// by "go install ./cmd/...".
var engineName = "parley-graphviz" + exeSuffix()

func exeSuffix() string {
	if runtime.GOOS == "windows" {
		return ".exe"
	}
	return ""
}

const modulePath = "github.com/parley/parley"

// installHint is how to get the engine, for the one-line error.
const installHint = "install it with: go install " + modulePath + "/cmd/parley-graphviz@latest (or go install ./cmd/... in parley's source folder), or set PARLEY_GRAPHVIZ to its path"

// newEngine finds the Graphviz engine and sets it up with parley's cache.
func (a *app) newEngine(timeout time.Duration) (*render.Engine, error) {
	notify := func(msg string) { fmt.Fprintln(a.io.ErrOut, "parley: "+msg) }
	path, err := findEngine(engineLookup{
		getenv:     os.Getenv,
		executable: os.Executable,
		lookPath:   exec.LookPath,
		getwd:      os.Getwd,
	}, notify)
	if err != nil {
		return nil, err
	}
	cache := ""
	if dir, err := os.UserCacheDir(); err == nil {
		cache = filepath.Join(dir, "parley", "graphviz")
	}
	return &render.Engine{Path: path, CacheDir: cache, Timeout: timeout, Notify: notify}, nil
}

// engineLookup is what findEngine asks of the system, so tests can fake it.
type engineLookup struct {
	getenv     func(string) string
	executable func() (string, error)
	lookPath   func(string) (string, error)
	getwd      func() (string, error)
}

// findEngine looks for parley-graphviz: the PARLEY_GRAPHVIZ variable, then
// beside parley's own executable (symbolic links followed), then PATH.
// When none has it and parley's source is at hand (go run ./cmd/parley in
// a clone), it builds the engine once into parley's cache folder.
func findEngine(l engineLookup, notify func(string)) (string, error) {
	if p := l.getenv("PARLEY_GRAPHVIZ"); p != "" {
		if !isExecutable(p) {
			return "", fmt.Errorf("%w: PARLEY_GRAPHVIZ=%s is not an executable file", render.ErrEngineNotFound, p)
		}
		return p, nil
	}
	if exe, err := l.executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		if p := filepath.Join(filepath.Dir(exe), engineName); isExecutable(p) {
			return p, nil
		}
	}
	if p, err := l.lookPath(engineName); err == nil {
		return p, nil
	}
	if wd, err := l.getwd(); err == nil {
		if src := moduleRoot(wd); src != "" {
			return buildEngine(src, l.lookPath, notify)
		}
	}
	return "", fmt.Errorf("%w; %s", render.ErrEngineNotFound, installHint)
}

func isExecutable(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular() && (runtime.GOOS == "windows" || st.Mode().Perm()&0o111 != 0)
}

// moduleRoot returns the folder of parley's own go.mod at or above dir,
// when it holds the engine's source; "" otherwise.
func moduleRoot(dir string) string {
	for {
		if f, err := os.Open(filepath.Join(dir, "go.mod")); err == nil {
			sc := bufio.NewScanner(f)
			mod := ""
			for sc.Scan() {
				if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
					mod = strings.Trim(strings.TrimSpace(rest), `"`)
					break
				}
			}
			f.Close()
			if mod == modulePath && isFile(filepath.Join(dir, "cmd", "parley-graphviz", "main.go")) {
				return dir
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// buildEngine builds parley-graphviz from the source in src with go build,
// once per version of its source: the result is kept in parley's cache
// under a hash of the files it is built from.
func buildEngine(src string, lookPath func(string) (string, error), notify func(string)) (string, error) {
	gobin, err := lookPath("go")
	if err != nil {
		return "", fmt.Errorf("%w (and go is not on PATH to build it); %s", render.ErrEngineNotFound, installHint)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("%w (and there is no cache folder to build it into: %v); %s", render.ErrEngineNotFound, err, installHint)
	}
	h := sha256.New()
	io.WriteString(h, runtime.GOOS+"/"+runtime.GOARCH+"\n")
	files := []string{"go.mod", "go.sum"}
	for _, dir := range []string{"render/engine", "cmd/parley-graphviz"} {
		ents, _ := os.ReadDir(filepath.Join(src, dir))
		for _, e := range ents {
			if strings.HasSuffix(e.Name(), ".go") {
				files = append(files, filepath.Join(dir, e.Name()))
			}
		}
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("%w: reading %s to build it: %v", render.ErrEngineNotFound, f, err)
		}
		io.WriteString(h, f+"\n")
		h.Write(b)
	}
	sum := hex.EncodeToString(h.Sum(nil))[:16]
	dst := filepath.Join(cache, "parley", "engine-"+sum, engineName)
	if isExecutable(dst) {
		return dst, nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return "", fmt.Errorf("%w: cannot build it: %v; %s", render.ErrEngineNotFound, err, installHint)
	}
	notify("the Graphviz engine is not installed; building it once with go build, which can take a minute (go install ./cmd/... installs it for good)")
	tmp := fmt.Sprintf("%s.%d.tmp", dst, os.Getpid())
	cmd := exec.Command(gobin, "build", "-o", tmp, "./cmd/parley-graphviz")
	cmd.Dir = src
	out, err := cmd.CombinedOutput()
	if err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("%w: go build ./cmd/parley-graphviz failed: %s", render.ErrEngineNotFound, lastLine(string(out)))
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("%w: %v", render.ErrEngineNotFound, err)
	}
	return dst, nil
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}
