package report

import (
	"fmt"
	"strings"
)

// LeftOut says what the narrowing flags left out because no stance was
// left to them, by id: "left out, as no stance is left after the filters:
// 2 parties (eu, france) and 3 demands"; "" when nothing was. The command
// line writes it on stderr after "parley: "; the explorer's API sends it
// with the answer, among the notes.
func LeftOut(parties, demands []string) string {
	var what []string
	if n := len(parties); n > 0 {
		names, more := parties, ""
		if n > 6 {
			names, more = names[:6], fmt.Sprintf(" and %d more", n-6)
		}
		what = append(what, fmt.Sprintf("%d %s (%s%s)", n, plural(n, "party", "parties"), strings.Join(names, ", "), more))
	}
	if n := len(demands); n > 0 {
		what = append(what, fmt.Sprintf("%d %s", n, plural(n, "demand", "demands")))
	}
	if len(what) == 0 {
		return ""
	}
	return "left out, as no stance is left after the filters: " + strings.Join(what, " and ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
