package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/parley/parley/render/engine"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"parley": func() { os.Exit(Main(os.Args[1:], SystemIO())) },
		// The engine may be linked into the test binary; parley itself
		// never links it (TestNoGraphvizInParley).
		"parley-graphviz": func() { os.Exit(engine.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the txtar scripts in testdata/script: each runs parley
// commands and checks their output and exit codes. go test ./cmd/parley
// -update rewrites the files that cmp compares with.
func TestScripts(t *testing.T) {
	// One engine cache and one TMPDIR for every script: the test binary
	// links Graphviz (as parley-graphviz) and compiles it at start into
	// $TMPDIR/go-graphviz, so a TMPDIR per script would cost each script
	// half a second.
	cache, tmp := t.TempDir(), t.TempDir()
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
			env.Setenv("TMPDIR", tmp)
			return nil
		},
	})
}
