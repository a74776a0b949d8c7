// Package data reads and writes parley's file formats — the YAML or JSON
// scenario file and, for stance tables, CSV — and holds the scenarios
// embedded in the binary. Every mistake in a file is reported with its
// position, all of them in one run. It builds graph.Models and knows nothing
// of the terminal.
package data
