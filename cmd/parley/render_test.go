package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runMain(t *testing.T, tty bool, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(args, &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, OutTTY: tty, Width: 80})
	return code, out.String(), errOut.String()
}

func TestRenderExitCodes(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PARLEY_ENGINE", "embedded")
	t.Setenv("PARLEY_GRAPHVIZ", filepath.Join(dir, "no-engine"))
	// An engine failure is a failure of parley's: exit 1, one line.
	code, _, stderr := runMain(t, false, "render", "-o", filepath.Join(dir, "map.svg"))
	if code != exitFailure || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "Graphviz engine") {
		t.Errorf("missing engine: exit %d, stderr %q", code, stderr)
	}
	// PNG is binary: not to a terminal.
	code, stdout, stderr := runMain(t, true, "render", "--format", "png")
	if code != exitInput || stdout != "" || !strings.Contains(stderr, "will not write PNG to a terminal") {
		t.Errorf("PNG to a terminal: exit %d, stderr %q", code, stderr)
	}
	// DOT needs no engine, even when it is missing.
	code, stdout, _ = runMain(t, false, "render", "--format", "dot")
	if code != exitOK || !strings.HasPrefix(stdout, "// Drawn by parley") {
		t.Errorf("DOT: exit %d", code)
	}
	// A failed write leaves the old file as it was.
	old := filepath.Join(dir, "old.svg")
	os.WriteFile(old, []byte("old"), 0o644)
	if code, _, _ := runMain(t, false, "render", "-o", old); code != exitFailure {
		t.Errorf("exit %d", code)
	}
	if b, _ := os.ReadFile(old); string(b) != "old" {
		t.Errorf("a failed render changed the old file: %q", b)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("a failed render left %s", e.Name())
		}
	}
}

// readmePictures are the pictures of the README, each with the command that
// draws it; those of the UN votes are checked only where the votes are at
// hand (PARLEY_UNVOTES), as they are not in the repository.
var readmePictures = []struct {
	file string
	args []string
	un   bool
}{
	{"riyadh-map.svg", []string{"render"}, false},
	{"riyadh-space.svg", []string{"render", "--view", "space"}, false},
	{"un-space.svg", []string{"--since", "2000", "render", "--view", "space"}, true},
}

// TestREADMEPicture checks that the pictures under docs/ are what the
// commands the README gives for them draw today; -update redraws them.
func TestREADMEPicture(t *testing.T) {
	if raceEnabled {
		t.Skip("the pictures are compared without the race detector: they are drawings, not things that run at once")
	}
	// The embedded engine draws the same picture on every machine.
	t.Setenv("PARLEY_ENGINE", "embedded")
	t.Setenv("PARLEY_GRAPHVIZ", filepath.Join(builtEngine(t), "parley-graphviz"))
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	for _, pic := range readmePictures {
		t.Run(pic.file, func(t *testing.T) {
			args := pic.args
			if pic.un {
				dir := os.Getenv("PARLEY_UNVOTES")
				if dir == "" {
					t.Skip("no UN votes (set PARLEY_UNVOTES)")
				}
				args = append([]string{"--data", filepath.Join(dir, "un_votes.csv.gz"),
					"--party-column", "country", "--demand-column", "rcid", "--stance-column", "vote",
					"--demand-table", filepath.Join(dir, "un_roll_calls.csv.gz"), "--demand-name-column", "short",
					"--demand-table", filepath.Join(dir, "un_roll_call_issues.csv.gz"), "--demand-tag-column", "issue"}, args...)
			}
			out := filepath.Join(t.TempDir(), pic.file)
			if code, _, stderr := runMain(t, false, append(args, "-o", out)...); code != exitOK {
				t.Fatalf("render: exit %d: %s", code, stderr)
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			doc := filepath.Join("..", "..", "docs", pic.file)
			if *update {
				if err := os.WriteFile(doc, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(doc)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("docs/%s is not what parley draws now; redraw it as the README says\n(or go test ./cmd/parley -run README -update)", pic.file)
			}
		})
	}
}
