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
	What string // parties or demands
}

func newListCmd(a *app) *cobra.Command {
	opts := &listOptions{app: a}
	return &cobra.Command{
		Use:   "list parties|demands",
		Short: "List the parties or the demands of the scenario",
		Long: `List the parties (id, name, how many stances each has) or the demands (id,
name, how many parties support, oppose and are neutral on each), sorted by id.`,
		Example: `  parley list parties
  parley list demands
  parley list demands --format csv`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("want parties or demands, as in: parley list demands")
			}
			switch args[0] {
			case "parties", "party":
				opts.What = "parties"
			case "demands", "demand":
				opts.What = "demands"
			default:
				hint := ""
				if s := graph.Suggest(args[0], []string{"parties", "demands"}); s != "" {
					hint = fmt.Sprintf("; did you mean %q?", s)
				}
				return usagef("cannot list %q: want parties or demands%s", args[0], hint)
			}
			return nil
		},
		ValidArgs: []string{"parties", "demands"},
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
	if opts.What == "parties" {
		rows := report.NewPartyRows(m)
		switch a.format {
		case "json":
			return report.Write(a.io.Out, rows)
		case "csv":
			var out [][]string
			for _, r := range rows {
				out = append(out, []string{r.ID, r.Name, strings.Join(r.Aliases, "; "), itoa(r.Stances),
					itoa(r.Support), itoa(r.Oppose), itoa(r.Neutral), itoa(r.RedLines)})
			}
			return writeCSV(a.io.Out, []string{"id", "name", "aliases", "stances", "support", "oppose", "neutral", "red_lines"}, out)
		}
		t := &table{header: []string{"ID", "NAME", "STANCES", "SUPPORT", "OPPOSE", "NEUTRAL", "RED LINES"}}
		for _, r := range rows {
			t.add(r.ID, r.Name, itoa(r.Stances), itoa(r.Support), itoa(r.Oppose), itoa(r.Neutral), itoa(r.RedLines))
		}
		return t.write(a.io)
	}

	rows := report.NewDemandRows(m)
	switch a.format {
	case "json":
		return report.Write(a.io.Out, rows)
	case "csv":
		var out [][]string
		for _, r := range rows {
			out = append(out, []string{r.ID, r.Name, r.RaisedBy, strings.Join(r.Tags, "; "), r.Date,
				itoa(r.Support), itoa(r.Oppose), itoa(r.Neutral), itoa(r.Unknown)})
		}
		return writeCSV(a.io.Out, []string{"id", "name", "raised_by", "tags", "date", "support", "oppose", "neutral", "unknown"}, out)
	}
	t := &table{header: []string{"ID", "SUPPORT", "OPPOSE", "NEUTRAL", "UNKNOWN", "NAME"}}
	for _, r := range rows {
		t.add(r.ID, itoa(r.Support), itoa(r.Oppose), itoa(r.Neutral), itoa(r.Unknown), r.Name)
	}
	return t.write(a.io)
}

func itoa(n int) string { return fmt.Sprint(n) }
