package report

import "github.com/parley/parley/graph"

// Sources is the answer of sources: every source with the stance entries
// that cite it, and the entries that cite none.
type Sources struct {
	// AsOf is the date the stances are resolved at: --as-of, or "" for
	// the latest.
	AsOf      string     `json:"as_of"`
	Sources   []Source   `json:"sources"`
	Unsourced []Citation `json:"unsourced"`
}

// Source is one source of the scenario and the entries that cite it.
type Source struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Publisher string     `json:"publisher"`
	URL       string     `json:"url"`
	Published string     `json:"published"`
	Stances   []Citation `json:"stances"`
}

// Citation is one stance entry as a source's list carries it.
type Citation struct {
	Party    string   `json:"party"`
	Demand   string   `json:"demand"`
	Stance   string   `json:"stance"`
	AsOf     string   `json:"as_of"`
	By       string   `json:"by"`
	Evidence string   `json:"evidence"`
	About    []string `json:"about"`
	Quote    string   `json:"quote"`
}

// NewSources lists the sources of m in its order, each with every entry
// of every history that cites it, whatever the model's date, and then the
// entries that cite none; an entry that ends a stance (no stance) and
// cites no source is left out.
func NewSources(m *graph.Model) Sources { return NewSourcesOf(m, "") }

// NewSourcesOf is NewSources for the entries of one person: their words
// and the source's reports about them; person "" takes every entry.
func NewSourcesOf(m *graph.Model, person string) Sources {
	cites := map[string][]Citation{}
	var unsourced []Citation
	m.Recorded(func(p, d int, h []graph.Entry) {
		for _, e := range h {
			if (e.Position == graph.Unknown && e.Source == "") || (person != "" && !Concerns(e, person)) {
				continue
			}
			c := Citation{Party: m.Parties()[p].ID, Demand: m.Demands()[d].ID, Stance: e.Position.String(),
				AsOf: e.AsOf.String(), By: e.By, Evidence: e.EvidenceKind(), About: nonNil(e.About), Quote: e.Quote}
			if e.Source == "" {
				unsourced = append(unsourced, c)
				continue
			}
			cites[e.Source] = append(cites[e.Source], c)
		}
	})
	out := Sources{AsOf: m.AsOf().String(), Sources: []Source{}, Unsourced: nonNil(unsourced)}
	for _, s := range m.Sources() {
		out.Sources = append(out.Sources, Source{ID: s.ID, Title: s.Title, Publisher: s.Publisher, URL: s.URL,
			Published: s.Published.String(), Stances: nonNil(cites[s.ID])})
	}
	return out
}
