package data

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkParseChunk splits a 4 MB block of a vote table.
func BenchmarkParseChunk(b *testing.B) {
	var sb strings.Builder
	for d := 0; sb.Len() < streamBlock; d++ {
		for p := range 200 {
			if (p*7+d)%10 < 7 {
				fmt.Fprintf(&sb, "%d,Country number %d,C%d,yes\n", d, p, p)
			}
		}
	}
	text := sb.String()
	var rows []chunkRow
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		r := parseChunk(text, ',', 4, 1, 0, 3, rows)
		if !r.ok {
			b.Fatal("not ok")
		}
		rows = r.rows
	}
}
