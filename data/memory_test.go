package data

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
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
