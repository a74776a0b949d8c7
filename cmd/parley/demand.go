package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render/report"
)

type demandOptions struct {
	app    *app
	Demand string
}

func newDemandCmd(a *app) *cobra.Command {
	opts := &demandOptions{app: a}
	return &cobra.Command{
		Use:   "demand DEMAND",
		Short: "Show where every party stands on one demand",
		Long: `Show one demand: what it is, who raised it, what it excludes, and its
supporters, opposers, the neutral and the parties with no recorded stance,
each with who spoke and their words.

DEMAND is a demand's id or name, the start of one, or words of one, that fit
one demand; case, spaces, hyphens and underscores do not count, and the words
need no quotes.`,
		Example: `  parley demand nato-membership
  parley demand "ukraine withdraws"
  parley demand security guarantees
  parley demand four-regions --format json`,
		Args: minArgs(1, "a demand, as in: parley demand nato-membership"),
		ValidArgsFunction: func(_ *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return demandCompletions(a.completeModel(), prefix), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Demand = strings.Join(args, " ")
			return runDemand(opts)
		},
	}
}

func runDemand(opts *demandOptions) error {
	a := opts.app
	m, err := a.model()
	if err != nil {
		return err
	}
	d, err := m.FindDemand(opts.Demand)
	if err != nil {
		return err
	}
	dm := m.Demands()[d]
	stances := m.DemandStances(d)
	by := map[graph.Position][]graph.Stance{}
	known := map[int]bool{}
	for _, s := range stances {
		by[s.Position] = append(by[s.Position], s)
		known[s.Party] = true
	}
	var unknown []string
	for p, party := range m.Parties() {
		if !known[p] {
			unknown = append(unknown, party.ID)
		}
	}
	var excludes []string
	for _, x := range m.Excludes(d) {
		excludes = append(excludes, m.Demands()[x].ID)
	}

	switch a.format {
	case "json":
		return report.Write(a.io.Out, report.NewDemand(m, d))
	case "csv":
		var rows [][]string
		for _, s := range stances {
			rows = append(rows, csvStanceRow(m, s))
		}
		return writeCSV(a.io.Out, csvStanceHeader, rows)
	}

	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)%s\n", dm.Name, dm.ID, asOf(m))
	if dm.Description != "" {
		fmt.Fprintf(&b, "%s\n", dm.Description)
	}
	if dm.RaisedBy != "" {
		if p, ok := m.PartyIndex(dm.RaisedBy); ok {
			fmt.Fprintf(&b, "Raised by: %s (%s)\n", m.Parties()[p].Name, dm.RaisedBy)
		}
	}
	if !dm.Date.IsZero() {
		fmt.Fprintf(&b, "Date: %s\n", dm.Date)
	}
	if len(dm.Tags) > 0 {
		fmt.Fprintf(&b, "Tags: %s\n", strings.Join(dm.Tags, ", "))
	}
	if len(excludes) > 0 {
		fmt.Fprintf(&b, "Cannot be agreed together with: %s\n", strings.Join(excludes, ", "))
	}
	if dm.Issue != "" {
		fmt.Fprintf(&b, "Issue: %s", dm.Issue)
		if same := report.SameIssue(m, d); len(same) > 0 {
			fmt.Fprintf(&b, ", with %s", strings.Join(same, ", "))
		}
		b.WriteString("\n")
	}
	for _, g := range []struct {
		title string
		pos   graph.Position
	}{{"Support", graph.Support}, {"Oppose", graph.Oppose}, {"Neutral", graph.Neutral}} {
		list := by[g.pos]
		fmt.Fprintf(&b, "\n%s (%d)\n", g.title, len(list))
		for _, s := range list {
			p := m.Parties()[s.Party]
			writeStanceBlock(&b, m, s, p.Name, p.ID)
		}
	}
	fmt.Fprintf(&b, "\nNo recorded stance (%d)\n", len(unknown))
	if len(unknown) > 0 {
		fmt.Fprintf(&b, "  %s\n", strings.Join(unknown, ", "))
	}
	_, err = io.WriteString(a.io.Out, sanitize(b.String(), true))
	return err
}
