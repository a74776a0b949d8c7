package main

import (
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// openUnnamed opens a file in dir that has no name until linkUnnamed gives
// it one (O_TMPFILE): if parley is killed, nothing is left behind. It has
// the mode a new file gets, 0666 less the umask.
func openUnnamed(dir string) (*os.File, error) {
	fd, err := unix.Open(dir, unix.O_TMPFILE|unix.O_WRONLY|unix.O_CLOEXEC, 0o666)
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(fd), filepath.Join(dir, "(unnamed)")), nil
}

// linkUnnamed gives the file that openUnnamed made a temporary name in dir
// and returns it.
func linkUnnamed(f *os.File, dir string) (string, error) {
	proc := "/proc/self/fd/" + strconv.Itoa(int(f.Fd()))
	for range 100 {
		name := filepath.Join(dir, tempName())
		err := unix.Linkat(unix.AT_FDCWD, proc, unix.AT_FDCWD, name, unix.AT_SYMLINK_FOLLOW)
		if err == unix.EEXIST {
			continue
		}
		if err != nil {
			return "", &os.LinkError{Op: "link", Old: proc, New: name, Err: err}
		}
		return name, nil
	}
	return "", os.ErrExist
}
