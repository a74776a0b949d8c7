package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The benchmarks below run whole commands, loading included, on the real UN
// General Assembly votes beside the checkout (../shared/data/unvotes, or
// $PARLEY_UNVOTES); they are not in the repository, so without them the
// benchmarks skip. These are the figures of the speed goals:
//
//	go test ./cmd/parley -run X -bench UNVotes -count 5
func unvotesArgs(b *testing.B) []string {
	dir := os.Getenv("PARLEY_UNVOTES")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "data", "unvotes")
	}
	if _, err := os.Stat(filepath.Join(dir, "un_votes.csv.gz")); err != nil {
		b.Skipf("no UN votes at %s (set PARLEY_UNVOTES)", dir)
	}
	return []string{"--data", filepath.Join(dir, "un_votes.csv.gz"),
		"--party-column", "country", "--demand-column", "rcid", "--stance-column", "vote",
		"--demand-table", filepath.Join(dir, "un_roll_calls.csv.gz"), "--demand-name-column", "short",
		"--demand-table", filepath.Join(dir, "un_roll_call_issues.csv.gz"), "--demand-tag-column", "issue"}
}

func BenchmarkUNVotes(b *testing.B) {
	base := unvotesArgs(b)
	for _, c := range []struct{ name, args string }{
		{"load", "list parties"},
		{"agreements-json", "agreements --format json"},
		{"coalitions", "coalitions"},
		{"summary", "summary"},
		{"positions", "positions"},
		{"positions-year", "--since 2005-01-01 --until 2005-12-31 positions"},
		{"positions-since-2000", "--since 2000 positions"},
	} {
		b.Run(c.name, func(b *testing.B) {
			args := append(append([]string{}, base...), strings.Fields(c.args)...)
			for b.Loop() {
				streams := &IO{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard}
				if code := Main(args, streams); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}

// TestUNVotesSummary checks the counts the UN votes are published with,
// when the votes are beside the checkout.
func TestUNVotesSummary(t *testing.T) {
	dir := os.Getenv("PARLEY_UNVOTES")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "data", "unvotes")
	}
	if _, err := os.Stat(filepath.Join(dir, "un_votes.csv.gz")); err != nil {
		t.Skipf("no UN votes at %s (set PARLEY_UNVOTES)", dir)
	}
	var out, errOut strings.Builder
	code := Main([]string{"--data", filepath.Join(dir, "un_votes.csv.gz"), "--party-column", "country",
		"--demand-column", "rcid", "--stance-column", "vote", "summary"}, &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	want := "200 parties, 6202 demands, 869937 stances (693544 support, 65500 oppose, 110893 neutral)"
	if !strings.Contains(out.String(), want) {
		t.Errorf("summary does not say %q:\n%s", want, out.String())
	}
}

// unvotes returns the flags that load the UN votes with their roll-call
// and issue tables, or skips the test when they are not at hand.
func unvotes(t *testing.T) []string {
	t.Helper()
	dir := os.Getenv("PARLEY_UNVOTES")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "data", "unvotes")
	}
	if _, err := os.Stat(filepath.Join(dir, "un_votes.csv.gz")); err != nil {
		t.Skipf("no UN votes at %s (set PARLEY_UNVOTES)", dir)
	}
	return []string{"--data", filepath.Join(dir, "un_votes.csv.gz"),
		"--party-column", "country", "--demand-column", "rcid", "--stance-column", "vote",
		"--demand-table", filepath.Join(dir, "un_roll_calls.csv.gz"), "--demand-name-column", "short",
		"--demand-table", filepath.Join(dir, "un_roll_call_issues.csv.gz"), "--demand-tag-column", "issue"}
}

func runJSON(t *testing.T, args []string, v any) {
	t.Helper()
	var out, errOut strings.Builder
	if code := Main(args, &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if err := json.Unmarshal([]byte(out.String()), v); err != nil {
		t.Fatal(err)
	}
}

// TestUNVotesBlocs: since 2000 the default objective finds the split that
// studies of UN voting find, a Western group against the rest.
func TestUNVotesBlocs(t *testing.T) {
	var got struct {
		Objective string `json:"objective"`
		Blocs     []struct {
			Parties []string `json:"parties"`
		} `json:"blocs"`
	}
	runJSON(t, append(unvotes(t), "--since", "2000", "coalitions", "--format", "json"), &got)
	if got.Objective != "centred" {
		t.Errorf("objective %q, want centred", got.Objective)
	}
	west := []string{"united-states", "canada", "united-kingdom", "france", "germany", "japan", "australia"}
	rest := []string{"china", "india", "brazil", "egypt", "cuba", "iran", "russia", "south-africa"}
	found := false
	for _, b := range got.Blocs {
		if !slices.Contains(b.Parties, "united-states") {
			continue
		}
		found = true
		for _, id := range west {
			if !slices.Contains(b.Parties, id) {
				t.Errorf("%s is not in the bloc of the United States", id)
			}
		}
		for _, id := range rest {
			if slices.Contains(b.Parties, id) {
				t.Errorf("%s is in the bloc of the United States", id)
			}
		}
	}
	if !found {
		t.Fatal("no bloc holds the United States")
	}
}

// TestUNVotesPositions: on the first axis, the Western states sit at one
// end and their opponents at the other, since 2000 and in single years of
// every decade, as the published UN ideal points put them.
func TestUNVotesPositions(t *testing.T) {
	base := unvotes(t)
	west := []string{"united-states", "israel", "united-kingdom", "france", "canada"}
	east := []string{"cuba", "iran", "north-korea", "syria", "china"}
	spans := [][2]string{{"2000", ""}, {"1965-01-01", "1965-12-31"}, {"1975-01-01", "1975-12-31"},
		{"1985-01-01", "1985-12-31"}, {"1995-01-01", "1995-12-31"}, {"2005-01-01", "2005-12-31"}, {"2015-01-01", "2015-12-31"}}
	if testing.Short() {
		spans = spans[:2] // the span since 2000 and one year
	}
	for _, span := range spans {
		args := append(slices.Clone(base), "--since", span[0])
		if span[1] != "" {
			args = append(args, "--until", span[1])
		}
		var got struct {
			Parties []struct {
				ID     string    `json:"id"`
				Coords []float64 `json:"coords"`
			} `json:"parties"`
		}
		runJSON(t, append(args, "positions", "--dimensions", "1", "--format", "json"), &got)
		x := map[string]float64{}
		for _, p := range got.Parties {
			if p.Coords != nil {
				x[p.ID] = p.Coords[0]
			}
		}
		// Every Western state present lies beyond every opponent present,
		// on the same side as the United States.
		side := x["united-states"]
		for _, w := range west {
			wx, ok := x[w]
			if !ok {
				continue
			}
			for _, e := range east {
				ex, ok := x[e]
				if !ok {
					continue
				}
				if (wx-ex)*side <= 0 {
					t.Errorf("since %s until %s: %s (%.2f) is not beyond %s (%.2f) on the side of the United States",
						span[0], span[1], w, wx, e, ex)
				}
			}
		}
	}
}
