package graph

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
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

func plural(kind string, n int) string {
	if n == 1 {
		return kind
	}
	switch kind {
	case "party":
		return "parties"
	case "person":
		return "people"
	}
	return kind + "s"
}

// FindParty returns the index of the party that query names: its id, name
// or an alias, in any case, or a prefix of one of them that fits only one
// party — or a person who speaks for it (see ResolveParty). Otherwise the
// error is a *NotFoundError or an *AmbiguousError. Cost O((P+N)·L) for P
// parties, N people and names of length L.
func (m *Model) FindParty(query string) (int, error) {
	r, err := m.ResolveParty(query)
	return r.Party, err
}

// PartyMatch is a party found by ResolveParty.
type PartyMatch struct {
	Party  int    // index into Parties; -1 with an error
	Person string // id of the person the query named; "" when it named the party
	Exact  bool   // the query is a whole id, name or alias, not a prefix of one
}

// NoPartyError is returned when a query names a person who speaks for no
// party.
type NoPartyError struct{ Person Person }

func (e *NoPartyError) Error() string {
	return fmt.Sprintf("%s (%s) speaks for no party", e.Person.Name, e.Person.ID)
}

// ResolveParty finds the party a query names, by its own id, name or
// aliases or by a person's (id, name, alias), in any case: a party's exact
// name first, then a person's, then a prefix of a party's names that fits
// one party, then a prefix of people's names whose people all speak for
// one party. So "zelenskyy" is Ukraine, through Volodymyr Zelenskyy, while
// "ru" stays Russia even if Marco Rubio speaks for the United States.
// Cost O((P+N)·L).
func (m *Model) ResolveParty(query string) (PartyMatch, error) {
	partyNames := func(i int) (string, []string) {
		p := m.parties[i]
		return p.ID, append([]string{p.Name}, p.Aliases...)
	}
	personNames := func(i int) (string, []string) {
		x := m.people[i]
		return x.ID, append([]string{x.Name}, x.Aliases...)
	}
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" {
		return PartyMatch{Party: -1}, &NotFoundError{Kind: "party", Query: query}
	}
	pExact, pPrefix := matches(q, len(m.parties), partyNames)
	xExact, xPrefix := matches(q, len(m.people), personNames)
	for level, set := range [][]int{pExact, xExact, pPrefix, xPrefix} {
		if len(set) == 0 {
			continue
		}
		exact := level < 2
		if level%2 == 0 { // parties
			if len(set) == 1 {
				return PartyMatch{Party: set[0], Exact: exact}, nil
			}
			return PartyMatch{Party: -1}, ambiguous("party", query, set, partyNames)
		}
		parties := map[string]bool{}
		for _, i := range set {
			parties[m.people[i].Party] = true
		}
		if len(parties) > 1 || (len(set) > 1 && parties[""]) {
			return PartyMatch{Party: -1}, ambiguous("person", query, set, personNames)
		}
		x := m.people[set[0]]
		p, ok := m.partyIdx[x.Party]
		if !ok {
			return PartyMatch{Party: -1}, &NoPartyError{Person: x}
		}
		if len(set) > 1 {
			return PartyMatch{Party: p, Exact: exact}, nil // several of its people: the party all the same
		}
		return PartyMatch{Party: p, Person: x.ID, Exact: exact}, nil
	}
	n := len(m.parties) + len(m.people)
	both := func(i int) (string, []string) {
		if i < len(m.parties) {
			return partyNames(i)
		}
		return personNames(i - len(m.parties))
	}
	return PartyMatch{Party: -1}, &NotFoundError{Kind: "party", Query: query, Candidates: closest(q, n, both)}
}

// FindPerson returns the index into People of the person query names: id,
// name or alias in any case, or a prefix of one that fits one person.
func (m *Model) FindPerson(query string) (int, error) {
	return find("person", query, len(m.people), func(i int) (string, []string) {
		x := m.people[i]
		return x.ID, append([]string{x.Name}, x.Aliases...)
	})
}

// FindDemand is FindParty for demands (id, name, or a unique prefix).
func (m *Model) FindDemand(query string) (int, error) {
	return find("demand", query, len(m.demands), func(i int) (string, []string) {
		d := m.demands[i]
		return d.ID, []string{d.Name}
	})
}

// matches returns the items one of whose names is q (an id that is q comes
// alone) and those one of whose names starts with q; q is lower case.
func matches(q string, n int, names func(int) (string, []string)) (exact, prefix []int) {
	var ids []int
	for i := 0; i < n; i++ {
		id, others := names(i)
		if id == q {
			ids = append(ids, i) // one, but for people of several parties sharing an id
			continue
		}
		isExact, isPrefix := false, strings.HasPrefix(id, q)
		for _, s := range others {
			s = strings.ToLower(s)
			if s == "" {
				continue
			}
			if s == q {
				isExact = true
			}
			if strings.HasPrefix(s, q) {
				isPrefix = true
			}
		}
		if isExact {
			exact = append(exact, i)
		}
		if isPrefix {
			prefix = append(prefix, i)
		}
	}
	if ids != nil {
		return ids, nil
	}
	return exact, prefix
}

func ambiguous(kind, query string, set []int, names func(int) (string, []string)) error {
	ids := make([]string, len(set))
	for k, i := range set {
		ids[k], _ = names(i)
	}
	slices.Sort(ids)
	return &AmbiguousError{Kind: kind, Query: query, Matches: ids}
}

func find(kind, query string, n int, names func(int) (string, []string)) (int, error) {
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" {
		return -1, &NotFoundError{Kind: kind, Query: query}
	}
	exact, prefix := matches(q, n, names)
	for _, set := range [][]int{exact, prefix} {
		switch len(set) {
		case 0:
			continue
		case 1:
			return set[0], nil
		}
		return -1, ambiguous(kind, query, set, names)
	}
	return -1, &NotFoundError{Kind: kind, Query: query, Candidates: closest(q, n, names)}
}

// closest ranks items by how near q is to one of their names — the whole
// name, or its start when q looks like a mistyped prefix — and returns the
// ids of the nearest few: up to five near ones, or else the best three.
func closest(q string, n int, names func(int) (string, []string)) []string {
	type cand struct {
		id   string
		dist int
	}
	qn := utf8.RuneCountInString(q)
	if qn > MaxSuggestLen {
		return nil // nothing that long was mistyped by hand
	}
	near := func(s string) int {
		s = strings.ToLower(s)
		best := Distance(q, s)
		if strings.Contains(s, q) {
			best = min(best, 1)
		}
		rs := []rune(s)
		for l := max(qn-1, 1); l <= qn+1 && l < len(rs); l++ {
			best = min(best, Distance(q, string(rs[:l]))+1)
		}
		return best
	}
	cs := make([]cand, 0, n)
	for i := 0; i < n; i++ {
		id, others := names(i)
		best := near(id)
		for _, s := range others {
			best = min(best, near(s))
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
	for _, c := range cs {
		if len(out) == 5 || (c.dist > limit && len(out) >= 3) {
			break
		}
		out = append(out, c.id)
	}
	return out
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
