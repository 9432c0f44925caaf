// Package emulatortest helps tests serve the emulator.
package emulatortest

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
)

// TrustTLSServers makes this process trust the certificate of httptest's TLS servers (the same
// for all of them) through http.DefaultTransport, and returns that certificate in PEM form (for
// SSL_CERT_FILE of a process started by the test). The SDK's STS credential providers
// (AssumeRole, AssumeRoleWithOIDC) call STS over HTTPS only, with a transport cloned from
// http.DefaultTransport, so the tests of those paths serve the emulator with
// httptest.NewTLSServer. Call it from init, before any transport is cloned.
func TrustTLSServers() []byte {
	srv := httptest.NewTLSServer(http.NotFoundHandler())
	cert := srv.Certificate()
	srv.Close()
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	pool.AddCert(cert)
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		t.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw})
}
