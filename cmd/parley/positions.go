package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render/report"
)

type positionsOptions struct {
	app        *app
	Parties    []string
	Dimensions int
	Anchor     string
	MinStances int
}

func newPositionsCmd(a *app) *cobra.Command {
	opts := &positionsOptions{app: a}
	cmd := &cobra.Command{
		Use:   "positions [PARTY...] [--dimensions 1|2] [--anchor PARTY] [--min-stances N]",
		Short: "Place the parties on a map of one or two axes from their stances",
		Long: `Place the parties on a map, as analysts of roll calls and UN votes draw ideal
points: each party gets coordinates on one or two axes, parties that take the
same sides sit together, and each axis is described by the demands that load
on it most — what the parties at each end back more.

Stances are scored support 1, neutral 0.5, oppose 0, and fitted by a low-rank
model — each demand's mean plus a party's coordinates times the demand's
loadings — by least squares over the recorded stances only, alternating
between the parties' coordinates and the demands' loadings until the fit
settles. A missing stance is missing: it is never read as neutral or filled
in, so a party that spoke to few demands is placed by those alone. Demands
that share an issue count once for each party.

Each axis says what share of the variance of the stances it explains; the
first explains most. Coordinates are centred on the placed parties' mean, and
the farthest party on each axis is at -1 or +1. Axis signs are fixed: the
positive side is where the parties back more of what loads on the axis, or,
with --anchor PARTY, the side that party is on. A party with fewer than
--min-stances recorded stances (default 5, or every demand when there are
fewer) is not placed, and the table says why. With PARTY arguments only those
parties are fitted.

A loading is how much more a party at +1 backs a demand than the average
party, in stance units: 0.5 is the step from neutral to support. The fit is
a summary: a party's coordinates rest on its stances (the STANCES column), and
a map of a few parties or a few demands says little.`,
		Example: `  parley positions
  parley positions --dimensions 1
  parley positions --anchor ukraine
  parley positions russia ukraine us --min-stances 3
  parley positions --format json
  parley render --view space -o space.svg`,
		ValidArgsFunction: completeParties(a),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Parties = args
			return runPositions(opts)
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.Dimensions, "dimensions", graph.DefaultDimensions, "how many axes: 1 or 2")
	f.StringVar(&opts.Anchor, "anchor", "", "put `PARTY` on the positive side of every axis")
	f.IntVar(&opts.MinStances, "min-stances", 0, "place only parties with at least `N` stances (default 5, or every demand when there are fewer)")
	_ = cmd.RegisterFlagCompletionFunc("anchor", completePartyArgs(a))
	_ = cmd.RegisterFlagCompletionFunc("dimensions", cobra.FixedCompletions([]string{"1", "2"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// positionOptions checks the flags and resolves the parties they name.
func positionOptions(a *app, m *graph.Model, parties []string, dims int, anchor string, minStances int) (graph.PositionOptions, error) {
	if dims != 1 && dims != 2 {
		return graph.PositionOptions{}, usagef("--dimensions must be 1 or 2, not %d", dims)
	}
	if minStances < 0 {
		return graph.PositionOptions{}, usagef("--min-stances must not be negative")
	}
	po := graph.PositionOptions{Dimensions: dims, MinStances: minStances}
	if len(parties) > 0 {
		ps, err := a.findParties(m, parties)
		if err != nil {
			return po, err
		}
		po.Parties = ps
	}
	if anchor != "" {
		p, err := a.findParty(m, anchor)
		if err != nil {
			return po, usagef("--anchor: %v", err)
		}
		if po.Parties != nil && !slices.Contains(po.Parties, p) {
			return po, usagef("--anchor %s is not among the parties named", m.Parties()[p].ID)
		}
		po.Anchor = &p
	}
	return po, nil
}

func runPositions(opts *positionsOptions) error {
	a := opts.app
	m, err := a.model()
	if err != nil {
		return err
	}
	po, err := positionOptions(opts.app, m, opts.Parties, opts.Dimensions, opts.Anchor, opts.MinStances)
	if err != nil {
		return err
	}
	pm := graph.MapPositions(m, po)
	switch a.format {
	case "json":
		return report.Write(a.io.Out, report.NewPositions(m, pm))
	case "csv":
		header := []string{"party", "name"}
		for i := range pm.Dimensions {
			header = append(header, fmt.Sprintf("axis%d", i+1))
		}
		header = append(header, "stances", "reason")
		var rows [][]string
		for _, p := range pm.Parties {
			party := m.Parties()[p.Party]
			row := []string{party.ID, party.Name}
			for i := range pm.Dimensions {
				c := ""
				if p.Coords != nil {
					c = strconv.FormatFloat(p.Coords[i], 'g', -1, 64)
				}
				row = append(row, c)
			}
			rows = append(rows, append(row, strconv.Itoa(p.Stances), p.Reason))
		}
		return writeCSV(a.io.Out, header, rows)
	}
	if a.io.OutTTY {
		var b strings.Builder
		writePositionsHead(&b, m, pm)
		if _, err := io.WriteString(a.io.Out, wrapLines(sanitize(b.String(), true), a.io.Width)); err != nil {
			return err
		}
	}
	t := &table{header: []string{"PARTY", "NAME"}}
	for i := range pm.Dimensions {
		t.header = append(t.header, fmt.Sprintf("AXIS %d", i+1))
	}
	t.header = append(t.header, "STANCES", "NOTE")
	rows := slices.Clone(pm.Parties)
	// Placed parties from the positive end of the first axis down, then
	// the others by id.
	slices.SortStableFunc(rows, func(x, y graph.PartyPosition) int {
		switch {
		case x.Coords == nil && y.Coords == nil:
			return 0
		case x.Coords == nil:
			return 1
		case y.Coords == nil:
			return -1
		}
		return cmp.Compare(y.Coords[0], x.Coords[0])
	})
	for _, p := range rows {
		party := m.Parties()[p.Party]
		row := []string{party.ID, party.Name}
		for i := range pm.Dimensions {
			c := "—"
			if p.Coords != nil {
				c = coord(p.Coords[i])
			}
			row = append(row, c)
		}
		t.add(append(row, strconv.Itoa(p.Stances), p.Reason)...)
	}
	return t.write(a.io)
}

// coord formats a coordinate with its sign.
func coord(f float64) string {
	s := fmt.Sprintf("%+.2f", f)
	if s == "-0.00" {
		s = "+0.00"
	}
	return s
}

// leadingShown is how many demands the text names at each end of an axis.
const leadingShown = 3

// writePositionsHead writes what the table of positions rests on: how many
// parties are placed, the method, and each axis's share and leading demands.
func writePositionsHead(b *strings.Builder, m *graph.Model, pm graph.PositionMap) {
	fmt.Fprintf(b, "%d of %d %s placed on %d %s; a party needs %d recorded %s to be placed.\n",
		pm.Placed, len(pm.Parties), plural(len(pm.Parties), "party", "parties"), pm.Dimensions, plural(pm.Dimensions, "axis", "axes"),
		pm.MinStances, plural(pm.MinStances, "stance", "stances"))
	fmt.Fprintf(b, "Method: %s.\n", pm.Method)
	if pm.IssuesWeighted {
		b.WriteString("Demands that share an issue count once for each party.\n")
	}
	if !pm.Converged && pm.Placed > 0 {
		fmt.Fprintf(b, "The fit stopped after %d sweeps before it settled: read the map as rough.\n", pm.Iterations)
	}
	for a := range pm.Dimensions {
		fmt.Fprintf(b, "\nAxis %d explains %s of the variance.\n", a+1, pct(pm.Explained[a]))
		neg, pos := pm.Leading(a, leadingShown)
		if len(neg) > 0 {
			fmt.Fprintf(b, "  ← the negative side backs %s\n", loadingList(m, pm, a, neg))
		}
		if len(pos) > 0 {
			fmt.Fprintf(b, "  → the positive side backs %s\n", loadingList(m, pm, a, pos))
		}
	}
	b.WriteByte('\n')
}

func loadingList(m *graph.Model, pm graph.PositionMap, a int, ds []int) string {
	var out []string
	for _, d := range ds {
		dm := m.Demands()[d]
		label := dm.ID
		if n := strings.TrimSpace(dm.Name); n != "" && n != dm.ID {
			label = fmt.Sprintf("“%s” (%s", truncateRunes(sanitize(n, false), 60), dm.ID)
		} else {
			label = "(" + label
		}
		out = append(out, fmt.Sprintf("%s, %s)", label, coord(pm.Demands[d].Loadings[a])))
	}
	return strings.Join(out, "; ")
}

// pct is a share as a percentage, with more digits when it is small.
func pct(f float64) string {
	p := f * 100
	switch {
	case p >= 10:
		return fmt.Sprintf("%.0f%%", p)
	case p >= 1:
		return fmt.Sprintf("%.1f%%", p)
	}
	return fmt.Sprintf("%.2f%%", p)
}

// truncateRunes cuts s to n runes, ending in "…" when cut.
func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
