package render

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The Go fonts: sans-serif, close in width to the Helvetica that Graphviz
// measures text with, and part of golang.org/x/image, so no system fonts
// are needed.
var goFonts = sync.OnceValues(func() (regular, bold *sfnt.Font) {
	r, err := opentype.Parse(goregular.TTF)
	if err != nil {
		panic("render: the embedded Go Regular font does not parse: " + err.Error())
	}
	b, err := opentype.Parse(gobold.TTF)
	if err != nil {
		panic("render: the embedded Go Bold font does not parse: " + err.Error())
	}
	return r, b
})

// fontMetrics measures and hands out font faces by size, caching them. It
// is not safe for concurrent use.
type fontMetrics struct {
	faces map[faceKey]font.Face
}

type faceKey struct {
	px   int32 // size in 1/64 pixels
	bold bool
}

func newFontMetrics() *fontMetrics { return &fontMetrics{faces: map[faceKey]font.Face{}} }

// face returns the face of px pixels (at 72 dpi, points and pixels agree).
func (fm *fontMetrics) face(px float64, bold bool) font.Face {
	k := faceKey{int32(px*64 + 0.5), bold}
	if f, ok := fm.faces[k]; ok {
		return f
	}
	reg, b := goFonts()
	f := reg
	if bold {
		f = b
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: float64(k.px) / 64, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic("render: Go font face: " + err.Error())
	}
	fm.faces[k] = face
	return face
}

// width is the advance width of s at size points.
func (fm *fontMetrics) width(s string, size float64, bold bool) float64 {
	return fixedToFloat(font.MeasureString(fm.face(size, bold), printable(s)))
}

func fixedToFloat(x fixed.Int26_6) float64 { return float64(x) / 64 }

// printable drops what the painter should not draw: format characters such
// as the word joiner that keeps entities apart, and control characters.
func printable(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Cf, r) || unicode.IsControl(r) }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) || unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}
