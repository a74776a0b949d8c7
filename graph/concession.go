package graph

import (
	"cmp"
	"slices"
)

// Move is what one party would have to concede on a demand.
type Move struct {
	Party    int
	From     Position // Oppose or Neutral
	Strength Strength // of the stance it would leave
	// ToNeutral is how many steps along oppose → neutral → support the
	// party must move for the demand to carry no opposition (1 for an
	// opposer, 0 for a neutral party); ToSupport is how many to support it.
	ToNeutral, ToSupport int
	// Cost and SupportCost weigh those steps by strength: each step costs
	// Strength.Weight() (soft 1, firm 2, red-line 3).
	Cost, SupportCost int
	// RedLine flags a red-line stance: by the party's own word it does not
	// move, so its cost is a floor, not a price.
	RedLine bool
}

// Conditional is a stance on the demand that holds only if other demands
// hold too.
type Conditional struct {
	Party    int
	Position Position
	On       []Condition // in the order of the stance's condition
}

// Condition is one demand a conditional stance waits on, and who among
// the parties opposes it.
type Condition struct {
	Demand   int
	Opposers []int
}

// Ruled is a demand that cannot be agreed together with the one asked
// about, and who among the parties supports it.
type Ruled struct {
	Demand     int
	Supporters []int
}

// Concession is the answer of Concessions.
type Concession struct {
	Demand int
	Among  []int
	// Supporters, by party index; Unknown are the parties with no recorded
	// stance, whose move nobody can price.
	Supporters, Unknown []int
	// Moves are the opposers and the neutral parties, opposers first, each
	// group by cost, highest first, then by party.
	Moves []Move
	// Cost is the total to carry no opposition: Σ Move.Cost. SupportCost is
	// the total for every party with a stance to support it.
	Cost, SupportCost int
	// RedLines are the opposers holding a red line, by party index.
	RedLines []int
	// Conditional lists the stances of the parties on the demand that wait
	// on other demands, by party.
	Conditional []Conditional
	// RulesOut lists the demands this one excludes, with their supporters
	// among the parties, by demand.
	RulesOut []Ruled
}

// Carries reports whether the demand carries among the parties on the
// record: every one of them has a stance on it and none opposes it. A
// party with no recorded stance might oppose it, so silence is not consent.
func (c Concession) Carries() bool { return !c.Opposed() && len(c.Unknown) == 0 }

// Opposed reports whether some party opposes the demand.
func (c Concession) Opposed() bool {
	for _, mv := range c.Moves {
		if mv.From == Oppose {
			return true
		}
	}
	return false
}

// Undecided are the parties whose stance decides whether the demand
// carries: when nobody opposes it, those with no recorded stance (Unknown),
// by party index; when somebody does, none.
func (c Concession) Undecided() []int {
	if c.Opposed() {
		return nil
	}
	return c.Unknown
}

// Concessions says what it would take for demand d to carry no opposition
// among parties (sorted, no repeats; all parties when nil): who must move,
// how far along oppose → neutral → support, at what cost by strength, which
// opposers hold red lines, which stances wait on conditions (with who
// opposes those), and which demands agreeing d would rule out.
// Deterministic. Cost O(P log D) plus the conditions.
func Concessions(m *Model, d int, parties []int) Concession {
	if parties == nil {
		parties = allParties(m)
	}
	c := Concession{Demand: d, Among: slices.Clone(parties)}
	for _, p := range parties {
		pos := m.Position(p, d)
		if pos == Unknown {
			c.Unknown = append(c.Unknown, p)
			continue
		}
		s, _ := m.Stance(p, d)
		if len(s.Condition) > 0 {
			cond := Conditional{Party: p, Position: pos}
			for _, id := range s.Condition {
				x, ok := m.demandIdx[id]
				if !ok {
					continue
				}
				var against []int
				for _, q := range parties {
					if m.Position(q, x) == Oppose {
						against = append(against, q)
					}
				}
				cond.On = append(cond.On, Condition{Demand: x, Opposers: against})
			}
			c.Conditional = append(c.Conditional, cond)
		}
		wt := s.Strength.Weight()
		switch pos {
		case Support:
			c.Supporters = append(c.Supporters, p)
		case Oppose:
			mv := Move{Party: p, From: Oppose, Strength: s.Strength, ToNeutral: 1, ToSupport: 2,
				Cost: wt, SupportCost: 2 * wt, RedLine: s.Strength == RedLine}
			c.Moves = append(c.Moves, mv)
			c.Cost += mv.Cost
			c.SupportCost += mv.SupportCost
			if mv.RedLine {
				c.RedLines = append(c.RedLines, p)
			}
		case Neutral:
			mv := Move{Party: p, From: Neutral, Strength: s.Strength, ToSupport: 1, SupportCost: wt}
			c.Moves = append(c.Moves, mv)
			c.SupportCost += mv.SupportCost
		}
	}
	slices.SortStableFunc(c.Moves, func(a, b Move) int {
		return cmp.Or(cmp.Compare(b.ToNeutral, a.ToNeutral), cmp.Compare(b.SupportCost, a.SupportCost))
	})
	for _, x := range m.excludes[d] {
		r := Ruled{Demand: x}
		for _, p := range parties {
			if m.Position(p, x) == Support {
				r.Supporters = append(r.Supporters, p)
			}
		}
		c.RulesOut = append(c.RulesOut, r)
	}
	return c
}
