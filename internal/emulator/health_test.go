package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
)

func ptr[T any](v T) *T { return &v }

// status is GetTrailStatus's answer as the emulator writes it; statusOf reads it back from the SDK's
// response, without the RequestId.
type status = getTrailStatusResponse

func statusOf(r *actiontrail.GetTrailStatusResponse) status {
	return status{IsLogging: r.IsLogging, StartLoggingTime: r.StartLoggingTime, StopLoggingTime: r.StopLoggingTime,
		LatestDeliveryTime: r.LatestDeliveryTime, LatestDeliveryError: r.LatestDeliveryError,
		LatestDeliveryLogServiceTime: r.LatestDeliveryLogServiceTime, LatestDeliveryLogServiceError: r.LatestDeliveryLogServiceError,
		OssBucketStatus: r.OssBucketStatus, SlsLogStoreStatus: r.SlsLogStoreStatus}
}

// TestDeliveryHealthDefaults: a healthy trail reports its targets available and, while logging, its
// latest deliveries at the emulator's clock.
func TestDeliveryHealthDefaults(t *testing.T) {
	clock := newFakeClock()
	s, ts := startServer(t, clockedConfig(clock))
	c := newClient(t, ts)
	at := func() string { return clock.Now().UTC().Format(timestampLayout) }
	s.PutTrail("", Trail{Name: "both-targets", OssBucketName: testBucket, SlsProjectArn: testProjectArn})
	s.PutTrail("", Trail{Name: "sls-target", SlsProjectArn: testProjectArn})
	s.PutTrail("", Trail{Name: "lost-bucket", OssBucketName: "gone-bucket"})

	if got, want := statusOf(trailStatus(t, c, "both-targets")), (status{OssBucketStatus: true, SlsLogStoreStatus: true}); got != want {
		t.Errorf("Fresh:\n got %+v\nwant %+v", got, want)
	}
	start := actiontrail.CreateStartLoggingRequest()
	for _, name := range []string{"both-targets", "sls-target", "lost-bucket"} {
		start.Name = name
		if _, err := c.StartLogging(start); err != nil {
			t.Fatal(err)
		}
	}
	started := at()
	clock.Advance(time.Minute)
	want := status{IsLogging: true, StartLoggingTime: started, LatestDeliveryTime: at(), LatestDeliveryLogServiceTime: at(),
		OssBucketStatus: true, SlsLogStoreStatus: true}
	if got := statusOf(trailStatus(t, c, "both-targets")); got != want {
		t.Errorf("logging:\n got %+v\nwant %+v", got, want)
	}
	want = status{IsLogging: true, StartLoggingTime: started, LatestDeliveryLogServiceTime: at(), SlsLogStoreStatus: true}
	if got := statusOf(trailStatus(t, c, "sls-target")); got != want {
		t.Errorf("SLS only:\n got %+v\nwant %+v", got, want)
	}
	// A bucket that does not exist (the trail was seeded) is not available.
	if got := statusOf(trailStatus(t, c, "lost-bucket")); got.OssBucketStatus {
		t.Errorf("missing bucket: %+v", got)
	}

	stop := actiontrail.CreateStopLoggingRequest()
	stop.Name = "both-targets"
	if _, err := c.StopLogging(stop); err != nil {
		t.Fatal(err)
	}
	stopped := at()
	clock.Advance(time.Minute)
	want = status{StartLoggingTime: started, StopLoggingTime: stopped, LatestDeliveryTime: stopped, LatestDeliveryLogServiceTime: stopped,
		OssBucketStatus: true, SlsLogStoreStatus: true}
	if got := statusOf(trailStatus(t, c, "both-targets")); got != want {
		t.Errorf("stopped:\n got %+v\nwant %+v", got, want)
	}
}

// TestSetDeliveryHealth: the Go method and the admin endpoint set what GetTrailStatus reports.
func TestSetDeliveryHealth(t *testing.T) {
	clock := newFakeClock()
	s, ts := startServer(t, clockedConfig(clock))
	c := newClient(t, ts)
	s.PutTrail("", Trail{Name: "sick-trail", OssBucketName: testBucket, SlsProjectArn: testProjectArn, Status: StatusEnable})
	now := clock.Now().UTC().Format(timestampLayout)

	if s.SetDeliveryHealth("", "no-such-trail", DeliveryHealth{OssBucketStatus: ptr(false)}) {
		t.Error("SetDeliveryHealth of a missing trail reported true")
	}
	if !s.SetDeliveryHealth(testRegion, "sick-trail", DeliveryHealth{
		LatestDeliveryLogServiceError: ptr("Unauthorized: the role cannot write the logstore"),
		SlsLogStoreStatus:             ptr(false),
		LatestDeliveryLogServiceTime:  ptr("2024-01-02T03:04:05Z"),
	}) {
		t.Fatal("SetDeliveryHealth reported false")
	}
	want := status{IsLogging: true, LatestDeliveryTime: now, OssBucketStatus: true,
		LatestDeliveryLogServiceError: "Unauthorized: the role cannot write the logstore", LatestDeliveryLogServiceTime: "2024-01-02T03:04:05Z"}
	if got := statusOf(trailStatus(t, c, "sick-trail")); got != want {
		t.Errorf("after SetDeliveryHealth:\n got %+v\nwant %+v", got, want)
	}

	post := func(query, body string) (int, string) {
		t.Helper()
		req, err := http.NewRequest(http.MethodPost, ts.URL+"/_emulator/delivery?"+query, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		return do(t, req)
	}
	// The admin endpoint replaces what was set: the SLS fields are back to their defaults.
	code, body := post("region="+testRegion+"&name=sick-trail", `{"OssBucketStatus":false,"LatestDeliveryError":"AccessDenied: bucket policy"}`)
	var answered status
	if err := json.Unmarshal([]byte(body), &answered); err != nil || code != http.StatusOK {
		t.Fatalf("POST delivery: %d %s", code, body)
	}
	want = status{IsLogging: true, LatestDeliveryTime: now, LatestDeliveryError: "AccessDenied: bucket policy",
		LatestDeliveryLogServiceTime: now, SlsLogStoreStatus: true}
	if got := statusOf(trailStatus(t, c, "sick-trail")); got != want || answered != want {
		t.Errorf("after POST delivery:\n got %+v\nwant %+v\nanswered %+v", got, want, answered)
	}
	if strings.Contains(body, "RequestId") {
		t.Errorf("the admin answer has a RequestId: %s", body)
	}

	for _, tt := range []struct {
		name, query, body string
		status            int
		want              string
	}{
		{"default region", "name=sick-trail", `{"LatestDeliveryTime":""}`, http.StatusOK, `"LatestDeliveryTime":""`},
		{"time in another zone", "name=sick-trail", `{"LatestDeliveryTime":"2024-01-02T11:04:05+08:00"}`, http.StatusOK, `"LatestDeliveryTime":"2024-01-02T03:04:05Z"`},
		{"no such trail", "name=no-such-trail", `{}`, http.StatusNotFound, "no such trail"},
		{"no such trail in that region", "region=cn-beijing&name=sick-trail", `{}`, http.StatusNotFound, "cn-beijing"},
		{"no name", "region=" + testRegion, `{}`, http.StatusBadRequest, "name"},
		{"unknown field", "name=sick-trail", `{"IsLogging":false}`, http.StatusBadRequest, "StartLogging"},
		{"bad time", "name=sick-trail", `{"LatestDeliveryTime":"yesterday"}`, http.StatusBadRequest, "ISO 8601"},
		{"not JSON", "name=sick-trail", `nope`, http.StatusBadRequest, "JSON"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, body := post(tt.query, tt.body)
			if code != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("%d %s; want %d and %q", code, body, tt.status, tt.want)
			}
			if code != http.StatusOK {
				var e struct{ Error string }
				if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error == "" {
					t.Errorf("not a JSON error: %s", body)
				}
			}
		})
	}
	if code, _ := get(t, ts, "/_emulator/delivery?name=sick-trail"); code != http.StatusMethodNotAllowed {
		t.Errorf("GET delivery: %d", code)
	}

	// An empty body restores the defaults; the health goes with the trail.
	if code, body := post("name=sick-trail", ``); code != http.StatusOK {
		t.Fatalf("empty body: %d %s", code, body)
	}
	want = status{IsLogging: true, LatestDeliveryTime: now, LatestDeliveryLogServiceTime: now, OssBucketStatus: true, SlsLogStoreStatus: true}
	if got := statusOf(trailStatus(t, c, "sick-trail")); got != want {
		t.Errorf("after an empty body:\n got %+v\nwant %+v", got, want)
	}
	s.SetDeliveryHealth("", "sick-trail", DeliveryHealth{OssBucketStatus: ptr(false)})
	s.RemoveTrail("", "sick-trail")
	s.PutTrail("", Trail{Name: "sick-trail", OssBucketName: testBucket})
	if got := statusOf(trailStatus(t, c, "sick-trail")); !got.OssBucketStatus {
		t.Errorf("a recreated trail inherited the old health: %+v", got)
	}
	if calls := s.Calls(); len(calls) != 1 || calls["GetTrailStatus"] != 4 { // admin calls are not counted
		t.Errorf("calls: %v", s.Calls())
	}
}
