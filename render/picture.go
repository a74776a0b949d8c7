package render

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"io"
	"math"
	"strings"
)

// PNG size limits: 2 pixels a point (144 dpi) unless the picture would
// pass maxPNGSide pixels on a side or maxPNGPixels in all.
const (
	pngScale     = 2.0
	maxPNGSide   = 12000
	maxPNGPixels = 60_000_000
)

func (p *Picture) titleText() string {
	switch {
	case p.scene != nil:
		return strings.Join(append([]string{p.scene.title, p.scene.subtitle}, p.scene.notes...), " — ")
	case p.space != nil:
		return strings.Join(append([]string{p.space.title, p.space.subtitle}, p.space.notes...), " — ")
	}
	return strings.Join(append([]string{p.matrix.title, p.matrix.subtitle}, p.matrix.notes...), " — ")
}

func (p *Picture) legend() []legendItem {
	switch {
	case p.scene != nil:
		return p.scene.legend
	case p.space != nil:
		return p.space.legend()
	}
	return matrixLegend()
}

// ownDrawing is the drawing of a view parley draws itself, and its SVG
// group's id.
func (p *Picture) ownDrawing(fm *fontMetrics) (drawing, string) {
	if p.space != nil {
		return p.space.drawing(fm), "space"
	}
	return p.matrix.drawing(fm), "matrix"
}

func (p *Picture) dot() []byte {
	var b bytes.Buffer
	bw := bufio.NewWriter(&b)
	writeDOT(bw, p.scene)
	bw.Flush()
	return b.Bytes()
}

// WriteSVG writes the picture as SVG: Graphviz's drawing (run by eng) with
// the legend beside it, or for the matrix view parley's own drawing. Every
// node and edge carries its evidence as a tooltip and links only to http(s)
// sources; the result is checked with CheckSVG before it is written.
func (p *Picture) WriteSVG(ctx context.Context, eng Layouter, w io.Writer) error {
	fm := newFontMetrics()
	if p.Drawn() {
		d, id := p.ownDrawing(fm)
		f := newFrame(d.w, d.h, legendDrawing(p.legend(), fm))
		return f.writeSVG(w, p.titleText(), func(b io.Writer) error {
			if _, err := io.WriteString(b, `<g id="`+id+`" class="`+id+`">`+"\n"); err != nil {
				return err
			}
			if err := writeSVGShapes(b, d.shapes); err != nil {
				return err
			}
			_, err := io.WriteString(b, "</g>\n")
			return err
		})
	}
	out, err := eng.Run(ctx, p.dot(), p.scene.layout, "svg")
	if err != nil {
		return err
	}
	g, err := parseGraphvizSVG(undefuseSVG(out))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrEngineFailed, err)
	}
	f := newFrame(g.w, g.h, legendDrawing(p.scene.legend, fm))
	// The whole picture is checked once, Graphviz's part with it; when the
	// check fails, Graphviz's SVG alone tells whose fault it is.
	err = f.writeSVG(w, p.titleText(), func(b io.Writer) error {
		if _, err := fmt.Fprintf(b, `<svg x="0" y="0" width="%s" height="%s" viewBox="%s">`, num(g.w), num(g.h), xmlText(g.viewBox)); err != nil {
			return err
		}
		if _, err := b.Write(g.body); err != nil {
			return err
		}
		_, err := io.WriteString(b, "</svg>\n")
		return err
	})
	if ce := (checkError{}); errors.As(err, &ce) {
		if gerr := CheckSVG(out); gerr != nil {
			return fmt.Errorf("%w: the Graphviz engine's SVG: %w", ErrEngineFailed, gerr)
		}
	}
	return err
}

// ErrPaintTimeout is returned when painting a PNG runs past its timeout
// (Options.Timeout). parley exits 1 on it.
var ErrPaintTimeout = errors.New("painting the picture ran out of time")

// WritePNG paints the picture as PNG from Graphviz's layout (its JSON
// output, run by eng), with the Go fonts: the same shapes, lines, colours,
// labels and legend as the SVG. At 144 dpi, smaller for huge pictures.
// Painting stops when ctx is cancelled, returning its cause, or after
// Options.Timeout with an error wrapping ErrPaintTimeout. Cost: the pixels
// the shapes cover plus 64 × 64 for every square a line crosses; 400
// parties × 30 demands (60 million pixels) take seconds.
func (p *Picture) WritePNG(ctx context.Context, eng Layouter, w io.Writer) error {
	fm := newFontMetrics()
	var main drawing
	if p.Drawn() {
		main, _ = p.ownDrawing(fm)
	} else {
		out, err := eng.Run(ctx, p.dot(), p.scene.layout, "json")
		if err != nil {
			return err
		}
		if main, err = layoutDrawing(out, p.scene.labels()); err != nil {
			return fmt.Errorf("%w: %v", ErrEngineFailed, err)
		}
	}
	timeout := p.paintTimeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeoutCause(ctx, timeout, fmt.Errorf(
		"%w: painting the PNG ran past the %s timeout and was stopped; try SVG, a smaller view, or a longer --timeout", ErrPaintTimeout, timeout))
	defer cancel()
	f := newFrame(main.w, main.h, legendDrawing(p.legend(), fm))
	img, err := paintFrame(ctx, f, main, fm)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(ctxWriter{ctx, w}, img.img); err != nil {
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		return err
	}
	return nil
}

// ctxWriter stops writing once ctx is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(b []byte) (int, error) {
	if c.ctx.Err() != nil {
		return 0, context.Cause(c.ctx)
	}
	return c.w.Write(b)
}

// paintFrame paints the main drawing and the legend; it stops with the
// cause of ctx when ctx is done.
func paintFrame(ctx context.Context, f frame, main drawing, fm *fontMetrics) (*painter, error) {
	scale := pngScale
	scale = min(scale, maxPNGSide/f.w, maxPNGSide/f.h, math.Sqrt(maxPNGPixels/(f.w*f.h)))
	pt := newPainter(int(math.Ceil(f.w*scale)), int(math.Ceil(f.h*scale)), scale, fm)
	if err := pt.paint(ctx, main.shapes, 0, 0); err != nil {
		return nil, err
	}
	if err := pt.paint(ctx, f.legend.shapes, 0, 0); err != nil {
		return nil, err
	}
	return pt, nil
}
