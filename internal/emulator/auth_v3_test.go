package emulator

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/utils"
)

// v3Spec describes a hand-made V3 request; the signature is computed with the official client's own
// primitive (darabonba-openapi utils.GetAuthorization).
type v3Spec struct {
	method  string
	action  string            // x-acs-action; "" leaves it out
	version string            // x-acs-version; APIVersion when ""
	query   map[string]string // query parameters
	form    string            // a form body
	headers map[string]string // extra headers, signed (those of x-acs-*, host and content-type)
	secret  string
	id      string
	date    string // x-acs-date; now when ""
	// after runs on the signed request: to tamper with it, drop or add headers.
	after func(*http.Request)
}

func v3HTTPRequest(t testing.TB, ts *httptest.Server, sp v3Spec) *http.Request {
	t.Helper()
	method := cmp.Or(sp.method, http.MethodPost)
	headers := map[string]*string{
		"host":                  tea.String(hostOf(ts)),
		"x-acs-version":         tea.String(cmp.Or(sp.version, APIVersion)),
		"x-acs-date":            tea.String(cmp.Or(sp.date, time.Now().UTC().Format(timestampLayout))),
		"x-acs-signature-nonce": openapiutil.GetNonce(),
	}
	if sp.action != "" {
		headers["x-acs-action"] = tea.String(sp.action)
	}
	if sp.form != "" {
		headers["content-type"] = tea.String("application/x-www-form-urlencoded")
	}
	for k, v := range sp.headers {
		headers[k] = tea.String(v)
	}
	sum := sha256.Sum256([]byte(sp.form))
	payload := hex.EncodeToString(sum[:])
	headers["x-acs-content-sha256"] = tea.String(payload)
	query := make(map[string]*string)
	for k, v := range sp.query {
		query[k] = tea.String(v)
	}
	dreq := dara.NewRequest()
	dreq.Method = tea.String(method)
	dreq.Pathname = tea.String("/")
	dreq.Query = query
	dreq.Headers = headers
	auth := openapiutil.GetAuthorization(dreq, tea.String(v3Algorithm), tea.String(payload),
		tea.String(cmp.Or(sp.id, DefaultAccessKeyID)), tea.String(cmp.Or(sp.secret, DefaultAccessKeySecret)))

	q := url.Values{}
	for k, v := range sp.query {
		q.Set(k, v)
	}
	req, err := http.NewRequest(method, ts.URL+"/?"+q.Encode(), strings.NewReader(sp.form))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		if k != "host" {
			req.Header.Set(k, *v)
		}
	}
	req.Header.Set("Authorization", *auth)
	if sp.after != nil {
		sp.after(req)
	}
	return req
}

func setHeader(name, value string) func(*http.Request) {
	return func(r *http.Request) { r.Header.Set(name, value) }
}

func delHeader(name string) func(*http.Request) {
	return func(r *http.Request) { r.Header.Del(name) }
}

// TestV3AuthFailures reaches each V3 failure with hand-made requests.
func TestV3AuthFailures(t *testing.T) {
	_, ts := startServer(t, testConfig())
	old := time.Now().UTC().Add(-20 * time.Minute).Format(timestampLayout)
	future := time.Now().UTC().Add(20 * time.Minute).Format(timestampLayout)
	d := v3Spec{action: "DescribeTrails"}
	with := func(mod func(*v3Spec)) v3Spec {
		sp := d
		mod(&sp)
		return sp
	}
	tests := []struct {
		name   string
		spec   v3Spec
		code   string
		status int
	}{
		{"valid", d, "", http.StatusOK},
		{"valid GET", with(func(sp *v3Spec) { sp.method = http.MethodGet }), "", http.StatusOK},
		{"valid with query and form parameters", with(func(sp *v3Spec) {
			sp.query = map[string]string{"NameList": "some-trail", "RegionId": "cn-beijing"}
			sp.form = "IncludeShadowTrails=true"
		}), "", http.StatusOK},
		{"valid with an extra signed header", with(func(sp *v3Spec) { sp.headers = map[string]string{"x-acs-extra": " a b "} }), "", http.StatusOK},
		{"wrong secret", with(func(sp *v3Spec) { sp.secret = "wrong" }), "SignatureDoesNotMatch", http.StatusBadRequest},
		{"unknown key", with(func(sp *v3Spec) { sp.id = "someone-else" }), "InvalidAccessKeyId.NotFound", http.StatusNotFound},
		{"query changed after signing", with(func(sp *v3Spec) {
			sp.after = func(r *http.Request) { r.URL.RawQuery = "NameList=other-trail" }
		}), "SignatureDoesNotMatch", http.StatusBadRequest},
		{"method changed after signing", with(func(sp *v3Spec) {
			sp.after = func(r *http.Request) { r.Method = http.MethodGet }
		}), "SignatureDoesNotMatch", http.StatusBadRequest},
		{"signed header changed", with(func(sp *v3Spec) { sp.after = setHeader("x-acs-version", LegacyAPIVersion) }),
			"SignatureDoesNotMatch", http.StatusBadRequest},
		{"body changed after signing", with(func(sp *v3Spec) {
			sp.form = "IncludeShadowTrails=true"
			sp.after = func(r *http.Request) {
				r.Body = http.NoBody
				r.ContentLength = 0
			}
		}), "SignatureDoesNotMatch", http.StatusBadRequest},
		{"no Authorization scheme", with(func(sp *v3Spec) { sp.after = setHeader("Authorization", "garbage") }),
			"IncompleteSignature", http.StatusBadRequest},
		{"another scheme", with(func(sp *v3Spec) { sp.after = setHeader("Authorization", "Bearer abc") }),
			"IncompleteSignature", http.StatusBadRequest},
		{"no Credential", with(func(sp *v3Spec) {
			sp.after = setHeader("Authorization", "ACS3-HMAC-SHA256 SignedHeaders=host,Signature="+strings.Repeat("a", 64))
		}), "IncompleteSignature", http.StatusBadRequest},
		{"no SignedHeaders", with(func(sp *v3Spec) {
			sp.after = setHeader("Authorization", "ACS3-HMAC-SHA256 Credential="+DefaultAccessKeyID+",Signature="+strings.Repeat("a", 64))
		}), "IncompleteSignature", http.StatusBadRequest},
		{"short Signature", with(func(sp *v3Spec) {
			sp.after = setHeader("Authorization", "ACS3-HMAC-SHA256 Credential="+DefaultAccessKeyID+",SignedHeaders=host,Signature=abc")
		}), "IncompleteSignature", http.StatusBadRequest},
		{"unknown part", with(func(sp *v3Spec) {
			sp.after = setHeader("Authorization", "ACS3-HMAC-SHA256 Credential="+DefaultAccessKeyID+",Region=x,SignedHeaders=host,Signature="+strings.Repeat("a", 64))
		}), "IncompleteSignature", http.StatusBadRequest},
		{"other ACS3 algorithm", with(func(sp *v3Spec) {
			sp.after = setHeader("Authorization", "ACS3-HMAC-SM3 Credential="+DefaultAccessKeyID+",SignedHeaders=host,Signature="+strings.Repeat("a", 64))
		}), "InvalidSignatureMethod", http.StatusBadRequest},
		{"no x-acs-date", with(func(sp *v3Spec) { sp.after = delHeader("x-acs-date") }), "IncompleteSignature", http.StatusBadRequest},
		{"no nonce", with(func(sp *v3Spec) { sp.after = delHeader("x-acs-signature-nonce") }), "IncompleteSignature", http.StatusBadRequest},
		{"no content hash", with(func(sp *v3Spec) { sp.after = delHeader("x-acs-content-sha256") }), "IncompleteSignature", http.StatusBadRequest},
		{"unsigned x-acs header", with(func(sp *v3Spec) { sp.after = setHeader("x-acs-unsigned", "1") }), "IncompleteSignature", http.StatusBadRequest},
		{"unsigned content-type", with(func(sp *v3Spec) { sp.after = setHeader("Content-Type", "application/x-www-form-urlencoded") }),
			"IncompleteSignature", http.StatusBadRequest},
		{"old date", with(func(sp *v3Spec) { sp.date = old }), "InvalidTimeStamp.Expired", http.StatusBadRequest},
		{"future date", with(func(sp *v3Spec) { sp.date = future }), "InvalidTimeStamp.Expired", http.StatusBadRequest},
		{"unparsable date", with(func(sp *v3Spec) { sp.date = "yesterday" }), "InvalidTimeStamp.Format", http.StatusBadRequest},
		{"no action", with(func(sp *v3Spec) { sp.action = "" }), "MissingAction", http.StatusBadRequest},
		{"unknown version", with(func(sp *v3Spec) { sp.version = "2000-01-01" }), "InvalidVersion", http.StatusBadRequest},
		{"unexpected security token", with(func(sp *v3Spec) { sp.headers = map[string]string{"x-acs-security-token": "token"} }),
			"InvalidSecurityToken.MismatchWithAccessKey", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := do(t, v3HTTPRequest(t, ts, tt.spec))
			checkRaw(t, status, body, tt.code, tt.status)
		})
	}
}

// TestV3StringToSign: the server's string to sign for V3 is the one the official client computes,
// shown in the SignatureDoesNotMatch message of a wrong secret.
func TestV3StringToSign(t *testing.T) {
	_, ts := startServer(t, testConfig())
	req := v3HTTPRequest(t, ts, v3Spec{action: "DescribeTrails", secret: "wrong",
		query: map[string]string{"Note": "a b*c~d+é", "Empty": ""}})
	status, body := do(t, req)
	checkRaw(t, status, body, "SignatureDoesNotMatch", http.StatusBadRequest)

	dreq := dara.NewRequest()
	dreq.Method = tea.String(req.Method)
	dreq.Pathname = tea.String("/")
	dreq.Query = map[string]*string{"Note": tea.String("a b*c~d+é"), "Empty": tea.String("")}
	dreq.Headers = map[string]*string{"host": tea.String(hostOf(ts))}
	for k := range req.Header {
		if lk := strings.ToLower(k); strings.HasPrefix(lk, "x-acs-") {
			dreq.Headers[lk] = tea.String(req.Header.Get(k))
		}
	}
	// The client's Authorization for the same request and the right secret carries the signature of
	// the same string to sign; the emulator must name that string.
	auth := tea.StringValue(openapiutil.GetAuthorization(dreq, tea.String(v3Algorithm), dreq.Headers["x-acs-content-sha256"],
		tea.String(DefaultAccessKeyID), tea.String(DefaultAccessKeySecret)))
	req2 := req.Clone(req.Context())
	req2.Header.Set("Authorization", auth)
	status, body = do(t, req2)
	checkRaw(t, status, body, "", http.StatusOK)
	if !strings.Contains(body, `"TrailList":[]`) {
		t.Errorf("body: %s", body)
	}
}

// TestNonceSharedAcrossSignatures: V1 and V3 share one nonce cache per AccessKeyId.
func TestNonceSharedAcrossSignatures(t *testing.T) {
	_, ts := startServer(t, testConfig())
	req := v3HTTPRequest(t, ts, v3Spec{action: "DescribeTrails"})
	status, body := do(t, req)
	checkRaw(t, status, body, "", http.StatusOK)
	p := signedParams(map[string]string{"Action": "DescribeTrails", "SignatureNonce": req.Header.Get("x-acs-signature-nonce")},
		http.MethodPost, DefaultAccessKeySecret)
	status, body = do(t, rawRequest(t, ts, http.MethodPost, p))
	checkRaw(t, status, body, "SignatureNonceUsed", http.StatusBadRequest)

	// A V1 request that carries x-acs-* headers (as the Tea client does in v2 mode) is still V1.
	p = signedParams(map[string]string{"Action": "DescribeTrails", "SignatureNonce": utils.GetNonce()}, http.MethodPost, DefaultAccessKeySecret)
	r := rawRequest(t, ts, http.MethodPost, p)
	r.Header.Set("x-acs-action", "CreateTrail")
	status, body = do(t, r)
	checkRaw(t, status, body, "", http.StatusOK)
	if !strings.Contains(body, "TrailList") {
		t.Errorf("V1 took the action from the header: %s", body)
	}
}
