package main

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/mattn/go-runewidth"
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

// table prints rows as aligned columns on a terminal (header first, the
// last column cut to the width) and as tab-separated lines without a header
// otherwise, so that scripts can cut and sort them.
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

// aligned writes the table with columns two spaces apart, cut to width.
func (t *table) aligned(w io.Writer, width int) error {
	all := append([][]string{t.header}, t.rows...)
	cols := 0
	for _, r := range all {
		cols = max(cols, len(r))
	}
	widths := make([]int, cols)
	for _, r := range all {
		for i, c := range r {
			widths[i] = max(widths[i], runewidth.StringWidth(c))
		}
	}
	var b strings.Builder
	for _, r := range all {
		used := 0
		var line strings.Builder
		for i, c := range r {
			if i == len(r)-1 {
				if width > 0 && used+runewidth.StringWidth(c) > width {
					c = runewidth.Truncate(c, max(width-used, 1), "…")
				}
				line.WriteString(c)
				break
			}
			line.WriteString(runewidth.FillRight(c, widths[i]))
			line.WriteString("  ")
			used += widths[i] + 2
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
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

// plural picks the word for a count: one or many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
