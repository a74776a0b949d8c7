package data

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	yaml3 "go.yaml.in/yaml/v3"
)

// Limits on what a YAML or JSON file may make the loader do.
const (
	// MaxAliasNodes bounds the nodes that YAML aliases may expand to, so a
	// "billion laughs" file fails fast instead of eating memory.
	MaxAliasNodes = 100_000
	// MinAliasBytes is the text YAML aliases may always add to a file; a
	// larger file may add as much as it holds itself. Every command's work
	// then stays in proportion to the file: a 4 MB quote anchored and used
	// a thousand times would otherwise hand 4 GB of text to whatever prints
	// or draws it.
	MinAliasBytes = 1 << 20
	// MaxDepth bounds how deeply mappings and lists may nest.
	MaxDepth = 100
)

type nodeKind int

const (
	nullNode nodeKind = iota
	scalarNode
	mapNode
	seqNode
)

// node is a parsed YAML value with its position, independent of the parser.
type node struct {
	kind      nodeKind
	line, col int
	span      int
	value     string // the text of a scalar
	typ       string // what a scalar looks like: "string", "number", "boolean"
	pairs     []pair // of a mapping, in file order
	items     []*node
	// lazy, when set, is a mapping or a list not read yet (yamllazy.go).
	lazy lazyValue
}

type pair struct{ key, val *node }

func (n *node) describe() string {
	switch n.kind {
	case nullNode:
		return "nothing"
	case mapNode:
		return "a mapping"
	case seqNode:
		return "a list"
	}
	switch n.typ {
	case "number":
		return "the number " + n.value
	case "boolean":
		return "the boolean " + n.value
	}
	return fmt.Sprintf("the text %q", n.value)
}

// syntaxDetailMax is the largest file whose syntax errors are positioned
// to the column by a second parser, github.com/goccy/go-yaml: it is slow
// beyond that (200 KB took 0.75 s, 830 KB 7.5 s), and hand-written files
// are far smaller. Larger files get the line go.yaml.in/yaml/v3 names.
const syntaxDetailMax = 64 << 10

// parseYAML parses src (YAML or JSON) into a node tree. A syntax error is
// returned as one diagnostic: the parser cannot go on after it.
//
// The tree comes from go.yaml.in/yaml/v3: on a 2 MB file it takes a tenth of
// a second and 50 MB where goccy/go-yaml takes 1.5 s and 2 GB. goccy/go-yaml
// only explains syntax errors, which it places to the column.
func parseYAML(src []byte) (*node, []Diagnostic) {
	if d, ok := checkDepth(src); !ok {
		return nil, []Diagnostic{d}
	}
	dec := yaml3.NewDecoder(bytes.NewReader(src))
	var doc yaml3.Node
	err := decodeSafely(dec, &doc)
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		return nil, []Diagnostic{syntaxError(src, err)}
	}
	var second yaml3.Node
	switch err := decodeSafely(dec, &second); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, []Diagnostic{syntaxError(src, err)}
	default:
		line, col := second.Line, second.Column
		if l, c, ok := documentMarker(src, doc); ok {
			line, col = l, c
		}
		return nil, []Diagnostic{{Line: line, Col: col, Span: 3,
			Message: "a scenario file holds one YAML document; this is a second one (remove the \"---\" above it)"}}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	c := converter{sizes: map[*yaml3.Node]extent{}, nodeSizes: map[*node]extent{}, made: map[*yaml3.Node]*node{},
		anchors: countAnchors(doc.Content[0]), maxBytes: max(len(src), MinAliasBytes)}
	n := c.convert(doc.Content[0], 0)
	return n, c.diags
}

// countAnchors counts the anchored nodes of a tree (aliases not followed).
func countAnchors(yn *yaml3.Node) int {
	n := 0
	if yn.Anchor != "" {
		n++
	}
	for _, x := range yn.Content {
		n += countAnchors(x)
	}
	return n
}

// documentMarker finds the "---" that starts the second document, after
// the first document's first line.
func documentMarker(src []byte, first yaml3.Node) (line, col int, ok bool) {
	for i, l := range bytes.Split(src, []byte("\n")) {
		if i+1 > first.Line && bytes.HasPrefix(l, []byte("---")) {
			return i + 1, 1, true
		}
	}
	return 0, 0, false
}

// decodeSafely runs the decoder, turning a panic inside it into an error so
// that a malformed file can never crash the program.
func decodeSafely(dec *yaml3.Decoder, n *yaml3.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the YAML parser failed on this file (%v)", r)
		}
	}()
	return dec.Decode(n)
}

var unknownAnchor = regexp.MustCompile(`unknown anchor '([^']*)' referenced`)

// lineOf reads the line of a go.yaml.in/yaml/v3 error: "yaml: line 3: ...".
var lineOf = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError positions a syntax error: to the column when goccy/go-yaml
// can place it (small files), else to the line yaml.v3 names.
func syntaxError(src []byte, err error) Diagnostic {
	if m := unknownAnchor.FindStringSubmatch(err.Error()); m != nil {
		d := Diagnostic{Line: 1, Col: 1, Span: 1 + len(m[1]),
			Message: fmt.Sprintf("alias *%s refers to no anchor &%s defined above it", m[1], m[1])}
		if i := bytes.Index(src, []byte("*"+m[1])); i >= 0 {
			d.Line = bytes.Count(src[:i], []byte("\n")) + 1
			d.Col = utf8.RuneCount(src[bytes.LastIndexByte(src[:i], '\n')+1:i]) + 1
		}
		return d
	}
	if len(src) <= syntaxDetailMax {
		if _, gerr := parseSafely(src); gerr != nil {
			return syntaxDiagnostic(gerr)
		}
	}
	msg := err.Error()
	line := 1
	if m := lineOf.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if strings.Contains(msg, "cannot start any token") && bytes.Contains(src, []byte("\t")) {
		msg = "a tab character: YAML indents with spaces only"
	}
	return Diagnostic{Line: line, Col: 1, Span: 1, Message: "YAML syntax: " + msg}
}

// parseSafely runs goccy/go-yaml's parser for its positioned errors.
func parseSafely(src []byte) (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("the YAML parser failed on this file (%v)", r)
		}
	}()
	return parser.ParseBytes(src, 0, parser.AllowDuplicateMapKey())
}

func syntaxDiagnostic(err error) Diagnostic {
	var se *yaml.SyntaxError
	if errors.As(err, &se) && se.Token != nil {
		msg := se.Message
		if strings.Contains(msg, "cannot start any token") && strings.Contains(msg, "'\t'") {
			msg = "a tab character: YAML indents with spaces only"
		}
		return Diagnostic{Line: se.Token.Position.Line, Col: se.Token.Position.Column, Span: 1,
			Message: "YAML syntax: " + msg}
	}
	return Diagnostic{Line: 1, Col: 1, Span: 1, Message: "YAML syntax: " + err.Error()}
}

// checkDepth refuses values nested deeper than MaxDepth before the parser
// builds them: flow collections ([ and {) and block lists opened on one
// line ("- - - x"). Brackets in quoted text and in comments do not count;
// where a quote begins is told as YAML tells it, at the start of a value.
// Should a strange file fool it, the parser stops at 10,000 levels itself
// and the converter at MaxDepth: this check only makes the usual case fast
// and well placed.
func checkDepth(src []byte) (Diagnostic, bool) {
	depth, line, col := 0, 1, 1
	lineStart, dashes := true, 0
	valueStart := true // a quote here opens a quoted scalar
	tooDeep := func() (Diagnostic, bool) {
		return Diagnostic{Line: line, Col: col, Span: 1,
			Message: fmt.Sprintf("lists and mappings nest deeper than %d levels", MaxDepth)}, false
	}
	// skip moves past src[i:j], keeping the line and column.
	skip := func(i, j int) int {
		for ; i < j; i++ {
			if src[i] == '\n' {
				line, col = line+1, 1
			} else if utf8.RuneStart(src[i]) {
				col++
			}
		}
		return j
	}
	for i := 0; i < len(src); {
		c := src[i]
		if c == '\n' {
			line, col, lineStart, dashes, valueStart = line+1, 1, true, 0, true
			i++
			continue
		}
		if lineStart {
			switch {
			case c == ' ' || c == '\t':
			case c == '-' && (i+1 == len(src) || src[i+1] == ' ' || src[i+1] == '\n'):
				if dashes++; dashes > MaxDepth {
					return tooDeep()
				}
			default:
				lineStart = false
			}
		}
		switch {
		case c == '#' && (i == 0 || src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n'):
			end := bytes.IndexByte(src[i:], '\n')
			if end < 0 {
				end = len(src) - i
			}
			i = skip(i, i+end)
			continue
		case (c == '"' || c == '\'') && valueStart:
			j := i + 1
			for j < len(src) {
				if c == '"' && src[j] == '\\' {
					j += 2
					continue
				}
				if src[j] == c {
					if c == '\'' && j+1 < len(src) && src[j+1] == '\'' {
						j += 2 // '' is a quote inside single quotes
						continue
					}
					break
				}
				j++
			}
			i = skip(i, min(j+1, len(src)))
			valueStart = false
			continue
		case c == '[' || c == '{':
			if depth++; depth > MaxDepth {
				return tooDeep()
			}
			valueStart = true
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
			valueStart = false
		case c == ',' || c == '?' || c == '-' || c == ':':
			valueStart = i+1 == len(src) || src[i+1] == ' ' || src[i+1] == '\t' || src[i+1] == '\n' || src[i+1] == '\r' || c == ',' && depth > 0
		case c == ' ' || c == '\t' || c == '\r':
		default:
			valueStart = false
		}
		if utf8.RuneStart(c) {
			col++
		}
		i++
	}
	return Diagnostic{}, true
}

// extent is how much an alias adds: nodes, and bytes of text in scalars.
type extent struct{ nodes, bytes int }

func (x extent) plus(y extent) extent { return extent{x.nodes + y.nodes, x.bytes + y.bytes} }

// over reports whether x passes either limit.
func (x extent) over(maxBytes int) bool { return x.nodes > MaxAliasNodes || x.bytes > maxBytes }

type converter struct {
	sizes     map[*yaml3.Node]extent // the expansion of each anchored node
	nodeSizes map[*node]extent
	made      map[*yaml3.Node]*node
	total     extent // made by expanding aliases so far
	maxBytes  int    // the bytes of text aliases may add
	diags     []Diagnostic
	// anchors counts the anchored nodes not yet converted: while there are
	// none, a converted subtree of the parser's tree is dropped at once, so
	// that a big file is not held twice.
	anchors int
}

// release drops children of yn that are converted, when no alias can still
// refer into them.
func (c *converter) release(yn *yaml3.Node, idx ...int) {
	if c.anchors > 0 {
		return
	}
	for _, i := range idx {
		yn.Content[i] = nil
	}
}

// nodeSize measures a converted tree, memoised.
func (c *converter) nodeSize(n *node) extent { return nodeSize(n, c.nodeSizes, c.maxBytes) }

// nodeSize measures a tree, memoised in memo; it stops counting once past
// either limit, maxBytes being the bytes of text aliases may add.
func nodeSize(n *node, memo map[*node]extent, maxBytes int) extent {
	if s, ok := memo[n]; ok {
		return s
	}
	s := extent{1, len(n.value)}
	for _, p := range n.pairs {
		s = s.plus(nodeSize(p.key, memo, maxBytes)).plus(nodeSize(p.val, memo, maxBytes))
		if s.over(maxBytes) {
			break
		}
	}
	for _, x := range n.items {
		s = s.plus(nodeSize(x, memo, maxBytes))
		if s.over(maxBytes) {
			break
		}
	}
	memo[n] = s
	return s
}

func (c *converter) convert(yn *yaml3.Node, depth int) *node {
	if yn == nil {
		return &node{kind: nullNode}
	}
	line, col := yn.Line, yn.Column
	if depth > MaxDepth {
		c.diags = append(c.diags, Diagnostic{Line: line, Col: col, Span: 1,
			Message: fmt.Sprintf("lists and mappings nest deeper than %d levels", MaxDepth)})
		return &node{kind: nullNode, line: line, col: col}
	}
	if n, ok := c.made[yn]; ok {
		return n // an anchored node, already made
	}
	var n *node
	switch yn.Kind {
	case yaml3.DocumentNode:
		if len(yn.Content) == 0 {
			return &node{kind: nullNode, line: line, col: col}
		}
		return c.convert(yn.Content[0], depth)
	case yaml3.ScalarNode:
		n = c.scalar(yn)
	case yaml3.MappingNode:
		n = &node{kind: mapNode, line: line, col: col, span: 1, pairs: make([]pair, 0, len(yn.Content)/2)}
		for i := 0; i+1 < len(yn.Content); i += 2 {
			k, v := yn.Content[i], yn.Content[i+1]
			n.pairs = append(n.pairs, pair{key: c.convert(k, depth+1), val: c.convert(v, depth+1)})
			c.release(yn, i, i+1)
		}
		if len(n.pairs) > 0 {
			n.line, n.col = n.pairs[0].key.line, n.pairs[0].key.col
		}
	case yaml3.SequenceNode:
		n = &node{kind: seqNode, line: line, col: col, span: 1, items: make([]*node, 0, len(yn.Content))}
		for i, x := range yn.Content {
			n.items = append(n.items, c.convert(x, depth+1))
			c.release(yn, i)
		}
	case yaml3.AliasNode:
		if yn.Alias == nil {
			c.diags = append(c.diags, Diagnostic{Line: line, Col: col, Span: 1 + len(yn.Value),
				Message: fmt.Sprintf("alias *%s refers to no anchor &%s defined above it", yn.Value, yn.Value)})
			return &node{kind: nullNode, line: line, col: col}
		}
		size := c.size(yn.Alias)
		if made, ok := c.made[yn.Alias]; ok {
			size = c.nodeSize(made)
		}
		before := c.total
		c.total = c.total.plus(size)
		if c.total.over(c.maxBytes) {
			if !before.over(c.maxBytes) {
				msg := fmt.Sprintf("aliases expand to more than %d values (an alias bomb?)", MaxAliasNodes)
				if c.total.nodes <= MaxAliasNodes {
					msg = fmt.Sprintf("aliases expand to more than %.1f MiB of text, more than the file holds; write the text out, or use it less often", float64(c.maxBytes)/(1<<20))
				}
				c.diags = append(c.diags, Diagnostic{Line: line, Col: col, Span: 1 + len(yn.Value), Message: msg})
			}
			return &node{kind: nullNode, line: line, col: col}
		}
		return c.convert(yn.Alias, depth)
	default:
		c.diags = append(c.diags, Diagnostic{Line: line, Col: col, Span: 1, Message: "unsupported YAML here"})
		return &node{kind: nullNode, line: line, col: col}
	}
	if yn.Anchor != "" {
		c.made[yn] = n
	}
	return n
}

// scalar makes a node of a scalar, with the width of its text in the file.
func (c *converter) scalar(yn *yaml3.Node) *node {
	n := &node{kind: scalarNode, line: yn.Line, col: yn.Column, value: yn.Value, typ: "string"}
	switch yn.ShortTag() {
	case "!!null":
		n.kind = nullNode
	case "!!int", "!!float":
		n.typ = "number"
	case "!!bool":
		n.typ = "boolean"
	case "!!merge":
		n.value = "<<"
	}
	if n.kind == nullNode && yn.Value != "" && yn.Value != "null" && yn.Value != "~" {
		n.kind = scalarNode // a tagged null with text: keep the text
	}
	span := utf8.RuneCountInString(yn.Value)
	switch {
	case yn.Style&(yaml3.LiteralStyle|yaml3.FoldedStyle) != 0, strings.ContainsRune(yn.Value, '\n'):
		span = 1
	case yn.Style&(yaml3.DoubleQuotedStyle|yaml3.SingleQuotedStyle) != 0:
		span += 2
	}
	n.span = max(span, 1)
	return n
}

// size measures yn's expansion, aliases inside counted in full (memoised,
// as aliases share their anchor's node).
func (c *converter) size(yn *yaml3.Node) extent {
	if s, ok := c.sizes[yn]; ok {
		return s
	}
	c.sizes[yn] = extent{MaxAliasNodes + 1, 0} // an alias to an enclosing anchor: a cycle
	s := extent{1, len(yn.Value)}
	if yn.Kind == yaml3.AliasNode && yn.Alias != nil {
		s = c.size(yn.Alias)
	}
	for _, x := range yn.Content {
		if x == nil {
			continue
		}
		s = s.plus(c.size(x))
		if s.over(c.maxBytes) {
			break
		}
	}
	c.sizes[yn] = s
	return s
}
