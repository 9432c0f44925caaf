package emulator

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"time"
)

// oidcClaims are the claims of an OIDC token that AssumeRoleWithOIDC checks.
type oidcClaims struct {
	Issuer   string
	Subject  string
	Audience []string
}

// verifyOIDCToken checks a JWT like STS does: three base64url parts, alg RS256, a signature by a key of
// the provider's JWKS (the one its kid names, else any), the issuer, an audience the provider accepts,
// and the expiry (and not-before) against now.
func verifyOIDCToken(p *oidcProvider, token string, now time.Time) (*oidcClaims, *apiError) {
	if token == "" {
		return nil, errOIDCInvalid("The OIDCToken can not empty.")
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, errOIDCInvalid("The number of Jwt field should be divided into 3 parts with '.' .")
	}
	rawHeader, err1 := base64.RawURLEncoding.DecodeString(parts[0])
	rawClaims, err2 := base64.RawURLEncoding.DecodeString(parts[1])
	sig, err3 := base64.RawURLEncoding.DecodeString(parts[2])
	if err1 != nil || err2 != nil || err3 != nil {
		return nil, errOIDCInvalid("Cannot decode base64 encoded response(format invalided).")
	}
	var header struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}
	if err := json.Unmarshal(rawHeader, &header); err != nil {
		return nil, errOIDCInvalid("The Jwt content is invalid that cannot be recognized.")
	}
	if header.Alg != "RS256" {
		return nil, errOIDCInvalid("The algorithm " + header.Alg + " that be specified in Jwt header is unknown.")
	}
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	verified := false
	for _, k := range p.keys {
		if header.Kid != "" && k.kid != "" && k.kid != header.Kid {
			continue
		}
		if rsa.VerifyPKCS1v15(k.key, crypto.SHA256, digest[:], sig) == nil {
			verified = true
			break
		}
	}
	if !verified {
		return nil, newError(codeOIDCInvalidSignature, "OIDC token validate failed: invalid signature.")
	}
	var claims struct {
		Iss string          `json:"iss"`
		Sub string          `json:"sub"`
		Aud json.RawMessage `json:"aud"`
		Exp *float64        `json:"exp"`
		Nbf *float64        `json:"nbf"`
	}
	if err := json.Unmarshal(rawClaims, &claims); err != nil {
		return nil, errOIDCInvalid("The Jwt content is invalid that cannot be recognized.")
	}
	var aud []string
	if len(claims.Aud) > 0 {
		var one string
		if json.Unmarshal(claims.Aud, &one) == nil {
			aud = []string{one}
		} else if json.Unmarshal(claims.Aud, &aud) != nil {
			return nil, errOIDCInvalid("The Jwt content is invalid that cannot be recognized.")
		}
	}
	if claims.Iss != p.issuer {
		return nil, newError(codeOIDCIssuerNotMatch, "Invalid issuer.")
	}
	if !slices.ContainsFunc(aud, func(a string) bool { return slices.Contains(p.audiences, a) }) {
		return nil, newError(codeOIDCAudienceNotMatch, "Invalid audience.")
	}
	if claims.Exp == nil {
		return nil, errOIDCInvalid("The Jwt content is invalid that cannot be recognized: it has no exp.")
	}
	if !now.Before(time.Unix(int64(*claims.Exp), 0)) {
		return nil, newError(codeOIDCTokenExpired, "This JsonWebToken is expired.")
	}
	if claims.Nbf != nil && now.Before(time.Unix(int64(*claims.Nbf), 0)) {
		return nil, errOIDCInvalid("The JsonWebToken is not valid yet (nbf).")
	}
	return &oidcClaims{Issuer: claims.Iss, Subject: claims.Sub, Audience: aud}, nil
}

func errOIDCInvalid(msg string) *apiError {
	return newError(codeOIDCTokenInvalid, "%s", msg)
}
