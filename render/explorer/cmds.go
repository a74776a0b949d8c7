package explorer

import (
	"io"
	"slices"
	"strings"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render"
	"github.com/parley/parley/render/report"
)

func init() {
	commands = map[string]command{
		"who":           {"VERB DEMAND", nil, runWho},
		"party":         {"PARTY", nil, runParty},
		"demand":        {"DEMAND", nil, runDemand},
		"list":          {"parties|demands", nil, runList},
		"summary":       {"", []string{"top", "explain"}, runSummary},
		"conflicts":     {"[PARTY...]", []string{"by", "explain"}, runPairs(true)},
		"agreements":    {"[PARTY...]", []string{"by", "explain"}, runPairs(false)},
		"coalitions":    {"", []string{"seed", "restarts", "exact-limit", "explain"}, runCoalitions},
		"common-ground": {"PARTY PARTY...", []string{"packages", "explain"}, runGround},
		"concessions":   {"DEMAND", []string{"among", "explain"}, runConcessions},
		"timeline":      {"[PARTY|DEMAND]", nil, runTimeline},
		"sources":       {"", nil, runSources},
		"diff":          {"", []string{"from", "to"}, runDiff},
		"export":        {"", nil, runExport},
	}
}

func wantArgs(name, usage string, args []string, n int) error {
	if len(args) != n {
		return usagef("%s takes %s: /api/%s/%s", name, usage, name, strings.ReplaceAll(usage, " ", "/"))
	}
	return nil
}

// apiWhoVerbs are the verbs of parley who, with their synonyms.
var apiWhoVerbs = map[string]graph.Position{
	"supports": graph.Support, "support": graph.Support,
	"opposes": graph.Oppose, "oppose": graph.Oppose,
	"is-neutral-on": graph.Neutral, "neutral": graph.Neutral,
	"has-no-stance-on": graph.Unknown, "unknown": graph.Unknown,
}

func runWho(r *request, args []string, w io.Writer) error {
	if err := wantArgs("who", "VERB DEMAND", args, 2); err != nil {
		return err
	}
	pos, ok := apiWhoVerbs[args[0]]
	if !ok {
		return usagef("unknown verb %q: use supports, opposes, is-neutral-on, has-no-stance-on", args[0])
	}
	m, err := r.model()
	if err != nil {
		return err
	}
	d, err := m.FindDemand(args[1])
	if err != nil {
		return err
	}
	return report.Write(w, report.NewWho(m, d, pos))
}

func runParty(r *request, args []string, w io.Writer) error {
	if err := wantArgs("party", "PARTY", args, 1); err != nil {
		return err
	}
	m, err := r.model()
	if err != nil {
		return err
	}
	p, err := r.findParty(m, args[0])
	if err != nil {
		return err
	}
	return report.Write(w, report.NewParty(m, p))
}

func runDemand(r *request, args []string, w io.Writer) error {
	if err := wantArgs("demand", "DEMAND", args, 1); err != nil {
		return err
	}
	m, err := r.model()
	if err != nil {
		return err
	}
	d, err := m.FindDemand(args[0])
	if err != nil {
		return err
	}
	return report.Write(w, report.NewDemand(m, d))
}

func runList(r *request, args []string, w io.Writer) error {
	if err := wantArgs("list", "parties|demands", args, 1); err != nil {
		return err
	}
	m, err := r.model()
	if err != nil {
		return err
	}
	switch args[0] {
	case "parties", "party":
		return report.Write(w, report.NewPartyList(m))
	case "demands", "demand":
		return report.Write(w, report.NewDemandList(m))
	}
	return usagef("cannot list %q: want parties or demands", args[0])
}

func runSummary(r *request, args []string, w io.Writer) error {
	if err := wantArgs("summary", "", args, 0); err != nil {
		return err
	}
	top, err := r.int("top", graph.DefaultTop)
	if err != nil {
		return err
	}
	explain, err := r.bool("explain")
	if err != nil {
		return err
	}
	m, err := r.model()
	if err != nil {
		return err
	}
	so := graph.SummaryOptions{Top: top}
	if explain {
		so.RedLines = 1 << 30
	}
	return report.Write(w, report.NewSummary(m, so, report.WithLists(m, explain)))
}

// findParties resolves party arguments to indices, sorted, without repeats.
func (r *request) findParties(m *graph.Model, args []string) ([]int, error) {
	var out []int
	for _, a := range args {
		p, err := r.findParty(m, a)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func runPairs(conflicts bool) func(r *request, args []string, w io.Writer) error {
	return func(r *request, args []string, w io.Writer) error {
		by := r.q.Get("by")
		if by == "" {
			by = "distance"
		}
		var order graph.PairOrder
		switch {
		case by == "distance" && conflicts:
			order = graph.MostConflicting
		case by == "distance":
			order = graph.MostAllied
		case by == "kappa" && conflicts:
			order = graph.LeastKappa
		case by == "kappa":
			order = graph.MostKappa
		default:
			return usagef("by must be distance or kappa, not %q", by)
		}
		explain, err := r.bool("explain")
		if err != nil {
			return err
		}
		m, err := r.model()
		if err != nil {
			return err
		}
		var parties []int
		if len(args) > 0 {
			if parties, err = r.findParties(m, args); err != nil {
				return err
			}
			if len(parties) < 2 {
				return usagef("%s names one party: want two or more", strings.Join(args, " and "))
			}
		}
		return report.WritePairs(w, m, parties, order, report.WithLists(m, explain))
	}
}

func runCoalitions(r *request, args []string, w io.Writer) error {
	if err := wantArgs("coalitions", "", args, 0); err != nil {
		return err
	}
	seed, err := r.int("seed", 0)
	if err != nil || seed < 0 {
		return usagef("seed: want a whole number of at least 0")
	}
	restarts, err := r.int("restarts", graph.DefaultRestarts)
	if err != nil {
		return err
	}
	if restarts < 1 {
		return usagef("restarts must be at least 1")
	}
	limit, err := r.int("exact-limit", graph.DefaultExactLimit)
	if err != nil {
		return err
	}
	if limit < 0 {
		return usagef("exact-limit must be 0 or more")
	}
	if limit == 0 {
		limit = -1
	}
	explain, err := r.bool("explain")
	if err != nil {
		return err
	}
	m, err := r.model()
	if err != nil {
		return err
	}
	if err := graph.CheckPairs(m, nil); err != nil {
		return err
	}
	co := graph.CoalitionOptions{Seed: uint64(seed), Restarts: restarts, ExactLimit: limit}
	return report.Write(w, report.NewCoalitions(m, co, report.WithLists(m, explain)))
}

func runGround(r *request, args []string, w io.Writer) error {
	packages, err := r.int("packages", graph.DefaultPackages)
	if err != nil {
		return err
	}
	if packages < 1 {
		return usagef("packages must be at least 1")
	}
	explain, err := r.bool("explain")
	if err != nil {
		return err
	}
	m, err := r.model()
	if err != nil {
		return err
	}
	parties, err := r.findParties(m, args)
	if err != nil {
		return err
	}
	if len(parties) < 2 {
		return usagef("common-ground takes two or more parties: /api/common-ground/PARTY/PARTY")
	}
	return report.Write(w, report.NewGround(m, parties, graph.GroundOptions{Packages: packages}, report.WithLists(m, explain)))
}

func runConcessions(r *request, args []string, w io.Writer) error {
	if err := wantArgs("concessions", "DEMAND", args, 1); err != nil {
		return err
	}
	if _, err := r.bool("explain"); err != nil {
		return err
	}
	m, err := r.model()
	if err != nil {
		return err
	}
	d, err := m.FindDemand(args[0])
	if err != nil {
		return err
	}
	var among []int
	if names := r.list("among"); len(names) > 0 {
		if among, err = r.findParties(m, names); err != nil {
			return err
		}
	}
	return report.Write(w, report.NewConcession(m, d, among))
}

func runTimeline(r *request, args []string, w io.Writer) error {
	if len(args) > 1 {
		return usagef("timeline takes at most one party or demand")
	}
	m, err := r.whole()
	if err != nil {
		return err
	}
	party, demand := -1, -1
	if len(args) == 1 {
		// Whichever the argument names best, as the command line finds it:
		// "zelenskyy" is the person, not the demand whose id has the word.
		if party, demand, err = m.FindAny(args[0]); err != nil {
			return err
		}
		if party >= 0 {
			if party, err = r.findParty(m, args[0]); err != nil {
				return err
			}
		}
	}
	until, err := r.date("as-of")
	if err != nil {
		return err
	}
	return report.Write(w, report.NewTimeline(m, party, demand, until))
}

func runSources(r *request, args []string, w io.Writer) error {
	if err := wantArgs("sources", "", args, 0); err != nil {
		return err
	}
	m, err := r.model()
	if err != nil {
		return err
	}
	return report.Write(w, report.NewSources(m))
}

func runDiff(r *request, args []string, w io.Writer) error {
	if err := wantArgs("diff", "", args, 0); err != nil {
		return err
	}
	from, to := r.q.Get("from"), r.q.Get("to")
	if from == "" {
		return usagef("diff: say what to compare: from=DATE (and to=DATE)")
	}
	if r.q.Has("as-of") {
		return usagef("as-of does not go with from and to")
	}
	fromDate, err := r.date("from")
	if err != nil {
		return err
	}
	toDate, err := r.date("to")
	if err != nil {
		return err
	}
	if to != "" && toDate.Before(fromDate) {
		return usagef("to %s is before from %s", to, from)
	}
	before, err := r.narrowed(r.base.At(fromDate))
	if err != nil {
		return err
	}
	after, err := r.narrowed(r.base.At(toDate))
	if err != nil {
		return err
	}
	if to == "" {
		to = "latest"
	}
	return report.Write(w, report.NewDiff(before, after, from, to))
}

func runExport(r *request, args []string, w io.Writer) error {
	if err := wantArgs("export", "", args, 0); err != nil {
		return err
	}
	m, err := r.model()
	if err != nil {
		return err
	}
	return render.WriteJSON(w, m)
}
