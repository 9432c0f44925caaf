package emulatortest

import (
	"net"
	"testing"
)

// ClosedAddr returns host:port of a loopback port that nothing listens on: one the system handed
// out a moment ago and that was closed again, so that a connection to it is refused at once (no
// fixed port, no wait for a timeout).
func ClosedAddr(tb testing.TB) string {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return addr
}
