package main

import (
	"os/exec"
	"runtime"
	"syscall"
)

// tieToLauncher makes the kernel SIGKILL the provider when the launcher dies (PR_SET_PDEATHSIG).
func tieToLauncher(cmd *exec.Cmd) {
	// PR_SET_PDEATHSIG fires when the thread that started the child ends: keep that thread.
	runtime.LockOSThread()
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
