package explorer_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render/explorer"
)

// TestBrowserParty clicks Russia on the map and reads its stances, with
// the speakers' words, from the panel; its lines and demands light up.
func TestBrowserParty(t *testing.T) {
	m := riyadh(t)
	ts, ctx, ev := openPage(t, m, "/")
	do(t, ctx, chromedp.Click(chromedp.CSS(`#canvas g.node[data-party="russia"]`)))
	waitFor[bool](t, ctx, panelTitle+` === 'Russia'`)
	text := eval[string](t, ctx, panelText)
	p, _ := m.PartyIndex("russia")
	for _, s := range m.PartyStances(p) {
		if s.Quote != "" && !strings.Contains(text, s.Quote) {
			t.Errorf("the panel lacks Russia's words %q", s.Quote)
		}
		if s.By != "" && !strings.Contains(text, m.PersonName(p, s.By)) {
			t.Errorf("the panel lacks the speaker %q", m.PersonName(p, s.By))
		}
	}
	// The report's account of Putin's demands is the report's, not his.
	if !strings.Contains(text, "— the report's own words, about putin") {
		t.Errorf("the panel does not mark the report's narration as such:\n%s", text)
	}
	lit := eval[[]string](t, ctx, `[...document.querySelectorAll('#canvas g.node.hl[data-demand]')].map(g => g.dataset.demand).sort()`)
	var want []string
	for _, s := range m.PartyStances(p) {
		want = append(want, m.Demands()[s.Demand].ID)
	}
	slices.Sort(want)
	if !slices.Equal(lit, want) {
		t.Errorf("lit demands %v, want Russia's %v", lit, want)
	}
	if !strings.Contains(eval[string](t, ctx, `location.hash`), "sel=party%3Arussia") {
		t.Errorf("the address does not hold the selection")
	}
	// Hovering a stance line shows its evidence.
	tip := eval[string](t, ctx, `(() => {
	  const g = document.querySelector('#canvas g.edge[data-party="russia"][data-demand="nato-membership"]');
	  const r = g.querySelector('path').getBoundingClientRect();
	  g.querySelector('path').dispatchEvent(new MouseEvent('mouseover', {bubbles: true, clientX: r.x + r.width / 2, clientY: r.y + r.height / 2}));
	  const c = document.querySelector('#hovercard');
	  return c.hidden ? '' : c.textContent;
	})()`)
	if !strings.Contains(tip, "report about Vladimir Putin: “renouncing") || !strings.Contains(tip, "Source:") {
		t.Errorf("hovering Russia's NATO line shows %q", tip)
	}
	checkQuiet(t, ev, ts.URL)
}

// TestBrowserMatrix selects parties in the matrix as in the other views:
// every row is a party and every column a demand the page can find, a
// click or Enter on a row selects its party, its stances and their demands
// light up, and hovering a cell shows the stance's evidence.
func TestBrowserMatrix(t *testing.T) {
	m := riyadh(t)
	ts, ctx, ev := openPage(t, m, "/#view=matrix")
	waitFor[bool](t, ctx, `document.querySelector('#canvas').dataset.drawn.includes('view=matrix')`)
	rows := eval[[]string](t, ctx, `[...document.querySelectorAll('#canvas g.node[data-party]')].map(g => g.dataset.party).sort()`)
	cols := eval[[]string](t, ctx, `[...document.querySelectorAll('#canvas g.node[data-demand]')].map(g => g.dataset.demand).sort()`)
	cells := eval[[]string](t, ctx, `[...document.querySelectorAll('#canvas g.edge[data-party][data-demand]')].map(g => g.dataset.party + ' ' + g.dataset.demand).sort()`)
	var wantRows, wantCols, wantCells []string
	for _, p := range m.Parties() {
		wantRows = append(wantRows, p.ID)
	}
	for _, d := range m.Demands() {
		wantCols = append(wantCols, d.ID)
	}
	for p, party := range m.Parties() {
		for _, s := range m.PartyStances(p) {
			wantCells = append(wantCells, party.ID+" "+m.Demands()[s.Demand].ID)
		}
	}
	slices.Sort(wantRows)
	slices.Sort(wantCols)
	slices.Sort(wantCells)
	if !slices.Equal(rows, wantRows) {
		t.Errorf("the matrix's party rows are %v, want %v", rows, wantRows)
	}
	if !slices.Equal(cols, wantCols) {
		t.Errorf("the matrix's demand columns are %v, want %v", cols, wantCols)
	}
	if !slices.Equal(cells, wantCells) {
		t.Errorf("the matrix's stance cells are %v, want one for each of the %d stances %v", cells, len(wantCells), wantCells)
	}

	do(t, ctx, chromedp.Click(chromedp.CSS(`#canvas g.node[data-party="russia"]`)))
	waitFor[bool](t, ctx, panelTitle+` === 'Russia'`)
	if !strings.Contains(eval[string](t, ctx, `location.hash`), "sel=party%3Arussia") {
		t.Errorf("the address does not hold the selection")
	}
	waitFor[bool](t, ctx, `!!document.querySelector('#canvas g.node.sel[data-party="russia"]')`)
	p, _ := m.PartyIndex("russia")
	var want []string
	for _, s := range m.PartyStances(p) {
		want = append(want, m.Demands()[s.Demand].ID)
	}
	slices.Sort(want)
	lit := eval[[]string](t, ctx, `[...document.querySelectorAll('#canvas g.node.hl[data-demand]')].map(g => g.dataset.demand).sort()`)
	if !slices.Equal(lit, want) {
		t.Errorf("lit demands %v, want Russia's %v", lit, want)
	}
	litCells := eval[[]string](t, ctx, `[...document.querySelectorAll('#canvas g.edge.hl')].map(g => g.dataset.party + ' ' + g.dataset.demand).sort()`)
	var wantLit []string
	for _, d := range want {
		wantLit = append(wantLit, "russia "+d)
	}
	if !slices.Equal(litCells, wantLit) {
		t.Errorf("lit cells %v, want Russia's stances %v", litCells, wantLit)
	}
	if others := eval[[]string](t, ctx, `[...document.querySelectorAll('#canvas g.node.hl[data-party]')].map(g => g.dataset.party)`); !slices.Equal(others, []string{"russia"}) {
		t.Errorf("lit parties %v, want only Russia", others)
	}
	if !eval[bool](t, ctx, `document.querySelector('#canvas svg').classList.contains('dim')`) {
		t.Errorf("the rest of the matrix is not dimmed")
	}
	screenshot(t, ctx, "matrix-party-russia")

	// Hovering a cell shows the stance's evidence in the card, not as the
	// browser's own tooltip.
	tip := eval[string](t, ctx, `(() => {
	  const g = document.querySelector('#canvas g.edge[data-party="russia"][data-demand="nato-membership"]');
	  const r = g.querySelector('rect').getBoundingClientRect();
	  g.querySelector('rect').dispatchEvent(new MouseEvent('mouseover', {bubbles: true, clientX: r.x + r.width / 2, clientY: r.y + r.height / 2}));
	  const c = document.querySelector('#hovercard');
	  return c.hidden ? '' : c.textContent;
	})()`)
	if !strings.Contains(tip, "report about Vladimir Putin: “renouncing") || !strings.Contains(tip, "Source:") {
		t.Errorf("hovering Russia's NATO cell shows %q", tip)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#canvas g.node title, #canvas g.edge title').length`); n != 0 {
		t.Errorf("%d tooltips of the matrix's parties, demands and stances stay as <title>s", n)
	}

	// The keyboard reaches a row and selects it; a column selects its demand.
	do(t, ctx, chromedp.Focus(chromedp.CSS(`#canvas g.node[data-party="ukraine"]`)), chromedp.KeyEvent(kb.Enter))
	waitFor[bool](t, ctx, panelTitle+` === 'Ukraine'`)
	waitFor[bool](t, ctx, `!!document.querySelector('#canvas g.node.sel[data-party="ukraine"]') && !document.querySelector('#canvas g.node.sel[data-party="russia"]')`)
	do(t, ctx, chromedp.Click(chromedp.CSS(`#canvas g.node[data-demand="nato-membership"]`)))
	waitFor[bool](t, ctx, `!!document.querySelector('#canvas g.node.sel[data-demand="nato-membership"]')`)
	d, _ := m.DemandIndex("nato-membership")
	var wantParties []string
	for _, pos := range []graph.Position{graph.Support, graph.Oppose, graph.Neutral} {
		for _, p := range m.Who(d, pos) {
			wantParties = append(wantParties, m.Parties()[p].ID)
		}
	}
	slices.Sort(wantParties)
	if got := eval[[]string](t, ctx, `[...document.querySelectorAll('#canvas g.node.hl[data-party]')].map(g => g.dataset.party).sort()`); !slices.Equal(got, wantParties) {
		t.Errorf("with nato-membership selected the lit parties are %v, want those with a stance on it %v", got, wantParties)
	}
	checkQuiet(t, ev, ts.URL)
}

// TestBrowserSpace selects parties in the space view as in the others:
// each placed party's point and label are one thing to click, one Tab
// stop, and the party selected lights up while the rest dims.
func TestBrowserSpace(t *testing.T) {
	m := riyadh(t)
	ts, ctx, ev := openPage(t, m, "/#view=space")
	waitFor[bool](t, ctx, `document.querySelector('#canvas').dataset.drawn.includes('view=space')`)
	var want []string
	for _, p := range graph.MapPositions(m, graph.PositionOptions{Dimensions: 2}).Parties {
		if p.Coords != nil {
			want = append(want, m.Parties()[p.Party].ID)
		}
	}
	slices.Sort(want)
	if len(want) < 2 {
		t.Fatalf("only %v placed", want)
	}
	// One stop for the keyboard per party, holding its point and its label.
	stops := eval[[]string](t, ctx, `[...document.querySelectorAll('#canvas svg [tabindex="0"]')].map(g => g.dataset.party || g.localName).sort()`)
	if !slices.Equal(stops, want) {
		t.Errorf("the space view's Tab stops are %v, want one for each placed party %v", stops, want)
	}
	for _, id := range want {
		parts := eval[string](t, ctx, `[...document.querySelector('#canvas g.node[data-party="`+id+`"]').children].map(e => e.localName).join(' ')`)
		if parts != "ellipse text" && parts != "rect text" && parts != "polygon text" {
			t.Errorf("party %s's group holds %q, want its point and its label", id, parts)
		}
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#canvas g.node title').length`); n != 0 {
		t.Errorf("%d tooltips of the space view's parties stay as <title>s", n)
	}

	// A click on a label selects its party and lights up its point.
	do(t, ctx, chromedp.Click(chromedp.CSS(`#canvas g.node[data-party="russia"] text`)))
	waitFor[bool](t, ctx, panelTitle+` === 'Russia'`)
	if !strings.Contains(eval[string](t, ctx, `location.hash`), "sel=party%3Arussia") {
		t.Errorf("the address does not hold the selection")
	}
	waitFor[bool](t, ctx, `!!document.querySelector('#canvas g.node.sel[data-party="russia"]')`)
	if got := eval[[]string](t, ctx, `[...document.querySelectorAll('#canvas g.node.hl')].map(g => g.dataset.party)`); !slices.Equal(got, []string{"russia"}) {
		t.Errorf("lit parties %v, want only Russia", got)
	}
	if !eval[bool](t, ctx, `document.querySelector('#canvas svg').classList.contains('dim')`) {
		t.Errorf("the other parties are not dimmed")
	}
	if w := eval[string](t, ctx, `getComputedStyle(document.querySelector('#canvas g.node.sel[data-party="russia"] > :first-child')).strokeWidth`); w != "5px" {
		t.Errorf("Russia's point is drawn with a stroke of %s when selected, want 5px", w)
	}
	screenshot(t, ctx, "space-party-russia")

	// A click on a point selects its party; so does Enter on a group.
	do(t, ctx, chromedp.Click(chromedp.CSS(`#canvas g.node[data-party="us"] > :first-child`)))
	waitFor[bool](t, ctx, panelTitle+` === 'United States'`)
	waitFor[bool](t, ctx, `!!document.querySelector('#canvas g.node.sel[data-party="us"]') && !document.querySelector('#canvas g.node.sel[data-party="russia"]')`)
	do(t, ctx, chromedp.Focus(chromedp.CSS(`#canvas g.node[data-party="ukraine"]`)), chromedp.KeyEvent(kb.Enter))
	waitFor[bool](t, ctx, panelTitle+` === 'Ukraine'`)
	waitFor[bool](t, ctx, `!!document.querySelector('#canvas g.node.sel[data-party="ukraine"]')`)

	// Hovering a point shows its tooltip in the card.
	tip := eval[string](t, ctx, `(() => {
	  const e = document.querySelector('#canvas g.node[data-party="ukraine"] > :first-child');
	  const r = e.getBoundingClientRect();
	  e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true, clientX: r.x + r.width / 2, clientY: r.y + r.height / 2}));
	  const c = document.querySelector('#hovercard');
	  return c.hidden ? '' : c.textContent;
	})()`)
	if !strings.HasPrefix(tip, "Ukraine (ukraine)\naxis 1 ") {
		t.Errorf("hovering Ukraine's point shows %q", tip)
	}
	checkQuiet(t, ev, ts.URL)
}

// TestBrowserSpeaksFor: a person's name, searched for or in the address,
// shows their party with the command line's line that says why, as text.
func TestBrowserSpeaksFor(t *testing.T) {
	ts, ctx, ev := openPage(t, riyadh(t), "/")
	notes := `[...document.querySelectorAll('#details .note')].map(e => e.textContent)`
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`#search`), "zelenskyy"+kb.Enter))
	waitFor[bool](t, ctx, panelTitle+` === 'Ukraine'`)
	if got := eval[[]string](t, ctx, notes); !slices.Equal(got, []string{"Volodymyr Zelenskyy speaks for Ukraine."}) {
		t.Errorf("searching zelenskyy notes %q", got)
	}
	waitFor[bool](t, ctx, `!!document.querySelector('#canvas g.node.hl[data-party="ukraine"]')`)
	eval[bool](t, ctx, `(location.hash = '#q=common+ground+putin+zelenskyy', true)`)
	waitFor[bool](t, ctx, panelTitle+`.startsWith('Common ground')`)
	if got := eval[[]string](t, ctx, notes); !slices.Equal(got, []string{"Vladimir Putin speaks for Russia.", "Volodymyr Zelenskyy speaks for Ukraine."}) {
		t.Errorf("common ground putin zelenskyy notes %q", got)
	}
	// A party's own name says nothing more.
	eval[bool](t, ctx, `(location.hash = '#sel=party%3Aus', true)`)
	waitFor[bool](t, ctx, panelTitle+` === 'United States'`)
	if got := eval[[]string](t, ctx, notes); len(got) != 0 {
		t.Errorf("the US's own page notes %q", got)
	}
	// In the address, the name is read by the server, and what it found lights up.
	eval[bool](t, ctx, `(location.hash = '#sel=party%3Azelenskyy', true)`)
	waitFor[bool](t, ctx, panelTitle+` === 'Ukraine'`)
	waitFor[bool](t, ctx, `document.querySelectorAll('#details .note').length === 1`)
	if got := eval[[]string](t, ctx, notes); !slices.Equal(got, []string{"Volodymyr Zelenskyy speaks for Ukraine."}) {
		t.Errorf("#sel=party:zelenskyy notes %q", got)
	}
	waitFor[bool](t, ctx, `!!document.querySelector('#canvas g.node.sel[data-party="ukraine"]')`)
	checkQuiet(t, ev, ts.URL)

	// Names made of markup are shown as text.
	hs, _ := server(t, hostile(t))
	do(t, ctx, chromedp.Navigate(hs.URL+"/#sel=party%3Aeve"))
	ready(t, ctx)
	waitFor[bool](t, ctx, `!!document.querySelector('#details .note')`)
	if got := eval[[]string](t, ctx, notes); !slices.Equal(got, []string{"<svg onload=alert(7)> speaks for <script>alert('name')</script>."}) {
		t.Errorf("eve is noted %q", got)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#details svg, #details script, #details .note *').length`); n != 0 {
		t.Errorf("a note's text became %d elements", n)
	}
}

// TestBrowserQuestion types a question and checks the parties it lights up.
func TestBrowserQuestion(t *testing.T) {
	m := riyadh(t)
	ts, ctx, ev := openPage(t, m, "/")
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`#search`), "who opposes nato"+kb.Enter))
	waitFor[bool](t, ctx, panelTitle+` === 'Who opposes'`)
	d, _ := m.DemandIndex("nato-membership")
	var want []string
	for _, p := range m.Who(d, graph.Oppose) {
		want = append(want, m.Parties()[p].ID)
	}
	got := eval[[]string](t, ctx, `[...document.querySelectorAll('#canvas g.node.hl[data-party]')].map(g => g.dataset.party).sort()`)
	if !slices.Equal(got, want) {
		t.Errorf("who opposes nato lights up %v, want %v", got, want)
	}
	if !eval[bool](t, ctx, `!!document.querySelector('#canvas g.node.hl[data-demand="nato-membership"]')`) {
		t.Errorf("the demand is not lit")
	}
	if cli := eval[string](t, ctx, `document.querySelector('#details .cli').textContent`); cli != "parley who opposes nato-membership" {
		t.Errorf("the panel names the command %q", cli)
	}
	// The answer names its demand and the position asked; the panel reads them.
	if h := eval[string](t, ctx, `document.querySelector('#details h3').textContent`); h != "2 parties oppose Ukraine joins NATO" {
		t.Errorf("the answer is headed %q", h)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#details .stance').length`); n != 2 {
		t.Errorf("the panel shows %d stances, want 2", n)
	}
	// Another question, and Escape clears it.
	eval[bool](t, ctx, `(document.querySelector('#search').value = '', true)`)
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`#search`), "common ground russia us"+kb.Enter))
	waitFor[bool](t, ctx, panelTitle+`.startsWith('Common ground')`)
	do(t, ctx, chromedp.KeyEvent(kb.Escape))
	waitFor[bool](t, ctx, `!document.querySelector('#canvas svg.dim') && location.hash.indexOf('q=') < 0`)
	// At a date, the heading says which.
	eval[bool](t, ctx, `(location.hash = '#as-of=2024-12-01&q=who+supports+ukraine-at-table', true)`)
	waitFor[bool](t, ctx, `document.querySelector('#details h3') && document.querySelector('#details h3').textContent.endsWith('as of 2024-12-01')`)
	if h := eval[string](t, ctx, `document.querySelector('#details h3').textContent`); h != "1 party supports Kyiv takes part in the peace talks, as of 2024-12-01" {
		t.Errorf("the answer at 2024-12-01 is headed %q", h)
	}
	checkQuiet(t, ev, ts.URL)
}

// TestBrowserAsOf moves the date control to 2024-12-01 (the last date of
// the scenario on or before it) and reads the US stance there.
func TestBrowserAsOf(t *testing.T) {
	m := riyadh(t)
	ts, ctx, ev := openPage(t, m, "/#sel=party%3Aus")
	waitFor[bool](t, ctx, panelTitle+` === 'United States'`)
	target := graph.MustDate("2024-12-01")
	date := eval[string](t, ctx, `(() => {
	  const dates = parley.time.dates().filter(d => d <= '2024-12-01~');
	  const d = dates[dates.length - 1];
	  const s = document.querySelector('#as-of');
	  s.focus();
	  s.value = String(parley.time.dates().indexOf(d));
	  s.dispatchEvent(new Event('input', {bubbles: true}));
	  s.dispatchEvent(new Event('change', {bubbles: true}));
	  return d;
	})()`)
	d, err := graph.ParseDate(date)
	if err != nil || target.Before(d) {
		t.Fatalf("the control moved to %q", date)
	}
	waitFor[bool](t, ctx, `document.querySelector('#details .cli').textContent === 'parley party us --as-of `+date+`'`)
	waitFor[bool](t, ctx, `document.querySelector('#canvas').dataset.drawn.includes('`+date+`')`)
	at := m.At(target)
	us, _ := at.PartyIndex("us")
	for _, s := range at.PartyStances(us) {
		id := at.Demands()[s.Demand].ID
		shown := eval[string](t, ctx, `(() => {
		  const b = document.querySelector('#details .stance button[data-select="demand:`+id+`"]');
		  return b ? b.closest('.stance').querySelector('.what span').textContent : 'missing';
		})()`)
		if want := s.Position.String() + ", " + s.Strength.String(); shown != want {
			t.Errorf("as of 2024-12-01 the panel shows the US on %s as %q, want %q", id, shown, want)
		}
	}
	label := eval[string](t, ctx, `document.querySelector('#as-of-label').textContent`)
	if label != date {
		t.Errorf("the control reads %q, want %q", label, date)
	}
	checkQuiet(t, ev, ts.URL)
}

// TestBrowserAddress follows a link to a state and walks back and forward.
func TestBrowserAddress(t *testing.T) {
	ts, ctx, ev := openPage(t, riyadh(t), "/#view=parties&sel=party%3Aukraine")
	waitFor[bool](t, ctx, panelTitle+` === 'Ukraine'`)
	waitFor[bool](t, ctx, `document.querySelector('[data-view="parties"]').getAttribute('aria-pressed') === 'true' && !!document.querySelector('#canvas g.node.sel[data-party="ukraine"]')`)
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-view="matrix"]`)))
	waitFor[bool](t, ctx, `document.querySelector('#canvas').dataset.drawn.includes('view=matrix')`)
	eval[bool](t, ctx, `history.back(), true`)
	waitFor[bool](t, ctx, `document.querySelector('#canvas').dataset.drawn.includes('view=parties') && document.querySelector('[data-view="parties"]').getAttribute('aria-pressed') === 'true'`)
	eval[bool](t, ctx, `history.forward(), true`)
	waitFor[bool](t, ctx, `document.querySelector('#canvas').dataset.drawn.includes('view=matrix')`)
	checkQuiet(t, ev, ts.URL)
}

// TestBrowserKeyboard tabs through the page: every control, party and
// demand is reached; Enter selects; Escape clears.
func TestBrowserKeyboard(t *testing.T) {
	m := riyadh(t)
	_, ctx, _ := openPage(t, m, "/")
	reached := map[string]bool{}
	for range len(m.Parties()) + len(m.Demands()) + 40 {
		do(t, ctx, chromedp.KeyEvent(kb.Tab))
		reached[eval[string](t, ctx, `(() => { const e = document.activeElement;
		  return e.dataset.party ? 'p:' + e.dataset.party : e.dataset.demand ? 'd:' + e.dataset.demand :
		    e.id ? '#' + e.id : e.dataset.view ? 'view:' + e.dataset.view : e.dataset.zoom ? 'zoom:' + e.dataset.zoom : e.tagName; })()`)] = true
	}
	want := []string{"#search", "#as-of", "view:map", "view:parties", "view:matrix", "view:space", "zoom:in"}
	for _, p := range m.Parties() {
		want = append(want, "p:"+p.ID)
	}
	for _, d := range m.Demands() {
		want = append(want, "d:"+d.ID)
	}
	for _, w := range want {
		if !reached[w] {
			t.Errorf("Tab never reaches %s", w)
		}
	}
	do(t, ctx, chromedp.Focus(chromedp.CSS(`#canvas g.node[data-party="ukraine"]`)), chromedp.KeyEvent(kb.Enter))
	waitFor[bool](t, ctx, panelTitle+` === 'Ukraine'`)
	do(t, ctx, chromedp.KeyEvent(kb.Escape))
	waitFor[bool](t, ctx, `document.querySelector('#details .cli').textContent === 'parley summary'`)
}

// checkQuiet fails the test if the page opened a dialog, left for another
// document, opened a window, or asked anything of another origin.
func checkQuiet(t *testing.T, ev *tabEvents, origin string) {
	t.Helper()
	e := ev.snapshot()
	if len(e.dialogs) > 0 {
		t.Errorf("dialogs opened: %q", e.dialogs)
	}
	if len(e.navigations) > 0 {
		t.Errorf("the page navigated to %q", e.navigations)
	}
	if len(e.windows) > 0 {
		t.Errorf("windows opened: %q", e.windows)
	}
	for _, r := range e.requests {
		if !strings.HasPrefix(r, origin+"/") && r != origin {
			t.Errorf("a request to %s", r)
		}
	}
}

// hostile is a scenario whose every text tries to be markup or script.
func hostile(t *testing.T) *graph.Model {
	b := graph.NewBuilder()
	b.SetMeta(graph.Meta{Title: `<script>alert("title")</script> & </svg><img src=x onerror=alert(1)>`})
	b.AddSource(graph.Source{ID: "evil", Title: `<b onmouseover=alert(2)>source</b>`, URL: "javascript:alert(3)"})
	b.AddSource(graph.Source{ID: "page", Title: `"><script>alert(4)</script>`, URL: `https://example.invalid/"><script>alert(5)</script>`})
	b.AddParty(graph.Party{ID: "mallory", Name: `<script>alert('name')</script>`, Aliases: []string{`<img src=x onerror=alert(6)>`},
		People: []graph.Person{{ID: "eve", Name: `<svg onload=alert(7)>`}}})
	b.AddParty(graph.Party{ID: "trent", Name: `</svg></script><iframe src="javascript:alert(8)">`})
	b.AddDemand(graph.Demand{ID: "inject", Name: `</svg><script>alert(9)</script>`, Description: `<a href="javascript:alert(10)">click</a>`})
	b.AddDemand(graph.Demand{ID: "entity", Name: `&lt;script&gt; {{.}} ${alert(11)} \N \" '`, Tags: []string{`<i>tag</i>`}})
	b.AddStance("mallory", "inject", graph.Entry{Position: graph.Support, Strength: graph.Firm, By: "eve",
		Quote: `</script><script>alert(12)</script>`, Source: "evil", AsOf: graph.MustDate("2025-01-01")},
		graph.Entry{Position: graph.Oppose, Strength: graph.RedLine, By: "eve", Quote: `<img src=x onerror=alert(13)>`, Source: "page", AsOf: graph.MustDate("2025-02-01")})
	b.AddStance("trent", "inject", graph.Entry{Position: graph.Support, Strength: graph.Soft, Quote: `javascript:alert(14)`, Source: "evil"})
	b.AddStance("trent", "entity", graph.Entry{Position: graph.Oppose, Strength: graph.Firm, Quote: `<style>*{display:none}</style>`, Note: `onerror="alert(15)"`})
	b.AddStance("mallory", "entity", graph.Entry{Position: graph.Neutral, Strength: graph.Soft, Source: "page"})
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestBrowserHostile shows a scenario made of markup and script: every
// text appears as text, nothing runs, nothing leaves the page.
func TestBrowserHostile(t *testing.T) {
	m := hostile(t)
	ts, ctx, ev := openPage(t, m, "/")
	steps := []string{
		`document.querySelector('#canvas g.node[data-party="mallory"]').dispatchEvent(new MouseEvent('click', {bubbles: true}))`,
		`document.querySelector('#canvas g.edge[data-party="mallory"]').dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))`,
	}
	for _, s := range steps {
		eval[bool](t, ctx, "("+s+", true)")
	}
	waitFor[bool](t, ctx, panelTitle+` === "<script>alert('name')</script>"`)
	text := eval[string](t, ctx, panelText)
	for _, want := range []string{"<svg onload=alert(7)>", "<img src=x onerror=alert(13)>", "</svg><script>alert(9)</script>"} {
		if !strings.Contains(text, want) {
			t.Errorf("the panel does not show %q as text", want)
		}
	}
	for _, state := range []string{"#sel=demand%3Ainject", "#sel=demand%3Aentity", "#q=who+supports+inject", "#view=parties",
		"#view=matrix", "#q=trent", "#as-of=2025-01-01&sel=party%3Amallory", "#q=timeline+mallory", "#q=sources", "#q=%3Cscript%3E"} {
		eval[bool](t, ctx, `(location.hash = '`+state+`', true)`)
		waitFor[bool](t, ctx, `!!document.querySelector('#details h2, #details .error')`)
		waitFor[bool](t, ctx, `document.querySelector('#status').textContent !== 'Drawing…'`)
	}
	// Hover every node and line, follow every link the panel offers.
	eval[bool](t, ctx, `(() => {
	  for (const g of document.querySelectorAll('#canvas [data-tip]')) g.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
	  return true; })()`)
	bad := eval[[]string](t, ctx, `(() => {
	  const out = [];
	  for (const e of document.querySelectorAll('*')) {
	    for (const a of e.attributes) {
	      if (a.name.toLowerCase().startsWith('on')) out.push(e.tagName + ' ' + a.name);
	      if (/^\s*javascript:/i.test(a.value)) out.push(e.tagName + ' ' + a.name + '=' + a.value);
	    }
	  }
	  const scripts = [...document.scripts].filter(s => !s.src).length;
	  if (scripts) out.push(scripts + ' inline scripts');
	  if (document.querySelector('iframe, object, embed, img, foreignObject, #canvas style')) out.push('foreign element');
	  return out; })()`)
	if len(bad) > 0 {
		t.Errorf("markup from the scenario reached the page: %q", bad)
	}
	checkQuiet(t, ev, ts.URL)
}

// TestBrowserStandalone opens map.html from file:// with the network cut:
// selection, the panel, search by name and who-questions work; the date
// control redraws; nothing is requested but the file.
func TestBrowserStandalone(t *testing.T) {
	m := riyadh(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "map.html")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	eng := newEngine()
	defer eng.Close()
	if err := explorer.WriteStandalone(context.Background(), f, m, eng); err != nil {
		t.Fatal(err)
	}
	f.Close()
	st, _ := os.Stat(path)
	t.Logf("map.html of the Riyadh scenario: %d bytes", st.Size())
	if st.Size() > 1<<20 {
		t.Errorf("map.html is %d bytes, over 1 MB", st.Size())
	}
	ctx, ev := tab(t)
	do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}}})
		return err
	}))
	url := "file://" + path
	do(t, ctx, chromedp.Navigate(url))
	ready(t, ctx)
	do(t, ctx, chromedp.Click(chromedp.CSS(`#canvas g.node[data-party="russia"]`)))
	waitFor[bool](t, ctx, panelTitle+` === 'Russia'`)
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`#search`), "who opposes nato"+kb.Enter))
	waitFor[bool](t, ctx, panelTitle+` === 'Who opposes'`)
	got := eval[[]string](t, ctx, `[...document.querySelectorAll('#canvas g.node.hl[data-party]')].map(g => g.dataset.party).sort()`)
	if !slices.Equal(got, []string{"russia", "us"}) {
		t.Errorf("offline, who opposes nato lights up %v", got)
	}
	if h := eval[string](t, ctx, `document.querySelector('#details h3').textContent`); h != "2 parties oppose Ukraine joins NATO" {
		t.Errorf("offline, the answer is headed %q", h)
	}
	eval[bool](t, ctx, `(location.hash = '#q=kyiv', true)`)
	waitFor[bool](t, ctx, panelTitle+` === 'Ukraine'`)
	if n := eval[int](t, ctx, `document.querySelectorAll('#details .note').length`); n != 0 {
		t.Errorf("offline, kyiv has %d notes", n)
	}
	// A person's name finds their party offline too, and says so.
	eval[bool](t, ctx, `(location.hash = '#q=zelenskyy', true)`)
	waitFor[bool](t, ctx, `!!document.querySelector('#details .note')`)
	if note := eval[string](t, ctx, `document.querySelector('#details .note').textContent`); note != "Volodymyr Zelenskyy speaks for Ukraine." {
		t.Errorf("offline, zelenskyy is noted %q", note)
	}
	eval[bool](t, ctx, `(location.hash = '#q=common+ground+russia+us', true)`)
	msg := waitFor[string](t, ctx, `document.querySelector('#details .error') && document.querySelector('#details .error').textContent`)
	if !strings.Contains(msg, "parley serve") {
		t.Errorf("offline, an analysis says %q, not that it needs parley serve", msg)
	}
	dates := eval[[]string](t, ctx, `parley.time.dates()`)
	if len(dates) == 0 {
		t.Fatal("offline, the date control has no dates")
	}
	eval[bool](t, ctx, `(() => { const s = document.querySelector('#as-of'); s.value = '0';
	  s.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`)
	waitFor[bool](t, ctx, `document.querySelector('#canvas').dataset.drawn.includes('as-of=`+dates[0]+`')`)
	for _, r := range ev.snapshot().requests {
		if !strings.HasPrefix(r, url) {
			t.Errorf("offline, the page asked for %s", r)
		}
	}
	e := ev.snapshot()
	if len(e.dialogs)+len(e.navigations)+len(e.windows) > 0 {
		t.Errorf("dialogs %q, navigations %q, windows %q", e.dialogs, e.navigations, e.windows)
	}
}

// TestBrowserScreenshots draws each view and a few states and keeps a
// screenshot of each in the artifacts folder.
func TestBrowserScreenshots(t *testing.T) {
	m := riyadh(t)
	_, ctx, _ := openPage(t, m, "/")
	views := eval[[]string](t, ctx, `parley.info.views`)
	states := map[string]string{}
	for _, v := range views {
		states["view-"+v] = "#view=" + v
	}
	states["view-party-russia"] = "#view=party%3Arussia&sel=party%3Arussia"
	states["view-demand-nato"] = "#view=demand%3Anato-membership"
	states["question-who-opposes-nato"] = "#q=who+opposes+nato"
	states["map-as-of-first-date"] = "#as-of=" + eval[string](t, ctx, `parley.info.dates[1] || ''`)
	names := make([]string, 0, len(states))
	for n := range states {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		eval[bool](t, ctx, `(location.hash = '`+states[n]+`', true)`)
		waitFor[bool](t, ctx, `document.querySelector('#status').textContent === '' && !!document.querySelector('#canvas svg') && !!document.querySelector('#details h2')`)
		screenshot(t, ctx, n)
	}
}
