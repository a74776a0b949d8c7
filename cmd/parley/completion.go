package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// newCompletionCmd is parley's completion command: cobra's scripts, the
// bash one made to work in a bash without the bash-completion package.
func newCompletionCmd(root *cobra.Command) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print a shell completion script",
		Long: `Print the script that makes your shell complete parley's commands, flags,
and the PARTY and DEMAND arguments from the scenario (--data's, or the
embedded one). Load it in the shell's start-up file to keep it.

The bash script works in a plain bash too; with the bash-completion package
it uses that package's word splitting and file completion.`,
		Example: `  source <(parley completion bash)
  parley completion zsh > _parley          # into a folder of zsh's $fpath
  parley completion fish > parley.fish     # into ~/.config/fish/completions`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("want a shell: bash, zsh, fish or powershell")
			}
			return usagef("unknown shell %q: want bash, zsh, fish or powershell", args[0])
		},
		ValidArgs: []string{"bash", "zsh", "fish", "powershell"},
	}
	var noDesc bool
	shell := func(name, example string, gen func(w io.Writer) error) *cobra.Command {
		c := &cobra.Command{
			Use:     name,
			Short:   fmt.Sprintf("Print the completion script for %s", name),
			Example: example,
			Args:    exactArgs(0, "no arguments, as in: parley completion "+name),
			RunE:    func(c *cobra.Command, _ []string) error { return gen(c.OutOrStdout()) },
		}
		c.Flags().BoolVar(&noDesc, "no-descriptions", false, "leave the names of parties and demands out of the completions")
		return c
	}
	cmd.AddCommand(
		shell("bash", "  source <(parley completion bash)", func(w io.Writer) error {
			var b bytes.Buffer
			if err := root.GenBashCompletionV2(&b, !noDesc); err != nil {
				return err
			}
			_, err := io.WriteString(w, plainBash(b.String(), root.Name()))
			return err
		}),
		shell("zsh", "  parley completion zsh > _parley", func(w io.Writer) error {
			if noDesc {
				return root.GenZshCompletionNoDesc(w)
			}
			return root.GenZshCompletion(w)
		}),
		shell("fish", "  parley completion fish > parley.fish", func(w io.Writer) error {
			return root.GenFishCompletion(w, !noDesc)
		}),
		shell("powershell", "  parley completion powershell > parley.ps1", func(w io.Writer) error {
			if noDesc {
				return root.GenPowerShellCompletion(w)
			}
			return root.GenPowerShellCompletionWithDesc(w)
		}),
	)
	return cmd
}

// plainBash makes cobra's bash script work without the bash-completion
// package, whose _get_comp_words_by_ref and _filedir it calls: each call
// goes through a function of the script's own that uses the package's
// when it is loaded, and otherwise splits the line on blanks only (so that
// "--view party:ru" and "--format=js" stay one word, as the package's
// "-n =:" does) and completes files with compgen.
func plainBash(script, name string) string {
	fallback := strings.NewReplacer("NAME", name).Replace(`
# Without the bash-completion package: the words of the line up to the
# cursor, split on blanks only, and files by compgen.
__NAME_words_by_ref()
{
    if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
        _get_comp_words_by_ref "$@" cur prev words cword
        return
    fi
    local line=${COMP_LINE:0:COMP_POINT}
    read -r -a words <<< "$line"
    if [[ $line == *[[:blank:]] || ${#words[@]} -eq 0 ]]; then
        words+=("")
    fi
    cword=$(( ${#words[@]} - 1 ))
    cur=${words[cword]}
    prev=
    if (( cword > 0 )); then
        prev=${words[cword-1]}
    fi
}

__NAME_filedir()
{
    if declare -F _filedir >/dev/null 2>&1; then
        _filedir "$@"
        return
    fi
    local IFS=$'\n'
    if [[ ${1-} == -d ]]; then
        COMPREPLY+=($(compgen -d -- "$cur"))
    else
        COMPREPLY+=($(compgen -f -- "$cur"))
    fi
}
`)
	script = strings.Replace(script, `_get_comp_words_by_ref "$@" cur prev words cword`, `__`+name+`_words_by_ref "$@"`, 1)
	script = strings.ReplaceAll(script, "_filedir", "__"+name+"_filedir")
	// The fallbacks go after the first comment line.
	head, rest, _ := strings.Cut(script, "\n")
	return head + "\n" + fallback + rest
}
