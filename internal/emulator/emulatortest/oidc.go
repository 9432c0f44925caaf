package emulatortest

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"sync"
	"testing"
)

// signingKeys are the RSA keys of a test process for OIDC tokens, each made on first use (a 2048-bit
// key takes a noticeable part of a second).
var signingKeys = [...]func() *rsa.PrivateKey{sync.OnceValue(newSigningKey), sync.OnceValue(newSigningKey)}

func newSigningKey() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
}

// SigningKey returns RSA key i (0 or 1) of this test process, for the OIDC tokens of a CI and of
// a stranger: the same key for every caller of the process.
func SigningKey(i int) *rsa.PrivateKey { return signingKeys[i]() }

// JWKS is the JSON Web Key Set (RFC 7517) that publishes k for RS256 under the key ID kid: the
// JWKS of an OIDC provider in the emulator's accounts file.
func JWKS(kid string, k *rsa.PublicKey) json.RawMessage {
	data, err := json.Marshal(map[string]any{"keys": []map[string]string{{
		"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256",
		"n": base64.RawURLEncoding.EncodeToString(k.N.Bytes()),
		"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(k.E)).Bytes()),
	}}})
	if err != nil {
		panic(err) // strings only: cannot fail
	}
	return data
}

// SignJWT returns a JWT (RFC 7519) of header and claims, signed RS256 with k whatever the header's
// alg says (a test may name another algorithm to see the token refused).
func SignJWT(tb testing.TB, k *rsa.PrivateKey, header, claims map[string]any) string {
	tb.Helper()
	enc := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			tb.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(b)
	}
	unsigned := enc(header) + "." + enc(claims)
	sum := sha256.Sum256([]byte(unsigned))
	sig, err := rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA256, sum[:])
	if err != nil {
		tb.Fatal(err)
	}
	return unsigned + "." + base64.RawURLEncoding.EncodeToString(sig)
}
