//go:build unix

package render_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render"
)

// The writer fuzz targets put any text — names, quotes, a source's title
// and address — into a small scenario and check every output: DOT that
// Graphviz parses back, SVG that is well-formed and safe, GraphML that is
// XML holding the text, Mermaid of the expected shape. Text comes from
// files that the loaders have checked are UTF-8, so other bytes are skipped.

var hostileSeeds = [][4]string{
	{"Russia", "there is not even a thought", "https://example.org/a?b=1&c=2", "Riyadh talks"},
	{`"><script>alert(1)</script>`, "line one\nline two -->", "javascript:alert(1)", "Title: \\N \\G \\L"},
	{"Россия 🇷🇺", `{braces} [brackets] |pipe| \back\slash "quotes"`, "http://x/\"onload=\"", "&amp; &#1; &nbsp; <!ENTITY x>"},
	{"", " ", "https://", "\t\r\n"},
	{`\`, `\"`, "data:text/html,<b>", "%s %q %v"},
}

func fuzzModel(t *testing.T, name, quote, url, title string) *graph.Model {
	b := graph.NewBuilder()
	b.SetMeta(graph.Meta{Title: title, Description: quote})
	b.AddSource(graph.Source{ID: "s", Title: title, Publisher: name, URL: url})
	b.AddParty(graph.Party{ID: "a", Name: name, Aliases: []string{quote}, People: []graph.Person{{ID: "p", Name: quote}}})
	b.AddParty(graph.Party{ID: "b", Name: quote, Description: url})
	b.AddDemand(graph.Demand{ID: "d", Name: name, Description: quote, Tags: []string{title}})
	b.AddDemand(graph.Demand{ID: "e", Name: title, Excludes: []string{"d"}})
	b.AddStance("a", "d", graph.Entry{Position: graph.Support, Strength: graph.RedLine, By: "p", Quote: quote, Source: "s", Note: name})
	b.AddStance("b", "d", graph.Entry{Position: graph.Oppose, Strength: graph.Soft, Quote: name, Source: "s"})
	b.AddStance("b", "e", graph.Entry{Position: graph.Neutral, Strength: graph.Firm, Quote: url, Note: title})
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// withIdleParty returns m with one more party, named name, with no stance.
func withIdleParty(t *testing.T, m *graph.Model, name string) *graph.Model {
	b := graph.NewBuilder()
	b.SetMeta(m.Meta())
	for _, s := range m.Sources() {
		b.AddSource(s)
	}
	for _, p := range m.Parties() {
		b.AddParty(p)
	}
	b.AddParty(graph.Party{ID: "z", Name: name})
	for _, d := range m.Demands() {
		b.AddDemand(d)
	}
	m.Recorded(func(p, d int, h []graph.Entry) {
		b.AddStance(m.Parties()[p].ID, m.Demands()[d].ID, h...)
	})
	out, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func addSeeds(f *testing.F) {
	for _, s := range hostileSeeds {
		f.Add(s[0], s[1], s[2], s[3])
	}
}

func validText(ss ...string) bool {
	for _, s := range ss {
		if !utf8.ValidString(s) {
			return false
		}
	}
	return true
}

var fuzzViews = []string{"map", "parties", "party:a", "demand:d"}

// FuzzWriteGraphML: the GraphML is XML, and the names come back out of it.
func FuzzWriteGraphML(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, name, quote, url, title string) {
		if !validText(name, quote, url, title) {
			return
		}
		var out bytes.Buffer
		if err := render.WriteGraphML(&out, fuzzModel(t, name, quote, url, title)); err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(bytes.NewReader(out.Bytes()))
		d.Strict = true
		var texts []string
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("GraphML is not XML: %v\n%s", err, out.String())
			}
			if cd, ok := tok.(xml.CharData); ok {
				texts = append(texts, string(cd))
			}
		}
		all := strings.Join(texts, "\x00")
		// XML cannot carry every control character; what it can must
		// come back exactly, tabs and carriage returns included.
		if clean := xmlChars(name); clean != "" && !strings.Contains(all, clean) {
			t.Errorf("the name %q is not in the GraphML", name)
		}
	})
}

// xmlChars keeps the characters XML 1.0 allows.
func xmlChars(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || r >= 0x10000 {
			return r
		}
		return -1
	}, s)
}

// mermaidLine is every line shape parley's Mermaid has; labels are escaped
// to letters, digits, a few marks and #NNN; entities.
var mermaidLine = regexp.MustCompile(`^(flowchart (TB|LR)|` +
	`  n\d+(\["[^"\n]*"\]|\(\["[^"\n]*"\]\)|\{\{"[^"\n]*"\}\}|>"[^"\n]*"\]|\("[^"\n]*"\))( *:::[a-z]+)?|` +
	`  n\d+ (---|-\.-|-->|==>|--x|<-->|===|-\.->|--o)(\|"[^"\n]*"\|)? n\d+|` +
	`  linkStyle \d+ [^\n;]*|` +
	`  legend\["[^"\n]*"\]|` +
	`  classDef [a-z]+ [^\n]*|` +
	`  class [^\n]*|` +
	`  style [^\n]*|` +
	`  %%[^\n]*|` +
	`  subgraph [^\n]*|  end|` +
	`---|title: "([^"\\\n]|\\.)*"|)$`)

var mermaidLabel = regexp.MustCompile(`"([^"]*)"`)
var mermaidSafe = regexp.MustCompile(`^([\pL\pN .,:?!()'’–—+/×·-]|#\d+;|<br>)*$`)

// FuzzWriteMermaid: every line of the Mermaid has a known shape, and every
// label holds only escaped text.
func FuzzWriteMermaid(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, name, quote, url, title string) {
		if !validText(name, quote, url, title) {
			return
		}
		m := fuzzModel(t, name, quote, url, title)
		// A third party without stances puts the "no recorded stance" note
		// in the demand view.
		m = withIdleParty(t, m, name)
		for _, v := range fuzzViews {
			pic, err := render.New(m, render.Options{View: v})
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := pic.WriteMermaid(&out); err != nil {
				t.Fatal(err)
			}
			for i, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
				if !mermaidLine.MatchString(line) {
					t.Fatalf("view %s, line %d has no known shape: %q\n%s", v, i+1, line, out.String())
				}
				if strings.HasPrefix(line, "  n") || strings.HasPrefix(line, "  legend") {
					for _, lab := range mermaidLabel.FindAllStringSubmatch(line, -1) {
						if !mermaidSafe.MatchString(lab[1]) {
							t.Fatalf("view %s, line %d: label %q is not escaped", v, i+1, lab[1])
						}
					}
				}
			}
		}
	})
}

// TestMermaidChecker keeps the fuzz target's checker honest: it must refuse
// what would break a Mermaid diagram.
func TestMermaidChecker(t *testing.T) {
	for _, bad := range []string{`  n1["a"b"]`, `  n1["a"]; click n1 call alert()`, `  n1 --- n2 %% ok` + "\n", `title: "a"b"`, `click n1 "javascript:alert(1)"`} {
		if mermaidLine.MatchString(bad) {
			t.Errorf("the checker takes %q", bad)
		}
	}
	for _, bad := range []string{`a<script>`, `a&b`, "a\nb", `a|b`} {
		if mermaidSafe.MatchString(bad) {
			t.Errorf("the checker takes the label %q", bad)
		}
	}
	for _, good := range []string{`  n12(["Россия"])`, `  n0 ---|"Vladimir Putin"| n3`, `flowchart LR`, `title: "a \"b\""`} {
		if !mermaidLine.MatchString(good) {
			t.Errorf("the checker refuses %q", good)
		}
	}
}
