//go:build !unix

package render

import (
	"io/fs"
	"os/exec"
)

func setProcessGroup(cmd *exec.Cmd) {}

func ownedByMe(fs.FileInfo) bool { return true }

func processAlive(pid int) bool { return true }
