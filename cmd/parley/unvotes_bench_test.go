package main

import (
	"io"
	"os"
	"path/filepath"
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
