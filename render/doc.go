// Package render turns a model into pictures and exchange formats: DOT
// (written here, byte-identical for the same input), SVG and PNG laid out by
// Graphviz, Mermaid, GraphML, JSON and a CSV stance matrix.
//
// Graphviz runs in a separate executable: parley-graphviz (package
// render/engine, Graphviz compiled to WebAssembly), which Engine starts as a
// child process for each drawing, or the system's own dot, which Native
// runs the same way; Auto prefers the second and falls back on the first.
// Linking Graphviz would cost every parley command its start-up, and a
// child can be stopped and retried. Both get the same DOT and their SVG
// differs in coordinates only. PNG is painted here, with golang.org/x/image
// and the Go fonts, from the layout Graphviz returns as JSON.
//
// Output never depends on map order. Nothing here prints or exits.
package render
