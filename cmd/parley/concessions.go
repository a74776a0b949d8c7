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

type concessionsOptions struct {
	app     *app
	Demand  string
	Among   []string
	Explain bool
}

func newConcessionsCmd(a *app) *cobra.Command {
	opts := &concessionsOptions{app: a}
	cmd := &cobra.Command{
		Use:   "concessions DEMAND [--among PARTY...]",
		Short: "Show who must move, how far and at what cost for a demand to carry",
		Long: `Show what it would take for a demand to carry with no opposition among the
parties (all of them, or those given with --among): who must move, how far
along oppose → neutral → support, and at what cost. Each step costs the
strength of the stance it leaves: red-line 3, firm 2, soft 1. A red line is
flagged: by the party's own word it will not move, so its cost is a floor,
not a price. The cost for every party with a stance to support the demand is
given too.

Stances that hold only on a condition are shown with the demands they wait
on and who opposes those; so are the demands that agreeing this one would
rule out, with their supporters. Parties without a recorded stance are listed
apart: nobody can price their move, and silence is not consent — a demand
nobody opposes carries only when every party has a recorded stance; until
then it carries only if the silent ones do not oppose it, and parley says so
(JSON: carries false, undecided lists them). --explain prints the stance of
every party that must move, with its speaker and words.

DEMAND is a demand's id, its name, or a prefix of either that fits one demand,
in any case.`,
		Example: `  parley concessions territorial-integrity
  parley concessions nato-membership --among us,russia --explain
  parley concessions four-regions --among ukraine --among eu
  parley concessions minerals-deal --format json`,
		Args: exactArgs(1, "a demand, as in: parley concessions nato-membership"),
		ValidArgsFunction: func(_ *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return demandCompletions(a.completeModel(), prefix), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Demand = args[0]
			return runConcessions(opts)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&opts.Among, "among", nil, "only these parties (`PARTY`, repeat or separate with commas)")
	f.BoolVar(&opts.Explain, "explain", false, "show the stances of the parties that must move")
	_ = cmd.RegisterFlagCompletionFunc("among", completeParties(a))
	return cmd
}

func runConcessions(opts *concessionsOptions) error {
	a := opts.app
	m, err := a.model()
	if err != nil {
		return err
	}
	d, err := m.FindDemand(opts.Demand)
	if err != nil {
		return err
	}
	var among []int // nil: all
	if len(opts.Among) > 0 {
		if among, err = a.findParties(m, opts.Among); err != nil {
			return err
		}
	}
	if a.format == "json" {
		return report.Write(a.io.Out, report.NewConcession(m, d, among))
	}
	c := graph.Concessions(m, d, among)
	if a.format == "csv" {
		var rows [][]string
		for _, mv := range c.Moves {
			rows = append(rows, []string{m.Parties()[mv.Party].ID, mv.From.String(), mv.Strength.String(),
				strconv.Itoa(mv.ToNeutral), strconv.Itoa(mv.ToSupport), strconv.Itoa(mv.Cost),
				strconv.Itoa(mv.SupportCost), strconv.FormatBool(mv.RedLine)})
		}
		return writeCSV(a.io.Out, []string{"party", "from", "strength", "to_neutral", "to_support", "cost",
			"support_cost", "red_line"}, rows)
	}
	var b strings.Builder
	writeConcession(&b, m, c, len(opts.Among) > 0, opts.Explain)
	_, err = io.WriteString(a.io.Out, sanitize(b.String(), true))
	return err
}

func writeConcession(b *strings.Builder, m *graph.Model, c graph.Concession, among, explain bool) {
	fmt.Fprintf(b, "%s%s\n", demandTitle(m, c.Demand), asOf(m))
	if among {
		fmt.Fprintf(b, "Among: %s\n", strings.Join(partyIDs(m, c.Among), ", "))
	}
	fmt.Fprintf(b, "Supported by: %s\n", joinOr(partyIDs(m, c.Supporters), "nobody"))
	if len(c.Unknown) > 0 {
		fmt.Fprintf(b, "No recorded stance: %s\n", strings.Join(partyIDs(m, c.Unknown), ", "))
	}
	var opposers []graph.Move
	var neutral []graph.Move
	for _, mv := range c.Moves {
		if mv.From == graph.Oppose {
			opposers = append(opposers, mv)
		} else {
			neutral = append(neutral, mv)
		}
	}
	b.WriteByte('\n')
	switch {
	case len(opposers) == 0 && len(c.Undecided()) == 0:
		b.WriteString("It carries: every party has a recorded stance and none opposes it.\n")
	case len(opposers) == 0:
		fmt.Fprintf(b, "No recorded stance opposes it; it carries only if %s (no recorded stance) %s not oppose.\n",
			joinAnd(partyIDs(m, c.Undecided())), plural(len(c.Undecided()), "does", "do"))
	default:
		fmt.Fprintf(b, "To carry with no opposition, %d %s must move, at a cost of %d",
			len(opposers), plural(len(opposers), "party", "parties"), c.Cost)
		if len(c.RedLines) > 0 {
			fmt.Fprintf(b, " (red lines: %s)", strings.Join(partyIDs(m, c.RedLines), ", "))
		}
		b.WriteString(":\n")
		writeMoves(b, m, c.Demand, opposers, explain, func(mv graph.Move) string {
			return fmt.Sprintf("neutral: 1 step, cost %d", mv.Cost)
		})
		if len(c.Unknown) > 0 {
			fmt.Fprintf(b, "and %s, with no recorded stance, must not oppose it.\n", joinAnd(partyIDs(m, c.Unknown)))
		}
	}
	if len(opposers)+len(neutral) > 0 {
		fmt.Fprintf(b, "\nFor everyone with a stance to support it, cost %d:\n", c.SupportCost)
		writeMoves(b, m, c.Demand, c.Moves, false, func(mv graph.Move) string {
			return fmt.Sprintf("support: %d %s, cost %d", mv.ToSupport, plural(mv.ToSupport, "step", "steps"), mv.SupportCost)
		})
	}
	if len(c.Conditional) > 0 {
		b.WriteString("\nConditional stances:\n")
		for _, cd := range c.Conditional {
			var on []string
			for _, x := range cd.On {
				s := m.Demands()[x.Demand].ID
				if len(x.Opposers) > 0 {
					s += " (opposed by " + strings.Join(partyIDs(m, x.Opposers), ", ") + ")"
				} else {
					s += " (opposed by nobody)"
				}
				on = append(on, s)
			}
			fmt.Fprintf(b, "  %s: %s only if %s\n", m.Parties()[cd.Party].ID, cd.Position, strings.Join(on, ", "))
		}
	}
	if len(c.RulesOut) > 0 {
		b.WriteString("\nAgreeing it rules out:\n")
		for _, r := range c.RulesOut {
			fmt.Fprintf(b, "  %s, supported by %s\n", demandTitle(m, r.Demand), joinOr(partyIDs(m, r.Supporters), "nobody"))
		}
	}
}

func writeMoves(b *strings.Builder, m *graph.Model, d int, moves []graph.Move, explain bool, how func(graph.Move) string) {
	width, sw := 0, 0
	for _, mv := range moves {
		width = max(width, len(m.Parties()[mv.Party].ID))
		sw = max(sw, len(mv.From.String()+", "+mv.Strength.String()))
	}
	for _, mv := range moves {
		flag := ""
		if mv.RedLine {
			flag = "  RED LINE"
		}
		fmt.Fprintf(b, "  %-*s  %-*s → %s%s\n", width, m.Parties()[mv.Party].ID, sw, mv.From.String()+", "+mv.Strength.String(), how(mv), flag)
		if explain {
			if s, ok := m.Stance(mv.Party, d); ok {
				if ev := evidence(m, s); ev != "" {
					fmt.Fprintf(b, "  %-*s  %s\n", width, "", ev)
				}
				if s.Note != "" {
					fmt.Fprintf(b, "  %-*s  note: %s\n", width, "", sanitize(s.Note, false))
				}
			}
		}
	}
}
