// Package engine lays out and draws one DOT graph with Graphviz, compiled to
// WebAssembly by github.com/goccy/go-graphviz and run by wazero: no system
// Graphviz, no cgo.
//
// Linking this package costs every process 25–37 ms before main (0.55 s
// with a cold compilation cache), because go-graphviz builds its engine in
// a package init, and that init panics on a damaged cache. So only the
// parley-graphviz executable imports it; parley runs that executable as a
// child process, one graph per process, and handles its failures.
package engine

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/goccy/go-graphviz"
)

// Layouts are the Graphviz layout engines parley-graphviz accepts.
var Layouts = []string{"dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage", "patchwork"}

// Formats are the outputs parley-graphviz writes: SVG, Graphviz's JSON with
// xdot drawing operations, and xdot (DOT with positions and drawing
// operations). PNG is left out on purpose: go-graphviz draws it without node
// outlines or edge lines.
var Formats = []string{"svg", "json", "xdot"}

// MaxInput bounds the DOT read from standard input.
const MaxInput = 256 << 20

// ErrGraphviz is wrapped by every failure Graphviz itself reports.
var ErrGraphviz = errors.New("graphviz")

// Render lays out the DOT source with the named layout engine and writes it
// in format to w. It is not safe for concurrent use (go-graphviz runs one
// WebAssembly module per process) and ignores ctx once Graphviz runs: a
// layout cannot be stopped in-process, only by ending the process.
func Render(ctx context.Context, dot []byte, layout, format string, w io.Writer) error {
	if !slices.Contains(Layouts, layout) {
		return fmt.Errorf("unknown layout %q (want %s)", layout, strings.Join(Layouts, ", "))
	}
	gvFormat := graphviz.Format(format)
	switch format {
	case "svg", "json":
	case "xdot":
		gvFormat = graphviz.XDOT
	default:
		return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	gv, err := graphviz.New(ctx)
	if err != nil {
		return fmt.Errorf("%w: starting: %v", ErrGraphviz, err)
	}
	defer gv.Close()
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return fmt.Errorf("%w: reading the graph: %v", ErrGraphviz, err)
	}
	if g == nil {
		return fmt.Errorf("%w: reading the graph: no graph in the input", ErrGraphviz)
	}
	defer g.Close()
	gv.SetLayout(graphviz.Layout(layout))
	var buf bytes.Buffer
	if err := gv.Render(ctx, g, gvFormat, &buf); err != nil {
		return fmt.Errorf("%w: %s layout: %v", ErrGraphviz, layout, err)
	}
	if buf.Len() == 0 {
		return fmt.Errorf("%w: %s layout wrote nothing", ErrGraphviz, layout)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// Main is the parley-graphviz command: DOT on stdin, the drawing on stdout,
// one graph per process. It returns the exit code: 0 done, 1 Graphviz or
// writing failed, 2 bad usage.
//
//	parley-graphviz -K dot -T svg < map.dot > map.svg
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("parley-graphviz", flag.ContinueOnError)
	fs.SetOutput(stderr)
	layout := fs.String("K", "dot", "layout `engine`: "+strings.Join(Layouts, ", "))
	format := fs.String("T", "svg", "output `format`: "+strings.Join(Formats, ", "))
	version := fs.Bool("V", false, "print the version and exit")
	serve := fs.Bool("serve", false, "lay out many graphs, one request after another, on standard input (parley serve's protocol)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: parley-graphviz [-K layout] [-T format] < graph.dot > drawing")
		fmt.Fprintln(stderr, "Lays out one DOT graph with Graphviz (WebAssembly, no system Graphviz); parley render runs it.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *version {
		fmt.Fprintln(stdout, "parley-graphviz (go-graphviz v0.2.10, Graphviz 12.1.2)")
		return 0
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, "parley-graphviz: reads the graph from standard input; no arguments")
		return 2
	}
	if *serve {
		if err := Serve(stdin, stdout); err != nil {
			fmt.Fprintf(stderr, "parley-graphviz: %v\n", err)
			return 1
		}
		return 0
	}
	if !slices.Contains(Layouts, *layout) || !slices.Contains(Formats, *format) {
		fmt.Fprintf(stderr, "parley-graphviz: want -K %s and -T %s\n", strings.Join(Layouts, "|"), strings.Join(Formats, "|"))
		return 2
	}
	dot, err := io.ReadAll(io.LimitReader(stdin, MaxInput+1))
	if err != nil {
		fmt.Fprintf(stderr, "parley-graphviz: reading standard input: %v\n", err)
		return 1
	}
	if len(dot) > MaxInput {
		fmt.Fprintf(stderr, "parley-graphviz: the graph is larger than %d MiB\n", MaxInput>>20)
		return 1
	}
	if err := Render(context.Background(), dot, *layout, *format, stdout); err != nil {
		fmt.Fprintf(stderr, "parley-graphviz: %v\n", err)
		return 1
	}
	return 0
}

// Serve answers layout requests read from r until r ends, one at a time,
// so that a long-lived parley (the explorer's server) pays Graphviz's start
// once instead of once a picture. A request is a line "LAYOUT FORMAT N"
// followed by N bytes of DOT; the answer is a line "ok N" followed by N
// bytes of drawing, or "error N" followed by N bytes of message. A request
// the protocol cannot read ends the loop with an error.
func Serve(r io.Reader, w io.Writer) error {
	br := bufio.NewReader(r)
	bw := bufio.NewWriter(w)
	for {
		line, err := br.ReadString('\n')
		if err == io.EOF && line == "" {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading a request: %w", err)
		}
		var layout, format string
		var n int
		if _, err := fmt.Sscanf(line, "%s %s %d\n", &layout, &format, &n); err != nil || n < 0 || n > MaxInput {
			return fmt.Errorf("a request that does not read %q: %q", "LAYOUT FORMAT N", strings.TrimSpace(line))
		}
		dot := make([]byte, n)
		if _, err := io.ReadFull(br, dot); err != nil {
			return fmt.Errorf("reading a graph: %w", err)
		}
		var out bytes.Buffer
		status := "ok"
		if err := Render(context.Background(), dot, layout, format, &out); err != nil {
			status = "error"
			out.Reset()
			out.WriteString(err.Error())
		}
		fmt.Fprintf(bw, "%s %d\n", status, out.Len())
		bw.Write(out.Bytes())
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("writing an answer: %w", err)
		}
	}
}
