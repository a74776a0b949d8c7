package render_test

import (
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/parley/parley/render"
)

// TestPaintTiles paints a map whose lines cross many of the painter's
// squares both ways, in squares and in one piece, rounding alike: the
// squares must not show.
func TestPaintTiles(t *testing.T) {
	if testing.Short() {
		t.Skip("paints a large picture twice, in one goroutine")
	}
	p, err := render.New(bigModel(t, 40, 12), render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	layout, err := testEngine(t).Run(context.Background(), render.DOTForTest(p), "dot", "json")
	if err != nil {
		t.Fatal(err)
	}
	tiled, err := render.PaintImageForTest(context.Background(), p, layout, true, true)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := render.PaintImageForTest(context.Background(), p, layout, false, true)
	if err != nil {
		t.Fatal(err)
	}
	if sz := tiled.Bounds().Size(); sz.X < 640 || sz.Y < 640 {
		t.Fatalf("the picture is %v: too small to cross squares", sz)
	}
	worst, differ, painted := 0, 0, 0
	for i := range tiled.Pix {
		d := abs(int(tiled.Pix[i]) - int(whole.Pix[i]))
		worst = max(worst, d)
		if d > 0 {
			differ++
		}
		if whole.Pix[i] != 255 {
			painted++
		}
	}
	if worst > 2 || differ > painted/1000 {
		t.Errorf("painted in squares, %d of %d painted channels differ, by up to %d", differ, painted, worst)
	}
}

// TestPaintStops: painting stops when its context is cancelled, and at its
// own timeout, with an error that says so.
func TestPaintStops(t *testing.T) {
	m := bigModel(t, 200, 300)
	p, err := render.New(m, render.Options{View: "matrix", Timeout: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	err = p.WritePNG(context.Background(), nil, io.Discard)
	if !errors.Is(err, render.ErrPaintTimeout) {
		t.Errorf("past the timeout: %v, want ErrPaintTimeout", err)
	}
	p, _ = render.New(m, render.Options{View: "matrix"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := p.WritePNG(ctx, nil, io.Discard); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v, want context.Canceled", err)
	}
	// The squares are also what the interruption waits for at most.
	p, _ = render.New(bigModel(t, 40, 12), render.Options{})
	layout, err := testEngine(t).Run(context.Background(), render.DOTForTest(p), "dot", "json")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	if _, err := render.PaintImageForTest(ctx, p, layout, true, false); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("painting ran on past its context: %v", err)
	}
}
