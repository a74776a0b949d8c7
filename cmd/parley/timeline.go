package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render/report"
)

type timelineOptions struct {
	app    *app
	Focus  string // a party or a demand; "" for all
	Person string // --person: only their words and reports about them
}

func newTimelineCmd(a *app) *cobra.Command {
	opts := &timelineOptions{app: a}
	cmd := &cobra.Command{
		Use:   "timeline [PARTY|DEMAND]",
		Short: "List every dated stance in order, with speaker, quote and source",
		Long: `List every dated entry of the scenario's stances, oldest first: who took which
position on what, and when, with who said it, their words and the source, and
what the entry changed from the one before it.

With a PARTY or a DEMAND (named as parley party and parley demand take them;
the better fit wins, and a tie is listed), only the entries of that party or
on that demand; a person stands for their party. With --person, only the
entries whose words are that person's or that a source reports about them.
Undated stances hold at every date and are not listed.`,
		Example: `  parley timeline
  parley timeline us
  parley timeline --person trump
  parley timeline ukraine-at-table --format json`,
		ValidArgsFunction: func(_ *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			m := a.completeModel()
			return append(partyCompletions(m, prefix), demandCompletions(m, prefix)...), partyCompDirective
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Focus = strings.Join(args, " ")
			return runTimeline(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Person, "person", "", "only the entries of `PERSON`: their words and reports about them")
	_ = cmd.RegisterFlagCompletionFunc("person", func(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
		return personCompletions(a.completeModel(), prefix), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// findPerson resolves a --person flag to a person's id; "" stays "".
func findPerson(m *graph.Model, q string) (string, error) {
	if q == "" {
		return "", nil
	}
	i, err := m.FindPerson(q)
	if err != nil {
		return "", usagef("--person: %v", err)
	}
	return m.People()[i].ID, nil
}

// timelineEntry is one dated entry and the one before it.
type timelineEntry struct {
	party, demand int
	entry         graph.Entry
	prev          *graph.Entry
}

// findFocus resolves a timeline's argument to a party (a person standing
// for theirs, which a line on stderr says) or a demand, whichever it names
// better (graph.FindAny): "zelenskyy" is the person, not the demand
// zelenskyy-trump-meeting whose id has the word.
func (a *app) findFocus(m *graph.Model, q string) (party, demand int, err error) {
	p, d, err := m.FindAny(q)
	if err != nil || p < 0 {
		return p, d, err
	}
	if r, err := m.ResolveParty(q); err == nil && r.Person != "" {
		a.noteOnce(speaksFor(m, r))
	}
	return p, -1, nil
}

func runTimeline(opts *timelineOptions) error {
	a := opts.app
	l, err := a.load()
	if err != nil {
		return err
	}
	m, err := a.filter.apply(l.Model)
	if err != nil {
		return err
	}
	party, demand := -1, -1
	if opts.Focus != "" {
		if party, demand, err = a.findFocus(m, opts.Focus); err != nil {
			return err
		}
	}
	person, err := findPerson(m, opts.Person)
	if err != nil {
		return err
	}
	var until graph.Date
	if until, err = a.asOfDate(); err != nil {
		return err
	}
	if a.format == "json" {
		return report.Write(a.io.Out, report.NewTimelineOf(m, party, demand, person, until))
	}
	var list []timelineEntry
	m.Recorded(func(p, d int, h []graph.Entry) {
		if (party >= 0 && p != party) || (demand >= 0 && d != demand) {
			return
		}
		for i, e := range h {
			if e.AsOf.IsZero() || !e.AsOf.In(until) || (person != "" && !report.Concerns(e, person)) {
				continue
			}
			te := timelineEntry{party: p, demand: d, entry: e}
			if i > 0 {
				te.prev = &h[i-1]
			}
			list = append(list, te)
		}
	})
	slices.SortStableFunc(list, func(x, y timelineEntry) int {
		return cmp.Or(x.entry.AsOf.Compare(y.entry.AsOf), cmp.Compare(x.party, y.party), cmp.Compare(x.demand, y.demand))
	})

	if a.format == "csv" {
		var rows [][]string
		for _, te := range list {
			e := te.entry
			prev := ""
			if te.prev != nil {
				prev = positionText(*te.prev)
			}
			rows = append(rows, []string{e.AsOf.String(), m.Parties()[te.party].ID, m.Demands()[te.demand].ID,
				e.Position.String(), strengthOf(e), prev, e.By, e.Quote, e.Source, e.Note,
				e.EvidenceKind(), strings.Join(e.About, " ")})
		}
		return writeCSV(a.io.Out, []string{"date", "party", "demand", "stance", "strength", "previous", "by", "quote", "source", "note",
			"evidence", "about"}, rows)
	}
	if len(list) == 0 {
		if a.io.OutTTY {
			fmt.Fprintln(a.io.Out, "No dated stances.")
		}
		return nil
	}
	var b strings.Builder
	for _, te := range list {
		e := te.entry
		change := positionText(e)
		if te.prev != nil {
			if te.prev.Position == e.Position && te.prev.Strength == e.Strength {
				change += ", restated"
			} else {
				change = positionText(*te.prev) + " → " + change
			}
		}
		fmt.Fprintf(&b, "%-10s  %s on %s: %s\n", e.AsOf, m.Parties()[te.party].Name, m.Demands()[te.demand].ID, change)
		s := graph.Stance{Party: te.party, Demand: te.demand, Entry: e}
		s.AsOf = graph.Date{} // already in the first column
		if ev := evidence(m, s); ev != "" {
			fmt.Fprintf(&b, "            %s\n", ev)
		}
		if e.Quote == "" && e.Note != "" {
			// Without words, the note is all that says why.
			fmt.Fprintf(&b, "            note: %s\n", sanitize(e.Note, false))
		}
	}
	_, err = fmt.Fprint(a.io.Out, sanitize(b.String(), true))
	return err
}

func strengthOf(e graph.Entry) string {
	if e.Position == graph.Unknown {
		return ""
	}
	return e.Strength.String()
}

// positionText is "support (red-line)", or "no stance".
func positionText(e graph.Entry) string {
	if e.Position == graph.Unknown {
		return "no stance"
	}
	return fmt.Sprintf("%s (%s)", e.Position, e.Strength)
}
