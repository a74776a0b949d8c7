package exportrefs_test

import (
	"reflect"
	"testing"

	"github.com/parley/parley/data"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/internal/exportrefs"
)

const scenario = `parties:
  red: {name: Red, people: {spokesperson: Red Speaker}}
  blue: {name: Blue, people: {spokesperson: Blue Speaker}}
  green: Green
people:
  zed: {name: Zed, party: blue}
  rex: {name: Rex, party: red}
  gil: {name: Gil, party: green}
  nob: Nobody's Own
demands:
  peace: {name: Peace, raised_by: blue, excludes: [war]}
  war: {name: War, raised_by: red}
stances:
  red:
    peace: {stance: oppose, by: zed, condition: [war]}
    war: {stance: support, by: spokesperson, about: [gil]}
  blue:
    peace: {stance: support, by: spokesperson}
`

// TestOf: of a model narrowed to one party and one demand, the people are
// those of the party, of no party, and those its stances cite, who then
// speak for no party; the demand loses the party that raised it and the
// demand it excludes, the entry the demand it waits on.
func TestOf(t *testing.T) {
	l, err := data.Parse("s.yaml", []byte(scenario), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := l.Model
	red, _ := m.PartyIndex("red")
	peace, _ := m.DemandIndex("peace")
	nm := m.Select(func(p int) bool { return p == red }, func(d int) bool { return d == peace })
	r := exportrefs.Of(nm)
	var got []string
	for _, x := range r.People() {
		got = append(got, x.ID+"/"+x.Party)
	}
	// gil is cited on war, which is left out; the blue spokesperson is
	// blue's own, not red's.
	if want := []string{"nob/", "rex/red", "spokesperson/red", "zed/"}; !reflect.DeepEqual(got, want) {
		t.Errorf("people %v, want %v", got, want)
	}
	if f := r.FormerParty("zed"); f != "blue" {
		t.Errorf("zed spoke for %q", f)
	}
	if f := r.FormerParty("rex"); f != "" {
		t.Errorf("rex, of a party kept, spoke for %q", f)
	}
	d, dropped := r.Demand(nm.Demands()[0])
	if d.RaisedBy != "" || len(d.Excludes) != 0 ||
		!reflect.DeepEqual(dropped, []exportrefs.Dropped{{Key: "raised_by", IDs: []string{"blue"}}, {Key: "excludes", IDs: []string{"war"}}}) {
		t.Errorf("peace: %+v, dropped %+v", d, dropped)
	}
	e, dropped := r.Entry(nm.History(0, 0)[0])
	if len(e.Condition) != 0 || e.By != "zed" || !reflect.DeepEqual(dropped, []exportrefs.Dropped{{Key: "condition", IDs: []string{"war"}}}) {
		t.Errorf("red on peace: %+v, dropped %+v", e, dropped)
	}
	// Nothing left out: nothing dropped, everyone there as they were.
	whole := exportrefs.Of(m)
	if !reflect.DeepEqual(whole.People(), m.People()) {
		t.Errorf("people of the whole: %v", whole.People())
	}
	for _, dm := range m.Demands() {
		if d, dropped := whole.Demand(dm); dropped != nil || !reflect.DeepEqual(d, dm) {
			t.Errorf("%s: %+v, dropped %v", dm.ID, d, dropped)
		}
	}
	m.Recorded(func(p, d int, h []graph.Entry) {
		for _, e := range h {
			if got, dropped := whole.Entry(e); dropped != nil || !reflect.DeepEqual(got, e) {
				t.Errorf("%d on %d: %+v, dropped %v", p, d, got, dropped)
			}
		}
	})
}

func TestNoted(t *testing.T) {
	e := graph.Entry{Note: "Said twice."}
	got := exportrefs.Noted(e, []exportrefs.Dropped{{"raised_by", []string{"eu"}}, {"condition", []string{"guarantees", "aid"}}, {"source", []string{"report"}}})
	want := "Said twice. Conditional on guarantees, aid, not in this file. Source: report, not in this file."
	if got.Note != want {
		t.Errorf("note %q, want %q", got.Note, want)
	}
	if got := exportrefs.Noted(graph.Entry{}, nil); got.Note != "" {
		t.Errorf("nothing dropped, note %q", got.Note)
	}
}
