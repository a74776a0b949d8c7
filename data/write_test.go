package data

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley/parley/graph"
)

// TestWriteScenarioRoundTrip writes scenarios and loads them back: the
// model must be the same, and writing it again gives the same bytes.
func TestWriteScenarioRoundTrip(t *testing.T) {
	src, _ := Embedded(DefaultScenario)
	files := map[string][]byte{"riyadh-2025.yaml": src}
	valid, _ := filepath.Glob("testdata/valid/*")
	for _, f := range valid {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		files[f] = b
	}
	files["hostile.yaml"] = []byte(hostile)
	// YAML keys of over 1024 characters must be written in the explicit form.
	long := strings.Repeat("a", 1500)
	files["long-ids.yaml"] = []byte("parties:\n  ? " + long + "\n  : A long one\n  b: B\ndemands:\n  ? " + long + "-d\n  : D\nstances:\n  ? " +
		long + "\n  :\n    ? " + long + "-d\n    : {stance: support, quote: q}\n  b: {? " + long + "-d : oppose}\n")
	for name, src := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			l, err := Parse(name, src, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := WriteScenario(&out, l.Model); err != nil {
				t.Fatal(err)
			}
			back, err := Parse("written.yaml", out.Bytes(), Options{})
			if err != nil {
				t.Fatalf("the written file does not load: %v\n%s", err, out.String())
			}
			if !sameModel(l.Model, back.Model) {
				t.Errorf("the written file loads to another model:\n%s", out.String())
			}
			var again bytes.Buffer
			if err := WriteScenario(&again, back.Model); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), again.Bytes()) {
				t.Errorf("writing is not stable")
			}
		})
	}
}

// hostile holds text that needs quoting in YAML.
const hostile = `title: "Title: with a colon # and a hash"
description: "line one\nline two\ttabbed \"quoted\" back\\slash"
sources:
  src: {title: "yes", publisher: "null", url: "https://example.org/?a=1&b=2#frag", published: 2025}
parties:
  "2025": {name: "2025", aliases: ["true", "- dash", "[bracket]", "{brace}", "*star", "&amp", "!bang", "%pct", "@at", "` + "`" + `tick", "Washington, DC", "a,b"]}
  ru: {name: "Россия 🇷🇺", people: {p: "Пётр: \"Первый\""}}
demands:
  d-1: {name: " leading space", description: "trailing space ", tags: ["a: b", "#c", "peace, security"]}
  d-2: {name: "'single'", raised_by: ru, excludes: [d-1], date: 2025-02}
stances:
  ru:
    d-1: {stance: support, quote: "He said: \"no\" -- \u0007bell", source: src, note: "\u200b zero width"}
    d-2:
      - {as_of: 2024, stance: oppose, source: src}
      - {as_of: 2025-02-17, stance: unknown}
  "2025":
    d-2: {stance: neutral, strength: soft, source: src, condition: [d-1]}
`

func TestScalarQuoting(t *testing.T) {
	tests := map[string]string{
		"plain text":    "plain text",
		"United States": "United States",
		"yes":           `"yes"`,
		"2025":          `"2025"`,
		"2025-02-17":    `"2025-02-17"`,
		"a: b":          `"a: b"`,
		"":              `""`,
		"x #y":          `"x #y"`,
		"Россия":        "Россия",
		"line\nbreak":   `"line\nbreak"`,
	}
	for in, want := range tests {
		if got := scalar(in); got != want {
			t.Errorf("scalar(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestWriteEmpty(t *testing.T) {
	m, _ := graph.NewBuilder().Build()
	var out bytes.Buffer
	if err := WriteScenario(&out, m); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.Contains(got, "parties: {}") {
		t.Errorf("got %q", got)
	}
}
