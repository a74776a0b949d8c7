package data

import (
	"bytes"
	"errors"
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
