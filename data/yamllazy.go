package data

import "github.com/parley/parley/graph"

// Lazy values. The fast reader leaves the stances of a scenario — nearly
// all of a big file — unread when it reads the file: it checks them, and
// notes where they begin. The decoder then walks them with each, which
// reads one party's stances at a time, and within a party one stance at a
// time, so that a stance's nodes are handed out again once it is decoded;
// the model is the only thing that grows with the file. The stances of a
// JSON export, a list, are walked in the same way (exportlazy.go).

// lazyValue is a mapping or a list not read yet.
type lazyValue interface {
	// each hands fn the pairs of a mapping in file order, reading them as
	// it goes; a lazy value handed to fn must be walked within fn or not
	// at all, and nothing handed to fn may be kept. Each is called once.
	each(fn func(key, val *node))
	// load reads the value whole into n.
	load(n *node)
}

// each calls fn with each key and value of a mapping, in file order.
func (n *node) each(fn func(key, val *node)) {
	if n.lazy != nil {
		n.lazy.each(fn)
		return
	}
	for _, p := range n.pairs {
		fn(p.key, p.val)
	}
}

// materialize reads a lazy value whole into n, to be kept.
func (n *node) materialize() {
	if l := n.lazy; l != nil {
		n.lazy = nil
		l.load(n)
	}
}

// lazyValue is value for a value that may be left lazy: a block mapping
// below its key, or a flow mapping after it, becomes a lazy node with
// levels lazy levels below; with lists, a list (block or flow) does too.
// Anything else is read as value reads it.
func (p *fastParser) lazyValue(ind int, after byte, levels int, lists bool) *node {
	save := p.fastPos
	p.spaces()
	switch c := p.at(0); {
	case c == '{' || c == '[' && lists:
		return p.lazyFlow(levels, false)
	case c == '#' || isBreak(c) || p.eof():
		p.endLine()
		if p.eof() || p.docMarker() {
			break
		}
		c := p.col - 1
		l := &fastLazy{p: p, start: p.fastPos, ind: ind, k: c, depth: p.depth, levels: levels, walk: true}
		n := p.newNode()
		n.line, n.col, n.span, n.lazy = p.line, p.col, 1, l
		switch {
		case c > ind && p.startsMapping(ind):
			n.kind = mapNode
			return n
		case lists && p.at(0) == '-' && isBlankz(p.at(1)) && (c > ind || c == ind && after == ':'):
			n.kind, l.seq = seqNode, true
			return n
		}
	}
	p.fastPos = save
	return p.value(ind, after)
}

// lazyFlow makes a lazy node of the flow mapping or list at the cursor;
// inFlow says it is within another flow collection.
func (p *fastParser) lazyFlow(levels int, inFlow bool) *node {
	l := &fastLazy{p: p, start: p.fastPos, flow: true, inFlow: inFlow, depth: p.depth, levels: levels, walk: true}
	n := p.newNode()
	n.kind, n.line, n.col, n.span, n.lazy = mapNode, p.line, p.col, 1, l
	if p.at(0) == '[' {
		n.kind, l.seq = seqNode, true
		return n
	}
	// A mapping is placed at its first key.
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
	if l.seq {
		panic("data: the pairs of a list")
	}
	l.walked(func() { l.p.read(l, fn) })
}

// walked runs a walk of the lazy value, once, as the decoder's.
func (l *fastLazy) walked(walk func()) {
	if l.used {
		panic("data: a lazy value walked twice")
	}
	l.used = true
	p := l.p
	skipping, walking := p.skipping, p.walking
	p.skipping, p.walking = false, l.walk
	walk()
	p.skipping, p.walking = skipping, walking
}

// load reads the value whole into n.
func (l *fastLazy) load(n *node) {
	l.levels, l.walk = 0, false
	if l.seq {
		l.walked(func() {
			l.p.readItems(l, func(item *node, _ fastPos) { n.items = append(n.items, item) })
		})
		return
	}
	l.each(func(key, val *node) { n.pairs = append(n.pairs, pair{key, val}) })
}

// skipLazy moves past a lazy value, checking it: one that nobody walked,
// or, while the file is first read, one to be walked later.
func (p *fastParser) skipLazy(l *fastLazy) {
	skipping := p.skipping
	p.skipping = true
	if l.seq {
		p.readItems(l, func(*node, fastPos) {})
	} else {
		p.read(l, func(key, val *node) {})
	}
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
	p.enter()
	recycle := p.walking || p.skipping
	if l.flow {
		p.flowPairs(nil, fn, levels, recycle, false)
	} else {
		p.pairs(l.k, p.mapKey(l.k), false, levels, fn, recycle)
	}
	p.depth--
	p.endFlow(l)
}

// endFlow moves past what follows a lazy flow collection on its line.
func (p *fastParser) endFlow(l *fastLazy) {
	if l.flow && !l.inFlow {
		p.spaces()
		if p.at(0) == ':' {
			bail("a flow collection as a key")
		}
		p.endLine()
	}
}

// readItems reads the items of a lazy list from its start, handing each
// to fn with where it begins (for itemAt); it leaves the cursor where
// reading the list as a value would.
func (p *fastParser) readItems(l *fastLazy, fn func(item *node, at fastPos)) {
	p.fastPos, p.depth = l.start, l.depth
	p.enter()
	recycle := p.walking || p.skipping
	if l.flow {
		p.i++ // the '['
		p.col++
		p.flowSpace()
		for first := true; p.flowNext(first, ']', "a list"); first = false {
			mark, at := slabMark{p.slab, p.slabUsed}, p.fastPos
			item := p.flowItem()
			fn(item, at)
			if recycle {
				p.rewind(mark)
			}
		}
		p.i++
		p.col++
	} else {
		for {
			mark := slabMark{p.slab, p.slabUsed}
			p.i++ // the '-'
			p.col++
			at := p.fastPos
			fn(p.value(l.k, '-'), at)
			if recycle {
				p.rewind(mark)
			}
			if p.eof() || p.col-1 < l.k {
				break
			}
			if p.col-1 > l.k {
				bail("indentation")
			}
			if p.docMarker() {
				bail("a document marker")
			}
			if p.at(0) != '-' || !isBlankz(p.at(1)) {
				if l.k == l.ind {
					break // an indentless list: the mapping goes on
				}
				bail("a list item without '-'")
			}
		}
	}
	p.depth--
	p.endFlow(l)
}

// walkItems reads the items of a lazy list once, as the decoder's.
func (l *fastLazy) walkItems(fn func(item *node, at fastPos)) {
	l.walked(func() { l.p.readItems(l, fn) })
}

// itemAt reads again the item of a lazy list that readItems said begins
// at at, and hands it to fn; unless keep is set, its nodes are handed out
// again after. Where the cursor is left says nothing.
func (l *fastLazy) itemAt(at fastPos, keep bool, fn func(item *node)) {
	p := l.p
	skipping, walking := p.skipping, p.walking
	p.skipping, p.walking = false, !keep
	defer func() { p.skipping, p.walking = skipping, walking }()
	mark := slabMark{p.slab, p.slabUsed}
	p.fastPos, p.depth = at, l.depth+1
	if l.flow {
		fn(p.flowValue())
	} else {
		fn(p.value(l.k, '-'))
	}
	if !keep {
		p.rewind(mark)
	}
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
func readScenario(src []byte, files sourceFiles, fast bool) (*graph.Builder, *decoder, *node, []Diagnostic) {
	if fast {
		if root, ok, _ := parseFast(src, lazySections, lazyLevels); ok {
			if b, dec, root, diags, ok := decodeFast(root, files); ok {
				return b, dec, root, diags
			}
		}
	}
	var root *node
	var diags []Diagnostic
	if isJSON(src) {
		// JSON's own rules where YAML's differ: surrogate pairs in
		// escapes, keys of any length.
		root, diags = parseJSON(src)
	} else {
		root, diags = parseYAML(yaml12(src))
	}
	if hasError(diags) {
		return nil, nil, nil, diags
	}
	b, dec, root, more := decodeTree(root, files)
	return b, dec, root, append(diags, more...)
}

// decodeFast decodes the fast reader's tree; ok is false if the reader
// gave up on a lazy section after all (it checks them before, so it
// should not).
func decodeFast(root *node, files sourceFiles) (b *graph.Builder, dec *decoder, scenario *node, diags []Diagnostic, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, isBail := r.(fastBail); !isBail {
				panic(r)
			}
			ok = false
		}
	}()
	b, dec, scenario, diags = decodeTree(root, files)
	return b, dec, scenario, diags, true
}

// decodeTree decodes a scenario's tree, or a JSON export's; it returns
// the scenario's tree too, an export's made into a scenario's.
func decodeTree(root *node, files sourceFiles) (*graph.Builder, *decoder, *node, []Diagnostic) {
	d := newDecoder(files)
	var diags, stances []Diagnostic
	if isExport(root) {
		for _, p := range root.pairs {
			if !(p.key.value == "stances" && p.val.kind == seqNode) {
				p.val.materialize()
			}
		}
		// The mistakes of the export's shape come before the scenario's,
		// those of its stances too, which come as the decoder walks them.
		root, diags = exportToScenario(root, &stances)
	}
	b, more := d.scenario(root)
	return b, d, root, append(append(diags, stances...), more...)
}
