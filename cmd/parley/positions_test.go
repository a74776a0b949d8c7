package main

import (
	"strings"
	"testing"
)

// TestPositionsHead: on a terminal the table comes after what it rests on:
// how many parties are placed, the method, and each axis's share of the
// variance with the demands its two ends back.
func TestPositionsHead(t *testing.T) {
	var out, errOut strings.Builder
	code := Main([]string{"positions"}, &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, OutTTY: true, Width: 200})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{
		"3 of 7 parties placed on 2 axes; a party needs 5 recorded stances to be placed.\n",
		"Method: alternating least squares on recorded stances only",
		"Axis 1 explains 100% of the variance.\n",
		"  → the positive side backs “Ukraine recovers all its territory” (territorial-integrity, +0.67)",
		"  ← the negative side backs “US and Russian teams negotiate on the war” (us-russia-talks, -0.67)",
		"Axis 2 explains ",
		"PARTY               NAME                        AXIS 1  AXIS 2  STANCES  NOTE\n",
		"ukraine             Ukraine                     +1.00",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in\n%s", want, out.String())
		}
	}
}
