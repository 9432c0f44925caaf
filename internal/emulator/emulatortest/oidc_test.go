package emulatortest

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"strings"
	"testing"
)

// TestSignJWT: a token verifies with the key published by JWKS under its kid, carries the header
// and claims given, and fails verification with the other key.
func TestSignJWT(t *testing.T) {
	first, again := SigningKey(0), SigningKey(0)
	if first != again || first.Equal(SigningKey(1)) {
		t.Fatal("SigningKey(i) must return one key per i, and two different keys")
	}
	var set struct {
		Keys []struct{ Kty, Kid, Use, Alg, N, E string }
	}
	if err := json.Unmarshal(JWKS("ci-1", &SigningKey(0).PublicKey), &set); err != nil {
		t.Fatal(err)
	}
	if len(set.Keys) != 1 || set.Keys[0].Kty != "RSA" || set.Keys[0].Kid != "ci-1" || set.Keys[0].Use != "sig" || set.Keys[0].Alg != "RS256" {
		t.Fatalf("JWKS: %+v", set)
	}
	n, errN := base64.RawURLEncoding.DecodeString(set.Keys[0].N)
	e, errE := base64.RawURLEncoding.DecodeString(set.Keys[0].E)
	if errN != nil || errE != nil {
		t.Fatalf("JWKS n, e: %v, %v", errN, errE)
	}
	published := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}

	for _, tc := range []struct {
		name  string
		key   *rsa.PrivateKey
		valid bool
	}{{"signed with the published key", SigningKey(0), true}, {"signed with another key", SigningKey(1), false}} {
		t.Run(tc.name, func(t *testing.T) {
			token := SignJWT(t, tc.key, map[string]any{"alg": "RS256", "kid": "ci-1"}, map[string]any{"sub": "repo:acme/audit"})
			parts := strings.Split(token, ".")
			if len(parts) != 3 {
				t.Fatalf("token %q has %d parts, want 3", token, len(parts))
			}
			var header, claims map[string]any
			for i, into := range []*map[string]any{&header, &claims} {
				raw, err := base64.RawURLEncoding.DecodeString(parts[i])
				if err != nil || json.Unmarshal(raw, into) != nil {
					t.Fatalf("part %d of %q: %v", i, token, err)
				}
			}
			if header["kid"] != "ci-1" || header["alg"] != "RS256" || claims["sub"] != "repo:acme/audit" {
				t.Fatalf("header %v, claims %v", header, claims)
			}
			sig, err := base64.RawURLEncoding.DecodeString(parts[2])
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
			if err := rsa.VerifyPKCS1v15(published, crypto.SHA256, sum[:], sig); (err == nil) != tc.valid {
				t.Fatalf("verification with the published key: %v, want valid=%t", err, tc.valid)
			}
		})
	}
}
