// Command parley-graphviz lays out one DOT graph with Graphviz compiled to
// WebAssembly and writes it as SVG, Graphviz JSON or xdot: the drawing
// engine "parley render" runs as a child process, so that parley itself
// starts fast and survives whatever happens to the engine.
//
//	parley-graphviz -K dot -T svg < map.dot > map.svg
package main

import (
	"os"

	"github.com/parley/parley/render/engine"
)

func main() {
	exitWithParent()
	os.Exit(engine.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
