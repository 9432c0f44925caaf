package emulator

import (
	"cmp"
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
)

// The official generic client of today's Tea/OpenAPI SDKs (darabonba-openapi/v2) is a second client,
// independent of the v1 SDK the provider uses: it signs with V3 (ACS3-HMAC-SHA256) by default and with
// V1 (HMAC-SHA1) when SignatureAlgorithm is "v2". Where it and the emulator disagree, it wins.

// openAPIModes are the client's two signing modes.
var openAPIModes = []struct {
	name      string
	algorithm string // Config.SignatureAlgorithm; "" is the default, V3
}{
	{"v3", ""},
	{"v2", "v2"},
}

// openAPIClient is an official generic client pointed at ts. rec, if not nil, sees every request.
type openAPIClient struct {
	c         *openapi.Client
	rec       *lastRequest
	anonymous bool // AuthType Anonymous: the request is not signed (AssumeRoleWithOIDC)
}

type openAPIOptions struct {
	algorithm  string
	id, secret string
	token      string
	record     bool
	anonymous  bool
}

func newOpenAPIClient(t testing.TB, ts *httptest.Server, o openAPIOptions) *openAPIClient {
	t.Helper()
	cfg := &openapi.Config{
		AccessKeyId:     tea.String(cmp.Or(o.id, DefaultAccessKeyID)),
		AccessKeySecret: tea.String(cmp.Or(o.secret, DefaultAccessKeySecret)),
		Endpoint:        tea.String(hostOf(ts)),
		Protocol:        tea.String("HTTP"),
	}
	if o.token != "" {
		cfg.SecurityToken = tea.String(o.token)
	}
	if o.algorithm != "" {
		cfg.SignatureAlgorithm = tea.String(o.algorithm)
	}
	out := &openAPIClient{anonymous: o.anonymous}
	if o.record {
		out.rec = &lastRequest{}
		cfg.HttpClient = out.rec
	}
	c, err := openapi.NewClient(cfg)
	if err != nil {
		t.Fatalf("openapi.NewClient: %v", err)
	}
	out.c = c
	return out
}

// call calls an RPC action of version with query parameters (and form parameters, if form is not
// nil) and returns the decoded body.
func (oc *openAPIClient) call(version, action, method string, query, form map[string]string) (map[string]any, error) {
	params := &openapi.Params{
		Action:      tea.String(action),
		Version:     tea.String(version),
		Protocol:    tea.String("HTTP"),
		Pathname:    tea.String("/"),
		Method:      tea.String(method),
		AuthType:    tea.String(map[bool]string{false: "AK", true: "Anonymous"}[oc.anonymous]),
		Style:       tea.String("RPC"),
		ReqBodyType: tea.String("formData"),
		BodyType:    tea.String("json"),
	}
	q := make(map[string]*string, len(query))
	for k, v := range query {
		q[k] = tea.String(v)
	}
	req := &openapi.OpenApiRequest{Query: q}
	if form != nil {
		body := make(map[string]any, len(form))
		for k, v := range form {
			body[k] = v
		}
		req.Body = body
	}
	res, err := oc.c.CallApi(params, req, &dara.RuntimeOptions{})
	if err != nil {
		return nil, err
	}
	body, _ := res["body"].(map[string]any)
	return body, nil
}

// at calls an ActionTrail action with POST (StopLogging with GET, as the SDKs send it).
func (oc *openAPIClient) at(action string, query map[string]string) (map[string]any, error) {
	method := http.MethodPost
	if action == "StopLogging" {
		method = http.MethodGet
	}
	return oc.call(APIVersion, action, method, query, nil)
}

// teaError asserts err is the client's *tea.SDKError with code and status, and a RequestId.
func teaError(t testing.TB, err error, code string, status int) *tea.SDKError {
	t.Helper()
	var se *tea.SDKError
	if !errors.As(err, &se) {
		t.Fatalf("want SDKError %s (%d), got %T: %v", code, status, err, err)
	}
	if tea.StringValue(se.Code) != code || tea.IntValue(se.StatusCode) != status {
		t.Fatalf("want %s (%d), got %s (%d): %s", code, status, tea.StringValue(se.Code), tea.IntValue(se.StatusCode), tea.StringValue(se.Message))
	}
	var data struct{ RequestId string } //nolint:revive // the API's spelling
	if err := json.Unmarshal([]byte(tea.StringValue(se.Data)), &data); err != nil || data.RequestId == "" {
		t.Fatalf("%s: no RequestId in %s", code, tea.StringValue(se.Data))
	}
	return se
}

func str(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

// trailList returns DescribeTrails' TrailList items.
func trailList(t testing.TB, body map[string]any) []map[string]any {
	t.Helper()
	raw, ok := body["TrailList"].([]any)
	if !ok {
		t.Fatalf("TrailList is not an array: %#v", body["TrailList"])
	}
	out := make([]map[string]any, 0, len(raw))
	for _, item := range raw {
		m, _ := item.(map[string]any)
		out = append(out, m)
	}
	return out
}

// TestOpenAPILifecycle drives a trail through every action the provider uses with the official
// generic client, in both of its signing modes.
func TestOpenAPILifecycle(t *testing.T) {
	for _, mode := range openAPIModes {
		t.Run(mode.name, func(t *testing.T) {
			clock := newFakeClock()
			s, ts := startServer(t, clockedConfig(clock))
			c := newOpenAPIClient(t, ts, openAPIOptions{algorithm: mode.algorithm})
			const name = "openapi-trail"
			must := func(body map[string]any, err error) map[string]any {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
				if str(body, "RequestId") == "" {
					t.Fatalf("no RequestId: %v", body)
				}
				return body
			}

			// The Tea clients send no RegionId: the region is the emulator's default (the Host is
			// 127.0.0.1); a RegionId parameter still works.
			created := must(c.at("CreateTrail", map[string]string{
				"Name": name, "OssBucketName": testBucket, "OssKeyPrefix": "audit/logs",
				"SlsProjectArn": testProjectArn, "SlsWriteRoleArn": testRoleArn, "EventRW": "All",
			}))
			if str(created, "Name") != name || str(created, "HomeRegion") != DefaultRegion || str(created, "EventRW") != "All" {
				t.Errorf("CreateTrail answered %v", created)
			}
			if _, ok := s.GetTrail("", name); !ok {
				t.Fatal("trail not stored in the default region")
			}
			// Awkward characters in the canonical query string: the signature holds, the rule refuses.
			_, err := c.at("CreateTrail", map[string]string{"Name": "awkward-trail", "OssBucketName": testBucket,
				"RoleName": "a b*c~d+e/f=g&h%i é", "Odd key*~": "x y"})
			_ = teaError(t, err, "InvalidQueryParameter", http.StatusBadRequest)
			must(c.at("CreateTrail", map[string]string{"Name": name, "OssBucketName": testBucket, "RegionId": "cn-beijing"}))
			if _, ok := s.GetTrail("cn-beijing", name); !ok {
				t.Fatal("RegionId was not honoured")
			}

			list := trailList(t, must(c.at("DescribeTrails", map[string]string{"NameList": name + ",absent-trail"})))
			if len(list) != 1 || str(list[0], "Status") != StatusFresh || str(list[0], "SlsProjectArn") != testProjectArn ||
				list[0]["IsShadowTrail"] != json.Number("0") && list[0]["IsShadowTrail"] != float64(0) {
				t.Errorf("DescribeTrails: %v", list)
			}

			must(c.at("StartLogging", map[string]string{"Name": name}))
			if st := must(c.at("GetTrailStatus", map[string]string{"Name": name})); st["IsLogging"] != true {
				t.Errorf("GetTrailStatus after StartLogging: %v", st)
			}
			must(c.at("StopLogging", map[string]string{"Name": name}))
			if got, _ := s.GetTrail("", name); got.Status != StatusDisable {
				t.Errorf("after StopLogging: %+v", got)
			}

			// Update: a parameter sent empty clears it (the Tea client sends empty values).
			updated := must(c.at("UpdateTrail", map[string]string{"Name": name, "OssKeyPrefix": "", "EventRW": "Read"}))
			if str(updated, "OssKeyPrefix") != "" || str(updated, "EventRW") != "Read" || str(updated, "OssBucketName") != testBucket {
				t.Errorf("UpdateTrail answered %v", updated)
			}

			// Parameters in a form body (the Tea client signs the body's hash in V3, its parameters in V1).
			if _, err := c.call(APIVersion, "UpdateTrail", http.MethodPost, map[string]string{"Name": name},
				map[string]string{"EventRW": "Write", "OssKeyPrefix": "form/prefix"}); err != nil {
				t.Fatalf("UpdateTrail with a form body: %v", err)
			}
			if got, _ := s.GetTrail("", name); got.EventRW != "Write" || got.OssKeyPrefix != "form/prefix" {
				t.Errorf("after the form UpdateTrail: %+v", got)
			}

			must(c.at("DeleteTrail", map[string]string{"Name": name}))
			if list := trailList(t, must(c.at("DescribeTrails", nil))); len(list) != 0 {
				t.Errorf("after DeleteTrail: %v", list)
			}
			want := map[string]int64{"CreateTrail": 3, "DescribeTrails": 2, "StartLogging": 1, "GetTrailStatus": 1,
				"StopLogging": 1, "UpdateTrail": 2, "DeleteTrail": 1}
			if calls := s.Calls(); !maps.Equal(calls, want) {
				t.Errorf("Calls() = %v, want %v", calls, want)
			}
		})
	}
}

// TestOpenAPIErrors reaches the documented error cases with the official generic client.
func TestOpenAPIErrors(t *testing.T) {
	seed := seedExistingTrail
	tests := []errorCase{
		{"missing name", nil, "CreateTrail", map[string]string{"OssBucketName": testBucket}, "MissingName", http.StatusBadRequest},
		{"invalid name", nil, "CreateTrail", map[string]string{"Name": "Bad", "OssBucketName": testBucket}, "InvalidTrailNameException", http.StatusBadRequest},
		{"invalid bucket name", nil, "CreateTrail", map[string]string{"Name": "new-trail", "OssBucketName": "B"}, "InvalidBucketNameException", http.StatusBadRequest},
		{"invalid prefix", nil, "CreateTrail", map[string]string{"Name": "new-trail", "OssBucketName": testBucket, "OssKeyPrefix": "x"}, "InvalidPrefixException", http.StatusBadRequest},
		{"no delivery", nil, "CreateTrail", map[string]string{"Name": "new-trail"}, "InvalidDeliveryConfigurationException", http.StatusBadRequest},
		{"already exists", seed, "CreateTrail", map[string]string{"Name": "existing-trail", "OssBucketName": testBucket}, "TrailAlreadyExistsException", http.StatusBadRequest},
		{"bucket missing", nil, "CreateTrail", map[string]string{"Name": "new-trail", "OssBucketName": "no-such-bucket"}, "BucketDoesNotExistException", http.StatusNotFound},
		{"bucket denied", nil, "CreateTrail", map[string]string{"Name": "new-trail", "OssBucketName": testDeniedBucket}, "InsufficientBucketPolicyException", http.StatusForbidden},
		{"SLS project missing", nil, "CreateTrail", map[string]string{"Name": "new-trail", "SlsProjectArn": "acs:log:cn-hangzhou::project/no-such"}, "SlsProjectDoesNotExistException", http.StatusBadRequest},
		{"quota", func(s *Server) {
			for _, n := range []string{"trail-one", "trail-two", "trail-three", "trail-four", "trail-five"} {
				s.PutTrail("", Trail{Name: n, OssBucketName: testBucket})
			}
		}, "CreateTrail", map[string]string{"Name": "new-trail", "OssBucketName": testBucket}, "MaximumNumberOfTrailsExceededException", http.StatusForbidden},
		{"update missing", nil, "UpdateTrail", map[string]string{"Name": "missing-trail"}, "TrailNotFoundException", http.StatusNotFound},
		{"update clears delivery", seed, "UpdateTrail", map[string]string{"Name": "existing-trail", "OssBucketName": ""}, "InvalidDeliveryConfigurationException", http.StatusBadRequest},
		{"delete missing", nil, "DeleteTrail", map[string]string{"Name": "missing-trail"}, "TrailNotFoundException", http.StatusNotFound},
		{"start missing", nil, "StartLogging", map[string]string{"Name": "missing-trail"}, "TrailNotFoundException", http.StatusNotFound},
		{"stop missing", nil, "StopLogging", map[string]string{"Name": "missing-trail"}, "TrailNotFoundException", http.StatusNotFound},
		{"status missing", nil, "GetTrailStatus", map[string]string{"Name": "missing-trail"}, "TrailNotFoundException", http.StatusNotFound},
		{"describe invalid name", nil, "DescribeTrails", map[string]string{"NameList": "Bad_Name"}, "InvalidTrailNameException", http.StatusBadRequest},
		{"unknown action", nil, "LookupEverything", nil, "InvalidApi.NotFound", http.StatusNotFound},
		{"throttled", func(s *Server) { s.SetFaults(Faults{Throttle: 1}) }, "DescribeTrails", nil, "Throttling.User", http.StatusBadRequest},
	}
	for _, mode := range openAPIModes {
		for _, tt := range tests {
			t.Run(mode.name+"/"+tt.name, func(t *testing.T) {
				ts := tt.start(t, testConfig())
				_, err := newOpenAPIClient(t, ts, openAPIOptions{algorithm: mode.algorithm}).at(tt.action, tt.params)
				_ = teaError(t, err, tt.code, tt.status)
			})
		}
	}
}

// TestOpenAPIAuthFailures: a wrong secret, an unknown key, a replayed request, a skewed clock and a
// security token, in both modes.
func TestOpenAPIAuthFailures(t *testing.T) {
	for _, mode := range openAPIModes {
		t.Run(mode.name, func(t *testing.T) {
			s, ts := startServer(t, testConfig())
			_, err := newOpenAPIClient(t, ts, openAPIOptions{algorithm: mode.algorithm, secret: "not-the-secret"}).at("DescribeTrails", nil)
			se := teaError(t, err, "SignatureDoesNotMatch", http.StatusBadRequest)
			if !strings.Contains(tea.StringValue(se.Message), "server string to sign is:") {
				t.Errorf("message: %s", tea.StringValue(se.Message))
			}
			_, err = newOpenAPIClient(t, ts, openAPIOptions{algorithm: mode.algorithm, id: "someone-else"}).at("DescribeTrails", nil)
			_ = teaError(t, err, "InvalidAccessKeyId.NotFound", http.StatusNotFound)
			_, err = newOpenAPIClient(t, ts, openAPIOptions{algorithm: mode.algorithm, token: "a-token"}).at("DescribeTrails", nil)
			_ = teaError(t, err, "InvalidSecurityToken.MismatchWithAccessKey", http.StatusBadRequest)

			// A replay of a request exactly as the client sent it: its nonce was used.
			c := newOpenAPIClient(t, ts, openAPIOptions{algorithm: mode.algorithm, record: true})
			if _, err := c.at("CreateTrail", map[string]string{"Name": "replayed-trail", "OssBucketName": testBucket}); err != nil {
				t.Fatal(err)
			}
			status, body := c.rec.replay(t)
			checkRaw(t, status, body, "SignatureNonceUsed", http.StatusBadRequest)
			if n := len(s.Trails()); n != 1 {
				t.Errorf("%d trails after the replay, want 1", n)
			}
			if calls := s.Calls(); calls["CreateTrail"] != 1 || len(calls) != 1 {
				t.Errorf("rejected calls were counted: %v", calls)
			}
		})
	}
}

// TestOpenAPISecurityToken: with a token configured, the client's token (x-acs-security-token in
// V3, SecurityToken in V1) must be that token.
func TestOpenAPISecurityToken(t *testing.T) {
	for _, mode := range openAPIModes {
		t.Run(mode.name, func(t *testing.T) {
			_, ts := startServer(t, Config{SecurityToken: "sts-token"})
			if _, err := newOpenAPIClient(t, ts, openAPIOptions{algorithm: mode.algorithm, token: "sts-token"}).at("DescribeTrails", nil); err != nil {
				t.Fatalf("right token: %v", err)
			}
			_, err := newOpenAPIClient(t, ts, openAPIOptions{algorithm: mode.algorithm, token: "other"}).at("DescribeTrails", nil)
			_ = teaError(t, err, "InvalidSecurityToken.MismatchWithAccessKey", http.StatusBadRequest)
			_, err = newOpenAPIClient(t, ts, openAPIOptions{algorithm: mode.algorithm}).at("DescribeTrails", nil)
			_ = teaError(t, err, "MissingSecurityToken", http.StatusBadRequest)
		})
	}
}
