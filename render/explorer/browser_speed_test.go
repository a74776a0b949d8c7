package explorer_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/parley/parley/data"
	"github.com/parley/parley/graph"
)

// measureJS clicks, then waits for the picture to be replaced and painted;
// it answers the milliseconds between, by the page's Performance API.
const measureJS = `(async (act, want) => {
  const canvas = document.querySelector('#canvas');
  const t0 = performance.now();
  const done = new Promise((resolve) => {
    const check = () => canvas.dataset.drawn && canvas.dataset.drawn.includes(want) && canvas.querySelector('svg');
    const obs = new MutationObserver(() => { if (check()) { obs.disconnect(); resolve(); } });
    obs.observe(canvas, { childList: true, attributes: true });
  });
  act();
  await done;
  await new Promise((r) => requestAnimationFrame(() => r()));
  return performance.now() - t0;
})`

// TestBrowserSpeed measures, in the browser, what a person waits for:
// the first page (picture and panel) from a server just started, a view
// switch and a step of the date control (click to the new picture on
// screen). It reports the figures, in the log and in speed.txt among the
// artifacts; it asserts none of them (the machine may be shared).
func TestBrowserSpeed(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("speed is not measured under the race detector or -short")
	}
	var report strings.Builder
	logf := func(format string, args ...any) {
		t.Logf(format, args...)
		fmt.Fprintf(&report, format+"\n", args...)
	}
	m := riyadh(t)
	// The engine's compiled code is cached on disk after the first picture
	// ever drawn; a server started later finds it.
	warm := newEngine()
	if _, err := warm.Run(context.Background(), []byte("digraph { a -> b }"), "dot", "svg"); err != nil {
		t.Fatal(err)
	}
	warm.Close()
	var firsts []float64
	for range 3 {
		firsts = append(firsts, firstLoad(t, m, ""))
	}
	logf("Riyadh, first page from a server just started (navigation start to picture and panel shown): %s ms", list(firsts))

	ts, _ := server(t, m)
	ctx, _ := tab(t)
	do(t, ctx, chromedp.Navigate(ts.URL+"/"))
	ready(t, ctx)
	var switches, cached []float64
	for round := range 2 {
		for _, v := range []string{"parties", "matrix", "map"} {
			ms := eval[float64](t, ctx, measureJS+`(() => document.querySelector('[data-view="`+v+`"]').click(), 'view=`+v+`')`)
			if round == 0 {
				switches = append(switches, ms)
			} else {
				cached = append(cached, ms)
			}
		}
	}
	logf("Riyadh, view switch (click to new picture), first time each: %s ms; again: %s ms", list(switches), list(cached))
	dates := eval[[]string](t, ctx, `parley.time.dates()`)
	var steps []float64
	for i := range dates {
		ms := eval[float64](t, ctx, measureJS+`(() => { const s = document.querySelector('#as-of'); s.value = '`+fmt.Sprint(i)+`';
		  s.dispatchEvent(new Event('input', {bubbles: true})); s.dispatchEvent(new Event('change', {bubbles: true})); }, '`+dates[i]+`')`)
		steps = append(steps, ms)
	}
	logf("Riyadh, date control step (to new picture), each of %d dates: %s ms", len(dates), list(steps))

	if dir := os.Getenv("PARLEY_UNVOTES"); dir != "" {
		start := time.Now()
		l, err := data.LoadFile(filepath.Join(dir, "un_votes.csv.gz"), data.Options{CSV: data.CSVOptions{
			PartyColumn: "country", DemandColumn: "rcid", StanceColumn: "vote",
			DemandTables:     []string{filepath.Join(dir, "un_roll_calls.csv.gz"), filepath.Join(dir, "un_roll_call_issues.csv.gz")},
			DemandNameColumn: "short", DemandTagColumn: "issue"}})
		if err != nil {
			t.Fatal(err)
		}
		load := time.Since(start)
		ms := firstLoad(t, l.Model, "")
		logf("UN votes (%d parties, %d demands): loaded in %.0f ms; first page from a server just started: %.0f ms",
			len(l.Model.Parties()), len(l.Model.Demands()), float64(load.Microseconds())/1000, ms)
	} else {
		logf("UN votes: not measured (set PARLEY_UNVOTES to the folder of the votes)")
	}
	os.WriteFile(filepath.Join(artifacts(t), "speed.txt"), []byte(report.String()), 0o644)
}

// firstLoad starts a server on m (a new engine process), opens the page
// in a new tab and answers the milliseconds from the start of navigation
// to the first picture and panel shown.
func firstLoad(t *testing.T, m *graph.Model, hash string) float64 {
	ts, srv := server(t, m)
	ctx, _ := tab(t)
	go srv.Warm(ctx) // as parley serve does when it starts
	do(t, ctx, chromedp.Navigate(ts.URL+"/"+hash))
	return waitFor[float64](t, ctx, `(() => { const e = performance.getEntriesByName('parley:shown'); return e.length ? e[0].startTime : 0; })()`)
}

func list(ms []float64) string {
	var parts []string
	for _, v := range ms {
		parts = append(parts, fmt.Sprintf("%.0f", v))
	}
	s := slices.Clone(ms)
	slices.Sort(s)
	med := 0.0
	if len(s) > 0 {
		med = s[len(s)/2]
	}
	return strings.Join(parts, ", ") + fmt.Sprintf(" (median %.0f)", med)
}
