//go:build !linux

package bench

import "time"

// processCPU is 0 where there is no /proc: the report's emulator CPU column then reads 0.00
// (terraform's and the providers' CPU come from their process states and are still measured).
func processCPU(int) time.Duration { return 0 }
