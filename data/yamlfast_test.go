package data

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sameTree compares two node trees, positions and all; it returns where
// they first differ, or "".
func sameTree(a, b *node, path string) string {
	if a == nil || b == nil {
		if a != b {
			return fmt.Sprintf("%s: one tree is nil", path)
		}
		return ""
	}
	a.materialize()
	b.materialize()
	if a.kind != b.kind || a.line != b.line || a.col != b.col || a.span != b.span || a.value != b.value || a.typ != b.typ {
		return fmt.Sprintf("%s: %+v at %d:%d (%d) %q %s, want %+v at %d:%d (%d) %q %s", path,
			a.kind, a.line, a.col, a.span, a.value, a.typ, b.kind, b.line, b.col, b.span, b.value, b.typ)
	}
	if len(a.pairs) != len(b.pairs) || len(a.items) != len(b.items) {
		return fmt.Sprintf("%s: %d pairs, %d items; want %d, %d", path, len(a.pairs), len(a.items), len(b.pairs), len(b.items))
	}
	for i := range a.pairs {
		if d := sameTree(a.pairs[i].key, b.pairs[i].key, fmt.Sprintf("%s.key%d", path, i)); d != "" {
			return d
		}
		if d := sameTree(a.pairs[i].val, b.pairs[i].val, fmt.Sprintf("%s.%s", path, a.pairs[i].key.value)); d != "" {
			return d
		}
	}
	for i := range a.items {
		if d := sameTree(a.items[i], b.items[i], fmt.Sprintf("%s[%d]", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// checkFast reads src with both readers: where the fast one reads it, the
// full one must read it too, to the same tree.
func checkFast(t *testing.T, name string, src []byte, lazy bool) (read bool, why string) {
	t.Helper()
	var keys []string
	levels := 0
	if lazy {
		keys, levels = []string{"stances"}, 2
	}
	fast, ok, why := parseFast(src, keys, levels)
	if !ok {
		return false, why
	}
	full, diags := parseYAML(src)
	if len(diags) > 0 {
		t.Fatalf("%s: the fast reader read what the full one refuses: %v\n%s", name, diags, src)
	}
	if d := sameTree(fast, full, "root"); d != "" {
		t.Fatalf("%s: %s\n%s", name, d, src)
	}
	return true, ""
}

// TestFastYAMLCorpus: every scenario file of the repository reads to the
// same tree with the fast reader as with go.yaml.in/yaml/v3, and those
// that should be read fast are.
func TestFastYAMLCorpus(t *testing.T) {
	var files []string
	for _, pattern := range []string{"scenarios/*.yaml", "testdata/valid/*", "testdata/invalid/*.yaml", "testdata/invalid/*.json", "../docs/*.yaml", "../cmd/parley/testdata/*.yaml"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src = []byte(strings.TrimPrefix(string(src), "\ufeff"))
		read, why := checkFast(t, f, src, false)
		checkFast(t, f, src, true)
		t.Logf("%s: fast %v %s", f, read, why)
	}
}

// FuzzFastYAML holds the fast reader to go.yaml.in/yaml/v3: a file it reads
// gives the same tree, and it reads nothing the full parser refuses.
func FuzzFastYAML(f *testing.F) {
	addFiles(f, "testdata/valid/*", "testdata/invalid/*.yaml", "testdata/invalid/*.json", "scenarios/*.yaml", "testdata/fast/*")
	f.Add([]byte(hostile))
	for _, s := range fastSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkFast(t, "fuzz", src, false)
		checkFast(t, "fuzz", src, true)
	})
}

// fastSeeds are small files that exercise the fast reader's corners.
var fastSeeds = []string{
	"a: b\nc:\n  - d\n  - e: f\n    g: h\ni:\n- j\n- k\n",
	"a: |\n  text\n   more\n\n  last\nb: >-\n  folded\n  text\n\n  para\nc: |+\n  keep\n\n",
	"a: 'it''s'\nb: \"esc \\u00e9 \\x41 \\t\"\nc: \"multi\n  line\n\n  text\"\nd: 'single\n  multi'\n",
	"a: plain\n  continued\n  again\nb: 1\nc: 1.5\nd: true\ne: null\nf: ~\ng: NULL\nh: 0x1F\ni: 1_000\nj: .inf\nk: -.5e3\nl: 2025-01-02\n",
	"{a: 1, b: [x, y, {c: d}], 'e': \"f\", g: , h}\n",
	"a: {x: 1,\n  y: 2}\nb: [1,\n 2, ]\n",
	"stances:\n  us:\n    nato: oppose\n    other: {stance: support}\n  ru: {nato: support}\nparties: {us: US}\n",
	"a:   # comment\n  b: c # another\n# full line\nd: e\n",
	"- a\n- b: c\n  d: e\n-\n  f: g\n- \n",
	"a: b\r\nc: d\r\n",
	"\"quoted key\": v\n'single': w\n? complex\n: x\n",
	"a: &x 1\nb: *x\n",
	"a:\tb\n",
	"a: b\n---\nc: d\n",
	"key: value: other\n",
	"a: [b\n",
	"a: 'unclosed\n",
}

var (
	fastRounds = flag.Int("fastrounds", 3000, "random documents the fast reader's random tests compare")
	fastSeedF  = flag.Uint64("fastseed", 0, "seed of the fast reader's random tests (0: the time)")
)

// fastSeed is the seed of a random test, logged so that a failure can be
// run again with -fastseed.
func fastSeed(t *testing.T) uint64 {
	seed := *fastSeedF
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("-fastseed %d", seed)
	return seed
}

// TestFastYAMLRandom compares the fast reader with go.yaml.in/yaml/v3 on
// random documents made of the pieces YAML files are made of, tricky ones
// among them; -fastrounds sets how many.
func TestFastYAMLRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(fastSeed(t), 1))
	read := 0
	whys := map[string]int{}
	for range *fastRounds {
		src := randomYAML(rng)
		ok, why := checkFast(t, "random", []byte(src), rng.IntN(2) == 0)
		if ok {
			read++
		} else {
			if i := strings.Index(why, ": "); i >= 0 && strings.Contains(why[:i], ":") {
				why = why[i+2:]
			}
			whys[why]++
		}
	}
	t.Logf("%d of %d read fast; the rest: %v", read, *fastRounds, whys)
}

func randomYAML(rng *rand.Rand) string {
	pickS := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	word := func() string {
		switch rng.IntN(12) {
		case 0:
			return pickS("null", "~", "Null", "true", "False", "1", "-2", "0x1f", "1_000", "1.5e3", ".5", ".inf", "-.Inf", "0o17", "0b101", "2025-02-18", "<<", "+1", "1e", "0777", "99999999999999999999", "-0b1", ".nan", ".", "-")
		case 1:
			return pickS(`"q"`, `"a\"b"`, `"\u00e9\x41\t\n"`, `"multi`+"\n  line\n\n  x"+`"`, `'it''s'`, `'a`+"\n b'", `""`, `''`, `"\z"`, `"\ud800"`, `"a\`+"\n  b"+`"`, `"#x"`, `"a: b"`, `"tab	in"`)
		case 2:
			return pickS("a b", "a: b", "a #c", "a#b", "é中", "-x", "?x", ":x", "a:b", "a,b", "a]b", "a}b", "a[b", "%x", "@x", "`x", "&a x", "*a", "!t x", "a\tb", "x ")
		case 3:
			return pickS("[a, b]", "[]", "{}", "{a: b}", "{a: b, c: [d, e]}", "[a, {b: c}]", "{a}", "{a: }", "[a,\n  b]", "{\"a\":1}", "[a b, c]", "{a: b,}", "[,]", "[a: b]", "{? a}", "[a, - b]")
		case 4:
			return pickS("|", ">", "|-", ">+", "|2", "|-1", ">0", "| # c", "|x")
		}
		return pickS("a", "b", "key", "stances", "us", "nato", "support", "oppose", "x1", "long-word-here")
	}
	var b strings.Builder
	if rng.IntN(10) == 0 {
		b.WriteString(pickS("---\n", "--- # c\n", "# head\n", "\n", "%YAML 1.1\n---\n", "--- a\n"))
	}
	lines := 1 + rng.IntN(14)
	for range lines {
		ind := strings.Repeat(" ", pick(0, 0, 0, 2, 2, 4, 1, 3, 6))
		var line string
		switch rng.IntN(11) {
		case 0, 1, 2:
			line = word() + ": " + word()
		case 3:
			line = word() + ":"
		case 4:
			line = "- " + word()
		case 5:
			line = "- " + word() + ": " + word()
		case 6:
			line = pickS("# comment", "", "-", "  ", "text line", "...", "---", "- - a", "? k", ": v")
		case 7:
			line = word() + ":" + pickS(" # c", "  ", "\t", " #c", "#c")
		case 8:
			line = word()
		case 9:
			line = word() + " : " + word()
		default:
			line = word() + ": " + word() + pickS(" # c", "", " ", "\t# c")
		}
		b.WriteString(ind + line + pickS("\n", "\n", "\n", "\n", "\r\n", "\n\n", " \n"))
	}
	s := b.String()
	if rng.IntN(8) == 0 {
		s = strings.TrimSuffix(s, "\n")
	}
	return s
}

func pick[T any](xs ...T) T { return xs[rand.IntN(len(xs))] }

// TestFastYAMLShaped does the same on random documents shaped like
// scenario files — nested mappings and lists of every style, with now and
// then a tricky piece — which the fast reader mostly reads.
func TestFastYAMLShaped(t *testing.T) {
	rng := rand.New(rand.NewPCG(fastSeed(t), 2))
	read := 0
	whys := map[string]int{}
	for range *fastRounds {
		g := &yamlGen{rng: rng, tricky: rng.IntN(4)}
		g.mapping(0, 0)
		src := g.b.String()
		ok, why := checkFast(t, "shaped", []byte(src), rng.IntN(2) == 0)
		if ok {
			read++
		} else {
			if i := strings.Index(why, ": "); i >= 0 && strings.Contains(why[:i], ":") {
				why = why[i+2:]
			}
			whys[why]++
		}
	}
	t.Logf("%d of %d read fast; the rest: %v", read, *fastRounds, whys)
}

type yamlGen struct {
	rng    *rand.Rand
	b      strings.Builder
	tricky int // how often a tricky piece comes: never (0) to often (3)
}

func (g *yamlGen) pick(xs ...string) string { return xs[g.rng.IntN(len(xs))] }

func (g *yamlGen) odd() bool { return g.tricky > 0 && g.rng.IntN(40) < g.tricky }

func (g *yamlGen) ind(n int) string {
	if g.odd() {
		n += g.rng.IntN(3) - 1
	}
	return strings.Repeat(" ", max(n, 0))
}

func (g *yamlGen) key() string {
	if g.odd() {
		return g.pick(`"a b"`, `'k'`, `"k:"`, "a b", "-k", "k#x", "é", `"\u00e9"`, "1", "null", "true", "~", "<<", "k ", `"multi`+"\n"+`line"`, "? k", "[k]")
	}
	return g.pick("a", "b", "c", "key", "stances", "nato", "us", "d1", "d2", `"10"`, "'x'")
}

func (g *yamlGen) scalar() string {
	if g.odd() {
		return g.pick("a: b", "a #c", "a#b", "'it''s'", `"e\"s\\c\t\u00e9\x41\U0001F30D"`, `"bad\q"`, "null", "~", "NULL", "1", "-1.5", ".inf", "0x1F", "1_000", "2025-02-18",
			"x\t y", "[a, b]", "{a: b, c: }", "{a}", "[a,\n"+strings.Repeat(" ", g.rng.IntN(5))+"b]", `"x`+"\n"+strings.Repeat(" ", g.rng.IntN(5))+`y"`, "&a b", "*a", "!!str x", "|", "é中文", "- x", "a: b: c", "%x", "@x", "`x`", "x ", "? x", ": x", ":x", "-x")
	}
	switch g.rng.IntN(12) {
	case 0:
		return "&a" + fmt.Sprint(g.rng.IntN(3)) + g.pick(" x", " [x, y]", " {k: v}", "", " 'q'", " |\n  block", " {}", " []")
	case 1:
		return "*a" + fmt.Sprint(g.rng.IntN(3))
	case 2:
		return "[&a" + fmt.Sprint(g.rng.IntN(3)) + g.pick(" x", "", " {k: v}") + ", *a" + fmt.Sprint(g.rng.IntN(3)) + "]"
	}
	return g.pick("support", "oppose", "neutral", "A Name", "some text here", "1946-02-05", "42", `"quoted text"`, "'single quoted'", "[x, y]", "{stance: support}")
}

func (g *yamlGen) eol() string {
	if g.odd() {
		return g.pick(" # comment\n", "\r\n", "\n\n", "\n# c\n", "   \n", "\t\n", "\n  # indented comment\n", "#c\n")
	}
	return "\n"
}

func (g *yamlGen) mapping(indent, depth int) {
	for range 1 + g.rng.IntN(4) {
		g.b.WriteString(g.ind(indent) + g.key() + ":")
		g.value(indent, depth)
	}
}

func (g *yamlGen) value(indent, depth int) {
	switch r := g.rng.IntN(10); {
	case r < 4 || depth > 3:
		g.b.WriteString(" " + g.scalar() + g.eol())
	case r == 4:
		g.b.WriteString(g.eol())
		g.mapping(indent+1+g.rng.IntN(4), depth+1)
	case r == 5:
		g.b.WriteString(g.eol())
		g.seq(indent+g.rng.IntN(3), depth+1)
	case r == 6:
		g.b.WriteString(" " + g.pick("|", ">", "|-", ">+", "|2", ">-") + g.eol())
		in := indent + 1 + g.rng.IntN(3)
		for range 1 + g.rng.IntN(4) {
			g.b.WriteString(strings.Repeat(" ", in+pick(0, 0, 0, 1, 2)) + g.pick("text", "more text", "", "  spaced", "#not a comment") + g.eol())
		}
	case r == 7:
		if g.rng.IntN(3) == 0 {
			g.b.WriteString(" &a" + fmt.Sprint(g.rng.IntN(3)))
			if g.rng.IntN(2) == 0 {
				g.b.WriteString(g.eol())
				g.mapping(indent+1+g.rng.IntN(3), depth+1)
				return
			}
		}
		g.b.WriteString(g.eol())
	case r == 8:
		g.b.WriteString(" " + g.scalar() + "\n" + g.ind(indent+1+g.rng.IntN(3)) + g.pick("continued", "more words", "x: y", "# c", "- z") + g.eol())
	default:
		g.b.WriteString(" {" + g.key() + ": " + g.scalar() + ", " + g.key() + ": [" + g.scalar() + ", " + g.scalar() + "]}" + g.eol())
	}
}

func (g *yamlGen) seq(indent, depth int) {
	for range 1 + g.rng.IntN(4) {
		g.b.WriteString(g.ind(indent) + "-")
		switch g.rng.IntN(4) {
		case 0:
			g.b.WriteString(" " + g.key() + ":")
			g.value(indent+2, depth+1)
			if g.rng.IntN(2) == 0 {
				g.b.WriteString(g.ind(indent+2) + g.key() + ":")
				g.value(indent+2, depth+1)
			}
		case 1:
			g.value(indent, depth+1)
		default:
			g.b.WriteString(" " + g.scalar() + g.eol())
		}
	}
}

// TestSlabRewind: nodes handed out again are not allocated again, even
// when a pair begins on a full slab (the case that once made a new slab
// for every stance of a file, 15 times slower).
func TestSlabRewind(t *testing.T) {
	p := newFastParser(nil)
	for range 256 {
		p.newNode()
	}
	pair := func() {
		m := slabMark{p.slab, p.slabUsed}
		p.newNode()
		p.newNode()
		p.rewind(m)
	}
	pair()
	if n := testing.AllocsPerRun(100, pair); n != 0 {
		t.Errorf("%v allocations a pair", n)
	}
}
