package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render/report"
)

// whoVerbs maps the verbs of "parley who" to positions.
var whoVerbs = []struct {
	verb     string
	synonyms []string
	pos      graph.Position
	phrase   string // "%d parties oppose"
}{
	{"supports", []string{"support"}, graph.Support, "support"},
	{"opposes", []string{"oppose"}, graph.Oppose, "oppose"},
	{"is-neutral-on", []string{"neutral"}, graph.Neutral, "are neutral on"},
	{"has-no-stance-on", []string{"unknown"}, graph.Unknown, "have no recorded stance on"},
}

type whoOptions struct {
	app      *app
	Position graph.Position
	Phrase   string
	Demand   string
}

func newWhoCmd(a *app) *cobra.Command {
	opts := &whoOptions{app: a}
	var verbs []string
	for _, v := range whoVerbs {
		verbs = append(verbs, v.verb)
	}
	return &cobra.Command{
		Use:   "who " + strings.Join(verbs, "|") + " DEMAND",
		Short: "List the parties that support, oppose or are neutral on a demand",
		Long: `List the parties that support, oppose or are neutral on a demand, with how
strongly, who said it and their words. "has-no-stance-on" lists the parties
without a recorded stance.

DEMAND is a demand's id or name, the start of one, or words of one, that fit
one demand; case, spaces, hyphens and underscores do not count, and the words
need no quotes. The verbs may be written as words too: "is neutral on".`,
		Example: `  parley who opposes nato-membership
  parley who supports "security guarantees"
  parley who opposes written security guarantees
  parley who opposes territory
  parley who is-neutral-on four-regions --format json
  parley who has no stance on europe-at-table`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usagef("want a verb and a demand, as in: parley who opposes nato-membership")
			}
			for _, v := range whoVerbs {
				for n := 1; n < len(args); n++ {
					w := strings.ToLower(strings.Join(args[:n], "-"))
					if w == v.verb || contains(v.synonyms, w) {
						opts.Position, opts.Phrase = v.pos, v.phrase
						opts.Demand = strings.Join(args[n:], " ")
						return nil
					}
				}
			}
			hint := ""
			if s := graph.Suggest(args[0], verbs); s != "" {
				hint = fmt.Sprintf("; did you mean %q?", s)
			}
			return usagef("unknown verb %q: use %s%s", args[0], strings.Join(verbs, ", "), hint)
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
			switch len(args) {
			case 0:
				var out []string
				for _, v := range verbs {
					if strings.HasPrefix(v, prefix) {
						out = append(out, v)
					}
				}
				return out, cobra.ShellCompDirectiveNoFileComp
			case 1:
				return demandCompletions(a.completeModel(), prefix), cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runWho(opts)
		},
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func runWho(opts *whoOptions) error {
	a := opts.app
	m, err := a.model()
	if err != nil {
		return err
	}
	d, err := m.FindDemand(opts.Demand)
	if err != nil {
		return err
	}
	var stances []graph.Stance
	for _, p := range m.Who(d, opts.Position) {
		if s, ok := m.Stance(p, d); ok {
			stances = append(stances, s)
		} else {
			stances = append(stances, graph.Stance{Party: p, Demand: d})
		}
	}
	switch a.format {
	case "json":
		return report.Write(a.io.Out, report.NewWho(m, d, opts.Position))
	case "csv":
		var rows [][]string
		for _, s := range stances {
			rows = append(rows, csvStanceRow(m, s))
		}
		return writeCSV(a.io.Out, csvStanceHeader, rows)
	}
	dm := m.Demands()[d]
	if a.io.OutTTY {
		n := len(stances)
		noun := "parties"
		if n == 1 {
			noun = "party"
			opts.Phrase = singular(opts.Phrase)
		}
		heading(a.io, "%d %s %s %s (%s)%s", n, noun, opts.Phrase, dm.Name, dm.ID, asOf(m))
		if n == 0 {
			return nil
		}
		fmt.Fprintln(a.io.Out)
	}
	t := &table{header: []string{"PARTY", "NAME", "STRENGTH", "BY", "QUOTE"}}
	for _, s := range stances {
		p := m.Parties()[s.Party]
		strength := ""
		if s.Position.Known() {
			strength = s.Strength.String()
		}
		t.add(p.ID, p.Name, strength, speaker(m, s), s.Quote)
	}
	return t.write(a.io)
}

// singular turns "oppose" into "opposes", "are neutral on" into "is neutral on".
func singular(phrase string) string {
	switch {
	case strings.HasPrefix(phrase, "are "):
		return "is " + phrase[4:]
	case strings.HasPrefix(phrase, "have "):
		return "has " + phrase[5:]
	}
	return phrase + "s"
}
