package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parley/parley/data"
	"github.com/parley/parley/render/explorer"
)

// TestAPIMatchesCLI asks the explorer's API every command, with flags,
// and checks each answer is byte for byte what the same command line
// prints with --format json.
func TestAPIMatchesCLI(t *testing.T) {
	l, err := data.LoadEmbedded(data.DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	srv := explorer.New(explorer.Config{
		Scenario: func() explorer.Scenario { return explorer.Scenario{Model: l.Model, Generation: 1} },
		Narrow:   narrowing,
	})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	cases := []struct{ cli, api string }{
		{"who opposes nato-membership", "/api/who/opposes/nato-membership"},
		{"who support security", "/api/who/support/security"},
		{"who has-no-stance-on europe-at-table", "/api/who/has-no-stance-on/europe-at-table"},
		{"--as-of 2024-12-01 who supports ukraine-at-table", "/api/who/supports/ukraine-at-table?as-of=2024-12-01"},
		{"party russia", "/api/party/russia"},
		{"party Kyiv", "/api/party/Kyiv"},
		{"--as-of 2024-12-01 party us", "/api/party/us?as-of=2024-12-01"},
		{"demand nato-membership", "/api/demand/nato-membership"},
		{"demand four-regions --parties russia,ukraine", "/api/demand/four-regions?parties=russia,ukraine"},
		{"list parties", "/api/list/parties"},
		{"list demands --tags security", "/api/list/demands?tags=security"},
		{"summary", "/api/summary"},
		{"summary --top 2 --explain", "/api/summary?top=2&explain=true"},
		{"--as-of 2025-02-16 summary", "/api/summary?as-of=2025-02-16"},
		{"conflicts", "/api/conflicts"},
		{"conflicts russia ukraine us --by kappa --explain", "/api/conflicts/russia/ukraine/us?by=kappa&explain"},
		{"agreements", "/api/agreements"},
		{"agreements --by kappa --parties russia,us,ukraine", "/api/agreements?by=kappa&parties=russia&parties=us&parties=ukraine"},
		{"coalitions", "/api/coalitions"},
		{"coalitions --seed 7 --restarts 3 --exact-limit 0 --explain", "/api/coalitions?seed=7&restarts=3&exact-limit=0&explain=true"},
		{"common-ground russia us", "/api/common-ground/russia/us"},
		{"common-ground russia ukraine eu --packages 1 --explain", "/api/common-ground/russia/ukraine/eu?packages=1&explain"},
		{"concessions territorial-integrity", "/api/concessions/territorial-integrity"},
		{"concessions territorial-integrity --among russia,us", "/api/concessions/territorial-integrity?among=russia,us"},
		{"timeline", "/api/timeline"},
		{"timeline us", "/api/timeline/us"},
		{"timeline zelenskyy", "/api/timeline/zelenskyy"},
		{"timeline zelenskyy-trump", "/api/timeline/zelenskyy-trump"},
		{"--as-of 2025-02-16 timeline ukraine-at-table", "/api/timeline/ukraine-at-table?as-of=2025-02-16"},
		{"sources", "/api/sources"},
		{"diff --from 2024-12-01", "/api/diff?from=2024-12-01"},
		{"diff --from 2024-12-01 --to 2025-02-17 --parties us,russia", "/api/diff?from=2024-12-01&to=2025-02-17&parties=us,russia"},
		{"summary --parties zelenskyy,putin,us", "/api/summary?parties=zelenskyy,putin,us"},
		{"who opposes nato --parties lavrov,putin,ukraine", "/api/who/opposes/nato?parties=lavrov,putin,ukraine"},
		{"coalitions --tags economy", "/api/coalitions?tags=economy"},
		{"agreements --parties eu,france,lavrov", "/api/agreements?parties=eu,france,lavrov"},
		{"export", "/api/export"},
		{"--as-of 2024-12-01 export --format json", "/api/export?as-of=2024-12-01"},
	}
	seen := map[string]bool{}
	for _, c := range cases {
		code, want, stderr := runMain(t, false, append(strings.Fields(c.cli), "--format", "json")...)
		if code != 0 {
			t.Errorf("parley %s: exit %d: %s", c.cli, code, stderr)
			continue
		}
		res, err := http.Get(ts.URL + c.api)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("GET %s: %s: %s", c.api, res.Status, got)
			continue
		}
		if !bytes.Equal(got, []byte(want)) {
			t.Errorf("GET %s differs from parley %s --format json:\n%s", c.api, c.cli, firstDiff(string(got), want))
		}
		// The notes are the command line's lines on stderr: how it read
		// the names ("… speaks for …") and what the filters left out
		// (after "parley: ").
		var wantNotes, gotNotes []string
		for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
			if line != "" {
				wantNotes = append(wantNotes, strings.TrimPrefix(line, "parley: "))
			}
		}
		if h := res.Header.Get(explorer.NotesHeader); h != "" {
			if err := json.Unmarshal([]byte(h), &gotNotes); err != nil {
				t.Errorf("GET %s: %s %q: %v", c.api, explorer.NotesHeader, h, err)
			}
		}
		if !slices.Equal(gotNotes, wantNotes) {
			t.Errorf("GET %s notes %q; parley %s says %q", c.api, gotNotes, c.cli, wantNotes)
		}
		path, _, _ := strings.Cut(strings.TrimPrefix(c.api, "/api/"), "?")
		seen[strings.Split(path, "/")[0]] = true
	}
	for _, name := range explorer.Commands() {
		if !seen[name] {
			t.Errorf("the API's %s is not compared with the command line", name)
		}
	}
}

// firstDiff shows where two texts part.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return fmt.Sprint("line ", i+1) + ":\n  api: " + la[i] + "\n  cli: " + lb[i]
		}
	}
	return fmt.Sprintf("one is longer: %d against %d lines", len(la), len(lb))
}

// TestWatch edits the scenario under a watching store: a good edit is
// loaded, a bad one keeps the last good scenario and shows its mistakes
// with their positions, and fixing it loads it again.
func TestWatch(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "talks.yaml")
	good := "title: Talks\nparties:\n  a: {name: A}\n  b: {name: B}\ndemands:\n  x: {name: X}\nstances:\n  a: {x: support}\n  b: {x: oppose}\n"
	if err := os.WriteFile(file, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	var errOut bytes.Buffer
	a := &app{io: &IO{In: strings.NewReader(""), Out: io.Discard, ErrOut: &errOut}, data: file, format: "text", maxSize: "64MiB"}
	stamp := fileStamp(file)
	l, err := a.load()
	if err != nil {
		t.Fatal(err)
	}
	store := &scenarioStore{cur: explorer.Scenario{Model: l.Model, Generation: 1}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go watch(ctx, a, store, stamp)
	wait := func(gen uint64) explorer.Scenario {
		t.Helper()
		for range 100 {
			if sc := store.get(); sc.Generation >= gen {
				return sc
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("no reload to generation %d: %s", gen, errOut.String())
		return explorer.Scenario{}
	}
	touch := func(text string, gen int) {
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(file, time.Now(), time.Now().Add(time.Duration(gen)*time.Second))
	}
	touch(strings.Replace(good, "b: {x: oppose}", "b: {x: neutral}", 1), 1)
	sc := wait(2)
	if sc.Problem != "" || len(sc.Model.Parties()) != 2 || sc.Model.Position(1, 0).String() != "neutral" {
		t.Fatalf("after a good edit: problem %q", sc.Problem)
	}
	touch(strings.Replace(good, "b: {x: oppose}", "b: {x: opose}", 1), 2)
	sc = wait(3)
	if !strings.Contains(sc.Problem, "talks.yaml:9:") || !strings.Contains(sc.Problem, "opose") || sc.Model.Position(1, 0).String() != "neutral" {
		t.Fatalf("after a bad edit: problem %q, model kept: %v", sc.Problem, sc.Model.Position(1, 0))
	}
	touch(good, 3)
	sc = wait(4)
	if sc.Problem != "" || sc.Model.Position(1, 0).String() != "oppose" {
		t.Fatalf("after the fix: problem %q", sc.Problem)
	}
}
