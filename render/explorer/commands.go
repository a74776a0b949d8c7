package explorer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/parley/parley/graph"
)

// A command answers one of parley's commands with the document its
// --format json prints, from the arguments and flags of one request.
type command struct {
	usage string   // the arguments, as the command line's help names them
	flags []string // its own flags, beside the global ones
	run   func(r *request, args []string, w io.Writer) error
}

// commands are the API's commands, by name: each builds its answer with
// render/report, as the command line does, so the two print the same JSON.
var commands map[string]command

// Commands lists the commands the API answers, sorted.
func Commands() []string {
	out := make([]string, 0, len(commands))
	for k := range commands {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// splitArgs reads the arguments of /api/COMMAND/ARG/ARG from the escaped
// path, each segment unescaped on its own.
func splitArgs(escaped, command string) ([]string, error) {
	rest := strings.TrimPrefix(escaped, "/api/")
	_, rest, _ = strings.Cut(rest, "/")
	var args []string
	for _, seg := range strings.Split(rest, "/") {
		if seg == "" {
			continue
		}
		a, err := url.PathUnescape(seg)
		if err != nil {
			return nil, usagef("%s: an argument that does not read: %q", command, seg)
		}
		args = append(args, a)
	}
	return args, nil
}

// command answers /api/COMMAND/ARG...?FLAG=VALUE with what parley
// COMMAND ARG... --FLAG VALUE --format json prints.
func (s *Server) command(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("command")
	c, ok := commands[name]
	if !ok {
		httpError(w, http.StatusNotFound, "no command "+name+" in the API; it has "+strings.Join(Commands(), ", ")+", and render, ask, info")
		return
	}
	args, err := splitArgs(r.URL.EscapedPath(), name)
	if err != nil {
		fail(w, err)
		return
	}
	req := s.request(r.URL.Query())
	if err := req.check(c.flags); err != nil {
		fail(w, err)
		return
	}
	// Answers are kept like drawings: the scenario does not change
	// between two generations.
	// Answers with notes are not kept: the notes would be lost.
	key := fmt.Sprintf("%d\x00%s\x00%s", s.cfg.Scenario().Generation, r.URL.EscapedPath(), r.URL.Query().Encode())
	out, ok := s.views.get(key)
	if !ok {
		var b bytes.Buffer
		if err := c.run(req, args, &b); err != nil {
			fail(w, err)
			return
		}
		out = b.Bytes()
		if len(req.notes) == 0 {
			s.views.put(key, out)
		}
	}
	if len(req.notes) > 0 {
		w.Header().Set(NotesHeader, headerJSON(req.notes))
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(out)
}

// NotesHeader carries, with a command's answer, what the command line
// writes on stderr of how it read the names ("Volodymyr Zelenskyy speaks
// for Ukraine."), as a JSON array of strings in ASCII: the body stays
// byte for byte the command line's own JSON.
const NotesHeader = "Parley-Notes"

// headerJSON is ss as a JSON array with every character outside printable
// ASCII written as \uXXXX, so that it is a valid header value.
func headerJSON(ss []string) string {
	b, _ := json.Marshal(ss)
	var out strings.Builder
	for _, r := range string(b) {
		switch {
		case r >= 0x20 && r < 0x7f:
			out.WriteRune(r)
		case r > 0xffff:
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(&out, "\\u%04x\\u%04x", r1, r2)
		default:
			fmt.Fprintf(&out, "\\u%04x", r)
		}
	}
	return out.String()
}

// highlight is what the page lights up for an answer: parties and demands
// by id.
type highlight struct {
	Parties []string `json:"parties"`
	Demands []string `json:"demands"`
}

type askAnswer struct {
	Question Question `json:"question"`
	// Notes are what the command line would write on stderr of how it
	// read the question's names: "Volodymyr Zelenskyy speaks for Ukraine."
	Notes     []string  `json:"notes"`
	CLI       string    `json:"cli"`
	Path      string    `json:"path"`
	Highlight highlight `json:"highlight"`
	Answer    rawJSON   `json:"answer"`
}

type rawJSON []byte

func (r rawJSON) MarshalJSON() ([]byte, error) {
	if len(r) == 0 {
		return []byte("null"), nil
	}
	return r, nil
}

// ask answers what was typed into the search box: the question as read,
// the command line that asks it, its API address, what to light up, and
// the command's answer.
func (s *Server) ask(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	req := s.request(q)
	if err := req.check([]string{"q"}); err != nil {
		fail(w, err)
		return
	}
	m, err := req.model()
	if err != nil {
		fail(w, err)
		return
	}
	question, notes, err := readQuestion(m, q.Get("q"))
	if err != nil {
		fail(w, err)
		return
	}
	// The question's answer, at the same date and narrowed the same way.
	aq := url.Values{}
	for _, k := range globalFlags {
		if q.Has(k) {
			aq[k] = q[k]
		}
	}
	for k, v := range question.Flags {
		aq.Set(k, v)
	}
	var b bytes.Buffer
	if err := commands[question.Command].run(s.request(aq), question.Args, &b); err != nil {
		fail(w, err)
		return
	}
	sendJSON(w, askAnswer{Question: question, Notes: notes, CLI: question.CLI(), Path: question.Path(),
		Highlight: highlightOf(m, question), Answer: bytes.TrimSpace(b.Bytes())})
}

// highlightOf lists what an answer is about: the parties on the side
// asked about and the demand, a party and its demands, a group and what
// it could agree on.
func highlightOf(m *graph.Model, q Question) highlight {
	h := highlight{Parties: []string{}, Demands: []string{}}
	party := func(p int) { h.Parties = append(h.Parties, m.Parties()[p].ID) }
	demand := func(d int) { h.Demands = append(h.Demands, m.Demands()[d].ID) }
	arg := func(i int) string {
		if i < len(q.Args) {
			return q.Args[i]
		}
		return ""
	}
	switch q.Command {
	case "who":
		if d, ok := m.DemandIndex(arg(1)); ok {
			pos := map[string]graph.Position{"supports": graph.Support, "opposes": graph.Oppose,
				"is-neutral-on": graph.Neutral, "has-no-stance-on": graph.Unknown}[arg(0)]
			for _, p := range m.Who(d, pos) {
				party(p)
			}
			demand(d)
		}
	case "party":
		if p, ok := m.PartyIndex(arg(0)); ok {
			party(p)
			for _, st := range m.PartyStances(p) {
				demand(st.Demand)
			}
		}
	case "demand", "concessions":
		if d, ok := m.DemandIndex(arg(0)); ok {
			demand(d)
			for _, st := range m.DemandStances(d) {
				if q.Command == "demand" || st.Position == graph.Oppose {
					party(st.Party)
				}
			}
		}
	case "common-ground":
		var ps []int
		for _, a := range q.Args {
			if p, ok := m.PartyIndex(a); ok {
				ps = append(ps, p)
				party(p)
			}
		}
		g := graph.CommonGround(m, ps, graph.GroundOptions{Packages: 1})
		for _, gd := range g.Acceptable {
			demand(gd.Demand)
		}
	case "conflicts", "agreements", "timeline":
		for _, a := range q.Args {
			if p, ok := m.PartyIndex(a); ok {
				party(p)
			} else if d, ok := m.DemandIndex(a); ok {
				demand(d)
			}
		}
	}
	slices.Sort(h.Parties)
	slices.Sort(h.Demands)
	return h
}
