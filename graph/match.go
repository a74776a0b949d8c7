package graph

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NotFoundError is returned by FindParty and FindDemand when nothing matches.
type NotFoundError struct {
	Kind       string   // "party" or "demand"
	Query      string   // what the user typed
	Candidates []string // ids of the closest names, best first; may be empty
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("no %s matches %q", e.Kind, e.Query)
	if len(e.Candidates) > 0 {
		msg += "; closest: " + strings.Join(e.Candidates, ", ")
	}
	return msg
}

// AmbiguousError is returned when a query matches more than one party or
// demand equally well.
type AmbiguousError struct {
	Kind    string
	Query   string
	Matches []string // ids, sorted
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%q matches %d %s: %s; type more of the one you mean",
		e.Query, len(e.Matches), plural(e.Kind, len(e.Matches)), strings.Join(e.Matches, ", "))
}

// ReadingsError is returned by FindParties when words typed without quotes
// can be read as more than one list of parties.
type ReadingsError struct {
	Words    []string
	Readings [][]string // each a list of party ids; at most two are kept
}

func (e *ReadingsError) Error() string {
	var rs []string
	for _, r := range e.Readings {
		rs = append(rs, strings.Join(r, ", "))
	}
	return fmt.Sprintf("%q can be read as %s; quote a name of several words, as in \"united states\"",
		strings.Join(e.Words, " "), strings.Join(rs, " or as "))
}

func plural(kind string, n int) string {
	if n == 1 {
		return kind
	}
	switch kind {
	case "party":
		return "parties"
	case "person":
		return "people"
	case "party or demand":
		return "parties and demands"
	}
	return kind + "s"
}

// FindParty returns the index of the party that query names. It tries, in
// this order, and takes the first way that fits at least one party:
//
//  1. its id;
//  2. its id, name or an alias, as a whole;
//  3. whole words of one of them, in order ("states", "putin");
//  4. the start of one of them ("wash" for Washington);
//  5. the starts of words of one of them, in any order ("vlad put").
//
// Case, accents, spaces, hyphens, underscores and punctuation do not count:
// "United_States", "united-states" and "UNITED STATES" are the same. A
// person who speaks for a party names it too (see ResolveParty). When the
// first way that fits finds more than one party the error is an
// *AmbiguousError listing them; when none fits, a *NotFoundError with the
// closest names of parties and people, by the whole name or by its words.
// Cost O((P+N)·L) for P parties, N people and names of total length L,
// O((P+N)·L²) for the suggestions.
func (m *Model) FindParty(query string) (int, error) {
	r, err := m.ResolveParty(query)
	return r.Party, err
}

// PartyMatch is a party found by ResolveParty.
type PartyMatch struct {
	Party  int    // index into Parties; -1 with an error
	Person string // id of the person the query named; "" when it named the party
	Exact  bool   // the query is a whole id, name or alias, not a part of one
}

// NoPartyError is returned when a query names a person who speaks for no
// party.
type NoPartyError struct{ Person Person }

func (e *NoPartyError) Error() string {
	return fmt.Sprintf("%s (%s) speaks for no party", e.Person.Name, e.Person.ID)
}

// ResolveParty finds the party a query names, by its own id, name or
// aliases or by a person's (id, name, alias), in the ways FindParty lists:
// the way that fits best wins, and where a party and a person fit equally
// well, the party. So "zelenskyy" is Ukraine, through Volodymyr Zelenskyy,
// while "ru" stays Russia even if Marco Rubio speaks for the United States.
// People who fit equally well and all speak for one party name it; people
// of several parties are an *AmbiguousError of kind "person", a person of
// none a *NoPartyError. Cost O((P+N)·L).
func (m *Model) ResolveParty(query string) (PartyMatch, error) {
	return m.resolveParty(query, true)
}

// resolveParty is ResolveParty; suggest says whether a query that names
// nothing gets the closest names (which cost more than the finding).
func (m *Model) resolveParty(query string, suggest bool) (PartyMatch, error) {
	pf, ps := match(query, len(m.parties), m.partyNames)
	xf, xs := match(query, len(m.people), m.personNames)
	switch {
	case pf == noFit && xf == noFit:
		q := Fold(query)
		if q == "" || !suggest {
			return PartyMatch{Party: -1}, &NotFoundError{Kind: "party", Query: query}
		}
		if r := []rune(q); len(r) > maxSuggestRunes {
			q = string(r[:maxSuggestRunes])
		}
		n := len(m.parties) + len(m.people)
		both := func(i int) (string, []string) {
			if i < len(m.parties) {
				return m.partyNames(i)
			}
			return m.personNames(i - len(m.parties))
		}
		return PartyMatch{Party: -1}, &NotFoundError{Kind: "party", Query: query, Candidates: closest(q, queryWords(q), n, both)}
	case pf <= xf:
		if len(ps) > 1 {
			return PartyMatch{Party: -1}, ambiguous("party", query, ps, m.partyNames)
		}
		return PartyMatch{Party: ps[0], Exact: pf <= fitWhole}, nil
	}
	parties := map[string]bool{}
	for _, i := range xs {
		parties[m.people[i].Party] = true
	}
	if len(parties) > 1 || (len(xs) > 1 && parties[""]) {
		return PartyMatch{Party: -1}, ambiguous("person", query, xs, m.personNames)
	}
	x := m.people[xs[0]]
	p, ok := m.partyIdx[x.Party]
	if !ok {
		return PartyMatch{Party: -1}, &NoPartyError{Person: x}
	}
	if len(xs) > 1 {
		return PartyMatch{Party: p, Exact: xf <= fitWhole}, nil // several of its people: the party all the same
	}
	return PartyMatch{Party: p, Person: x.ID, Exact: xf <= fitWhole}, nil
}

// FindPerson returns the index into People of the person query names, by
// id, name or alias, in the ways FindParty lists.
func (m *Model) FindPerson(query string) (int, error) {
	return find("person", query, len(m.people), m.personNames)
}

func ambiguous(kind, query string, set []int, names func(int) (string, []string)) error {
	ids := make([]string, len(set))
	for k, i := range set {
		ids[k], _ = names(i)
	}
	slices.Sort(ids)
	return &AmbiguousError{Kind: kind, Query: query, Matches: ids}
}

// FindDemand is FindParty for demands, named by their id or name.
func (m *Model) FindDemand(query string) (int, error) {
	return find("demand", query, len(m.demands), m.demandNames)
}

// partyNames lists what party i may be called: the id first.
func (m *Model) partyNames(i int) (string, []string) {
	p := m.parties[i]
	return p.ID, append([]string{p.Name}, p.Aliases...)
}

// personNames lists what person i may be called: the id first.
func (m *Model) personNames(i int) (string, []string) {
	x := m.people[i]
	return x.ID, append([]string{x.Name}, x.Aliases...)
}

func (m *Model) demandNames(i int) (string, []string) {
	d := m.demands[i]
	return d.ID, []string{d.Name}
}

// FindParties reads words — the arguments of a command that takes several
// parties — as a list of parties. Each argument is a name or a word of one:
// "united states russia" is read as the United States and Russia when that
// is the only way to read it as names of distinct parties; when there is
// none but each word alone names one, as those (repeats and all: the
// caller may drop them). Otherwise the error is a *ReadingsError (more than
// one reading), or the error of FindParty for the last argument a reading
// reaches that names nothing alone. Cost O(k²) finds for k ≤ 12 words.
func (m *Model) FindParties(words []string) ([]int, error) {
	out, _, err := m.readParties(words)
	return out, err
}

// SplitParties is FindParties that returns the names as it read them: the
// words of each party joined by spaces, in order.
func (m *Model) SplitParties(words []string) ([]string, error) {
	_, names, err := m.readParties(words)
	return names, err
}

func (m *Model) readParties(words []string) ([]int, []string, error) {
	fits := func(q string) int {
		r, err := m.resolveParty(q, false)
		if err != nil {
			return -1
		}
		return r.Party
	}
	return findMany(words, fits, m.FindParty, func(i int) string { return m.parties[i].ID })
}

// FindDemands is FindParties for demands.
func (m *Model) FindDemands(words []string) ([]int, error) {
	fits := func(q string) int {
		if _, ms := match(q, len(m.demands), m.demandNames); len(ms) == 1 {
			return ms[0]
		}
		return -1
	}
	out, _, err := findMany(words, fits, m.FindDemand, func(i int) string { return m.demands[i].ID })
	return out, err
}

// Fold is the form in which names are compared: lower case, accents
// dropped, and every run of characters other than letters and digits
// (spaces, hyphens, underscores, punctuation) one space, none at either
// end. "Côte d’Ivoire" folds to "cote d ivoire", "security-guarantees" to
// "security guarantees".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if r >= utf8.RuneSelf {
			goto slow
		}
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		default:
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
slow:
	b.Reset()
	space = false
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// How well a query fits a name, best first; noFit when it does not.
const (
	fitID = iota
	fitWhole
	fitWords
	fitStart
	fitWordStarts
	noFit
)

// nameFit says how query q (folded, with its words qw) fits name s (folded).
func nameFit(q string, qw []string, s string) int {
	switch {
	case s == "":
		return noFit
	case s == q:
		return fitWhole
	}
	sw := strings.Fields(s)
	if containsRun(sw, qw) {
		return fitWords
	}
	if strings.HasPrefix(s, q) {
		return fitStart
	}
	if startsOfWords(qw, sw, make([]bool, len(sw))) {
		return fitWordStarts
	}
	return noFit
}

// containsRun reports whether words has run as consecutive elements.
func containsRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return true
		}
	}
	return false
}

// startsOfWords reports whether each of qw starts a different one of sw.
// Backtracking, bounded by the few words of a name and a query.
func startsOfWords(qw, sw []string, used []bool) bool {
	if len(qw) == 0 {
		return true
	}
	for j, w := range sw {
		if !used[j] && strings.HasPrefix(w, qw[0]) {
			used[j] = true
			ok := startsOfWords(qw[1:], sw, used)
			used[j] = false
			if ok {
				return true
			}
		}
	}
	return false
}

// maxSuggestRunes bounds the query the suggestions compare with names.
const maxSuggestRunes = 100

// maxQueryWords bounds the words of a query the word fits consider.
const maxQueryWords = 16

func find(kind, query string, n int, names func(int) (string, []string)) (int, error) {
	_, matches := match(query, n, names)
	return found(kind, query, matches, n, names)
}

// found turns the matches of query into an answer: the one match, or the
// error that lists several or suggests others.
func found(kind, query string, matches []int, n int, names func(int) (string, []string)) (int, error) {
	switch {
	case len(matches) == 1:
		return matches[0], nil
	case len(matches) > 1:
		ids := make([]string, len(matches))
		for k, i := range matches {
			ids[k], _ = names(i)
		}
		slices.Sort(ids)
		return -1, &AmbiguousError{Kind: kind, Query: query, Matches: ids}
	}
	q := Fold(query)
	if q == "" {
		return -1, &NotFoundError{Kind: kind, Query: query}
	}
	if r := []rune(q); len(r) > maxSuggestRunes {
		q = string(r[:maxSuggestRunes]) // no name is near it; bound the edit distances
	}
	return -1, &NotFoundError{Kind: kind, Query: query, Candidates: closest(q, queryWords(q), n, names)}
}

func queryWords(q string) []string {
	qw := strings.Fields(q)
	if len(qw) > maxQueryWords {
		qw = qw[:maxQueryWords]
	}
	return qw
}

// match returns the items that query fits in the best way any item fits
// it (one, several, or none) and how well they fit.
func match(query string, n int, names func(int) (string, []string)) (int, []int) {
	q := Fold(query)
	if q == "" {
		return noFit, nil
	}
	qw := queryWords(q)
	best, matches := noFit, []int(nil)
	for i := 0; i < n; i++ {
		id, others := names(i)
		fid := Fold(id)
		f := noFit
		if fid == q {
			f = fitID
		} else {
			f = nameFit(q, qw, fid)
			for _, s := range others {
				if f <= fitWhole || f < best {
					break
				}
				f = min(f, nameFit(q, qw, Fold(s)))
			}
		}
		switch {
		case f < best:
			best, matches = f, append(matches[:0], i)
		case f == best && f != noFit:
			matches = append(matches, i)
		}
	}
	return best, matches
}

// FindAny returns the party or the demand that query names best, as
// FindParty and FindDemand would find them: party or demand is -1. When a
// party and a demand fit equally well, the error is an *AmbiguousError of
// kind "party or demand" listing both; when neither fits, a *NotFoundError
// of that kind with the closest of both.
func (m *Model) FindAny(query string) (party, demand int, err error) {
	pf, ps := match(query, len(m.parties), m.partyNames)
	if xf, xs := match(query, len(m.people), m.personNames); xf < pf {
		// A person names their party.
		pf, ps = xf, nil
		for _, x := range xs {
			if p, ok := m.partyIdx[m.people[x].Party]; ok && !slices.Contains(ps, p) {
				ps = append(ps, p)
			}
		}
	}
	df, ds := match(query, len(m.demands), m.demandNames)
	switch {
	case pf < df:
		r, err := m.ResolveParty(query)
		return r.Party, -1, err
	case df < pf:
		d, err := found("demand", query, ds, len(m.demands), m.demandNames)
		return -1, d, err
	case pf != noFit:
		var ids []string
		for _, p := range ps {
			ids = append(ids, m.parties[p].ID)
		}
		for _, d := range ds {
			ids = append(ids, m.demands[d].ID)
		}
		return -1, -1, &AmbiguousError{Kind: "party or demand", Query: query, Matches: ids}
	}
	q := Fold(query)
	if q == "" {
		return -1, -1, &NotFoundError{Kind: "party or demand", Query: query}
	}
	cands := closest(q, queryWords(q), len(m.parties), m.partyNames)
	cands = append(cands, closest(q, queryWords(q), len(m.demands), m.demandNames)...)
	return -1, -1, &NotFoundError{Kind: "party or demand", Query: query, Candidates: cands}
}

// maxReadWords is the most arguments findMany reads as names of several
// words; beyond it each argument is one name.
const maxReadWords = 12

// findMany reads words as a list of items: fits is the item a query names
// alone (-1 for none or several), find the same with the error that says
// why not, idOf an item's id. It returns the items and the names as read.
func findMany(words []string, fits func(string) int, find func(string) (int, error), idOf func(int) string) ([]int, []string, error) {
	if len(words) > maxReadWords {
		out := make([]int, 0, len(words))
		for _, w := range words {
			i, err := find(w)
			if err != nil {
				return nil, nil, err
			}
			out = append(out, i)
		}
		return out, words, nil
	}
	// span[i][j] is what words[i:j] name: an index, or -1.
	k := len(words)
	span := make([][]int, k)
	for i := range span {
		span[i] = make([]int, k+1)
		for j := i + 1; j <= k; j++ {
			span[i][j] = fits(strings.Join(words[i:j], " "))
		}
	}
	var readings [][]int
	var names []string // of the first reading
	var cur []int
	var ends []int // where each of cur's names ends
	var walk func(i int)
	walk = func(i int) {
		if len(readings) == 2 {
			return
		}
		if i == k {
			readings = append(readings, slices.Clone(cur))
			if names == nil {
				start := 0
				for _, e := range ends {
					names = append(names, strings.Join(words[start:e], " "))
					start = e
				}
			}
			return
		}
		for j := i + 1; j <= k; j++ {
			x := span[i][j]
			if x < 0 || slices.Contains(cur, x) {
				continue
			}
			cur, ends = append(cur, x), append(ends, j)
			walk(j)
			cur, ends = cur[:len(cur)-1], ends[:len(ends)-1]
		}
	}
	walk(0)
	switch len(readings) {
	case 1:
		return readings[0], names, nil
	case 0:
		// Report the last word a reading reaches that names nothing alone.
		reach := make([]bool, k+1)
		reach[0] = true
		for i := 0; i < k; i++ {
			if !reach[i] {
				continue
			}
			for j := i + 1; j <= k; j++ {
				if span[i][j] >= 0 {
					reach[j] = true
				}
			}
		}
		for i := k - 1; i >= 0; i-- {
			if reach[i] && span[i][i+1] < 0 {
				_, err := find(words[i])
				if err == nil {
					err = fmt.Errorf("%q names nothing here", words[i])
				}
				return nil, nil, err
			}
		}
		// Every word names one, but some the same: a list with a repeat.
		out := make([]int, k)
		for i := range out {
			out[i] = span[i][i+1]
		}
		return out, words, nil
	}
	rs := make([][]string, len(readings))
	for r, reading := range readings {
		for _, x := range reading {
			rs[r] = append(rs[r], idOf(x))
		}
	}
	return nil, nil, &ReadingsError{Words: words, Readings: rs}
}

// closest ranks items by how near q is to one of their names — the whole
// name, its start when q looks like a mistyped prefix, or its words, each
// word of q to the nearest word of the name — and returns the ids of the
// nearest few: up to five near ones when there are any (a far one beside
// them is noise), or else the best three.
func closest(q string, qw []string, n int, names func(int) (string, []string)) []string {
	type cand struct {
		id   string
		dist int
	}
	qn := utf8.RuneCountInString(q)
	if qn > MaxSuggestLen {
		return nil // nothing that long was mistyped by hand
	}
	qr := []rune(q)
	near := func(s string) int {
		best := Distance(q, s)
		if strings.Contains(s, q) {
			best = min(best, 1)
		}
		rs := []rune(s)
		for l := max(qn-1, 1); l <= qn+1 && l < len(rs); l++ {
			best = min(best, Distance(string(qr), string(rs[:l]))+1)
		}
		if len(qw) > 0 {
			best = min(best, wordsDistance(qw, strings.Fields(s)))
		}
		return best
	}
	cs := make([]cand, 0, n)
	for i := 0; i < n; i++ {
		id, others := names(i)
		best := near(Fold(id))
		for _, s := range others {
			if f := Fold(s); f != "" {
				best = min(best, near(f))
			}
		}
		cs = append(cs, cand{id, best})
	}
	slices.SortFunc(cs, func(a, b cand) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		return strings.Compare(a.id, b.id)
	})
	limit := max(2, qn/3)
	var out []string
	for k, c := range cs {
		if len(out) == 5 || (c.dist > limit && (len(out) >= 3 || cs[0].dist <= limit)) {
			break
		}
		if k > 0 && c.dist > limit && cs[0].dist <= limit {
			break
		}
		out = append(out, c.id)
	}
	return out
}

// wordsDistance is how far the words qw are from being words of a name:
// for each, the edit distance to the nearest word of sw (or to its start,
// plus one), summed. A word of qw that is nothing like any of sw costs its
// whole length. Cost O(|qw|·|sw|·w²) for words of w runes.
func wordsDistance(qw, sw []string) int {
	if len(sw) == 0 {
		return 1 << 20
	}
	total := 0
	for _, w := range qw {
		wr := []rune(w)
		best := len(wr)
		for _, s := range sw {
			sr := []rune(s)
			d := Distance(w, s)
			if len(sr) > len(wr) {
				d = min(d, Distance(w, string(sr[:len(wr)]))+1)
			}
			best = min(best, d)
		}
		total += best
	}
	return total
}

// Distance is the edit distance between a and b in runes, counting an
// insertion, a deletion, a substitution or a swap of two neighbours as one
// edit (optimal string alignment), so "qoute" is one edit from "quote".
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Three rows: i-2, i-1 and i.
	pp := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], pp[j-2]+1)
			}
		}
		pp, prev, cur = prev, cur, pp
	}
	return prev[len(rb)]
}

// MaxSuggestLen is the longest word, in runes, for which Suggest and
// FindParty's closest names look: a slip of the fingers is looked for in
// what fingers type, and the edit distance costs the product of lengths.
const MaxSuggestLen = 64

// Suggest returns the candidate nearest to word when it is a likely slip
// (edit distance under 3, and less than half the word), or "". Ties go to
// the candidate that sorts first. Words over MaxSuggestLen runes get
// none. Cost O(C·L) for C candidates of L runes: only candidates within
// two of the word's length are compared, each along a band of the edit
// distance's table five cells wide, given up once it passes 2.
func Suggest(word string, candidates []string) string {
	n := utf8.RuneCountInString(word)
	if n > MaxSuggestLen {
		return ""
	}
	best, bestD := "", 3
	wr := []rune(word)
	var cr []rune
	var rows [3][]int
	for _, c := range candidates {
		if m := utf8.RuneCountInString(c); m-n >= bestD || n-m >= bestD {
			continue // the distance is at least the difference in length
		}
		cr = cr[:0]
		for _, r := range c {
			cr = append(cr, r)
		}
		d := distanceWithin(wr, cr, min(bestD, 2), &rows)
		if d < bestD || (d == bestD && best != "" && c < best) {
			if d*2 <= n || d == 1 {
				best, bestD = c, d
			}
		}
	}
	return best
}

// distanceWithin is Distance of a and b when it is at most k, and k+1
// otherwise. It fills only the cells of the table within k of its
// diagonal and stops at the first row with none at most k: O(len·k).
// rows is scratch space, grown as needed.
func distanceWithin(a, b []rune, k int, rows *[3][]int) int {
	n, m := len(a), len(b)
	inf := k + 1
	if n-m > k || m-n > k {
		return inf
	}
	for i := range rows {
		if cap(rows[i]) < m+1 {
			rows[i] = make([]int, m+1)
		}
		rows[i] = rows[i][:m+1]
	}
	pp, prev, cur := rows[0], rows[1], rows[2]
	for j := range prev {
		prev[j], pp[j] = min(j, inf), inf
	}
	for i := 1; i <= n; i++ {
		lo, hi := max(1, i-k), min(m, i+k)
		cur[0] = min(i, inf)
		rowMin := inf
		if lo == 1 {
			rowMin = cur[0]
		} else {
			cur[lo-1] = inf
		}
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, pp[j-2]+1)
			}
			cur[j] = min(v, inf)
			rowMin = min(rowMin, cur[j])
		}
		if hi < m {
			cur[hi+1] = inf
		}
		if rowMin > k {
			return inf
		}
		pp, prev, cur = prev, cur, pp
	}
	return prev[m]
}
