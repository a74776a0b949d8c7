package main

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// progress draws a bar on stderr for work that runs over about a second,
// and only when stderr is a terminal: pipes and logs stay clean.
type progress struct {
	io    *IO
	delay time.Duration
	start time.Time
	now   func() time.Time

	mu    sync.Mutex
	shown bool
	last  time.Time
}

func newProgress(io *IO) *progress {
	return &progress{io: io, delay: time.Second, start: time.Now(), now: time.Now}
}

// Report is called with the work done so far; it is safe for concurrent use
// and cheap enough to call often.
func (p *progress) Report(what string, done, total int64) {
	if p == nil || !p.io.ErrTTY || total <= 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if now.Sub(p.start) < p.delay || now.Sub(p.last) < 100*time.Millisecond && done < total {
		return
	}
	p.last = now
	p.shown = true
	frac := min(float64(done)/float64(total), 1)
	const width = 30
	n := int(frac * width)
	fmt.Fprintf(p.io.ErrOut, "\r%s [%s%s] %3.0f%%\x1b[K", what, strings.Repeat("=", n), strings.Repeat(" ", width-n), frac*100)
}

// Done clears the bar, if one was drawn.
func (p *progress) Done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.io.ErrOut, "\r\x1b[K")
		p.shown = false
	}
}
