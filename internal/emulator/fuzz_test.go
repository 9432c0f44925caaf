package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/utils"
)

// FuzzServeHTTP feeds raw requests to the emulator. With sign set, the harness completes and signs
// the parameters (the fuzzer's own values win) so that inputs reach the actions. Whatever the input,
// the emulator must not panic and must answer JSON with a RequestId and a documented status.
func FuzzServeHTTP(f *testing.F) {
	const hz = "actiontrail.cn-hangzhou.aliyuncs.com"
	for _, seed := range []struct {
		method, host, query, body string
		sign                      bool
	}{
		{"POST", hz, "Action=DescribeTrails", "", true},
		{"POST", hz, "Action=CreateTrail&Name=fuzz-trail&OssBucketName=" + testBucket + "&OssKeyPrefix=logs/fuzz", "", true},
		{"POST", "127.0.0.1:8080", "Action=CreateTrail&Name=fuzz_sls&SlsProjectArn=acs:log:cn-hangzhou::project/" + testProject +
			"&EventRW=All&TrailRegion=cn-beijing&IsOrganizationTrail=true&RoleName=aliyunactiontraildefaultrole", "", true},
		{"POST", hz, "Action=UpdateTrail&Name=fuzz-trail&OssKeyPrefix=&SlsWriteRoleArn=acs:ram::1:role/r", "", true},
		{"POST", hz, "Action=UpdateTrail&Name=fuzz-trail&OssBucketName=", "", true},
		{"GET", hz, "Action=StopLogging&Name=fuzz-trail", "", true},
		{"POST", hz, "Action=StartLogging", "Name=fuzz-trail", true},
		{"POST", hz, "Action=GetTrailStatus&Name=fuzz-trail&IsOrganizationTrail=maybe&Version=2017-12-04", "", true},
		{"POST", "actiontrail.cn-shanghai.aliyuncs.com:80", "Action=DescribeTrails&NameList=a,,fuzz-trail,%zz&IncludeShadowTrails=TRUE", "RegionId=", true},
		{"POST", hz, "Action=CreateTrail", "Name=x&Timestamp=not-a-time", true},
		{"POST", hz, "Action=DeleteTrail&Name=fuzz-trail&RegionId=Bad Region", "", true},
		{"POST", hz, "Action=CreateTrail&Version=2017-12-04&Name=legacy-trail&OssBucketName=" + testBucket, "", true},
		{"POST", hz, "Action=CreateTrail&Signature=%%%&AccessKeyId=" + DefaultAccessKeyID, "a=b;c&&=&", false},
		{"DELETE", "", "", "", false},
		{"POST", "[::1", strings.Repeat("a=b&", 500), strings.Repeat("%", 100), false},
		{"GET", hz, "Action=NoSuchThing&Version=2020-07-06", "", true},
		{"POST", "sts.aliyuncs.com", "Action=GetCallerIdentity&Version=2015-04-01", "", true},
		{"POST", "sts.aliyuncs.com", "Action=AssumeRole&Version=2015-04-01&RoleArn=acs:ram::1234567890123456:role/r&RoleSessionName=s", "", true},
		{"POST", "sts.aliyuncs.com", "Action=AssumeRoleWithOIDC&Version=2015-04-01", "OIDCProviderArn=x&RoleArn=y&OIDCToken=a.b.c&RoleSessionName=s", false},
	} {
		f.Add(seed.method, seed.host, seed.query, seed.body, seed.sign)
	}
	s := New(testConfig())
	f.Fuzz(func(t *testing.T, method, host, query, body string, sign bool) {
		if sign {
			query, body = signFuzzInput(method, query, body), ""
		}
		req := &http.Request{
			Method:     method,
			URL:        &url.URL{Path: "/", RawQuery: query},
			Proto:      "HTTP/1.1",
			ProtoMajor: 1,
			ProtoMinor: 1,
			Host:       host,
			Header:     http.Header{"Content-Type": {"application/x-www-form-urlencoded"}},
			Body:       io.NopCloser(strings.NewReader(body)),
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound:
		default:
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		var answer map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil {
			t.Fatalf("not JSON: %v: %s", err, rec.Body)
		}
		if id, _ := answer["RequestId"].(string); id == "" {
			t.Fatalf("no RequestId: %s", rec.Body)
		}
		if code, _ := answer["Code"].(string); rec.Code != http.StatusOK && code == "" {
			t.Fatalf("error without Code: %s", rec.Body)
		}
	})
}

// signFuzzInput merges the query and body parameters (the body's win, as on the server), completes and
// signs them, and returns them as one query string.
func signFuzzInput(method, query, body string) string {
	p := make(map[string]string)
	for _, raw := range []string{query, body} {
		values, _ := url.ParseQuery(raw)
		for k, vs := range values {
			p[k] = vs[0]
		}
	}
	return utils.GetUrlFormedMap(signedParams(p, method, DefaultAccessKeySecret))
}

// FuzzV3AndOIDCParsers: the V3 Authorization parser and the OIDC token check never panic, whatever
// they are given, and answer a documented code when they refuse.
func FuzzV3AndOIDCParsers(f *testing.F) {
	for _, seed := range []string{
		"ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host;x-acs-date,Signature=" + strings.Repeat("a", 64),
		"ACS3-HMAC-SM3 Credential=id,SignedHeaders=host,Signature=" + strings.Repeat("0", 64),
		"ACS3-HMAC-SHA256 Credential=,,,=",
		"eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln",
		"a.b.c", "", "Bearer x",
	} {
		f.Add(seed)
	}
	p := &oidcProvider{arn: ciProvider, issuer: ciIssuer, audiences: []string{ciAudience},
		keys: []jwk{{kid: "k", key: &testKeys()[0].PublicKey}}}
	codes := map[string]bool{"IncompleteSignature": true, "InvalidSignatureMethod": true}
	f.Fuzz(func(t *testing.T, s string) {
		if a, aerr := parseV3Authorization(s); (a == nil) == (aerr == nil) || aerr != nil && !codes[aerr.code] {
			t.Fatalf("parseV3Authorization(%q) = %v, %v", s, a, aerr)
		}
		if _, aerr := verifyOIDCToken(p, s, time.Unix(0, 0)); aerr == nil || !strings.HasPrefix(aerr.code, "AuthenticationFail.OIDCToken.") {
			t.Fatalf("verifyOIDCToken(%q) = %v", s, aerr)
		}
	})
}
