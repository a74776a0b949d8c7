package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata")

func TestMain(m *testing.M) {
	testscript.Main(cleanup{m}, map[string]func(){
		"parley": func() { os.Exit(run(os.Args[1:], SystemIO())) },
	})
}

// cleanup runs the tests, then removes what they share.
type cleanup struct{ m *testing.M }

func (c cleanup) Run() int {
	code := c.m.Run()
	if engine.dir != "" {
		os.RemoveAll(engine.dir)
	}
	return code
}

// engine is the parley-graphviz the tests run, built once a test process.
var engine struct {
	once sync.Once
	dir  string
	err  error
}

// engineSources are the files the engine is built from, relative to this
// package, as far as the module holds them (go.mod and go.sum pin the
// rest).
var engineSources = []string{"../../go.mod", "../../go.sum", "../../cmd/parley-graphviz", "../../render/engine"}

// builtEngine builds parley-graphviz for the tests, once, into a folder of
// its own and returns that folder. The test binary does not link the
// engine: every "exec parley" of the scripts would then start Graphviz
// (25–40 ms each, seconds under the race detector), as parley never does.
// It reads the engine's sources first, so that go test knows them as the
// tests' inputs: a change to the engine then runs these tests again
// rather than taking their result from the cache.
func builtEngine(t testing.TB) string {
	engine.once.Do(func() {
		for _, src := range engineSources {
			if engine.err = readAllFiles(src); engine.err != nil {
				return
			}
		}
		if engine.dir, engine.err = os.MkdirTemp("", "parley-engine"); engine.err != nil {
			return
		}
		cmd := exec.Command("go", "build", "-o", filepath.Join(engine.dir, "parley-graphviz"), "github.com/parley/parley/cmd/parley-graphviz")
		if out, err := cmd.CombinedOutput(); err != nil {
			engine.err = fmt.Errorf("go build parley-graphviz: %v\n%s", err, out)
		}
	})
	if engine.err != nil {
		t.Fatal(engine.err)
	}
	return engine.dir
}

// readAllFiles reads a file, or the files of a folder (not below it).
func readAllFiles(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		_, err := os.ReadFile(path)
		return err
	}
	ents, err := os.ReadDir(path)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if e.Type().IsRegular() {
			if _, err := os.ReadFile(filepath.Join(path, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// raceCondition is the scripts' [race]: the tests run under the race
// detector, where scripts that check only words or layout skip themselves
// (the race detector's run is for what runs at once).
func raceCondition(cond string) (bool, error) {
	if cond == "race" {
		return raceEnabled, nil
	}
	return false, fmt.Errorf("unknown condition %q", cond)
}

// TestScripts runs the txtar scripts in testdata/script: each runs parley
// commands and checks their output and exit codes. go test ./cmd/parley
// -update rewrites the files that cmp compares with.
func TestScripts(t *testing.T) {
	engineDir := builtEngine(t)
	// One engine cache for every script, so that only the first picture
	// compiles Graphviz.
	cache := t.TempDir()
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Condition:           raceCondition,
		Setup: func(env *testscript.Env) error {
			env.Setenv("COLUMNS", "100")
			// Under the race detector, its options (race_test.go).
			if v, ok := os.LookupEnv("GORACE"); ok {
				env.Setenv("GORACE", v)
			}
			un, err := filepath.Abs(filepath.Join("..", "..", "data", "testdata", "unvotes"))
			if err != nil {
				return err
			}
			env.Setenv("UNVOTES", un)
			env.Setenv("XDG_CACHE_HOME", cache)
			path := engineDir + string(os.PathListSeparator) + env.Getenv("PATH")
			env.Setenv("PATH", path)
			// The scripts draw with the embedded engine, as where no
			// Graphviz is installed; engine.txtar tries the others, with
			// NODOT_PATH for a PATH without native Graphviz.
			env.Setenv("PARLEY_ENGINE", "embedded")
			env.Setenv("NODOT_PATH", withoutDot(path))
			return nil
		},
	})
}

// withoutDot is the PATH list without the folders that hold native
// Graphviz's dot.
func withoutDot(path string) string {
	var keep []string
	for _, dir := range filepath.SplitList(path) {
		if st, err := os.Stat(filepath.Join(dir, nativeName)); err == nil && !st.IsDir() {
			continue
		}
		keep = append(keep, dir)
	}
	return strings.Join(keep, string(os.PathListSeparator))
}
