package main

import "time"

// watchParent calls gone once the parent process has changed: when a parent dies, the kernel
// hands its children to another process (init or a subreaper), so the parent's PID changes. It
// returns after calling gone. On systems where the parent PID never changes (Windows), it never
// calls gone.
func watchParent(getppid func() int, every time.Duration, gone func()) {
	parent := getppid()
	t := time.NewTicker(every)
	defer t.Stop()
	for range t.C {
		if getppid() != parent {
			gone()
			return
		}
	}
}
