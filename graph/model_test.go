package graph

import (
	"errors"
	"golang.org/x/text/unicode/norm"
	"reflect"
	"strings"
	"testing"
	"unicode"
)

// small builds a scenario of three parties and four demands:
//
//	          nato  regions  guarantees  minerals
//	ukraine    +      -         + (red)    + (if guarantees)
//	russia     -      + (red)   .          .
//	us         -      .         0          +
func small(t testing.TB) *Model {
	t.Helper()
	b := NewBuilder()
	b.SetMeta(Meta{Title: "Small", Date: MustDate("2025-02-18")})
	b.AddSource(Source{ID: "report", Title: "A report"})
	// Added out of id order on purpose: the model sorts by id.
	b.AddParty(Party{ID: "us", Name: "United States", People: []Person{{ID: "hegseth", Name: "Pete Hegseth"}}})
	b.AddParty(Party{ID: "ukraine", Name: "Ukraine"})
	b.AddParty(Party{ID: "russia", Name: "Russia"})
	b.AddDemand(Demand{ID: "regions", Name: "Withdraw from the regions", Excludes: []string{"nato"}})
	b.AddDemand(Demand{ID: "nato", Name: "Join NATO"})
	b.AddDemand(Demand{ID: "guarantees", Name: "Security guarantees"})
	b.AddDemand(Demand{ID: "minerals", Name: "Minerals deal"})
	b.AddStance("ukraine", "nato", Entry{Position: Support, Strength: Firm})
	b.AddStance("ukraine", "regions", Entry{Position: Oppose, Strength: Firm})
	b.AddStance("ukraine", "guarantees", Entry{Position: Support, Strength: RedLine})
	b.AddStance("ukraine", "minerals", Entry{Position: Support, Strength: Firm, Condition: []string{"guarantees"}})
	b.AddStance("russia", "nato", Entry{Position: Oppose, Strength: Firm})
	b.AddStance("russia", "regions", Entry{Position: Support, Strength: RedLine})
	b.AddStance("us", "nato", Entry{Position: Oppose, Strength: Soft, By: "hegseth", Quote: "not realistic", Source: "report"})
	b.AddStance("us", "guarantees", Entry{Position: Neutral, Strength: Firm})
	b.AddStance("us", "minerals", Entry{Position: Support, Strength: Firm})
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func ids[T any](m *Model, idx []int, get func(*Model) []T, id func(T) string) []string {
	out := []string{}
	for _, i := range idx {
		out = append(out, id(get(m)[i]))
	}
	return out
}

func partyIDs(m *Model, idx []int) []string {
	return ids(m, idx, (*Model).Parties, func(p Party) string { return p.ID })
}

func TestModelSortsAndIndexes(t *testing.T) {
	m := small(t)
	var got []string
	for _, p := range m.Parties() {
		got = append(got, p.ID)
	}
	if want := []string{"russia", "ukraine", "us"}; !reflect.DeepEqual(got, want) {
		t.Errorf("parties = %v, want %v", got, want)
	}
	got = nil
	for _, d := range m.Demands() {
		got = append(got, d.ID)
	}
	if want := []string{"guarantees", "minerals", "nato", "regions"}; !reflect.DeepEqual(got, want) {
		t.Errorf("demands = %v, want %v", got, want)
	}
	if i, ok := m.PartyIndex("us"); !ok || i != 2 {
		t.Errorf("PartyIndex(us) = %d, %v", i, ok)
	}
	if _, ok := m.PartyIndex("eu"); ok {
		t.Errorf("PartyIndex(eu) found")
	}
}

func TestWho(t *testing.T) {
	m := small(t)
	nato, _ := m.DemandIndex("nato")
	guarantees, _ := m.DemandIndex("guarantees")
	tests := []struct {
		demand int
		pos    Position
		want   []string
	}{
		{nato, Oppose, []string{"russia", "us"}},
		{nato, Support, []string{"ukraine"}},
		{nato, Neutral, []string{}},
		{guarantees, Neutral, []string{"us"}},
		{guarantees, Unknown, []string{"russia"}}, // missing is unknown, never neutral
	}
	for _, tt := range tests {
		if got := partyIDs(m, m.Who(tt.demand, tt.pos)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Who(%s, %v) = %v, want %v", m.Demands()[tt.demand].ID, tt.pos, got, tt.want)
		}
	}
}

func TestStanceAndEvidence(t *testing.T) {
	m := small(t)
	us, _ := m.PartyIndex("us")
	russia, _ := m.PartyIndex("russia")
	nato, _ := m.DemandIndex("nato")
	guarantees, _ := m.DemandIndex("guarantees")
	s, ok := m.Stance(us, nato)
	want := Stance{Party: us, Demand: nato, Entry: Entry{Position: Oppose, Strength: Soft, By: "hegseth", Evidence: Said, Quote: "not realistic", Source: "report"}}
	if !ok || !reflect.DeepEqual(s, want) {
		t.Errorf("Stance(us, nato) = %+v, %v; want %+v", s, ok, want)
	}
	if _, ok := m.Stance(russia, guarantees); ok {
		t.Errorf("Stance(russia, guarantees) is known")
	}
	if got := m.Position(russia, guarantees); got != Unknown {
		t.Errorf("Position(russia, guarantees) = %v", got)
	}
	if got := m.PersonName(us, "hegseth"); got != "Pete Hegseth" {
		t.Errorf("PersonName = %q", got)
	}
	var demands []string
	for _, s := range m.PartyStances(us) {
		demands = append(demands, m.Demands()[s.Demand].ID+":"+s.Position.String())
	}
	if want := []string{"guarantees:neutral", "minerals:support", "nato:oppose"}; !reflect.DeepEqual(demands, want) {
		t.Errorf("PartyStances(us) = %v, want %v", demands, want)
	}
	var parties []string
	for _, s := range m.DemandStances(nato) {
		parties = append(parties, m.Parties()[s.Party].ID)
	}
	if want := []string{"russia", "ukraine", "us"}; !reflect.DeepEqual(parties, want) {
		t.Errorf("DemandStances(nato) = %v", parties)
	}
	if sup, opp, neu := m.Counts(); sup != 5 || opp != 3 || neu != 1 {
		t.Errorf("Counts = %d, %d, %d; want 5, 3, 1", sup, opp, neu)
	}
}

func TestExcludesIsSymmetric(t *testing.T) {
	m := small(t)
	nato, _ := m.DemandIndex("nato")
	regions, _ := m.DemandIndex("regions")
	if got := m.Excludes(nato); !reflect.DeepEqual(got, []int{regions}) {
		t.Errorf("Excludes(nato) = %v", got)
	}
	if got := m.Excludes(regions); !reflect.DeepEqual(got, []int{nato}) {
		t.Errorf("Excludes(regions) = %v", got)
	}
}

func TestCompare(t *testing.T) {
	m := small(t)
	p := func(id string) int { i, _ := m.PartyIndex(id); return i }
	tests := []struct {
		a, b string
		want PairCounts
	}{
		// nato: + vs - conflict; regions: - vs + conflict.
		{"ukraine", "russia", PairCounts{Agree: 0, Conflict: 2, Neutral: 0, Shared: 2}},
		// nato: conflict; guarantees: + vs 0 neutral; minerals: + vs + agree.
		{"ukraine", "us", PairCounts{Agree: 1, Conflict: 1, Neutral: 1, Shared: 3}},
		// nato: both oppose.
		{"russia", "us", PairCounts{Agree: 1, Conflict: 0, Neutral: 0, Shared: 1}},
	}
	for _, tt := range tests {
		if got := m.Compare(p(tt.a), p(tt.b)); got != tt.want {
			t.Errorf("Compare(%s, %s) = %+v, want %+v", tt.a, tt.b, got, tt.want)
		}
		if got := m.Compare(p(tt.b), p(tt.a)); got != tt.want {
			t.Errorf("Compare(%s, %s) is not symmetric: %+v", tt.b, tt.a, got)
		}
	}
}

func TestConditions(t *testing.T) {
	m := small(t)
	minerals, _ := m.DemandIndex("minerals")
	guarantees, _ := m.DemandIndex("guarantees")
	if got := m.DependsOn(minerals); !reflect.DeepEqual(got, []int{guarantees}) {
		t.Errorf("DependsOn(minerals) = %v", got)
	}
	if got := m.ConditionCycles(); got != nil {
		t.Errorf("ConditionCycles = %v", got)
	}

	b := NewBuilder()
	b.AddParty(Party{ID: "a"})
	b.AddParty(Party{ID: "b"})
	b.AddDemand(Demand{ID: "x"})
	b.AddDemand(Demand{ID: "y"})
	b.AddStance("a", "x", Entry{Position: Support, Strength: Firm, Condition: []string{"y"}})
	b.AddStance("b", "y", Entry{Position: Support, Strength: Firm, Condition: []string{"x"}})
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if got := m.ConditionCycles(); !reflect.DeepEqual(got, [][]string{{"x", "y"}}) {
		t.Errorf("ConditionCycles = %v", got)
	}
}

func TestBuildErrors(t *testing.T) {
	b := NewBuilder()
	b.AddParty(Party{ID: "a", People: []Person{{ID: "p", Name: "P"}}})
	b.AddParty(Party{ID: "a"})
	b.AddParty(Party{ID: "Bad"})
	b.AddDemand(Demand{ID: "x", Excludes: []string{"x", "nope"}, RaisedBy: "ghost"})
	b.AddStance("a", "x", Entry{Position: Support, Strength: Firm, By: "q", Source: "s", Condition: []string{"z"}})
	b.AddStance("a", "missing", Entry{Position: Support, Strength: Firm})
	b.AddStance("a", "x", Entry{Position: Oppose, Strength: Firm})
	_, err := b.Build()
	if err == nil {
		t.Fatal("Build succeeded")
	}
	for _, want := range []error{ErrDuplicateID, ErrInvalidID, ErrUnknownDemand, ErrUnknownParty,
		ErrUnknownPerson, ErrUnknownSource, ErrDuplicateEntry, ErrInvalidStance} {
		if !errors.Is(err, want) {
			t.Errorf("Build error does not wrap %v:\n%v", want, err)
		}
	}
	if !strings.Contains(err.Error(), `demand "x" excludes itself`) {
		t.Errorf("no self-exclusion error in:\n%v", err)
	}
}

func TestEmptyModel(t *testing.T) {
	m, err := NewBuilder().Build()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Parties()) != 0 || len(m.Demands()) != 0 {
		t.Fatal("not empty")
	}
	if s, o, n := m.Counts(); s+o+n != 0 {
		t.Fatal("counts not zero")
	}
}

func TestIDs(t *testing.T) {
	for _, id := range []string{"us", "nato-membership", "g7", "1946-12", "a-b-c",
		"россия", "中国", "中华人民共和国", "مصر", "côte-d-ivoire", "µ", "ελλάδα", "हिन्दी", "ქართული", "日本-2025", "٣٤"} {
		if !ValidID(id) {
			t.Errorf("ValidID(%q) = false", id)
		}
	}
	for _, id := range []string{"", "US", "-a", "a-", "a--b", "a_b", "a b", "Россия", "Côte", "ǅ",
		"e\u0301",             // é decomposed: not NFC
		"\u0301a", "a-\u0301", // a mark with no letter
		"a\u200bb", "a\u00a0b", "½", "a.b", "a\xffb"} {
		if ValidID(id) {
			t.Errorf("ValidID(%q) = true", id)
		}
	}
	for in, want := range map[string]string{
		"United States": "united-states", "  A--B ": "a-b", "Côte d’Ivoire": "cote-d-ivoire", "!!": "",
		"Россия": "россия", "Российская Федерация": "российская-федерация", "中华人民共和国": "中华人民共和国",
		"جمهورية مصر العربية": "جمهورية-مصر-العربية", "µ": "μ", "ﬁnance²": "finance2", "Ａ Ｂ": "a-b",
		"हिन्दी भाषा": "हिन्दी-भाषा", "Ελλάδα": "ελλάδα", "e\u0301te\u0301": "ete", "\u0301": "", "İstanbul": "istanbul",
		"Søren Kierkegaard": "søren-kierkegaard", "Straße": "straße",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzSlug: whatever the name, its slug is an id or nothing, and an id is
// its own slug.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"United States", "Côte d’Ivoire", "Россия", "中国", "ǅemal", "İ", "ﬃ", "e\u0301", "a\u0345\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		s := Slug(name)
		if s != "" && !ValidID(s) {
			t.Fatalf("Slug(%q) = %q, not an id", name, s)
		}
		if ValidID(name) && !strings.ContainsFunc(name, func(r rune) bool {
			return unicode.Is(unicode.Latin, r) && r >= 0x80 || unicode.Is(unicode.M, r) || norm.NFKD.String(string(r)) != string(r)
		}) && Slug(name) != name {
			t.Fatalf("the id %q slugs to %q", name, Slug(name))
		}
	})
}

func TestSelect(t *testing.T) {
	m := small(t)
	keepP := func(i int) bool { return m.Parties()[i].ID != "us" }
	keepD := func(i int) bool { return m.Demands()[i].ID != "guarantees" }
	s := m.Select(keepP, keepD)
	if got := len(s.Parties()); got != 2 {
		t.Fatalf("%d parties", got)
	}
	var got []string
	for _, d := range s.Demands() {
		got = append(got, d.ID)
	}
	if want := []string{"minerals", "nato", "regions"}; !reflect.DeepEqual(got, want) {
		t.Errorf("demands = %v", got)
	}
	nato, _ := s.DemandIndex("nato")
	if got := partyIDs(s, s.Who(nato, Oppose)); !reflect.DeepEqual(got, []string{"russia"}) {
		t.Errorf("who opposes nato = %v", got)
	}
	regions, _ := s.DemandIndex("regions")
	if got := s.Excludes(regions); !reflect.DeepEqual(got, []int{nato}) {
		t.Errorf("excludes = %v", got)
	}
	if sup, opp, neu := s.Counts(); sup != 3 || opp != 2 || neu != 0 { // ukraine + - +, russia - +
		t.Errorf("counts %d %d %d", sup, opp, neu)
	}
	// The original is untouched.
	if sup, opp, neu := m.Counts(); sup != 5 || opp != 3 || neu != 1 {
		t.Errorf("original counts %d %d %d", sup, opp, neu)
	}
}

// history builds one party's dated stance on one demand:
//
//	2022-02-24  support, red-line
//	2025-02     support, soft
//	2025-02-17  oppose
//	2025-03-01  unknown (the stance ends)
func historyModel(t *testing.T) *Model {
	t.Helper()
	b := NewBuilder()
	b.AddParty(Party{ID: "us"})
	b.AddParty(Party{ID: "ukraine"})
	b.AddDemand(Demand{ID: "talks"})
	b.AddDemand(Demand{ID: "nato"})
	b.AddStance("us", "talks",
		Entry{Position: Support, Strength: RedLine, AsOf: MustDate("2022-02-24"), Quote: "a foundation"},
		Entry{Position: Support, Strength: Soft, AsOf: MustDate("2025-02")},
		Entry{Position: Oppose, Strength: Firm, AsOf: MustDate("2025-02-17")},
		Entry{Position: Unknown, AsOf: MustDate("2025-03-01")},
	)
	b.AddStance("ukraine", "talks", Entry{Position: Support, Strength: RedLine}) // undated: always
	b.AddStance("ukraine", "nato", Entry{Position: Support, Strength: Firm, AsOf: MustDate("2025-02-17")})
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestAt(t *testing.T) {
	m := historyModel(t)
	us, _ := m.PartyIndex("us")
	ukraine, _ := m.PartyIndex("ukraine")
	talks, _ := m.DemandIndex("talks")
	nato, _ := m.DemandIndex("nato")
	tests := []struct {
		at           string
		usTalks      Position
		usStrength   Strength
		ukraineNato  Position
		ukraineTalks Position
	}{
		{"2021", Unknown, 0, Unknown, Support},             // before the first entry
		{"2022-02-24", Support, RedLine, Unknown, Support}, // on an entry's date
		{"2023-06-01", Support, RedLine, Unknown, Support}, // between entries
		{"2025-01-31", Support, RedLine, Unknown, Support}, // the day before a month entry
		{"2025-02-01", Support, Soft, Unknown, Support},    // a month entry holds from its first day
		{"2025-02", Oppose, Firm, Support, Support},        // as of a month: all of it
		{"2025-02-16", Support, Soft, Unknown, Support},    //
		{"2025-02-17", Oppose, Firm, Support, Support},     // on the day of the change
		{"2025-03-01", Unknown, 0, Support, Support},       // an entry ends the stance
		{"2030", Unknown, 0, Support, Support},             // after the last entry
		{"", Unknown, 0, Support, Support},                 // the latest
	}
	for _, tt := range tests {
		at := Date{}
		if tt.at != "" {
			at = MustDate(tt.at)
		}
		a := m.At(at)
		s, ok := a.Stance(us, talks)
		if got := a.Position(us, talks); got != tt.usTalks || ok != (tt.usTalks != Unknown) || (ok && s.Strength != tt.usStrength) {
			t.Errorf("at %s: us on talks = %v %v (%v), want %v %v", tt.at, got, s.Strength, ok, tt.usTalks, tt.usStrength)
		}
		if got := a.Position(ukraine, nato); got != tt.ukraineNato {
			t.Errorf("at %s: ukraine on nato = %v, want %v", tt.at, got, tt.ukraineNato)
		}
		if got := a.Position(ukraine, talks); got != tt.ukraineTalks {
			t.Errorf("at %s: ukraine on talks = %v, want %v", tt.at, got, tt.ukraineTalks)
		}
		if a.AsOf() != at {
			t.Errorf("AsOf = %v", a.AsOf())
		}
	}
	// The evidence follows the entry in force.
	if s, _ := m.At(MustDate("2023")).Stance(us, talks); s.Quote != "a foundation" {
		t.Errorf("quote at 2023 = %q", s.Quote)
	}
	if got := len(m.History(us, talks)); got != 4 {
		t.Errorf("History has %d entries", got)
	}
	if !m.Dated() {
		t.Errorf("Dated() = false")
	}
}

func TestPeopleAndEvidence(t *testing.T) {
	b := NewBuilder()
	b.AddSource(Source{ID: "report"})
	b.AddPerson(Person{ID: "zelenskyy", Name: "Volodymyr Zelenskyy", Role: "President", Party: "ukraine", Aliases: []string{"Zelensky"}})
	b.AddPerson(Person{ID: "putin", Name: "Vladimir Putin", Party: "russia"})
	b.AddPerson(Person{ID: "guterres", Name: "António Guterres"}) // speaks for no party
	b.AddParty(Party{ID: "us", Name: "United States", People: []Person{{ID: "trump", Name: "Donald Trump"}, {ID: "spokesperson", Name: "Tammy Bruce"}}})
	b.AddParty(Party{ID: "russia", Name: "Russia", People: []Person{{ID: "spokesperson", Name: "Dmitry Peskov"}}})
	b.AddParty(Party{ID: "ukraine", Name: "Ukraine"})
	b.AddDemand(Demand{ID: "minerals", Issue: "economy"})
	b.AddDemand(Demand{ID: "regions"})
	// Zelenskyy's words are the evidence of a US stance.
	b.AddStance("us", "minerals", Entry{Position: Support, Strength: Firm, By: "zelenskyy", About: []string{"trump"}, Quote: "as Trump suggested", Source: "report"})
	b.AddStance("russia", "regions", Entry{Position: Support, Strength: Firm, About: []string{"putin"}, Quote: "Putin demanded", Source: "report"})
	b.AddStance("ukraine", "regions", Entry{Position: Oppose, Strength: Firm, Evidence: Said, Quote: "rejected", Source: "report"})
	b.AddStance("us", "regions", Entry{Position: Neutral, Strength: Firm, By: "spokesperson", Source: "report"})
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range m.People() {
		got = append(got, x.ID+"@"+x.Party)
	}
	want := []string{"guterres@", "putin@russia", "spokesperson@russia", "spokesperson@us", "trump@us", "zelenskyy@ukraine"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("People = %v, want %v", got, want)
	}
	us, _ := m.PartyIndex("us")
	russia, _ := m.PartyIndex("russia")
	ukraine, _ := m.PartyIndex("ukraine")
	if ps := m.Parties()[us].People; len(ps) != 2 || ps[0].ID != "trump" || ps[0].Party != "us" {
		t.Errorf("us people = %+v", ps)
	}
	if ps := m.Parties()[ukraine].People; len(ps) != 1 || ps[0].Role != "President" {
		t.Errorf("ukraine people = %+v", ps)
	}
	if _, ok := m.Person("spokesperson"); ok {
		t.Errorf("Person(spokesperson) found one of two")
	}
	if m.PersonName(us, "spokesperson") != "Tammy Bruce" || m.PersonName(russia, "spokesperson") != "Dmitry Peskov" {
		t.Errorf("a party's own person is not found first")
	}
	if m.PersonName(us, "zelenskyy") != "Volodymyr Zelenskyy" {
		t.Errorf("a person of another party is not found")
	}
	minerals, _ := m.DemandIndex("minerals")
	regions, _ := m.DemandIndex("regions")
	if m.Demands()[minerals].Issue != "economy" {
		t.Errorf("issue lost")
	}
	for _, tt := range []struct {
		p, d int
		kind string
	}{{us, minerals, "said"}, {russia, regions, "reported"}, {ukraine, regions, "said"}, {us, regions, "said"}} {
		s, _ := m.Stance(tt.p, tt.d)
		if got := s.EvidenceKind(); got != tt.kind {
			t.Errorf("evidence of %s on %s = %q, want %q", m.Parties()[tt.p].ID, m.Demands()[tt.d].ID, got, tt.kind)
		}
	}
}

func TestPeopleErrors(t *testing.T) {
	b := NewBuilder()
	b.AddPerson(Person{ID: "x", Party: "ghost"})
	b.AddPerson(Person{ID: "Bad"})
	b.AddPerson(Person{ID: "y"})
	b.AddParty(Party{ID: "a", People: []Person{{ID: "y"}, {ID: "z", Party: "b"}}})
	b.AddDemand(Demand{ID: "d", Issue: "Not An Id"})
	b.AddStance("a", "d", Entry{Position: Support, Strength: Firm, By: "y", Evidence: Reported, About: []string{"nobody"}})
	_, err := b.Build()
	for _, want := range []string{
		`unknown party "ghost" of person "x"`,
		`invalid id person "Bad"`,
		`duplicate id person "y"`,
		`invalid person "z": listed under party "a" but speaks for "b"`,
		`invalid id issue "Not An Id" of demand "d"`,
		`is the source's narration (reported) yet credits "y" with the words`,
		`unknown person "nobody" in about`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Build error lacks %q:\n%v", want, err)
		}
	}
}

func TestWithoutSilent(t *testing.T) {
	m := small(t)
	if n, ps, ds := m.WithoutSilent(); n != m || ps != nil || ds != nil {
		t.Fatalf("a model with no silent party or demand came back changed: %v %v", ps, ds)
	}
	// Keeping only nato and minerals leaves russia with nato alone and
	// nobody silent; keeping only minerals leaves russia silent.
	s := m.Select(nil, func(i int) bool { return m.Demands()[i].ID == "minerals" })
	n, ps, ds := s.WithoutSilent()
	if !reflect.DeepEqual(ps, []string{"russia"}) || ds != nil {
		t.Fatalf("dropped parties %v, demands %v; want [russia], none", ps, ds)
	}
	if got := len(n.Parties()); got != 2 {
		t.Errorf("%d parties left, want 2", got)
	}
	s = m.Select(func(i int) bool { return m.Parties()[i].ID == "russia" }, nil)
	_, ps, ds = s.WithoutSilent()
	if ps != nil || !reflect.DeepEqual(ds, []string{"guarantees", "minerals"}) {
		t.Errorf("dropped parties %v, demands %v; want none, [guarantees minerals]", ps, ds)
	}
}
