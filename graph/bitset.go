package graph

import "math/bits"

func popcount(x uint64) int { return bits.OnesCount64(x) }

// row returns party p's support, oppose and neutral bitsets over demands.
func (m *Model) row(p int) (sup, opp, neu []uint64) {
	lo, hi := p*m.words, (p+1)*m.words
	return m.sup[lo:hi], m.opp[lo:hi], m.neu[lo:hi]
}

func trailingZeros(x uint64) int { return bits.TrailingZeros64(x) }
