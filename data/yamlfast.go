package data

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// The fast YAML reader. go.yaml.in/yaml/v3 builds a tree of its own nodes
// for the whole file before the converter turns it into ours: some 45 times
// the file in memory and two seconds for a 20 MB scenario. This reader
// reads the YAML that scenario files are made of — block and flow mappings
// and lists, plain, quoted and block scalars, comments — straight into our
// nodes, and leaves the stances, which are nearly all of a big file, to be
// read one party at a time as the decoder asks for them (lazy nodes), so
// that they never exist as a tree at all.
//
// It follows go.yaml.in/yaml/v3 to the character: the same values, the
// same types of plain scalars, the same lines and columns, the same place
// for an empty value. Whatever it is not sure to read exactly as that
// parser does — anchors, aliases, tags, directives, a second document,
// tabs where YAML cares about them, unusual line breaks, keys longer than
// YAML allows, and every syntax error — it gives up on (bails), and the
// file is read by go.yaml.in/yaml/v3 as before. So a file gives the same
// nodes, and the same messages, either way; FuzzFastYAML holds it to that.

// fastBail is the panic that gives up on a file; why says what was met.
type fastBail struct{ why string }

func bail(why string) { panic(fastBail{why}) }

// bailAt gives up, saying where.
func (p *fastParser) bailAt(why string) { bail(fmt.Sprintf("%d:%d: %s", p.line, p.col, why)) }

// maxFastDepth bounds how deeply the fast reader nests; deeper files are
// left to the full parser (and its MaxDepth message).
const maxFastDepth = 64

// fastPos is a place in the source: a byte offset, and the line and the
// column (in characters) it is at, both 1-based.
type fastPos struct{ i, line, col int }

// fastParser reads a YAML source; the methods move its cursor.
type fastParser struct {
	src []byte
	fastPos
	depth int
	// skipping reads without building: nodes are scratch ones, one for
	// each depth, and scalars have no value.
	skipping bool
	scratch  node   // the one scalar node while skipping
	slab     []node // nodes to hand out; the first slabUsed are handed out
	slabUsed int
	buf      []byte
	intern   map[string]string
	// walking says the mapping being read is walked by the decoder, which
	// looks its keys up and formats them, and keeps none of its nodes once
	// it has decoded a pair: so its keys are strings of the source's own
	// bytes, not copies (sharing is set while such a key is read), and the
	// nodes of a pair are handed out again for the next.
	walking, sharing bool
	// lazyKeys are the keys of the top mapping whose mappings are read
	// lazily, and lazyDepth how many levels below them are lazy too.
	lazyKeys  []string
	lazyDepth int
	// anchors are the anchored nodes by name, nil while the node is
	// being read; aliased counts the nodes aliases have expanded to, as
	// the converter counts them, and sizes memoises their sizes.
	anchors map[string]anchorSlot
	anchorN int
	aliased extent
	sizes   map[*node]extent
}

// fastLazy is a mapping not read yet: where it begins and how to read it.
type fastLazy struct {
	p      *fastParser
	start  fastPos
	ind    int  // the innermost block collection's indentation around it
	k      int  // a block collection's indentation
	seq    bool // a list, else a mapping
	flow   bool // a flow collection ({...}, [...]), else a block one
	inFlow bool // a flow mapping inside a flow collection
	depth  int  // nesting depth of the mapping
	levels int  // lazy levels left below it
	used   bool // iterated
	walk   bool // walked by the decoder (see walking)
}

func newFastParser(src []byte) *fastParser {
	return &fastParser{src: src, fastPos: fastPos{0, 1, 1}, intern: map[string]string{}}
}

// parseFast reads src (YAML, its leading BOM removed) into a node tree, the
// mappings under lazyKeys of the top mapping left lazy with levels lazy
// levels below them. ok is false when the file is for go.yaml.in/yaml/v3 to
// read; why then says what the fast reader met.
func parseFast(src []byte, lazyKeys []string, levels int) (root *node, ok bool, why string) {
	defer func() {
		if r := recover(); r != nil {
			b, isBail := r.(fastBail)
			if !isBail {
				panic(r)
			}
			root, ok, why = nil, false, b.why
		}
	}()
	if !fastText(src) {
		return nil, false, "characters YAML treats specially"
	}
	p := newFastParser(src)
	p.lazyKeys, p.lazyDepth = lazyKeys, levels
	return p.document(), true, ""
}

// fastText reports whether src holds only what the fast reader takes:
// UTF-8 text without control characters (tabs and line ends aside),
// carriage returns only before a line feed, and none of the characters
// YAML reads as line breaks or byte order marks (NEL, LS, PS, BOM) or
// refuses (U+FFFE, U+FFFF).
func fastText(src []byte) bool {
	if !utf8.Valid(src) {
		return false
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c >= 0x20 && c < 0x7f, c == '\n', c == '\t':
		case c == '\r':
			if i+1 >= len(src) || src[i+1] != '\n' {
				return false
			}
		case c == 0xc2:
			if src[i+1] < 0xa0 { // C1 controls and NEL
				return false
			}
		case c == 0xe2:
			if src[i+1] == 0x80 && (src[i+2] == 0xa8 || src[i+2] == 0xa9) {
				return false
			}
		case c == 0xef:
			if src[i+1] == 0xbb && src[i+2] == 0xbf || src[i+1] == 0xbf && src[i+2] >= 0xbe {
				return false
			}
		case c < 0x80: // other control characters
			return false
		}
	}
	return true
}

func (p *fastParser) at(k int) byte {
	if j := p.i + k; j < len(p.src) {
		return p.src[j]
	}
	return 0
}

func (p *fastParser) eof() bool { return p.i >= len(p.src) }

func isBlankz(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0 }

func isBreak(c byte) bool { return c == '\n' || c == '\r' }

// char moves past one character.
func (p *fastParser) char() {
	c := p.src[p.i]
	switch {
	case c < 0x80:
		p.i++
	case c < 0xe0:
		p.i += 2
	case c < 0xf0:
		p.i += 3
	default:
		p.i += 4
	}
	p.col++
}

// newline moves past a line break (\n or \r\n).
func (p *fastParser) newline() {
	if p.src[p.i] == '\r' {
		p.i++
	}
	p.i++
	p.line++
	p.col = 1
}

// docMarker reports whether the cursor, at the start of a line, is at a
// document marker: "---" or "...".
func (p *fastParser) docMarker() bool {
	if p.col != 1 || p.i+3 > len(p.src) {
		return false
	}
	s := p.src[p.i : p.i+3]
	return (string(s) == "---" || string(s) == "...") && isBlankz(p.at(3))
}

// spaces moves past spaces; a tab, which YAML takes in some of these
// places and not in others, is left to the full parser.
func (p *fastParser) spaces() {
	for {
		switch p.at(0) {
		case ' ':
			p.i++
			p.col++
		case '\t':
			bail("a tab between tokens")
		default:
			return
		}
	}
}

// endLine moves past the rest of a line that must hold nothing but spaces
// and a comment, then past blank and comment lines, to the first character
// of the next line with content (or the end).
func (p *fastParser) endLine() {
	p.spaces()
	if p.at(0) == '#' {
		p.comment()
	}
	if !p.eof() && !isBreak(p.at(0)) {
		bail("more on a line after a value")
	}
	p.nextLine()
}

// comment moves to the end of a comment's line.
func (p *fastParser) comment() {
	for !p.eof() && !isBreak(p.src[p.i]) {
		p.char()
	}
}

// nextLine moves from the end of a line, or from the first character of a
// line's content, past blank and comment lines to the first character of
// the next line with content, or the end.
func (p *fastParser) nextLine() {
	for !p.eof() {
		switch p.src[p.i] {
		case '\n', '\r':
			p.newline()
		case ' ':
			p.i++
			p.col++
		case '#':
			p.comment()
		case '\t':
			bail("a tab in indentation")
		default:
			return
		}
	}
}

// document reads the file's one document, which must be a mapping.
func (p *fastParser) document() *node {
	p.nextLine()
	if p.eof() {
		bail("no document")
	}
	if p.col == 1 && (p.at(0) == '%' || p.docMarker() && p.at(0) == '.') {
		bail("a directive or a document end")
	}
	if p.docMarker() {
		p.i += 3
		p.col += 3
		p.endLine()
		if p.eof() {
			bail("an empty document")
		}
	}
	root := p.blockNode(-1, 0, true)
	if !p.eof() {
		bail("more after the document")
	}
	if root.kind != mapNode {
		bail("a document that is no mapping")
	}
	return root
}

func (p *fastParser) enter() {
	if p.depth++; p.depth > maxFastDepth {
		bail("deep nesting")
	}
}

// newScalar is a node to fill with a scalar: from a slab while building,
// the scratch node while skipping (whoever skips looks at a scalar only
// until the next one is read).
func (p *fastParser) newScalar() *node {
	if p.skipping {
		p.scratch = node{}
		return &p.scratch
	}
	return p.newNode()
}

// newNode is a node to fill, from a slab.
func (p *fastParser) newNode() *node {
	if p.slabUsed == len(p.slab) {
		p.slab, p.slabUsed = make([]node, 256), 0
	}
	n := &p.slab[p.slabUsed]
	p.slabUsed++
	*n = node{}
	return n
}

// slabMark is the state of the slab, to hand its nodes out again.
type slabMark struct {
	slab []node
	used int
}

// rewind hands out again the nodes handed out since m: those of the slab
// m was taken on, or, if a slab was begun since, all of that one (which
// holds nothing older).
func (p *fastParser) rewind(m slabMark) {
	if unsafe.SliceData(p.slab) == unsafe.SliceData(m.slab) {
		p.slabUsed = m.used
	} else {
		p.slabUsed = 0
	}
}

// srcStr makes a string of b, bytes of the source: the source's own bytes
// for a key being shared, else as str does.
func (p *fastParser) srcStr(b []byte) string {
	if p.sharing && len(b) > 0 {
		return unsafe.String(&b[0], len(b))
	}
	return p.str(b)
}

// str makes a string of b, sharing the strings of short values seen
// before (ids, stance words) rather than allocating them again.
func (p *fastParser) str(b []byte) string {
	if len(b) > 40 {
		return string(b)
	}
	if s, ok := p.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(p.intern) < 1<<16 {
		p.intern[s] = s
	}
	return s
}

// The styles of scalars.
const (
	plainScalar = iota
	singleQuoted
	doubleQuoted
	literalScalar
	foldedScalar
)

// scalar makes the node of a scalar as the converter makes it of
// go.yaml.in/yaml/v3's.
func (p *fastParser) scalar(v string, style, line, col int) *node {
	n := p.newScalar()
	n.kind, n.line, n.col, n.span = scalarNode, line, col, 1
	if p.skipping {
		return n
	}
	n.value, n.typ = v, "string"
	if style == plainScalar {
		n.kind, n.typ = resolvePlain(v)
	}
	span := utf8.RuneCountInString(v)
	switch {
	case style == literalScalar || style == foldedScalar || strings.IndexByte(v, '\n') >= 0:
		span = 1
	case style == singleQuoted || style == doubleQuoted:
		span += 2
	}
	n.span = max(span, 1)
	return n
}

// empty is the node of an empty value, placed where go.yaml.in/yaml/v3
// places it.
func (p *fastParser) empty(line, col int) *node {
	n := p.newScalar()
	n.kind, n.line, n.col, n.span = nullNode, line, col, 1
	if !p.skipping {
		n.typ = "string"
	}
	return n
}

// resolvePlain tells what a plain scalar is, as go.yaml.in/yaml/v3
// resolves it: null (~, null, Null, NULL and the empty text; only the
// first two stay null for us, as the converter keeps the text of the
// others), a boolean, a number, or text (dates and "<<" among them).
func resolvePlain(s string) (nodeKind, string) {
	if s == "" {
		return nullNode, "string"
	}
	switch c := s[0]; {
	case c == '+' || c == '-' || c >= '0' && c <= '9':
	case c == '.':
		switch s {
		case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF":
			return scalarNode, "number"
		}
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return scalarNode, "number"
		}
		return scalarNode, "string"
	default:
		switch s {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return scalarNode, "boolean"
		case "~", "null":
			return nullNode, "string"
		}
		return scalarNode, "string"
	}
	switch s {
	case "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return scalarNode, "number"
	}
	plain := s
	if strings.IndexByte(s, '_') >= 0 {
		plain = strings.ReplaceAll(s, "_", "")
	}
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return scalarNode, "number"
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return scalarNode, "number"
	}
	if yamlFloat(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return scalarNode, "number"
		}
	}
	for _, pre := range []struct {
		prefix string
		base   int
	}{{"0b", 2}, {"-0b", 2}, {"0o", 8}, {"-0o", 8}} {
		if rest, ok := strings.CutPrefix(plain, pre.prefix); ok {
			if pre.prefix[0] == '-' {
				rest = "-" + rest
			}
			if _, err := strconv.ParseInt(rest, pre.base, 64); err == nil {
				return scalarNode, "number"
			}
			if pre.prefix[0] != '-' {
				if _, err := strconv.ParseUint(rest, pre.base, 64); err == nil {
					return scalarNode, "number"
				}
			}
			break
		}
	}
	return scalarNode, "string"
}

// yamlFloat matches [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
func yamlFloat(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	} else {
		if digits() == 0 {
			return false
		}
		if i < len(s) && s[i] == '.' {
			i++
			digits()
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// plainStart reports whether c, followed by next, begins a plain scalar.
func plainStart(c, next byte, flow bool) bool {
	switch c {
	case ' ', '\t', '\r', '\n', 0:
		return false
	case '-':
		return !isBlankz(next)
	case '?', ':':
		return !flow && !isBlankz(next)
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	}
	return true
}

// blockNode reads the node that begins at the cursor in block context. ind
// is the indentation of the innermost block collection around it (-1 at
// the top); after is the indicator the node follows on its line, ':' or
// '-', or 0 when it begins its line. It returns with the cursor at the
// first character of the next line with content, or at the end.
func (p *fastParser) blockNode(ind int, after byte, top bool) *node {
	p.enter()
	defer func() { p.depth-- }()
	line, col := p.line, p.col
	c := p.at(0)
	switch {
	case c == '-' && isBlankz(p.at(1)):
		if after != 0 {
			bail("a list on the line of its indicator")
		}
		return p.blockSeq(col-1, false)
	case c == '[' || c == '{':
		n := p.flowNode(top)
		p.spaces()
		if p.at(0) == ':' {
			bail("a flow collection as a key")
		}
		p.endLine()
		return n
	case c == '|' || c == '>':
		n := p.blockScalar(ind)
		p.nextLine()
		return n
	case c == '&' && after != 0:
		return p.anchored(ind, after)
	case c == '*':
		n := p.alias(false)
		p.spaces()
		if p.at(0) == ':' {
			bail("an alias as a key")
		}
		p.endLine()
		return n
	case c == '"' || c == '\'':
		v := p.quoted()
		style := doubleQuoted
		if c == '\'' {
			style = singleQuoted
		}
		multi := p.line != line
		p.spaces()
		if p.at(0) == ':' && isBlankz(p.at(1)) {
			if after == ':' || multi {
				bail("a key where it cannot be")
			}
			p.keyLength(col)
			return p.blockMapping(col-1, p.scalar(v, style, line, col), top)
		}
		n := p.scalar(v, style, line, col)
		p.endLine()
		return n
	case plainStart(c, p.at(1), false):
		v, lineStart := p.plain(ind+1, false)
		if p.at(0) == ':' && isBlankz(p.at(1)) {
			if after == ':' || p.line != line {
				bail("a key where it cannot be")
			}
			p.keyLength(col)
			return p.blockMapping(col-1, p.scalar(v, plainScalar, line, col), top)
		}
		n := p.scalar(v, plainScalar, line, col)
		if lineStart {
			p.nextLine()
		} else {
			p.endLine()
		}
		return n
	}
	p.bailAt("a node the fast reader does not read")
	return nil
}

// keyLength refuses a key whose ':' is more than 1024 characters past its
// start, which YAML does not read as a key; the cursor is at the ':'.
func (p *fastParser) keyLength(col int) {
	if p.col-col > 1000 {
		bail("a long key")
	}
}

// blockMapping reads a block mapping whose keys are at indentation k, its
// first key read and the cursor at the ':' after it.
func (p *fastParser) blockMapping(k int, key *node, top bool) *node {
	m := p.newNode()
	m.kind, m.line, m.col, m.span = mapNode, key.line, key.col, 1
	p.pairs(k, key, top, 0, func(key, val *node) {
		if !p.skipping {
			m.pairs = append(m.pairs, pair{key, val})
		}
	}, false)
	return m
}

// pairs reads the entries of a block mapping at indentation k from the
// cursor, at the ':' after the first key, handing each to emit. Values of
// the keys under lazyKeys (top) or, with levels left, every value that is
// a mapping, are lazy.
func (p *fastParser) pairs(k int, key *node, top bool, levels int, emit func(key, val *node), recycle bool) {
	mark := slabMark{p.slab, p.slabUsed}
	for {
		p.i++ // the ':'
		p.col++
		var val *node
		switch {
		case top && !p.skipping && p.lazyKey(key):
			val = p.lazyValue(k, ':', p.lazyDepth, true)
		case levels > 0 && !p.skipping:
			val = p.lazyValue(k, ':', levels-1, false)
		default:
			val = p.value(k, ':')
		}
		emit(key, val)
		p.emitted(val, top)
		if recycle {
			p.rewind(mark)
		}
		if p.eof() {
			return
		}
		switch c := p.col - 1; {
		case c < k:
			return
		case c > k:
			bail("indentation")
		}
		if p.docMarker() {
			bail("a document marker")
		}
		// The key of the next pair, read here, goes with it.
		mark = slabMark{p.slab, p.slabUsed}
		key = p.mapKey(k)
	}
}

// emitted moves past a lazy value once emit has had it, if emit did not
// walk it: checking it, or, for a lazy section of the top mapping holding
// anchors or aliases, reading it in its place, since they are counted in
// the order of the file.
func (p *fastParser) emitted(val *node, top bool) {
	l, ok := val.lazy.(*fastLazy)
	if !ok || l.used {
		return
	}
	p.skipLazy(l)
	if sec := p.src[l.start.i:p.i]; top && (bytes.IndexByte(sec, '&') >= 0 || bytes.IndexByte(sec, '*') >= 0) {
		val.materialize()
	}
}

func (p *fastParser) lazyKey(key *node) bool {
	if key.kind != scalarNode {
		return false
	}
	for _, k := range p.lazyKeys {
		if key.value == k {
			return true
		}
	}
	return false
}

// mapKey reads a key of a block mapping at indentation k, at the cursor;
// it returns with the cursor at the ':' after it.
func (p *fastParser) mapKey(k int) *node {
	p.sharing = p.walking
	defer func() { p.sharing = false }()
	line, col := p.line, p.col
	var key *node
	switch c := p.at(0); {
	case c == '"' || c == '\'':
		v := p.quoted()
		if p.line != line {
			bail("a key on several lines")
		}
		style := doubleQuoted
		if c == '\'' {
			style = singleQuoted
		}
		key = p.scalar(v, style, line, col)
		p.spaces()
	case plainStart(c, p.at(1), false):
		v, _ := p.plain(k+1, false)
		if p.line != line {
			bail("a key on several lines")
		}
		key = p.scalar(v, plainScalar, line, col)
	default:
		bail("a key the fast reader does not read")
	}
	if p.at(0) != ':' || !isBlankz(p.at(1)) {
		bail("a key without ':'")
	}
	p.keyLength(col)
	return key
}

// value reads the value that follows an indicator (':' or '-') of a block
// collection at indentation ind: on the same line, on the lines below, or
// none (an empty value, placed just after the indicator).
func (p *fastParser) value(ind int, after byte) *node {
	line, col := p.line, p.col
	p.spaces()
	if c := p.at(0); c == '#' || isBreak(c) || p.eof() {
		p.endLine()
		if p.eof() {
			return p.empty(line, col)
		}
		if p.docMarker() {
			bail("a document marker")
		}
		switch c := p.col - 1; {
		case c > ind:
			return p.blockNode(ind, 0, false)
		case c == ind && after == ':' && p.at(0) == '-' && isBlankz(p.at(1)):
			p.enter()
			defer func() { p.depth-- }()
			return p.blockSeq(c, true)
		}
		return p.empty(line, col)
	}
	return p.blockNode(ind, after, false)
}

// blockSeq reads a block list whose items are at indentation k, the
// cursor at the first '-'. An indentless list (a mapping's value, its
// items at the mapping's indentation) ends where the mapping goes on.
func (p *fastParser) blockSeq(k int, indentless bool) *node {
	s := p.newNode()
	s.kind, s.line, s.col, s.span = seqNode, p.line, p.col, 1
	for {
		p.i++ // the '-'
		p.col++
		item := p.value(k, '-')
		if !p.skipping {
			s.items = append(s.items, item)
		}
		if p.eof() {
			return s
		}
		switch c := p.col - 1; {
		case c < k:
			return s
		case c > k:
			bail("indentation")
		}
		if p.docMarker() {
			bail("a document marker")
		}
		if p.at(0) != '-' || !isBlankz(p.at(1)) {
			if indentless {
				return s
			}
			bail("a list item without '-'")
		}
	}
}

// plain reads a plain scalar. In block context a line goes on with it when
// it is indented by at least min; in flow context every line does. It
// returns the value and whether the cursor has moved on to the first
// content of a later line (rather than stopping within a line).
func (p *fastParser) plain(min int, flow bool) (string, bool) {
	segStart, end := p.i, p.i
	built := false // the value is in p.buf rather than src[segStart:end]
	leading := false
	breaks := 0
	for {
		if p.docMarker() || p.at(0) == '#' {
			break
		}
		for {
			c := p.at(0)
			if isBlankz(c) || c == ':' && isBlankz(p.at(1)) ||
				flow && (c == ',' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}') {
				break
			}
			if leading {
				if !p.skipping {
					if !built {
						p.buf = append(p.buf[:0], p.src[segStart:end]...)
						built = true
					} else {
						p.buf = append(p.buf, p.src[segStart:end]...)
					}
					if breaks == 0 {
						p.buf = append(p.buf, ' ')
					}
					for range breaks {
						p.buf = append(p.buf, '\n')
					}
				}
				segStart = p.i
				leading, breaks = false, 0
			}
			if c < 0x80 {
				p.i++
				p.col++
			} else {
				p.char()
			}
			end = p.i
		}
		if c := p.at(0); c != ' ' && c != '\t' && !isBreak(c) {
			break
		}
		for {
			c := p.at(0)
			if c == ' ' || c == '\t' {
				if leading && c == '\t' {
					bail("a tab in indentation")
				}
				p.i++
				p.col++
				continue
			}
			if !isBreak(c) {
				break
			}
			if leading {
				breaks++
			}
			leading = true
			p.newline()
		}
		if !flow && p.col-1 < min {
			break
		}
	}
	if p.skipping {
		return "", leading
	}
	if built {
		p.buf = append(p.buf, p.src[segStart:end]...)
		return p.str(p.buf), leading
	}
	return p.srcStr(p.src[segStart:end]), leading
}

// quoted reads a single- or double-quoted scalar, the cursor at its quote.
func (p *fastParser) quoted() string {
	q := p.src[p.i]
	single := q == '\''
	p.i++
	p.col++
	// The usual case: one line, no escapes.
	for j := p.i; j < len(p.src); j++ {
		c := p.src[j]
		if c == q && !(single && j+1 < len(p.src) && p.src[j+1] == '\'') {
			s := p.src[p.i:j]
			p.col += utf8.RuneCount(s) + 1
			p.i = j + 1
			if p.skipping {
				return ""
			}
			return p.srcStr(s)
		}
		if c == '\\' && !single || isBreak(c) || c == q {
			break
		}
	}
	buf := p.buf[:0]
	var whitespace []byte
	leadingBreak, trailingBreaks := false, 0
	for {
		if p.docMarker() {
			bail("a document marker in a quoted scalar")
		}
		if p.eof() {
			bail("an unclosed quoted scalar")
		}
		leadingBlanks := false
		for !isBlankz(p.at(0)) {
			c := p.at(0)
			switch {
			case single && c == '\'' && p.at(1) == '\'':
				buf = append(buf, '\'')
				p.i += 2
				p.col += 2
				continue
			case c == q:
			case !single && c == '\\' && isBreak(p.at(1)):
				p.i++
				p.col++
				p.newline()
				leadingBlanks = true
			case !single && c == '\\':
				buf = p.escape(buf)
				continue
			default:
				j := p.i
				p.char()
				buf = append(buf, p.src[j:p.i]...)
				continue
			}
			break
		}
		if p.at(0) == q {
			break
		}
		for {
			c := p.at(0)
			if c == ' ' || c == '\t' {
				if !leadingBlanks {
					whitespace = append(whitespace, c)
				}
				p.i++
				p.col++
				continue
			}
			if !isBreak(c) {
				break
			}
			if !leadingBlanks {
				whitespace = whitespace[:0]
				leadingBreak = true
				leadingBlanks = true
			} else {
				trailingBreaks++
			}
			p.newline()
		}
		if leadingBlanks {
			if leadingBreak && trailingBreaks == 0 {
				buf = append(buf, ' ')
			}
			for range trailingBreaks {
				buf = append(buf, '\n')
			}
			leadingBreak, trailingBreaks = false, 0
		} else {
			buf = append(buf, whitespace...)
			whitespace = whitespace[:0]
		}
	}
	p.i++ // the closing quote
	p.col++
	p.buf = buf
	if p.skipping {
		return ""
	}
	return p.str(buf)
}

// escape reads an escape sequence of a double-quoted scalar into buf.
func (p *fastParser) escape(buf []byte) []byte {
	n := 0
	switch c := p.at(1); c {
	case '0':
		buf = append(buf, 0)
	case 'a':
		buf = append(buf, '\a')
	case 'b':
		buf = append(buf, '\b')
	case 't', '\t':
		buf = append(buf, '\t')
	case 'n':
		buf = append(buf, '\n')
	case 'v':
		buf = append(buf, '\v')
	case 'f':
		buf = append(buf, '\f')
	case 'r':
		buf = append(buf, '\r')
	case 'e':
		buf = append(buf, 0x1b)
	case ' ', '"', '\'', '\\', '/':
		buf = append(buf, c)
	case 'N':
		buf = append(buf, "\u0085"...)
	case '_':
		buf = append(buf, "\u00a0"...)
	case 'L':
		buf = append(buf, "\u2028"...)
	case 'P':
		buf = append(buf, "\u2029"...)
	case 'x':
		n = 2
	case 'u':
		n = 4
	case 'U':
		n = 8
	default:
		bail("an unknown escape")
	}
	p.i += 2
	p.col += 2
	if n == 0 {
		return buf
	}
	if p.i+n > len(p.src) {
		bail("a short escape")
	}
	v := 0
	for _, h := range p.src[p.i : p.i+n] {
		switch {
		case h >= '0' && h <= '9':
			v = v<<4 + int(h-'0')
		case h >= 'a' && h <= 'f':
			v = v<<4 + int(h-'a'+10)
		case h >= 'A' && h <= 'F':
			v = v<<4 + int(h-'A'+10)
		default:
			bail("a bad escape")
		}
	}
	if v >= 0xd800 && v <= 0xdfff || v > 0x10ffff {
		bail("an escape of no character")
	}
	p.i += n
	p.col += n
	return utf8.AppendRune(buf, rune(v))
}

// blockScalar reads a literal (|) or folded (>) scalar; ind is the
// indentation of the innermost block collection around it. It returns
// with the cursor at the first character of the line after it.
func (p *fastParser) blockScalar(ind int) *node {
	line, col := p.line, p.col
	literal := p.src[p.i] == '|'
	p.i++
	p.col++
	chomp, incr := 0, 0
	chomping := func() {
		if c := p.at(0); c == '+' || c == '-' {
			chomp = 1
			if c == '-' {
				chomp = -1
			}
			p.i++
			p.col++
		}
	}
	digit := func() {
		if c := p.at(0); c >= '0' && c <= '9' {
			if c == '0' {
				bail("an indentation indicator of 0")
			}
			incr = int(c - '0')
			p.i++
			p.col++
		}
	}
	if c := p.at(0); c == '+' || c == '-' {
		chomping()
		digit()
	} else {
		digit()
		chomping()
	}
	for c := p.at(0); c == ' ' || c == '\t'; c = p.at(0) {
		p.i++
		p.col++
	}
	if p.at(0) == '#' {
		p.comment()
	}
	if !p.eof() && !isBreak(p.at(0)) {
		bail("more after a block scalar's indicator")
	}
	if !p.eof() {
		p.newline()
	}
	indent := 0
	if incr > 0 {
		if ind >= 0 {
			indent = ind + incr
		} else {
			indent = incr
		}
	}
	buf := p.buf[:0]
	trailing := p.blockBreaks(&indent, ind)
	leadingBreak, leadingBlank := false, false
	for p.col-1 == indent && !p.eof() {
		trailingBlank := p.at(0) == ' ' || p.at(0) == '\t'
		if !literal && !leadingBlank && !trailingBlank && leadingBreak {
			if trailing == 0 {
				buf = append(buf, ' ')
			}
		} else if leadingBreak {
			buf = append(buf, '\n')
		}
		for range trailing {
			buf = append(buf, '\n')
		}
		leadingBlank = trailingBlank
		start := p.i
		for !p.eof() && !isBreak(p.src[p.i]) {
			p.char()
		}
		buf = append(buf, p.src[start:p.i]...)
		leadingBreak = false
		if !p.eof() {
			p.newline()
			leadingBreak = true
		}
		trailing = p.blockBreaks(&indent, ind)
	}
	if chomp != -1 && leadingBreak {
		buf = append(buf, '\n')
	}
	if chomp == 1 {
		for range trailing {
			buf = append(buf, '\n')
		}
	}
	p.buf = buf
	style := foldedScalar
	if literal {
		style = literalScalar
	}
	if p.skipping {
		return p.scalar("", style, line, col)
	}
	return p.scalar(string(buf), style, line, col)
}

// blockBreaks moves past the indentation and the empty lines before a line
// of a block scalar, settling its indentation if it is not yet known; it
// returns how many line breaks it passed.
func (p *fastParser) blockBreaks(indent *int, ind int) int {
	breaks, maxIndent := 0, 0
	for {
		for (*indent == 0 || p.col-1 < *indent) && p.at(0) == ' ' {
			p.i++
			p.col++
		}
		maxIndent = max(maxIndent, p.col-1)
		if (*indent == 0 || p.col-1 < *indent) && p.at(0) == '\t' {
			bail("a tab in a block scalar's indentation")
		}
		if !isBreak(p.at(0)) {
			break
		}
		p.newline()
		breaks++
	}
	if *indent == 0 {
		*indent = max(maxIndent, ind+1, 1)
	}
	return breaks
}

// flowSpace moves past spaces, line breaks and comments within a flow
// collection.
func (p *fastParser) flowSpace() {
	for !p.eof() {
		switch p.src[p.i] {
		case ' ':
			p.i++
			p.col++
		case '\n', '\r':
			p.newline()
			if p.docMarker() {
				bail("a document marker in a flow collection")
			}
		case '#':
			p.comment()
		case '\t':
			p.i++
			p.col++
		default:
			return
		}
	}
}

// flowNode reads a flow list or mapping, the cursor at its bracket; top
// says it is the document's.
func (p *fastParser) flowNode(top bool) *node {
	p.enter()
	defer func() { p.depth-- }()
	if p.src[p.i] == '[' {
		s := p.newNode()
		s.kind, s.line, s.col, s.span = seqNode, p.line, p.col, 1
		p.i++
		p.col++
		p.flowSpace()
		for first := true; p.flowNext(first, ']', "a list"); first = false {
			item := p.flowItem()
			if !p.skipping {
				s.items = append(s.items, item)
			}
		}
		p.i++
		p.col++
		return s
	}
	m := p.newNode()
	m.kind, m.line, m.col, m.span = mapNode, p.line, p.col, 1
	p.flowPairs(m, func(key, val *node) {
		if !p.skipping {
			m.pairs = append(m.pairs, pair{key, val})
		}
	}, 0, false, top)
	return m
}

// flowNext moves past the ',' before the next entry of a flow collection
// that end closes, first telling whether none has been read yet; it
// reports false, the cursor on end, when the collection ends there.
func (p *fastParser) flowNext(first bool, end byte, what string) bool {
	if p.at(0) == end {
		return false
	}
	if !first {
		if p.at(0) != ',' {
			bail(what + " without ','")
		}
		p.i++
		p.col++
		p.flowSpace()
		if p.at(0) == end {
			return false
		}
	}
	return true
}

// flowItem reads an item of a flow list and the space after it.
func (p *fastParser) flowItem() *node {
	item := p.flowValue()
	p.flowSpace()
	if p.at(0) == ':' {
		bail("a mapping in a flow list")
	}
	return item
}

// flowPairs reads the entries of a flow mapping, the cursor at its '{',
// handing each to emit and placing m, if given, at the first key; with
// levels left, values that are mappings are lazy. It returns with the
// cursor past the '}'.
func (p *fastParser) flowPairs(m *node, emit func(key, val *node), levels int, recycle, top bool) {
	p.i++
	p.col++
	p.flowSpace()
	for first := true; p.flowNext(first, '}', "a mapping"); first = false {
		mark := slabMark{p.slab, p.slabUsed}
		line, col := p.line, p.col
		var key *node
		p.sharing = p.walking
		switch c := p.at(0); {
		case c == '"' || c == '\'':
			v := p.quoted()
			style := doubleQuoted
			if c == '\'' {
				style = singleQuoted
			}
			key = p.scalar(v, style, line, col)
		case plainStart(c, p.at(1), true):
			v, _ := p.plain(0, true)
			key = p.scalar(v, plainScalar, line, col)
		default:
			bail("a key the fast reader does not read")
		}
		p.sharing = false
		if p.line != line {
			bail("a key on several lines")
		}
		if m != nil && first {
			m.line, m.col = line, col
		}
		p.spaces()
		var val *node
		switch c := p.at(0); {
		case c == ':':
			p.keyLength(col)
			p.i++
			p.col++
			p.flowSpace()
			switch {
			case p.at(0) == ',' || p.at(0) == '}':
				val = p.empty(p.line, p.col)
			case top && !p.skipping && (p.at(0) == '{' || p.at(0) == '[') && p.lazyKey(key):
				val = p.lazyFlow(p.lazyDepth, true)
			case levels > 0 && !p.skipping && p.at(0) == '{':
				val = p.lazyFlow(levels-1, true)
			default:
				val = p.flowValue()
			}
		case c == ',' || c == '}':
			val = p.empty(p.line, p.col)
		default:
			p.flowSpace()
			if c := p.at(0); c != ',' && c != '}' {
				bail("a flow key without ':' on its line")
			}
			val = p.empty(p.line, p.col)
		}
		emit(key, val)
		p.emitted(val, top)
		if recycle {
			p.rewind(mark)
		}
		p.flowSpace()
	}
	p.i++
	p.col++
}

// flowValue reads a node within a flow collection.
func (p *fastParser) flowValue() *node {
	line, col := p.line, p.col
	switch c := p.at(0); {
	case c == '[' || c == '{':
		return p.flowNode(false)
	case c == '*':
		return p.alias(true)
	case c == '&':
		name := p.anchorName(true)
		def := p.open(name)
		p.flowSpace()
		if p.at(0) == '&' {
			bail("two anchors on one node")
		}
		var n *node
		if c := p.at(0); c == ',' || c == ']' || c == '}' {
			n = p.empty(line, col)
		} else {
			n = p.flowValue()
			p.placeAnchored(n, line, col)
		}
		p.define(name, def, n)
		return n
	case c == '"' || c == '\'':
		v := p.quoted()
		style := doubleQuoted
		if c == '\'' {
			style = singleQuoted
		}
		return p.scalar(v, style, line, col)
	case plainStart(c, p.at(1), true):
		v, _ := p.plain(0, true)
		return p.scalar(v, plainScalar, line, col)
	}
	bail("a flow node the fast reader does not read")
	return nil
}

// anchorName reads an anchor or an alias (&name, *name) at the cursor and
// returns its name.
func (p *fastParser) anchorName(flow bool) string {
	p.i++
	p.col++
	start := p.i
	for c := p.at(0); c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-'; c = p.at(0) {
		p.i++
		p.col++
	}
	if p.i == start {
		bail("an anchor without a name")
	}
	switch c := p.at(0); {
	case c == ' ' || isBreak(c) || p.eof():
	case flow && (c == ',' || c == ']' || c == '}'):
	default:
		bail("an anchor followed by what YAML does not take")
	}
	return string(p.src[start:p.i])
}

// anchorSlot is what an anchor's name refers to: the node, nil while it
// is being read, and which definition of the name it is.
type anchorSlot struct {
	n   *node
	def int
}

// open notes that an anchored node begins: go.yaml.in/yaml/v3 defines its
// name there, so that a later definition within it wins, and an alias to
// it within it is a cycle. It returns the definition's number.
func (p *fastParser) open(name string) int {
	if p.skipping {
		return 0
	}
	if p.anchors == nil {
		p.anchors = map[string]anchorSlot{}
	}
	p.anchorN++
	p.anchors[name] = anchorSlot{nil, p.anchorN}
	return p.anchorN
}

// define records an anchored node once it is read, unless its name was
// defined again within it.
func (p *fastParser) define(name string, def int, n *node) {
	if !p.skipping && p.anchors[name].def == def {
		p.anchors[name] = anchorSlot{n, def}
	}
}

// placeAnchored places an anchored node where go.yaml.in/yaml/v3 does:
// at its anchor, but a mapping with keys at its first key.
func (p *fastParser) placeAnchored(n *node, line, col int) {
	if !p.skipping && (n.kind != mapNode || len(n.pairs) == 0) {
		n.line, n.col = line, col
	}
}

// anchored reads an anchored node of block context that follows an
// indicator, the cursor at its '&'.
func (p *fastParser) anchored(ind int, after byte) *node {
	line, col := p.line, p.col
	name := p.anchorName(false)
	def := p.open(name)
	p.spaces()
	if p.at(0) == '&' {
		bail("two anchors on one node")
	}
	var n *node
	if c := p.at(0); c == '#' || isBreak(c) || p.eof() {
		p.endLine()
		switch {
		case p.eof() || p.docMarker():
			n = p.empty(line, col)
		case p.col-1 > ind:
			n = p.blockNode(ind, 0, false)
		case p.col-1 == ind && after == ':' && p.at(0) == '-' && isBlankz(p.at(1)):
			p.enter()
			n = p.blockSeq(p.col-1, true)
			p.depth--
		default:
			n = p.empty(line, col)
		}
	} else {
		// On the anchor's line: a key there would be the anchor's.
		n = p.blockNode(ind, ':', false)
	}
	p.placeAnchored(n, line, col)
	p.define(name, def, n)
	return n
}

// alias reads an alias at the cursor: the anchored node itself, as the
// converter gives it, counted against MaxAliasNodes and the bytes aliases may add as it counts them. An
// alias to no anchor, to one not yet read whole (a cycle), or beyond the
// limit is for go.yaml.in/yaml/v3 and the converter to report.
func (p *fastParser) alias(flow bool) *node {
	line, col := p.line, p.col
	name := p.anchorName(flow)
	if p.skipping {
		return p.empty(line, col)
	}
	slot, ok := p.anchors[name]
	n := slot.n
	switch {
	case !ok:
		bail("an alias to no anchor")
	case n == nil:
		bail("an alias within its anchor")
	}
	if p.sizes == nil {
		p.sizes = map[*node]extent{}
	}
	maxBytes := max(len(p.src), MinAliasBytes)
	if p.aliased = p.aliased.plus(nodeSize(n, p.sizes, maxBytes)); p.aliased.over(maxBytes) {
		bail("aliases past the limit")
	}
	return n
}
