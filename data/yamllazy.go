package data

import "github.com/parley/parley/graph"

// Lazy mappings. The fast reader leaves the stances of a scenario — nearly
// all of a big file — unread when it reads the file: it checks them, and
// notes where they begin. The decoder then walks them with each, which
// reads one party's stances at a time, and within a party one stance at a
// time, so that a stance's nodes are garbage once it is decoded; the
// model is the only thing that grows with the file.

// each calls fn with each key and value of a mapping, in file order. The
// pairs of a lazy mapping are read as it goes; a lazy value handed to fn
// must be walked within fn or not at all.
func (n *node) each(fn func(key, val *node)) {
	if n.lazyMap != nil {
		n.lazyMap.each(fn)
		return
	}
	for _, p := range n.pairs {
		fn(p.key, p.val)
	}
}

// lazyValue is value for a mapping that may be left lazy: a block mapping
// below its key, or a flow mapping after it, becomes a lazy node with
// levels lazy levels below; anything else is read as value reads it.
func (p *fastParser) lazyValue(ind int, after byte, levels int) *node {
	save := p.fastPos
	p.spaces()
	switch c := p.at(0); {
	case c == '{':
		return p.lazyFlow(levels, false)
	case c == '#' || isBreak(c) || p.eof():
		p.endLine()
		if !p.eof() && !p.docMarker() && p.col-1 > ind && p.startsMapping(ind) {
			l := &fastLazy{p: p, start: p.fastPos, ind: ind, depth: p.depth, levels: levels, walk: true}
			n := p.newNode()
			n.kind, n.line, n.col, n.span, n.lazyMap = mapNode, p.line, p.col, 1, l
			return n
		}
	}
	p.fastPos = save
	return p.value(ind, after)
}

// lazyFlow makes a lazy node of the flow mapping at the cursor; inFlow
// says it is within another flow collection.
func (p *fastParser) lazyFlow(levels int, inFlow bool) *node {
	l := &fastLazy{p: p, start: p.fastPos, flow: true, inFlow: inFlow, depth: p.depth, levels: levels, walk: true}
	n := p.newNode()
	n.kind, n.line, n.col, n.span, n.lazyMap = mapNode, p.line, p.col, 1, l
	// The node is placed at its first key, as a mapping is.
	save := p.fastPos
	p.i++
	p.col++
	p.flowSpace()
	if p.at(0) != '}' {
		n.line, n.col = p.line, p.col
	}
	p.fastPos = save
	return n
}

// startsMapping reports whether a block mapping begins at the cursor (the
// first content of a line indented more than ind): a key on one line
// followed by ':'. It moves nothing.
func (p *fastParser) startsMapping(ind int) (ok bool) {
	save, skipping := p.fastPos, p.skipping
	defer func() {
		if r := recover(); r != nil {
			if _, isBail := r.(fastBail); !isBail {
				panic(r)
			}
			ok = false
		}
		p.fastPos, p.skipping = save, skipping
	}()
	p.skipping = true
	line := p.line
	switch c := p.at(0); {
	case c == '"' || c == '\'':
		p.quoted()
		p.spaces()
	case plainStart(c, p.at(1), false):
		p.plain(ind+1, false)
	default:
		return false
	}
	return p.line == line && p.at(0) == ':' && isBlankz(p.at(1))
}

// each reads the pairs of a lazy mapping, handing each to fn.
func (l *fastLazy) each(fn func(key, val *node)) {
	if l.used {
		panic("data: a lazy mapping walked twice")
	}
	l.used = true
	p := l.p
	skipping, walking := p.skipping, p.walking
	p.skipping, p.walking = false, l.walk
	p.read(l, fn)
	p.skipping, p.walking = skipping, walking
}

// skipLazy moves past a lazy mapping, checking it: one that nobody walked,
// or, while the file is first read, one to be walked later.
func (p *fastParser) skipLazy(l *fastLazy) {
	skipping := p.skipping
	p.skipping = true
	p.read(l, func(key, val *node) {})
	p.skipping = skipping
}

// read reads the pairs of a lazy mapping from its start; it leaves the
// cursor where reading the mapping as a value would.
func (p *fastParser) read(l *fastLazy, fn func(key, val *node)) {
	p.fastPos, p.depth = l.start, l.depth
	levels := l.levels
	if p.skipping {
		levels = 0
	}
	if !l.flow {
		p.enter()
		k := l.start.col - 1
		p.pairs(k, p.mapKey(k), false, levels, fn, p.walking || p.skipping)
		p.depth--
		return
	}
	p.enter()
	p.flowPairs(nil, fn, levels, p.walking || p.skipping, false)
	p.depth--
	if !l.inFlow {
		p.spaces()
		if p.at(0) == ':' {
			bail("a flow collection as a key")
		}
		p.endLine()
	}
}

// materialize reads a lazy mapping whole into n's pairs.
func (n *node) materialize() {
	l := n.lazyMap
	if l == nil {
		return
	}
	n.lazyMap = nil
	l.levels, l.walk = 0, false
	l.each(func(key, val *node) {
		n.pairs = append(n.pairs, pair{key, val})
	})
}

// lazySections are the sections of a scenario read lazily, with the
// levels below them that are lazy too: a party's stances, and within them
// nothing (a stance is small).
var lazySections = []string{"stances"}

const lazyLevels = 1

// readScenario parses a YAML scenario and decodes it into a Builder: with
// the fast reader and its lazy stances where it can, with
// go.yaml.in/yaml/v3 otherwise. Either gives the same Builder and the same
// diagnostics.
func readScenario(src []byte, files sourceFiles, fast bool) (*graph.Builder, *decoder, []Diagnostic) {
	if fast {
		if root, ok, _ := parseFast(src, lazySections, lazyLevels); ok {
			if b, dec, diags, ok := decodeFast(root, files); ok {
				return b, dec, diags
			}
		}
	}
	root, diags := parseYAML(src)
	if hasError(diags) {
		return nil, nil, diags
	}
	b, dec, more := decodeTree(root, files)
	return b, dec, append(diags, more...)
}

// decodeFast decodes the fast reader's tree; ok is false if the reader
// gave up on a lazy section after all (it checks them before, so it
// should not).
func decodeFast(root *node, files sourceFiles) (b *graph.Builder, dec *decoder, diags []Diagnostic, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, isBail := r.(fastBail); !isBail {
				panic(r)
			}
			ok = false
		}
	}()
	b, dec, diags = decodeTree(root, files)
	return b, dec, diags, true
}

// decodeTree decodes a scenario's tree, or a JSON export's.
func decodeTree(root *node, files sourceFiles) (*graph.Builder, *decoder, []Diagnostic) {
	var diags []Diagnostic
	if isExport(root) {
		for _, p := range root.pairs {
			p.val.materialize()
		}
		root, diags = exportToScenario(root)
	}
	b, dec, more := decodeScenario(root, files)
	return b, dec, append(diags, more...)
}
