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
	b.AddParty(Party{ID: "us", Name: "United States", Aliases: []string{"USA", "Washington"}})
	b.AddParty(Party{ID: "russia", Name: "Russia", Aliases: []string{"Moscow", "Kremlin"}})
	b.AddParty(Party{ID: "ukraine", Name: "Ukraine", Aliases: []string{"Kyiv"}})
	b.AddParty(Party{ID: "uk", Name: "United Kingdom"})
	b.AddDemand(Demand{ID: "nato-membership", Name: "Ukraine joins NATO"})
	b.AddDemand(Demand{ID: "eu-membership", Name: "Ukraine joins the European Union"})
	b.AddDemand(Demand{ID: "four-regions", Name: "Ukraine withdraws from the four regions"})
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
		{query: "rusia", closest: []string{"russia", "us", "uk"}}, // a near one, then the best others
		{query: "", closest: nil},
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
	if err == nil || err.Error() != `no demand matches "natto"; closest: nato-membership, eu-membership, four-regions` {
		t.Errorf("typo: %v", err)
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
