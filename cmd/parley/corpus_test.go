package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadInputs runs every file of the loaders' corpus of bad inputs
// through the command line: each must exit 2, print nothing on stdout, and
// say on stderr where the mistake is.
func TestBadInputs(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "data", "testdata", "invalid", "*"))
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".err") || strings.Contains(f, "strict") {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := Main([]string{"--data", f, "list", "parties"}, &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
			if code != exitInput {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitInput, errOut.String())
			}
			if out.Len() > 0 {
				t.Errorf("stdout: %q", out.String())
			}
			if !strings.HasPrefix(errOut.String(), f+":") {
				t.Errorf("stderr does not start with the file's name:\n%s", errOut.String())
			}
		})
	}
	if n < 30 {
		t.Errorf("only %d bad inputs", n)
	}
}

// TestHugeInput refuses a 200 MB file at once, without reading it: a sparse
// file, so the test costs no disk and no time. A YAML file is over the
// default limit; a CSV table, streamed, has none by default, and this one
// is refused for its first bytes — or for its size, with --max-size.
func TestHugeInput(t *testing.T) {
	for _, name := range []string{"huge.yaml", "huge.csv", "huge.csv --max-size 64MiB"} {
		args := strings.Fields(name)
		name = args[0]
		path := filepath.Join(t.TempDir(), name)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(200 << 20); err != nil {
			t.Fatal(err)
		}
		f.Close()
		var out, errOut bytes.Buffer
		code := Main(append([]string{"--data", path, "list", "parties"}, args[1:]...), &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
		want := "parley: " + path + ": input too large: larger than the limit of 64MiB; raise it with --max-size (e.g. --max-size 256MiB)\n"
		if len(args) == 1 && strings.HasSuffix(name, ".csv") {
			want = path + ":1:1: a NUL byte: this looks like a binary file, not a CSV table\n"
		}
		if code != exitInput || out.Len() > 0 || !strings.HasPrefix(errOut.String(), want) {
			t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and %q", code, out.String(), errOut.String(), want)
		}
	}
}
