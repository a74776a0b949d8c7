package main

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/render/report"
)

// findParties resolves party arguments to indices, sorted, without
// repeats; names of several words may come unquoted (graph.SplitParties),
// and an argument naming a person stands for their party, which a line on
// stderr says.
func (a *app) findParties(m *graph.Model, args []string) ([]int, error) {
	names, err := m.SplitParties(args)
	if err != nil {
		return nil, err
	}
	var out []int
	for _, q := range names {
		p, err := a.findParty(m, q)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// completeParties completes any number of PARTY arguments, leaving out
// the parties already named by an id, name or alias (or a person's) and
// the people who stand for them.
func completeParties(a *app) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(_ *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		return otherPartyCompletions(a.completeModel(), args, prefix), partyCompDirective
	}
}

// otherPartyCompletions are partyCompletions without the parties the
// queries given name exactly (by an id, name or alias, or a person's) nor
// the people who stand for them.
func otherPartyCompletions(m *graph.Model, given []string, prefix string) []string {
	named := map[int]bool{}
	for _, q := range given {
		if m == nil {
			break
		}
		if r, err := m.ResolveParty(q); err == nil && r.Exact {
			named[r.Party] = true
		}
	}
	var out []string
	for _, c := range partyChoices(m, prefix) {
		if !named[c.party] {
			out = append(out, c.id+"\t"+c.desc)
		}
	}
	return out
}

// partyIDs and demandIDs turn indices into ids, as the JSON answers do.
func partyIDs(m *graph.Model, ps []int) []string  { return report.PartyIDs(m, ps) }
func demandIDs(m *graph.Model, ds []int) []string { return report.DemandIDs(m, ds) }

// mergeSorted merges sorted index lists into one sorted list.
func mergeSorted(lists ...[]int) []int {
	var out []int
	for _, l := range lists {
		out = append(out, l...)
	}
	slices.Sort(out)
	return out
}

// writeStanceLines writes the stances of parties on demand d as aligned,
// indented lines: party, position and strength, then the evidence.
func writeStanceLines(b *strings.Builder, m *graph.Model, d int, parties []int, indent string) {
	type line struct {
		party, stance, evidence string
		condition               []string
	}
	var lines []line
	wp, ws := 0, 0
	for _, p := range parties {
		s, ok := m.Stance(p, d)
		if !ok {
			continue
		}
		l := line{m.Parties()[p].ID, fmt.Sprintf("%s, %s", s.Position, s.Strength), evidence(m, s), s.Condition}
		wp, ws = max(wp, len(l.party)), max(ws, len(l.stance))
		lines = append(lines, l)
	}
	for _, l := range lines {
		text := fmt.Sprintf("%s%-*s  %-*s  %s", indent, wp, l.party, ws, l.stance, l.evidence)
		b.WriteString(strings.TrimRight(text, " "))
		b.WriteByte('\n')
		if len(l.condition) > 0 {
			fmt.Fprintf(b, "%s%-*s  only if: %s\n", indent, wp, "", strings.Join(l.condition, ", "))
		}
	}
}

// demandTitle is "Name (id)".
func demandTitle(m *graph.Model, d int) string {
	dm := m.Demands()[d]
	return fmt.Sprintf("%s (%s)", sanitize(dm.Name, false), dm.ID)
}

// num formats a measure for text output with two decimals; "-0.00"
// reads as "0.00".
func num(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	if s == "-0.00" {
		s = "0.00"
	}
	return s
}

// signed formats an integer weight with its sign.
func signed(n int) string {
	if n > 0 {
		return fmt.Sprintf("+%d", n)
	}
	return fmt.Sprint(n)
}

// kappaText is a pair's κ with two decimals, or "—" when it is undefined
// (nothing shared, or both take one and the same position throughout).
func kappaText(p graph.Pair) string {
	if !p.HasKappa {
		return "—"
	}
	return num(p.Kappa)
}

// weightNum formats a pair weight or a sum of them: whole numbers as
// they are, others with two decimals.
func weightNum(f float64) string {
	if r := math.Round(f); math.Abs(f-r) < 1e-9 {
		if r == 0 {
			return "0"
		}
		return strconv.FormatFloat(r, 'f', 0, 64)
	}
	return num(f)
}

// signedWeight is weightNum with a sign.
func signedWeight(f float64) string {
	s := weightNum(f)
	if s == "0" || s == "0.00" || strings.HasPrefix(s, "-") {
		return s
	}
	return "+" + s
}

// joinAnd joins ids as a phrase: "a", "a and b", "a, b and c".
func joinAnd(ids []string) string {
	switch len(ids) {
	case 0:
		return ""
	case 1:
		return ids[0]
	}
	return strings.Join(ids[:len(ids)-1], ", ") + " and " + ids[len(ids)-1]
}

// joinOr joins ids with ", ", or says "none".
func joinOr(ids []string, none string) string {
	if len(ids) == 0 {
		return none
	}
	return strings.Join(ids, ", ")
}
