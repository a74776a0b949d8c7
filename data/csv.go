package data

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"

	"github.com/parley/parley/graph"
)

// CSVOptions say how to read stance tables. The zero value reads a long
// table with columns party, demand and stance, or a matrix.
type CSVOptions struct {
	// Long tables: one stance per row, columns found by header name.
	PartyColumn  string // default "party"
	DemandColumn string // default "demand"
	StanceColumn string // default "stance"
	// DemandTables name and date the demands: files (gzipped ones too)
	// whose rows are found by DemandIDColumn (default: DemandColumn) and
	// which give a name, a date, a description and tags for each. A table
	// without one of those columns gives no such value.
	DemandTables      []string
	DemandIDColumn    string // default: the demand column
	DemandNameColumn  string // default "name"
	DemandDateColumn  string // default "date"
	DemandTagColumn   string // default "tag"
	DemandDescrColumn string // default "description"
	// Since and Until, when set, drop as the table is read the stances on
	// demands the demand tables date outside them, or do not date: the
	// demands and parties stay, with fewer stances, so that a year of a
	// long record costs the memory of that year. They apply only with
	// demand tables.
	Since, Until graph.Date
}

func (o *CSVOptions) defaults() CSVOptions {
	c := *o
	or := func(s *string, def string) {
		if *s == "" {
			*s = def
		}
	}
	or(&c.PartyColumn, "party")
	or(&c.DemandColumn, "demand")
	or(&c.StanceColumn, "stance")
	or(&c.DemandIDColumn, c.DemandColumn)
	or(&c.DemandNameColumn, "name")
	or(&c.DemandDateColumn, "date")
	or(&c.DemandTagColumn, "tag")
	or(&c.DemandDescrColumn, "description")
	return c
}

// StanceWords lists the cell values a CSV stance may take, in any case.
var StanceWords = map[string]graph.Position{
	"+": graph.Support, "1": graph.Support, "support": graph.Support, "yes": graph.Support, "agree": graph.Support,
	"-": graph.Oppose, "-1": graph.Oppose, "oppose": graph.Oppose, "no": graph.Oppose, "disagree": graph.Oppose,
	"0": graph.Neutral, "neutral": graph.Neutral, "abstain": graph.Neutral,
}

const acceptedWords = "+ - 0, 1 -1 0, support oppose neutral, yes no abstain, agree disagree (any case), or empty for no stance"

func parseCell(s string) (graph.Position, bool) {
	// The words of vote tables first, without hashing: a million cells.
	switch s {
	case "yes":
		return graph.Support, true
	case "no":
		return graph.Oppose, true
	case "abstain":
		return graph.Neutral, true
	}
	if p, ok := StanceWords[s]; ok {
		return p, true
	}
	p, ok := StanceWords[strings.ToLower(strings.TrimSpace(s))]
	return p, ok
}

// csvReader wraps encoding/csv with positions in characters and the
// diagnostics of one file.
type csvReader struct {
	name  string
	src   []byte
	r     *csv.Reader
	diags []Diagnostic
	lines []int // byte offset of each line start, built on first need

	// A table without a single quote character needs no CSV state machine:
	// fast splits its lines itself, several times quicker on vote tables,
	// with the same records and positions as encoding/csv.
	fast  bool
	comma byte
	off   int    // next byte to read
	line  int    // line of the record just read
	text  string // src as a string, so that fields are slices of it, not copies
	rec   []string
	cols  []int // byte column of each field of rec
}

func newCSVReader(name string, src []byte) *csvReader {
	comma := sniffDelimiter(src)
	r := csv.NewReader(bytes.NewReader(src))
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	c := &csvReader{name: name, src: src, r: r, comma: byte(comma), fast: bytes.IndexByte(src, '"') < 0}
	if c.fast && len(src) > 0 {
		// Fields are slices of the text; src is never written again, so it
		// is shared rather than copied (a copy would double a big table).
		c.text = unsafe.String(unsafe.SliceData(src), len(src))
	}
	return c
}

// readFast is read for tables without quotes: split at newlines and commas,
// skipping empty lines and dropping \r before a line end, as encoding/csv does.
func (c *csvReader) readFast() []string {
	for c.off < len(c.src) {
		start := c.off
		end := bytes.IndexByte(c.src[start:], '\n')
		if end < 0 {
			end = len(c.src)
			c.off = end
		} else {
			end += start
			c.off = end + 1
		}
		c.line++
		lineBytes := c.src[start:end]
		if n := len(lineBytes); n > 0 && lineBytes[n-1] == '\r' {
			lineBytes = lineBytes[:n-1]
		}
		if len(lineBytes) == 0 {
			continue
		}
		text := c.text[start : start+len(lineBytes)]
		c.rec, c.cols = c.rec[:0], c.cols[:0]
		from := 0
		for {
			i := strings.IndexByte(text[from:], c.comma)
			c.cols = append(c.cols, from+1)
			if i < 0 {
				c.rec = append(c.rec, text[from:])
				break
			}
			c.rec = append(c.rec, text[from:from+i])
			from += i + 1
		}
		return c.rec
	}
	return nil
}

// fieldPos is the line and 1-based byte column of field i of the record
// just read.
func (c *csvReader) fieldPos(i int) (line, col int) {
	if c.fast {
		if i < 0 || i >= len(c.cols) {
			return c.line, 1
		}
		return c.line, c.cols[i]
	}
	return c.r.FieldPos(i)
}

// offset is how many bytes have been read.
func (c *csvReader) offset() int64 {
	if c.fast {
		return int64(c.off)
	}
	return c.r.InputOffset()
}

// sniffDelimiter picks the separator of the header line: comma, semicolon
// or tab, whichever it has most of.
func sniffDelimiter(src []byte) rune {
	line := src
	if i := bytes.IndexByte(src, '\n'); i >= 0 {
		line = src[:i]
	}
	best, n := ',', bytes.Count(line, []byte{','})
	for _, c := range []rune{';', '\t'} {
		if k := bytes.Count(line, []byte(string(c))); k > n {
			best, n = c, k
		}
	}
	return best
}

// charCol turns a 1-based byte column of a line into a character column.
func (c *csvReader) charCol(line, byteCol int) int {
	if c.lines == nil {
		c.lines = []int{0}
		for i, b := range c.src {
			if b == '\n' {
				c.lines = append(c.lines, i+1)
			}
		}
	}
	if line < 1 || line > len(c.lines) {
		return byteCol
	}
	start := c.lines[line-1]
	end := min(start+byteCol-1, len(c.src))
	return utf8.RuneCount(c.src[start:end]) + 1
}

func (c *csvReader) errorAt(line, byteCol, span int, format string, args ...any) {
	c.diags = append(c.diags, Diagnostic{Line: line, Col: c.charCol(line, byteCol), Span: max(span, 1),
		Message: fmt.Sprintf(format, args...)})
}

// fieldError reports a problem with field i of the record just read.
func (c *csvReader) fieldError(i int, value string, format string, args ...any) {
	line, col := c.fieldPos(i)
	c.errorAt(line, col, utf8.RuneCountInString(value), format, args...)
}

// read returns the next record, nil at the end or after a syntax error
// (reported), which ends the reading: the rest cannot be trusted.
func (c *csvReader) read() []string {
	if c.fast {
		return c.readFast()
	}
	rec, err := c.r.Read()
	if err == nil {
		return rec
	}
	if errors.Is(err, io.EOF) {
		return nil
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine != pe.Line:
			msg = fmt.Sprintf("the quoted field opened here runs on to line %d without its closing quote (a quote inside a quoted field must be doubled: \"\")", pe.Line)
			// Point at the quote that opened it, where the mistake usually is.
			c.errorAt(pe.StartLine, c.openQuoteCol(pe.StartLine), 1, "CSV syntax: %s", msg)
			return nil
		case errors.Is(pe.Err, csv.ErrQuote):
			msg = "a quote inside a quoted field must be doubled (\"\")"
		case errors.Is(pe.Err, csv.ErrBareQuote):
			msg = "a quote in an unquoted field: quote the whole field and double the quote (\"\")"
		}
		c.errorAt(pe.Line, pe.Column, 1, "CSV syntax: %s", msg)
		return nil
	}
	c.diags = append(c.diags, Diagnostic{Message: err.Error()})
	return nil
}

// openQuoteCol finds the byte column of the quote that opens the last
// field of a line, or 1.
func (c *csvReader) openQuoteCol(line int) int {
	c.charCol(line, 1) // builds c.lines
	if line < 1 || line > len(c.lines) {
		return 1
	}
	text := c.src[c.lines[line-1]:]
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	col := 1
	for i := range text {
		if text[i] == '"' && (i == 0 || rune(text[i-1]) == c.r.Comma) {
			col = i + 1
		}
	}
	return col
}

// header reads the header row and returns the column of each name.
func (c *csvReader) header() ([]string, map[string]int) {
	rec := c.read()
	if rec == nil {
		return nil, nil
	}
	h := slices.Clone(rec)
	cols := map[string]int{}
	for i, name := range h {
		name = strings.TrimSpace(name)
		h[i] = name
		if _, dup := cols[name]; dup && name != "" {
			c.fieldError(i, name, "the header names column %q twice", name)
			continue
		}
		cols[name] = i
	}
	return h, cols
}

// matrixCorner is the first cell of the matrix that parley export writes
// (render.CSVCorner): a header that starts with it is a matrix, whatever
// its demands are called.
const matrixCorner = `party\demand`

// ParseCSV reads a stance table: a long table (one stance per row, with a
// stance column) or a matrix (a header of demand ids, one row per party).
func ParseCSV(name string, src []byte, opts Options) (*Loaded, error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if d, ok := checkText(src); !ok {
		d.Message = strings.Replace(d.Message, "a scenario needs at least parties:, demands: and stances: (see parley help scenario)",
			"a stance table needs a header row and at least one row", 1)
		d.Message = strings.Replace(d.Message, "not a YAML or JSON scenario", "not a CSV table", 1)
		return nil, newError(name, src, []Diagnostic{d})
	}
	co := opts.CSV.defaults()
	c := newCSVReader(name, src)
	head, cols := c.header()
	b := graph.NewBuilder()
	b.SetMeta(graph.Meta{Title: filepath.Base(name)})
	t := &tableLoader{c: c, b: b, parties: map[string]int{}, demands: map[string]int{}, report: opts.Progress}
	if err := t.readDates(co, opts.MaxBytes); err != nil {
		return nil, err
	}
	if head != nil && head[0] == matrixCorner {
		t.matrix(head) // parley's own export: a matrix whatever its columns are called
	} else if head != nil {
		_, hasStance := cols[co.StanceColumn]
		_, hasParty := cols[co.PartyColumn]
		_, hasDemand := cols[co.DemandColumn]
		switch {
		case hasStance || (hasParty && hasDemand) || opts.CSV.StanceColumn != "":
			t.long(head, cols, co)
		default:
			t.matrix(head)
		}
	}
	if e := newError(name, src, t.c.diags); e != nil && hasError(t.c.diags) {
		return nil, e
	}
	return t.finish(name, src, co, opts.MaxBytes)
}

// finish reads the demand tables into the demands the stances named, adds
// the demands and builds the model.
func (t *tableLoader) finish(name string, src []byte, co CSVOptions, maxBytes int64) (*Loaded, error) {
	var errs []error
	for _, path := range co.DemandTables {
		if err := t.demandTable(path, co, maxBytes); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for i := range t.demandList {
		t.b.AddDemand(t.demandList[i])
	}
	m, err := build(name, src, t.b)
	if err != nil {
		return nil, err
	}
	return &Loaded{Name: name, Model: m, Files: slices.Clone(co.DemandTables)}, nil
}

type tableLoader struct {
	c          *csvReader
	b          *graph.Builder
	parties    map[string]int // cell text → handle
	demands    map[string]int
	partyIDs   map[string]string // id → the text that made it, to catch two texts slugging alike
	demandIDs  map[string]string
	demandList []graph.Demand // added to the builder after the demand tables filled them in
	report     func(what string, done, total int64)
	lastDemand string // the demand of the last row, and its handle
	lastHandle int

	// With CSVOptions.Since or Until and demand tables, the stances on
	// demands dated outside are dropped as they are read: dates maps the
	// demand tables' ids to their dates, drop marks the demands, by handle.
	since, until graph.Date
	dates        map[string]graph.Date
	drop         []bool
	seenDropped  bitsets
}

// progress tells the caller how much of the table has been read.
func (t *tableLoader) progress(c *csvReader) {
	if t.report != nil {
		t.report("reading "+filepath.Base(c.name), c.offset(), int64(len(c.src)))
	}
}

// cellID makes an id of a cell (idOf).
func cellID(s string) string { return idOf(s) }

// idOf makes an id of a name: the name itself when it is one, else in
// lower case and composed (NFC) when that makes one, else its slug.
func idOf(s string) string {
	if graph.ValidID(s) {
		return s
	}
	if l := norm.NFC.String(strings.ToLower(s)); graph.ValidID(l) {
		return l
	}
	return graph.Slug(s)
}

// partyQuiet is party for the parallel reader: false, with nothing
// reported, where party would report a problem.
func (t *tableLoader) partyQuiet(text string) (int, bool) {
	if h, ok := t.parties[text]; ok {
		return h, true
	}
	id := cellID(text)
	if _, dup := t.partyIDs[id]; dup || id == "" {
		return 0, false
	}
	return t.party(0, text)
}

// demandQuiet is demand for the parallel reader.
func (t *tableLoader) demandQuiet(text string) (int, bool) {
	if h, ok := t.demands[text]; ok {
		return h, true
	}
	id := cellID(text)
	if _, dup := t.demandIDs[id]; dup || id == "" {
		return 0, false
	}
	return t.demand(0, text)
}

func (t *tableLoader) party(i int, text string) (int, bool) {
	if h, ok := t.parties[text]; ok {
		return h, true
	}
	text = strings.Clone(text) // it may be a slice of a block of the file
	id := cellID(text)
	if id == "" {
		t.c.fieldError(i, text, "party %q has no letters or digits to make an id of", text)
		return 0, false
	}
	if t.partyIDs == nil {
		t.partyIDs = map[string]string{}
	}
	if other, dup := t.partyIDs[id]; dup {
		t.c.fieldError(i, text, "parties %q and %q would both get the id %q", other, text, id)
		return 0, false
	}
	t.partyIDs[id] = text
	h := t.b.AddParty(graph.Party{ID: id, Name: strings.TrimSpace(text)})
	t.parties[text] = h
	return h, true
}

func (t *tableLoader) demand(i int, text string) (int, bool) {
	if text == t.lastDemand && t.lastDemand != "" {
		return t.lastHandle, true // vote tables come sorted by roll call
	}
	if h, ok := t.demands[text]; ok {
		t.lastDemand, t.lastHandle = text, h
		return h, true
	}
	text = strings.Clone(text) // it may be a slice of a block of the file
	id := cellID(text)
	if id == "" {
		t.c.fieldError(i, text, "demand %q has no letters or digits to make an id of", text)
		return 0, false
	}
	if t.demandIDs == nil {
		t.demandIDs = map[string]string{}
	}
	if other, dup := t.demandIDs[id]; dup {
		t.c.fieldError(i, text, "demands %q and %q would both get the id %q", other, text, id)
		return 0, false
	}
	t.demandIDs[id] = text
	h := len(t.demandList)
	t.demandList = append(t.demandList, graph.Demand{ID: id, Name: strings.TrimSpace(text)})
	t.demands[text] = h
	t.lastDemand, t.lastHandle = text, h
	t.keepDemand(h, text)
	return h, true
}

func missingColumn(c *csvReader, what, want string, head []string, flag string) {
	hint := fmt.Sprintf("name it with %s COLUMN", flag)
	if s := graph.Suggest(want, head); s != "" {
		hint = fmt.Sprintf("did you mean %s %s?", flag, s)
	}
	c.errorAt(1, 1, 1, "no %s column %q in the header (%s); %s", what, want, strings.Join(head, ", "), hint)
}

// long reads a table of one stance per row.
func (t *tableLoader) long(head []string, cols map[string]int, co CSVOptions) {
	c := t.c
	pc, okP := cols[co.PartyColumn]
	dc, okD := cols[co.DemandColumn]
	sc, okS := cols[co.StanceColumn]
	if !okP {
		missingColumn(c, "party", co.PartyColumn, head, "--party-column")
	}
	if !okD {
		missingColumn(c, "demand", co.DemandColumn, head, "--demand-column")
	}
	if !okS {
		missingColumn(c, "stance", co.StanceColumn, head, "--stance-column")
	}
	if !okP || !okD || !okS {
		return
	}
	var seen bitsets // (party, demand) pairs already given a stance
	rows, stances := 0, 0
	// Stances go straight to the builder: its handles for demands are the
	// loader's, as demands are added to it later in the same order.
	for rec := c.read(); rec != nil; rec = c.read() {
		rows++
		if rows%65536 == 0 {
			t.progress(c)
		}
		if len(rec) != len(head) {
			line, _ := c.fieldPos(0)
			c.errorAt(line, 1, 1, "this row has %d fields, the header %d", len(rec), len(head))
			continue
		}
		if len(c.diags) > 200 {
			break
		}
		ptext, dtext, stext := rec[pc], rec[dc], rec[sc]
		if stext == "" {
			continue // no stance
		}
		pos, ok := parseCell(stext)
		if !ok {
			c.fieldError(sc, stext, "unknown stance %q: use %s", stext, acceptedWords)
			continue
		}
		if strings.TrimSpace(ptext) == "" {
			c.fieldError(pc, "", "this row names no party")
			continue
		}
		if strings.TrimSpace(dtext) == "" {
			c.fieldError(dc, "", "this row names no demand")
			continue
		}
		p, okp := t.party(pc, ptext)
		d, okd := t.demand(dc, dtext)
		if !okp || !okd {
			continue
		}
		if seen.testAndSet(p, d) {
			c.fieldError(dc, dtext, "a second stance of %q on %q", ptext, dtext)
			continue
		}
		stances++ // stated, whether or not the dates keep it
		if t.dropped(d) {
			continue
		}
		t.b.SetPosition(p, d, pos, graph.DefaultStrength)
	}
	switch {
	case hasError(c.diags):
	case rows == 0:
		c.errorAt(1, 1, 1, "the table has a header but no rows")
	case stances == 0:
		// Nothing would be left: no party, no demand, and a model that
		// answers every question with nothing.
		c.errorAt(1, 1, 1, "no row of the table has a stance: every %s cell is empty", co.StanceColumn)
	}
}

// matrix reads a table whose header names demands and whose rows are parties.
func (t *tableLoader) matrix(head []string) {
	c := t.c
	if len(head) < 2 {
		c.errorAt(1, 1, 1, "a stance matrix needs a header of a party column and demand ids; "+
			"for one stance per row, name the columns party, demand and stance (or use --party-column, --demand-column, --stance-column)")
		return
	}
	dh := make([]int, len(head))
	for i := 1; i < len(head); i++ {
		dh[i] = -1
		if head[i] == "" {
			c.errorAt(1, c.headerCol(i), 1, "column %d of the header has no demand id", i+1)
			continue
		}
		h, ok := t.demandHeader(i, head[i])
		if !ok {
			continue
		}
		dh[i] = h
	}
	firstRow := map[string]int{}
	rows := 0
	for rec := c.read(); rec != nil; rec = c.read() {
		rows++
		if rows%4096 == 0 {
			t.progress(c)
		}
		line, _ := c.fieldPos(0)
		if len(rec) != len(head) {
			c.errorAt(line, 1, 1, "this row has %d fields, the header %d", len(rec), len(head))
			continue
		}
		if len(c.diags) > 200 {
			break
		}
		ptext := rec[0]
		if strings.TrimSpace(ptext) == "" {
			c.fieldError(0, "", "this row names no party")
			continue
		}
		if first, dup := firstRow[ptext]; dup {
			c.fieldError(0, ptext, "party %q has a second row (the first is line %d)", ptext, first)
			continue
		}
		firstRow[ptext] = line
		p, ok := t.party(0, ptext)
		if !ok {
			continue
		}
		for i := 1; i < len(rec); i++ {
			if rec[i] == "" || dh[i] < 0 {
				continue
			}
			pos, ok := parseCell(rec[i])
			if !ok {
				c.fieldError(i, rec[i], "unknown stance %q: use %s", rec[i], acceptedWords)
				continue
			}
			if t.dropped(dh[i]) {
				continue
			}
			t.b.SetPosition(p, dh[i], pos, graph.DefaultStrength)
		}
	}
	if rows == 0 && !hasError(c.diags) {
		c.errorAt(1, 1, 1, "the table has a header but no rows")
	}
}

func (t *tableLoader) demandHeader(i int, text string) (int, bool) {
	if _, dup := t.demands[text]; dup {
		return 0, false // the header check reported it
	}
	// FieldPos refers to the header only while it is the last record read.
	id := cellID(text)
	if id == "" {
		t.c.errorAt(1, t.c.headerCol(i), utf8.RuneCountInString(text), "demand %q has no letters or digits to make an id of", text)
		return 0, false
	}
	if t.demandIDs == nil {
		t.demandIDs = map[string]string{}
	}
	if other, dup := t.demandIDs[id]; dup {
		t.c.errorAt(1, t.c.headerCol(i), utf8.RuneCountInString(text), "demands %q and %q would both get the id %q", other, text, id)
		return 0, false
	}
	t.demandIDs[id] = text
	h := len(t.demandList)
	text = strings.Clone(text) // a slice of the file otherwise
	t.demandList = append(t.demandList, graph.Demand{ID: strings.Clone(id), Name: text})
	t.demands[text] = h
	t.keepDemand(h, text)
	return h, true
}

// readDates reads the dates of the demand tables before the stances, when
// stances are to be dropped by date. A date that does not parse counts as
// none here; the demand table's own reading reports it.
func (t *tableLoader) readDates(co CSVOptions, maxBytes int64) error {
	if co.Since.IsZero() && co.Until.IsZero() || len(co.DemandTables) == 0 {
		return nil
	}
	t.since, t.until, t.dates = co.Since, co.Until, map[string]graph.Date{}
	for _, path := range co.DemandTables {
		src, err := readFile(path, maxBytes)
		if err != nil {
			return err
		}
		c := newCSVReader(path, bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")))
		head, cols := c.header()
		ic, okI := cols[co.DemandIDColumn]
		dc, okD := cols[co.DemandDateColumn]
		if head == nil || !okI || !okD {
			continue
		}
		for rec := c.read(); rec != nil; rec = c.read() {
			if len(rec) != len(head) || rec[dc] == "" {
				continue
			}
			if date, err := graph.ParseDate(strings.TrimSpace(rec[dc])); err == nil {
				t.dates[rec[ic]] = date
			}
		}
	}
	return nil
}

// keepDemand decides whether the stances on the new demand h, named text,
// are kept.
func (t *tableLoader) keepDemand(h int, text string) {
	if t.dates == nil {
		return
	}
	date := t.dates[text]
	drop := !t.since.IsZero() && (date.IsZero() || date.Before(t.since)) ||
		!t.until.IsZero() && (date.IsZero() || !date.In(t.until))
	for len(t.drop) <= h {
		t.drop = append(t.drop, false)
	}
	t.drop[h] = drop
}

// dropped reports whether the stances on demand h are dropped by date.
func (t *tableLoader) dropped(h int) bool { return h < len(t.drop) && t.drop[h] }

// headerCol finds the byte column of field i of the first line.
func (c *csvReader) headerCol(i int) int {
	r := csv.NewReader(bytes.NewReader(c.src))
	r.Comma = c.r.Comma
	r.FieldsPerRecord = -1
	if _, err := r.Read(); err != nil {
		return 1
	}
	_, col := r.FieldPos(i)
	return col
}

// demandTable reads the file at path and fills in names, dates,
// descriptions and tags of the demands.
func (t *tableLoader) demandTable(path string, co CSVOptions, maxBytes int64) error {
	src, err := readFile(path, maxBytes)
	if err != nil {
		return err
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if d, ok := checkText(src); !ok {
		d.Message = strings.Replace(d.Message, "a scenario needs at least parties:, demands: and stances: (see parley help scenario)",
			"a demand table needs a header row", 1)
		return newError(path, src, []Diagnostic{d})
	}
	c := newCSVReader(path, src)
	head, cols := c.header()
	if head == nil {
		return newError(path, src, c.diags)
	}
	ic, ok := cols[co.DemandIDColumn]
	if !ok {
		missingColumn(c, "demand id", co.DemandIDColumn, head, "--demand-id-column")
		return newError(path, src, c.diags)
	}
	nc, hasName := cols[co.DemandNameColumn]
	dc, hasDate := cols[co.DemandDateColumn]
	tc, hasTag := cols[co.DemandTagColumn]
	xc, hasDescr := cols[co.DemandDescrColumn]
	if !hasName && !hasDate && !hasTag && !hasDescr {
		c.errorAt(1, 1, 1, "the demand table has none of the columns %q, %q, %q, %q (it has %s); "+
			"name them with --demand-name-column, --demand-date-column, --demand-tag-column",
			co.DemandNameColumn, co.DemandDateColumn, co.DemandTagColumn, co.DemandDescrColumn, strings.Join(head, ", "))
		return newError(path, src, c.diags)
	}
	for rec := c.read(); rec != nil; rec = c.read() {
		if len(rec) != len(head) {
			line, _ := c.fieldPos(0)
			c.errorAt(line, 1, 1, "this row has %d fields, the header %d", len(rec), len(head))
			continue
		}
		h, ok := t.demands[rec[ic]]
		if !ok {
			continue // a demand no stance refers to
		}
		d := &t.demandList[h]
		if hasName && rec[nc] != "" {
			d.Name = strings.Clone(strings.TrimSpace(rec[nc]))
		}
		if hasDescr && rec[xc] != "" {
			d.Description = strings.Clone(strings.TrimSpace(rec[xc]))
		}
		if hasDate && rec[dc] != "" {
			date, err := graph.ParseDate(strings.TrimSpace(rec[dc]))
			if err != nil {
				c.fieldError(dc, rec[dc], "%s", strings.TrimPrefix(err.Error(), "invalid date "))
			} else {
				d.Date = date
			}
		}
		if hasTag {
			if tag := strings.TrimSpace(rec[tc]); tag != "" && !slices.Contains(d.Tags, tag) {
				d.Tags = append(d.Tags, strings.Clone(tag))
			}
		}
	}
	if hasError(c.diags) {
		return newError(path, src, c.diags)
	}
	return nil
}

// bitsets is a growable set of (row, column) pairs.
type bitsets [][]uint64

// testAndSet adds (i, j) and reports whether it was there already.
func (b *bitsets) testAndSet(i, j int) bool {
	for len(*b) <= i {
		*b = append(*b, nil)
	}
	row := (*b)[i]
	w := j / 64
	if w >= len(row) {
		row = append(row, make([]uint64, w-len(row)+1)...)
		(*b)[i] = row
	}
	bit := uint64(1) << (j % 64)
	was := row[w]&bit != 0
	row[w] |= bit
	return was
}
