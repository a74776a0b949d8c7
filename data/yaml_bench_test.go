package data

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/parley/parley/internal/synth"
)

// benchScenarios are the generated scenario files the loading benchmarks
// read, made once: about 20 MB of bare stances (the UN votes are 17.7 MB
// as YAML), the 400 × 9,000 table (48 MB), and 5 MB with strengths,
// speakers, quotes and conditions, as hand-made scenarios have them.
var benchScenarios = sync.OnceValue(func() map[string][]byte {
	out := map[string][]byte{}
	for name, c := range map[string]synth.Config{
		"20MB":     {Parties: 200, Demands: 6000, Density: 0.8, Blocs: 5, Support: 0.75, Noise: 0.1, Seed: 1},
		"400x9000": {Parties: 400, Demands: 9000, Density: 0.7, Blocs: 5, Support: 0.75, Noise: 0.1, Seed: 1},
		"evidence": {Parties: 100, Demands: 2000, Density: 0.7, Blocs: 4, Support: 0.6, Noise: 0.15, Excludes: 40, Strengths: true, Evidence: true, Seed: 1},
	} {
		var b bytes.Buffer
		if err := WriteScenario(&b, synth.Scenario(c)); err != nil {
			panic(err)
		}
		out[name] = b.Bytes()
	}
	return out
})

// BenchmarkLoadYAML loads generated scenario files of 5 to 48 MB; with
// -benchmem it shows the bytes allocated per load. scripts/yaml-load.sh
// measures the built binary's wall time and peak memory on the same files.
func BenchmarkLoadYAML(b *testing.B) {
	for _, name := range []string{"20MB", "400x9000", "evidence"} {
		src := benchScenarios()[name]
		b.Run(fmt.Sprintf("%s-%dMB", name, len(src)>>20), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse("bench.yaml", src, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
