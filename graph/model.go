package graph

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Meta describes a scenario as a whole.
type Meta struct {
	Title       string
	Description string
	Date        Date
}

// Source is where a stance was reported: an article, a transcript, a vote record.
type Source struct {
	ID        string
	Title     string
	Publisher string
	URL       string
	Published Date
	// Text is the source's full text when the scenario gives it, so that
	// quotes can be checked against it; "" when unknown.
	Text string
	// File is where Text was read from, as the scenario names it; "" when
	// the text was given in the scenario itself, or not at all.
	File string
}

// Person is someone whose words a source gives: they speak for a party,
// or for none (a mediator, an observer).
type Person struct {
	ID      string
	Name    string
	Role    string   // "President of Ukraine"; "" if not given
	Party   string   // id of the party they speak for; "" for none
	Aliases []string // other names they go by
}

// Party is a side of the negotiation.
type Party struct {
	ID          string
	Name        string
	Description string
	Aliases     []string
	// People are the persons who speak for the party, in the order they
	// were added. Build fills it from the people added with AddPerson
	// (and keeps those a Party brings itself, its Party set to the party).
	People []Person
}

// Person returns the party's person with the given id.
func (p Party) Person(id string) (Person, bool) {
	for _, x := range p.People {
		if x.ID == id {
			return x, true
		}
	}
	return Person{}, false
}

// Demand is something on the table that parties support, oppose or stay
// neutral on.
type Demand struct {
	ID          string
	Name        string
	Description string
	RaisedBy    string   // id of the party that put it on the table; "" if none
	Tags        []string // as written
	Excludes    []string // ids of demands it cannot be agreed together with, as written
	Date        Date     // when it was put to the parties (a vote's date); zero if unknown
	// Issue is the id of the issue the demand belongs to, shared by demands
	// that are one question asked several ways; "" means the demand is an
	// issue of its own. Pairwise measures count each issue once.
	Issue string
}

// HasTag reports whether the demand carries the tag.
func (d Demand) HasTag(tag string) bool { return slices.Contains(d.Tags, tag) }

// Entry is one statement of a party's position on a demand, with its
// evidence. A stance is a history of one or more entries; the entry with
// Position Unknown ends a stance.
type Entry struct {
	Position Position
	Strength Strength
	// By is the id of the person whose words Quote is — direct or reported
	// speech the source attributes to them; "" when the source names no
	// speaker or the words are its own. The person may speak for another
	// party than the stance's: Zelenskyy's account of a US suggestion is
	// evidence of the US position in Zelenskyy's words.
	By string
	// Evidence says whose words Quote is: Said (a speaker's, By or, without
	// By, the party's unnamed officials) or Reported (the source's own
	// narration). Left at EvidenceDefault, Build sets it to Said when By is
	// set and to Reported otherwise.
	Evidence  Evidence
	About     []string // ids of the people a report concerns; may be empty
	Inferred  bool     // the source gives no position in words: the analyst infers it
	Quote     string   // the source's own words
	Source    string   // source id
	AsOf      Date     // when it was said; zero if undated
	Condition []string // ids of demands the position depends on
	Note      string   // the analyst's remark
}

// Evidence says whose words an entry's quote is.
type Evidence uint8

const (
	// EvidenceDefault is resolved by Build: Said when the entry names a
	// speaker (By), Reported otherwise, so that nobody is credited with
	// words the data does not say they spoke.
	EvidenceDefault Evidence = iota
	// Said: the words are a speaker's own, quoted or in reported speech
	// ("Zelenskyy said that ..."): By's, or without By the party's.
	Said
	// Reported: the words are the source's narration ("Putin demanded
	// that ..."), perhaps about people (About), never credited to them.
	Reported
)

func (v Evidence) String() string {
	switch v {
	case Said:
		return "said"
	case Reported:
		return "reported"
	}
	return ""
}

// ParseEvidence reads the scenario-file words said and reported.
func ParseEvidence(s string) (Evidence, bool) {
	switch s {
	case "said":
		return Said, true
	case "reported":
		return Reported, true
	}
	return EvidenceDefault, false
}

// IsSaid reports whether the entry's words are a speaker's rather than the
// source's narration, applying the default of EvidenceDefault.
func (e *Entry) IsSaid() bool {
	return e.Evidence == Said || (e.Evidence == EvidenceDefault && e.By != "")
}

// EvidenceKind is "said" or "reported" for an entry with a quote or a
// speaker, and "" for a bare position with nothing to attribute.
func (e *Entry) EvidenceKind() string {
	switch {
	case e.IsSaid():
		return Said.String()
	case e.Quote != "":
		return Reported.String()
	}
	return ""
}

// hasEvidence reports whether e carries anything beyond position and strength.
func (e *Entry) hasEvidence() bool {
	return e.By != "" || e.Quote != "" || e.Source != "" || !e.AsOf.IsZero() ||
		len(e.Condition) > 0 || e.Note != "" || e.Evidence != EvidenceDefault || len(e.About) > 0 || e.Inferred
}

// Stance is a party's recorded position on a demand at the model's date.
type Stance struct {
	Party  int // index into Model.Parties
	Demand int // index into Model.Demands
	Entry
}

// Errors returned by Builder.Build, wrapped with the offending ids.
var (
	ErrInvalidID      = errors.New("invalid id")
	ErrDuplicateID    = errors.New("duplicate id")
	ErrUnknownParty   = errors.New("unknown party")
	ErrUnknownDemand  = errors.New("unknown demand")
	ErrUnknownSource  = errors.New("unknown source")
	ErrUnknownPerson  = errors.New("unknown person")
	ErrInvalidPerson  = errors.New("invalid person")
	ErrInvalidStance  = errors.New("invalid stance")
	ErrDuplicateEntry = errors.New("duplicate stance")
)

// ValidID reports whether s is an id: words of letters and digits of any
// script, joined by single hyphens, in lower case ("nato-membership", "g7",
// "1946-12", "россия", "中国", "côte-d-ivoire", "µ"). A letter or digit may
// carry combining marks (the vowel signs of Devanagari, say). Lower case
// means unchanged by Unicode's lower-casing, so scripts without case are
// lower case throughout; and the id must be in Unicode normal form C, so
// that two ids that look the same are the same string. Cost O(len(s)).
func ValidID(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		case c >= utf8.RuneSelf:
			ascii = false
		default:
			return false
		}
	}
	if ascii {
		return true
	}
	if !utf8.ValidString(s) || !norm.NFC.IsNormalString(s) {
		return false
	}
	wordStart := true
	for _, r := range s {
		switch {
		case r == '-':
			if wordStart {
				return false
			}
			wordStart = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if unicode.ToLower(r) != r {
				return false
			}
			wordStart = false
		case unicode.Is(unicode.M, r):
			if wordStart {
				return false // a mark belongs to the letter before it
			}
		default:
			return false
		}
	}
	return !wordStart
}

// Slug turns a name into an id ValidID accepts, or "" when nothing of it is
// usable: the name lower-cased, its letters and digits kept in words joined
// by hyphens, everything else a break between words. Compatibility forms
// are folded ("ﬁ" becomes "fi", "²" "2", a full-width "Ａ" "a"), and
// accents are dropped from Latin letters, so that ids are easy to type:
// "United States" becomes "united-states", "Côte d’Ivoire" "cote-d-ivoire",
// "Россия" "россия", "中华人民共和国" stays as it is, and the marks of
// other scripts, which make their letters what they are, stay.
func Slug(name string) string {
	var b strings.Builder
	dash, latin := false, false
	for _, r := range norm.NFKD.String(name) {
		switch {
		case unicode.Is(unicode.M, r):
			if latin || b.Len() == 0 || dash {
				continue // an accent of a Latin letter, or a mark with no letter
			}
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			latin = unicode.Is(unicode.Latin, r)
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	id := norm.NFC.String(b.String())
	if id == "" || ValidID(id) {
		return id
	}
	// Lower-casing and composing can, for a few letters, give what is not
	// lower case or not composed: keep the letters that are.
	var kept strings.Builder
	for _, w := range strings.Split(id, "-") {
		var word strings.Builder
		for _, r := range w {
			if ValidID(string(r)) || (word.Len() > 0 && unicode.Is(unicode.M, r) && ValidID(word.String()+string(r))) {
				word.WriteRune(r)
			}
		}
		if word.Len() > 0 && ValidID(word.String()) {
			if kept.Len() > 0 {
				kept.WriteByte('-')
			}
			kept.WriteString(word.String())
		}
	}
	return kept.String()
}

// cell is one party's stance on one demand with more to it than a position
// of the default strength: evidence, a dated history, another strength.
// Vote tables have none; their positions live in the bitsets alone.
type cell struct {
	demand int32
	ev     int32 // index into Model.entries of the entry in force; -1 if it has no evidence
	hist   int32 // first entry of a dated history in Model.entries; -1 if none
	hlen   int32
	pos    Position // in force at the model's date; Unknown if none
	str    Strength
}

// Model is a scenario indexed for questions: parties, demands and sources
// sorted by id, and the stances in force at one date. A Model is never
// changed after Build; every method is safe for concurrent use.
//
// A stance that is a bare position of the default strength — every vote of
// a vote table — is stored as three bits of the party's position bitsets
// and nothing else; only stances with evidence, a history or another
// strength have a cell. At a million votes that is the difference between
// a few megabytes and a few hundred.
type Model struct {
	meta    Meta
	sources []Source
	parties []Party
	demands []Demand
	people  []Person

	sourceIdx map[string]int
	partyIdx  map[string]int
	demandIdx map[string]int
	personIdx map[string]int

	cells    []cell  // the stances with more than a bare position, sorted by party, then demand
	partyOff []int32 // cells of party p are cells[partyOff[p]:partyOff[p+1]]
	entries  []Entry // evidence of single entries and every entry of histories
	dated    bool    // some entry has a date, so At can change the stances
	asOf     Date

	words    int     // ⌈D/64⌉
	bare     rows    // the bare positions, undated, so in force at every date
	pos      rows    // every position in force: bare and the cells' at the model's date
	excludes [][]int // symmetric, sorted, by demand index

	lazy *lazyGraphs
}

// Meta returns the scenario's title, description and date.
func (m *Model) Meta() Meta { return m.meta }

// AsOf is the date the model's stances are resolved at; zero for "latest".
func (m *Model) AsOf() Date { return m.asOf }

// Parties returns the parties sorted by id. The slice is shared: do not modify it.
func (m *Model) Parties() []Party { return m.parties }

// Demands returns the demands sorted by id. The slice is shared: do not modify it.
func (m *Model) Demands() []Demand { return m.demands }

// Sources returns the sources sorted by id. The slice is shared: do not modify it.
func (m *Model) Sources() []Source { return m.sources }

// People returns everyone whose words the scenario gives, sorted by id.
// The slice is shared: do not modify it.
func (m *Model) People() []Person { return m.people }

// Person returns the person with the given id; false also when the id is
// that of people of several parties (see PersonOf).
func (m *Model) Person(id string) (Person, bool) {
	i, ok := m.personIdx[id]
	if !ok {
		return Person{}, false
	}
	return m.people[i], true
}

// PartyIndex returns the index of the party with the given id.
func (m *Model) PartyIndex(id string) (int, bool) {
	i, ok := m.partyIdx[id]
	return i, ok
}

// DemandIndex returns the index of the demand with the given id.
func (m *Model) DemandIndex(id string) (int, bool) {
	i, ok := m.demandIdx[id]
	return i, ok
}

// Source returns the source with the given id.
func (m *Model) Source(id string) (Source, bool) {
	i, ok := m.sourceIdx[id]
	if !ok {
		return Source{}, false
	}
	return m.sources[i], true
}

// PersonName returns the name of the person the stances of party p call
// id (see PersonOf), or the id itself when there is no such person.
func (m *Model) PersonName(p int, id string) string {
	if x, ok := m.PersonOf(p, id); ok && x.Name != "" {
		return x.Name
	}
	return id
}

// Dated reports whether any stance carries a date, so that At can give a
// different answer than the latest.
func (m *Model) Dated() bool { return m.dated }

func (m *Model) partyCells(p int) []cell { return m.cells[m.partyOff[p]:m.partyOff[p+1]] }

// cell returns party p's cell on demand d, or nil when the stance, if any,
// is a bare position. Cost O(log C) for C cells of the party.
func (m *Model) cell(p, d int) *cell {
	cs := m.partyCells(p)
	i, ok := slices.BinarySearchFunc(cs, int32(d), func(c cell, d int32) int { return cmp.Compare(c.demand, d) })
	if !ok {
		return nil
	}
	return &cs[i]
}

func (m *Model) stance(p int, c *cell) Stance {
	s := Stance{Party: p, Demand: int(c.demand)}
	if c.ev >= 0 {
		s.Entry = m.entries[c.ev]
	}
	s.Position, s.Strength = c.pos, c.str
	return s
}

// bareStance is the stance of a bare position.
func bareStance(p, d int, pos Position) Stance {
	return Stance{Party: p, Demand: d, Entry: Entry{Position: pos, Strength: DefaultStrength}}
}

// Stance returns party p's stance on demand d; false if it is unknown.
// Cost O(log D).
func (m *Model) Stance(p, d int) (Stance, bool) {
	if c := m.cell(p, d); c != nil {
		if c.pos == Unknown {
			return Stance{}, false
		}
		return m.stance(p, c), true
	}
	if pos := m.bare.position(p, d); pos != Unknown {
		return bareStance(p, d, pos), true
	}
	return Stance{}, false
}

// Position returns party p's position on demand d from the bitsets. Cost
// O(1) for a party with stances all over the demands, O(log D) at worst.
func (m *Model) Position(p, d int) Position { return m.pos.position(p, d) }

// eachStance calls fn for every stance of party p ever recorded, in demand
// order: with its cell, or with a nil cell and the position of a bare one.
func (m *Model) eachStance(p int, fn func(d int, c *cell, pos Position)) {
	cs := m.partyCells(p)
	i := 0
	m.bare.each(p, func(d int, pos Position) {
		for ; i < len(cs) && int(cs[i].demand) < d; i++ {
			fn(int(cs[i].demand), &cs[i], cs[i].pos)
		}
		fn(d, nil, pos)
	})
	for ; i < len(cs); i++ {
		fn(int(cs[i].demand), &cs[i], cs[i].pos)
	}
}

// PartyStances returns the known stances of party p, sorted by demand id.
func (m *Model) PartyStances(p int) []Stance {
	out := make([]Stance, 0, m.pos.count(p))
	m.eachStance(p, func(d int, c *cell, pos Position) {
		switch {
		case c == nil:
			out = append(out, bareStance(p, d, pos))
		case pos != Unknown:
			out = append(out, m.stance(p, c))
		}
	})
	return out
}

// DemandStances returns the known stances on demand d, sorted by party id.
// Cost O(P log D).
func (m *Model) DemandStances(d int) []Stance {
	var out []Stance
	for p := range m.parties {
		if s, ok := m.Stance(p, d); ok {
			out = append(out, s)
		}
	}
	return out
}

// Who returns the parties (by index, so sorted by id) whose position on
// demand d is pos. Cost O(P).
func (m *Model) Who(d int, pos Position) []int {
	var out []int
	for p := range m.parties {
		if m.Position(p, d) == pos {
			out = append(out, p)
		}
	}
	return out
}

// History returns every entry recorded for party p on demand d, oldest
// first, whatever the model's date; nil if there is none.
func (m *Model) History(p, d int) []Entry {
	if c := m.cell(p, d); c != nil {
		switch {
		case c.hist >= 0:
			return slices.Clone(m.entries[c.hist : c.hist+c.hlen])
		case c.ev >= 0:
			return []Entry{m.entries[c.ev]}
		}
		return []Entry{{Position: c.pos, Strength: c.str}}
	}
	if pos := m.bare.position(p, d); pos != Unknown {
		return []Entry{{Position: pos, Strength: DefaultStrength}}
	}
	return nil
}

// Excludes returns the demands that cannot be agreed together with demand
// d, in either direction of the files' excludes, sorted by id.
func (m *Model) Excludes(d int) []int { return m.excludes[d] }

// StanceCount returns how many stances party p has in force. Cost O(D/64)
// at most, O(the blocks of demands it has stances in).
func (m *Model) StanceCount(p int) int { return m.pos.count(p) }

// Counts returns how many stances are in force, by position.
func (m *Model) Counts() (support, oppose, neutral int) {
	return m.countSlots(0, len(m.pos.blk))
}

// PartyCounts counts party p's stances in force by position, as
// PartyStances lists them. Cost O(D/64).
func (m *Model) PartyCounts(p int) (support, oppose, neutral int) {
	return m.countSlots(m.pos.slots(p))
}

// countSlots counts the stances in force in slots lo to hi-1, by position.
func (m *Model) countSlots(lo, hi int) (support, oppose, neutral int) {
	for s := lo; s < hi; s++ {
		sup, opp, neu := m.pos.words(s)
		for w := range blockWords {
			support += popcount(sup[w])
			oppose += popcount(opp[w])
			neutral += popcount(neu[w])
		}
	}
	return
}

// At returns the model as it stood at date at: each stance is the latest
// entry on or before at (see Date.In); an entry saying "unknown", or no entry
// yet, leaves no stance. The zero date means the latest of every history.
// Cost O(S) for S stances; the model is returned as is when nothing is dated.
func (m *Model) At(at Date) *Model {
	if !m.dated || at == m.asOf {
		return m
	}
	n := *m
	n.asOf = at
	n.cells = slices.Clone(m.cells)
	for i := range n.cells {
		n.resolve(&n.cells[i])
	}
	n.index()
	return &n
}

// resolve sets the position, strength and evidence of c at m.asOf.
func (m *Model) resolve(c *cell) {
	if c.hist < 0 {
		if c.ev < 0 {
			return // undated, so in force at every date
		}
		e := &m.entries[c.ev]
		if e.AsOf.In(m.asOf) {
			c.pos, c.str = e.Position, e.Strength
		} else {
			c.pos, c.str = Unknown, 0
		}
		return
	}
	c.pos, c.str, c.ev = Unknown, 0, -1
	for i := c.hist; i < c.hist+c.hlen; i++ {
		if !m.entries[i].AsOf.In(m.asOf) {
			break
		}
		c.pos, c.str, c.ev = m.entries[i].Position, m.entries[i].Strength, i
	}
}

// index builds the positions in force, m.pos, from the bare positions and
// the cells, and resets the lazily built graphs.
func (m *Model) index() {
	m.words = (len(m.demands) + 63) / 64
	if len(m.cells) == 0 {
		m.pos = m.bare
	} else {
		rb := newRowBuilder(len(m.parties), len(m.demands))
		for p := range m.parties {
			lo, hi := m.bare.slots(p)
			for s := lo; s < hi; s++ {
				rb.copySlot(&m.bare, s)
			}
			for _, c := range m.partyCells(p) {
				rb.set(int(c.demand), c.pos)
			}
			rb.endParty()
		}
		m.pos = rb.done()
	}
	m.lazy = &lazyGraphs{}
}

// Builder collects a scenario and builds its Model. Ids refer to each other
// by string, so parties, demands, sources and stances may come in any order.
type Builder struct {
	meta    Meta
	sources []Source
	parties []Party
	demands []Demand
	people  []Person
	bare    [][]*bareBlock // bare positions, by party handle, then block of demand handles
	dups    [][2]int32     // (party, demand) handles of bare positions given twice
	raw     []rawStance
	extras  []rawExtra
	entries []Entry
	pIdx    map[string]int
	dIdx    map[string]int
	errs    []error
}

// bareBlock is one block of a party's bare positions, as a rows slot.
type bareBlock [slotWords]uint64

// rawStance is a stance with more than a bare position, as added. Evidence
// and histories sit apart in Builder.extras.
type rawStance struct {
	p, d int32
	x    int32 // index into Builder.extras; -1 for a position alone
	pos  Position
	str  Strength
}

// rawExtra locates a stance's entries in Builder.entries.
type rawExtra struct {
	ev         int32 // single entry with evidence; -1 if none
	hist, hlen int32 // a dated history; hist -1 if none
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{pIdx: map[string]int{}, dIdx: map[string]int{}}
}

// SetMeta sets the scenario's title, description and date.
func (b *Builder) SetMeta(m Meta) { b.meta = m }

// AddSource adds a source.
func (b *Builder) AddSource(s Source) { b.sources = append(b.sources, s) }

// AddPerson adds a person. Their party, if any, may be added later.
func (b *Builder) AddPerson(p Person) { b.people = append(b.people, p) }

// AddParty adds a party and returns its handle for SetPosition.
func (b *Builder) AddParty(p Party) int {
	if _, dup := b.pIdx[p.ID]; dup {
		b.errs = append(b.errs, fmt.Errorf("%w: party %q", ErrDuplicateID, p.ID))
	} else {
		b.pIdx[p.ID] = len(b.parties)
	}
	b.parties = append(b.parties, p)
	return len(b.parties) - 1
}

// AddDemand adds a demand and returns its handle for SetPosition.
func (b *Builder) AddDemand(d Demand) int {
	if _, dup := b.dIdx[d.ID]; dup {
		b.errs = append(b.errs, fmt.Errorf("%w: demand %q", ErrDuplicateID, d.ID))
	} else {
		b.dIdx[d.ID] = len(b.demands)
	}
	b.demands = append(b.demands, d)
	return len(b.demands) - 1
}

// AddStance records party's stance on demand as a history of one or more
// entries, oldest first. Parties and demands may be added later.
func (b *Builder) AddStance(party, demand string, history ...Entry) {
	p, okP := b.pIdx[party]
	d, okD := b.dIdx[demand]
	if !okP {
		b.errs = append(b.errs, fmt.Errorf("%w %q in a stance on %q", ErrUnknownParty, party, demand))
	}
	if !okD {
		b.errs = append(b.errs, fmt.Errorf("%w %q in a stance of %q", ErrUnknownDemand, demand, party))
	}
	if !okP || !okD {
		return
	}
	b.AddHistory(p, d, history...)
}

// AddHistory is AddStance by the handles AddParty and AddDemand returned.
func (b *Builder) AddHistory(p, d int, history ...Entry) {
	switch {
	case len(history) == 0:
		return
	case len(history) == 1 && !history[0].hasEvidence():
		b.SetPosition(p, d, history[0].Position, history[0].Strength)
		return
	case len(history) == 1:
		b.raw = append(b.raw, rawStance{p: int32(p), d: int32(d), x: int32(len(b.extras)),
			pos: history[0].Position, str: history[0].Strength})
		b.extras = append(b.extras, rawExtra{ev: int32(len(b.entries)), hist: -1})
		b.entries = append(b.entries, history[0])
		return
	}
	b.raw = append(b.raw, rawStance{p: int32(p), d: int32(d), x: int32(len(b.extras))})
	b.extras = append(b.extras, rawExtra{ev: -1, hist: int32(len(b.entries)), hlen: int32(len(history))})
	b.entries = append(b.entries, history...)
}

// SetPosition records a stance without evidence: the fast path for vote
// tables. p and d are handles from AddParty and AddDemand; the demand may
// be added after its stances. A position of the default strength costs
// three bits.
func (b *Builder) SetPosition(p, d int, pos Position, s Strength) {
	if s != DefaultStrength || pos < Support || pos > Neutral || p < 0 || d < 0 {
		b.raw = append(b.raw, rawStance{p: int32(p), d: int32(d), x: -1, pos: pos, str: s})
		return
	}
	for len(b.bare) <= p {
		b.bare = append(b.bare, nil)
	}
	blk := d / blockBits
	if blk >= len(b.bare[p]) {
		b.bare[p] = append(b.bare[p], make([]*bareBlock, blk+1-len(b.bare[p]))...)
	}
	bb := b.bare[p][blk]
	if bb == nil {
		bb = new(bareBlock)
		b.bare[p][blk] = bb
	}
	w, bit := (d/64)%blockWords, uint64(1)<<(d%64)
	if (bb[w]|bb[w+blockWords]|bb[w+2*blockWords])&bit != 0 {
		b.dups = append(b.dups, [2]int32{int32(p), int32(d)})
		return
	}
	bb[w+int(pos-Support)*blockWords] |= bit
}

// HasStance reports whether a stance of party p on demand d was added as a
// bare position (SetPosition with the default strength).
func (b *Builder) HasStance(p, d int) bool {
	if p >= len(b.bare) || d/blockBits >= len(b.bare[p]) {
		return false
	}
	bb := b.bare[p][d/blockBits]
	if bb == nil {
		return false
	}
	w, bit := (d/64)%blockWords, uint64(1)<<(d%64)
	return (bb[w]|bb[w+blockWords]|bb[w+2*blockWords])&bit != 0
}

// Build checks every reference and returns the model at its latest date.
// All problems are returned together, joined. Cost O(S + P log P + D log D).
func (b *Builder) Build() (*Model, error) {
	errs := slices.Clone(b.errs)
	bad := func(err error, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w "+format, append([]any{err}, args...)...))
	}
	m := &Model{meta: b.meta}

	m.sources = slices.Clone(b.sources)
	slices.SortStableFunc(m.sources, func(a, b Source) int { return strings.Compare(a.ID, b.ID) })
	m.sourceIdx = make(map[string]int, len(m.sources))
	for i, s := range m.sources {
		if !ValidID(s.ID) {
			bad(ErrInvalidID, "source %q", s.ID)
		}
		if _, dup := m.sourceIdx[s.ID]; dup {
			bad(ErrDuplicateID, "source %q", s.ID)
		}
		m.sourceIdx[s.ID] = i
	}

	pperm := sortedPerm(len(b.parties), func(i int) string { return b.parties[i].ID })
	dperm := sortedPerm(len(b.demands), func(i int) string { return b.demands[i].ID })
	m.parties = make([]Party, len(b.parties))
	m.partyIdx = make(map[string]int, len(b.parties))
	byRank := make([]int, len(b.parties)) // party handle of each sorted position
	for old, neu := range pperm {
		p := b.parties[old]
		m.parties[neu] = p
		m.partyIdx[p.ID] = neu
		byRank[neu] = old
		if !ValidID(p.ID) {
			bad(ErrInvalidID, "party %q", p.ID)
		}
	}
	m.demands = make([]Demand, len(b.demands))
	m.demandIdx = make(map[string]int, len(b.demands))
	for old, neu := range dperm {
		d := b.demands[old]
		m.demands[neu] = d
		m.demandIdx[d.ID] = neu
		if !ValidID(d.ID) {
			bad(ErrInvalidID, "demand %q", d.ID)
		}
		if d.Issue != "" && !ValidID(d.Issue) {
			bad(ErrInvalidID, "issue %q of demand %q", d.Issue, d.ID)
		}
	}
	errs = append(errs, m.addPeople(b)...)

	m.excludes = make([][]int, len(m.demands))
	for i, d := range m.demands {
		if d.RaisedBy != "" {
			if _, ok := m.partyIdx[d.RaisedBy]; !ok {
				bad(ErrUnknownParty, "%q raised demand %q", d.RaisedBy, d.ID)
			}
		}
		for _, x := range d.Excludes {
			j, ok := m.demandIdx[x]
			switch {
			case !ok:
				bad(ErrUnknownDemand, "%q excluded by demand %q", x, d.ID)
			case j == i:
				bad(ErrInvalidStance, "demand %q excludes itself", d.ID)
			default:
				m.excludes[i] = append(m.excludes[i], j)
				m.excludes[j] = append(m.excludes[j], i)
			}
		}
	}
	for i := range m.excludes {
		slices.Sort(m.excludes[i])
		m.excludes[i] = slices.Compact(m.excludes[i])
	}

	// The bare positions, renumbered to the sorted order, block by block.
	rb := newRowBuilder(len(m.parties), len(m.demands))
	for _, old := range byRank {
		if old < len(b.bare) {
			for blk, bb := range b.bare[old] {
				if bb == nil {
					continue
				}
				for w := range blockWords {
					for k, pos := range Positions {
						for x := bb[w+k*blockWords]; x != 0; x &= x - 1 {
							rb.set(dperm[blk*blockBits+w*64+trailingZeros(x)], pos)
						}
					}
				}
			}
		}
		rb.endParty()
	}
	m.bare = rb.done()
	type at struct{ p, d int }
	var dups []at
	for _, x := range b.dups {
		dups = append(dups, at{pperm[x[0]], dperm[x[1]]})
	}

	m.entries = slices.Clone(b.entries)
	for i := range m.entries {
		e := &m.entries[i]
		if !e.AsOf.IsZero() {
			m.dated = true
		}
		if e.Evidence == EvidenceDefault {
			e.Evidence = Reported
			if e.By != "" {
				e.Evidence = Said
			}
		}
	}
	// Two counting sorts, by demand and then (stably) by party, order the
	// cells in O(C + P + D).
	byDemand := make([]int32, len(m.demands)+1)
	for _, r := range b.raw {
		byDemand[dperm[r.d]+1]++
	}
	for d := 1; d < len(byDemand); d++ {
		byDemand[d] += byDemand[d-1]
	}
	tmp := make([]rawStance, len(b.raw))
	for _, r := range b.raw {
		d := dperm[r.d]
		tmp[byDemand[d]] = r
		byDemand[d]++
	}
	m.partyOff = make([]int32, len(m.parties)+1)
	for _, r := range tmp {
		m.partyOff[pperm[r.p]+1]++
	}
	for p := 1; p < len(m.partyOff); p++ {
		m.partyOff[p] += m.partyOff[p-1]
	}
	m.cells = make([]cell, len(tmp))
	next := slices.Clone(m.partyOff[:len(m.parties)])
	for _, r := range tmp {
		p := pperm[r.p]
		c := cell{demand: int32(dperm[r.d]), ev: -1, hist: -1, pos: r.pos, str: r.str}
		if r.x >= 0 {
			x := b.extras[r.x]
			c.ev, c.hist, c.hlen = x.ev, x.hist, x.hlen
		}
		m.cells[next[p]] = c
		next[p]++
	}
	kept := m.cells[:0]
	for p := range m.parties {
		cs := m.cells[m.partyOff[p]:m.partyOff[p+1]]
		m.partyOff[p] = int32(len(kept))
		for i, c := range cs {
			if i > 0 && cs[i-1].demand == c.demand {
				dups = append(dups, at{p, int(c.demand)})
				continue
			}
			if m.bare.position(p, int(c.demand)) != Unknown {
				// The cell, which says more, is kept.
				dups = append(dups, at{p, int(c.demand)})
				m.bare.clear(p, int(c.demand))
			}
			kept = append(kept, c)
		}
	}
	m.partyOff[len(m.parties)] = int32(len(kept))
	m.cells = slices.Clip(kept)
	slices.SortStableFunc(dups, func(x, y at) int { return cmp.Or(cmp.Compare(x.p, y.p), cmp.Compare(x.d, y.d)) })
	for _, x := range dups {
		bad(ErrDuplicateEntry, "of party %q on demand %q", m.parties[x.p].ID, m.demands[x.d].ID)
	}
	for p := range m.parties {
		for _, c := range m.partyCells(p) {
			errs = append(errs, m.checkCell(p, c)...)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for i := range m.cells {
		m.resolve(&m.cells[i])
	}
	m.index()
	return m, nil
}

// checkCell checks the references and dates of one stance.
func (m *Model) checkCell(p int, c cell) []error {
	if c.ev < 0 && c.hist < 0 && c.pos != Unknown && c.str >= Soft && c.str <= RedLine {
		return nil // the fast path: a bare position, nothing to refer to
	}
	var errs []error
	party, demand := m.parties[p].ID, m.demands[c.demand].ID
	// Formatted only for an error: Build checks close to a million cells
	// of a vote table, nearly all of them fine.
	where := func() string { return fmt.Sprintf("in the stance of %q on %q", party, demand) }
	var es []Entry
	switch {
	case c.hist >= 0:
		es = m.entries[c.hist : c.hist+c.hlen]
	case c.ev >= 0:
		es = m.entries[c.ev : c.ev+1]
	default:
		es = []Entry{{Position: c.pos, Strength: c.str}}
	}
	for i, e := range es {
		if e.Position == Unknown && len(es) == 1 {
			errs = append(errs, fmt.Errorf("%w %s: a single entry cannot be unknown", ErrInvalidStance, where()))
		}
		if e.Position != Unknown && (e.Strength < Soft || e.Strength > RedLine) {
			errs = append(errs, fmt.Errorf("%w %s: strength %d", ErrInvalidStance, where(), e.Strength))
		}
		if e.By != "" {
			if _, ok := m.PersonOf(p, e.By); !ok {
				errs = append(errs, fmt.Errorf("%w %q %s", ErrUnknownPerson, e.By, where()))
			}
			if e.Evidence == Reported {
				errs = append(errs, fmt.Errorf("%w %s: entry %d is the source's narration (reported) yet credits %q with the words",
					ErrInvalidStance, where(), i+1, e.By))
			}
		}
		if e.Evidence > Reported {
			errs = append(errs, fmt.Errorf("%w %s: evidence %d", ErrInvalidStance, where(), e.Evidence))
		}
		for _, x := range e.About {
			if _, ok := m.PersonOf(p, x); !ok {
				errs = append(errs, fmt.Errorf("%w %q in about %s", ErrUnknownPerson, x, where()))
			}
		}
		if e.Source != "" {
			if _, ok := m.sourceIdx[e.Source]; !ok {
				errs = append(errs, fmt.Errorf("%w %q %s", ErrUnknownSource, e.Source, where()))
			}
		}
		for _, x := range e.Condition {
			if _, ok := m.demandIdx[x]; !ok {
				errs = append(errs, fmt.Errorf("%w %q in a condition %s", ErrUnknownDemand, x, where()))
			}
		}
		if len(es) > 1 {
			if e.AsOf.IsZero() {
				errs = append(errs, fmt.Errorf("%w %s: entry %d of a history has no date", ErrInvalidStance, where(), i+1))
			} else if i > 0 && !es[i-1].AsOf.Before(e.AsOf) {
				errs = append(errs, fmt.Errorf("%w %s: entry %d is not dated after the one before it", ErrInvalidStance, where(), i+1))
			}
		}
	}
	return errs
}

// addPeople gathers the people added with AddPerson and those the parties
// bring, sorts them by id, checks them, and gives each party its people in
// the order they were added. People a party brings are its own, as files
// listed them before people had a section of their own: two parties may
// each bring a person of the same id (a "spokesperson" each), who are then
// known by that id only in their own party's stances.
func (m *Model) addPeople(b *Builder) []error {
	var errs []error
	all := slices.Clone(b.people)
	top := make(map[string]bool, len(b.people))
	for _, x := range b.people {
		if top[x.ID] {
			errs = append(errs, fmt.Errorf("%w person %q", ErrDuplicateID, x.ID))
		}
		top[x.ID] = true
	}
	for _, p := range b.parties {
		seen := map[string]bool{}
		for _, x := range p.People {
			switch {
			case x.Party == "":
				x.Party = p.ID
			case x.Party != p.ID:
				errs = append(errs, fmt.Errorf("%w %q: listed under party %q but speaks for %q", ErrInvalidPerson, x.ID, p.ID, x.Party))
			}
			if top[x.ID] || seen[x.ID] {
				errs = append(errs, fmt.Errorf("%w person %q", ErrDuplicateID, x.ID))
			}
			seen[x.ID] = true
			all = append(all, x)
		}
	}
	for i := range m.parties {
		m.parties[i].People = nil
	}
	count := make(map[string]int, len(all))
	for _, x := range all {
		count[x.ID]++
	}
	// A party's people with ids of their own come first, then those whose
	// ids people of other parties share, each in the order added: an order
	// that survives being written out, where only the latter stay under
	// their party.
	for _, shared := range []bool{false, true} {
		for _, x := range all {
			if (count[x.ID] > 1) != shared {
				continue
			}
			if !ValidID(x.ID) {
				errs = append(errs, fmt.Errorf("%w person %q", ErrInvalidID, x.ID))
			}
			if x.Party == "" {
				continue
			}
			i, ok := m.partyIdx[x.Party]
			if !ok {
				errs = append(errs, fmt.Errorf("%w %q of person %q", ErrUnknownParty, x.Party, x.ID))
				continue
			}
			m.parties[i].People = append(m.parties[i].People, x)
		}
	}
	m.people = all
	slices.SortStableFunc(m.people, func(a, b Person) int {
		return cmp.Or(strings.Compare(a.ID, b.ID), strings.Compare(a.Party, b.Party))
	})
	m.personIdx = make(map[string]int, len(m.people))
	for i, x := range m.people {
		if i > 0 && m.people[i-1].ID == x.ID {
			delete(m.personIdx, x.ID) // the id of people of several parties: known only within each
			continue
		}
		m.personIdx[x.ID] = i
	}
	return errs
}

// PersonOf returns the person with the given id as the stances of party p
// name them: one of p's own people, or else the one person of that id.
func (m *Model) PersonOf(p int, id string) (Person, bool) {
	if p >= 0 && p < len(m.parties) {
		if x, ok := m.parties[p].Person(id); ok {
			return x, true
		}
	}
	return m.Person(id)
}

// sortedPerm returns, for each of n items, its rank when sorted by key.
func sortedPerm(n int, key func(int) string) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return key(idx[a]) < key(idx[b]) })
	perm := make([]int, n)
	for rank, i := range idx {
		perm[i] = rank
	}
	return perm
}

// lazyGraphs holds the dominikbraun graphs of a model, built on first use.
type lazyGraphs struct {
	once sync.Once
	g    *structure

	issuesOnce sync.Once
	issues     *issueIndex
}

// Recorded calls fn for every stance ever recorded — the whole history of
// each, whatever the model's date — by party, then demand. Cost O(S).
func (m *Model) Recorded(fn func(p, d int, history []Entry)) {
	for p := range m.parties {
		m.eachStance(p, func(d int, c *cell, pos Position) {
			switch {
			case c == nil:
				fn(p, d, []Entry{{Position: pos, Strength: DefaultStrength}})
			case c.hist >= 0:
				fn(p, d, m.entries[c.hist:c.hist+c.hlen])
			case c.ev >= 0:
				fn(p, d, m.entries[c.ev:c.ev+1])
			default:
				fn(p, d, []Entry{{Position: c.pos, Strength: c.str}})
			}
		})
	}
}

// Select returns the model cut down to the parties and demands kept (a nil
// function keeps all): the stances among them with their histories, and
// excludes between kept demands. Ids still sort the same way. Cost O(S).
func (m *Model) Select(keepParty, keepDemand func(i int) bool) *Model {
	n := *m
	n.parties, n.partyIdx = nil, map[string]int{}
	n.demands, n.demandIdx = nil, map[string]int{}
	dmap := make([]int32, len(m.demands))
	for d, dm := range m.demands {
		dmap[d] = -1
		if keepDemand == nil || keepDemand(d) {
			dmap[d] = int32(len(n.demands))
			n.demandIdx[dm.ID] = len(n.demands)
			n.demands = append(n.demands, dm)
		}
	}
	var kept []int
	for p, party := range m.parties {
		if keepParty != nil && !keepParty(p) {
			continue
		}
		n.partyIdx[party.ID] = len(n.parties)
		n.parties = append(n.parties, party)
		kept = append(kept, p)
	}
	rb := newRowBuilder(len(n.parties), len(n.demands))
	n.cells = nil
	n.partyOff = []int32{0}
	for _, p := range kept {
		if keepDemand == nil {
			lo, hi := m.bare.slots(p)
			for s := lo; s < hi; s++ {
				rb.copySlot(&m.bare, s)
			}
		} else {
			m.bare.each(p, func(d int, pos Position) {
				if dmap[d] >= 0 {
					rb.set(int(dmap[d]), pos)
				}
			})
		}
		rb.endParty()
		for _, c := range m.partyCells(p) {
			if dmap[c.demand] >= 0 {
				c.demand = dmap[c.demand]
				n.cells = append(n.cells, c)
			}
		}
		n.partyOff = append(n.partyOff, int32(len(n.cells)))
	}
	n.bare = rb.done()
	n.excludes = make([][]int, len(n.demands))
	for d := range m.demands {
		if dmap[d] < 0 {
			continue
		}
		for _, x := range m.excludes[d] {
			if dmap[x] >= 0 {
				n.excludes[dmap[d]] = append(n.excludes[dmap[d]], int(dmap[x]))
			}
		}
	}
	n.index()
	return &n
}

// WithoutSilent returns the model without the parties and demands that
// have no stance in force, and the ids of those it left out, sorted. A
// filter that narrows a scenario leaves such parties and demands behind
// (states that had left the UN before the years kept), and every analysis
// would list them as blocs of one or demands nobody addressed. The model
// is returned as is when there are none. Cost O(S).
func (m *Model) WithoutSilent() (*Model, []string, []string) {
	hasParty := make([]bool, len(m.parties))
	hasDemand := make([]bool, len(m.demands))
	for p := range m.parties {
		lo, hi := m.pos.slots(p)
		for s := lo; s < hi; s++ {
			sup, opp, neu := m.pos.words(s)
			base := int(m.pos.blk[s]) * blockBits
			for w := range blockWords {
				for x := sup[w] | opp[w] | neu[w]; x != 0; x &= x - 1 {
					hasParty[p] = true
					hasDemand[base+w*64+trailingZeros(x)] = true
				}
			}
		}
	}
	var parties, demands []string
	for p, ok := range hasParty {
		if !ok {
			parties = append(parties, m.parties[p].ID)
		}
	}
	for d, ok := range hasDemand {
		if !ok {
			demands = append(demands, m.demands[d].ID)
		}
	}
	if len(parties)+len(demands) == 0 {
		return m, nil, nil
	}
	return m.Select(func(p int) bool { return hasParty[p] }, func(d int) bool { return hasDemand[d] }), parties, demands
}

// WithMeta returns the model with another title, description and date.
func (m *Model) WithMeta(meta Meta) *Model {
	n := *m
	n.meta = meta
	return &n
}

// Tally counts stances by position.
type Tally struct{ Support, Oppose, Neutral int }

// PartyTally returns party p's stances in force by position, and how many
// of them are red lines. Cost O(D/64) at most.
func (m *Model) PartyTally(p int) (t Tally, redLines int) {
	lo, hi := m.pos.slots(p)
	for s := lo; s < hi; s++ {
		sup, opp, neu := m.pos.words(s)
		for w := range blockWords {
			t.Support += popcount(sup[w])
			t.Oppose += popcount(opp[w])
			t.Neutral += popcount(neu[w])
		}
	}
	for _, c := range m.partyCells(p) { // a bare position is never a red line
		if c.pos != Unknown && c.str == RedLine {
			redLines++
		}
	}
	return t, redLines
}

// DemandTallies returns the stances in force on each demand by position.
// Cost O(S).
func (m *Model) DemandTallies() []Tally {
	out := make([]Tally, len(m.demands))
	for p := range m.parties {
		m.pos.each(p, func(d int, pos Position) {
			switch pos {
			case Support:
				out[d].Support++
			case Oppose:
				out[d].Oppose++
			default:
				out[d].Neutral++
			}
		})
	}
	return out
}
