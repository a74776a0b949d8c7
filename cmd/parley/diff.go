package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render"
	"github.com/parley/parley/render/report"
)

type diffOptions struct {
	app      *app
	Files    []string
	From, To string
	ExitCode bool
}

func newDiffCmd(a *app) *cobra.Command {
	opts := &diffOptions{app: a}
	cmd := &cobra.Command{
		Use:   "diff (OLD NEW | --from DATE [--to DATE])",
		Short: "Show what changed between two files or two dates",
		Long: `Show what changed between two scenario files, or in one scenario between two
dates: parties and demands added or removed; stances added, removed, changed
(another position or strength) or restated (the same on new evidence), with the
words and speakers before and after; the pairs of parties whose relation
changed (alliance, neutral, conflict) with their distance before and after; and
the blocs, if they changed.

It exits 0 whether or not anything changed; with --exit-code a difference
exits 1, as git diff does.`,
		Example: `  parley diff --from 2024-12-01 --to 2025-02-18
  parley diff --from 2025-02-17 --format json
  parley --tags security export -o security.yaml
  parley diff security.yaml data/scenarios/riyadh-2025.yaml --exit-code   # exits 1: they differ`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 0 && len(args) != 2 {
				return usagef("want two files, OLD and NEW, or --from DATE and --to DATE")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			return runDiff(opts)
		},
	}
	cmd.Flags().StringVar(&opts.From, "from", "", "compare the scenario at `DATE`...")
	cmd.Flags().StringVar(&opts.To, "to", "", "...with the scenario at `DATE` (default: the latest)")
	cmd.Flags().BoolVar(&opts.ExitCode, "exit-code", false, "exit 1 when there are differences")
	return cmd
}

// modelChange is everything diff reports.
type modelChange struct {
	graph.ModelDiff
	relations     []graph.RelationChange
	before, after [][]string // blocs
}

func (c *modelChange) empty() bool {
	return c.ModelDiff.Empty() && len(c.relations) == 0 && graph.SameBlocs(c.before, c.after)
}

func runDiff(opts *diffOptions) error {
	a := opts.app
	if len(opts.Files) == 0 && opts.From == "" {
		return usagef("say what to compare: two files OLD NEW, or --from DATE (and --to DATE)")
	}
	before, after, err := a.diffModels(opts.Files, opts.From, opts.To)
	if err != nil {
		return err
	}
	from, to := opts.From, opts.To
	if len(opts.Files) == 2 {
		from, to = opts.Files[0], opts.Files[1]
	} else if to == "" {
		to = "latest"
	}
	if a.format == "json" {
		j := report.NewDiff(before, after, from, to)
		if err := report.Write(a.io.Out, j); err != nil {
			return err
		}
		if opts.ExitCode && !j.Empty() {
			return &exitError{code: exitFailure}
		}
		return nil
	}
	d := &modelChange{ModelDiff: graph.DiffModels(before, after), relations: graph.DiffRelations(before, after),
		before: render.BlocsOf(before), after: render.BlocsOf(after)}

	switch a.format {
	case "csv":
		var rows [][]string
		for _, c := range d.Stances {
			rows = append(rows, []string{c.Party, c.Demand, c.Kind.String(), c.Old.Position.String(), strengthOf(c.Old),
				c.Old.Quote, c.New.Position.String(), strengthOf(c.New), c.New.Quote})
		}
		if err := writeCSV(a.io.Out, []string{"party", "demand", "change", "before", "before_strength", "before_quote",
			"after", "after_strength", "after_quote"}, rows); err != nil {
			return err
		}
	default:
		if err := writeDiffText(a, from, to, d); err != nil {
			return err
		}
	}
	if opts.ExitCode && !d.empty() {
		return &exitError{code: exitFailure}
	}
	return nil
}

func writeDiffText(a *app, from, to string, d *modelChange) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s → %s\n", from, to)
	if d.empty() {
		b.WriteString("No differences.\n")
		_, err := fmt.Fprint(a.io.Out, sanitize(b.String(), true))
		return err
	}
	byKind := map[graph.ChangeKind][]graph.StanceChange{}
	for _, c := range d.Stances {
		byKind[c.Kind] = append(byKind[c.Kind], c)
	}
	// A turn from one side to the other matters most, then a move to or
	// from neutral, then a change of strength alone.
	slices.SortStableFunc(byKind[graph.Changed], func(x, y graph.StanceChange) int {
		return moved(y) - moved(x)
	})
	writeDiffSummary(&b, d, byKind)
	list := func(title string, ids []string) {
		if len(ids) > 0 {
			fmt.Fprintf(&b, "%s: %s\n", title, strings.Join(ids, ", "))
		}
	}
	list("Parties added", d.PartiesAdded)
	list("Parties removed", d.PartiesRemoved)
	list("Demands added", d.DemandsAdded)
	list("Demands removed", d.DemandsRemoved)
	stances := func(kind graph.ChangeKind, title string) {
		cs := byKind[kind]
		if len(cs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s (%d)\n", title, len(cs))
		for _, c := range cs {
			switch c.Kind {
			case graph.Added:
				fmt.Fprintf(&b, "  %s on %s: %s\n", c.Party, c.Demand, positionText(c.New))
				writeEvidenceLine(&b, "", c.New, c.NewName, c.PartyName)
			case graph.Removed:
				fmt.Fprintf(&b, "  %s on %s: was %s\n", c.Party, c.Demand, positionText(c.Old))
				writeEvidenceLine(&b, "", c.Old, c.OldName, c.PartyName)
			case graph.Changed:
				fmt.Fprintf(&b, "  %s on %s: %s → %s\n", c.Party, c.Demand, positionText(c.Old), positionText(c.New))
				writeEvidenceLine(&b, "before: ", c.Old, c.OldName, c.PartyName)
				writeEvidenceLine(&b, "after:  ", c.New, c.NewName, c.PartyName)
			case graph.Restated:
				fmt.Fprintf(&b, "  %s on %s: %s\n", c.Party, c.Demand, positionText(c.New))
				writeEvidenceLine(&b, "before: ", c.Old, c.OldName, c.PartyName)
				writeEvidenceLine(&b, "after:  ", c.New, c.NewName, c.PartyName)
			}
		}
	}
	// What changed first, then what it did to the blocs and the pairs,
	// then what is only new, gone or said again.
	stances(graph.Changed, "Changed")
	if !graph.SameBlocs(d.before, d.after) {
		b.WriteString("\nBlocs changed\n")
		for _, side := range []struct {
			label string
			blocs [][]string
		}{{"before", d.before}, {"after", d.after}} {
			var parts []string
			for _, bl := range side.blocs {
				parts = append(parts, "{"+strings.Join(bl, ", ")+"}")
			}
			fmt.Fprintf(&b, "  %-7s %s\n", side.label+":", orNone(parts))
		}
	}
	if len(d.relations) > 0 {
		fmt.Fprintf(&b, "\nRelations that changed (%d)\n", len(d.relations))
		for _, r := range d.relations {
			fmt.Fprintf(&b, "  %s and %s: %s (distance %s over %d shared) → %s (distance %s over %d shared)\n", r.A, r.B,
				r.Before, num(r.DistanceBefore), r.SharedBefore, r.After, num(r.DistanceAfter), r.SharedAfter)
		}
	}
	stances(graph.Removed, "No longer recorded")
	stances(graph.Added, "New")
	stances(graph.Restated, "Restated")
	if graph.SameBlocs(d.before, d.after) && len(d.before) > 0 {
		b.WriteString("\nBlocs unchanged\n")
	}
	_, err := fmt.Fprint(a.io.Out, sanitize(b.String(), true))
	return err
}

// moved is how far a change moved a stance: 2 from one side to the
// other, 1 to or from neutral, 0 in strength alone.
func moved(c graph.StanceChange) int {
	d := c.New.Position.Value() - c.Old.Position.Value()
	if d < 0 {
		d = -d
	}
	if c.Old.Position == graph.Unknown || c.New.Position == graph.Unknown {
		return 1
	}
	return d
}

// writeDiffSummary writes the lines that say what matters first: the
// stances that turned, and how many changed in each way, with what it did
// to the pairs and the blocs.
func writeDiffSummary(b *strings.Builder, d *modelChange, byKind map[graph.ChangeKind][]graph.StanceChange) {
	var turned []string
	for _, c := range byKind[graph.Changed] {
		if moved(c) == 2 {
			turned = append(turned, fmt.Sprintf("%s now %ss %s", c.Party, c.New.Position, c.Demand))
		}
	}
	if len(turned) > 0 {
		fmt.Fprintf(b, "Turned: %s.\n", strings.Join(turned, "; "))
	}
	var parts []string
	count := func(n int, one, many string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, plural(n, one, many)))
		}
	}
	count(len(byKind[graph.Changed]), "stance changed", "stances changed")
	count(len(byKind[graph.Removed]), "no longer recorded", "no longer recorded")
	count(len(byKind[graph.Added]), "new", "new")
	count(len(byKind[graph.Restated]), "restated", "restated")
	count(len(d.relations), "pair changed relation", "pairs changed relation")
	if !graph.SameBlocs(d.before, d.after) {
		parts = append(parts, "the blocs changed")
	}
	if len(parts) > 0 {
		fmt.Fprintf(b, "In all: %s.\n", strings.Join(parts, ", "))
	}
}

// writeEvidenceLine writes whose words an entry's are (a speaker's, the
// party's, or the report's), the words, source and date.
func writeEvidenceLine(b *strings.Builder, label string, e graph.Entry, speaker, party string) {
	var parts []string
	switch {
	case speaker != "":
		parts = append(parts, speaker+":")
	case e.Quote != "" && e.IsSaid():
		parts = append(parts, party+":")
	case e.Quote != "":
		parts = append(parts, render.ReportSpeaker+":")
	}
	if e.Quote != "" {
		parts = append(parts, "“"+sanitize(e.Quote, false)+"”")
	}
	var meta []string
	if e.Source != "" {
		meta = append(meta, e.Source)
	}
	if !e.AsOf.IsZero() {
		meta = append(meta, e.AsOf.String())
	}
	if len(meta) > 0 {
		parts = append(parts, "("+strings.Join(meta, ", ")+")")
	}
	if len(parts) == 0 {
		return
	}
	fmt.Fprintf(b, "      %s%s\n", label, strings.Join(parts, " "))
}
