// Package report holds the answers of parley's commands as values ready for
// JSON — a summary, the blocs, the pairs of parties, common ground, a
// party's or a demand's stances and the rest — built from a graph.Model.
// The command line's --format json and the browser explorer's HTTP API both
// build and write them here, so that the two cannot drift apart.
//
// Field names are stable and documented in the README. Nothing here prints
// to a terminal or exits: functions that write take an io.Writer.
package report
