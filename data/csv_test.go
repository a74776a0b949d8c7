package data

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parley/parley/graph"
)

func csvModel(t *testing.T, src string, opts Options) *graph.Model {
	t.Helper()
	l, err := ParseCSV("t.csv", []byte(src), opts)
	if err != nil {
		t.Fatal(err)
	}
	return l.Model
}

// grid renders a model as "party: demand=+ demand=- ..." lines, for comparing.
func grid(m *graph.Model) string {
	var b strings.Builder
	sym := map[graph.Position]string{graph.Support: "+", graph.Oppose: "-", graph.Neutral: "0"}
	for p, party := range m.Parties() {
		b.WriteString(party.ID + ":")
		for d, dm := range m.Demands() {
			if s := sym[m.Position(p, d)]; s != "" {
				b.WriteString(" " + dm.ID + "=" + s)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestCSVShapes(t *testing.T) {
	want := "russia: nato=- regions=+\nukraine: nato=+ regions=- talks=0\nus: nato=- talks=+\n"
	tests := []struct {
		name string
		src  string
		opts Options
	}{
		{"long", "party,demand,stance\nukraine,nato,support\nukraine,regions,oppose\nukraine,talks,neutral\n" +
			"russia,nato,oppose\nrussia,regions,support\nus,nato,oppose\nus,talks,support\nus,regions,\n", Options{}},
		{"long, columns in any order and other columns", "stance,note,party,demand\n+,x,ukraine,nato\n-,,ukraine,regions\n0,,ukraine,talks\n" +
			"-,,russia,nato\n+,,russia,regions\n-,,us,nato\n+,,us,talks\n", Options{}},
		{"long, named columns", "vote,country,rcid\nyes,ukraine,nato\nno,ukraine,regions\nabstain,ukraine,talks\n" +
			"NO,russia,nato\nYes,russia,regions\nno,us,nato\nyes,us,talks\n",
			Options{CSV: CSVOptions{PartyColumn: "country", DemandColumn: "rcid", StanceColumn: "vote"}}},
		{"matrix of words", "party,nato,regions,talks\nukraine,Support,oppose,NEUTRAL\nrussia,oppose,support,\nus,oppose,,support\n", Options{}},
		{"matrix of signs", "who,nato,regions,talks\nukraine,+,-,0\nrussia,-,+,\nus,-,,+\n", Options{}},
		{"matrix of numbers", "party,nato,regions,talks\nukraine,1,-1,0\nrussia,-1,1,\nus,-1,,1\n", Options{}},
		{"matrix of agreement", "party,nato,regions,talks\nukraine,agree,disagree,neutral\nrussia,disagree,agree,\nus,Disagree,,Agree\n", Options{}},
		{"semicolons, CRLF and a BOM", "\ufeffparty;nato;regions;talks\r\nukraine;+;-;0\r\nrussia;-;+;\r\nus;-;;+", Options{}},
		{"tabs", "party\tnato\tregions\ttalks\nukraine\t+\t-\t0\nrussia\t-\t+\t\nus\t-\t\t+\n", Options{}},
		{"quoted fields", "\"party\",\"nato\",\"regions\",\"talks\"\n\"ukraine\",\"+\",\"-\",\"0\"\nrussia,-,+,\nus,-,\"\",+\n", Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := grid(csvModel(t, tt.src, tt.opts)); got != want {
				t.Errorf("got\n%swant\n%s", got, want)
			}
		})
	}
}

func TestCSVNamesBecomeIDs(t *testing.T) {
	m := csvModel(t, "party,demand,stance\nUnited States,Resolution 1/66,yes\nCôte d’Ivoire,Resolution 1/66,no\nNA,Resolution 1/66,abstain\n", Options{})
	var got []string
	for _, p := range m.Parties() {
		got = append(got, p.ID+"="+p.Name)
	}
	// A literal NA is a value (Namibia's code), never a missing one.
	if want := []string{"cote-d-ivoire=Côte d’Ivoire", "na=NA", "united-states=United States"}; !reflect.DeepEqual(got, want) {
		t.Errorf("parties %v, want %v", got, want)
	}
	if d := m.Demands()[0]; d.ID != "resolution-1-66" || d.Name != "Resolution 1/66" {
		t.Errorf("demand %+v", d)
	}
}

func TestCSVErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
		opts            Options
	}{
		{"ragged row", "party,nato,regions\nus,+,-\nrussia,+\n", `t.csv:3:1: this row has 2 fields, the header 3
 3 | russia,+
   | ^`, Options{}},
		{"unknown word", "party,demand,stance\nus,nato,maybe\n", `t.csv:2:9: unknown stance "maybe": use + - 0, 1 -1 0, support oppose neutral, yes no abstain, agree disagree (any case), or empty for no stance
 2 | us,nato,maybe
   |         ^^^^^`, Options{}},
		{"NA is not a stance", "party,demand,stance\nus,nato,NA\n", `t.csv:2:9: unknown stance "NA": use + - 0, 1 -1 0, support oppose neutral, yes no abstain, agree disagree (any case), or empty for no stance
 2 | us,nato,NA
   |         ^^`, Options{}},
		{"header only", "party,demand,stance\n", `t.csv:1:1: the table has a header but no rows
 1 | party,demand,stance
   | ^`, Options{}},
		{"duplicate party row", "party,nato\nus,+\nrussia,-\nus,-\n", `t.csv:4:1: party "us" has a second row (the first is line 2)
 4 | us,-
   | ^^`, Options{}},
		{"duplicate stance", "party,demand,stance\nus,nato,+\nus,nato,-\n", `t.csv:3:4: a second stance of "us" on "nato"
 3 | us,nato,-
   |    ^^^^`, Options{}},
		{"missing column", "country,rcid,vote\nus,1,yes\n", `t.csv:1:1: no party column "party" in the header (country, rcid, vote); name it with --party-column COLUMN
 1 | country,rcid,vote
   | ^`, Options{CSV: CSVOptions{StanceColumn: "vote", DemandColumn: "rcid"}}},
		{"near miss column", "partys,demand,stance\nus,1,yes\n", `t.csv:1:1: no party column "party" in the header (partys, demand, stance); did you mean --party-column partys?
 1 | partys,demand,stance
   | ^`, Options{}},
		{"quoted newline", "party,demand,stance\nus,\"nato\nx,+\nru,nato,-\n", `t.csv:2:4: CSV syntax: the quoted field opened here runs on to line 4 without its closing quote (a quote inside a quoted field must be doubled: "")
 2 | us,"nato
   |    ^`, Options{}},
		{"bare quote", "party,demand,stance\nus,na\"to,+\n", `t.csv:2:6: CSV syntax: a quote in an unquoted field: quote the whole field and double the quote ("")
 2 | us,na"to,+
   |      ^`, Options{}},
		{"empty", "", `t.csv:1:1: the file is empty: a stance table needs a header row and at least one row
 1 | 
   | ^`, Options{}},
		{"duplicate demand column", "party,nato,nato\nus,+,-\n", `t.csv:1:12: the header names column "nato" twice
 1 | party,nato,nato
   |            ^^^^`, Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCSV("t.csv", []byte(tt.src), tt.opts)
			if err == nil {
				t.Fatalf("no error, want\n%s", tt.want)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error does not wrap ErrInvalid")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func unSliceOptions() Options {
	dir := filepath.Join("testdata", "unvotes")
	return Options{CSV: CSVOptions{
		PartyColumn: "country", DemandColumn: "rcid", StanceColumn: "vote",
		DemandTables:     []string{filepath.Join(dir, "roll_calls.csv.gz"), filepath.Join(dir, "issues.csv.gz")},
		DemandNameColumn: "short", DemandTagColumn: "issue",
	}}
}

// TestUNSlice loads a slice of the real UN votes and checks pair counts
// against a computation straight from the CSV rows, sharing no code with
// the model's bitsets.
func TestUNSlice(t *testing.T) {
	l, err := LoadFile(filepath.Join("testdata", "unvotes", "votes.csv.gz"), unSliceOptions())
	if err != nil {
		t.Fatal(err)
	}
	m := l.Model

	f, err := os.Open(filepath.Join("testdata", "unvotes", "votes.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bufio.NewReader(zr)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	value := map[string]int{"yes": 1, "no": -1, "abstain": 0}
	votes := map[string]map[string]int{} // country → rcid → value
	counts := map[string]int{}
	for _, r := range rows[1:] {
		if votes[r[1]] == nil {
			votes[r[1]] = map[string]int{}
		}
		votes[r[1]][r[0]] = value[r[3]]
		counts[r[3]]++
	}
	sup, opp, neu := m.Counts()
	if sup != counts["yes"] || opp != counts["no"] || neu != counts["abstain"] {
		t.Errorf("counts %d/%d/%d, want %v", sup, opp, neu, counts)
	}
	for _, pair := range [][2]string{{"United States", "Israel"}, {"United States", "Cuba"}, {"Namibia", "Zimbabwe"}, {"France", "United Kingdom"}, {"Russia", "China"}} {
		var want graph.PairCounts
		for rc, x := range votes[pair[0]] {
			y, ok := votes[pair[1]][rc]
			if !ok {
				continue
			}
			want.Shared++
			switch x * y {
			case 1:
				want.Agree++
			case -1:
				want.Conflict++
			default:
				want.Neutral++
			}
		}
		if want.Shared == 0 {
			t.Fatalf("%v share no roll call in the slice", pair)
		}
		a, okA := m.PartyIndex(graph.Slug(pair[0]))
		b, okB := m.PartyIndex(graph.Slug(pair[1]))
		if !okA || !okB {
			t.Fatalf("no party for %v", pair)
		}
		if got := m.Compare(a, b); got != want {
			t.Errorf("%s–%s: %+v, want %+v", pair[0], pair[1], got, want)
		}
	}

	// The demand tables name, date and tag the roll calls.
	d, ok := m.DemandIndex(m.Demands()[0].ID)
	if !ok || m.Demands()[d].Date.IsZero() || m.Demands()[d].Name == m.Demands()[d].ID {
		t.Errorf("roll call %+v has no date or name from the table", m.Demands()[d])
	}
	tagged := 0
	for _, dm := range m.Demands() {
		if len(dm.Tags) > 0 {
			tagged++
		}
	}
	if tagged == 0 {
		t.Errorf("no roll call has a tag")
	}

	// By country code, Namibia's NA is a party like any other.
	opts := unSliceOptions()
	opts.CSV.PartyColumn = "country_code"
	l, err = LoadFile(filepath.Join("testdata", "unvotes", "votes.csv.gz"), opts)
	if err != nil {
		t.Fatal(err)
	}
	na, ok := l.Model.PartyIndex("na")
	if !ok || len(l.Model.PartyStances(na)) != 79 {
		t.Errorf("Namibia (NA) has no or the wrong stances")
	}
}

func TestDemandTableErrors(t *testing.T) {
	dir := t.TempDir()
	table := filepath.Join(dir, "calls.csv")
	os.WriteFile(table, []byte("rcid,short,date\n1,A vote,1946-13-01\n"), 0o644)
	opts := Options{CSV: CSVOptions{DemandColumn: "rcid", DemandTables: []string{table}, DemandNameColumn: "short"}}
	_, err := ParseCSV("t.csv", []byte("party,rcid,stance\nus,1,yes\n"), opts)
	want := table + `:2:10: "1946-13-01": month must be 01 to 12
 2 | 1,A vote,1946-13-01
   |          ^^^^^^^^^^`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	os.WriteFile(table, []byte("id,title\n1,A vote\n"), 0o644)
	_, err = ParseCSV("t.csv", []byte("party,rcid,stance\nus,1,yes\n"), opts)
	if err == nil || !strings.Contains(err.Error(), `no demand id column "rcid" in the header (id, title); did you mean --demand-id-column id?`) {
		t.Errorf("got %v", err)
	}
}

// TestStreamMatchesExact loads the UN slice streamed in blocks of a few
// kilobytes, parsed on every core, and whole by the exact reader: the
// models must be the same, and a mistake in a streamed table must be
// reported as the exact reader does.
func TestStreamMatchesExact(t *testing.T) {
	defer func(n int) { streamBlock = n }(streamBlock)
	streamBlock = 4096
	path := filepath.Join("testdata", "unvotes", "votes.csv.gz")
	l, err := LoadFile(path, unSliceOptions())
	if err != nil {
		t.Fatal(err)
	}
	src, err := readFile(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	exact, err := ParseCSV(path, src, unSliceOptions())
	if err != nil {
		t.Fatal(err)
	}
	streamed, seq := l.Model, exact.Model
	if !sameModel(streamed, seq) {
		t.Fatal("the streaming reader gives another model")
	}
	for p := range streamed.Parties() {
		if !reflect.DeepEqual(streamed.PartyStances(p), seq.PartyStances(p)) {
			t.Fatalf("stances of %s differ", streamed.Parties()[p].ID)
		}
	}

	var b strings.Builder
	b.WriteString("party,demand,stance\n")
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&b, "p%d,d%d,yes\n", i%50, i/50)
	}
	b.WriteString("p1,d0,no\n") // a second stance, at the very end
	for _, stdin := range []bool{false, true} {
		var err error
		if stdin {
			_, err = Load(StdinName, strings.NewReader(b.String()), Options{Format: "csv"})
		} else {
			path := filepath.Join(t.TempDir(), "t.csv")
			os.WriteFile(path, []byte(b.String()), 0o644)
			_, err = LoadFile(path, Options{})
		}
		want := `:5002:4: a second stance of "p1" on "d0"`
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("stdin %v: got %v, want %s", stdin, err, want)
		}
	}
}

func TestStreamTakesCleanTables(t *testing.T) {
	defer func(n int) { streamBlock = n }(streamBlock)
	streamBlock = 32
	try := func(src string) bool {
		in, err := openInput("t.csv", strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		_, ok, err := streamCSV(in, Options{})
		return ok && err == nil // an error: refused with what the exact reader says
	}
	if !try("party,demand,stance\nus,nato,no\nru,nato,yes\nus,regions,abstain\n") {
		t.Error("a clean table is not streamed")
	}
	for _, bad := range []string{
		"party,demand,stance\nus,nato,maybe\n",                               // unknown word
		"party,demand,stance\nus,nato,no\nus,nato,yes\n",                     // a second stance
		"party,demand,stance\nus,nato\n",                                     // ragged
		"party,demand,stance\n\"us\",nato,no\n",                              // quotes
		"party,demand,stance\nUS,nato,no\nus,nato,yes\n",                     // two names, one id
		"party,demand,stance\n,nato,no\n",                                    // no party
		"party,demand,stance\nus,a-demand-named-at-length-past-a-block,no\n", // a line longer than a block
		"party,nato\nus,yes\n",                                               // a matrix
		"party,demand,stance\n",                                              // no rows
		"party,demand,stance\nus,nato,\xff\n",                                // not UTF-8
	} {
		if try(bad) {
			t.Errorf("the streaming reader took %q", bad)
		}
	}
}

func TestLoadSniffsCSV(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want bool
	}{
		{"party,demand,stance\nus,nato,yes\n", true},
		{"party;nato\nus;+\n", true},
		{"party\tnato\nus\t+\n", true},
		{"title: a, b\nparties: {}\n", false},
		{"{\"parties\": {}}", false},
		{"# a, b\nparties:\n", false},
		{"- a, b\n", false},
		{"", false},
	} {
		if got := looksLikeCSV([]byte(tt.src)); got != tt.want {
			t.Errorf("looksLikeCSV(%q) = %v", tt.src, got)
		}
	}
	l, err := Load("<stdin>", strings.NewReader("party,demand,stance\nus,nato,yes\n"), Options{})
	if err != nil || len(l.Model.Parties()) != 1 {
		t.Errorf("a CSV table on stdin: %v", err)
	}
}

// TestCSVNamesAnyScript: names in any script make ids; only names with no
// letter or digit at all are refused.
func TestCSVNamesAnyScript(t *testing.T) {
	src := "party,demand,stance\nРоссия,Перемирие,yes\n中国,Перемирие,no\nمصر,Перемирие,abstain\nµ,Перемирие,yes\nCôte d’Ivoire,Перемирие,yes\n"
	l, err := ParseCSV("t.csv", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range l.Model.Parties() {
		ids = append(ids, p.ID+"="+p.Name)
	}
	want := "cote-d-ivoire=Côte d’Ivoire µ=µ россия=Россия مصر=مصر 中国=中国"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("parties %s, want %s", got, want)
	}
	if d := l.Model.Demands(); len(d) != 1 || d[0].ID != "перемирие" {
		t.Errorf("demands %v", d)
	}
	_, err = ParseCSV("t.csv", []byte("party,a,b\n!!,+,-\n"), Options{})
	if err == nil || !strings.Contains(err.Error(), `party "!!" has no letters or digits to make an id of`) {
		t.Errorf("a name without letters: %v", err)
	}
}

// TestCSVNoStances: a long table none of whose rows has a stance is a
// mistake, not a scenario of nobody.
func TestCSVNoStances(t *testing.T) {
	for _, src := range []string{"party,demand,stance\n,,\n", "party,demand,stance\nus,nato,\nru,nato,\n"} {
		_, err := ParseCSV("t.csv", []byte(src), Options{})
		if err == nil || !strings.Contains(err.Error(), "no row of the table has a stance: every stance cell is empty") {
			t.Errorf("%q: %v", src, err)
		}
	}
}

// TestDatesWhileReading: stances dropped by date as the table is read,
// streamed or by the exact reader, leave the model the full load narrowed
// to those dates has: the same parties and demands, the stances within.
func TestDatesWhileReading(t *testing.T) {
	path := filepath.Join("testdata", "unvotes", "votes.csv.gz")
	full, err := LoadFile(path, unSliceOptions())
	if err != nil {
		t.Fatal(err)
	}
	src, err := readFile(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range [][2]string{{"1991-11", "1992-06"}, {"1992", ""}, {"", "1991-12-10"}} {
		opts := unSliceOptions()
		var since, until graph.Date
		if r[0] != "" {
			since = graph.MustDate(r[0])
		}
		if r[1] != "" {
			until = graph.MustDate(r[1])
		}
		opts.CSV.Since, opts.CSV.Until = since, until
		want := full.Model.Select(nil, func(d int) bool {
			date := full.Model.Demands()[d].Date
			return (since.IsZero() || !date.IsZero() && !date.Before(since)) && (until.IsZero() || !date.IsZero() && date.In(until))
		})
		streamed, err := LoadFile(path, opts)
		if err != nil {
			t.Fatal(err)
		}
		exact, err := ParseCSV(path, src, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, got := range []*graph.Model{streamed.Model, exact.Model} {
			if len(got.Parties()) != len(full.Model.Parties()) || len(got.Demands()) != len(full.Model.Demands()) {
				t.Fatalf("%v: %d parties, %d demands; want all", r, len(got.Parties()), len(got.Demands()))
			}
			kept := got.Select(nil, func(d int) bool { _, ok := want.DemandIndex(got.Demands()[d].ID); return ok })
			if !sameModel(kept, want) {
				t.Fatalf("%v: the stances kept differ", r)
			}
			s, o, n := got.Counts()
			ws, wo, wn := want.Counts()
			if s != ws || o != wo || n != wn || s+o+n == 0 {
				t.Fatalf("%v: %d %d %d stances, want %d %d %d", r, s, o, n, ws, wo, wn)
			}
		}
	}
}
