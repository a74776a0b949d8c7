package data

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"

	"github.com/parley/parley/graph"
)

// A long stance table read from a file or a stream is read in blocks of
// streamBlock bytes, cut at line ends, parsed on every core and merged in
// file order: the table itself is never held whole, only a few blocks at a
// time, so loading a table takes the memory of its model, not of its text
// (a 600 MB table of 35 million votes loads in a few hundred megabytes).
// Anything a person must be told about — a quote, a row of the wrong
// length, an unknown word, a repeated stance, two names making one id —
// sends the table to the exact reader (ParseCSV), which reads it whole and
// reports every problem with its line and column.
var streamBlock = 4 << 20 // a variable for tests

// input is a file or stream being read, decompressed if it is gzipped.
type input struct {
	name string
	r    *bufio.Reader
	file *os.File // the file read, when it can be read again from the start
	gz   bool
	size int64 // the size once decompressed, as far as known; 0 if not
	// exact is set when size is the file's own: a gzip file's trailer may
	// be missing or junk, so its size is only a guess.
	exact bool
	max   int64        // the most bytes to read once decompressed; 0 for no limit
	read  atomic.Int64 // bytes handed out so far
	tee   *bytes.Buffer
}

// openInput wraps r: a gzip stream is decompressed as it is read.
func openInput(name string, r io.Reader) (*input, error) {
	in := &input{name: name}
	if f, ok := r.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			if pos, err := f.Seek(0, io.SeekCurrent); err == nil && pos == 0 {
				in.file = f
			}
			in.size, in.exact = sizeHint(f)
		}
	}
	br := bufio.NewReaderSize(r, 1<<16)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := newGzipReader(br)
		if err != nil {
			return nil, gzipError(name, err)
		}
		in.gz = true
		in.r = bufio.NewReaderSize(zr, 1<<20)
	} else {
		in.r = bufio.NewReaderSize(br, 1<<20)
	}
	return in, nil
}

// Read reads decompressed bytes, within the limit, keeping a copy when
// the stream cannot be read again. Its errors other than io.EOF are
// *readError, so that a truncated gzip stream is never taken for the end.
func (in *input) Read(p []byte) (int, error) {
	n, err := in.r.Read(p)
	read := in.read.Add(int64(n))
	if in.tee != nil {
		in.tee.Write(p[:n])
	}
	if in.max > 0 && read > in.max {
		return n, &readError{tooLarge(in.name, in.max)}
	}
	if err != nil && err != io.EOF {
		err = &readError{err}
	}
	return n, err
}

// readError is a failure of the input underneath, or its limit.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// readErr turns an error reading in into the error to report.
func readErr(name string, err error) error {
	if re := (*readError)(nil); errors.As(err, &re) {
		err = re.err
	}
	if errors.Is(err, ErrTooLarge) {
		return err
	}
	return gzipOrRead(name, err)
}

// loadCSV reads a stance table from in: streamed when it is a clean long
// table, else whole by the exact reader.
func loadCSV(in *input, opts Options) (*Loaded, error) {
	if in.file == nil {
		in.tee = &bytes.Buffer{} // a stream cannot be read twice
	}
	l, ok, err := streamCSV(in, opts)
	if err != nil || ok {
		return l, err
	}
	var src []byte
	if in.file != nil {
		if _, err := in.file.Seek(0, io.SeekStart); err != nil {
			return nil, err
		}
		again, err := openInput(in.name, in.file)
		if err != nil {
			return nil, err
		}
		again.max = in.max
		if src, err = readWhole(again); err != nil {
			return nil, err
		}
	} else {
		in.tee.Grow(int(max(in.size-in.read.Load(), 0)))
		if _, err := io.Copy(io.Discard, in); err != nil {
			return nil, readErr(in.name, err)
		}
		src = in.tee.Bytes()
	}
	return ParseCSV(in.name, src, opts)
}

// readWhole reads the rest of in.
func readWhole(in *input) ([]byte, error) {
	var buf bytes.Buffer
	if in.size > 0 && (in.max <= 0 || in.size <= in.max) {
		buf.Grow(int(in.size) + 1)
	}
	if _, err := buf.ReadFrom(in); err != nil {
		return nil, readErr(in.name, err)
	}
	return buf.Bytes(), nil
}

// block is a run of whole lines of the table, and what a worker made of it.
type block struct {
	buf  []byte // the buffer text is in
	text string
	res  chan chunkResult
}

// Blocks and their rows are reused once merged.
var bufPool, rowsPool sync.Pool

// streamCSV reads a clean long table from in. It returns false, having
// read part of in, when the table needs the exact reader.
func streamCSV(in *input, opts Options) (*Loaded, bool, error) {
	co := opts.CSV.defaults()
	// Binary data is refused from its first bytes, not after reading it all.
	if head, _ := in.r.Peek(1 << 20); len(head) > 0 {
		// A character cut at the end of what was peeked is no mistake.
		for i := 1; len(head) == 1<<20 && i <= utf8.UTFMax; i++ {
			if utf8.RuneStart(head[len(head)-i]) {
				if !utf8.FullRune(head[len(head)-i:]) {
					head = head[:len(head)-i]
				}
				break
			}
		}
		head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
		if d, ok := checkText(head); !ok && len(bytes.TrimSpace(head)) > 0 {
			d.Message = strings.Replace(d.Message, "not a YAML or JSON scenario", "not a CSV table", 1)
			return nil, false, newError(in.name, head, []Diagnostic{d})
		}
	}
	line, err := in.r.ReadSlice('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		if errors.Is(err, bufio.ErrBufferFull) {
			return nil, false, nil
		}
		return nil, false, readErr(in.name, err)
	}
	in.read.Add(int64(len(line)))
	if in.tee != nil {
		in.tee.Write(line)
	}
	header := strings.TrimSuffix(strings.TrimSuffix(string(line), "\n"), "\r")
	header = strings.TrimPrefix(header, "\ufeff")
	if header == "" || strings.ContainsAny(header, "\"\x00") || !utf8.ValidString(header) {
		return nil, false, nil
	}
	comma := byte(sniffDelimiter([]byte(header)))
	head := strings.Split(header, string(comma))
	if strings.TrimSpace(head[0]) == matrixCorner {
		return nil, false, nil // parley's own matrix, whatever its columns are called
	}
	cols := map[string]int{}
	for i, h := range head {
		h = strings.TrimSpace(h)
		if _, dup := cols[h]; dup {
			return nil, false, nil
		}
		cols[h] = i
	}
	pc, okP := cols[co.PartyColumn]
	dc, okD := cols[co.DemandColumn]
	sc, okS := cols[co.StanceColumn]
	if !okP || !okD || !okS {
		return nil, false, nil // a matrix, or a column missing: the exact reader says which
	}
	b := graph.NewBuilder()
	b.SetMeta(graph.Meta{Title: filepath.Base(in.name)})
	t := &tableLoader{b: b, parties: map[string]int{}, demands: map[string]int{}, report: opts.Progress}
	if err := t.readDates(co, opts.MaxBytes); err != nil {
		return nil, false, err
	}

	// The reader cuts blocks; workers parse them; this goroutine merges
	// them in order. queue bounds the blocks in flight.
	workers := max(1, runtime.GOMAXPROCS(0))
	queue := make(chan *block, workers+1)
	jobs := make(chan *block, workers+1)
	stop := make(chan struct{})
	type ending struct {
		err      error
		complete bool // the whole input was read into blocks
	}
	end := make(chan ending, 1)
	go func() {
		var e ending
		defer func() { end <- e }()
		defer close(jobs)
		defer close(queue)
		var carry []byte
		for {
			select {
			case <-stop:
				return
			default:
			}
			buf, _ := bufPool.Get().([]byte)
			if len(buf) != streamBlock {
				buf = make([]byte, streamBlock)
			}
			n := copy(buf, carry)
			m, err := io.ReadFull(in, buf[n:])
			data := buf[:n+m]
			last := err != nil
			if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
				e.err = readErr(in.name, err)
				return
			}
			carry = nil
			if !last {
				i := bytes.LastIndexByte(data, '\n')
				if i < 0 {
					return // a line longer than a block: the exact reader
				}
				carry = append([]byte(nil), data[i+1:]...)
				data = data[:i+1]
			}
			if len(data) > 0 {
				bl := &block{buf: buf, text: unsafe.String(unsafe.SliceData(data), len(data)), res: make(chan chunkResult, 1)}
				queue <- bl
				jobs <- bl
			}
			if last {
				e.complete = true
				return
			}
		}
	}()
	for range workers {
		go func() {
			for bl := range jobs {
				if !cleanBlock(bl.text) {
					bl.res <- chunkResult{}
					continue
				}
				rows, _ := rowsPool.Get().([]chunkRow)
				bl.res <- parseChunk(bl.text, comma, len(head), pc, dc, sc, rows)
			}
		}()
	}
	ok, rows := true, 0
	for bl := range queue {
		if !ok {
			continue // drain what is in flight
		}
		r := <-bl.res
		n, merged := t.merge(&r)
		rows += n
		// Nothing refers to the block or its rows once merged: the texts
		// kept were copied.
		bufPool.Put(bl.buf)
		rowsPool.Put(r.rows[:0])
		if ok = merged; !ok {
			close(stop)
		}
		if t.report != nil {
			t.report("reading "+filepath.Base(in.name), in.read.Load(), in.size)
		}
	}
	e := <-end
	if e.err != nil {
		return nil, false, e.err
	}
	if !ok || !e.complete || rows == 0 {
		return nil, false, nil
	}
	l, err := t.finish(in.name, nil, co, opts.MaxBytes)
	return l, err == nil, err
}

// cleanBlock reports whether a block is UTF-8 text without quotes or NUL
// bytes: what the fast reader can split without a CSV state machine.
func cleanBlock(s string) bool {
	return strings.IndexByte(s, '"') < 0 && strings.IndexByte(s, 0) < 0 && utf8.ValidString(s)
}

// merge adds what a worker made of a block to the builder, in file order.
// It returns the rows taken and false when the block has anything the
// exact reader must report.
func (t *tableLoader) merge(r *chunkResult) (int, bool) {
	if !r.ok {
		return 0, false
	}
	pmap := make([]int, len(r.parties))
	for i, text := range r.parties {
		h, ok := t.partyQuiet(text)
		if !ok {
			return 0, false
		}
		pmap[i] = h
	}
	dmap := make([]int, len(r.demands))
	for i, text := range r.demands {
		h, ok := t.demandQuiet(text)
		if !ok {
			return 0, false
		}
		dmap[i] = h
	}
	for _, row := range r.rows {
		p, d := pmap[row.p], dmap[row.d]
		if t.b.HasStance(p, d) {
			return 0, false
		}
		if t.dropped(d) {
			if t.seenDropped.testAndSet(p, d) {
				return 0, false
			}
			continue
		}
		t.b.SetPosition(p, d, row.pos, graph.DefaultStrength)
	}
	return len(r.rows), true
}
