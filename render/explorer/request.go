package explorer

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render/report"
)

// globalFlags are the flags every command takes that the API takes too,
// as query parameters: the date and the narrowing flags. (--data and the
// other flags that name files are the server's, not a request's.)
var globalFlags = []string{"as-of", "parties", "tags", "since", "until"}

// Narrowing is a function that narrows a scenario by the narrowing flags
// (parties, tags, since, until) given as query parameters, as the
// command line's flags do. It returns, with the scenario, the notes the
// command line would write of how it read them: "Volodymyr Zelenskyy
// speaks for Ukraine." for a person among the parties.
type Narrowing func(m *graph.Model, q url.Values) (*graph.Model, []string, error)

// request is one API request's parameters and the scenario they apply to.
type request struct {
	base   *graph.Model // the scenario at its latest stances, whole
	q      url.Values
	narrow Narrowing
	// notes are the lines the command line writes on stderr of how it
	// read the names: "Volodymyr Zelenskyy speaks for Ukraine."
	notes []string
}

// findParty resolves a party argument as the command line does; one that
// names a person stands for their party, and a note says so.
func (r *request) findParty(m *graph.Model, q string) (int, error) {
	pm, err := m.ResolveParty(q)
	if err != nil {
		return -1, err
	}
	r.note(report.SpeaksFor(m, pm))
	return pm.Party, nil
}

// note adds a note, once; "" is none.
func (r *request) note(n string) {
	if n != "" && !slices.Contains(r.notes, n) {
		r.notes = append(r.notes, n)
	}
}

func (s *Server) request(q url.Values) *request {
	return &request{base: s.cfg.Scenario().Model, q: q, narrow: s.cfg.Narrow}
}

// check refuses parameters that are neither global flags nor own.
func (r *request) check(own []string) error {
	for k := range r.q {
		if !slices.Contains(globalFlags, k) && !slices.Contains(own, k) {
			all := append(slices.Clone(own), globalFlags...)
			return usagef("unknown parameter %q: this takes %s", k, strings.Join(all, ", "))
		}
	}
	return nil
}

// whole returns the scenario narrowed by the flags but not moved to a date.
func (r *request) whole() (*graph.Model, error) { return r.narrowed(r.base) }

func (r *request) narrowed(m *graph.Model) (*graph.Model, error) {
	if r.narrow == nil {
		for _, k := range []string{"parties", "tags", "since", "until"} {
			if r.q.Has(k) {
				return nil, usagef("%s: this server does not narrow scenarios", k)
			}
		}
		return m, nil
	}
	m, notes, err := r.narrow(m, r.q)
	for _, n := range notes {
		r.note(n)
	}
	return m, err
}

// model returns the scenario at the as-of date, narrowed by the flags and,
// when they narrowed it, without the parties and demands they left with no
// stance, as the command line answers; a note says what was left out.
func (r *request) model() (*graph.Model, error) {
	at, err := r.date("as-of")
	if err != nil {
		return nil, err
	}
	m, err := r.narrowed(r.base.At(at))
	if err != nil || !r.narrowing() {
		return m, err
	}
	m, parties, demands := m.WithoutSilent()
	r.note(report.LeftOut(parties, demands))
	return m, nil
}

// narrowing reports whether the request gives any narrowing flag.
func (r *request) narrowing() bool {
	return slices.ContainsFunc(globalFlags, func(k string) bool { return k != "as-of" && r.q.Has(k) })
}

func (r *request) date(key string) (graph.Date, error) {
	v := r.q.Get(key)
	if v == "" || v == "latest" && key == "as-of" {
		return graph.Date{}, nil
	}
	d, err := graph.ParseDate(v)
	if err != nil {
		return d, usagef("%s: %v", key, err)
	}
	return d, nil
}

// bool reads a flag that is true when present without a value, as
// ?explain or ?explain=true.
func (r *request) bool(key string) (bool, error) { return boolParam(r.q, key) }

// int reads a number flag, def when absent.
func (r *request) int(key string, def int) (int, error) {
	v := r.q.Get(key)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, usagef("%s: want a whole number, not %q", key, v)
	}
	return n, nil
}

// list reads a flag that takes a list, comma-separated or repeated.
func (r *request) list(key string) []string {
	var out []string
	for _, v := range r.q[key] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// FlagValues turns query parameters into the values of the command
// line's list flags (comma-separated or repeated), for a Narrowing.
func FlagValues(q url.Values, key string) []string { return (&request{q: q}).list(key) }
