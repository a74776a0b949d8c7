//go:build unix

package main

import (
	"io/fs"
	"syscall"

	"golang.org/x/sys/unix"
)

// canWrite reports why parley may not write the file at path, or nil.
func canWrite(path string) error {
	if err := unix.Access(path, unix.W_OK); err != nil {
		return err
	}
	return nil
}

// fileOwner returns the owner and group of a file.
func fileOwner(st fs.FileInfo) (uid, gid int) {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return int(s.Uid), int(s.Gid)
	}
	return -1, -1
}
