package emulatortest

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestWriteSelfSignedCert: a server on 127.0.0.1 with the written pair is trusted through the
// returned pool.
func TestWriteSelfSignedCert(t *testing.T) {
	certFile, keyFile, pool, err := WriteSelfSignedCert(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	pair, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		t.Fatalf("the written pair does not load: %v", err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}
	srv.StartTLS()
	defer srv.Close()
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	resp, err := hc.Get(srv.URL)
	if err != nil {
		t.Fatalf("the pool does not trust the server: %v", err)
	}
	_ = resp.Body.Close()
}
