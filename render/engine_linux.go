package render

import "syscall"

// dieWithParent has the kernel kill the engine when parley dies, however it
// dies (kill -9 included).
func dieWithParent(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }
