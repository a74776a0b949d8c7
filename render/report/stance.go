package report

import (
	"github.com/parley/parley/graph"
	"github.com/parley/parley/render"
)

// Stance is one stance seen from one of its ends. ID and Name are the other
// end: the party in a demand's answers (who, demand), the demand in a
// party's.
type Stance struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	render.EntryJSON
}

// StanceRef is a stance named by both its ends, as the explanations of the
// analyses carry them.
type StanceRef struct {
	Party  string `json:"party"`
	Demand string `json:"demand"`
	render.EntryJSON
}

// PartyStance describes stance s from its demand's side: the party.
func PartyStance(m *graph.Model, s graph.Stance) Stance {
	p := m.Parties()[s.Party]
	return Stance{ID: p.ID, Name: p.Name, EntryJSON: render.NewEntryJSON(s.Entry, speaker(m, s))}
}

// DemandStance describes stance s from its party's side: the demand.
func DemandStance(m *graph.Model, s graph.Stance) Stance {
	d := m.Demands()[s.Demand]
	return Stance{ID: d.ID, Name: d.Name, EntryJSON: render.NewEntryJSON(s.Entry, speaker(m, s))}
}

// NewStanceRef describes stance s by its party and its demand.
func NewStanceRef(m *graph.Model, s graph.Stance) StanceRef {
	return StanceRef{Party: m.Parties()[s.Party].ID, Demand: m.Demands()[s.Demand].ID,
		EntryJSON: render.NewEntryJSON(s.Entry, speaker(m, s))}
}

// StancesOn returns the stances of the parties on the demands, by demand,
// then party; parties without one are left out. Never nil.
func StancesOn(m *graph.Model, parties, demands []int) []StanceRef {
	out := []StanceRef{}
	for _, d := range demands {
		for _, p := range parties {
			if s, ok := m.Stance(p, d); ok {
				out = append(out, NewStanceRef(m, s))
			}
		}
	}
	return out
}

// speaker is the name of who said a stance, or "".
func speaker(m *graph.Model, s graph.Stance) string {
	if s.By == "" {
		return ""
	}
	return m.PersonName(s.Party, s.By)
}
