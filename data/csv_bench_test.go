package data

import (
	"os"
	"path/filepath"
	"testing"
)

// unvotesDir finds the UN General Assembly votes beside the checkout, for
// benchmarks on the real data; they are not part of the repository.
func unvotesDir(b *testing.B) string {
	dir := os.Getenv("PARLEY_UNVOTES")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "data", "unvotes")
	}
	if _, err := os.Stat(filepath.Join(dir, "un_votes.csv.gz")); err != nil {
		b.Skipf("no UN votes at %s (set PARLEY_UNVOTES)", dir)
	}
	return dir
}

// UNOptions are the options that read the UN votes.
func unOptions(dir string) Options {
	return Options{CSV: CSVOptions{
		PartyColumn: "country", DemandColumn: "rcid", StanceColumn: "vote",
		DemandTables:     []string{filepath.Join(dir, "un_roll_calls.csv.gz"), filepath.Join(dir, "un_roll_call_issues.csv.gz")},
		DemandNameColumn: "short", DemandTagColumn: "issue",
	}}
}

func BenchmarkLoadUNVotes(b *testing.B) {
	dir := unvotesDir(b)
	opts := unOptions(dir)
	b.ReportAllocs()
	for b.Loop() {
		l, err := LoadFile(filepath.Join(dir, "un_votes.csv.gz"), opts)
		if err != nil {
			b.Fatal(err)
		}
		if s, o, n := l.Model.Counts(); s+o+n != 869937 {
			b.Fatalf("%d stances", s+o+n)
		}
	}
}
