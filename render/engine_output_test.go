package render_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/parley/parley/render"
)

// TestEngineOutputChecked hands WriteSVG drawings no Graphviz writes: each
// is refused as the engine's failure, and nothing is written.
func TestEngineOutputChecked(t *testing.T) {
	p, err := render.New(embedded(t), render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const head = `<?xml version="1.0"?><svg viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">`
	for _, tc := range []struct{ name, svg, want string }{
		{"script", head + `<script>alert(1)</script></svg>`, "a <script> element"},
		{"handler", head + `<g onload="alert(1)"/></svg>`, "event handler"},
		{"link", head + `<a xlink:href="javascript:alert(1)"/></svg>`, "a link to"},
		{"unclosed", head + `<g></svg>`, "not well-formed"},
		{"extra end", head + `</g></svg>`, "not well-formed"},
		{"entity", `<!DOCTYPE svg [<!ENTITY x "y">]>` + head + `&x;</svg>`, ""},
		{"no root", `<g/>`, ""},
		{"no viewBox", `<svg></svg>`, "viewBox"},
	} {
		var out bytes.Buffer
		err := p.WriteSVG(context.Background(), fixedLayout(tc.svg), &out)
		if !errors.Is(err, render.ErrEngineFailed) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want the engine's failure saying %q", tc.name, err, tc.want)
		}
		if out.Len() > 0 {
			t.Errorf("%s: wrote %d bytes", tc.name, out.Len())
		}
	}
}

// TestCheckSVGStructure: CheckSVG matches start and end elements itself.
func TestCheckSVGStructure(t *testing.T) {
	for _, tc := range []struct {
		svg string
		ok  bool
	}{
		{`<svg><g><a xlink:href="https://x.org/"/></g></svg>`, true},
		{`<?xml version="1.0"?><!-- c --><svg xmlns:x="u"><x:g></x:g></svg>`, true},
		{`<svg><g></svg>`, false},
		{`<svg><g></h></svg>`, false},
		{`<svg><x:g></y:g></svg>`, false},
		{`<svg></svg></svg>`, false},
		{`<svg><g>`, false},
		{`<svg><x:script/></svg>`, false},
		{`<svg><a xl:href="javascript:x"/></svg>`, false},
		{`<svg>&bogus;</svg>`, false},
	} {
		if err := render.CheckSVG([]byte(tc.svg)); (err == nil) != tc.ok {
			t.Errorf("CheckSVG(%s) = %v, want ok %v", tc.svg, err, tc.ok)
		}
	}
}

// fixedLayout answers every layout with the same drawing.
type fixedLayout []byte

func (f fixedLayout) Run(context.Context, []byte, string, string) ([]byte, error) { return f, nil }
