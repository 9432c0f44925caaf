package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator/emulatortest"
)

const (
	testKey    = "client-test-key"
	testSecret = "client-test-secret/+=&%ü"
	testToken  = "client-test-sts-token/+=&"
	testBucket = "client-test-bucket"
	region     = "cn-hangzhou"
)

func ptr[T any](v T) *T { return &v }

// serverClient starts an httptest server running h and returns a client of cfg with that server as
// its endpoint. The server closes when the test ends.
func serverClient(t *testing.T, h http.Handler, cfg Config) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	cfg.Endpoint = srv.URL
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// wantTrails fails the test unless the emulator holds n trails.
func wantTrails(t *testing.T, emu *emulator.Server, n int) {
	t.Helper()
	if got := len(emu.Trails()); got != n {
		t.Fatalf("%d trails, want %d", got, n)
	}
}

// answering is a server that gives every request the same answer.
func answering(status int, body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	})
}

// newTestClient starts an emulator seeded with testBucket and returns a client for it with
// short backoffs.
func newTestClient(t *testing.T, cfg emulator.Config, policy RetryPolicy) (*Client, *emulator.Server) {
	t.Helper()
	cfg.AccessKeyID, cfg.AccessKeySecret = testKey, testSecret
	cfg.Buckets = append(cfg.Buckets, testBucket)
	emu := emulator.New(cfg)
	if policy.BaseDelay == 0 {
		policy.BaseDelay, policy.MaxDelay = time.Millisecond, 10*time.Millisecond
	}
	creds := credentials.CredentialsProvider(credentials.NewStaticAKCredentialsProvider(testKey, testSecret))
	if cfg.SecurityToken != "" {
		creds = credentials.NewStaticSTSCredentialsProvider(testKey, testSecret, cfg.SecurityToken)
	}
	c := serverClient(t, emu, Config{Region: region, Credentials: creds, Retry: policy,
		Secrets: []string{testSecret, cfg.SecurityToken}})
	return c, emu
}

func params(name string) TrailParams {
	return TrailParams{Name: name, OssBucketName: ptr(testBucket), OssKeyPrefix: ptr("")}
}

func TestParseEndpoint(t *testing.T) {
	for _, tc := range []struct{ in, host, scheme string }{
		{"http://127.0.0.1:18080", "127.0.0.1:18080", "HTTP"},
		{"https://actiontrail.cn-hangzhou.aliyuncs.com", "actiontrail.cn-hangzhou.aliyuncs.com", "HTTPS"},
		{"HTTP://localhost:1/", "localhost:1", "HTTP"},
	} {
		if host, scheme, err := ParseEndpoint(tc.in); err != nil || host != tc.host || scheme != tc.scheme {
			t.Errorf("ParseEndpoint(%q) = %q, %q, %v", tc.in, host, scheme, err)
		}
	}
	// Refused: an error, and no host or scheme.
	for _, in := range []string{"127.0.0.1:18080", "ftp://x", "http://", "http://h/path", "http://u:p@h", "", "http://h\x7f"} {
		if host, scheme, err := ParseEndpoint(in); err == nil || host != "" || scheme != "" {
			t.Errorf("ParseEndpoint(%q) = %q, %q, %v", in, host, scheme, err)
		}
	}
}

func TestLifecycle(t *testing.T) {
	c, emu := newTestClient(t, emulator.Config{}, RetryPolicy{})
	ctx := context.Background()
	p := params("client-life")
	p.RoleName = ptr("aliyunactiontraildefaultrole")
	if _, err := c.CreateTrail(ctx, region, p); err != nil {
		t.Fatal(err)
	}
	// The call budget: the caller reads the trail back once, after StartLogging.
	if calls := emu.Calls(); len(calls) != 1 || calls["CreateTrail"] != 1 {
		t.Fatalf("CreateTrail should make exactly one call, made %v", calls)
	}
	if got, _ := emu.GetTrail(region, "client-life"); got.RoleName != "aliyunactiontraildefaultrole" || got.OssKeyPrefix != "" {
		t.Fatalf("stored %+v", got)
	}
	if err := c.StartLogging(ctx, region, "client-life"); err != nil {
		t.Fatal(err)
	}
	if err := c.UpdateTrail(ctx, region, TrailParams{Name: "client-life", OssKeyPrefix: ptr("logs/a"), EventRW: ptr("All")}); err != nil {
		t.Fatal(err)
	}
	tr, err := c.DescribeTrail(ctx, region, "client-life")
	if err != nil {
		t.Fatal(err)
	}
	if tr.Status != StatusEnable || tr.OssKeyPrefix != "logs/a" || tr.EventRW != "All" || tr.OssBucketName != testBucket {
		t.Fatalf("trail %+v", tr)
	}
	// Clearing through an empty value.
	if err := c.UpdateTrail(ctx, region, TrailParams{Name: "client-life", OssKeyPrefix: ptr("")}); err != nil {
		t.Fatal(err)
	}
	if tr, _ = c.DescribeTrail(ctx, region, "client-life"); tr.OssKeyPrefix != "" {
		t.Fatalf("prefix not cleared: %+v", tr)
	}
	if err := c.StopLogging(ctx, region, "client-life"); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteTrail(ctx, region, "client-life"); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteTrail(ctx, region, "client-life"); err != nil {
		t.Fatalf("deleting a deleted trail: %v", err)
	}
	if _, err := c.DescribeTrail(ctx, region, "client-life"); !IsNotFound(err) {
		t.Fatalf("want not found, got %v", err)
	}
	if err := c.StartLogging(ctx, region, "client-life"); !IsNotFound(err) {
		t.Fatalf("StartLogging on a missing trail: %v", err)
	}
}

func TestErrorsCarryCodeStatusAndRequestID(t *testing.T) {
	c, _ := newTestClient(t, emulator.Config{}, RetryPolicy{PolicyPropagation: time.Millisecond})
	_, err := c.CreateTrail(context.Background(), region, TrailParams{Name: "client-nobucket", OssBucketName: ptr("no-such-bucket")})
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("want *Error, got %T %v", err, err)
	}
	if e.Code != CodeBucketDoesNotExist || e.HTTPStatus != 404 || e.RequestID == "" || e.Kind != KindAPI || e.Attempts > 1 {
		t.Fatalf("error %+v", e)
	}
	if !strings.Contains(e.Error(), "BucketDoesNotExistException (HTTP 404, RequestId ") {
		t.Fatalf("text %q", e.Error())
	}
}

func TestRetriesTransientFaults(t *testing.T) {
	c, emu := newTestClient(t, emulator.Config{Faults: emulator.Faults{Throttle: 0.3, Unavailable: 0.2, ServerError: 0.2, Seed: 7}}, RetryPolicy{})
	ctx := context.Background()
	for _, name := range []string{"client-f-1", "client-f-2", "client-f-3", "client-f-4", "client-f-5"} {
		if _, err := c.CreateTrail(ctx, region, params(name)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := c.StartLogging(ctx, region, name); err != nil {
			t.Fatal(err)
		}
		if _, err := c.DescribeTrail(ctx, region, name); err != nil {
			t.Fatal(err)
		}
	}
	emu.SetFaults(emulator.Faults{})
	wantTrails(t, emu, 5)
	if calls := emu.Calls(); calls["CreateTrail"] <= 5 {
		t.Fatalf("faults at 70%% should have forced retries, calls: %v", calls)
	}
}

func TestAmbiguousCreateAdoptsTheTrail(t *testing.T) {
	c, emu := newTestClient(t, emulator.Config{Faults: emulator.Faults{SucceededButError: 1, Actions: []string{"CreateTrail"}}}, RetryPolicy{})
	res, err := c.CreateTrail(context.Background(), region, params("client-adopt"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Adopted == nil || res.Adopted.Name != "client-adopt" || res.LostAnswers != 1 {
		t.Fatalf("adopted %+v", res)
	}
	wantTrails(t, emu, 1)
	if calls := emu.Calls(); calls["CreateTrail"] != 1 {
		t.Fatalf("CreateTrail must not be sent again once the trail is found: %v", calls)
	}
}

func TestAmbiguousCreateWithOtherConfigurationConflicts(t *testing.T) {
	c, emu := newTestClient(t, emulator.Config{}, RetryPolicy{})
	// Someone else's trail appears under our name while our create answers 500.
	emu.PutTrail(region, emulator.Trail{Name: "client-taken", OssBucketName: testBucket, OssKeyPrefix: "someone/else"})
	emu.SetFaults(emulator.Faults{ServerError: 1, Actions: []string{"CreateTrail"}})
	_, err := c.CreateTrail(context.Background(), region, params("client-taken"))
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeTrailAlreadyExists || e.Kind != KindConflict || e.Note == "" {
		t.Fatalf("want a TrailAlreadyExists conflict, got %v", err)
	}
}

func TestAmbiguousCreateDoesNotAdoptAnOlderTrail(t *testing.T) {
	c, emu := newTestClient(t, emulator.Config{}, RetryPolicy{})
	// A trail with our configuration that another workspace created an hour ago, while our create
	// answers 500 (before acting): it is not ours, whatever its settings.
	emu.PutTrail(region, emulator.Trail{Name: "client-older", OssBucketName: testBucket, CreateTime: time.Now().Add(-time.Hour)})
	emu.SetFaults(emulator.Faults{ServerError: 1, Actions: []string{"CreateTrail"}})
	res, err := c.CreateTrail(context.Background(), region, params("client-older"))
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeTrailAlreadyExists || e.Kind != KindConflict || !strings.Contains(e.Note, "not this apply's") {
		t.Fatalf("want a TrailAlreadyExists conflict saying the trail is not this apply's, got %v", err)
	}
	if res.Adopted != nil {
		t.Fatalf("adopted %+v", res.Adopted)
	}
}

func TestAdoptionWindowUsesTheAPIClock(t *testing.T) {
	sent := time.Date(2026, 1, 2, 3, 4, 5, 900e6, time.UTC) // this machine's clock, 1 hour behind the API
	failed := sent.Add(300 * time.Millisecond)
	apiDate := time.Date(2026, 1, 2, 4, 4, 6, 0, time.UTC)
	w := lostAttempt(sent, failed, &Error{Kind: KindAPI, HTTPStatus: 500, ServerTime: apiDate})
	for _, tc := range []struct {
		created string
		want    bool
	}{
		{"2026-01-02T04:04:06Z", true},  // in the second the answer left
		{"2026-01-02T04:04:05Z", true},  // the second before (rounding)
		{"2026-01-02T04:04:04Z", false}, // before the request could have arrived
		{"2026-01-02T04:04:07Z", false}, // after the answer
		{"2026-01-02T03:04:06Z", false}, // this machine's clock means nothing to the API
	} {
		created, _ := time.Parse(time.RFC3339, tc.created)
		if got := w.holds(created); got != tc.want {
			t.Errorf("window %s..%s holds %s = %v, want %v", w.from, w.to, tc.created, got, tc.want)
		}
	}
	// Without an answer, the window is this machine's, a second wider each way.
	w = lostAttempt(sent, failed, &Error{Kind: KindTransport})
	if !w.holds(sent.Truncate(time.Second)) || w.holds(sent.Add(-2*time.Second)) || w.holds(failed.Add(2*time.Second)) {
		t.Errorf("local window %s..%s", w.from, w.to)
	}
}

func TestAdoptionReadsTheAPIClock(t *testing.T) {
	// The API's clock is 10 minutes ahead of this machine's (within the signature's 15 minutes):
	// only the answer's Date header can place the trail's CreateTime inside the lost attempt.
	c, _ := newTestClient(t, emulator.Config{
		Now:    func() time.Time { return time.Now().Add(10 * time.Minute) },
		Faults: emulator.Faults{SucceededButError: 1, Actions: []string{"CreateTrail"}},
	}, RetryPolicy{})
	res, err := c.CreateTrail(context.Background(), region, params("client-skewed"))
	if err != nil || res.Adopted == nil {
		t.Fatalf("want the trail adopted on the API's clock, got %+v, %v", res, err)
	}
}

func TestUnconfirmedCreateSaysTheTrailMayExist(t *testing.T) {
	c, emu := newTestClient(t, emulator.Config{Faults: emulator.Faults{SucceededButError: 1, Actions: []string{"CreateTrail", "DescribeTrails"}}}, RetryPolicy{})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := c.CreateTrail(ctx, region, params("client-unsure"))
	var u *UnconfirmedCreateError
	if !errors.As(err, &u) || u.Name != "client-unsure" || u.Region != region || u.LostAnswers < 1 {
		t.Fatalf("want an unconfirmed create, got %#v", err)
	}
	if !strings.Contains(err.Error(), "may exist") {
		t.Fatalf("the error should say the trail may exist: %v", err)
	}
	if calls := emu.Calls(); calls["CreateTrail"] != 1 {
		t.Fatalf("CreateTrail must not be sent again while the first attempt's outcome is unknown: %v", calls)
	}
	wantTrails(t, emu, 1)
}

func TestAnswerSizeIsBounded(t *testing.T) {
	for _, tc := range []struct {
		name      string
		announced bool
	}{{"announced length", true}, {"chunked", false}} {
		t.Run(tc.name, func(t *testing.T) {
			c := serverClient(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				if tc.announced {
					w.Header().Set("Content-Length", fmt.Sprint(MaxAnswerBytes+1))
				}
				w.WriteHeader(200)
				chunk := []byte(strings.Repeat(" ", 1<<16))
				for i := 0; i <= MaxAnswerBytes/len(chunk); i++ {
					if _, err := w.Write(chunk); err != nil {
						return
					}
				}
				_, _ = w.Write([]byte(" "))
			}), Config{Region: region, Credentials: credentials.NewStaticAKCredentialsProvider("k", "s")})
			_, err := c.DescribeTrails(context.Background(), region, ListOptions{})
			var e *Error
			if !errors.As(err, &e) || e.Kind != KindMalformed || !strings.Contains(e.Message, "MiB") {
				t.Fatalf("want an unreadable-answer error naming the bound, got %#v", err)
			}
		})
	}
}

func TestDeleteAnsweredWithErrorAfterActing(t *testing.T) {
	c, emu := newTestClient(t, emulator.Config{}, RetryPolicy{})
	emu.PutTrail(region, emulator.Trail{Name: "client-del", OssBucketName: testBucket})
	emu.SetFaults(emulator.Faults{SucceededButError: 1, Actions: []string{"DeleteTrail"}})
	if err := c.DeleteTrail(context.Background(), region, "client-del"); err != nil {
		t.Fatal(err)
	}
	if _, ok := emu.GetTrail(region, "client-del"); ok {
		t.Fatal("trail still there")
	}
}

func TestBucketPolicyPropagation(t *testing.T) {
	c, emu := newTestClient(t, emulator.Config{DeniedBuckets: []string{"client-denied"}}, RetryPolicy{PolicyPropagation: 5 * time.Second})
	go func() {
		time.Sleep(150 * time.Millisecond)
		emu.AllowBucket("client-denied")
	}()
	p := TrailParams{Name: "client-prop", OssBucketName: ptr("client-denied")}
	if _, err := c.CreateTrail(context.Background(), region, p); err != nil {
		t.Fatalf("create should succeed once the policy propagates: %v", err)
	}
}

func TestBucketPolicyGivesUpWithAReason(t *testing.T) {
	c, emu := newTestClient(t, emulator.Config{DeniedBuckets: []string{"client-denied"}}, RetryPolicy{PolicyPropagation: 200 * time.Millisecond})
	start := time.Now()
	_, err := c.CreateTrail(context.Background(), region, TrailParams{Name: "client-deny", OssBucketName: ptr("client-denied")})
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeInsufficientBucketPolicy || e.HTTPStatus != 403 {
		t.Fatalf("got %v", err)
	}
	if !strings.Contains(e.Note, "propagate") || time.Since(start) > 3*time.Second {
		t.Fatalf("note %q after %s", e.Note, time.Since(start))
	}
	if len(emu.Trails()) != 0 {
		t.Fatal("a trail was left behind")
	}
}

func TestCancellationStopsRetriesPromptly(t *testing.T) {
	c, _ := newTestClient(t, emulator.Config{Faults: emulator.Faults{Throttle: 1}},
		RetryPolicy{BaseDelay: 50 * time.Millisecond, MaxDelay: time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.CreateTrail(ctx, region, params("client-cancel"))
	if err == nil || time.Since(start) > 2*time.Second {
		t.Fatalf("err %v after %s", err, time.Since(start))
	}
	var e *Error
	if !errors.As(err, &e) || e.GaveUp == nil || e.Attempts < 2 {
		t.Fatalf("want a gave-up error, got %v", err)
	}
}

func TestCancellationAbortsARequestInFlight(t *testing.T) {
	c, _ := newTestClient(t, emulator.Config{Latency: 5 * time.Second}, RetryPolicy{})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.DescribeTrails(ctx, region, ListOptions{})
	if err == nil || time.Since(start) > 2*time.Second {
		t.Fatalf("err %v after %s", err, time.Since(start))
	}
}

// TestConcurrentCallsShareNoSDKClient drives one Client from many goroutines; `go test -race`
// reports the SDK's shared-client data race if a client were shared.
func TestConcurrentCallsShareNoSDKClient(t *testing.T) {
	c, emu := newTestClient(t, emulator.Config{MaxTrailsPerRegion: 100}, RetryPolicy{})
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := "client-conc-" + string(rune('a'+i))
			if _, err := c.CreateTrail(context.Background(), region, params(name)); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	wantTrails(t, emu, 20)
}

func TestMalformedAnswersBecomeErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		body   string
		kind   Kind
	}{
		{"html 502", 502, "<html><body>Bad Gateway</body></html>", KindMalformed},
		{"empty 500", 500, "", KindMalformed},
		{"json with a numeric RequestId", 400, `{"RequestId":42,"Code":"X"}`, KindClient},
		{"json with an array code", 400, `{"Code":["a"]}`, KindClient},
		{"200 with garbage", 200, "{not json", KindClient},
		{"200 with the wrong shape", 200, `{"TrailList":{"a":1}}`, KindClient},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// A bounded number of attempts, not a deadline: a deadline that a loaded machine
			// reaches mid-request turns the answer into a cancellation.
			c := serverClient(t, answering(tc.status, tc.body), Config{Region: region, Credentials: credentials.NewStaticAKCredentialsProvider("k", "s"),
				Retry: RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, MaxAttempts: 3}})
			_, err := c.DescribeTrails(context.Background(), region, ListOptions{})
			var e *Error
			if !errors.As(err, &e) || e.Kind != tc.kind {
				t.Fatalf("want kind %d, got %#v", tc.kind, err)
			}
		})
	}
}

// refusingEndpoint returns the URL of a loopback port that refuses connections.
func refusingEndpoint(t *testing.T) (string, string) {
	t.Helper()
	host := emulatortest.ClosedAddr(t)
	return "http://" + host, host
}

func TestUnreachableEndpointFailsFast(t *testing.T) {
	endpoint, host := refusingEndpoint(t)
	c, err := New(Config{Region: region, Credentials: credentials.NewStaticAKCredentialsProvider(testKey, testSecret),
		Secrets: []string{testSecret}, Endpoint: endpoint, Retry: RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	// No deadline: the transport bound alone must end the call.
	_, err = c.CreateTrail(context.Background(), region, params("client-unreachable"))
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindTransport || e.Reached || Ambiguous(err) {
		t.Fatalf("want a transport error that did not reach the API, got %#v", err)
	}
	if e.Attempts != 1+DefaultTransportRetries {
		t.Errorf("%d attempts, want %d", e.Attempts, 1+DefaultTransportRetries)
	}
	msg := err.Error()
	for _, want := range []string{host, "did not reach the API", "connection refused", fmt.Sprintf("%d attempts", e.Attempts)} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message lacks %q: %s", want, msg)
		}
	}
	for _, leak := range []string{"Signature", "AccessKeyId", testKey, "SignatureNonce", "?", "http://"} {
		if strings.Contains(msg, leak) {
			t.Errorf("the message quotes the request (%q): %s", leak, msg)
		}
	}
	var u *UnconfirmedCreateError
	if errors.As(err, &u) {
		t.Errorf("a create that never reached the API is not unconfirmed: %v", err)
	}
}

func TestTransportRetriesAreBoundedInTime(t *testing.T) {
	endpoint, _ := refusingEndpoint(t)
	// Each reading of the clock moves it 10 s on: the 30 s window allows the attempts that start
	// within it, whatever the retry count allows.
	var now time.Time
	var mu sync.Mutex
	clock := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(10 * time.Second)
		return now
	}
	c, err := New(Config{Region: region, Credentials: credentials.NewStaticAKCredentialsProvider("k", "s"), Endpoint: endpoint, Now: clock,
		Retry: RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, TransportRetries: 100}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeTrails(context.Background(), region, ListOptions{})
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindTransport || e.Attempts < 1 || e.Attempts > 3 {
		t.Fatalf("want the window to end the retries after at most 3 attempts, got %#v", err)
	}
	none, err := New(Config{Region: region, Credentials: credentials.NewStaticAKCredentialsProvider("k", "s"), Endpoint: endpoint,
		Retry: RetryPolicy{BaseDelay: time.Millisecond, TransportRetries: -1}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err = none.DescribeTrails(context.Background(), region, ListOptions{}); !errors.As(err, &e) || e.Attempts > 1 {
		t.Fatalf("TransportRetries < 0 retries nothing: %#v", err)
	}
}

func TestSecretsNeverInErrors(t *testing.T) {
	c, _ := newTestClient(t, emulator.Config{SecurityToken: testToken}, RetryPolicy{})
	// A wrong secret: the gateway echoes its string to sign, which holds the STS token.
	bad, err := New(Config{
		Region: region, Endpoint: "http://" + c.domain,
		Credentials: credentials.NewStaticSTSCredentialsProvider(testKey, "wrong-"+testSecret, testToken),
		Secrets:     []string{"wrong-" + testSecret, testToken},
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = bad.DescribeTrails(context.Background(), region, ListOptions{})
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeSignatureDoesNotMatch {
		t.Fatalf("got %v", err)
	}
	for _, s := range []string{testSecret, testToken, "client-test-sts-token"} {
		if strings.Contains(err.Error(), s) || strings.Contains(e.Message, s) || strings.Contains(e.Recommend, s) {
			t.Fatalf("error text holds a secret: %q", err.Error())
		}
	}
	if !strings.Contains(e.Recommend, "AccessKeySecret") {
		t.Fatalf("the SDK's verdict (wrong secret) should survive: %q", e.Recommend)
	}
}

// TestRetryableAndAmbiguous: the client's retry classes, which follow the error catalog: retried,
// ambiguous for a create (the request may have acted), and retried while a policy propagates.
func TestRetryableAndAmbiguous(t *testing.T) {
	for _, tc := range []struct {
		name                              string
		err                               error
		retryable, ambiguous, propagation bool
	}{
		{"throttling", &Error{Kind: KindAPI, Code: "Throttling.User", HTTPStatus: 400}, true, false, false},
		{"unavailable", &Error{Kind: KindAPI, Code: CodeServiceUnavailable, HTTPStatus: 503}, true, true, false},
		{"internal", &Error{Kind: KindAPI, Code: CodeInternalError, HTTPStatus: 500}, true, true, false},
		{"malformed 502", &Error{Kind: KindMalformed, HTTPStatus: 502}, true, true, false},
		{"malformed 404", &Error{Kind: KindMalformed, HTTPStatus: 404}, false, false, false},
		{"network, after sending", &Error{Kind: KindTransport, Reached: true}, true, true, false},
		{"network, never sent", &Error{Kind: KindTransport}, true, false, false},
		{"cancelled", &Error{Kind: KindCanceled}, false, false, false},
		{"invalid name", &Error{Kind: KindAPI, Code: CodeInvalidTrailName, HTTPStatus: 400}, false, false, false},
		{"already exists", &Error{Kind: KindAPI, Code: CodeTrailAlreadyExists, HTTPStatus: 400}, false, false, false},
		{"quota", &Error{Kind: KindAPI, Code: CodeMaximumNumberOfTrails, HTTPStatus: 403}, false, false, false},
		{"not ours", errors.New("x"), false, false, false},
		{"nil", nil, false, false, false},
		{"another throttling code", &Error{Kind: KindAPI, Code: "Throttling.Api", HTTPStatus: 400}, true, false, false},
		{"bucket policy", &Error{Kind: KindAPI, Code: CodeInsufficientBucketPolicy, HTTPStatus: 403}, false, false, true},
		{"bucket missing", &Error{Kind: KindAPI, Code: CodeBucketDoesNotExist, HTTPStatus: 404}, false, false, false},
		{"unknown 400", &Error{Kind: KindAPI, Code: "SomethingNew", HTTPStatus: 400}, false, false, false},
		{"unknown 502", &Error{Kind: KindAPI, Code: "SomethingNew", HTTPStatus: 502}, true, true, false},
	} {
		if got := Retryable(tc.err); got != tc.retryable {
			t.Errorf("%s: Retryable = %v", tc.name, got)
		}
		if got := Ambiguous(tc.err); got != tc.ambiguous {
			t.Errorf("%s: Ambiguous = %v", tc.name, got)
		}
		if got := waitsForPropagation(tc.err); got != tc.propagation {
			t.Errorf("%s: waitsForPropagation = %v", tc.name, got)
		}
	}
}

func TestBackoffGrowsAndIsBounded(t *testing.T) {
	c := &Client{policy: RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}}
	for attempt := 1; attempt < 70; attempt++ {
		d := c.backoff(attempt)
		ceiling := min(100*time.Millisecond<<min(attempt-1, 20), time.Second)
		if d < ceiling/2 || d > ceiling {
			t.Fatalf("attempt %d: %s not in [%s, %s]", attempt, d, ceiling/2, ceiling)
		}
	}
}

// laggingReads hides trails from the first `lag` DescribeTrails answers after each CreateTrail,
// as an eventually consistent API would.
type laggingReads struct {
	http.Handler
	mu   sync.Mutex
	lag  int
	left int
}

func (l *laggingReads) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	action := r.URL.Query().Get("Action")
	l.mu.Lock()
	hide := false
	switch {
	case action == "CreateTrail":
		l.left = l.lag
	case action == "DescribeTrails" && l.left > 0:
		l.left--
		hide = true
	}
	l.mu.Unlock()
	if hide {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"RequestId":"lagging","TrailList":[]}`))
		return
	}
	l.Handler.ServeHTTP(w, r)
}

func TestReadAfterCreateToleratesLag(t *testing.T) {
	emu := emulator.New(emulator.Config{AccessKeyID: testKey, AccessKeySecret: testSecret, Buckets: []string{testBucket}})
	srv := httptest.NewServer(&laggingReads{Handler: emu, lag: 3})
	defer srv.Close()
	mk := func(window time.Duration) *Client {
		c, err := New(Config{Region: region, Endpoint: srv.URL,
			Credentials: credentials.NewStaticAKCredentialsProvider(testKey, testSecret),
			Retry:       RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond, ReadAfterWrite: window}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c := mk(5 * time.Second)
	if _, err := c.CreateTrail(context.Background(), region, params("client-lag")); err != nil {
		t.Fatal(err)
	}
	tr, err := c.WaitTrail(context.Background(), region, "client-lag", nil)
	if err != nil || tr.Name != "client-lag" {
		t.Fatalf("read after create: %v", err)
	}
	// The tolerance is bounded: a trail that never shows up is reported missing.
	short := mk(20 * time.Millisecond)
	start := time.Now()
	if _, err := short.WaitTrail(context.Background(), region, "client-never", nil); !IsNotFound(err) || time.Since(start) > 2*time.Second {
		t.Fatalf("want not found within the window, got %v after %s", err, time.Since(start))
	}
}

// TestMalformedAnswerIsRedactedBeforeItIsCut: an error page that echoes a secret where the
// 300-character cut falls must not leave the secret's first part in the error.
func TestMalformedAnswerIsRedactedBeforeItIsCut(t *testing.T) {
	const secret = "Cut-Secret-0123456789abcdefghij"
	body := strings.Repeat("x", 290) + secret + strings.Repeat("y", 50)
	c := serverClient(t, answering(502, body), Config{Region: region, Credentials: credentials.NewStaticAKCredentialsProvider("k", secret),
		Secrets: []string{secret}, Retry: RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, MaxAttempts: 1}})
	_, err := c.DescribeTrails(context.Background(), region, ListOptions{})
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindMalformed {
		t.Fatalf("want a malformed answer, got %#v", err)
	}
	if strings.Contains(err.Error(), secret[:10]) {
		t.Fatalf("the error holds the start of the secret: %s", err)
	}
}

// TestErrorsSayWhoseCredentialsSigned: with role credentials, an API answer says which setting's
// temporary credentials signed the call (the provider then does not blame the keys).
func TestErrorsSayWhoseCredentialsSigned(t *testing.T) {
	refused := answering(http.StatusBadRequest, `{"RequestId":"r-1","Code":"InvalidSecurityToken.Expired","Message":"expired"}`)
	for _, role := range []string{"", "assume_role", "assume_role_with_oidc"} {
		c := serverClient(t, refused, Config{Region: region, Credentials: credentials.NewStaticAKCredentialsProvider(testKey, testSecret),
			RoleCredentials: role, Retry: RetryPolicy{MaxAttempts: 1}})
		_, err := c.DescribeTrails(context.Background(), region, ListOptions{})
		var e *Error
		if !errors.As(err, &e) || e.Code != CodeSecurityTokenExpired {
			t.Fatalf("want InvalidSecurityToken.Expired, got %v", err)
		}
		if e.SignedWith != role {
			t.Errorf("SignedWith = %q, want %q", e.SignedWith, role)
		}
	}
}
