package render

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/parley/parley/graph"
)

// Options choose what a picture shows and how it is laid out.
type Options struct {
	// View is map (the default), parties, party:ID, demand:ID or matrix. ID
	// is anything m.FindParty or m.FindDemand accepts.
	View string
	// Layout is a Graphviz layout engine: dot, neato, fdp, sfdp or circo;
	// "" picks the view's default.
	Layout string
	// Force lays out graphs the chosen layout would take too long on.
	Force bool
	// Blocs are groups of party ids, drawn as clusters in the parties view
	// (by layouts that draw clusters: dot and fdp) and ordering the rows and
	// columns of the matrix. Unknown ids are skipped, and a party in two
	// blocs is drawn in the first.
	Blocs [][]string
	// Top keeps the parties view's Top strongest relations (by the size of
	// their weight, then demands shared), half of them positive and half
	// negative where there are enough of each; 0 keeps them all up to 30
	// parties and, beyond, each party's 2 strongest positive relations and
	// its strongest negative one.
	Top int
	// Objective is the pair weight of the parties view, the blocs' own:
	// ObjectiveAuto resolves it on the scenario's pairs as Coalitions does.
	Objective graph.Objective
	// MinShared drops relations between parties that have a stance on
	// fewer than MinShared demands in common.
	MinShared int
	// Before, when set, makes the map a picture of change: the stances
	// that differ from Before's are highlighted, with the old stance shown.
	Before *graph.Model
	// Anchor is a party (anything m.FindParty accepts) the space view puts
	// on the positive side of both axes; "" for the default signs.
	Anchor string
	// MinStances is the least number of stances a party needs to be placed
	// in the space view; 0 for graph.MapPositions's default.
	MinStances int
	// Timeout bounds the painting of a PNG, after its layout; 0 means
	// DefaultTimeout.
	Timeout time.Duration
}

// Views names the views, for help and errors.
var Views = []string{"map", "parties", "party:ID", "demand:ID", "matrix", "space"}

// Layouts names the layout engines Options.Layout accepts.
var Layouts = []string{"dot", "neato", "fdp", "sfdp", "circo"}

// Limits beyond which a layout is refused unless Options.Force is set: fdp
// and circo blow up past a few hundred nodes (circo took over 300 s at 500),
// and no layout finishes in reasonable time on tens of thousands of edges.
const (
	maxSlowLayoutNodes = 300
	maxLayoutEdges     = 20000
	maxDotNodes        = 2000
	// Beyond this many parties the parties view keeps each party's
	// strongest relations only.
	maxAllPairsParties = 30
	strongestPerParty  = 3
)

// OptionError is a view, layout or size the caller asked for that cannot be
// drawn; parley reports it as a usage error.
type OptionError struct{ msg string }

func (e *OptionError) Error() string { return e.msg }

func optionErrorf(format string, args ...any) error {
	return &OptionError{fmt.Sprintf(format, args...)}
}

// Picture is a view of a model, ready to be written in any format.
type Picture struct {
	model  *graph.Model
	scene  *scene  // graph views
	matrix *matrix // the matrix view
	space  *space  // the space view
	view   string  // the view's name, as in Options.View
	// paintTimeout bounds WritePNG's painting.
	paintTimeout time.Duration
}

// IsMatrix reports whether the picture is the matrix view.
func (p *Picture) IsMatrix() bool { return p.matrix != nil }

// Drawn reports whether parley draws the picture itself, without Graphviz
// (the matrix and space views): it has no DOT or Mermaid form and needs no
// engine.
func (p *Picture) Drawn() bool { return p.matrix != nil || p.space != nil }

// Positions returns the position map the space view draws; false for the
// other views.
func (p *Picture) Positions() (graph.PositionMap, bool) {
	if p.space == nil {
		return graph.PositionMap{}, false
	}
	return p.space.pm, true
}

// Layout is the Graphviz layout the picture uses; "" for the matrix.
func (p *Picture) Layout() string {
	if p.scene == nil {
		return ""
	}
	return p.scene.layout
}

// New prepares the picture opts describe. Errors are *OptionError for a
// view, layout or size that cannot be drawn, and the errors of
// m.FindParty and m.FindDemand for an ID that names none. Cost: O(P+D+S)
// for the map, O(P²·D/64) time for the parties view, whose memory is that
// of the pairs it draws, not of all the pairs.
func New(m *graph.Model, opts Options) (*Picture, error) {
	view := opts.View
	if view == "" {
		view = "map"
	}
	if opts.Layout != "" && !slices.Contains(Layouts, opts.Layout) {
		return nil, optionErrorf("unknown layout %q: want %s", opts.Layout, strings.Join(Layouts, ", "))
	}
	kind, arg, _ := strings.Cut(view, ":")
	var s *scene
	switch {
	case view == "map" && opts.Before != nil:
		s = diffScene(opts.Before, m)
	case opts.Before != nil:
		return nil, optionErrorf("a picture of change is drawn as the map view only, not %s", view)
	case view == "map":
		s = mapScene(m)
	case view == "parties":
		s = partiesScene(m, opts)
	case kind == "party" && arg != "":
		p, err := m.FindParty(arg)
		if err != nil {
			return nil, err
		}
		s = partyScene(m, p)
	case kind == "demand" && arg != "":
		d, err := m.FindDemand(arg)
		if err != nil {
			return nil, err
		}
		s = demandScene(m, d)
	case view == "matrix":
		if opts.Layout != "" {
			return nil, optionErrorf("the matrix view is drawn without a Graphviz layout: leave out --layout")
		}
		return &Picture{model: m, matrix: newMatrix(m, opts.Blocs), view: view, paintTimeout: opts.Timeout}, nil
	case view == "space":
		if opts.Layout != "" {
			return nil, optionErrorf("the space view is drawn without a Graphviz layout: leave out --layout")
		}
		sp, err := newSpace(m, opts)
		if err != nil {
			return nil, err
		}
		return &Picture{model: m, space: sp, view: view, paintTimeout: opts.Timeout}, nil
	default:
		return nil, optionErrorf("unknown view %q: want %s", view, strings.Join(Views, ", "))
	}
	s.title = name(oneLine(m.Meta().Title), "Untitled scenario")
	if d := dateLabel(m); d != "" && opts.Before == nil {
		s.subtitle += " · " + d
	}
	if opts.Layout != "" {
		s.layout = opts.Layout
	}
	if err := checkSize(s, opts.Force); err != nil {
		return nil, err
	}
	return &Picture{model: m, scene: s, view: view, paintTimeout: opts.Timeout}, nil
}

// date is the date a picture shows: the model's date if it was moved to
// one, or the scenario's.
// dateLabel says which moment a picture shows: the --as-of date, or, for
// the latest stances, the scenario's own date (which dated stances may
// postdate, so the label says "latest").
func dateLabel(m *graph.Model) string {
	switch d := m.Meta().Date; {
	case !m.AsOf().IsZero():
		return "as of " + m.AsOf().String()
	case d.IsZero() && m.Dated():
		return "latest stances"
	case d.IsZero():
		return ""
	case m.Dated():
		return d.String() + ", latest stances"
	}
	return m.Meta().Date.String()
}

func checkSize(s *scene, force bool) error {
	if force {
		return nil
	}
	n, e := len(s.nodes), len(s.edges)
	switch {
	case (s.layout == "fdp" || s.layout == "circo") && n > maxSlowLayoutNodes:
		return optionErrorf("the %s layout takes minutes to hours on %d nodes (it is refused beyond %d): use --layout sfdp, or --force to wait", s.layout, n, maxSlowLayoutNodes)
	case s.layout == "dot" && n > maxDotNodes:
		return optionErrorf("the dot layout takes many minutes on %d nodes (it is refused beyond %d): use --layout sfdp, or --force to wait", n, maxDotNodes)
	case e > maxLayoutEdges:
		return optionErrorf("%d edges are too many to lay out in reasonable time (the limit is %d): draw --view matrix, party:ID or demand:ID instead, or --force to wait", e, maxLayoutEdges)
	}
	return nil
}

// defaultLayout is dot for small graphs and sfdp, which scales, for big ones.
func defaultLayout(nodes int, small string) string {
	if nodes > maxSlowLayoutNodes {
		return "sfdp"
	}
	return small
}

func mapScene(m *graph.Model) *scene {
	s := &scene{subtitle: "Parties and demands", rankdir: "LR"}
	for p := range m.Parties() {
		s.nodes = append(s.nodes, partyNodeOf(m, p))
	}
	for d := range m.Demands() {
		s.nodes = append(s.nodes, demandNodeOf(m, d))
	}
	for p := range m.Parties() {
		for _, st := range m.PartyStances(p) {
			s.edges = append(s.edges, stanceEdgeOf(m, st))
		}
	}
	x := excludesEdges(m, func(int) bool { return true })
	s.edges = append(s.edges, x...)
	s.layout = defaultLayout(len(s.nodes), "dot")
	s.legend = stanceLegend(len(x) > 0, false)
	return s
}

func partiesScene(m *graph.Model, opts Options) *scene {
	blocs := opts.Blocs
	s := &scene{subtitle: "Agreement and conflict between parties"}
	// Parties are filled with their bloc's colour, as the space view draws
	// them.
	blocOf, _ := blocIndexOf(m, blocs)
	for p := range m.Parties() {
		n := partyNodeOf(m, p)
		if blocOf[p] >= 0 {
			n.fill = blocTint(blocOf[p])
		}
		s.nodes = append(s.nodes, n)
	}
	// Only the pairs drawn are kept, never all of them.
	mode := keepAll
	switch {
	case opts.Top > 0:
		mode = keepTop
	case len(m.Parties()) > maxAllPairsParties:
		mode = keepPerParty
	}
	pairs, all, obj := pairsOf(m, max(opts.MinShared, 1), opts.Objective, mode, opts.Top, strongestPerParty-1, 1)
	switch {
	case mode == keepTop && len(pairs) < all:
		s.notes = append(s.notes, fmt.Sprintf("The %d strongest of %d relations, positive and negative", len(pairs), all))
	case mode == keepPerParty && len(pairs) < all:
		s.notes = append(s.notes, fmt.Sprintf("Each party's %d strongest positive relations and its strongest negative one (--top N to choose)", strongestPerParty-1))
	}
	if obj == graph.ObjectiveCentred {
		s.notes = append(s.notes, "Weights beyond chance: agreements − clashes less what each party's own mix gives")
	}
	if opts.MinShared > 1 {
		s.notes = append(s.notes, fmt.Sprintf("Only pairs with a stance on at least %d demands in common", opts.MinShared))
	}
	maxShared := 0
	for _, p := range pairs {
		maxShared = max(maxShared, p.c.Shared)
	}
	for _, p := range pairs {
		s.edges = append(s.edges, weightEdgeOf(m, p, maxShared, obj))
	}
	seen := map[string]bool{}
	for _, b := range blocs {
		var c cluster
		for _, id := range b {
			if _, ok := m.PartyIndex(id); ok && !seen[id] {
				seen[id] = true
				c.nodes = append(c.nodes, "p:"+id)
			}
		}
		if len(c.nodes) > 0 {
			c.id = fmt.Sprintf("cluster_bloc_%d", len(s.clusters)+1)
			c.label = fmt.Sprintf("Bloc %d", len(s.clusters)+1)
			c.color = blocColor(len(s.clusters))
			s.clusters = append(s.clusters, c)
		}
	}
	small := "neato"
	if len(s.clusters) > 0 {
		small = "fdp" // neato and sfdp ignore clusters
	}
	s.layout = defaultLayout(len(s.nodes), small)
	var names []string
	labelled := true
	if len(m.Parties()) > maxAllPairsParties && (opts.Layout == "" || opts.Layout == "neato") {
		// Placed by the position map, blocs together; clusters would only
		// be boxes across one another, so the blocs show by colour, and
		// hundreds of labels would hide the lines: the weight is in each
		// line's tooltip.
		pinParties(m, s)
		s.layout, s.clusters = "neato", nil
		_, nb := blocIndexOf(m, blocs)
		for b := range nb {
			n := 0
			for _, x := range blocOf {
				if x == b {
					n++
				}
			}
			names = append(names, fmt.Sprintf("Bloc %d: %d %s", b+1, n, plural(n, "party", "parties")))
		}
		for i := range s.edges {
			s.edges[i].label = ""
		}
		labelled = false
	}
	s.legend = relationLegend(len(s.clusters) > 0, names, labelled, obj)
	return s
}

func partyScene(m *graph.Model, p int) *scene {
	party := m.Parties()[p]
	s := &scene{subtitle: name(oneLine(party.Name), party.ID) + ": stances, allies and adversaries", rankdir: "LR"}
	var others []node
	var rel []edge
	maxShared := 0
	cs := make([]graph.PairCounts, len(m.Parties()))
	for q := range m.Parties() {
		if q != p {
			cs[q] = m.Compare(q, p)
			maxShared = max(maxShared, cs[q].Shared)
		}
	}
	for q := range m.Parties() {
		if q == p || cs[q].Shared == 0 {
			continue
		}
		others = append(others, partyNodeOf(m, q))
		rel = append(rel, relationEdgeOf(m, q, p, cs[q], maxShared))
	}
	focus := partyNodeOf(m, p)
	focus.focus = true
	s.nodes = append(append(s.nodes, focus), others...)
	stances := m.PartyStances(p)
	in := map[int]bool{}
	for _, st := range stances {
		s.nodes = append(s.nodes, demandNodeOf(m, st.Demand))
		in[st.Demand] = true
	}
	s.edges = append(s.edges, rel...)
	for _, st := range stances {
		s.edges = append(s.edges, stanceEdgeOf(m, st))
	}
	x := excludesEdges(m, func(d int) bool { return in[d] })
	s.edges = append(s.edges, x...)
	s.layout = defaultLayout(len(s.nodes), "dot")
	s.legend = append(stanceLegend(len(x) > 0, true), relationLines()...)
	return s
}

func demandScene(m *graph.Model, d int) *scene {
	dm := m.Demands()[d]
	s := &scene{subtitle: name(oneLine(dm.Name), dm.ID) + ": who stands where", rankdir: "LR"}
	stances := m.DemandStances(d)
	has := make([]bool, len(m.Parties()))
	for _, st := range stances {
		s.nodes = append(s.nodes, partyNodeOf(m, st.Party))
		has[st.Party] = true
	}
	focus := demandNodeOf(m, d)
	focus.focus = true
	s.nodes = append(s.nodes, focus)
	for _, st := range stances {
		e := stanceEdgeOf(m, st)
		if who := Speaker(m, st.Party, st.Entry); who != "" {
			e.label = wrap(who, 20, 2)
		}
		s.edges = append(s.edges, e)
	}
	ex := m.Excludes(d)
	for _, j := range ex {
		s.nodes = append(s.nodes, demandNodeOf(m, j))
	}
	x := excludesEdges(m, func(i int) bool { return i == d || slices.Contains(ex, i) })
	s.edges = append(s.edges, x...)
	var unknown []string
	for p, ok := range has {
		if !ok {
			unknown = append(unknown, name(oneLine(m.Parties()[p].Name), m.Parties()[p].ID))
		}
	}
	if len(unknown) > 0 {
		shown := unknown
		more := ""
		if len(shown) > 12 {
			more = fmt.Sprintf("\nand %d more", len(shown)-12)
			shown = shown[:12]
		}
		s.nodes = append(s.nodes, node{id: "note:unknown", kind: noteNode,
			label:   "No recorded stance:\n" + strings.Join(shown, "\n") + more,
			tooltip: "No recorded stance (unknown, not neutral): " + strings.Join(unknown, ", ")})
	}
	s.layout = defaultLayout(len(s.nodes), "dot")
	s.legend = append(stanceLegend(len(x) > 0, true), legendItem{kind: legendText, label: "Edge label: who said it"})
	return s
}

// UsesBlocs reports whether the picture opts describe shows Options.Blocs:
// the parties view colours its parties by bloc (and draws clusters where
// its layout can), the space view colours its points, and the matrix
// orders its rows by them; a picture of change does not show them.
// Computing the blocs (graph.Coalitions) costs a tenth of a second of CPU
// at 500 parties, half a second at 2,000: a caller asks this first.
func UsesBlocs(m *graph.Model, opts Options) bool {
	if opts.Before != nil {
		return false
	}
	switch opts.View {
	case "parties", "matrix", "space":
		return true
	}
	return false
}
