package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render/explorer"
)

type serveOptions struct {
	app     *app
	Addr    string
	Open    bool
	Watch   bool
	Timeout time.Duration
	Engine  string
}

func newServeCmd(a *app) *cobra.Command {
	opts := &serveOptions{app: a}
	cmd := &cobra.Command{
		Use:   "serve [--addr HOST:PORT] [--open] [--watch]",
		Short: "Explore the scenario in a web browser",
		Long: `Serve the explorer for the scenario: a page that draws parley's views (click a
party or demand to see its stances and quotes, hover a line for its evidence,
ask the command line's questions in the search box, step through the dates)
and a read-only JSON API under /api/ that answers every command as its
--format json does. It prints the address on standard error and runs until
Ctrl-C.

It listens on 127.0.0.1 on a free port unless --addr says otherwise; any
other address makes the scenario readable by that network, and parley says so.
With --watch it reloads the scenario when its file changes; an edit with
mistakes keeps the last good scenario and shows the mistakes in the page.

Graphviz lays out the views; the embedded engine, when used, keeps running
while parley serves.
` + engineHelp,
		Example: `  parley serve
  parley serve --open
  parley serve --data data/scenarios/riyadh-2025.yaml --watch --addr 127.0.0.1:8080`,
		Args: exactArgs(0, "no arguments; name the scenario with --data"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Addr, "addr", "127.0.0.1:0", "listen on `HOST:PORT` (port 0 picks a free one)")
	f.BoolVar(&opts.Open, "open", false, "open the page in the system's web browser")
	f.BoolVar(&opts.Watch, "watch", false, "reload the scenario when its file changes")
	f.DurationVar(&opts.Timeout, "timeout", 60*time.Second, "stop a request, and a layout, that runs longer than this")
	addEngineFlag(cmd, &opts.Engine)
	return cmd
}

// scenarioStore holds the scenario the server shows and reloads it.
type scenarioStore struct {
	mu  sync.Mutex
	cur explorer.Scenario
}

func (s *scenarioStore) get() explorer.Scenario {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur
}

func (s *scenarioStore) set(m *graph.Model, problem string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m != nil {
		s.cur.Model = m
	}
	s.cur.Problem = problem
	s.cur.Generation++
}

func runServe(opts *serveOptions) error {
	a := opts.app
	if opts.Timeout <= 0 {
		return usagef("--timeout must be positive")
	}
	if a.format != "text" {
		return usagef("serve answers JSON under /api/; --format is for the other commands")
	}
	if opts.Watch && (a.data == "" || a.data == "-") {
		return usagef("--watch needs --data FILE: there is no file to watch")
	}
	// The narrowing flags and --as-of are a request's parameters here.
	if a.filter.active() || a.asOf != "" {
		return usagef("serve shows the whole scenario; the page and the API take the date and the narrowing flags as parameters")
	}
	host, _, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return usagef("--addr %q: want HOST:PORT, as in 127.0.0.1:8080", opts.Addr)
	}
	stamp := fileStamp(a.data) // before the load, so no edit during it is missed
	l, err := a.load()
	if err != nil {
		return err
	}
	store := &scenarioStore{cur: explorer.Scenario{Model: l.Model, Generation: 1, Name: a.data}}
	eng, err := a.newEngine(opts.Engine, opts.Timeout, true)
	if err != nil {
		return err
	}
	defer eng.Close()
	srv := explorer.New(explorer.Config{
		Scenario: store.get,
		Narrow:   narrowing,
		Engine:   eng,
		Watch:    opts.Watch,
		Timeout:  opts.Timeout,
	})
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", opts.Addr, err)
	}
	srv.Bind(ln.Addr().String())
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		fmt.Fprintf(a.io.ErrOut, "parley: warning: listening on %s: anyone who can reach this machine on that network can read the scenario\n", ln.Addr())
	}
	stopsGracefully() // a server finishes its requests when stopped
	ctx, stop := a.interruptible()
	defer stop()
	go srv.Warm(ctx)
	if opts.Watch {
		go watch(ctx, a, store, stamp)
	}
	page := "http://" + pageHost(ln.Addr()) + "/"
	fmt.Fprintf(a.io.ErrOut, "parley: serving %s\n", page)
	if opts.Open {
		if err := openBrowser(page); err != nil {
			fmt.Fprintf(a.io.ErrOut, "parley: cannot open a browser (%v); open %s yourself\n", err, page)
		}
	}
	err = srv.Serve(ctx, ln)
	if ctx.Err() != nil {
		fmt.Fprintln(a.io.ErrOut, "parley: stopped")
		return nil
	}
	return err
}

// pageHost is the address a browser should use: 127.0.0.1 for a server
// listening on every address.
func pageHost(addr net.Addr) string {
	ta, ok := addr.(*net.TCPAddr)
	if !ok {
		return addr.String()
	}
	if ta.IP.IsUnspecified() {
		return net.JoinHostPort("127.0.0.1", fmt.Sprint(ta.Port))
	}
	return ta.String()
}

// narrowing applies the narrowing flags given as query parameters, with
// the command line's own code, and returns what it notes of them: a
// person among the parties speaks for their party.
func narrowing(m *graph.Model, q url.Values) (*graph.Model, []string, error) {
	var notes []string
	f := filterFlags{parties: explorer.FlagValues(q, "parties"), tags: explorer.FlagValues(q, "tags"),
		since: q.Get("since"), until: q.Get("until"),
		note: func(n string) { notes = append(notes, n) }}
	out, err := f.apply(m)
	var ue usageError
	if errors.As(err, &ue) {
		return nil, nil, explorer.BadRequest(err)
	}
	return out, notes, err
}

// watchEvery is how often --watch looks at the file.
const watchEvery = 500 * time.Millisecond

// fileStamp is what tells that a file changed: its modification time and size.
func fileStamp(path string) string {
	st, err := os.Stat(path)
	if err != nil {
		return "missing"
	}
	return fmt.Sprint(st.ModTime().UnixNano(), st.Size())
}

// watch reloads the scenario when its file's stamp differs from last. A
// file with mistakes keeps the last good scenario and shows the mistakes.
func watch(ctx context.Context, a *app, store *scenarioStore, last string) {
	t := time.NewTicker(watchEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		now := fileStamp(a.data)
		if now == last {
			continue
		}
		last = now
		opts, err := a.options()
		if err != nil {
			continue
		}
		l, err := loadPath(a.data, opts)
		if err != nil {
			store.set(nil, sanitize(errorText(err), true))
			fmt.Fprintf(a.io.ErrOut, "parley: %s changed but has mistakes; still showing the last good version\n", a.data)
			continue
		}
		store.set(l.Model, "")
		fmt.Fprintf(a.io.ErrOut, "parley: reloaded %s\n", a.data)
	}
}

// openBrowser opens url in the system's browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
