package data

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestInputTheFormatsAllow: what JSON and YAML allow is read, as they
// mean it.
func TestInputTheFormatsAllow(t *testing.T) {
	long := strings.Repeat("a", 1500)
	pyJSON, _ := json.Marshal(map[string]any{ // as Python's json.dumps writes it, with \u escapes
		"parties": map[string]any{"earth": map[string]any{"name": "Earth"}},
		"demands": map[string]any{"d": "D"},
		"stances": map[string]any{"earth": map[string]any{"d": "support"}},
		"title":   "placeholder",
	})
	surrogates := strings.Replace(string(pyJSON), "placeholder", `\ud83c\udf0d \u00e9 \u4e2d`, 1)
	for _, tc := range []struct {
		name, src string
		check     func(*Loaded) string
	}{
		{"surrogates.json", surrogates, func(l *Loaded) string { return l.Model.Meta().Title }},
		// Piped in, the name says nothing: the content says JSON.
		{"<stdin>", surrogates, func(l *Loaded) string { return l.Model.Meta().Title }},
		{"long-keys.json", `{"parties": {"` + long + `": "A"}, "demands": {"d": "D"}, "stances": {"` + long + `": {"d": "oppose"}}}`,
			func(l *Loaded) string { return l.Model.Parties()[0].ID }},
		{"directive.yaml", "%YAML 1.2\n---\ntitle: Declared\nparties: {a: A}\ndemands: {d: D}\nstances: {a: {d: support}}\n",
			func(l *Loaded) string { return l.Model.Meta().Title }},
		{"comment-directive.yaml", "# made by hand\n%YAML 1.2 # the version\n---\ntitle: Declared\nparties: {a: A}\ndemands: {d: D}\nstances: {a: {d: support}}\n",
			func(l *Loaded) string { return l.Model.Meta().Title }},
	} {
		l, err := Parse(tc.name, []byte(tc.src), Options{})
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		want := map[string]string{"long-keys.json": long, "directive.yaml": "Declared", "comment-directive.yaml": "Declared"}[tc.name]
		if want == "" {
			want = "🌍 é 中"
		}
		if got := tc.check(l); got != want {
			t.Errorf("%s: got %q, want %q", tc.name, got, want)
		}
	}
	// The version is only read where directives are: in the document it
	// is text.
	l, err := Parse("late.yaml", []byte("title: |\n  %YAML 1.2\nparties: {a: A}\ndemands: {d: D}\nstances: {a: {d: support}}\n"), Options{})
	if err != nil || l.Model.Meta().Title != "%YAML 1.2\n" {
		t.Errorf("a title that reads like a directive: %v, %q", err, l.Model.Meta().Title)
	}
	// Other versions are still refused.
	if _, err := Parse("v2.yaml", []byte("%YAML 2.0\n---\nparties: {a: A}\n"), Options{}); err == nil {
		t.Error("a %YAML 2.0 file was taken")
	}
}

// TestJSONPositions: mistakes in a JSON file are placed as in YAML, to the
// column in characters, on minified and indented files alike.
func TestJSONPositions(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{`{"parties": {"a": "A"}, "demands": {"d": "D"}, "stances": {"a": {"d": "supprot"}}}`,
			`f.json:1:71: unknown stance "supprot"`},
		{"{\n  \"parties\": {\"a\": \"Å\"},\n  \"demands\": {\"d\": \"D\", \"e\": [\"Ö\"]},\n  \"stances\": {}\n}",
			`f.json:3:30: demand "e" must be`},
		{"{\n  \"parties\": {\"a\": {\"nmae\": \"A\"}},\n  \"demands\": {},\n  \"stances\": {}\n}",
			`f.json:2:21: unknown key "nmae" in party "a"; did you mean "name"?`},
	} {
		_, err := Parse("f.json", []byte(tc.src), Options{})
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("got %v\nwant %s…", err, tc.want)
		}
	}
}

// TestDepthCountsStructure: brackets in quoted text and comments are text,
// however many; brackets that nest are refused past MaxDepth, in YAML and
// in JSON, where they are.
func TestDepthCountsStructure(t *testing.T) {
	many := strings.Repeat("[", 150)
	ok := []struct{ name, src string }{
		{"quotes.yaml", "title: \"" + many + "\"\ndescription: '" + many + " it''s'\nparties: {a: {name: \"" + many + "\", aliases: ['" + many + "']}}\ndemands: {d: D}\nstances: {a: {d: support}}\n"},
		{"scattered.yaml", "parties:\n  a: {name: \"[[[[[[[[[[\"}\n" + strings.Repeat("  # [[[[[[[[[[\n", 20) + "demands: {d: \"{{{{{{{{{{\"}\nstances: {a: {d: {stance: support, quote: \"" + many + "\"}}}\n"},
		{"text.json", `{"title": "` + many + `\" [", "parties": {"a": "` + many + `"}, "demands": {"d": "D"}, "stances": {"a": {"d": "support"}}}`},
	}
	for _, tc := range ok {
		if _, err := Parse(tc.name, []byte(tc.src), Options{}); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	deep := strings.Repeat("[", 150) + strings.Repeat("]", 150)
	for name, src := range map[string]string{
		"deep.yaml": "parties: {a: A}\ndemands: {d: " + deep + "}\n",
		"deep.json": `{"parties": {"a": "A"}, "demands": {"d": ` + deep + `}}`,
	} {
		_, err := Parse(name, []byte(src), Options{})
		if err == nil || !strings.Contains(err.Error(), "lists and mappings nest deeper than 100 levels") {
			t.Errorf("%s: %v", name, err)
		}
	}
}
