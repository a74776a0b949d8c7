package explorer_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/parley/parley/data"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/render"
	"github.com/parley/parley/render/explorer"
)

// enginePath is parley-graphviz built once for the tests; cacheDir the
// engine cache they share.
var enginePath, cacheDir string

func TestMain(m *testing.M) { os.Exit(run(m)) }

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "parley-explorer-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	cacheDir = filepath.Join(dir, "cache")
	enginePath = filepath.Join(dir, "parley-graphviz")
	build := exec.Command("go", "build", "-o", enginePath, "github.com/parley/parley/cmd/parley-graphviz")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build parley-graphviz: %v\n%s", err, out)
		return 1
	}
	defer closeBrowser()
	return m.Run()
}

var riyadhOnce sync.Once
var riyadhModel *graph.Model

func riyadh(t testing.TB) *graph.Model {
	riyadhOnce.Do(func() {
		l, err := data.LoadEmbedded(data.DefaultScenario)
		if err != nil {
			t.Fatal(err)
		}
		riyadhModel = l.Model
	})
	return riyadhModel
}

func newEngine() *render.Engine {
	return &render.Engine{Path: enginePath, CacheDir: cacheDir, Persistent: true}
}

// server starts the explorer on m with a persistent engine of its own.
func server(t testing.TB, m *graph.Model) (*httptest.Server, *explorer.Server) {
	eng := newEngine()
	srv := explorer.New(explorer.Config{
		Scenario: func() explorer.Scenario { return explorer.Scenario{Model: m, Generation: 1} },
		Engine:   eng,
	})
	ts := httptest.NewServer(srv)
	srv.Bind(ts.Listener.Addr().String())
	t.Cleanup(func() {
		ts.Close()
		eng.Close()
	})
	return ts, srv
}

var _ = context.Background

func httptestServer(h http.Handler) *httptest.Server { return httptest.NewServer(h) }
