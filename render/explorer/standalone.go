package explorer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render"
)

// MaxStandalone is the size a standalone page aims to stay under: the
// views drawn in advance for the scenario's dates stop there, latest
// first, and the page says how many dates it kept.
const MaxStandalone = 900 << 10

// maxNameTable bounds the entries of the name tables a standalone page
// answers the search box from.
const maxNameTable = 20000

// standaloneData is what a standalone page carries: the API's answers it
// can give without a server, by address, and the tables the search box
// looks names up in.
type standaloneData struct {
	Responses map[string]any `json:"responses"`
	Tables    nameTables     `json:"tables"`
	Offline   string         `json:"offline"`
}

type nameTables struct {
	Parties map[string]nameHit `json:"parties"`
	Demands map[string]nameHit `json:"demands"`
}

type nameHit struct {
	ID    string `json:"id,omitempty"`
	Error string `json:"error,omitempty"`
	// Note says why a person's name finds their party, as the API's notes
	// do: "Volodymyr Zelenskyy speaks for Ukraine."
	Note string `json:"note,omitempty"`
}

// apiKey is the name a standalone page keeps an answer under: the path
// and its parameters sorted by name, unescaped (the page's api.key).
func apiKey(path string, q url.Values) string {
	if len(q) == 0 {
		return path
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + q.Get(k)
	}
	return path + "?" + strings.Join(parts, "&")
}

// WriteStandalone writes the explorer for m as one HTML file that needs
// no server and no network: the page, its style and scripts inline, the
// views drawn in advance (every view at the latest stances, the map at
// each of the scenario's dates, latest first, while the file stays under
// MaxStandalone), and the answers of party, demand and who for every
// party and demand. Search by name and "who supports/opposes X" work from
// tables of the command line's own answers; questions that need the
// analyses say they need parley serve. Cost: one layout per view drawn.
func WriteStandalone(ctx context.Context, w io.Writer, m *graph.Model, eng render.Layouter) error {
	in := infoOf(Scenario{Model: m, Generation: 1}, false)
	in.Standalone = true
	d := standaloneData{Responses: map[string]any{},
		Offline: "This saved page answers names and “who supports/opposes X”; the other questions need parley serve."}
	req := func(q url.Values) *request { return &request{base: m, q: q} }
	size := 0
	add := func(key string, v any) error {
		if b, ok := v.([]byte); ok {
			size += len(b)
			d.Responses[key] = json.RawMessage(b)
			return nil
		}
		if s, ok := v.(string); ok {
			size += len(s)
		}
		d.Responses[key] = v
		return nil
	}
	answer := func(path string, c command, args ...string) error {
		var b bytes.Buffer
		if err := c.run(req(url.Values{}), args, &b); err != nil {
			return err
		}
		return add(path, bytes.TrimSpace(b.Bytes()))
	}
	if err := answer("/api/summary", commands["summary"]); err != nil {
		return err
	}
	for _, p := range m.Parties() {
		if err := answer("/api/party/"+p.ID, commands["party"], p.ID); err != nil {
			return err
		}
	}
	if !in.Large {
		for _, dm := range m.Demands() {
			if err := answer("/api/demand/"+dm.ID, commands["demand"], dm.ID); err != nil {
				return err
			}
			for _, verb := range []string{"supports", "opposes", "is-neutral-on", "has-no-stance-on"} {
				if err := answer("/api/who/"+verb+"/"+dm.ID, commands["who"], verb, dm.ID); err != nil {
					return err
				}
			}
		}
	}
	draw := func(q url.Values) error {
		svg, err := drawView(ctx, req(q), eng)
		if err != nil {
			return err
		}
		return add(apiKey("/api/render", q), string(svg))
	}
	for _, v := range in.Views {
		q := url.Values{"view": {v}}
		if v == "parties" && in.Top > 0 {
			q.Set("top", strconv.Itoa(in.Top))
		}
		if err := draw(q); err != nil {
			return err
		}
	}
	// The map at each date, latest first, while there is room.
	kept := 0
	if !in.Large {
		for i := len(in.Dates) - 1; i >= 0; i-- {
			q := url.Values{"view": {"map"}}
			if i > 0 {
				q.Set("diff", "true")
				q.Set("from", in.Dates[i-1])
				q.Set("to", in.Dates[i])
			} else {
				q.Set("as-of", in.Dates[i])
			}
			if size > MaxStandalone*3/4 {
				break
			}
			if err := draw(q); err != nil {
				return err
			}
			kept++
		}
	}
	if kept < len(in.Dates) {
		in.Note = strings.TrimSpace(in.Note + fmt.Sprintf(" This saved page has the map at the latest %d of the scenario's %d dates; parley serve draws them all.", kept, len(in.Dates)))
		in.Dates = in.Dates[len(in.Dates)-kept:]
	}
	d.Responses["/api/info"] = in
	d.Tables = nameTables{Parties: names(m, "party"), Demands: names(m, "demand")}

	var data bytes.Buffer
	enc := json.NewEncoder(&data)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return err
	}
	var js bytes.Buffer
	for _, f := range scripts {
		js.Write(staticFile(f))
		js.WriteString("\n")
	}
	css := staticFile(styleFile)
	hash := func(b []byte) string {
		h := sha256.Sum256(b)
		return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
	}
	policy := "default-src 'none'; script-src " + hash(js.Bytes()) + "; style-src " + hash(css) +
		"; img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
	head := `<meta http-equiv="Content-Security-Policy" content="` + policy + `">` + "\n<style>" + string(css) + "</style>"
	tail := `<script type="application/json" id="parley-data">` + string(scriptSafe(bytes.TrimSpace(data.Bytes()))) + "</script>\n" +
		"<script>" + js.String() + "</script>"
	_, err := w.Write(pageHTML(head, tail))
	return err
}

// scriptSafe keeps JSON from ending the <script> element it sits in: "</"
// becomes "<\/" and "<!" "\u003c!", both the same JSON.
func scriptSafe(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("</"), []byte(`<\/`))
	return bytes.ReplaceAll(b, []byte("<!"), []byte(`\u003c!`))
}

// names is the table of what the command line's matching answers for
// every id, name and alias of a kind and each of their starts, in lower
// case: the id it finds, or its error.
func names(m *graph.Model, kind string) map[string]nameHit {
	out := map[string]nameHit{}
	var all []string
	if kind == "party" {
		for _, p := range m.Parties() {
			all = append(append(all, p.ID, p.Name), p.Aliases...)
		}
		// A person's names find their party, as on the command line.
		for _, x := range m.People() {
			all = append(append(all, x.ID, x.Name), x.Aliases...)
		}
	} else {
		for _, d := range m.Demands() {
			all = append(all, d.ID, d.Name)
		}
	}
	for _, s := range all {
		s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
		for i := range s {
			if i == 0 {
				continue
			}
			if len(out) >= maxNameTable {
				return out
			}
			addName(out, m, kind, s[:i])
		}
		addName(out, m, kind, s)
	}
	return out
}

func addName(out map[string]nameHit, m *graph.Model, kind, q string) {
	if _, ok := out[q]; ok || !utf8.ValidString(q) || strings.TrimSpace(q) != q {
		return
	}
	var err error
	var id string
	var notes []string
	if kind == "party" {
		id, err = partyNoted(m, q, &notes)
	} else {
		id, err = demandArg(m, q)
	}
	if err != nil {
		out[q] = nameHit{Error: err.Error()}
		return
	}
	out[q] = nameHit{ID: id, Note: strings.Join(notes, " ")}
}
