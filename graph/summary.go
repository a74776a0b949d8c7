package graph

// Defaults of SummaryOptions.
const (
	// DefaultTop is how many contested demands, alliances and conflicts a
	// Summary keeps.
	DefaultTop = 5
	// DefaultRedLines is how many red-line stances a Summary keeps.
	DefaultRedLines = 50
)

// SummaryOptions tune Summarize. The zero value is the default.
type SummaryOptions struct {
	Top        int // 0 means DefaultTop
	RedLines   int // 0 means DefaultRedLines
	Coalitions CoalitionOptions
	Ground     GroundOptions
}

// Summary is the overview of a scenario.
type Summary struct {
	Meta                      Meta
	Parties, Demands, Sources int
	Support, Oppose, Neutral  int // stances in force, by position
	ConflictDegree            float64
	Contested                 []DemandConflict // the most contested demands, by Con(v)
	Blocs                     Partition
	Alliances, Conflicts      []Pair   // the strongest pairs of each relation
	Ground                    Ground   // of all the parties
	RedLines                  []Stance // the first, by party, then demand
	// How many there are of each before the cut.
	ContestedTotal, AlliancesTotal, ConflictsTotal, RedLinesTotal int
}

// Summarize gathers the overview of a scenario: counts, Con(S) and the
// most contested demands (MostContested), the blocs (Coalitions), the
// strongest alliances (MostAllied, relation alliance only) and conflicts
// (MostConflicting, relation conflict only), the common ground of all
// parties, and the red-line stances by party, then demand.
// Deterministic. Cost: that of Pairs, Coalitions and CommonGround.
func Summarize(m *Model, opts SummaryOptions) Summary {
	top := opts.Top
	if top <= 0 {
		top = DefaultTop
	}
	s := Summary{Meta: m.meta, Parties: len(m.parties), Demands: len(m.demands), Sources: len(m.sources)}
	s.Support, s.Oppose, s.Neutral = m.Counts()

	dcs := DemandConflicts(m, nil)
	s.ConflictDegree = ConflictDegree(dcs)
	contested := MostContested(dcs)
	s.ContestedTotal = len(contested)
	for _, i := range contested[:min(top, len(contested))] {
		s.Contested = append(s.Contested, dcs[i])
	}

	pairs := Pairs(m, nil)
	co := opts.Coalitions
	co.Parties, co.Pairs = nil, pairs
	s.Blocs = Coalitions(m, co)

	ranked := make([]Pair, len(pairs))
	copy(ranked, pairs)
	SortPairs(ranked, MostAllied)
	for _, p := range ranked {
		if p.Relation == Alliance {
			if s.AlliancesTotal < top {
				s.Alliances = append(s.Alliances, p)
			}
			s.AlliancesTotal++
		}
	}
	SortPairs(ranked, MostConflicting)
	for _, p := range ranked {
		if p.Relation == Conflict {
			if s.ConflictsTotal < top {
				s.Conflicts = append(s.Conflicts, p)
			}
			s.ConflictsTotal++
		}
	}

	s.Ground = CommonGround(m, allParties(m), opts.Ground)
	limit := opts.RedLines
	if limit <= 0 {
		limit = DefaultRedLines
	}
	s.RedLines, s.RedLinesTotal = RedLines(m, limit)
	return s
}

// RedLines returns the first limit red-line stances in force, by party,
// then demand, and how many there are in all. Cost O(S).
func RedLines(m *Model, limit int) (first []Stance, total int) {
	for p := range m.parties {
		cs := m.partyCells(p) // a bare position is never a red line
		for i := range cs {
			if cs[i].pos != Unknown && cs[i].str == RedLine {
				if total < limit {
					first = append(first, m.stance(p, &cs[i]))
				}
				total++
			}
		}
	}
	return first, total
}
