//go:build unix && !linux

package render

import "syscall"

// dieWithParent: the system has no way to tie a child's life to its
// parent's; the engine watches for it itself (see cmd/parley-graphviz).
func dieWithParent(*syscall.SysProcAttr) {}
