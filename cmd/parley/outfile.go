package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// outFile is an output written atomically: into a temporary file in the
// target folder, renamed over the target only once complete, so a failed
// or interrupted command leaves no partial file and an old file intact.
type outFile struct {
	path string
	f    *os.File
}

// createOutput starts writing path. A missing folder is a usage error.
func createOutput(path string) (*outFile, error) {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, usagef("cannot write %s: the folder %s does not exist", path, dir)
	case err != nil:
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	case !st.IsDir():
		return nil, usagef("cannot write %s: %s is not a folder", path, dir)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, usagef("cannot write %s: it is a folder", path)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	return &outFile{path: path, f: f}, nil
}

func (o *outFile) Write(p []byte) (int, error) { return o.f.Write(p) }

// commit puts the complete file in place, readable as a new file would be.
func (o *outFile) commit() error {
	if err := o.f.Chmod(0o644); err != nil {
		o.abort()
		return fmt.Errorf("cannot write %s: %w", o.path, err)
	}
	if err := o.f.Close(); err != nil {
		os.Remove(o.f.Name())
		return fmt.Errorf("cannot write %s: %w", o.path, err)
	}
	if err := os.Rename(o.f.Name(), o.path); err != nil {
		os.Remove(o.f.Name())
		return fmt.Errorf("cannot write %s: %w", o.path, err)
	}
	return nil
}

// abort removes the temporary file.
func (o *outFile) abort() {
	o.f.Close()
	os.Remove(o.f.Name())
}

// errInterrupted is returned when Ctrl-C or SIGTERM stopped a command.
var errInterrupted = errors.New("interrupted")

// writeOutput runs write into the file at path, atomically, or into
// standard output when path is "" or "-". The input scenario itself is
// never overwritten. ctx is cancelled by Ctrl-C: the temporary file is
// then removed.
func (a *app) writeOutput(ctx context.Context, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(a.io.Out)
	}
	if a.isInput(path) {
		return usagef("-o %s names a file parley is reading; write the output to another file", path)
	}
	o, err := createOutput(path)
	if err != nil {
		return err
	}
	if err := write(o); err != nil {
		o.abort()
		if ctx.Err() != nil {
			return errInterrupted
		}
		return err
	}
	if ctx.Err() != nil {
		o.abort()
		return errInterrupted
	}
	return o.commit()
}

// isInput reports whether path is a file parley reads: the scenario --data
// names or a demand table.
func (a *app) isInput(path string) bool {
	for _, in := range append([]string{a.data}, a.csv.DemandTables...) {
		if in != "" && in != "-" && sameFile(in, path) {
			return true
		}
	}
	return false
}

func sameFile(a, b string) bool {
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	if err1 == nil && err2 == nil {
		return os.SameFile(ia, ib)
	}
	pa, err1 := filepath.Abs(a)
	pb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && pa == pb
}
