//go:build race

package render_test

// raceEnabled: the tests run under the race detector.
const raceEnabled = true
