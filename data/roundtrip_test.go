package data

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render"
)

// The round trips parley offers — YAML, JSON and CSV out and back in, and
// GraphML out to XML readers — are checked here on generated scenarios
// whose every text is hostile: the characters that YAML, CSV, XML and
// spreadsheets treat specially, line breaks, controls, and words of every
// script; ids of every script too, and ids named like the CSV columns.

// hostilePieces are what hostile text is made of.
var hostilePieces = []string{
	",", `"`, "'", ":", ": ", " #", "#", "[", "]", "{", "}", "\n", "\r\n", "\r", "\t", "- ", "-", "? ", "?",
	"&", "*", "!", "|", ">", "%", "@", "`", `\`, `\N`, `\\`, "<script>", "&amp;", "&#1;", "=SUM(A1)", "+1", "=",
	"yes", "no", "null", "~", "true", "2025-02-17", "1e3", "0x1F", ".5", " ", "  ", "...", "---", "\x07", "\x1b[31m",
	"\x00", "\u2028", "\u200b", "\ufeff", "\u202e", "\uFFFD", "\U0001F30D", "🇷🇺", "e\u0301",
	"Россия", "中华人民共和国", "مصر", "हिन्दी", "ქართული", "Ελλάδα", "עברית", "ไทย", "日本語", "한국어", "Côte d’Ivoire",
	"µ", "Straße", "İstanbul", "ǅ", "Washington, DC", "peace", "talks", "plain words",
}

// hostileText makes a text of up to four pieces; never empty unless empty is
// allowed.
func hostileText(r *rand.Rand, empty bool) string {
	n := r.IntN(5)
	if n == 0 && !empty {
		n = 1
	}
	var b strings.Builder
	for range n {
		b.WriteString(hostilePieces[r.IntN(len(hostilePieces))])
	}
	return b.String()
}

// idMaker makes unique ids from hostile names.
type idMaker map[string]bool

func (m idMaker) id(r *rand.Rand, name string) string {
	id := graph.Slug(name)
	switch r.IntN(8) {
	case 0:
		id = []string{"party", "demand", "stance", "true", "2025", "null", "name", "yes"}[r.IntN(8)]
	case 1:
		id = strings.Repeat("long-", 210) + "id" // past YAML's 1024 for a key
	}
	if id == "" {
		id = "x"
	}
	base := id
	for i := 2; m[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	m[id] = true
	return id
}

var someDates = []string{"1946", "2020-05", "2022-02-24", "2024-12-01", "2025-02", "2025-02-18"}

// hostileModel generates a scenario from seed.
func hostileModel(seed uint64) *graph.Model {
	r := rand.New(rand.NewPCG(seed, 0x7e57))
	b := graph.NewBuilder()
	date := func() graph.Date {
		if r.IntN(3) == 0 {
			return graph.Date{}
		}
		return graph.MustDate(someDates[r.IntN(len(someDates))])
	}
	b.SetMeta(graph.Meta{Title: hostileText(r, true), Description: hostileText(r, true), Date: date()})
	ids := idMaker{}
	var sources []string
	for range r.IntN(3) {
		s := graph.Source{ID: ids.id(r, hostileText(r, false)), Title: hostileText(r, true), Publisher: hostileText(r, true),
			URL: []string{"", "https://example.org/a?b=1&c=" + hostileText(r, true), hostileText(r, true)}[r.IntN(3)], Published: date()}
		sources = append(sources, s.ID)
		b.AddSource(s)
	}
	type party struct {
		id     string
		people []string
	}
	var parties []party
	for range 1 + r.IntN(5) {
		name := hostileText(r, false)
		p := graph.Party{ID: ids.id(r, name), Name: name, Description: hostileText(r, true)}
		for range r.IntN(3) {
			p.Aliases = append(p.Aliases, hostileText(r, false))
		}
		people := ids // person ids are the scenario's, like the others
		for range r.IntN(3) {
			who := hostileText(r, false)
			x := graph.Person{ID: people.id(r, who), Name: who, Role: hostileText(r, true)}
			for range r.IntN(2) {
				x.Aliases = append(x.Aliases, hostileText(r, false))
			}
			p.People = append(p.People, x)
		}
		var pp []string
		for _, x := range p.People {
			pp = append(pp, x.ID)
		}
		parties = append(parties, party{p.ID, pp})
		b.AddParty(p)
	}
	var demands []string
	nd := 1 + r.IntN(5)
	for range nd {
		demands = append(demands, ids.id(r, hostileText(r, false)))
	}
	for i, id := range demands {
		d := graph.Demand{ID: id, Name: hostileText(r, false), Description: hostileText(r, true), Date: date()}
		if r.IntN(3) == 0 {
			d.RaisedBy = parties[r.IntN(len(parties))].id
		}
		for range r.IntN(3) {
			d.Tags = append(d.Tags, hostileText(r, false))
		}
		if j := r.IntN(nd); j != i && r.IntN(3) == 0 && !slices.Contains(d.Excludes, demands[j]) {
			d.Excludes = append(d.Excludes, demands[j])
		}
		if r.IntN(3) == 0 {
			d.Issue = "issue-" + strconv.Itoa(r.IntN(2))
		}
		b.AddDemand(d)
	}
	positions := []graph.Position{graph.Support, graph.Oppose, graph.Neutral}
	entry := func(p party, d int) graph.Entry {
		e := graph.Entry{Position: positions[r.IntN(3)], Strength: graph.Strength(1 + r.IntN(3))}
		if r.IntN(2) == 0 {
			return e
		}
		e.Quote, e.Note = hostileText(r, true), hostileText(r, true)
		// Evidence as a file can say it: left to Build (Said with a
		// speaker, else Reported), or said by the party's unnamed officials.
		switch {
		case len(p.people) > 0 && r.IntN(2) == 0:
			e.By = p.people[r.IntN(len(p.people))]
		case len(p.people) > 0 && r.IntN(2) == 0:
			e.About = []string{p.people[r.IntN(len(p.people))]}
		case e.Quote != "" && r.IntN(2) == 0:
			e.Evidence = graph.Said
		}
		e.Inferred = r.IntN(5) == 0
		if len(sources) > 0 && r.IntN(2) == 0 {
			e.Source = sources[r.IntN(len(sources))]
		}
		if j := r.IntN(nd); j != d && r.IntN(4) == 0 {
			e.Condition = []string{demands[j]}
		}
		return e
	}
	for _, p := range parties {
		for d, id := range demands {
			switch r.IntN(4) {
			case 0: // no stance
			case 1: // a history
				var h []graph.Entry
				for _, k := range r.Perm(len(someDates))[:1+r.IntN(3)] {
					e := entry(p, d)
					e.AsOf = graph.MustDate(someDates[k])
					h = append(h, e)
				}
				slices.SortFunc(h, func(a, b graph.Entry) int { return a.AsOf.Compare(b.AsOf) })
				h = slices.CompactFunc(h, func(a, b graph.Entry) bool { return a.AsOf.Compare(b.AsOf) == 0 })
				if len(h) > 1 && r.IntN(3) == 0 {
					h[len(h)-1] = graph.Entry{Position: graph.Unknown, Strength: graph.DefaultStrength, AsOf: h[len(h)-1].AsOf}
				}
				b.AddStance(p.id, id, h...)
			default:
				b.AddStance(p.id, id, entry(p, d))
			}
		}
	}
	m, err := b.Build()
	if err != nil {
		panic(fmt.Sprintf("seed %d: %v", seed, err))
	}
	return m
}

// modelDifference says where two models differ first.
func modelDifference(a, b *graph.Model) string {
	if !reflect.DeepEqual(a.Meta(), b.Meta()) {
		return fmt.Sprintf("meta %#v, back %#v", a.Meta(), b.Meta())
	}
	for _, f := range []struct {
		what string
		x, y any
	}{{"sources", a.Sources(), b.Sources()}, {"parties", a.Parties(), b.Parties()}, {"demands", a.Demands(), b.Demands()}} {
		xs, ys := reflect.ValueOf(f.x), reflect.ValueOf(f.y)
		if xs.Len() != ys.Len() {
			return fmt.Sprintf("%d %s, back %d", xs.Len(), f.what, ys.Len())
		}
		for i := range xs.Len() {
			if !reflect.DeepEqual(xs.Index(i).Interface(), ys.Index(i).Interface()) {
				return fmt.Sprintf("%s: %#v, back %#v", f.what, xs.Index(i).Interface(), ys.Index(i).Interface())
			}
		}
	}
	for p := range a.Parties() {
		for d := range a.Demands() {
			if !reflect.DeepEqual(a.History(p, d), b.History(p, d)) {
				return fmt.Sprintf("stance %d %d: %#v, back %#v", p, d, a.History(p, d), b.History(p, d))
			}
		}
	}
	return "nothing"
}

// sameAnswers compares what parley concludes from two models.
func sameAnswers(t *testing.T, what string, a, b *graph.Model) {
	t.Helper()
	if d := graph.DiffModels(a, b); !d.Empty() {
		t.Errorf("%s: the stances in force differ: %+v", what, d)
	}
	all := func(m *graph.Model) []int {
		var ps []int
		for p := range m.Parties() {
			ps = append(ps, p)
		}
		return ps
	}
	if !reflect.DeepEqual(graph.Pairs(a, all(a)), graph.Pairs(b, all(b))) {
		t.Errorf("%s: the pairs differ", what)
	}
	sa, sb := graph.Summarize(a, graph.SummaryOptions{}), graph.Summarize(b, graph.SummaryOptions{})
	sa.Meta, sb.Meta = graph.Meta{}, graph.Meta{}
	sa.RedLines, sb.RedLines = nil, nil // stances carry evidence CSV does not
	if !reflect.DeepEqual(sa, sb) {
		t.Errorf("%s: the summaries differ", what)
	}
}

// yamlRoundTrip: export, import, export gives the same bytes and model.
func yamlRoundTrip(t *testing.T, m *graph.Model) {
	t.Helper()
	var one, two bytes.Buffer
	if err := WriteScenario(&one, m); err != nil {
		t.Fatal(err)
	}
	l, err := Parse("export.yaml", one.Bytes(), Options{})
	if err != nil {
		t.Fatalf("the YAML export does not load: %v\n%s", err, one.String())
	}
	if !sameModel(m, l.Model) {
		t.Fatalf("the YAML export loads to another model: %s\n%s", modelDifference(m, l.Model), one.String())
	}
	if err := WriteScenario(&two, l.Model); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(one.Bytes(), two.Bytes()) {
		t.Fatalf("the YAML export of the loaded export differs")
	}
	sameAnswers(t, "YAML", m, l.Model)
}

// csvRoundTrip: the stance matrix reads back as a matrix with the same ids
// and positions, and writes the same bytes again.
func csvRoundTrip(t *testing.T, m *graph.Model) {
	t.Helper()
	var one, two bytes.Buffer
	if err := render.WriteCSV(&one, m); err != nil {
		t.Fatal(err)
	}
	if len(m.Parties()) == 0 || len(m.Demands()) == 0 {
		return // a matrix needs both: the table would be empty
	}
	l, err := ParseCSV("export.csv", one.Bytes(), Options{})
	if err != nil {
		t.Fatalf("the CSV export does not load: %v\n%s", err, one.String())
	}
	if err := render.WriteCSV(&two, l.Model); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(one.Bytes(), two.Bytes()) {
		t.Fatalf("the CSV export of the loaded export differs:\n%s\n%s", one.String(), two.String())
	}
	back := l.Model
	for p, party := range m.Parties() {
		q, ok := back.PartyIndex(party.ID)
		if !ok {
			t.Fatalf("party %q is lost", party.ID)
		}
		for d, dm := range m.Demands() {
			e, ok := back.DemandIndex(dm.ID)
			if !ok {
				t.Fatalf("demand %q is lost", dm.ID)
			}
			if m.Position(p, d) != back.Position(q, e) {
				t.Fatalf("%s on %s: %v, back %v", party.ID, dm.ID, m.Position(p, d), back.Position(q, e))
			}
		}
	}
	// Positions are all the matrix holds: strengths, dates and evidence go.
	b := graph.NewBuilder()
	for _, p := range m.Parties() {
		b.AddParty(graph.Party{ID: p.ID, Name: p.ID})
	}
	for _, d := range m.Demands() {
		b.AddDemand(graph.Demand{ID: d.ID, Name: d.ID})
	}
	for p, party := range m.Parties() {
		for d, dm := range m.Demands() {
			if pos := m.Position(p, d); pos != graph.Unknown {
				b.AddStance(party.ID, dm.ID, graph.Entry{Position: pos, Strength: graph.DefaultStrength})
			}
		}
	}
	positions, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	sameAnswers(t, "CSV", positions, back)
}

// jsonRoundTrip: the JSON export loads back to the same model and writes
// the same bytes again.
func jsonRoundTrip(t *testing.T, m *graph.Model) {
	t.Helper()
	var one, two bytes.Buffer
	if err := render.WriteJSON(&one, m); err != nil {
		t.Fatal(err)
	}
	l, err := Parse("export.json", one.Bytes(), Options{})
	if err != nil {
		t.Fatalf("the JSON export does not load: %v\n%s", err, one.String())
	}
	// The JSON export lists each demand's exclusions both ways, as the
	// model resolves them, where a file lists them once: the same model.
	if a, b := asResolved(m), asResolved(l.Model); !sameModel(a, b) {
		t.Fatalf("the JSON export loads to another model: %s", modelDifference(a, b))
	}
	if err := render.WriteJSON(&two, l.Model); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(one.Bytes(), two.Bytes()) {
		t.Fatalf("the JSON export of the loaded export differs")
	}
	sameAnswers(t, "JSON", m, l.Model)
}

// asResolved is m with each demand's exclusions as the model resolves
// them: both ways, sorted by id.
func asResolved(m *graph.Model) *graph.Model {
	b := graph.NewBuilder()
	b.SetMeta(m.Meta())
	for _, s := range m.Sources() {
		b.AddSource(s)
	}
	for _, p := range m.Parties() {
		b.AddParty(p)
	}
	for _, x := range m.People() {
		if x.Party == "" {
			b.AddPerson(x)
		}
	}
	for i, d := range m.Demands() {
		d.Excludes = nil
		for _, j := range m.Excludes(i) {
			d.Excludes = append(d.Excludes, m.Demands()[j].ID)
		}
		b.AddDemand(d)
	}
	m.Recorded(func(p, d int, h []graph.Entry) {
		b.AddStance(m.Parties()[p].ID, m.Demands()[d].ID, h...)
	})
	out, err := b.Build()
	if err != nil {
		panic(err)
	}
	return out
}

// graphmlReadBack: the GraphML is XML that gives back every text of the
// model, as far as XML 1.0 can hold it, and writing it again is the same.
func graphmlReadBack(t *testing.T, m *graph.Model) {
	t.Helper()
	var one, two bytes.Buffer
	if err := render.WriteGraphML(&one, m); err != nil {
		t.Fatal(err)
	}
	if err := render.WriteGraphML(&two, m); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(one.Bytes(), two.Bytes()) {
		t.Fatal("GraphML is not the same twice")
	}
	type data struct {
		Key  string `xml:"key,attr"`
		Text string `xml:",chardata"`
	}
	type elem struct {
		ID     string `xml:"id,attr"`
		Source string `xml:"source,attr"`
		Target string `xml:"target,attr"`
		Data   []data `xml:"data"`
	}
	var doc struct {
		Graph struct {
			Nodes []elem `xml:"node"`
			Edges []elem `xml:"edge"`
		} `xml:"graph"`
	}
	d := xml.NewDecoder(bytes.NewReader(one.Bytes()))
	d.Strict = true
	if err := d.Decode(&doc); err != nil && err != io.EOF {
		t.Fatalf("GraphML is not XML: %v", err)
	}
	got := map[string]string{}
	for _, n := range doc.Graph.Nodes {
		for _, x := range n.Data {
			got[n.ID+" "+x.Key] = x.Text
		}
	}
	for _, e := range doc.Graph.Edges {
		for _, x := range e.Data {
			got[e.Source+">"+e.Target+" "+x.Key] = x.Text
		}
	}
	want := map[string]string{}
	put := func(k, v string) {
		if v = xmlText(v); v != "" {
			want[k] = v
		}
	}
	for _, p := range m.Parties() {
		id := xmlText("p:" + p.ID)
		put(id+" kind", "party")
		put(id+" label", label(p.Name, p.ID))
		put(id+" description", p.Description)
		put(id+" aliases", strings.Join(p.Aliases, " "))
	}
	for _, d := range m.Demands() {
		id := "d:" + d.ID
		put(id+" kind", "demand")
		put(id+" label", label(d.Name, d.ID))
		put(id+" description", d.Description)
		put(id+" raised_by", d.RaisedBy)
		put(id+" tags", strings.Join(d.Tags, " "))
		put(id+" date", d.Date.String())
	}
	for p, party := range m.Parties() {
		for _, s := range m.PartyStances(p) {
			k := "p:" + party.ID + ">d:" + m.Demands()[s.Demand].ID + " "
			put(k+"kind", "stance")
			put(k+"stance", s.Position.String())
			put(k+"quote", s.Quote)
			put(k+"note", s.Note)
			put(k+"by", s.By)
			put(k+"source", s.Source)
		}
	}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("GraphML %s: %q, want %q", k, got[k], v)
		}
	}
}

// label is a node's label: its name, or its id when the name is blank.
func label(name, id string) string {
	if strings.TrimSpace(name) == "" {
		return id
	}
	return name
}

// xmlText is s as XML 1.0 can carry it.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || r >= 0x10000 {
			return r
		}
		return -1
	}, s)
}

// TestRoundTrips runs every round trip on generated hostile scenarios.
func TestRoundTrips(t *testing.T) {
	seeds := 300
	if testing.Short() {
		seeds = 30
	}
	for seed := range uint64(seeds) {
		m := hostileModel(seed)
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			yamlRoundTrip(t, m)
			jsonRoundTrip(t, m)
			csvRoundTrip(t, m)
			graphmlReadBack(t, m)
		})
	}
}

// TestCSVExportShape: a matrix whose demands are named like the columns of
// a long table, or whose demand is named party, reads back as a matrix.
func TestCSVExportShape(t *testing.T) {
	for _, ids := range [][]string{{"demand", "stance"}, {"party"}, {"party", "demand", "stance"}} {
		b := graph.NewBuilder()
		b.AddParty(graph.Party{ID: "us", Name: "us"})
		b.AddParty(graph.Party{ID: "ru", Name: "ru"})
		for i, id := range ids {
			b.AddDemand(graph.Demand{ID: id, Name: id})
			b.AddStance("us", id, graph.Entry{Position: graph.Support, Strength: graph.DefaultStrength})
			if i%2 == 0 {
				b.AddStance("ru", id, graph.Entry{Position: graph.Oppose, Strength: graph.DefaultStrength})
			}
		}
		m, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		t.Run(strings.Join(ids, ","), func(t *testing.T) { csvRoundTrip(t, m) })
	}
}

// FuzzRoundTrip puts the fuzzer's text in every place of a small scenario
// and runs every round trip on it.
func FuzzRoundTrip(f *testing.F) {
	f.Add("Washington, DC", "He said: \"no\" -- [a, b] {c}", "Россия", "=SUM(A1)", uint64(1))
	f.Add("\uFFFD\U0001F30D", "\x00\x1b]52;c;\a", "e\u0301", "- dash\n# hash", uint64(2))
	f.Fuzz(func(t *testing.T, name, quote, alias, tag string, seed uint64) {
		for _, s := range []string{name, quote, alias, tag} {
			if !utf8.ValidString(s) {
				return // the loaders refuse what is not UTF-8 before anything else
			}
		}
		r := rand.New(rand.NewPCG(seed, 1))
		b := graph.NewBuilder()
		b.SetMeta(graph.Meta{Title: name, Description: quote})
		b.AddSource(graph.Source{ID: "s", Title: tag, Publisher: name, URL: quote})
		ids := idMaker{}
		nameOr := func(s, def string) string {
			if s == "" {
				return def
			}
			return s
		}
		p1, p2 := ids.id(r, name), ids.id(r, alias)
		d1, d2 := ids.id(r, tag), ids.id(r, quote)
		b.AddParty(graph.Party{ID: p1, Name: nameOr(name, p1), Description: quote, Aliases: []string{nameOr(alias, "x")},
			People: []graph.Person{{ID: "who", Name: nameOr(alias, "who")}}})
		b.AddParty(graph.Party{ID: p2, Name: nameOr(alias, p2)})
		b.AddDemand(graph.Demand{ID: d1, Name: nameOr(tag, d1), Tags: []string{nameOr(tag, "t"), nameOr(name, "n")}, Excludes: []string{d2}})
		b.AddDemand(graph.Demand{ID: d2, Name: nameOr(quote, d2), Description: alias, RaisedBy: p1})
		b.AddStance(p1, d1, graph.Entry{Position: graph.Support, Strength: graph.RedLine, By: "who", Quote: quote, Source: "s", Note: name})
		b.AddStance(p1, d2, graph.Entry{Position: graph.Oppose, Strength: graph.Soft, AsOf: graph.MustDate("2024"), Quote: alias},
			graph.Entry{Position: graph.Neutral, Strength: graph.Firm, AsOf: graph.MustDate("2025-02"), Quote: tag, Condition: []string{d1}})
		b.AddStance(p2, d2, graph.Entry{Position: graph.Support, Strength: graph.DefaultStrength})
		m, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		yamlRoundTrip(t, m)
		csvRoundTrip(t, m)
		graphmlReadBack(t, m)
		jsonRoundTrip(t, m)
	})
}
