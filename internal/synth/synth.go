// Package synth generates random negotiation scenarios for benchmarks and
// property tests: parties drawn from a few latent blocs that mostly vote
// alike, demands most parties support (as in UN votes), some neutral and
// missing stances, exclusions and conditions. The same Config gives the
// same scenario.
package synth

import (
	"fmt"
	"math/rand/v2"

	"github.com/parley/parley/graph"
)

// Config describes a random scenario.
type Config struct {
	Parties, Demands int
	// Density is the share of party–demand cells with a recorded stance.
	Density float64
	// Blocs is the number of latent blocs; each has its own position on
	// every demand, which its members take unless Noise says otherwise.
	Blocs int
	// Support is the chance a bloc supports a demand; the rest is split
	// between oppose and neutral (two to one).
	Support float64
	// Noise is the chance a party departs from its bloc's position.
	Noise float64
	// Excludes is how many pairs of demands exclude each other.
	Excludes int
	// Strengths draws soft, firm and red-line stances alike; otherwise all
	// are firm, as votes are.
	Strengths bool
	// Evidence gives every tenth stance a speaker, a quote and a source,
	// and every fiftieth a condition on another demand.
	Evidence bool
	Seed     uint64
}

// Spec is the 50-party × 500-demand scenario the benchmarks run on.
func Spec() Config {
	return Config{Parties: 50, Demands: 500, Density: 0.8, Blocs: 4, Support: 0.6, Noise: 0.15,
		Excludes: 40, Strengths: true, Evidence: true, Seed: 1}
}

// UN is the size of the UN General Assembly votes parley is meant to
// handle: 200 parties × 6,000 demands, about 70% of cells recorded (the
// real set has 869,937 stances on 6,202 votes), most votes passed by wide
// margins, no evidence beyond the vote.
func UN() Config {
	return Config{Parties: 200, Demands: 6000, Density: 0.7, Blocs: 5, Support: 0.75, Noise: 0.1, Seed: 1}
}

// Scenario builds the model c describes.
func Scenario(c Config) *graph.Model {
	m, err := Builder(c).Build()
	if err != nil {
		panic(err) // the generator writes only valid references
	}
	return m
}

// Builder returns a builder holding the scenario c describes.
func Builder(c Config) *graph.Builder {
	rng := rand.New(rand.NewPCG(c.Seed, 0x5eed))
	b := graph.NewBuilder()
	b.SetMeta(graph.Meta{Title: fmt.Sprintf("Random scenario, %d parties × %d demands", c.Parties, c.Demands)})
	if c.Evidence {
		b.AddSource(graph.Source{ID: "record", Title: "The record"})
	}
	blocs := max(c.Blocs, 1)
	bloc := make([]int, c.Parties)
	for p := range c.Parties {
		bloc[p] = rng.IntN(blocs)
		party := graph.Party{ID: fmt.Sprintf("p%03d", p), Name: fmt.Sprintf("Party %d", p)}
		if c.Evidence {
			party.People = []graph.Person{{ID: "envoy", Name: fmt.Sprintf("Envoy of party %d", p)}}
		}
		b.AddParty(party)
	}
	excludes := make([][]string, c.Demands)
	for range c.Excludes {
		x, y := rng.IntN(c.Demands), rng.IntN(c.Demands)
		if x != y {
			excludes[x] = append(excludes[x], demandID(y))
		}
	}
	for d := range c.Demands {
		b.AddDemand(graph.Demand{ID: demandID(d), Name: fmt.Sprintf("Demand %d", d), Excludes: excludes[d]})
	}
	// Each bloc's position on each demand.
	lean := make([]graph.Position, blocs*c.Demands)
	for i := range lean {
		lean[i] = position(rng, c.Support)
	}
	n := 0
	for p := range c.Parties {
		for d := range c.Demands {
			if rng.Float64() >= c.Density {
				continue
			}
			pos := lean[bloc[p]*c.Demands+d]
			if rng.Float64() < c.Noise {
				pos = position(rng, c.Support)
			}
			str := graph.Firm
			if c.Strengths {
				str = graph.Strength(1 + rng.IntN(3))
			}
			n++
			if !c.Evidence || n%10 != 0 {
				b.SetPosition(p, d, pos, str)
				continue
			}
			e := graph.Entry{Position: pos, Strength: str, By: "envoy", Source: "record",
				Quote: fmt.Sprintf("Party %d's view on demand %d", p, d)}
			if n%50 == 0 {
				if x := rng.IntN(c.Demands); x != d {
					e.Condition = []string{demandID(x)}
				}
			}
			b.AddHistory(p, d, e)
		}
	}
	return b
}

func demandID(d int) string { return fmt.Sprintf("d%04d", d) }

// position draws support with chance support, else oppose or neutral two
// to one.
func position(rng *rand.Rand, support float64) graph.Position {
	switch r := rng.Float64(); {
	case r < support:
		return graph.Support
	case r < support+(1-support)*2/3:
		return graph.Oppose
	}
	return graph.Neutral
}
