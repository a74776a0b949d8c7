package main

import (
	"fmt"
	"strings"

	"github.com/parley/parley/graph"
)

// stanceJSON is one stance in JSON output. ID and Name are the other end of
// the stance: the party in who and demand output, the demand in party output.
// Every field is always present; the README documents them.
type stanceJSON struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Stance    string   `json:"stance"`
	Strength  string   `json:"strength"`
	By        string   `json:"by"`
	ByName    string   `json:"by_name"`
	Quote     string   `json:"quote"`
	Source    string   `json:"source"`
	AsOf      string   `json:"as_of"`
	Condition []string `json:"condition"`
	Note      string   `json:"note"`
}

// partyStanceJSON describes stance s from its demand's side: the party.
func partyStanceJSON(m *graph.Model, s graph.Stance) stanceJSON {
	p := m.Parties()[s.Party]
	return fillStance(m, s, p.ID, p.Name)
}

// demandStanceJSON describes stance s from its party's side: the demand.
func demandStanceJSON(m *graph.Model, s graph.Stance) stanceJSON {
	d := m.Demands()[s.Demand]
	return fillStance(m, s, d.ID, d.Name)
}

func fillStance(m *graph.Model, s graph.Stance, id, name string) stanceJSON {
	j := stanceJSON{ID: id, Name: name, Stance: s.Position.String(), By: s.By, Quote: s.Quote,
		Source: s.Source, AsOf: s.AsOf.String(), Condition: nonNil(s.Condition), Note: s.Note}
	if s.Position.Known() {
		j.Strength = s.Strength.String()
	}
	if s.By != "" {
		j.ByName = m.PersonName(s.Party, s.By)
	}
	return j
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
