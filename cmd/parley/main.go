// Command parley explores the positions of the parties to a negotiation:
// who supports and opposes each demand, where they agree and clash, and
// pictures of it all. Run "parley help" for the commands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], SystemIO()))
}

// stopGrace is how long a command has, after Ctrl-C or SIGTERM, to stop by
// itself (cleaning up as it goes) before parley stops it; gracefulGrace is
// the time of one that said it stops gracefully (stopsGracefully), as a
// server finishing its requests does.
const (
	stopGrace     = 50 * time.Millisecond
	gracefulGrace = 10 * time.Second
)

var graceful atomic.Bool

// stopsGracefully says that the running command stops by itself, in its
// own time, when its context is cancelled: parley then waits for it (a
// second signal still ends it at once).
func stopsGracefully() { graceful.Store(true) }

// run is Main in a process of its own. Ctrl-C or SIGTERM cancels the
// command's context; a command that has not returned stopGrace later, or a
// second signal, ends the process at once, with its temporary files
// removed (the engine, a child of its own, dies with it). A write to a
// closed pipe fails with an error, reported, rather than killing parley.
func run(args []string, s *IO) int {
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- MainContext(ctx, args, s) }()
	select {
	case code := <-done:
		return code
	case <-sigs:
	}
	cancel()
	grace := stopGrace
	if graceful.Load() {
		grace = gracefulGrace
	}
	select {
	case code := <-done:
		return code
	case <-time.After(grace):
	case <-sigs:
	}
	removeTempFiles()
	fmt.Fprintln(s.ErrOut, "parley: "+errInterrupted.Error())
	return exitFailure
}
