package graph

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func matchModel(t testing.TB) *Model {
	t.Helper()
	b := NewBuilder()
	b.AddParty(Party{ID: "us", Name: "United States", Aliases: []string{"USA", "Washington"},
		People: []Person{{ID: "hegseth", Name: "Pete Hegseth"}}})
	b.AddParty(Party{ID: "russia", Name: "Russia", Aliases: []string{"Moscow", "Kremlin"},
		People: []Person{{ID: "putin", Name: "Vladimir Putin"}, {ID: "lavrov", Name: "Sergey Lavrov"}}})
	b.AddParty(Party{ID: "ukraine", Name: "Ukraine", Aliases: []string{"Kyiv"}})
	b.AddParty(Party{ID: "uk", Name: "United Kingdom"})
	b.AddDemand(Demand{ID: "nato-membership", Name: "Ukraine joins NATO"})
	b.AddDemand(Demand{ID: "eu-membership", Name: "Ukraine joins the European Union"})
	b.AddDemand(Demand{ID: "four-regions", Name: "Ukraine withdraws from the four regions"})
	b.AddDemand(Demand{ID: "security-guarantees", Name: "Written security guarantees for Ukraine"})
	b.AddDemand(Demand{ID: "territorial-integrity", Name: "Ukraine recovers all its territory"})
	b.AddDemand(Demand{ID: "trump-putin-summit", Name: "Trump and Putin meet"})
	b.AddDemand(Demand{ID: "minerals-deal", Name: "Ukraine opens its mineral resources to the United States"})
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestFindParty(t *testing.T) {
	m := matchModel(t)
	tests := []struct {
		query     string
		want      string   // id, or "" for an error
		ambiguous []string // the matches of an AmbiguousError
		closest   []string // the candidates of a NotFoundError
	}{
		{query: "us", want: "us"},
		{query: "US", want: "us"},
		{query: " russia ", want: "russia"},
		{query: "united states", want: "us"},
		{query: "Kremlin", want: "russia"},
		{query: "kyiv", want: "ukraine"},
		{query: "wash", want: "us"},
		{query: "ukr", want: "ukraine"},
		{query: "uk", want: "uk"}, // an exact id wins over prefixes
		{query: "united", ambiguous: []string{"uk", "us"}},
		{query: "United_States", want: "us"},
		{query: "united-states", want: "us"},
		{query: "  UNITED   states ", want: "us"},
		{query: "states", want: "us"},                     // a word of the name
		{query: "kingdom", want: "uk"},                    // a word of the name
		{query: "putin", want: "russia"},                  // a word of a person's name
		{query: "Vladimir Putin", want: "russia"},         // a person's name
		{query: "hegseth", want: "us"},                    // a person's id
		{query: "vlad put", want: "russia"},               // the starts of words
		{query: "put vlad", want: "russia"},               // in any order
		{query: "united stat", want: "us"},                // the start of the name
		{query: "unitde states", closest: []string{"us"}}, // by the words
		{query: "-", closest: nil},
		{query: "rusia", closest: []string{"russia", "us"}}, // the near ones ("usa" is two edits away)
		{query: "", closest: nil},
		{query: "xqzv", closest: []string{"ukraine", "hegseth", "lavrov"}}, // nothing near: the best three, people too
	}
	for _, tt := range tests {
		i, err := m.FindParty(tt.query)
		var amb *AmbiguousError
		var nf *NotFoundError
		switch {
		case tt.want != "":
			if err != nil || m.Parties()[i].ID != tt.want {
				t.Errorf("FindParty(%q) = %d, %v; want %s", tt.query, i, err, tt.want)
			}
		case tt.ambiguous != nil:
			if !errors.As(err, &amb) || !reflect.DeepEqual(amb.Matches, tt.ambiguous) {
				t.Errorf("FindParty(%q) error = %v; want ambiguous %v", tt.query, err, tt.ambiguous)
			}
		default:
			if !errors.As(err, &nf) || !reflect.DeepEqual(nf.Candidates, tt.closest) {
				t.Errorf("FindParty(%q) error = %#v; want not found with %v", tt.query, err, tt.closest)
			}
		}
	}
}

func TestFindDemand(t *testing.T) {
	m := matchModel(t)
	if i, err := m.FindDemand("NATO-membership"); err != nil || m.Demands()[i].ID != "nato-membership" {
		t.Errorf("by id in upper case: %d, %v", i, err)
	}
	if i, err := m.FindDemand("ukraine joins nato"); err != nil || m.Demands()[i].ID != "nato-membership" {
		t.Errorf("by name: %d, %v", i, err)
	}
	_, err := m.FindDemand("ukraine joins")
	var amb *AmbiguousError
	if !errors.As(err, &amb) || !reflect.DeepEqual(amb.Matches, []string{"eu-membership", "nato-membership"}) {
		t.Errorf("ambiguous prefix: %v", err)
	}
	_, err = m.FindDemand("natto")
	if err == nil || err.Error() != `no demand matches "natto"; closest: nato-membership` {
		t.Errorf("typo: %v", err)
	}
}

func TestFindDemandAsTyped(t *testing.T) {
	m := matchModel(t)
	tests := []struct {
		query     string
		want      string
		ambiguous []string
		closest   []string
	}{
		{query: "security guarantees", want: "security-guarantees"}, // spaces for hyphens
		{query: "Security_Guarantees", want: "security-guarantees"},
		{query: "written security", want: "security-guarantees"}, // the start of the name
		{query: "guarantees", want: "security-guarantees"},       // a word of the name
		{query: "territory", want: "territorial-integrity"},
		{query: "mineral resources", want: "minerals-deal"}, // words in order
		{query: "putin", want: "trump-putin-summit"},        // a word of the id and of the name
		{query: "joins", ambiguous: []string{"eu-membership", "nato-membership"}},
		{query: "membership", ambiguous: []string{"eu-membership", "nato-membership"}},
		// Every demand with the word in its name: none is a better fit.
		{query: "ukraine", ambiguous: []string{"eu-membership", "four-regions", "minerals-deal", "nato-membership",
			"security-guarantees", "territorial-integrity"}},
		{query: "ukrain", ambiguous: []string{"eu-membership", "four-regions", "minerals-deal", "nato-membership",
			"territorial-integrity"}}, // the start of a name before the start of a word
		// Suggestions by the words of names, not only by the whole id.
		{query: "security guarantee promise", closest: []string{"security-guarantees"}},
		{query: "teritory", closest: []string{"territorial-integrity"}},
	}
	for _, tt := range tests {
		i, err := m.FindDemand(tt.query)
		var amb *AmbiguousError
		var nf *NotFoundError
		switch {
		case tt.want != "":
			if err != nil || m.Demands()[i].ID != tt.want {
				t.Errorf("FindDemand(%q) = %d, %v; want %s", tt.query, i, err, tt.want)
			}
		case tt.ambiguous != nil:
			if !errors.As(err, &amb) || !reflect.DeepEqual(amb.Matches, tt.ambiguous) {
				t.Errorf("FindDemand(%q) error = %v; want ambiguous %v", tt.query, err, tt.ambiguous)
			}
		default:
			if !errors.As(err, &nf) || len(nf.Candidates) == 0 || nf.Candidates[0] != tt.closest[0] {
				t.Errorf("FindDemand(%q) error = %v; want not found, closest first %v", tt.query, err, tt.closest)
			}
		}
	}
}

func TestFindParties(t *testing.T) {
	m := matchModel(t)
	tests := []struct {
		words []string
		want  []string // ids, or nil for an error
		err   string   // a part of the error
	}{
		{words: []string{"russia", "us"}, want: []string{"russia", "us"}},
		{words: []string{"united", "states", "russia"}, want: []string{"us", "russia"}},
		{words: []string{"russia", "united", "kingdom", "kyiv"}, want: []string{"russia", "uk", "ukraine"}},
		{words: []string{"united states", "putin"}, want: []string{"us", "russia"}},
		{words: nil, want: []string{}},
		// "united" alone is the US or the UK: nothing else reads.
		{words: []string{"united", "russia"}, err: `"united" matches 2 parties: uk, us`},
		{words: []string{"russia", "xyz"}, err: `no party matches "xyz"`},
		// Two readings: never guess.
		{words: []string{"united", "states", "united", "kingdom"}, want: []string{"us", "uk"}},
		{words: []string{"us", "usa"}, want: []string{"us", "us"}}, // a repeat, when nothing else reads
	}
	for _, tt := range tests {
		got, err := m.FindParties(tt.words)
		if tt.want != nil {
			var ids []string
			for _, p := range got {
				ids = append(ids, m.Parties()[p].ID)
			}
			if err != nil || !reflect.DeepEqual(append([]string{}, ids...), tt.want) {
				t.Errorf("FindParties(%q) = %v, %v; want %v", tt.words, ids, err, tt.want)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("FindParties(%q) error = %v; want %q", tt.words, err, tt.err)
		}
	}
}

func TestFindPartiesReadings(t *testing.T) {
	b := NewBuilder()
	b.AddParty(Party{ID: "north", Name: "North"})
	b.AddParty(Party{ID: "korea", Name: "Korea"})
	b.AddParty(Party{ID: "north-korea", Name: "North Korea"})
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.FindParties([]string{"north", "korea"})
	var re *ReadingsError
	if !errors.As(err, &re) || len(re.Readings) != 2 {
		t.Fatalf("north korea: %v; want two readings", err)
	}
	if got := err.Error(); !strings.Contains(got, "north-korea") || !strings.Contains(got, "north, korea") {
		t.Errorf("readings error %q", got)
	}
	if ps, err := m.FindParties([]string{"north korea"}); err != nil || len(ps) != 1 || m.Parties()[ps[0]].ID != "north-korea" {
		t.Errorf("quoted: %v, %v", ps, err)
	}
}

func TestFindAny(t *testing.T) {
	m := matchModel(t)
	tests := []struct {
		query         string
		party, demand string
		err           string
	}{
		{query: "us", party: "us"},                            // an id beats a word of a name
		{query: "territory", demand: "territorial-integrity"}, // only a demand
		{query: "moscow", party: "russia"},                    // only a party
		{query: "putin", party: "russia"},                     // a person's id beats a word of a name
		{query: "united", err: `"united" matches 3 parties and demands: uk, us, minerals-deal`},
		{query: "zzzz", err: `no party or demand matches "zzzz"`},
	}
	for _, tt := range tests {
		p, d, err := m.FindAny(tt.query)
		if tt.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
				t.Errorf("FindAny(%q) error = %v; want %q", tt.query, err, tt.err)
			}
			continue
		}
		gotP, gotD := "", ""
		if p >= 0 {
			gotP = m.Parties()[p].ID
		}
		if d >= 0 {
			gotD = m.Demands()[d].ID
		}
		if err != nil || gotP != tt.party || gotD != tt.demand {
			t.Errorf("FindAny(%q) = %q, %q, %v; want %q, %q", tt.query, gotP, gotD, err, tt.party, tt.demand)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Security-Guarantees":    "security guarantees",
		"  united__states ":      "united states",
		"Côte d’Ivoire":          "cote d ivoire",
		"Россия":                 "россия",
		"US–Russia talks, 2025!": "us russia talks 2025",
		"-_-":                    "",
		"São Tomé & Príncipe":    "sao tome principe",
		"ÉCOLE":                  "ecole",
		"a\x00b":                 "a b",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct {
		word string
		want string
	}{
		{"opose", "oppose"},
		{"suport", "support"},
		{"nmae", "name"},
		{"x", ""},
		{"zzzzzz", ""},
		{"neutrl", "neutral"},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, []string{"support", "oppose", "neutral", "name"}); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestDistanceWithin checks the banded distance against the full one on
// every pair of a set of words with swaps, slips and other scripts.
func TestDistanceWithin(t *testing.T) {
	words := []string{"", "a", "ab", "ba", "abc", "ca", "kitten", "sitting", "oppose", "opose", "oppsoe",
		"support", "suport", "россия", "росия", "роcсия", "nato-membership", "nato-member", "natomembership", "北京", "北京市", "µ"}
	var rows [3][]int
	for _, a := range words {
		for _, b := range words {
			full := Distance(a, b)
			for k := 0; k <= 3; k++ {
				want := min(full, k+1)
				if got := distanceWithin([]rune(a), []rune(b), k, &rows); got != want {
					t.Errorf("distanceWithin(%q, %q, %d) = %d, want %d", a, b, k, got, want)
				}
			}
		}
	}
}

// TestSuggestBounded: words longer than anyone types get no suggestion,
// and a long word among many long candidates costs a band, not the
// product of lengths: 200 × 200 ids of 500 characters allocate nothing
// per comparison.
func TestSuggestBounded(t *testing.T) {
	long := strings.Repeat("x", MaxSuggestLen)
	if got := Suggest(long+"y", []string{long + "z"}); got != "" {
		t.Errorf("a %d-rune word got a suggestion: %q", MaxSuggestLen+1, got)
	}
	if got := Suggest(long[1:]+"y", []string{long[1:] + "z"}); got != long[1:]+"z" {
		t.Errorf("a %d-rune word got no suggestion", MaxSuggestLen)
	}
	var cands []string
	for i := range 200 {
		cands = append(cands, fmt.Sprintf("%s-%03d", strings.Repeat("a", 60), i))
	}
	allocs := testing.AllocsPerRun(3, func() {
		for i := range 200 {
			Suggest(fmt.Sprintf("%s-%03d", strings.Repeat("b", 60), i), cands)
		}
	})
	if allocs > 200*20 {
		t.Errorf("200 suggestions among 200 candidates made %v allocations", allocs)
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"kitten", "sitting", 3}, {"россия", "росия", 1}, {"nato", "nato", 0},
		{"qoute", "quote", 1}, {"ab", "ba", 1}, {"abc", "ca", 3},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestResolvePartyByPerson(t *testing.T) {
	b := NewBuilder()
	b.AddParty(Party{ID: "us", Name: "United States"})
	b.AddParty(Party{ID: "russia", Name: "Russia"})
	b.AddParty(Party{ID: "ukraine", Name: "Ukraine", Aliases: []string{"Kyiv"}})
	b.AddPerson(Person{ID: "zelenskyy", Name: "Volodymyr Zelenskyy", Party: "ukraine", Aliases: []string{"Zelensky"}})
	b.AddPerson(Person{ID: "rubio", Name: "Marco Rubio", Party: "us"})
	b.AddPerson(Person{ID: "waltz", Name: "Mike Waltz", Party: "us"})
	b.AddPerson(Person{ID: "witkoff", Name: "Steve Witkoff", Party: "us"})
	b.AddPerson(Person{ID: "putin", Name: "Vladimir Putin", Party: "russia"})
	b.AddPerson(Person{ID: "lavrov", Name: "Sergey Lavrov", Party: "russia"})
	b.AddPerson(Person{ID: "guterres", Name: "António Guterres"})
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query, party, person string
		err                  string
	}{
		{query: "zelenskyy", party: "ukraine", person: "zelenskyy"},
		{query: "Zelensky", party: "ukraine", person: "zelenskyy"},
		{query: "volodymyr zelenskyy", party: "ukraine", person: "zelenskyy"},
		{query: "ru", party: "russia"}, // a party's prefix before Rubio's
		{query: "rub", party: "us", person: "rubio"},
		{query: "w", party: "us"}, // Waltz and Witkoff both speak for the US
		{query: "vlad", party: "russia", person: "putin"},
		{query: "s", err: `"s" matches 2 people: lavrov, witkoff; type more of the one you mean`},
		{query: "guterres", err: "António Guterres (guterres) speaks for no party"},
		{query: "zelenksyy", err: `no party matches "zelenksyy"; closest: zelenskyy`},
	}
	for _, tt := range tests {
		r, err := m.ResolveParty(tt.query)
		if tt.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
				t.Errorf("ResolveParty(%q) error = %v; want %s", tt.query, err, tt.err)
			}
			continue
		}
		if err != nil || m.Parties()[r.Party].ID != tt.party || r.Person != tt.person {
			t.Errorf("ResolveParty(%q) = %+v, %v; want %s via %q", tt.query, r, err, tt.party, tt.person)
		}
	}
	if i, err := m.FindPerson("putin"); err != nil || m.People()[i].Name != "Vladimir Putin" {
		t.Errorf("FindPerson(putin) = %d, %v", i, err)
	}
}
