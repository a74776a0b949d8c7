package data

import (
	"slices"
	"strconv"
)

// The JSON export of parley export (README: "JSON export") loads like a
// scenario file: a document whose root has the key "parley" is read as
// one, turned into the tree a scenario file of the same content would
// give, and decoded as that, so that every check and message of a
// scenario file applies to it, at the export's own lines and columns.

// ExportVersion is the version of the JSON export this parley reads.
const ExportVersion = 1

// The keys of the JSON export, by place.
var (
	exportKeys       = []string{"parley", "title", "description", "date", "as_of", "sources", "parties", "people", "demands", "stances"}
	exportSourceKeys = []string{"id", "title", "publisher", "url", "published"}
	exportPartyKeys  = []string{"id", "name", "description", "aliases", "people"}
	exportMemberKeys = []string{"id", "name"}
	exportPersonKeys = []string{"id", "name", "role", "party", "aliases"}
	exportDemandKeys = []string{"id", "name", "description", "raised_by", "tags", "excludes", "date", "issue"}
	exportEntryKeys  = []string{"stance", "strength", "by", "by_name", "evidence", "about", "inferred", "quote", "source", "as_of", "condition", "note"}
	exportStanceKeys = append([]string{"party", "demand", "history"}, exportEntryKeys...)
)

// isExport reports whether root is a JSON export: a mapping with "parley".
func isExport(root *node) bool {
	if root == nil || root.kind != mapNode {
		return false
	}
	for _, p := range root.pairs {
		if p.key.kind == scalarNode && p.key.value == "parley" {
			return true
		}
	}
	return false
}

// exportToScenario rewrites the tree of a JSON export as that of a
// scenario file: lists of objects with ids become mappings by id, the
// stances a mapping by party and demand, an entry's history its dated
// list, and the fields the export always writes but leaves empty ("", [])
// are left out, as a scenario file would. by_name, which repeats the
// person's name, and as_of, the date the export resolved the stances at,
// are not part of the scenario; an exclusion, which the export lists under
// both demands, is kept under the first. It returns the tree and the
// mistakes in the export's own shape (unknown keys, missing ids), so that
// the scenario's mistakes are reported with them.
func exportToScenario(root *node) (*node, []Diagnostic) {
	d := &decoder{}
	f := d.fields(root, "the JSON export", exportKeys)
	if v := f["parley"]; v != nil {
		if n, err := strconv.Atoi(v.value); v.kind != scalarNode || err != nil || n < 1 {
			d.errorf(v, "parley must be the export's version, a whole number, not %s", v.describe())
		} else if n > ExportVersion {
			d.errorf(v, "this export is of version %d, written by a newer parley; this one reads version %d", n, ExportVersion)
		}
	}
	out := &node{kind: mapNode, line: root.line, col: root.col, span: root.span}
	add := func(parent *node, key string, at, val *node) {
		if val == nil || empty(val) {
			return
		}
		parent.pairs = append(parent.pairs, pair{keyNode(key, at), val})
	}
	for _, k := range []string{"title", "description", "date"} {
		add(out, k, f[k], f[k])
	}
	// byID turns a list of objects into a mapping by their "id", the rest
	// of each object kept as its value.
	byID := func(section, what string, keys []string, list *node, value func(obj map[string]*node, at *node) *node) *node {
		m := &node{kind: mapNode, line: list.line, col: list.col, span: list.span}
		for _, item := range d.items(list, section) {
			obj := d.fields(item, what, keys)
			id := obj["id"]
			if id == nil || id.kind != scalarNode {
				d.errorf(item, "each of %s needs an id", section)
				continue
			}
			m.pairs = append(m.pairs, pair{id, value(obj, item)})
		}
		return m
	}
	copyFields := func(obj map[string]*node, at *node, keys ...string) *node {
		v := &node{kind: mapNode, line: at.line, col: at.col, span: at.span}
		for _, k := range keys {
			add(v, k, obj[k], obj[k])
		}
		return v
	}
	if list := f["sources"]; list != nil {
		add(out, "sources", list, byID("sources", "a source", exportSourceKeys, list, func(obj map[string]*node, at *node) *node {
			return copyFields(obj, at, sourceKeys...)
		}))
	}
	// The export lists everyone under people and each party's under the
	// party too. People of several parties sharing an id stay under their
	// party, as a scenario file has them; everyone else goes to people:.
	// (An export without people, of an earlier parley, has them only
	// under their party.)
	shared := map[string]bool{}
	if list := f["people"]; list != nil && list.kind == seqNode {
		seen := map[string]bool{}
		for _, item := range list.items {
			for _, p := range item.pairs {
				if p.key.value == "id" && p.val.kind == scalarNode {
					shared[p.val.value] = seen[p.val.value]
					seen[p.val.value] = true
				}
			}
		}
	}
	if list := f["parties"]; list != nil {
		add(out, "parties", list, byID("parties", "a party", exportPartyKeys, list, func(obj map[string]*node, at *node) *node {
			v := copyFields(obj, at, "name", "description", "aliases")
			if people := obj["people"]; people != nil {
				members := byID("people", "a person", exportMemberKeys, people, func(p map[string]*node, at *node) *node {
					if p["name"] == nil {
						return &node{kind: nullNode, line: at.line, col: at.col, span: at.span}
					}
					return p["name"]
				})
				if f["people"] != nil {
					members.pairs = slices.DeleteFunc(members.pairs, func(p pair) bool { return !shared[p.key.value] })
				}
				add(v, "people", people, members)
			}
			return v
		}))
	}
	if list := f["people"]; list != nil {
		people := byID("people", "a person", exportPersonKeys, list, func(obj map[string]*node, at *node) *node {
			return copyFields(obj, at, personKeys...)
		})
		people.pairs = slices.DeleteFunc(people.pairs, func(p pair) bool { return shared[p.key.value] })
		// In each party's order, as the party lists them, then the rest.
		rank := map[string]int{}
		if parties := f["parties"]; parties != nil && parties.kind == seqNode {
			for _, party := range parties.items {
				for _, pp := range party.pairs {
					if pp.key.value != "people" || pp.val.kind != seqNode {
						continue
					}
					for _, member := range pp.val.items {
						for _, mp := range member.pairs {
							if mp.key.value == "id" {
								if _, ok := rank[mp.val.value]; !ok {
									rank[mp.val.value] = len(rank)
								}
							}
						}
					}
				}
			}
		}
		slices.SortStableFunc(people.pairs, func(a, b pair) int {
			ra, aok := rank[a.key.value]
			rb, bok := rank[b.key.value]
			switch {
			case aok && bok:
				return ra - rb
			case aok:
				return -1
			case bok:
				return 1
			}
			return 0
		})
		add(out, "people", list, people)
	}
	if list := f["demands"]; list != nil {
		// The export lists an exclusion under both demands; a scenario
		// file needs it once: under the demand that comes first.
		kept := map[[2]string]bool{}
		add(out, "demands", list, byID("demands", "a demand", exportDemandKeys, list, func(obj map[string]*node, at *node) *node {
			id := obj["id"].value
			if x := obj["excludes"]; x != nil && x.kind == seqNode {
				once := &node{kind: seqNode, line: x.line, col: x.col, span: x.span}
				for _, other := range x.items {
					if !kept[[2]string{other.value, id}] {
						kept[[2]string{id, other.value}] = true
						once.items = append(once.items, other)
					}
				}
				obj["excludes"] = once
			}
			return copyFields(obj, at, demandKeys...)
		}))
	}
	if list := f["stances"]; list != nil {
		add(out, "stances", list, d.exportStances(list))
	}
	return out, d.diags
}

// exportStances turns the export's list of stances into the mapping of a
// scenario file: party, then demand, then the entry or its history.
func (d *decoder) exportStances(list *node) *node {
	byParty := &node{kind: mapNode, line: list.line, col: list.col, span: list.span}
	parties := map[string]*node{} // the mapping of each party's demands
	for _, item := range d.items(list, "stances") {
		obj := d.fields(item, "a stance", exportStanceKeys)
		p, dm := obj["party"], obj["demand"]
		if p == nil || p.kind != scalarNode || dm == nil || dm.kind != scalarNode {
			d.errorf(item, "each stance needs a party and a demand")
			continue
		}
		var val *node
		if h := obj["history"]; h != nil && !empty(h) {
			val = &node{kind: seqNode, line: h.line, col: h.col, span: h.span}
			for _, e := range d.items(h, "history") {
				val.items = append(val.items, d.exportEntry(d.fields(e, "an entry of a history", exportEntryKeys), e))
			}
		} else {
			val = d.exportEntry(obj, item)
		}
		demands, ok := parties[p.value]
		if !ok {
			demands = &node{kind: mapNode, line: p.line, col: p.col, span: p.span}
			parties[p.value] = demands
			byParty.pairs = append(byParty.pairs, pair{p, demands})
		}
		demands.pairs = append(demands.pairs, pair{dm, val})
	}
	return byParty
}

// exportEntry is an entry of the export as a scenario file's full form.
func (d *decoder) exportEntry(obj map[string]*node, at *node) *node {
	v := &node{kind: mapNode, line: at.line, col: at.col, span: at.span}
	for _, k := range stanceKeys {
		if n := obj[k]; n != nil && !empty(n) {
			v.pairs = append(v.pairs, pair{keyNode(k, n), n})
		}
	}
	return v
}

// items returns the elements of a list, reporting anything else.
func (d *decoder) items(n *node, what string) []*node {
	switch n.kind {
	case nullNode:
		return nil
	case seqNode:
		return n.items
	}
	d.errorf(n, "%s must be a list, not %s", what, n.describe())
	return nil
}

// empty reports whether n is what the export writes for nothing: "", [],
// false, or null.
func empty(n *node) bool {
	switch n.kind {
	case nullNode:
		return true
	case scalarNode:
		return n.value == "" && n.typ == "string" || n.value == "false" && n.typ == "boolean"
	case seqNode:
		return len(n.items) == 0
	case mapNode:
		return len(n.pairs) == 0
	}
	return false
}

// keyNode is a mapping key named key, placed where at is.
func keyNode(key string, at *node) *node {
	return &node{kind: scalarNode, value: key, typ: "string", line: at.line, col: at.col, span: at.span}
}
