package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render/report"
)

type groundOptions struct {
	app      *app
	Parties  []string
	Packages int
	Explain  bool
}

func newCommonGroundCmd(a *app) *cobra.Command {
	opts := &groundOptions{app: a}
	cmd := &cobra.Command{
		Use:   "common-ground PARTY PARTY...",
		Short: "Find what a group of parties could agree on together",
		Long: `Find the common ground of two or more parties: the demands all of them
support (consensus); the demands on which every one of them has a recorded
stance, none opposes and at least one supports (acceptable), heaviest first;
and the best packages — sets of acceptable demands no two of which exclude
each other, to which no demand can be added — ranked by their weight.

A demand's weight is the support it has in the group weighted by strength:
red-line 3, firm 2, soft 1 for each party that supports it. A package's weight
is the sum of its demands', less the support of any party whose stance waits
on a demand the package leaves out (the package names them); ties go to the
package whose sorted demand ids come first. The package search is exact
unless the demands that exclude one another are too many to try every
combination; it then says so and gives the best it found.

Silence is not consent: a demand none of the group opposes but some of them
never addressed is open, not acceptable, and in no package; it is listed
apart with the parties that have no recorded stance on it. --explain prints
the stances behind every acceptable and open demand.`,
		Example: `  parley common-ground russia us
  parley common-ground ukraine eu european-countries --explain
  parley common-ground russia ukraine us --format json`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usagef("want two or more parties, as in: parley common-ground russia us")
			}
			return nil
		},
		ValidArgsFunction: completeParties(a),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Parties = args
			return runCommonGround(opts)
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.Packages, "packages", graph.DefaultPackages, "how many of the best packages to show")
	f.BoolVar(&opts.Explain, "explain", false, "show the stances behind every acceptable demand")
	return cmd
}

func runCommonGround(opts *groundOptions) error {
	a := opts.app
	if opts.Packages < 1 {
		return usagef("--packages must be at least 1")
	}
	m, err := a.model()
	if err != nil {
		return err
	}
	parties, err := a.findParties(m, opts.Parties)
	if err != nil {
		return err
	}
	if len(parties) < 2 {
		return usagef("%s names one party: want two or more", strings.Join(opts.Parties, " and "))
	}
	gopts := graph.GroundOptions{Packages: opts.Packages}
	if a.format == "json" {
		return report.Write(a.io.Out, report.NewGround(m, parties, gopts, report.WithLists(m, opts.Explain)))
	}
	g := graph.CommonGround(m, parties, gopts)
	if a.format == "csv" {
		consensus := map[int]bool{}
		for _, c := range g.Consensus {
			consensus[c.Demand] = true
		}
		var rows [][]string
		for i, gds := range [][]graph.GroundDemand{g.Acceptable, g.Open} {
			for _, gd := range gds {
				rows = append(rows, []string{m.Demands()[gd.Demand].ID, strconv.Itoa(gd.Weight),
					strconv.FormatBool(consensus[gd.Demand]), strings.Join(partyIDs(m, gd.Supporters), " "),
					strings.Join(partyIDs(m, gd.Neutral), " "), strings.Join(partyIDs(m, gd.Unknown), " "), strconv.FormatBool(i == 1)})
			}
		}
		return writeCSV(a.io.Out, []string{"demand", "weight", "consensus", "supporters", "neutral", "unknown", "open"}, rows)
	}
	var b strings.Builder
	writeGround(&b, m, g, opts.Explain, false)
	_, err = io.WriteString(a.io.Out, sanitize(b.String(), true))
	return err
}

// countedIDs is "none", or how many demands and the first of them.
func countedIDs(m *graph.Model, gds []graph.GroundDemand) string {
	if len(gds) == 0 {
		return "none"
	}
	return fmt.Sprintf("%d %s (%s)", len(gds), plural(len(gds), "demand", "demands"), listSome(groundIDs(m, gds), 6, false))
}

// groundIDs are the ids of the demands.
func groundIDs(m *graph.Model, gds []graph.GroundDemand) []string {
	out := make([]string, len(gds))
	for i, gd := range gds {
		out[i] = m.Demands()[gd.Demand].ID
	}
	return out
}

// writeGround writes the common-ground report; brief is the form of the
// summary: no acceptable demands beyond the best package's, one package.
func writeGround(b *strings.Builder, m *graph.Model, g graph.Ground, explain, brief bool) {
	if !brief {
		fmt.Fprintf(b, "Common ground of %s%s\n\n", strings.Join(partyIDs(m, g.Parties), ", "), asOf(m))
	}
	var consensus []int
	for _, c := range g.Consensus {
		consensus = append(consensus, c.Demand)
	}
	fmt.Fprintf(b, "All of them support: %s\n", joinOr(demandIDs(m, consensus), "nothing"))
	if brief {
		fmt.Fprintf(b, "Some support and none opposes, all on the record: %s\n", countedIDs(m, g.Acceptable))
		if len(g.Open) > 0 {
			fmt.Fprintf(b, "Some support and none opposes, but some are silent: %s\n", countedIDs(m, g.Open))
		}
	} else {
		fmt.Fprintf(b, "\nSome support and none opposes, all on the record (%d), heaviest first:\n", len(g.Acceptable))
		if len(g.Acceptable) == 0 {
			b.WriteString("  none\n")
		}
		for _, gd := range g.Acceptable {
			fmt.Fprintf(b, "  %s, weight %d: supported by %s", demandTitle(m, gd.Demand), gd.Weight,
				strings.Join(partyIDs(m, gd.Supporters), ", "))
			if len(gd.Neutral) > 0 {
				fmt.Fprintf(b, "; neutral: %s", strings.Join(partyIDs(m, gd.Neutral), ", "))
			}
			b.WriteByte('\n')
			if explain {
				writeStanceLines(b, m, gd.Demand, g.Parties, "    ")
			}
		}
		if len(g.Open) > 0 {
			fmt.Fprintf(b, "\nOpen: some support and none opposes, but some are silent (%d); in no package:\n", len(g.Open))
			for _, gd := range g.Open {
				fmt.Fprintf(b, "  %s, weight %d: supported by %s", demandTitle(m, gd.Demand), gd.Weight,
					strings.Join(partyIDs(m, gd.Supporters), ", "))
				if len(gd.Neutral) > 0 {
					fmt.Fprintf(b, "; neutral: %s", strings.Join(partyIDs(m, gd.Neutral), ", "))
				}
				fmt.Fprintf(b, "; silent: %s\n", strings.Join(partyIDs(m, gd.Unknown), ", "))
				if explain {
					writeStanceLines(b, m, gd.Demand, g.Parties, "    ")
				}
			}
		}
	}
	if len(g.Packages) == 0 {
		return
	}
	how := "exact"
	if !g.Exact {
		how = "the best a bounded search found, not proven the best"
	}
	pkgs := g.Packages
	if brief {
		pkgs = pkgs[:1]
		fmt.Fprintf(b, "Best package (%s):\n", how)
	} else {
		fmt.Fprintf(b, "\nBest packages (%s):\n", how)
	}
	// A package of vote tables runs to a thousand demands: the summary
	// names a few, common-ground a hundred, JSON all.
	show := 100
	if brief {
		show = 12
	}
	for i, p := range pkgs {
		fmt.Fprintf(b, "  %d. weight %d, %d %s: %s\n", i+1, p.Weight, len(p.Demands), plural(len(p.Demands), "demand", "demands"),
			listSome(demandIDs(m, p.Demands), show, false))
		if len(p.LeftOut) > 0 {
			fmt.Fprintf(b, "     leaves out: %s\n", listSome(demandIDs(m, p.LeftOut), show, false))
		}
		for _, u := range p.Unmet {
			fmt.Fprintf(b, "     not counted: %s supports %s (%d) only if %s, left out\n", m.Parties()[u.Party].ID,
				m.Demands()[u.Demand].ID, u.Weight, strings.Join(demandIDs(m, u.Needs), ", "))
		}
	}
}
