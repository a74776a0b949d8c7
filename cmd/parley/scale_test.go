package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHundredThousandParties: 100,000 parties on one demand, a 1 MB CSV.
// The summary answers what it can and says the all-pairs parts are beyond
// the limit; coalitions and agreements refuse with the reason (exit 2);
// none runs out of memory.
func TestHundredThousandParties(t *testing.T) {
	if testing.Short() {
		t.Skip("a 1 MB table")
	}
	var b strings.Builder
	b.WriteString("party,demand,stance\n")
	words := []string{"yes", "no", "abstain"}
	for i := range 100000 {
		fmt.Fprintf(&b, "p%06d,d1,%s\n", i, words[i%3])
	}
	path := filepath.Join(t.TempDir(), "many.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (int, string, string) {
		var out, errOut strings.Builder
		code := Main(append([]string{"--data", path}, args...), &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
		return code, out.String(), errOut.String()
	}
	code, out, errOut := run("summary")
	if code != 0 || !strings.Contains(out, "100000 parties, 1 demand, 100000 stances") ||
		!strings.Contains(out, "not computed — too many pairs of parties: 100000 parties make up to 4999950000 pairs") {
		t.Errorf("summary: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, cmd := range []string{"coalitions", "agreements"} {
		code, out, errOut = run(cmd)
		if code != exitInput || !strings.Contains(errOut, "too many pairs of parties") || !strings.Contains(errOut, "--parties") {
			t.Errorf("%s: exit %d\n%s\n%s", cmd, code, out, errOut)
		}
	}
	if code, out, errOut = run("--parties", "p000001,p000002,p000004", "agreements"); code != 0 || strings.Count(out, "\n") != 3 {
		t.Errorf("agreements among three: exit %d\n%s\n%s", code, out, errOut)
	}
}
