// Package client wraps the official Alibaba Cloud SDK's ActionTrail client for the provider:
// credentials, endpoint override, one SDK client per call (the SDK's client is not safe for
// concurrent requests and takes no context), retries with backoff, error classification and
// logging through terraform-plugin-log with secrets masked.
package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Config says how to reach the API and as whom.
type Config struct {
	// Region is the region of the STS calls (GetCallerIdentity, AssumeRole); every ActionTrail call
	// names its own.
	Region string
	// Credentials signs every request (static keys, STS, or a CLI profile).
	Credentials credentials.CredentialsProvider
	// Secrets are masked in every log line and error this package produces.
	Secrets []string
	// RoleCredentials names the provider setting (assume_role, assume_role_with_oidc) whose
	// temporary credentials Credentials gives, fetched from STS and renewed; empty for credentials
	// used as given. An API error says so (Error.SignedWith).
	RoleCredentials string
	// Endpoint, when set, replaces the regional endpoint: a URL with scheme, e.g. http://127.0.0.1:18080.
	Endpoint string
	// UserAgent is appended to the SDK's user agent.
	UserAgent string
	// Retry tunes backoff; zero values take the defaults.
	Retry RetryPolicy
	// Now is the clock that lost create attempts are timed by (default time.Now); tests inject one.
	Now func() time.Time
}

// MaxAnswerBytes bounds an API answer. The largest real one, a DescribeTrails of every trail of a
// region with the organization's, is a few hundred kilobytes; an endpoint that sends more is not
// ActionTrail, and reading it whole would only exhaust memory.
const MaxAnswerBytes = 32 << 20

// RetryPolicy bounds retries. Attempts stop when the context is done, whatever the policy says.
type RetryPolicy struct {
	// BaseDelay is the first backoff; it doubles up to MaxDelay, with full jitter.
	BaseDelay time.Duration
	MaxDelay  time.Duration
	// PolicyPropagation bounds how long CreateTrail/UpdateTrail retry
	// InsufficientBucketPolicyException (bucket policies and roles made in the same apply take
	// time to propagate).
	PolicyPropagation time.Duration
	// ReadAfterWrite bounds how long a read right after a create tolerates not-found.
	ReadAfterWrite time.Duration
	// TransportRetries bounds the retries of a call that got no answer at all (connection
	// refused, DNS, TLS, a broken connection): 0 takes DefaultTransportRetries, a negative value
	// retries none. TransportWindow bounds them in time, whatever the operation's timeout: an
	// endpoint that cannot be reached fails fast instead of for the whole create timeout.
	TransportRetries int
	TransportWindow  time.Duration
	// MaxAttempts bounds the attempts of one call whatever the error; 0 leaves it to the context.
	MaxAttempts int
}

// Transport retry defaults.
const (
	DefaultTransportRetries = 3
	DefaultTransportWindow  = 30 * time.Second
)

// DefaultPolicyPropagation is how long a bucket policy or role made in the same apply may take to
// reach ActionTrail: the default RetryPolicy.PolicyPropagation.
const DefaultPolicyPropagation = 2 * time.Minute

// DefaultRetryPolicy is what the provider uses unless told otherwise.
var DefaultRetryPolicy = RetryPolicy{
	BaseDelay:         200 * time.Millisecond,
	MaxDelay:          5 * time.Second,
	PolicyPropagation: DefaultPolicyPropagation,
	ReadAfterWrite:    30 * time.Second,
}

// Client calls the ActionTrail API. It is safe for concurrent use: every call builds its own SDK
// client over one shared connection pool.
type Client struct {
	region    string
	creds     credentials.CredentialsProvider
	domain    string // host[:port] when the endpoint is overridden
	scheme    string // HTTP or HTTPS
	userAgent string
	transport *http.Transport
	policy    RetryPolicy
	redactor  *strings.Replacer
	// signedWith is Config.RoleCredentials.
	signedWith string
	now        func() time.Time
	reads      *readBatcher
}

// New checks the configuration and returns a client. It makes no call.
func New(cfg Config) (*Client, error) {
	if cfg.Credentials == nil {
		return nil, errors.New("no credentials")
	}
	c := &Client{
		region:     cfg.Region,
		creds:      cfg.Credentials,
		scheme:     "HTTPS",
		userAgent:  cfg.UserAgent,
		policy:     cfg.Retry.withDefaults(),
		redactor:   newRedactor(cfg.Secrets),
		signedWith: cfg.RoleCredentials,
		now:        cfg.Now,
	}
	if c.now == nil {
		c.now = time.Now
	}
	c.reads = newReadBatcher(c)
	if cfg.Endpoint != "" {
		host, scheme, err := ParseEndpoint(cfg.Endpoint)
		if err != nil {
			return nil, err
		}
		c.domain, c.scheme = host, scheme
	}
	base, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		base = &http.Transport{Proxy: http.ProxyFromEnvironment}
	}
	c.transport = base.Clone()
	c.transport.MaxIdleConnsPerHost = 32
	return c, nil
}

// ParseEndpoint splits an endpoint URL into the SDK's domain (host[:port]) and scheme.
func ParseEndpoint(endpoint string) (host, scheme string, err error) {
	u, err := url.Parse(endpoint)
	if err != nil {
		return "", "", fmt.Errorf("endpoint %q is not a URL: %w", endpoint, err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http":
		scheme = "HTTP"
	case "https":
		scheme = "HTTPS"
	default:
		return "", "", fmt.Errorf("endpoint %q must start with http:// or https://", endpoint)
	}
	if u.Host == "" {
		return "", "", fmt.Errorf("endpoint %q has no host", endpoint)
	}
	if u.Path != "" && u.Path != "/" || u.RawQuery != "" || u.User != nil {
		return "", "", fmt.Errorf("endpoint %q must be scheme://host[:port] with no path, query or user info", endpoint)
	}
	return u.Host, scheme, nil
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy
	if p.BaseDelay > 0 {
		d.BaseDelay = p.BaseDelay
	}
	if p.MaxDelay > 0 {
		d.MaxDelay = p.MaxDelay
	}
	if p.PolicyPropagation > 0 {
		d.PolicyPropagation = p.PolicyPropagation
	}
	if p.ReadAfterWrite > 0 {
		d.ReadAfterWrite = p.ReadAfterWrite
	}
	switch {
	case p.TransportRetries < 0:
		d.TransportRetries = 0
	case p.TransportRetries > 0:
		d.TransportRetries = p.TransportRetries
	default:
		d.TransportRetries = DefaultTransportRetries
	}
	d.TransportWindow = DefaultTransportWindow
	if p.TransportWindow > 0 {
		d.TransportWindow = p.TransportWindow
	}
	d.MaxAttempts = p.MaxAttempts
	return d
}

// sdkEndpointsOnce fills the SDK's endpoint maps once: each service package fills its own
// lazily, on its first client, without a lock, so two first clients at once race (go test -race
// shows it).
var sdkEndpointsOnce sync.Once

func loadSDKEndpoints() {
	actiontrail.GetEndpointMap()
	sts.GetEndpointMap()
}

// sdkConfig is the configuration of an SDK client (ActionTrail's or STS's) bound to ctx:
// cancelling ctx aborts its requests.
func (c *Client) sdkConfig(ctx context.Context, scheme string) *sdk.Config {
	cfg := sdk.NewConfig()
	cfg.Scheme = scheme
	cfg.UserAgent = c.userAgent
	cfg.Transport = &ctxTransport{ctx: ctx, base: c.transport}
	sdkEndpointsOnce.Do(loadSDKEndpoints)
	return cfg
}

// sdkClient builds an SDK client bound to ctx: cancelling ctx aborts its requests.
func (c *Client) sdkClient(ctx context.Context, region string) (*actiontrail.Client, error) {
	cli, err := actiontrail.NewClientWithOptions(region, c.sdkConfig(ctx, c.scheme), c.creds)
	if err != nil {
		return nil, err
	}
	if c.domain != "" {
		cli.Domain = c.domain
	}
	return cli, nil
}

// ctxTransport ties every request to the context of the Terraform operation: the SDK builds its
// http.Request without one. It is not an *http.Transport, so the SDK leaves it alone.
type ctxTransport struct {
	ctx  context.Context
	base http.RoundTripper
}

func (t *ctxTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancel(r.Context())
	stop := context.AfterFunc(t.ctx, cancel)
	resp, err := t.base.RoundTrip(r.WithContext(ctx))
	if err != nil {
		stop()
		cancel()
		return nil, err
	}
	if resp.ContentLength > MaxAnswerBytes {
		_ = resp.Body.Close()
		stop()
		cancel()
		return nil, &AnswerTooLargeError{Bytes: resp.ContentLength}
	}
	resp.Body = &boundedBody{ReadCloser: resp.Body, left: MaxAnswerBytes, done: func() { stop(); cancel() }}
	return resp, nil
}

// AnswerTooLargeError is an answer longer than MaxAnswerBytes.
type AnswerTooLargeError struct {
	Bytes int64 // the announced length, or -1 when the body simply went on
}

func (e *AnswerTooLargeError) Error() string {
	if e.Bytes < 0 {
		return fmt.Sprintf("the answer went on past %d MiB, more than any ActionTrail answer; reading stopped there", MaxAnswerBytes>>20)
	}
	return fmt.Sprintf("the answer announced %d bytes, more than the %d MiB any ActionTrail answer fits in; it was not read", e.Bytes, MaxAnswerBytes>>20)
}

// boundedBody stops reading at MaxAnswerBytes and releases the request's context on Close.
type boundedBody struct {
	io.ReadCloser
	left int64
	done func()
}

func (b *boundedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, &AnswerTooLargeError{Bytes: -1}
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *boundedBody) Close() error {
	err := b.ReadCloser.Close()
	b.done()
	return err
}

// request is what every typed SDK request has in common.
type request interface {
	requests.AcsRequest
}

// doAction sends req with the SDK client cli (ActionTrail's or STS's), turning a panic of the SDK on
// a malformed answer into an error.
func doAction(cli *sdk.Client, req requests.AcsRequest, resp responses.AcsResponse) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the SDK failed on the API's answer: %v", p)
		}
	}()
	return cli.DoAction(req, resp)
}

// do sends one request once: it builds the client, logs, recovers from SDK panics on malformed
// answers and classifies the error.
func (c *Client) do(ctx context.Context, region string, req request, resp responses.AcsResponse) (err error) {
	action := req.GetActionName()
	if region == "" {
		// Every call names its region: a default here would hide a caller that forgot it.
		return &Error{Action: action, Kind: KindClient, Message: "no region given (a bug in the provider: every call names its region)"}
	}
	cli, err := c.sdkClient(ctx, region)
	if err != nil {
		return &Error{Action: action, Region: region, Kind: KindClient, Message: c.redact(err.Error())}
	}
	req.SetScheme(c.scheme)
	start := time.Now()
	err = doAction(&cli.Client, req, resp)
	elapsed := time.Since(start)
	if err != nil {
		e := c.classify(ctx, action, region, err)
		tflog.Debug(ctx, "ActionTrail API call failed", map[string]any{
			"action": action, "region": region, "request_id": e.RequestID, "http_status": e.HTTPStatus,
			"code": e.Code, "duration_ms": elapsed.Milliseconds(),
		})
		return e
	}
	tflog.Debug(ctx, "ActionTrail API call", map[string]any{
		"action": action, "region": region, "request_id": requestID(resp), "http_status": resp.GetHttpStatus(),
		"duration_ms": elapsed.Milliseconds(),
	})
	return nil
}

func requestID(resp responses.AcsResponse) string {
	if h := resp.GetHttpHeaders(); h != nil {
		if v := h["X-Acs-Request-Id"]; len(v) > 0 {
			return v[0]
		}
	}
	type withID interface{ GetRequestId() string }
	if r, ok := resp.(withID); ok {
		return r.GetRequestId()
	}
	return ""
}

// retry runs op until it succeeds, fails for good, or ctx is done. op reports whether its error
// may be retried. Failures with no answer (KindTransport) are retried at most
// RetryPolicy.TransportRetries times and never past RetryPolicy.TransportWindow from the first
// attempt: an unreachable endpoint fails within seconds, not at the end of the operation's timeout.
func (c *Client) retry(ctx context.Context, action string, op func(attempt int) (retry bool, err error)) error {
	start := c.now()
	var last error
	transportFailures := 0
	for attempt := 1; ; attempt++ {
		again, err := op(attempt)
		if err == nil {
			return nil
		}
		if isCanceled(err) && last != nil {
			// The deadline ended an attempt in flight: what the API said before is the news,
			// not the cancellation (which otherwise depends on when the deadline falls).
			return withAttempts(last, attempt-1, c.now().Sub(start), ctx.Err())
		}
		last = err
		if !again {
			return withAttempts(err, attempt, c.now().Sub(start), nil)
		}
		if c.policy.MaxAttempts > 0 && attempt >= c.policy.MaxAttempts {
			return withAttempts(err, attempt, c.now().Sub(start), nil)
		}
		wait := c.backoff(attempt)
		if isTransport(err) {
			transportFailures++
			if transportFailures > c.policy.TransportRetries || c.now().Sub(start)+wait >= c.policy.TransportWindow {
				return withAttempts(err, attempt, c.now().Sub(start), nil)
			}
		}
		tflog.Debug(ctx, "Retrying ActionTrail API call", map[string]any{
			"action": action, "attempt": attempt, "wait_ms": wait.Milliseconds(), "error": err.Error(),
		})
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return withAttempts(last, attempt, c.now().Sub(start), ctx.Err())
		case <-t.C:
		}
	}
}

// retryIdempotent is the retry loop of a call that does the same however often it is sent (a read, a
// delete, a logging switch): every Retryable failure of call is retried.
func (c *Client) retryIdempotent(ctx context.Context, action string, call func() error) error {
	return c.retry(ctx, action, func(int) (bool, error) {
		err := call()
		return Retryable(err), err
	})
}

func isCanceled(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindCanceled
}

func isTransport(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindTransport
}

// backoff is exponential with full jitter.
func (c *Client) backoff(attempt int) time.Duration {
	d := c.policy.BaseDelay << min(attempt-1, 20)
	if d <= 0 || d > c.policy.MaxDelay {
		d = c.policy.MaxDelay
	}
	return d/2 + rand.N(d/2+1)
}

// withAttempts records how many attempts a call took and, when the context ended them, why.
func withAttempts(last error, attempts int, elapsed time.Duration, ctxErr error) error {
	if attempts <= 1 && ctxErr == nil {
		return last
	}
	var e *Error
	if errors.As(last, &e) {
		cp := *e
		cp.Attempts = attempts
		cp.RetriedFor = elapsed.Round(time.Millisecond)
		cp.GaveUp = ctxErr
		return replaceError(last, e, &cp)
	}
	if ctxErr == nil {
		return fmt.Errorf("%w (after %d attempts in %s)", last, attempts, elapsed.Round(time.Millisecond))
	}
	return fmt.Errorf("%w (gave up after %d attempts in %s: %v)", last, attempts, elapsed.Round(time.Millisecond), ctxErr)
}

// replaceError returns last with the *Error old inside it replaced by new: last is either old
// itself or a wrapper this package made around it.
func replaceError(last error, old, replacement *Error) error {
	if last == error(old) {
		return replacement
	}
	return last
}

func newRedactor(secrets []string) *strings.Replacer {
	var pairs []string
	for _, s := range secrets {
		if s == "" {
			continue
		}
		for _, v := range []string{s, url.QueryEscape(s), url.QueryEscape(url.QueryEscape(s)), url.PathEscape(s)} {
			pairs = append(pairs, v, "***")
		}
	}
	return strings.NewReplacer(pairs...)
}

func (c *Client) redact(s string) string {
	s = c.redactor.Replace(s)
	if r, ok := c.creds.(Redactor); ok { // temporary credentials' secrets and tokens (sts.go)
		s = r.Redact(s)
	}
	return s
}

// host is the endpoint's host[:port] for region, for messages.
func (c *Client) host(region string) string {
	if c.domain != "" {
		return c.domain
	}
	return "actiontrail." + region + ".aliyuncs.com"
}
