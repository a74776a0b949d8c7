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
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

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

// The engines --engine names.
const (
	engineAuto     = "auto"
	engineEmbedded = "embedded"
	engineNative   = "native"
)

var engineChoices = []string{engineAuto, engineEmbedded, engineNative}

// engineFlagHelp is the --engine flag's help line.
const engineFlagHelp = "Graphviz to lay out with: auto (native dot when on PATH, else the embedded engine), embedded or native (default $PARLEY_ENGINE, else auto)"

// engineHelp explains --engine, for the help of the commands that draw.
const engineHelp = `--engine auto (the default, or the PARLEY_ENGINE environment variable) uses
the system's Graphviz when its dot program is on PATH, and otherwise parley's
embedded engine, parley-graphviz (Graphviz compiled to WebAssembly, installed
beside parley by "go install ./cmd/..."), which needs nothing else installed.
Native Graphviz draws several times faster (parley loads only its layout
plugins), and the embedded engine takes about half a second to prepare on its
first use; should native Graphviz fail, auto draws with the embedded engine
and says so. Both draw the same
picture from the same DOT, placed differently. --engine native or embedded
insists on one.`

// drawingEngine is a Graphviz engine a command draws with.
type drawingEngine interface {
	render.Layouter
	Close() error
}

// engineSetup is how newEngine finds the engines, so tests can fake it.
type engineSetup struct {
	lookup engineLookup
	// embedded makes the embedded engine.
	embedded func() (*render.Engine, error)
	// nativeCache is native Graphviz's render.Native.CacheDir.
	nativeCache string
}

// newEngine returns the Graphviz engine choice names ("" for the
// PARLEY_ENGINE variable, else auto): native Graphviz, the embedded
// engine, or native with the embedded one to fall back on. persistent
// keeps one embedded engine process for many layouts (parley serve).
func (a *app) newEngine(choice string, timeout time.Duration, persistent bool) (drawingEngine, error) {
	notify := func(msg string) { fmt.Fprintln(a.io.ErrOut, "parley: "+msg) }
	l := engineLookup{
		getenv:     os.Getenv,
		executable: os.Executable,
		lookPath:   exec.LookPath,
		getwd:      os.Getwd,
	}
	embedded := func() (*render.Engine, error) {
		path, err := findEngine(l, notify)
		if err != nil {
			return nil, err
		}
		cache := ""
		if dir, err := os.UserCacheDir(); err == nil {
			cache = filepath.Join(dir, "parley", "graphviz")
		}
		return &render.Engine{Path: path, CacheDir: cache, Timeout: timeout, Notify: notify, Persistent: persistent}, nil
	}
	native := ""
	if dir, err := os.UserCacheDir(); err == nil {
		native = filepath.Join(dir, "parley", "native")
	}
	return chooseEngine(choice, timeout, engineSetup{lookup: l, embedded: embedded, nativeCache: native}, notify)
}

// chooseEngine picks the engine for choice; see newEngine.
func chooseEngine(choice string, timeout time.Duration, s engineSetup, notify func(string)) (drawingEngine, error) {
	choice, err := engineChoice(choice, s.lookup.getenv)
	if err != nil {
		return nil, err
	}
	dot, dotErr := s.lookup.lookPath(nativeName)
	switch {
	case choice == engineEmbedded || (choice == engineAuto && dotErr != nil):
		e, err := s.embedded()
		if err != nil {
			return nil, err
		}
		return e, nil
	case choice == engineNative && dotErr != nil:
		return nil, fmt.Errorf("%w: the native engine needs Graphviz's %s program on PATH (Debian and Ubuntu: apt-get install graphviz; macOS: brew install graphviz); --engine embedded draws without it",
			render.ErrNativeNotFound, nativeName)
	case choice == engineNative:
		return &render.Native{Path: dot, Timeout: timeout, CacheDir: s.nativeCache}, nil
	}
	return &render.Auto{Native: &render.Native{Path: dot, Timeout: timeout, CacheDir: s.nativeCache}, Embedded: s.embedded, Notify: notify}, nil
}

// nativeName is native Graphviz's layout program.
var nativeName = "dot" + exeSuffix()

// engineChoice checks --engine, taking PARLEY_ENGINE when it is empty.
func engineChoice(flag string, getenv func(string) string) (string, error) {
	choice, from := flag, "--engine"
	if choice == "" {
		choice, from = getenv("PARLEY_ENGINE"), "PARLEY_ENGINE"
	}
	if choice == "" {
		return engineAuto, nil
	}
	if !slices.Contains(engineChoices, choice) {
		return "", usagef("%s must be %s, not %q", from, strings.Join(engineChoices, ", "), choice)
	}
	return choice, nil
}

// addEngineFlag adds --engine to a command that draws.
func addEngineFlag(cmd *cobra.Command, p *string) {
	cmd.Flags().StringVar(p, "engine", "", engineFlagHelp)
	_ = cmd.RegisterFlagCompletionFunc("engine", cobra.FixedCompletions(engineChoices, cobra.ShellCompDirectiveNoFileComp))
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
