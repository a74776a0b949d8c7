package data

import (
	"embed"
	"io/fs"
	"slices"
	"strings"
)

// The scenarios, and the texts of their sources (file: beside them).
//
//go:embed scenarios/*.yaml scenarios/*.txt
var scenarios embed.FS

// DefaultScenario names the embedded scenario used when no file is given.
const DefaultScenario = "riyadh-2025"

// Embedded returns the source of an embedded scenario by name (without
// .yaml), and whether there is one.
func Embedded(name string) ([]byte, bool) {
	src, err := scenarios.ReadFile("scenarios/" + name + ".yaml")
	return src, err == nil
}

// EmbeddedNames lists the embedded scenarios, sorted.
func EmbeddedNames() []string {
	ents, _ := fs.ReadDir(scenarios, "scenarios")
	var out []string
	for _, e := range ents {
		if name, ok := strings.CutSuffix(e.Name(), ".yaml"); ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// LoadEmbedded loads an embedded scenario.
func LoadEmbedded(name string) (*Loaded, error) { return ParseEmbedded(name, Options{}) }

// ParseEmbedded loads an embedded scenario with opts (Strict, say); the
// files its sources name are read from beside it, embedded too.
func ParseEmbedded(name string, opts Options) (*Loaded, error) {
	src, ok := Embedded(name)
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name + ".yaml", Err: fs.ErrNotExist}
	}
	sub, err := fs.Sub(scenarios, "scenarios")
	if err != nil {
		return nil, err
	}
	opts.SourceFS = sub
	return Parse(name+".yaml", src, opts)
}
