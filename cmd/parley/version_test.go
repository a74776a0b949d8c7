package main

import (
	"runtime/debug"
	"testing"
)

func TestVersion(t *testing.T) {
	vcs := func(kv ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	tests := []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"go install @v1.2.3", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, true, "v1.2.3"},
		{"go build in a clone", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261130162101-b28832b6335e+dirty"}}, true,
			"v0.0.0-20261130162101-b28832b6335e+dirty"},
		{"a commit, no module version", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: vcs("vcs.revision", "b28832b6335e17560670c8eefff72b770b2ce49c", "vcs.time", "2026-11-30T16:21:01Z", "vcs.modified", "true")},
			true, "devel b28832b6335e 2026-11-30 (modified)"},
		{"go run", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true,
			"devel (no version recorded: go run, or go build -buildvcs=false)"},
		{"no build information", nil, false, "devel (no build information)"},
	}
	for _, tt := range tests {
		if got := version(tt.info, tt.ok); got != tt.want {
			t.Errorf("%s: version = %q, want %q", tt.name, got, tt.want)
		}
	}
}
