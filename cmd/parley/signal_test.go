//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// failingWriter fails every write as a full disk does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

// TestWriteErrors: every command that prints, help and cobra's own output
// included, exits 1 with a message when its output cannot be written.
func TestWriteErrors(t *testing.T) {
	for _, args := range [][]string{
		{"validate"},
		{"help", "scenario"},
		{"--help"},
		{"list", "parties"},
		{"who", "opposes", "nato-membership", "--format", "csv"},
		{"export"},
		{"render", "--format", "dot"},
		{"completion", "bash"},
	} {
		var errOut strings.Builder
		code := Main(args, &IO{In: strings.NewReader(""), Out: failingWriter{}, ErrOut: &errOut})
		if code != exitFailure || errOut.String() != "parley: cannot write to standard output: no space left on device\n" {
			t.Errorf("%q to a full disk: exit %d, stderr %q", args, code, errOut.String())
		}
	}
}

// parleyCommand runs the test binary as parley (see TestMain).
func parleyCommand(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	parley := filepath.Join(dir, "parley")
	if err := os.Symlink(exe, parley); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(parley, args...)
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+filepath.Join(dir, "cache"))
	return cmd
}

// TestWriteErrorsForReal: standard output that is /dev/full, or a pipe
// whose reader has gone, is exit 1 with a message, not a silent 0 or a
// death by SIGPIPE.
func TestWriteErrorsForReal(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full")
	}
	defer full.Close()
	for _, args := range [][]string{{"validate"}, {"help", "scenario"}} {
		cmd := parleyCommand(t, args...)
		cmd.Stdout = full
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitFailure || !strings.Contains(stderr.String(), "no space left on device") {
			t.Errorf("%q > /dev/full: %v, stderr %q", args, err, stderr.String())
		}
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	cmd := parleyCommand(t, "export")
	cmd.Stdout = w
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err = cmd.Run()
	w.Close()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitFailure || !strings.Contains(stderr.String(), "broken pipe") {
		t.Errorf("export to a closed pipe: %v, stderr %q", err, stderr.String())
	}
}

// bigTable writes a stance matrix of parties × demands.
func bigTable(t *testing.T, parties, demands int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "big.csv")
	var b strings.Builder
	b.WriteString("party")
	for d := range demands {
		fmt.Fprintf(&b, ",d%d", d)
	}
	b.WriteString("\n")
	for p := range parties {
		fmt.Fprintf(&b, "p%d", p)
		for d := range demands {
			b.WriteString([]string{",+", ",-", ",0"}[(p*7+d*3)%3])
		}
		b.WriteString("\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSignalsStopAnything: SIGTERM and Ctrl-C stop parley whatever it is
// doing — an export to standard output that waits on its reader, a long
// read from a standard input that never ends, a long analysis — with exit
// 1 and a message, at once rather than when the work would be done.
func TestSignalsStopAnything(t *testing.T) {
	table := bigTable(t, 300, 300)
	for _, tc := range []struct {
		sig  os.Signal
		args []string
	}{
		{syscall.SIGTERM, []string{"--data", table, "export"}},
		{os.Interrupt, []string{"--data", table, "export", "--format", "yaml"}},
		{syscall.SIGTERM, []string{"--data", "-", "list", "parties"}},
		{os.Interrupt, []string{"--data", bigTable(t, 3000, 40), "conflicts"}},
	} {
		cmd := parleyCommand(t, tc.args...)
		stdin, feed, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer feed.Close()
		cmd.Stdin = stdin
		// A pipe nobody reads: the export fills it and waits for ever.
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stdout = w
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		w.Close()
		stdin.Close()
		time.Sleep(500 * time.Millisecond)
		sent := time.Now()
		cmd.Process.Signal(tc.sig)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		var werr error
		select {
		case werr = <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
			t.Fatalf("%q: still running 10 s after %v", tc.args, tc.sig)
		}
		took := time.Since(sent)
		r.Close()
		var ee *exec.ExitError
		if !errors.As(werr, &ee) || ee.ExitCode() != exitFailure || !strings.Contains(stderr.String(), "parley: interrupted") {
			t.Errorf("%q after %v: %v, stderr %q", tc.args, tc.sig, werr, stderr.String())
		}
		t.Logf("%q: stopped %v after %v", tc.args, took, tc.sig)
	}
}
