package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"

	"github.com/parley/parley/graph"
)

// sanitize makes text from a data file safe for a terminal: control
// characters (escape sequences among them) are dropped, and unless
// multiline is set, line breaks and tabs become spaces.
func sanitize(s string, multiline bool) string {
	clean := true
	for _, r := range s {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\ufeff' || r == '\u202e' || r == '\u202d' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case multiline && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case r == '\n' || r == '\t' || r == '\r' || r == '\u2028' || r == '\u2029':
			b.WriteByte(' ')
		case unicode.IsControl(r), r == '\ufeff', r == '\u202e', r == '\u202d':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// table prints rows as aligned columns on a terminal (header first; long
// cells wrapped onto continuation lines to fit the width) and as
// tab-separated lines without a header otherwise, so that scripts can cut
// and sort them.
type table struct {
	header []string
	rows   [][]string
}

func (t *table) add(cells ...string) {
	for i := range cells {
		cells[i] = sanitize(cells[i], false)
	}
	t.rows = append(t.rows, cells)
}

func (t *table) write(s *IO) error {
	if !s.OutTTY {
		var b strings.Builder
		for _, r := range t.rows {
			b.WriteString(strings.Join(r, "\t"))
			b.WriteByte('\n')
		}
		_, err := io.WriteString(s.Out, b.String())
		return err
	}
	return t.aligned(s.Out, s.Width)
}

// records writes the table for a terminal too narrow for its columns
// even with words broken at hyphens: each row as a block of lines, a
// header and its cell's text, wrapped to width; a blank line between
// rows.
func (t *table) records(w io.Writer, width int) error {
	key := 0
	for _, h := range t.header {
		key = max(key, runewidth.StringWidth(h))
	}
	var b strings.Builder
	for r, row := range t.rows {
		if r > 0 {
			b.WriteByte('\n')
		}
		for i, c := range row {
			h := ""
			if i < len(t.header) {
				h = t.header[i]
			}
			for l, line := range wrapCell(c, max(width-key-gap, minColumn)) {
				if l > 0 {
					h = ""
				}
				b.WriteString(strings.TrimRight(runewidth.FillRight(h, key+gap)+line, " "))
				b.WriteByte('\n')
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func sumOf(f func(i int) int, n int) int {
	total := 0
	for i := 0; i < n; i++ {
		total += f(i)
	}
	return total
}

// heading writes a line of prose above a table, wrapped to the terminal's
// width like the table's cells.
// Line breaks at its end are kept.
func heading(s *IO, format string, args ...any) {
	text := fmt.Sprintf(format, args...)
	body := strings.TrimRight(text, "\n")
	fmt.Fprintln(s.Out, strings.Join(wrapCell(sanitize(body, false), s.Width), "\n")+text[len(body):])
}

// wrapLines wraps each line of prose s longer than width between words,
// its continuation lines indented as the line is; width 0 leaves s as it
// is.
func wrapLines(s string, width int) string {
	if width <= 0 {
		return s
	}
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		body := strings.TrimSuffix(line, "\n")
		if runewidth.StringWidth(body) <= width {
			b.WriteString(line)
			continue
		}
		text := strings.TrimLeft(body, " ")
		indent := strings.Repeat(" ", len(body)-len(text))
		for i, l := range wrapCell(text, max(width-len(indent), minColumn)) {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(indent + l)
		}
		b.WriteString(line[len(body):])
	}
	return b.String()
}

// gap is the space between two columns.
const gap = 2

// aligned writes the table with columns two spaces apart. When a row is
// wider than width (and width is above 0) the widest columns are narrowed
// and their cells wrapped onto continuation lines, so that no line is
// wider than width and no text is lost: lines break between words (after
// a space or a comma) while that is enough, and then also inside ids
// (after a hyphen or a slash). A table that does not fit even so is
// written as records, one block of lines a row.
func (t *table) aligned(w io.Writer, width int) error {
	all := append([][]string{t.header}, t.rows...)
	cols := 0
	for _, r := range all {
		cols = max(cols, len(r))
	}
	natural := make([]int, cols) // the widest cell
	words := make([]int, cols)   // the widest word of a cell
	parts := make([]int, cols)   // the widest part of a word of a cell
	for _, r := range all {
		for i, c := range r {
			natural[i] = max(natural[i], runewidth.StringWidth(c))
			for _, word := range pieces(c, false) {
				words[i] = max(words[i], pieceWidth(word))
				for _, part := range pieces(word, true) {
					parts[i] = max(parts[i], pieceWidth(part))
				}
			}
		}
	}
	room := width - gap*(cols-1)
	if width > 0 && sumOf(func(i int) int { return min(natural[i], parts[i]) }, cols) > room {
		return t.records(w, width)
	}
	widths := columnWidths(natural, [][]int{words, parts}, room)
	var b strings.Builder
	for _, r := range all {
		cells := make([][]string, len(r))
		lines := 1
		for i, c := range r {
			cells[i] = wrapCell(c, widths[i])
			lines = max(lines, len(cells[i]))
		}
		for l := 0; l < lines; l++ {
			var line strings.Builder
			for i := range r {
				c := ""
				if l < len(cells[i]) {
					c = cells[i][l]
				}
				if i == len(r)-1 {
					line.WriteString(c)
					break
				}
				line.WriteString(runewidth.FillRight(c, widths[i]))
				line.WriteString(strings.Repeat(" ", gap))
			}
			b.WriteString(strings.TrimRight(line.String(), " "))
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// columnWidths narrows the widest columns until they fit in room, each to
// a common cap but to no less than the floor of the first of floors whose
// floors all fit (the widest word, then the widest part of a word); when
// none does, to no less than minColumn. room <= 0, or columns that fit,
// keep the natural widths. Cost O(C·log W) for C columns.
func columnWidths(natural []int, floors [][]int, room int) []int {
	sum := func(ws []int) int {
		n := 0
		for _, w := range ws {
			n += w
		}
		return n
	}
	if room <= 0 || sum(natural) <= room {
		return slices.Clone(natural)
	}
	floor := make([]int, len(natural))
	for i := range floor {
		floor[i] = min(natural[i], minColumn)
	}
	for _, f := range floors {
		fits := make([]int, len(natural))
		for i := range fits {
			fits[i] = min(natural[i], f[i])
		}
		if sum(fits) <= room {
			floor = fits
			break
		}
	}
	capped := func(c int) []int {
		ws := make([]int, len(natural))
		for i := range ws {
			ws[i] = max(min(natural[i], c), floor[i])
		}
		return ws
	}
	// The largest cap that fits: a binary search over 1..max(natural).
	best, lo, hi := 0, 1, slices.Max(natural)
	for lo <= hi {
		mid := (lo + hi) / 2
		if sum(capped(mid)) <= room {
			best, lo = mid, mid+1
		} else {
			hi = mid - 1
		}
	}
	widths := capped(best)
	// What the cap leaves over goes to the narrowed columns, widest first.
	left := room - sum(widths)
	order := make([]int, len(widths))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return natural[b] - natural[a] })
	for _, i := range order {
		if left <= 0 {
			break
		}
		if add := min(left, natural[i]-widths[i]); add > 0 {
			widths[i] += add
			left -= add
		}
	}
	return widths
}

// minColumn is the narrowest a column is made when even the parts of
// words do not fit: below it, lines run past the width.
const minColumn = 4

// pieces splits s into the pieces a line may end after: words with the
// spaces after them, split after commas too; with inner, parts of a word
// up to a hyphen or a slash.
func pieces(s string, inner bool) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		brk := c == ' ' || c == ','
		if inner {
			brk = c == '-' || c == '/'
		}
		if brk && i+1 < len(s) && s[i+1] != ' ' {
			out = append(out, s[start:i+1])
			start = i + 1
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// pieceWidth is the width of a piece without the spaces after it.
func pieceWidth(p string) int { return runewidth.StringWidth(strings.TrimRight(p, " ")) }

// wrapCell breaks s into lines of at most width columns, between words
// where it can, inside a word wider than the line after a hyphen or a
// slash, and anywhere when that is not enough.
func wrapCell(s string, width int) []string {
	if width <= 0 || runewidth.StringWidth(s) <= width {
		return []string{s}
	}
	var lines []string
	var cur strings.Builder
	curW := 0
	flush := func() {
		if cur.Len() > 0 {
			lines = append(lines, strings.TrimRight(cur.String(), " "))
		}
		cur.Reset()
		curW = 0
	}
	put := func(piece string) {
		if curW > 0 && curW+pieceWidth(piece) > width {
			flush()
		}
		cur.WriteString(piece)
		curW += runewidth.StringWidth(piece)
	}
	for _, word := range pieces(s, false) {
		if pieceWidth(word) <= width {
			put(word)
			continue
		}
		for _, part := range pieces(word, true) {
			for pieceWidth(part) > width {
				// Wider than the line even alone: cut it.
				head := runewidth.Truncate(part, width, "")
				if head == "" {
					_, n := utf8.DecodeRuneInString(part)
					head = part[:n]
				}
				flush()
				lines = append(lines, head)
				part = part[len(head):]
			}
			put(part)
		}
	}
	flush()
	return lines
}

// csvOut says how CSV is made safe where it lands: on a terminal, control
// characters (escape sequences among them) are dropped; unless raw, a cell
// that a spreadsheet would run as a formula gets a leading quote. The
// standard output stream carries it (checkedWriter).
type csvOut struct {
	terminal bool
	raw      bool // --csv-raw
}

// csvTarget is a stream that says how CSV written to it is made safe.
type csvTarget interface{ csvOut() csvOut }

// cell makes one cell safe.
func (o csvOut) cell(s string) string {
	if o.terminal {
		s = sanitize(s, true)
	}
	if !o.raw && isFormula(s) {
		s = "'" + s
	}
	return s
}

// isFormula reports whether a spreadsheet would take s for a formula: it
// begins with =, +, -, @, a tab or a carriage return. Numbers (-1, +0.5)
// and a lone + or - (the stance matrix's support and oppose) are not.
func isFormula(s string) bool {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return false
	}
	if s == "+" || s == "-" {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err != nil
}

// writeCSV prints a header and rows as RFC 4180 CSV, each cell made safe
// for where w lands (csvOut).
func writeCSV(w io.Writer, header []string, rows [][]string) error {
	out := csvOut{}
	if t, ok := w.(csvTarget); ok {
		out = t.csvOut()
	}
	cw := csv.NewWriter(w)
	var cells []string
	write := func(r []string) error {
		cells = cells[:0]
		for _, c := range r {
			cells = append(cells, out.cell(c))
		}
		return cw.Write(cells)
	}
	if err := write(header); err != nil {
		return err
	}
	for _, r := range rows {
		if err := write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// asOf is what a heading adds when the scenario is shown at a date
// (--as-of): ", as of 2024-12-01"; "" for the latest.
func asOf(m *graph.Model) string {
	if m.AsOf().IsZero() {
		return ""
	}
	return ", as of " + m.AsOf().String()
}

// plural picks the word for a count: one or many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
