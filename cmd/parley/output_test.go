package main

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

func TestWrapCell(t *testing.T) {
	tests := []struct {
		s     string
		width int
		want  []string
	}{
		{"NATO membership for Ukraine was not realistic", 20, []string{"NATO membership for", "Ukraine was not", "realistic"}},
		{"short", 20, []string{"short"}},
		{"a,b,c,d", 4, []string{"a,b,", "c,d"}},                                  // after commas
		{"us-russia-normalisation", 13, []string{"us-russia-", "normalisation"}}, // after hyphens
		{"us-russia-normalisation", 10, []string{"us-russia-", "normalisat", "ion"}},
		{"Россия и США", 6, []string{"Россия", "и США"}},
		{"日本語のテキスト", 6, []string{"日本語", "のテキ", "スト"}}, // wide runes count two columns
		{"anything", 0, []string{"anything"}},
	}
	for _, tt := range tests {
		if got := wrapCell(tt.s, tt.width); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("wrapCell(%q, %d) = %q, want %q", tt.s, tt.width, got, tt.want)
		}
	}
}

// whoTable is the table of parley who supports security-guarantees, with
// a long name and a longer quote.
func whoTable() *table {
	t := &table{header: []string{"PARTY", "NAME", "STRENGTH", "BY", "QUOTE"}}
	t.add("european-countries", "Several European countries", "firm", "",
		"Ukraine and several European countries have insisted that without security guarantee, Russia could again invade the country")
	t.add("ukraine", "Ukraine", "firm", "Volodymyr Zelenskyy", "should be accompanied by a written agreement on security guarantees for Ukraine")
	t.add("us", "United States", "neutral", "Keith Kellogg", "")
	return t
}

// TestTableFits: at every width from the narrowest the columns allow, no
// line is wider than the width and every cell's text is all there, in
// order, on the lines of its row.
func TestTableFits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"a", "NATO", "membership", "us-russia-normalisation", "Zelenskyy", "1,2,3", "Россия", "日本", "x/y"}
	random := func() *table {
		cols := 1 + rng.IntN(6)
		t := &table{}
		for c := 0; c < cols; c++ {
			t.header = append(t.header, strings.Repeat("H", 1+rng.IntN(8)))
		}
		for r := 0; r < 1+rng.IntN(4); r++ {
			row := make([]string, cols)
			for c := range row {
				var ws []string
				for n := rng.IntN(12); n > 0; n-- {
					ws = append(ws, words[rng.IntN(len(words))])
				}
				row[c] = strings.Join(ws, " ")
			}
			t.add(row...)
		}
		return t
	}
	tables := []*table{whoTable()}
	for i := 0; i < 50; i++ {
		tables = append(tables, random())
	}
	for _, tb := range tables {
		cols, key := len(tb.header), 0
		for _, h := range tb.header {
			key = max(key, len(h))
		}
		for width := max(cols*minColumn+gap*(cols-1), key+gap+minColumn); width <= 140; width++ {
			var b bytes.Buffer
			if err := tb.aligned(&b, width); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
			for _, l := range lines {
				if w := runewidth.StringWidth(l); w > width {
					t.Fatalf("width %d: line of %d columns: %q\n%s", width, w, l, b.String())
				}
			}
			checkCells(t, tb, lines, width)
		}
	}
}

// checkCells checks that the lines show the characters of the header and
// the cells, spaces aside, each as often: as a table, or as records (the
// header before each row's cells). Lines of a wrapped table interleave
// the cells, so the order is not compared.
func checkCells(t *testing.T, tb *table, lines []string, width int) {
	t.Helper()
	count := func(m map[rune]int, s string, n int) {
		for _, r := range s {
			if r != ' ' {
				m[r] += n
			}
		}
	}
	asTable, asRecords, got := map[rune]int{}, map[rune]int{}, map[rune]int{}
	for _, c := range tb.header {
		count(asTable, c, 1)
	}
	for _, r := range tb.rows {
		for i, c := range r {
			count(asTable, c, 1)
			count(asRecords, c, 1)
			count(asRecords, tb.header[i], 1)
		}
	}
	for _, l := range lines {
		count(got, l, 1)
	}
	if !reflect.DeepEqual(got, asTable) && !reflect.DeepEqual(got, asRecords) {
		t.Fatalf("width %d: the text is not the cells':\n%s", width, strings.Join(lines, "\n"))
	}
}

func TestTableWide(t *testing.T) {
	var b bytes.Buffer
	tb := whoTable()
	if err := tb.aligned(&b, 0); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "\n"); n != 4 {
		t.Errorf("width 0 (--wide): %d lines, want one a row:\n%s", n, b.String())
	}
	// Piped: tab-separated, unwrapped, no header, whatever the width.
	b.Reset()
	if err := tb.write(&IO{Out: &b, Width: 20}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "european-countries\tSeveral European countries\tfirm\t\tUkraine and several") || strings.Count(b.String(), "\n") != 3 {
		t.Errorf("piped:\n%s", b.String())
	}
}

func TestColumnWidths(t *testing.T) {
	tests := []struct {
		natural, words, parts []int
		room                  int
		want                  []int
	}{
		{[]int{5, 10, 100}, []int{5, 6, 12}, []int{5, 6, 12}, 200, []int{5, 10, 100}}, // fits
		{[]int{5, 10, 100}, []int{5, 6, 12}, []int{5, 6, 12}, 60, []int{5, 10, 45}},   // the widest narrows
		{[]int{5, 30, 100}, []int{5, 6, 12}, []int{5, 6, 12}, 60, []int{5, 27, 28}},   // the two widest
		{[]int{21, 7, 57}, []int{21, 1, 10}, []int{13, 1, 10}, 40, []int{21, 7, 12}},  // ids whole while words fit
		{[]int{21, 7, 57}, []int{21, 1, 10}, []int{13, 1, 10}, 30, []int{13, 7, 10}},  // then broken at hyphens
		{[]int{21, 7, 57}, []int{21, 1, 10}, []int{13, 1, 10}, 15, []int{5, 5, 5}},    // then anywhere
		{[]int{21, 7, 57}, []int{21, 1, 10}, []int{13, 1, 10}, 0, []int{21, 7, 57}},   // --wide
	}
	for _, tt := range tests {
		if got := columnWidths(tt.natural, [][]int{tt.words, tt.parts}, tt.room); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("columnWidths(%v, room %d) = %v, want %v", tt.natural, tt.room, got, tt.want)
		}
	}
}

func TestWrapLines(t *testing.T) {
	in := "Axis 1 (52% of the variance): from russia to ukraine\n  its ends: “Ukraine recovers all its territory” (territorial-integrity, 0.41)\nshort\n"
	want := "Axis 1 (52% of the variance): from\nrussia to ukraine\n  its ends: “Ukraine recovers all\n  its territory”\n  (territorial-integrity, 0.41)\nshort\n"
	if got := wrapLines(in, 36); got != want {
		t.Errorf("wrapLines:\n%s\nwant:\n%s", got, want)
	}
	if got := wrapLines(in, 0); got != in {
		t.Errorf("width 0 changed the text")
	}
}
