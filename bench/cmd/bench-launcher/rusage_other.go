//go:build !unix

package main

import "os"

// maxRSSKiB is 0 where there is no getrusage(2): the bench then reports no peak memory.
func maxRSSKiB(*os.ProcessState) int64 { return 0 }
