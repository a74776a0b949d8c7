package explorer

import (
	"bytes"
	"embed"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"
)

//go:embed static
var staticFS embed.FS

// scripts are the page's scripts, one per concern, in the order they load:
// each adds its part to one namespace object.
var scripts = []string{"api.js", "state.js", "view.js", "panel.js", "search.js", "time.js", "main.js"}

const styleFile = "app.css"

func staticFile(name string) []byte {
	b, err := staticFS.ReadFile("static/" + name)
	if err != nil {
		panic("explorer: missing embedded file " + name) // a build without the page's files
	}
	return b
}

// pageHTML is the page with its placeholders filled: head holds the
// policy and style, tail the data and scripts.
func pageHTML(head, tail string) []byte {
	b := staticFile("index.html")
	b = bytes.Replace(b, []byte("<!--HEAD-->"), []byte(head), 1)
	return bytes.Replace(b, []byte("<!--TAIL-->"), []byte(tail), 1)
}

func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	var tail strings.Builder
	for _, js := range scripts {
		tail.WriteString(`<script src="/static/` + js + `"></script>` + "\n")
	}
	b := pageHTML(`<link rel="stylesheet" href="/static/`+styleFile+`">`, tail.String())
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(b)
}

func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	if name != styleFile && !slices.Contains(scripts, name) {
		httpError(w, http.StatusNotFound, "no such file: "+name)
		return
	}
	w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name))+"; charset=utf-8")
	if path.Ext(name) == ".js" {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	}
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(staticFile(name))
}
