package main

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/parley/parley/data"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/internal/synth"
	"github.com/parley/parley/render/report"
)

// appWith returns an app whose scenario is m, writing to out.
func appWith(m *graph.Model, format string, out io.Writer) *app {
	return &app{io: &IO{Out: out, ErrOut: io.Discard, Width: 100}, format: format,
		loaded: &data.Loaded{Name: "generated", Model: m}}
}

// TestListsThreshold: a pair's demand lists and stances, a bloc's united
// and split demands, are in the JSON by default up to 200 demands, and
// beyond only with --explain; the counts always are.
func TestListsThreshold(t *testing.T) {
	cfg := synth.Config{Parties: 4, Demands: report.ListsLimit, Density: 0.9, Blocs: 2, Support: 0.5, Noise: 0.2, Seed: 1}
	for _, tt := range []struct {
		demands int
		explain bool
		lists   bool
	}{{report.ListsLimit, false, true}, {report.ListsLimit + 1, false, false}, {report.ListsLimit + 1, true, true}} {
		cfg.Demands = tt.demands
		m := synth.Scenario(cfg)

		var out bytes.Buffer
		if err := runPairs(&pairsOptions{app: appWith(m, "json", &out), By: "distance", Explain: tt.explain}); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Pairs []map[string]any `json:"pairs"`
		}
		if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Pairs) != 6 {
			t.Fatalf("%d pairs", len(doc.Pairs))
		}
		for _, p := range doc.Pairs {
			_, demands := p["demands"]
			_, stances := p["stances"]
			_, shared := p["shared"]
			if demands != tt.lists || stances != tt.lists || !shared {
				t.Errorf("%d demands, explain %v: pair has demands %v, stances %v, shared %v", tt.demands, tt.explain, demands, stances, shared)
			}
		}

		out.Reset()
		if err := runCoalitions(&coalitionsOptions{app: appWith(m, "json", &out), Restarts: 4, ExactLimit: 20, Explain: tt.explain}); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(out.String(), `"united_on"`); got != tt.lists {
			t.Errorf("%d demands, explain %v: united_on shown %v", tt.demands, tt.explain, got)
		}

		out.Reset()
		if err := runPairs(&pairsOptions{app: appWith(m, "text", &out), By: "distance", Explain: false}); err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(out.String(), "\n")
		if cols := len(strings.Split(first, "\t")); cols != 9+boolInt(tt.lists && !tt.explain || tt.demands <= report.ListsLimit) {
			t.Errorf("%d demands: %d columns in %q", tt.demands, cols, first)
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

var (
	unOnce sync.Once
	unM    *graph.Model
)

func unModel(b *testing.B) *graph.Model {
	unOnce.Do(func() { unM = synth.Scenario(synth.UN()) })
	b.ResetTimer()
	return unM
}

// BenchmarkAgreementsJSONUN is parley agreements --format json at the
// size of the UN votes (200 parties × 6,000 demands), once the scenario is
// loaded: all pairs measured and ranked, every demand's sides, streamed.
func BenchmarkAgreementsJSONUN(b *testing.B) {
	var out counter
	a := appWith(unModel(b), "json", &out)
	for b.Loop() {
		if err := runPairs(&pairsOptions{app: a, By: "distance"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out)/float64(b.N)/1e6, "MB-out/op")
}

// counter is a writer that counts what it is given.
type counter int

func (c *counter) Write(p []byte) (int, error) {
	*c += counter(len(p))
	return len(p), nil
}

func BenchmarkCoalitionsUN(b *testing.B) {
	a := appWith(unModel(b), "text", io.Discard)
	for b.Loop() {
		if err := runCoalitions(&coalitionsOptions{app: a, Restarts: graph.DefaultRestarts, ExactLimit: graph.DefaultExactLimit}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSummaryUN(b *testing.B) {
	a := appWith(unModel(b), "text", io.Discard)
	for b.Loop() {
		if err := runSummary(&summaryOptions{app: a, Top: graph.DefaultTop}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSummaryJSONUN(b *testing.B) {
	a := appWith(unModel(b), "json", io.Discard)
	for b.Loop() {
		if err := runSummary(&summaryOptions{app: a, Top: graph.DefaultTop}); err != nil {
			b.Fatal(err)
		}
	}
}

var (
	specOnce sync.Once
	specM    *graph.Model
)

func specModel(b *testing.B) *graph.Model {
	specOnce.Do(func() { specM = synth.Scenario(synth.Spec()) })
	b.ResetTimer()
	return specM
}

// BenchmarkAgreementsJSON and the others run the commands on the 50 × 500
// scenario, writing to nowhere.
func BenchmarkAgreementsJSON(b *testing.B) {
	a := appWith(specModel(b), "json", io.Discard)
	for b.Loop() {
		if err := runPairs(&pairsOptions{app: a, By: "distance"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkConflictsText(b *testing.B) {
	a := appWith(specModel(b), "text", io.Discard)
	for b.Loop() {
		if err := runPairs(&pairsOptions{app: a, Conflicts: true, By: "distance"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCommonGroundText(b *testing.B) {
	a := appWith(specModel(b), "text", io.Discard)
	for b.Loop() {
		if err := runCommonGround(&groundOptions{app: a, Parties: []string{"p000", "p001", "p002"}, Packages: 3}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkConcessionsText(b *testing.B) {
	a := appWith(specModel(b), "text", io.Discard)
	for b.Loop() {
		if err := runConcessions(&concessionsOptions{app: a, Demand: "d0042"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSummary(b *testing.B) {
	a := appWith(specModel(b), "text", io.Discard)
	for b.Loop() {
		if err := runSummary(&summaryOptions{app: a, Top: graph.DefaultTop}); err != nil {
			b.Fatal(err)
		}
	}
}
