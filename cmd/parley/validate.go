package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/parley/parley/data"
)

type validateOptions struct {
	app    *app
	Files  []string
	Strict bool
}

func newValidateCmd(a *app) *cobra.Command {
	opts := &validateOptions{app: a}
	cmd := &cobra.Command{
		Use:   "validate [FILE...]",
		Short: "Check scenario files and report every mistake with its position",
		Long: `Check scenario files. Each valid file prints "FILE: ok". Every mistake in a
file is reported at once, as FILE:LINE:COL: message, with the line and a caret
under the spot, and "did you mean" for near misses. Warnings go to stderr and
do not fail the file unless --strict is given: a stance without a source, a
quote not found word for word in its source's text (when the source has text:
or file:; only white space, quotation marks, apostrophes and dashes are made
alike), an entry dated after its source was published, a neutral stance the
source gives no position for, a party without stances, and more. Hints (two
demands every party treats alike, which may be one issue counted twice) never
fail a file.

Without FILE it checks the --data file, or the embedded scenario.
Exits 0 when every file is valid, 2 when any is not.`,
		Example: `  parley validate
  parley validate data/scenarios/riyadh-2025.yaml
  parley validate docs/examples/bad.yaml    # exits 2: it has three mistakes
  parley validate --strict data/scenarios/riyadh-2025.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			return runValidate(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "treat warnings as errors")
	return cmd
}

func runValidate(opts *validateOptions) error {
	a := opts.app
	dopts, err := a.options()
	if err != nil {
		return err
	}
	dopts.Strict = opts.Strict
	files := opts.Files
	if len(files) == 0 {
		files = []string{a.data}
	}
	failed := 0
	for _, f := range files {
		var l *data.Loaded
		var err error
		name := f
		switch f {
		case "":
			name = data.DefaultScenario + ".yaml"
			l, err = data.ParseEmbedded(data.DefaultScenario, dopts)
		case "-":
			name = data.StdinName
			l, err = loadStdin(a.io.In, dopts)
		default:
			l, err = a.loadPath(f, dopts)
		}
		if err != nil {
			failed++
			fmt.Fprintln(a.io.ErrOut, errorText(err))
			if !errors.Is(err, data.ErrInvalid) && exitCode(err) != exitInput {
				return &exitError{code: exitFailure}
			}
			continue
		}
		if l.Warnings != nil {
			fmt.Fprintln(a.io.ErrOut, sanitize(l.Warnings.Error(), true))
		}
		fmt.Fprintf(a.io.Out, "%s: ok\n", sanitize(name, false))
	}
	if failed > 0 {
		return &exitError{code: exitInput}
	}
	return nil
}
