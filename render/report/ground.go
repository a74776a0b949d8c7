package report

import "github.com/parley/parley/graph"

// Ground is the answer of common-ground: what a group of parties all
// support, what all of them have a stance on and none opposes (acceptable),
// the best packages of the latter, and what none opposes but some never
// addressed (open, naming the silent as unknown).
type Ground struct {
	// AsOf is the date the stances are resolved at: --as-of, or "" for
	// the latest.
	AsOf       string         `json:"as_of"`
	Parties    []string       `json:"parties"`
	Consensus  []GroundDemand `json:"consensus"`
	Acceptable []GroundDemand `json:"acceptable"`
	Open       []GroundDemand `json:"open"`
	Packages   []Package      `json:"packages"`
	Exact      bool           `json:"exact"`
}

// GroundDemand is a demand of the common ground: its weight in the group,
// who supports it, who is neutral and who has no recorded stance.
type GroundDemand struct {
	ID         string       `json:"id"`
	Name       string       `json:"name"`
	Weight     int          `json:"weight"`
	Supporters []string     `json:"supporters"`
	Neutral    []string     `json:"neutral"`
	Unknown    []string     `json:"unknown"`
	Stances    *[]StanceRef `json:"stances,omitempty"` // with the lists only
}

// Package is a set of acceptable demands no two of which exclude each
// other: its weight, what it leaves out, and the support it cannot count.
type Package struct {
	Demands []string `json:"demands"`
	Weight  int      `json:"weight"`
	LeftOut []string `json:"left_out"`
	Unmet   []Unmet  `json:"unmet"`
}

// Unmet is a party's support a package does not count: the stance waits on
// demands the package leaves out.
type Unmet struct {
	Party  string   `json:"party"`
	Demand string   `json:"demand"`
	Needs  []string `json:"needs"`
	Weight int      `json:"weight"`
}

// NewGround finds the common ground of parties in m with opts
// (graph.CommonGround) and describes it; with lists, the stances behind
// every demand too.
func NewGround(m *graph.Model, parties []int, opts graph.GroundOptions, lists bool) Ground {
	return groundOf(m, graph.CommonGround(m, parties, opts), lists)
}

func groundOf(m *graph.Model, g graph.Ground, lists bool) Ground {
	j := Ground{AsOf: m.AsOf().String(), Parties: nonNil(PartyIDs(m, g.Parties)), Consensus: []GroundDemand{},
		Acceptable: []GroundDemand{}, Open: []GroundDemand{}, Packages: []Package{}, Exact: g.Exact}
	for _, gd := range g.Consensus {
		j.Consensus = append(j.Consensus, groundDemand(m, gd, g.Parties, lists))
	}
	for _, gd := range g.Acceptable {
		j.Acceptable = append(j.Acceptable, groundDemand(m, gd, g.Parties, lists))
	}
	for _, gd := range g.Open {
		j.Open = append(j.Open, groundDemand(m, gd, g.Parties, lists))
	}
	for _, p := range g.Packages {
		pj := Package{Demands: nonNil(DemandIDs(m, p.Demands)), Weight: p.Weight,
			LeftOut: nonNil(DemandIDs(m, p.LeftOut)), Unmet: []Unmet{}}
		for _, u := range p.Unmet {
			pj.Unmet = append(pj.Unmet, Unmet{Party: m.Parties()[u.Party].ID, Demand: m.Demands()[u.Demand].ID,
				Needs: DemandIDs(m, u.Needs), Weight: u.Weight})
		}
		j.Packages = append(j.Packages, pj)
	}
	return j
}

func groundDemand(m *graph.Model, gd graph.GroundDemand, parties []int, lists bool) GroundDemand {
	dm := m.Demands()[gd.Demand]
	j := GroundDemand{ID: dm.ID, Name: dm.Name, Weight: gd.Weight, Supporters: nonNil(PartyIDs(m, gd.Supporters)),
		Neutral: nonNil(PartyIDs(m, gd.Neutral)), Unknown: nonNil(PartyIDs(m, gd.Unknown))}
	if lists {
		st := StancesOn(m, parties, []int{gd.Demand})
		j.Stances = &st
	}
	return j
}
