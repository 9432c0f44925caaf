package main

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator/emulatortest"
)

// syncBuffer collects the command's stderr while it runs.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestCommand builds the command, starts it on a free port, talks to it, and stops it with SIGTERM.
func TestCommand(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "actiontrail-emulator")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-access-key-secret", "cmd-secret", "-buckets", "cmd-bucket", "-read-timeout", "300ms")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := new(syncBuffer)
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			if err := <-done; err != nil {
				t.Logf("emulator killed: %v", err)
			}
		}
	})

	lines := make(chan string, 1)
	go func() {
		r := bufio.NewReader(stdout)
		line, _ := r.ReadString('\n')
		lines <- line
		_, _ = io.Copy(io.Discard, r)
		done <- cmd.Wait()
	}()
	var first string
	select {
	case first = <-lines:
	case <-time.After(30 * time.Second):
		t.Fatal("no first line within 30s")
	}
	m := regexp.MustCompile(`^listening on http://(127\.0\.0\.1:(\d+))\n$`).FindStringSubmatch(first)
	if m == nil || m[2] == "0" {
		t.Fatalf("first line %q", first)
	}
	host := m[1]

	resp, err := http.Get("http://" + host + "/_emulator/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "ok") {
		t.Fatalf("healthz: %d %s", resp.StatusCode, body)
	}

	// A request whose body never comes is cut off (-read-timeout): the read returns once the
	// server closes the connection, with no deadline of the test's own.
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(conn, "POST / HTTP/1.1\r\nHost: "+host+"\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nAction="); err != nil {
		t.Fatal(err)
	}
	_, _ = io.ReadAll(conn)
	_ = conn.Close()

	// The flags took effect: the secret, the buckets.
	c, err := actiontrail.NewClientWithAccessKey("cn-hangzhou", emulator.DefaultAccessKeyID, "cmd-secret")
	if err != nil {
		t.Fatal(err)
	}
	c.Domain = host
	req := actiontrail.CreateCreateTrailRequest()
	req.Name = "cmd-trail"
	req.OssBucketName = "cmd-bucket"
	if _, err := c.CreateTrail(req); err != nil {
		t.Fatalf("CreateTrail: %v", err)
	}
	req.Name = "cmd-trail-2"
	req.OssBucketName = "actiontrail-demo-bucket" // a default bucket, replaced by -buckets
	if _, err := c.CreateTrail(req); err == nil || !strings.Contains(err.Error(), "BucketDoesNotExistException") {
		t.Fatalf("CreateTrail with a bucket not in -buckets: %v", err)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\nstderr:\n%s", err, stderr)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("still running 15s after SIGTERM")
	}

	log := stderr.String()
	for _, want := range []string{"action=CreateTrail status=200 code=- request_id=", "status=404 code=BucketDoesNotExistException"} {
		if !strings.Contains(log, want) {
			t.Errorf("stderr lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(log, "cmd-secret") || strings.Contains(log, "Signature") {
		t.Errorf("stderr leaks the secret or the signature:\n%s", log)
	}
}

func TestRunFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-h"}, 0, "-fault-succeeded-but-error"},
		{[]string{"-fault-throttle", "1.5"}, 2, "probability"},
		{[]string{"-max-trails-per-region", "0"}, 2, "at least 1"},
		{[]string{"-latency", "-1s"}, 2, "negative"},
		{[]string{"extra"}, 2, "unexpected"},
		{[]string{"-addr", "256.0.0.1:0"}, 1, "listen"},
		{[]string{"-accounts", "testdata/accounts.json", "-access-key-id", "x"}, 2, "cannot be combined with -access-key-id"},
		{[]string{"-accounts", "testdata/no-such-file.json"}, 2, "no-such-file.json"},
		{[]string{"-accounts", "testdata/accounts.json", "-addr", "256.0.0.1:0"}, 1, "listen"}, // the file loads
		{[]string{"-tls-cert", "cert.pem"}, 2, "-tls-cert and -tls-key go together"},
		{[]string{"-tls-cert", "testdata/no-cert.pem", "-tls-key", "testdata/no-key.pem"}, 2, "no-cert.pem"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(tt.args, &stdout, &stderr); code != tt.code || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("run(%q) = %d, stderr %q; want %d and %q", tt.args, code, stderr.String(), tt.code, tt.want)
		}
	}
	var help bytes.Buffer
	run([]string{"-h"}, io.Discard, &help)
	for _, flag := range []string{"addr", "access-key-id", "access-key-secret", "security-token", "account-id", "accounts", "region", "extra-regions",
		"buckets", "denied-buckets", "sls-projects", "maxcompute-projects", "max-trails-per-region", "latency", "fault-throttle",
		"fault-unavailable", "fault-server-error", "fault-succeeded-but-error", "fault-actions", "fault-seed", "tls-cert", "tls-key"} {
		if !strings.Contains(help.String(), "  -"+flag+" ") {
			t.Errorf("-h does not document -%s", flag)
		}
	}
	if got := splitList(" a, ,b,"); strings.Join(got, "|") != "a|b" {
		t.Errorf("splitList = %q", got)
	}
}

// TestCommandTLS: with -tls-cert and -tls-key the command serves HTTPS and says so on its first line.
func TestCommandTLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, pool, err := emulatortest.WriteSelfSignedCert(dir)
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "actiontrail-emulator")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-tls-cert", certFile, "-tls-key", keyFile)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- line
	}()
	var first string
	select {
	case first = <-lines:
	case <-time.After(30 * time.Second):
		t.Fatal("no first line within 30s")
	}
	m := regexp.MustCompile(`^listening on (https://127\.0\.0\.1:\d+)\n$`).FindStringSubmatch(first)
	if m == nil {
		t.Fatalf("first line %q", first)
	}
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	resp, err := hc.Get(m[1] + "/_emulator/healthz")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz over HTTPS: %d", resp.StatusCode)
	}
}
