package report

import (
	"slices"

	"github.com/parley/parley/graph"
)

// ListsLimit is the most demands a scenario may have for the analyses'
// answers to carry their demand lists and stances without being asked:
// with 200 parties × 6,000 demands those lists would run to gigabytes.
const ListsLimit = 200

// WithLists reports whether an answer carries the demand lists and the
// stances behind it: always when explain is asked for, else on scenarios
// of at most ListsLimit demands.
func WithLists(m *graph.Model, explain bool) bool {
	return explain || len(m.Demands()) <= ListsLimit
}

// PartyIDs turns party indices into ids.
func PartyIDs(m *graph.Model, ps []int) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = m.Parties()[p].ID
	}
	return out
}

// DemandIDs turns demand indices into ids.
func DemandIDs(m *graph.Model, ds []int) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = m.Demands()[d].ID
	}
	return out
}

// nonNil turns a nil slice into an empty one, so JSON shows [] not null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// mergeSorted merges sorted index lists into one sorted list.
func mergeSorted(lists ...[]int) []int {
	var out []int
	for _, l := range lists {
		out = append(out, l...)
	}
	slices.Sort(out)
	return out
}

func allIndices(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
