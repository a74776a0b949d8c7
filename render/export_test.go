package render

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
)

// CheckCacheForTest exposes the cache check to the external tests.
func CheckCacheForTest(dir string) error { return prepareCache(dir) }

// PaintLayoutForTest paints a picture from Graphviz JSON already laid out,
// as WritePNG does after running the engine, and encodes it as PNG.
func PaintLayoutForTest(p *Picture, layout []byte, w io.Writer) error {
	img, err := PaintImageForTest(context.Background(), p, layout, true, false)
	if err != nil {
		return err
	}
	return png.Encode(w, img)
}

// PaintImageForTest paints a picture from Graphviz JSON already laid out;
// tiled false rasterises every fill in one piece, exact says to round in
// squares as in one piece.
func PaintImageForTest(ctx context.Context, p *Picture, layout []byte, tiled, exact bool) (*image.RGBA, error) {
	main, err := layoutDrawing(layout, p.scene.labels())
	if err != nil {
		return nil, err
	}
	fm := newFontMetrics()
	f := newFrame(main.w, main.h, legendDrawing(p.legend(), fm))
	scale := min(pngScale, maxPNGSide/f.w, maxPNGSide/f.h, math.Sqrt(maxPNGPixels/(f.w*f.h)))
	pt := newPainter(int(math.Ceil(f.w*scale)), int(math.Ceil(f.h*scale)), scale, fm)
	pt.whole, pt.floatMath = !tiled, exact
	if err := pt.paint(ctx, main.shapes, 0, 0); err != nil {
		return nil, err
	}
	if err := pt.paint(ctx, f.legend.shapes, 0, 0); err != nil {
		return nil, err
	}
	return pt.img, nil
}

// DOTForTest is the DOT the engine is given.
func DOTForTest(p *Picture) []byte { return p.dot() }

// FreshTempDirForTest makes an uncached engine's temporary folder.
func FreshTempDirForTest() (string, error) { return freshTempDir() }

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
