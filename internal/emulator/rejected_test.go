package emulator

import (
	"encoding/json"
	"maps"
	"net/http"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
)

// TestRejected: requests refused before their action are counted by action (when known) and by code;
// calls that reached their action are not, whatever they answered.
func TestRejected(t *testing.T) {
	s, ts := startServer(t, testConfig())
	c := newClient(t, ts)
	steps := []struct {
		name string
		send func(t *testing.T)
	}{
		{"wrong secret (SDK)", func(t *testing.T) {
			_, err := newClientWithKey(t, ts, DefaultAccessKeyID, "wrong").DescribeTrails(actiontrail.CreateDescribeTrailsRequest())
			_ = serverError(t, err, "SignatureDoesNotMatch", http.StatusBadRequest)
		}},
		{"wrong secret (V3)", func(t *testing.T) {
			status, body := do(t, v3HTTPRequest(t, ts, v3Spec{action: "CreateTrail", secret: "wrong"}))
			checkRaw(t, status, body, "SignatureDoesNotMatch", http.StatusBadRequest)
		}},
		{"unknown key", func(t *testing.T) {
			_, err := newClientWithKey(t, ts, "someone", "x").DeleteTrail(actiontrail.CreateDeleteTrailRequest())
			_ = serverError(t, err, "InvalidAccessKeyId.NotFound", http.StatusNotFound)
		}},
		{"malformed V3 Authorization", func(t *testing.T) {
			status, body := do(t, v3HTTPRequest(t, ts, v3Spec{action: "StartLogging", after: setHeader("Authorization", "garbage")}))
			checkRaw(t, status, body, "IncompleteSignature", http.StatusBadRequest)
		}},
		{"no action", func(t *testing.T) {
			status, body := do(t, rawRequest(t, ts, http.MethodPost, map[string]string{}))
			checkRaw(t, status, body, "MissingAction", http.StatusBadRequest)
		}},
		{"unknown version", func(t *testing.T) {
			_, err := c.ProcessCommonRequest(commonRequest(ts, "2000-01-01", "DescribeTrails", nil))
			_ = serverError(t, err, "InvalidVersion", http.StatusBadRequest)
		}},
		{"unknown action", func(t *testing.T) {
			_, err := c.ProcessCommonRequest(commonRequest(ts, APIVersion, "LookupEverything", nil))
			_ = serverError(t, err, "InvalidApi.NotFound", http.StatusNotFound)
		}},
		{"bad region", func(t *testing.T) {
			err := sdkCall(actiontrail.CreateDescribeTrailsRequest, func(r *actiontrail.DescribeTrailsRequest) { r.RegionId = "Mars/1" },
				(*actiontrail.Client).DescribeTrails)(c)
			_ = serverError(t, err, "InvalidRegionId", http.StatusBadRequest)
		}},
		{"replayed nonce", func(t *testing.T) {
			p := signedParams(map[string]string{"Action": "DescribeTrails"}, http.MethodPost, DefaultAccessKeySecret)
			status, body := do(t, rawRequest(t, ts, http.MethodPost, p))
			checkRaw(t, status, body, "", http.StatusOK)
			status, body = do(t, rawRequest(t, ts, http.MethodPost, p))
			checkRaw(t, status, body, "SignatureNonceUsed", http.StatusBadRequest)
		}},
		// Not rejections: the action was reached.
		{"trail not found", func(t *testing.T) {
			err := sdkCall(actiontrail.CreateDeleteTrailRequest, func(r *actiontrail.DeleteTrailRequest) { r.Name = "missing-trail" },
				(*actiontrail.Client).DeleteTrail)(c)
			_ = serverError(t, err, "TrailNotFoundException", http.StatusNotFound)
		}},
		{"injected fault", func(t *testing.T) {
			s.SetFaults(Faults{Throttle: 1})
			defer s.SetFaults(Faults{})
			_, err := c.DescribeTrails(actiontrail.CreateDescribeTrailsRequest())
			_ = serverError(t, err, "Throttling.User", http.StatusBadRequest)
		}},
	}
	for _, st := range steps {
		t.Run(st.name, st.send)
	}
	want := Rejections{
		ByAction: map[string]int64{"DescribeTrails": 3, "CreateTrail": 1, "DeleteTrail": 1, "StartLogging": 1},
		ByCode: map[string]int64{"SignatureDoesNotMatch": 2, "InvalidAccessKeyId.NotFound": 1, "IncompleteSignature": 1,
			"MissingAction": 1, "InvalidVersion": 1, "InvalidApi.NotFound": 1, "InvalidRegionId": 1, "SignatureNonceUsed": 1},
	}
	got := s.Rejected()
	if !maps.Equal(got.ByAction, want.ByAction) || !maps.Equal(got.ByCode, want.ByCode) {
		t.Errorf("Rejected():\n got %+v\nwant %+v", got, want)
	}
	if calls := s.Calls(); !maps.Equal(calls, map[string]int64{"DescribeTrails": 2, "DeleteTrail": 1}) {
		t.Errorf("Calls() = %v", calls)
	}

	// The admin view, then the reset of both.
	status, body := get(t, ts, "/_emulator/rejected")
	var viaAdmin Rejections
	if err := json.Unmarshal([]byte(body), &viaAdmin); err != nil || status != http.StatusOK ||
		!maps.Equal(viaAdmin.ByCode, want.ByCode) || !maps.Equal(viaAdmin.ByAction, want.ByAction) {
		t.Errorf("GET /_emulator/rejected: %d %s", status, body)
	}
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/_emulator/calls/reset", nil)
	if status, body := do(t, req); status != http.StatusOK || body != "{}\n" {
		t.Errorf("reset: %d %q", status, body)
	}
	if status, body := get(t, ts, "/_emulator/rejected"); status != http.StatusOK || body != `{"by_action":{},"by_code":{}}`+"\n" {
		t.Errorf("after the reset: %d %s", status, body)
	}
	// Rejected returns a copy.
	s.Rejected().ByCode["x"] = 1
	if len(s.Rejected().ByCode) != 0 {
		t.Error("Rejected() shares its maps")
	}
}
