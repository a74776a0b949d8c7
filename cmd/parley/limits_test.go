package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSmallFindings: the small ways parley misread its input or flags,
// each now exit 2 with a message that says what is wrong, or the answer.
func TestSmallFindings(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	src, _ := os.ReadFile(filepath.Join("..", "..", "data", "scenarios", "riyadh-2025.yaml"))
	plain := write("r.yaml", src)
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(src)
	zw.Close()
	cut := write("cut.yaml.gz", z.Bytes()[:z.Len()-20])
	junk := write("junk.yaml.gz", append(bytes.Clone(z.Bytes()), "junk"...))
	empty := write("empty.csv", []byte("party,demand,stance\n,,\n"))
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--max-size", "9223372036854775807", "--data", plain, "list", "parties"}, 0, "russia"},
		{[]string{"--max-size", "18014398509481985K", "--data", plain, "list", "parties"}, 2, `--max-size: invalid size "18014398509481985K": too large`},
		{[]string{"--data", cut, "list", "parties"}, 2, "the gzip data is damaged"},
		{[]string{"--data", junk, "list", "parties"}, 2, "the gzip data is damaged"},
		{[]string{"validate", empty}, 2, "no row of the table has a stance"},
		{[]string{"--since", "2026", "--until", "2020", "list", "demands"}, 2, "--until 2020 is before --since 2026"},
		{[]string{"--since", "2025-02-18", "--until", "2025-02", "list", "demands"}, 0, ""},
		{[]string{"--data", dir, "list", "parties"}, 2, "is a folder"},
	} {
		code, out, stderr := runMain(t, false, tc.args...)
		if code != tc.code || !strings.Contains(out+stderr, tc.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want %d and %q", tc.args, code, out, stderr, tc.code, tc.want)
		}
	}
	// Standard input that is a folder is bad input, as --data a folder is.
	folder, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer folder.Close()
	var out, errOut bytes.Buffer
	code := Main([]string{"--data", "-", "list", "parties"}, &IO{In: folder, Out: &out, ErrOut: &errOut})
	if code != exitInput || !strings.Contains(errOut.String(), "standard input is a folder") {
		t.Errorf("stdin a folder: exit %d, stderr %q", code, errOut.String())
	}
}
