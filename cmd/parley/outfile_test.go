//go:build unix

package main

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// exportTo runs parley export --format csv -o path and returns the exit
// code and the messages.
func exportTo(t *testing.T, path string, more ...string) (int, string, string) {
	t.Helper()
	return runMain(t, false, append([]string{"export", "--format", "csv", "-o", path}, more...)...)
}

// wantCSV is what exportTo writes.
func wantCSV(t *testing.T) string {
	t.Helper()
	code, out, stderr := runMain(t, false, "export", "--format", "csv")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	return out
}

// TestOutputRegularFiles: -o replaces a regular file whole, keeping its
// mode; a new file gets the umask's; a read-only file, a folder and a
// missing folder are refused; a link stays a link; a long legal name
// works; nothing is left beside the output.
func TestOutputRegularFiles(t *testing.T) {
	want := wantCSV(t)
	dir := t.TempDir()
	check := func(path string, mode fs.FileMode) {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil || string(b) != want {
			t.Errorf("%s holds %q (%v), want the export", filepath.Base(path), b, err)
		}
		if m := modeOf(path, os.Stat); m != mode {
			t.Errorf("%s: mode %v, want %v", filepath.Base(path), m, mode)
		}
	}
	for _, mode := range []fs.FileMode{0o600, 0o640, 0o755} {
		path := filepath.Join(dir, "kept.csv")
		os.Remove(path)
		if err := os.WriteFile(path, []byte("old"), 0); err != nil {
			t.Fatal(err)
		}
		os.Chmod(path, mode)
		if code, _, stderr := exportTo(t, path); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		check(path, mode)
	}
	for _, umask := range []int{0o077, 0o022, 0o002} {
		path := filepath.Join(dir, "new.csv")
		os.Remove(path)
		old := syscall.Umask(umask)
		code, _, stderr := exportTo(t, path)
		syscall.Umask(old)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		check(path, fs.FileMode(0o666&^umask))
	}

	// A link: the file it points to is written, the link stays.
	real := filepath.Join(dir, "real.csv")
	os.WriteFile(real, []byte("old"), 0o644)
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink("real.csv", link); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := exportTo(t, link); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	check(real, 0o644)
	if m := modeOf(link, os.Lstat); m&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", m)
	}

	// Names as long as a file name may be: the temporary file must fit too.
	long := filepath.Join(dir, strings.Repeat("n", 251)+".csv")
	if code, _, stderr := exportTo(t, long); code != 0 {
		t.Errorf("a 255-byte name: exit %d: %s", code, stderr)
	}
	check(long, 0o644&^fs.FileMode(currentUmask()))

	// Refused, and left as they were.
	ro := filepath.Join(dir, "read-only.csv")
	os.WriteFile(ro, []byte("keep"), 0o444)
	for _, tc := range []struct{ path, msg string }{
		{ro, "it is read-only"},
		{dir, "it is a folder"},
		{filepath.Join(dir, "no", "x.csv"), "does not exist"},
	} {
		code, _, stderr := exportTo(t, tc.path)
		if code != exitInput || !strings.Contains(stderr, tc.msg) {
			t.Errorf("-o %s: exit %d, stderr %q; want 2 and %q", tc.path, code, stderr, tc.msg)
		}
	}
	if b, _ := os.ReadFile(ro); string(b) != "keep" {
		t.Errorf("the read-only file was overwritten: %q", b)
	}
	if m := modeOf(ro, os.Stat); m != 0o444 {
		t.Errorf("the read-only file's mode changed: %v", m)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// modeOf is the mode stat gives path; 0 when there is nothing there.
func modeOf(path string, stat func(string) (fs.FileInfo, error)) fs.FileMode {
	st, err := stat(path)
	if err != nil {
		return 0
	}
	return st.Mode()
}

func currentUmask() int {
	u := syscall.Umask(0)
	syscall.Umask(u)
	return u
}

// TestOutputNotRegular: a FIFO, a device and standard output under any of
// its names are written in place, and stay what they are.
func TestOutputNotRegular(t *testing.T) {
	want := wantCSV(t)
	dir := t.TempDir()

	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	if code, _, stderr := exportTo(t, fifo); code != 0 {
		t.Errorf("FIFO: exit %d: %s", code, stderr)
	}
	if s := <-got; s != want {
		t.Errorf("the FIFO's reader got %q", s)
	}
	if m := modeOf(fifo, os.Lstat); m&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", m)
	}

	// Standard output by its names (a link of our own to the descriptor,
	// as /dev/stdout is): the data goes to the command's standard output.
	stdout := filepath.Join(dir, "stdout")
	os.Symlink("/proc/self/fd/1", stdout)
	for _, name := range []string{stdout, "/dev/fd/1", "/proc/self/fd/1"} {
		if _, err := os.Stat("/proc/self/fd/1"); err != nil {
			t.Skip("no /proc")
		}
		code, out, stderr := exportTo(t, name)
		if code != 0 || out != want {
			t.Errorf("-o %s: exit %d, stdout %q, stderr %q", name, code, out, stderr)
		}
	}
	if m := modeOf(stdout, os.Lstat); m&fs.ModeSymlink == 0 {
		t.Errorf("the link to standard output was replaced: %v", m)
	}

	if os.Geteuid() != 0 {
		t.Skip("devices of our own need root")
	}
	// Devices made for the test: /dev/null's and /dev/full's numbers.
	null := filepath.Join(dir, "null")
	full := filepath.Join(dir, "full")
	if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skipf("mknod: %v", err)
	}
	if err := syscall.Mknod(full, syscall.S_IFCHR|0o666, 1<<8|7); err != nil {
		t.Skipf("mknod: %v", err)
	}
	if code, _, stderr := exportTo(t, null); code != 0 {
		t.Errorf("null device: exit %d: %s", code, stderr)
	}
	code, _, stderr := exportTo(t, full)
	if code != exitFailure || !strings.Contains(stderr, "cannot write "+full+": no space left on device") {
		t.Errorf("full device: exit %d, stderr %q; want 1 and no space left", code, stderr)
	}
	for _, dev := range []string{null, full} {
		if m := modeOf(dev, os.Lstat); m&fs.ModeCharDevice == 0 {
			t.Errorf("%s was replaced: %v", dev, m)
		}
	}
}

// TestOutputNeverAnInput: -o may name no file the command reads, whichever
// flag or argument named it.
func TestOutputNeverAnInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	old := write("old.yaml", "parties: {a: A}\ndemands: {d: D}\nstances: {a: {d: support}}\n")
	new := write("new.yaml", "parties: {a: A}\ndemands: {d: D}\nstances: {a: {d: oppose}}\n")
	table := write("votes.csv", "party,demand,stance\na,d,yes\n")
	names := write("demands.csv", "demand,name\nd,The demand\n")
	link := filepath.Join(dir, "link.yaml")
	os.Symlink("old.yaml", link)
	for _, args := range [][]string{
		{"render", "--diff", old, new, "--format", "dot", "-o", old},
		{"render", "--diff", old, new, "--format", "dot", "-o", new},
		{"render", "--diff", old, new, "--format", "dot", "-o", link},
		{"--data", table, "--demand-table", names, "export", "--format", "csv", "-o", names},
		{"--data", old, "export", "-o", link},
		{"import", table, "-o", table},
		{"import", table, "--demand-table", names, "-o", names},
	} {
		before := map[string]string{}
		for _, f := range []string{old, new, table, names} {
			b, _ := os.ReadFile(f)
			before[f] = string(b)
		}
		code, _, stderr := runMain(t, false, args...)
		if code != exitInput || !strings.Contains(stderr, "names a file parley is reading") {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr)
		}
		for f, s := range before {
			if b, _ := os.ReadFile(f); string(b) != s {
				t.Errorf("%q changed %s", args, filepath.Base(f))
			}
		}
	}
}
