package report

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
)

func TestAppendJSONFloat(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	values := []float64{0, 1, -1, 0.5, 1.0 / 3, -1.0 / 3, 1e-7, 1.5e-6, 1e-6, 9.99e20, 1e21, 123456789.125, -0.0}
	for range 2000 {
		values = append(values, rng.Float64(), -rng.Float64(), rng.Float64()*math.Pow(10, float64(rng.IntN(50)-25)))
	}
	for _, f := range values {
		want, _ := json.Marshal(f)
		if got := appendJSONFloat(nil, f); !bytes.Equal(got, want) {
			t.Errorf("appendJSONFloat(%v) = %s, encoding/json writes %s", f, got, want)
		}
	}
	for _, s := range []string{"plain", "with \"quotes\" and \\", "tab\there", "<&>", "é – “x”", "\u2028", "bad \xff utf-8"} {
		var want bytes.Buffer
		_ = Write(&want, s)
		if got := appendJSONString(nil, s); !bytes.Equal(append(got, '\n'), want.Bytes()) {
			t.Errorf("appendJSONString(%q) = %s, Write writes %s", s, got, want.Bytes())
		}
	}
}
