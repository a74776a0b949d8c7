package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

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
		{"--as-of 2025-02-16 timeline ukraine-at-table", "/api/timeline/ukraine-at-table?as-of=2025-02-16"},
		{"sources", "/api/sources"},
		{"diff --from 2024-12-01", "/api/diff?from=2024-12-01"},
		{"diff --from 2024-12-01 --to 2025-02-17 --parties us,russia", "/api/diff?from=2024-12-01&to=2025-02-17&parties=us,russia"},
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
