package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"parley": func() { os.Exit(Main(os.Args[1:], SystemIO())) },
	})
}

// TestScripts runs the txtar scripts in testdata/script: each runs parley
// commands and checks their output and exit codes. go test ./cmd/parley
// -update rewrites the files that cmp compares with.
func TestScripts(t *testing.T) {
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
			return nil
		},
	})
}
