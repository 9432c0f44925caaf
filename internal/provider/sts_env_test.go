package provider

import (
	"bytes"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator/emulatortest"
)

// The SDK's STS credential providers (AssumeRole, AssumeRoleWithOIDC) call STS over HTTPS only,
// with a transport cloned from http.DefaultTransport: the tests of those paths serve the emulator
// with httptest.NewTLSServer, whose certificate (the same for every such server) this process
// trusts from here on, as SSL_CERT_FILE makes a built provider trust it (certFile).
var testCertPEM = emulatortest.TrustTLSServers()

// certFile writes the emulator's certificate where SSL_CERT_FILE can name it.
func certFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "emulator-ca.pem")
	writeFile(t, p, string(testCertPEM))
	return p
}

// Accounts of the multi-account emulator of the credential tests: a resource directory's
// management account and two members, each with a RAM user's key; a role in each member that the
// management account may assume, one whose trust policy also asks for an external ID, and one that
// trusts the CI's OIDC provider.
const (
	mgmtAccount    = "1111111111111111"
	memberAccount  = "2222222222222222"
	member2Account = "3333333333333333"
	outsideAccount = "4444444444444444" // not in the resource directory

	mgmtKey       = "mgmt-ak"
	mgmtSecret    = "mgmt-secret-Hq2w8e7r6t5y"
	member2Key    = "member2-ak"
	member2Secret = "member2-secret-Po9i8u7y6t"
	memberKey     = "member-ak"
	memberSecret  = "member-secret-Lk3j4h5g6f"
	outsideKey    = "outside-ak"
	outsideSecret = "outside-secret-Mn1b2v3c4x"

	auditorRole  = "acs:ram::" + memberAccount + ":role/auditor"
	auditor2Role = "acs:ram::" + member2Account + ":role/auditor"
	ciRole       = "acs:ram::" + mgmtAccount + ":role/ci-deployer"
	shortRole    = "acs:ram::" + memberAccount + ":role/short-sessions" // max session 900 s
	vendorRole   = "acs:ram::" + memberAccount + ":role/vendor"         // its trust policy asks for vendorExternalID
	ciProvider   = "acs:ram::" + mgmtAccount + ":oidc-provider/ci"
	ciIssuer     = "https://ci.example"
	ciAudience   = "sts.aliyuncs.com"

	vendorExternalID = "acme-audit:4f2a/vendor"
)

// ciKey is the CI's OIDC signing key, made once per test process.
func ciKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	return emulatortest.SigningKey(0)
}

// testAccounts is the accounts file of the credential tests.
func testAccounts(t *testing.T) *emulator.AccountsFile {
	t.Helper()
	jwks := emulatortest.JWKS("ci-1", &ciKey(t).PublicKey)
	return &emulator.AccountsFile{
		Accounts: []emulator.AccountEntry{
			{ID: mgmtAccount, AccessKeyID: mgmtKey, AccessKeySecret: mgmtSecret},
			{ID: memberAccount, AccessKeyID: memberKey, AccessKeySecret: memberSecret},
			{ID: member2Account, AccessKeyID: member2Key, AccessKeySecret: member2Secret},
			{ID: outsideAccount, AccessKeyID: outsideKey, AccessKeySecret: outsideSecret},
		},
		Roles: []emulator.RoleEntry{
			{Arn: auditorRole, TrustedAccounts: []string{mgmtAccount}},
			{Arn: auditor2Role, TrustedAccounts: []string{mgmtAccount}},
			{Arn: ciRole, TrustedOIDCProviders: []string{ciProvider}},
			{Arn: shortRole, TrustedAccounts: []string{mgmtAccount}, MaxSessionDuration: 900},
			{Arn: vendorRole, TrustedAccounts: []string{mgmtAccount}, ExternalID: vendorExternalID},
		},
		OIDCProviders: []emulator.OIDCProviderEntry{
			{Arn: ciProvider, Issuer: ciIssuer, Audiences: []string{ciAudience}, JWKS: jwks},
		},
		ResourceDirectory: &emulator.ResourceDirectory{ManagementAccount: mgmtAccount, Members: []string{memberAccount, member2Account}},
	}
}

// ciToken is an OIDC token of the CI, signed with its key, valid for an hour from issued.
func ciToken(t *testing.T, issued time.Time, claims map[string]any) string {
	t.Helper()
	c := map[string]any{"iss": ciIssuer, "sub": "repo:acme/audit:ref:refs/heads/main", "aud": ciAudience,
		"iat": issued.Unix(), "exp": issued.Add(time.Hour).Unix()}
	for k, v := range claims {
		c[k] = v
	}
	return emulatortest.SignJWT(t, ciKey(t), map[string]any{"alg": "RS256", "kid": "ci-1", "typ": "JWT"}, c)
}

// tokenFile writes an OIDC token to a file of the test.
func tokenFile(t *testing.T, token string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "oidc-token")
	if err := os.WriteFile(p, []byte(token), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// testClock is an emulator clock that tests move.
type testClock struct{ offset atomic.Int64 }

func (c *testClock) now() time.Time           { return time.Now().Add(time.Duration(c.offset.Load())) }
func (c *testClock) set(offset time.Duration) { c.offset.Store(int64(offset)) }

// stsEnv is a multi-account emulator over HTTPS.
type stsEnv struct {
	emu   *emulator.Server
	url   string // https://127.0.0.1:PORT
	clock *testClock

	mu     sync.Mutex
	issued []string // the secrets and tokens of the temporary credentials the emulator issued

	// answered, if set (onAnswered), runs after the emulator has handled a request and before its
	// answer is sent: whatever it changes (the clock) is in place before the client can send another.
	answered func()
}

// onAnswered sets the function run after every request the emulator handled (see answered).
func (e *stsEnv) onAnswered(f func()) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.answered = f
}

// newSTSEnv starts the multi-account emulator of the credential tests over HTTPS, on its own
// clock (cfg.Now, when set, replaces it). cfg tunes it; accounts and buckets are filled in.
func newSTSEnv(t *testing.T, cfg emulator.Config) *stsEnv {
	t.Helper()
	e := &stsEnv{clock: &testClock{}}
	cfg.Accounts = testAccounts(t)
	if cfg.Now == nil {
		cfg.Now = e.clock.now
	}
	b := newTestBackend(t, cfg, withTLS(), withHandler(func(emu *emulator.Server) http.Handler {
		e.emu = emu
		return http.HandlerFunc(e.serve)
	}))
	e.url = b.url
	return e
}

// serve passes requests to the emulator and notes the temporary credentials it issues, so that
// tests can look for them where they must not be.
func (e *stsEnv) serve(w http.ResponseWriter, r *http.Request) {
	rec := httptest.NewRecorder()
	e.emu.ServeHTTP(rec, r)
	e.mu.Lock()
	answered := e.answered
	e.mu.Unlock()
	if answered != nil {
		answered()
	}
	body := rec.Body.Bytes()
	if bytes.Contains(body, []byte(`"SecurityToken"`)) {
		var answer struct {
			Credentials struct{ AccessKeySecret, SecurityToken string }
		}
		if json.Unmarshal(body, &answer) == nil && answer.Credentials.SecurityToken != "" {
			e.mu.Lock()
			e.issued = append(e.issued, answer.Credentials.AccessKeySecret, answer.Credentials.SecurityToken)
			e.mu.Unlock()
		}
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(body)
}

// issuedSecrets are the secrets and tokens of every temporary credential issued so far.
func (e *stsEnv) issuedSecrets() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.issued...)
}

// providerBlock is a provider block for this emulator, with the given extra settings.
func (e *stsEnv) providerBlock(alias, extra string) string {
	a := ""
	if alias != "" {
		a = fmt.Sprintf("  alias    = %q\n", alias)
	}
	return fmt.Sprintf("provider \"actiontrail\" {\n%s  region   = %q\n  endpoint = %q\n%s}\n", a, testRegion, e.url, extra)
}

// keys are provider settings for an account's RAM user's key.
func keys(id, secret string) string {
	return fmt.Sprintf("  access_key = %q\n  secret_key = %q\n", id, secret)
}
