package render

import (
	"cmp"
	"fmt"
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
	focus   bool // the party or demand the view is about
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
	var s, o, n int
	for _, st := range m.PartyStances(p) {
		switch st.Position {
		case graph.Support:
			s++
		case graph.Oppose:
			o++
		case graph.Neutral:
			n++
		}
	}
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
	switch {
	case s.By != "" && quote != "":
		lines = append(lines, m.PersonName(s.Party, s.By)+": “"+quote+"”")
	case s.By != "":
		lines = append(lines, "Said by "+m.PersonName(s.Party, s.By))
	case quote != "":
		lines = append(lines, "“"+quote+"”")
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
		lines = append(lines, "Said: "+s.AsOf.String())
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

// pair is two parties measured against each other.
type pair struct {
	x, y int
	c    graph.PairCounts
}

func (p pair) net() int { return p.c.Agree - p.c.Conflict }

// pairSelection is how the parties view picks its relations among the
// pairs of parties with a stance on at least minShared demands in common:
// the top strongest overall when top > 0, else each party's perParty
// strongest when perParty > 0, else all of them.
type pairSelection struct {
	minShared, top, perParty int
}

// selectPairs measures every pair of parties and keeps those sel picks,
// in index order, with the number of pairs there were to pick from. The
// pairs stream through a bounded selection rather than being held: cost
// O(P²·D/64) time and O(P·perParty + top) memory beyond the kept pairs
// (500 parties: 125,000 pairs, a few milliseconds).
func selectPairs(m *graph.Model, sel pairSelection) (kept []pair, total int) {
	n := len(m.Parties())
	var offer func(pair)
	var done func() []pair
	switch {
	case sel.top > 0:
		t := &topPairs{n: sel.top}
		offer, done = t.offer, t.pairs
	case sel.perParty > 0:
		b := &bestPerParty{k: sel.perParty, best: make([][]pair, n)}
		offer, done = b.offer, b.pairs
	default:
		offer = func(p pair) { kept = append(kept, p) }
		done = func() []pair { return kept }
	}
	for x := 0; x < n; x++ {
		for y := x + 1; y < n; y++ {
			if c := m.Compare(x, y); c.Shared >= max(sel.minShared, 1) {
				total++
				offer(pair{x, y, c})
			}
		}
	}
	return done(), total
}

// stronger orders pairs by the size of their net agreement, then by the
// demands they share, then by index: the same order every run, and a
// total order, so the strongest are the same whatever order the pairs
// come in.
func stronger(a, b pair) int {
	return cmp.Or(cmp.Compare(abs(b.net()), abs(a.net())), cmp.Compare(b.c.Shared, a.c.Shared),
		cmp.Compare(a.x, b.x), cmp.Compare(a.y, b.y))
}

func byIndex(a, b pair) int { return cmp.Or(cmp.Compare(a.x, b.x), cmp.Compare(a.y, b.y)) }

// topPairs keeps the n strongest pairs offered, in a heap whose root is
// the weakest kept.
type topPairs struct {
	n int
	h []pair
}

func (t *topPairs) offer(p pair) {
	if len(t.h) < t.n {
		t.h = append(t.h, p)
		t.up(len(t.h) - 1)
		return
	}
	if stronger(p, t.h[0]) < 0 {
		t.h[0] = p
		t.down(0)
	}
}

// weaker reports whether heap entry i is weaker than entry j.
func (t *topPairs) weaker(i, j int) bool { return stronger(t.h[i], t.h[j]) > 0 }

func (t *topPairs) up(i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !t.weaker(i, parent) {
			return
		}
		t.h[i], t.h[parent] = t.h[parent], t.h[i]
		i = parent
	}
}

func (t *topPairs) down(i int) {
	for {
		w := i
		for _, c := range []int{2*i + 1, 2*i + 2} {
			if c < len(t.h) && t.weaker(c, w) {
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

func (t *topPairs) pairs() []pair {
	slices.SortFunc(t.h, byIndex)
	return t.h
}

// bestPerParty keeps each party's k strongest pairs offered, strongest
// first: O(k) a pair.
type bestPerParty struct {
	k    int
	best [][]pair
}

func (b *bestPerParty) offer(p pair) {
	b.keep(p.x, p)
	b.keep(p.y, p)
}

func (b *bestPerParty) keep(party int, p pair) {
	l := b.best[party]
	j := len(l)
	for j > 0 && stronger(p, l[j-1]) < 0 {
		j--
	}
	if j >= b.k {
		return
	}
	if len(l) < b.k {
		l = append(l, pair{})
	}
	copy(l[j+1:], l[j:len(l)-1])
	l[j] = p
	b.best[party] = l
}

// pairs returns the pairs kept for either party, once each, in index
// order.
func (b *bestPerParty) pairs() []pair {
	var out []pair
	for _, l := range b.best {
		out = append(out, l...)
	}
	slices.SortFunc(out, byIndex)
	return slices.CompactFunc(out, func(a, b pair) bool { return a.x == b.x && a.y == b.y })
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
