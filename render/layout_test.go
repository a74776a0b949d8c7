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
		// Native Graphviz 2.42 writes the text intact.
		{`He said "no" \N \\ -->`, `He said "no" \N \\ -->`},
		{`\\ two`, `\\ two`},
	} {
		if got := x.text(tc.in); got != tc.want {
			t.Errorf("text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Edges are painted in the node order of their ends, whatever order the
// JSON lists them in (Graphviz 2.42 and 12 differ).
func TestLayoutEdgeOrder(t *testing.T) {
	const layout = `{"bb": "0,0,100,100", "objects": [
		{"_gvid": 0, "name": "b"}, {"_gvid": 1, "name": "a"}, {"_gvid": 2, "name": "c"}],
	"edges": [
		{"_gvid": 0, "tail": 1, "head": 2, "_draw_": [{"op": "c", "color": "#000003"}, {"op": "L", "points": [[0, 0], [1, 1]]}]},
		{"_gvid": 1, "tail": 0, "head": 2, "_draw_": [{"op": "c", "color": "#000002"}, {"op": "L", "points": [[0, 0], [1, 1]]}]},
		{"_gvid": 2, "tail": 0, "head": 1, "_draw_": [{"op": "c", "color": "#000001"}, {"op": "L", "points": [[0, 0], [1, 1]]}]}]}`
	d, err := layoutDrawing([]byte(layout), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []uint8
	for _, s := range d.shapes {
		got = append(got, s.stroke.B)
	}
	if string(got) != "\x01\x02\x03" {
		t.Errorf("edges painted in the order %v, want 1 2 3", got)
	}
}
