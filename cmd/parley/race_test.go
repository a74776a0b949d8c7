//go:build race

package main

import "os"

// raceEnabled: the tests run under the race detector.
const raceEnabled = true

// The race detector's runtime sleeps a second before a program exits (its
// atexit_sleep_ms, so that reports from other threads are written out
// first); every parley a script or a test starts would pay it. A race
// report is written by the thread that finds it, as it finds it, and turns
// the exit code into 66 whatever the sleep: 50 ms is ample. A GORACE the
// tests are given is kept as it is.
func init() {
	if _, ok := os.LookupEnv("GORACE"); !ok {
		os.Setenv("GORACE", "atexit_sleep_ms=50")
	}
}
