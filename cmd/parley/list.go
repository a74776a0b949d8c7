package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render/report"
)

type listOptions struct {
	app  *app
	What string // parties, demands or people
}

func newListCmd(a *app) *cobra.Command {
	opts := &listOptions{app: a}
	return &cobra.Command{
		Use:   "list parties|demands|people",
		Short: "List the parties, the demands or the people of the scenario",
		Long: `List the parties (id, name, how many stances each has), the demands (id,
name, how many parties support, oppose and are neutral on each) or the people
(id, name, the party they speak for, their role, how many stance entries are
their words and how many the sources report about them), sorted by id.`,
		Example: `  parley list parties
  parley list demands
  parley list people
  parley list demands --format csv`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("want parties, demands or people, as in: parley list demands")
			}
			switch args[0] {
			case "parties", "party":
				opts.What = "parties"
			case "demands", "demand":
				opts.What = "demands"
			case "people", "person", "persons":
				opts.What = "people"
			default:
				hint := ""
				if s := graph.Suggest(args[0], []string{"parties", "demands", "people"}); s != "" {
					hint = fmt.Sprintf("; did you mean %q?", s)
				}
				return usagef("cannot list %q: want parties, demands or people%s", args[0], hint)
			}
			return nil
		},
		ValidArgs: []string{"parties", "demands", "people"},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runList(opts)
		},
	}
}

func runList(opts *listOptions) error {
	a := opts.app
	m, err := a.model()
	if err != nil {
		return err
	}
	if opts.What == "people" {
		return listPeople(a, m)
	}
	if opts.What == "parties" {
		rows := report.NewPartyRows(m)
		switch a.format {
		case "json":
			return report.Write(a.io.Out, rows)
		case "csv":
			var out [][]string
			for _, r := range rows {
				out = append(out, []string{r.ID, r.Name, strings.Join(r.Aliases, ";"), itoa(r.Stances),
					itoa(r.Support), itoa(r.Oppose), itoa(r.Neutral), itoa(r.RedLines)})
			}
			return writeCSV(a.io.Out, []string{"id", "name", "aliases", "stances", "support", "oppose", "neutral", "red_lines"}, out)
		}
		t := &table{header: []string{"ID", "NAME", "STANCES", "SUPPORT", "OPPOSE", "NEUTRAL", "RED LINES"}}
		for _, r := range rows {
			t.add(r.ID, r.Name, itoa(r.Stances), itoa(r.Support), itoa(r.Oppose), itoa(r.Neutral), itoa(r.RedLines))
		}
		listHeading(a.io, m, "Parties")
		return t.write(a.io)
	}

	rows := report.NewDemandRows(m)
	switch a.format {
	case "json":
		return report.Write(a.io.Out, rows)
	case "csv":
		var out [][]string
		for _, r := range rows {
			out = append(out, []string{r.ID, r.Name, r.RaisedBy, strings.Join(r.Tags, ";"), r.Date,
				itoa(r.Support), itoa(r.Oppose), itoa(r.Neutral), itoa(r.Unknown), r.Issue})
		}
		return writeCSV(a.io.Out, []string{"id", "name", "raised_by", "tags", "date", "support", "oppose", "neutral", "unknown", "issue"}, out)
	}
	t := &table{header: []string{"ID", "SUPPORT", "OPPOSE", "NEUTRAL", "UNKNOWN", "NAME"}}
	for _, r := range rows {
		t.add(r.ID, itoa(r.Support), itoa(r.Oppose), itoa(r.Neutral), itoa(r.Unknown), r.Name)
	}
	listHeading(a.io, m, "Demands")
	return t.write(a.io)
}

// listHeading says, on a terminal, at what date the counts are when that
// is not the latest.
func listHeading(s *IO, m *graph.Model, what string) {
	if s.OutTTY && !m.AsOf().IsZero() {
		heading(s, "%s as of %s\n", what, m.AsOf())
	}
}

func itoa(n int) string { return fmt.Sprint(n) }

// listPeople writes list people; the counts take in every entry ever
// recorded, dated on or before --as-of.
func listPeople(a *app, m *graph.Model) error {
	until, err := a.asOfDate()
	if err != nil {
		return err
	}
	rows := report.NewPersonRows(m, until)
	switch a.format {
	case "json":
		return report.Write(a.io.Out, rows)
	case "csv":
		var out [][]string
		for _, r := range rows {
			out = append(out, []string{r.ID, r.Name, r.Role, r.Party, strings.Join(r.Aliases, ";"), itoa(r.Said), itoa(r.Reported)})
		}
		return writeCSV(a.io.Out, []string{"id", "name", "role", "party", "aliases", "said", "reported"}, out)
	}
	t := &table{header: []string{"ID", "NAME", "PARTY", "SAID", "REPORTED", "ROLE"}}
	for _, r := range rows {
		t.add(r.ID, r.Name, r.Party, itoa(r.Said), itoa(r.Reported), r.Role)
	}
	return t.write(a.io)
}
