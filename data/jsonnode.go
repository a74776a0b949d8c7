package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// isJSON reports whether src is a JSON document: an object or an array,
// well-formed. Such a file is read as JSON, whatever its name says, with
// JSON's rules where YAML's differ: surrogate pairs in escapes ("\ud83c
// \udf0d", as Python writes them) and keys of any length.
func isJSON(src []byte) bool {
	t := bytes.TrimLeft(src, " \t\r\n")
	return len(t) > 0 && (t[0] == '{' || t[0] == '[') && json.Valid(src)
}

// parseJSON reads a well-formed JSON document (isJSON) into a node tree
// with the position of every value. Cost O(size), one pass.
func parseJSON(src []byte) (*node, []Diagnostic) {
	p := &jsonParser{src: src, line: 1, col: 1}
	n := p.value(0)
	if p.err != nil {
		return nil, []Diagnostic{*p.err}
	}
	return n, nil
}

// jsonParser walks a well-formed document, keeping the line and the
// column in characters of the byte it is at.
type jsonParser struct {
	src       []byte
	i         int
	line, col int
	err       *Diagnostic
}

// advance moves n bytes on.
func (p *jsonParser) advance(n int) {
	for end := p.i + n; p.i < end; p.i++ {
		switch c := p.src[p.i]; {
		case c == '\n':
			p.line, p.col = p.line+1, 1
		case utf8.RuneStart(c):
			p.col++
		}
	}
}

func (p *jsonParser) space() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t', '\r', '\n':
			p.advance(1)
		default:
			return
		}
	}
}

// members reads a mapping's or a list's members, from its opening bracket
// to the closing one, end, calling each at every member and moving past
// the commas between them.
func (p *jsonParser) members(end byte, each func()) {
	p.advance(1)
	for {
		p.space()
		if p.src[p.i] == end {
			p.advance(1)
			return
		}
		each()
		p.space()
		if p.src[p.i] == ',' {
			p.advance(1)
		}
	}
}

func (p *jsonParser) value(depth int) *node {
	p.space()
	if p.i >= len(p.src) {
		return &node{kind: nullNode, line: p.line, col: p.col}
	}
	line, col := p.line, p.col
	if c := p.src[p.i]; (c == '{' || c == '[') && depth >= MaxDepth {
		if p.err == nil {
			p.err = &Diagnostic{Line: line, Col: col, Span: 1,
				Message: fmt.Sprintf("lists and mappings nest deeper than %d levels", MaxDepth)}
		}
		p.skipValue()
		return &node{kind: nullNode, line: line, col: col}
	}
	switch c := p.src[p.i]; {
	case c == '{':
		n := &node{kind: mapNode, line: line, col: col, span: 1}
		p.members('}', func() {
			k := p.str()
			p.space()
			p.advance(1) // the colon
			n.pairs = append(n.pairs, pair{key: k, val: p.value(depth + 1)})
		})
		if len(n.pairs) > 0 {
			n.line, n.col = n.pairs[0].key.line, n.pairs[0].key.col
		}
		return n
	case c == '[':
		n := &node{kind: seqNode, line: line, col: col, span: 1}
		p.members(']', func() { n.items = append(n.items, p.value(depth+1)) })
		return n
	case c == '"':
		return p.str()
	}
	// A literal or a number: the bytes up to the next delimiter.
	j := p.i
	for j < len(p.src) && !bytes.ContainsRune([]byte(" \t\r\n,]}"), rune(p.src[j])) {
		j++
	}
	word := string(p.src[p.i:j])
	p.advance(j - p.i)
	n := &node{kind: scalarNode, line: line, col: col, span: len(word), value: word, typ: "number"}
	switch word {
	case "null":
		n.kind, n.value = nullNode, ""
	case "true", "false":
		n.typ = "boolean"
	}
	return n
}

// str reads a string.
func (p *jsonParser) str() *node {
	line, col, start := p.line, p.col, p.i
	j, escaped := p.i+1, false
	for p.src[j] != '"' {
		if p.src[j] == '\\' {
			escaped = true
			j++
		}
		j++
	}
	raw := p.src[start : j+1]
	p.advance(len(raw))
	n := &node{kind: scalarNode, line: line, col: col, typ: "string", span: utf8.RuneCount(raw)}
	if !escaped {
		n.value = string(raw[1 : len(raw)-1])
		return n
	}
	if err := json.Unmarshal(raw, &n.value); err != nil && p.err == nil {
		p.err = &Diagnostic{Line: line, Col: col, Span: n.span, Message: fmt.Sprintf("JSON syntax: %v", err)}
	}
	return n
}

// skipValue moves past a collection without building it, however deep.
func (p *jsonParser) skipValue() {
	depth, j := 0, p.i
	for ; j < len(p.src); j++ {
		switch p.src[j] {
		case '"':
			for j++; p.src[j] != '"'; j++ {
				if p.src[j] == '\\' {
					j++
				}
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				p.advance(j + 1 - p.i)
				return
			}
		}
	}
	p.advance(j - p.i)
}
