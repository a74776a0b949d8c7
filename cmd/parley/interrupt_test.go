//go:build unix

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptLeavesNothing stops parley render with Ctrl-C (SIGINT) while
// its engine runs: the half-written output must be gone, the engine and what
// it started stopped, and the exit code 1.
func TestInterruptLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "engine.pid")
	engine := filepath.Join(dir, "slow-engine")
	script := "#!/bin/sh\necho $$ > " + pidFile + "\nsleep 30\n"
	if err := os.WriteFile(engine, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out", "map.svg")
	os.Mkdir(filepath.Dir(out), 0o755)
	cmd := parleyCommand(t, "render", "-o", out)
	cmd.Env = append(cmd.Env, "PARLEY_ENGINE=embedded", "PARLEY_GRAPHVIZ="+engine)
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
	err := cmd.Wait()
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

// TestKilledParleyLeavesNothing kills parley outright (kill -9) while its
// engine lays out: the engine must die with it, and no temporary output
// stay behind.
func TestKilledParleyLeavesNothing(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the kernel kills the engine with parley on Linux; elsewhere the engine watches (TestEngineWatchesParent)")
	}
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "engine.pid")
	engine := filepath.Join(dir, "slow-engine")
	if err := os.WriteFile(engine, []byte("#!/bin/sh\necho $$ > "+pidFile+"\nexec sleep 30\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out", "map.svg")
	os.Mkdir(filepath.Dir(out), 0o755)
	cmd := parleyCommand(t, "render", "-o", out)
	cmd.Env = append(cmd.Env, "PARLEY_ENGINE=embedded", "PARLEY_GRAPHVIZ="+engine)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pid := waitForPid(t, pidFile, cmd)
	cmd.Process.Kill()
	cmd.Wait()
	if !gone(pid, 2*time.Second) {
		syscall.Kill(pid, syscall.SIGKILL)
		t.Errorf("the engine (pid %d) outlived parley", pid)
	}
	if ents, _ := os.ReadDir(filepath.Dir(out)); len(ents) != 0 {
		t.Errorf("left behind: %v", ents)
	}
}

// TestEngineWatchesParent: parley-graphviz started by a parley that dies
// exits by itself, where the kernel is not asked to kill it. Its parent
// here is a shell that names itself as the parley and exits.
func TestEngineWatchesParent(t *testing.T) {
	engine := filepath.Join(builtEngine(t), "parley-graphviz")
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "engine.pid")
	fifo := filepath.Join(dir, "never")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	// The engine waits for a DOT graph that never comes; the FIFO is held
	// open by the test so that it never ends either.
	hold, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Close()
	script := `PARLEY_GRAPHVIZ_PARENT=$$ "$1" -K dot -T svg < "$2" & echo $! > "$3"; sleep 1`
	sh := exec.Command("/bin/sh", "-c", script, "sh", engine, fifo, pidFile)
	sh.Env = append(os.Environ(), "TMPDIR="+dir)
	if err := sh.Run(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	if !gone(pid, 3*time.Second) {
		syscall.Kill(pid, syscall.SIGKILL)
		t.Errorf("the engine (pid %d) outlived its parent", pid)
	}
}

// waitForPid waits for a fake engine to write its pid.
func waitForPid(t *testing.T, pidFile string, cmd *exec.Cmd) int {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if b, err := os.ReadFile(pidFile); err == nil && len(b) > 0 && b[len(b)-1] == '\n' {
			pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
			return pid
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the engine never started")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// gone waits up to d for the process pid to end (a zombie counts as ended).
func gone(pid int, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if syscall.Kill(pid, 0) != nil {
			return true
		}
		if st, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat"); strings.Contains(string(st), ") Z ") {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}
