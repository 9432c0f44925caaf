package emulator

import (
	"bytes"
	"errors"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/utils"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
)

const (
	testRegion       = "cn-hangzhou"
	testBucket       = "actiontrail-test-bucket"
	testDeniedBucket = "actiontrail-denied-bucket"
	testProject      = "actiontrail-test-project"
	testProjectArn   = "acs:log:cn-hangzhou:1234567890123456:project/" + testProject
	testRoleArn      = "acs:ram::1234567890123456:role/aliyunactiontraildefaultrole"
)

// testConfig has one writable bucket, one denied bucket and one SLS project.
func testConfig() Config {
	return Config{
		Buckets:       []string{testBucket},
		DeniedBuckets: []string{testDeniedBucket},
		SLSProjects:   []string{testProject},
	}
}

// clockedConfig is testConfig on clock.
func clockedConfig(clock *fakeClock) Config {
	cfg := testConfig()
	cfg.Now = clock.Now
	return cfg
}

// startServer serves a new emulator on a loopback port for the duration of the test.
func startServer(t testing.TB, cfg Config) (*Server, *httptest.Server) {
	t.Helper()
	s := New(cfg)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

// hostOf is the host:port of a test server, as the SDK's Domain wants it.
func hostOf(ts *httptest.Server) string { return strings.TrimPrefix(ts.URL, "http://") }

// newClient is a real SDK client, with the default credentials, pointed at ts. An sdk.Client is not
// safe for concurrent requests: use one per goroutine.
func newClient(t testing.TB, ts *httptest.Server) *actiontrail.Client {
	t.Helper()
	return newClientWithKey(t, ts, DefaultAccessKeyID, DefaultAccessKeySecret)
}

func newClientWithKey(t testing.TB, ts *httptest.Server, id, secret string) *actiontrail.Client {
	t.Helper()
	c, err := actiontrail.NewClientWithAccessKey(testRegion, id, secret)
	if err != nil {
		t.Fatalf("NewClientWithAccessKey: %v", err)
	}
	c.Domain = hostOf(ts)
	return c
}

// errorCase is a request that must fail: setup (when not nil) prepares the server, then action with
// params must answer code with status.
type errorCase struct {
	name   string
	setup  func(*Server)
	action string
	params map[string]string
	code   string
	status int
}

// seedExistingTrail stores "existing-trail", for the error cases that update it or collide with it.
func seedExistingTrail(s *Server) {
	s.PutTrail("", Trail{Name: "existing-trail", OssBucketName: testBucket})
}

// start serves a new emulator with cfg, prepared by tc.setup.
func (tc errorCase) start(t testing.TB, cfg Config) *httptest.Server {
	t.Helper()
	s, ts := startServer(t, cfg)
	if tc.setup != nil {
		tc.setup(s)
	}
	return ts
}

// serverError asserts err is an *errors.ServerError with code and status, and a RequestId.
func serverError(t testing.TB, err error, code string, status int) *sdkerrors.ServerError {
	t.Helper()
	var se *sdkerrors.ServerError
	if !errors.As(err, &se) {
		t.Fatalf("want ServerError %s (%d), got %T: %v", code, status, err, err)
	}
	if se.ErrorCode() != code || se.HttpStatus() != status {
		t.Fatalf("want %s (%d), got %s (%d): %s", code, status, se.ErrorCode(), se.HttpStatus(), se.Message())
	}
	if se.RequestId() == "" {
		t.Fatalf("%s: no RequestId", code)
	}
	return se
}

// createRequest is a valid CreateTrail request for name, delivering to the test bucket.
func createRequest(name string) *actiontrail.CreateTrailRequest {
	req := actiontrail.CreateCreateTrailRequest()
	req.Name = name
	req.OssBucketName = testBucket
	return req
}

// sdkCall is a call with the real SDK client: the typed request that newRequest makes, changed by
// mod, sent by send (a method expression of the SDK's client, such as
// (*actiontrail.Client).DeleteTrail); the answer is left out, the error returned.
func sdkCall[Req, Resp any](newRequest func() Req, mod func(Req), send func(*actiontrail.Client, Req) (Resp, error)) func(*actiontrail.Client) error {
	return func(c *actiontrail.Client) error {
		req := newRequest()
		mod(req)
		_, err := send(c, req)
		return err
	}
}

func mustCreate(t testing.TB, c *actiontrail.Client, name string) *actiontrail.CreateTrailResponse {
	t.Helper()
	resp, err := c.CreateTrail(createRequest(name))
	if err != nil {
		t.Fatalf("CreateTrail %s: %v", name, err)
	}
	return resp
}

func describe(t testing.TB, c *actiontrail.Client, names ...string) []actiontrail.Trail {
	t.Helper()
	return describeResponse(t, c, names...).TrailList
}

// describeResponse is DescribeTrails' answer for names (all trails when none); rawBody has its JSON.
func describeResponse(t testing.TB, c *actiontrail.Client, names ...string) *actiontrail.DescribeTrailsResponse {
	t.Helper()
	req := actiontrail.CreateDescribeTrailsRequest()
	req.NameList = strings.Join(names, ",")
	resp, err := c.DescribeTrails(req)
	if err != nil {
		t.Fatalf("DescribeTrails: %v", err)
	}
	return resp
}

// commonRequest is a CommonRequest (any action, any version) for the emulator.
func commonRequest(ts *httptest.Server, version, action string, query map[string]string) *requests.CommonRequest {
	req := requests.NewCommonRequest()
	req.Method = requests.POST
	req.Product = "Actiontrail"
	req.Domain = hostOf(ts)
	req.Version = version
	req.ApiName = action
	maps.Copy(req.QueryParams, query)
	return req
}

// signedParams completes p with the SDK's common parameters (a value already in p wins; keys in omit
// are left out) and signs it with secret, like the SDK's signRpcRequest. The string to sign is the
// emulator's own, which TestStringToSignMatchesSDK holds to the SDK's.
func signedParams(p map[string]string, method, secret string, omit ...string) map[string]string {
	full := map[string]string{
		"Format":           "JSON",
		"Version":          APIVersion,
		"SignatureMethod":  "HMAC-SHA1",
		"SignatureVersion": "1.0",
		"SignatureType":    "",
		"SignatureNonce":   utils.GetNonce(),
		"AccessKeyId":      DefaultAccessKeyID,
		"Timestamp":        utils.GetTimeInFormatISO8601(),
	}
	maps.Copy(full, p)
	for _, k := range omit {
		delete(full, k)
	}
	if _, ok := full["Signature"]; !ok {
		full["Signature"] = utils.ShaHmac1(stringToSign(method, full), secret+"&")
	}
	return full
}

// rawRequest is a request with all parameters in the query string, the way the SDK sends them.
func rawRequest(t testing.TB, ts *httptest.Server, method string, p map[string]string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+"/?"+utils.GetUrlFormedMap(p), strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

// apiErrorBody is the error body, decoded.
type apiErrorBody struct {
	RequestID string `json:"RequestId"`
	HostID    string `json:"HostId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	Recommend string `json:"Recommend"`
}

// do sends a raw request and returns the status and the body.
func do(t testing.TB, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// fakeClock is a frozen clock that tests move by hand. It starts at the real time, so that the SDK's
// Timestamps stay within the 15 minutes the emulator accepts as long as the moves add up to less.
type fakeClock struct {
	base   time.Time
	offset atomic.Int64
}

func newFakeClock() *fakeClock { return &fakeClock{base: time.Now().UTC().Truncate(time.Second)} }

func (c *fakeClock) Now() time.Time          { return c.base.Add(time.Duration(c.offset.Load())) }
func (c *fakeClock) Advance(d time.Duration) { c.offset.Add(int64(d)) }

// rawBody is the body of a successful SDK response.
func rawBody(r responses.AcsResponse) string { return r.GetHttpContentString() }

// lastRequest passes requests on to the default transport and keeps a copy of the last one, to replay
// it: an http.RoundTripper for the SDK's client and a dara.HttpClient for the generic one.
type lastRequest struct {
	mu   sync.Mutex
	last *http.Request
	body []byte
}

func (r *lastRequest) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	r.mu.Lock()
	r.last, r.body = req.Clone(req.Context()), body
	r.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

// Call is RoundTrip for the generic client (dara.HttpClient).
func (r *lastRequest) Call(req *http.Request, _ *http.Transport) (*http.Response, error) {
	return r.RoundTrip(req)
}

// replay resends the last request exactly as it was sent.
func (r *lastRequest) replay(t *testing.T) (int, string) {
	t.Helper()
	r.mu.Lock()
	req := r.last.Clone(t.Context())
	req.Body = io.NopCloser(bytes.NewReader(r.body))
	r.mu.Unlock()
	req.RequestURI = ""
	return do(t, req)
}
