package main

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/spf13/cobra"
)

// The examples: every command shown in the README's console and sh blocks
// and in the Example of every command's --help is run, as a txtar script
// per block, so that an example that stops working fails the tests. They
// run in a folder laid out like a clone of the repository (the files
// below are copied there: the examples may name them as a user would) with
// standard output a terminal 80 columns wide, except for commands that
// redirect it. A console block's output under a command is compared with
// what the command prints (standard error for a command that fails). A
// comment "exits N" on an example says it is meant to fail.

// exampleFiles are the folders of the repository the examples may read,
// relative to its root.
var exampleFiles = []string{"docs", "data/scenarios"}

// notRun are the README's commands that are not parley's and are not
// run here: the tests themselves, and installing.
var notRun = map[string]bool{
	"go test ./...":        true,
	"go install ./cmd/...": true,
}

// exampleWidth is the terminal the examples' output is shown for.
const exampleWidth = 80

type example struct {
	where  string // README.md:LINE or "parley CMD --help"
	shell  string // the command as written, comment and all
	output string // the output shown under it; "" for none
}

type exampleBlock struct {
	name     string // the script's name
	examples []example
}

func TestExamples(t *testing.T) {
	if raceEnabled {
		// The examples check what the commands say, which the scripts
		// check too; the race detector's run is for what runs at once,
		// and the examples would only double its time.
		t.Skip("the examples run without the race detector")
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := readmeExamples(string(readme))
	if len(blocks) < 5 {
		t.Fatalf("found %d example blocks in README.md; the parser lost them", len(blocks))
	}
	blocks = append(blocks, helpExamples(t, newRootCmd(&app{io: &IO{}}))...)

	dir := t.TempDir()
	n := 0
	for _, b := range blocks {
		script, err := exampleScript(b)
		if err != nil {
			t.Error(err)
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, b.name+".txtar"), []byte(script), 0o644); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if t.Failed() {
		return
	}
	t.Logf("%d example blocks", n)
	files := snapshotFiles(t)
	engineDir := builtEngine(t)
	cache := t.TempDir()
	testscript.Run(t, testscript.Params{
		Dir:                 dir,
		RequireExplicitExec: true,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"serve": serveCmd},
		Setup: func(env *testscript.Env) error {
			for name, data := range files {
				path := filepath.Join(env.WorkDir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					return err
				}
				if err := os.WriteFile(path, data, 0o644); err != nil {
					return err
				}
			}
			env.Setenv("XDG_CACHE_HOME", cache)
			env.Setenv("PATH", engineDir+string(os.PathListSeparator)+env.Getenv("PATH"))
			env.Values[serverKey{}] = &server{}
			return nil
		},
	})
}

// snapshotFiles reads the files of exampleFiles, by their path from the
// repository's root. Reading them here, not in the scripts, lets go test
// know them as inputs of the test.
func snapshotFiles(t *testing.T) map[string][]byte {
	root := filepath.Join("..", "..")
	files := map[string][]byte{}
	for _, d := range exampleFiles {
		err := filepath.WalkDir(filepath.Join(root, filepath.FromSlash(d)), func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			files[filepath.ToSlash(rel)] = data
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

var fence = regexp.MustCompile("^```([a-z]*)\\s*$")

// readmeExamples returns the README's console and sh (bash, shell) blocks. In a console
// block a command follows "$ " and the lines after it, up to the next
// command, are its output; in an sh block every line is a command. A line
// ending in a backslash goes on on the next.
func readmeExamples(readme string) []exampleBlock {
	var blocks []exampleBlock
	lines := strings.Split(readme, "\n")
	for i := 0; i < len(lines); i++ {
		m := fence.FindStringSubmatch(lines[i])
		if m == nil || m[1] == "" {
			continue
		}
		lang, start := m[1], i+1
		j := start
		for j < len(lines) && strings.TrimSpace(lines[j]) != "```" {
			j++
		}
		body := lines[start:j]
		i = j
		switch lang {
		case "console":
		case "sh", "bash", "shell":
			lang = "sh"
		default:
			continue // yaml, text and the like are not commands
		}
		b := exampleBlock{name: fmt.Sprintf("readme-%d", start)}
		var cur *example
		for k := 0; k < len(body); k++ {
			line := body[k]
			where := fmt.Sprintf("README.md:%d", start+k+1)
			isCmd := lang == "sh" && strings.TrimSpace(line) != "" && !strings.HasPrefix(strings.TrimSpace(line), "#")
			if lang == "console" && strings.HasPrefix(line, "$ ") {
				isCmd, line = true, line[2:]
			}
			if !isCmd {
				if cur != nil && lang == "console" {
					cur.output += line + "\n"
				}
				continue
			}
			for strings.HasSuffix(line, "\\") && k+1 < len(body) {
				k++
				line = strings.TrimSuffix(line, "\\") + " " + strings.TrimSpace(strings.TrimPrefix(body[k], "> "))
			}
			b.examples = append(b.examples, example{where: where, shell: line})
			cur = &b.examples[len(b.examples)-1]
		}
		for e := range b.examples {
			b.examples[e].output = strings.TrimRight(b.examples[e].output, "\n")
			if b.examples[e].output != "" {
				b.examples[e].output += "\n"
			}
		}
		if len(b.examples) > 0 {
			blocks = append(blocks, b)
		}
	}
	return blocks
}

// helpExamples returns the Example of every command, a block each, and
// fails the test for a command without one.
func helpExamples(t *testing.T, root *cobra.Command) []exampleBlock {
	var blocks []exampleBlock
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		if c.Hidden || c.Name() == "help" || !c.Runnable() && c.HasSubCommands() {
			return
		}
		if strings.TrimSpace(c.Example) == "" {
			if c.Runnable() {
				t.Errorf("%s has no Example", c.CommandPath())
			}
			return
		}
		b := exampleBlock{name: "help-" + strings.ReplaceAll(c.CommandPath(), " ", "-")}
		lines := strings.Split(c.Example, "\n")
		for k := 0; k < len(lines); k++ {
			line := strings.TrimSpace(lines[k])
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			for strings.HasSuffix(line, "\\") && k+1 < len(lines) {
				k++
				line = strings.TrimSuffix(line, "\\") + " " + strings.TrimSpace(lines[k])
			}
			b.examples = append(b.examples, example{where: c.CommandPath() + " --help", shell: line})
		}
		blocks = append(blocks, b)
	}
	walk(root)
	return blocks
}

var exitsComment = regexp.MustCompile(`\bexits ([1-9])\b`)

// exampleScript writes a block as a testscript: each example runs as
// parley directly, or through bash when it uses the shell's syntax.
func exampleScript(b exampleBlock) (string, error) {
	var s, files strings.Builder
	servedBlock := false // a server runs for the block's curl examples
	fmt.Fprintf(&s, "# %s\n\n", b.examples[0].where)
	for n, e := range b.examples {
		words, comment, shell, err := shellWords(e.shell)
		if err != nil {
			return "", fmt.Errorf("%s: %q: %v", e.where, e.shell, err)
		}
		code := 0
		if m := exitsComment.FindStringSubmatch(comment); m != nil {
			code, _ = strconv.Atoi(m[1])
		}
		plain := strings.TrimSpace(strings.SplitN(e.shell, " #", 2)[0])
		if len(words) >= 3 && words[0].text() == "go" && words[1].text() == "run" && words[2].text() == "./cmd/parley" {
			words = append([]shellWord{{{text: "parley"}}}, words[3:]...)
		}
		fmt.Fprintf(&s, "# %s: %s\n", e.where, plain)
		switch {
		case notRun[plain]:
			s.WriteString("# (not run here)\n\n")
			continue
		case len(words) == 1 && words[0].assignment() != "":
			// NAME=value: an environment variable for the commands after it.
			fmt.Fprintf(&s, "env %s\n\n", words[0].script())
			continue
		case strings.HasPrefix(plain, "curl ") && localServer.MatchString(plain):
		case !shell && (len(words) == 0 || words[0].text() != "parley"):
			return "", fmt.Errorf("%s: %q is not a parley command: make it one, or add it to notRun", e.where, plain)
		}
		neg := ""
		if code != 0 {
			neg = "! "
		}
		if !shell && len(words) > 1 && words[1].text() == "serve" {
			s.WriteString("serve start")
			for _, w := range words[1:] {
				s.WriteString(" " + w.script())
			}
			s.WriteString("\nserve stop\n\n")
			continue
		}
		if strings.HasPrefix(plain, "curl ") {
			if !servedBlock {
				s.WriteString("serve start serve\n")
				servedBlock = true
			}
			fmt.Fprintf(&s, "[exec:curl] [exec:jq] exec bash --norc --noprofile -c %s\n\n",
				quoteScript(withServer(plain)))
			continue
		}
		if shell {
			// Standard output goes to a file or a pipe.
			fmt.Fprintf(&s, "env PARLEY_FORCE_TTY=\n[exec:bash] %sexec bash --norc --noprofile -c %s\n", neg, quoteScript(plain))
		} else {
			fmt.Fprintf(&s, "env PARLEY_FORCE_TTY=%d\n%sexec", exampleWidth, neg)
			for _, w := range words {
				s.WriteString(" " + w.script())
			}
			s.WriteString("\n")
		}
		if e.output != "" {
			stream := "stdout"
			if code != 0 {
				stream = "stderr"
			}
			name := fmt.Sprintf("output-%d", n)
			if shell {
				s.WriteString("[exec:bash] ")
			}
			fmt.Fprintf(&s, "cmp %s %s\n", stream, name)
			fmt.Fprintf(&files, "-- %s --\n%s", name, e.output)
		}
		s.WriteString("\n")
	}
	if servedBlock {
		s.WriteString("serve stop\n")
	}
	return s.String() + files.String(), nil
}

// withServer replaces the address of the server in a shell command with
// $PARLEY_SERVER, quoted so that the shell expands it.
func withServer(cmd string) string {
	var b strings.Builder
	last := 0
	for _, m := range localServer.FindAllStringIndex(cmd, -1) {
		b.WriteString(cmd[last:m[0]])
		if strings.Count(cmd[:m[0]], "'")%2 == 1 {
			b.WriteString(`'"$PARLEY_SERVER"'`) // inside single quotes
		} else {
			b.WriteString(`${PARLEY_SERVER}`)
		}
		last = m[1]
	}
	return b.String() + cmd[last:]
}

// localServer is the address of a parley serve in an example.
var localServer = regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+`)

// serveCmd is the scripts' serve command. "serve start ARGS..." runs
// parley ARGS in the background, on a free port, and waits until it says
// where it serves, which becomes $PARLEY_SERVER; "serve stop" stops it
// with Ctrl-C and checks that it ended well.
func serveCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("serve takes no !")
	}
	if len(args) == 0 {
		ts.Fatalf("usage: serve start ARGS... | serve stop")
	}
	switch args[0] {
	case "stop":
		h := ts.Value(serverKey{}).(*server)
		if h.cmd == nil {
			ts.Fatalf("no server to stop")
		}
		ts.Check(h.cmd.Process.Signal(os.Interrupt))
		ts.Check(h.cmd.Wait())
		h.cmd = nil
		return
	case "start":
	default:
		ts.Fatalf("usage: serve start ARGS... | serve stop")
	}
	var parleyArgs []string
	for i := 1; i < len(args); i++ {
		switch {
		case args[i] == "--addr" && i+1 < len(args):
			i++ // a fixed port may be taken on this machine
		case strings.HasPrefix(args[i], "--addr="):
		case args[i] == "--open":
			// No browser in a test.
		default:
			parleyArgs = append(parleyArgs, args[i])
		}
	}
	parleyArgs = append(parleyArgs, "--addr", "127.0.0.1:0")
	path, err := exec.LookPath("parley")
	if err != nil {
		// The PATH of the script, not of the test.
		for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
			if p := filepath.Join(dir, "parley"); isExecutable(p) {
				path, err = p, nil
				break
			}
		}
	}
	ts.Check(err)
	cmd := exec.Command(path, parleyArgs...)
	cmd.Dir = ts.MkAbs(".")
	for _, k := range []string{"PATH", "HOME", "TMPDIR", "XDG_CACHE_HOME"} {
		cmd.Env = append(cmd.Env, k+"="+ts.Getenv(k))
	}
	stderr, err := cmd.StderrPipe()
	ts.Check(err)
	ts.Check(cmd.Start())
	ts.Defer(func() { _ = cmd.Process.Kill() })
	ts.Setenv("PARLEY_SERVER", "")
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
		close(found)
	}()
	select {
	case url, ok := <-found:
		if !ok {
			ts.Fatalf("parley %s ended without serving", strings.Join(parleyArgs, " "))
		}
		ts.Setenv("PARLEY_SERVER", url)
	case <-time.After(60 * time.Second):
		ts.Fatalf("parley %s did not say where it serves in a minute", strings.Join(parleyArgs, " "))
	}
	ts.Value(serverKey{}).(*server).cmd = cmd
}

// server is the parley serve a script runs, kept in its Env.Values.
type server struct{ cmd *exec.Cmd }

type serverKey struct{}

var servingLine = regexp.MustCompile(`^parley: serving (http://[^/\s]+)/`)

// A shellWord is a word of a command line: literal text and $VARIABLE
// references, in order.
type shellWord []wordPart

type wordPart struct {
	text string
	env  bool // text is the name of a variable
}

func (w shellWord) text() string {
	var b strings.Builder
	for _, p := range w {
		if p.env {
			b.WriteString("$" + p.text)
		} else {
			b.WriteString(p.text)
		}
	}
	return b.String()
}

// assignment is the name of NAME=value; "" if w is not one.
func (w shellWord) assignment() string {
	if len(w) == 0 || w[0].env {
		return ""
	}
	name, _, ok := strings.Cut(w[0].text, "=")
	if !ok || !regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`).MatchString(name) {
		return ""
	}
	return name
}

// script is the word in testscript's syntax: literal text quoted,
// variables left for testscript to expand.
func (w shellWord) script() string {
	var b strings.Builder
	for _, p := range w {
		if p.env {
			b.WriteString("${" + p.text + "}")
		} else {
			b.WriteString(quoteScript(p.text))
		}
	}
	return b.String()
}

func quoteScript(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// shellWords splits a command line as a POSIX shell would — single and
// double quotes, backslashes, $VAR and ${VAR} — up to a comment. shell
// reports syntax it does not handle (redirections, pipes, lists,
// substitutions, globs), which only a shell can run.
func shellWords(line string) (words []shellWord, comment string, shell bool, err error) {
	var cur shellWord
	inWord := false
	lit := func(s string) {
		inWord = true
		if n := len(cur); n > 0 && !cur[n-1].env {
			cur[n-1].text += s
			return
		}
		cur = append(cur, wordPart{text: s})
	}
	variable := func(i int) (int, bool) {
		// line[i] is '$'.
		rest := line[i+1:]
		if strings.HasPrefix(rest, "{") {
			end := strings.IndexByte(rest, '}')
			if end < 0 {
				return i, false
			}
			inWord = true
			cur = append(cur, wordPart{text: rest[1:end], env: true})
			return i + 1 + end, true
		}
		m := regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*`).FindString(rest)
		if m == "" {
			return i, false
		}
		inWord = true
		cur = append(cur, wordPart{text: m, env: true})
		return i + len(m), true
	}
	end := func() {
		if inWord {
			words = append(words, cur)
		}
		cur, inWord = nil, false
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			end()
		case c == '#' && !inWord:
			end()
			return words, line[i:], shell, nil
		case c == '\'':
			j := strings.IndexByte(line[i+1:], '\'')
			if j < 0 {
				return nil, "", false, fmt.Errorf("unclosed '")
			}
			lit(line[i+1 : i+1+j])
			i += j + 1
		case c == '"':
			i++
			inWord = true
			for ; i < len(line) && line[i] != '"'; i++ {
				switch {
				case line[i] == '\\' && i+1 < len(line) && strings.IndexByte("\"\\$`", line[i+1]) >= 0:
					i++
					lit(line[i : i+1])
				case line[i] == '$':
					if j, ok := variable(i); ok {
						i = j
					} else {
						lit("$")
					}
				case line[i] == '`':
					shell = true
					lit("`")
				default:
					lit(line[i : i+1])
				}
			}
			if i == len(line) {
				return nil, "", false, fmt.Errorf("unclosed \"")
			}
		case c == '\\' && i+1 < len(line):
			i++
			lit(line[i : i+1])
		case c == '$':
			if j, ok := variable(i); ok {
				i = j
			} else {
				shell = true
				lit("$")
			}
		case strings.IndexByte("|&;<>()`*?[]{}~", c) >= 0:
			shell = true
			lit(line[i : i+1])
		default:
			lit(line[i : i+1])
		}
	}
	end()
	return words, "", shell, nil
}

func TestShellWords(t *testing.T) {
	tests := []struct {
		line    string
		words   []string // in testscript's syntax
		comment string
		shell   bool
	}{
		{line: `parley who supports "security guarantees"   # a comment`, words: []string{`'parley'`, `'who'`, `'supports'`, `'security guarantees'`}, comment: "# a comment"},
		{line: `parley --data $UN/un_votes.csv.gz --parties "united states,russia"`, words: []string{`'parley'`, `'--data'`, `${UN}'/un_votes.csv.gz'`, `'--parties'`, `'united states,russia'`}},
		{line: `parley list demands --format csv > demands.csv`, shell: true},
		{line: `source <(parley completion bash)`, shell: true},
		{line: `parley party 'don''t'`, words: []string{`'parley'`, `'party'`, `'dont'`}},
		{line: `parley party it\'s`, words: []string{`'parley'`, `'party'`, `'it''s'`}},
		{line: `UN=docs/unvotes   # the slice`, words: []string{`'UN=docs/unvotes'`}, comment: "# the slice"},
	}
	for _, tt := range tests {
		words, comment, shell, err := shellWords(tt.line)
		if err != nil {
			t.Errorf("%q: %v", tt.line, err)
			continue
		}
		if shell != tt.shell || comment != tt.comment {
			t.Errorf("%q: shell %v, comment %q; want %v, %q", tt.line, shell, comment, tt.shell, tt.comment)
		}
		if tt.shell {
			continue
		}
		var got []string
		for _, w := range words {
			got = append(got, w.script())
		}
		if strings.Join(got, " ") != strings.Join(tt.words, " ") {
			t.Errorf("%q: words %s, want %s", tt.line, strings.Join(got, " "), strings.Join(tt.words, " "))
		}
	}
}
