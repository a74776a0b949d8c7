package main

import (
	"github.com/parley/parley/graph"
)

// diffModels returns the two models a comparison is about: two files
// (OLD and NEW, each loaded like --data), or the --data scenario at two
// dates. The filter flags narrow both alike.
func (a *app) diffModels(files []string, from, to string) (before, after *graph.Model, err error) {
	switch {
	case len(files) == 2 && (from != "" || to != ""):
		return nil, nil, usagef("compare two files or two dates (--from, --to), not both")
	case len(files) == 2:
		if a.data != "" {
			return nil, nil, usagef("--data does not go with two files: compare OLD and NEW, or one --data file at two dates")
		}
		opts, err := a.options()
		if err != nil {
			return nil, nil, err
		}
		var ms [2]*graph.Model
		for i, f := range files {
			l, err := a.loadPath(f, opts)
			if err != nil {
				return nil, nil, err
			}
			at, err := a.asOfDate()
			if err != nil {
				return nil, nil, err
			}
			if ms[i], err = a.filter.apply(l.Model.At(at)); err != nil {
				return nil, nil, err
			}
		}
		return ms[0], ms[1], nil
	case len(files) != 0:
		return nil, nil, usagef("want two files, OLD and NEW")
	case from == "":
		return nil, nil, usagef("say what to compare: --from DATE (and --to DATE), or two files OLD NEW")
	}
	if a.asOf != "" {
		return nil, nil, usagef("--as-of does not go with --from and --to")
	}
	l, err := a.load()
	if err != nil {
		return nil, nil, err
	}
	fromDate, err := graph.ParseDate(from)
	if err != nil {
		return nil, nil, usagef("--from: %v", err)
	}
	var toDate graph.Date
	if to != "" {
		if toDate, err = graph.ParseDate(to); err != nil {
			return nil, nil, usagef("--to: %v", err)
		}
		if toDate.Before(fromDate) {
			return nil, nil, usagef("--to %s is before --from %s", to, from)
		}
	}
	if before, err = a.filter.apply(l.Model.At(fromDate)); err != nil {
		return nil, nil, err
	}
	if after, err = a.filter.apply(l.Model.At(toDate)); err != nil {
		return nil, nil, err
	}
	return before, after, nil
}
