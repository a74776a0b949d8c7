package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/parley/parley/data"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/render/report"
)

// app is what every command shares: the streams, the global flags and the
// scenario they name, loaded once on first use.
type app struct {
	ctx         context.Context // cancelled by Ctrl-C or SIGTERM
	io          *IO
	data        string // --data: a file, "-" for stdin; "" for the embedded scenario
	format      string // --format: text, json or csv
	maxSize     string // --max-size
	inputFormat string // --input-format
	csv         data.CSVOptions
	filter      filterFlags
	asOf        string   // --as-of
	wide        bool     // --wide
	started     bool     // a command's run function was reached
	quiet       bool     // completing: no notes on stderr
	noted       bool     // the filters' note was written
	inputs      []string // the files read besides --data and the demand tables (readInput)
	csvOut      csvOut   // how CSV on standard output is made safe: terminal, --csv-raw

	loaded *data.Loaded
	notes  map[string]bool // the notes of noteOnce already written
}

// Main runs parley with args and returns the exit code.
func Main(args []string, io *IO) int {
	return MainContext(context.Background(), args, io)
}

// MainContext is Main with a context that Ctrl-C cancels. Every write to
// the streams is checked: a full disk or a closed pipe ends the command
// with exit 1 and says so, whatever wrote.
func MainContext(ctx context.Context, args []string, streams *IO) int {
	s := *streams
	out, errOut := &checkedWriter{w: s.Out}, &checkedWriter{w: s.ErrOut}
	s.Out, s.ErrOut = out, errOut
	code := mainChecked(ctx, args, &s, out)
	if out.err != nil {
		fmt.Fprintf(errOut, "parley: cannot write to standard output: %v\n", out.err)
		return exitFailure
	}
	if errOut.err != nil && code == exitOK {
		return exitFailure
	}
	return code
}

func mainChecked(ctx context.Context, args []string, io *IO, out *checkedWriter) int {
	a := &app{ctx: ctx, io: io}
	a.filter.note = a.noteOnce
	a.csvOut.terminal = io.OutTTY
	out.csv = &a.csvOut
	root := newRootCmd(a)
	root.SetArgs(args)
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	cmd, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	if !a.started {
		// cobra refused the command line before any command ran.
		err = usageError{oneLine(err)}
	}
	code := exitCode(err)
	var ee *exitError
	if errors.As(err, &ee) && ee.msg == "" || out.err != nil {
		return code // nothing to say, or the failed write says it
	}
	fmt.Fprintln(io.ErrOut, errorText(err))
	var ue usageError
	if errors.As(err, &ue) && cmd != nil {
		fmt.Fprintf(io.ErrOut, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return code
}

// cobraSuggestion is cobra's "unknown command" error with its suggestions.
var cobraSuggestion = regexp.MustCompile(`^(unknown command "[^"]*" for "[^"]*")\s+Did you mean this\?\s+((?s).*)$`)

// oneLine puts cobra's suggestions for a mistyped command on the line of
// the error, as parley's other hints are: "did you mean summary?".
func oneLine(err error) error {
	m := cobraSuggestion.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	names := strings.Fields(m[2])
	if len(names) == 0 {
		return errors.New(m[1])
	}
	alts := names[len(names)-1]
	if len(names) > 1 {
		alts = strings.Join(names[:len(names)-1], ", ") + " or " + alts
	}
	return fmt.Errorf("%s; did you mean %s?", m[1], alts)
}

// errorText is how an error reads on the terminal: file diagnostics as
// they are, everything else after "parley: ".
func errorText(err error) string {
	var de *data.Error
	if errors.As(err, &de) {
		return sanitize(err.Error(), true)
	}
	return "parley: " + sanitize(err.Error(), true)
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "parley",
		Short: "Explore the positions of the parties to a negotiation",
		Long: `parley loads a negotiation scenario — its parties, the demands on the table and
each party's stance on each demand, with the words and sources behind it — and
answers questions about it from the terminal.

Without --data it uses the embedded scenario: the February 2025 US–Russia talks
in Riyadh on the war in Ukraine.`,
		Example: `  parley summary
  parley who opposes nato-membership
  parley party russia
  parley demand "security guarantees"
  parley list demands --format json
  parley render -o map.svg
  parley validate data/scenarios/riyadh-2025.yaml
  parley conflicts russia ukraine us --explain
  parley common-ground russia us`,
		SilenceErrors:     true,
		SilenceUsage:      true,
		DisableAutoGenTag: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			a.started = true
			if a.wide {
				a.io.Width = 0
			}
			switch a.format {
			case "text", "json", "csv":
			default:
				return usagef("--format must be text, json or csv, not %q", a.format)
			}
			return nil
		},
	}
	// The version is worked out only when asked for: it asks the engine.
	root.Version = "(asked of the build)"
	cobra.AddTemplateFunc("parleyVersion", versionText)
	root.SetVersionTemplate("{{parleyVersion}}")
	root.InitDefaultVersionFlag()
	root.Flags().Lookup("version").Usage = "print parley's version and its drawing engine's"
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{flagHint(c, err)} })
	f := root.PersistentFlags()
	f.StringVarP(&a.data, "data", "d", "", "scenario `FILE`: YAML, JSON or CSV, gzipped or not; - for stdin; default: the embedded Riyadh 2025 scenario")
	f.StringVarP(&a.format, "format", "f", "text", "output format: text, json or csv")
	f.StringVar(&a.maxSize, "max-size", "", "refuse input files larger than this `SIZE`, counted decompressed (default: 64MiB for YAML and JSON, none for CSV)")
	f.StringVar(&a.inputFormat, "input-format", "", "read --data as yaml, json or csv whatever its extension")
	f.StringVar(&a.csv.PartyColumn, "party-column", "", "CSV: the `COLUMN` naming the party (default party)")
	f.StringVar(&a.csv.DemandColumn, "demand-column", "", "CSV: the `COLUMN` naming the demand (default demand)")
	f.StringVar(&a.csv.StanceColumn, "stance-column", "", "CSV: the `COLUMN` holding the stance (default stance)")
	f.StringArrayVar(&a.csv.DemandTables, "demand-table", nil, "CSV `FILE` naming, dating and tagging the demands (repeatable)")
	f.StringVar(&a.csv.DemandIDColumn, "demand-id-column", "", "demand table: the `COLUMN` of demand ids (default: as --demand-column)")
	f.StringVar(&a.csv.DemandNameColumn, "demand-name-column", "", "demand table: the `COLUMN` of names (default name)")
	f.StringVar(&a.csv.DemandDateColumn, "demand-date-column", "", "demand table: the `COLUMN` of dates (default date)")
	f.StringVar(&a.csv.DemandTagColumn, "demand-tag-column", "", "demand table: the `COLUMN` of tags (default tag)")
	f.StringVar(&a.csv.DemandDescrColumn, "demand-description-column", "", "demand table: the `COLUMN` of descriptions (default description)")
	a.filter.register(f)
	f.BoolVar(&a.wide, "wide", false, "on a terminal, do not wrap tables to its width")
	f.BoolVar(&a.csvOut.raw, "csv-raw", false, "CSV: leave cells that begin with = + - @ as they are (by default they get a leading ' so that spreadsheets do not run them as formulas)")
	f.StringVar(&a.asOf, "as-of", "", "the scenario as it stood at `DATE` (YYYY, YYYY-MM or YYYY-MM-DD); default: the latest")
	_ = root.RegisterFlagCompletionFunc("input-format", cobra.FixedCompletions([]string{"yaml", "json", "csv"}, cobra.ShellCompDirectiveNoFileComp))
	_ = root.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json", "csv"}, cobra.ShellCompDirectiveNoFileComp))
	_ = root.RegisterFlagCompletionFunc("parties", completePartyList(a))

	cobra.EnableCommandSorting = false // the groups list their commands in the order of use
	groups := []struct {
		id, title string
		cmds      []*cobra.Command
	}{
		{"ask", "Ask about the scenario:", []*cobra.Command{newWhoCmd(a), newPartyCmd(a), newDemandCmd(a), newPersonCmd(a), newListCmd(a)}},
		{"measure", "Measure agreement and conflict:", []*cobra.Command{newSummaryCmd(a), newConflictsCmd(a),
			newAgreementsCmd(a), newCoalitionsCmd(a), newPositionsCmd(a), newCommonGroundCmd(a), newConcessionsCmd(a)}},
		{"time", "Follow it over time:", []*cobra.Command{newTimelineCmd(a), newDiffCmd(a), newSourcesCmd(a)}},
		{"files", "Pictures and files:", []*cobra.Command{newRenderCmd(a), newServeCmd(a), newExportCmd(a), newImportCmd(a), newValidateCmd(a)}},
	}
	for _, g := range groups {
		root.AddGroup(&cobra.Group{ID: g.id, Title: g.title})
		for _, c := range g.cmds {
			c.GroupID = g.id
			root.AddCommand(c)
		}
	}
	root.AddCommand(newScenarioTopic())
	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(newCompletionCmd(root))
	return root
}

// unknownFlag finds the flag in pflag's "unknown flag: --formt".
var unknownFlag = regexp.MustCompile(`^unknown flag: --([^\s=]+)`)

// flagHint adds "did you mean --format?" to the error of a mistyped flag,
// from the flags the command takes (its own and those of every command).
func flagHint(c *cobra.Command, err error) error {
	m := unknownFlag.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	var names []string
	add := func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	}
	c.Flags().VisitAll(add)
	c.InheritedFlags().VisitAll(add)
	if s := graph.Suggest(m[1], names); s != "" {
		return fmt.Errorf("%w; did you mean --%s?", err, s)
	}
	return err
}

// options returns the data.Options of the global flags.
func (a *app) options() (data.Options, error) {
	var n int64 // 0: data's defaults, which bound only YAML and JSON
	if a.maxSize != "" {
		var err error
		if n, err = data.ParseSize(a.maxSize); err != nil {
			return data.Options{}, usagef("--max-size: %v", err)
		}
	}
	switch a.inputFormat {
	case "", "yaml", "json", "csv":
	default:
		return data.Options{}, usagef("--input-format must be yaml, json or csv, not %q", a.inputFormat)
	}
	co := a.csv
	// A stance table with demand tables drops the stances outside --since
	// and --until as it is read, which the filters would drop afterwards:
	// a year of the UN votes then holds a year's stances.
	var err error
	if a.filter.since != "" {
		if co.Since, err = graph.ParseDate(a.filter.since); err != nil {
			return data.Options{}, usagef("--since: %v", err)
		}
	}
	if a.filter.until != "" {
		if co.Until, err = graph.ParseDate(a.filter.until); err != nil {
			return data.Options{}, usagef("--until: %v", err)
		}
	}
	return data.Options{MaxBytes: n, Format: a.inputFormat, CSV: co}, nil
}

// load reads the scenario the global flags name, once.
func (a *app) load() (*data.Loaded, error) {
	if a.loaded != nil {
		return a.loaded, nil
	}
	opts, err := a.options()
	if err != nil {
		return nil, err
	}
	pr := newProgress(a.io)
	defer pr.Done()
	if a.isSmallTable() {
		defer lightGC()()
	}
	opts.Progress = pr.Report
	var l *data.Loaded
	switch a.data {
	case "":
		l, err = data.LoadEmbedded(data.DefaultScenario)
	case "-":
		l, err = loadStdin(a.io.In, opts)
		if l != nil {
			for _, f := range l.Files {
				a.readInput(f)
			}
		}
	default:
		l, err = a.loadPath(a.data, opts)
	}
	if err != nil {
		return nil, err
	}
	a.loaded = l
	return l, nil
}

// loadPath loads a file the command reads (readInput), marking failures to
// open or read it as bad input.
func (a *app) loadPath(path string, opts data.Options) (*data.Loaded, error) {
	a.readInput(path)
	l, err := loadPath(path, opts)
	if l != nil {
		for _, f := range l.Files {
			a.readInput(f)
		}
	}
	return l, err
}

// loadPath loads a file, marking failures to open or read it as bad input.
func loadPath(path string, opts data.Options) (*data.Loaded, error) {
	l, err := data.LoadFile(path, opts)
	switch {
	case err == nil, errors.Is(err, data.ErrInvalid), errors.Is(err, data.ErrTooLarge):
		return l, err
	case errors.Is(err, fs.ErrNotExist):
		return nil, inputError{fmt.Errorf("%s: no such file", path)}
	}
	return nil, inputError{err}
}

// loadStdin loads standard input, marking failures to read it (a folder
// given as input, a closed descriptor) as bad input, as for a file.
func loadStdin(in io.Reader, opts data.Options) (*data.Loaded, error) {
	l, err := data.Load(data.StdinName, in, opts)
	switch {
	case err == nil, errors.Is(err, data.ErrInvalid), errors.Is(err, data.ErrTooLarge):
		return l, err
	case errors.Is(err, syscall.EISDIR):
		return nil, inputError{errors.New(data.StdinName + ": standard input is a folder, not a scenario file")}
	}
	return nil, inputError{err}
}

// model returns the loaded scenario's model at the --as-of date, narrowed
// by the filter flags.
func (a *app) model() (*graph.Model, error) {
	l, err := a.load()
	if err != nil {
		return nil, err
	}
	at, err := a.asOfDate()
	if err != nil {
		return nil, err
	}
	m, parties, demands, err := a.filter.narrow(l.Model.At(at))
	if err != nil {
		return nil, err
	}
	if (len(parties) > 0 || len(demands) > 0) && !a.quiet && !a.noted {
		a.noted = true
		fmt.Fprintln(a.io.ErrOut, sanitize("parley: "+report.LeftOut(parties, demands), false))
	}
	return m, nil
}

// asOfDate is the --as-of date; zero for the latest.
func (a *app) asOfDate() (graph.Date, error) {
	if a.asOf == "" || a.asOf == "latest" {
		return graph.Date{}, nil
	}
	d, err := graph.ParseDate(a.asOf)
	if err != nil {
		return graph.Date{}, usagef("--as-of: %v", err)
	}
	return d, nil
}

// completeModel loads the scenario for shell completion, quietly.
func (a *app) completeModel() *graph.Model {
	a.quiet = true
	m, err := a.model()
	if err != nil {
		return nil
	}
	return m
}

func completePartyArgs(a *app) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
		return partyCompletions(a.completeModel(), prefix), partyCompDirective
	}
}

// completePartyList completes the last of the comma-separated parties of
// --parties, from the whole scenario (not the one the flag narrows),
// leaving out the parties named before it and their people.
func completePartyList(a *app) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
		a.quiet = true
		l, err := a.load()
		if err != nil {
			return nil, partyCompDirective
		}
		i := strings.LastIndex(prefix, ",")
		head := prefix[:i+1]
		var out []string
		for _, c := range otherPartyCompletions(l.Model, strings.Split(prefix[:max(i, 0)], ","), prefix[i+1:]) {
			out = append(out, head+c)
		}
		return out, partyCompDirective | cobra.ShellCompDirectiveNoSpace
	}
}

// partyCompDirective keeps the order of partyCompletions: the parties
// first, then the people who name them.
const partyCompDirective = cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder

// partyCompletions completes a PARTY: the ids of the parties, then the ids
// of the people who stand for one (a person names their party wherever a
// party is asked for), each described by the line findParty notes, so a
// party comes before a person and no id is offered twice.
func partyCompletions(m *graph.Model, prefix string) []string {
	var out []string
	for _, c := range partyChoices(m, prefix) {
		out = append(out, c.id+"\t"+c.desc)
	}
	return out
}

// partyChoice is a completion of a PARTY: an id, what the shell shows of
// it, and the index of the party it names.
type partyChoice struct {
	id, desc string
	party    int
}

// partyChoices lists the completions of a PARTY that start with prefix, as
// partyCompletions describes. A person's id is offered only when it brings
// up their party: not when it is a party's id too, when people of several
// parties share it, or when they speak for none. Cost O(P+N) for P parties
// and N people, plus a ResolveParty, O((P+N)·L), for each person whose id
// starts with prefix.
func partyChoices(m *graph.Model, prefix string) []partyChoice {
	if m == nil {
		return nil
	}
	var out []partyChoice
	for i, p := range m.Parties() {
		if strings.HasPrefix(p.ID, prefix) {
			out = append(out, partyChoice{p.ID, p.Name, i})
		}
	}
	people := m.People() // sorted by id; people of several parties share one
	for i, x := range people {
		if !strings.HasPrefix(x.ID, prefix) || (i > 0 && people[i-1].ID == x.ID) {
			continue
		}
		r, err := m.ResolveParty(x.ID)
		if err != nil || r.Person != x.ID {
			continue // a party's id, or nobody's party
		}
		out = append(out, partyChoice{x.ID, strings.TrimSuffix(speaksFor(m, r), "."), r.Party})
	}
	return out
}

func demandCompletions(m *graph.Model, prefix string) []string {
	if m == nil {
		return nil
	}
	var out []string
	for _, d := range m.Demands() {
		if strings.HasPrefix(d.ID, prefix) {
			out = append(out, d.ID+"\t"+d.Name)
		}
	}
	return out
}

// smallTable is the largest CSV file (as stored, gzipped or not) whose load
// runs without garbage collection: the UN votes are 2.6 MB gzipped, 19 MB
// plain, and their load allocates about 120 MB.
const smallTable = 24 << 20

// isSmallTable reports whether --data names a CSV file of at most smallTable.
func (a *app) isSmallTable() bool {
	format := a.inputFormat
	if format == "" {
		format = data.FormatOf(a.data)
	}
	if format != "csv" || a.data == "" || a.data == "-" {
		return false
	}
	st, err := os.Stat(a.data)
	return err == nil && st.Size() <= smallTable
}

// lightGC lets a load allocate up to loadHeap before the garbage
// collector runs, instead of collecting every time the heap doubles: a vote
// table's load allocates about 120 MB, almost all of it kept, so collecting
// on the way only costs time (a third of the load on two cores). It is used
// only for tables of at most smallTable, whose loads stay well under the
// limit; past it the collector runs as usual (a limit below the live heap
// would make it run all the time). It returns the function that restores
// the settings.
func lightGC() func() {
	const loadHeap = 384 << 20
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(loadHeap)
	return func() {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(percent)
	}
}
