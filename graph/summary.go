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
	// PairsRefused is set when the parties make more pairs than PairLimit:
	// Blocs, Alliances and Conflicts are then empty (see CheckPairs).
	PairsRefused error
}

// Summarize gathers the overview of a scenario: counts, Con(S) and the
// most contested demands (MostContested), the blocs (Coalitions), the
// strongest alliances (MostAllied, relation alliance only) and conflicts
// (MostConflicting, relation conflict only), the common ground of all
// parties, and the red-line stances by party, then demand.
// The pairs are measured once, in a pass that keeps only the pairs with a
// weight for the blocs and the strongest top of each relation; parties
// making more pairs than PairLimit get no blocs, alliances or conflicts,
// and PairsRefused says why.
// Deterministic. Cost: that of Coalitions and CommonGround.
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

	if err := CheckPairs(m, nil); err != nil {
		s.PairsRefused = err
	} else {
		// One pass over the pairs feeds the blocs and the strongest of
		// each relation; no pair is kept unless it has a weight.
		parties := allParties(m)
		workers := pairWorkers(m, len(parties))
		pg := newPairGraph(m, parties, workers)
		allied, conflicting := make([]*topPairs, workers), make([]*topPairs, workers)
		for w := range workers {
			allied[w], conflicting[w] = newTopPairs(top, MostAllied), newTopPairs(top, MostConflicting)
		}
		eachPair(m, parties, workers, func(w, i, j int, p *Pair) {
			pg.add(w, i, j, p)
			switch p.Relation {
			case Alliance:
				allied[w].offer(p)
			case Conflict:
				conflicting[w].offer(p)
			}
		})
		pg.done()
		for w := 1; w < workers; w++ {
			allied[0].merge(allied[w])
			conflicting[0].merge(conflicting[w])
		}
		s.Alliances, s.AlliancesTotal = allied[0].sorted(), allied[0].total
		s.Conflicts, s.ConflictsTotal = conflicting[0].sorted(), conflicting[0].total
		s.Blocs = coalitionsOn(m, pg, opts.Coalitions)
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
