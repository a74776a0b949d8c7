package data

import (
	"bufio"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/internal/exportrefs"
)

// WriteScenario writes m as a normalised scenario file that loads back to
// the same model: sections in a fixed order, ids sorted, every history in
// full (whatever the model's date), a stance in its short form when it says
// no more than its position. It streams, so vote tables of a million
// stances cost no more memory than the model.
//
// A model narrowed to some parties or demands loads back too: a reference
// to what it left out (the party that raised a demand, a demand it excludes
// or a stance waits on, the party a quoted person speaks for) is not
// written as one but as a comment in its place, "# raised_by: eu (not in
// this file)"; the people of a party left out are left out too, but for
// those whose words or whom a report concerns it keeps, who speak for no
// party in the file (see exportrefs).
func WriteScenario(w io.Writer, m *graph.Model) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	refs := exportrefs.Of(m)
	y := &yamlWriter{w: bw}
	meta := m.Meta()
	y.field(0, "title", meta.Title)
	y.date(0, "date", meta.Date)
	y.field(0, "description", meta.Description)

	if len(m.Sources()) > 0 {
		y.line(0, "sources:")
		for _, s := range m.Sources() {
			if s.Title == "" && s.Publisher == "" && s.URL == "" && s.Published.IsZero() && s.Text == "" && s.File == "" {
				y.key(1, s.ID, "{}")
				continue
			}
			y.key(1, s.ID, "")
			y.field(2, "title", s.Title)
			y.field(2, "publisher", s.Publisher)
			y.field(2, "url", s.URL)
			y.date(2, "published", s.Published)
			// A file's name, never its text: a scenario must not carry
			// whatever local file it names into a file its reader writes
			// and shares. The name is relative to where the scenario was.
			if s.File != "" {
				y.field(2, "file", s.File)
			} else {
				y.field(2, "text", s.Text)
			}
		}
	}
	if len(m.Parties()) == 0 {
		y.line(0, "parties: {}")
	} else {
		y.line(0, "parties:")
	}
	shared := sharedPersonIDs(refs.People())
	for _, p := range m.Parties() {
		y.key(1, p.ID, "")
		y.field(2, "name", p.Name)
		y.field(2, "description", p.Description)
		y.list(2, "aliases", p.Aliases)
		// People of several parties sharing an id stay under their party,
		// as the file they came from had them; everyone else has a section.
		first := true
		for _, x := range p.People {
			if !shared[x.ID] {
				continue
			}
			if first {
				y.line(2, "people:")
				first = false
			}
			y.key(3, x.ID, scalar(x.Name))
		}
	}
	y.people(m, refs, shared)
	if len(m.Demands()) > 0 {
		y.line(0, "demands:")
	}
	for _, d := range m.Demands() {
		d, dropped := refs.Demand(d)
		y.key(1, d.ID, "")
		y.field(2, "name", d.Name)
		y.field(2, "description", d.Description)
		y.field(2, "raised_by", d.RaisedBy)
		y.dropped(2, dropped, "raised_by")
		y.list(2, "tags", d.Tags)
		y.list(2, "excludes", d.Excludes)
		y.dropped(2, dropped, "excludes")
		y.date(2, "date", d.Date)
		y.field(2, "issue", d.Issue)
	}
	last := -1
	m.Recorded(func(p, d int, h []graph.Entry) {
		if last < 0 {
			y.line(0, "stances:")
		}
		if p != last {
			y.key(1, m.Parties()[p].ID, "")
			last = p
		}
		dk := m.Demands()[d].ID
		// What an entry loses to the narrowing goes into its note, as in
		// every export, so that it loads back saying so.
		if len(h) == 1 {
			e := exportrefs.Noted(refs.Entry(h[0]))
			if isShort(e) {
				y.key(2, dk, e.Position.String())
				return
			}
			y.key(2, dk, "")
			y.entry(3, e, false)
			return
		}
		y.key(2, dk, "")
		for _, e := range h {
			y.entry(3, exportrefs.Noted(refs.Entry(e)), true)
		}
	})
	if y.err != nil {
		return y.err
	}
	return bw.Flush()
}

func isShort(e graph.Entry) bool {
	return e.Strength == graph.DefaultStrength && e.By == "" && e.Quote == "" && e.Source == "" &&
		e.AsOf.IsZero() && len(e.Condition) == 0 && e.Note == "" && !saidByParty(e) && len(e.About) == 0 && !e.Inferred
}

// saidByParty reports whether e is words the source gives as the party's
// without naming a speaker: the one case the file must say evidence: for.
func saidByParty(e graph.Entry) bool { return e.By == "" && e.Evidence == graph.Said }

// sharedPersonIDs returns the ids that people of several parties share;
// ps is sorted by id.
func sharedPersonIDs(ps []graph.Person) map[string]bool {
	out := map[string]bool{}
	for i := 1; i < len(ps); i++ {
		if ps[i].ID == ps[i-1].ID {
			out[ps[i].ID] = true
		}
	}
	return out
}

// people writes the people: section: each party's people in the party's
// order (parties by id), then those who speak for no party, by id — among
// them those whose party the model left out, its id in a comment.
func (y *yamlWriter) people(m *graph.Model, refs *exportrefs.Refs, shared map[string]bool) {
	var list []graph.Person
	for _, p := range m.Parties() {
		for _, x := range p.People {
			if !shared[x.ID] {
				list = append(list, x)
			}
		}
	}
	for _, x := range refs.People() {
		if x.Party == "" {
			list = append(list, x)
		}
	}
	if len(list) == 0 {
		return
	}
	y.line(0, "people:")
	for _, x := range list {
		former := refs.FormerParty(x.ID)
		if x.Role == "" && x.Party == "" && len(x.Aliases) == 0 && former == "" {
			y.key(1, x.ID, scalar(x.Name))
			continue
		}
		y.key(1, x.ID, "")
		y.field(2, "name", x.Name)
		y.field(2, "role", x.Role)
		y.field(2, "party", x.Party)
		if former != "" {
			y.dropped(2, []exportrefs.Dropped{{Key: "party", IDs: []string{former}}}, "")
		}
		y.list(2, "aliases", x.Aliases)
	}
}

// dropped writes, as comments, the references of ds under key (every key
// when key is ""), which name what the model left out:
// "# raised_by: eu (not in this file)".
func (y *yamlWriter) dropped(indent int, ds []exportrefs.Dropped, key string) {
	for _, d := range ds {
		if key != "" && d.Key != key {
			continue
		}
		parts := make([]string, len(d.IDs))
		for i, id := range d.IDs {
			parts[i] = scalar(id)
		}
		v := parts[0]
		if d.Key == "excludes" || d.Key == "condition" {
			v = "[" + strings.Join(parts, ", ") + "]"
		}
		// scalar quotes any line end, so the comment stays on its line.
		y.line(indent, "# "+d.Key+": "+v+" (not in this file)")
	}
}

type yamlWriter struct {
	w   *bufio.Writer
	err error
}

func (y *yamlWriter) line(indent int, s string) {
	if y.err != nil {
		return
	}
	for i := 0; i < indent; i++ {
		y.w.WriteString("  ")
	}
	y.w.WriteString(s)
	_, y.err = y.w.WriteString("\n")
}

func (y *yamlWriter) field(indent int, k, v string) {
	if v != "" {
		y.line(indent, k+": "+scalar(v))
	}
}

// date writes a date unquoted: the loader reads it as text either way.
func (y *yamlWriter) date(indent int, k string, d graph.Date) {
	if !d.IsZero() {
		y.line(indent, k+": "+d.String())
	}
}

func (y *yamlWriter) list(indent int, k string, vs []string) {
	if len(vs) == 0 {
		return
	}
	y.line(indent, k+": "+flowList(vs))
}

// flowList writes a list on one line, "[a, b]". Inside it a comma ends a
// plain value, so a value holding one is quoted: "Washington, DC" would
// come back as two.
func flowList(vs []string) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		// The parser also ends a plain value at a question mark here.
		if strings.ContainsAny(v, ",?") {
			parts[i] = strconv.Quote(v)
		} else {
			parts[i] = scalar(v)
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// entry writes a full-form stance; as a list item when dash is set.
func (y *yamlWriter) entry(indent int, e graph.Entry, dash bool) {
	first := true
	put := func(k, v string) {
		if v == "" {
			return
		}
		switch {
		case dash && first:
			y.line(indent, "- "+k+": "+v)
		case dash:
			y.line(indent+1, k+": "+v)
		default:
			y.line(indent, k+": "+v)
		}
		first = false
	}
	if dash {
		put("as_of", e.AsOf.String())
	}
	put("stance", e.Position.String())
	if e.Position != graph.Unknown && e.Strength != graph.DefaultStrength {
		put("strength", e.Strength.String())
	}
	put("by", scalarOrEmpty(e.By))
	if saidByParty(e) {
		put("evidence", graph.Said.String())
	}
	if len(e.About) > 0 {
		parts := make([]string, len(e.About))
		for i, x := range e.About {
			parts[i] = scalar(x)
		}
		put("about", "["+strings.Join(parts, ", ")+"]")
	}
	if e.Inferred {
		put("inferred", "true")
	}
	put("quote", scalarOrEmpty(e.Quote))
	put("source", scalarOrEmpty(e.Source))
	if !dash {
		put("as_of", e.AsOf.String())
	}
	if len(e.Condition) > 0 {
		put("condition", flowList(e.Condition))
	}
	put("note", scalarOrEmpty(e.Note))
}

func scalarOrEmpty(s string) string {
	if s == "" {
		return ""
	}
	return scalar(s)
}

// plainSafe matches text that YAML reads back as the same string without
// quotes; anything else is double-quoted.
var plainSafe = regexp.MustCompile(`^[\p{L}\p{N}(][\p{L}\p{N} ,.'’‘“”()/&%+–—_;!?-]*$`)

// looksTyped matches plain text YAML would read as a number, a boolean, a
// null or a date.
var looksTyped = regexp.MustCompile(`(?i)^(y|n|yes|no|on|off|true|false|null|~|[-+]?[0-9][0-9_.:e+-]*|[-+]?\.?(inf|nan)|0x[0-9a-f]+|0o[0-7]+)$`)

// scalar writes s as a YAML scalar: plain when that is unambiguous,
// otherwise double-quoted with Go's escapes, which YAML shares.
func scalar(s string) string {
	if plainSafe.MatchString(s) && !looksTyped.MatchString(s) && !strings.HasSuffix(s, " ") {
		return s
	}
	return strconv.Quote(s)
}

// maxImplicitKey is the longest key YAML reads in the usual "key: value"
// form (the spec allows 1024 characters, quotes included); longer ones are
// written as explicit "? key" entries.
const maxImplicitKey = 1000

// key writes a mapping key for id, then value on the same line, or nothing
// when the value is a block that follows.
func (y *yamlWriter) key(indent int, id, value string) {
	k := scalar(id)
	if utf8.RuneCountInString(k) <= maxImplicitKey {
		if value == "" {
			y.line(indent, k+":")
		} else {
			y.line(indent, k+": "+value)
		}
		return
	}
	y.line(indent, "? "+k)
	if value == "" {
		y.line(indent, ":")
	} else {
		y.line(indent, ": "+value)
	}
}
