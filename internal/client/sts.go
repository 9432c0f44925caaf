package client

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// STS actions, as STSError.Action names them.
const (
	ActionGetCallerIdentity  = "GetCallerIdentity"
	ActionAssumeRole         = "AssumeRole"
	ActionAssumeRoleWithOIDC = "AssumeRoleWithOIDC"
)

// The credential check's bounds: a few quick attempts, so that an unreachable endpoint fails the
// plan within seconds. The check is a read; nothing is lost by giving up.
var (
	checkAttempts = 3
	checkBackoff  = []time.Duration{250 * time.Millisecond, 750 * time.Millisecond}
	checkBudget   = 8 * time.Second
)

// stsHTTPOptions bound each AssumeRole / AssumeRoleWithOIDC request of the SDK's credential
// providers, which take no context: 3 s to connect and 10 s in all (the SDK's defaults are 5 and 15).
var stsHTTPOptions = &credentials.HttpOptions{ConnectTimeout: 3 * time.Second, ReadTimeout: 7 * time.Second}

// STSEndpoint returns the STS host (host[:port]) and scheme (HTTP or HTTPS): those of endpoint when
// it is set (a URL as ParseEndpoint takes it), else the SDK's STS endpoint of the region
// (sts.<region>.aliyuncs.com for most regions), over HTTPS.
func STSEndpoint(region, endpoint string) (host, scheme string, err error) {
	if endpoint != "" {
		return ParseEndpoint(endpoint)
	}
	if h := sts.GetEndpointMap()[region]; h != "" {
		return h, "HTTPS", nil
	}
	return "sts." + region + ".aliyuncs.com", "HTTPS", nil
}

// Identity is who the credentials are, as GetCallerIdentity answers.
type Identity struct {
	AccountID    string
	UserID       string
	Arn          string
	IdentityType string // Account, RAMUser, AssumedRoleUser
	PrincipalID  string
	RequestID    string
}

// STSError is a failed STS call: the GetCallerIdentity of the credential check, or an AssumeRole
// or AssumeRoleWithOIDC by which the SDK's credential providers fetch temporary credentials. Its
// text never holds a URL, a signature, a secret or a token.
type STSError struct {
	Action  string // ActionGetCallerIdentity, ActionAssumeRole, ActionAssumeRoleWithOIDC
	Host    string // the STS host, host[:port]
	RoleArn string // the role, for AssumeRole and AssumeRoleWithOIDC

	// An answer with an error code.
	Code       string
	HTTPStatus int
	RequestID  string
	Message    string
	Recommend  string

	// Transport is set when no answer came back; Cause says why. NotSent is set when the request
	// surely did not reach the API (no connection, no name resolution, no TLS handshake).
	Transport bool
	NotSent   bool
	// Cause is the failure when there is no error code: a transport error, or one on this side
	// (the OIDC token file cannot be read, an answer that does not decode).
	Cause string

	// Attempts is the number of attempts made, when the check retried.
	Attempts int
}

func (e *STSError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "STS %s", e.Action)
	if e.RoleArn != "" {
		fmt.Fprintf(&b, " of role %s", e.RoleArn)
	}
	fmt.Fprintf(&b, " at %s failed: ", e.Host)
	switch {
	case e.Code != "":
		fmt.Fprintf(&b, "%s (HTTP %d, RequestId %s): %s", e.Code, e.HTTPStatus, e.RequestIDText(), e.Message)
	case e.Transport:
		fmt.Fprintf(&b, "network error: %s", e.Cause)
	case e.HTTPStatus != 0:
		fmt.Fprintf(&b, "HTTP %d with a body that is not an STS answer: %s", e.HTTPStatus, e.Message)
	default:
		b.WriteString(e.Cause)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (%d attempts)", e.Attempts)
	}
	return b.String()
}

// RequestIDText is the RequestId for messages: "none" when the answer carried none.
func (e *STSError) RequestIDText() string {
	return requestIDText(e.RequestID)
}

// retryable: no answer, throttling or a server error.
func (e *STSError) retryable() bool {
	return e.Transport || e.HTTPStatus >= 500 || transientCode(e.Code)
}

// CallerIdentity checks the client's credentials with STS GetCallerIdentity at host (host[:port])
// over scheme (HTTP or HTTPS), signed like every call. With role credentials the first call also
// fetches them (AssumeRole, AssumeRoleWithOIDC). No answer, throttling and server errors are
// retried twice, within a few seconds at most; the error is then an *STSError.
func (c *Client) CallerIdentity(ctx context.Context, host, scheme string) (*Identity, error) {
	ctx, cancel := context.WithTimeout(ctx, checkBudget)
	defer cancel()
	start := time.Now()
	for attempt := 1; ; attempt++ {
		id, err := c.callerIdentity(ctx, host, scheme)
		if err == nil {
			tflog.Debug(ctx, "STS GetCallerIdentity", map[string]any{
				"host": host, "account_id": id.AccountID, "identity_type": id.IdentityType, "arn": id.Arn,
				"request_id": id.RequestID, "attempt": attempt, "duration_ms": time.Since(start).Milliseconds(),
			})
			return id, nil
		}
		e := err
		e.Attempts = attempt
		tflog.Debug(ctx, "STS call failed", map[string]any{
			"action": e.Action, "host": host, "code": e.Code, "http_status": e.HTTPStatus, "request_id": e.RequestID,
			"attempt": attempt, "error": e.Error(),
		})
		if !e.retryable() || attempt >= checkAttempts {
			return nil, e
		}
		wait := checkBackoff[min(attempt-1, len(checkBackoff)-1)]
		if time.Since(start)+wait >= checkBudget {
			return nil, e
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, e
		case <-t.C:
		}
	}
}

// callerIdentity makes one GetCallerIdentity call.
func (c *Client) callerIdentity(ctx context.Context, host, scheme string) (*Identity, *STSError) {
	cli, err := sts.NewClientWithOptions(c.region, c.sdkConfig(ctx, scheme), c.creds)
	if err != nil {
		return nil, &STSError{Action: ActionGetCallerIdentity, Host: host, Cause: c.redact(err.Error())}
	}
	cli.Domain = host
	req := sts.CreateGetCallerIdentityRequest()
	req.Domain = host
	req.SetScheme(scheme)
	resp := sts.CreateGetCallerIdentityResponse()
	if err = doAction(&cli.Client, req, resp); err != nil {
		var se *STSError
		if errors.As(err, &se) { // the credential provider's AssumeRole failed
			cp := *se
			cp.Message, cp.Recommend, cp.Cause = c.redact(se.Message), c.redact(se.Recommend), c.redact(se.Cause)
			return nil, &cp
		}
		return nil, stsError(ActionGetCallerIdentity, host, "", err, c.redact)
	}
	if resp.AccountId == "" {
		return nil, &STSError{Action: ActionGetCallerIdentity, Host: host, HTTPStatus: resp.GetHttpStatus(),
			Message: truncate(c.redact(strings.TrimSpace(resp.GetHttpContentString())), 300)}
	}
	return &Identity{AccountID: resp.AccountId, UserID: resp.UserId, Arn: resp.Arn, IdentityType: resp.IdentityType,
		PrincipalID: resp.PrincipalId, RequestID: resp.RequestId}, nil
}

// stsError turns what the SDK returned for an STS call into an *STSError, with redact applied to
// every text that came from the answer or the network.
func stsError(action, host, roleArn string, err error, redact func(string) string) *STSError {
	e := &STSError{Action: action, Host: host, RoleArn: roleArn}
	var se *sdkerrors.ServerError
	var ce *sdkerrors.ClientError
	switch {
	case errors.As(err, &se):
		e.HTTPStatus, e.RequestID, e.Code, e.Recommend = se.HttpStatus(), se.RequestId(), se.ErrorCode(), se.Recommend()
		msg := se.Message()
		// A SignatureDoesNotMatch answer echoes its string to sign, which holds every parameter.
		if i := strings.Index(msg, sdkerrors.MessageContain); i >= 0 {
			msg = msg[:i]
		}
		e.Message = truncate(redact(strings.TrimSpace(msg)), 300)
	case transportOf(err) != nil:
		f := transportOf(err)
		e.Transport = true
		e.Cause, e.NotSent = f.cause, !f.reached
	case errors.As(err, &ce):
		e.Cause = ce.Message()
	default:
		e.Cause = err.Error()
	}
	e.Message, e.Recommend, e.Cause = redact(e.Message), redact(e.Recommend), redact(e.Cause)
	return e
}

// Redactor removes from a text the secrets a credentials provider handed out. The client applies
// it to every message it makes, so that temporary secrets and tokens, which no configuration
// names, are masked like the configured ones.
type Redactor interface {
	Redact(string) string
}

// secretSet is the set of secrets to mask, which grows as temporary credentials are fetched.
type secretSet struct {
	mu   sync.RWMutex
	seen map[string]bool
	r    *strings.Replacer
}

func (s *secretSet) add(secrets ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	changed := false
	for _, v := range secrets {
		if v == "" || s.seen[v] {
			continue
		}
		if s.seen == nil {
			s.seen = make(map[string]bool)
		}
		s.seen[v], changed = true, true
	}
	if !changed {
		return
	}
	list := make([]string, 0, len(s.seen))
	for v := range s.seen {
		list = append(list, v)
	}
	s.r = newRedactor(list)
}

func (s *secretSet) Redact(text string) string {
	s.mu.RLock()
	r := s.r
	s.mu.RUnlock()
	if r == nil {
		return text
	}
	return r.Replace(text)
}

// RoleCredentials are temporary credentials of a RAM role, fetched and refreshed by the SDK's own
// credential provider (RAMRoleARNCredentialsProvider, OIDCCredentialsProvider), which caches them
// and fetches new ones when they are within 3 minutes of their expiry. It adds what the provider
// needs around it: one fetch at a time (the SDK's providers are not safe for concurrent use), errors
// as *STSError naming the role and never the request's URL, and the masking of every temporary
// secret and token it hands out (Redactor).
type RoleCredentials struct {
	mu      sync.Mutex
	sdk     credentials.CredentialsProvider
	base    credentials.CredentialsProvider // what AssumeRole signs with; nil for OIDC
	action  string
	roleArn string
	host    string
	token   *inlineToken // an OIDC token given as a value rather than a file
	secrets secretSet
}

var (
	_ credentials.CredentialsProvider = (*RoleCredentials)(nil)
	_ Redactor                        = (*RoleCredentials)(nil)
)

// AssumeRoleConfig configures AssumeRole credentials.
type AssumeRoleConfig struct {
	// Base signs the AssumeRole calls: static keys, STS keys, a CLI profile, other role credentials.
	Base            credentials.CredentialsProvider
	RoleArn         string
	SessionName     string
	Policy          string
	ExternalID      string
	DurationSeconds int // 0: 3600
	// STSHost is the STS host (host[:port]), always called over HTTPS: the SDK's provider knows no
	// other scheme.
	STSHost string
}

// NewAssumeRoleCredentials returns credentials of cfg.RoleArn, assumed with cfg.Base. It makes no
// call: the first GetCredentials does.
func NewAssumeRoleCredentials(cfg AssumeRoleConfig) (*RoleCredentials, error) {
	p, err := credentials.NewRAMRoleARNCredentialsProviderBuilder().
		WithCredentialsProvider(cfg.Base).
		WithRoleArn(cfg.RoleArn).
		WithRoleSessionName(cfg.SessionName).
		WithPolicy(cfg.Policy).
		WithExternalId(cfg.ExternalID).
		WithDurationSeconds(cfg.DurationSeconds).
		WithStsEndpoint(cfg.STSHost).
		WithHttpOptions(stsHTTPOptions).
		Build()
	return (&RoleCredentials{base: cfg.Base, action: ActionAssumeRole, roleArn: cfg.RoleArn, host: cfg.STSHost}).built(p, err)
}

// OIDCConfig configures AssumeRoleWithOIDC credentials.
type OIDCConfig struct {
	ProviderArn string
	RoleArn     string
	// TokenFile is read at each fetch (a CI system or a Kubernetes projection may rotate it);
	// Token, when set instead, is the token itself.
	TokenFile       string
	Token           string
	SessionName     string
	DurationSeconds int // 0: 3600; the SDK's provider takes 900 to 3600
	STSHost         string
}

// NewOIDCCredentials returns credentials of cfg.RoleArn, assumed with an OIDC token. It makes no
// call: the first GetCredentials does.
func NewOIDCCredentials(cfg OIDCConfig) (*RoleCredentials, error) {
	rc := &RoleCredentials{action: ActionAssumeRoleWithOIDC, roleArn: cfg.RoleArn, host: cfg.STSHost}
	path := cfg.TokenFile
	if cfg.Token != "" {
		// The SDK's provider reads the token from a file, at each fetch. The file exists only while
		// the SDK's provider runs, under the lock: the token does not stay on disk.
		rc.token = &inlineToken{path: filepath.Join(os.TempDir(), "actiontrail-oidc-"+randomHex(12)+".jwt"), token: cfg.Token}
		rc.secrets.add(cfg.Token)
		path = rc.token.path
	}
	p, err := credentials.NewOIDCCredentialsProviderBuilder().
		WithOIDCProviderARN(cfg.ProviderArn).
		WithRoleArn(cfg.RoleArn).
		WithOIDCTokenFilePath(path).
		WithRoleSessionName(cfg.SessionName).
		WithDurationSeconds(cfg.DurationSeconds).
		WithSTSEndpoint(cfg.STSHost).
		WithHttpOptions(stsHTTPOptions).
		Build()
	return rc.built(p, err)
}

// built completes rc with the SDK's provider p, or turns the error of the SDK's builder into one
// that names the role and the way it is assumed.
func (rc *RoleCredentials) built(p credentials.CredentialsProvider, err error) (*RoleCredentials, error) {
	if err != nil {
		how := ""
		if rc.action == ActionAssumeRoleWithOIDC {
			how = " with OIDC"
		}
		return nil, fmt.Errorf("assume role %s%s: %s", rc.roleArn, how, sdkMessage(err))
	}
	rc.sdk = p
	return rc, nil
}

// GetCredentials returns the cached temporary credentials, fetching new ones first when there are
// none yet or they are within 3 minutes of their expiry.
func (p *RoleCredentials) GetCredentials() (*credentials.Credentials, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.token != nil {
		if err := p.token.write(); err != nil {
			return nil, &STSError{Action: p.action, Host: p.host, RoleArn: p.roleArn,
				Cause: "cannot hand the OIDC token to the SDK through a private temporary file: " + err.Error()}
		}
		defer p.token.remove()
	}
	cc, err := p.sdk.GetCredentials()
	if err != nil {
		var se *STSError
		if errors.As(err, &se) { // the base credentials' own fetch failed
			return nil, se
		}
		return nil, stsError(p.action, p.host, p.roleArn, err, p.Redact)
	}
	p.secrets.add(cc.AccessKeySecret, cc.SecurityToken)
	return cc, nil
}

// GetProviderName is the SDK provider's name.
func (p *RoleCredentials) GetProviderName() string { return p.sdk.GetProviderName() }

// RoleArn is the role these credentials are of.
func (p *RoleCredentials) RoleArn() string { return p.roleArn }

// Redact masks every temporary secret and token handed out so far, and the OIDC token, and what
// the base credentials mask.
func (p *RoleCredentials) Redact(s string) string {
	s = p.secrets.Redact(s)
	if r, ok := p.base.(Redactor); ok {
		s = r.Redact(s)
	}
	return s
}

// inlineToken is an OIDC token the SDK reads from a file: written (mode 0600, never over an
// existing file) before each fetch and removed after it.
type inlineToken struct {
	path, token string
}

func (t *inlineToken) write() error {
	f, err := os.OpenFile(t.path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.WriteString(t.token)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(t.path)
	}
	return err
}

func (t *inlineToken) remove() { _ = os.Remove(t.path) }

// LockedCredentials serialises GetCredentials of a provider that caches without a lock (the SDK's
// CLI profile provider).
func LockedCredentials(p credentials.CredentialsProvider) credentials.CredentialsProvider {
	return &lockedCredentials{p: p}
}

type lockedCredentials struct {
	mu sync.Mutex
	p  credentials.CredentialsProvider
}

func (l *lockedCredentials) GetCredentials() (*credentials.Credentials, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.p.GetCredentials()
}

func (l *lockedCredentials) GetProviderName() string { return l.p.GetProviderName() }

// sdkMessage is the message of an SDK client error without its code prefix.
func sdkMessage(err error) string {
	var ce *sdkerrors.ClientError
	if errors.As(err, &ce) {
		return ce.Message()
	}
	return err.Error()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
