package explorer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render"
)

func (s *Server) routes() {
	s.mux.HandleFunc("GET /{$}", s.page)
	s.mux.HandleFunc("GET /static/{file}", s.static)
	s.mux.HandleFunc("GET /api/info", s.info)
	s.mux.HandleFunc("GET /api/render", s.render)
	s.mux.HandleFunc("GET /api/ask", s.ask)
	s.mux.HandleFunc("GET /api/{command}/{args...}", s.command)
	s.mux.HandleFunc("GET /api/{command}", s.command)
	s.mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		httpError(w, http.StatusNotFound, "no such page: "+r.URL.Path)
	})
}

// writeJSON writes v as the command line's --format json does: indented by
// two spaces, with <, > and & as they are (the page puts text into the
// DOM as text, never as HTML).
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func sendJSON(w http.ResponseWriter, v any) {
	var b bytes.Buffer
	if err := writeJSON(&b, v); err != nil {
		httpError(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(b.Bytes())
}

// fail answers with the status an error deserves.
func fail(w http.ResponseWriter, err error) {
	var nf *graph.NotFoundError
	var amb *graph.AmbiguousError
	var oe *render.OptionError
	var ue *usageError
	switch {
	case errors.Is(err, errBusy):
		busy(w)
	case errors.As(err, &nf):
		httpError(w, http.StatusNotFound, err.Error())
	case errors.As(err, &amb), errors.As(err, &oe), errors.As(err, &ue), errors.Is(err, graph.ErrDate), errors.Is(err, ErrQuestion),
		errors.Is(err, graph.ErrTooManyPairs):
		httpError(w, http.StatusBadRequest, err.Error())
	case errors.Is(err, render.ErrEngineTimeout), errors.Is(err, context.DeadlineExceeded):
		httpError(w, http.StatusGatewayTimeout, err.Error())
	case errors.Is(err, context.Canceled):
		httpError(w, 499, err.Error())
	default:
		httpError(w, http.StatusInternalServerError, err.Error())
	}
}

// usageError is a parameter the API cannot use, answered 400.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// Large scenarios (vote tables) open on the summary and the views that
// stay readable; the map and a party's view of thousands of demands are
// not drawn.
const (
	largeDemands = 200
	largeParties = 60
	// maxDrawnNodes is the most nodes a view the page asks for may have.
	maxDrawnNodes = 1500
	// largeTop is the number of relations the parties view keeps by
	// default for a large scenario.
	largeTop = 150
)

func isLarge(m *graph.Model) bool {
	return len(m.Demands()) > largeDemands || len(m.Parties()) > largeParties
}

// info is what the page needs to start: the scenario's title, its dates,
// the views to offer, the names to list, and whether the file's last edit
// failed.
type info struct {
	Title      string            `json:"title"`
	Name       string            `json:"name"`
	Generation uint64            `json:"generation"`
	Problem    string            `json:"problem"`
	Watch      bool              `json:"watch"`
	Standalone bool              `json:"standalone"`
	Large      bool              `json:"large"`
	Views      []string          `json:"views"`
	View       string            `json:"view"`
	Top        int               `json:"top"`
	Dates      []string          `json:"dates"`
	Parties    []named           `json:"parties"`
	Demands    []named           `json:"demands"`
	DemandsAll int               `json:"demands_total"`
	WhoVerbs   map[string]string `json:"who_verbs"`
	Sources    []source          `json:"sources"`
	Note       string            `json:"note"`
}

type source struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	URL       string `json:"url"`
	Published string `json:"published"`
}

type named struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// maxListedDemands is the most demands the page lists by name.
const maxListedDemands = 300

func infoOf(sc Scenario, watch bool) info {
	m := sc.Model
	in := info{Title: m.Meta().Title, Name: sc.Name, Generation: sc.Generation, Problem: sc.Problem, Watch: watch,
		Large: isLarge(m), Dates: datesOf(m), Parties: []named{}, Demands: []named{}, DemandsAll: len(m.Demands()),
		WhoVerbs: WhoVerbs}
	for _, v := range render.Views {
		if strings.Contains(v, ":") || (in.Large && v == "map") {
			continue
		}
		in.Views = append(in.Views, v)
	}
	in.View = "map"
	if in.Large {
		in.View, in.Top = "parties", largeTop
		if slices.Contains(in.Views, "space") {
			in.View = "space"
		}
	}
	for _, p := range m.Parties() {
		in.Parties = append(in.Parties, named{p.ID, p.Name})
	}
	in.Sources = []source{}
	for _, x := range m.Sources() {
		in.Sources = append(in.Sources, source{x.ID, x.Title, x.Publisher, x.URL, x.Published.String()})
	}
	for i, d := range m.Demands() {
		if i == maxListedDemands {
			in.Note = fmt.Sprintf("The first %d of %d demands are listed; search finds them all.", maxListedDemands, len(m.Demands()))
			break
		}
		in.Demands = append(in.Demands, named{d.ID, d.Name})
	}
	return in
}

// datesOf lists every date a stance was recorded at, oldest first.
func datesOf(m *graph.Model) []string {
	seen := map[graph.Date]bool{}
	m.Recorded(func(p, d int, history []graph.Entry) {
		for _, e := range history {
			if !e.AsOf.IsZero() {
				seen[e.AsOf] = true
			}
		}
	})
	ds := make([]graph.Date, 0, len(seen))
	for d := range seen {
		ds = append(ds, d)
	}
	slices.SortFunc(ds, graph.Date.Compare)
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return out
}

func (s *Server) info(w http.ResponseWriter, r *http.Request) {
	sendJSON(w, infoOf(s.cfg.Scenario(), s.cfg.Watch))
}

func boolParam(q url.Values, key string) (bool, error) {
	v := q.Get(key)
	if v == "" {
		return q.Has(key), nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, usagef("%s: want true or false, not %q", key, v)
	}
	return b, nil
}

func intParam(q url.Values, key string) (int, error) {
	v := q.Get(key)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, usagef("%s: want a number of at least 0, not %q", key, v)
	}
	return n, nil
}

// renderParams are /api/render's own parameters, named as the flags of
// parley render.
var renderParams = []string{"view", "layout", "top", "min-shared", "no-blocs", "diff", "from", "to", "force"}

// render draws a view as SVG: parley render --format svg with the same
// flags as parameters, its nodes and lines marked with data-party and
// data-demand.
func (s *Server) render(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	req := s.request(q)
	if err := req.check(renderParams); err != nil {
		fail(w, err)
		return
	}
	sc := s.cfg.Scenario()
	key := fmt.Sprintf("%d\x00%s", sc.Generation, q.Encode())
	if svg, ok := s.views.get(key); ok {
		sendSVG(w, svg)
		return
	}
	svg, err := drawView(r.Context(), req, s.layouts)
	if err != nil {
		fail(w, err)
		return
	}
	s.views.put(key, svg)
	sendSVG(w, svg)
}

func sendSVG(w http.ResponseWriter, svg []byte) {
	w.Header().Set("Content-Type", "image/svg+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(svg)
}

// drawView draws the view a request asks for, as /api/render and the
// standalone page both do.
func drawView(ctx context.Context, r *request, eng render.Layouter) ([]byte, error) {
	q := r.q
	opts := render.Options{View: q.Get("view"), Layout: q.Get("layout")}
	var err error
	if opts.Top, err = intParam(q, "top"); err != nil {
		return nil, err
	}
	if opts.MinShared, err = intParam(q, "min-shared"); err != nil {
		return nil, err
	}
	noBlocs, err := boolParam(q, "no-blocs")
	if err != nil {
		return nil, err
	}
	diff, err := boolParam(q, "diff")
	if err != nil {
		return nil, err
	}
	if opts.Force, err = boolParam(q, "force"); err != nil {
		return nil, err
	}
	var m *graph.Model
	if diff {
		if q.Has("as-of") {
			return nil, usagef("as-of does not go with diff: give from and to")
		}
		from, err := r.date("from")
		if err != nil {
			return nil, err
		}
		if from.IsZero() {
			return nil, usagef("diff: give from, the earlier date")
		}
		to, err := r.date("to")
		if err != nil {
			return nil, err
		}
		if opts.Before, err = r.narrowed(r.base.At(from)); err != nil {
			return nil, err
		}
		if m, err = r.narrowed(r.base.At(to)); err != nil {
			return nil, err
		}
	} else {
		if q.Has("from") || q.Has("to") {
			return nil, usagef("from and to go with diff")
		}
		if m, err = r.model(); err != nil {
			return nil, err
		}
	}
	if opts.View == "" {
		opts.View = "map"
	}
	if err := checkDrawable(m, opts); err != nil {
		return nil, err
	}
	if !noBlocs && render.UsesBlocs(m, opts) {
		opts.Blocs = render.BlocsOf(m)
	}
	pic, err := render.New(m, opts)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := pic.WriteSVG(ctx, eng, &b); err != nil {
		return nil, err
	}
	return annotate(b.Bytes()), nil
}

// checkDrawable refuses, before any work, the views of a large scenario
// that would draw thousands of nodes.
func checkDrawable(m *graph.Model, opts render.Options) error {
	if opts.Force {
		return nil
	}
	kind, arg, _ := strings.Cut(opts.View, ":")
	nodes := 0
	switch {
	case opts.View == "map":
		nodes = len(m.Parties()) + len(m.Demands())
	case kind == "party" && arg != "":
		p, err := m.FindParty(arg)
		if err != nil {
			return err
		}
		nodes = len(m.Parties()) + len(m.PartyStances(p))
	}
	if nodes > maxDrawnNodes {
		return usagef("the %s view would draw %d nodes, too many to read (the limit is %d): choose the parties, matrix or demand view, or narrow the scenario", opts.View, nodes, maxDrawnNodes)
	}
	return nil
}

// BadRequest marks err as a mistake in the request (answered 400), for a
// Narrowing whose errors are the caller's own.
func BadRequest(err error) error { return &usageError{err.Error()} }

// Warm draws the view the page opens on, so that the engine has started
// and the first picture is cached before the first visitor asks.
func (s *Server) Warm(ctx context.Context) error {
	in := infoOf(s.cfg.Scenario(), s.cfg.Watch)
	q := url.Values{"view": {in.View}}
	if in.Top > 0 {
		q.Set("top", strconv.Itoa(in.Top))
	}
	sc := s.cfg.Scenario()
	svg, err := drawView(ctx, s.request(q), s.layouts)
	if err != nil {
		return err
	}
	s.views.put(fmt.Sprintf("%d\x00%s", sc.Generation, q.Encode()), svg)
	// And the summary the panel opens on.
	var b bytes.Buffer
	if err := commands["summary"].run(s.request(url.Values{}), nil, &b); err != nil {
		return err
	}
	s.views.put(fmt.Sprintf("%d\x00%s\x00%s", sc.Generation, "/api/summary", ""), b.Bytes())
	return nil
}
