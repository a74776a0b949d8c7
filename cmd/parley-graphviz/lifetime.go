package main

import (
	"os"
	"strconv"
	"time"
)

// exitWithParent ends the engine when parley, which started it and named
// itself in PARLEY_GRAPHVIZ_PARENT, is gone: an engine is only ever useful
// to the parley waiting for it. On Linux the kernel kills it at once; this
// covers the systems where parley cannot ask for that.
func exitWithParent() {
	parent, err := strconv.Atoi(os.Getenv("PARLEY_GRAPHVIZ_PARENT"))
	if err != nil {
		return
	}
	if os.Getppid() != parent {
		os.Exit(1) // gone while Graphviz was being built
	}
	go func() {
		for range time.Tick(50 * time.Millisecond) {
			if os.Getppid() != parent {
				os.Exit(1)
			}
		}
	}()
}
