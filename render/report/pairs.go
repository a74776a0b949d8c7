package report

import (
	"io"

	"github.com/parley/parley/graph"
)

// Pair is two parties compared over the demands on which both have a
// stance: how many they agree, clash and are neither on, and over how many
// issues; Pawlak's distance, the relation it makes and Cohen's kappa (null
// when undefined), each issue counted once; and the pair's weights for the
// blocs, net and centred.
type Pair struct {
	A        string       `json:"a"`
	B        string       `json:"b"`
	Agree    int          `json:"agree"`
	Conflict int          `json:"conflict"`
	Neutral  int          `json:"neutral"`
	Shared   int          `json:"shared"`
	Issues   int          `json:"issues"`
	Distance float64      `json:"distance"`
	Relation string       `json:"relation"`
	Kappa    *float64     `json:"kappa"`
	Net      float64      `json:"net"`
	Centred  float64      `json:"centred"`
	Demands  *PairDemands `json:"demands,omitempty"` // with the lists only
}

// PairDemands names the demands a pair agrees, clashes and is neither on.
type PairDemands struct {
	Agree    []string `json:"agree"`
	Conflict []string `json:"conflict"`
	Neutral  []string `json:"neutral"`
}

// NewPair describes p; with lists, the demands behind its counts too.
func NewPair(m *graph.Model, p graph.Pair, lists bool) Pair {
	j := Pair{A: m.Parties()[p.A].ID, B: m.Parties()[p.B].ID, Agree: p.Agree, Conflict: p.Conflict,
		Neutral: p.Neutral, Shared: p.Shared, Issues: p.Issues, Distance: p.Distance, Relation: p.Relation.String(),
		Net: p.Net, Centred: p.Centred}
	if p.HasKappa {
		k := p.Kappa
		j.Kappa = &k
	}
	if lists {
		agree, conflict, neutral := graph.PairDemands(m, p.A, p.B)
		j.Demands = &PairDemands{nonNil(DemandIDs(m, agree)), nonNil(DemandIDs(m, conflict)), nonNil(DemandIDs(m, neutral))}
	}
	return j
}

// WritePairs writes the answer of conflicts and agreements: the conflict
// degree among the parties (nil: all), every demand with its supporters,
// opposers and neutral among them and its conflict degree — among all of
// them, and among the engaged, those with a stance — and every pair of
// them ranked by order —
// each pair as a Pair with, when lists is set, a "stances" member holding
// the pair's StanceRefs on the demands they share. The document is laid
// out as Write lays out values, but streamed: at 200 parties × 6,000
// demands it never exists whole in memory. Cost: that of graph.Pairs and
// graph.DemandConflicts, and with the lists one pass over the demands of
// every pair.
func WritePairs(w io.Writer, m *graph.Model, parties []int, order graph.PairOrder, lists bool) error {
	pairs, err := graph.RankPairs(m, parties, order, true)
	if err != nil {
		return err
	}
	pq := quoteAll(PartyIDs(m, allIndices(len(m.Parties()))))
	dq := quoteAll(DemandIDs(m, allIndices(len(m.Demands()))))
	dcs := graph.DemandConflicts(m, parties)
	s := newJSONStream(w)
	s.beginObject(false)
	s.str("as_of", m.AsOf().String())
	s.float("conflict_degree", graph.ConflictDegree(dcs))
	s.int("unshared_pairs", pairs.Unshared)
	s.bool("unshared_listed", pairs.UnsharedListed)
	s.key("demands")
	s.beginArray(false)
	for _, dc := range dcs {
		s.beginObject(true)
		s.key("id")
		s.buf = append(s.buf, dq[dc.Demand]...)
		s.ids("supporters", pq, dc.Supporters)
		s.ids("opposers", pq, dc.Opposers)
		s.ids("neutral", pq, dc.Neutral)
		s.float("conflict_degree", dc.Degree)
		s.int("engaged", dc.Engaged)
		s.float("engaged_conflict_degree", dc.EngagedDegree)
		s.endObject()
	}
	s.endArray()
	s.key("pairs")
	s.beginArray(false)
	_ = pairs.Each(func(p graph.Pair) error {
		s.beginObject(true)
		s.key("a")
		s.buf = append(s.buf, pq[p.A]...)
		s.key("b")
		s.buf = append(s.buf, pq[p.B]...)
		s.int("agree", p.Agree)
		s.int("conflict", p.Conflict)
		s.int("neutral", p.Neutral)
		s.int("shared", p.Shared)
		s.int("issues", p.Issues)
		s.float("distance", p.Distance)
		s.str("relation", p.Relation.String())
		s.optFloat("kappa", p.Kappa, p.HasKappa)
		s.float("net", p.Net)
		s.float("centred", p.Centred)
		if lists {
			agree, conflict, neutral := graph.PairDemands(m, p.A, p.B)
			s.key("demands")
			s.beginObject(false)
			s.ids("agree", dq, agree)
			s.ids("conflict", dq, conflict)
			s.ids("neutral", dq, neutral)
			s.endObject()
			shared := mergeSorted(agree, conflict, neutral)
			s.value("stances", StancesOn(m, []int{p.A, p.B}, shared))
		}
		s.endObject()
		return nil
	})
	s.endArray()
	s.endObject()
	return s.end()
}
