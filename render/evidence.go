package render

import (
	"strings"

	"github.com/parley/parley/graph"
)

// ReportSpeaker is what text output shows in place of a speaker for words
// that are the source's own narration.
const ReportSpeaker = "report"

// Speaker names whose words an entry of party p's stance quotes, short
// enough for a table column: the person who said them (with their party
// when it is another: "Volodymyr Zelenskyy (Ukraine)"), the party when the
// source gives them as its own without naming anyone, "report" when they
// are the source's narration, "" for a bare position with no words.
func Speaker(m *graph.Model, p int, e graph.Entry) string {
	switch {
	case e.IsSaid() && e.By != "":
		name := m.PersonName(p, e.By)
		if x, ok := m.PersonOf(p, e.By); ok && x.Party != "" && x.Party != m.Parties()[p].ID {
			if q, ok := m.PartyIndex(x.Party); ok {
				name += " (" + m.Parties()[q].Name + ")"
			}
		}
		return name
	case e.IsSaid():
		return m.Parties()[p].Name
	case e.Quote != "":
		return ReportSpeaker
	}
	return ""
}

// Attribution is Speaker with whom a report concerns: "report about
// Vladimir Putin and Donald Trump".
func Attribution(m *graph.Model, p int, e graph.Entry) string {
	s := Speaker(m, p, e)
	if s == ReportSpeaker && len(e.About) > 0 {
		s += " about " + AboutNames(m, p, e)
	}
	return s
}

// AboutNames lists the names of the people a report concerns: "A", "A
// and B", "A, B and C".
func AboutNames(m *graph.Model, p int, e graph.Entry) string {
	names := make([]string, len(e.About))
	for i, x := range e.About {
		names[i] = m.PersonName(p, x)
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
