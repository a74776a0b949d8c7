package report

import (
	"encoding/json"
	"io"
)

// Write writes v as parley writes every JSON answer: indented by two
// spaces, with <, > and & left as they are, and a final newline.
func Write(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
