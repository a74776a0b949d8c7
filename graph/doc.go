// Package graph holds parley's model of a negotiation — parties, demands and
// the stance of each party on each demand — and every analysis over it.
//
// A Model is immutable once built and safe for concurrent use. Counting runs
// on an indexed core (ids mapped to ints, per-party stance bitsets); the graph
// structure (stances, excludes and conditions between demands) is kept in
// github.com/dominikbraun/graph, built lazily and only where an algorithm
// needs it. Nothing here prints or knows a file format.
//
// The analyses are plain functions over a Model — Pairs and MeasurePair
// (Pawlak's distance, Cohen's kappa), DemandConflicts, Coalitions,
// CommonGround, Concessions, Summarize — each documented with its cost; they
// only read the model, so they are safe for concurrent use, and their
// answers never depend on map order or scheduling.
package graph
