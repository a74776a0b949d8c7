// Package explorer is parley's explorer in the browser: an HTTP server that
// serves one page (HTML, CSS and plain JavaScript embedded from static/)
// and a read-only JSON API under /api/, and the same page as one
// self-contained file (WriteStandalone) that works from file:// offline.
//
// The page draws parley's own views (render) as inline SVG and asks the
// API the questions the command line answers, in the same JSON. The
// scenario comes from a function the caller hands in (cmd/parley loads and
// watches the file); the explorer never reads files or the network.
// Layouts run through one serialised Graphviz engine behind a bounded
// queue and a cache keyed by the DOT's hash; a full queue answers 503.
package explorer
