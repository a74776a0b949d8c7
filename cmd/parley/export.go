package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/parley/parley/data"
	"github.com/parley/parley/render"
)

type exportOptions struct {
	app    *app
	Output string
	Format string
}

var exportFormats = []string{"json", "graphml", "csv", "yaml"}

var exportExts = map[string]string{".json": "json", ".graphml": "graphml", ".csv": "csv", ".yaml": "yaml", ".yml": "yaml"}

func newExportCmd(a *app) *cobra.Command {
	opts := &exportOptions{app: a}
	cmd := &cobra.Command{
		Use:   "export [-o FILE] [--format json|graphml|csv|yaml]",
		Short: "Write the scenario's data for other tools: JSON, GraphML, CSV or YAML",
		Long: `Write the whole scenario for other tools. The format comes from the -o file's
extension or from --format; without -o the data goes to standard output (JSON
unless --format says otherwise). The global flags narrow it (--parties,
--tags, --since, --until) and date it (--as-of); a reference to what the
narrowing leaves out is not written, so that the file loads back.

  json      the whole model: sources, parties, demands and stances with their
            evidence and history (the schema is in the README)
  graphml   parties and demands as nodes, stances and excludes as edges with
            their attributes, for Gephi, yEd or Cytoscape
  csv       the stance matrix: one row per party, one column per demand,
            + support, - oppose, 0 neutral, empty for no recorded stance
  yaml      a normalised scenario file that loads back to the same model`,
		Example: `  parley export -o riyadh.json
  parley export -o riyadh.graphml
  parley export --format csv > matrix.csv
  parley export -o normalised.yaml`,
		Args: exactArgs(0, "no arguments; name the file with -o"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExport(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Output, "output", "o", "", "write to `FILE` (its extension picks the format); default standard output")
	f.StringVarP(&opts.Format, "format", "f", "", "data format: json, graphml, csv or yaml (default from -o, else json)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(exportFormats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runExport(opts *exportOptions) error {
	a := opts.app
	format, err := formatOf(opts.Format, opts.Output, "data", exportExts, exportFormats, "json")
	if err != nil {
		return err
	}
	m, err := a.model()
	if err != nil {
		return err
	}
	if np, nd := len(m.Parties()), len(m.Demands()); format == "csv" && (np == 0 || nd == 0) {
		// A table without a row or a demand column does not load back.
		return usagef("a CSV stance matrix needs a party and a demand at least, and this scenario has %d %s and %d %s%s; --format yaml or json writes it",
			np, plural(np, "party", "parties"), nd, plural(nd, "demand", "demands"), filtered(a))
	}
	ctx, stop := a.interruptible()
	defer stop()
	return a.writeOutput(ctx, opts.Output, func(w io.Writer) error {
		switch format {
		case "graphml":
			return render.WriteGraphML(w, m)
		case "csv":
			return render.WriteCSV(w, m)
		case "yaml":
			return data.WriteScenario(w, m)
		}
		return render.WriteJSON(w, m)
	})
}

// filtered is " after the filters" when the narrowing flags are set.
func filtered(a *app) string {
	if a.filter.active() {
		return " after the filters"
	}
	return ""
}
