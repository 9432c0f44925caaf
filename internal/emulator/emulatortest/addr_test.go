package emulatortest

import (
	"errors"
	"net"
	"syscall"
	"testing"
)

// TestClosedAddr: the address is on the loopback interface and refuses a connection.
func TestClosedAddr(t *testing.T) {
	addr := ClosedAddr(t)
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host != "127.0.0.1" {
		t.Fatalf("ClosedAddr() = %q (%v), want 127.0.0.1:<port>", addr, err)
	}
	conn, err := net.Dial("tcp", addr)
	if err == nil {
		_ = conn.Close()
		t.Fatalf("%s accepted a connection", addr)
	}
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("dial %s: %v, want connection refused", addr, err)
	}
}
