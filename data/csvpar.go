package data

import (
	"runtime"
	"strings"
	"sync"

	"github.com/parley/parley/graph"
)

// parallelMin is the size from which a long table is split between cores.
var parallelMin = 1 << 20 // a variable for tests

// chunkResult is what one core makes of its share of a long table: the
// party and demand texts in the order they first appear, and each row's
// stance by those local numbers.
type chunkResult struct {
	parties, demands []string
	rows             []chunkRow
	ok               bool
}

type chunkRow struct {
	p, d int32
	pos  graph.Position
}

// longParallel reads a clean, quote-free long table on all cores. It
// returns false, having added nothing, when the table is small, has
// quotes, or has anything a person must be told about (a row of the wrong
// length, an unknown word, an empty name, a repeated stance, two names
// making one id): the sequential reader then reports it with its position.
// The result equals the sequential reader's: parties and demands get their
// handles in order of first appearance, and rows keep file order.
func (t *tableLoader) longParallel(head []string, cols map[string]int, co CSVOptions) bool {
	c := t.c
	pc, okP := cols[co.PartyColumn]
	dc, okD := cols[co.DemandColumn]
	sc, okS := cols[co.StanceColumn]
	body := c.text[c.off:]
	workers := runtime.GOMAXPROCS(0)
	if !c.fast || !okP || !okD || !okS || len(body) < parallelMin || workers < 2 {
		return false
	}
	// Cut the body at line ends into one chunk per core.
	var chunks []string
	for len(body) > 0 {
		size := len(body) / (workers - len(chunks))
		if len(chunks) == workers-1 {
			size = len(body)
		}
		end := size
		if end < len(body) {
			i := strings.IndexByte(body[end:], '\n')
			if i < 0 {
				end = len(body)
			} else {
				end += i + 1
			}
		}
		chunks = append(chunks, body[:end])
		body = body[end:]
	}
	res := make([]chunkResult, len(chunks))
	var wg sync.WaitGroup
	for i, chunk := range chunks {
		wg.Go(func() { res[i] = parseChunk(chunk, c.comma, len(head), pc, dc, sc) })
	}
	wg.Wait()
	for _, r := range res {
		if !r.ok {
			return false
		}
	}
	// Merge in file order: the handles come out as the sequential reader's.
	var seen bitsets
	rows := 0
	for _, r := range res {
		rows += len(r.rows)
	}
	if rows == 0 {
		return false
	}
	for _, r := range res {
		pmap := make([]int, len(r.parties))
		for i, text := range r.parties {
			h, ok := t.partyQuiet(text)
			if !ok {
				return false
			}
			pmap[i] = h
		}
		dmap := make([]int, len(r.demands))
		for i, text := range r.demands {
			h, ok := t.demandQuiet(text)
			if !ok {
				return false
			}
			dmap[i] = h
		}
		for _, row := range r.rows {
			p, d := pmap[row.p], dmap[row.d]
			if seen.testAndSet(p, d) {
				return false
			}
			t.b.SetPosition(p, d, row.pos, graph.DefaultStrength)
		}
	}
	c.off = len(c.src)
	return true
}

// parseChunk reads the rows of a chunk of a quote-free long table.
func parseChunk(chunk string, comma byte, fields, pc, dc, sc int) chunkResult {
	r := chunkResult{rows: make([]chunkRow, 0, strings.Count(chunk, "\n")+1)}
	parties, demands := map[string]int32{}, map[string]int32{}
	lastD, lastDH := "", int32(-1)
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
		if !ok || strings.TrimSpace(ptext) == "" || strings.TrimSpace(dtext) == "" {
			return r
		}
		p, ok := parties[ptext]
		if !ok {
			p = int32(len(r.parties))
			parties[ptext] = p
			r.parties = append(r.parties, ptext)
		}
		d := lastDH
		if dtext != lastD || d < 0 {
			if d, ok = demands[dtext]; !ok {
				d = int32(len(r.demands))
				demands[dtext] = d
				r.demands = append(r.demands, dtext)
			}
			lastD, lastDH = dtext, d
		}
		r.rows = append(r.rows, chunkRow{p, d, pos})
	}
	r.ok = true
	return r
}
