package data

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	yaml "github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Limits on what a YAML or JSON file may make the loader do.
const (
	// MaxAliasNodes bounds the nodes that YAML aliases may expand to, so a
	// "billion laughs" file fails fast instead of eating memory.
	MaxAliasNodes = 100_000
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

// parseYAML parses src (YAML or JSON) into a node tree. A syntax error is
// returned as one diagnostic: the parser cannot go on after it.
func parseYAML(src []byte) (*node, []Diagnostic) {
	if d, ok := checkDepth(src); !ok {
		return nil, []Diagnostic{d}
	}
	f, err := parseSafely(src)
	if err != nil {
		return nil, []Diagnostic{syntaxDiagnostic(err)}
	}
	var docs []*ast.DocumentNode
	for _, d := range f.Docs {
		if d != nil && d.Body != nil {
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 {
		return nil, nil
	}
	if len(docs) > 1 {
		t := docs[1].Body.GetToken()
		if docs[1].Start != nil {
			t = docs[1].Start
		}
		return nil, []Diagnostic{{Line: t.Position.Line, Col: t.Position.Column, Span: 3,
			Message: "a scenario file holds one YAML document; this is a second one (remove the \"---\" above it)"}}
	}
	c := converter{anchors: map[string]*node{}, sizes: map[*node]int{}}
	n := c.convert(docs[0].Body, 0)
	return n, c.diags
}

// parseSafely runs the parser, turning a panic inside it into an error so
// that a malformed file can never crash the program.
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

// checkDepth refuses values nested deeper than MaxDepth before the parser,
// which recurses, sees them: flow collections ([ and {) and block lists
// opened on one line ("- - - x"). It errs on the safe side: brackets inside
// quoted text count too, which only a file with over MaxDepth unclosed
// brackets in its text would notice.
func checkDepth(src []byte) (Diagnostic, bool) {
	depth, line, col := 0, 1, 1
	lineStart, dashes := true, 0
	tooDeep := func() (Diagnostic, bool) {
		return Diagnostic{Line: line, Col: col, Span: 1,
			Message: fmt.Sprintf("lists and mappings nest deeper than %d levels", MaxDepth)}, false
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\n' {
			line, col, lineStart, dashes = line+1, 1, true, 0
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
		switch c {
		case '[', '{':
			if depth++; depth > MaxDepth {
				return tooDeep()
			}
		case ']', '}':
			depth = max(depth-1, 0)
		}
		if utf8.RuneStart(c) {
			col++
		}
	}
	return Diagnostic{}, true
}

type converter struct {
	anchors map[string]*node
	sizes   map[*node]int // nodes in the expansion of each anchored node
	total   int           // nodes made by expanding aliases so far
	diags   []Diagnostic
}

func pos(t *token.Token) (int, int) {
	if t == nil {
		return 0, 0
	}
	return t.Position.Line, t.Position.Column
}

func (c *converter) convert(an ast.Node, depth int) *node {
	if an == nil {
		return &node{kind: nullNode}
	}
	line, col := pos(an.GetToken())
	if depth > MaxDepth {
		c.diags = append(c.diags, Diagnostic{Line: line, Col: col, Span: 1,
			Message: fmt.Sprintf("lists and mappings nest deeper than %d levels", MaxDepth)})
		return &node{kind: nullNode, line: line, col: col}
	}
	scalar := func(v, typ string) *node {
		span := utf8.RuneCountInString(v)
		if t := an.GetToken(); t != nil && t.Origin != "" {
			span = utf8.RuneCountInString(strings.TrimSpace(t.Origin))
		}
		if strings.ContainsRune(v, '\n') {
			span = 1
		}
		return &node{kind: scalarNode, line: line, col: col, span: max(span, 1), value: v, typ: typ}
	}
	switch n := an.(type) {
	case *ast.NullNode:
		return &node{kind: nullNode, line: line, col: col, span: 1}
	case *ast.StringNode:
		return scalar(n.Value, "string")
	case *ast.LiteralNode:
		if n.Value == nil {
			return scalar("", "string")
		}
		s := scalar(n.Value.Value, "string")
		s.span = 1
		return s
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return scalar(an.GetToken().Value, "number")
	case *ast.BoolNode:
		return scalar(an.GetToken().Value, "boolean")
	case *ast.TagNode:
		return c.convert(n.Value, depth)
	case *ast.AnchorNode:
		v := c.convert(n.Value, depth)
		name := ""
		if n.Name != nil {
			name = n.Name.GetToken().Value
		}
		c.anchors[name] = v
		c.sizes[v] = c.size(v)
		return v
	case *ast.AliasNode:
		name := ""
		if n.Value != nil {
			name = n.Value.GetToken().Value
		}
		v, ok := c.anchors[name]
		if !ok {
			c.diags = append(c.diags, Diagnostic{Line: line, Col: col, Span: 1 + len(name),
				Message: fmt.Sprintf("alias *%s refers to no anchor &%s defined above it", name, name)})
			return &node{kind: nullNode, line: line, col: col}
		}
		c.total += c.sizes[v]
		if c.total > MaxAliasNodes {
			if c.total-c.sizes[v] <= MaxAliasNodes {
				c.diags = append(c.diags, Diagnostic{Line: line, Col: col, Span: 1 + len(name),
					Message: fmt.Sprintf("aliases expand to more than %d values (an alias bomb?)", MaxAliasNodes)})
			}
			return &node{kind: nullNode, line: line, col: col}
		}
		return v
	case *ast.MappingNode:
		m := &node{kind: mapNode, line: line, col: col, span: 1}
		for _, mv := range n.Values {
			m.pairs = append(m.pairs, c.pair(mv, depth))
		}
		if len(n.Values) > 0 {
			m.line, m.col = pos(n.Values[0].Key.GetToken())
		}
		return m
	case *ast.MappingValueNode:
		m := &node{kind: mapNode, line: line, col: col, span: 1}
		m.pairs = append(m.pairs, c.pair(n, depth))
		m.line, m.col = pos(n.Key.GetToken())
		return m
	case *ast.SequenceNode:
		s := &node{kind: seqNode, line: line, col: col, span: 1}
		for _, x := range n.Values {
			s.items = append(s.items, c.convert(x, depth+1))
		}
		return s
	case *ast.MappingKeyNode:
		return c.convert(n.Value, depth)
	}
	c.diags = append(c.diags, Diagnostic{Line: line, Col: col, Span: 1,
		Message: fmt.Sprintf("unsupported YAML here (%s)", an.Type())})
	return &node{kind: nullNode, line: line, col: col}
}

func (c *converter) pair(mv *ast.MappingValueNode, depth int) pair {
	k := c.convert(mv.Key, depth+1)
	if mv.Key != nil && mv.Key.Type() == ast.MergeKeyType {
		k = &node{kind: scalarNode, value: "<<", typ: "string", span: 2}
		k.line, k.col = pos(mv.Key.GetToken())
	}
	return pair{key: k, val: c.convert(mv.Value, depth+1)}
}

// size counts the nodes of n's expansion, with aliases inside counted in
// full (memoised, as aliases share their anchor's node).
func (c *converter) size(n *node) int {
	if s, ok := c.sizes[n]; ok {
		return s
	}
	s := 1
	for _, p := range n.pairs {
		s += c.size(p.key) + c.size(p.val)
		if s > MaxAliasNodes {
			return s
		}
	}
	for _, x := range n.items {
		s += c.size(x)
		if s > MaxAliasNodes {
			return s
		}
	}
	return s
}
