// Package graph holds parley's model of a negotiation — parties, demands and
// the stance of each party on each demand — and every analysis over it.
//
// A Model is immutable once built and safe for concurrent use. The stances
// themselves — the party–demand graph — live in an indexed core (ids mapped
// to ints, per-party stance bitsets per demand), because every question asked
// of them is a count or a neighbourhood that bitsets answer in microseconds,
// and a general graph of a million stance edges would cost seconds and
// hundreds of megabytes to build. A party's bitsets are kept in blocks of
// 512 demands, only those it has a stance in, and a stance with nothing but
// a position of the default strength — every vote of a vote table — is
// those bits and nothing more; evidence and histories sit in cells apart.
// github.com/dominikbraun/graph holds the graphs its algorithms serve: the
// demand graph of excludes and conditions (cycles, what a demand waits on),
// built lazily on first use. Nothing here prints or knows a file format.
//
// The all-pairs analyses stream: the pairs are measured on every core and
// handed on one by one — to bounded heaps for the strongest, to the
// coalition search as the weights of the pairs that have one — and pairs
// whose blocks of demands never meet are not measured at all. Beyond
// PairLimit pairs they refuse (CheckPairs) rather than run for hours. Every
// search is bounded in total work and says when it stopped short: the
// package search of CommonGround, and the exact and local searches of
// Coalitions.
//
// The analyses are plain functions over a Model — Pairs and MeasurePair
// (Pawlak's distance, Cohen's kappa), DemandConflicts, Coalitions,
// CommonGround, Concessions, MapPositions, Summarize — each documented with
// its cost; they only read the model, so they are safe for concurrent use,
// and their answers never depend on map order or scheduling.
//
// Silence is never consent: a party without a recorded stance on a demand
// is left out of every comparison on it, a demand some of a group never
// addressed is open rather than common ground, and a demand carries only
// when every party is on the record. Pairwise measures count each issue
// once (Demand.Issue), so a question asked three ways weighs as one.
//
// # The position map
//
// MapPositions places the parties by a low-rank least-squares fit to the
// recorded stances only (support 1, neutral ½, oppose 0), by alternating
// least squares: each sweep solves every party's point with the demands
// fixed, then every demand's mean and loadings with the points fixed. The
// alternatives were EM-PCA, which fills the missing cells from the current
// fit and refits the whole matrix, and an item-response (ideal-point)
// model fitted by EM, as emIRT does (Imai, Lo & Olmsted 2016). The fit
// chosen has the same fixed point as EM-PCA without ever materialising a
// filled matrix — the missing cells of a vote table (a third of the UN's)
// are neither zero nor imputed, only absent from the sums — and each sweep
// is closed-form, as in emIRT's EM, at O(S·k²) for S stances, so the
// 869,937 UN votes fit in well under a second. An IRT model would fit
// lopsided votes better through its probit link, but it needs binary
// responses (ours are three-valued, and neutral is not missing), many more
// iterations, and identification by priors; the linear fit orders parties
// as ideal points do — it recovers planted spatial models of one and two
// dimensions with rank correlations above 0.98 (see positionmap_test.go)
// and puts the Western states and their opponents at the two ends of the
// UN's first axis in every decade — and its numbers read directly: a
// loading is how much more a party at +1 supports a demand than the
// average party.
package graph
