package graph

import (
	"reflect"
	"testing"
)

func TestDiffModelsOverTime(t *testing.T) {
	m := historyModel(t)
	d := DiffModels(m.At(MustDate("2024-12-01")), m.At(MustDate("2025-02-18")))
	// us on talks: support red-line (2022) → oppose firm (2025-02-17);
	// ukraine on nato: none → support (2025-02-17); ukraine on talks is undated.
	if len(d.PartiesAdded)+len(d.PartiesRemoved)+len(d.DemandsAdded)+len(d.DemandsRemoved) != 0 {
		t.Errorf("parties or demands changed: %+v", d)
	}
	var got []string
	for _, c := range d.Stances {
		got = append(got, c.Party+" "+c.Demand+" "+c.Kind.String()+" "+c.Old.Position.String()+"→"+c.New.Position.String())
	}
	want := []string{"ukraine nato added unknown→support", "us talks changed support→oppose"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if c := d.Stances[1]; c.Old.Quote != "a foundation" || c.Old.Strength != RedLine {
		t.Errorf("old entry %+v", c.Old)
	}
	if d := DiffModels(m, m); !d.Empty() {
		t.Errorf("a model differs from itself: %+v", d)
	}
	// Restated: same position and strength, new evidence.
	d = DiffModels(m.At(MustDate("2025-02-01")), m.At(MustDate("2025-02-16")))
	if len(d.Stances) != 0 {
		t.Errorf("nothing was said between: %+v", d.Stances)
	}
}

func TestDiffModelsTwoFiles(t *testing.T) {
	a := small(t)
	b := NewBuilder()
	b.AddParty(Party{ID: "ukraine", Name: "Ukraine"})
	b.AddParty(Party{ID: "eu", Name: "European Union"})
	b.AddDemand(Demand{ID: "nato", Name: "Join NATO"})
	b.AddDemand(Demand{ID: "eu-membership", Name: "Join the EU"})
	b.AddStance("ukraine", "nato", Entry{Position: Support, Strength: Firm, Quote: "new words"})
	b.AddStance("eu", "eu-membership", Entry{Position: Support, Strength: Soft})
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	d := DiffModels(a, m)
	if !reflect.DeepEqual(d.PartiesAdded, []string{"eu"}) || !reflect.DeepEqual(d.PartiesRemoved, []string{"russia", "us"}) {
		t.Errorf("parties %v %v", d.PartiesAdded, d.PartiesRemoved)
	}
	if !reflect.DeepEqual(d.DemandsAdded, []string{"eu-membership"}) || !reflect.DeepEqual(d.DemandsRemoved, []string{"guarantees", "minerals", "regions"}) {
		t.Errorf("demands %v %v", d.DemandsAdded, d.DemandsRemoved)
	}
	var got []string
	for _, c := range d.Stances {
		got = append(got, c.Party+" "+c.Demand+" "+c.Kind.String())
	}
	want := []string{"eu eu-membership added", "russia nato removed", "russia regions removed",
		"ukraine guarantees removed", "ukraine minerals removed", "ukraine nato restated", "ukraine regions removed",
		"us guarantees removed", "us minerals removed", "us nato removed"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

func TestDiffRelationsAndBlocs(t *testing.T) {
	m := historyModel(t)
	// At 2023, us supports talks (red-line) and ukraine supports it too:
	// alliance. On 2025-02-17 the us opposes: conflict.
	got := DiffRelations(m.At(MustDate("2023")), m.At(MustDate("2025-02-17")))
	want := []RelationChange{{A: "ukraine", B: "us", Before: Alliance, After: Conflict,
		DistanceBefore: 0, DistanceAfter: 1, SharedBefore: 1, SharedAfter: 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if got := DiffRelations(m, m); got != nil {
		t.Errorf("a model against itself: %+v", got)
	}
	a := BlocIDs(m.At(MustDate("2023")), Coalitions(m.At(MustDate("2023")), CoalitionOptions{}))
	b := BlocIDs(m.At(MustDate("2025-02-17")), Coalitions(m.At(MustDate("2025-02-17")), CoalitionOptions{}))
	if want := [][]string{{"ukraine", "us"}}; !reflect.DeepEqual(a, want) {
		t.Errorf("blocs at 2023 %v, want %v", a, want)
	}
	if SameBlocs(a, b) {
		t.Errorf("blocs %v and %v said to be the same", a, b)
	}
	if !SameBlocs([][]string{{"a", "b"}, {"c"}}, [][]string{{"c"}, {"a", "b"}}) {
		t.Errorf("order of blocs matters")
	}
}

// TestPartyCounts: a party's counts by position are those of the stances
// PartyStances lists, at every date.
func TestPartyCounts(t *testing.T) {
	m := historyModel(t)
	for _, at := range []*Model{m, m.At(MustDate("2023")), m.At(MustDate("2025-02-01")), m.At(MustDate("2025-02-18"))} {
		for p := range at.Parties() {
			var want [3]int
			for _, s := range at.PartyStances(p) {
				switch s.Position {
				case Support:
					want[0]++
				case Oppose:
					want[1]++
				case Neutral:
					want[2]++
				}
			}
			if s, o, n := at.PartyCounts(p); [3]int{s, o, n} != want {
				t.Errorf("as of %v, party %s: PartyCounts %v, want %v", at.AsOf(), at.Parties()[p].ID, [3]int{s, o, n}, want)
			}
		}
	}
}
