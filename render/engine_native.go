package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"time"
)

// ErrNativeNotFound is native Graphviz asked for and not installed.
var ErrNativeNotFound = errors.New("native Graphviz was not found")

// Native lays out with the system's Graphviz: its dot program, one
// process per layout. A whole native run of the embedded map costs about
// what the embedded engine's start alone does (WebAssembly decoded,
// validated and loaded from its cache on every process), and there is no
// compilation cache to fill. Graphviz 2.42 (Debian 12's) and later are
// known to work; parley's DOT is the same for both engines and the
// drawings differ in coordinates only. Safe for concurrent use.
type Native struct {
	// Path is the dot executable.
	Path string
	// Timeout bounds each layout; 0 means DefaultTimeout.
	Timeout time.Duration
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
	out, stderr, err := runChild(ctx, n.Path, []string{"-K" + layout, "-T" + format}, os.Environ(), dot, layout, timeout)
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

// NativeVersion runs dot -V and returns the Graphviz version it reports,
// such as "2.43.0".
func NativeVersion(ctx context.Context, path string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "-V")
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
