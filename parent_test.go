package main

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestWatchParentCallsGoneWhenTheParentChanges(t *testing.T) {
	var ppid atomic.Int64
	ppid.Store(4242)
	done := make(chan struct{})
	go watchParent(func() int { return int(ppid.Load()) }, time.Millisecond, func() { close(done) })
	select {
	case <-done:
		t.Fatal("gone was called while the parent still runs")
	case <-time.After(20 * time.Millisecond):
	}
	ppid.Store(1) // the parent died; init adopted the provider
	<-done        // no deadline: the test binary's own -timeout bounds a watcher that never notices
}

// TestProviderStopsWhenTerraformIsKilled runs the real binary under a shell that is killed with
// SIGKILL, as Terraform would be, and checks that the provider process ends.
func TestProviderStopsWhenTerraformIsKilled(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no reparenting on Windows")
	}
	if testing.Short() {
		t.Skip("builds the provider")
	}
	bin := t.TempDir() + "/terraform-provider-actiontrail"
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	// The shell starts the provider in the background, prints its PID and waits: it plays
	// Terraform. The provider, started without Terraform's handshake variables, would exit at once,
	// so it gets the go-plugin magic cookie and waits for a connection.
	// Its output goes to a file: a pipe to this test would break when the shell dies and end the
	// provider by SIGPIPE, which is not what is tested here.
	logFile := t.TempDir() + "/provider.log"
	sh := exec.Command("sh", "-c", `"$0" >"$1" 2>&1 & echo $!; wait`, bin, logFile)
	sh.Env = append(os.Environ(), "TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
		"PLUGIN_MIN_PORT=0", "PLUGIN_MAX_PORT=0", "PLUGIN_PROTOCOL_VERSIONS=6")
	stdout, err := sh.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sh.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	n, _ := stdout.Read(buf)
	pid := strings.TrimSpace(strings.SplitN(string(buf[:n]), "\n", 2)[0])
	if pid == "" {
		t.Fatal("no PID from the shell")
	}
	// Terraform is killed once the provider runs: wait for the go-plugin handshake line, as
	// Terraform itself does before it uses a provider.
	for {
		out, _ := os.ReadFile(logFile)
		if strings.Contains(string(out), "|grpc|") {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := sh.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = sh.Wait()
	// The provider must be gone soon after; poll without a wall-clock margin of our own (the
	// test's -timeout is the bound), checking that the process disappears.
	for alive(pid) {
		time.Sleep(100 * time.Millisecond)
	}
}

// alive reports whether the process runs: it exists and is not a zombie waiting for a parent that
// does not reap it.
func alive(pid string) bool {
	if status, err := os.ReadFile("/proc/" + pid + "/stat"); err == nil {
		fields := strings.Fields(string(status))
		return len(fields) > 2 && fields[2] != "Z" && fields[2] != "X"
	}
	return exec.Command("kill", "-0", pid).Run() == nil
}
