package emulator

import (
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator/emulatortest"
)

const (
	mgmtAccount   = "1111111111111111"
	memberAccount = "2222222222222222"
	otherAccount  = "3333333333333333"
	mgmtKey       = "mgmt-key-id"
	mgmtSecret    = "mgmt-key-secret"
	memberKey     = "member-key-id"
	memberSecret  = "member-key-secret"
	otherKey      = "other-key-id"
	otherSecret   = "other-key-secret"
	auditorRole   = "acs:ram::" + memberAccount + ":role/auditor"
	lockedRole    = "acs:ram::" + otherAccount + ":role/locked"
	vendorRole    = "acs:ram::" + memberAccount + ":role/vendor" // its trust policy asks for vendorExtID
	vendorExtID   = "vendor-4f2a:acme/audit"
	ciProvider    = "acs:ram::" + mgmtAccount + ":oidc-provider/ci"
	ciIssuer      = "https://ci.example"
	ciAudience    = "sts.aliyuncs.com"
)

// testKeys are RSA keys for OIDC tokens, made once: the provider's and a stranger's.
func testKeys() [2]*rsa.PrivateKey {
	return [2]*rsa.PrivateKey{emulatortest.SigningKey(0), emulatortest.SigningKey(1)}
}

// testAccounts: a management account, a member whose auditor role it (and CI through OIDC) may assume,
// and an account outside the resource directory.
func testAccounts() *AccountsFile {
	return &AccountsFile{
		Accounts: []AccountEntry{
			{ID: mgmtAccount, AccessKeyID: mgmtKey, AccessKeySecret: mgmtSecret},
			{ID: memberAccount, AccessKeyID: memberKey, AccessKeySecret: memberSecret, User: "ops"},
			{ID: otherAccount, AccessKeyID: otherKey, AccessKeySecret: otherSecret},
		},
		Roles: []RoleEntry{
			{Arn: auditorRole, TrustedAccounts: []string{mgmtAccount}, TrustedOIDCProviders: []string{ciProvider}, MaxSessionDuration: 43200},
			{Arn: lockedRole, TrustedAccounts: []string{otherAccount}},
			{Arn: vendorRole, TrustedAccounts: []string{mgmtAccount}, ExternalID: vendorExtID},
		},
		OIDCProviders: []OIDCProviderEntry{{Arn: ciProvider, Issuer: ciIssuer, Audiences: []string{ciAudience},
			JWKS: emulatortest.JWKS("ci-key", &testKeys()[0].PublicKey)}},
		ResourceDirectory: &ResourceDirectory{ManagementAccount: mgmtAccount, Members: []string{memberAccount}},
	}
}

func multiConfig(clock *fakeClock) Config {
	cfg := maxComputeConfig()
	cfg.Accounts = testAccounts()
	cfg.Now = clock.Now
	return cfg
}

// signedAs are V1 parameters signed with a key (and token) at the emulator's clock, so that a test
// can move the clock past a token's expiry without the Timestamp going stale.
func signedAs(clock *fakeClock, id, secret, token string, p map[string]string) map[string]string {
	full := with(p, "AccessKeyId", id, "Timestamp", clock.Now().UTC().Format(timestampLayout), "SignatureNonce", randomString(16))
	if token != "" {
		full["SecurityToken"] = token
	}
	return signedParams(full, http.MethodPost, secret)
}

func callAs(t *testing.T, ts *httptest.Server, clock *fakeClock, id, secret, token string, p map[string]string) (int, map[string]any) {
	t.Helper()
	status, body := do(t, rawRequest(t, ts, http.MethodPost, signedAs(clock, id, secret, token, p)))
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("%d %s", status, body)
	}
	return status, m
}

func TestLoadAccounts(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, v any) string {
		t.Helper()
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	if err := os.WriteFile(filepath.Join(dir, "ci-jwks.json"), emulatortest.JWKS("ci-key", &testKeys()[0].PublicKey), 0o600); err != nil {
		t.Fatal(err)
	}
	valid := testAccounts()
	valid.OIDCProviders[0].JWKS, valid.OIDCProviders[0].JWKSFile = nil, "ci-jwks.json"
	f, err := LoadAccounts(write("accounts.json", valid))
	if err != nil {
		t.Fatalf("LoadAccounts: %v", err)
	}
	if len(f.OIDCProviders[0].JWKS) == 0 || len(f.Accounts) != 3 {
		t.Errorf("loaded %+v", f)
	}
	s := New(Config{Accounts: f})
	if ids := s.AccountIDs(); strings.Join(ids, ",") != mgmtAccount+","+memberAccount+","+otherAccount {
		t.Errorf("AccountIDs = %v (the management account first)", ids)
	}

	for _, tt := range []struct {
		name string
		mod  func(*AccountsFile)
		want string
	}{
		{"no accounts", func(f *AccountsFile) { f.Accounts = nil }, "no accounts"},
		{"bad account ID", func(f *AccountsFile) { f.Accounts[0].ID = "12" }, "16 digits"},
		{"same account twice", func(f *AccountsFile) { f.Accounts[1].ID = mgmtAccount }, "twice"},
		{"same key twice", func(f *AccountsFile) { f.Accounts[1].AccessKeyID = mgmtKey }, "used twice"},
		{"no secret", func(f *AccountsFile) { f.Accounts[1].AccessKeySecret = "" }, "required"},
		{"an STS key", func(f *AccountsFile) { f.Accounts[1].AccessKeyID = "STS.x" }, "temporary"},
		{"bad role ARN", func(f *AccountsFile) { f.Roles[0].Arn = "role/x" }, "expected acs:ram"},
		{"role of an unknown account", func(f *AccountsFile) { f.Roles[0].Arn = "acs:ram::9999999999999999:role/x" }, "not in the file"},
		{"same role twice, in other case", func(f *AccountsFile) { f.Roles[1].Arn = strings.Replace(auditorRole, "auditor", "Auditor", 1) }, "appears twice"},
		{"bad provider ARN", func(f *AccountsFile) { f.OIDCProviders[0].Arn = "oidc-provider/x" }, "expected acs:ram::<account>:oidc-provider/<name>"},
		{"provider of an unknown account", func(f *AccountsFile) {
			f.OIDCProviders[0].Arn = "acs:ram::9999999999999999:oidc-provider/ci"
		}, "account 9999999999999999 is not in the file"},
		{"same provider twice", func(f *AccountsFile) { f.OIDCProviders = append(f.OIDCProviders, f.OIDCProviders[0]) }, "appears twice"},
		{"role trusts an unknown account", func(f *AccountsFile) { f.Roles[0].TrustedAccounts = []string{"9999999999999999"} }, "trusts account"},
		{"role trusts an unknown provider", func(f *AccountsFile) {
			f.Roles[0].TrustedOIDCProviders = []string{"acs:ram::1111111111111111:oidc-provider/x"}
		}, "trusts oidc"},
		{"bad max session", func(f *AccountsFile) { f.Roles[0].MaxSessionDuration = 60 }, "max_session_duration"},
		{"external_id with a space", func(f *AccountsFile) { f.Roles[2].ExternalID = "vendor id" }, "external_id"},
		{"external_id of one character", func(f *AccountsFile) { f.Roles[2].ExternalID = "v" }, "external_id"},
		{"provider without JWKS", func(f *AccountsFile) { f.OIDCProviders[0].JWKS = nil }, "no JWKS"},
		{"provider without audiences", func(f *AccountsFile) { f.OIDCProviders[0].Audiences = nil }, "audiences"},
		{"JWKS without RSA keys", func(f *AccountsFile) { f.OIDCProviders[0].JWKS = json.RawMessage(`{"keys":[{"kty":"EC"}]}`) }, "no RSA"},
		{"unknown management account", func(f *AccountsFile) { f.ResourceDirectory.ManagementAccount = "9999999999999999" }, "management account"},
		{"management account as member", func(f *AccountsFile) { f.ResourceDirectory.Members = []string{mgmtAccount} }, "member"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := testAccounts()
			tt.mod(f)
			if err := f.Validate(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate = %v, want %q", err, tt.want)
			}
			if _, err := LoadAccounts(write(strings.ReplaceAll(tt.name, " ", "-")+".json", f)); err == nil {
				t.Error("LoadAccounts accepted it")
			}
		})
	}
	t.Run("unknown field", func(t *testing.T) {
		path := filepath.Join(dir, "typo.json")
		if err := os.WriteFile(path, []byte(`{"acounts":[]}`), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadAccounts(path); err == nil || !strings.Contains(err.Error(), "acounts") {
			t.Errorf("LoadAccounts = %v", err)
		}
	})
	t.Run("missing JWKS file", func(t *testing.T) {
		f := testAccounts()
		f.OIDCProviders[0].JWKS, f.OIDCProviders[0].JWKSFile = nil, "nowhere.json"
		if _, err := LoadAccounts(write("nowhere-jwks.json", f)); err == nil || !strings.Contains(err.Error(), "nowhere.json") {
			t.Errorf("LoadAccounts = %v", err)
		}
	})
	t.Run("New panics on an invalid file", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Error("no panic")
			}
		}()
		New(Config{Accounts: &AccountsFile{}})
	})
}

// TestAssumeRole: a RAM user of the management account assumes a role of the member account; the
// temporary credentials act as the member account until they expire.
func TestAssumeRole(t *testing.T) {
	clock := newFakeClock()
	s, ts := startServer(t, multiConfig(clock))

	// The v1 SDK's STS client.
	c, err := sts.NewClientWithAccessKey(testRegion, mgmtKey, mgmtSecret)
	if err != nil {
		t.Fatal(err)
	}
	req := sts.CreateAssumeRoleRequest()
	req.Domain, req.Scheme = hostOf(ts), requests.HTTP
	req.RoleArn, req.RoleSessionName = auditorRole, "terraform-org"
	resp, err := c.AssumeRole(req)
	if err != nil {
		t.Fatalf("AssumeRole: %v", err)
	}
	cr := resp.Credentials
	if !strings.HasPrefix(cr.AccessKeyId, "STS.") || cr.AccessKeySecret == "" || cr.SecurityToken == "" ||
		cr.Expiration != clock.Now().Add(time.Hour).UTC().Format(timestampLayout) {
		t.Errorf("Credentials: %+v", cr)
	}
	if resp.AssumedRoleUser.Arn != "acs:ram::"+memberAccount+":role/auditor/terraform-org" ||
		!strings.HasSuffix(resp.AssumedRoleUser.AssumedRoleId, ":terraform-org") {
		t.Errorf("AssumedRoleUser: %+v", resp.AssumedRoleUser)
	}

	// The Tea client (V3) assumes it too.
	v3, err := newOpenAPIClient(t, ts, openAPIOptions{id: mgmtKey, secret: mgmtSecret}).call(STSVersion, "AssumeRole", http.MethodPost,
		map[string]string{"RoleArn": auditorRole, "RoleSessionName": "v3-session", "DurationSeconds": "900"}, nil)
	if v3creds, _ := v3["Credentials"].(map[string]any); err != nil || !strings.HasPrefix(str(v3creds, "AccessKeyId"), "STS.") ||
		str(v3creds, "Expiration") != clock.Now().Add(15*time.Minute).UTC().Format(timestampLayout) {
		t.Errorf("AssumeRole (V3): %v %v", v3, err)
	}

	// Who they are, with the v1 SDK and the Tea client (V3).
	idReq := sts.CreateGetCallerIdentityRequest()
	idReq.Domain, idReq.Scheme = hostOf(ts), requests.HTTP
	tc, err := sts.NewClientWithStsToken(testRegion, cr.AccessKeyId, cr.AccessKeySecret, cr.SecurityToken)
	if err != nil {
		t.Fatal(err)
	}
	who, err := tc.GetCallerIdentity(idReq)
	if err != nil {
		t.Fatal(err)
	}
	if who.AccountId != memberAccount || who.IdentityType != "AssumedRoleUser" ||
		who.Arn != "acs:ram::"+memberAccount+":assumed-role/auditor/terraform-org" {
		t.Errorf("GetCallerIdentity: %+v", who)
	}
	oc := newOpenAPIClient(t, ts, openAPIOptions{id: cr.AccessKeyId, secret: cr.AccessKeySecret, token: cr.SecurityToken})
	body, err := oc.call(STSVersion, "GetCallerIdentity", http.MethodPost, nil, nil)
	if err != nil || str(body, "AccountId") != memberAccount {
		t.Errorf("GetCallerIdentity (V3): %v %v", body, err)
	}
	// The RAM user itself.
	body, err = newOpenAPIClient(t, ts, openAPIOptions{id: memberKey, secret: memberSecret}).call(STSVersion, "GetCallerIdentity", http.MethodPost, nil, nil)
	if err != nil || str(body, "IdentityType") != "RAMUser" || str(body, "Arn") != "acs:ram::"+memberAccount+":user/ops" {
		t.Errorf("GetCallerIdentity of a RAM user: %v %v", body, err)
	}

	// ActionTrail calls with them act as the member account.
	if _, err := oc.at("CreateTrail", map[string]string{"Name": "member-trail", "OssBucketName": testBucket}); err != nil {
		t.Fatalf("CreateTrail as the role: %v", err)
	}
	if _, ok := s.GetAccountTrail(memberAccount, "", "member-trail"); !ok {
		t.Errorf("not in the member account: %v", s.AccountTrails(memberAccount))
	}
	if len(s.Trails()) != 0 {
		t.Errorf("the default (management) account got it: %v", s.Trails())
	}
	list, err := oc.at("DescribeTrails", nil)
	if err != nil {
		t.Fatal(err)
	}
	if l := trailList(t, list); len(l) != 1 || str(l[0], "TrailArn") != "acs:actiontrail:"+DefaultRegion+":"+memberAccount+":trail/member-trail" {
		t.Errorf("DescribeTrails as the role: %v", l)
	}
	// Quotas are per account: five more in the same region of the management account.
	mc := newOpenAPIClient(t, ts, openAPIOptions{id: mgmtKey, secret: mgmtSecret})
	for _, n := range []string{"mgmt-trail-1", "mgmt-trail-2", "mgmt-trail-3", "mgmt-trail-4", "mgmt-trail-5"} {
		if _, err := mc.at("CreateTrail", map[string]string{"Name": n, "OssBucketName": testBucket}); err != nil {
			t.Fatalf("CreateTrail %s in the management account: %v", n, err)
		}
	}
	if l, _ := mc.at("DescribeTrails", nil); len(trailList(t, l)) != 5 {
		t.Errorf("the management account sees %v", l)
	}
	_, body2 := get(t, ts, "/_emulator/trails")
	if !strings.Contains(body2, `"AccountId":"`+memberAccount+`","Name":"member-trail"`) {
		t.Errorf("admin trails: %s", body2)
	}

	// Expiry on the emulator's clock (the requests are signed at that clock).
	p := map[string]string{"Action": "DescribeTrails"}
	if status, m := callAs(t, ts, clock, cr.AccessKeyId, cr.AccessKeySecret, cr.SecurityToken, p); status != http.StatusOK {
		t.Fatalf("before expiry: %d %v", status, m)
	}
	clock.Advance(time.Hour)
	status, m := callAs(t, ts, clock, cr.AccessKeyId, cr.AccessKeySecret, cr.SecurityToken, p)
	if status != http.StatusBadRequest || m["Code"] != "InvalidSecurityToken.Expired" {
		t.Errorf("after expiry: %d %v", status, m)
	}
	status, m = callAs(t, ts, clock, cr.AccessKeyId, cr.AccessKeySecret, "", p)
	if status != http.StatusBadRequest || m["Code"] != "MissingSecurityToken" {
		t.Errorf("without the token: %d %v", status, m)
	}
	status, m = callAs(t, ts, clock, cr.AccessKeyId, cr.AccessKeySecret, "forged", p)
	if status != http.StatusBadRequest || m["Code"] != "InvalidSecurityToken.MismatchWithAccessKey" {
		t.Errorf("with another token: %d %v", status, m)
	}
}

func TestAssumeRoleErrors(t *testing.T) {
	clock := newFakeClock()
	_, ts := startServer(t, multiConfig(clock))
	_, single := startServer(t, Config{})
	tests := []struct {
		name       string
		ts         *httptest.Server
		id, secret string
		params     map[string]string
		code       string
		status     int
	}{
		{"no RoleArn", ts, mgmtKey, mgmtSecret, map[string]string{"RoleSessionName": "s1"}, "MissingRoleArn", http.StatusBadRequest},
		{"no session name", ts, mgmtKey, mgmtSecret, map[string]string{"RoleArn": auditorRole}, "MissingRoleSessionName", http.StatusBadRequest},
		{"malformed RoleArn", ts, mgmtKey, mgmtSecret, map[string]string{"RoleArn": "auditor", "RoleSessionName": "s1"}, "InvalidParameter.RoleArn", http.StatusBadRequest},
		{"bad session name", ts, mgmtKey, mgmtSecret, map[string]string{"RoleArn": auditorRole, "RoleSessionName": "a b"}, "InvalidParameter.RoleSessionName", http.StatusBadRequest},
		{"short duration", ts, mgmtKey, mgmtSecret, map[string]string{"RoleArn": auditorRole, "RoleSessionName": "s1", "DurationSeconds": "60"},
			"InvalidParameter.DurationSeconds", http.StatusBadRequest},
		{"duration over the role's maximum", ts, otherKey, otherSecret, map[string]string{"RoleArn": lockedRole, "RoleSessionName": "s1", "DurationSeconds": "3601"},
			"InvalidParameter.DurationSeconds", http.StatusBadRequest},
		{"no such role", ts, mgmtKey, mgmtSecret, map[string]string{"RoleArn": "acs:ram::" + memberAccount + ":role/nobody", "RoleSessionName": "s1"},
			"EntityNotExist.Role", http.StatusNotFound},
		{"not trusted", ts, memberKey, memberSecret, map[string]string{"RoleArn": lockedRole, "RoleSessionName": "s1"}, "NoPermission", http.StatusForbidden},
		{"root key", single, DefaultAccessKeyID, DefaultAccessKeySecret, map[string]string{"RoleArn": auditorRole, "RoleSessionName": "s1"},
			"EntityNotExist.Role", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := with(tt.params, "Action", "AssumeRole", "Version", STSVersion)
			status, m := callAs(t, tt.ts, clock, tt.id, tt.secret, "", p)
			if status != tt.status || m["Code"] != tt.code {
				t.Errorf("%d %v; want %d %s", status, m, tt.status, tt.code)
			}
		})
	}
	// Longest session the role allows.
	status, m := callAs(t, ts, clock, mgmtKey, mgmtSecret, "", map[string]string{"Action": "AssumeRole", "Version": STSVersion,
		"RoleArn": auditorRole, "RoleSessionName": "long.session@ci", "DurationSeconds": "43200"})
	if creds, _ := m["Credentials"].(map[string]any); status != http.StatusOK || creds["Expiration"] != clock.Now().Add(12*time.Hour).UTC().Format(timestampLayout) {
		t.Errorf("12 h session: %d %v", status, m)
	}
}

// TestAssumeRoleRootRefused: an account's own (root) key may not assume roles.
func TestAssumeRoleRootRefused(t *testing.T) {
	clock := newFakeClock()
	f := testAccounts()
	f.Roles = append(f.Roles, RoleEntry{Arn: "acs:ram::" + mgmtAccount + ":role/self", TrustedAccounts: []string{mgmtAccount}})
	cfg := multiConfig(clock)
	cfg.Accounts = f
	s := New(cfg)
	s.keys["root-key"] = &credential{accessKeyID: "root-key", secret: "root-secret", principal: rootPrincipal(mgmtAccount)}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	status, m := callAs(t, ts, clock, "root-key", "root-secret", "", map[string]string{"Action": "AssumeRole", "Version": STSVersion,
		"RoleArn": "acs:ram::" + mgmtAccount + ":role/self", "RoleSessionName": "s1"})
	if msg, _ := m["Message"].(string); status != http.StatusForbidden || m["Code"] != "NoPermission" || !strings.Contains(msg, "root") {
		t.Errorf("%d %v", status, m)
	}
}

// TestAssumeRoleWithOIDC: an unsigned request with a token of a trusted provider gets credentials of
// the role; each failure of the token has its documented code.
func TestAssumeRoleWithOIDC(t *testing.T) {
	clock := newFakeClock()
	s, ts := startServer(t, multiConfig(clock))
	keys := testKeys()
	now := clock.Now().Unix()
	claims := func(kv ...any) map[string]any {
		c := map[string]any{"iss": ciIssuer, "sub": "repo:org/infra", "aud": ciAudience, "exp": now + 600, "iat": now}
		for i := 0; i+1 < len(kv); i += 2 {
			k, _ := kv[i].(string)
			if kv[i+1] == nil {
				delete(c, k)
			} else {
				c[k] = kv[i+1]
			}
		}
		return c
	}
	rs256 := map[string]any{"alg": "RS256", "kid": "ci-key", "typ": "JWT"}
	good := emulatortest.SignJWT(t, keys[0], rs256, claims())

	// The Tea client, anonymous (as the official STS SDK sends it).
	oc := newOpenAPIClient(t, ts, openAPIOptions{anonymous: true, id: "unused", secret: "unused"})
	body, err := oc.call(STSVersion, "AssumeRoleWithOIDC", http.MethodPost, map[string]string{
		"OIDCProviderArn": ciProvider, "RoleArn": auditorRole, "OIDCToken": good, "RoleSessionName": "ci-run-42",
	}, nil)
	if err != nil {
		t.Fatalf("AssumeRoleWithOIDC: %v", err)
	}
	creds, _ := body["Credentials"].(map[string]any)
	info, _ := body["OIDCTokenInfo"].(map[string]any)
	if !strings.HasPrefix(str(creds, "AccessKeyId"), "STS.") || str(info, "Subject") != "repo:org/infra" || str(info, "ClientIds") != ciAudience {
		t.Fatalf("answer: %v", body)
	}
	rc := newOpenAPIClient(t, ts, openAPIOptions{id: str(creds, "AccessKeyId"), secret: str(creds, "AccessKeySecret"), token: str(creds, "SecurityToken")})
	if _, err := rc.at("CreateTrail", map[string]string{"Name": "ci-trail", "OssBucketName": testBucket}); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.GetAccountTrail(memberAccount, "", "ci-trail"); !ok {
		t.Error("the OIDC session did not act as the role's account")
	}

	// The credentials-go shape: query Action/Version/Format/Timestamp, the rest in a form body, no
	// signature at all.
	form := "OIDCProviderArn=" + ciProvider + "&RoleArn=" + auditorRole + "&OIDCToken=" + good + "&RoleSessionName=ci&DurationSeconds=900"
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/?Action=AssumeRoleWithOIDC&Version="+STSVersion+"&Format=JSON&Timestamp=x", strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if status, body := do(t, req); status != http.StatusOK || !strings.Contains(body, `"AccessKeyId":"STS.`) {
		t.Errorf("form request: %d %s", status, body)
	}

	tests := []struct {
		name   string
		params map[string]string
		code   string
		status int
	}{
		{"expired", map[string]string{"OIDCToken": emulatortest.SignJWT(t, keys[0], rs256, claims("exp", now))}, "AuthenticationFail.OIDCToken.Expired", http.StatusUnauthorized},
		{"no exp", map[string]string{"OIDCToken": emulatortest.SignJWT(t, keys[0], rs256, claims("exp", nil))}, "AuthenticationFail.OIDCToken.Invalid", http.StatusUnauthorized},
		{"not yet valid", map[string]string{"OIDCToken": emulatortest.SignJWT(t, keys[0], rs256, claims("nbf", now+300))}, "AuthenticationFail.OIDCToken.Invalid", http.StatusUnauthorized},
		{"other issuer", map[string]string{"OIDCToken": emulatortest.SignJWT(t, keys[0], rs256, claims("iss", "https://evil.example"))}, "AuthenticationFail.OIDCToken.IssuerNotMatch", http.StatusUnauthorized},
		{"other audience", map[string]string{"OIDCToken": emulatortest.SignJWT(t, keys[0], rs256, claims("aud", "someone"))}, "AuthenticationFail.OIDCToken.AudienceNotMatch", http.StatusUnauthorized},
		{"audience list", map[string]string{"OIDCToken": emulatortest.SignJWT(t, keys[0], rs256, claims("aud", []string{"x", ciAudience}))}, "", http.StatusOK},
		{"no kid", map[string]string{"OIDCToken": emulatortest.SignJWT(t, keys[0], map[string]any{"alg": "RS256"}, claims())}, "", http.StatusOK},
		{"signed by a stranger", map[string]string{"OIDCToken": emulatortest.SignJWT(t, keys[1], rs256, claims())}, "AuthenticationFail.OIDCToken.InvalidSignature", http.StatusUnauthorized},
		{"tampered claims", map[string]string{"OIDCToken": tamper(good)}, "AuthenticationFail.OIDCToken.InvalidSignature", http.StatusUnauthorized},
		{"HS256", map[string]string{"OIDCToken": emulatortest.SignJWT(t, keys[0], map[string]any{"alg": "HS256"}, claims())}, "AuthenticationFail.OIDCToken.Invalid", http.StatusUnauthorized},
		{"two parts", map[string]string{"OIDCToken": "abc.def"}, "AuthenticationFail.OIDCToken.Invalid", http.StatusUnauthorized},
		{"not base64", map[string]string{"OIDCToken": "a*b.c*d.e*f"}, "AuthenticationFail.OIDCToken.Invalid", http.StatusUnauthorized},
		{"empty token", map[string]string{"OIDCToken": ""}, "AuthenticationFail.OIDCToken.Invalid", http.StatusUnauthorized},
		{"unknown provider", map[string]string{"OIDCProviderArn": "acs:ram::" + mgmtAccount + ":oidc-provider/other"}, "AuthenticationFail.NoPermission", http.StatusUnauthorized},
		{"role does not trust the provider", map[string]string{"RoleArn": lockedRole}, "AuthenticationFail.NoPermission", http.StatusUnauthorized},
		{"no such role", map[string]string{"RoleArn": "acs:ram::" + memberAccount + ":role/nobody"}, "EntityNotExist.Role", http.StatusNotFound},
		{"no provider", map[string]string{"OIDCProviderArn": ""}, "MissingOIDCProviderArn", http.StatusBadRequest},
		{"no session name", map[string]string{"RoleSessionName": ""}, "MissingRoleSessionName", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := map[string]string{"OIDCProviderArn": ciProvider, "RoleArn": auditorRole, "OIDCToken": good, "RoleSessionName": "ci"}
			for k, v := range tt.params {
				q[k] = v
			}
			_, err := oc.call(STSVersion, "AssumeRoleWithOIDC", http.MethodPost, q, nil)
			if tt.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			_ = teaError(t, err, tt.code, tt.status)
		})
	}
}

// tamper changes the claims of a token and keeps its signature.
func tamper(token string) string {
	parts := strings.Split(token, ".")
	raw, _ := base64.RawURLEncoding.DecodeString(parts[1])
	raw = []byte(strings.Replace(string(raw), "repo:org/infra", "repo:org/evil", 1))
	return parts[0] + "." + base64.RawURLEncoding.EncodeToString(raw) + "." + parts[2]
}

// TestOrganizationTrailsMultiAccount: only the management account creates organization trails; a
// member lists them with IncludeOrganizationTrail, and cannot change them.
func TestOrganizationTrailsMultiAccount(t *testing.T) {
	clock := newFakeClock()
	s, ts := startServer(t, multiConfig(clock))
	mgmt := newOpenAPIClient(t, ts, openAPIOptions{id: mgmtKey, secret: mgmtSecret})
	member := newOpenAPIClient(t, ts, openAPIOptions{id: memberKey, secret: memberSecret})
	other := newOpenAPIClient(t, ts, openAPIOptions{id: otherKey, secret: otherSecret})

	if _, err := mgmt.at("CreateTrail", map[string]string{"Name": "org-trail", "OssBucketName": testBucket, "IsOrganizationTrail": "true",
		"RegionId": "cn-shanghai"}); err != nil {
		t.Fatalf("organization trail from the management account: %v", err)
	}
	if _, err := mgmt.at("CreateTrail", map[string]string{"Name": "mgmt-only", "OssBucketName": testBucket, "RegionId": "cn-shanghai"}); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]*openAPIClient{"member": member, "outsider": other} {
		_, err := c.at("CreateTrail", map[string]string{"Name": "org-trail-2", "OssBucketName": testBucket, "IsOrganizationTrail": "true"})
		_ = teaError(t, err, "NotAllowCreateOrganizationTrail", http.StatusBadRequest)
		if n := len(s.AccountTrails(map[string]string{"member": memberAccount, "outsider": otherAccount}[name])); n != 0 {
			t.Errorf("%s: %d trails after a refused CreateTrail", name, n)
		}
	}
	if _, err := member.at("CreateTrail", map[string]string{"Name": "member-own", "SlsProjectArn": testProjectArn, "RegionId": "cn-shanghai"}); err != nil {
		t.Fatal(err)
	}

	names := func(c *openAPIClient, q map[string]string) []string {
		t.Helper()
		body, err := c.at("DescribeTrails", q)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, tr := range trailList(t, body) {
			out = append(out, str(tr, "Name")+"@"+str(tr, "Region")+"/"+str(tr, "HomeRegion")+"/"+strings.TrimPrefix(str(tr, "TrailArn"), "acs:actiontrail:"))
		}
		return out
	}
	sh := map[string]string{"RegionId": "cn-shanghai"}
	if got := names(member, sh); strings.Join(got, " ") != "member-own@cn-shanghai/cn-shanghai/cn-shanghai:"+memberAccount+":trail/member-own" {
		t.Errorf("member, without IncludeOrganizationTrail: %v", got)
	}
	want := "member-own@cn-shanghai/cn-shanghai/cn-shanghai:" + memberAccount + ":trail/member-own " +
		"org-trail@cn-shanghai/cn-shanghai/cn-shanghai:" + mgmtAccount + ":trail/org-trail"
	if got := names(member, with(sh, "IncludeOrganizationTrail", "true")); strings.Join(got, " ") != want {
		t.Errorf("member, with IncludeOrganizationTrail:\n got %v\nwant %s", got, want)
	}
	body, _ := member.at("DescribeTrails", with(sh, "IncludeOrganizationTrail", "true", "NameList", "org-trail"))
	if l := trailList(t, body); len(l) != 1 || l[0]["IsOrganizationTrail"] != true || str(l[0], "OrganizationId") != "rd-"+mgmtAccount {
		t.Errorf("the organization trail as the member sees it: %v", l)
	}
	// In another region, as a shadow, only with IncludeShadowTrails.
	bj := map[string]string{"RegionId": "cn-beijing", "IncludeOrganizationTrail": "true"}
	if got := names(member, bj); len(got) != 0 {
		t.Errorf("member in cn-beijing: %v", got)
	}
	if got := names(member, with(bj, "IncludeShadowTrails", "true")); strings.Join(got, " ") !=
		"member-own@cn-beijing/cn-shanghai/cn-shanghai:"+memberAccount+":trail/member-own "+
			"org-trail@cn-beijing/cn-shanghai/cn-shanghai:"+mgmtAccount+":trail/org-trail" {
		t.Errorf("member in cn-beijing with shadows: %v", got)
	}
	// An account outside the resource directory does not see it; the management account sees its own.
	if got := names(other, with(sh, "IncludeOrganizationTrail", "true")); len(got) != 0 {
		t.Errorf("outsider: %v", got)
	}
	if got := names(mgmt, sh); len(got) != 2 {
		t.Errorf("management account: %v", got)
	}

	// The member reads its status, but cannot change or delete it.
	if st, err := member.at("GetTrailStatus", map[string]string{"Name": "org-trail", "RegionId": "cn-shanghai", "IsOrganizationTrail": "true"}); err != nil {
		t.Errorf("GetTrailStatus of the organization trail from a member: %v", err)
	} else if st["IsLogging"] != false {
		t.Errorf("status: %v", st)
	}
	_, err := member.at("GetTrailStatus", map[string]string{"Name": "mgmt-only", "RegionId": "cn-shanghai", "IsOrganizationTrail": "true"})
	_ = teaError(t, err, "TrailNotFoundException", http.StatusNotFound)
	for _, action := range []string{"DeleteTrail", "StartLogging", "UpdateTrail"} {
		_, err := member.at(action, map[string]string{"Name": "org-trail", "RegionId": "cn-shanghai"})
		_ = teaError(t, err, "TrailNotFoundException", http.StatusNotFound)
	}
	if _, ok := s.GetAccountTrail(mgmtAccount, "cn-shanghai", "org-trail"); !ok {
		t.Error("the organization trail is gone")
	}
	// Delivery health per account through the admin endpoint.
	r, _ := http.NewRequest(http.MethodPost, ts.URL+"/_emulator/delivery?account="+memberAccount+"&region=cn-shanghai&name=member-own",
		strings.NewReader(`{"SlsLogStoreStatus":false}`))
	if status, body := do(t, r); status != http.StatusOK || !strings.Contains(body, `"SlsLogStoreStatus":false`) {
		t.Errorf("delivery of a member's trail: %d %s", status, body)
	}
	r, _ = http.NewRequest(http.MethodPost, ts.URL+"/_emulator/delivery?account=9999999999999999&name=member-own", strings.NewReader(`{}`))
	if status, _ := do(t, r); status != http.StatusNotFound {
		t.Errorf("delivery of an unknown account: %d", status)
	}
}

// TestSingleAccountDefaultsKept: without Accounts, the v1 SDK with the default key works as before and
// the organization trail is the account's own.
func TestSingleAccountDefaultsKept(t *testing.T) {
	s, ts := startServer(t, testConfig())
	req := createRequest("org-single")
	req.IsOrganizationTrail = requests.NewBoolean(true)
	if _, err := newClient(t, ts).CreateTrail(req); err != nil {
		t.Fatal(err)
	}
	if ids := s.AccountIDs(); len(ids) != 1 || ids[0] != DefaultAccountID {
		t.Errorf("AccountIDs = %v", ids)
	}
	got, ok := s.GetAccountTrail(DefaultAccountID, "", "org-single")
	if !ok || got.OrganizationId != "rd-"+DefaultAccountID {
		t.Errorf("GetAccountTrail: %+v", got)
	}
	if _, ok := s.GetAccountTrail("9999999999999999", "", "org-single"); ok || s.AccountTrails("9999999999999999") != nil ||
		s.RemoveAccountTrail("9999999999999999", "", "x") || s.SetAccountDeliveryHealth("9999999999999999", "", "x", DeliveryHealth{}) {
		t.Error("an unknown account answered")
	}
}
