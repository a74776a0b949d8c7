package main

import (
	"context"
	"errors"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render"
	"github.com/parley/parley/render/explorer"
)

type renderOptions struct {
	app        *app
	Output     string
	Format     string
	View       string
	Layout     string
	Force      bool
	Timeout    time.Duration
	Top        int
	MinShared  int
	Diff       bool
	From, To   string
	Files      []string // with --diff: OLD NEW
	NoBlocs    bool
	Anchor     string
	MinStances int
	Engine     string
}

var renderFormats = []string{"svg", "png", "dot", "mermaid", "html"}

func newRenderCmd(a *app) *cobra.Command {
	opts := &renderOptions{app: a}
	cmd := &cobra.Command{
		Use:   "render [-o FILE] [--view VIEW] [--diff [OLD NEW]]",
		Short: "Draw the scenario as SVG, PNG, DOT or Mermaid",
		Long: `Draw the scenario: parties, demands and the stances between them, with a title
and a legend. The format comes from the -o file's extension (.svg, .png, .dot
or .gv, .mmd) or from --format; without -o the picture goes to standard output
(SVG unless --format says otherwise; PNG is not written to a terminal).

Views:
  map          parties and demands, a line for each stance (the default)
  parties      one node per party, lines for the pair weights the blocs use
  party:ID     one party, its stances, and the parties that agree or clash with it
               (ID may name one of its people: party:zelenskyy draws Ukraine)
  demand:ID    one demand and who stands where on it, with speakers
  matrix       parties × demands as a heat-map (SVG or PNG)
  space        the parties on the two axes of "parley positions" (SVG or PNG)

Support is drawn solid, oppose dashed, neutral dotted; colour repeats it in a
colour-blind-safe palette. Lines are heavier the stronger the stance, and red
lines end in a bar. SVG nodes and edges carry the quotes, speakers and
sources as tooltips.

With --diff the map shows what changed: between two dates of the scenario
(--from and --to) or between two files (OLD and NEW). Stances that are new,
changed or restated are marked with a yellow band and labelled with what they
were; stances that are gone are drawn faint.

The parties view colours its parties by the blocs of "parley coalitions" and
draws them as clusters; its lines are the pair weights the blocs are found
by (net, or centred on long records: see "parley coalitions --help"), solid
for allies and dashed for adversaries. It keeps every relation up to 30
parties; beyond, each party's 2 strongest positive relations and its
strongest negative one, with the parties placed where "parley positions"
puts them, so that those who vote alike — and the blocs — sit together.
--top N keeps the N strongest relations, half positive and half negative,
and --min-shared M drops pairs with a stance on fewer than M demands in
common. The space view colours and shapes its points by bloc, and the matrix
orders its rows by bloc and its columns from what the first bloc backs most
to least; --no-blocs leaves the blocs out. The space view places each party
with at least --min-stances stances and puts --anchor on the positive side
of both axes, as "parley positions" does; points whose label would cover
another label or point carry their name as a tooltip only.

SVG and PNG are laid out by Graphviz; DOT and Mermaid need no engine.
` + engineHelp + `

-o FILE.html writes the explorer of "parley serve" as one self-contained
page: every view, the panel, search by name and "who supports/opposes X",
and the map at each of the scenario's dates, working offline from the file.`,
		Example: `  parley render -o map.svg
  parley render -o map.html
  parley render --view parties -o parties.png
  parley render --view party:russia -o russia.svg
  parley render --view demand:nato-membership --format dot > nato.dot
  parley render --view matrix -o matrix.svg
  parley render --view space -o space.png
  parley render --view space --anchor ukraine -o space.svg
  parley render --format mermaid > map.mmd
  parley render --diff --from 2024-12-01 --to 2025-02-18 -o change.svg
  parley render --engine embedded -o map.svg`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 0:
			case len(args) == 2 && opts.Diff:
			case opts.Diff:
				return usagef("--diff takes two files, OLD and NEW, or none with --from and --to")
			default:
				return usagef("render takes no arguments; name the file with -o")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			return runRender(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Output, "output", "o", "", "write to `FILE` (its extension picks the format); default standard output")
	f.StringVarP(&opts.Format, "format", "f", "", "picture format: svg, png, dot, mermaid or html (default from -o, else svg)")
	f.StringVar(&opts.View, "view", "map", "what to draw: map, parties, party:ID, demand:ID, matrix or space")
	f.StringVar(&opts.Layout, "layout", "", "Graphviz layout: dot, neato, fdp, sfdp or circo (default: the view's own)")
	f.BoolVar(&opts.Force, "force", false, "lay out graphs that the chosen layout would take very long on")
	f.DurationVar(&opts.Timeout, "timeout", render.DefaultTimeout, "stop a layout, or the painting of a PNG, that runs longer than this")
	f.IntVar(&opts.Top, "top", 0, "parties view: keep the `N` strongest relations, half positive, half negative")
	f.IntVar(&opts.MinShared, "min-shared", 0, "parties view: keep pairs with a stance on at least `M` demands in common")
	f.BoolVar(&opts.Diff, "diff", false, "draw what changed between --from and --to, or between files OLD and NEW")
	f.StringVar(&opts.From, "from", "", "with --diff: the earlier `DATE`")
	f.StringVar(&opts.To, "to", "", "with --diff: the later `DATE` (default: the latest)")
	f.BoolVar(&opts.NoBlocs, "no-blocs", false, "parties, matrix and space views: do not draw or order by the blocs of parley coalitions")
	f.StringVar(&opts.Anchor, "anchor", "", "space view: put `PARTY` on the positive side of both axes")
	f.IntVar(&opts.MinStances, "min-stances", 0, "space view: place only parties with at least `N` stances (default 5, or every demand when there are fewer)")
	_ = cmd.RegisterFlagCompletionFunc("anchor", completePartyArgs(a))
	addEngineFlag(cmd, &opts.Engine)
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(renderFormats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("layout", cobra.FixedCompletions(render.Layouts, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("view", func(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
		var out []string
		for _, v := range []string{"map", "parties", "matrix", "space"} {
			if strings.HasPrefix(v, prefix) {
				out = append(out, v)
			}
		}
		m := a.completeModel()
		for _, c := range partyCompletions(m, strings.TrimPrefix(prefix, "party:")) {
			if strings.HasPrefix("party:"+c, prefix) {
				out = append(out, "party:"+c)
			}
		}
		for _, c := range demandCompletions(m, strings.TrimPrefix(prefix, "demand:")) {
			if strings.HasPrefix("demand:"+c, prefix) {
				out = append(out, "demand:"+c)
			}
		}
		return out, partyCompDirective
	})
	return cmd
}

// formatOf picks the output format from --format or the file's extension.
func formatOf(flag, path, what string, exts map[string]string, formats []string, def string) (string, error) {
	if flag != "" {
		if flag == "gv" {
			flag = "dot"
		}
		for _, f := range formats {
			if flag == f {
				return f, nil
			}
		}
		return "", usagef("--format must be %s, not %q", strings.Join(formats, ", "), flag)
	}
	if path == "" || path == "-" {
		return def, nil
	}
	ext := strings.ToLower(filepath.Ext(path))
	if f, ok := exts[ext]; ok {
		return f, nil
	}
	return "", usagef("cannot tell the %s format from %q: name a file ending in %s, or give --format", what, path, extList(exts))
}

func extList(exts map[string]string) string {
	var keys []string
	for k := range exts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(keys, ", ")
}

// extOf is the usual file extension of a picture format.
func extOf(format string) string {
	if format == "mermaid" {
		return "mmd"
	}
	return format
}

var renderExts = map[string]string{".svg": "svg", ".png": "png", ".dot": "dot", ".gv": "dot", ".mmd": "mermaid", ".mermaid": "mermaid", ".html": "html", ".htm": "html"}

// interruptible returns a context cancelled by Ctrl-C or SIGTERM, which
// the caller must release.
func (a *app) interruptible() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(a.ctx, os.Interrupt, syscall.SIGTERM)
	return ctx, stop
}

func runRender(opts *renderOptions) error {
	a := opts.app
	format, err := formatOf(opts.Format, opts.Output, "picture", renderExts, renderFormats, "svg")
	if err != nil {
		return err
	}
	if a.io.OutTTY && (opts.Output == "" || opts.Output == "-" && format == "png") {
		// A picture is no use on a terminal, as text or otherwise; "-o -"
		// asks for text there all the same.
		name := strings.ToUpper(format)
		if format == "mermaid" {
			name = "Mermaid"
		}
		return usagef("will not write %s to a terminal: give -o FILE (as in -o map.%s) or redirect the output",
			name, extOf(format))
	}
	if opts.Timeout <= 0 {
		return usagef("--timeout must be positive")
	}
	if opts.Top < 0 || opts.MinShared < 0 || opts.MinStances < 0 {
		return usagef("--top, --min-shared and --min-stances must not be negative")
	}
	if (opts.Anchor != "" || opts.MinStances != 0) && opts.View != "space" {
		return usagef("--anchor and --min-stances go with --view space")
	}
	var before, m *graph.Model
	if opts.Diff {
		before, m, err = a.diffModels(opts.Files, opts.From, opts.To)
	} else {
		if opts.From != "" || opts.To != "" {
			return usagef("--from and --to go with --diff")
		}
		m, err = a.model()
	}
	if err != nil {
		return err
	}
	if format == "html" {
		return renderPage(a, opts, m, before)
	}
	ropts := render.Options{View: opts.View, Layout: opts.Layout, Force: opts.Force,
		Top: opts.Top, MinShared: opts.MinShared, Before: before, Anchor: opts.Anchor, MinStances: opts.MinStances,
		Timeout: opts.Timeout}
	if before == nil {
		// A person where a party is asked for stands for their party, and
		// a line on stderr says so; what names nothing is left to render.New
		// to report, as it does for anything else the options get wrong.
		if kind, arg, _ := strings.Cut(ropts.View, ":"); kind == "party" && arg != "" {
			if p, err := a.findParty(m, arg); err == nil {
				ropts.View = "party:" + m.Parties()[p].ID
			}
		}
		if ropts.Anchor != "" {
			if p, err := a.findParty(m, ropts.Anchor); err == nil {
				ropts.Anchor = m.Parties()[p].ID
			}
		}
	}
	if !opts.NoBlocs && render.UsesBlocs(m, ropts) {
		ropts.Blocs = blocsOf(m)
	}
	pic, err := render.New(m, ropts)
	var oe *render.OptionError
	if errors.As(err, &oe) {
		return usageError{err}
	}
	if err != nil {
		return err
	}
	if pic.Drawn() && (format == "dot" || format == "mermaid") {
		return usagef("the %s view is drawn as SVG or PNG only, not %s", opts.View, format)
	}
	var eng drawingEngine
	if (format == "svg" || format == "png") && !pic.Drawn() {
		if eng, err = a.newEngine(opts.Engine, opts.Timeout, false); err != nil {
			return err
		}
		defer eng.Close()
	}
	ctx, stop := a.interruptible()
	defer stop()
	return a.writeOutput(ctx, opts.Output, func(w io.Writer) error {
		switch format {
		case "dot":
			return pic.WriteDOT(w)
		case "mermaid":
			return pic.WriteMermaid(w)
		case "png":
			return pic.WritePNG(ctx, eng, w)
		}
		return pic.WriteSVG(ctx, eng, w)
	})
}

// blocsOf returns the blocs of parley coalitions as party ids, every one
// (render.BlocsOf).
func blocsOf(m *graph.Model) [][]string { return render.BlocsOf(m) }

// renderPage writes the explorer as one self-contained HTML file: every
// view, the panel and the search box, working from file:// offline.
func renderPage(a *app, opts *renderOptions, m *graph.Model, before *graph.Model) error {
	if before != nil {
		return usagef("the HTML page has its own date control: leave out --diff")
	}
	if opts.View != "map" || opts.Layout != "" || opts.Top != 0 || opts.MinShared != 0 || opts.NoBlocs {
		return usagef("the HTML page holds every view: leave out --view, --layout, --top, --min-shared and --no-blocs")
	}
	eng, err := a.newEngine(opts.Engine, opts.Timeout, true)
	if err != nil {
		return err
	}
	defer eng.Close()
	ctx, stop := a.interruptible()
	defer stop()
	return a.writeOutput(ctx, opts.Output, func(w io.Writer) error {
		return explorer.WriteStandalone(ctx, w, m, eng)
	})
}
