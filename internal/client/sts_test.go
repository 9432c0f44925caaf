package client

import (
	"context"
	"errors"
	"net"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator/emulatortest"
)

// The SDK's STS credential providers call STS over HTTPS only: this test process trusts the
// certificate of httptest's TLS servers.
func init() { emulatortest.TrustTLSServers() }

const (
	stsMgmt, stsMember = "1111111111111111", "2222222222222222"
	stsMgmtKey         = "sts-test-mgmt-key"
	stsMgmtSecret      = "sts-test-mgmt-secret/+="
	stsRole            = "acs:ram::" + stsMember + ":role/auditor"
)

// newRoleEmulator is a two-account emulator over HTTPS whose member has a role the management
// account may assume; it returns the emulator and its host.
func newRoleEmulator(t *testing.T) (*emulator.Server, string) {
	t.Helper()
	emu := emulator.New(emulator.Config{Accounts: &emulator.AccountsFile{
		Accounts: []emulator.AccountEntry{
			{ID: stsMgmt, AccessKeyID: stsMgmtKey, AccessKeySecret: stsMgmtSecret},
			{ID: stsMember, AccessKeyID: "sts-test-member-key", AccessKeySecret: "sts-test-member-secret"},
		},
		Roles: []emulator.RoleEntry{{Arn: stsRole, TrustedAccounts: []string{stsMgmt}}},
	}})
	srv := httptest.NewTLSServer(emu)
	t.Cleanup(srv.Close)
	return emu, strings.TrimPrefix(srv.URL, "https://")
}

func TestSTSEndpoint(t *testing.T) {
	for _, tc := range []struct {
		name, region, endpoint, host, scheme string
	}{
		{"regional", "cn-hangzhou", "", "sts.cn-hangzhou.aliyuncs.com", "HTTPS"},
		{"central in the SDK's data", "cn-wuhan", "", "sts.aliyuncs.com", "HTTPS"},
		{"an endpoint URL", "cn-hangzhou", "http://127.0.0.1:18080", "127.0.0.1:18080", "HTTP"},
		{"a VPC endpoint", "cn-hangzhou", "https://sts-vpc.cn-hangzhou.aliyuncs.com", "sts-vpc.cn-hangzhou.aliyuncs.com", "HTTPS"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			host, scheme, err := STSEndpoint(tc.region, tc.endpoint)
			if err != nil || host != tc.host || scheme != tc.scheme {
				t.Errorf("STSEndpoint(%q, %q) = %q, %q, %v", tc.region, tc.endpoint, host, scheme, err)
			}
		})
	}
	if _, _, err := STSEndpoint("cn-hangzhou", "sts.example"); err == nil {
		t.Error("an endpoint without scheme was taken")
	}
}

// TestCallerIdentity: one signed call answers who the credentials are; throttling is retried
// twice, then given up with the attempts counted; a refused signature is not retried; a closed
// port is a transport error that says the request was not sent and quotes no URL.
func TestCallerIdentity(t *testing.T) {
	c, emu := newTestClient(t, emulator.Config{AccountID: "5555666677778888"}, RetryPolicy{})
	host, scheme := c.domain, c.scheme
	id, err := c.CallerIdentity(context.Background(), host, scheme)
	if err != nil || id.AccountID != "5555666677778888" || id.IdentityType != "Account" || id.RequestID == "" {
		t.Fatalf("CallerIdentity = %+v, %v", id, err)
	}

	emu.ResetCalls()
	emu.SetFaults(emulator.Faults{Throttle: 1, Actions: []string{"GetCallerIdentity"}})
	_, err = c.CallerIdentity(context.Background(), host, scheme)
	var se *STSError
	if !errors.As(err, &se) || se.Code != "Throttling.User" || se.Attempts != 3 || emu.Calls()["GetCallerIdentity"] != 3 {
		t.Fatalf("throttled: %v (calls %v)", err, emu.Calls())
	}
	emu.SetFaults(emulator.Faults{})

	wrong, err := New(Config{Region: region, Endpoint: "http://" + host,
		Credentials: credentials.NewStaticAKCredentialsProvider(testKey, "wrong-"+testSecret), Secrets: []string{"wrong-" + testSecret}})
	if err != nil {
		t.Fatal(err)
	}
	emu.ResetCalls()
	_, err = wrong.CallerIdentity(context.Background(), host, scheme)
	if !errors.As(err, &se) || se.Code != CodeSignatureDoesNotMatch || se.Attempts != 1 || se.HTTPStatus != 400 || se.RequestID == "" {
		t.Fatalf("wrong secret: %#v", err)
	}
	if strings.Contains(se.Message, "string to sign") || strings.Contains(err.Error(), testSecret) {
		t.Errorf("the answer's echo of the string to sign or the secret is in %q", err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	_ = ln.Close()
	_, err = c.CallerIdentity(context.Background(), closed, "HTTP")
	if !errors.As(err, &se) || !se.Transport || !se.NotSent || se.Attempts != 3 || se.Host != closed {
		t.Fatalf("closed port: %#v", err)
	}
	for _, leak := range []string{"http://", "Signature", "AccessKeyId", testKey} {
		if strings.Contains(err.Error(), leak) {
			t.Errorf("%q in %q", leak, err)
		}
	}
}

// TestRoleCredentials: the SDK's AssumeRole provider behind RoleCredentials fetches once for many
// concurrent callers (race-free), its temporary secret and token are masked by the client, and a
// refused AssumeRole is an *STSError naming the role, without the request's URL.
func TestRoleCredentials(t *testing.T) {
	emu, host := newRoleEmulator(t)
	rc, err := NewAssumeRoleCredentials(AssumeRoleConfig{
		Base: credentials.NewStaticAKCredentialsProvider(stsMgmtKey, stsMgmtSecret), RoleArn: stsRole,
		SessionName: "test", STSHost: host,
	})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	got := make([]*credentials.Credentials, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cc, err := rc.GetCredentials()
			if err != nil {
				t.Error(err)
				return
			}
			got[i] = cc
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	if n := emu.Calls()["AssumeRole"]; n != 1 {
		t.Errorf("%d AssumeRole calls for 8 concurrent callers, want 1 (the SDK caches)", n)
	}
	cc := got[0]
	if !strings.HasPrefix(cc.AccessKeyId, "STS.") || cc.SecurityToken == "" {
		t.Fatalf("temporary credentials %+v", cc)
	}
	c, err := New(Config{Region: region, Endpoint: "https://" + host, Credentials: rc})
	if err != nil {
		t.Fatal(err)
	}
	id, err := c.CallerIdentity(context.Background(), host, "HTTPS")
	if err != nil || id.AccountID != stsMember || id.IdentityType != "AssumedRoleUser" {
		t.Fatalf("CallerIdentity as the role = %+v, %v", id, err)
	}
	if got := c.redact("secret " + cc.AccessKeySecret + " token " + cc.SecurityToken); strings.Contains(got, cc.AccessKeySecret) ||
		strings.Contains(got, cc.SecurityToken) {
		t.Errorf("the client does not mask the temporary credentials: %s", got)
	}

	bad, err := NewAssumeRoleCredentials(AssumeRoleConfig{
		Base: credentials.NewStaticAKCredentialsProvider(stsMgmtKey, stsMgmtSecret), RoleArn: "acs:ram::" + stsMember + ":role/nope",
		SessionName: "test", STSHost: host,
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = bad.GetCredentials()
	var se *STSError
	if !errors.As(err, &se) || se.Action != ActionAssumeRole || se.Code != "EntityNotExist.Role" || se.HTTPStatus != 404 ||
		se.RoleArn != "acs:ram::"+stsMember+":role/nope" || se.RequestID == "" {
		t.Fatalf("unknown role: %#v", err)
	}
	bad2, err := NewAssumeRoleCredentials(AssumeRoleConfig{
		Base: credentials.NewStaticAKCredentialsProvider(stsMgmtKey, stsMgmtSecret), RoleArn: stsRole, SessionName: "test",
		STSHost: "127.0.0.1:1",
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = bad2.GetCredentials()
	if !errors.As(err, &se) || !se.Transport || !se.NotSent || strings.Contains(err.Error(), "https://") ||
		strings.Contains(err.Error(), "Signature") {
		t.Fatalf("unreachable STS: %#v", err)
	}
}

// TestRoleCredentialsBuildErrors: a setting that the SDK's credential builder refuses fails at
// construction, before any call, with an error that names the role and how it is assumed.
func TestRoleCredentialsBuildErrors(t *testing.T) {
	for _, v := range []string{"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE"} {
		t.Setenv(v, "") // the SDK's builders fall back to these
	}
	base := credentials.NewStaticAKCredentialsProvider(stsMgmtKey, stsMgmtSecret)
	const provider = "acs:ram::" + stsMgmt + ":oidc-provider/ci"
	for _, tc := range []struct {
		name  string
		build func() (*RoleCredentials, error)
		want  string // "": built
	}{
		{"assume role", func() (*RoleCredentials, error) {
			return NewAssumeRoleCredentials(AssumeRoleConfig{Base: base, RoleArn: stsRole, STSHost: "127.0.0.1:1"})
		}, ""},
		{"assume role, session too short", func() (*RoleCredentials, error) {
			return NewAssumeRoleCredentials(AssumeRoleConfig{Base: base, RoleArn: stsRole, DurationSeconds: 600, STSHost: "127.0.0.1:1"})
		}, "assume role " + stsRole + ": Session duration should be in the range of 900s - max session duration"},
		{"assume role, no role", func() (*RoleCredentials, error) {
			return NewAssumeRoleCredentials(AssumeRoleConfig{Base: base, STSHost: "127.0.0.1:1"})
		}, "assume role : The RoleArn is empty"},
		{"OIDC", func() (*RoleCredentials, error) {
			return NewOIDCCredentials(OIDCConfig{ProviderArn: provider, RoleArn: stsRole, TokenFile: "/nonexistent/token", STSHost: "127.0.0.1:1"})
		}, ""},
		{"OIDC, session too long", func() (*RoleCredentials, error) {
			return NewOIDCCredentials(OIDCConfig{ProviderArn: provider, RoleArn: stsRole, TokenFile: "/nonexistent/token", DurationSeconds: 7200, STSHost: "127.0.0.1:1"})
		}, "assume role " + stsRole + " with OIDC: Assume Role session duration should be in the range of 15min - 1hr"},
		{"OIDC, no provider", func() (*RoleCredentials, error) {
			return NewOIDCCredentials(OIDCConfig{RoleArn: stsRole, TokenFile: "/nonexistent/token", STSHost: "127.0.0.1:1"})
		}, "assume role " + stsRole + " with OIDC: OIDCProviderARN can not be empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rc, err := tc.build()
			if tc.want == "" {
				if err != nil || rc == nil || rc.sdk == nil {
					t.Fatalf("got %+v, %v; want credentials with the SDK's provider", rc, err)
				}
				return
			}
			if rc != nil || err == nil || err.Error() != tc.want {
				t.Fatalf("got %+v, %v; want the error %q", rc, err, tc.want)
			}
		})
	}
}
