package emulator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
)

// faultOutcomes runs 200 CreateTrail calls against a server with faults and returns what each answered:
// "ok", "Throttling.User 400", "ServiceUnavailable 503", "InternalError 500 applied" (the trail exists
// anyway) or "InternalError 500 not applied".
func faultOutcomes(t *testing.T, f Faults) []string {
	t.Helper()
	cfg := testConfig()
	cfg.MaxTrailsPerRegion = 1000
	cfg.Faults = f
	s, ts := startServer(t, cfg)
	c := newClient(t, ts)
	var out []string
	for i := range 200 {
		name := fmt.Sprintf("faulty-trail-%03d", i)
		_, err := c.CreateTrail(createRequest(name))
		_, exists := s.GetTrail(testRegion, name)
		var se *sdkerrors.ServerError
		switch {
		case err == nil:
			if !exists {
				t.Fatalf("%s: success but no trail", name)
			}
			out = append(out, "ok")
		case errors.As(err, &se) && se.ErrorCode() == "InternalError":
			out = append(out, fmt.Sprintf("InternalError %d applied=%v", se.HttpStatus(), exists))
		case errors.As(err, &se):
			if exists {
				t.Fatalf("%s: %s, yet the trail exists", name, se.ErrorCode())
			}
			if se.RequestId() == "" {
				t.Fatalf("%s: no RequestId", name)
			}
			out = append(out, fmt.Sprintf("%s %d", se.ErrorCode(), se.HttpStatus()))
		default:
			t.Fatalf("%s: %v", name, err)
		}
	}
	return out
}

func TestFaultInjection(t *testing.T) {
	f := Faults{Throttle: 0.15, Unavailable: 0.1, ServerError: 0.15, SucceededButError: 0.15, Seed: 42}
	first := faultOutcomes(t, f)
	counts := make(map[string]int)
	for _, o := range first {
		counts[o]++
	}
	for _, kind := range []string{
		"ok",
		"Throttling.User 400",
		"ServiceUnavailable 503",
		"InternalError 500 applied=false",
		"InternalError 500 applied=true", // succeeded, but answered 500
	} {
		if counts[kind] == 0 {
			t.Errorf("no %q among %v", kind, counts)
		}
	}
	if len(counts) != 5 {
		t.Errorf("unexpected outcomes: %v", counts)
	}
	// Deterministic for a seed.
	if again := faultOutcomes(t, f); strings.Join(again, ",") != strings.Join(first, ",") {
		t.Error("the same seed gave a different sequence")
	}
	f.Seed = 43
	if other := faultOutcomes(t, f); strings.Join(other, ",") == strings.Join(first, ",") {
		t.Error("another seed gave the same sequence")
	}
}

// TestFaultScope: faults apply only to the listed actions, after authentication, never to the admin
// endpoints; SetFaults switches them at run time.
func TestFaultScope(t *testing.T) {
	cfg := testConfig()
	cfg.Faults = Faults{Throttle: 1, Actions: []string{"DeleteTrail"}}
	s, ts := startServer(t, cfg)
	c := newClient(t, ts)
	mustCreate(t, c, "scoped-trail")
	del := actiontrail.CreateDeleteTrailRequest()
	del.Name = "scoped-trail"
	_, err := c.DeleteTrail(del)
	_ = serverError(t, err, "Throttling.User", http.StatusBadRequest)

	s.SetFaults(Faults{ServerError: 1})
	for _, path := range []string{"/_emulator/healthz", "/_emulator/calls", "/_emulator/trails"} {
		if status, body := get(t, ts, path); status != http.StatusOK {
			t.Errorf("GET %s with faults on: %d %s", path, status, body)
		}
	}
	_, err = newClientWithKey(t, ts, DefaultAccessKeyID, "wrong").DescribeTrails(actiontrail.CreateDescribeTrailsRequest())
	_ = serverError(t, err, "SignatureDoesNotMatch", http.StatusBadRequest)
	_, err = c.DescribeTrails(actiontrail.CreateDescribeTrailsRequest())
	_ = serverError(t, err, "InternalError", http.StatusInternalServerError)

	s.SetFaults(Faults{})
	if _, err := c.DeleteTrail(del); err != nil {
		t.Fatalf("after SetFaults(Faults{}): %v", err)
	}
	if got := s.Calls(); got["DeleteTrail"] != 2 || got["DescribeTrails"] != 1 {
		t.Errorf("faulty calls are counted too: %v", got)
	}
}

func TestFaultsClamped(t *testing.T) {
	var fi faultInjector
	fi.set(Faults{Throttle: -1, ServerError: 7})
	for range 10 {
		if k := fi.draw("CreateTrail"); k != faultServerError {
			t.Fatalf("draw = %v, want faultServerError", k)
		}
	}
}

// TestLatency: calls wait the latency; a client that gives up stops the call before it acts.
func TestLatency(t *testing.T) {
	cfg := testConfig()
	cfg.Latency = 30 * time.Millisecond
	s, ts := startServer(t, cfg)
	c := newClient(t, ts)
	start := time.Now()
	mustCreate(t, c, "slow-trail")
	if d := time.Since(start); d < 30*time.Millisecond {
		t.Errorf("call took %s, latency is 30ms", d)
	}

	s.SetLatency(time.Hour)
	req := createRequest("abandoned-trail")
	req.SetReadTimeout(50 * time.Millisecond)
	_, err := c.CreateTrail(req)
	var se *sdkerrors.ServerError
	if err == nil || errors.As(err, &se) {
		t.Fatalf("want a client timeout (AutoRetry is off, so a plain *url.Error), got %v", err)
	}
	time.Sleep(50 * time.Millisecond)
	if _, ok := s.GetTrail(testRegion, "abandoned-trail"); ok {
		t.Error("a cancelled call was applied")
	}
	// Admin endpoints never wait.
	if status, _ := get(t, ts, "/_emulator/healthz"); status != http.StatusOK {
		t.Error("healthz")
	}

	// Directly: a request whose context is cancelled returns at once.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/?Action=DescribeTrails", nil).WithContext(ctx))
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("cancelled request: %d %s", rec.Code, rec.Body)
	}
}

func get(t *testing.T, ts *httptest.Server, path string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return do(t, req)
}

func TestAdminEndpoints(t *testing.T) {
	s, ts := startServer(t, testConfig())
	c := newClient(t, ts)
	mustCreate(t, c, "admin-trail")
	mustCreate(t, c, "admin-trail-2")
	describe(t, c)
	s.PutTrail("cn-beijing", Trail{Name: "beijing-trail", RoleName: "some-role"})

	status, body := get(t, ts, "/_emulator/calls")
	var calls map[string]int64
	if err := json.Unmarshal([]byte(body), &calls); err != nil || status != http.StatusOK ||
		calls["CreateTrail"] != 2 || calls["DescribeTrails"] != 1 || len(calls) != 2 {
		t.Errorf("calls: %d %s", status, body)
	}

	status, body = get(t, ts, "/_emulator/trails")
	var trails []actiontrail.Trail
	if err := json.Unmarshal([]byte(body), &trails); err != nil || status != http.StatusOK || len(trails) != 3 ||
		trails[0].Name != "beijing-trail" || trails[1].Name != "admin-trail" || trails[0].Region != "cn-beijing" {
		t.Errorf("trails: %d %s", status, body)
	}
	if !strings.Contains(body, `"RoleName":"some-role"`) {
		t.Errorf("trails lack RoleName: %s", body)
	}

	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/_emulator/calls/reset", nil)
	if status, body := do(t, req); status != http.StatusOK || len(s.Calls()) != 0 {
		t.Errorf("reset: %d %s, calls %v", status, body, s.Calls())
	}
	if status, body := get(t, ts, "/_emulator/healthz"); status != http.StatusOK || !strings.Contains(body, `"ok"`) {
		t.Errorf("healthz: %d %s", status, body)
	}
	if status, _ := get(t, ts, "/_emulator/calls/reset"); status != http.StatusMethodNotAllowed {
		t.Errorf("GET reset: %d", status)
	}
	if status, _ := get(t, ts, "/_emulator/nothing"); status != http.StatusNotFound {
		t.Errorf("unknown admin path: %d", status)
	}
	if len(s.Calls()) != 0 {
		t.Errorf("admin calls were counted: %v", s.Calls())
	}
}

// TestPanicRecovered: a panic while handling answers 500 InternalError JSON, and the server goes on.
func TestPanicRecovered(t *testing.T) {
	s := New(testConfig())
	s.hook = func(action string) {
		if action == "CreateTrail" {
			panic("boom")
		}
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	c := newClient(t, ts)
	_, err := c.CreateTrail(createRequest("panicky-trail"))
	_ = serverError(t, err, "InternalError", http.StatusInternalServerError)
	if _, err := c.DescribeTrails(actiontrail.CreateDescribeTrailsRequest()); err != nil {
		t.Fatalf("after a panic: %v", err)
	}
}
