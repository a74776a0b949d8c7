package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
)

// outFile is the file a command's -o names. A regular file (or a new one)
// is written atomically: into a temporary file in the target's folder —
// unnamed where the system allows, so that even a killed parley leaves
// nothing behind — and put in place only once complete, with the mode and
// owner of the file it replaces (a new file gets the umask's). Anything
// else — a device, a FIFO, a terminal, a descriptor such as /dev/stderr —
// is written in place and never replaced. Symbolic links are followed: the
// file a link points to is written, the link stays.
type outFile struct {
	path    string // as the user gave it, for messages
	target  string // the file written: path with its links followed
	f       *os.File
	inPlace bool
	tmp     string // the temporary file's name; "" while it has none
	mode    fs.FileMode
	keep    bool // mode, uid and gid are the replaced file's
	uid     int
	gid     int
}

// createOutput starts writing path. A missing folder, a folder as target
// or a file that may not be written are usage errors; ctx stops a wait for
// a FIFO's reader.
func createOutput(ctx context.Context, path string) (*outFile, error) {
	o := &outFile{path: path}
	target, _, viaFD, err := followLinks(path)
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	o.target = target
	if viaFD {
		// An open descriptor, such as /dev/stderr: appended to, as the
		// shell that opened it would.
		return o, o.openInPlace(ctx, os.O_WRONLY|os.O_APPEND)
	}
	st, err := os.Stat(target)
	switch {
	case err == nil && st.IsDir():
		return nil, usagef("cannot write %s: it is a folder", path)
	case err == nil && !st.Mode().IsRegular():
		return o, o.openInPlace(ctx, os.O_WRONLY)
	case err == nil:
		if st.Mode().Perm()&0o222 == 0 {
			return nil, usagef("cannot write %s: it is read-only", path)
		}
		if err := canWrite(target); err != nil {
			return nil, usagef("cannot write %s: %v", path, err)
		}
		o.mode, o.keep = st.Mode().Perm(), true
		o.uid, o.gid = fileOwner(st)
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	dir := filepath.Dir(target)
	switch st, err := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
		return nil, usagef("cannot write %s: the folder %s does not exist", path, dir)
	case err != nil:
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	case !st.IsDir():
		return nil, usagef("cannot write %s: %s is not a folder", path, dir)
	}
	if o.f, err = openUnnamed(dir); err == nil {
		return o, nil
	}
	if o.f, o.tmp, err = createTemp(dir); err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	return o, nil
}

// openInPlace opens the target itself. Opening a FIFO waits for its
// reader, so the open runs aside and ctx can stop the wait.
func (o *outFile) openInPlace(ctx context.Context, flag int) error {
	o.inPlace = true
	type result struct {
		f   *os.File
		err error
	}
	done := make(chan result, 1)
	go func() {
		f, err := os.OpenFile(o.target, flag, 0)
		done <- result{f, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			return fmt.Errorf("cannot write %s: %w", o.path, r.err)
		}
		o.f = r.f
		return nil
	case <-ctx.Done():
		go func() {
			if r := <-done; r.f != nil {
				r.f.Close()
			}
		}()
		return errInterrupted
	}
}

func (o *outFile) Write(p []byte) (int, error) {
	n, err := o.f.Write(p)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the temporary file's name means nothing to the user
		}
		err = fmt.Errorf("cannot write %s: %w", o.path, err)
	}
	return n, err
}

// commit finishes the file: closes it in place, or gives the temporary
// file its mode and owner and puts it at the target.
func (o *outFile) commit() error {
	if o.inPlace {
		if err := o.f.Close(); err != nil {
			return fmt.Errorf("cannot write %s: %w", o.path, err)
		}
		return nil
	}
	fail := func(err error) error {
		o.abort()
		return fmt.Errorf("cannot write %s: %w", o.path, err)
	}
	if o.keep {
		if err := o.f.Chmod(o.mode); err != nil {
			return fail(err)
		}
		o.f.Chown(o.uid, o.gid) // as far as parley may: root, or a group it is in
	}
	if o.tmp == "" {
		name, err := linkUnnamed(o.f, filepath.Dir(o.target))
		if err != nil {
			return fail(err)
		}
		o.tmp = name
		forgetAtExit(o.tmp, true)
	}
	if err := o.f.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(o.tmp, o.target); err != nil {
		return fail(err)
	}
	forgetAtExit(o.tmp, false)
	o.tmp = ""
	return nil
}

// abort leaves the target as it was: the temporary file goes; a file
// written in place keeps what was written.
func (o *outFile) abort() {
	o.f.Close()
	if o.tmp != "" {
		os.Remove(o.tmp)
		forgetAtExit(o.tmp, false)
		o.tmp = ""
	}
}

// createTemp makes a temporary file in dir under a short name, so that it
// fits beside a target of any legal length, with the mode a new file gets
// (0666 less the umask).
func createTemp(dir string) (*os.File, string, error) {
	for range 100 {
		name := filepath.Join(dir, tempName())
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, "", err
		}
		forgetAtExit(name, true)
		return f, name, nil
	}
	return nil, "", errors.New("cannot make a temporary file")
}

func tempName() string {
	var b [6]byte
	rand.Read(b[:])
	return ".parley-" + hex.EncodeToString(b[:]) + ".tmp"
}

// The temporary files to remove if parley has to exit at once (a second
// Ctrl-C, or a command that does not stop in time).
var (
	tempMu    sync.Mutex
	tempFiles = map[string]bool{}
)

func forgetAtExit(name string, add bool) {
	tempMu.Lock()
	defer tempMu.Unlock()
	if add {
		tempFiles[name] = true
	} else {
		delete(tempFiles, name)
	}
}

// removeTempFiles removes the temporary files of outputs not finished.
func removeTempFiles() {
	tempMu.Lock()
	defer tempMu.Unlock()
	for name := range tempFiles {
		os.Remove(name)
		delete(tempFiles, name)
	}
}

// fdLink matches the names of a process's open descriptors.
var fdLink = regexp.MustCompile(`^/(?:proc/(self|\d+)|dev)/fd/(\d+)$`)

// followLinks follows the symbolic links of path to the file they lead to,
// which need not exist. When the way leads through a process's descriptor
// (/dev/stderr is /proc/self/fd/2) it stops there, with viaFD set, and fd
// the descriptor's number when it is one of this process's, else -1.
func followLinks(path string) (target string, fd int, viaFD bool, err error) {
	for range 40 {
		if m := fdLink.FindStringSubmatch(path); m != nil {
			fd := -1
			if m[1] == "" || m[1] == "self" || m[1] == strconv.Itoa(os.Getpid()) {
				fd, _ = strconv.Atoi(m[2])
			}
			return path, fd, true, nil
		}
		st, err := os.Lstat(path)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			return path, -1, false, nil
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return "", -1, false, err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	return "", -1, false, errors.New("too many levels of symbolic links")
}

// isStdout reports whether path names standard output: "", "-", or a name
// of this process's descriptor 1 such as /dev/stdout.
func isStdout(path string) bool {
	if path == "" || path == "-" {
		return true
	}
	_, fd, _, err := followLinks(path)
	return err == nil && fd == 1
}

// errInterrupted is returned when Ctrl-C or SIGTERM stopped a command.
var errInterrupted = errors.New("interrupted")

// writeOutput runs write into the file at path, or into standard output
// when path is "", "-" or names it (/dev/stdout). A file parley reads is
// never overwritten. ctx is cancelled by Ctrl-C: a temporary file is then
// removed and the target left as it was.
func (a *app) writeOutput(ctx context.Context, path string, write func(io.Writer) error) error {
	if isStdout(path) {
		err := write(ctxWriter{ctx, a.io.Out})
		if ctx.Err() != nil {
			return errInterrupted
		}
		return err
	}
	if a.isInput(path) {
		return usagef("-o %s names a file parley is reading; write the output to another file", path)
	}
	o, err := createOutput(ctx, path)
	if err != nil {
		return err
	}
	if err := write(ctxWriter{ctx, o}); err != nil {
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

// ctxWriter stops writing once ctx is done: a long export stops at Ctrl-C.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// readInput records that the command reads path, so that -o may not name
// it. Every file a command opens goes through it.
func (a *app) readInput(path string) {
	if path != "" && path != "-" {
		a.inputs = append(a.inputs, path)
	}
}

// isInput reports whether path is a file parley reads: --data, a demand
// table, a file of diff or render --diff, import's table, or a link to one.
func (a *app) isInput(path string) bool {
	all := append([]string{a.data}, a.csv.DemandTables...)
	for _, in := range append(all, a.inputs...) {
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
