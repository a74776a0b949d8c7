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

type pairsOptions struct {
	app       *app
	Conflicts bool // conflicts: most conflicting first; else most allied first
	Parties   []string
	By        string // distance or kappa
	Explain   bool
}

const pairsLong = `Parties are compared over the demands on which both have a recorded stance,
after Pawlak's model of conflict: on each such demand they agree (both support
or both oppose), clash (one supports, the other opposes) or neither (one or
both neutral). Their distance is the mean over those demands of 0 for an
agreement, 1 for a clash and 0.5 otherwise; below 0.5 they are allies, above
it adversaries. kappa is Cohen's chance-corrected agreement over the same
demands (support, oppose, neutral as three categories): near 0 when two
parties agree only as much as their habits predict, as when both support
nearly everything; 0 when one of them takes the same position on every
demand they share; and undefined ("—", null in JSON, ranked last) when they
share no demand or both take one and the same position on all of them, as
two allies who only ever support do: agreement cannot beat chance there.
Demands that belong to one issue count once in the distance and kappa: a
pair's value on an issue is the mean over its demands both have a stance on.

A demand's conflict degree is supporters × opposers over the most an even
split of all the parties could give (Pawlak's Con): one party against one
while the others say nothing is little conflict among many. JSON gives it
among the engaged too, the parties with a stance (engaged_conflict_degree).

With PARTY arguments, only those parties are analysed: the pairs among them,
and each demand's supporters, opposers and conflict degree counted among
them. PARTY is an id, name or alias, or a prefix of one, in any case.

The demands behind each pair are listed while the scenario has at most 200
demands, and otherwise with --explain; --explain also prints every stance,
with its speaker and words.`

func newConflictsCmd(a *app) *cobra.Command {
	return newPairsCmd(a, true, &cobra.Command{
		Use:   "conflicts [PARTY...]",
		Short: "Rank pairs of parties by how much they clash, with the demands behind it",
		Long: `List every pair of parties, the most conflicting first: by distance, largest
first, then by the number of demands they clash on.

` + pairsLong,
		Example: `  parley conflicts
  parley conflicts russia ukraine us --explain
  parley conflicts --by kappa
  parley conflicts --format json`,
	})
}

func newAgreementsCmd(a *app) *cobra.Command {
	return newPairsCmd(a, false, &cobra.Command{
		Use:   "agreements [PARTY...]",
		Short: "Rank pairs of parties by how much they agree, with the demands behind it",
		Long: `List every pair of parties, the most allied first: by distance, smallest
first, then by the number of demands they agree on.

` + pairsLong,
		Example: `  parley agreements
  parley agreements ukraine eu european-countries
  parley agreements russia us --explain
  parley agreements --format csv`,
	})
}

func newPairsCmd(a *app, conflicts bool, cmd *cobra.Command) *cobra.Command {
	opts := &pairsOptions{app: a, Conflicts: conflicts}
	cmd.ValidArgsFunction = completeParties(a)
	cmd.Args = func(_ *cobra.Command, args []string) error {
		if len(args) == 1 {
			return usagef("want two or more parties to compare among them, or none for every pair")
		}
		return nil
	}
	cmd.RunE = func(_ *cobra.Command, args []string) error {
		opts.Parties = args
		return runPairs(opts)
	}
	f := cmd.Flags()
	f.StringVar(&opts.By, "by", "distance", "rank by `MEASURE`: distance (Pawlak) or kappa (chance-corrected)")
	f.BoolVar(&opts.Explain, "explain", false, "show the stances behind every pair, with speakers and quotes")
	_ = cmd.RegisterFlagCompletionFunc("by", cobra.FixedCompletions([]string{"distance", "kappa"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runPairs(opts *pairsOptions) error {
	a := opts.app
	var order graph.PairOrder
	switch {
	case opts.By == "distance" && opts.Conflicts:
		order = graph.MostConflicting
	case opts.By == "distance":
		order = graph.MostAllied
	case opts.By == "kappa" && opts.Conflicts:
		order = graph.LeastKappa
	case opts.By == "kappa":
		order = graph.MostKappa
	default:
		return usagef("--by must be distance or kappa, not %q", opts.By)
	}
	m, err := a.model()
	if err != nil {
		return err
	}
	var parties []int // nil: all
	if len(opts.Parties) > 0 {
		if parties, err = a.findParties(m, opts.Parties); err != nil {
			return err
		}
		if len(parties) < 2 {
			return usagef("%s names one party: want two or more", strings.Join(opts.Parties, " and "))
		}
	}
	if err := graph.CheckPairs(m, parties); err != nil {
		return narrowHint(err)
	}
	lists := report.WithLists(m, opts.Explain)
	if a.format == "json" {
		return report.WritePairs(a.io.Out, m, parties, order, lists)
	}
	ranked, err := graph.RankPairs(m, parties, order, true)
	if err != nil {
		return err
	}
	if !ranked.UnsharedListed && ranked.Unshared > 0 {
		fmt.Fprintf(a.io.ErrOut, "parley: %d pairs share no demand and are not listed (more than %d)\n",
			ranked.Unshared, graph.UnsharedListed)
	}
	if a.format == "csv" {
		return writePairsCSV(a.io.Out, m, ranked, lists)
	}
	if opts.Explain {
		return writePairsReport(a.io, m, ranked, opts.Conflicts)
	}
	if a.io.OutTTY {
		dcs := graph.DemandConflicts(m, parties)
		what := "most allied first"
		if opts.Conflicts {
			what = "most conflicting first"
		}
		if opts.By == "kappa" {
			what += ", by kappa"
		}
		heading(a.io, "%d pairs%s, %s. Conflict degree of the scenario: %s\n",
			ranked.Len(), asOf(m), what, num(graph.ConflictDegree(dcs)))
	}
	last := "AGREE ON"
	if opts.Conflicts {
		last = "CLASH ON"
	}
	t := &table{header: []string{"A", "B", "RELATION", "DISTANCE", "KAPPA", "AGREE", "CONFLICT", "NEUTRAL", "SHARED"}}
	if lists {
		t.header = append(t.header, last)
	}
	_ = ranked.Each(func(p graph.Pair) error {
		row := []string{m.Parties()[p.A].ID, m.Parties()[p.B].ID, p.Relation.String(), num(p.Distance), kappaText(p),
			strconv.Itoa(p.Agree), strconv.Itoa(p.Conflict), strconv.Itoa(p.Neutral), strconv.Itoa(p.Shared)}
		if lists {
			agree, conflict, _ := graph.PairDemands(m, p.A, p.B)
			ds := agree
			if opts.Conflicts {
				ds = conflict
			}
			row = append(row, strings.Join(demandIDs(m, ds), ","))
		}
		t.add(row...)
		return nil
	})
	return t.write(a.io)
}

// writePairsReport prints each pair with the stances behind it, the
// command's own side (clashes or agreements) first.
func writePairsReport(s *IO, m *graph.Model, pairs *graph.RankedPairs, conflicts bool) error {
	var b strings.Builder
	first := true
	err := pairs.Each(func(p graph.Pair) error {
		if !first {
			b.WriteByte('\n')
		}
		first = false
		if p.Shared == 0 {
			fmt.Fprintf(&b, "%s and %s: no demand on which both have a stance (neutral, distance 0.50 by convention, no kappa)\n",
				m.Parties()[p.A].ID, m.Parties()[p.B].ID)
			return nil
		}
		fmt.Fprintf(&b, "%s and %s: %s, distance %s, kappa %s; agree on %d, clash on %d, neither on %d of %d shared %s%s%s\n",
			m.Parties()[p.A].ID, m.Parties()[p.B].ID, p.Relation, num(p.Distance), kappaText(p),
			p.Agree, p.Conflict, p.Neutral, p.Shared, plural(p.Shared, "demand", "demands"), inIssues(p), unshared(m, p))
		agree, conflict, neutral := graph.PairDemands(m, p.A, p.B)
		groups := []struct {
			title string
			ds    []int
		}{{"Agree on", agree}, {"Clash on", conflict}, {"Neither on", neutral}}
		if conflicts {
			groups[0], groups[1] = groups[1], groups[0]
		}
		for _, g := range groups {
			for _, d := range g.ds {
				fmt.Fprintf(&b, "  %s %s\n", g.title, demandTitle(m, d))
				writeStanceLines(&b, m, d, []int{p.A, p.B}, "    ")
			}
		}
		return flushIfLarge(s.Out, &b)
	})
	if err != nil {
		return err
	}
	_, err = io.WriteString(s.Out, sanitize(b.String(), true))
	return err
}

// flushIfLarge writes b out once it holds a megabyte, so long reports
// stream instead of piling up.
func flushIfLarge(w io.Writer, b *strings.Builder) error {
	if b.Len() < 1<<20 {
		return nil
	}
	_, err := io.WriteString(w, sanitize(b.String(), true))
	b.Reset()
	return err
}

// kappaCSV is κ for CSV: empty when it is undefined.
func kappaCSV(p graph.Pair) string {
	if !p.HasKappa {
		return ""
	}
	return strconv.FormatFloat(p.Kappa, 'g', -1, 64)
}

func writePairsCSV(w io.Writer, m *graph.Model, pairs *graph.RankedPairs, lists bool) error {
	header := []string{"a", "b", "relation", "distance", "kappa", "agree", "conflict", "neutral", "shared",
		"agree_demands", "conflict_demands", "neutral_demands"}
	rows := make([][]string, 0, pairs.Len())
	_ = pairs.Each(func(p graph.Pair) error {
		row := []string{m.Parties()[p.A].ID, m.Parties()[p.B].ID, p.Relation.String(),
			strconv.FormatFloat(p.Distance, 'g', -1, 64), kappaCSV(p),
			strconv.Itoa(p.Agree), strconv.Itoa(p.Conflict), strconv.Itoa(p.Neutral), strconv.Itoa(p.Shared), "", "", ""}
		if lists {
			agree, conflict, neutral := graph.PairDemands(m, p.A, p.B)
			row[9] = strings.Join(demandIDs(m, agree), " ")
			row[10] = strings.Join(demandIDs(m, conflict), " ")
			row[11] = strings.Join(demandIDs(m, neutral), " ")
		}
		rows = append(rows, row)
		return nil
	})
	return writeCSV(w, header, rows)
}
