package data

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/parley/parley/internal/synth"
)

// TestLargeScenarioMemory loads a generated 4 MB scenario file and bounds
// the memory it takes: a parser that holds many copies of a file (one we
// tried allocated a thousand times its size) fails here.
func TestLargeScenarioMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a 4 MB file")
	}
	var b strings.Builder
	b.WriteString("title: generated\nparties:\n")
	const parties, demands = 40, 2500
	for p := range parties {
		fmt.Fprintf(&b, "  party-%d: Party number %d\n", p, p)
	}
	b.WriteString("demands:\n")
	for d := range demands {
		fmt.Fprintf(&b, "  demand-%d: {name: Demand number %d, tags: [generated]}\n", d, d)
	}
	b.WriteString("stances:\n")
	words := []string{"support", "oppose", "neutral"}
	for p := range parties {
		fmt.Fprintf(&b, "  party-%d:\n", p)
		for d := range demands {
			fmt.Fprintf(&b, "    demand-%d: %s\n", d, words[(p*7+d*3)%3])
		}
	}
	src := []byte(b.String())

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	l, err := Parse("big.yaml", src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if s, o, n := l.Model.Counts(); s+o+n != parties*demands {
		t.Fatalf("%d stances", s+o+n)
	}
	allocated := after.TotalAlloc - before.TotalAlloc
	size := uint64(len(src))
	t.Logf("%d bytes of YAML: %d MB allocated (%.0f× the file)", size, allocated>>20, float64(allocated)/float64(size))
	if allocated > 70*size {
		t.Errorf("loading %d bytes allocated %d MB, over 70 times the file", size, allocated>>20)
	}
}

// TestBytesPerStance loads a generated vote table of 1,000 parties × 2,000
// demands (1.4 million votes) and bounds what the model keeps: at most 40
// bytes a stance once loaded (it takes about 3 bits and its share of the
// party's blocks), and a peak while loading far below the table's size, as
// the table is streamed.
func TestBytesPerStance(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a 23 MB table")
	}
	path := filepath.Join(t.TempDir(), "votes.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	c := synth.UN()
	c.Parties, c.Demands = 1000, 2000
	votes, err := synth.WriteTable(f, c)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	st, _ := os.Stat(path)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	l, err := LoadFile(path, Options{CSV: CSVOptions{StanceColumn: "vote"}})
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.GC() // the second empties the pools of blocks
	runtime.ReadMemStats(&after)
	if s, o, n := l.Model.Counts(); s+o+n != votes.Rows {
		t.Fatalf("%d stances, want %d", s+o+n, votes.Rows)
	}
	kept := float64(after.HeapAlloc) - float64(before.HeapAlloc)
	per := kept / float64(votes.Rows)
	t.Logf("%d votes in %d bytes of CSV: %.1f MB kept, %.1f bytes a stance", votes.Rows, st.Size(), kept/1e6, per)
	if per > 40 {
		t.Errorf("the model keeps %.1f bytes a stance, over 40", per)
	}
	runtime.KeepAlive(l)
}
