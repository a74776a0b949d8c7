package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render/report"
)

type partyOptions struct {
	app   *app
	Party string
}

func newPartyCmd(a *app) *cobra.Command {
	opts := &partyOptions{app: a}
	return &cobra.Command{
		Use:   "party PARTY",
		Short: "Show a party's stances, red lines, allies and adversaries",
		Long: `Show what a party wants: its stances grouped by support, opposition and
neutrality, with who said them and their words; the demands it has no recorded
stance on; its red lines; and the other parties it agrees with most (allies)
and clashes with most (adversaries), counted over the demands both have a
stance on.

PARTY is a party's id, name or alias, or the name of one of its people, the
start of one or words of one, that fit one party; case, spaces, hyphens and
underscores do not count, and the words need no quotes.`,
		Example: `  parley party russia
  parley party Kyiv
  parley party united states
  parley party lavrov
  parley party "united states" --format json`,
		Args: minArgs(1, "a party, as in: parley party russia"),
		ValidArgsFunction: func(_ *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return partyCompletions(a.completeModel(), prefix), partyCompDirective
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Party = strings.Join(args, " ")
			return runParty(opts)
		},
	}
}

// minArgs is cobra.MinimumNArgs with a message that shows what to type.
func minArgs(n int, want string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usagef("want %s", want)
		}
		return nil
	}
}

// exactArgs is cobra.ExactArgs with a message that shows what to type.
func exactArgs(n int, want string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("want %s", want)
		}
		return nil
	}
}

func runParty(opts *partyOptions) error {
	a := opts.app
	m, err := a.model()
	if err != nil {
		return err
	}
	p, err := a.findParty(m, opts.Party)
	if err != nil {
		return err
	}
	party := m.Parties()[p]
	stances := m.PartyStances(p)
	by := map[graph.Position][]graph.Stance{}
	known := map[int]bool{}
	var redLines []string
	for _, s := range stances {
		by[s.Position] = append(by[s.Position], s)
		known[s.Demand] = true
		if s.Strength == graph.RedLine {
			redLines = append(redLines, m.Demands()[s.Demand].ID)
		}
	}
	var unknown []string
	for d, dm := range m.Demands() {
		if !known[d] {
			unknown = append(unknown, dm.ID)
		}
	}
	allies, adversaries := report.Allies(m, p)

	switch a.format {
	case "json":
		return report.Write(a.io.Out, report.NewParty(m, p))
	case "csv":
		var rows [][]string
		for _, s := range stances {
			rows = append(rows, csvStanceRow(m, s))
		}
		return writeCSV(a.io.Out, csvStanceHeader, rows)
	}

	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)%s\n", party.Name, party.ID, asOf(m))
	if party.Description != "" {
		fmt.Fprintf(&b, "%s\n", party.Description)
	}
	if len(party.Aliases) > 0 {
		fmt.Fprintf(&b, "Also called: %s\n", strings.Join(party.Aliases, ", "))
	}
	if len(party.People) > 0 {
		var names []string
		for _, x := range party.People {
			names = append(names, x.Name)
		}
		fmt.Fprintf(&b, "Speaking for it: %s\n", strings.Join(names, ", "))
	}
	for _, g := range []struct {
		title string
		pos   graph.Position
	}{{"Supports", graph.Support}, {"Opposes", graph.Oppose}, {"Neutral on", graph.Neutral}} {
		list := by[g.pos]
		fmt.Fprintf(&b, "\n%s (%d)\n", g.title, len(list))
		for _, s := range list {
			writeStanceBlock(&b, m, s, m.Demands()[s.Demand].Name, m.Demands()[s.Demand].ID)
		}
	}
	fmt.Fprintf(&b, "\nNo recorded stance (%d)\n", len(unknown))
	if len(unknown) > 0 {
		fmt.Fprintf(&b, "  %s\n", strings.Join(unknown, ", "))
	}
	fmt.Fprintf(&b, "\nRed lines: %s\n", orNone(redLines))
	fmt.Fprintf(&b, "Allies: %s\n", relationList(allies, true))
	fmt.Fprintf(&b, "Adversaries: %s\n", relationList(adversaries, false))
	_, err = io.WriteString(a.io.Out, sanitize(b.String(), true))
	return err
}

// writeStanceBlock writes one stance as two indented lines: what and how
// strongly, then the evidence.
func writeStanceBlock(b *strings.Builder, m *graph.Model, s graph.Stance, name, id string) {
	fmt.Fprintf(b, "  %s (%s), %s\n", sanitize(name, false), id, s.Strength)
	if ev := evidence(m, s); ev != "" {
		fmt.Fprintf(b, "      %s\n", ev)
	}
	if len(s.Condition) > 0 {
		fmt.Fprintf(b, "      only if: %s\n", strings.Join(s.Condition, ", "))
	}
	if s.Note != "" {
		fmt.Fprintf(b, "      note: %s\n", sanitize(s.Note, false))
	}
}

func orNone(ss []string) string {
	if len(ss) == 0 {
		return "none"
	}
	return strings.Join(ss, ", ")
}

func relationList(rs []report.Relation, allies bool) string {
	if len(rs) == 0 {
		return "none"
	}
	var parts []string
	for _, r := range rs {
		if allies {
			parts = append(parts, fmt.Sprintf("%s (agree on %d, clash on %d)", r.ID, r.Agree, r.Conflict))
		} else {
			parts = append(parts, fmt.Sprintf("%s (clash on %d, agree on %d)", r.ID, r.Conflict, r.Agree))
		}
	}
	return strings.Join(parts, ", ")
}
