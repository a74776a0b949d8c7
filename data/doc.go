// Package data reads and writes parley's file formats — the YAML or JSON
// scenario file and, for stance tables, CSV — and holds the scenarios
// embedded in the binary. Every mistake in a file is reported with its
// position, all of them in one run. A CSV stance table is streamed: read in
// blocks on every core, never held whole, falling back to the exact reader
// whenever there is something to report. It builds graph.Models and knows
// nothing of the terminal.
package data
