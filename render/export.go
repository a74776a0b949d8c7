package render

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/internal/exportrefs"
)

// JSONVersion is the version of the JSON export's schema (README: "JSON
// export"). It grows when a field changes meaning or goes away, not when
// one is added.
const JSONVersion = 1

type jsonSource struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	URL       string `json:"url"`
	Published string `json:"published"`
}

type jsonPerson struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type jsonPersonFull struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Role    string   `json:"role"`
	Party   string   `json:"party"`
	Aliases []string `json:"aliases"`
}

type jsonParty struct {
	ID          string       `json:"id"`
	Name        string       `json:"name"`
	Description string       `json:"description"`
	Aliases     []string     `json:"aliases"`
	People      []jsonPerson `json:"people"`
}

type jsonDemand struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	RaisedBy    string   `json:"raised_by"`
	Tags        []string `json:"tags"`
	Excludes    []string `json:"excludes"`
	Date        string   `json:"date"`
	Issue       string   `json:"issue"`
}

// EntryJSON is one stance entry as parley's JSON carries it, in the
// export and in every command's --format json alike: the position, its
// strength (empty when there is no stance), the speaker's id and full name,
// whose words the quote is (evidence: "said", "reported" for the source's
// narration, "" for a bare position) and whom a report concerns, whether
// the position is the analyst's inference, the quote, source, date, the
// demands it waits on and the note. Every field is always present; the
// README documents them.
type EntryJSON struct {
	Stance    string   `json:"stance"`
	Strength  string   `json:"strength"`
	By        string   `json:"by"`
	ByName    string   `json:"by_name"`
	Evidence  string   `json:"evidence"`
	About     []string `json:"about"`
	Inferred  bool     `json:"inferred"`
	Quote     string   `json:"quote"`
	Source    string   `json:"source"`
	AsOf      string   `json:"as_of"`
	Condition []string `json:"condition"`
	Note      string   `json:"note"`
}

// NewEntryJSON describes e; byName is the speaker's full name, "" for none.
func NewEntryJSON(e graph.Entry, byName string) EntryJSON {
	j := EntryJSON{Stance: e.Position.String(), By: e.By, ByName: byName, Evidence: e.EvidenceKind(),
		About: nonNil(e.About), Inferred: e.Inferred, Quote: e.Quote, Source: e.Source,
		AsOf: e.AsOf.String(), Condition: nonNil(e.Condition), Note: e.Note}
	if e.Position.Known() {
		j.Strength = e.Strength.String()
	}
	return j
}

type jsonStance struct {
	Party  string `json:"party"`
	Demand string `json:"demand"`
	EntryJSON
	History []EntryJSON `json:"history"`
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// entryJSON describes an entry of party p's, without its references to
// what the model left out.
func entryJSON(m *graph.Model, refs *exportrefs.Refs, p int, e graph.Entry) EntryJSON {
	e = exportrefs.Noted(refs.Entry(e))
	byName := ""
	if e.By != "" {
		byName = m.PersonName(p, e.By)
	}
	return NewEntryJSON(e, byName)
}

// WriteJSON writes the whole model as one JSON document: the scenario's
// title, description and date, the sources, parties, people and demands, and
// every recorded stance with the entry in force at the model's date and,
// when it has more than one entry or none in force, its whole history. Field names are
// stable and every field is always present (README: "JSON export"). It
// streams, one stance at a time. Cost O(P+D+S).
//
// A model narrowed to some parties or demands loads back too: a reference
// to what it left out (the party that raised a demand, a demand a stance
// waits on, the party a quoted person speaks for) is not written; the
// people of a party left out are left out too, but for those whose words
// or whom a report concerns it keeps, who speak for no party here.
func WriteJSON(w io.Writer, m *graph.Model) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	refs := exportrefs.Of(m)
	var buf bytes.Buffer
	je := json.NewEncoder(&buf)
	je.SetEscapeHTML(false)
	enc := func(v any) {
		buf.Reset()
		if err := je.Encode(v); err != nil {
			panic(err) // only plain strings, slices and numbers are encoded
		}
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
	meta := m.Meta()
	fmt.Fprintf(bw, "{\n  \"parley\": %d,\n  \"title\": ", JSONVersion)
	enc(meta.Title)
	bw.WriteString(",\n  \"description\": ")
	enc(meta.Description)
	bw.WriteString(",\n  \"date\": ")
	enc(meta.Date.String())
	bw.WriteString(",\n  \"as_of\": ")
	enc(m.AsOf().String())
	bw.WriteString(",\n  \"sources\": [")
	for i, s := range m.Sources() {
		sep(bw, i)
		enc(jsonSource{s.ID, s.Title, s.Publisher, s.URL, s.Published.String()})
	}
	end(bw, len(m.Sources()))
	bw.WriteString(",\n  \"parties\": [")
	for i, p := range m.Parties() {
		sep(bw, i)
		j := jsonParty{ID: p.ID, Name: p.Name, Description: p.Description, Aliases: nonNil(p.Aliases), People: []jsonPerson{}}
		for _, x := range p.People {
			j.People = append(j.People, jsonPerson{x.ID, x.Name})
		}
		enc(j)
	}
	end(bw, len(m.Parties()))
	bw.WriteString(",\n  \"people\": [")
	for i, x := range refs.People() {
		sep(bw, i)
		enc(jsonPersonFull{ID: x.ID, Name: x.Name, Role: x.Role, Party: x.Party, Aliases: nonNil(x.Aliases)})
	}
	end(bw, len(refs.People()))
	bw.WriteString(",\n  \"demands\": [")
	for i, d := range m.Demands() {
		sep(bw, i)
		d, _ := refs.Demand(d)
		j := jsonDemand{ID: d.ID, Name: d.Name, Description: d.Description, RaisedBy: d.RaisedBy,
			Tags: nonNil(d.Tags), Excludes: []string{}, Date: d.Date.String(), Issue: d.Issue}
		for _, x := range m.Excludes(i) {
			j.Excludes = append(j.Excludes, m.Demands()[x].ID)
		}
		enc(j)
	}
	end(bw, len(m.Demands()))
	bw.WriteString(",\n  \"stances\": [")
	n := 0
	m.Recorded(func(p, d int, h []graph.Entry) {
		sep(bw, n)
		n++
		j := jsonStance{Party: m.Parties()[p].ID, Demand: m.Demands()[d].ID, History: []EntryJSON{}}
		s, inForce := m.Stance(p, d)
		if inForce {
			j.EntryJSON = entryJSON(m, refs, p, s.Entry)
		} else {
			j.EntryJSON = EntryJSON{Stance: graph.Unknown.String(), About: []string{}, Condition: []string{}}
		}
		// The history is there whenever the entry in force is not all of
		// it: an export at a date before a stance's only entry keeps it.
		if len(h) > 1 || !inForce {
			for _, e := range h {
				j.History = append(j.History, entryJSON(m, refs, p, e))
			}
		}
		enc(j)
	})
	end(bw, n)
	bw.WriteString("\n}\n")
	return bw.Flush()
}

func sep(w *bufio.Writer, i int) {
	if i > 0 {
		w.WriteString(",")
	}
	w.WriteString("\n    ")
}

func end(w *bufio.Writer, n int) {
	if n > 0 {
		w.WriteString("\n  ")
	}
	w.WriteString("]")
}

// matrixCell is a position in the CSV matrix: + support, - oppose,
// 0 neutral, empty unknown.
var matrixCell = map[graph.Position]string{graph.Support: "+", graph.Oppose: "-", graph.Neutral: "0", graph.Unknown: ""}

// CSVCorner is the first cell of the CSV matrix's header, over the party
// ids and beside the demand ids. It names both so that parley reads the
// file back as a matrix whatever the demands are called: a header of
// "party" and demands named demand and stance reads as a long table.
const CSVCorner = `party\demand`

// WriteCSV writes the stance matrix as CSV: a header of CSVCorner and the
// demand ids, then one row per party with +, -, 0, or nothing for no
// recorded stance. Rows and columns sorted by id. Cost O(P·D).
func WriteCSV(w io.Writer, m *graph.Model) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	row := make([]string, len(m.Demands())+1)
	row[0] = CSVCorner
	for i, d := range m.Demands() {
		row[i+1] = d.ID
	}
	if err := cw.Write(row); err != nil {
		return err
	}
	for p, party := range m.Parties() {
		row[0] = party.ID
		for d := range m.Demands() {
			row[d+1] = matrixCell[m.Position(p, d)]
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// graphmlKeys are the attributes of the GraphML export: id, for, name, type.
var graphmlKeys = [][4]string{
	{"kind", "all", "kind", "string"},
	{"label", "node", "label", "string"},
	{"description", "node", "description", "string"},
	{"aliases", "node", "aliases", "string"},
	{"raised_by", "node", "raised_by", "string"},
	{"tags", "node", "tags", "string"},
	{"date", "node", "date", "string"},
	{"issue", "node", "issue", "string"},
	{"role", "node", "role", "string"},
	{"party", "node", "party", "string"},
	{"stance", "edge", "stance", "string"},
	{"strength", "edge", "strength", "string"},
	{"weight", "edge", "weight", "double"},
	{"by", "edge", "by", "string"},
	{"by_name", "edge", "by_name", "string"},
	{"evidence", "edge", "evidence", "string"},
	{"about", "edge", "about", "string"},
	{"inferred", "edge", "inferred", "boolean"},
	{"quote", "edge", "quote", "string"},
	{"source", "edge", "source", "string"},
	{"source_url", "edge", "source_url", "string"},
	{"as_of", "edge", "as_of", "string"},
	{"condition", "edge", "condition", "string"},
	{"note", "edge", "note", "string"},
}

// WriteGraphML writes the model as GraphML for Gephi, yEd and Cytoscape:
// parties, demands and people as nodes (kind party, demand or person,
// label the name), stances as directed edges from party to demand with
// their position, strength, weight (+strength for support, −strength for
// oppose, 0 for neutral) and evidence, a speaks-for edge from each person
// to their party, and excludes as undirected edges between demands. Lists are joined with spaces. Text is XML-escaped, tabs and
// line ends as character references so that a reader gets them back as
// written; the few characters XML 1.0 cannot hold at all are dropped. Of
// a narrowed model, as WriteJSON: no attribute names what it left out.
// Cost O(P+D+S).
func WriteGraphML(w io.Writer, m *graph.Model) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	refs := exportrefs.Of(m)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, k := range graphmlKeys {
		fmt.Fprintf(bw, "  <key id=%q for=%q attr.name=%q attr.type=%q/>\n", k[0], k[1], k[2], k[3])
	}
	bw.WriteString(`  <graph id="parley" edgedefault="directed">` + "\n")
	data := func(indent, key, v string) {
		if v != "" {
			bw.WriteString(indent + `<data key="` + key + `">` + xmlData(v) + "</data>\n")
		}
	}
	for _, p := range m.Parties() {
		bw.WriteString(`    <node id="` + xmlData(partyID(p)) + `">` + "\n")
		data("      ", "kind", "party")
		data("      ", "label", name(p.Name, p.ID))
		data("      ", "description", p.Description)
		data("      ", "aliases", strings.Join(p.Aliases, " "))
		bw.WriteString("    </node>\n")
	}
	for _, d := range m.Demands() {
		d, _ := refs.Demand(d)
		bw.WriteString(`    <node id="` + xmlData(demandID(d)) + `">` + "\n")
		data("      ", "kind", "demand")
		data("      ", "label", name(d.Name, d.ID))
		data("      ", "description", d.Description)
		data("      ", "raised_by", d.RaisedBy)
		data("      ", "tags", strings.Join(d.Tags, " "))
		data("      ", "date", d.Date.String())
		data("      ", "issue", d.Issue)
		bw.WriteString("    </node>\n")
	}
	personID := personIDs(refs.People())
	for _, x := range refs.People() {
		bw.WriteString(`    <node id="` + xmlData(personID(x)) + `">` + "\n")
		data("      ", "kind", "person")
		data("      ", "label", name(x.Name, x.ID))
		data("      ", "role", x.Role)
		data("      ", "party", x.Party)
		data("      ", "aliases", strings.Join(x.Aliases, " "))
		bw.WriteString("    </node>\n")
	}
	n := 0
	for p := range m.Parties() {
		for _, s := range m.PartyStances(p) {
			s.Entry = exportrefs.Noted(refs.Entry(s.Entry))
			fmt.Fprintf(bw, "    <edge id=\"e%d\" source=\"%s\" target=\"%s\">\n", n, xmlData(partyID(m.Parties()[p])), xmlData(demandID(m.Demands()[s.Demand])))
			n++
			data("      ", "kind", "stance")
			data("      ", "stance", s.Position.String())
			data("      ", "strength", s.Strength.String())
			data("      ", "weight", strconv.Itoa(s.Position.Value()*s.Strength.Weight()))
			data("      ", "by", s.By)
			if s.By != "" {
				data("      ", "by_name", m.PersonName(p, s.By))
			}
			data("      ", "evidence", s.EvidenceKind())
			data("      ", "about", strings.Join(s.About, " "))
			if s.Inferred {
				data("      ", "inferred", "true")
			}
			data("      ", "quote", s.Quote)
			data("      ", "source", s.Source)
			if src, ok := m.Source(s.Source); ok {
				data("      ", "source_url", src.URL)
			}
			data("      ", "as_of", s.AsOf.String())
			data("      ", "condition", strings.Join(s.Condition, " "))
			data("      ", "note", s.Note)
			bw.WriteString("    </edge>\n")
		}
	}
	for _, x := range refs.People() {
		if p, ok := m.PartyIndex(x.Party); ok {
			fmt.Fprintf(bw, "    <edge id=\"e%d\" source=\"%s\" target=\"%s\">\n", n, xmlData(personID(x)), xmlData(partyID(m.Parties()[p])))
			n++
			data("      ", "kind", "speaks-for")
			bw.WriteString("    </edge>\n")
		}
	}
	for i, d := range m.Demands() {
		for _, j := range m.Excludes(i) {
			if j <= i {
				continue
			}
			fmt.Fprintf(bw, "    <edge id=\"e%d\" source=\"%s\" target=\"%s\" directed=\"false\">\n", n, xmlData(demandID(d)), xmlData(demandID(m.Demands()[j])))
			n++
			data("      ", "kind", "excludes")
			bw.WriteString("    </edge>\n")
		}
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

// personIDs returns the GraphML node id of each person: "x:" and their id,
// with their party's too ("x:us/spokesperson") when people of several
// parties share the id.
func personIDs(ps []graph.Person) func(graph.Person) string {
	shared := map[string]bool{}
	for i := 1; i < len(ps); i++ {
		if ps[i].ID == ps[i-1].ID {
			shared[ps[i].ID] = true
		}
	}
	return func(x graph.Person) string {
		if shared[x.ID] {
			return "x:" + x.Party + "/" + x.ID
		}
		return "x:" + x.ID
	}
}

// xmlData escapes text for XML content and attribute values in a data
// export. Unlike xmlText, which cleans labels for a picture, it keeps
// tabs and carriage returns, as character references that an XML reader
// returns unchanged (a raw CR would be read back as a line feed). Only
// what XML 1.0 cannot carry at all (other C0 controls, U+FFFE, U+FFFF,
// invalid UTF-8) is dropped.
func xmlData(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&#39;")
		case r == '\n':
			b.WriteString("&#10;")
		case r == '\r':
			b.WriteString("&#13;")
		case r == '\t':
			b.WriteString("&#9;")
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
