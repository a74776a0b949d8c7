// Package graph holds parley's model of a negotiation — parties, demands and
// the stance of each party on each demand — and every analysis over it.
//
// A Model is immutable once built and safe for concurrent use. The stances
// themselves — the party–demand graph — live in an indexed core (ids mapped
// to ints, per-party stance bitsets per demand), because every question asked
// of them is a count or a neighbourhood that bitsets answer in microseconds,
// and a general graph of a million stance edges would cost seconds and
// hundreds of megabytes to build. github.com/dominikbraun/graph holds the
// graphs its algorithms serve: the demand graph of excludes and conditions
// (cycles, what a demand waits on), built lazily on first use, and the
// party graph of positive pair weights whose components split the coalition
// search. Nothing here prints or knows a file format.
//
// The analyses are plain functions over a Model — Pairs and MeasurePair
// (Pawlak's distance, Cohen's kappa), DemandConflicts, Coalitions,
// CommonGround, Concessions, Summarize — each documented with its cost; they
// only read the model, so they are safe for concurrent use, and their
// answers never depend on map order or scheduling.
package graph
