package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render/report"
)

type summaryOptions struct {
	app     *app
	Top     int
	Explain bool
}

func newSummaryCmd(a *app) *cobra.Command {
	opts := &summaryOptions{app: a}
	cmd := &cobra.Command{
		Use:   "summary",
		Short: "Give the one-screen overview of the scenario",
		Long: `Give the overview of a scenario on one screen: its title and date; how many
parties, demands, stances and sources it has; the most contested demands by
conflict degree (supporters × opposers against the most an even split would
give); the blocs of parties (as parley coalitions finds them); the strongest
alliances and conflicts between pairs (as parley agreements and parley
conflicts rank them); the common ground of all the parties (as parley
common-ground finds it); and the red lines.

--explain lists every party of every bloc and every red line, where the
screen shows the first few.`,
		Example: `  parley summary
  parley summary --top 3
  parley summary --format json`,
		Args: exactArgs(0, "no arguments, as in: parley summary"),
		RunE: func(_ *cobra.Command, _ []string) error { return runSummary(opts) },
	}
	f := cmd.Flags()
	f.IntVar(&opts.Top, "top", graph.DefaultTop, "how many contested demands, alliances and conflicts to show")
	f.BoolVar(&opts.Explain, "explain", false, "list every party of every bloc and every red line")
	return cmd
}

func runSummary(opts *summaryOptions) error {
	a := opts.app
	if opts.Top < 1 {
		return usagef("--top must be at least 1")
	}
	if a.format == "csv" {
		return usagef("summary has no CSV form; use --format json")
	}
	m, err := a.model()
	if err != nil {
		return err
	}
	so := graph.SummaryOptions{Top: opts.Top}
	if opts.Explain {
		so.RedLines = 1 << 30
	}
	pr := newProgress(a.io)
	so.Coalitions.Progress = func(done, total int) { pr.Report("finding blocs", int64(done), int64(total)) }
	if a.format == "json" {
		j := report.NewSummary(m, so, report.WithLists(m, opts.Explain))
		pr.Done()
		return report.Write(a.io.Out, j)
	}
	s := graph.Summarize(m, so)
	pr.Done()
	var b strings.Builder
	writeSummary(&b, m, s, opts.Explain)
	_, err = io.WriteString(a.io.Out, sanitize(b.String(), true))
	return err
}

// shownParties is how many parties of a bloc the summary names without
// --explain; shownRedLines how many red lines.
const (
	shownParties  = 12
	shownRedLines = 10
)

func writeSummary(b *strings.Builder, m *graph.Model, s graph.Summary, explain bool) {
	title := s.Meta.Title
	if title == "" {
		title = "Untitled scenario"
	}
	b.WriteString(sanitize(title, false))
	switch {
	case !m.AsOf().IsZero():
		b.WriteString(asOf(m)) // the date of what is shown, not of the file
	case !s.Meta.Date.IsZero():
		fmt.Fprintf(b, ", %s", s.Meta.Date)
	}
	b.WriteByte('\n')
	fmt.Fprintf(b, "%d %s, %d %s, %d %s (%d support, %d oppose, %d neutral), %d %s\n",
		s.Parties, plural(s.Parties, "party", "parties"), s.Demands, plural(s.Demands, "demand", "demands"),
		s.Support+s.Oppose+s.Neutral, plural(s.Support+s.Oppose+s.Neutral, "stance", "stances"),
		s.Support, s.Oppose, s.Neutral, s.Sources, plural(s.Sources, "source", "sources"))

	fmt.Fprintf(b, "\nMost contested demands (conflict degree among all %d parties; %s over all demands):\n",
		s.Parties, num(s.ConflictDegree))
	if len(s.Contested) == 0 {
		b.WriteString("  none: no demand has both supporters and opposers\n")
	}
	for _, dc := range s.Contested {
		fmt.Fprintf(b, "  %s  %s: for %s; against %s", num(dc.Degree), m.Demands()[dc.Demand].ID,
			listSome(partyIDs(m, dc.Supporters), shownParties, explain), listSome(partyIDs(m, dc.Opposers), shownParties, explain))
		if silent := s.Parties - dc.Engaged; silent > 0 {
			fmt.Fprintf(b, "; %d silent", silent)
		}
		b.WriteByte('\n')
	}
	if more := s.ContestedTotal - len(s.Contested); more > 0 {
		fmt.Fprintf(b, "  and %d more\n", more)
	}

	if s.PairsRefused != nil {
		fmt.Fprintf(b, "\nBlocs, strongest alliances and conflicts: not computed — %s with --parties or --tags.\n", s.PairsRefused)
	} else {
		p := s.Blocs
		how := "exact"
		if !p.Exact {
			how = "heuristic"
		}
		fmt.Fprintf(b, "\nBlocs (%s, %s objective, frustration %s):\n", how, p.Objective, weightNum(p.Frustration))
		for i, bl := range p.Blocs {
			fmt.Fprintf(b, "  %d. %s\n", i+1, listSome(partyIDs(m, bl.Parties), shownParties, explain))
		}

		writePairLines(b, m, "Strongest alliances", s.Alliances, s.AlliancesTotal, false)
		writePairLines(b, m, "Strongest conflicts", s.Conflicts, s.ConflictsTotal, true)
	}

	if s.Parties == 1 {
		b.WriteString("\nCommon ground of its one party:\n")
	} else {
		fmt.Fprintf(b, "\nCommon ground of all %d parties:\n", s.Parties)
	}
	var g strings.Builder
	writeGround(&g, m, s.Ground, false, true)
	for _, line := range strings.SplitAfter(g.String(), "\n") {
		if line != "" {
			b.WriteString("  " + line)
		}
	}

	fmt.Fprintf(b, "\nRed lines (%d):\n", s.RedLinesTotal)
	shown := s.RedLines
	if !explain && len(shown) > shownRedLines {
		shown = shown[:shownRedLines]
	}
	if len(shown) == 0 {
		b.WriteString("  none\n")
	}
	for _, st := range shown {
		fmt.Fprintf(b, "  %s: %s %s\n", m.Parties()[st.Party].ID, st.Position, m.Demands()[st.Demand].ID)
	}
	if more := s.RedLinesTotal - len(shown); more > 0 {
		fmt.Fprintf(b, "  and %d more\n", more)
	}
}

func writePairLines(b *strings.Builder, m *graph.Model, title string, pairs []graph.Pair, total int, conflicts bool) {
	fmt.Fprintf(b, "\n%s:\n", title)
	if len(pairs) == 0 {
		b.WriteString("  none\n")
	}
	for _, p := range pairs {
		n, verb := p.Agree, "agree on"
		if conflicts {
			n, verb = p.Conflict, "clash on"
		}
		fmt.Fprintf(b, "  %s and %s: %s %d of %d shared %s%s (distance %s, kappa %s)%s\n",
			m.Parties()[p.A].ID, m.Parties()[p.B].ID, verb, n, p.Shared, plural(p.Shared, "demand", "demands"),
			inIssues(p), num(p.Distance), kappaText(p), unshared(m, p))
	}
	if more := total - len(pairs); more > 0 {
		fmt.Fprintf(b, "  and %d more\n", more)
	}
}

// inIssues says how many issues a pair's shared demands make, when demands
// share issues: distance and kappa count each issue once.
func inIssues(p graph.Pair) string {
	if p.Issues == p.Shared {
		return ""
	}
	return fmt.Sprintf(" in %d %s", p.Issues, plural(p.Issues, "issue", "issues"))
}

// unshared says what a pair's figures leave out: the stances each party
// took on demands the other has not addressed. Two parties who agree on
// all they share may still part ways where only one has spoken.
func unshared(m *graph.Model, p graph.Pair) string {
	var parts []string
	for _, x := range []int{p.A, p.B} {
		if n := m.StanceCount(x) - p.Shared; n > 0 {
			parts = append(parts, fmt.Sprintf("%s on %d %s", m.Parties()[x].ID, n, plural(n, "demand", "demands")))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "; on record without the other: " + strings.Join(parts, ", ")
}

// listSome joins ids, only the first n of them unless all is set.
func listSome(ids []string, n int, all bool) string {
	if len(ids) == 0 {
		return "nobody"
	}
	if all || len(ids) <= n {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(ids[:n], ", "), len(ids)-n)
}
