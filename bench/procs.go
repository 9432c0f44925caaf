package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
)

// build compiles the binaries the benchmark runs into dir: the provider and the emulator from the
// product module at root, the fixture provider and the launcher from the bench module under it
// (and, with profile, the profiling variants of both providers).
func build(ctx context.Context, root, dir string, profile bool, log io.Writer) error {
	benchRoot := filepath.Join(root, "bench")
	targets := []struct{ module, out, pkg string }{
		{root, "terraform-provider-actiontrail", "."},
		{benchRoot, "terraform-provider-benchnoop", "./cmd/terraform-provider-benchnoop"},
		{root, "actiontrail-emulator", "./internal/emulator/cmd/actiontrail-emulator"},
		{benchRoot, "bench-launcher", "./cmd/bench-launcher"},
	}
	if profile {
		targets = append(targets,
			struct{ module, out, pkg string }{benchRoot, "terraform-provider-actiontrail-prof", "./cmd/bench-profprovider"},
			struct{ module, out, pkg string }{benchRoot, "terraform-provider-benchnoop-prof", "./cmd/bench-profprovider"})
	}
	for _, t := range targets {
		if err := buildOne(ctx, t.module, filepath.Join(dir, t.out), t.pkg, log); err != nil {
			return err
		}
	}
	return nil
}

// buildOne runs go build -o out pkg in root.
func buildOne(ctx context.Context, root, out, pkg string, log io.Writer) error {
	start := time.Now()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, pkg)
	cmd.Dir = root
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build %s in %s: %v\n%s", pkg, root, err, buf.String())
	}
	fmt.Fprintf(log, "built %-40s %6.1fs (%s)\n", filepath.Base(out), time.Since(start).Seconds(), root)
	return nil
}

// emulatorProc is a running actiontrail-emulator command.
type emulatorProc struct {
	cmd      *exec.Cmd
	URL      string
	done     chan struct{} // closed when the process has exited
	stopOnce sync.Once
	client   *http.Client // for the admin endpoints; http.DefaultClient when nil (set for HTTPS)
}

// startEmulator runs the emulator command on a free loopback port and waits for its first line.
func startEmulator(bin, logFile string, args ...string) (*emulatorProc, error) {
	args = append([]string{"-addr", "127.0.0.1:0"}, args...)
	cmd := exec.Command(bin, args...)
	logf, err := os.Create(logFile)
	if err != nil {
		return nil, err
	}
	cmd.Stderr = logf
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	e := &emulatorProc{cmd: cmd, done: make(chan struct{})}
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	go func() { _ = cmd.Wait(); _ = logf.Close(); close(e.done) }()
	select {
	case line, ok := <-lines:
		if !ok || !strings.HasPrefix(line, "listening on ") {
			e.stop()
			return nil, fmt.Errorf("emulator %v: unexpected first line %q (log: %s)", args, line, logFile)
		}
		e.URL = strings.TrimPrefix(line, "listening on ")
	case <-time.After(20 * time.Second):
		e.stop()
		return nil, fmt.Errorf("emulator %v did not start in 20s (log: %s)", args, logFile)
	}
	return e, nil
}

// stop ends the emulator (SIGTERM, then SIGKILL after 10 s). Calling it again does nothing.
func (e *emulatorProc) stop() {
	if e == nil || e.cmd.Process == nil {
		return
	}
	e.stopOnce.Do(func() {
		if err := e.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			_ = e.cmd.Process.Kill() // no SIGTERM here (Windows): stop it at once
		}
		select {
		case <-e.done:
		case <-time.After(10 * time.Second):
			_ = e.cmd.Process.Kill()
			<-e.done
		}
	})
}

// Calls counts API calls per Action.
type Calls map[string]int64

// Total is the number of calls of every Action.
func (c Calls) Total() int64 {
	var n int64
	for _, v := range c {
		n += v
	}
	return n
}

// String renders the counts sorted by Action.
func (c Calls) String() string {
	return c.join(" ", func(action string, n int64) string { return fmt.Sprintf("%s=%d", action, n) })
}

// join renders each Action's count with format, sorted by Action, separated by sep.
func (c Calls) join(sep string, format func(action string, n int64) string) string {
	parts := make([]string, 0, len(c))
	for _, k := range slices.Sorted(maps.Keys(c)) {
		parts = append(parts, format(k, c[k]))
	}
	return strings.Join(parts, sep)
}

func (e *emulatorProc) admin(method, path string, out any) error {
	req, err := http.NewRequest(method, e.URL+"/_emulator/"+path, nil)
	if err != nil {
		return err
	}
	hc := e.client
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s /_emulator/%s: HTTP %d: %s (this benchmark needs the emulator's admin endpoints)", method, path, resp.StatusCode, body)
	}
	return json.Unmarshal(body, out)
}

// calls reads GET /_emulator/calls.
func (e *emulatorProc) calls() (Calls, error) {
	c := Calls{}
	return c, e.admin(http.MethodGet, "calls", &c)
}

// resetCalls posts /_emulator/calls/reset.
func (e *emulatorProc) resetCalls() error {
	c := Calls{}
	return e.admin(http.MethodPost, "calls/reset", &c)
}

// cpu is the emulator process's user+system CPU so far (processCPU: from /proc on Linux, 0
// elsewhere).
func (e *emulatorProc) cpu() time.Duration { return processCPU(e.cmd.Process.Pid) }

// trailCount reads GET /_emulator/trails.
func (e *emulatorProc) trailCount() (int, error) {
	var list []json.RawMessage
	err := e.admin(http.MethodGet, "trails", &list)
	return len(list), err
}

// tfResult is one timed terraform command.
type tfResult struct {
	Elapsed     time.Duration
	ExitCode    int
	MaxRSSKB    int64         // peak of the provider processes it started (0 when none were recorded)
	Launches    int           // provider processes it started
	ProviderCPU time.Duration // user+system CPU of those provider processes
	TotalCPU    time.Duration // user+system CPU of terraform and every process it waited for
}

// runTerraform runs terraform in dir with env, its output to logFile, and times it. Exit codes in
// okCodes are success. The provider launcher reports peak memory through rssFile.
func runTerraform(ctx context.Context, tf, dir string, env []string, logFile, rssFile string, okCodes []int, args ...string) (tfResult, error) {
	_ = os.Remove(rssFile)
	logf, err := os.Create(logFile)
	if err != nil {
		return tfResult{}, err
	}
	defer func() { _ = logf.Close() }()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, tf, args...)
	// On cancellation, interrupt terraform so that it stops its providers itself; kill it only if
	// it has not exited 15 s later.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 15 * time.Second
	cmd.Dir = dir
	cmd.Env = append(env, "BENCH_RSS_FILE="+rssFile)
	cmd.Stdout, cmd.Stderr = logf, logf
	start := time.Now()
	err = cmd.Run()
	res := tfResult{Elapsed: time.Since(start)}
	if cmd.ProcessState != nil {
		res.TotalCPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		res.ExitCode = ee.ExitCode()
	default:
		return res, fmt.Errorf("terraform %s in %s: %v", strings.Join(args, " "), dir, err)
	}
	ok := false
	for _, c := range okCodes {
		ok = ok || c == res.ExitCode
	}
	if !ok {
		return res, fmt.Errorf("terraform %s in %s exited %d; output:\n%s", strings.Join(args, " "), dir, res.ExitCode, tail(logFile, 40))
	}
	if raw, err := os.ReadFile(rssFile); err == nil {
		for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
			var kb, wall, user, sys int64
			if _, err := fmt.Sscanf(line, "%d %d %d %d", &kb, &wall, &user, &sys); err == nil {
				res.Launches++
				res.MaxRSSKB = max(res.MaxRSSKB, kb)
				res.ProviderCPU += time.Duration(user+sys) * time.Millisecond
			}
		}
	}
	return res, nil
}

// tail returns the last n lines of a file.
func tail(file string, n int) string {
	raw, err := os.ReadFile(file)
	if err != nil {
		return err.Error()
	}
	lines := strings.Split(strings.TrimRight(string(raw), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// cleanEnv is the environment without anything that would change what terraform or the
// providers do (logging, CLI configuration, credentials, plugin cache).
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "TF_"), strings.HasPrefix(name, "ALICLOUD_"), strings.HasPrefix(name, "ALIBABA_CLOUD_"),
			name == "BENCH_RSS_FILE", name == "BENCH_CPUPROFILE_DIR", name == "CHECKPOINT_DISABLE":
			continue
		}
		out = append(out, kv)
	}
	return out
}
