package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/utils"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
)

// TestWrongSecret: the SDK compares the server's string to sign (at the end of the message) with its
// own; equal strings mean the secret is wrong, and the SDK says so in Recommend.
func TestWrongSecret(t *testing.T) {
	s, ts := startServer(t, testConfig())
	c := newClientWithKey(t, ts, DefaultAccessKeyID, "not-the-secret")
	_, err := c.DescribeTrails(actiontrail.CreateDescribeTrailsRequest())
	se := serverError(t, err, "SignatureDoesNotMatch", http.StatusBadRequest)
	if !strings.Contains(se.Message(), "server string to sign is:POST&%2F&") {
		t.Errorf("message: %s", se.Message())
	}
	if !strings.Contains(se.Recommend(), "InvalidAccessKeySecret") {
		t.Errorf("the SDK did not recognise its own string to sign; Recommend: %s", se.Recommend())
	}
	if calls := s.Calls(); len(calls) != 0 {
		t.Errorf("unauthenticated calls were counted: %v", calls)
	}
}

func TestUnknownAccessKey(t *testing.T) {
	_, ts := startServer(t, testConfig())
	c := newClientWithKey(t, ts, "someone-else", DefaultAccessKeySecret)
	_, err := c.DescribeTrails(actiontrail.CreateDescribeTrailsRequest())
	se := serverError(t, err, "InvalidAccessKeyId.NotFound", http.StatusNotFound)
	if se.Message() != "Specified access key is not found." {
		t.Errorf("message: %s", se.Message())
	}
}

func TestCustomCredentials(t *testing.T) {
	_, ts := startServer(t, Config{AccessKeyID: "my-id", AccessKeySecret: "my-secret"})
	if _, err := newClientWithKey(t, ts, "my-id", "my-secret").DescribeTrails(actiontrail.CreateDescribeTrailsRequest()); err != nil {
		t.Fatal(err)
	}
	_, err := newClient(t, ts).DescribeTrails(actiontrail.CreateDescribeTrailsRequest())
	_ = serverError(t, err, "InvalidAccessKeyId.NotFound", http.StatusNotFound)
}

// TestServerClockSkew: with the emulator's clock an hour ahead, the SDK's Timestamp is expired.
func TestServerClockSkew(t *testing.T) {
	for _, skew := range []time.Duration{time.Hour, -time.Hour} {
		_, ts := startServer(t, Config{Now: func() time.Time { return time.Now().Add(skew) }})
		_, err := newClient(t, ts).DescribeTrails(actiontrail.CreateDescribeTrailsRequest())
		_ = serverError(t, err, "InvalidTimeStamp.Expired", http.StatusBadRequest)
	}
	// Within 15 minutes is fine.
	_, ts := startServer(t, Config{Now: func() time.Time { return time.Now().Add(14 * time.Minute) }})
	if _, err := newClient(t, ts).DescribeTrails(actiontrail.CreateDescribeTrailsRequest()); err != nil {
		t.Fatal(err)
	}
}

// TestRawAuthFailures crafts signed requests with the SDK's primitives to reach each failure.
func TestRawAuthFailures(t *testing.T) {
	_, ts := startServer(t, testConfig())
	describe := map[string]string{"Action": "DescribeTrails", "RegionId": testRegion}
	old := time.Now().UTC().Add(-20 * time.Minute).Format(timestampLayout)
	future := time.Now().UTC().Add(20 * time.Minute).Format(timestampLayout)
	tests := []struct {
		name   string
		params map[string]string
		omit   []string
		code   string
		status int
	}{
		{"valid", describe, nil, "", http.StatusOK},
		{"valid, lowercase format, RFC 3339 offset", with(describe, "Format", "json", "Timestamp",
			time.Now().In(time.FixedZone("CST", 8*3600)).Format(time.RFC3339)), nil, "", http.StatusOK},
		{"old timestamp", with(describe, "Timestamp", old), nil, "InvalidTimeStamp.Expired", http.StatusBadRequest},
		{"future timestamp", with(describe, "Timestamp", future), nil, "InvalidTimeStamp.Expired", http.StatusBadRequest},
		{"unparsable timestamp", with(describe, "Timestamp", "yesterday"), nil, "InvalidTimeStamp.Format", http.StatusBadRequest},
		{"no timestamp", describe, []string{"Timestamp"}, "MissingTimestamp", http.StatusBadRequest},
		{"no signature", with(describe, "Signature", ""), nil, "IncompleteSignature", http.StatusBadRequest},
		{"signature not base64", with(describe, "Signature", "not base64!"), nil, "IncompleteSignature", http.StatusBadRequest},
		{"signature of the wrong size", with(describe, "Signature", "c2hvcnQ="), nil, "IncompleteSignature", http.StatusBadRequest},
		{"wrong signature", with(describe, "Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAA="), nil, "SignatureDoesNotMatch", http.StatusBadRequest},
		{"other signature method", with(describe, "SignatureMethod", "HMAC-SHA256"), nil, "InvalidSignatureMethod", http.StatusBadRequest},
		{"no signature method", describe, []string{"SignatureMethod"}, "IncompleteSignature", http.StatusBadRequest},
		{"other signature version", with(describe, "SignatureVersion", "2.0"), nil, "IncompleteSignature", http.StatusBadRequest},
		{"no nonce", describe, []string{"SignatureNonce"}, "MissingSignatureNonce", http.StatusBadRequest},
		{"no access key", describe, []string{"AccessKeyId"}, "MissingAccessKeyId", http.StatusBadRequest},
		{"no action", map[string]string{}, nil, "MissingAction", http.StatusBadRequest},
		{"no version", describe, []string{"Version"}, "MissingVersion", http.StatusBadRequest},
		{"unexpected security token", with(describe, "SecurityToken", "token"), nil, "InvalidSecurityToken.MismatchWithAccessKey", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := signedParams(tt.params, http.MethodPost, DefaultAccessKeySecret, tt.omit...)
			if p["Signature"] == "" {
				delete(p, "Signature")
			}
			status, body := do(t, rawRequest(t, ts, http.MethodPost, p))
			checkRaw(t, status, body, tt.code, tt.status)
		})
	}
}

// with returns a copy of p with key/value pairs set.
func with(p map[string]string, kv ...string) map[string]string {
	out := make(map[string]string, len(p)+len(kv)/2)
	for k, v := range p {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// checkRaw checks a raw answer: its status, and for errors the documented JSON body.
func checkRaw(t *testing.T, status int, body, code string, wantStatus int) {
	t.Helper()
	if status != wantStatus {
		t.Fatalf("status %d, want %d: %s", status, wantStatus, body)
	}
	var e apiErrorBody
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("body is not JSON: %v: %s", err, body)
	}
	if e.RequestID == "" {
		t.Errorf("no RequestId: %s", body)
	}
	if code == "" {
		return
	}
	if e.Code != code || e.Message == "" || e.HostID == "" || e.Recommend == "" {
		t.Errorf("want code %s with HostId, Message and Recommend, got %s", code, body)
	}
}

// TestFormBodyParams: parameters may come in a form body too, and are signed with the query ones.
func TestFormBodyParams(t *testing.T) {
	s, ts := startServer(t, testConfig())
	p := signedParams(map[string]string{"Action": "CreateTrail", "Name": "form-trail", "OssBucketName": testBucket},
		http.MethodPost, DefaultAccessKeySecret)
	query := map[string]string{"Action": p["Action"], "Signature": p["Signature"], "Version": p["Version"]}
	form := make(map[string]string)
	for k, v := range p {
		if _, inQuery := query[k]; !inQuery {
			form[k] = v
		}
	}
	req := rawRequest(t, ts, http.MethodPost, query)
	req.Body = io.NopCloser(strings.NewReader(utils.GetUrlFormedMap(form)))
	req.ContentLength = -1
	status, body := do(t, req)
	checkRaw(t, status, body, "", http.StatusOK)
	if _, ok := s.GetTrail(DefaultRegion, "form-trail"); !ok {
		t.Error("trail not created")
	}

	// GET with everything in the query works too.
	p = signedParams(map[string]string{"Action": "DescribeTrails", "NameList": "form-trail"}, http.MethodGet, DefaultAccessKeySecret)
	status, body = do(t, rawRequest(t, ts, http.MethodGet, p))
	checkRaw(t, status, body, "", http.StatusOK)
	if !strings.Contains(body, `"Name":"form-trail"`) {
		t.Errorf("GET DescribeTrails: %s", body)
	}

	// A signature made for GET does not hold for POST.
	p = signedParams(map[string]string{"Action": "DescribeTrails"}, http.MethodGet, DefaultAccessKeySecret)
	status, body = do(t, rawRequest(t, ts, http.MethodPost, p))
	checkRaw(t, status, body, "SignatureDoesNotMatch", http.StatusBadRequest)
	if !strings.Contains(body, "server string to sign is:POST&%2F&") {
		t.Errorf("message: %s", body)
	}

	// A body over the limit is refused.
	req = rawRequest(t, ts, http.MethodPost, query)
	req.Body = io.NopCloser(bytes.NewReader(bytes.Repeat([]byte("a"), maxBodyBytes+1)))
	req.ContentLength = -1
	status, body = do(t, req)
	checkRaw(t, status, body, "InvalidParameter", http.StatusBadRequest)
}

// TestNonceReplay replays a request exactly as the SDK sent it: the second time its nonce is used.
func TestNonceReplay(t *testing.T) {
	s, ts := startServer(t, testConfig())
	c := newClient(t, ts)
	rec := &lastRequest{}
	c.SetTransport(rec)
	mustCreate(t, c, "replayed-trail")

	status, body := rec.replay(t)
	checkRaw(t, status, body, "SignatureNonceUsed", http.StatusBadRequest)
	if n := len(s.Trails()); n != 1 {
		t.Errorf("%d trails after the replay, want 1", n)
	}

	// A nonce is remembered only once the signature and timestamp were valid.
	p := signedParams(map[string]string{"Action": "DescribeTrails"}, http.MethodPost, "wrong-secret")
	status, body = do(t, rawRequest(t, ts, http.MethodPost, p))
	checkRaw(t, status, body, "SignatureDoesNotMatch", http.StatusBadRequest)
	p = signedParams(map[string]string{"Action": "DescribeTrails", "SignatureNonce": p["SignatureNonce"]}, http.MethodPost, DefaultAccessKeySecret)
	status, body = do(t, rawRequest(t, ts, http.MethodPost, p))
	checkRaw(t, status, body, "", http.StatusOK)

	expired := signedParams(map[string]string{"Action": "DescribeTrails",
		"Timestamp": time.Now().UTC().Add(-time.Hour).Format(timestampLayout)}, http.MethodPost, DefaultAccessKeySecret)
	status, body = do(t, rawRequest(t, ts, http.MethodPost, expired))
	checkRaw(t, status, body, "InvalidTimeStamp.Expired", http.StatusBadRequest)
	p = signedParams(map[string]string{"Action": "DescribeTrails", "SignatureNonce": expired["SignatureNonce"]}, http.MethodPost, DefaultAccessKeySecret)
	status, body = do(t, rawRequest(t, ts, http.MethodPost, p))
	checkRaw(t, status, body, "", http.StatusOK)
}

// TestNonceCachePruning: nonces older than the window are forgotten, so memory stays bounded.
func TestNonceCachePruning(t *testing.T) {
	var c nonceCache
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 5000 {
		if !c.use("key", string(rune('a'+i%26))+time.Duration(i).String(), t0) {
			t.Fatalf("nonce %d refused", i)
		}
	}
	if c.use("key", "a0s", t0.Add(time.Minute)) {
		t.Error("a reused nonce was accepted")
	}
	if !c.use("other-key", "a0s", t0.Add(time.Minute)) {
		t.Error("nonces are per access key")
	}
	if !c.use("key", "fresh", t0.Add(16*time.Minute)) {
		t.Error("fresh nonce refused")
	}
	if n := c.len(); n != 1 {
		t.Errorf("%d nonces remembered after the window, want 1", n)
	}
	if !c.use("key", "a0s", t0.Add(17*time.Minute)) {
		t.Error("a nonce from outside the window was refused")
	}
	if len(c.order)-c.head != c.len() {
		t.Errorf("order queue holds %d live entries for %d nonces", len(c.order)-c.head, c.len())
	}
}

// TestSecurityToken: with a token configured, a request must carry exactly that token.
func TestSecurityToken(t *testing.T) {
	_, ts := startServer(t, Config{SecurityToken: "sts-token"})
	sts := func(token string) *actiontrail.Client {
		c, err := actiontrail.NewClientWithStsToken(testRegion, DefaultAccessKeyID, DefaultAccessKeySecret, token)
		if err != nil {
			t.Fatal(err)
		}
		c.Domain = hostOf(ts)
		return c
	}
	if _, err := sts("sts-token").DescribeTrails(actiontrail.CreateDescribeTrailsRequest()); err != nil {
		t.Fatalf("right token: %v", err)
	}
	_, err := sts("other-token").DescribeTrails(actiontrail.CreateDescribeTrailsRequest())
	_ = serverError(t, err, "InvalidSecurityToken.MismatchWithAccessKey", http.StatusBadRequest)
	_, err = newClient(t, ts).DescribeTrails(actiontrail.CreateDescribeTrailsRequest())
	_ = serverError(t, err, "MissingSecurityToken", http.StatusBadRequest)
}

// TestStringToSignMatchesSDK: the server's string to sign equals the SDK's for awkward values
// (spaces, '*', '~', '+', '/', non-ASCII), shown by a wrong secret answering with the SDK's string.
func TestStringToSignMatchesSDK(t *testing.T) {
	_, ts := startServer(t, testConfig())
	c := newClientWithKey(t, ts, DefaultAccessKeyID, "wrong")
	req := createRequest("awkward-trail")
	req.QueryParams["RoleName"] = "a b*c~d+e/f=g&h%i é"
	_, err := c.CreateTrail(req)
	se := serverError(t, err, "SignatureDoesNotMatch", http.StatusBadRequest)
	if !strings.Contains(se.Recommend(), "InvalidAccessKeySecret") {
		t.Errorf("string to sign differs from the SDK's: %s", se.Message())
	}
	if got := req.GetStringToSign(); !strings.HasSuffix(se.Message(), got) {
		t.Errorf("server string to sign\n%s\ndoes not end the message\n%s", got, se.Message())
	}
}
