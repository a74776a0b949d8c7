package data

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// stancesFile is a scenario of n stances, none citing a source.
func stancesFile(n int) []byte {
	var b strings.Builder
	b.WriteString("parties:\n")
	for p := range n / 40 {
		fmt.Fprintf(&b, "  p%d: Party %d\n", p, p)
	}
	b.WriteString("demands:\n")
	for d := range 40 {
		fmt.Fprintf(&b, "  d%d: Demand %d\n", d, d)
	}
	b.WriteString("stances:\n")
	for p := range n / 40 {
		fmt.Fprintf(&b, "  p%d:\n", p)
		for d := range 40 {
			fmt.Fprintf(&b, "    d%d: {stance: support, quote: \"Party %d on demand %d, in so many words\"}\n", d, p, d)
		}
	}
	return []byte(b.String())
}

// TestErrorReportLinear: showing a file's mistakes costs about the file,
// wherever they are. Finding each line from the top of the file, copying
// the rest of it at every line skipped, took 36 s for one mistake on the
// last line of 2.3 MB, and 41 s for validate on 16,000 stances without a
// source.
func TestErrorReportLinear(t *testing.T) {
	src := stancesFile(16000)
	i := strings.LastIndex(string(src), "support")
	src = []byte(string(src[:i]) + "supprot" + string(src[i+len("support"):]))
	_, err := Parse("big.yaml", src, Options{})
	var de *Error
	if !errors.As(err, &de) || !strings.Contains(err.Error(), `unknown stance "supprot"`) {
		t.Fatalf("got %v, want the mistake on the last line", err)
	}
	if a := allocated(func() { _ = err.Error() }); a > 2*uint64(len(src)) {
		t.Errorf("one mistake at the end of %d KB: the message allocated %d KB", len(src)>>10, a>>10)
	}
	l, err := Parse("big.yaml", stancesFile(16000), Options{})
	if err != nil || l.Warnings == nil {
		t.Fatalf("got %v, want warnings of stances without a source", err)
	}
	if a := allocated(func() { _ = l.Warnings.Error() }); a > 2*uint64(len(src)) {
		t.Errorf("warnings on 16,000 stances: the message allocated %d KB", a>>10)
	}
	// A minified JSON file is one long line: what is shown of it is cut
	// around the spot without reading the rest.
	var j strings.Builder
	j.WriteString(`{"parties": {`)
	for p := range 20000 {
		fmt.Fprintf(&j, `"p%d": "Party %d", `, p, p)
	}
	j.WriteString(`"bad id": "x"}, "demands": {"d": "D"}, "stances": {}}`)
	_, err = Parse("big.json", []byte(j.String()), Options{})
	if err == nil {
		t.Fatal("the bad id was taken")
	}
	if a := allocated(func() { _ = err.Error() }); a > 64<<10 {
		t.Errorf("a mistake in a %d KB line: the message allocated %d KB", j.Len()>>10, a>>10)
	}
	if msg := err.Error(); !strings.Contains(msg, ` | …"p19998": "Party 19998", "p19999": "Party 19999", "bad id": "x"}, "demands"`) || strings.Count(msg, "\n") > 4 {
		t.Errorf("the long line is not shown around its mistake:\n%s", msg)
	}
}

// TestSuggestionsBounded: "did you mean" costs a band of the edit distance
// per known id, for words a person could have mistyped, within a budget
// per file. 200 unknown 500-character ids among 200 known ones took 40 s.
func TestSuggestionsBounded(t *testing.T) {
	long := func(c byte, i int) string { return fmt.Sprintf("%s-%03d", strings.Repeat(string(c), 500), i) }
	var b strings.Builder
	b.WriteString("parties:\n")
	for i := range 200 {
		fmt.Fprintf(&b, "  %s: Party %d\n", long('a', i), i)
	}
	b.WriteString("demands: {d: D}\nstances:\n")
	for i := range 200 {
		fmt.Fprintf(&b, "  %s: {d: support}\n", long('b', i))
	}
	src := []byte(b.String())
	var err error
	a := allocated(func() { _, err = Parse("long.yaml", src, Options{}) })
	if err == nil || !strings.Contains(err.Error(), "stances of unknown party") {
		t.Fatalf("got %v", err)
	}
	if a > 40*uint64(len(src)) {
		t.Errorf("%d KB with 200 unknown ids allocated %d MB", len(src)>>10, a>>20)
	}
	// Thousands of slips among thousands of ids: the first get their
	// suggestion, and the work stops at the budget.
	b.Reset()
	b.WriteString("parties:\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "  party-number-%d: Party %d\n", i, i)
	}
	b.WriteString("demands: {d: D}\nstances:\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "  party-numbr-%d: {d: support}\n", i)
	}
	_, err = Parse("many.yaml", []byte(b.String()), Options{})
	var de *Error
	if !errors.As(err, &de) {
		t.Fatalf("got %v", err)
	}
	with := 0
	for _, d := range de.Diags {
		if strings.Contains(d.Message, "did you mean") {
			with++
		}
	}
	if with == 0 || with > maxSuggestCost/(5000*5*5) {
		t.Errorf("%d of %d slips got a suggestion", with, len(de.Diags))
	}
	if !strings.Contains(de.Diags[0].Message, `did you mean "party-number-0"?`) {
		t.Errorf("the first slip: %s", de.Diags[0].Message)
	}
}

// TestAliasBytes: aliases may add text up to the size of the file (or
// MinAliasBytes), whatever the count of values: one 2 MB quote used a
// thousand times made 8.5 GB of work for "party p".
func TestAliasBytes(t *testing.T) {
	quote := strings.Repeat("word ", 400<<10) // 2 MB
	file := func(uses int) []byte {
		var b strings.Builder
		b.WriteString("parties: {p: P}\ndemands:\n")
		for d := range uses {
			fmt.Fprintf(&b, "  d%d: D%d\n", d, d)
		}
		b.WriteString("stances:\n  p:\n")
		for d := range uses {
			if d == 0 {
				fmt.Fprintf(&b, "    d0: {stance: support, quote: &q %q}\n", quote)
			} else {
				fmt.Fprintf(&b, "    d%d: {stance: support, quote: *q}\n", d)
			}
		}
		return []byte(b.String())
	}
	if _, err := Parse("twice.yaml", file(2), Options{}); err != nil {
		t.Errorf("a quote used twice: %v", err)
	}
	_, err := Parse("thousand.yaml", file(1000), Options{})
	if err == nil || !strings.Contains(err.Error(), "aliases expand to more than") || !strings.Contains(err.Error(), "of text") {
		t.Errorf("a 2 MB quote used a thousand times: %v", err)
	}
	// Small files may reuse anchors freely.
	var b strings.Builder
	b.WriteString("sources: {s: &s {title: A report that is cited everywhere}}\nparties: {p: P}\ndemands:\n")
	for d := range 2000 {
		fmt.Fprintf(&b, "  d%d: {name: D, tags: &t%d [a, b]}\n", d, d)
	}
	if _, err := Parse("small.yaml", []byte(b.String()), Options{}); err != nil {
		t.Errorf("anchors in a small file: %v", err)
	}
}
