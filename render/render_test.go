package render_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/parley/parley/data"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/render"
)

func embedded(t testing.TB) *graph.Model {
	t.Helper()
	l, err := data.LoadEmbedded(data.DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	return l.Model
}

func testEngine(t testing.TB) *render.Engine {
	t.Helper()
	return &render.Engine{Path: enginePath, CacheDir: cacheDir, Notify: func(s string) { t.Log("engine:", s) }}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./render -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./render -update rewrites it after you have checked the change):\n%s", name, firstDiff(want, got))
	}
}

func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return ""
}

func write(t *testing.T, fn func(w io.Writer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := fn(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var graphViews = []struct{ view, file string }{
	{"map", "map"},
	{"parties", "parties"},
	{"party:russia", "party-russia"},
	{"demand:nato-membership", "demand-nato-membership"},
}

func TestGoldenDOTAndMermaid(t *testing.T) {
	m := embedded(t)
	for _, v := range graphViews {
		p, err := render.New(m, render.Options{View: v.view})
		if err != nil {
			t.Fatal(err)
		}
		dot := write(t, p.WriteDOT)
		golden(t, v.file+".dot", dot)
		if again := write(t, p.WriteDOT); !bytes.Equal(dot, again) {
			t.Errorf("%s: DOT differs between two writes", v.view)
		}
		golden(t, v.file+".mmd", write(t, p.WriteMermaid))
	}
}

func TestGoldenExports(t *testing.T) {
	m := embedded(t)
	golden(t, "riyadh.json", write(t, func(w io.Writer) error { return render.WriteJSON(w, m) }))
	golden(t, "riyadh.graphml", write(t, func(w io.Writer) error { return render.WriteGraphML(w, m) }))
	golden(t, "riyadh.csv", write(t, func(w io.Writer) error { return render.WriteCSV(w, m) }))
	golden(t, "riyadh.yaml", write(t, func(w io.Writer) error { return data.WriteScenario(w, m) }))
}

// hostile is text that breaks naive DOT, SVG, XML and Mermaid writers.
var hostile = []string{
	`He said "no" \N \\ \E`,
	`"><script>alert(1)</script>`,
	"two\nlines & <b>bold</b> -->",
	"&nbsp; &#1; &amp; &lt;x&gt; &bogus;",
	"Русский текст, 中文, emoji 🙂🇺🇦",
	`javascript:alert(1) ]] }} %% #quot; `,
	"tab\there\x01ctl",
}

func hostileModel(t testing.TB) *graph.Model {
	b := graph.NewBuilder()
	b.SetMeta(graph.Meta{Title: hostile[1] + " " + hostile[0], Date: graph.MustDate("2025-02-18")})
	b.AddSource(graph.Source{ID: "bad", Title: hostile[2], URL: "javascript:alert(1)"})
	b.AddSource(graph.Source{ID: "good", Title: "ok", URL: `https://example.org/a?b=1&c="2"<x>&nbsp;`})
	for i, h := range hostile {
		id := "p" + strconv.Itoa(i)
		b.AddParty(graph.Party{ID: id, Name: h, Description: h, Aliases: []string{h}, People: []graph.Person{{ID: "x", Name: h}}})
		did := "d" + strconv.Itoa(i)
		b.AddDemand(graph.Demand{ID: did, Name: h, Description: h, Tags: []string{"t"}})
	}
	for i, h := range hostile {
		src := "good"
		if i%2 == 1 {
			src = "bad"
		}
		pos := graph.Positions[i%3]
		b.AddStance("p"+strconv.Itoa(i), "d"+strconv.Itoa(i), graph.Entry{Position: pos, Strength: graph.Strengths[i%3],
			By: "x", Quote: h, Source: src, Note: h})
		b.AddStance("p"+strconv.Itoa(i), "d"+strconv.Itoa((i+1)%len(hostile)), graph.Entry{Position: graph.Oppose, Strength: graph.Firm})
	}
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// svgFacts is what a test wants to know of an SVG.
type svgFacts struct {
	nodes, edges int
	texts        []string
	tooltips     []string
	hrefs        []string
	legend       bool
}

func readSVG(t *testing.T, svg []byte) svgFacts {
	t.Helper()
	if err := render.CheckSVG(svg); err != nil {
		t.Fatalf("CheckSVG: %v", err)
	}
	var f svgFacts
	d := xml.NewDecoder(bytes.NewReader(svg))
	var stack []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			stack = append(stack, x.Name.Local)
			if x.Name.Local == "script" {
				t.Errorf("SVG has a script element")
			}
			for _, a := range x.Attr {
				switch {
				case strings.HasPrefix(strings.ToLower(a.Name.Local), "on"):
					t.Errorf("SVG has an event attribute %s", a.Name.Local)
				case a.Name.Local == "class" && a.Value == "node":
					f.nodes++
				case a.Name.Local == "class" && a.Value == "edge":
					f.edges++
				case a.Name.Local == "id" && a.Value == "legend":
					f.legend = true
				case a.Name.Local == "title" && a.Name.Space != "":
					f.tooltips = append(f.tooltips, a.Value)
				case a.Name.Local == "href":
					f.hrefs = append(f.hrefs, a.Value)
					if !strings.HasPrefix(a.Value, "https://") && !strings.HasPrefix(a.Value, "http://") {
						t.Errorf("SVG links to %q", a.Value)
					}
				}
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 && stack[len(stack)-1] == "text" {
				f.texts = append(f.texts, string(x))
			}
		}
	}
	return f
}

func contains(ss []string, want string) bool {
	for _, s := range ss {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

// TestSVG runs the engine once per view of the embedded scenario (and the
// matrix without it) and checks the SVG's structure.
func TestSVG(t *testing.T) {
	m := embedded(t)
	eng := testEngine(t)
	want := map[string]int{"map": len(m.Parties()) + len(m.Demands()), "parties": len(m.Parties()),
		"party:russia": 1 + 5 + 7, "demand:nato-membership": 3 + 1 + 1}
	for _, v := range graphViews {
		p, err := render.New(m, render.Options{View: v.view})
		if err != nil {
			t.Fatal(err)
		}
		svg := write(t, func(w io.Writer) error { return p.WriteSVG(context.Background(), eng, w) })
		f := readSVG(t, svg)
		if f.nodes != want[v.view] {
			t.Errorf("%s: %d nodes, want %d", v.view, f.nodes, want[v.view])
		}
		if !f.legend || !contains(f.texts, "Legend") {
			t.Errorf("%s: no legend titled Legend", v.view)
		}
		if !contains(f.texts, m.Meta().Title) || !contains(f.texts, "2025") {
			t.Errorf("%s: no title with the date", v.view)
		}
		words := map[string]string{"map": "Sergey Lavrov: “there is not even a thought”",
			"party:russia":           "Sergey Lavrov: “there is not even a thought”",
			"demand:nato-membership": "Pete Hegseth: “NATO membership for Ukraine was not realistic”"}[v.view]
		if words != "" && !contains(f.tooltips, words) {
			t.Errorf("%s: no tooltip with the words %s", v.view, words)
		}
		// The report's narration about Putin is marked as the report's.
		if v.view != "parties" && !contains(f.tooltips, "report about Vladimir Putin: “renouncing his attempt to join NATO") {
			t.Errorf("%s: no tooltip with the report's words about Putin on NATO", v.view)
		}
	}
}

func TestMatrixSVG(t *testing.T) {
	m := embedded(t)
	p, err := render.New(m, render.Options{View: "matrix"})
	if err != nil {
		t.Fatal(err)
	}
	svg := write(t, func(w io.Writer) error { return p.WriteSVG(context.Background(), nil, w) })
	f := readSVG(t, svg)
	if !f.legend || !contains(f.texts, "Legend") {
		t.Error("no legend")
	}
	for _, want := range []string{"Russia", "Ukraine joins NATO", "+", "−"} {
		if !contains(f.texts, want) {
			t.Errorf("matrix has no text %q", want)
		}
	}
	// The hooks of the page and of scripts, as on the graph views: a row is
	// a party, a column a demand, a cell with a stance both.
	stances := 0
	for p := range m.Parties() {
		stances += len(m.PartyStances(p))
	}
	if f.nodes != len(m.Parties())+len(m.Demands()) || f.edges != stances {
		t.Errorf("matrix has %d nodes and %d edges, want %d parties and demands and %d stances",
			f.nodes, f.edges, len(m.Parties())+len(m.Demands()), stances)
	}
	for _, want := range []string{`<g class="node" data-party="russia">`, `<g class="node" data-demand="nato-membership">`,
		`<g class="edge" data-party="russia" data-demand="nato-membership">`} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("matrix has no %s", want)
		}
	}
	if bytes.Contains(svg, []byte(`data-party="eu" data-demand="nato-membership"`)) {
		t.Error("a cell without a stance is marked as one")
	}
	if _, err := p.WriteDOT(io.Discard), p.WriteDOT(io.Discard); err == nil {
		t.Error("the matrix wrote DOT")
	}
}

// TestHostileText draws a scenario whose every name and quote is hostile:
// every format must stay well-formed and carry the text through.
func TestHostileText(t *testing.T) {
	m := hostileModel(t)
	p, err := render.New(m, render.Options{View: "map"})
	if err != nil {
		t.Fatal(err)
	}
	f := readSVG(t, write(t, func(w io.Writer) error { return p.WriteSVG(context.Background(), testEngine(t), w) }))
	if f.nodes != 2*len(hostile) {
		t.Errorf("%d nodes, want %d", f.nodes, 2*len(hostile))
	}
	for _, h := range hostile[:6] {
		first := strings.Split(h, "\n")[0]
		if !contains(f.tooltips, strings.ReplaceAll(h, "\n", " ")) {
			t.Errorf("no tooltip holds %q exactly", h)
		}
		if !contains(f.texts, first[:min(len(first), 12)]) {
			t.Errorf("no text starts like %q", first)
		}
	}
	if len(f.hrefs) == 0 || !contains(f.hrefs, "https://example.org/a?b=1&c=%222%22%3Cx%3E&nbsp;") {
		t.Errorf("links %q, want the https source, escaped", f.hrefs)
	}

	// PNG: painted from the layout, whatever the text.
	pngData := write(t, func(w io.Writer) error { return p.WritePNG(context.Background(), testEngine(t), w) })
	if _, err := png.Decode(bytes.NewReader(pngData)); err != nil {
		t.Errorf("PNG: %v", err)
	}

	// Matrix: parley's own SVG.
	mx, _ := render.New(m, render.Options{View: "matrix"})
	readSVG(t, write(t, func(w io.Writer) error { return mx.WriteSVG(context.Background(), nil, w) }))

	// GraphML parses and gives the quotes back.
	gm := write(t, func(w io.Writer) error { return render.WriteGraphML(w, m) })
	var doc struct {
		Edges []struct {
			Data []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"graph>edge"`
	}
	if err := xml.Unmarshal(gm, &doc); err != nil {
		t.Fatalf("GraphML: %v", err)
	}
	var quotes []string
	for _, e := range doc.Edges {
		for _, d := range e.Data {
			if d.Key == "quote" {
				quotes = append(quotes, d.Value)
			}
		}
	}
	for _, h := range hostile[:6] {
		if !contains(quotes, h) {
			t.Errorf("GraphML lost the quote %q", h)
		}
	}

	// JSON is valid and gives the quotes back.
	js := write(t, func(w io.Writer) error { return render.WriteJSON(w, m) })
	var model struct {
		Stances []struct{ Quote string } `json:"stances"`
	}
	if err := json.Unmarshal(js, &model); err != nil {
		t.Fatalf("JSON: %v", err)
	}
	for _, h := range hostile[:6] {
		found := false
		for _, s := range model.Stances {
			found = found || s.Quote == h
		}
		if !found {
			t.Errorf("JSON lost the quote %q", h)
		}
	}

	// Mermaid: labels hold only letters, digits, plain punctuation and
	// entity codes, so nothing can close a label or open markup.
	mm := string(write(t, p.WriteMermaid))
	label := regexp.MustCompile(`\["([^"]*)"\]|\|"([^"]*)"\|`)
	ok := regexp.MustCompile(`^([\p{L}\p{N} .,:?!()'’–—\-+/×·]|#\d+;|<br>)*$`)
	n := 0
	for _, line := range strings.Split(mm, "\n") {
		if q, ok := strings.CutPrefix(line, "title: "); ok {
			// Mermaid shows its title as text, never as markup: the title
			// is the scenario's own, exactly, in a YAML double-quoted string.
			title, err := strconv.Unquote(q)
			if want := m.Meta().Title + " — Parties and demands · 2025-02-18"; err != nil || !strings.HasPrefix(title, strings.Join(strings.Fields(want), " ")) {
				t.Errorf("Mermaid title %s reads %q (%v), want %q", q, title, err, want)
			}
			continue
		}
		for _, sm := range label.FindAllStringSubmatch(line, -1) {
			n++
			if l := sm[1] + sm[2]; !ok.MatchString(l) {
				t.Errorf("Mermaid label %q holds raw markup", l)
			}
		}
		if strings.Contains(line, "<script") || strings.Contains(line, `"><`) {
			t.Errorf("Mermaid line %q lets markup through", line)
		}
	}
	if n < 2*len(hostile) {
		t.Errorf("found %d Mermaid labels, want at least %d", n, 2*len(hostile))
	}

	// DOT: every quoted string is closed on its line or continues; the
	// engine parsed it above, which is the real check.
	if !bytes.Contains(write(t, p.WriteDOT), []byte(`\\\\N`)) {
		t.Error(`DOT does not quadruple the backslash of \N in tooltips`)
	}
}

func TestPNG(t *testing.T) {
	if testing.Short() {
		t.Skip("paints two pictures, in one goroutine")
	}
	m := embedded(t)
	eng := testEngine(t)
	for _, view := range []string{"map", "matrix"} {
		p, err := render.New(m, render.Options{View: view})
		if err != nil {
			t.Fatal(err)
		}
		b := write(t, func(w io.Writer) error { return p.WritePNG(context.Background(), eng, w) })
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", view, err)
		}
		sz := img.Bounds().Size()
		if sz.X < 600 || sz.Y < 300 || sz.X > 4000 || sz.Y > 4000 {
			t.Errorf("%s: PNG is %v", view, sz)
		}
		// Both position colours are painted: lines in the map, cells in
		// the matrix.
		for _, c := range []string{"#0072B2", "#D55E00"} {
			if n := countNear(img, c); n < 200 {
				t.Errorf("%s: only %d pixels of %s", view, n, c)
			}
		}
	}
}

func countNear(img image.Image, hex string) int {
	v, _ := strconv.ParseUint(hex[1:], 16, 32)
	r0, g0, b0 := int(v>>16), int(v>>8&255), int(v&255)
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bb, _ := img.At(x, y).RGBA()
			if abs(int(r>>8)-r0) < 12 && abs(int(g>>8)-g0) < 12 && abs(int(bb>>8)-b0) < 12 {
				n++
			}
		}
	}
	return n
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func TestOptionErrors(t *testing.T) {
	m := embedded(t)
	for _, tc := range []struct {
		opts render.Options
		want string
	}{
		{render.Options{View: "maps"}, `unknown view "maps"`},
		{render.Options{View: "party:"}, `unknown view "party:"`},
		{render.Options{Layout: "twopi"}, `unknown layout "twopi"`},
		{render.Options{View: "matrix", Layout: "dot"}, "leave out --layout"},
	} {
		_, err := render.New(m, tc.opts)
		var oe *render.OptionError
		if !errors.As(err, &oe) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want an OptionError with %q", tc.opts, err, tc.want)
		}
	}
	_, err := render.New(m, render.Options{View: "party:nobody"})
	var nf *graph.NotFoundError
	if !errors.As(err, &nf) {
		t.Errorf("party:nobody: %v, want a NotFoundError", err)
	}
}

// bigModel has p parties and d demands, each party with a stance on every
// demand, varying from demand to demand (a party that took one position
// throughout would be related to nobody beyond chance).
func bigModel(t testing.TB, parties, demands int) *graph.Model {
	b := graph.NewBuilder()
	b.SetMeta(graph.Meta{Title: "Votes"})
	for i := 0; i < parties; i++ {
		b.AddParty(graph.Party{ID: "p" + strconv.Itoa(i), Name: "Country " + strconv.Itoa(i)})
	}
	for j := 0; j < demands; j++ {
		b.AddDemand(graph.Demand{ID: "d" + strconv.Itoa(j), Name: "Resolution " + strconv.Itoa(j)})
	}
	for i := 0; i < parties; i++ {
		for j := 0; j < demands; j++ {
			b.SetPosition(i, j, graph.Positions[(i*j+i+j)%3], graph.Firm)
		}
	}
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSizeGuards(t *testing.T) {
	m := bigModel(t, 200, 200)
	for _, layout := range []string{"fdp", "circo"} {
		if _, err := render.New(m, render.Options{Layout: layout}); err == nil || !strings.Contains(err.Error(), "--force") {
			t.Errorf("%s on 400 nodes: %v, want a refusal naming --force", layout, err)
		}
		if _, err := render.New(m, render.Options{Layout: layout, Force: true}); err != nil {
			t.Errorf("%s forced: %v", layout, err)
		}
	}
	if _, err := render.New(m, render.Options{}); err == nil || !strings.Contains(err.Error(), "edges") {
		t.Errorf("40,000 edges: %v, want a refusal", err)
	}
	// The parties view of 200 parties keeps each party's strongest relations.
	p, err := render.New(m, render.Options{View: "parties"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Layout() != "neato" {
		t.Errorf("parties of 200: layout %s", p.Layout())
	}
	dot := string(write(t, p.WriteDOT))
	if n := strings.Count(dot, " -> "); n > 200*3 || n == 0 {
		t.Errorf("parties view of 200 has %d edges", n)
	}
	// Both the strongest positive and the strongest negative relations,
	// and every party placed and pinned.
	if !strings.Contains(dot, "style=dashed") || !strings.Contains(dot, `color="#0072B2", penwidth`) {
		t.Error("the parties view of 200 lacks positive or negative relations")
	}
	if n := strings.Count(dot, `!"`); n != 200 {
		t.Errorf("%d of 200 parties pinned", n)
	}
}

// TestMatrixAtScale draws a UN-sized matrix: capped, with a note, and an
// SVG of sane size.
func TestMatrixAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("writes the matrix of 200 × 6,202, in one goroutine")
	}
	m := bigModel(t, 200, 6202)
	p, err := render.New(m, render.Options{View: "matrix"})
	if err != nil {
		t.Fatal(err)
	}
	svg := write(t, func(w io.Writer) error { return p.WriteSVG(context.Background(), nil, w) })
	if len(svg) > 5<<20 {
		t.Errorf("matrix SVG of 200 × 6,202 is %d MB", len(svg)>>20)
	}
	f := readSVG(t, svg)
	if !contains(f.texts, "120 most contested of 6202 demands") {
		t.Error("the capped matrix does not say so")
	}
}
