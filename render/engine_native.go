package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// ErrNativeNotFound is native Graphviz asked for and not installed.
var ErrNativeNotFound = errors.New("native Graphviz was not found")

// Native lays out with the system's Graphviz: its dot program, one
// process per layout. A whole native run of the embedded map costs a
// seventh of what the embedded engine's start alone does (WebAssembly
// decoded, validated and loaded from its cache on every process: 28 ms of
// CPU), and there is no compilation cache to fill. Graphviz 2.42 (Debian 12's) and later are
// known to work; parley's DOT is the same for both engines and the
// drawings differ in coordinates only. Safe for concurrent use.
type Native struct {
	// Path is the dot executable.
	Path string
	// Timeout bounds each layout; 0 means DefaultTimeout.
	Timeout time.Duration
	// CacheDir, when set, is where Native keeps a plugin configuration for
	// this Graphviz that loads its layouts and its core outputs only (see
	// trimPlugins): without the font and image libraries Graphviz draws a
	// small graph about five times faster (the Riyadh map: 3 ms of CPU
	// instead of 14)
	// and measures text by its own tables, as the embedded engine does.
	// "" runs dot as installed, and so does a configuration that cannot
	// be made or fails its trial.
	CacheDir string

	once    sync.Once
	plugins string // GVBINDIR for dot; "" for none
}

// Run lays dot out with the named layout (dot -K) and returns the output
// format (dot -T): svg, json or xdot.
func (n *Native) Run(ctx context.Context, dot []byte, layout, format string) ([]byte, error) {
	if !slices.Contains(engineLayouts, layout) || !slices.Contains(engineFormats, format) {
		return nil, fmt.Errorf("%w: cannot lay out %q as %q", ErrEngineFailed, layout, format)
	}
	timeout := n.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	env := os.Environ()
	if n.CacheDir != "" && os.Getenv("GVBINDIR") == "" {
		n.once.Do(func() { n.plugins = trimPlugins(ctx, n.Path, n.CacheDir) })
		if n.plugins != "" {
			env = append(env, "GVBINDIR="+n.plugins)
		}
	}
	out, stderr, err := runChild(ctx, n.Path, []string{"-K" + layout, "-T" + format}, env, dot, layout, timeout)
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		msg := graphvizError(stderr)
		if msg == "" {
			msg = ee.String()
		}
		return nil, fmt.Errorf("%w: native Graphviz (%s): %s", ErrEngineFailed, n.Path, msg)
	}
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: native Graphviz (%s) wrote nothing for the %s layout", ErrEngineFailed, n.Path, layout)
	}
	if format == "svg" {
		out = normalizeNativeSVG(out)
	}
	return out, nil
}

// Close does nothing: a native layout leaves no process behind.
func (n *Native) Close() error { return nil }

// The layouts and formats the engines are asked for.
var (
	engineLayouts = []string{"dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage", "patchwork"}
	engineFormats = []string{"svg", "json", "xdot"}
)

// graphvizError is the line of Graphviz's standard error that says what
// went wrong: the first "Error:" line, else the last line. Warnings about
// fonts and the like come first and are passed over.
func graphvizError(stderr string) string {
	for _, l := range strings.Split(stderr, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "Error:") || strings.HasPrefix(l, "Format:") {
			return l
		}
	}
	if s := strings.TrimSpace(stderr); s != "" {
		return lastLine(s)
	}
	return ""
}

// normalizeNativeSVG writes what older Graphviz (2.42) writes differently
// from the embedded one, where only the spelling differs: no paint is
// "none", not "transparent" (which SVG 1.1 does not know), and a point
// list, the last attribute of the shapes that have one, ends without a
// space. Attribute values never hold a raw quote, so these match
// attributes only.
func normalizeNativeSVG(svg []byte) []byte {
	svg = bytes.ReplaceAll(svg, []byte(` fill="transparent"`), []byte(` fill="none"`))
	svg = bytes.ReplaceAll(svg, []byte(` stroke="transparent"`), []byte(` stroke="none"`))
	return bytes.ReplaceAll(svg, []byte(` "/>`), []byte(`"/>`))
}

// trimPlugins returns a folder (under cacheDir) holding a copy of the
// plugin configuration of the Graphviz at dot with the core plugin (SVG,
// JSON, xdot) and the layout plugins only, for dot's GVBINDIR; "" when it
// cannot make one that works.
//
// Graphviz loads every plugin its configuration lists when it starts,
// Pango, Cairo, fontconfig and the image libraries among them, which is
// most of its time on a small graph; parley uses none of them (it writes
// its own SVG frame and paints PNG itself). The folder is made once per
// version of dot and of its configuration: later runs only stat two files.
func trimPlugins(ctx context.Context, dot, cacheDir string) string {
	st, err := os.Stat(dot)
	if err != nil || prepareCache(cacheDir) != nil {
		return ""
	}
	h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d\x00%d", dot, st.Size(), st.ModTime().UnixNano())))
	dir := filepath.Join(cacheDir, "plugins-"+hex.EncodeToString(h[:8]))
	stamp := filepath.Join(dir, "source")
	// The stamp names the configuration copied and its size and time.
	if b, err := os.ReadFile(stamp); err == nil {
		if f := strings.SplitN(string(b), "\n", 2); len(f) == 2 && f[1] == fileStamp(f[0]) && f[1] != "" {
			if f[0] == "none" {
				return ""
			}
			return dir
		}
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	made := func() string {
		config := nativeConfigPath(ctx, dot, "")
		if config == "" {
			return ""
		}
		src, err := os.ReadFile(config)
		if err != nil {
			return ""
		}
		trimmed := keepPlugins(string(src), filepath.Dir(config), "core", "dot_layout", "neato_layout")
		if trimmed == "" || os.MkdirAll(dir, 0o700) != nil || writeAtomic(filepath.Join(dir, filepath.Base(config)), []byte(trimmed)) != nil {
			return ""
		}
		// The trial: every layout parley uses, as SVG and JSON, with a
		// label to measure; and dot must read the copy, not its own.
		if nativeConfigPath(ctx, dot, dir) != filepath.Join(dir, filepath.Base(config)) {
			return ""
		}
		for _, try := range [][2]string{{"dot", "svg"}, {"neato", "json"}, {"sfdp", "svg"}, {"fdp", "json"}, {"circo", "svg"}} {
			cmd := exec.CommandContext(ctx, dot, "-K"+try[0], "-T"+try[1])
			cmd.Env = append(os.Environ(), "GVBINDIR="+dir)
			setProcessGroup(cmd) // dies with parley
			cmd.Stdin = strings.NewReader(`digraph { a [label="Trial – Проба"]; a -> b }`)
			out, err := cmd.Output()
			if err != nil || !bytes.Contains(out, []byte("Trial")) {
				return ""
			}
		}
		return config
	}
	config := made()
	if config == "" {
		// Remember that this Graphviz runs as installed, unless the trial
		// was cut short.
		if ctx.Err() == nil && os.MkdirAll(dir, 0o700) == nil {
			writeAtomic(stamp, []byte("none\n"+fileStamp("none")))
		}
		return ""
	}
	writeAtomic(stamp, []byte(config+"\n"+fileStamp(config)))
	return dir
}

// fileStamp is a file's size and modification time, "" when it has none;
// "none" stamps the executable alone.
func fileStamp(path string) string {
	if path == "none" {
		return "-"
	}
	st, err := os.Stat(path)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%d %d", st.Size(), st.ModTime().UnixNano())
}

// nativeConfigPath asks dot -v which plugin configuration it loads, with
// GVBINDIR set to bindir unless bindir is "".
func nativeConfigPath(ctx context.Context, dot, bindir string) string {
	cmd := exec.CommandContext(ctx, dot, "-v", "-Tsvg")
	setProcessGroup(cmd)
	cmd.Stdin = strings.NewReader("digraph { a }")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if bindir != "" {
		cmd.Env = append(os.Environ(), "GVBINDIR="+bindir)
	}
	if cmd.Run() != nil {
		return ""
	}
	// "The plugin configuration file:\n\t/usr/lib/.../config6a\n\t\twas successfully loaded."
	_, rest, ok := strings.Cut(stderr.String(), "The plugin configuration file:")
	if !ok {
		return ""
	}
	lines := strings.SplitN(strings.TrimLeft(rest, "\r\n"), "\n", 3)
	if len(lines) < 2 || !strings.Contains(lines[1], "successfully loaded") {
		return ""
	}
	return strings.TrimSpace(lines[0])
}

// keepPlugins returns the blocks of a Graphviz plugin configuration whose
// plugin is one of names, their libraries given with absolute paths
// (relative ones are under libdir); "" when one of names is missing.
func keepPlugins(config, libdir string, names ...string) string {
	var b strings.Builder
	found := map[string]bool{}
	keep := false
	for _, line := range strings.SplitAfter(config, "\n") {
		if line != "" && line[0] != ' ' && line[0] != '\t' && line[0] != '#' && line[0] != '}' && strings.HasSuffix(strings.TrimSpace(line), "{") {
			f := strings.Fields(line)
			keep = len(f) == 3 && slices.Contains(names, f[1])
			if keep {
				found[f[1]] = true
				lib := f[0]
				if !filepath.IsAbs(lib) {
					lib = filepath.Join(libdir, lib)
				}
				line = lib + " " + f[1] + " {\n"
			}
		}
		if keep {
			b.WriteString(line)
			if strings.HasPrefix(line, "}") {
				keep = false
			}
		}
	}
	if len(found) != len(names) {
		return ""
	}
	return b.String()
}

// writeAtomic writes a file under a temporary name and renames it, so that
// another parley never reads it half written.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// NativeVersion runs dot -V and returns the Graphviz version it reports,
// such as "2.43.0".
func NativeVersion(ctx context.Context, path string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "-V")
	setProcessGroup(cmd)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s -V: %v", path, err)
	}
	f := strings.Fields(out.String())
	for i, w := range f {
		if w == "version" && i+1 < len(f) {
			return f[i+1], nil
		}
	}
	return "", fmt.Errorf("%s -V: no Graphviz version in %q", path, strings.TrimSpace(out.String()))
}

// Auto lays out with native Graphviz and, should it fail on a graph (a
// broken installation, a missing plugin, a version without JSON output, a
// crash), with the embedded engine from then on, saying so once through
// Notify. A layout that runs out of time is not tried again. Safe for
// concurrent use.
type Auto struct {
	Native *Native
	// Embedded returns the embedded engine, looked for on first need only.
	Embedded func() (*Engine, error)
	// Notify, when set, is told in one line that the embedded engine took
	// over, and why.
	Notify func(string)

	mu       sync.Mutex
	emb      *Engine
	fellBack bool
}

// Run lays dot out with native Graphviz, or with the embedded engine
// once native Graphviz has failed.
func (a *Auto) Run(ctx context.Context, dot []byte, layout, format string) ([]byte, error) {
	a.mu.Lock()
	fellBack := a.fellBack
	a.mu.Unlock()
	var nativeErr error
	if !fellBack {
		out, err := a.Native.Run(ctx, dot, layout, format)
		if err == nil || errors.Is(err, ErrEngineTimeout) || ctx.Err() != nil {
			return out, err
		}
		nativeErr = err
	}
	emb, err := a.embedded()
	if err != nil {
		if nativeErr != nil {
			return nil, fmt.Errorf("%w (and the embedded engine: %v)", nativeErr, err)
		}
		return nil, err
	}
	if nativeErr != nil {
		a.mu.Lock()
		if !a.fellBack && a.Notify != nil {
			a.Notify(fmt.Sprintf("%v; drawing with the embedded engine instead", nativeErr))
		}
		a.fellBack = true
		a.mu.Unlock()
	}
	return emb.Run(ctx, dot, layout, format)
}

func (a *Auto) embedded() (*Engine, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.emb != nil {
		return a.emb, nil
	}
	if a.Embedded == nil {
		return nil, ErrEngineNotFound
	}
	e, err := a.Embedded()
	if err != nil {
		return nil, err
	}
	a.emb = e
	return e, nil
}

// Close stops the embedded engine's process, if one was started.
func (a *Auto) Close() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.emb != nil {
		return a.emb.Close()
	}
	return nil
}
