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
