package render

import "testing"

// Graphviz's JSON writer doubles the backslashes of a text and cuts it to
// its old length; the painter takes the label the DOT held instead.
func TestLayoutTextRepair(t *testing.T) {
	x := xform{labels: []string{"Title\nsub", `He said "no" \N \\ -->`, `\\ two`, "plain"}}
	for _, tc := range []struct{ in, want string }{
		{`He said "no" \\N \\\\ --`, `He said "no" \N \\ -->`},
		{`\\\\ tw`, `\\ two`},
		{"plain", "plain"},
		{`not \\ known`, `not \ known`},
	} {
		if got := x.text(tc.in); got != tc.want {
			t.Errorf("text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
