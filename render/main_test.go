package render_test

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// enginePath is parley-graphviz, built once for the tests; cacheDir is the
// engine cache they share, so only the first layout compiles Graphviz.
var enginePath, cacheDir string

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "parley-render-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	cacheDir = filepath.Join(dir, "cache")
	// A real engine, not this test binary: under the race detector the
	// binary's Graphviz start takes seconds, and the tests start dozens.
	enginePath = filepath.Join(dir, "parley-graphviz")
	build := exec.Command("go", "build", "-o", enginePath, "github.com/parley/parley/cmd/parley-graphviz")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build parley-graphviz: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}
