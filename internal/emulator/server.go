package emulator

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

const (
	// APIVersion is the API version the SDK speaks; LegacyAPIVersion is the 2017 spec's.
	APIVersion       = "2020-07-06"
	LegacyAPIVersion = "2017-12-04"

	adminPrefix     = "/_emulator/"
	maxBodyBytes    = 1 << 20
	timestampWindow = 15 * time.Minute
	timestampLayout = "2006-01-02T15:04:05Z"
)

// params are the request's parameters: the first value of each query parameter, overridden by the
// form body's, like the SDK's string to sign.
type params map[string]string

func (p params) get(name string) (string, bool) {
	v, ok := p[name]
	return v, ok
}

// call is one API request being handled.
type call struct {
	params
	action    string
	version   string
	region    string // the ActionTrail region; "" for STS
	requestID string
	product   *product   // set once the version is known
	known     bool       // the action is one the product answers
	principal *principal // set once the request is authenticated
	acct      *account   // the principal's account
	counted   bool       // counted in Calls: authenticated and past the gateway's checks
}

type actionFunc func(*Server, *call) (any, *apiError)

// product is one API served on the emulator's port, told apart by its version.
type product struct {
	name      string
	regional  bool // ActionTrail: the request's region is resolved and checked
	actions   map[string]actionFunc
	anonymous map[string]bool // actions whose requests are not signed
}

// actions are the ActionTrail actions the emulator answers.
var actions = map[string]actionFunc{
	"CreateTrail":     (*Server).createTrail,
	"DescribeTrails":  (*Server).describeTrails,
	"UpdateTrail":     (*Server).updateTrail,
	"DeleteTrail":     (*Server).deleteTrail,
	"StartLogging":    (*Server).startLogging,
	"StopLogging":     (*Server).stopLogging,
	"GetTrailStatus":  (*Server).getTrailStatus,
	"DescribeRegions": (*Server).describeRegions,
}

var actionTrail = &product{name: "Actiontrail", regional: true, actions: actions}

// products maps each API version the emulator answers to its product.
var products = map[string]*product{
	APIVersion:       actionTrail,
	LegacyAPIVersion: actionTrail,
	STSVersion:       stsProduct,
}

type errorBody struct {
	RequestID string `json:"RequestId"`
	HostID    string `json:"HostId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	Recommend string `json:"Recommend"`
}

// ServeHTTP answers the ActionTrail RPC API and the admin endpoints under /_emulator/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == strings.TrimSuffix(adminPrefix, "/") || strings.HasPrefix(r.URL.Path, adminPrefix) {
		s.serveAdmin(w, r)
		return
	}
	start := time.Now()
	c := &call{requestID: newRequestID()}
	body, aerr := s.serveAPISafely(r, c)
	if aerr != nil && !c.counted {
		action := ""
		if c.known {
			action = c.action
		}
		s.reject(action, aerr.code)
	}
	s.respond(w, r, c, body, aerr, time.Since(start))
}

// serveAPISafely turns a panic into 500 InternalError: a last resort, bad input must not panic.
func (s *Server) serveAPISafely(r *http.Request, c *call) (body any, aerr *apiError) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			if s.logger != nil {
				s.logger.Printf("panic handling %q: %v\n%s", c.action, v, debug.Stack())
			}
			body, aerr = nil, errInternal()
		}
	}()
	return s.serveAPI(r, c)
}

func (s *Server) serveAPI(r *http.Request, c *call) (any, *apiError) {
	if aerr := s.wait(r.Context()); aerr != nil {
		return nil, aerr
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		return nil, errUnsupportedMethod(r.Method)
	}
	if r.URL.Path != "/" && r.URL.Path != "" {
		return nil, errAPINotFound()
	}
	// A request with an Authorization header is signed with V3 (ACS3-HMAC-SHA256), whose action and
	// version travel as headers; any other is signed with V1 (HMAC-SHA1) in its parameters.
	v3 := r.Header.Get("Authorization") != ""
	req, aerr := readRequest(r, v3)
	if aerr != nil {
		return nil, aerr
	}
	c.params = req.params

	// Resolve the API (Action and Version), then authenticate.
	// V3 names the API in headers, V1 in (signed) parameters. An unsigned request may name an
	// unsigned action (AssumeRoleWithOIDC from a Tea client) in the headers too.
	c.action, c.version = c.params["Action"], c.params["Version"]
	hAction, hVersion := r.Header.Get("x-acs-action"), r.Header.Get("x-acs-version")
	if v3 {
		c.action, c.version = cmp.Or(hAction, c.action), cmp.Or(hVersion, c.version)
	} else if p := products[cmp.Or(c.version, hVersion)]; c.action == "" && p != nil && p.anonymous[hAction] {
		c.action, c.version = hAction, cmp.Or(c.version, hVersion)
	}
	if c.action == "" {
		return nil, errMissing("Action")
	}
	if c.version == "" {
		return nil, errMissing("Version")
	}
	product, ok := products[c.version]
	if !ok {
		return nil, errInvalidVersion()
	}
	c.product = product
	handler, ok := product.actions[c.action]
	if !ok {
		return nil, errAPINotFound()
	}
	c.known = true
	if f := c.params["Format"]; f != "" && !strings.EqualFold(f, "JSON") {
		return nil, errInvalidFormat()
	}
	if !product.anonymous[c.action] {
		var who *principal
		if v3 {
			who, aerr = s.authenticateV3(r, req)
		} else {
			who, aerr = s.authenticate(r.Method, c.params)
		}
		if aerr != nil {
			return nil, aerr
		}
		c.principal = who
		if c.acct = s.accounts[who.AccountID]; c.acct == nil {
			return nil, errInternal() // every key's account is known
		}
	}

	if product.regional {
		c.region = c.params["RegionId"]
		if c.region == "" {
			c.region = regionFromHost(r.Host)
		}
		if c.region == "" {
			c.region = s.defaultRegion
		}
		if !validRegion(c.region) {
			return nil, errInvalidRegion(c.region)
		}
		if !s.knownRegion(c.region) {
			return nil, errUnknownRegion(c.region)
		}
		// The RAM check, after authentication as at the gateway: the session policy of temporary
		// credentials, if any, must allow the call (STS calls are not ActionTrail's to restrict).
		if pol := c.principal.policyOrNil(); pol != nil && !pol.allows("actiontrail:"+c.action, policyResource(c)) {
			return nil, errForbiddenRAM()
		}
	}
	s.calls[c.action].Add(1)
	c.counted = true

	fault := faultNone
	if product.regional || s.faults.names(c.action) {
		fault = s.faults.draw(c.action)
	}
	switch fault {
	case faultThrottle:
		return nil, errThrottling()
	case faultUnavailable:
		return nil, errServiceUnavailable()
	case faultServerError:
		return nil, errInternal()
	}
	if s.hook != nil {
		s.hook(c.action)
	}
	body, aerr := handler(s, c)
	if aerr == nil && fault == faultSucceededButError {
		return nil, errInternal()
	}
	return body, aerr
}

// wait sleeps for the configured latency, or until the request is cancelled.
func (s *Server) wait(ctx context.Context) *apiError {
	d := time.Duration(s.latency.Load())
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return newError(codeServiceUnavailable, "The request was cancelled by the client.")
	}
}

// apiRequest is what the emulator read of an API request.
type apiRequest struct {
	params params
	query  url.Values // the query string as sent, for V3's canonical query string
	body   []byte     // the body, read when it is a form or the request is signed with V3
}

// readRequest collects the query and form parameters. Undecodable pairs are skipped, as a lenient
// gateway would; the signature check then decides. The body is read when it is a form (its
// parameters join the query's) or when the request is signed with V3 (its hash is signed).
func readRequest(r *http.Request, v3 bool) (*apiRequest, *apiError) {
	req := &apiRequest{params: make(params)}
	req.query, _ = url.ParseQuery(r.URL.RawQuery)
	for k, vs := range req.query {
		req.params[k] = vs[0]
	}
	form := r.Method == http.MethodPost && isForm(r.Header.Get("Content-Type"))
	if r.Body == nil || !form && !v3 {
		return req, nil
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		return nil, newError(codeInvalidParameter, "The request body could not be read.")
	}
	if len(data) > maxBodyBytes {
		return nil, errBodyTooLarge()
	}
	req.body = data
	if !form {
		return req, nil
	}
	values, _ := url.ParseQuery(string(data))
	for k, vs := range values {
		req.params[k] = vs[0]
	}
	return req, nil
}

func isForm(contentType string) bool {
	if contentType == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == "application/x-www-form-urlencoded"
}

// regionFromHost returns the region of a host named actiontrail.<region>.aliyuncs.com, else "".
func regionFromHost(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(host)
	const prefix, suffix = "actiontrail.", ".aliyuncs.com"
	if len(host) <= len(prefix)+len(suffix) || !strings.HasPrefix(host, prefix) || !strings.HasSuffix(host, suffix) {
		return ""
	}
	region := host[len(prefix) : len(host)-len(suffix)]
	if !validRegion(region) {
		return ""
	}
	return region
}

func (s *Server) respond(w http.ResponseWriter, r *http.Request, c *call, body any, aerr *apiError, elapsed time.Duration) {
	status, code := http.StatusOK, "-"
	if aerr != nil {
		status, code = aerr.status, aerr.code
		body = errorBody{
			RequestID: c.requestID,
			HostID:    r.Host,
			Code:      aerr.code,
			Message:   aerr.message,
			Recommend: "https://api.aliyun.com/troubleshoot?q=" + url.QueryEscape(aerr.code) +
				"&product=" + productName(c) + "&requestId=" + c.requestID,
		}
	}
	data, err := marshal(body)
	if err != nil {
		status, code = http.StatusInternalServerError, "InternalError"
		data = fmt.Appendf(nil, `{"RequestId":%q,"Code":"InternalError","Message":"The response could not be encoded."}`, c.requestID)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json;charset=utf-8")
	h.Set("x-acs-request-id", c.requestID)
	// The emulator's clock, which CreateTime also reads, as the gateway's Date is the API's.
	h.Set("Date", s.clock().Format(http.TimeFormat))
	w.WriteHeader(status)
	_, _ = w.Write(data)
	if s.logger != nil {
		s.logger.Printf("action=%s status=%d code=%s request_id=%s region=%s elapsed=%s",
			logValue(c.action), status, code, c.requestID, logValue(c.region), elapsed.Round(time.Microsecond))
	}
}

// productName names the product in Recommend: ActionTrail unless the request was known to be STS.
func productName(c *call) string {
	if c.product != nil {
		return c.product.name
	}
	return actionTrail.name
}

// marshal encodes JSON without HTML escaping (the gateway writes '&', not \u0026, in a string to sign).
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// logValue keeps client-chosen strings short and on one line in the log.
func logValue(s string) string {
	if s == "" {
		return "-"
	}
	if len(s) > 64 {
		s = s[:64]
	}
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// newRequestID returns a random UUID in the uppercase form the gateway uses.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%X-%X-%X-%X-%X", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
