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
	sx, ox, nx := m.row(x)
	sy, oy, ny := m.row(y)
	var c PairCounts
	for w := range sx {
		px, py := sx[w]|ox[w]|nx[w], sy[w]|oy[w]|ny[w]
		c.Shared += popcount(px & py)
		c.Agree += popcount(sx[w]&sy[w] | ox[w]&oy[w])
		c.Conflict += popcount(sx[w]&oy[w] | ox[w]&sy[w])
	}
	c.Neutral = c.Shared - c.Agree - c.Conflict
	return c
}
