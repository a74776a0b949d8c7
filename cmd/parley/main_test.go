package main

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"parley": func() { os.Exit(run(os.Args[1:], SystemIO())) },
	})
}

// builtEngine builds parley-graphviz for the tests into a folder of its
// own and returns that folder. The test binary does not link the engine:
// every "exec parley" of the scripts would then start Graphviz (25–40 ms
// each, seconds under the race detector), as parley never does.
func builtEngine(t *testing.T) string {
	dir := t.TempDir()
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "parley-graphviz"), "github.com/parley/parley/cmd/parley-graphviz")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build parley-graphviz: %v\n%s", err, out)
	}
	return dir
}

// TestScripts runs the txtar scripts in testdata/script: each runs parley
// commands and checks their output and exit codes. go test ./cmd/parley
// -update rewrites the files that cmp compares with.
func TestScripts(t *testing.T) {
	engine := builtEngine(t)
	// One engine cache for every script, so that only the first picture
	// compiles Graphviz.
	cache := t.TempDir()
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("COLUMNS", "100")
			un, err := filepath.Abs(filepath.Join("..", "..", "data", "testdata", "unvotes"))
			if err != nil {
				return err
			}
			env.Setenv("UNVOTES", un)
			env.Setenv("XDG_CACHE_HOME", cache)
			env.Setenv("PATH", engine+string(os.PathListSeparator)+env.Getenv("PATH"))
			return nil
		},
	})
}
