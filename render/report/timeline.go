package report

import (
	"cmp"
	"slices"

	"github.com/parley/parley/graph"
)

// TimelineEntry is one dated entry of a stance's history: who took which
// position on what, and when, with its evidence and the entry before it.
type TimelineEntry struct {
	Date       string    `json:"date"`
	Party      string    `json:"party"`
	Demand     string    `json:"demand"`
	Stance     string    `json:"stance"`
	Strength   string    `json:"strength"`
	Previous   *Previous `json:"previous"` // nil for a history's first entry
	By         string    `json:"by"`
	ByName     string    `json:"by_name"`
	Evidence   string    `json:"evidence"`
	About      []string  `json:"about"`
	Inferred   bool      `json:"inferred"`
	Quote      string    `json:"quote"`
	Source     string    `json:"source"`
	Condition  []string  `json:"condition"`
	Note       string    `json:"note"`
	DemandName string    `json:"demand_name"`
	PartyName  string    `json:"party_name"`
}

// Previous is the position and strength of the entry a timeline entry
// follows.
type Previous struct {
	Stance   string `json:"stance"`
	Strength string `json:"strength"`
}

// NewTimeline is the answer of timeline: every dated entry of the stances
// of party on demand (-1 for any party, any demand), dated on or before
// until (graph.Date.In: a month or a year takes in all of it; the zero
// Date, every date), oldest first, then by party and demand. Undated
// entries hold at every date and are left out. Never nil.
func NewTimeline(m *graph.Model, party, demand int, until graph.Date) []TimelineEntry {
	return NewTimelineOf(m, party, demand, "", until)
}

// NewTimelineOf is NewTimeline for the entries of one person too: those
// whose words they are (by) and those the source reports about them
// (about); person "" takes every entry.
func NewTimelineOf(m *graph.Model, party, demand int, person string, until graph.Date) []TimelineEntry {
	type dated struct {
		party, demand int
		entry         graph.Entry
		prev          *graph.Entry
	}
	var list []dated
	m.Recorded(func(p, d int, h []graph.Entry) {
		if (party >= 0 && p != party) || (demand >= 0 && d != demand) {
			return
		}
		for i, e := range h {
			if e.AsOf.IsZero() || !e.AsOf.In(until) || (person != "" && !Concerns(e, person)) {
				continue
			}
			te := dated{party: p, demand: d, entry: e}
			if i > 0 {
				te.prev = &h[i-1]
			}
			list = append(list, te)
		}
	})
	slices.SortStableFunc(list, func(x, y dated) int {
		return cmp.Or(x.entry.AsOf.Compare(y.entry.AsOf), cmp.Compare(x.party, y.party), cmp.Compare(x.demand, y.demand))
	})
	out := make([]TimelineEntry, 0, len(list))
	for _, te := range list {
		e := te.entry
		j := TimelineEntry{Date: e.AsOf.String(), Party: m.Parties()[te.party].ID, Demand: m.Demands()[te.demand].ID,
			Stance: e.Position.String(), Strength: strengthOf(e), By: e.By, Evidence: e.EvidenceKind(),
			About: nonNil(e.About), Inferred: e.Inferred, Quote: e.Quote, Source: e.Source,
			Condition: nonNil(e.Condition), Note: e.Note, PartyName: m.Parties()[te.party].Name, DemandName: m.Demands()[te.demand].Name}
		if e.By != "" {
			j.ByName = m.PersonName(te.party, e.By)
		}
		if te.prev != nil {
			j.Previous = &Previous{te.prev.Position.String(), strengthOf(*te.prev)}
		}
		out = append(out, j)
	}
	return out
}

// strengthOf is an entry's strength, "" when it records no stance.
func strengthOf(e graph.Entry) string {
	if e.Position == graph.Unknown {
		return ""
	}
	return e.Strength.String()
}

// Concerns reports whether an entry is a person's words (by) or the
// source's report about them (about).
func Concerns(e graph.Entry, person string) bool {
	return e.By == person || slices.Contains(e.About, person)
}
