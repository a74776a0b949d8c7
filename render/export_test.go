package render

import (
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
