package graph

import (
	"math/bits"
	"slices"
)

func popcount(x uint64) int { return bits.OnesCount64(x) }

func trailingZeros(x uint64) int { return bits.TrailingZeros64(x) }

// Positions are kept as bitsets over the demands, one bit per demand for
// each of support, oppose and neutral, cut into blocks of blockWords words
// (512 demands). A party keeps only the blocks in which it has a stance, in
// block order, so a vote table in which every party addresses every demand
// costs 3 bits a cell, and a legislature's roll calls, where a member sits
// for a few sessions of decades, cost nothing for the sessions a member
// missed — and pairs that never sat together share no block and are not
// compared at all.
const (
	blockWords = 8
	blockBits  = blockWords * 64
	// slotWords is one block of one party: its support, oppose and
	// neutral words, in that order.
	slotWords = 3 * blockWords
)

// rows holds every party's position bitsets as blocks.
type rows struct {
	blocks int     // blocks per party at most: ⌈D/512⌉
	off    []int32 // party p's blocks are slots off[p]:off[p+1]
	blk    []int32 // the block number of each slot, increasing within a party
	bits   []uint64
	// mask has bit k set for a party when it has a stance in a block b with
	// b·64/blocks = k: two parties whose masks do not meet share no demand.
	mask []uint64
}

// slots returns the range of party p's slots.
func (r *rows) slots(p int) (lo, hi int) { return int(r.off[p]), int(r.off[p+1]) }

// slot returns the slot of block b of party p, or -1. Cost O(1) for a party
// with a stance in every block, O(log B) otherwise.
func (r *rows) slot(p, b int) int {
	lo, hi := r.slots(p)
	if hi-lo == r.blocks {
		return lo + b
	}
	i, ok := slices.BinarySearch(r.blk[lo:hi], int32(b))
	if !ok {
		return -1
	}
	return lo + i
}

// words returns the support, oppose and neutral words of slot s.
func (r *rows) words(s int) (sup, opp, neu []uint64) {
	w := r.bits[s*slotWords : (s+1)*slotWords : (s+1)*slotWords]
	return w[:blockWords], w[blockWords : 2*blockWords], w[2*blockWords:]
}

// position returns party p's position on demand d. Cost that of slot.
func (r *rows) position(p, d int) Position {
	s := r.slot(p, d/blockBits)
	if s < 0 {
		return Unknown
	}
	w, bit := s*slotWords+(d/64)%blockWords, uint64(1)<<(d%64)
	switch {
	case r.bits[w]&bit != 0:
		return Support
	case r.bits[w+blockWords]&bit != 0:
		return Oppose
	case r.bits[w+2*blockWords]&bit != 0:
		return Neutral
	}
	return Unknown
}

// each calls fn for every position of party p, in demand order.
func (r *rows) each(p int, fn func(d int, pos Position)) {
	lo, hi := r.slots(p)
	for s := lo; s < hi; s++ {
		sup, opp, neu := r.words(s)
		base := int(r.blk[s]) * blockBits
		for w := range blockWords {
			for x := sup[w] | opp[w] | neu[w]; x != 0; x &= x - 1 {
				bit := uint64(1) << trailingZeros(x)
				pos := Neutral
				switch {
				case sup[w]&bit != 0:
					pos = Support
				case opp[w]&bit != 0:
					pos = Oppose
				}
				fn(base+w*64+trailingZeros(x), pos)
			}
		}
	}
}

// count returns how many positions party p has.
func (r *rows) count(p int) int {
	lo, hi := r.slots(p)
	n := 0
	for _, x := range r.bits[lo*slotWords : hi*slotWords] {
		n += popcount(x)
	}
	return n
}

// dense writes party p's bitsets over all demands into sup, opp and neu,
// which must hold ⌈D/64⌉ words each and be zero.
func (r *rows) dense(p int, sup, opp, neu []uint64) {
	lo, hi := r.slots(p)
	for s := lo; s < hi; s++ {
		ws, wo, wn := r.words(s)
		at := int(r.blk[s]) * blockWords
		n := min(blockWords, len(sup)-at)
		copy(sup[at:at+n], ws)
		copy(opp[at:at+n], wo)
		copy(neu[at:at+n], wn)
	}
}

// shareBlock reports whether parties a and b may share a demand: false
// means they certainly do not.
func (r *rows) shareBlock(a, b int) bool { return r.mask[a]&r.mask[b] != 0 }

// rowBuilder assembles rows party by party: the positions of one party are
// set in any order, then endParty stores its non-empty blocks.
type rowBuilder struct {
	r       rows
	scratch []uint64 // one party's blocks, all of them
	touched []int32  // blocks of scratch in use, unsorted
	used    []bool
}

func newRowBuilder(parties, demands int) *rowBuilder {
	blocks := (demands + blockBits - 1) / blockBits
	return &rowBuilder{
		r:       rows{blocks: blocks, off: make([]int32, 1, parties+1), mask: make([]uint64, 0, parties)},
		scratch: make([]uint64, blocks*slotWords),
		used:    make([]bool, blocks),
	}
}

// set records the current party's position on demand d; a later call for
// the same demand adds to it, so callers set each demand once.
func (b *rowBuilder) set(d int, pos Position) {
	blk := d / blockBits
	if !b.used[blk] {
		b.used[blk] = true
		b.touched = append(b.touched, int32(blk))
	}
	w := blk*slotWords + (d/64)%blockWords
	switch pos {
	case Support:
	case Oppose:
		w += blockWords
	case Neutral:
		w += 2 * blockWords
	default:
		return
	}
	b.scratch[w] |= 1 << (d % 64)
}

// copySlot adds the positions of slot s of rows src as those of the same
// block of the current party.
func (b *rowBuilder) copySlot(src *rows, s int) {
	blk := int(src.blk[s])
	if !b.used[blk] {
		b.used[blk] = true
		b.touched = append(b.touched, int32(blk))
	}
	dst := b.scratch[blk*slotWords : (blk+1)*slotWords]
	for i, x := range src.bits[s*slotWords : (s+1)*slotWords] {
		dst[i] |= x
	}
}

// endParty stores the current party's blocks and starts the next party.
func (b *rowBuilder) endParty() {
	slices.Sort(b.touched)
	var mask uint64
	for _, blk := range b.touched {
		w := b.scratch[blk*slotWords : (blk+1)*slotWords]
		empty := true
		for _, x := range w {
			if x != 0 {
				empty = false
				break
			}
		}
		if !empty {
			b.r.blk = append(b.r.blk, blk)
			b.r.bits = append(b.r.bits, w...)
			mask |= 1 << (int(blk) * 64 / b.r.blocks)
		}
		clear(w)
		b.used[blk] = false
	}
	b.touched = b.touched[:0]
	b.r.off = append(b.r.off, int32(len(b.r.blk)))
	b.r.mask = append(b.r.mask, mask)
}

// done returns the rows built.
func (b *rowBuilder) done() rows {
	r := b.r
	r.blk = slices.Clip(r.blk)
	r.bits = slices.Clip(r.bits)
	return r
}

// eachShared calls fn for every block in which both parties a and b have
// a stance, in block order, with the two slots' words.
func (r *rows) eachShared(a, b int, fn func(blk int, x, y []uint64)) {
	i, ie := r.slots(a)
	j, je := r.slots(b)
	for i < ie && j < je {
		switch ba, bb := r.blk[i], r.blk[j]; {
		case ba < bb:
			i++
		case bb < ba:
			j++
		default:
			fn(int(ba), r.bits[i*slotWords:(i+1)*slotWords], r.bits[j*slotWords:(j+1)*slotWords])
			i++
			j++
		}
	}
}

// clear removes party p's position on demand d, leaving its block in place
// even when it becomes empty.
func (r *rows) clear(p, d int) {
	if s := r.slot(p, d/blockBits); s >= 0 {
		w, bit := s*slotWords+(d/64)%blockWords, uint64(1)<<(d%64)
		r.bits[w] &^= bit
		r.bits[w+blockWords] &^= bit
		r.bits[w+2*blockWords] &^= bit
	}
}
