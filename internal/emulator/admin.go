package emulator

import (
	"net/http"
)

// serveAdmin answers the unsigned endpoints under /_emulator/. Faults and latency never apply here.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	type route struct {
		method string
		serve  func() (int, any)
	}
	routes := map[string]route{
		adminPrefix + "calls": {http.MethodGet, func() (int, any) { return http.StatusOK, s.Calls() }},
		adminPrefix + "calls/reset": {http.MethodPost, func() (int, any) {
			s.ResetCalls()
			return http.StatusOK, s.Calls()
		}},
		adminPrefix + "trails": {http.MethodGet, func() (int, any) {
			trails := s.Trails()
			out := make([]trailView, 0, len(trails))
			for i := range trails {
				out = append(out, s.view(&trails[i], trails[i].Region))
			}
			return http.StatusOK, out
		}},
		adminPrefix + "healthz": {http.MethodGet, func() (int, any) { return http.StatusOK, map[string]string{"status": "ok"} }},
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
		status, body = rt.serve()
	}
	data, err := marshal(body)
	if err != nil {
		status, data = http.StatusInternalServerError, []byte(`{"error":"encoding failed"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(data, '\n'))
}
