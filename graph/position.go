package graph

import "fmt"

// Position is where a party stands on a demand.
type Position int8

const (
	// Unknown means no recorded stance. It is never the same as Neutral.
	Unknown Position = iota
	Support
	Oppose
	Neutral
)

// Positions lists the recorded positions in their canonical order.
var Positions = []Position{Support, Oppose, Neutral}

// Value is the position as a number: support +1, neutral 0, oppose −1
// (and 0 for Unknown, which callers must check for first).
func (p Position) Value() int {
	switch p {
	case Support:
		return 1
	case Oppose:
		return -1
	}
	return 0
}

// Known reports whether p is a recorded position.
func (p Position) Known() bool { return p != Unknown }

func (p Position) String() string {
	switch p {
	case Support:
		return "support"
	case Oppose:
		return "oppose"
	case Neutral:
		return "neutral"
	}
	return "unknown"
}

// ParsePosition reads the scenario-file words support, oppose, neutral and
// unknown.
func ParsePosition(s string) (Position, bool) {
	switch s {
	case "support":
		return Support, true
	case "oppose":
		return Oppose, true
	case "neutral":
		return Neutral, true
	case "unknown":
		return Unknown, true
	}
	return Unknown, false
}

// Strength is how hard a party holds its position.
type Strength int8

const (
	// DefaultStrength is what a stance gets when its file says nothing.
	DefaultStrength = Firm

	Soft    Strength = 1
	Firm    Strength = 2
	RedLine Strength = 3
)

// Strengths lists the strengths from weakest to strongest.
var Strengths = []Strength{Soft, Firm, RedLine}

// Weight is the strength as a number (soft 1, firm 2, red-line 3), used to
// weigh support and the cost of a concession.
func (s Strength) Weight() int { return int(s) }

func (s Strength) String() string {
	switch s {
	case Soft:
		return "soft"
	case Firm:
		return "firm"
	case RedLine:
		return "red-line"
	}
	return fmt.Sprintf("Strength(%d)", int8(s))
}

// ParseStrength reads the scenario-file words soft, firm and red-line.
func ParseStrength(s string) (Strength, bool) {
	switch s {
	case "soft":
		return Soft, true
	case "firm":
		return Firm, true
	case "red-line":
		return RedLine, true
	}
	return 0, false
}
