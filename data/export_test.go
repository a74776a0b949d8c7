package data

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/internal/synth"
	"github.com/parley/parley/render"
)

// exportScenarios are the scenarios the export round trips start from.
func exportScenarios(t *testing.T) map[string]*graph.Model {
	src, _ := Embedded(DefaultScenario)
	files := map[string][]byte{"riyadh-2025.yaml": src, "hostile.yaml": []byte(hostile)}
	valid, _ := filepath.Glob("testdata/valid/*")
	for _, f := range valid {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(f)] = b
	}
	models := map[string]*graph.Model{}
	for name, src := range files {
		l, err := Parse(name, src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		models[name] = l.Model
	}
	models["synth"] = synth.Scenario(synth.Config{Parties: 7, Demands: 40, Density: 0.8, Blocs: 2, Support: 0.5,
		Noise: 0.2, Excludes: 4, Strengths: true, Evidence: true, Seed: 5})
	return models
}

// TestExportJSONRoundTrip: the JSON export loads back to the model it was
// written from — at the latest date, and at any date, since a stance
// whose entries all come later keeps them in its history — and writing the
// loaded model gives the same document.
func TestExportJSONRoundTrip(t *testing.T) {
	dates := []graph.Date{{}, {Year: 2024, Month: 12, Day: 1}, {Year: 1900}}
	for name, m := range exportScenarios(t) {
		for _, at := range dates {
			t.Run(name+"@"+at.String(), func(t *testing.T) {
				var out bytes.Buffer
				if err := render.WriteJSON(&out, m.At(at)); err != nil {
					t.Fatal(err)
				}
				back, err := Parse("export.json", out.Bytes(), Options{})
				if err != nil {
					t.Fatalf("the export does not load: %v", err)
				}
				if !sameScenario(m, back.Model) {
					t.Fatalf("the export loads to another model:\n%s", out.String())
				}
				var again, want bytes.Buffer
				if err := render.WriteJSON(&again, back.Model.At(at)); err != nil {
					t.Fatal(err)
				}
				if err := render.WriteJSON(&want, m.At(at)); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(again.Bytes(), want.Bytes()) {
					t.Errorf("writing the loaded export again differs")
				}
			})
		}
	}
}

// sameScenario is sameModel with exclusions compared as the relation they
// are, whichever demand a file lists them under, and sources without their
// text, which the export does not carry.
func sameScenario(a, b *graph.Model) bool {
	if len(a.Demands()) != len(b.Demands()) {
		return false
	}
	for i := range a.Demands() {
		if !slices.Equal(a.Excludes(i), b.Excludes(i)) {
			return false
		}
	}
	ad, bd := slices.Clone(a.Demands()), slices.Clone(b.Demands())
	for i := range ad {
		ad[i].Excludes, bd[i].Excludes = nil, nil
	}
	// The export names sources but never carries their text or file.
	as, bs := slices.Clone(a.Sources()), slices.Clone(b.Sources())
	for i := range as {
		as[i].Text, as[i].File = "", ""
	}
	if !reflect.DeepEqual(ad, bd) || !reflect.DeepEqual(a.Meta(), b.Meta()) || !reflect.DeepEqual(a.Parties(), b.Parties()) ||
		!reflect.DeepEqual(as, bs) || !reflect.DeepEqual(a.People(), b.People()) {
		return false
	}
	for p := range a.Parties() {
		for d := range a.Demands() {
			if !reflect.DeepEqual(a.History(p, d), b.History(p, d)) {
				return false
			}
		}
	}
	return true
}

// TestExportCSVRoundTrip: the CSV export, the stance matrix, loads back as
// a matrix table with every position in its place (names, strengths and
// evidence are not in it). GraphML is written for other tools and not read.
func TestExportCSVRoundTrip(t *testing.T) {
	for name, m := range exportScenarios(t) {
		var out bytes.Buffer
		if err := render.WriteCSV(&out, m); err != nil {
			t.Fatal(err)
		}
		back, err := ParseCSV("export.csv", out.Bytes(), Options{})
		if err != nil {
			t.Fatalf("%s: the CSV export does not load: %v\n%s", name, err, out.String())
		}
		b := back.Model
		for p, party := range m.Parties() {
			bp, ok := b.PartyIndex(party.ID)
			if !ok {
				if len(m.PartyStances(p)) == 0 {
					continue // a party without stances may have no row worth reading
				}
				t.Fatalf("%s: party %s is not in the loaded table", name, party.ID)
			}
			for d, dm := range m.Demands() {
				bd, ok := b.DemandIndex(dm.ID)
				want := m.Position(p, d)
				got := graph.Unknown
				if ok {
					got = b.Position(bp, bd)
				}
				if got != want {
					t.Errorf("%s: %s on %s: %v after the round trip, want %v", name, party.ID, dm.ID, got, want)
				}
			}
		}
	}
}

// TestExportJSONMistakes: a hand-edited export reports its mistakes at
// their place, as a scenario file does.
func TestExportJSONMistakes(t *testing.T) {
	src := `{
  "parley": 1,
  "title": "T",
  "parties": [{"id": "a", "name": "A", "aliasses": []}, {"id": "b", "name": "B"}],
  "demands": [{"id": "x", "name": "X"}],
  "stances": [
    {"party": "a", "demand": "x", "stance": "suport", "history": []},
    {"party": "c", "demand": "x", "stance": "oppose"}
  ]
}`
	_, err := Parse("edited.json", []byte(src), Options{})
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v", err)
	}
	got := err.Error()
	for _, want := range []string{
		`edited.json:4:40: unknown key "aliasses" in a party; did you mean "aliases"?`,
		`edited.json:7:45: unknown stance "suport": write support, oppose or neutral; did you mean "support"?`,
		`edited.json:8:15: stances of unknown party "c"; did you mean "a"?`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	_, err = Parse("new.json", []byte(`{"parley": 2, "parties": []}`), Options{})
	if err == nil || !strings.Contains(err.Error(), "this export is of version 2, written by a newer parley; this one reads version 1") {
		t.Errorf("a newer version: %v", err)
	}
}

// narrowable is a scenario with every kind of reference a narrowing can cut:
// a demand raised by a party, demands that exclude each other, a stance
// waiting on another demand, people who speak for one party quoted on
// another's stance or reported about there, a person of no party, and
// people of two parties sharing an id.
const narrowable = `title: References
sources:
  report: {title: A report}
  other: Another
people:
  zed: {name: Zed Zedson, party: blue, role: President}
  rex: {name: Rex Rexson, party: red}
  nob: Nobody's Own
parties:
  red: {name: Red, people: {spokesperson: Red Speaker}}
  blue: {name: Blue, people: {spokesperson: Blue Speaker}}
  green: Green
demands:
  peace: {name: Peace, raised_by: blue, excludes: [war]}
  war: {name: War, raised_by: red, date: 2025-01}
  aid: {name: Aid, raised_by: green, tags: [money]}
  land: {name: Land, raised_by: red, tags: [money], date: 2025-02}
stances:
  red:
    peace: {stance: oppose, by: zed, quote: they will not, source: report}
    war: {stance: support, by: spokesperson, source: other}
    land:
      - {as_of: 2024, stance: support, about: [zed, nob], source: report}
      - {as_of: 2025-02, stance: oppose, strength: red-line, by: rex, condition: [aid], source: report}
  blue:
    peace: {stance: support, by: spokesperson, condition: [aid, land], source: report}
    aid: {stance: support, about: [rex], source: other}
  green:
    aid: {stance: support, by: nob, condition: [peace]}
    war: {stance: oppose, by: rex, evidence: said, quote: never, source: report}
`

// narrowings are the ways TestExportNarrowed cuts a model: each party
// alone, every party but one, each demand left out, and every other demand.
func narrowings(m *graph.Model) map[string][2]func(int) bool {
	out := map[string][2]func(int) bool{}
	np, nd := len(m.Parties()), len(m.Demands())
	for p := range min(np, 8) {
		out["only party "+m.Parties()[p].ID] = [2]func(int) bool{func(i int) bool { return i == p }, nil}
		out["all but party "+m.Parties()[p].ID] = [2]func(int) bool{func(i int) bool { return i != p }, nil}
	}
	for d := range min(nd, 8) {
		out["all but demand "+m.Demands()[d].ID] = [2]func(int) bool{nil, func(i int) bool { return i != d }}
	}
	out["every other demand"] = [2]func(int) bool{nil, func(i int) bool { return i%2 == 0 }}
	out["first party, every other demand"] = [2]func(int) bool{func(i int) bool { return i == 0 }, func(i int) bool { return i%2 == 1 }}
	return out
}

// TestExportNarrowed: a scenario narrowed to some parties or demands, as
// the filters do, is written as YAML, JSON and CSV, and each loads back
// to the narrowed scenario: the same parties, the same stances with every
// entry's words and speaker, and of the references only those to what the
// narrowing kept.
func TestExportNarrowed(t *testing.T) {
	scenarios := exportScenarios(t)
	l, err := Parse("narrowable.yaml", []byte(narrowable), Options{})
	if err != nil {
		t.Fatal(err)
	}
	scenarios["narrowable"] = l.Model
	for name, m := range scenarios {
		for how, keep := range narrowings(m) {
			selected := m.Select(keep[0], keep[1])
			silentless, _, _ := selected.WithoutSilent()
			for variant, nm := range map[string]*graph.Model{"select": selected, "without silent": silentless} {
				t.Run(name+"/"+how+"/"+variant, func(t *testing.T) {
					checkNarrowedExports(t, nm)
				})
			}
		}
	}
}

func checkNarrowedExports(t *testing.T, nm *graph.Model) {
	t.Helper()
	var y, j, c bytes.Buffer
	if err := WriteScenario(&y, nm); err != nil {
		t.Fatal(err)
	}
	if err := render.WriteJSON(&j, nm); err != nil {
		t.Fatal(err)
	}
	if err := render.WriteCSV(&c, nm); err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		name string
		src  *bytes.Buffer
	}{{"narrowed.yaml", &y}, {"narrowed.json", &j}} {
		back, err := Parse(f.name, f.src.Bytes(), Options{})
		if err != nil {
			t.Fatalf("%s does not load: %v\n%s", f.name, err, f.src)
		}
		if msg := narrowedAs(nm, back.Model); msg != "" {
			t.Errorf("%s loads to another scenario: %s\n%s", f.name, msg, f.src)
		}
	}
	if len(nm.Parties()) == 0 || len(nm.Demands()) == 0 {
		return // no table holds nothing; parley export refuses to write it
	}
	back, err := ParseCSV("narrowed.csv", c.Bytes(), Options{})
	if err != nil {
		t.Fatalf("the CSV does not load: %v\n%s", err, c.String())
	}
	for p, party := range nm.Parties() {
		bp, ok := back.Model.PartyIndex(party.ID)
		for d, dm := range nm.Demands() {
			bd, dok := back.Model.DemandIndex(dm.ID)
			got := graph.Unknown
			if ok && dok {
				got = back.Model.Position(bp, bd)
			}
			if want := nm.Position(p, d); got != want {
				t.Errorf("CSV: %s on %s: %v after the round trip, want %v", party.ID, dm.ID, got, want)
			}
		}
	}
}

// narrowedAs says how back, a narrowed scenario's export loaded, differs
// from nm, the narrowed scenario, beyond the references to what the
// narrowing left out; "" when it does not.
func narrowedAs(nm, back *graph.Model) string {
	hasParty := func(id string) bool { _, ok := nm.PartyIndex(id); return ok }
	hasDemand := func(id string) bool { _, ok := nm.DemandIndex(id); return ok }
	if (len(nm.Parties()) > 0 || len(back.Parties()) > 0) && !reflect.DeepEqual(nm.Parties(), back.Parties()) {
		return fmt.Sprintf("parties %v, want %v", back.Parties(), nm.Parties())
	}
	if len(nm.Demands()) != len(back.Demands()) {
		return fmt.Sprintf("%d demands, want %d", len(back.Demands()), len(nm.Demands()))
	}
	for i, d := range nm.Demands() {
		if !hasParty(d.RaisedBy) {
			d.RaisedBy = ""
		}
		b := back.Demands()[i]
		d.Excludes, b.Excludes = nil, nil
		if !reflect.DeepEqual(d, b) {
			return fmt.Sprintf("demand %+v, want %+v", b, d)
		}
		if !slices.Equal(nm.Excludes(i), back.Excludes(i)) {
			return fmt.Sprintf("demand %s excludes %v, want %v", d.ID, back.Excludes(i), nm.Excludes(i))
		}
	}
	for p := range nm.Parties() {
		for d := range nm.Demands() {
			want := slices.Clone(nm.History(p, d))
			for i, e := range want {
				want[i].Condition = slices.DeleteFunc(slices.Clone(e.Condition), func(id string) bool { return !hasDemand(id) })
				if len(want[i].Condition) == 0 {
					want[i].Condition = nil
				}
				// A condition left out is said in the note, so that the
				// stance does not read as unconditional.
				if gone := slices.DeleteFunc(slices.Clone(e.Condition), hasDemand); len(gone) > 0 {
					remark := "Conditional on " + strings.Join(gone, ", ") + ", not in this file."
					want[i].Note = strings.TrimSpace(e.Note + " " + remark)
				}
			}
			if got := back.History(p, d); !reflect.DeepEqual(got, want) {
				return fmt.Sprintf("%s on %s: %+v, want %+v", nm.Parties()[p].ID, nm.Demands()[d].ID, got, want)
			}
		}
	}
	// Everyone who speaks for a party kept, or for none, is there; those of
	// a party left out speak for none, if they are there at all.
	type person struct{ id, party string }
	had := map[person]graph.Person{}
	for _, x := range nm.People() {
		had[person{x.ID, x.Party}] = x
	}
	got := map[person]bool{}
	for _, x := range back.People() {
		got[person{x.ID, x.Party}] = true
		if _, ok := had[person{x.ID, x.Party}]; ok {
			continue
		}
		found := false
		for _, y := range nm.People() {
			if x.Party == "" && y.ID == x.ID && !hasParty(y.Party) && y.Name == x.Name && y.Role == x.Role {
				found = true
			}
		}
		if !found {
			return fmt.Sprintf("person %+v was not in the scenario", x)
		}
	}
	for k, x := range had {
		if (x.Party == "" || hasParty(x.Party)) && !got[k] {
			return fmt.Sprintf("person %s of %q is missing", x.ID, x.Party)
		}
	}
	return ""
}
