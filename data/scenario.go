package data

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/parley/parley/graph"
)

// The keys a scenario file may use, by place.
var (
	rootKeys      = []string{"title", "description", "date", "sources", "parties", "demands", "stances"}
	sourceKeys    = []string{"title", "publisher", "url", "published"}
	partyKeys     = []string{"name", "description", "aliases", "people"}
	demandKeys    = []string{"name", "description", "raised_by", "tags", "excludes", "date"}
	stanceKeys    = []string{"stance", "strength", "by", "quote", "source", "as_of", "condition", "note"}
	stanceWords   = []string{"support", "oppose", "neutral"}
	strengthWords = []string{"red-line", "firm", "soft"}
)

// decoder turns a node tree into a graph.Builder, collecting every problem.
type decoder struct {
	diags   []Diagnostic
	b       *graph.Builder
	sources map[string]*node
	parties map[string]*partyDecl
	demands map[string]*node
	// ids in file order, for suggestions
	sourceIDs, partyIDs, demandIDs []string
	partyUsed, demandUsed          map[string]bool // parties and demands with a stance
	unsourced                      []unsourced     // stances citing no source, reported at the end
	suggestCost                    int             // didYouMean's work so far, in cells of the edit distance
}

type partyDecl struct {
	key    *node
	people map[string]bool
}

func (d *decoder) errorf(n *node, format string, args ...any) {
	d.diags = append(d.diags, Diagnostic{Line: n.line, Col: n.col, Span: max(n.span, 1), Message: fmt.Sprintf(format, args...)})
}

func (d *decoder) warnf(n *node, format string, args ...any) {
	d.diags = append(d.diags, Diagnostic{Line: n.line, Col: n.col, Span: max(n.span, 1), Message: fmt.Sprintf(format, args...), Warning: true})
}

// maxSuggestCost bounds the work of one file's "did you mean": 50 million
// cells of the edit distance, a few tenths of a second. A file with
// thousands of unknown ids among thousands of known ones gets suggestions
// for its first mistakes only (the message shows 50 at most anyway).
const maxSuggestCost = 50_000_000

// didYouMean is didYouMean for a list of the file's ids, within the
// file's budget for suggestions.
func (d *decoder) didYouMean(word string, ids []string) string {
	cost := len(ids) * (min(len(word), graph.MaxSuggestLen) + 2) * 5
	if d.suggestCost+cost > maxSuggestCost {
		return ""
	}
	d.suggestCost += cost
	return didYouMean(word, ids)
}

// didYouMean returns `; did you mean "x"?` when word is close to a candidate.
func didYouMean(word string, candidates []string) string {
	if s := graph.Suggest(word, candidates); s != "" {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return ""
}

// fields checks that n is a mapping with only known, unique scalar keys and
// returns its values by key. what names the mapping in messages.
func (d *decoder) fields(n *node, what any, known []string) map[string]*node {
	out := map[string]*node{}
	if n.kind != mapNode {
		d.errorf(n, "%s must be a mapping of %s, not %s", what, strings.Join(known, ", "), n.describe())
		return out
	}
	seen := map[string]*node{}
	for _, p := range n.pairs {
		if p.key.kind != scalarNode {
			d.errorf(p.key, "a key of %s must be a plain word, not %s", what, p.key.describe())
			continue
		}
		k := p.key.value
		if first, dup := seen[k]; dup {
			d.errorf(p.key, "duplicate key %q in %s (first at line %d)", k, what, first.line)
			continue
		}
		seen[k] = p.key
		if !slices.Contains(known, k) {
			d.errorf(p.key, "unknown key %q in %s%s", k, what, didYouMean(k, known))
			continue
		}
		out[k] = p.val
	}
	return out
}

// entries iterates a mapping of ids, reporting non-mappings, bad and
// duplicate ids. what is e.g. "party"; section e.g. "parties".
func (d *decoder) entries(n *node, section, what string, fn func(key, val *node)) {
	if n.kind == nullNode {
		return
	}
	if n.kind != mapNode {
		to := "their details"
		if what == "person" {
			to = "their names"
		}
		d.errorf(n, "%s must be a mapping of %s ids to %s, not %s", section, what, to, n.describe())
		return
	}
	seen := map[string]*node{}
	for _, p := range n.pairs {
		if p.key.kind != scalarNode {
			d.errorf(p.key, "a %s id must be a plain word, not %s", what, p.key.describe())
			continue
		}
		id := p.key.value
		if first, dup := seen[id]; dup {
			d.errorf(p.key, "duplicate %s id %q (first at line %d)", what, id, first.line)
			continue
		}
		seen[id] = p.key
		if !graph.ValidID(id) {
			if c := norm.NFC.String(id); c != id && graph.ValidID(c) {
				d.errorf(p.key, "%s id %+q is written with combining marks: write it composed (Unicode NFC), as %+q", what, id, c)
				continue
			}
			hint := ""
			if s := idOf(id); s != "" {
				hint = fmt.Sprintf("; try %q", s)
			}
			d.errorf(p.key, "%s id %q must be lower-case letters and digits (of any script) in words joined by single hyphens%s", what, id, hint)
			continue
		}
		fn(p.key, p.val)
	}
}

func (d *decoder) str(n *node, what string) string {
	switch n.kind {
	case scalarNode:
		return n.value
	case nullNode:
		return ""
	}
	d.errorf(n, "%s must be text, not %s", what, n.describe())
	return ""
}

// list reads a list of scalars; a single scalar is a list of one.
func (d *decoder) list(n *node, what string) []*node {
	if n == nil {
		return nil
	}
	switch n.kind {
	case nullNode:
		return nil
	case scalarNode:
		return []*node{n}
	case seqNode:
		var out []*node
		for _, x := range n.items {
			if x.kind != scalarNode {
				d.errorf(x, "each of %s must be text, not %s", what, x.describe())
				continue
			}
			out = append(out, x)
		}
		return out
	}
	d.errorf(n, "%s must be a list, not %s", what, n.describe())
	return nil
}

func (d *decoder) date(n *node, what string) graph.Date {
	if n == nil || n.kind == nullNode {
		return graph.Date{}
	}
	if n.kind != scalarNode {
		d.errorf(n, "%s must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not %s", what, n.describe())
		return graph.Date{}
	}
	t, err := graph.ParseDate(n.value)
	if err != nil {
		d.errorf(n, "%s: %v", what, strings.TrimPrefix(err.Error(), "invalid date "))
	}
	return t
}

type unsourced struct {
	n     *node
	where stanceWhere
}

// unsourcedShown is how many stances without a source are warned of one by
// one; a table imported from CSV has a million of them.
const unsourcedShown = 10

// warnUnsourced warns of stances that cite no source: each of the first
// few, then one line for the rest.
func (d *decoder) warnUnsourced() {
	for i, u := range d.unsourced {
		if i == unsourcedShown {
			rest := len(d.unsourced) - i
			d.warnf(u.n, "and %d more %s cite no source (parley sources lists them)", rest, plural(rest, "stance", "stances"))
			return
		}
		d.warnf(u.n, "%s cites no source", u.where)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// stanceWhere names a stance in messages; it is formatted only when a
// message is, which at a million stances saves seconds.
type stanceWhere struct{ party, demand string }

func (w stanceWhere) String() string { return fmt.Sprintf("the stance of %q on %q", w.party, w.demand) }

// decodeScenario reads a parsed scenario file into a Builder.
func decodeScenario(root *node) (*graph.Builder, []Diagnostic) {
	d := &decoder{
		b:          graph.NewBuilder(),
		sources:    map[string]*node{},
		parties:    map[string]*partyDecl{},
		demands:    map[string]*node{},
		partyUsed:  map[string]bool{},
		demandUsed: map[string]bool{},
	}
	if root == nil || root.kind == nullNode {
		d.diags = append(d.diags, Diagnostic{Line: 1, Col: 1, Span: 1,
			Message: "the file holds no scenario: it needs at least parties:, demands: and stances: (see parley help scenario)"})
		return nil, d.diags
	}
	if root.kind != mapNode {
		d.errorf(root, "a scenario file must be a mapping with %s, not %s", strings.Join(rootKeys, ", "), root.describe())
		return nil, d.diags
	}
	f := d.fields(root, "the scenario", rootKeys)
	var meta graph.Meta
	if n := f["title"]; n != nil {
		meta.Title = d.str(n, "title")
	}
	if n := f["description"]; n != nil {
		meta.Description = d.str(n, "description")
	}
	meta.Date = d.date(f["date"], "date")
	d.b.SetMeta(meta)

	if n := f["sources"]; n != nil {
		d.entries(n, "sources", "source", d.source)
	}
	if n := f["parties"]; n != nil {
		d.entries(n, "parties", "party", d.party)
	}
	var demandVals []pair
	if n := f["demands"]; n != nil {
		d.entries(n, "demands", "demand", func(k, v *node) {
			d.demands[k.value] = k
			d.demandIDs = append(d.demandIDs, k.value)
			demandVals = append(demandVals, pair{k, v})
		})
	}
	// Demands refer to each other, so read them once all ids are known.
	for _, p := range demandVals {
		d.demand(p.key, p.val)
	}
	if n := f["stances"]; n != nil {
		d.stances(n)
	}
	if f["parties"] == nil && !hasError(d.diags) {
		d.errorf(&node{line: root.line, col: root.col, span: 1}, "the scenario has no parties: section")
	}
	d.warnUnsourced()
	for _, id := range d.partyIDs {
		if !d.partyUsed[id] && !hasError(d.diags) {
			d.warnf(d.parties[id].key, "party %q has no stance on any demand", id)
		}
	}
	for _, id := range d.demandIDs {
		if !d.demandUsed[id] && !hasError(d.diags) {
			d.warnf(d.demands[id], "no party has a stance on demand %q", id)
		}
	}
	return d.b, d.diags
}

func hasError(ds []Diagnostic) bool {
	for _, d := range ds {
		if !d.Warning {
			return true
		}
	}
	return false
}

func (d *decoder) source(key, val *node) {
	id := key.value
	d.sources[id] = key
	d.sourceIDs = append(d.sourceIDs, id)
	s := graph.Source{ID: id}
	if val.kind == scalarNode || val.kind == nullNode {
		s.Title = val.value
		d.b.AddSource(s)
		return
	}
	f := d.fields(val, fmt.Sprintf("source %q", id), sourceKeys)
	if n := f["title"]; n != nil {
		s.Title = d.str(n, "title")
	}
	if n := f["publisher"]; n != nil {
		s.Publisher = d.str(n, "publisher")
	}
	if n := f["url"]; n != nil {
		s.URL = d.str(n, "url")
		if u, err := url.Parse(s.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			d.warnf(n, "url %q is not an http or https address; pictures will not link to it", s.URL)
		}
	}
	s.Published = d.date(f["published"], "published")
	d.b.AddSource(s)
}

func (d *decoder) party(key, val *node) {
	id := key.value
	decl := &partyDecl{key: key, people: map[string]bool{}}
	d.parties[id] = decl
	d.partyIDs = append(d.partyIDs, id)
	p := graph.Party{ID: id, Name: id}
	if val.kind == scalarNode || val.kind == nullNode {
		if val.value != "" {
			p.Name = val.value
		}
		d.b.AddParty(p)
		return
	}
	f := d.fields(val, fmt.Sprintf("party %q", id), partyKeys)
	if n := f["name"]; n != nil {
		if s := d.str(n, "name"); s != "" {
			p.Name = s
		}
	}
	if n := f["description"]; n != nil {
		p.Description = d.str(n, "description")
	}
	for _, a := range d.list(f["aliases"], "aliases") {
		p.Aliases = append(p.Aliases, a.value)
	}
	if n := f["people"]; n != nil {
		d.entries(n, "people", "person", func(k, v *node) {
			decl.people[k.value] = true
			name := k.value
			if v.kind != nullNode {
				name = d.str(v, fmt.Sprintf("the name of %q", k.value))
			}
			p.People = append(p.People, graph.Person{ID: k.value, Name: name})
		})
	}
	d.b.AddParty(p)
}

func (d *decoder) demand(key, val *node) {
	id := key.value
	dm := graph.Demand{ID: id, Name: id}
	if val.kind == scalarNode || val.kind == nullNode {
		if val.value != "" {
			dm.Name = val.value
		}
		d.b.AddDemand(dm)
		return
	}
	f := d.fields(val, fmt.Sprintf("demand %q", id), demandKeys)
	if n := f["name"]; n != nil {
		if s := d.str(n, "name"); s != "" {
			dm.Name = s
		}
	}
	if n := f["description"]; n != nil {
		dm.Description = d.str(n, "description")
	}
	if n := f["raised_by"]; n != nil {
		dm.RaisedBy = d.str(n, "raised_by")
		if _, ok := d.parties[dm.RaisedBy]; dm.RaisedBy != "" && !ok {
			d.errorf(n, "demand %q is raised by unknown party %q%s", id, dm.RaisedBy, d.didYouMean(dm.RaisedBy, d.partyIDs))
			dm.RaisedBy = ""
		}
	}
	for _, t := range d.list(f["tags"], "tags") {
		dm.Tags = append(dm.Tags, t.value)
	}
	for _, x := range d.list(f["excludes"], "excludes") {
		switch _, ok := d.demands[x.value]; {
		case x.value == id:
			d.errorf(x, "demand %q excludes itself", id)
		case !ok:
			d.errorf(x, "demand %q excludes unknown demand %q%s", id, x.value, d.didYouMean(x.value, d.demandIDs))
		default:
			dm.Excludes = append(dm.Excludes, x.value)
		}
	}
	dm.Date = d.date(f["date"], "date")
	d.b.AddDemand(dm)
}

func (d *decoder) stances(n *node) {
	d.entries(n, "stances", "party", func(pk, pv *node) {
		party, ok := d.parties[pk.value]
		if !ok {
			d.errorf(pk, "stances of unknown party %q%s", pk.value, d.didYouMean(pk.value, d.partyIDs))
			return
		}
		if pv.kind == nullNode {
			return
		}
		d.entries(pv, fmt.Sprintf("the stances of %q", pk.value), "demand", func(dk, dv *node) {
			_, known := d.demands[dk.value]
			if !known {
				d.errorf(dk, "stance of %q on unknown demand %q%s", pk.value, dk.value, d.didYouMean(dk.value, d.demandIDs))
			}
			// Read the stance even on an unknown demand, to report its mistakes too.
			hist := d.history(pk.value, party, dk.value, dk, dv)
			if len(hist) == 0 || !known {
				return
			}
			d.partyUsed[pk.value] = true
			d.demandUsed[dk.value] = true
			d.b.AddStance(pk.value, dk.value, hist...)
		})
	})
}

// history reads one stance: a word, a full form, or a dated list of full forms.
func (d *decoder) history(partyID string, party *partyDecl, demandID string, key, val *node) []graph.Entry {
	where := stanceWhere{partyID, demandID}
	switch val.kind {
	case nullNode:
		d.errorf(key, "%s is empty: write support, oppose or neutral, or remove the line for no stance", where)
		return nil
	case scalarNode:
		e, ok := d.entry(partyID, party, demandID, val, false)
		if !ok {
			return nil
		}
		return []graph.Entry{e}
	case mapNode:
		e, ok := d.entry(partyID, party, demandID, val, false)
		if !ok {
			return nil
		}
		return []graph.Entry{e}
	}
	var hist []graph.Entry
	var nodes []*node
	good := true
	for _, x := range val.items {
		e, ok := d.entry(partyID, party, demandID, x, true)
		good = good && ok
		if ok {
			hist = append(hist, e)
			nodes = append(nodes, x)
		}
	}
	if len(val.items) == 0 {
		d.errorf(val, "%s is an empty list: give at least one dated entry", where)
		return nil
	}
	for i := range hist {
		if len(hist) > 1 && hist[i].AsOf.IsZero() {
			d.errorf(nodes[i], "entry %d of %s has no as_of date: every entry of a history needs one", i+1, where)
			good = false
			continue
		}
		if i == 0 || hist[i-1].AsOf.IsZero() {
			continue
		}
		switch c := hist[i-1].AsOf.Compare(hist[i].AsOf); {
		case c == 0:
			d.errorf(nodes[i], "%s has two entries dated %s (the same start day)", where, hist[i].AsOf)
			good = false
		case c > 0:
			d.errorf(nodes[i], "entry %d of %s is dated %s, before the entry above it (%s): list entries oldest first",
				i+1, where, hist[i].AsOf, hist[i-1].AsOf)
			good = false
		}
	}
	if len(hist) > 0 && hist[0].Position == graph.Unknown {
		d.warnf(nodes[0], "the first entry of %s says unknown, which is what no entry says", where)
	}
	if !good {
		return nil
	}
	return hist
}

// entry reads a short or full stance. inHistory allows the word unknown.
func (d *decoder) entry(partyID string, party *partyDecl, demandID string, n *node, inHistory bool) (graph.Entry, bool) {
	where := stanceWhere{partyID, demandID}
	e := graph.Entry{Strength: graph.DefaultStrength}
	ok := true
	word := func(w *node) {
		if w.kind != scalarNode {
			d.errorf(w, "the stance must be support, oppose or neutral, not %s", w.describe())
			ok = false
			return
		}
		p, known := graph.ParsePosition(w.value)
		switch {
		case !known:
			d.errorf(w, "unknown stance %q: write support, oppose or neutral%s", w.value, didYouMean(w.value, append(stanceWords, "unknown")))
			ok = false
		case p == graph.Unknown && !inHistory:
			d.errorf(w, "a stance of unknown means no stance: remove the line, or end a dated history with it")
			ok = false
		}
		e.Position = p
	}
	if n.kind == scalarNode {
		word(n)
		if ok && inHistory {
			d.errorf(n, "each entry of a dated history is a mapping with stance: and as_of:, not a single word")
			ok = false
		}
		if ok {
			d.unsourced = append(d.unsourced, unsourced{n, where})
		}
		return e, ok
	}
	if n.kind != mapNode {
		d.errorf(n, "%s must be a word (support, oppose, neutral), a mapping with stance:, or a dated list; not %s", where, n.describe())
		return e, false
	}
	before := len(d.diags)
	f := d.fields(n, where, stanceKeys)
	if w := f["stance"]; w != nil {
		word(w)
	} else {
		d.errorf(n, "%s has no stance: key (support, oppose or neutral)", where)
		ok = false
	}
	if s := f["strength"]; s != nil {
		if s.kind != scalarNode {
			d.errorf(s, "strength must be red-line, firm or soft, not %s", s.describe())
		} else if st, known := graph.ParseStrength(s.value); known {
			e.Strength = st
		} else {
			d.errorf(s, "unknown strength %q: write red-line, firm or soft%s", s.value, didYouMean(s.value, strengthWords))
		}
	}
	if b := f["by"]; b != nil {
		e.By = d.str(b, "by")
		if e.By != "" && !party.people[e.By] {
			d.errorf(b, "%s", d.unknownPerson(partyID, party, e.By))
		}
	}
	if q := f["quote"]; q != nil {
		e.Quote = d.str(q, "quote")
	}
	if s := f["source"]; s != nil {
		e.Source = d.str(s, "source")
		if _, known := d.sources[e.Source]; e.Source != "" && !known {
			d.errorf(s, "unknown source %q%s", e.Source, d.didYouMean(e.Source, d.sourceIDs))
		}
	} else if e.Position != graph.Unknown {
		d.unsourced = append(d.unsourced, unsourced{n, where})
	}
	e.AsOf = d.date(f["as_of"], "as_of")
	for _, c := range d.list(f["condition"], "condition") {
		_, known := d.demands[c.value]
		switch {
		case !known:
			d.errorf(c, "condition on unknown demand %q%s", c.value, d.didYouMean(c.value, d.demandIDs))
		case c.value == demandID:
			d.errorf(c, "%s cannot be conditional on the same demand", where)
		default:
			e.Condition = append(e.Condition, c.value)
		}
	}
	if s := f["note"]; s != nil {
		e.Note = d.str(s, "note")
	}
	if hasError(d.diags[before:]) {
		ok = false
	}
	return e, ok
}

func (d *decoder) unknownPerson(partyID string, party *partyDecl, id string) string {
	for _, other := range d.partyIDs {
		if other != partyID && d.parties[other].people[id] {
			return fmt.Sprintf("%q speaks for %q, not %q: list them under %s's people or fix by:", id, other, partyID, partyID)
		}
	}
	var ids []string
	for p := range party.people {
		ids = append(ids, p)
	}
	slices.Sort(ids)
	msg := fmt.Sprintf("unknown person %q: %q lists no such person under people:", id, partyID)
	return msg + didYouMean(id, ids)
}
