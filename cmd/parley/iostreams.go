package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"strconv"

	"golang.org/x/term"
)

// IO is where a command reads and writes. Tests hand in buffers.
type IO struct {
	In     io.Reader
	Out    io.Writer // data: tables, JSON, pictures
	ErrOut io.Writer // diagnostics and progress
	// OutTTY is true when Out is a terminal: tables are then aligned and
	// wrapped to Width, and pictures and binary output are refused.
	OutTTY bool
	// ErrTTY is true when ErrOut is a terminal: progress may be shown.
	ErrTTY bool
	// Width is the terminal's width in columns; 0 for no limit (--wide).
	Width int
}

// minWidth is the narrowest terminal parley believes in: a smaller width
// (COLUMNS=5) would put a word, or a letter, on each line.
const minWidth = 20

// SystemIO returns the process's standard streams. PARLEY_FORCE_TTY set
// to anything but "" makes standard output count as a terminal, as when
// piping to "less -R" (a number of at least minWidth there is its width,
// so that 1 means yes); COLUMNS overrides the width the terminal reports.
func SystemIO() *IO {
	s := &IO{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Width: 80}
	s.OutTTY = term.IsTerminal(int(os.Stdout.Fd()))
	s.ErrTTY = term.IsTerminal(int(os.Stderr.Fd()))
	if s.OutTTY {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil && w > 0 {
			s.Width = w
		}
	}
	if c, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && c > 0 {
		s.Width = max(c, minWidth)
	}
	if f := os.Getenv("PARLEY_FORCE_TTY"); f != "" {
		s.OutTTY = true
		if c, err := strconv.Atoi(f); err == nil && c >= minWidth {
			s.Width = c
		}
	}
	return s
}

// checkedWriter keeps the first error a write returns and refuses every
// write after it, so that no writer's error goes unnoticed and nothing is
// written past a full disk or a closed pipe.
type checkedWriter struct {
	w   io.Writer
	err error
	csv *csvOut // how CSV written here is made safe; nil for the defaults
}

func (c *checkedWriter) csvOut() csvOut {
	if c.csv == nil {
		return csvOut{}
	}
	return *c.csv
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // "write /dev/stdout: broken pipe" says less than "broken pipe"
		}
		c.err = err
	}
	return n, err
}
