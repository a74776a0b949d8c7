package data

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/parley/parley/graph"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestEmbeddedScenario(t *testing.T) {
	l, err := LoadEmbedded(DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	if l.Warnings != nil {
		t.Errorf("the embedded scenario has warnings:\n%v", l.Warnings)
	}
	m := l.Model
	for _, id := range []string{"us", "russia", "ukraine", "eu"} {
		if _, ok := m.PartyIndex(id); !ok {
			t.Errorf("no party %q", id)
		}
	}
	for _, id := range []string{"nato-membership", "territorial-integrity", "four-regions", "security-guarantees",
		"ukraine-at-table", "europe-at-table", "minerals-deal", "us-russia-normalisation", "trump-putin-summit", "eu-membership"} {
		if _, ok := m.DemandIndex(id); !ok {
			t.Errorf("no demand %q", id)
		}
	}
	who := func(demand string, pos graph.Position) []string {
		d, ok := m.DemandIndex(demand)
		if !ok {
			t.Fatalf("no demand %q", demand)
		}
		var out []string
		for _, p := range m.Who(d, pos) {
			out = append(out, m.Parties()[p].ID)
		}
		return out
	}
	for _, tt := range []struct {
		demand string
		pos    graph.Position
		want   []string
	}{
		{"nato-membership", graph.Oppose, []string{"russia", "us"}},
		{"four-regions", graph.Oppose, []string{"ukraine"}},
		{"europe-at-table", graph.Oppose, []string{"russia"}},
	} {
		if got := who(tt.demand, tt.pos); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("who %v %s = %v, want %v", tt.pos, tt.demand, got, tt.want)
		}
	}
	fr, _ := m.DemandIndex("four-regions")
	ti, _ := m.DemandIndex("territorial-integrity")
	if !slices.Contains(m.Excludes(fr), ti) {
		t.Errorf("four-regions does not exclude territorial-integrity")
	}
	// Every stance carries a quote and a source.
	for p := range m.Parties() {
		for _, s := range m.PartyStances(p) {
			if s.Quote == "" || s.Source == "" {
				t.Errorf("stance of %s on %s lacks a quote or source", m.Parties()[p].ID, m.Demands()[s.Demand].ID)
			}
		}
	}
	// The US–Russia track is one issue; the report's narration is nobody's words.
	for _, id := range []string{"us-russia-talks", "us-russia-normalisation", "trump-putin-summit"} {
		d, _ := m.DemandIndex(id)
		if got := m.Demands()[d].Issue; got != "us-russia-track" {
			t.Errorf("issue of %s = %q", id, got)
		}
	}
	russia, _ := m.PartyIndex("russia")
	regions, _ := m.DemandIndex("four-regions")
	if s, _ := m.Stance(russia, regions); s.IsSaid() || s.By != "" || !slices.Contains(s.About, "putin") {
		t.Errorf("Putin's demand, the report's words, reads as said: %+v", s.Entry)
	}
	if p, err := m.FindParty("zelenskyy"); err != nil || m.Parties()[p].ID != "ukraine" {
		t.Errorf("FindParty(zelenskyy) = %d, %v", p, err)
	}
}

// TestEmbeddedQuotes checks every quote of the embedded scenario, in every
// entry of every history, against the text of the report it cites.
func TestEmbeddedQuotes(t *testing.T) {
	l, err := ParseEmbedded(DefaultScenario, Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	m := l.Model
	n := 0
	m.Recorded(func(p, d int, h []graph.Entry) {
		for _, e := range h {
			if e.Quote == "" {
				continue
			}
			n++
			src, ok := m.Source(e.Source)
			if !ok || src.Text == "" {
				t.Errorf("%s on %s: source %q has no text", m.Parties()[p].ID, m.Demands()[d].ID, e.Source)
				continue
			}
			if !strings.Contains(NormalizeQuote(src.Text), NormalizeQuote(e.Quote)) {
				t.Errorf("%s on %s: %q is not in the text of %s", m.Parties()[p].ID, m.Demands()[d].ID, e.Quote, e.Source)
			}
		}
	})
	if n < 30 {
		t.Errorf("only %d quotes checked", n)
	}
	// And the check catches a misquote: one word changed.
	src, _ := Embedded(DefaultScenario)
	bad := strings.Replace(string(src), "real peace negotiations would only", "real peace talks would only", 1)
	sub, _ := fs.Sub(scenarios, "scenarios")
	_, err = Parse("riyadh-2025.yaml", []byte(bad), Options{Strict: true, SourceFS: sub})
	if err == nil || !strings.Contains(err.Error(), `the quote is not in the text of source "riyadh-report": its first 2 words occur there, then it departs at "talks"`) {
		t.Errorf("a misquote passes --strict: %v", err)
	}
}

// TestLoadErrors checks the exact message of each kind of mistake.
func TestLoadErrors(t *testing.T) {
	const head = "parties:\n  us: {name: United States, people: {trump: Donald Trump}}\n  russia: Russia\n" +
		"demands:\n  nato: Ukraine joins NATO\n  regions: Ukraine leaves the four regions\n" +
		"sources:\n  report: A report\n"
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"unknown root key", "titel: x\n" + head,
			`f.yaml:1:1: unknown key "titel" in the scenario; did you mean "title"?
 1 | titel: x
   | ^^^^^`},
		{"unknown demand in stance", head + "stances:\n  us:\n    nato-membership: oppose\n",
			`f.yaml:11:5: stance of "us" on unknown demand "nato-membership"
 11 |     nato-membership: oppose
    |     ^^^^^^^^^^^^^^^`},
		{"unknown party in stances", head + "stances:\n  rusia: {nato: oppose}\n",
			`f.yaml:10:3: stances of unknown party "rusia"; did you mean "russia"?
 10 |   rusia: {nato: oppose}
    |   ^^^^^`},
		{"bad stance word", head + "stances:\n  us:\n    nato: opose\n",
			`f.yaml:11:11: unknown stance "opose": write support, oppose or neutral; did you mean "oppose"?
 11 |     nato: opose
    |           ^^^^^`},
		{"bad strength", head + "stances:\n  us:\n    nato: {stance: oppose, strength: redline, source: report}\n",
			`f.yaml:11:38: unknown strength "redline": write red-line, firm or soft; did you mean "red-line"?
 11 |     nato: {stance: oppose, strength: redline, source: report}
    |                                      ^^^^^^^`},
		{"unknown person", head + "stances:\n  us:\n    nato: {stance: oppose, by: trunp, source: report}\n",
			`f.yaml:11:32: unknown person "trunp": no such id under people:; did you mean "trump"?
 11 |     nato: {stance: oppose, by: trunp, source: report}
    |                                ^^^^^`},
		{"by on narration", head + "stances:\n  us:\n    nato: {stance: oppose, evidence: reported, by: trump, source: report}\n",
			`f.yaml:11:52: by: names who said the words, but evidence: reported makes them the source's own narration; name whom they concern with about: instead
 11 |     nato: {stance: oppose, evidence: reported, by: trump, source: report}
    |                                                    ^^^^^`},
		{"unknown evidence", head + "stances:\n  us:\n    nato: {stance: oppose, evidence: sayd, source: report}\n",
			`f.yaml:11:38: unknown evidence "sayd": write said (a speaker's words) or reported (the source's narration); did you mean "said"?
 11 |     nato: {stance: oppose, evidence: sayd, source: report}
    |                                      ^^^^`},
		{"unknown person in about", head + "stances:\n  us:\n    nato: {stance: oppose, about: [trump, putn], source: report}\n",
			`f.yaml:11:43: unknown person "putn": no such id under people:
 11 |     nato: {stance: oppose, about: [trump, putn], source: report}
    |                                           ^^^^`},
		{"inferred not a boolean", head + "stances:\n  us:\n    nato: {stance: oppose, inferred: maybe, source: report}\n",
			`f.yaml:11:38: inferred must be true or false, not the text "maybe"
 11 |     nato: {stance: oppose, inferred: maybe, source: report}
    |                                      ^^^^^`},
		{"person of an unknown party", head + "people:\n  putin: {name: Vladimir Putin, party: rusia}\n",
			`f.yaml:10:40: person "putin" speaks for unknown party "rusia"; did you mean "russia"?
 10 |   putin: {name: Vladimir Putin, party: rusia}
    |                                        ^^^^^`},
		{"person twice", head + "people:\n  trump: {name: Donald Trump, party: us}\n",
			`f.yaml:10:3: person "trump" is listed twice (first at line 2)
 10 |   trump: {name: Donald Trump, party: us}
    |   ^^^^^`},
		{"bad issue id", strings.Replace(head, "nato: Ukraine joins NATO", "nato: {name: Join, issue: NATO Issue}", 1),
			`f.yaml:5:29: issue id "NATO Issue" must be lower-case letters and digits (of any script) in words joined by single hyphens; try "nato-issue"
 5 |   nato: {name: Join, issue: NATO Issue}
   |                             ^^^^^^^^^^`},
		{"text and file", strings.Replace(head, "report: A report", "report: {text: words, file: report.txt}", 1),
			`f.yaml:8:31: source "report" has both text: and file:; give its text one way
 8 |   report: {text: words, file: report.txt}
   |                               ^^^^^^^^^^`},
		{"unknown source", head + "stances:\n  us:\n    nato: {stance: oppose, source: reprot}\n",
			`f.yaml:11:36: unknown source "reprot"; did you mean "report"?
 11 |     nato: {stance: oppose, source: reprot}
    |                                    ^^^^^^`},
		{"excludes itself", strings.Replace(head, "nato: Ukraine joins NATO", "nato: {name: Join, excludes: [nato]}", 1),
			`f.yaml:5:33: demand "nato" excludes itself
 5 |   nato: {name: Join, excludes: [nato]}
   |                                 ^^^^`},
		{"excludes nowhere", strings.Replace(head, "nato: Ukraine joins NATO", "nato: {name: Join, excludes: [region]}", 1),
			`f.yaml:5:33: demand "nato" excludes unknown demand "region"; did you mean "regions"?
 5 |   nato: {name: Join, excludes: [region]}
   |                                 ^^^^^^`},
		{"duplicate id", strings.Replace(head, "  russia: Russia\n", "  russia: Russia\n  us: Again\n", 1),
			`f.yaml:4:3: duplicate party id "us" (first at line 2)
 4 |   us: Again
   |   ^^`},
		{"bad id", strings.Replace(head, "  russia: Russia\n", "  Russia_Fed: Russia\n", 1),
			`f.yaml:3:3: party id "Russia_Fed" must be lower-case letters and digits (of any script) in words joined by single hyphens; try "russia-fed"
 3 |   Russia_Fed: Russia
   |   ^^^^^^^^^^`},
		{"wrong type", "parties: [us, russia]\n",
			`f.yaml:1:10: parties must be a mapping of party ids to their details, not a list
 1 | parties: [us, russia]
   |          ^`},
		{"condition on itself", head + "stances:\n  us:\n    nato: {stance: oppose, source: report, condition: [nato]}\n",
			`f.yaml:11:56: the stance of "us" on "nato" cannot be conditional on the same demand
 11 |     nato: {stance: oppose, source: report, condition: [nato]}
    |                                                        ^^^^`},
		{"unknown alone", head + "stances:\n  us:\n    nato: unknown\n",
			`f.yaml:11:11: a stance of unknown means no stance: remove the line, or end a dated history with it
 11 |     nato: unknown
    |           ^^^^^^^`},
		{"empty", "", `f.yaml:1:1: the file is empty: a scenario needs at least parties:, demands: and stances: (see parley help scenario)
 1 | 
   | ^`},
		{"tab", "parties:\n\tus: x\n",
			`f.yaml:2:1: YAML syntax: a tab character: YAML indents with spaces only
 2 |     us: x
   | ^^^^`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("f.yaml", []byte(tt.src), Options{})
			if err == nil {
				t.Fatalf("no error; want\n%s", tt.want)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error does not wrap ErrInvalid")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestAllErrorsAtOnce checks that one run reports every mistake, in order.
func TestAllErrorsAtOnce(t *testing.T) {
	src := `parties:
  us: {name: US, nmae: x}
demands:
  nato: {name: NATO, raised_by: usa}
stances:
  us:
    nato: {stance: suport, strength: hard}
    natto: oppose
`
	_, err := Parse("f.yaml", []byte(src), Options{})
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not an *Error", err)
	}
	var got []string
	for _, d := range e.Diags {
		got = append(got, d.Message)
	}
	want := []string{
		`unknown key "nmae" in party "us"; did you mean "name"?`,
		`demand "nato" is raised by unknown party "usa"; did you mean "us"?`,
		`unknown stance "suport": write support, oppose or neutral; did you mean "support"?`,
		`unknown strength "hard": write red-line, firm or soft`,
		`stance of "us" on unknown demand "natto"; did you mean "nato"?`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestGutterOneWidth: within one report, the line numbers share a gutter as
// wide as the widest of them, so the bars of line 9 and line 10 line up.
func TestGutterOneWidth(t *testing.T) {
	src := `parties:
  us: United States
  russia: Russia
demands:
  nato: Ukraine joins NATO
stances:
  us:
    nato: oppose
  rusia: {nato: oppose}
  usa: {nato: support}
`
	_, err := Parse("f.yaml", []byte(src), Options{})
	if err == nil {
		t.Fatal("no error")
	}
	want := `f.yaml:9:3: stances of unknown party "rusia"; did you mean "russia"?
  9 |   rusia: {nato: oppose}
    |   ^^^^^
f.yaml:10:3: stances of unknown party "usa"; did you mean "us"?
 10 |   usa: {nato: support}
    |   ^^^`
	if got := err.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// A report of one line keeps the narrow gutter.
	_, err = Parse("f.yaml", []byte("parties:\n  us: US\nstances:\n  usa: {}\n"), Options{})
	if err == nil || !strings.Contains(err.Error(), "\n 4 |   usa: {}\n   |   ^^^") {
		t.Errorf("one mistake on line 4: %v", err)
	}
}

func TestJSONLoadsLikeYAML(t *testing.T) {
	yml := "title: T\nparties:\n  us: United States\n  russia: {name: Russia}\ndemands:\n  nato: Join NATO\nstances:\n  us: {nato: oppose}\n  russia:\n    nato: {stance: oppose, strength: red-line}\n"
	jsn := `{"title": "T", "parties": {"us": "United States", "russia": {"name": "Russia"}},
	"demands": {"nato": "Join NATO"},
	"stances": {"us": {"nato": "oppose"}, "russia": {"nato": {"stance": "oppose", "strength": "red-line"}}}}`
	a, err := Parse("a.yaml", []byte(yml), Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("b.json", []byte(jsn), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Model.Parties(), b.Model.Parties()) || !reflect.DeepEqual(a.Model.Demands(), b.Model.Demands()) {
		t.Errorf("parties or demands differ")
	}
	for p := range a.Model.Parties() {
		if !reflect.DeepEqual(a.Model.PartyStances(p), b.Model.PartyStances(p)) {
			t.Errorf("stances of party %d differ", p)
		}
	}
}

// TestInvalidFiles loads each file in testdata/invalid and compares the
// message with the .err file beside it (rewritten by -update).
func TestInvalidFiles(t *testing.T) {
	files, _ := filepath.Glob("testdata/invalid/*")
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".err") {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			_, err := LoadFile(f, Options{Strict: strings.Contains(f, "strict")})
			if err == nil {
				t.Fatal("loaded without error")
			}
			if !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrTooLarge) {
				t.Errorf("error does not wrap ErrInvalid: %v", err)
			}
			golden := strings.TrimSuffix(f, filepath.Ext(f)) + ".err"
			got := err.Error() + "\n"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./data -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
	if n == 0 {
		t.Fatal("no files in testdata/invalid")
	}
}

// TestValidFiles loads each file in testdata/valid; each must give the
// same model as testdata/valid/plain.yaml.
func TestValidFiles(t *testing.T) {
	want, err := LoadFile("testdata/valid/plain.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/valid/*")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			got, err := LoadFile(f, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !sameModel(got.Model, want.Model) {
				t.Errorf("%s does not load to the same model as plain.yaml", f)
			}
		})
	}
}

func sameModel(a, b *graph.Model) bool {
	if !reflect.DeepEqual(a.Meta(), b.Meta()) || !reflect.DeepEqual(a.Parties(), b.Parties()) ||
		!reflect.DeepEqual(a.Demands(), b.Demands()) || !reflect.DeepEqual(a.Sources(), b.Sources()) ||
		!reflect.DeepEqual(a.People(), b.People()) {
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

// TestBigFileSyntaxError: a syntax error in a file too big for the
// column-finding parser is still placed on its line.
func TestBigFileSyntaxError(t *testing.T) {
	var b strings.Builder
	b.WriteString("parties:\n")
	for i := 0; b.Len() <= syntaxDetailMax; i++ {
		fmt.Fprintf(&b, "  party-%d: Party %d\n", i, i)
	}
	lines := strings.Count(b.String(), "\n")
	b.WriteString("demands: [unclosed\n")
	_, err := Parse("big.yaml", []byte(b.String()), Options{})
	var e *Error
	if !errors.As(err, &e) || len(e.Diags) != 1 {
		t.Fatalf("error %v", err)
	}
	if d := e.Diags[0]; d.Line < lines || !strings.HasPrefix(d.Message, "YAML syntax: ") {
		t.Errorf("diagnostic %+v, want a syntax error on line %d or after", d, lines+1)
	}
}
