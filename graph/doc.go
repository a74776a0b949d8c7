// Package graph holds parley's model of a negotiation — parties, demands and
// the stance of each party on each demand — and every analysis over it.
//
// A Model is immutable once built and safe for concurrent use. Counting runs
// on an indexed core (ids mapped to ints, per-party stance bitsets); the graph
// structure (stances, excludes and conditions between demands) is kept in
// github.com/dominikbraun/graph, built lazily and only where an algorithm
// needs it. Nothing here prints or knows a file format.
package graph
