package main

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// narrowingFlags are the ways to narrow the embedded scenario that the
// export round trip runs over: each flag alone, a person standing for
// their party, combinations, and filters that leave nothing.
var narrowingFlags = [][]string{
	{"--parties", "russia,us,ukraine"},
	{"--parties", "us"},
	{"--parties", "lavrov,eu"},
	{"--tags", "economy"},
	{"--tags", "process,relations"},
	{"--since", "2025-02-17"},
	{"--until", "2025-02"},
	{"--until", "2025-02-17"}, // only us-russia-talks is dated: nothing is left
	{"--as-of", "2024-12-01"},
	{"--as-of", "2025-02-16", "--parties", "russia,us"},
	{"--tags", "security", "--parties", "ukraine,us,russia"},
	{"--since", "2025", "--parties", "lavrov,us"},
	{"--since", "2030"},
}

// TestExportNarrowedLoadsBack: every export of a narrowed scenario loads
// back. The YAML and JSON exports load to the scenario they were written
// from — its JSON export, at the same --as-of, is the same byte for byte,
// so no stance, entry, person or reference the narrowing kept is lost —
// the CSV matrix to the same matrix, and every reference in the GraphML
// names a node of it.
func TestExportNarrowedLoadsBack(t *testing.T) {
	dir := t.TempDir()
	for _, flags := range narrowingFlags {
		name := strings.Join(flags, " ")
		t.Run(name, func(t *testing.T) {
			export := func(args ...string) string {
				t.Helper()
				code, stdout, stderr := runMain(t, false, append(args, "export")...)
				if code != exitOK {
					t.Fatalf("parley %s export: exit %d: %s", strings.Join(args, " "), code, stderr)
				}
				return stdout
			}
			var asOf []string
			if i := indexOf(flags, "--as-of"); i >= 0 {
				asOf = flags[i : i+2]
			}
			checkGraphMLRefs(t, export(append(flags, "--format", "graphml")...))
			want := export(append(flags, "--format", "json")...)
			for _, format := range []string{"yaml", "json"} {
				path := filepath.Join(dir, "narrowed."+format)
				export(append(flags, "-o", path)...)
				if got := export(append(append([]string{"-d", path}, asOf...), "--format", "json")...); got != want {
					b, _ := os.ReadFile(path)
					t.Errorf("the %s export loads to another scenario:\n%s\nthe file:\n%s", format, firstDiff(got, want), b)
				}
			}

			matrix := filepath.Join(dir, "narrowed.csv")
			code, _, stderr := runMain(t, false, append(flags, "export", "-o", matrix)...)
			if strings.Contains(want, "\n  \"parties\": [],\n") {
				// Nothing is left: a table cannot say so, and parley says why.
				if code != exitInput || !strings.Contains(stderr, "a CSV stance matrix needs a party and a demand at least, and this scenario has 0 parties and 0 demands after the filters") {
					t.Errorf("an empty CSV: exit %d: %s", code, stderr)
				}
			} else {
				if code != exitOK {
					t.Fatalf("CSV: exit %d: %s", code, stderr)
				}
				b, _ := os.ReadFile(matrix)
				if got := export("-d", matrix, "--format", "csv"); got != string(b) {
					t.Errorf("the CSV export loads to another matrix:\n%s", firstDiff(got, string(b)))
				}
			}
		})
	}
}

func indexOf(ss []string, s string) int {
	for i, x := range ss {
		if x == s {
			return i
		}
	}
	return -1
}

// checkGraphMLRefs checks that every edge of a GraphML export joins two of
// its nodes and that every attribute naming a party, a demand or a person
// names one of its nodes.
func checkGraphMLRefs(t *testing.T, doc string) {
	t.Helper()
	var g struct {
		Keys []struct {
			ID   string `xml:"id,attr"`
			Name string `xml:"attr.name,attr"`
		} `xml:"key"`
		Graph struct {
			Nodes []struct {
				ID   string `xml:"id,attr"`
				Data []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Data   []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal([]byte(doc), &g); err != nil {
		t.Fatalf("the GraphML is not XML: %v", err)
	}
	attr := map[string]string{}
	for _, k := range g.Keys {
		attr[k.ID] = k.Name
	}
	nodes := map[string]bool{}
	for _, n := range g.Graph.Nodes {
		nodes[n.ID] = true
	}
	// The node id of each kind of reference: parties p:, demands d:,
	// people x: (people of one id in several parties are not in this
	// scenario).
	refs := map[string]string{"raised_by": "p:", "party": "p:", "condition": "d:", "by": "x:", "about": "x:"}
	check := func(where string, data []struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	}) {
		for _, d := range data {
			prefix, ok := refs[attr[d.Key]]
			if !ok {
				continue
			}
			for _, id := range strings.Fields(d.Value) {
				if !nodes[prefix+id] {
					t.Errorf("%s: %s names %s, which is not a node", where, attr[d.Key], id)
				}
			}
		}
	}
	for _, n := range g.Graph.Nodes {
		check(n.ID, n.Data)
	}
	for _, e := range g.Graph.Edges {
		if !nodes[e.Source] || !nodes[e.Target] {
			t.Errorf("the edge %s → %s joins what is not a node", e.Source, e.Target)
		}
		check(e.Source+" → "+e.Target, e.Data)
	}
	if len(nodes) == 0 && !strings.Contains(doc, "<graph") {
		t.Errorf("no graph")
	}
}
