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
	Objective  string
	Explain    bool
}

func newCoalitionsCmd(a *app) *cobra.Command {
	opts := &coalitionsOptions{app: a}
	cmd := &cobra.Command{
		Use:   "coalitions",
		Short: "Find the blocs of parties that stand together",
		Long: `Find the blocs by correlation clustering of the signed graph of parties. A
partition's frustration is the weight of the allied pairs it puts in
different blocs plus that of the adversaries it puts in one bloc; parley
finds the partition of least frustration, with as many blocs as it takes.

The weight of a pair comes from the objective (--objective):
  net       the demands they agree on minus those they clash on (Pawlak's)
  centred   the same less what chance gives from each party's own mix of
            support, oppose and neutral over the demands they share (the
            null model of kappa and of modularity): two parties that vote
            yes on nearly everything agree by habit, not by alliance
  auto      centred when the pairs that share anything share a median of at
            least 20 demands, net otherwise (the default)
On a negotiation's dozen demands, chance cannot be told from habit and net is
what an analyst expects; on years of lopsided votes nearly every pair agrees
more than it clashes, net lumps everyone into one bloc, and centred finds the
real split. Demands that share an issue count once, as one demand.

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
  parley coalitions --objective centred
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
	f.StringVar(&opts.Objective, "objective", "auto", "pair weight to partition by: auto, net or centred")
	f.BoolVar(&opts.Explain, "explain", false, "show the stances that unite and split each bloc")
	_ = cmd.RegisterFlagCompletionFunc("objective", cobra.FixedCompletions([]string{"auto", "net", "centred"}, cobra.ShellCompDirectiveNoFileComp))
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
	obj, ok := graph.ObjectiveAuto, true
	if o.Objective != "" {
		obj, ok = graph.ParseObjective(o.Objective)
	}
	if !ok {
		return graph.CoalitionOptions{}, usagef("--objective must be auto, net or centred, not %q", o.Objective)
	}
	return graph.CoalitionOptions{Seed: o.Seed, Restarts: o.Restarts, ExactLimit: limit, Objective: obj}, nil
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
	if err := graph.CheckPairs(m, co.Parties); err != nil {
		return narrowHint(err)
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
	fmt.Fprintf(b, "%d %s%s, frustration %s", len(p.Blocs), plural(len(p.Blocs), "bloc", "blocs"), asOf(m), weightNum(p.Frustration))
	switch {
	case len(p.Blocs) == 0:
		b.WriteString("\n")
	case p.Exact:
		b.WriteString(": exact, no partition has less.\n")
	default:
		b.WriteString(": " + heuristicText(p, co) + "\n")
	}
	if len(p.Blocs) > 0 {
		fmt.Fprintf(b, "Pair weight: %s.\n", objectiveText(p))
	}
	for i, bl := range p.Blocs {
		fmt.Fprintf(b, "\nBloc %d (%d %s): %s\n", i+1, len(bl.Parties), plural(len(bl.Parties), "party", "parties"),
			strings.Join(partyIDs(m, bl.Parties), ", "))
		fmt.Fprintf(b, "  internal agreement %s; weight %s within, %s to the other blocs\n",
			num(bl.InternalAgreement), signedWeight(bl.InternalWeight), signedWeight(bl.ExternalWeight))
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
	fmt.Fprintf(b, "\nPairs against the partition (%d):\n", p.FrustratedTotal)
	for i, f := range p.Frustrated {
		if i == frustratedShown && !explain {
			more := "(--explain lists them all)"
			if p.FrustratedTotal > len(p.Frustrated) {
				more = fmt.Sprintf("(--explain lists the %d strongest)", len(p.Frustrated))
			}
			fmt.Fprintf(b, "  and %d more %s\n", p.FrustratedTotal-i, more)
			break
		}
		x, y := blocOf[f.A], blocOf[f.B]
		where := fmt.Sprintf("adversaries in bloc %d", x+1)
		if x != y {
			where = fmt.Sprintf("allies split between blocs %d and %d", min(x, y)+1, max(x, y)+1)
		}
		fmt.Fprintf(b, "  %s and %s, weight %s: %s (agree on %d, clash on %d)\n", m.Parties()[f.A].ID, m.Parties()[f.B].ID,
			signedWeight(f.Weight(p.Objective)), where, f.Agree, f.Conflict)
	}
	if explain && p.FrustratedTotal > len(p.Frustrated) {
		fmt.Fprintf(b, "  and %d more, weaker\n", p.FrustratedTotal-len(p.Frustrated))
	}
}

// heuristicText says how a partition not proven best was found: the local
// search's restarts (fewer than asked when the work budget ran out), and
// the groups the exact search solved or gave up on.
func heuristicText(p graph.Partition, co graph.CoalitionOptions) string {
	restarts := co.Restarts
	if restarts == 0 {
		restarts = graph.DefaultRestarts
	}
	var t string
	switch {
	case p.Restarts == 0:
		t = fmt.Sprintf("the best a heuristic found (local search, seed %d)", co.Seed)
	case p.Restarts < restarts:
		t = fmt.Sprintf("the best a heuristic found (local search, %d of %d restarts before the search's work budget ran out, seed %d) for a group of %d linked parties",
			p.Restarts, restarts, co.Seed, p.Largest)
	default:
		t = fmt.Sprintf("the best a heuristic found (local search, %d restarts, seed %d) for a group of %d linked parties",
			restarts, co.Seed, p.Largest)
	}
	if p.OverBudget > 0 {
		t += fmt.Sprintf("; %d of the %d groups were solved exactly, %d small enough to solve exactly %s beyond the exact search's work budget and searched locally",
			p.ExactGroups, p.Groups, p.OverBudget, plural(p.OverBudget, "was", "were"))
	}
	return t + "; no partition with less is known, none is ruled out."
}

// narrowHint adds to a refusal of too many pairs how to narrow them.
func narrowHint(err error) error {
	return fmt.Errorf("%w with --parties or --tags", err)
}

// objectiveText names the objective of a partition and, when the default
// chose it, why.
func objectiveText(p graph.Partition) string {
	what := "net (agreements − clashes)"
	if p.Objective == graph.ObjectiveCentred {
		what = "centred (agreements − clashes, less what each party's own mix gives by chance)"
	}
	switch {
	case !p.Auto:
		return what
	case p.MedianShared == 0:
		return what + ", as no pair shares a demand"
	case p.Objective == graph.ObjectiveCentred:
		return fmt.Sprintf("%s, chosen as pairs share a median of %d demands", what, p.MedianShared)
	}
	return fmt.Sprintf("%s, chosen as pairs share a median of %d %s, too few to tell habit from chance (--objective centred to try)",
		what, p.MedianShared, plural(p.MedianShared, "demand", "demands"))
}
