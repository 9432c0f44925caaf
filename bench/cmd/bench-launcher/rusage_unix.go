//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// maxRSSKiB is the peak resident set of the exited child, from its rusage: ru_maxrss is in KiB
// on Linux and the BSDs, in bytes on macOS. Its Go type is int32 on some 32-bit platforms.
func maxRSSKiB(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss) / 1024 //nolint:unconvert // int32 on some platforms
	}
	return int64(ru.Maxrss) //nolint:unconvert // int32 on some platforms
}
