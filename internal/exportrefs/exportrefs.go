// Package exportrefs keeps a written scenario self-contained. A model
// narrowed to some parties or demands (graph.Model.Select) still carries
// references to what it left out — a demand raised by a party no longer in
// it, a condition on a demand no longer in it, people who speak for a party
// no longer in it — and a file naming them would not load back. The
// exporters of data and render ask this package which people to write and
// write every demand and stance entry through it, so that each reference
// names something the file holds.
package exportrefs

import (
	"slices"
	"strings"

	"github.com/parley/parley/graph"
)

// Refs is what one export of a model may refer to.
type Refs struct {
	m      *graph.Model
	people []graph.Person
	// formerParty holds, by person id, the party a person spoke for that the
	// model left out; they are written speaking for no party.
	formerParty map[string]string
}

// Of works out what an export of m holds: its parties, demands and sources,
// and the people of m who speak for one of its parties or for none, or whom
// one of its stance entries cites (by or about) — those of a party left out
// are kept for their words, written speaking for no party, since dropping
// them would credit their words to nobody or to the party. Cost O(S) for S
// stance entries.
func Of(m *graph.Model) *Refs {
	r := &Refs{m: m}
	kept := func(x graph.Person) bool { return x.Party == "" || r.hasParty(x.Party) }
	var cited map[string]bool
	if slices.ContainsFunc(m.People(), func(x graph.Person) bool { return !kept(x) }) {
		cited = map[string]bool{}
		m.Recorded(func(p, _ int, h []graph.Entry) {
			for _, e := range h {
				for _, id := range e.About {
					r.cite(cited, p, id, kept)
				}
				if e.By != "" {
					r.cite(cited, p, e.By, kept)
				}
			}
		})
	}
	for _, x := range m.People() {
		switch {
		case kept(x):
			r.people = append(r.people, x)
		case cited[x.ID]:
			if r.formerParty == nil {
				r.formerParty = map[string]string{}
			}
			r.formerParty[x.ID] = x.Party
			x.Party = ""
			r.people = append(r.people, x)
		}
	}
	return r
}

// cite marks the person the stances of party p call id, when the export
// would not otherwise hold them.
func (r *Refs) cite(cited map[string]bool, p int, id string, kept func(graph.Person) bool) {
	if x, ok := r.m.PersonOf(p, id); ok && !kept(x) {
		cited[x.ID] = true
	}
}

func (r *Refs) hasParty(id string) bool {
	_, ok := r.m.PartyIndex(id)
	return ok
}

func (r *Refs) hasDemand(id string) bool {
	_, ok := r.m.DemandIndex(id)
	return ok
}

// People returns the people to write, in the model's order (by id); those
// whose party was left out speak for no party. The slice is shared: do not
// modify it.
func (r *Refs) People() []graph.Person { return r.people }

// FormerParty returns the party a written person spoke for in the scenario
// before it was narrowed, when that party was left out; "" otherwise.
func (r *Refs) FormerParty(id string) string { return r.formerParty[id] }

// Dropped is a reference an export leaves out: the scenario file's key
// for it and the ids it named.
type Dropped struct {
	Key string // raised_by, excludes, source or condition
	IDs []string
}

// Demand returns d without its references to what the model left out (the
// party that raised it, the demands it excludes), and those it dropped.
func (r *Refs) Demand(d graph.Demand) (graph.Demand, []Dropped) {
	var dropped []Dropped
	if d.RaisedBy != "" && !r.hasParty(d.RaisedBy) {
		dropped = append(dropped, Dropped{"raised_by", []string{d.RaisedBy}})
		d.RaisedBy = ""
	}
	if keep, out := r.split(d.Excludes); out != nil {
		dropped = append(dropped, Dropped{"excludes", out})
		d.Excludes = keep
	}
	return d, dropped
}

// split parts demand ids into those the model holds and those it left out;
// out is nil when it left none out.
func (r *Refs) split(ids []string) (keep, out []string) {
	if !slices.ContainsFunc(ids, func(id string) bool { return !r.hasDemand(id) }) {
		return ids, nil
	}
	for _, id := range ids {
		if r.hasDemand(id) {
			keep = append(keep, id)
		} else {
			out = append(out, id)
		}
	}
	return keep, out
}

// Entry returns a stance entry without its references to what the model
// left out (a source, the demands it waits on), and those it dropped. The
// people it cites (by, about) are always among People.
func (r *Refs) Entry(e graph.Entry) (graph.Entry, []Dropped) {
	if len(e.Condition) == 0 && e.Source == "" {
		return e, nil
	}
	var dropped []Dropped
	if e.Source != "" {
		if _, ok := r.m.Source(e.Source); !ok {
			dropped = append(dropped, Dropped{"source", []string{e.Source}})
			e.Source = ""
		}
	}
	if keep, out := r.split(e.Condition); out != nil {
		dropped = append(dropped, Dropped{"condition", out})
		e.Condition = keep
	}
	return e, dropped
}

// Noted returns e with what Entry dropped from it said in its note, for
// formats with no place for a remark beside a field (JSON, GraphML): a
// conditional stance must not read as unconditional, nor quoted words as
// unsourced, because the demand or source they name was left out.
func Noted(e graph.Entry, dropped []Dropped) graph.Entry {
	for _, d := range dropped {
		var what string
		switch d.Key {
		case "condition":
			what = "Conditional on " + strings.Join(d.IDs, ", ") + ", not in this file."
		case "source":
			what = "Source: " + strings.Join(d.IDs, ", ") + ", not in this file."
		default:
			continue
		}
		if e.Note == "" {
			e.Note = what
		} else {
			e.Note += " " + what
		}
	}
	return e
}
