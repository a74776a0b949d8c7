// Command parley explores the positions of the parties to a negotiation:
// who supports and opposes each demand, where they agree and clash, and
// pictures of it all. Run "parley help" for the commands.
package main

import "os"

func main() {
	os.Exit(Main(os.Args[1:], SystemIO()))
}
