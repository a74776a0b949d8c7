package graph

// PairCounts compares two parties over the demands on which both have a
// recorded stance (Shared), after Pawlak: they agree when their values
// multiply to +1 (both support or both oppose), conflict at −1, and are
// neutral at 0 (one or both neutral). Agree+Conflict+Neutral == Shared.
type PairCounts struct {
	Agree, Conflict, Neutral, Shared int
}

// Compare counts how parties x and y stand towards each other.
// Cost O(D/64) by popcount over their bitsets.
func (m *Model) Compare(x, y int) PairCounts {
	var c PairCounts
	m.pos.eachShared(x, y, func(_ int, a, b []uint64) {
		for w := range blockWords {
			sa, oa, na := a[w], a[w+blockWords], a[w+2*blockWords]
			sb, ob, nb := b[w], b[w+blockWords], b[w+2*blockWords]
			c.Shared += popcount((sa | oa | na) & (sb | ob | nb))
			c.Agree += popcount(sa&sb | oa&ob)
			c.Conflict += popcount(sa&ob | oa&sb)
		}
	})
	c.Neutral = c.Shared - c.Agree - c.Conflict
	return c
}
