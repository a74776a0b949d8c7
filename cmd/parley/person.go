package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render/report"
)

// noteOnce writes a line on stderr, once per run whatever asks for it
// again (diff reads the --parties filter for each of its two sides).
func (a *app) noteOnce(msg string) {
	if a.quiet {
		return
	}
	if a.notes == nil {
		a.notes = map[string]bool{}
	}
	if a.notes[msg] {
		return
	}
	a.notes[msg] = true
	fmt.Fprintln(a.io.ErrOut, sanitize(msg, false))
}

// findParty resolves a PARTY argument. One naming a person stands for
// their party, and a line on stderr says so.
func (a *app) findParty(m *graph.Model, q string) (int, error) {
	r, err := m.ResolveParty(q)
	if err != nil {
		return -1, err
	}
	if r.Person != "" {
		a.noteOnce(speaksFor(m, r))
	}
	return r.Party, nil
}

// speaksFor is the line that says whom a person speaks for:
// "Volodymyr Zelenskyy speaks for Ukraine." (the explorer's words too).
func speaksFor(m *graph.Model, r graph.PartyMatch) string { return report.SpeaksFor(m, r) }

type personOptions struct {
	app    *app
	Person string
}

func newPersonCmd(a *app) *cobra.Command {
	opts := &personOptions{app: a}
	return &cobra.Command{
		Use:   "person PERSON",
		Short: "Show what a person said, and what the sources report of them",
		Long: `Show one person: their role, the party they speak for, every stance entry
whose words are theirs (said), oldest first, with the party whose position it
is, the demand, their words and the source; then the entries in which a
source's own narration concerns them (reported about them). An entry whose
words are not theirs is never listed as said.

Every entry ever recorded counts, dated on or before --as-of; undated ones
come last. PERSON is a person's id, name or alias, or a prefix of one that
fits one person, in any case.`,
		Example: `  parley person zelenskyy
  parley person putin
  parley person "tammy bruce" --format json`,
		Args: exactArgs(1, "a person, as in: parley person zelenskyy"),
		ValidArgsFunction: func(_ *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return personCompletions(a.completeModel(), prefix), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Person = args[0]
			return runPerson(opts)
		},
	}
}

func personCompletions(m *graph.Model, prefix string) []string {
	if m == nil {
		return nil
	}
	var out []string
	for i, x := range m.People() {
		if strings.HasPrefix(x.ID, prefix) && (i == 0 || m.People()[i-1].ID != x.ID) {
			out = append(out, x.ID+"\t"+x.Name)
		}
	}
	return out
}

func runPerson(opts *personOptions) error {
	a := opts.app
	l, err := a.load()
	if err != nil {
		return err
	}
	until, err := a.asOfDate()
	if err != nil {
		return err
	}
	// At until, so that the entry in force there is the one called current.
	m, err := a.filter.apply(l.Model.At(until))
	if err != nil {
		return err
	}
	i, err := m.FindPerson(opts.Person)
	if err != nil {
		return err
	}
	j := report.NewPerson(m, i, until)
	switch a.format {
	case "json":
		return report.Write(a.io.Out, j)
	case "csv":
		var rows [][]string
		for _, list := range [][]report.Statement{j.Said, j.About} {
			for _, s := range list {
				rows = append(rows, []string{s.AsOf, s.Party, s.Demand, s.Stance, s.Strength, s.Evidence,
					s.By, strings.Join(s.About, " "), s.Quote, s.Source, s.Note})
			}
		}
		return writeCSV(a.io.Out, []string{"as_of", "party", "demand", "stance", "strength", "evidence",
			"by", "about", "quote", "source", "note"}, rows)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n", j.Name, j.ID)
	var who []string
	if j.Role != "" {
		who = append(who, j.Role)
	}
	if j.Party != "" {
		who = append(who, fmt.Sprintf("speaks for %s (%s)", j.PartyName, j.Party))
	} else {
		who = append(who, "speaks for no party")
	}
	fmt.Fprintf(&b, "%s\n", strings.Join(who, ", "))
	if len(j.Aliases) > 0 {
		fmt.Fprintf(&b, "Also called: %s\n", strings.Join(j.Aliases, ", "))
	}
	writeStatements(&b, m, fmt.Sprintf("Said (%d), oldest first", len(j.Said)), j.Said)
	writeStatements(&b, m, fmt.Sprintf("Reported about them (%d), oldest first", len(j.About)), j.About)
	_, err = io.WriteString(a.io.Out, sanitize(b.String(), true))
	return err
}

// writeStatements writes a person's entries: the date, whose stance on
// what, then the evidence line as party and demand show it.
func writeStatements(b *strings.Builder, m *graph.Model, title string, list []report.Statement) {
	fmt.Fprintf(b, "\n%s\n", title)
	if len(list) == 0 {
		b.WriteString("  none\n")
		return
	}
	for _, s := range list {
		date := s.AsOf
		if date == "" {
			date = "undated"
		}
		pos := "no stance"
		if s.Stance != graph.Unknown.String() {
			pos = fmt.Sprintf("%s (%s)", s.Stance, s.Strength)
		}
		now := ""
		if !s.Current && s.Stance != graph.Unknown.String() {
			now = ", since superseded"
		}
		fmt.Fprintf(b, "  %-10s  %s on %s: %s%s\n", date, s.PartyName, s.Demand, pos, now)
		p, _ := m.PartyIndex(s.Party)
		e := s.Entry()
		e.AsOf = graph.Date{} // already in the first column
		if ev := evidence(m, graph.Stance{Party: p, Entry: e}); ev != "" {
			fmt.Fprintf(b, "              %s\n", ev)
		}
	}
}
