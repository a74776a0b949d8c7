package data

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parley/parley/graph"
)

// DefaultMaxBytes is the largest input read unless Options.MaxBytes says
// otherwise, counted after decompression.
const DefaultMaxBytes = 64 << 20

// Options control how an input is read.
type Options struct {
	// Format is yaml, json or csv; "" picks it from the name's extension.
	Format string
	// MaxBytes bounds the input size, counted once decompressed; 0 means
	// DefaultMaxBytes for YAML and JSON, which are read whole (and, when
	// the fast reader does not take a file, decoded whole, at some 45
	// times its size), and no bound for a CSV table, which is streamed.
	MaxBytes int64
	// Strict makes warnings errors.
	Strict bool
	// CSV says how to read stance tables.
	CSV CSVOptions
	// Progress, when set, is told how far a long load has got.
	Progress func(what string, done, total int64)
	// SourceFS, when set, holds the files that sources name with file:
	// (an embedded scenario's); otherwise they are read relative to the
	// scenario file's folder, or the current folder for standard input.
	SourceFS fs.FS
	// fullYAML reads YAML with go.yaml.in/yaml/v3 alone, never the fast
	// reader: the reference the tests hold the fast one to.
	fullYAML bool
}

// Loaded is a scenario read from a file.
type Loaded struct {
	Name     string // the file name as given, for messages
	Model    *graph.Model
	Warnings *Error // nil when there are none
	// Files are the other files the load read: the text files of sources
	// and the demand tables, so that a command never writes over one.
	Files []string
}

// ErrTooLarge is wrapped when an input is over the size limit.
var ErrTooLarge = errors.New("input too large")

// LoadFile reads a scenario from the file at path.
func LoadFile(path string, opts Options) (*Loaded, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s is a folder, not a scenario file", path)
	}
	return Load(path, f, opts)
}

// readFile reads a whole file, gunzipping it if need be, within maxBytes.
func readFile(path string, maxBytes int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(path, f, maxBytes)
}

// sizeHint guesses how many bytes f holds once read: its size, exact for a
// plain file; for a gzip file the uncompressed size its trailer records
// (modulo 4 GiB), which a truncated file or one with junk after its end
// does not hold, so it is only a guess: at most what deflate can expand
// the file to.
func sizeHint(f *os.File) (n int64, exact bool) {
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return 0, false
	}
	var head, tail [4]byte
	if _, err := f.ReadAt(head[:2], 0); err != nil || head[0] != 0x1f || head[1] != 0x8b || st.Size() < 18 {
		return st.Size(), true
	}
	if _, err := f.ReadAt(tail[:], st.Size()-4); err != nil {
		return 0, false
	}
	n = int64(tail[0]) | int64(tail[1])<<8 | int64(tail[2])<<16 | int64(tail[3])<<24
	return min(n, st.Size()*1032), false
}

// Load reads a scenario from r; name is used for messages and, unless
// opts.Format is set, its extension picks the format. Gzipped input is
// recognised by its .gz extension or its first bytes. A CSV table is
// streamed (see streamBlock) and bounded only by opts.MaxBytes when it is
// set; YAML and JSON are read whole, within opts.MaxBytes or
// DefaultMaxBytes.
func Load(name string, r io.Reader, opts Options) (*Loaded, error) {
	in, err := openInput(name, r)
	if err != nil {
		return nil, err
	}
	format := opts.Format
	if format == "" {
		format = FormatOf(name)
	}
	if format == "" {
		head, _ := in.r.Peek(4096)
		if looksLikeCSV(head) {
			format = "csv" // standard input, or a file named without .csv
		}
	}
	in.max = opts.MaxBytes
	if format != "csv" && in.max <= 0 {
		in.max = DefaultMaxBytes
	}
	if in.max > 0 && in.exact && in.size > in.max {
		// Refuse at once rather than read what will be refused.
		return nil, tooLarge(name, in.max)
	}
	switch format {
	case "yaml", "json", "":
		src, err := readWhole(in)
		if err != nil {
			return nil, err
		}
		return Parse(name, src, opts)
	case "csv":
		return loadCSV(in, opts)
	}
	return nil, fmt.Errorf("%s: %w: unknown input format %q (want yaml, json or csv)", name, ErrInvalid, format)
}

// looksLikeCSV reports whether src opens with what reads as a CSV header
// rather than YAML or JSON: a line with commas, semicolons or tabs between
// words and no colon.
func looksLikeCSV(src []byte) bool {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	line := src
	if i := bytes.IndexByte(src, '\n'); i >= 0 {
		line = src[:i]
	}
	line = bytes.TrimSpace(line)
	if len(line) == 0 || bytes.ContainsAny(line, ":{}[]#") || line[0] == '-' {
		return false
	}
	return bytes.ContainsAny(line, ",;\t")
}

// FormatOf names the format of a file by its extension, looking through
// .gz: "yaml", "json", "csv", or "" when the extension says nothing.
func FormatOf(name string) string {
	name = strings.TrimSuffix(strings.ToLower(name), ".gz")
	switch filepath.Ext(name) {
	case ".yaml", ".yml":
		return "yaml"
	case ".json":
		return "json"
	case ".csv", ".tsv":
		return "csv"
	}
	return ""
}

// readAll reads r whole, gunzipping it if it is gzipped, and refuses more
// than max bytes (after decompression).
func readAll(name string, r io.Reader, max int64) ([]byte, error) {
	file := r
	if max <= 0 {
		max = DefaultMaxBytes
	}
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, gzipError(name, err)
		}
		defer zr.Close()
		r = zr
	} else {
		r = br
	}
	var buf bytes.Buffer
	if f, ok := file.(*os.File); ok {
		n, exact := sizeHint(f)
		if exact && n > max {
			// Refuse at once rather than read what will be refused.
			return nil, tooLarge(name, max)
		}
		if n > 0 {
			buf.Grow(int(min(n, max)) + 1)
		}
	}
	_, err := buf.ReadFrom(io.LimitReader(r, min(max, math.MaxInt64-1)+1))
	src := buf.Bytes()
	if err != nil {
		return nil, gzipOrRead(name, err)
	}
	if int64(len(src)) > max {
		return nil, tooLarge(name, max)
	}
	return src, nil
}

// gzipOrRead is the error to report for a failure to read name: damaged
// gzip data is bad input, anything else a failure to read.
func gzipOrRead(name string, err error) error {
	if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%s: %w: the gzip data is damaged (%v)", name, ErrInvalid, err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// newGzipReader starts decompressing r.
func newGzipReader(r io.Reader) (*gzip.Reader, error) { return gzip.NewReader(r) }

// gzipError is the error for a stream that starts as gzip but cannot be read as it.
func gzipError(name string, err error) error {
	return fmt.Errorf("%s: %w: not a readable gzip file (%v)", name, ErrInvalid, err)
}

func tooLarge(name string, max int64) error {
	return fmt.Errorf("%s: %w: larger than the limit of %s; raise it with --max-size (e.g. --max-size %s)",
		name, ErrTooLarge, humanBytes(max), humanBytes(4*max))
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	}
	return fmt.Sprintf("%dB", n)
}

// ParseSize reads a size such as 256MiB, 1GiB, 64M or 1000000.
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(strings.ToUpper(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.m
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || strconv.FormatInt(n, 10) != t {
		if errors.Is(err, strconv.ErrRange) {
			return 0, fmt.Errorf("invalid size %q: too large", s)
		}
		return 0, fmt.Errorf("invalid size %q: want a number of bytes such as 512MiB or 2GiB", s)
	}
	if n > math.MaxInt64/mult {
		return 0, fmt.Errorf("invalid size %q: too large", s)
	}
	return n * mult, nil
}

// Parse reads a YAML or JSON scenario held in src.
func Parse(name string, src []byte, opts Options) (*Loaded, error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if d, ok := checkText(src); !ok {
		return nil, newError(name, src, []Diagnostic{d})
	}
	if (opts.Format == "json" || (opts.Format == "" && FormatOf(name) == "json")) && !isJSON(src) {
		if d, ok := checkJSON(src); !ok {
			return nil, newError(name, src, []Diagnostic{d})
		}
	}
	files := filesFor(name, opts)
	b, dec, root, diags := readScenario(src, files, !opts.fullYAML)
	if opts.Strict {
		strict(diags)
	}
	if hasError(diags) {
		// Warnings would only bury the errors; they come back once those are fixed.
		diags = slices.DeleteFunc(diags, func(d Diagnostic) bool { return d.Warning || d.Hint })
		return nil, newError(name, src, diags)
	}
	m, err := build(name, src, b)
	if err != nil {
		return nil, err
	}
	more := append(model2warnings(m), dec.hints(m)...)
	more = append(more, sharedNames(root, m)...)
	if opts.Strict {
		strict(more)
		if hasError(more) {
			return nil, newError(name, src, slices.DeleteFunc(more, func(d Diagnostic) bool { return d.Hint }))
		}
	}
	diags = append(diags, more...)
	l := &Loaded{Name: name, Model: m, Files: *files.opened}
	if len(diags) > 0 {
		l.Warnings = newError(name, src, diags)
	}
	return l, nil
}

// strict makes warnings errors; hints stay hints.
func strict(ds []Diagnostic) {
	for i := range ds {
		ds[i].Warning = false
	}
}

// model2warnings finds what only the built model can tell.
func model2warnings(m *graph.Model) []Diagnostic {
	var ds []Diagnostic
	for _, c := range m.ConditionCycles() {
		ds = append(ds, Diagnostic{Warning: true,
			Message: "the conditions of " + strings.Join(quoteAll(c), ", ") + " wait on each other in a circle"})
	}
	return ds
}

// sharedNames warns of an alias that names another party too — its id,
// its name or one of its aliases — as "parley party NAME" then finds the
// other party (an id wins) or cannot tell which is meant. The warning
// points at the alias in the file. Cost O(P·A).
func sharedNames(root *node, m *graph.Model) []Diagnostic {
	ids := map[string]string{}   // an id in lower case → its party
	names := map[string]string{} // a name or an alias in lower case → the first party it names
	key := func(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
	for _, p := range m.Parties() {
		ids[p.ID] = p.ID
		if k := key(p.Name); k != "" {
			if _, ok := names[k]; !ok {
				names[k] = p.ID
			}
		}
	}
	var ds []Diagnostic
	for _, p := range m.Parties() {
		for _, a := range p.Aliases {
			k := key(a)
			if k == "" {
				continue
			}
			var msg string
			if o, ok := ids[k]; ok && o != p.ID {
				msg = fmt.Sprintf("alias %q of party %q is the id of party %q: \"parley party %s\" finds %q", a, p.ID, o, a, o)
			} else if o, ok := names[k]; ok && o != p.ID {
				msg = fmt.Sprintf("alias %q of party %q also names party %q: \"parley party %s\" cannot tell them apart", a, p.ID, o, a)
			} else {
				names[k] = p.ID
				continue
			}
			d := Diagnostic{Warning: true, Span: 1, Message: msg}
			if n := aliasNode(root, p.ID, a); n != nil {
				d.Line, d.Col, d.Span = n.line, n.col, n.span
			}
			ds = append(ds, d)
		}
	}
	return ds
}

// aliasNode finds where a party's alias is written.
func aliasNode(root *node, party, alias string) *node {
	find := func(n *node, key string) *node {
		if n == nil || n.kind != mapNode {
			return nil
		}
		for _, p := range n.pairs {
			if p.key.value == key {
				return p.val
			}
		}
		return nil
	}
	as := find(find(find(root, "parties"), party), "aliases")
	if as != nil && as.kind == scalarNode && as.value == alias {
		return as
	}
	if as != nil {
		for _, x := range as.items {
			if x.value == alias {
				return x
			}
		}
	}
	return nil
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// yaml12 lets a file declare the YAML version it is written in, 1.2 (the
// current one), which the parser does not know: it reads "%YAML 1.2" as
// "%YAML 1.1", which it takes, the same length so that every position
// stays. Directives come before the document's first "---".
func yaml12(src []byte) []byte {
	if !bytes.HasPrefix(bytes.TrimLeft(src, " \t\r\n"), []byte("%")) && !bytes.Contains(src, []byte("\n%YAML 1.2")) {
		return src
	}
	var out []byte
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		line := src[off : off+end]
		if bytes.HasPrefix(line, []byte("---")) || (len(line) > 0 && line[0] != '%' && line[0] != '#' && len(bytes.TrimSpace(line)) > 0) {
			break // the document has begun
		}
		if v, ok := bytes.CutPrefix(line, []byte("%YAML 1.2")); ok && (len(v) == 0 || v[0] == ' ' || v[0] == '\t' || v[0] == '\r') {
			if out == nil {
				out = bytes.Clone(src)
			}
			copy(out[off:], "%YAML 1.1")
		}
		off += end + 1
	}
	if out == nil {
		return src
	}
	return out
}

// checkJSON reports the first syntax error of a JSON file, which the YAML
// parser (JSON being almost YAML) would let through or explain worse.
func checkJSON(src []byte) (Diagnostic, bool) {
	if json.Valid(src) {
		return Diagnostic{}, true // without building the values, 10 times the file
	}
	var v any
	err := json.Unmarshal(src, &v)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return Diagnostic{}, true
	}
	line, col := 1, 1
	for i := 0; i < int(se.Offset)-1 && i < len(src); i++ {
		switch {
		case src[i] == '\n':
			line, col = line+1, 1
		case utf8.RuneStart(src[i]):
			col++
		}
	}
	return Diagnostic{Line: line, Col: col, Span: 1, Message: "JSON syntax: " + se.Error()}, false
}

// checkText refuses input that is not UTF-8 text, pointing at the first
// offending byte.
func checkText(src []byte) (Diagnostic, bool) {
	if len(bytes.TrimSpace(src)) == 0 {
		return Diagnostic{Line: 1, Col: 1, Span: 1,
			Message: "the file is empty: a scenario needs at least parties:, demands: and stances: (see parley help scenario)"}, false
	}
	if utf8.Valid(src) && bytes.IndexByte(src, 0) < 0 {
		return Diagnostic{}, true
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return Diagnostic{Line: line, Col: col, Span: 1,
				Message: fmt.Sprintf("invalid UTF-8 (byte 0x%02x): save the file as UTF-8 text", src[i])}, false
		case r == 0:
			return Diagnostic{Line: line, Col: col, Span: 1,
				Message: "a NUL byte: this looks like a binary file, not a YAML or JSON scenario"}, false
		case r == '\n':
			line, col = line+1, 1
		default:
			col++
		}
		i += size
	}
	return Diagnostic{}, true
}

// build builds the model of a decoded file. The decoders check everything
// Build does, with positions; its errors, one a line, are a safety net, not
// a path a file should reach.
func build(name string, src []byte, b *graph.Builder) (*graph.Model, error) {
	m, err := b.Build()
	if err == nil {
		return m, nil
	}
	var ds []Diagnostic
	for _, line := range strings.Split(err.Error(), "\n") {
		ds = append(ds, Diagnostic{Message: line})
	}
	return nil, newError(name, src, ds)
}
