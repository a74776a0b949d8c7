package explorer

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render/report"
)

// Question is what the search box was asked, as the command line would
// ask it: a command, its arguments (ids, resolved with the command line's
// own matching) and its flags.
type Question struct {
	Command string            `json:"command"`
	Args    []string          `json:"args"`
	Flags   map[string]string `json:"flags"`
}

// CLI is the question as a parley command line.
func (q Question) CLI() string {
	parts := append([]string{"parley", q.Command}, q.Args...)
	keys := make([]string, 0, len(q.Flags))
	for k := range q.Flags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		parts = append(parts, "--"+k, q.Flags[k])
	}
	return strings.Join(parts, " ")
}

// Path is the question as an API address: /api/COMMAND/ARG...?FLAG=VALUE.
func (q Question) Path() string {
	var b strings.Builder
	b.WriteString("/api/" + q.Command)
	for _, a := range q.Args {
		b.WriteString("/" + url.PathEscape(a))
	}
	if len(q.Flags) > 0 {
		v := url.Values{}
		for k, x := range q.Flags {
			v.Set(k, x)
		}
		b.WriteString("?" + v.Encode())
	}
	return b.String()
}

// WhoVerbs maps the phrases a question may use after "who" to the verbs
// of "parley who".
var WhoVerbs = map[string]string{
	"supports": "supports", "support": "supports", "backs": "supports", "wants": "supports",
	"opposes": "opposes", "oppose": "opposes", "rejects": "opposes", "is against": "opposes", "are against": "opposes",
	"is neutral on": "is-neutral-on", "is-neutral-on": "is-neutral-on", "are neutral on": "is-neutral-on", "neutral": "is-neutral-on",
	"has no stance on": "has-no-stance-on", "has-no-stance-on": "has-no-stance-on", "unknown": "has-no-stance-on",
}

// ErrQuestion is wrapped by every question the explorer cannot read.
var ErrQuestion = errors.New("cannot read the question")

// ParseQuestion reads what a person typed into the search box: one of the
// command line's questions in its own words, with or without the
// "parley" and the hyphens —
//
//	who opposes nato            who is neutral on four regions
//	party russia                demand security guarantees
//	common ground russia us     concessions territorial-integrity among russia us
//	conflicts russia ukraine    agreements   coalitions   summary   timeline us   sources
//
// — or a name alone, which asks for that party (or else that demand).
// Names are matched as the command line matches them (graph's
// FindParty and FindDemand: id, name or alias, any case, or a prefix that
// fits one); a list of parties is read word by word, the longest run of
// words that names one party first.
func ParseQuestion(m *graph.Model, text string) (Question, error) {
	q, _, err := readQuestion(m, text)
	return q, err
}

// readQuestion is ParseQuestion, with the lines the command line would
// write on stderr of how it read the names: "Volodymyr Zelenskyy speaks
// for Ukraine." for a person's name read as their party.
func readQuestion(m *graph.Model, text string) (Question, []string, error) {
	notes := []string{}
	q, err := parseQuestion(m, text, &notes)
	return q, notes, err
}

func parseQuestion(m *graph.Model, text string, notes *[]string) (Question, error) {
	words := strings.Fields(strings.ToLower(strings.Join(strings.Fields(text), " ")))
	if len(words) > 0 && words[0] == "parley" {
		words = words[1:]
	}
	if len(words) == 0 {
		return Question{}, fmt.Errorf("%w: ask a question or type a name", ErrQuestion)
	}
	q := Question{Args: []string{}, Flags: map[string]string{}}
	rest := func(n int) string { return strings.Join(words[n:], " ") }
	first := words[0]
	second := ""
	if len(words) > 1 {
		second = words[1]
	}
	switch {
	case first == "who":
		verb, n := whoVerb(words[1:])
		if verb == "" {
			return q, fmt.Errorf("%w: after \"who\", say supports, opposes, is neutral on or has no stance on", ErrQuestion)
		}
		d, err := demandArg(m, rest(1+n))
		if err != nil {
			return q, err
		}
		q.Command, q.Args = "who", []string{verb, d}
	case first == "party" || first == "demand":
		var id string
		var err error
		if first == "party" {
			id, err = partyNoted(m, rest(1), notes)
		} else {
			id, err = demandArg(m, rest(1))
		}
		if err != nil {
			return q, err
		}
		q.Command, q.Args = first, []string{id}
	case first == "common-ground" || (first == "common" && second == "ground"):
		n := 1
		if first == "common" {
			n = 2
		}
		ps, err := partyListNoted(m, words[n:], notes)
		if err != nil {
			return q, err
		}
		if len(ps) < 1 {
			return q, fmt.Errorf("%w: name the parties, as in: common ground russia us", ErrQuestion)
		}
		q.Command, q.Args = "common-ground", ps
	case first == "concessions" || first == "concession":
		demand, among, found := strings.Cut(rest(1), " among ")
		d, err := demandArg(m, demand)
		if err != nil {
			return q, err
		}
		q.Command, q.Args = "concessions", []string{d}
		if found {
			ps, err := partyListNoted(m, strings.Fields(among), notes)
			if err != nil {
				return q, err
			}
			q.Flags["among"] = strings.Join(ps, ",")
		}
	case first == "conflicts" || first == "agreements":
		ps, err := partyListNoted(m, words[1:], notes)
		if err != nil {
			return q, err
		}
		q.Command, q.Args = first, ps
	case (first == "coalitions" || first == "blocs" || first == "summary" || first == "sources") && len(words) == 1:
		q.Command = map[string]string{"blocs": "coalitions"}[first]
		if q.Command == "" {
			q.Command = first
		}
	case first == "timeline":
		q.Command = "timeline"
		if len(words) > 1 {
			if id, err := partyNoted(m, rest(1), notes); err == nil {
				q.Args = []string{id}
			} else if id, derr := demandArg(m, rest(1)); derr == nil {
				q.Args = []string{id}
			} else {
				return q, err
			}
		}
	default:
		name := rest(0)
		if id, err := partyNoted(m, name, notes); err == nil {
			q.Command, q.Args = "party", []string{id}
		} else if id, derr := demandArg(m, name); derr == nil {
			q.Command, q.Args = "demand", []string{id}
		} else {
			var nf *graph.NotFoundError
			if errors.As(err, &nf) && errors.As(derr, new(*graph.AmbiguousError)) {
				return q, derr
			}
			return q, err
		}
	}
	return q, nil
}

// whoVerb finds the longest verb phrase words start with; it returns the
// verb and how many words it took.
func whoVerb(words []string) (string, int) {
	for n := min(4, len(words)); n > 0; n-- {
		if v, ok := WhoVerbs[strings.Join(words[:n], " ")]; ok {
			return v, n
		}
	}
	return "", 0
}

func partyArg(m *graph.Model, s string) (string, error) { return partyNoted(m, s, nil) }

// partyNoted is partyArg, adding to notes, when it is not nil, the line
// that says so when s names a person.
func partyNoted(m *graph.Model, s string, notes *[]string) (string, error) {
	r, err := m.ResolveParty(s)
	if err != nil {
		return "", err
	}
	if n := report.SpeaksFor(m, r); n != "" && notes != nil && !slices.Contains(*notes, n) {
		*notes = append(*notes, n)
	}
	return m.Parties()[r.Party].ID, nil
}

func demandArg(m *graph.Model, s string) (string, error) {
	if s == "" {
		return "", fmt.Errorf("%w: name a demand", ErrQuestion)
	}
	d, err := m.FindDemand(s)
	if err == nil {
		return m.Demands()[d].ID, nil
	}
	// "four regions" for four-regions: the words of an id joined by spaces.
	if d2, err2 := m.FindDemand(strings.ReplaceAll(s, " ", "-")); err2 == nil {
		return m.Demands()[d2].ID, nil
	}
	return "", err
}

// partyListNoted reads parties from words, the longest run of words that
// names one party first; commas and "and" separate too. It adds to notes
// as partyNoted does.
func partyListNoted(m *graph.Model, words []string, notes *[]string) ([]string, error) {
	var clean []string
	for _, w := range words {
		for _, part := range strings.Split(w, ",") {
			if part != "" && part != "and" {
				clean = append(clean, part)
			}
		}
	}
	var out []string
	for i := 0; i < len(clean); {
		found := false
		for j := len(clean); j > i; j-- {
			if id, err := partyNoted(m, strings.Join(clean[i:j], " "), notes); err == nil {
				if !slices.Contains(out, id) {
					out = append(out, id)
				}
				i, found = j, true
				break
			}
		}
		if !found {
			_, err := partyArg(m, clean[i])
			return nil, err
		}
	}
	return out, nil
}
