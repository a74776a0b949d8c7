package explorer_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render"
	"github.com/parley/parley/render/explorer"
)

func get(t *testing.T, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res, string(b)
}

// TestServerSafety checks the limits of §3 over HTTP: the policy headers,
// the Host check, read-only, bounded requests.
func TestServerSafety(t *testing.T) {
	ts, _ := server(t, riyadh(t))
	res, body := get(t, ts.URL+"/")
	if res.StatusCode != 200 || !strings.Contains(body, `<script src="/static/main.js">`) {
		t.Fatalf("page: %s", res.Status)
	}
	csp := res.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("Content-Security-Policy %q allows inline script", csp)
	}
	if strings.Contains(body, "<script>") || strings.Contains(body, " on") && strings.Contains(body, "onclick=") {
		t.Errorf("the page has inline script")
	}
	port := ts.Listener.Addr().String()[strings.LastIndex(ts.Listener.Addr().String(), ":"):]
	for host, want := range map[string]int{
		"evil.example" + port: 421, "127.0.0.1.nip.io" + port: 421, "localhost:1": 421,
		"localhost" + port: 200, "127.0.0.1" + port: 200, "[::1]" + port: 200,
	} {
		if res, _ := get(t, ts.URL+"/api/info", "Host", host); res.StatusCode != want {
			t.Errorf("Host %s: %s, want %d", host, res.Status, want)
		}
	}
	for _, method := range []string{"POST", "PUT", "DELETE", "PATCH"} {
		req, _ := http.NewRequest(method, ts.URL+"/api/info", strings.NewReader("x"))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s: %s, want 405", method, res.Status)
		}
	}
	if res, _ := get(t, ts.URL+"/api/party/russia?x="+strings.Repeat("a", 5000)); res.StatusCode != http.StatusRequestURITooLong {
		t.Errorf("a long query: %s, want 414", res.Status)
	}
	for path, want := range map[string]int{
		"/api/party/russia":                 200,
		"/api/party/nobody":                 404,
		"/api/party/u":                      400, // ambiguous
		"/api/party/russia?colour=red":      400,
		"/api/summary?as-of=yesterday":      400,
		"/api/render?view=nonsense":         400,
		"/api/render?view=map&layout=circo": 200,
		"/api/nothing":                      404,
		"/static/../main_test.go":           404,
		"/static/secret.txt":                404,
		"/api/who/opposes/nato":             200,
		"/api/ask?q=who+opposes+nato":       200,
		"/api/ask?q=what+is+this":           404,
		"/api/parties?parties=russia":       404,
		"/api/summary?parties=russia":       400, // this server narrows nothing
	} {
		if res, body := get(t, ts.URL+path); res.StatusCode != want {
			t.Errorf("GET %s: %s, want %d: %s", path, res.Status, want, body)
		} else if res.StatusCode >= 400 && !strings.Contains(res.Header.Get("Content-Type"), "json") {
			t.Errorf("GET %s: an error that is not JSON", path)
		}
	}
}

// TestAsk reads the search box's questions and answers them as the
// command line would.
func TestAsk(t *testing.T) {
	m := riyadh(t)
	for text, want := range map[string]string{
		"who opposes nato":                           "parley who opposes nato-membership",
		"Who is against NATO":                        "parley who opposes nato-membership",
		"who is neutral on four regions":             "parley who is-neutral-on four-regions",
		"common ground russia us":                    "parley common-ground russia us",
		"common-ground Russia, United States and EU": "parley common-ground russia us eu",
		"concessions territorial-integrity":          "parley concessions territorial-integrity",
		"concessions territorial among russia us":    "parley concessions territorial-integrity --among russia,us",
		"kremlin":                         "parley party russia",
		"party kyiv":                      "parley party ukraine",
		"Ukraine joins NATO":              "parley demand nato-membership",
		"parley conflicts russia ukraine": "parley conflicts russia ukraine",
		"summary":                         "parley summary",
		"blocs":                           "parley coalitions",
		"timeline us":                     "parley timeline us",
	} {
		q, err := explorer.ParseQuestion(m, text)
		if err != nil {
			t.Errorf("%q: %v", text, err)
			continue
		}
		if q.CLI() != want {
			t.Errorf("%q reads as %q, want %q", text, q.CLI(), want)
		}
	}
	for _, text := range []string{"", "who likes nato", "who opposes", "common ground nobody", "zzzz"} {
		if _, err := explorer.ParseQuestion(m, text); err == nil {
			t.Errorf("%q: no error", text)
		}
	}
	ts, _ := server(t, m)
	res, body := get(t, ts.URL+"/api/ask?q=who+opposes+nato")
	var a struct {
		CLI       string
		Highlight struct{ Parties, Demands []string }
		Answer    struct {
			Demand, Stance string
			Parties        []struct{ ID string }
		}
	}
	if err := json.Unmarshal([]byte(body), &a); err != nil || res.StatusCode != 200 {
		t.Fatalf("%s %v: %s", res.Status, err, body)
	}
	if strings.Join(a.Highlight.Parties, ",") != "russia,us" || len(a.Answer.Parties) != 2 || a.Answer.Parties[0].ID != "russia" ||
		a.Answer.Demand != "nato-membership" || a.Answer.Stance != "oppose" {
		t.Errorf("who opposes nato: %+v", a)
	}
}

// TestSpeaksFor: a person's name where a party is asked for answers with
// the party's own JSON, byte for byte, and the command line's stderr line
// that says why in the Parley-Notes header; a question says it in notes.
func TestSpeaksFor(t *testing.T) {
	ts, _ := server(t, riyadh(t))
	notes := func(res *http.Response) []string {
		t.Helper()
		h := res.Header.Get(explorer.NotesHeader)
		if h == "" {
			return nil
		}
		var ns []string
		if err := json.Unmarshal([]byte(h), &ns); err != nil {
			t.Errorf("%s: %q is not a JSON list: %v", explorer.NotesHeader, h, err)
		}
		return ns
	}
	_, ukraine := get(t, ts.URL+"/api/party/ukraine")
	for range 2 { // the second from the cache, if it kept it
		res, body := get(t, ts.URL+"/api/party/zelenskyy")
		if res.StatusCode != 200 || body != ukraine {
			t.Errorf("/api/party/zelenskyy: %s, the same as /api/party/ukraine: %v", res.Status, body == ukraine)
		}
		if got := notes(res); !slices.Equal(got, []string{"Volodymyr Zelenskyy speaks for Ukraine."}) {
			t.Errorf("/api/party/zelenskyy notes %q", got)
		}
	}
	for path, want := range map[string][]string{
		"/api/party/ukraine":                   nil,
		"/api/party/kyiv":                      nil,
		"/api/common-ground/putin/zelenskyy":   {"Vladimir Putin speaks for Russia.", "Volodymyr Zelenskyy speaks for Ukraine."},
		"/api/conflicts/putin/lavrov/ukraine":  {"Vladimir Putin speaks for Russia.", "Sergey Lavrov speaks for Russia."},
		"/api/concessions/nato?among=putin,us": {"Vladimir Putin speaks for Russia."},
		"/api/timeline/lavrov":                 {"Sergey Lavrov speaks for Russia."},
		"/api/timeline/zelenskyy":              {"Volodymyr Zelenskyy speaks for Ukraine."},
	} {
		res, body := get(t, ts.URL+path)
		if res.StatusCode != 200 {
			t.Errorf("%s: %s %s", path, res.Status, body)
		}
		if got := notes(res); !slices.Equal(got, want) {
			t.Errorf("%s notes %q, want %q", path, got, want)
		}
	}
	for q, want := range map[string][]string{
		"zelenskyy":                     {"Volodymyr Zelenskyy speaks for Ukraine."},
		"party putin":                   {"Vladimir Putin speaks for Russia."},
		"common ground putin zelenskyy": {"Vladimir Putin speaks for Russia.", "Volodymyr Zelenskyy speaks for Ukraine."},
		"ukraine":                       {},
		"who opposes nato":              {},
	} {
		res, body := get(t, ts.URL+"/api/ask?q="+url.QueryEscape(q))
		var a struct{ Notes []string }
		if err := json.Unmarshal([]byte(body), &a); err != nil || res.StatusCode != 200 {
			t.Fatalf("%q: %s %v: %s", q, res.Status, err, body)
		}
		if a.Notes == nil || !slices.Equal(a.Notes, want) {
			t.Errorf("asking %q notes %q, want %q", q, a.Notes, want)
		}
	}

	// Names beyond ASCII, and with quotes, reach the header intact.
	b := graph.NewBuilder()
	b.AddParty(graph.Party{ID: "aero", Name: "Ærø \"𝔑\" <b>", People: []graph.Person{{ID: "jm", Name: "Jürgen Müller\tΩ"}}})
	b.AddDemand(graph.Demand{ID: "d", Name: "D"})
	b.AddStance("aero", "d", graph.Entry{Position: graph.Support, Strength: graph.Firm})
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	us, _ := server(t, m)
	res, _ := get(t, us.URL+"/api/party/jm")
	if h := res.Header.Get(explorer.NotesHeader); strings.ContainsFunc(h, func(r rune) bool { return r < 0x20 || r >= 0x7f }) {
		t.Errorf("%s %q is not printable ASCII", explorer.NotesHeader, h)
	}
	if got := notes(res); !slices.Equal(got, []string{"Jürgen Müller\tΩ speaks for Ærø \"𝔑\" <b>."}) {
		t.Errorf("jm notes %q", got)
	}
}

// slowLayouter answers every layout after a pause, like a big layout.
type slowLayouter struct {
	delay time.Duration
	busy  atomic.Int32
	max   atomic.Int32
}

func (s *slowLayouter) Run(ctx context.Context, dot []byte, layout, format string) ([]byte, error) {
	n := s.busy.Add(1)
	defer s.busy.Add(-1)
	if n > s.max.Load() {
		s.max.Store(n)
	}
	time.Sleep(s.delay)
	return (&render.Engine{Path: enginePath, CacheDir: cacheDir}).Run(ctx, dot, layout, format)
}

// TestLoad sends 500 requests from 20 clients, layouts among them that
// cannot be cached (each at another top): every request is answered, 200
// or 503, the engine never runs two layouts at once, and the heap is
// about what it was. With -short (the race detector's pass), 100 requests:
// as many clients at once, fewer rounds of them.
func TestLoad(t *testing.T) {
	requests := int64(500)
	if testing.Short() {
		requests = 100
	}
	m := riyadh(t)
	eng := &slowLayouter{delay: 20 * time.Millisecond}
	srv := explorer.New(explorer.Config{
		Scenario: func() explorer.Scenario { return explorer.Scenario{Model: m, Generation: 1} },
		Engine:   eng, Queue: 4,
	})
	ts := newTestServer(t, srv)
	paths := []string{"/api/summary", "/api/party/russia", "/api/conflicts?explain", "/api/ask?q=common+ground+russia+us",
		"/api/render?view=map", "/api/render?view=parties&top=%d", "/api/render?view=matrix", "/", "/static/view.js"}
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 20}}
	round := func() (ok, busy int) {
		var mu sync.Mutex
		var wg sync.WaitGroup
		var next atomic.Int64
		for range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := next.Add(1)
					if i > requests {
						return
					}
					p := paths[i%int64(len(paths))]
					if strings.Contains(p, "%d") {
						p = strings.Replace(p, "%d", itoa(int(i%7)+1), 1)
					}
					res, err := client.Get(ts + p)
					if err != nil {
						t.Error(err)
						return
					}
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					mu.Lock()
					switch res.StatusCode {
					case 200:
						ok++
					case 503:
						busy++
					default:
						t.Errorf("GET %s: %s", p, res.Status)
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		return ok, busy
	}
	round() // fills the caches
	before := heap()
	ok, busy := round()
	after := heap()
	t.Logf("%d requests from 20 clients: %d answered, %d busy (503); heap %d KB before, %d KB after", requests, ok, busy, before>>10, after>>10)
	if int64(ok+busy) != requests {
		t.Errorf("%d of %d requests answered", ok+busy, requests)
	}
	if eng.max.Load() > 1 {
		t.Errorf("the engine ran %d layouts at once", eng.max.Load())
	}
	if after > before+32<<20 {
		t.Errorf("the heap grew from %d KB to %d KB over %d requests", before>>10, after>>10, requests)
	}
}

func itoa(n int) string { return strings.TrimSpace(string(rune('0' + n))) }

func newTestServer(t *testing.T, srv *explorer.Server) string {
	ts := httptestServer(srv)
	t.Cleanup(ts.Close)
	return ts.URL
}

var _ = errors.New
