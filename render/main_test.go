package render_test

import (
	"flag"
	"os"
	"testing"

	"github.com/parley/parley/render/engine"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// engineEnv makes the test binary act as parley-graphviz when it runs as
// a child of Engine (testEngine sets it for the child only: set for the
// whole process, fuzzing workers would start as engines too): the tests
// then need no separate build.
const engineEnv = "PARLEY_TEST_AS_ENGINE"

// cacheDir is the engine cache shared by the tests, so only the first
// layout compiles Graphviz.
var cacheDir string

func TestMain(m *testing.M) {
	if os.Getenv(engineEnv) == "1" {
		os.Exit(engine.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	dir, err := os.MkdirTemp("", "parley-render-test-")
	if err != nil {
		panic(err)
	}
	cacheDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
