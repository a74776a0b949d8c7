package main

import (
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/parley/parley/graph"
)

// filterFlags narrow a scenario for every command: big vote tables are
// easier to read a slice at a time.
type filterFlags struct {
	// note, when set, is told when a --parties entry names a person and
	// stands for their party.
	note    func(string)
	parties []string
	tags    []string
	since   string
	until   string
}

func (f *filterFlags) register(fs *pflag.FlagSet) {
	fs.StringSliceVar(&f.parties, "parties", nil, "keep only these `PARTIES` (comma-separated ids, names or aliases, or people who speak for them)")
	fs.StringSliceVar(&f.tags, "tags", nil, "keep only demands with one of these `TAGS` (comma-separated, any case)")
	fs.StringVar(&f.since, "since", "", "keep only demands dated on or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.StringVar(&f.until, "until", "", "keep only demands dated on or before `DATE`")
}

func (f *filterFlags) active() bool {
	return len(f.parties) > 0 || len(f.tags) > 0 || f.since != "" || f.until != ""
}

// apply returns m narrowed by the flags; m itself when none is set.
func (f *filterFlags) apply(m *graph.Model) (*graph.Model, error) {
	if !f.active() {
		return m, nil
	}
	var keepParty, keepDemand func(int) bool
	if len(f.parties) > 0 {
		keep := map[int]bool{}
		for _, q := range f.parties {
			r, err := m.ResolveParty(q)
			if err != nil {
				return nil, usagef("--parties: %v", err)
			}
			if r.Person != "" && f.note != nil {
				f.note(speaksFor(m, r))
			}
			keep[r.Party] = true
		}
		keepParty = func(p int) bool { return keep[p] }
	}
	var since, until graph.Date
	var err error
	if f.since != "" {
		if since, err = graph.ParseDate(f.since); err != nil {
			return nil, usagef("--since: %v", err)
		}
	}
	if f.until != "" {
		if until, err = graph.ParseDate(f.until); err != nil {
			return nil, usagef("--until: %v", err)
		}
	}
	if !since.IsZero() && !until.IsZero() && !since.In(until) {
		return nil, usagef("--until %s is before --since %s: no date is in between", f.until, f.since)
	}
	if len(f.tags) > 0 || f.since != "" || f.until != "" {
		tags := map[string]bool{}
		for _, t := range f.tags {
			tags[tagKey(t)] = true
		}
		if len(f.tags) > 0 {
			if err := checkTags(m, f.tags); err != nil {
				return nil, err
			}
		}
		keepDemand = func(d int) bool {
			dm := m.Demands()[d]
			if len(tags) > 0 && !slices.ContainsFunc(dm.Tags, func(t string) bool { return tags[tagKey(t)] }) {
				return false
			}
			if !since.IsZero() && (dm.Date.IsZero() || dm.Date.Before(since)) {
				return false
			}
			if !until.IsZero() && (dm.Date.IsZero() || !dm.Date.In(until)) {
				return false
			}
			return true
		}
	}
	return m.Select(keepParty, keepDemand), nil
}

// narrow applies the filters and then drops what they leave without a
// stance (graph.Model.WithoutSilent) — the two Yemens and Zanzibar after
// --since 2000, which every analysis would otherwise list as blocs of one —
// returning the ids it dropped: what every
// command and the explorer's API answer on.
func (f *filterFlags) narrow(m *graph.Model) (*graph.Model, []string, []string, error) {
	m, err := f.apply(m)
	if err != nil || !f.active() {
		return m, nil, nil, err
	}
	m, parties, demands := m.WithoutSilent()
	return m, parties, demands, nil
}

// tagKey compares tags loosely: "Human rights" and "human-rights" are one.
func tagKey(t string) string { return graph.Slug(t) }

// checkTags refuses a tag no demand has, listing those that exist.
func checkTags(m *graph.Model, want []string) error {
	have := map[string]string{}
	for _, d := range m.Demands() {
		for _, t := range d.Tags {
			have[tagKey(t)] = t
		}
	}
	var all []string
	for _, t := range have {
		all = append(all, t)
	}
	slices.Sort(all)
	for _, t := range want {
		if _, ok := have[tagKey(t)]; !ok {
			if len(all) == 0 {
				return usagef("--tags: no demand has tags")
			}
			return usagef("--tags: no demand has the tag %q; the tags are: %s", t, strings.Join(all, ", "))
		}
	}
	return nil
}
