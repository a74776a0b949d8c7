package data

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley/parley/graph"
)

// TestEvidenceKinds: by: makes words said unless evidence: says otherwise;
// without by: they are the report's, unless evidence: said.
func TestEvidenceKinds(t *testing.T) {
	src := `sources:
  report: A report
people:
  zelenskyy: {name: Volodymyr Zelenskyy, role: President, party: ukraine, aliases: [Zelensky]}
  putin: {name: Vladimir Putin, party: russia}
parties:
  us: {name: United States, people: {trump: Donald Trump}}
  russia: Russia
  ukraine: Ukraine
demands:
  minerals: {name: Minerals deal, issue: economy}
  regions: Leave the regions
stances:
  us:
    minerals: {stance: support, by: zelenskyy, about: [trump], quote: as Trump suggested, source: report}
    regions: {stance: neutral, evidence: said, quote: we will see, source: report}
  russia:
    regions: {stance: support, about: putin, quote: Putin demanded, source: report}
  ukraine:
    regions: {stance: oppose, inferred: true, quote: kyiv rejected, source: report}
`
	l, err := Parse("f.yaml", []byte(src), Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	m := l.Model
	get := func(party, demand string) graph.Stance {
		p, _ := m.PartyIndex(party)
		d, _ := m.DemandIndex(demand)
		s, ok := m.Stance(p, d)
		if !ok {
			t.Fatalf("no stance of %s on %s", party, demand)
		}
		return s
	}
	for _, tt := range []struct {
		party, demand, kind string
		inferred            bool
	}{
		{"us", "minerals", "said", false},
		{"us", "regions", "said", false},
		{"russia", "regions", "reported", false},
		{"ukraine", "regions", "reported", true},
	} {
		s := get(tt.party, tt.demand)
		if s.EvidenceKind() != tt.kind || s.Inferred != tt.inferred {
			t.Errorf("%s on %s: evidence %q, inferred %v; want %q, %v", tt.party, tt.demand, s.EvidenceKind(), s.Inferred, tt.kind, tt.inferred)
		}
	}
	if s := get("russia", "regions"); len(s.About) != 1 || s.About[0] != "putin" {
		t.Errorf("about = %v", s.About)
	}
	x, ok := m.Person("zelenskyy")
	if !ok || x.Role != "President" || x.Party != "ukraine" || len(x.Aliases) != 1 {
		t.Errorf("zelenskyy = %+v", x)
	}
	if x, ok := m.Person("trump"); !ok || x.Party != "us" {
		t.Errorf("a person listed under a party lost it: %+v", x)
	}
	d, _ := m.DemandIndex("minerals")
	if m.Demands()[d].Issue != "economy" {
		t.Errorf("issue lost")
	}
}

// TestLegacyPeople: files that list people under their party keep
// loading, two parties' people may share an id, and by: finds the party's own.
func TestLegacyPeople(t *testing.T) {
	src := `parties:
  us: {name: United States, people: {spokesperson: Tammy Bruce}}
  russia: {name: Russia, people: {spokesperson: Dmitry Peskov}}
demands:
  talks: Talks
stances:
  us:
    talks: {stance: support, by: spokesperson}
  russia:
    talks: {stance: support, by: spokesperson}
`
	l, err := Parse("f.yaml", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := l.Model
	us, _ := m.PartyIndex("us")
	russia, _ := m.PartyIndex("russia")
	if m.PersonName(us, "spokesperson") != "Tammy Bruce" || m.PersonName(russia, "spokesperson") != "Dmitry Peskov" {
		t.Errorf("speakers mixed up")
	}
	// A third party's stance cannot tell which spokesperson is meant.
	third := strings.Replace(src, "  russia: {name", "  ukraine: Ukraine\n  russia: {name", 1) +
		"  ukraine:\n    talks: {stance: support, by: spokesperson}\n"
	_, err = Parse("f.yaml", []byte(third), Options{})
	if err == nil || !strings.Contains(err.Error(), `f.yaml:13:34: "spokesperson" names people of "us" and "russia", none of them of "ukraine": give them ids of their own under people:`) {
		t.Errorf("ambiguous speaker: %v", err)
	}
}

// TestSourceFiles: file: is read beside the scenario, or in the current
// folder for standard input; one that cannot be read is a warning.
func TestSourceFiles(t *testing.T) {
	dir := t.TempDir()
	scenario := `sources:
  report: {file: texts/report.txt, published: 2025-02-17}
parties:
  us: {name: United States, people: {hegseth: Pete Hegseth}}
demands:
  nato: Join NATO
stances:
  us:
    nato: {stance: oppose, by: hegseth, quote: "NATO  membership was “not realistic”", source: report, as_of: 2025-02}
`
	os.MkdirAll(filepath.Join(dir, "texts"), 0o755)
	os.WriteFile(filepath.Join(dir, "texts", "report.txt"), []byte("Hegseth said NATO\nmembership was \"not realistic\" last week."), 0o644)
	path := filepath.Join(dir, "s.yaml")
	os.WriteFile(path, []byte(scenario), 0o644)
	l, err := LoadFile(path, Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if src, _ := l.Model.Source("report"); !strings.Contains(src.Text, "last week") {
		t.Errorf("source text not read: %q", src.Text)
	}
	// Written out, the source names its file and never carries its text.
	var out strings.Builder
	if err := WriteScenario(&out, l.Model); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "    file: texts/report.txt\n") || strings.Contains(out.String(), "last week") {
		t.Errorf("written scenario:\n%s", out.String())
	}
	// From standard input, file: is relative to the current folder.
	t.Chdir(dir)
	if _, err := Load(StdinName, strings.NewReader(scenario), Options{Strict: true}); err != nil {
		t.Errorf("from stdin: %v", err)
	}
	t.Chdir(t.TempDir())
	l, err = Load(StdinName, strings.NewReader(scenario), Options{})
	if err != nil || l.Warnings == nil || !strings.Contains(l.Warnings.Error(),
		"cannot be read, so its quotes are not checked: no file texts/report.txt (looked for in the current folder, as the scenario came from standard input)") {
		t.Errorf("missing file from stdin: %v, %v", err, l.Warnings)
	}
	// A folder, a device or a pipe is never read.
	_, err = Parse("s.yaml", []byte(strings.Replace(scenario, "texts/report.txt", "/dev/zero", 1)), Options{Strict: true})
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("/dev/zero: %v", err)
	}
}

// TestValidateWarnings: a stance dated after its source, a neutral stance
// whose note or key says the source gives no position, and demands every
// party treats alike.
func TestValidateWarnings(t *testing.T) {
	src := `sources:
  report: {title: A report, published: 2025-02-17}
parties:
  us: United States
  russia: Russia
demands:
  talks: {name: Talks, tags: [process]}
  summit: {name: Summit, tags: [process, relations]}
  nato: {name: NATO, tags: [security]}
  land: {name: Territory, tags: [territory]}
  guarantees: Guarantees
stances:
  us:
    talks: {stance: support, source: report, as_of: 2025-02-20}
    summit: {stance: support, source: report, as_of: 2025-02}
    nato: {stance: oppose, source: report}
    land: {stance: oppose, source: report}
    guarantees: {stance: neutral, source: report, note: The report gives no US position on them.}
  russia:
    talks: {stance: support, source: report}
    summit: {stance: support, source: report}
    nato: {stance: oppose, source: report}
    land: {stance: oppose, source: report}
    guarantees: {stance: neutral, inferred: true, source: report}
`
	l, err := Parse("f.yaml", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range l.Warnings.Diags {
		kind := "warning"
		if d.Hint {
			kind = "hint"
		}
		got = append(got, kind+" "+d.Message)
	}
	want := []string{
		`hint demands "summit", "talks" have the same stance from every party (2 support, 0 oppose, 0 neutral) and are about the same thing: each counts in every measure; if they are one question, give them the same issue: (parley help scenario)`,
		`warning the stance of "us" on "talks" is dated 2025-02-20, after its source "report" was published (2025-02-17): date it when it was said, or cite a source that reports it`,
		`warning the stance of "us" on "guarantees" is neutral, but its note says the source gives no position; neutral is a position that every measure counts: leave the stance out (no recorded stance), or reword the note if the source does give a neutral position`,
		`warning the stance of "russia" on "guarantees" is neutral by inference, but neutral is a position that every measure counts: where the source gives none, leave the stance out (no recorded stance)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// --strict fails on the warnings, never on the hint.
	_, err = Parse("f.yaml", []byte(src), Options{Strict: true})
	if err == nil || strings.Contains(err.Error(), "hint") || !strings.Contains(err.Error(), "after its source") {
		t.Errorf("strict: %v", err)
	}
	grouped := strings.Replace(src, "tags: [process]}", "tags: [process], issue: track}", 1)
	grouped = strings.Replace(grouped, "tags: [process, relations]}", "tags: [process, relations], issue: track}", 1)
	l, err = Parse("f.yaml", []byte(grouped), Options{})
	if err != nil || strings.Contains(l.Warnings.Error(), "hint") {
		t.Errorf("one issue still hinted at: %v %v", err, l.Warnings)
	}
}

func TestSaysNoPosition(t *testing.T) {
	for note, want := range map[string]bool{
		"the report gives no US position on the guarantees themselves": true,
		"The source states no position.":                               true,
		"no position is given":                                         true,
		"Takes no stance.":                                             true,
		"Said last week; the report gives no day.":                     false,
		"A position of principle.":                                     false,
		"":                                                             false,
	} {
		if got := saysNoPosition(note); got != want {
			t.Errorf("saysNoPosition(%q) = %v", note, got)
		}
	}
}
