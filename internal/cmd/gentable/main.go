// Command gentable writes the generated stance tables parley's scale
// benchmarks run on: a dense P × D vote table, or a sparse one shaped like
// the roll calls of a legislature (see package synth). It is a tool for
// development, not part of parley.
//
//	go run ./internal/cmd/gentable -parties 1000 -demands 6000 > t.csv
//	go run ./internal/cmd/gentable -congress | gzip -1 > congress.csv.gz
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/parley/parley/internal/synth"
)

func main() {
	parties := flag.Int("parties", 200, "parties of a dense table")
	demands := flag.Int("demands", 6000, "demands of a dense table")
	density := flag.Float64("density", 0.7, "share of cells with a stance in a dense table")
	congress := flag.Bool("congress", false, "a sparse table shaped like the US Congress's roll calls instead")
	members := flag.Int("members", synth.USCongress().Members, "members of the sparse table")
	truth := flag.String("truth", "", "with -congress: also write each member's party and ideal point to this CSV file")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := run(*parties, *demands, *density, *congress, *members, *truth, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gentable:", err)
		os.Exit(1)
	}
}

func run(parties, demands int, density float64, congress bool, members int, truth string, seed uint64) error {
	if !congress {
		c := synth.UN()
		c.Parties, c.Demands, c.Density, c.Seed = parties, demands, density, seed
		v, err := synth.WriteTable(os.Stdout, c)
		if err == nil {
			fmt.Fprintf(os.Stderr, "gentable: %d votes (%d yes, %d no, %d abstain)\n", v.Rows, v.Yes, v.No, v.Abstain)
		}
		return err
	}
	c := synth.USCongress()
	c.Members, c.Seed = members, seed
	ms, v, err := synth.WriteCongress(os.Stdout, c)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gentable: %d members, %d roll calls, %d votes (%d yes, %d no, %d abstain)\n",
		len(ms), c.Sessions*c.RollCalls, v.Rows, v.Yes, v.No, v.Abstain)
	if truth == "" {
		return nil
	}
	f, err := os.Create(truth)
	if err != nil {
		return err
	}
	fmt.Fprintln(f, "member,party,ideal,senate,first_session,sessions")
	for _, m := range ms {
		fmt.Fprintf(f, "%s,%d,%.4f,%t,%d,%d\n", m.ID, m.Party, m.Ideal, m.Senate, m.First+1, m.Len)
	}
	return f.Close()
}
