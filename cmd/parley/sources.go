package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parley/parley/render/report"
)

type sourcesOptions struct {
	app    *app
	Person string // --person: only their words and reports about them
}

func newSourcesCmd(a *app) *cobra.Command {
	opts := &sourcesOptions{app: a}
	cmd := &cobra.Command{
		Use:   "sources",
		Short: "List the sources and the stances that cite each",
		Long: `List the scenario's sources — id, title, publisher, address and publication
date — each with the stances that cite it (every entry of a dated history
counts), and the stances that cite none. With --person, only the entries whose
words are that person's or that a source reports about them.`,
		Example: `  parley sources
  parley sources --person lavrov
  parley sources --format json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("sources takes no arguments")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return runSources(opts) },
	}
	cmd.Flags().StringVar(&opts.Person, "person", "", "only the entries of `PERSON`: their words and reports about them")
	_ = cmd.RegisterFlagCompletionFunc("person", func(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
		return personCompletions(a.completeModel(), prefix), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func runSources(opts *sourcesOptions) error {
	a := opts.app
	l, err := a.load()
	if err != nil {
		return err
	}
	m, err := a.filter.apply(l.Model)
	if err != nil {
		return err
	}
	person, err := findPerson(m, opts.Person)
	if err != nil {
		return err
	}
	out := report.NewSourcesOf(m, person)
	switch a.format {
	case "json":
		return report.Write(a.io.Out, out)
	case "csv":
		var rows [][]string
		for _, s := range out.Sources {
			for _, c := range s.Stances {
				rows = append(rows, []string{s.ID, c.Party, c.Demand, c.Stance, c.AsOf, c.By, c.Quote, c.Evidence, strings.Join(c.About, " ")})
			}
		}
		for _, c := range out.Unsourced {
			rows = append(rows, []string{"", c.Party, c.Demand, c.Stance, c.AsOf, c.By, c.Quote, c.Evidence, strings.Join(c.About, " ")})
		}
		return writeCSV(a.io.Out, []string{"source", "party", "demand", "stance", "as_of", "by", "quote", "evidence", "about"}, rows)
	}
	var b strings.Builder
	for i, s := range out.Sources {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s: %s\n", s.ID, s.Title)
		var meta []string
		if s.Publisher != "" {
			meta = append(meta, s.Publisher)
		}
		if s.Published != "" {
			meta = append(meta, "published "+s.Published)
		}
		if s.URL != "" {
			meta = append(meta, s.URL)
		}
		if len(meta) > 0 {
			fmt.Fprintf(&b, "  %s\n", strings.Join(meta, ", "))
		}
		fmt.Fprintf(&b, "  cited by %d %s\n", len(s.Stances), plural(len(s.Stances), "stance", "stances"))
		for _, c := range s.Stances {
			b.WriteString(citationLine(c))
		}
	}
	if len(out.Unsourced) > 0 {
		if len(out.Sources) > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "No source: %d %s\n", len(out.Unsourced), plural(len(out.Unsourced), "stance", "stances"))
		for _, c := range out.Unsourced {
			b.WriteString(citationLine(c))
		}
	}
	_, err = fmt.Fprint(a.io.Out, sanitize(b.String(), true))
	return err
}

func citationLine(c report.Citation) string {
	date := ""
	if c.AsOf != "" {
		date = ", " + c.AsOf
	}
	return fmt.Sprintf("    %s %s %s%s\n", c.Party, c.Stance, c.Demand, date)
}
