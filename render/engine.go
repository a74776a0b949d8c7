package render

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultTimeout is how long a layout may run before the engine is stopped.
const DefaultTimeout = 60 * time.Second

// Errors of the Graphviz engine. parley exits 1 on each.
var (
	ErrEngineNotFound = errors.New("the Graphviz engine parley-graphviz was not found")
	ErrEngineTimeout  = errors.New("the Graphviz layout ran out of time")
	ErrEngineFailed   = errors.New("the Graphviz engine failed")
)

// Layouter lays a DOT graph out with Graphviz and returns it in format
// (svg, json or xdot). *Engine is parley's; a test may lay out in-process.
type Layouter interface {
	Run(ctx context.Context, dot []byte, layout, format string) ([]byte, error)
}

// Engine runs the parley-graphviz executable, one child process per
// drawing. It keeps the engine's compilation cache in its own folder,
// repairs a damaged one by itself, stops a layout that runs past Timeout
// (the child and anything it started), and runs one layout at a time.
// Safe for concurrent use.
type Engine struct {
	// Path is the parley-graphviz executable.
	Path string
	// CacheDir is where the engine keeps its compiled WebAssembly (about
	// 6 MB): the child's TMPDIR. "" runs every layout uncached (about half
	// a second more).
	CacheDir string
	// Timeout bounds each layout; 0 means DefaultTimeout.
	Timeout time.Duration
	// Notify, when set, is told what the engine had to do about its cache,
	// in one line.
	Notify func(string)
	// Env is added to the child's environment (a test runs its own binary
	// as the engine this way).
	Env []string
	// Persistent keeps one engine process for many layouts (parley-graphviz
	// -serve) instead of one per drawing, for a long-lived caller such as
	// the explorer's server: a layout then costs Graphviz alone, not the
	// 25–40 ms of an engine's start. Graphviz's memory only grows, so the
	// process is replaced after MaxLayouts layouts or MaxBytes of graphs
	// and drawings; a layout past Timeout stops it, and the next starts a
	// new one. Call Close when done.
	Persistent bool
	// MaxLayouts and MaxBytes bound a persistent engine's work before it is
	// replaced; 0 means DefaultMaxLayouts and DefaultMaxBytes.
	MaxLayouts int
	MaxBytes   int64

	mu   sync.Mutex
	proc *engineProc
}

// Bounds of a persistent engine's life: go-graphviz keeps about 160 KB
// for each 100-node layout and never returns it.
const (
	DefaultMaxLayouts = 500
	DefaultMaxBytes   = 256 << 20
)

// Run lays out dot with the named Graphviz layout and returns the output
// format: svg, json or xdot. Cost: one child process, 25–40 ms on a warm
// cache plus the layout; about 0.6 s more when the cache is cold.
func (e *Engine) Run(ctx context.Context, dot []byte, layout, format string) ([]byte, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	timeout := e.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if e.Persistent {
		out, err := e.runPersistent(ctx, dot, layout, format, timeout)
		if err == nil || !errors.Is(err, errProcLost) {
			return out, err
		}
		// The persistent engine could not start or died: lay this graph
		// out the one-shot way, which repairs the cache when it has to.
	}
	return e.runOnce(ctx, dot, layout, format, timeout)
}

func (e *Engine) runOnce(ctx context.Context, dot []byte, layout, format string, timeout time.Duration) ([]byte, error) {
	tmp, cleanup := e.tempDir()
	defer cleanup()
	out, err := e.run(ctx, dot, layout, format, tmp, timeout)
	var ce *crashError
	if err == nil || !errors.As(err, &ce) || ctx.Err() != nil {
		return out, err
	}
	// The engine died before or while starting: most often a compilation
	// cache another process cut short or another user owns. Start afresh.
	if e.CacheDir != "" && tmp == e.CacheDir {
		if rerr := os.RemoveAll(filepath.Join(tmp, "go-graphviz")); rerr == nil {
			e.notify("the Graphviz engine failed on its cache (damaged, or no room left?); removed it and tried again")
			if out, err = e.run(ctx, dot, layout, format, tmp, timeout); err == nil || !errors.As(err, &ce) {
				return out, err
			}
		}
	}
	// A folder go-graphviz cannot make its cache in runs it uncached.
	uncached := filepath.Join(os.DevNull, "parley-graphviz")
	fresh, ferr := freshTempDir()
	if ferr != nil {
		fresh = uncached
	} else {
		defer os.RemoveAll(fresh)
	}
	e.notify("the Graphviz engine could not use its cache; ran it without one")
	out, err = e.run(ctx, dot, layout, format, fresh, timeout)
	if err != nil && errors.As(err, &ce) && fresh != uncached && ctx.Err() == nil {
		// The temporary folder failed too (a full disk): no cache at all.
		out, err = e.run(ctx, dot, layout, format, uncached, timeout)
	}
	return out, err
}

func (e *Engine) notify(msg string) {
	if e.Notify != nil {
		e.Notify(msg)
	}
}

// tempDir returns the TMPDIR for the child: the cache folder when it is
// ours and writable, else a fresh folder removed afterwards.
func (e *Engine) tempDir() (string, func()) {
	if e.CacheDir != "" {
		if err := prepareCache(e.CacheDir); err == nil {
			return e.CacheDir, func() {}
		} else {
			e.notify(fmt.Sprintf("cannot use the engine cache %s (%v); running without it", e.CacheDir, err))
		}
	}
	fresh, err := freshTempDir()
	if err != nil {
		return filepath.Join(os.DevNull, "parley-graphviz"), func() {}
	}
	return fresh, func() { os.RemoveAll(fresh) }
}

// freshTempDir makes a temporary folder for an uncached engine, named with
// parley's process id, and first removes those of parleys no longer
// running: a parley killed outright cannot remove its own.
func freshTempDir() (string, error) {
	ents, _ := os.ReadDir(os.TempDir())
	for _, ent := range ents {
		rest, ok := strings.CutPrefix(ent.Name(), "parley-graphviz-")
		pid, err := strconv.Atoi(strings.Split(rest, "-")[0])
		if ok && err == nil && ent.IsDir() && pid != os.Getpid() && !processAlive(pid) {
			os.RemoveAll(filepath.Join(os.TempDir(), ent.Name()))
		}
	}
	return os.MkdirTemp("", "parley-graphviz-"+strconv.Itoa(os.Getpid())+"-")
}

// prepareCache makes the cache folder (private to the user) and checks
// that it and the engine's folder in it belong to this user and can be
// written; a folder that fails is removed and made anew once.
func prepareCache(dir string) error {
	check := func() error {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
		for _, d := range []string{dir, filepath.Join(dir, "go-graphviz")} {
			if err := ownedAndWritable(d); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
		return nil
	}
	if err := check(); err == nil {
		return nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	return check()
}

// ownedAndWritable reports an error when dir belongs to another user or
// a file cannot be made in it.
func ownedAndWritable(dir string) error {
	st, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s is not a folder", dir)
	}
	if !ownedByMe(st) {
		return fmt.Errorf("%s belongs to another user", dir)
	}
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return err
	}
	f.Close()
	return os.Remove(f.Name())
}

// crashError is an engine that died rather than reporting a Graphviz
// error: a panic (a damaged cache) or a signal.
type crashError struct{ msg string }

func (e *crashError) Error() string { return e.msg }
func (e *crashError) Unwrap() error { return ErrEngineFailed }

const maxStderr = 16 << 10

func (e *Engine) run(ctx context.Context, dot []byte, layout, format, tmp string, timeout time.Duration) ([]byte, error) {
	env := append(engineEnv(os.Environ(), tmp), e.Env...)
	out, stderr, err := runChild(ctx, e.Path, []string{"-K", layout, "-T", format}, env, dot, layout, timeout)
	var ee *exec.ExitError
	if err == nil || !errors.As(err, &ee) {
		return out, err
	}
	if ee.ExitCode() == 1 && !strings.Contains(stderr, "panic:") {
		return nil, fmt.Errorf("%w: %s", ErrEngineFailed, strings.TrimPrefix(lastLine(stderr), "parley-graphviz: "))
	}
	first := firstPanicLine(stderr)
	if first == "" {
		first = ee.String()
	}
	return nil, &crashError{fmt.Sprintf("%v: %s", ErrEngineFailed, first)}
}

// runChild runs a layout program with dot on its standard input and
// returns its standard output, stopping it (and whatever it started) when
// ctx ends or timeout passes. A program that ran and failed is an
// *exec.ExitError, with what it wrote on its standard error.
func runChild(ctx context.Context, path string, args, env []string, dot []byte, layout string, timeout time.Duration) ([]byte, string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Stdin = bytes.NewReader(dot)
	var stdout bytes.Buffer
	stderr := &limitedBuffer{max: maxStderr}
	cmd.Stdout, cmd.Stderr = &stdout, stderr
	cmd.Env = env
	setProcessGroup(cmd)
	cmd.WaitDelay = 2 * time.Second
	err := cmd.Run()
	if err == nil {
		return stdout.Bytes(), stderr.String(), nil
	}
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return nil, "", fmt.Errorf("%w: the %s layout ran past the %s timeout and was stopped; try --layout sfdp, a smaller view, or a longer --timeout",
			ErrEngineTimeout, layout, timeout)
	case ctx.Err() != nil:
		return nil, "", fmt.Errorf("%w: stopped: %v", ErrEngineFailed, context.Cause(ctx))
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return nil, "", fmt.Errorf("%w: cannot run %s: %v", ErrEngineFailed, path, err)
	}
	return nil, stderr.String(), err
}

// engineEnv is the child's environment: TMPDIR set to the cache, and the
// garbage collector held back (the engine lives for one layout) unless
// the user set it.
func engineEnv(env []string, tmp string) []string {
	out := make([]string, 0, len(env)+3)
	gc, limit := false, false
	for _, kv := range env {
		switch {
		case strings.HasPrefix(kv, "TMPDIR="):
			continue
		case strings.HasPrefix(kv, "GOGC="):
			gc = true
		case strings.HasPrefix(kv, "GOMEMLIMIT="):
			limit = true
		}
		out = append(out, kv)
	}
	// The engine watches for its parent's death where the system cannot
	// tell it (see cmd/parley-graphviz).
	out = append(out, "TMPDIR="+tmp, "PARLEY_GRAPHVIZ_PARENT="+strconv.Itoa(os.Getpid()))
	if !gc && !limit {
		out = append(out, "GOGC=off", "GOMEMLIMIT=1GiB")
	}
	return out
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

func firstPanicLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "panic:") {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

// limitedBuffer keeps the first max bytes written to it. Safe for
// concurrent use: a persistent engine's stderr is read while it is written.
type limitedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.max - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (b *limitedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var _ io.Writer = (*limitedBuffer)(nil)

// errProcLost is a persistent engine that could not be started or died
// mid-answer; Run falls back to a one-shot engine.
var errProcLost = errors.New("the persistent Graphviz engine was lost")

// engineProc is a running parley-graphviz -serve.
type engineProc struct {
	cmd     *exec.Cmd
	cancel  context.CancelFunc
	stdin   io.WriteCloser
	stdout  *bufio.Reader
	stderr  *limitedBuffer
	tmp     func() // removes the TMPDIR made for it, if any
	layouts int
	bytes   int64
}

func (e *Engine) startProc() (*engineProc, error) {
	tmp, cleanup := e.tempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, e.Path, "-serve")
	env := engineEnv(os.Environ(), tmp)
	// A long-lived engine collects its garbage as usual.
	env = slices.DeleteFunc(env, func(kv string) bool { return kv == "GOGC=off" || kv == "GOMEMLIMIT=1GiB" })
	cmd.Env = append(env, e.Env...)
	setProcessGroup(cmd)
	cmd.WaitDelay = 2 * time.Second
	p := &engineProc{cmd: cmd, cancel: cancel, stderr: &limitedBuffer{max: maxStderr}, tmp: cleanup}
	cmd.Stderr = p.stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		cancel()
		cleanup()
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		cleanup()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		cancel()
		cleanup()
		return nil, fmt.Errorf("%w: cannot run %s: %v", ErrEngineFailed, e.Path, err)
	}
	p.stdin, p.stdout = in, bufio.NewReaderSize(out, 1<<16)
	return p, nil
}

// stop ends the process: gently when it is idle (its input closed), at
// once otherwise.
func (p *engineProc) stop(gently bool) {
	if gently {
		p.stdin.Close()
		done := make(chan struct{})
		go func() { p.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			p.cancel()
			<-done
		}
	} else {
		p.cancel()
		p.cmd.Wait()
	}
	p.cancel()
	p.tmp()
}

type procAnswer struct {
	out []byte
	err error
}

func (e *Engine) runPersistent(ctx context.Context, dot []byte, layout, format string, timeout time.Duration) ([]byte, error) {
	if e.proc == nil {
		p, err := e.startProc()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errProcLost, err)
		}
		e.proc = p
	}
	p := e.proc
	answer := make(chan procAnswer, 1)
	go func() {
		out, err := p.exchange(dot, layout, format)
		answer <- procAnswer{out, err}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	var a procAnswer
	select {
	case a = <-answer:
	case <-timer.C:
		e.dropProc()
		<-answer
		return nil, fmt.Errorf("%w: the %s layout ran past the %s timeout and was stopped; try --layout sfdp, a smaller view, or a longer --timeout",
			ErrEngineTimeout, layout, timeout)
	case <-ctx.Done():
		// Graphviz cannot be interrupted: the engine goes with the request.
		e.dropProc()
		<-answer
		return nil, fmt.Errorf("%w: stopped: %v", ErrEngineFailed, context.Cause(ctx))
	}
	if a.err != nil {
		e.dropProc()
		if errors.Is(a.err, ErrEngineFailed) {
			return nil, a.err
		}
		return nil, fmt.Errorf("%w: %v", errProcLost, a.err)
	}
	p.layouts++
	p.bytes += int64(len(dot) + len(a.out))
	maxLayouts, maxBytes := e.MaxLayouts, e.MaxBytes
	if maxLayouts <= 0 {
		maxLayouts = DefaultMaxLayouts
	}
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if p.layouts >= maxLayouts || p.bytes >= maxBytes {
		e.proc = nil
		p.stop(true)
	}
	return a.out, nil
}

// exchange sends one request and reads its answer. A Graphviz error is
// ErrEngineFailed; anything else means the process is unusable.
func (p *engineProc) exchange(dot []byte, layout, format string) ([]byte, error) {
	w := bufio.NewWriterSize(p.stdin, 1<<16)
	fmt.Fprintf(w, "%s %s %d\n", layout, format, len(dot))
	w.Write(dot)
	if err := w.Flush(); err != nil {
		return nil, p.died(err)
	}
	line, err := p.stdout.ReadString('\n')
	if err != nil {
		return nil, p.died(err)
	}
	var status string
	var n int
	if _, err := fmt.Sscanf(line, "%s %d\n", &status, &n); err != nil || n < 0 || (status != "ok" && status != "error") {
		return nil, fmt.Errorf("an answer that does not read: %q", strings.TrimSpace(line))
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(p.stdout, body); err != nil {
		return nil, p.died(err)
	}
	if status == "error" {
		return nil, fmt.Errorf("%w: %s", ErrEngineFailed, strings.TrimPrefix(string(body), "parley-graphviz: "))
	}
	return body, nil
}

// died describes a process that stopped answering, with its last words.
func (p *engineProc) died(err error) error {
	if msg := firstPanicLine(p.stderr.String()); msg != "" {
		return fmt.Errorf("%s", msg)
	}
	if msg := strings.TrimSpace(p.stderr.String()); msg != "" {
		return fmt.Errorf("%s", lastLine(msg))
	}
	return err
}

func (e *Engine) dropProc() {
	if e.proc != nil {
		e.proc.stop(false)
		e.proc = nil
	}
}

// Close stops a persistent engine's process, if one runs. The Engine
// may be used again afterwards (a new process starts).
func (e *Engine) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.proc != nil {
		e.proc.stop(true)
		e.proc = nil
	}
	return nil
}
