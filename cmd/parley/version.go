package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// version is parley's own version, from the build information Go writes
// into every executable: the module version of a "go install
// github.com/parley/parley/cmd/parley@v1.2.3" build (or the pseudo-version
// Go derives from the commit in a clone), and otherwise the commit, its
// date and whether the tree had changes; "devel" and why when the build
// recorded none of it (go run, or -buildvcs=false).
func version(info *debug.BuildInfo, ok bool) string {
	if !ok {
		return "devel (no build information)"
	}
	v := info.Main.Version
	if v != "" && v != "(devel)" {
		return v
	}
	var rev, at string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel (no version recorded: go run, or go build -buildvcs=false)"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	out := "devel " + rev
	if t, err := time.Parse(time.RFC3339, at); err == nil {
		out += " " + t.UTC().Format("2006-01-02")
	}
	if modified {
		out += " (modified)"
	}
	return out
}

// versionText is what parley --version prints: parley's version, the Go
// that built it, the embedded drawing engine's own version line, asked of
// the engine parley render would run (it is not built for the asking), and
// native Graphviz's when its dot is on PATH.
func versionText() string {
	info, ok := debug.ReadBuildInfo()
	goVersion := runtime.Version()
	if ok {
		goVersion = info.GoVersion
	}
	var b strings.Builder
	fmt.Fprintf(&b, "parley %s, %s %s/%s\n", version(info, ok), goVersion, runtime.GOOS, runtime.GOARCH)
	b.WriteString(embeddedVersion())
	if n := nativeVersion(); n != "" {
		b.WriteString(n + "\n")
	}
	return b.String()
}

// embeddedVersion is the line of the embedded engine, parley-graphviz: its
// own version line, asked of it, or how to get it.
func embeddedVersion() string {
	var b strings.Builder
	path, err := findEngine(engineLookup{
		getenv:     os.Getenv,
		executable: os.Executable,
		lookPath:   exec.LookPath,
		getwd:      func() (string, error) { return "", os.ErrNotExist }, // find it; never build it
	}, nil)
	if err != nil {
		if wd, werr := os.Getwd(); werr == nil && moduleRoot(wd) != "" {
			b.WriteString("engine: not built yet; parley render builds it from the source here when it first needs it\n")
		} else {
			fmt.Fprintf(&b, "engine: not found (parley render needs it for SVG and PNG); %s\n", installHint)
		}
		return b.String()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out, errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, path, "-V")
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(&b, "engine: %s failed: %v %s\n", path, err, strings.TrimSpace(errOut.String()))
		return b.String()
	}
	fmt.Fprintf(&b, "engine: %s, %s\n", strings.TrimSpace(out.String()), path)
	return b.String()
}

// nativeVersion is the version line of native Graphviz's dot on PATH, which
// --engine auto draws with when it is there; "" when it is not.
func nativeVersion() string {
	path, err := exec.LookPath(nativeName)
	if err != nil {
		return ""
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "-V").CombinedOutput()
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	if err != nil || line == "" {
		return fmt.Sprintf("native: %s does not say its version (%v)", path, err)
	}
	return fmt.Sprintf("native: %s, %s (--engine auto draws with it)", line, path)
}
