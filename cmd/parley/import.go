package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/parley/parley/data"
	"github.com/parley/parley/graph"
)

type importOptions struct {
	app    *app
	File   string
	Output string
	Title  string
}

func newImportCmd(a *app) *cobra.Command {
	opts := &importOptions{app: a}
	cmd := &cobra.Command{
		Use:   "import FILE [-o SCENARIO.yaml]",
		Short: "Turn a stance table (CSV) into a scenario file",
		Long: `Read a stance table — CSV, long or matrix, gzipped or not, read as --data
reads it, with the same column flags and demand tables — and write it as a
scenario file to edit by hand: parties, demands (with the names, dates and tags
the demand tables give) and stances, ids sorted. The narrowing flags (--parties,
--tags, --since, --until) apply, so a slice of a big table makes a small file.

Without -o the scenario goes to standard output.`,
		Example: `  parley import docs/unvotes/un_votes.csv.gz --party-column country --demand-column rcid --stance-column vote -o un.yaml
  parley import docs/unvotes/un_votes.csv.gz --party-column country --demand-column rcid --stance-column vote \
    --demand-table docs/unvotes/un_roll_calls.csv.gz --demand-name-column short \
    --parties "united states,russia,china,india,brazil" --title "UN votes of 2019" -o un-five.yaml`,
		Args: exactArgs(1, "the table to import, as in: parley import votes.csv -o scenario.yaml"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			return runImport(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write the scenario to `FILE`; default standard output")
	cmd.Flags().StringVar(&opts.Title, "title", "", "the scenario's `TITLE` (default: the table's file name)")
	return cmd
}

func runImport(opts *importOptions) error {
	a := opts.app
	if a.data != "" {
		return usagef("import reads FILE, not --data: parley import FILE -o scenario.yaml")
	}
	if a.inputFormat == "" && data.FormatOf(opts.File) == "" {
		a.inputFormat = "csv"
	}
	a.data = opts.File
	m, err := a.model()
	if err != nil {
		return err
	}
	if opts.Title != "" {
		m = m.WithMeta(graph.Meta{Title: opts.Title, Description: m.Meta().Description, Date: m.Meta().Date})
	}
	ctx, stop := a.interruptible()
	defer stop()
	return a.writeOutput(ctx, opts.Output, func(w io.Writer) error { return data.WriteScenario(w, m) })
}
