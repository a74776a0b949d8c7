package report

import (
	"bufio"
	"encoding/json"
	"io"
	"math"
	"strconv"
	"strings"
)

// jsonStream writes large JSON documents piece by piece, laid out exactly
// as Write lays out the same value (two-space indent, no HTML
// escaping), so that a 200-party × 6,000-demand answer never exists as one
// value in memory. The caller opens and closes objects and arrays; the
// stream keeps the commas and the indentation.
type jsonStream struct {
	w     *bufio.Writer
	buf   []byte
	depth int
	first []bool // per open container: nothing written in it yet
	err   error
}

func newJSONStream(w io.Writer) *jsonStream {
	return &jsonStream{w: bufio.NewWriterSize(w, 1<<16)}
}

// flushBuf hands the pending bytes to the writer once they pile up.
func (s *jsonStream) flushBuf() {
	if len(s.buf) >= 1<<15 && s.err == nil {
		_, s.err = s.w.Write(s.buf)
		s.buf = s.buf[:0]
	}
}

// item starts a new element of the open container: comma, newline, indent.
func (s *jsonStream) item() {
	if n := len(s.first); n > 0 {
		if !s.first[n-1] {
			s.buf = append(s.buf, ',')
		}
		s.first[n-1] = false
		s.buf = append(s.buf, '\n')
		s.buf = appendIndent(s.buf, s.depth)
	}
}

func appendIndent(b []byte, depth int) []byte {
	for range depth {
		b = append(b, ' ', ' ')
	}
	return b
}

// key starts a member of the open object.
func (s *jsonStream) key(k string) {
	s.item()
	s.buf = appendJSONString(s.buf, k)
	s.buf = append(s.buf, ':', ' ')
}

func (s *jsonStream) open(c byte) {
	s.buf = append(s.buf, c)
	s.depth++
	s.first = append(s.first, true)
}

func (s *jsonStream) close(c byte) {
	empty := s.first[len(s.first)-1]
	s.first = s.first[:len(s.first)-1]
	s.depth--
	if !empty {
		s.buf = append(s.buf, '\n')
		s.buf = appendIndent(s.buf, s.depth)
	}
	s.buf = append(s.buf, c)
	s.flushBuf()
}

// beginObject and beginArray open a container as the value of the current
// key, or as the next element when elem is true.
func (s *jsonStream) beginObject(elem bool) {
	if elem {
		s.item()
	}
	s.open('{')
}

func (s *jsonStream) endObject() { s.close('}') }

func (s *jsonStream) beginArray(elem bool) {
	if elem {
		s.item()
	}
	s.open('[')
}

func (s *jsonStream) endArray() { s.close(']') }

func (s *jsonStream) str(k, v string) {
	s.key(k)
	s.buf = appendJSONString(s.buf, v)
}

func (s *jsonStream) int(k string, v int) {
	s.key(k)
	s.buf = strconv.AppendInt(s.buf, int64(v), 10)
}

func (s *jsonStream) float(k string, v float64) {
	s.key(k)
	s.buf = appendJSONFloat(s.buf, v)
}

// optFloat writes v, or null when ok is false.
func (s *jsonStream) optFloat(k string, v float64, ok bool) {
	if !ok {
		s.key(k)
		s.buf = append(s.buf, "null"...)
		return
	}
	s.float(k, v)
}

func (s *jsonStream) bool(k string, v bool) {
	s.key(k)
	s.buf = strconv.AppendBool(s.buf, v)
}

// ids writes a member whose value is a list of already quoted strings.
func (s *jsonStream) ids(k string, quoted [][]byte, idx []int) {
	s.key(k)
	if len(idx) == 0 {
		s.buf = append(s.buf, '[', ']')
		return
	}
	s.buf = append(s.buf, '[')
	for i, x := range idx {
		if i > 0 {
			s.buf = append(s.buf, ',')
		}
		s.buf = append(s.buf, '\n')
		s.buf = appendIndent(s.buf, s.depth+1)
		s.buf = append(s.buf, quoted[x]...)
	}
	s.buf = append(s.buf, '\n')
	s.buf = appendIndent(s.buf, s.depth)
	s.buf = append(s.buf, ']')
	s.flushBuf()
}

// value writes a member (or, with k == "", an element) holding any value,
// marshalled by encoding/json at the current depth.
func (s *jsonStream) value(k string, v any) {
	if k == "" {
		s.item()
	} else {
		s.key(k)
	}
	b, err := marshalIndent(v, strings.Repeat("  ", s.depth))
	if err != nil && s.err == nil {
		s.err = err
	}
	s.buf = append(s.buf, b...)
	s.flushBuf()
}

// end finishes the document with a newline and flushes it.
func (s *jsonStream) end() error {
	s.buf = append(s.buf, '\n')
	if s.err == nil {
		_, s.err = s.w.Write(s.buf)
	}
	if s.err == nil {
		s.err = s.w.Flush()
	}
	return s.err
}

// marshalIndent is json.MarshalIndent without HTML escaping, which is how
// Write writes.
func marshalIndent(v any, prefix string) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(b.String(), "\n")), nil
}

// appendJSONString appends s as encoding/json would (without HTML escaping).
func appendJSONString(b []byte, s string) []byte {
	simple := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			simple = false
			break
		}
	}
	if simple {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	q, _ := marshalIndent(s, "")
	return append(b, q...)
}

// quoteAll returns each string quoted as a JSON string, for repeated use.
func quoteAll(ss []string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = appendJSONString(nil, s)
	}
	return out
}

// appendJSONFloat formats f as encoding/json does: the shortest
// representation that reads back the same, in exponent form only below
// 1e-6 or from 1e21. NaN and infinities cannot occur in our measures.
func appendJSONFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 becomes e-9, as encoding/json writes it.
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}
