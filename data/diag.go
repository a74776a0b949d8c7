package data

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// ErrInvalid is wrapped by every error that a mistake in an input file
// causes, as opposed to a failure to read it.
var ErrInvalid = errors.New("invalid input")

// Diagnostic is one problem found in a file.
type Diagnostic struct {
	Line    int // 1-based; 0 when it concerns the whole file
	Col     int // 1-based, in characters
	Span    int // characters to underline; at least 1
	Message string
	Warning bool
	// Hint marks a remark that is no mistake, even with --strict: a
	// pattern worth a look, such as two demands every party treats alike.
	Hint bool
}

// Error lists every problem found in one file. Its message shows each as
// FILE:LINE:COL: message, followed by the line and a caret under the spot.
type Error struct {
	File  string
	Diags []Diagnostic // sorted by position
	src   []byte
}

// maxShown bounds how many diagnostics one message shows.
const maxShown = 50

func (e *Error) Error() string {
	shown := e.Diags[:min(len(e.Diags), maxShown)]
	// One gutter for the whole report, as wide as its widest line number,
	// so that the bars line up from line 9 to line 10.
	gutter := 0
	for _, d := range shown {
		if d.Line > 0 {
			gutter = max(gutter, len(strconv.Itoa(d.Line)))
		}
	}
	var b strings.Builder
	lines := lineCursor{src: e.src, line: 1}
	for _, d := range shown {
		b.WriteString(formatDiagnostic(e.File, &lines, d, gutter))
	}
	if len(e.Diags) > maxShown {
		fmt.Fprintf(&b, "%s: and %d more\n", e.File, len(e.Diags)-maxShown)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *Error) Unwrap() error { return ErrInvalid }

// Errors counts the diagnostics that are neither warnings nor hints.
func (e *Error) Errors() int {
	n := 0
	for _, d := range e.Diags {
		if !d.Warning && !d.Hint {
			n++
		}
	}
	return n
}

// newError sorts ds by position and wraps them; nil if ds is empty.
func newError(file string, src []byte, ds []Diagnostic) *Error {
	if len(ds) == 0 {
		return nil
	}
	ds = slices.Clone(ds)
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
	ds = slices.CompactFunc(ds, func(a, b Diagnostic) bool { return a == b })
	return &Error{File: file, Diags: ds, src: src}
}

// formatDiagnostic writes one diagnostic, its line numbers right-aligned
// in a gutter of at least gutter digits.
func formatDiagnostic(file string, lines *lineCursor, d Diagnostic, gutter int) string {
	var b strings.Builder
	kind := ""
	switch {
	case d.Hint:
		kind = "hint: "
	case d.Warning:
		kind = "warning: "
	}
	if d.Line <= 0 {
		fmt.Fprintf(&b, "%s: %s%s\n", file, kind, d.Message)
		return b.String()
	}
	fmt.Fprintf(&b, "%s:%d:%d: %s%s\n", file, d.Line, d.Col, kind, d.Message)
	line, ok := lines.at(d.Line)
	if !ok {
		return b.String()
	}
	shown, offset, width := snippet(line, d.Col, max(d.Span, 1))
	num := fmt.Sprintf("%*d", gutter, d.Line)
	pad := strings.Repeat(" ", len(num))
	fmt.Fprintf(&b, " %s | %s\n", num, shown)
	fmt.Fprintf(&b, " %s | %s%s\n", pad, strings.Repeat(" ", offset), strings.Repeat("^", width))
	return b.String()
}

// lineCursor finds lines of a source by number. It moves forward from the
// last line it found, so the lines of diagnostics in order (as an Error
// holds them) cost one pass over the source in all; a line before the last
// one found starts it again from the top.
type lineCursor struct {
	src  []byte
	line int // the number of the line that starts at off
	off  int
}

// at returns line n (1-based) without its line end.
func (c *lineCursor) at(n int) ([]byte, bool) {
	if n < c.line {
		c.line, c.off = 1, 0
	}
	for c.line < n {
		j := bytes.IndexByte(c.src[c.off:], '\n')
		if j < 0 {
			return nil, false
		}
		c.off += j + 1
		c.line++
	}
	rest := c.src[c.off:]
	if j := bytes.IndexByte(rest, '\n'); j >= 0 {
		rest = rest[:j]
	}
	return bytes.TrimSuffix(rest, []byte("\r")), true
}

// snippet makes a line safe and readable for a terminal — tabs expanded,
// control characters and invalid bytes shown as �, long lines cut around
// the spot — and returns it with the display offset and width of the caret
// under characters col..col+span-1.
func snippet(line []byte, col, span int) (shown string, offset, width int) {
	// Only the characters within a screen's width of the spot can show:
	// the rest of a long line (a minified JSON file is one) is skipped
	// without being looked at.
	from, skipped := 0, 0
	for skipped < col-1-snippetWidth && from < len(line) {
		_, size := utf8.DecodeRune(line[from:])
		from += size
		skipped++
	}
	to, n := from, 0
	for n < col-1-skipped+snippetWidth+1 && to < len(line) {
		_, size := utf8.DecodeRune(line[to:])
		to += size
		n++
	}
	shown, offset, width = snippetWindow(string(line[from:to]), col-skipped, span)
	if from > 0 && !strings.HasPrefix(shown, "…") {
		shown, offset = "…"+shown, offset+1
	}
	if to < len(line) && !strings.HasSuffix(shown, "…") {
		shown += "…"
	}
	return shown, offset, width
}

// snippetWidth is the widest a snippet is shown.
const snippetWidth = 100

// snippetWindow is snippet for the part of a line that can show.
func snippetWindow(line string, col, span int) (shown string, offset, width int) {
	const maxWidth = snippetWidth
	type cell struct {
		text  string
		width int
	}
	var cells []cell
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		i += size
		switch {
		case r == '\t':
			cells = append(cells, cell{"    ", 4})
		case r == utf8.RuneError && size == 1, unicode.IsControl(r), r == '\ufeff':
			cells = append(cells, cell{"\ufffd", 1})
		default:
			w := runewidth.RuneWidth(r)
			if w == 0 {
				w = 1
				cells = append(cells, cell{"\ufffd", 1})
				continue
			}
			cells = append(cells, cell{string(r), w})
		}
	}
	col = min(max(col, 1), len(cells)+1)
	start := 0
	// Cut the left of a long line so that the spot stays in view.
	total := 0
	for _, c := range cells[:col-1] {
		total += c.width
	}
	prefix := ""
	if total > maxWidth-20 {
		for start < col-1 && total > maxWidth/2 {
			total -= cells[start].width
			start++
		}
		prefix = "…"
		total++
	}
	var b strings.Builder
	b.WriteString(prefix)
	w := len([]rune(prefix))
	for i := start; i < len(cells); i++ {
		if w+cells[i].width > maxWidth {
			b.WriteString("…")
			break
		}
		if i == col-1 {
			offset = w
		}
		if i >= col-1 && i < col-1+span {
			width += cells[i].width
		}
		b.WriteString(cells[i].text)
		w += cells[i].width
	}
	if col-1 >= len(cells) {
		offset = w
	}
	return b.String(), offset, max(width, 1)
}
