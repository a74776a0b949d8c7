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

type coalitionsOptions struct {
	app        *app
	Seed       uint64
	Restarts   int
	ExactLimit int
	Explain    bool
}

func newCoalitionsCmd(a *app) *cobra.Command {
	opts := &coalitionsOptions{app: a}
	cmd := &cobra.Command{
		Use:   "coalitions",
		Short: "Find the blocs of parties that stand together",
		Long: `Find the blocs by correlation clustering of the signed graph of parties: the
weight of a pair is the number of demands they agree on minus the number they
clash on. A partition's frustration is the weight of the allied pairs it puts
in different blocs plus that of the adversaries it puts in one bloc; parley
finds the partition of least frustration, with as many blocs as it takes.

Parties that no chain of non-zero weights links are never put in one bloc.
Each group of linked parties is solved exactly (branch and bound over every
partition) when it has at most --exact-limit parties, and otherwise by local
search with restarts, seeded by --seed: the answer then says so and gives the
frustration it reached. Ties go to fewer blocs, then to the partition that
groups parties earlier in id order.

Blocs are listed by size, largest first, with their internal agreement (1
minus the distance pooled over the demands their members share), the weight
that holds them together and the weight to the other blocs, the demands that
unite them and those that split them, and the pairs that work against the
partition. --explain prints the stances behind each bloc.`,
		Example: `  parley coalitions
  parley coalitions --explain
  parley coalitions --format json
  parley coalitions --format csv`,
		Args: exactArgs(0, "no arguments, as in: parley coalitions"),
		RunE: func(_ *cobra.Command, _ []string) error { return runCoalitions(opts) },
	}
	f := cmd.Flags()
	f.Uint64Var(&opts.Seed, "seed", 0, "seed of the local search")
	f.IntVar(&opts.Restarts, "restarts", graph.DefaultRestarts, "local searches the heuristic runs")
	f.IntVar(&opts.ExactLimit, "exact-limit", graph.DefaultExactLimit, "solve groups of up to `N` linked parties exactly (0: never)")
	f.BoolVar(&opts.Explain, "explain", false, "show the stances that unite and split each bloc")
	return cmd
}

func (o *coalitionsOptions) graphOptions() (graph.CoalitionOptions, error) {
	if o.Restarts < 1 {
		return graph.CoalitionOptions{}, usagef("--restarts must be at least 1")
	}
	if o.ExactLimit < 0 {
		return graph.CoalitionOptions{}, usagef("--exact-limit must be 0 or more")
	}
	limit := o.ExactLimit
	if limit == 0 {
		limit = -1
	}
	return graph.CoalitionOptions{Seed: o.Seed, Restarts: o.Restarts, ExactLimit: limit}, nil
}

func runCoalitions(opts *coalitionsOptions) error {
	a := opts.app
	co, err := opts.graphOptions()
	if err != nil {
		return err
	}
	m, err := a.model()
	if err != nil {
		return err
	}
	pr := newProgress(a.io)
	co.Progress = func(done, total int) { pr.Report("finding blocs", int64(done), int64(total)) }
	lists := report.WithLists(m, opts.Explain)
	if a.format == "json" {
		j := report.NewCoalitions(m, co, lists)
		pr.Done()
		return report.Write(a.io.Out, j)
	}
	part := graph.Coalitions(m, co)
	pr.Done()
	if a.format == "csv" {
		var rows [][]string
		for i, b := range part.Blocs {
			for _, p := range b.Parties {
				rows = append(rows, []string{strconv.Itoa(i + 1), m.Parties()[p].ID})
			}
		}
		return writeCSV(a.io.Out, []string{"bloc", "party"}, rows)
	}
	var b strings.Builder
	writeCoalitions(&b, m, part, co, lists, opts.Explain)
	_, err = io.WriteString(a.io.Out, sanitize(b.String(), true))
	return err
}

// blocIndex maps each party to its bloc's position in p.Blocs.
func blocIndex(p graph.Partition) map[int]int {
	out := map[int]int{}
	for i, b := range p.Blocs {
		for _, x := range b.Parties {
			out[x] = i
		}
	}
	return out
}

// frustratedShown is how many pairs against the partition the text
// report lists without --explain.
const frustratedShown = 10

func writeCoalitions(b *strings.Builder, m *graph.Model, p graph.Partition, co graph.CoalitionOptions, lists, explain bool) {
	fmt.Fprintf(b, "%d %s, frustration %d", len(p.Blocs), plural(len(p.Blocs), "bloc", "blocs"), p.Frustration)
	switch {
	case len(p.Blocs) == 0:
		b.WriteString("\n")
	case p.Exact:
		b.WriteString(": exact, no partition has less.\n")
	default:
		restarts := co.Restarts
		if restarts == 0 {
			restarts = graph.DefaultRestarts
		}
		fmt.Fprintf(b, ": the best a heuristic found (local search, %d restarts, seed %d) for a group of %d linked parties; no partition with less is known, none is ruled out.\n",
			restarts, co.Seed, p.Largest)
	}
	for i, bl := range p.Blocs {
		fmt.Fprintf(b, "\nBloc %d (%d %s): %s\n", i+1, len(bl.Parties), plural(len(bl.Parties), "party", "parties"),
			strings.Join(partyIDs(m, bl.Parties), ", "))
		fmt.Fprintf(b, "  internal agreement %s; weight %s within, %s to the other blocs\n",
			num(bl.InternalAgreement), signed(bl.InternalWeight), signed(bl.ExternalWeight))
		if !lists || len(bl.Parties) < 2 {
			continue
		}
		united, split := graph.BlocDemands(m, bl.Parties)
		fmt.Fprintf(b, "  united on: %s\n", joinOr(demandIDs(m, united), "nothing"))
		fmt.Fprintf(b, "  split on: %s\n", joinOr(demandIDs(m, split), "nothing"))
		if !explain {
			continue
		}
		for _, d := range mergeSorted(united, split) {
			fmt.Fprintf(b, "  %s\n", demandTitle(m, d))
			writeStanceLines(b, m, d, bl.Parties, "    ")
		}
	}
	if len(p.Blocs) == 0 {
		return
	}
	if len(p.Frustrated) == 0 {
		b.WriteString("\nNo pair works against this partition.\n")
		return
	}
	blocOf := blocIndex(p)
	fmt.Fprintf(b, "\nPairs against the partition (%d):\n", len(p.Frustrated))
	for i, f := range p.Frustrated {
		if i == frustratedShown && !explain {
			fmt.Fprintf(b, "  and %d more (--explain lists them all)\n", len(p.Frustrated)-i)
			break
		}
		x, y := blocOf[f.A], blocOf[f.B]
		where := fmt.Sprintf("adversaries in bloc %d", x+1)
		if x != y {
			where = fmt.Sprintf("allies split between blocs %d and %d", min(x, y)+1, max(x, y)+1)
		}
		fmt.Fprintf(b, "  %s and %s, weight %s: %s (agree on %d, clash on %d)\n", m.Parties()[f.A].ID, m.Parties()[f.B].ID,
			signed(f.Weight()), where, f.Agree, f.Conflict)
	}
}
