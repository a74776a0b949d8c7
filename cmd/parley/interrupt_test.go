//go:build unix

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptLeavesNothing stops parley render with Ctrl-C (SIGINT) while
// its engine runs: the half-written output must be gone, the engine and what
// it started stopped, and the exit code 1.
func TestInterruptLeavesNothing(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// The test binary runs as parley under that name (see TestMain).
	parley := filepath.Join(dir, "parley")
	if err := os.Symlink(exe, parley); err != nil {
		t.Fatal(err)
	}
	pidFile := filepath.Join(dir, "engine.pid")
	engine := filepath.Join(dir, "slow-engine")
	script := "#!/bin/sh\necho $$ > " + pidFile + "\nsleep 30\n"
	if err := os.WriteFile(engine, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out", "map.svg")
	os.Mkdir(filepath.Dir(out), 0o755)
	cmd := exec.Command(parley, "render", "-o", out)
	cmd.Env = append(os.Environ(), "PARLEY_GRAPHVIZ="+engine, "XDG_CACHE_HOME="+filepath.Join(dir, "cache"))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait for the engine to run, with the temporary output open.
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := os.Stat(pidFile); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("the engine never started; stderr: %s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	// The output is written aside (on Linux in a file without a name):
	// nothing by its name yet.
	if ents, _ := os.ReadDir(filepath.Dir(out)); len(ents) > 1 || len(ents) == 1 && !strings.HasSuffix(ents[0].Name(), ".tmp") {
		t.Fatalf("more than a temporary output while rendering: %v", ents)
	}
	cmd.Process.Signal(os.Interrupt)
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitFailure {
		t.Errorf("exit %v, want %d; stderr: %s", err, exitFailure, stderr.String())
	}
	if ents, _ := os.ReadDir(filepath.Dir(out)); len(ents) != 0 {
		t.Errorf("left behind: %v", ents)
	}
	b, _ := os.ReadFile(pidFile)
	var pid int
	for _, c := range strings.TrimSpace(string(b)) {
		pid = pid*10 + int(c-'0')
	}
	time.Sleep(100 * time.Millisecond)
	if pid > 0 && syscall.Kill(pid, 0) == nil {
		if st, _ := os.ReadFile("/proc/" + strings.TrimSpace(string(b)) + "/stat"); !strings.Contains(string(st), ") Z ") {
			syscall.Kill(pid, syscall.SIGKILL)
			t.Errorf("the engine (pid %d) still runs", pid)
		}
	}
}
