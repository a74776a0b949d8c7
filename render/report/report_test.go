package report_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/parley/parley/data"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/render/report"
)

func riyadh(t *testing.T) *graph.Model {
	t.Helper()
	l, err := data.LoadEmbedded(data.DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	return l.Model
}

// nulls returns the paths of the null values in a JSON document, but for
// the members that may be null (named in allowed).
func nulls(v any, path string, allowed map[string]bool, out *[]string) {
	switch x := v.(type) {
	case nil:
		*out = append(*out, path)
	case map[string]any:
		for k, e := range x {
			if e == nil && allowed[k] {
				continue
			}
			nulls(e, path+"."+k, allowed, out)
		}
	case []any:
		for _, e := range x {
			nulls(e, path+"[]", allowed, out)
		}
	}
}

// TestEveryFieldPresent: every answer, written as JSON, has [] where a list
// is empty, never null, but for the members documented as null (the entry
// before a timeline's first, a diff's missing side, an undefined kappa, a
// party the position map does not place).
func TestEveryFieldPresent(t *testing.T) {
	m := riyadh(t)
	party := func(id string) int { p, _ := m.PartyIndex(id); return p }
	demand := func(id string) int {
		d, err := m.FindDemand(id)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	old := m.At(graph.Date{Year: 2024, Month: 12, Day: 1})
	answers := map[string]any{
		"summary":      report.NewSummary(m, graph.SummaryOptions{}, true),
		"coalitions":   report.NewCoalitions(m, graph.CoalitionOptions{}, true),
		"ground":       report.NewGround(m, []int{party("russia"), party("us")}, graph.GroundOptions{}, true),
		"concession":   report.NewConcession(m, demand("nato-membership"), nil),
		"party":        report.NewParty(m, party("russia")),
		"demand":       report.NewDemand(m, demand("four-regions")),
		"who":          report.NewWho(m, demand("nato-membership"), graph.Unknown),
		"party rows":   report.NewPartyRows(m),
		"demand rows":  report.NewDemandRows(m),
		"sources":      report.NewSources(m),
		"timeline":     report.NewTimeline(m, -1, -1, graph.Date{}),
		"diff":         report.NewDiff(old, m, "2024-12-01", "latest"),
		"empty diff":   report.NewDiff(m, m, "a", "b"),
		"empty ground": report.NewGround(m, nil, graph.GroundOptions{}, false),
		"people rows":  report.NewPersonRows(m, graph.Date{}),
		"person":       report.NewPerson(m, person(t, m, "putin"), graph.Date{}),
		"silent":       report.NewPerson(m, person(t, m, "ushakov"), graph.Date{}),
		"sources of":   report.NewSourcesOf(m, "lavrov"),
		"timeline of":  report.NewTimelineOf(m, -1, -1, "trump", graph.Date{}),
	}
	allowed := map[string]bool{"previous": true, "before": true, "after": true, "kappa": true, "coords": true, "loadings": true}
	for name, a := range answers {
		var b bytes.Buffer
		if err := report.Write(&b, a); err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		var found []string
		nulls(v, name, allowed, &found)
		if len(found) > 0 {
			t.Errorf("null in %v", found)
		}
	}
}

// TestDiffEmpty: a model compared with itself has no differences; the
// scenario before and after the talks has some.
func TestDiffEmpty(t *testing.T) {
	m := riyadh(t)
	if d := report.NewDiff(m, m, "a", "b"); !d.Empty() {
		t.Errorf("a model differs from itself: %+v", d)
	}
	old := m.At(graph.Date{Year: 2024, Month: 12, Day: 1})
	if d := report.NewDiff(old, m, "2024-12-01", "latest"); d.Empty() || len(d.Stances) == 0 {
		t.Errorf("nothing changed since 2024-12-01: %+v", d)
	}
}

func person(t *testing.T, m *graph.Model, q string) int {
	t.Helper()
	i, err := m.FindPerson(q)
	if err != nil {
		t.Fatal(err)
	}
	return i
}

// TestPerson: a person's answer holds their words as said and the
// report's narration about them apart, oldest first, and says which entry
// of a history is in force.
func TestPerson(t *testing.T) {
	m := riyadh(t)
	z := report.NewPerson(m, person(t, m, "zelenskyy"), graph.Date{})
	if z.Party != "ukraine" || len(z.Said) != 9 || len(z.About) != 0 {
		t.Fatalf("zelenskyy: party %q, %d said, %d about", z.Party, len(z.Said), len(z.About))
	}
	var us bool
	for _, s := range z.Said {
		if s.By != "zelenskyy" || s.Evidence != "said" {
			t.Errorf("%s on %s: by %q, evidence %q", s.Party, s.Demand, s.By, s.Evidence)
		}
		us = us || (s.Party == "us" && s.Demand == "minerals-deal")
	}
	if !us {
		t.Errorf("Zelenskyy's words on the US stance on minerals are not his")
	}
	p := report.NewPerson(m, person(t, m, "putin"), graph.Date{})
	if len(p.Said) != 0 || len(p.About) != 4 {
		t.Fatalf("putin: %d said, %d about", len(p.Said), len(p.About))
	}
	if first := p.About[0]; first.AsOf != "2025-02" || first.Demand != "us-russia-talks" || first.Current {
		t.Errorf("putin's first entry: %+v", first)
	}
	for _, s := range p.About[1:] {
		if !s.Current || s.Evidence != "reported" {
			t.Errorf("%s on %s: current %v, evidence %q", s.Party, s.Demand, s.Current, s.Evidence)
		}
	}
	// --as-of leaves out what came after.
	if b := report.NewPerson(m, person(t, m, "bruce"), graph.MustDate("2025-02-16")); len(b.Said) != 0 {
		t.Errorf("Bruce said %d things by 16 February", len(b.Said))
	}
	rows := report.NewPersonRows(m, graph.Date{})
	for _, r := range rows {
		if r.ID == "trump" && (r.Said != 2 || r.Reported != 6 || r.PartyName != "United States") {
			t.Errorf("trump row %+v", r)
		}
	}
}
