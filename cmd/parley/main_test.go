package main

import (
	"flag"
	"os"
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
	// One engine cache for every script: only the first layout compiles
	// Graphviz.
	cache := t.TempDir()
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("COLUMNS", "100")
			env.Setenv("XDG_CACHE_HOME", cache)
			return nil
		},
	})
}
