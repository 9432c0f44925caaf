package emulator

import (
	"cmp"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/utils"
)

// The V3 signature (ACS3-HMAC-SHA256).
const (
	v3Algorithm = "ACS3-HMAC-SHA256"
	v3Prefix    = "ACS3-"
)

// credential is an access key the emulator accepts, and who signs with it.
type credential struct {
	accessKeyID   string
	secret        string
	securityToken string    // the token a request must carry; "" for a long-term key (which carries none)
	expires       time.Time // zero: never (a long-term key)
	principal     *principal
}

// principal is who an authenticated request acts as: GetCallerIdentity's answer, and the account
// whose trails it sees.
type principal struct {
	AccountID    string
	UserID       string
	Arn          string
	IdentityType string // Account, RAMUser or AssumedRoleUser
	PrincipalID  string
	RoleArn      string // for AssumedRoleUser: the role assumed
	// policy is the session policy of temporary credentials (AssumeRole's Policy), nil for none:
	// it restricts their ActionTrail calls (not their STS ones).
	policy *sessionPolicy
}

// rootPrincipal is an account's own (root) identity, which its long-term key signs as.
func rootPrincipal(accountID string) *principal {
	return &principal{AccountID: accountID, UserID: accountID, Arn: "acs:ram::" + accountID + ":root",
		IdentityType: "Account", PrincipalID: accountID}
}

// The role a key configured with a SecurityToken (Config.SecurityToken) is taken to have assumed.
const (
	staticRoleName    = "emulator-role"
	staticRoleID      = "300000000000000001"
	staticSessionName = "emulator-session"
)

// assumedRolePrincipal is the identity of a session of a role (roleArn acs:ram::<account>:role/<name>).
func assumedRolePrincipal(roleArn, roleID, session string) *principal {
	account, name := roleAccount(roleArn), roleArn[strings.LastIndex(roleArn, "/")+1:]
	return &principal{AccountID: account, UserID: roleID + ":" + session,
		Arn:          "acs:ram::" + account + ":assumed-role/" + name + "/" + session,
		IdentityType: "AssumedRoleUser", PrincipalID: roleID + ":" + session, RoleArn: roleArn}
}

// roleAccount is the account of a role ARN acs:ram::<account>:role/<name>, "" for another string.
func roleAccount(roleArn string) string {
	rest, ok := strings.CutPrefix(roleArn, "acs:ram::")
	if !ok {
		return ""
	}
	account, _, _ := strings.Cut(rest, ":")
	return account
}

// credential returns the accepted key with this AccessKeyId.
func (s *Server) credential(accessKeyID string) (*credential, bool) {
	s.keysMu.RLock()
	defer s.keysMu.RUnlock()
	c, ok := s.keys[accessKeyID]
	return c, ok
}

// authenticate checks a V1 request like the POP gateway does (HMAC-SHA1, SignatureVersion 1.0).
func (s *Server) authenticate(method string, p params) (*principal, *apiError) {
	accessKeyID := p["AccessKeyId"]
	if accessKeyID == "" {
		return nil, errMissing("AccessKeyId")
	}
	cred, ok := s.credential(accessKeyID)
	if !ok {
		return nil, errAccessKeyNotFound()
	}
	signature := p["Signature"]
	if raw, err := base64.StdEncoding.DecodeString(signature); err != nil || len(raw) != sha1.Size {
		return nil, errIncompleteSignature()
	}
	switch p["SignatureMethod"] {
	case "HMAC-SHA1":
	case "":
		return nil, errIncompleteSignature()
	default:
		return nil, errSignatureMethod()
	}
	if p["SignatureVersion"] != "1.0" {
		return nil, errIncompleteSignature()
	}
	nonce := p["SignatureNonce"]
	if nonce == "" {
		return nil, errMissing("SignatureNonce")
	}
	ts := p["Timestamp"]
	if ts == "" {
		return nil, errMissing("Timestamp")
	}
	now, aerr := s.checkTime(ts)
	if aerr != nil {
		return nil, aerr
	}
	toSign := stringToSign(method, p)
	expected := utils.ShaHmac1(toSign, cred.secret+"&")
	if subtle.ConstantTimeCompare([]byte(signature), []byte(expected)) != 1 {
		return nil, errSignatureMismatch(toSign)
	}
	token, sentToken := p.get("SecurityToken")
	return s.admit(cred, token, sentToken, nonce, now)
}

// checkTime parses a request's time (Timestamp, x-acs-date) and checks it is within the window of
// the emulator's clock, which it returns.
func (s *Server) checkTime(ts string) (time.Time, *apiError) {
	sent, err := time.Parse(time.RFC3339, ts)
	if err != nil {
		return time.Time{}, errTimestampFormat()
	}
	now := s.now()
	if skew := now.Sub(sent); skew > timestampWindow || skew < -timestampWindow {
		return time.Time{}, errTimestampExpired()
	}
	return now, nil
}

// admit ends the authentication of a correctly signed request, V1 or V3: the security token, the
// key's expiry, then the nonce (remembered only for requests that got this far).
func (s *Server) admit(cred *credential, token string, sentToken bool, nonce string, now time.Time) (*principal, *apiError) {
	switch {
	case cred.securityToken != "" && !sentToken:
		return nil, errMissing("SecurityToken")
	case cred.securityToken != "" && subtle.ConstantTimeCompare([]byte(token), []byte(cred.securityToken)) != 1:
		return nil, errTokenMismatch()
	case cred.securityToken == "" && token != "":
		return nil, errTokenMismatch() // a long-term access key carries no token
	}
	if !cred.expires.IsZero() && !now.Before(cred.expires) {
		return nil, errTokenExpired()
	}
	if !s.nonces.use(cred.accessKeyID, nonce, now) {
		return nil, errNonceUsed()
	}
	return cred.principal, nil
}

// stringToSign mirrors the SDK's buildRpcStringToSign (sdk/auth/rpc_signature_composer.go): every
// parameter but Signature, sorted and percent-encoded per RFC 3986, then METHOD&%2F&encoded.
func stringToSign(method string, p params) string {
	signParams := make(map[string]string, len(p))
	for k, v := range p {
		if k != "Signature" {
			signParams[k] = v
		}
	}
	canonical := utils.GetUrlFormedMap(signParams)
	canonical = strings.ReplaceAll(canonical, "+", "%20")
	canonical = strings.ReplaceAll(canonical, "*", "%2A")
	canonical = strings.ReplaceAll(canonical, "%7E", "~")
	return method + "&%2F&" + url.QueryEscape(canonical)
}

// v3Authorization is a parsed V3 Authorization header.
type v3Authorization struct {
	algorithm     string
	accessKeyID   string
	signedHeaders []string // as sent: lowercase names joined by ';'
	signature     string   // lowercase hex
}

// parseV3Authorization parses `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>`.
// A header of another scheme, or missing a part, is an IncompleteSignature; another ACS3 algorithm
// (ACS3-HMAC-SM3, ACS3-RSA-SHA256) is well formed but not supported here: InvalidSignatureMethod.
func parseV3Authorization(h string) (*v3Authorization, *apiError) {
	algorithm, rest, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || !strings.HasPrefix(algorithm, v3Prefix) {
		return nil, errIncompleteSignatureV3("the Authorization header is not of the form " +
			"ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<names>,Signature=<hex>")
	}
	a := &v3Authorization{algorithm: algorithm}
	seen := make(map[string]bool)
	for part := range strings.SplitSeq(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || seen[k] {
			return nil, errIncompleteSignatureV3("the Authorization header has a malformed or repeated part")
		}
		seen[k] = true
		switch k {
		case "Credential":
			a.accessKeyID = v
		case "SignedHeaders":
			if v != "" {
				a.signedHeaders = strings.Split(v, ";")
			}
		case "Signature":
			a.signature = v
		default:
			return nil, errIncompleteSignatureV3("the Authorization header has an unknown part " + k)
		}
	}
	switch {
	case a.accessKeyID == "":
		return nil, errIncompleteSignatureV3("the Authorization header names no Credential")
	case len(a.signedHeaders) == 0:
		return nil, errIncompleteSignatureV3("the Authorization header names no SignedHeaders")
	case !isLowerHex(a.signature, sha256.Size):
		return nil, errIncompleteSignatureV3("the Signature of the Authorization header is not 64 lowercase hex digits")
	}
	if algorithm != v3Algorithm {
		return nil, errSignatureMethod()
	}
	return a, nil
}

func isLowerHex(s string, bytes int) bool {
	if len(s) != 2*bytes {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && (r < 'a' || r > 'f') {
			return false
		}
	}
	return true
}

// authenticateV3 checks a request signed with ACS3-HMAC-SHA256 the way the gateway does, and the
// way the official Tea/OpenAPI client (darabonba-openapi's utils.GetAuthorization) signs it.
func (s *Server) authenticateV3(r *http.Request, req *apiRequest) (*principal, *apiError) {
	auth, aerr := parseV3Authorization(r.Header.Get("Authorization"))
	if aerr != nil {
		return nil, aerr
	}
	cred, ok := s.credential(auth.accessKeyID)
	if !ok {
		return nil, errAccessKeyNotFound()
	}
	// Every public request header present (host, content-type, x-acs-*) must be signed, and the
	// signature scheme's own headers must be there.
	signed := make(map[string]bool, len(auth.signedHeaders))
	for _, name := range auth.signedHeaders {
		signed[name] = true
	}
	for _, name := range []string{"host", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"} {
		if name != "host" && r.Header.Get(name) == "" {
			return nil, errIncompleteSignatureV3("the header " + name + " is mandatory")
		}
		if !signed[name] {
			return nil, errIncompleteSignatureV3("the header " + name + " must be signed")
		}
	}
	for name := range r.Header {
		lower := strings.ToLower(name)
		if (strings.HasPrefix(lower, "x-acs-") || lower == "content-type") && !signed[lower] {
			return nil, errIncompleteSignatureV3("the header " + lower + " is present but not signed")
		}
	}
	now, aerr := s.checkTime(r.Header.Get("x-acs-date"))
	if aerr != nil {
		return nil, aerr
	}
	bodyHash := sha256.Sum256(req.body)
	if payload := r.Header.Get("x-acs-content-sha256"); !strings.EqualFold(payload, hex.EncodeToString(bodyHash[:])) {
		return nil, errContentSHA256Mismatch()
	}
	toSign := v3StringToSign(r, req, auth.signedHeaders, hex.EncodeToString(bodyHash[:]))
	mac := hmac.New(sha256.New, []byte(cred.secret))
	mac.Write([]byte(toSign))
	expected := hex.EncodeToString(mac.Sum(nil))
	if subtle.ConstantTimeCompare([]byte(auth.signature), []byte(expected)) != 1 {
		return nil, errSignatureMismatch(toSign)
	}
	token := r.Header.Get("x-acs-security-token")
	_, sentToken := r.Header["X-Acs-Security-Token"]
	return s.admit(cred, token, sentToken, r.Header.Get("x-acs-signature-nonce"), now)
}

// v3CanonicalRequest is METHOD \n URI \n canonical query \n canonical headers \n signed headers \n
// hashed payload.
func v3CanonicalRequest(r *http.Request, req *apiRequest, signedHeaders []string, payloadHash string) string {
	var b strings.Builder
	b.WriteString(r.Method)
	b.WriteString("\n")
	b.WriteString(cmp.Or(r.URL.EscapedPath(), "/"))
	b.WriteString("\n")
	b.WriteString(v3CanonicalQuery(req.query))
	b.WriteString("\n")
	for _, name := range signedHeaders {
		var values []string
		if name == "host" {
			values = []string{r.Host}
		} else {
			for _, v := range r.Header.Values(name) {
				values = append(values, strings.TrimSpace(v))
			}
		}
		slices.Sort(values)
		b.WriteString(name)
		b.WriteString(":")
		b.WriteString(strings.Join(values, ","))
		b.WriteString("\n")
	}
	b.WriteString("\n")
	b.WriteString(strings.Join(signedHeaders, ";"))
	b.WriteString("\n")
	b.WriteString(payloadHash)
	return b.String()
}

// v3StringToSign is "ACS3-HMAC-SHA256\n" + hex(SHA-256(canonical request)).
func v3StringToSign(r *http.Request, req *apiRequest, signedHeaders []string, payloadHash string) string {
	sum := sha256.Sum256([]byte(v3CanonicalRequest(r, req, signedHeaders, payloadHash)))
	return v3Algorithm + "\n" + hex.EncodeToString(sum[:])
}

// v3CanonicalQuery sorts the query parameters by name (byte order) and joins name=value pairs with
// '&'; values are percent-encoded per RFC 3986 (only A-Za-z0-9-_.~ unescaped, space as %20), an empty
// value leaves "name=". Names are not encoded, but '+', '*' and %7E in them are rewritten like the
// values' (%20, %2A, ~): that is what the official client (darabonba-openapi's
// getCanonicalQueryString) signs, and it wins over the spec's "names encoded too" for the rare name
// that is not plain ASCII letters and digits (see DECISIONS.md).
func v3CanonicalQuery(q url.Values) string {
	type pair struct{ k, v string }
	var pairs []pair
	for k, vs := range q {
		for _, v := range vs {
			pairs = append(pairs, pair{k, v})
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if c := strings.Compare(a.k, b.k); c != 0 {
			return c
		}
		return strings.Compare(a.v, b.v)
	})
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = p.k + "=" + url.QueryEscape(p.v)
	}
	return rfc3986(strings.Join(parts, "&"))
}

// rfc3986 turns url.QueryEscape's output into RFC 3986 form, as the SDKs do: '+' → %20, '*' → %2A,
// %7E → '~'.
func rfc3986(s string) string {
	s = strings.ReplaceAll(s, "+", "%20")
	s = strings.ReplaceAll(s, "*", "%2A")
	return strings.ReplaceAll(s, "%7E", "~")
}

// Temporary credentials.
const (
	stsKeyPrefix             = "STS."
	minSessionSeconds        = 900
	maxSessionSeconds        = 43200
	defaultMaxSessionSeconds = 3600
)

// policyOrNil is the principal's session policy; nil for none, or for no principal (an unsigned call).
func (p *principal) policyOrNil() *sessionPolicy {
	if p == nil {
		return nil
	}
	return p.policy
}
