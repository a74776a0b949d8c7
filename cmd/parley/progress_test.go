package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestProgress(t *testing.T) {
	clock := time.Unix(0, 0)
	var buf bytes.Buffer
	p := newProgress(&IO{ErrOut: &buf, ErrTTY: true})
	p.start, p.now = clock, func() time.Time { return clock }

	p.Report("reading", 10, 100)
	if buf.Len() != 0 {
		t.Fatalf("a bar within the first second: %q", buf.String())
	}
	clock = clock.Add(1500 * time.Millisecond)
	p.Report("reading", 50, 100)
	if got := buf.String(); !strings.Contains(got, "reading [===============               ]  50%") {
		t.Fatalf("bar = %q", got)
	}
	p.Done()
	if !strings.HasSuffix(buf.String(), "\r\x1b[K") {
		t.Errorf("the bar is not cleared: %q", buf.String())
	}

	// Never on a stderr that is not a terminal.
	buf.Reset()
	q := newProgress(&IO{ErrOut: &buf, ErrTTY: false})
	q.start = clock.Add(-time.Hour)
	q.Report("reading", 50, 100)
	q.Done()
	if buf.Len() != 0 {
		t.Errorf("a bar on a pipe: %q", buf.String())
	}
}
