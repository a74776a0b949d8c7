package synth

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/parley/parley/graph"
)

// Votes is how many votes a generated table holds, by position.
type Votes struct {
	Rows, Yes, No, Abstain int
}

func (v *Votes) add(pos byte) {
	v.Rows++
	switch pos {
	case 'y':
		v.Yes++
	case 'n':
		v.No++
	default:
		v.Abstain++
	}
}

// voteWord is how a vote table writes a position.
func voteWord(pos byte) string {
	switch pos {
	case 'y':
		return "yes"
	case 'n':
		return "no"
	}
	return "abstain"
}

// WriteTable writes the scenario c describes, without evidence, as a long
// stance table with the header party,demand,vote: one row per recorded
// stance, ordered by demand as roll-call records are. It draws the parties'
// blocs and each bloc's lean the way Builder does, demand by demand, so it
// holds O(P) in memory whatever the size of the table.
func WriteTable(w io.Writer, c Config) (Votes, error) {
	rng := rand.New(rand.NewPCG(c.Seed, 0x7ab1e))
	blocs := max(c.Blocs, 1)
	bloc := make([]int, c.Parties)
	for p := range bloc {
		bloc[p] = rng.IntN(blocs)
	}
	lean := make([]byte, blocs)
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString("party,demand,vote\n")
	var v Votes
	for d := range c.Demands {
		for i := range lean {
			lean[i] = voteOf(position(rng, c.Support))
		}
		did := demandID(d)
		for p := range c.Parties {
			if rng.Float64() >= c.Density {
				continue
			}
			pos := lean[bloc[p]]
			if rng.Float64() < c.Noise {
				pos = voteOf(position(rng, c.Support))
			}
			v.add(pos)
			fmt.Fprintf(bw, "p%04d,%s,%s\n", p, did, voteWord(pos))
		}
	}
	return v, bw.Flush()
}

// voteOf is how a vote table records pos.
func voteOf(pos graph.Position) byte {
	switch pos {
	case graph.Support:
		return 'y'
	case graph.Oppose:
		return 'n'
	}
	return 'a'
}

// Congress describes a table shaped like the roll calls of a legislature
// over decades: members who sit for a few consecutive sessions each, in one
// of two chambers, voting on their own chamber's roll calls only. Most pairs
// of members never sat together, so the table is sparse: a session has a
// few hundred members out of thousands.
type Congress struct {
	Members   int     // members over the whole period
	Sessions  int     // consecutive sessions
	RollCalls int     // roll calls per session, split between the chambers
	MaxTerm   int     // the most sessions one member sits
	Presence  float64 // the share of their chamber's roll calls a member votes on
	Seed      uint64
}

// USCongress is about the size of every recorded roll call of the US
// Congress: 12,000 members, 110,000 roll calls in 55 sessions of 2,000,
// terms of 1 to 10 sessions, about 25 million votes.
func USCongress() Congress {
	return Congress{Members: 12000, Sessions: 55, RollCalls: 2000, MaxTerm: 10, Presence: 0.8, Seed: 1}
}

// Member is a generated member of a Congress: the answers its analyses
// should find.
type Member struct {
	ID         string
	Party      int     // 0 or 1: the bloc the member votes with
	Ideal      float64 // position on the one dimension votes are cast on
	Senate     bool    // the chamber
	First, Len int     // the sessions sat: First to First+Len-1
}

// The smaller chamber has a fifth of the members and votes on two fifths of
// each session's roll calls, as the US Senate does.
const (
	senateMembers   = 0.2
	senateRollCalls = 0.4
)

// Roster draws the members of c: terms from a geometric distribution
// (mostly one or two sessions, rarely MaxTerm) placed at random, party by
// coin toss, ideal points around −1 and +1 by party.
func (c Congress) Roster() []Member {
	rng := rand.New(rand.NewPCG(c.Seed, 0xc0de))
	out := make([]Member, c.Members)
	for i := range out {
		n := 1
		for n < c.MaxTerm && rng.Float64() < 0.6 {
			n++
		}
		n = min(n, c.Sessions)
		party := rng.IntN(2)
		ideal := rng.NormFloat64()*0.45 + float64(2*party-1)
		out[i] = Member{ID: fmt.Sprintf("m%05d", i), Party: party, Ideal: ideal,
			Senate: rng.Float64() < senateMembers, First: rng.IntN(c.Sessions - n + 1), Len: n}
	}
	return out
}

// WriteCongress writes the votes of c as a long table with the header
// member,rollcall,vote, ordered by roll call. Each roll call has a cut point
// and a direction; a member votes yes when their ideal point lies on its
// side, with logistic noise, and abstains now and then. It holds O(members)
// in memory and returns the members, whose parties and ideal points are the
// planted answers.
func WriteCongress(w io.Writer, c Congress) ([]Member, Votes, error) {
	ms := c.Roster()
	rng := rand.New(rand.NewPCG(c.Seed, 0xb0a7))
	bySession := make([][]int, c.Sessions)
	for i, m := range ms {
		for s := m.First; s < m.First+m.Len; s++ {
			bySession[s] = append(bySession[s], i)
		}
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString("member,rollcall,vote\n")
	var v Votes
	line := make([]byte, 0, 64)
	senateCalls := int(math.Round(float64(c.RollCalls) * senateRollCalls))
	for s := range c.Sessions {
		for r := range c.RollCalls {
			senate := r < senateCalls
			cut := rng.NormFloat64() * 0.8
			dir := 1.0
			if rng.IntN(2) == 0 {
				dir = -1
			}
			rc := "s" + strconv.Itoa(s+1) + "-" + strconv.Itoa(r+1)
			for _, i := range bySession[s] {
				m := &ms[i]
				if m.Senate != senate || rng.Float64() >= c.Presence {
					continue
				}
				var pos byte
				switch u := rng.Float64(); {
				case u < 0.01:
					pos = 'a'
				case 1/(1+math.Exp(-3*dir*(m.Ideal-cut))) > rng.Float64():
					pos = 'y'
				default:
					pos = 'n'
				}
				v.add(pos)
				line = append(line[:0], m.ID...)
				line = append(line, ',')
				line = append(line, rc...)
				line = append(line, ',')
				line = append(line, voteWord(pos)...)
				line = append(line, '\n')
				bw.Write(line)
			}
		}
	}
	return ms, v, bw.Flush()
}
