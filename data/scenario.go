package data

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/parley/parley/graph"
)

// The keys a scenario file may use, by place.
var (
	rootKeys      = []string{"title", "description", "date", "sources", "people", "parties", "demands", "stances"}
	sourceKeys    = []string{"title", "publisher", "url", "published", "text", "file"}
	personKeys    = []string{"name", "role", "party", "aliases"}
	partyKeys     = []string{"name", "description", "aliases", "people"}
	demandKeys    = []string{"name", "description", "raised_by", "tags", "excludes", "date", "issue"}
	stanceKeys    = []string{"stance", "strength", "by", "evidence", "about", "inferred", "quote", "source", "as_of", "condition", "note"}
	stanceWords   = []string{"support", "oppose", "neutral"}
	strengthWords = []string{"red-line", "firm", "soft"}
	evidenceWords = []string{"said", "reported"}
)

// decoder turns a node tree into a graph.Builder, collecting every problem.
type decoder struct {
	diags   []Diagnostic
	b       *graph.Builder
	files   sourceFiles
	sources map[string]*sourceDecl
	parties map[string]*partyDecl
	demands map[string]*demandDecl
	people  map[string][]personDecl // by id; people of several parties may share one
	// ids in file order, for suggestions
	sourceIDs, partyIDs, demandIDs, personIDs []string
	unsourced                                 []unsourced    // the first stances citing no source, reported at the end
	unsourcedN                                int            // how many stances cite no source
	one                                       [1]graph.Entry // the history of a stance of one entry
	seenMaps                                  []map[string]int
	suggestCost                               int // didYouMean's work so far, in cells of the edit distance
}

type partyDecl struct {
	key    *node
	people map[string]bool
	handle int  // the Builder's
	used   bool // has a stance
}

type demandDecl struct {
	key    *node
	handle int  // the Builder's
	used   bool // has a stance
}

// personDecl is where a person is declared: under people:, or under a
// party's people: as files did before people had a section of their own.
type personDecl struct {
	key    *node
	party  string // "" for none
	legacy bool   // listed under the party's own people:
}

type sourceDecl struct {
	key       *node
	published graph.Date
	text      *quoteText // nil when the scenario gives no text
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
	seen := d.seen()
	defer d.unseen(seen)
	n.each(func(key, val *node) {
		if key.kind != scalarNode {
			d.errorf(key, "a key of %s must be a plain word, not %s", what, key.describe())
			return
		}
		k := key.value
		if first, dup := seen[k]; dup {
			d.errorf(key, "duplicate key %q in %s (first at line %d)", k, what, first)
			return
		}
		seen[k] = key.line
		if !slices.Contains(known, k) {
			d.errorf(key, "unknown key %q in %s%s", k, what, didYouMean(k, known))
			return
		}
		out[k] = val
	})
	return out
}

// seen is an empty map of the keys a mapping has shown, by the line of
// each; unseen gives it back once the mapping is read, so that the maps of
// a party's thousands of stances are made once, not once a party.
func (d *decoder) seen() map[string]int {
	if n := len(d.seenMaps); n > 0 {
		m := d.seenMaps[n-1]
		d.seenMaps = d.seenMaps[:n-1]
		return m
	}
	return map[string]int{}
}

func (d *decoder) unseen(m map[string]int) {
	clear(m)
	d.seenMaps = append(d.seenMaps, m)
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
	seen := d.seen()
	defer d.unseen(seen)
	n.each(func(key, val *node) {
		if key.kind != scalarNode {
			d.errorf(key, "a %s id must be a plain word, not %s", what, key.describe())
			return
		}
		id := key.value
		if first, dup := seen[id]; dup {
			d.errorf(key, "duplicate %s id %q (first at line %d)", what, id, first)
			return
		}
		seen[id] = key.line
		if !graph.ValidID(id) {
			if c := norm.NFC.String(id); c != id && graph.ValidID(c) {
				d.errorf(key, "%s id %+q is written with combining marks: write it composed (Unicode NFC), as %+q", what, id, c)
				return
			}
			hint := ""
			if s := idOf(id); s != "" {
				hint = fmt.Sprintf("; try %q", s)
			}
			d.errorf(key, "%s id %q must be lower-case letters and digits (of any script) in words joined by single hyphens%s", what, id, hint)
			return
		}
		fn(key, val)
	})
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

// unsourced is a stance citing no source: where it is, and whose it is.
type unsourced struct {
	at    node // its position only, so that a big file's nodes are not kept
	where stanceWhere
}

// addUnsourced notes a stance citing no source, keeping the few the
// warnings name.
func (d *decoder) addUnsourced(n *node, where stanceWhere) {
	if d.unsourcedN++; d.unsourcedN <= unsourcedShown+1 {
		d.unsourced = append(d.unsourced, unsourced{node{line: n.line, col: n.col, span: n.span}, where})
	}
}

// unsourcedShown is how many stances without a source are warned of one by
// one; a table imported from CSV has a million of them.
const unsourcedShown = 10

// warnUnsourced warns of stances that cite no source: each of the first
// few, then one line for the rest.
func (d *decoder) warnUnsourced() {
	for i, u := range d.unsourced {
		if i == unsourcedShown {
			rest := d.unsourcedN - i
			d.warnf(&u.at, "and %d more %s cite no source (parley sources lists them)", rest, plural(rest, "stance", "stances"))
			return
		}
		d.warnf(&u.at, "%s cites no source", u.where)
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

// decodeScenario reads a parsed scenario file into a Builder; files reads
// the sources' text files. The decoder is returned for the checks that
// need the built model and the file's positions.
func decodeScenario(root *node, files sourceFiles) (*graph.Builder, *decoder, []Diagnostic) {
	d := newDecoder(files)
	b, diags := d.scenario(root)
	return b, d, diags
}

func newDecoder(files sourceFiles) *decoder {
	return &decoder{
		b:       graph.NewBuilder(),
		files:   files,
		sources: map[string]*sourceDecl{},
		parties: map[string]*partyDecl{},
		demands: map[string]*demandDecl{},
		people:  map[string][]personDecl{},
	}
}

// scenario is decodeScenario with a decoder made by newDecoder.
func (d *decoder) scenario(root *node) (*graph.Builder, []Diagnostic) {
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
	if n := f["people"]; n != nil {
		d.entries(n, "people", "person", d.person)
	}
	var demandVals []pair
	if n := f["demands"]; n != nil {
		d.entries(n, "demands", "demand", func(k, v *node) {
			d.demands[k.value] = &demandDecl{key: k}
			d.demandIDs = append(d.demandIDs, k.value)
			demandVals = append(demandVals, pair{k, v})
		})
	}
	// Demands refer to each other, so read them once all ids are known.
	issues := map[string]string{} // demand id → issue
	issueAt := map[string]*node{}
	for _, p := range demandVals {
		if issue, at := d.demand(p.key, p.val); issue != "" {
			issues[p.key.value] = issue
			issueAt[p.key.value] = at
		}
	}
	for _, id := range d.demandIDs {
		if issue := issues[id]; issue != "" && issue != id && d.demands[issue] != nil && issues[issue] != issue {
			d.warnf(issueAt[id], "issue %q is also the id of demand %q, which is not in it: give the issue a name of its own, or demand %q issue: %s too",
				issue, issue, issue, issue)
		}
	}
	if n := f["stances"]; n != nil {
		d.stances(n)
	}
	if f["parties"] == nil && !hasError(d.diags) {
		d.errorf(&node{line: root.line, col: root.col, span: 1}, "the scenario has no parties: section")
	}
	d.warnUnsourced()
	for _, id := range d.partyIDs {
		if !d.parties[id].used && !hasError(d.diags) {
			d.warnf(d.parties[id].key, "party %q has no stance on any demand", id)
		}
	}
	for _, id := range d.demandIDs {
		if !d.demands[id].used && !hasError(d.diags) {
			d.warnf(d.demands[id].key, "no party has a stance on demand %q", id)
		}
	}
	return d.b, d.diags
}

func hasError(ds []Diagnostic) bool {
	for _, d := range ds {
		if !d.Warning && !d.Hint {
			return true
		}
	}
	return false
}

func (d *decoder) source(key, val *node) {
	id := key.value
	decl := &sourceDecl{key: key}
	d.sources[id] = decl
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
	decl.published = s.Published
	text, file := f["text"], f["file"]
	switch {
	case text != nil && file != nil:
		d.errorf(file, "source %q has both text: and file:; give its text one way", id)
	case text != nil:
		s.Text = d.str(text, "text")
	case file != nil:
		s.File = d.str(file, "file")
		s.Text = d.sourceFile(id, s.File, file)
	}
	if s.Text != "" {
		decl.text = newQuoteText(s.Text)
	}
	d.b.AddSource(s)
}

// sourceFile reads the text file of a source; a file that cannot be read
// is a warning, as the scenario means the same without it.
func (d *decoder) sourceFile(id, path string, n *node) string {
	if path == "" {
		return ""
	}
	src, err := d.files.read(path)
	if err != nil {
		d.warnf(n, "the text of source %q cannot be read, so its quotes are not checked: %v", id, err)
		return ""
	}
	if !utf8.Valid(src) {
		d.warnf(n, "the text of source %q, %s, is not UTF-8 text, so its quotes are not checked", id, path)
		return ""
	}
	return string(src)
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
		decl.handle = d.b.AddParty(p)
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
			if !d.declarePerson(k, id, true) {
				return
			}
			decl.people[k.value] = true
			name := k.value
			if v.kind != nullNode {
				if s := d.str(v, fmt.Sprintf("the name of %q", k.value)); s != "" {
					name = s
				}
			}
			p.People = append(p.People, graph.Person{ID: k.value, Name: name, Party: id})
		})
	}
	decl.handle = d.b.AddParty(p)
}

// declarePerson records a person's id, refusing one declared twice: under
// people: and anywhere else, or twice for one party. Two parties may each
// list a person of the same id under their own people: (legacy).
func (d *decoder) declarePerson(key *node, party string, legacy bool) bool {
	id := key.value
	for _, prev := range d.people[id] {
		if !legacy || !prev.legacy || prev.party == party {
			d.errorf(key, "person %q is listed twice (first at line %d)", id, prev.key.line)
			return false
		}
	}
	if len(d.people[id]) == 0 {
		d.personIDs = append(d.personIDs, id)
	}
	d.people[id] = append(d.people[id], personDecl{key: key, party: party, legacy: legacy})
	return true
}

// person reads an entry of people:.
func (d *decoder) person(key, val *node) {
	id := key.value
	x := graph.Person{ID: id, Name: id}
	f := map[string]*node{}
	if val.kind == scalarNode || val.kind == nullNode {
		if val.value != "" {
			x.Name = val.value
		}
	} else {
		f = d.fields(val, fmt.Sprintf("person %q", id), personKeys)
	}
	if n := f["name"]; n != nil {
		if s := d.str(n, "name"); s != "" {
			x.Name = s
		}
	}
	if n := f["role"]; n != nil {
		x.Role = d.str(n, "role")
	}
	if n := f["party"]; n != nil {
		x.Party = d.str(n, "party")
		if _, ok := d.parties[x.Party]; x.Party != "" && !ok {
			d.errorf(n, "person %q speaks for unknown party %q%s", id, x.Party, d.didYouMean(x.Party, d.partyIDs))
			x.Party = ""
		}
	}
	for _, a := range d.list(f["aliases"], "aliases") {
		x.Aliases = append(x.Aliases, a.value)
	}
	if d.declarePerson(key, x.Party, false) {
		d.b.AddPerson(x)
	}
}

// demand reads a demand; it returns its issue, and where the file gives it.
func (d *decoder) demand(key, val *node) (issue string, at *node) {
	id := key.value
	dm := graph.Demand{ID: id, Name: id}
	if val.kind == scalarNode || val.kind == nullNode {
		if val.value != "" {
			dm.Name = val.value
		}
		d.demands[id].handle = d.b.AddDemand(dm)
		return "", nil
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
	if n := f["issue"]; n != nil {
		dm.Issue = d.str(n, "issue")
		if dm.Issue != "" && !graph.ValidID(dm.Issue) {
			hint := ""
			if s := idOf(dm.Issue); s != "" {
				hint = fmt.Sprintf("; try %q", s)
			}
			d.errorf(n, "issue id %q must be lower-case letters and digits (of any script) in words joined by single hyphens%s", dm.Issue, hint)
			dm.Issue = ""
		}
		at = n
	}
	d.demands[id].handle = d.b.AddDemand(dm)
	return dm.Issue, at
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
			demand, known := d.demands[dk.value]
			if !known {
				d.errorf(dk, "stance of %q on unknown demand %q%s", pk.value, dk.value, d.didYouMean(dk.value, d.demandIDs))
			}
			// Read the stance even on an unknown demand, to report its mistakes too.
			hist := d.history(pk.value, party, dk.value, dk, dv)
			if len(hist) == 0 || !known {
				return
			}
			party.used, demand.used = true, true
			d.b.AddHistory(party.handle, demand.handle, hist...)
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
	case scalarNode, mapNode:
		e, ok := d.entry(partyID, party, demandID, val, false)
		if !ok {
			return nil
		}
		// The Builder copies what it is given: one slice serves every stance.
		d.one[0] = e
		return d.one[:]
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
			d.addUnsourced(n, where)
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
	if v := f["evidence"]; v != nil {
		if v.kind != scalarNode {
			d.errorf(v, "evidence must be said or reported, not %s", v.describe())
		} else if ev, known := graph.ParseEvidence(v.value); known {
			e.Evidence = ev
		} else {
			d.errorf(v, "unknown evidence %q: write said (a speaker's words) or reported (the source's narration)%s",
				v.value, didYouMean(v.value, evidenceWords))
		}
	}
	if b := f["by"]; b != nil {
		e.By = d.str(b, "by")
		switch {
		case e.By == "":
		case e.Evidence == graph.Reported:
			d.errorf(b, "by: names who said the words, but evidence: reported makes them the source's own narration; name whom they concern with about: instead")
		default:
			if msg := d.checkPerson(partyID, e.By); msg != "" {
				d.errorf(b, "%s", msg)
			}
		}
	}
	for _, x := range d.list(f["about"], "about") {
		if msg := d.checkPerson(partyID, x.value); msg != "" {
			d.errorf(x, "%s", msg)
			continue
		}
		e.About = append(e.About, x.value)
	}
	if v := f["inferred"]; v != nil {
		switch {
		case v.kind == scalarNode && strings.EqualFold(v.value, "true"):
			e.Inferred = true
		case v.kind == scalarNode && strings.EqualFold(v.value, "false"):
		default:
			d.errorf(v, "inferred must be true or false, not %s", v.describe())
		}
	}
	var src *sourceDecl
	if s := f["source"]; s != nil {
		e.Source = d.str(s, "source")
		src = d.sources[e.Source]
		if e.Source != "" && src == nil {
			d.errorf(s, "unknown source %q%s", e.Source, d.didYouMean(e.Source, d.sourceIDs))
		}
	} else if e.Position != graph.Unknown {
		d.addUnsourced(n, where)
	}
	if q := f["quote"]; q != nil {
		e.Quote = d.str(q, "quote")
		if src != nil && src.text != nil && e.Quote != "" {
			if msg := src.text.check(e.Quote); msg != "" {
				d.warnf(q, "the quote is not in the text of source %q: %s", e.Source, msg)
			}
		}
	}
	e.AsOf = d.date(f["as_of"], "as_of")
	if a := f["as_of"]; a != nil && src != nil && !e.AsOf.IsZero() && !src.published.IsZero() && !e.AsOf.In(src.published) {
		d.warnf(a, "%s is dated %s, after its source %q was published (%s): date it when it was said, or cite a source that reports it",
			where, e.AsOf, e.Source, src.published)
	}
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
	if e.Position == graph.Neutral {
		switch {
		case e.Inferred:
			d.warnf(f["inferred"], "%s is neutral by inference, but neutral is a position that every measure counts: "+
				"where the source gives none, leave the stance out (no recorded stance)", where)
		case saysNoPosition(e.Note):
			d.warnf(f["note"], "%s is neutral, but its note says the source gives no position; neutral is a position that every measure counts: "+
				"leave the stance out (no recorded stance), or reword the note if the source does give a neutral position", where)
		}
	}
	if hasError(d.diags[before:]) {
		ok = false
	}
	return e, ok
}

// checkPerson returns what is wrong with a person id that a stance of
// party partyID names (by: or about:), or "". A person may speak for any
// party; an id that people of several parties share (listed under each
// party's people:) names the party's own.
func (d *decoder) checkPerson(partyID, id string) string {
	decls := d.people[id]
	switch {
	case len(decls) == 1:
		return ""
	case len(decls) > 1:
		var parties []string
		for _, x := range decls {
			if x.party == partyID {
				return ""
			}
			parties = append(parties, x.party)
		}
		return fmt.Sprintf("%q names people of %s, none of them of %q: give them ids of their own under people:",
			id, strings.Join(quoteAll(parties), " and "), partyID)
	}
	return fmt.Sprintf("unknown person %q: no such id under people:%s", id, d.didYouMean(id, d.personIDs))
}

// hintsShown is how many groups of look-alike demands are hinted at one by
// one; a vote table has thousands (every unanimous vote looks alike).
const hintsShown = 10

// hints points at demands that every party treats alike — the same
// position from each, or no stance — and that are about the same thing (a
// tag in common, or no tags to tell), while they belong to different
// issues: each then counts once more in every pair measure, which is right
// only if they are different questions. With a handful of parties two
// unrelated demands often look alike (Russia's two wishes, NATO and
// territory, split Ukraine from Russia and the US alike), hence the tags.
// Only demands on which at least two parties have a stance are compared.
// Cost O(P·D).
func (d *decoder) hints(m *graph.Model) []Diagnostic {
	groups := map[string][]int{}
	var order []string
	sig := make([]byte, len(m.Parties()))
	for dd := range m.Demands() {
		n := 0
		for p := range m.Parties() {
			pos := m.Position(p, dd)
			sig[p] = byte(pos)
			if pos.Known() {
				n++
			}
		}
		if n < 2 {
			continue
		}
		k := string(sig)
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], dd)
	}
	var out []Diagnostic
	for _, k := range order {
		for _, g := range alike(m, groups[k]) {
			if len(out) == hintsShown {
				return append(out, Diagnostic{Hint: true, Message: "and more demands that every party treats alike"})
			}
			out = append(out, d.hint(m, g, k))
		}
	}
	return out
}

// alike splits demands with the same stances into groups about the same
// thing (sharing a tag, or untagged), leaving out those of one issue.
func alike(m *graph.Model, ds []int) [][]int {
	if len(ds) < 2 {
		return nil
	}
	parent := make([]int, len(ds))
	for i := range parent {
		parent[i] = i
	}
	var root func(i int) int
	root = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(i, j int) { parent[root(i)] = root(j) }
	byTag := map[string]int{}
	untagged := -1
	for i, dd := range ds {
		tags := m.Demands()[dd].Tags
		if len(tags) == 0 {
			if untagged < 0 {
				untagged = i
			}
			union(i, untagged)
			continue
		}
		for _, t := range tags {
			if j, ok := byTag[t]; ok {
				union(i, j)
			} else {
				byTag[t] = i
			}
		}
	}
	if untagged >= 0 {
		for i := range ds {
			union(i, untagged) // an untagged demand may be about anything
		}
	}
	comp := map[int][]int{}
	var roots []int
	for i, dd := range ds {
		r := root(i)
		if comp[r] == nil {
			roots = append(roots, r)
		}
		comp[r] = append(comp[r], dd)
	}
	var out [][]int
	for _, r := range roots {
		if g := comp[r]; len(g) > 1 && !oneIssue(m, g) {
			out = append(out, g)
		}
	}
	return out
}

// hint is the diagnostic for one group of look-alike demands, placed at the
// first of them; sig holds the position of each party.
func (d *decoder) hint(m *graph.Model, g []int, sig string) Diagnostic {
	ids := make([]string, len(g))
	for i, dd := range g {
		ids[i] = m.Demands()[dd].ID
	}
	s, o, n := 0, 0, 0
	for p := range m.Parties() {
		switch graph.Position(sig[p]) {
		case graph.Support:
			s++
		case graph.Oppose:
			o++
		case graph.Neutral:
			n++
		}
	}
	at := Diagnostic{Hint: true}
	if decl := d.demands[ids[0]]; decl != nil {
		at.Line, at.Col, at.Span = decl.key.line, decl.key.col, max(decl.key.span, 1)
	}
	at.Message = fmt.Sprintf("demands %s have the same stance from every party (%d support, %d oppose, %d neutral) "+
		"and are about the same thing: each counts in every measure; if they are one question, give them the same issue: "+
		"(parley help scenario)", strings.Join(quoteAll(ids), ", "), s, o, n)
	return at
}

// oneIssue reports whether the demands all belong to one named issue.
func oneIssue(m *graph.Model, ds []int) bool {
	issue := m.Demands()[ds[0]].Issue
	if issue == "" {
		return false
	}
	for _, dd := range ds[1:] {
		if m.Demands()[dd].Issue != issue {
			return false
		}
	}
	return true
}
