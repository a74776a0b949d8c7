package main

import (
	"fmt"
	"strings"

	"github.com/parley/parley/graph"
)

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
