package graph

import (
	"cmp"
	"slices"
)

// issueIndex groups the demands that belong to one issue, so that pairwise
// measures can count each issue once. Demands that are issues of their own
// — every demand of a vote table — are left to the bitset counts, so a
// scenario without issues pays nothing.
type issueIndex struct {
	// groups are the issues of two or more demands: demand indices, sorted;
	// the groups in order of their first demand.
	groups [][]int
	// grouped has a demand's bit set when it is in one of groups.
	grouped []uint64
	// of maps each demand to its group in groups, or -1.
	of []int32
}

// issues returns the model's issue index, built on first use. Cost O(D log D).
func (m *Model) issues() *issueIndex {
	m.lazy.issuesOnce.Do(func() {
		ix := &issueIndex{grouped: make([]uint64, m.pos.blocks*blockWords), of: make([]int32, len(m.demands))}
		byIssue := map[string][]int{}
		for d, dm := range m.demands {
			ix.of[d] = -1
			if dm.Issue != "" {
				byIssue[dm.Issue] = append(byIssue[dm.Issue], d)
			}
		}
		for _, ds := range byIssue {
			if len(ds) > 1 {
				ix.groups = append(ix.groups, ds) // demands come in index order
			}
		}
		slices.SortFunc(ix.groups, func(a, b []int) int { return cmp.Compare(a[0], b[0]) })
		for g, ds := range ix.groups {
			for _, d := range ds {
				ix.of[d] = int32(g)
				ix.grouped[d/64] |= 1 << (d % 64)
			}
		}
		m.lazy.issues = ix
	})
	return m.lazy.issues
}

// HasIssues reports whether some issue holds two or more demands, so that
// the pairwise measures count them once rather than demand by demand.
func (m *Model) HasIssues() bool { return len(m.issues().groups) > 0 }

// IssueDemands returns the demands of the issue demand d belongs to, sorted
// by id: d alone when it is an issue of its own.
func (m *Model) IssueDemands(d int) []int {
	ix := m.issues()
	if g := ix.of[d]; g >= 0 {
		return ix.groups[g]
	}
	return []int{d}
}
