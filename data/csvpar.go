package data

import (
	"strings"

	"github.com/parley/parley/graph"
)

// chunkResult is what one core makes of a block of a long table: the
// party and demand texts in the order they first appear, and each row's
// stance by those local numbers; ok is false when the block has anything
// the exact reader must report.
type chunkResult struct {
	parties, demands []string
	rows             []chunkRow
	ok               bool
}

type chunkRow struct {
	p, d int32
	pos  graph.Position
}

// parseChunk reads the rows of a chunk of a quote-free long table into
// rows, reused. Vote tables list the same parties in the same order vote
// after vote (or the same demands party after party), so each text is
// first compared with the one that followed the previous text last time,
// and hashed only when that guess fails.
func parseChunk(chunk string, comma byte, fields, pc, dc, sc int, rows []chunkRow) chunkResult {
	if cap(rows) < len(chunk)/16 {
		rows = make([]chunkRow, 0, len(chunk)/16) // vote table lines run to 16 bytes and more
	}
	r := chunkResult{rows: rows[:0]}
	parties, demands := map[string]int32{}, map[string]int32{}
	var pnext, dnext []int32 // the text that followed each text last time, or -1
	lastP, lastD := int32(-1), int32(-1)
	rec := make([]string, 0, fields)
	for len(chunk) > 0 {
		end := strings.IndexByte(chunk, '\n')
		var line string
		if end < 0 {
			line, chunk = chunk, ""
		} else {
			line, chunk = chunk[:end], chunk[end+1:]
		}
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		if len(line) == 0 {
			continue
		}
		text := line
		rec = rec[:0]
		for {
			i := strings.IndexByte(text, comma)
			if i < 0 {
				rec = append(rec, text)
				break
			}
			rec = append(rec, text[:i])
			text = text[i+1:]
		}
		if len(rec) != fields {
			return r
		}
		ptext, dtext, stext := rec[pc], rec[dc], rec[sc]
		if stext == "" {
			continue
		}
		pos, ok := parseCell(stext)
		if !ok || blank(ptext) || blank(dtext) {
			return r
		}
		p := intern(ptext, lastP, parties, &r.parties, &pnext)
		d := intern(dtext, lastD, demands, &r.demands, &dnext)
		lastP, lastD = p, d
		r.rows = append(r.rows, chunkRow{p, d, pos})
	}
	r.ok = true
	return r
}

// intern returns the local number of text: a guess after last (last
// itself, then the texts that followed it last time, a few steps along)
// when one is right, else from the map, adding text when it is new.
func intern(text string, last int32, index map[string]int32, texts *[]string, next *[]int32) int32 {
	if last >= 0 {
		if (*texts)[last] == text {
			return last
		}
		// A few steps along the chain: a row or two may be missing.
		g := last
		for range 4 {
			if g = (*next)[g]; g < 0 {
				break
			}
			if (*texts)[g] == text {
				return g
			}
		}
	}
	x, ok := index[text]
	if !ok {
		x = int32(len(*texts))
		index[text] = x
		*texts = append(*texts, text)
		*next = append(*next, -1)
	}
	if last >= 0 {
		(*next)[last] = x
	}
	return x
}

// blank reports whether s is empty or white space only.
func blank(s string) bool {
	if s != "" && s[0] > ' ' && s[0] < 0x80 {
		return false
	}
	return strings.TrimSpace(s) == ""
}
