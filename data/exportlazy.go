package data

// The stances of a JSON export, walked lazily. The export lists its stances
// one object each; a scenario file has them by party, then by demand, and
// exportStances groups them so. For a list the fast reader left lazy, the
// grouping is done without the list ever being held: a first walk notes
// where each stance begins and whose it is, and the decoder then walks the
// parties in the order they first come, each party's stances read again
// from where they begin, one at a time. What the stances cost in memory is
// then a position each.

// exportParty is a party of the export's stances: where its id first
// comes, and where each of its stances begins.
type exportParty struct {
	key     *node
	stances []fastPos
}

// lazyList is a list a reader left lazy, whose items can be read again.
type lazyList interface {
	// walkItems reads the items once, handing fn each item and where it
	// begins; nothing handed to fn may be kept.
	walkItems(fn func(item *node, at fastPos))
	// itemAt reads again the item that begins at at, handing it to fn
	// (to be kept, with keep).
	itemAt(at fastPos, keep bool, fn func(item *node))
}

// exportByParty is the lazy mapping of the stances by party.
type exportByParty struct {
	x       *decoder // the export's, whose mistakes go to sink
	sink    *[]Diagnostic
	l       lazyList
	parties []exportParty
}

// exportDemands is the lazy mapping of one party's stances by demand.
type exportDemands struct {
	by    *exportByParty
	party *exportParty
	used  bool
}

// lazyExportStances is exportStances for a lazy list of stances.
func (d *decoder) lazyExportStances(list *node, l lazyList, sink *[]Diagnostic) *node {
	by := &exportByParty{x: d, sink: sink, l: l}
	index := map[string]int{}
	l.walkItems(func(item *node, at fastPos) {
		p, dm := exportField(item, "party"), exportField(item, "demand")
		if p == nil || p.kind != scalarNode || dm == nil || dm.kind != scalarNode {
			d.exportStance(item) // reports its mistakes, as exportStances does
			return
		}
		i, ok := index[p.value]
		if !ok {
			i = len(by.parties)
			index[p.value] = i
			key := *p // the reader may hand p's node out again
			by.parties = append(by.parties, exportParty{key: &key})
		}
		by.parties[i].stances = append(by.parties[i].stances, at)
	})
	byParty := &node{kind: mapNode, line: list.line, col: list.col, span: list.span}
	if len(by.parties) > 0 {
		byParty.lazy = by
	}
	return byParty
}

// exportField is what fields gives for key in an item of the export: the
// value of its first occurrence, if the item is a mapping.
func exportField(item *node, key string) *node {
	if item.kind != mapNode {
		return nil
	}
	for _, p := range item.pairs {
		if p.key.kind == scalarNode && p.key.value == key {
			return p.val
		}
	}
	return nil
}

func (by *exportByParty) each(fn func(key, val *node)) {
	for i := range by.parties {
		party := &by.parties[i]
		demands := &exportDemands{by: by, party: party}
		val := &node{kind: mapNode, line: party.key.line, col: party.key.col, span: party.key.span, lazy: demands}
		fn(party.key, val)
		if !demands.used {
			// The decoder passed the party by: its stances' own mistakes
			// are reported all the same.
			demands.walk(func(key, val *node) {}, false)
		}
	}
}

func (by *exportByParty) load(n *node) {
	for i := range by.parties {
		party := &by.parties[i]
		val := &node{kind: mapNode, line: party.key.line, col: party.key.col, span: party.key.span}
		(&exportDemands{by: by, party: party}).load(val)
		n.pairs = append(n.pairs, pair{party.key, val})
	}
}

func (ds *exportDemands) each(fn func(key, val *node)) { ds.walk(fn, false) }

func (ds *exportDemands) load(n *node) {
	ds.walk(func(key, val *node) { n.pairs = append(n.pairs, pair{key, val}) }, true)
}

// walk reads the party's stances again, one at a time, turning each into
// its demand and value as exportStances does, its mistakes going to sink
// (the scenario's decoder must not count them as its own); unless keep is
// set, the nodes are handed out again after fn.
func (ds *exportDemands) walk(fn func(key, val *node), keep bool) {
	if ds.used {
		panic("data: a lazy value walked twice")
	}
	ds.used = true
	by := ds.by
	for _, at := range ds.party.stances {
		by.l.itemAt(at, keep, func(item *node) {
			n := len(by.x.diags)
			_, dm, val, ok := by.x.exportStance(item)
			*by.sink = append(*by.sink, by.x.diags[n:]...)
			by.x.diags = by.x.diags[:n]
			if ok {
				fn(dm, val)
			}
		})
	}
}
