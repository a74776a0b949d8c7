package graph

import (
	"slices"
	"strings"
)

// ChangeKind says how a stance differs between two models.
type ChangeKind int

const (
	// Added: a stance where there was none.
	Added ChangeKind = iota + 1
	// Removed: no stance where there was one.
	Removed
	// Changed: another position or strength.
	Changed
	// Restated: the same position and strength on new evidence (another
	// speaker, quote, source or date).
	Restated
)

func (k ChangeKind) String() string {
	switch k {
	case Added:
		return "added"
	case Removed:
		return "removed"
	case Changed:
		return "changed"
	case Restated:
		return "restated"
	}
	return "unknown"
}

// StanceChange is one stance that differs between two models. Old is the
// zero Entry for an added stance, New for a removed one. Names are taken
// from the model that has the party or demand.
type StanceChange struct {
	Kind             ChangeKind
	Party, Demand    string // ids
	PartyName        string
	DemandName       string
	Old, New         Entry
	OldName, NewName string // the speakers' names, "" if none
}

// ModelDiff lists what differs between two models, everything sorted by id.
type ModelDiff struct {
	PartiesAdded, PartiesRemoved []string
	DemandsAdded, DemandsRemoved []string
	Stances                      []StanceChange // by party, then demand
}

// Empty reports whether the models hold the same parties, demands and stances.
func (d *ModelDiff) Empty() bool {
	return len(d.PartiesAdded)+len(d.PartiesRemoved)+len(d.DemandsAdded)+len(d.DemandsRemoved)+len(d.Stances) == 0
}

// DiffModels compares the stances in force in two models, matching parties
// and demands by id. It suits two files or one file at two dates
// (m.At(from), m.At(to)). Cost O((P+D)·log + S log D).
func DiffModels(old, new *Model) ModelDiff {
	var d ModelDiff
	d.PartiesAdded, d.PartiesRemoved = diffIDs(idsOf(old.parties, partyID), idsOf(new.parties, partyID))
	d.DemandsAdded, d.DemandsRemoved = diffIDs(idsOf(old.demands, demandID), idsOf(new.demands, demandID))

	parties := mergedIDs(idsOf(old.parties, partyID), idsOf(new.parties, partyID))
	demands := mergedIDs(idsOf(old.demands, demandID), idsOf(new.demands, demandID))
	for _, pid := range parties {
		op, okO := old.partyIdx[pid]
		np, okN := new.partyIdx[pid]
		for _, did := range demands {
			var os, ns Stance
			var hasO, hasN bool
			if od, ok := old.demandIdx[did]; ok && okO {
				os, hasO = old.Stance(op, od)
			}
			if nd, ok := new.demandIdx[did]; ok && okN {
				ns, hasN = new.Stance(np, nd)
			}
			c := StanceChange{Party: pid, Demand: did}
			switch {
			case !hasO && !hasN:
				continue
			case !hasO:
				c.Kind = Added
			case !hasN:
				c.Kind = Removed
			case os.Position != ns.Position || os.Strength != ns.Strength:
				c.Kind = Changed
			case !sameEvidence(os.Entry, ns.Entry):
				c.Kind = Restated
			default:
				continue
			}
			if hasO {
				c.Old = os.Entry
				c.OldName = speakerName(old, op, os.By)
				c.PartyName, c.DemandName = old.parties[op].Name, old.demands[os.Demand].Name
			}
			if hasN {
				c.New = ns.Entry
				c.NewName = speakerName(new, np, ns.By)
				c.PartyName, c.DemandName = new.parties[np].Name, new.demands[ns.Demand].Name
			}
			d.Stances = append(d.Stances, c)
		}
	}
	return d
}

func speakerName(m *Model, p int, by string) string {
	if by == "" {
		return ""
	}
	return m.PersonName(p, by)
}

func sameEvidence(a, b Entry) bool {
	return a.By == b.By && a.Quote == b.Quote && a.Source == b.Source && a.AsOf == b.AsOf &&
		a.Note == b.Note && slices.Equal(a.Condition, b.Condition) &&
		a.Evidence == b.Evidence && slices.Equal(a.About, b.About) && a.Inferred == b.Inferred
}

func partyID(p Party) string   { return p.ID }
func demandID(d Demand) string { return d.ID }

func idsOf[T any](xs []T, id func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	return out
}

// diffIDs returns the ids only in b (added) and only in a (removed); both
// inputs and outputs are sorted.
func diffIDs(a, b []string) (added, removed []string) {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			removed = append(removed, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			added = append(added, b[j])
			j++
		default:
			i++
			j++
		}
	}
	return added, removed
}

// mergedIDs is the sorted union of two sorted id lists.
func mergedIDs(a, b []string) []string {
	out := append(slices.Clone(a), b...)
	slices.SortFunc(out, strings.Compare)
	return slices.Compact(out)
}

// RelationChange is a pair of parties, in both models, whose relation
// (alliance, neutrality, conflict) differs.
type RelationChange struct {
	A, B                          string // ids, A < B
	Before, After                 Relation
	DistanceBefore, DistanceAfter float64
	SharedBefore, SharedAfter     int
}

// DiffRelations lists the pairs of parties present in both models whose
// relation changed, by ids. Cost O(P²·D/64).
func DiffRelations(old, new *Model) []RelationChange {
	type key struct{ a, b string }
	before := map[key]Pair{}
	for _, p := range Pairs(old, nil) {
		before[key{old.parties[p.A].ID, old.parties[p.B].ID}] = p
	}
	var out []RelationChange
	for _, p := range Pairs(new, nil) {
		k := key{new.parties[p.A].ID, new.parties[p.B].ID}
		q, ok := before[k]
		if !ok || q.Relation == p.Relation {
			continue
		}
		out = append(out, RelationChange{A: k.a, B: k.b, Before: q.Relation, After: p.Relation,
			DistanceBefore: q.Distance, DistanceAfter: p.Distance, SharedBefore: q.Shared, SharedAfter: p.Shared})
	}
	slices.SortFunc(out, func(x, y RelationChange) int {
		if c := strings.Compare(x.A, y.A); c != 0 {
			return c
		}
		return strings.Compare(x.B, y.B)
	})
	return out
}

// BlocIDs is a partition's blocs as party ids, in the partition's order.
func BlocIDs(m *Model, p Partition) [][]string {
	out := make([][]string, len(p.Blocs))
	for i, b := range p.Blocs {
		for _, x := range b.Parties {
			out[i] = append(out[i], m.parties[x].ID)
		}
	}
	return out
}

// SameBlocs reports whether two partitions group the same ids alike,
// whatever the order of their blocs.
func SameBlocs(a, b [][]string) bool {
	norm := func(bs [][]string) []string {
		var out []string
		for _, x := range bs {
			out = append(out, strings.Join(x, "\x00"))
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(norm(a), norm(b))
}
