//go:build race

package explorer_test

// raceEnabled: the race detector slows the server several times over, so
// the speed measurements are not taken under it.
const raceEnabled = true
