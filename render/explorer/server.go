package explorer

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render"
)

// Scenario is the scenario the explorer shows, as the caller last loaded it.
type Scenario struct {
	// Model is the whole scenario at its latest stances, unfiltered.
	Model *graph.Model
	// Generation changes whenever Model or Problem does, so the page knows
	// to redraw.
	Generation uint64
	// Problem is why the file's last edit was not loaded — every mistake
	// with its position, as parley prints them — while Model stays the
	// last good scenario; "" when the file loaded.
	Problem string
	// Name is what the page calls the scenario's file ("" for the
	// embedded one).
	Name string
}

// Config is what a Server needs.
type Config struct {
	// Scenario returns the current scenario; it is called once per request.
	Scenario func() Scenario
	// Narrow applies the narrowing flags a request gives as parameters
	// (parties, tags, since, until), as the command line does; nil
	// refuses them.
	Narrow Narrowing
	// Engine lays out the graph views. A Server serialises its calls.
	Engine render.Layouter
	// Watch tells the page that the scenario is reloaded when its file
	// changes, so it asks every few seconds.
	Watch bool
	// Queue is how many layouts may wait for the engine at once; more are
	// answered 503. 0 means 8.
	Queue int
	// Timeout bounds the work of one request; 0 means 60 s.
	Timeout time.Duration
	// CacheBytes bounds the cache of layouts and drawn views; 0 means 64 MiB.
	CacheBytes int
}

// Server serves the explorer. It is an http.Handler; Serve runs it with
// the timeouts and limits a server facing a browser needs.
type Server struct {
	cfg     Config
	mux     *http.ServeMux
	layouts *layoutQueue
	views   *lru
	port    atomic.Pointer[string]
	// inflight counts the requests being answered, to refuse a flood.
	inflight atomic.Int64
}

// Limits of what a request may ask.
const (
	maxQuery    = 4096     // bytes of query string
	maxHeader   = 16 << 10 // bytes of request headers
	maxInflight = 64       // requests answered at once; more get 503
)

// New returns a Server for cfg.
func New(cfg Config) *Server {
	if cfg.Queue <= 0 {
		cfg.Queue = 8
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 60 * time.Second
	}
	if cfg.CacheBytes <= 0 {
		cfg.CacheBytes = 64 << 20
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux()}
	s.layouts = newLayoutQueue(cfg.Engine, cfg.Queue, cfg.CacheBytes/2)
	s.views = newLRU(cfg.CacheBytes / 2)
	s.routes()
	return s
}

// Bind tells the server the address it listens on (host:port). From
// then on it answers only requests whose Host names that port on an IP
// address or localhost: a web page that rebinds a DNS name of its own to
// 127.0.0.1 cannot reach it, because its requests carry that name.
// Without Bind every host is answered (tests through httptest).
func (s *Server) Bind(addr string) {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		port = addr
	}
	s.port.Store(&port)
}

// Serve answers on ln until ctx ends, then shuts down: it stops accepting,
// lets the requests under way finish (up to five seconds) and stops the
// engine's work.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      s.cfg.Timeout + 10*time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    maxHeader,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := hs.Shutdown(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = hs.Close()
	}
	if e := <-errc; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}

// contentPolicy allows the page's own scripts, styles and requests and
// nothing else: no inline script, no other origin, no plugin, no frame.
const contentPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", contentPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	if port := s.port.Load(); port != nil && !hostAllowed(r.Host, *port) {
		httpError(w, http.StatusMisdirectedRequest, "this server answers only to its own address (127.0.0.1:"+*port+" or localhost:"+*port+")")
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		httpError(w, http.StatusMethodNotAllowed, "the explorer is read-only: GET only")
		return
	}
	if r.ContentLength != 0 {
		httpError(w, http.StatusRequestEntityTooLarge, "requests carry no body")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 0)
	if len(r.URL.RawQuery) > maxQuery || len(r.URL.Path) > maxQuery {
		httpError(w, http.StatusRequestURITooLong, fmt.Sprintf("the address is longer than %d bytes", maxQuery))
		return
	}
	if s.inflight.Add(1) > maxInflight {
		s.inflight.Add(-1)
		busy(w)
		return
	}
	defer s.inflight.Add(-1)
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
	defer cancel()
	s.mux.ServeHTTP(w, r.WithContext(ctx))
}

func hostAllowed(hostport, port string) bool {
	host, p, err := net.SplitHostPort(hostport)
	if err != nil || p != port {
		return false
	}
	return strings.EqualFold(host, "localhost") || net.ParseIP(host) != nil
}

func busy(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "1")
	httpError(w, http.StatusServiceUnavailable, "the explorer is busy; try again in a moment")
}

// httpError answers with a JSON error: {"error": "..."}.
func httpError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	writeJSON(w, map[string]string{"error": msg})
}
