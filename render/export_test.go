package render

import (
	"fmt"
	"image/png"
	"io"
)

// CheckCacheForTest exposes the cache check to the external tests.
func CheckCacheForTest(dir string) error { return prepareCache(dir) }

// PaintLayoutForTest paints a picture from Graphviz JSON already laid out,
// as WritePNG does after running the engine, and encodes it as PNG.
func PaintLayoutForTest(p *Picture, layout []byte, w io.Writer) error {
	main, err := layoutDrawing(layout, p.scene.labels())
	if err != nil {
		return err
	}
	fm := newFontMetrics()
	f := newFrame(main.w, main.h, legendDrawing(p.legend(), fm))
	return png.Encode(w, paintFrame(f, main, fm).img)
}

// DOTForTest is the DOT the engine is given.
func DOTForTest(p *Picture) []byte { return p.dot() }

// ShapesForTest describes the shapes WritePNG paints from a layout, one
// line each, without their positions and sizes.
func ShapesForTest(p *Picture, layout []byte) ([]string, error) {
	d, err := layoutDrawing(layout, p.scene.labels())
	if err != nil {
		return nil, err
	}
	out := make([]string, len(d.shapes))
	for i, s := range d.shapes {
		out[i] = fmt.Sprintf("%d fill %v stroke %v width %g dash %v text %q size %g bold %t anchor %c",
			s.kind, s.fill, s.stroke, s.width, s.dash, s.text, s.size, s.bold, s.anchor)
	}
	return out, nil
}
