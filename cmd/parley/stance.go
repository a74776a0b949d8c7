package main

import (
	"fmt"
	"strings"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render"
)

// csvStanceHeader and csvStanceRow are the CSV form of stances, one per
// row; the columns added since the first ones come last, so that scripts
// reading columns by place keep working.
var csvStanceHeader = []string{"party", "demand", "stance", "strength", "by", "quote", "source", "as_of", "condition", "note",
	"evidence", "about", "inferred"}

func csvStanceRow(m *graph.Model, s graph.Stance) []string {
	strength := ""
	if s.Position.Known() {
		strength = s.Strength.String()
	}
	inferred := ""
	if s.Inferred {
		inferred = "true"
	}
	return []string{m.Parties()[s.Party].ID, m.Demands()[s.Demand].ID, s.Position.String(), strength,
		s.By, s.Quote, s.Source, s.AsOf.String(), strings.Join(s.Condition, " "), s.Note,
		s.EvidenceKind(), strings.Join(s.About, " "), inferred}
}

// evidence is the one-line account of a stance for text output, saying
// whose words the quote is: Speaker: “quote” (source, date) for a speaker's
// words, report about Someone: “quote” (source, date) for the source's own
// narration, and "inferred" when the position is the analyst's reading.
func evidence(m *graph.Model, s graph.Stance) string {
	var b strings.Builder
	if who := render.Attribution(m, s.Party, s.Entry); who != "" {
		b.WriteString(who)
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
	if s.Inferred {
		meta = append(meta, "inferred")
	}
	if len(meta) > 0 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "(%s)", strings.Join(meta, ", "))
	}
	return sanitize(b.String(), false)
}

// speaker names whose words a stance quotes, for a table column: a
// person, the party, "report" for the source's narration, or "".
func speaker(m *graph.Model, s graph.Stance) string { return render.Speaker(m, s.Party, s.Entry) }
