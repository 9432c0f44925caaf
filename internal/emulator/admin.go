package emulator

import (
	"cmp"
	"encoding/json"
	"io"
	"net/http"
	"time"
)

// serveAdmin answers the unsigned endpoints under /_emulator/. Faults and latency never apply here.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	type route struct {
		method string
		serve  func(*http.Request) (int, any)
	}
	routes := map[string]route{
		adminPrefix + "calls": {http.MethodGet, func(*http.Request) (int, any) { return http.StatusOK, s.Calls() }},
		adminPrefix + "calls/reset": {http.MethodPost, func(*http.Request) (int, any) {
			s.ResetCalls()
			return http.StatusOK, s.Calls()
		}},
		adminPrefix + "trails": {http.MethodGet, func(*http.Request) (int, any) {
			var out []adminTrail
			for _, id := range s.AccountIDs() {
				trails := s.AccountTrails(id)
				for i := range trails {
					out = append(out, adminTrail{AccountID: id, trailView: s.view(id, &trails[i], trails[i].Region)})
				}
			}
			if out == nil {
				out = []adminTrail{}
			}
			return http.StatusOK, out
		}},
		adminPrefix + "healthz":  {http.MethodGet, func(*http.Request) (int, any) { return http.StatusOK, map[string]string{"status": "ok"} }},
		adminPrefix + "delivery": {http.MethodPost, s.serveDelivery},
		adminPrefix + "rejected": {http.MethodGet, func(*http.Request) (int, any) { return http.StatusOK, s.Rejected() }},
	}
	rt, ok := routes[r.URL.Path]
	var (
		status int
		body   any
	)
	switch {
	case !ok:
		status, body = http.StatusNotFound, map[string]string{"error": "no such admin endpoint: " + r.URL.Path}
	case r.Method != rt.method && (rt.method != http.MethodGet || r.Method != http.MethodHead):
		w.Header().Set("Allow", rt.method)
		status, body = http.StatusMethodNotAllowed, map[string]string{"error": "method not allowed, use " + rt.method}
	default:
		status, body = rt.serve(r)
	}
	data, err := marshal(body)
	if err != nil {
		status, data = http.StatusInternalServerError, []byte(`{"error":"encoding failed"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(data, '\n'))
}

func adminError(status int, msg string) (int, any) { return status, map[string]string{"error": msg} }

// serveDelivery sets a trail's delivery health: POST /_emulator/delivery?region=R&name=N with a JSON
// body of GetTrailStatus delivery fields (region "" is the default region). It answers the trail's
// GetTrailStatus fields as they now read.
func (s *Server) serveDelivery(r *http.Request) (int, any) {
	q := r.URL.Query()
	accountID, region, name := q.Get("account"), q.Get("region"), q.Get("name")
	if name == "" {
		return adminError(http.StatusBadRequest, "the query parameter name is required")
	}
	var h DeliveryHealth
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&h); err != nil && err != io.EOF {
		return adminError(http.StatusBadRequest, "the body must be a JSON object of LatestDeliveryTime, LatestDeliveryError, "+
			"LatestDeliveryLogServiceTime, LatestDeliveryLogServiceError, OssBucketStatus, SlsLogStoreStatus "+
			"(IsLogging and the logging times follow StartLogging and StopLogging): "+err.Error())
	}
	for field, v := range map[string]*string{"LatestDeliveryTime": h.LatestDeliveryTime, "LatestDeliveryLogServiceTime": h.LatestDeliveryLogServiceTime} {
		if v == nil || *v == "" {
			continue
		}
		ts, err := time.Parse(time.RFC3339, *v)
		if err != nil {
			return adminError(http.StatusBadRequest, field+" must be an ISO 8601 time such as 2006-01-02T15:04:05Z, or \"\"")
		}
		*v = formatTime(ts)
	}
	a := s.account(accountID)
	if a == nil {
		return adminError(http.StatusNotFound, "no such account: "+accountID)
	}
	if !s.SetAccountDeliveryHealth(a.id, region, name, h) {
		return adminError(http.StatusNotFound, "no such trail: "+name+" in region "+cmp.Or(region, s.defaultRegion)+" of account "+a.id)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	t := a.trail(cmp.Or(region, s.defaultRegion), name)
	if t == nil { // deleted meanwhile
		return adminError(http.StatusNotFound, "no such trail: "+name)
	}
	return http.StatusOK, s.healthLocked(a, t)
}

// adminTrail is a trail in GET /_emulator/trails: DescribeTrails' item, and the account that holds it.
type adminTrail struct {
	AccountID string `json:"AccountId"`
	trailView
}
