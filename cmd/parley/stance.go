package main

import (
	"fmt"
	"strings"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render"
)

// stanceJSON is one stance in JSON output. ID and Name are the other end of
// the stance: the party in who and demand output, the demand in party output.
type stanceJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	render.EntryJSON
}

// partyStanceJSON describes stance s from its demand's side: the party.
func partyStanceJSON(m *graph.Model, s graph.Stance) stanceJSON {
	p := m.Parties()[s.Party]
	return stanceJSON{ID: p.ID, Name: p.Name, EntryJSON: render.NewEntryJSON(s.Entry, speaker(m, s))}
}

// demandStanceJSON describes stance s from its party's side: the demand.
func demandStanceJSON(m *graph.Model, s graph.Stance) stanceJSON {
	d := m.Demands()[s.Demand]
	return stanceJSON{ID: d.ID, Name: d.Name, EntryJSON: render.NewEntryJSON(s.Entry, speaker(m, s))}
}

// csvStanceHeader and csvStanceRow are the CSV form of stances, one per row.
var csvStanceHeader = []string{"party", "demand", "stance", "strength", "by", "quote", "source", "as_of", "condition", "note"}

func csvStanceRow(m *graph.Model, s graph.Stance) []string {
	strength := ""
	if s.Position.Known() {
		strength = s.Strength.String()
	}
	return []string{m.Parties()[s.Party].ID, m.Demands()[s.Demand].ID, s.Position.String(), strength,
		s.By, s.Quote, s.Source, s.AsOf.String(), strings.Join(s.Condition, " "), s.Note}
}

// evidence is the one-line account of a stance for text output:
// Speaker: “quote” (source, date).
func evidence(m *graph.Model, s graph.Stance) string {
	var b strings.Builder
	if s.By != "" {
		b.WriteString(m.PersonName(s.Party, s.By))
		if s.Quote != "" {
			b.WriteString(": ")
		}
	}
	if s.Quote != "" {
		fmt.Fprintf(&b, "“%s”", s.Quote)
	}
	var meta []string
	if s.Source != "" {
		meta = append(meta, s.Source)
	}
	if !s.AsOf.IsZero() {
		meta = append(meta, s.AsOf.String())
	}
	if len(meta) > 0 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "(%s)", strings.Join(meta, ", "))
	}
	return sanitize(b.String(), false)
}

// speaker is the name of who said a stance, or "".
func speaker(m *graph.Model, s graph.Stance) string {
	if s.By == "" {
		return ""
	}
	return m.PersonName(s.Party, s.By)
}
