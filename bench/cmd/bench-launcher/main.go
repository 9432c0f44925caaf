// Command bench-launcher stands in for a provider binary under dev_overrides and records the
// provider process's peak memory. It runs the binary named in the file "launch-target" next to
// itself, with the same arguments, environment and standard streams (so Terraform's go-plugin
// handshake passes straight through), forwards SIGINT and SIGTERM, and when the provider exits
// appends "<maxrss KiB> <wall ms> <user CPU ms> <system CPU ms>" (the waited-for child's rusage)
// to $BENCH_RSS_FILE.
//
// On Linux the child gets SIGKILL if the launcher dies first (PR_SET_PDEATHSIG, child_linux.go),
// so a provider is never left behind when Terraform kills the launcher. The peak memory comes
// from getrusage(2) where there is one (rusage_unix.go); elsewhere it is reported as 0.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

func main() {
	os.Exit(run())
}

func run() int {
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench-launcher:", err)
		return 1
	}
	raw, err := os.ReadFile(filepath.Join(filepath.Dir(self), "launch-target"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench-launcher:", err)
		return 1
	}
	target := strings.TrimSpace(string(raw))
	start := time.Now()
	cmd := exec.Command(target, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	tieToLauncher(cmd)
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "bench-launcher:", err)
		return 1
	}
	go func() {
		for s := range sigs {
			_ = cmd.Process.Signal(s)
		}
	}()
	err = cmd.Wait()
	code := 0
	if err != nil {
		code = 1
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() >= 0 {
			code = ee.ExitCode()
		}
	}
	if out := os.Getenv("BENCH_RSS_FILE"); out != "" {
		if f, ferr := os.OpenFile(out, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644); ferr == nil {
			// One short write with O_APPEND: lines from concurrent launchers do not interleave.
			ps := cmd.ProcessState
			_, _ = fmt.Fprintf(f, "%d %d %d %d\n", maxRSSKiB(ps), time.Since(start).Milliseconds(),
				ps.UserTime().Milliseconds(), ps.SystemTime().Milliseconds())
			_ = f.Close()
		}
	}
	return code
}
