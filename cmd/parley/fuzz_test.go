package main

import (
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// fuzzScenario is a small scenario with hostile text, beside the embedded
// one, for the command line fuzz target.
const fuzzScenario = `title: "Fuzz \e[31m<b>"
sources: {s: "A source, \"quoted\""}
parties:
  us: {name: "United States", aliases: [Washington, "=cmd|' /C calc'!A0"]}
  россия: {name: "Россия", aliases: [Moscow]}
  ua: {name: "Ukraine\a"}
demands:
  nato: {name: "Join NATO", tags: [security], date: 2025-02}
  talks: {name: "Talks, now", excludes: [nato]}
stances:
  us: {nato: {stance: oppose, strength: red-line, source: s, quote: "-2+3"}, talks: support}
  россия:
    nato: [{as_of: 2024, stance: oppose, source: s}, {as_of: 2025-02-18, stance: neutral, source: s}]
  ua: {nato: {stance: support, source: s}, talks: neutral}
`

var fuzzDir struct {
	once sync.Once
	path string
}

// FuzzCLI runs parley with any command line: it never panics, exits 0, 1
// or 2, says why on standard error when it exits 2, and on a terminal
// writes no control character but line ends and tabs. Arguments are
// words of the input split at spaces; those naming a path outside the
// working folder (a slash) are dropped, so that files are written, and
// read, only in a folder of the target's own; a line that would start the
// server, which runs until it is interrupted, is skipped.
func FuzzCLI(f *testing.F) {
	for _, s := range []string{
		"who opposes nato-membership",
		"party russia --format json",
		"--data f.yaml party россия --format csv",
		"--data f.yaml --csv-raw list parties --format csv",
		"demand security --format csv",
		"list demands --format json",
		"summary",
		"conflicts russia ukraine us --explain",
		"agreements --by kappa",
		"coalitions --format json",
		"common-ground russia us",
		"concessions territorial-integrity --among russia,us",
		"timeline us",
		"sources",
		"diff --from 2024-12-01 --to 2025-02-18",
		"render --format dot --view parties",
		"render --format mermaid --view demand:nato-membership",
		"render -o x.dot --view party:russia",
		"export --format yaml",
		"export -o x.csv",
		"import f.csv -o out.yaml",
		"validate f.yaml",
		"validate --strict f.yaml",
		"--max-size 1K list parties",
		"--max-size 18014398509481985K list parties",
		"--since 2026 --until 2020 list demands",
		"--as-of 2024 who supports ukraine-at-table",
		"--parties us,ua --tags security list demands",
		"help scenario",
		"completion bash",
		"__complete party ru",
		"who opposes",
		"render --timeout -1s",
		"--format yaml list parties",
	} {
		f.Add(s, false)
	}
	f.Add("--data f.yaml list parties", true)
	f.Add("--data f.yaml party us --format csv", true)
	f.Fuzz(func(t *testing.T, line string, tty bool) {
		if !utf8.ValidString(line) || len(line) > 1000 {
			return
		}
		fuzzDir.once.Do(func() {
			dir, err := os.MkdirTemp("", "parley-fuzz-cli-")
			if err != nil {
				panic(err)
			}
			fuzzDir.path = dir
		})
		wd, err := os.Getwd()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Chdir(fuzzDir.path); err != nil {
			t.Fatal(err)
		}
		defer os.Chdir(wd)
		ents, _ := os.ReadDir(".")
		for _, e := range ents {
			os.RemoveAll(e.Name())
		}
		os.WriteFile("f.yaml", []byte(fuzzScenario), 0o644)
		os.WriteFile("f.csv", []byte("party,demand,stance\nus,nato,yes\nru,nato,no\n"), 0o644)
		t.Setenv("PARLEY_GRAPHVIZ", "/nonexistent/parley-graphviz")
		var args []string
		for _, a := range strings.Fields(line) {
			if a == "serve" {
				return // serves until it is interrupted: TestServe* drive it
			}
			if !strings.Contains(a, "/") {
				args = append(args, a)
			}
		}
		var out, errOut strings.Builder
		code := Main(args, &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, OutTTY: tty, Width: 80})
		switch {
		case code != exitOK && code != exitFailure && code != exitInput:
			t.Fatalf("%q: exit %d", args, code)
		case code == exitInput && errOut.Len() == 0:
			t.Fatalf("%q: exit 2 without a word", args)
		}
		if tty {
			if i := strings.IndexFunc(out.String(), func(r rune) bool {
				return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0
			}); i >= 0 {
				t.Fatalf("%q: a control character reaches the terminal at %d: %q", args, i, out.String()[max(0, i-20):min(out.Len(), i+20)])
			}
		}
	})
}
