package data

import (
	"embed"
	"io/fs"
	"slices"
	"strings"
)

//go:embed scenarios/*.yaml
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
		out = append(out, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	slices.Sort(out)
	return out
}

// LoadEmbedded loads an embedded scenario.
func LoadEmbedded(name string) (*Loaded, error) {
	src, ok := Embedded(name)
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name + ".yaml", Err: fs.ErrNotExist}
	}
	return Parse(name+".yaml", src, Options{})
}
