package data

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// sameLoad loads src with the fast reader and with go.yaml.in/yaml/v3
// alone: both must give the same model and warnings, or the same errors.
func sameLoad(t *testing.T, name string, src []byte, strict bool) {
	t.Helper()
	fast, errFast := Parse(name, src, Options{Strict: strict})
	full, errFull := Parse(name, src, Options{Strict: strict, fullYAML: true})
	switch {
	case errFast != nil || errFull != nil:
		if errFast == nil || errFull == nil || errFast.Error() != errFull.Error() || errors.Is(errFast, ErrInvalid) != errors.Is(errFull, ErrInvalid) {
			t.Fatalf("%s: the fast reader says\n%v\ngo.yaml.in/yaml/v3 says\n%v\nof\n%s", name, errFast, errFull, src)
		}
	case !sameModel(fast.Model, full.Model):
		t.Fatalf("%s: the fast reader reads another model of\n%s", name, src)
	case fmt.Sprint(fast.Warnings) != fmt.Sprint(full.Warnings):
		t.Fatalf("%s: the fast reader warns\n%v\ngo.yaml.in/yaml/v3 warns\n%v\nof\n%s", name, fast.Warnings, full.Warnings, src)
	}
}

// FuzzParseFast holds loading with the fast reader to loading without it:
// the same model and warnings, or the same errors, to the character.
func FuzzParseFast(f *testing.F) {
	addFiles(f, "testdata/valid/*", "testdata/invalid/*.yaml", "testdata/invalid/*.json", "scenarios/*.yaml", "testdata/fast/*")
	f.Add([]byte(hostile))
	for _, s := range fastSeeds {
		f.Add([]byte(s))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 30 {
		f.Add([]byte(randomScenario(rng)))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		sameLoad(t, "f.yaml", src, false)
		sameLoad(t, "f.yaml", src, true)
	})
}

// TestParseFastRandom loads random scenarios — with mistakes of every
// kind, in the stances and elsewhere — both ways; -fastrounds sets how
// many.
func TestParseFastRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(fastSeed(t), 3))
	fast := 0
	whys := map[string]int{}
	for i := range *fastRounds / 3 {
		src := randomScenario(rng)
		switch i % 4 {
		case 0:
			src = randomFlowScenario(rng)
		case 1:
			src = randomExport(rng)
		}
		if _, ok, why := parseFast([]byte(src), nil, 0); ok {
			fast++
		} else {
			if i := strings.Index(why, ": "); i >= 0 && strings.Contains(why[:i], ":") {
				why = why[i+2:]
			}
			whys[why]++
		}
		sameLoad(t, "random.yaml", []byte(src), rng.IntN(4) == 0)
	}
	t.Logf("%d of %d read fast; the rest: %v", fast, *fastRounds/3, whys)
}

// randomScenario writes a scenario with random mistakes: unknown and
// duplicate ids and keys, bad words, wrong types, empty values, histories
// out of order, and now and then YAML the fast reader leaves alone.
func randomScenario(rng *rand.Rand) string {
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	odd := func() bool { return rng.IntN(12) == 0 }
	rare := func() bool { return rng.IntN(60) == 0 } // YAML that breaks, or that the fast reader leaves alone
	id := func(kind string) string {
		switch {
		case rare():
			return pick("[a]", "{a: b}", "", "&a x", "*a", "!!str x")
		case odd():
			return pick("Bad Id", "x--y", `"quoted"`, "1", "null", "~", "é", "true", "unknown", `"10"`, "'single'", "x"+fmt.Sprint(rng.IntN(3)))
		}
		return fmt.Sprintf("%s%d", kind, rng.IntN(4))
	}
	maybe := func(usual string, odd ...string) string {
		if rare() {
			return pick(odd...)
		}
		return usual
	}
	var b strings.Builder
	sections := []string{"title", "sources", "parties", "people", "demands", "stances"}
	if rng.IntN(5) == 0 {
		rng.Shuffle(len(sections), func(i, j int) { sections[i], sections[j] = sections[j], sections[i] })
	}
	if odd() {
		sections = append(sections, pick("stances", "parties", "bogus", "stance"))
	}
	for _, s := range sections {
		switch s {
		case "title":
			b.WriteString("title: " + pick("A title", `"Quoted: title"`, "|\n  block title\n", "[not, text]", "", "multi\n  line") + "\n")
		case "sources":
			b.WriteString("sources:\n")
			for range rng.IntN(3) {
				b.WriteString("  " + id("s") + ": " + pick("A source", "{title: T, url: 'https://x.org', published: 2025-02-01}", "{titel: T}", "{published: 2025-13-01}", "") + "\n")
			}
		case "parties":
			b.WriteString("parties:" + maybe("", " {}", " ~", " [a, b]") + "\n")
			for range 1 + rng.IntN(4) {
				b.WriteString("  " + id("p") + ": " + pick("Party", "{name: N, aliases: [a, b]}", "{name: N, people: {x: X}}", "{nmae: N}", "", "[x]") + "\n")
			}
		case "people":
			b.WriteString("people:\n")
			for range rng.IntN(3) {
				b.WriteString("  " + id("x") + ": " + pick("Someone", "{name: S, party: p1}", "{party: nope}", "") + "\n")
			}
		case "demands":
			b.WriteString("demands:\n")
			for range 1 + rng.IntN(5) {
				b.WriteString("  " + id("d") + ": " + pick("A demand", "{name: D, excludes: [d1]}", "{excludes: d9}", "{tags: [t, u], issue: i1}", "{issue: Bad Issue}", "{date: 2025}", "{raised_by: p9}", "") + "\n")
			}
		case "stances":
			b.WriteString("stances:" + maybe("", " {}", " ~", " - x", " [x]", " # c") + "\n")
			for range 1 + rng.IntN(4) {
				if rng.IntN(6) == 0 {
					b.WriteString("  " + id("p") + ": {" + id("d") + ": " + pick("support", "oppose", "maybe") + ", " + id("d") + ": neutral}\n")
					continue
				}
				b.WriteString("  " + id("p") + ":" + maybe("", " ~", " x", " # c", "  ") + "\n")
				for range rng.IntN(5) {
					b.WriteString("    " + id("d") + ": " + pick(
						"support", "oppose", "neutral", "suport", "unknown", "", "~", "[]", "42",
						"{stance: support, source: s1, quote: q}",
						"{stance: oppose, strength: red-line, by: x1}",
						"{stance: support, strenght: firm}",
						"{stance: neutral, inferred: true}",
						"{stance: support, condition: [d1, d9]}",
						"{stance: support, as_of: 2025-02-30}",
						"{source: s0}",
						"\n      stance: support\n      note: the source gives no position",
						"\n      - {as_of: 2024, stance: support}\n      - {as_of: 2023, stance: oppose}",
						"\n      - {as_of: 2024, stance: unknown}",
						"\n      - support",
						"\n      -",
						"\n      - {stance: oppose}\n      - {stance: support, as_of: 2025}",
						"'support'", "\"oppose\"", "|\n      support", "support # c", "support\n\n",
					) + maybe("", " &a support", " *a", " !!str x", " x: y", "\t") + "\n")
				}
			}
		default:
			b.WriteString(s + ": x\n")
		}
	}
	return b.String()
}

// TestBigStancesErrors plants mistakes deep in the stances of a big
// scenario, which the fast reader walks lazily: they are reported at their
// lines and columns, with their suggestions, exactly as when the file is
// read whole by go.yaml.in/yaml/v3.
func TestBigStancesErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 3 MB file the slow way too")
	}
	const parties, demands = 100, 2000
	var b strings.Builder
	line := 1
	at := map[string]int{} // the line of each planted mistake
	w := func(s string) {
		b.WriteString(s)
		line += strings.Count(s, "\n")
	}
	w("title: big\nparties:\n")
	for p := range parties {
		w(fmt.Sprintf("  p%03d: Party %d\n", p, p))
	}
	w("demands:\n")
	for d := range demands {
		w(fmt.Sprintf("  d%04d: Demand %d\n", d, d))
	}
	w("stances:\n")
	words := []string{"support", "oppose", "neutral"}
	for p := range parties {
		if p == 60 {
			at["party"] = line
			w("  p1000:\n    d0001: support\n")
		}
		w(fmt.Sprintf("  p%03d:\n", p))
		for d := range demands {
			v := words[(p+d)%3]
			switch {
			case p == 42 && d == 1500:
				at["word"] = line
				v = "suport"
			case p == 77 && d == 3:
				at["demand"] = line
				w("    d9999: oppose\n")
			case p == 13 && d == 6:
				at["dup"], at["first"] = line, line-1
				w("    d0005: oppose\n")
			case p == 88 && d == 10:
				at["key"] = line
				v = "{stance: oppose, strenght: firm}"
			case p == 99 && d == 1999:
				at["history"] = line + 2
				v = "\n      - {as_of: 2024-05, stance: support}\n      - {as_of: 2023, stance: oppose}"
			case p == 5 && d == 7:
				at["empty"] = line
				v = ""
			}
			w(fmt.Sprintf("    d%04d: %s\n", d, v))
		}
	}
	src := []byte(b.String())
	root, ok, why := parseFast(src, lazySections, lazyLevels)
	if !ok {
		t.Fatalf("the fast reader does not read the file: %s", why)
	}
	if st := root.pairs[len(root.pairs)-1]; st.key.value != "stances" || st.val.lazy == nil {
		t.Fatal("the stances are not lazy")
	}
	_, err := Parse("big.yaml", src, Options{})
	_, full := Parse("big.yaml", src, Options{fullYAML: true})
	if err == nil || full == nil || err.Error() != full.Error() {
		t.Fatalf("the fast reader says\n%v\ngo.yaml.in/yaml/v3 says\n%v", err, full)
	}
	for _, want := range []string{
		fmt.Sprintf(`big.yaml:%d:3: stances of unknown party "p1000"; did you mean "p000"?`, at["party"]),
		fmt.Sprintf(`big.yaml:%d:12: unknown stance "suport": write support, oppose or neutral; did you mean "support"?`, at["word"]),
		fmt.Sprintf(`big.yaml:%d:5: stance of "p077" on unknown demand "d9999"; did you mean "d0999"?`, at["demand"]),
		fmt.Sprintf(`big.yaml:%d:5: duplicate demand id "d0005" (first at line %d)`, at["dup"], at["first"]),
		fmt.Sprintf(`big.yaml:%d:29: unknown key "strenght" in the stance of "p088" on "d0010"; did you mean "strength"?`, at["key"]),
		fmt.Sprintf(`big.yaml:%d:10: entry 2 of the stance of "p099" on "d1999" is dated 2023, before the entry above it (2024-05): list entries oldest first`, at["history"]),
		fmt.Sprintf(`big.yaml:%d:5: the stance of "p005" on "d0007" is empty`, at["empty"]),
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the message lacks %q:\n%v", want, err)
		}
	}

	// Without the mistakes, the warnings (every stance cites no source)
	// are the same too.
	clean := regexp.MustCompile(`(?m)^  p1000:\n    d0001: support\n|^    d9999: oppose\n`).ReplaceAllString(b.String(), "")
	clean = strings.Replace(clean, "    d0005: support\n    d0005: oppose\n", "    d0005: support\n", 1)
	for _, r := range []string{"suport", "strenght", "as_of: 2023", "d0007: \n"} {
		clean = strings.Replace(clean, r, map[string]string{"suport": "support", "strenght": "strength", "as_of: 2023": "as_of: 2025", "d0007: \n": "d0007: neutral\n"}[r], 1)
	}
	sameLoad(t, "big.yaml", []byte(clean), false)
	l, err := Parse("big.yaml", []byte(clean), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, o, n := l.Model.Counts()
	if w := l.Warnings.Error(); !strings.Contains(w, fmt.Sprintf("and %d more stances cite no source", s+o+n+1-10)) {
		t.Errorf("%d stances; warnings:\n%s", s+o+n, w)
	}
}

// randomFlowScenario writes a scenario in flow style, as JSON and YAML
// written on one line or a few have it, with random mistakes.
func randomFlowScenario(rng *rand.Rand) string {
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	sep := func() string { return pick(", ", ",", ",\n ", ",\n  ", " ,\n") }
	q := func(s string) string {
		switch rng.IntN(3) {
		case 0:
			return `"` + s + `"`
		case 1:
			return "'" + s + "'"
		}
		return s
	}
	id := func(kind string) string {
		if rng.IntN(15) == 0 {
			return pick("Bad Id", "x--y", "1", "null", "unknown", "[a]", "")
		}
		return fmt.Sprintf("%s%d", kind, rng.IntN(4))
	}
	var b strings.Builder
	b.WriteString("{" + q("title") + ": " + q("Flow") + sep())
	b.WriteString(q("parties") + ": {")
	for i := range 1 + rng.IntN(3) {
		if i > 0 {
			b.WriteString(sep())
		}
		b.WriteString(q(id("p")) + ": " + pick(q("Party"), "{name: N}", "{nmae: N}", "", "[x]"))
	}
	b.WriteString("}" + sep() + q("demands") + ": {")
	for i := range 1 + rng.IntN(4) {
		if i > 0 {
			b.WriteString(sep())
		}
		b.WriteString(q(id("d")) + ": " + pick(q("Demand"), "{name: D, tags: [a, b]}", "{excludes: [d9]}", ""))
	}
	b.WriteString("}" + sep() + q("stances") + ": " + pick("{", "{", "{", "[", "~, x: {"))
	for i := range 1 + rng.IntN(4) {
		if i > 0 {
			b.WriteString(sep())
		}
		b.WriteString(q(id("p")) + ": {")
		for j := range rng.IntN(4) {
			if j > 0 {
				b.WriteString(sep())
			}
			b.WriteString(q(id("d")) + ": " + pick(q("support"), q("oppose"), "neutral", "suport", "", "{stance: support, strength: firm}", "{stance: oppose, strenght: x}",
				"[{as_of: 2024, stance: support}, {as_of: 2023, stance: oppose}]", "&a support", "*a", "{}"))
		}
		b.WriteString("}")
	}
	b.WriteString(pick("}", "}", "]") + pick("}", "}\n", "}\n# end\n", "", "} x"))
	return b.String()
}

// randomExport writes a JSON export, or now and then the same in block
// YAML, with random mistakes, its stances in any order.
func randomExport(rng *rand.Rand) string {
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	rare := func(usual string, odd ...string) string {
		if rng.IntN(40) == 0 {
			return pick(odd...)
		}
		return usual
	}
	id := func(kind string) string {
		if rng.IntN(15) == 0 {
			return pick(`"Bad Id"`, `""`, "1", "null", `"unknown"`, "[]", "{}")
		}
		return fmt.Sprintf(`"%s%d"`, kind, rng.IntN(4))
	}
	var b strings.Builder
	nl := pick("\n", "", "\n  ")
	b.WriteString(`{"parley": ` + rare("1", "2", `"x"`) + `, "title": "Export",` + nl)
	b.WriteString(`"parties": [`)
	for i := range 1 + rng.IntN(3) {
		if i > 0 {
			b.WriteString("," + nl)
		}
		b.WriteString(`{"id": ` + id("p") + pick(`, "name": "P"`, `, "aliases": []`, `, "nmae": 1`, "") + "}")
	}
	b.WriteString("]," + nl + `"demands": [`)
	for i := range 1 + rng.IntN(4) {
		if i > 0 {
			b.WriteString("," + nl)
		}
		b.WriteString(`{"id": ` + id("d") + pick(`, "name": "D"`, `, "excludes": ["d1"]`, `, "tags": []`, "") + "}")
	}
	b.WriteString("]," + nl + `"stances": ` + rare("[", "{", `"x", "y": [`))
	for i := range rng.IntN(7) {
		if i > 0 {
			b.WriteString("," + nl + pick("", "  "))
		}
		fields := []string{`"party": ` + id("p"), `"demand": ` + id("d"), `"stance": ` + pick(`"support"`, `"oppose"`, `"neutral"`, `"suport"`, `""`, "1"),
			pick(`"strength": "firm"`, `"strenght": "firm"`, `"source": ""`, `"quote": "q", "source": "s1"`, `"by": "x"`, `"history": []`,
				`"history": [{"as_of": "2024", "stance": "support"}, {"as_of": "2023", "stance": "oppose"}]`, `"history": ["x"]`, `"history": "x"`, `"as_of": "2025-02-30"`, `"party": "p9"`)}
		if rng.IntN(8) == 0 {
			fields = fields[1+rng.IntN(2):]
		}
		rng.Shuffle(len(fields), func(i, j int) { fields[i], fields[j] = fields[j], fields[i] })
		b.WriteString(rare("{", "[", "") + strings.Join(fields, ", ") + "}")
	}
	b.WriteString(rare("]", "}", "") + "}" + pick("\n", ""))
	src := b.String()
	if rng.IntN(5) == 0 {
		// The same as block YAML: each stance an item of a list.
		src = strings.NewReplacer(`, "stances": [`, "\nstances:\n- ", `"stances": [{`, "\nstances:\n- {", "},{", "}\n- {", "}, {", "}\n- {").Replace(src)
	}
	return src
}
