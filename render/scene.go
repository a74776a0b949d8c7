package render

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/parley/parley/graph"
)

// nodeKind is what a node of a picture stands for.
type nodeKind int

const (
	partyNode nodeKind = iota
	demandNode
	noteNode
)

// edgeKind is what an edge of a picture stands for.
type edgeKind int

const (
	stanceEdge   edgeKind = iota // a party's stance on a demand
	relationEdge                 // net agreement or conflict between two parties
	excludesEdge                 // two demands that cannot be agreed together
)

type node struct {
	id      string // the DOT id: "p:russia", "d:nato-membership"
	kind    nodeKind
	label   string // may hold line breaks
	tooltip string
	focus   bool   // the party or demand the view is about
	fill    string // a party's bloc colour; "" for the default
	pos     string // a pinned position, in DOT's form; "" to be laid out
}

type edge struct {
	from, to string
	kind     edgeKind
	line     lineStyle
	label    string
	tooltip  string
	url      string
	back     bool // laid out against its direction (dot ranks)
}

type cluster struct {
	id, label string
	nodes     []string
	color     string // the outline's; "" for the default bloc green
}

// scene is a picture before layout: what every output of a graph view is
// written from.
type scene struct {
	title    string // the scenario's title
	subtitle string // the view and the date
	notes    []string
	layout   string
	rankdir  string
	nodes    []node
	edges    []edge
	clusters []cluster
	legend   []legendItem
	// pinned: every node has its place; Graphviz only draws the lines.
	pinned bool
}

// label is the picture's title block: title, subtitle and notes, one a line.
func (s *scene) label() string {
	return strings.Join(append([]string{s.title, s.subtitle}, s.notes...), "\n")
}

// labels are every label text of the scene, as the painter may need them.
func (s *scene) labels() []string {
	out := []string{defuseEntities(clean(s.label()))}
	for _, n := range s.nodes {
		out = append(out, defuseEntities(clean(n.label)))
	}
	for _, e := range s.edges {
		out = append(out, defuseEntities(clean(e.label)))
	}
	for _, c := range s.clusters {
		out = append(out, defuseEntities(clean(c.label)))
	}
	return out
}

func partyID(p graph.Party) string   { return "p:" + p.ID }
func demandID(d graph.Demand) string { return "d:" + d.ID }

func name(n, id string) string {
	if strings.TrimSpace(n) == "" {
		return id
	}
	return n
}

func partyNodeOf(m *graph.Model, p int) node {
	party := m.Parties()[p]
	var tip []string
	tip = append(tip, name(party.Name, party.ID)+" ("+party.ID+")")
	if len(party.Aliases) > 0 {
		tip = append(tip, "Also: "+strings.Join(party.Aliases, ", "))
	}
	if party.Description != "" {
		tip = append(tip, oneLine(party.Description))
	}
	s, o, n := m.PartyCounts(p)
	tip = append(tip, fmt.Sprintf("Supports %d, opposes %d, neutral on %d of %d demands", s, o, n, len(m.Demands())))
	return node{id: partyID(party), kind: partyNode, label: wrap(name(party.Name, party.ID), 22, 3), tooltip: strings.Join(tip, "\n")}
}

func demandNodeOf(m *graph.Model, d int) node {
	dm := m.Demands()[d]
	tip := []string{name(dm.Name, dm.ID) + " (" + dm.ID + ")"}
	if dm.Description != "" {
		tip = append(tip, oneLine(dm.Description))
	}
	if dm.RaisedBy != "" {
		by := dm.RaisedBy
		if p, ok := m.PartyIndex(dm.RaisedBy); ok {
			by = name(m.Parties()[p].Name, by)
		}
		tip = append(tip, "Raised by "+by)
	}
	if len(dm.Tags) > 0 {
		tip = append(tip, "Tags: "+strings.Join(dm.Tags, ", "))
	}
	if !dm.Date.IsZero() {
		tip = append(tip, "Date: "+dm.Date.String())
	}
	return node{id: demandID(dm), kind: demandNode, label: wrap(name(dm.Name, dm.ID), 26, 4), tooltip: strings.Join(tip, "\n")}
}

var verbs = map[graph.Position]string{graph.Support: "supports", graph.Oppose: "opposes", graph.Neutral: "is neutral on"}

// stanceTooltip is the evidence of a stance: position and strength, the
// speaker's words, the source and the date.
func stanceTooltip(m *graph.Model, s graph.Stance) (tip, link string) {
	p, d := m.Parties()[s.Party], m.Demands()[s.Demand]
	lines := []string{fmt.Sprintf("%s %s %s (%s)", name(p.Name, p.ID), verbs[s.Position], name(d.Name, d.ID), s.Strength)}
	quote := oneLine(s.Quote)
	who := oneLine(Attribution(m, s.Party, s.Entry))
	switch {
	case who != "" && quote != "":
		lines = append(lines, who+": “"+quote+"”")
	case who != "":
		lines = append(lines, "Said by "+who)
	case quote != "":
		lines = append(lines, "“"+quote+"”")
	}
	if s.Inferred {
		lines = append(lines, "Inferred: the source states no position")
	}
	if s.Source != "" {
		src := "Source: " + s.Source
		if x, ok := m.Source(s.Source); ok {
			parts := []string{}
			if x.Title != "" {
				parts = append(parts, oneLine(x.Title))
			}
			if x.Publisher != "" {
				parts = append(parts, oneLine(x.Publisher))
			}
			if !x.Published.IsZero() {
				parts = append(parts, x.Published.String())
			}
			if len(parts) > 0 {
				src = "Source: " + strings.Join(parts, ", ")
			}
			link = linkURL(x.URL)
			if link != "" {
				src += " — " + link
			}
		}
		lines = append(lines, src)
	}
	if !s.AsOf.IsZero() {
		if s.IsSaid() {
			lines = append(lines, "Said: "+s.AsOf.String())
		} else {
			lines = append(lines, "As of: "+s.AsOf.String())
		}
	}
	if len(s.Condition) > 0 {
		lines = append(lines, "Only if: "+strings.Join(s.Condition, ", "))
	}
	if s.Note != "" {
		lines = append(lines, "Note: "+oneLine(s.Note))
	}
	return strings.Join(lines, "\n"), link
}

func stanceEdgeOf(m *graph.Model, s graph.Stance) edge {
	tip, link := stanceTooltip(m, s)
	return edge{
		from: partyID(m.Parties()[s.Party]), to: demandID(m.Demands()[s.Demand]),
		kind: stanceEdge, line: positionLine(s.Position, s.Strength), tooltip: tip, url: link,
	}
}

// excludesEdges joins each pair of demands in ds that exclude each other.
func excludesEdges(m *graph.Model, in func(d int) bool) []edge {
	var out []edge
	for i := range m.Demands() {
		if !in(i) {
			continue
		}
		for _, j := range m.Excludes(i) {
			if j <= i || !in(j) {
				continue
			}
			a, b := m.Demands()[i], m.Demands()[j]
			out = append(out, edge{from: demandID(a), to: demandID(b), kind: excludesEdge, line: excludesLine,
				tooltip: fmt.Sprintf("“%s” and “%s” cannot be agreed together", name(a.Name, a.ID), name(b.Name, b.ID))})
		}
	}
	return out
}

// relation is the net agreement between two parties, after m.Compare.
func relationEdgeOf(m *graph.Model, x, y int, c graph.PairCounts, maxShared int) edge {
	px, py := m.Parties()[x], m.Parties()[y]
	net := c.Agree - c.Conflict
	pos := graph.Neutral
	switch {
	case net > 0:
		pos = graph.Support
	case net < 0:
		pos = graph.Oppose
	}
	st := positionLine(pos, graph.Firm)
	st.bar = false
	st.width = 1 + 4*float64(c.Shared)/float64(max(maxShared, 1))
	return edge{
		from: partyID(px), to: partyID(py), kind: relationEdge, line: st,
		label: signed(net),
		tooltip: fmt.Sprintf("%s and %s agree on %d, clash on %d and differ by neutrality on %d of the %d demands both have a stance on",
			name(px.Name, px.ID), name(py.Name, py.ID), c.Agree, c.Conflict, c.Neutral, c.Shared),
	}
}

// signed writes a net count with its sign: +3, −2, ±0.
func signed(n int) string {
	switch {
	case n > 0:
		return fmt.Sprintf("+%d", n)
	case n < 0:
		return fmt.Sprintf("−%d", -n)
	}
	return "±0"
}

// pair is two parties measured against each other, and their weight
// under the blocs' objective.
type pair struct {
	x, y int
	c    graph.PairCounts
	w    float64
}

// What a picker keeps of the pairs offered.
const (
	keepAll      = iota // every pair
	keepTop             // the n strongest, positive and negative
	keepPerParty        // each party's strongest
)

// picker keeps, under one objective, the pairs the parties view draws, as
// the pairs stream past: every pair, the n strongest, or each party's pos
// strongest positive and neg strongest negative pairs. Its memory is that
// of the pairs it keeps, not of all the pairs. Pickers that saw parts of
// the pairs merge into the picker that saw them all: stronger is a total
// order, so what is kept does not depend on the order the pairs come in.
type picker struct {
	mode       int
	n          int // keepTop
	pos, neg   int // keepPerParty
	all        []pair
	posi, nega strongest
	np, nn     int      // keepTop: the positive and negative pairs offered
	per        [][]pair // keepPerParty: each party's positive, then negative, pairs kept, strongest first
}

func newPicker(mode, n, parties, pos, neg int) *picker {
	k := &picker{mode: mode, n: n, pos: pos, neg: neg, posi: strongest{n: n}, nega: strongest{n: n}}
	if mode == keepPerParty {
		k.per = make([][]pair, 2*parties)
	}
	return k
}

// keep puts p into the list l of at most n pairs, strongest first.
func keep(l []pair, n int, p pair) []pair {
	j := len(l)
	for j > 0 && outranks(&p, &l[j-1]) < 0 {
		j--
	}
	if j >= n {
		return l
	}
	if len(l) < n {
		l = append(l, pair{})
	}
	copy(l[j+1:], l[j:len(l)-1])
	l[j] = p
	return l
}

// offer shows the picker a pair.
func (k *picker) offer(p pair) {
	switch k.mode {
	case keepAll:
		k.all = append(k.all, p)
	case keepTop:
		if p.w < 0 {
			k.nega.offer(p)
			k.nn++
		} else {
			k.posi.offer(p)
			k.np++
		}
	case keepPerParty:
		neg := len(k.per) / 2
		switch {
		case p.w > 0 && k.pos > 0:
			k.per[p.x], k.per[p.y] = keep(k.per[p.x], k.pos, p), keep(k.per[p.y], k.pos, p)
		case p.w < 0 && k.neg > 0:
			k.per[neg+p.x], k.per[neg+p.y] = keep(k.per[neg+p.x], k.neg, p), keep(k.per[neg+p.y], k.neg, p)
		}
	}
}

// merge adds what another picker kept of other pairs.
func (k *picker) merge(o *picker) {
	switch k.mode {
	case keepAll:
		k.all = append(k.all, o.all...)
	case keepTop:
		for _, p := range o.posi.h {
			k.posi.offer(p)
		}
		for _, p := range o.nega.h {
			k.nega.offer(p)
		}
		k.np, k.nn = k.np+o.np, k.nn+o.nn
	case keepPerParty:
		for i, l := range o.per {
			n := k.pos
			if i >= len(k.per)/2 {
				n = k.neg
			}
			for _, p := range l {
				k.per[i] = keep(k.per[i], n, p)
			}
		}
	}
}

// pairs returns the pairs kept, in index order: for keepTop, half of the
// n the most positive, half the most negative, the rest from the other
// side when one runs short.
func (k *picker) pairs() []pair {
	var out []pair
	switch k.mode {
	case keepAll:
		out = k.all
	case keepTop:
		if k.n >= k.np+k.nn {
			out = append(slices.Clone(k.posi.h), k.nega.h...)
			break
		}
		n := k.n
		m := min(k.nn, n/2)
		m = max(m, n-k.np)
		out = append(slices.Clone(k.posi.sorted()[:n-m]), k.nega.sorted()[:m]...)
	case keepPerParty:
		for _, l := range k.per {
			out = append(out, l...)
		}
	}
	slices.SortFunc(out, byIndex)
	return slices.CompactFunc(out, func(a, b pair) bool { return a.x == b.x && a.y == b.y })
}

// pairsOf measures the pairs of parties with a stance on at least
// minShared demands in common, weighs them by objective o (resolved on all
// the pairs, as the blocs are), and keeps those a picker of mode (with n,
// pos and neg) keeps: it returns them in index order, how many pairs there
// were, and the objective. The pairs stream past (graph.EachPair): its
// memory is that of the pairs kept, for either objective while o is
// undecided. Cost O(P²·D/64) spread over the cores.
func pairsOf(m *graph.Model, minShared int, o graph.Objective, mode, n, pos, neg int) ([]pair, int, graph.Objective) {
	objectives := []graph.Objective{o}
	if o == graph.ObjectiveAuto {
		objectives = []graph.Objective{graph.ObjectiveNet, graph.ObjectiveCentred}
	}
	parties := len(m.Parties())
	type worker struct {
		issues []int64
		total  int
		pick   []*picker // by objective
	}
	var ws []worker
	graph.EachPair(m, nil, func(workers int) {
		ws = make([]worker, workers)
		for w := range ws {
			ws[w].issues = make([]int64, len(m.Demands())+1)
			for range objectives {
				ws[w].pick = append(ws[w].pick, newPicker(mode, n, parties, pos, neg))
			}
		}
	}, func(w int, p *graph.Pair) {
		at := &ws[w]
		at.issues[p.Issues]++
		if p.Shared < minShared {
			return
		}
		at.total++
		for i, ob := range objectives {
			at.pick[i].offer(pair{p.A, p.B, p.PairCounts, p.Weight(ob)})
		}
	})
	if len(ws) == 0 { // fewer than two parties
		return nil, 0, objectiveOf(o)
	}
	for w := 1; w < len(ws); w++ {
		for k, c := range ws[w].issues {
			ws[0].issues[k] += c
		}
		ws[0].total += ws[w].total
		for i := range objectives {
			ws[0].pick[i].merge(ws[w].pick[i])
		}
	}
	o, _ = graph.ChooseObjectiveCounts(ws[0].issues, o)
	return ws[0].pick[slices.Index(objectives, o)].pairs(), ws[0].total, o
}

// objectiveOf is o resolved when there are no pairs to resolve it on.
func objectiveOf(o graph.Objective) graph.Objective {
	o, _ = graph.ChooseObjectiveCounts(nil, o)
	return o
}

// stronger orders pairs by the size of their weight, then by the demands
// they share, then by index: the same order every run.
func stronger(a, b pair) int { return outranks(&a, &b) }

// outranks is stronger on pointers, for the pickers' inner loops.
func outranks(a, b *pair) int {
	// The first that differs decides: most pairs differ in weight, and
	// cmp.Or would compare all four.
	if c := cmp.Compare(math.Abs(b.w), math.Abs(a.w)); c != 0 {
		return c
	}
	if c := cmp.Compare(b.c.Shared, a.c.Shared); c != 0 {
		return c
	}
	if c := cmp.Compare(a.x, b.x); c != 0 {
		return c
	}
	return cmp.Compare(a.y, b.y)
}

// topPairs keeps the n strongest of the pairs all (a picker's keepTop), in
// index order.
func topPairs(all []pair, n int) []pair {
	k := newPicker(keepTop, n, 0, 0, 0)
	for _, p := range all {
		k.offer(p)
	}
	return k.pairs()
}

func byIndex(a, b pair) int { return cmp.Or(cmp.Compare(a.x, b.x), cmp.Compare(a.y, b.y)) }

// strongestPerPartyPairs keeps each party's pos strongest positive pairs
// and neg strongest negative ones of the pairs all (a picker's
// keepPerParty), in index order: O(pairs·(pos+neg)).
func strongestPerPartyPairs(m *graph.Model, all []pair, pos, neg int) []pair {
	k := newPicker(keepPerParty, 0, len(m.Parties()), pos, neg)
	for _, p := range all {
		k.offer(p)
	}
	return k.pairs()
}

// strongest keeps the n strongest pairs offered, in a heap whose root is
// the weakest kept.
type strongest struct {
	n int
	h []pair
}

func (t *strongest) offer(p pair) {
	if len(t.h) < t.n {
		t.h = append(t.h, p)
		for i := len(t.h) - 1; i > 0; {
			parent := (i - 1) / 2
			if outranks(&t.h[i], &t.h[parent]) <= 0 {
				break
			}
			t.h[i], t.h[parent] = t.h[parent], t.h[i]
			i = parent
		}
		return
	}
	if outranks(&p, &t.h[0]) >= 0 {
		return
	}
	t.h[0] = p
	for i := 0; ; {
		w := i
		for _, c := range []int{2*i + 1, 2*i + 2} {
			if c < len(t.h) && outranks(&t.h[c], &t.h[w]) > 0 {
				w = c
			}
		}
		if w == i {
			return
		}
		t.h[i], t.h[w] = t.h[w], t.h[i]
		i = w
	}
}

// sorted returns the pairs kept, strongest first.
func (t *strongest) sorted() []pair {
	slices.SortFunc(t.h, stronger)
	return t.h
}

// weightEdgeOf is the edge of a pair in the parties view: solid when its
// weight is positive, dashed when negative, dotted at 0; as wide as the
// demands they share allow; labelled with the weight.
func weightEdgeOf(m *graph.Model, p pair, maxShared int, o graph.Objective) edge {
	px, py := m.Parties()[p.x], m.Parties()[p.y]
	pos := graph.Neutral
	switch {
	case p.w > 0:
		pos = graph.Support
	case p.w < 0:
		pos = graph.Oppose
	}
	st := positionLine(pos, graph.Firm)
	st.bar = false
	st.width = 1 + 4*float64(p.c.Shared)/float64(max(maxShared, 1))
	what := "agreements − clashes"
	if o == graph.ObjectiveCentred {
		what = "agreements − clashes beyond what their own mixes give by chance"
	}
	return edge{
		from: partyID(px), to: partyID(py), kind: relationEdge, line: st,
		label: signedWeight(p.w),
		tooltip: fmt.Sprintf("%s and %s agree on %d, clash on %d and differ by neutrality on %d of the %d demands both have a stance on; weight %s (%s)",
			name(px.Name, px.ID), name(py.Name, py.ID), p.c.Agree, p.c.Conflict, p.c.Neutral, p.c.Shared, signedWeight(p.w), what),
	}
}

// signedWeight writes a weight with its sign: whole numbers as they are,
// others with one decimal; ±0 for nothing.
func signedWeight(w float64) string {
	r := math.Round(w)
	if math.Abs(w-r) < 1e-9 {
		return signed(int(r))
	}
	s := fmt.Sprintf("%.1f", math.Abs(w))
	switch {
	case s == "0.0":
		return "±0"
	case w > 0:
		return "+" + s
	}
	return "−" + s
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
