package provider

import (
	"context"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator/emulatortest"
)

// block is the value of a provider block (assume_role, assume_role_with_oidc) with the given
// attributes, the others null.
func block(t *testing.T, name string, vals map[string]tftypes.Value) tftypes.Value {
	t.Helper()
	ctx := context.Background()
	var sr provider.SchemaResponse
	New("test")().Schema(ctx, provider.SchemaRequest{}, &sr)
	top, _ := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
	typ, ok := top.AttributeTypes[name].(tftypes.Object)
	if !ok {
		t.Fatalf("no block %s", name)
	}
	all := map[string]tftypes.Value{}
	for n, at := range typ.AttributeTypes {
		all[n] = tftypes.NewValue(at, nil)
	}
	for k, v := range vals {
		all[k] = v
	}
	return tftypes.NewValue(typ, all)
}

func num(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, big.NewFloat(float64(n))) }

func boolean(b bool) tftypes.Value { return tftypes.NewValue(tftypes.Bool, b) }

// closedURL is an https URL of a loopback port nothing listens on.
func closedURL(t *testing.T) string {
	t.Helper()
	return "https://" + emulatortest.ClosedAddr(t)
}

// temporaryKeys returns STS keys of the member's auditor role, issued by the emulator.
func temporaryKeys(t *testing.T, e *stsEnv, role string, seconds int) *credentials.Credentials {
	t.Helper()
	rc, err := client.NewAssumeRoleCredentials(client.AssumeRoleConfig{
		Base: credentials.NewStaticAKCredentialsProvider(mgmtKey, mgmtSecret), RoleArn: role, SessionName: "test-setup",
		DurationSeconds: seconds, STSHost: strings.TrimPrefix(e.url, "https://"),
	})
	if err != nil {
		t.Fatal(err)
	}
	cc, err := rc.GetCredentials()
	if err != nil {
		t.Fatal(err)
	}
	return cc
}

// errorPaths lists the paths of the error diagnostics, "(provider)" for those without one.
func errorPaths(d diag.Diagnostics) string { return strings.Join(blamed(d), ",") }

// TestConfigure_credentials: each credential path is checked once, at Configure, with STS
// GetCallerIdentity (after the AssumeRole or AssumeRoleWithOIDC that fetches role credentials),
// yields the account the provider acts in, and each failure is one error on the setting to fix,
// naming it (and its environment variable) and what to do, with no secret, token or signed URL.
func TestConfigure_credentials(t *testing.T) {
	e := newSTSEnv(t, emulator.Config{})
	other := newSTSEnv(t, emulator.Config{}) // a separate STS, for sts_endpoint
	home := clearEnv(t)
	now := time.Now()
	goodToken := ciToken(t, now, nil)
	expiredToken := ciToken(t, now.Add(-2*time.Hour), nil)
	otherAudience := ciToken(t, now, map[string]any{"aud": "someone-else"})
	tempKeys := temporaryKeys(t, e, auditorRole, 3600)
	e.clock.set(-600 * time.Second) // issue keys that expire 5 minutes from now on the real clock...
	expiring := temporaryKeys(t, e, shortRole, 900)
	e.clock.set(0)

	base := map[string]tftypes.Value{"region": str(testRegion), "endpoint": str(e.url)}
	with := func(extra map[string]tftypes.Value) map[string]tftypes.Value {
		out := map[string]tftypes.Value{}
		for k, v := range base {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	mgmt := map[string]tftypes.Value{"access_key": str(mgmtKey), "secret_key": str(mgmtSecret)}
	merge := func(ms ...map[string]tftypes.Value) map[string]tftypes.Value {
		out := map[string]tftypes.Value{}
		for _, m := range ms {
			for k, v := range m {
				out[k] = v
			}
		}
		return with(out)
	}
	oidc := func(vals map[string]tftypes.Value) map[string]tftypes.Value {
		b := map[string]tftypes.Value{"oidc_provider_arn": str(ciProvider), "role_arn": str(ciRole)}
		for k, v := range vals {
			b[k] = v
		}
		return with(map[string]tftypes.Value{"assume_role_with_oidc": block(t, "assume_role_with_oidc", b)})
	}
	assume := func(vals map[string]tftypes.Value) map[string]tftypes.Value {
		return map[string]tftypes.Value{"assume_role": block(t, "assume_role", vals)}
	}

	tests := []struct {
		name    string
		env     map[string]string
		values  map[string]tftypes.Value
		before  func() // e.g. moves the emulator's clock
		account string // the account the check found
		blamed  string // the error's path, "" for none
		detail  []string
		calls   map[string]int64 // STS calls on e (and AssumeRole*), when checked
	}{
		{name: "static keys", values: merge(mgmt), account: mgmtAccount,
			calls: map[string]int64{"GetCallerIdentity": 1}},
		{name: "static keys from the environment", env: map[string]string{"ALICLOUD_ACCESS_KEY": memberKey, "ALIBABA_CLOUD_ACCESS_KEY_SECRET": memberSecret},
			values: with(nil), account: memberAccount},
		{name: "wrong secret from the environment", env: map[string]string{"ALICLOUD_ACCESS_KEY": mgmtKey, "ALICLOUD_SECRET_KEY": "wrong-" + mgmtSecret},
			values: with(nil), blamed: "(provider)",
			detail: []string{"Invalid Credentials: SignatureDoesNotMatch", "(HTTP 400, RequestId: ", "secret_key (here from the environment variable ALICLOUD_SECRET_KEY)", "GetCallerIdentity at 127.0.0.1:"}},
		{name: "wrong secret in the provider block", values: merge(mgmt, map[string]tftypes.Value{"secret_key": str("wrong-secret")}),
			blamed: "(provider)", detail: []string{"secret_key, set in the provider block (environment: ALICLOUD_SECRET_KEY, ALIBABA_CLOUD_ACCESS_KEY_SECRET)"}},
		{name: "unknown access key", values: merge(map[string]tftypes.Value{"access_key": str("nobody"), "secret_key": str("x")}),
			blamed: "access_key", detail: []string{"InvalidAccessKeyId.NotFound", "(HTTP 404, RequestId: ", "the API does not know this access key"}},
		{name: "STS keys", values: merge(map[string]tftypes.Value{"access_key": str(tempKeys.AccessKeyId),
			"secret_key": str(tempKeys.AccessKeySecret), "security_token": str(tempKeys.SecurityToken)}), account: memberAccount},
		{name: "mismatched STS token", values: merge(map[string]tftypes.Value{"access_key": str(tempKeys.AccessKeyId),
			"secret_key": str(tempKeys.AccessKeySecret), "security_token": str(expiring.SecurityToken)}),
			blamed: "(provider)", detail: []string{"InvalidSecurityToken.MismatchWithAccessKey", "security_token, set in the provider block"}},
		{name: "expired STS token", values: merge(map[string]tftypes.Value{"access_key": str(expiring.AccessKeyId),
			"secret_key": str(expiring.AccessKeySecret), "security_token": str(expiring.SecurityToken)}),
			before: func() { e.clock.set(400 * time.Second) }, // ...and are expired now on the emulator's
			blamed: "(provider)", detail: []string{"InvalidSecurityToken.Expired", "Check security_token", "fetch new temporary credentials"}},
		{name: "skip_credentials_validation", values: merge(mgmt, map[string]tftypes.Value{"secret_key": str("wrong"),
			"skip_credentials_validation": boolean(true)}), calls: map[string]int64{}},
		{name: "sts_endpoint", values: merge(mgmt, map[string]tftypes.Value{"sts_endpoint": str(other.url)}), account: mgmtAccount,
			calls: map[string]int64{}}, // the call went to the other STS
		{name: "sts_endpoint from the environment", env: map[string]string{"ALICLOUD_STS_ENDPOINT": other.url}, values: merge(mgmt),
			account: mgmtAccount, calls: map[string]int64{}},
		{name: "unreachable endpoint", values: merge(mgmt, map[string]tftypes.Value{"endpoint": str(closedURL(t))}), blamed: "endpoint",
			detail: []string{"STS Endpoint Unreachable", "got no answer from 127.0.0.1:", "connection refused", "The request did not reach the API.",
				"Gave up after 3 attempts.", "set sts_endpoint if STS is elsewhere"}},
		{name: "unreachable sts_endpoint", values: merge(mgmt, map[string]tftypes.Value{"sts_endpoint": str(closedURL(t))}), blamed: "sts_endpoint",
			detail: []string{"STS Endpoint Unreachable", "The request did not reach the API."}},

		{name: "assume_role", values: merge(mgmt, assume(map[string]tftypes.Value{"role_arn": str(auditorRole)})), account: memberAccount,
			calls: map[string]int64{"AssumeRole": 1, "GetCallerIdentity": 1}},
		{name: "assume_role from the environment", env: map[string]string{"ALIBABA_CLOUD_ROLE_ARN": auditor2Role, "ALIBABA_CLOUD_ROLE_SESSION_NAME": "ci-run-42"},
			values: merge(mgmt), account: member2Account, calls: map[string]int64{"AssumeRole": 1, "GetCallerIdentity": 1}},
		{name: "assume_role with every setting", values: merge(mgmt, assume(map[string]tftypes.Value{"role_arn": str(auditorRole),
			"session_name": str("audit@acme"), "session_expiration": num(1800), "external_id": str("acme-audit"),
			"policy": str(`{"Version":"1","Statement":[{"Effect":"Allow","Action":"actiontrail:*","Resource":"*"}]}`)})), account: memberAccount},
		{name: "role not found", values: merge(mgmt, assume(map[string]tftypes.Value{"role_arn": str("acs:ram::" + memberAccount + ":role/nope")})),
			blamed: "assume_role.role_arn", detail: []string{"Cannot Assume Role: EntityNotExist.Role", "(HTTP 404, RequestId: ",
				"The role acs:ram::" + memberAccount + ":role/nope does not exist", "role_arn, set in the provider block"}},
		{name: "role not trusted", values: merge(map[string]tftypes.Value{"access_key": str(outsideKey), "secret_key": str(outsideSecret)},
			assume(map[string]tftypes.Value{"role_arn": str(auditorRole)})),
			blamed: "assume_role.role_arn", detail: []string{"Cannot Assume Role: NoPermission", "(HTTP 403", "trust policy must name their account", auditorRole}},
		{name: "external_id right", values: merge(mgmt, assume(map[string]tftypes.Value{"role_arn": str(vendorRole), "external_id": str(vendorExternalID)})),
			account: memberAccount},
		{name: "external_id wrong", values: merge(mgmt, assume(map[string]tftypes.Value{"role_arn": str(vendorRole), "external_id": str("acme-other")})),
			blamed: "assume_role.external_id", detail: []string{"Cannot Assume Role: NoPermission", "(HTTP 403", "sts:ExternalId",
				"that the external_id set does not meet", vendorRole}},
		{name: "external_id not set", values: merge(mgmt, assume(map[string]tftypes.Value{"role_arn": str(vendorRole)})),
			blamed: "assume_role.external_id", detail: []string{"Cannot Assume Role: NoPermission", "and external_id is not set", vendorRole}},
		{name: "role not trusted, external_id set", values: merge(map[string]tftypes.Value{"access_key": str(outsideKey), "secret_key": str(outsideSecret)},
			assume(map[string]tftypes.Value{"role_arn": str(vendorRole), "external_id": str(vendorExternalID)})),
			blamed: "assume_role.role_arn", detail: []string{"Cannot Assume Role: NoPermission", "trust policy must name their account",
				"check that external_id is its value"}},
		{name: "policy STS's grammar refuses", values: merge(mgmt, assume(map[string]tftypes.Value{"role_arn": str(auditorRole), "policy": str(`{"Version":"1"}`)})),
			blamed: "assume_role.policy", detail: []string{"Cannot Assume Role: InvalidParameter.PolicyGrammar", "(HTTP 400", "no Statement", "Fix policy"}},
		{name: "session beyond the role's maximum", values: merge(mgmt, assume(map[string]tftypes.Value{"role_arn": str(shortRole), "session_expiration": num(3600)})),
			blamed: "assume_role.session_expiration", detail: []string{"InvalidParameter.DurationSeconds", "maximum session duration"}},
		{name: "wrong base secret for assume_role", values: merge(mgmt, map[string]tftypes.Value{"secret_key": str("wrong")},
			assume(map[string]tftypes.Value{"role_arn": str(auditorRole)})),
			blamed: "(provider)", detail: []string{"SignatureDoesNotMatch", "Check secret_key", "they sign the AssumeRole of " + auditorRole}},
		{name: "assume_role without base credentials", values: with(assume(map[string]tftypes.Value{"role_arn": str(auditorRole)})),
			blamed: "(provider)", detail: []string{"No Credentials", "assume_role needs them"}},
		{name: "assume_role without role_arn", values: merge(mgmt, assume(nil)), blamed: "assume_role.role_arn", detail: []string{"Missing Role ARN"}},
		{name: "assume_role over plain HTTP", values: merge(mgmt, assume(map[string]tftypes.Value{"role_arn": str(auditorRole)}),
			map[string]tftypes.Value{"endpoint": str("http://127.0.0.1:18080")}),
			blamed: "endpoint", detail: []string{"STS Endpoint Must Use HTTPS", "-tls-cert"}},

		{name: "OIDC token file", values: oidc(map[string]tftypes.Value{"oidc_token_file": str(tokenFile(t, goodToken))}), account: mgmtAccount,
			calls: map[string]int64{"AssumeRoleWithOIDC": 1, "GetCallerIdentity": 1}},
		{name: "OIDC from the environment", env: map[string]string{"ALIBABA_CLOUD_OIDC_PROVIDER_ARN": ciProvider, "ALIBABA_CLOUD_ROLE_ARN": ciRole,
			"ALIBABA_CLOUD_OIDC_TOKEN_FILE": tokenFile(t, goodToken)}, values: with(nil), account: mgmtAccount},
		{name: "OIDC token given inline", values: oidc(map[string]tftypes.Value{"oidc_token": str(goodToken), "session_expiration": num(900)}), account: mgmtAccount},
		{name: "OIDC then assume_role", values: merge(map[string]tftypes.Value{"assume_role_with_oidc": oidc(map[string]tftypes.Value{
			"oidc_token_file": str(tokenFile(t, goodToken))})["assume_role_with_oidc"]}, assume(map[string]tftypes.Value{"role_arn": str(auditorRole)})),
			account: memberAccount, calls: map[string]int64{"AssumeRoleWithOIDC": 1, "AssumeRole": 1, "GetCallerIdentity": 1}},
		{name: "OIDC keys not used", values: merge(mgmt, oidc(map[string]tftypes.Value{"oidc_token_file": str(tokenFile(t, goodToken))})), account: mgmtAccount},
		{name: "expired OIDC token", values: oidc(map[string]tftypes.Value{"oidc_token_file": str(tokenFile(t, expiredToken))}),
			blamed: "assume_role_with_oidc.oidc_token_file", detail: []string{"Cannot Assume Role With OIDC: AuthenticationFail.OIDCToken.Expired",
				"(HTTP 401, RequestId: ", "issue a fresh one", ciRole}},
		{name: "OIDC token for another audience", values: oidc(map[string]tftypes.Value{"oidc_token": str(otherAudience)}),
			blamed: "(provider)", detail: []string{"AuthenticationFail.OIDCToken.AudienceNotMatch", "audience"}},
		{name: "OIDC token that is not a JWT", values: oidc(map[string]tftypes.Value{"oidc_token_file": str(tokenFile(t, "not-a-jwt"))}),
			blamed: "assume_role_with_oidc.oidc_token_file", detail: []string{"AuthenticationFail.OIDCToken.Invalid", "no trailing newline"}},
		{name: "unknown OIDC provider", values: oidc(map[string]tftypes.Value{"oidc_provider_arn": str("acs:ram::" + mgmtAccount + ":oidc-provider/nope"),
			"oidc_token_file": str(tokenFile(t, goodToken))}),
			blamed: "assume_role_with_oidc.oidc_provider_arn", detail: []string{"AuthenticationFail.NoPermission", "knows no OIDC provider"}},
		{name: "role does not trust the OIDC provider", values: oidc(map[string]tftypes.Value{"role_arn": str(auditorRole),
			"oidc_token_file": str(tokenFile(t, goodToken))}),
			blamed: "assume_role_with_oidc.role_arn", detail: []string{"AuthenticationFail.NoPermission", "does not trust the OIDC provider " + ciProvider}},
		{name: "missing OIDC token file", values: oidc(map[string]tftypes.Value{"oidc_token_file": str(filepath.Join(home, "no-such-token"))}),
			blamed: "assume_role_with_oidc.oidc_token_file", detail: []string{"Unreadable OIDC Token File", "no-such-token"}},
		{name: "OIDC without token", values: oidc(nil), blamed: "assume_role_with_oidc.oidc_token_file", detail: []string{"Missing OIDC Token"}},
		{name: "OIDC role from the environment, bad", env: map[string]string{"ALIBABA_CLOUD_ROLE_ARN": "arn:aws:iam::1:role/x"},
			values: with(map[string]tftypes.Value{"assume_role_with_oidc": block(t, "assume_role_with_oidc", map[string]tftypes.Value{
				"oidc_provider_arn": str(ciProvider), "oidc_token": str(goodToken)})}),
			blamed: "assume_role_with_oidc.role_arn", detail: []string{"Invalid Role ARN", "here from the environment variable ALIBABA_CLOUD_ROLE_ARN"}},
	}
	secrets := []string{mgmtSecret, memberSecret, outsideSecret, tempKeys.AccessKeySecret, tempKeys.SecurityToken,
		expiring.AccessKeySecret, expiring.SecurityToken, goodToken, expiredToken, otherAudience,
		"Signature=", "SignatureNonce=", "AccessKeyId=", "SecurityToken=", e.url, "https://127.0.0.1"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			e.clock.set(0)
			if tt.before != nil {
				tt.before()
			}
			e.emu.ResetCalls()
			start := time.Now()
			resp, d := configure(t, tt.values)
			if took := time.Since(start); took > 20*time.Second {
				t.Errorf("Configure took %s", took)
			}
			if got := errorPaths(d); got != strings.TrimSpace(tt.blamed) {
				t.Fatalf("blamed %q, want %q: %v", got, tt.blamed, d)
			}
			if n := d.ErrorsCount(); n > 1 {
				t.Errorf("%d errors for one cause: %v", n, d)
			}
			for _, x := range d {
				text := x.Summary() + "\n" + x.Detail()
				for _, want := range tt.detail {
					if !strings.Contains(text, want) {
						t.Errorf("diagnostic lacks %q:\n%s", want, text)
					}
				}
				for _, s := range secrets {
					if strings.Contains(text, s) {
						t.Errorf("diagnostic holds %q:\n%s", s, text)
					}
				}
			}
			if tt.blamed != "" {
				return
			}
			data := dataOf(t, resp.ResourceData)
			if data.accountID != tt.account {
				t.Errorf("account ID %q, want %q", data.accountID, tt.account)
			}
			if tt.calls != nil {
				got := e.emu.Calls()
				for _, a := range []string{"GetCallerIdentity", "AssumeRole", "AssumeRoleWithOIDC"} {
					if got[a] != tt.calls[a] {
						t.Errorf("STS calls %v, want %v", got, tt.calls)
						break
					}
				}
			}
			if tt.account == "" {
				return
			}
			// The client acts in that account, with the same credentials (no new AssumeRole).
			before := e.emu.Calls()
			if _, err := data.client.DescribeTrails(context.Background(), testRegion, client.ListOptions{}); err != nil {
				t.Fatalf("DescribeTrails with the checked credentials: %v", err)
			}
			after := e.emu.Calls()
			if after["AssumeRole"] != before["AssumeRole"] || after["AssumeRoleWithOIDC"] != before["AssumeRoleWithOIDC"] {
				t.Errorf("the credentials were fetched again for the next call: %v then %v", before, after)
			}
		})
	}
	if left, _ := filepath.Glob(filepath.Join(os.TempDir(), "actiontrail-oidc-*")); len(left) != 0 {
		t.Errorf("inline OIDC tokens left on disk: %v", left)
	}
	if n := other.emu.Calls()["GetCallerIdentity"]; n != 2 {
		t.Errorf("sts_endpoint: the other STS got %d GetCallerIdentity calls, want 2", n)
	}
}

// TestConfigure_noCredentialsIsOneDiagnostic: with no keys and no profile, one error says so (it
// used to be the same long text twice, on access_key and on secret_key).
func TestConfigure_noCredentialsIsOneDiagnostic(t *testing.T) {
	clearEnv(t)
	_, d := configure(t, map[string]tftypes.Value{"region": str(testRegion)})
	if d.ErrorsCount() != 1 || errorPaths(d) != "(provider)" || !strings.Contains(d[0].Detail(), "ALICLOUD_ACCESS_KEY") {
		t.Fatalf("want one provider-level error naming the settings, got %v", d)
	}
}

// TestConfigure_unknownRoleSettings: settings of the role blocks known only at apply are errors
// on them.
func TestConfigure_unknownRoleSettings(t *testing.T) {
	clearEnv(t)
	unknown := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	_, d := configure(t, map[string]tftypes.Value{
		"region": str(testRegion), "access_key": str("AK"), "secret_key": str("SK"), "sts_endpoint": unknown,
		"assume_role":                 block(t, "assume_role", map[string]tftypes.Value{"role_arn": unknown}),
		"skip_credentials_validation": tftypes.NewValue(tftypes.Bool, tftypes.UnknownValue),
	})
	if got := errorPaths(d); got != "assume_role.role_arn,skip_credentials_validation,sts_endpoint" {
		t.Fatalf("blamed %s: %v", got, d)
	}
}

// TestProviderSchema_roleValidators: the role settings are checked at validate time.
func TestProviderSchema_roleValidators(t *testing.T) {
	ctx := context.Background()
	var sr provider.SchemaResponse
	New("test")().Schema(ctx, provider.SchemaRequest{}, &sr)
	ar := sr.Schema.Blocks["assume_role"].GetNestedObject().GetAttributes()
	oidc := sr.Schema.Blocks["assume_role_with_oidc"].GetNestedObject().GetAttributes()
	stringCases := []struct {
		name  string
		attrs map[string]bool // attribute name → in assume_role (else assume_role_with_oidc)
		attr  string
		value types.String
		ok    bool
	}{
		{"role ARN", nil, "role_arn", types.StringValue(auditorRole), true},
		{"role ARN of another cloud", nil, "role_arn", types.StringValue("arn:aws:iam::123456789012:role/x"), false},
		{"role ARN null", nil, "role_arn", types.StringNull(), true},
		{"role ARN unknown", nil, "role_arn", types.StringUnknown(), true},
		{"session name", nil, "session_name", types.StringValue("ci@acme.example"), true},
		{"session name too short", nil, "session_name", types.StringValue("x"), false},
		{"session name with a space", nil, "session_name", types.StringValue("ci run"), false},
		{"external ID", nil, "external_id", types.StringValue("abc:def/1"), true},
		{"external ID too short", nil, "external_id", types.StringValue("a"), false},
		{"policy", nil, "policy", types.StringValue(`{"Version":"1","Statement":[]}`), true},
		{"policy not JSON", nil, "policy", types.StringValue(`Version: 1`), false},
		{"policy a JSON array", nil, "policy", types.StringValue(`[]`), false},
		{"policy of 2048 characters", nil, "policy", types.StringValue(`{"x":"` + strings.Repeat("a", 2048-8) + `"}`), true},
		{"policy too long", nil, "policy", types.StringValue(`{"x":"` + strings.Repeat("a", 2048-7) + `"}`), false},
		{"policy null", nil, "policy", types.StringNull(), true},
		{"policy unknown", nil, "policy", types.StringUnknown(), true},
		{"OIDC provider ARN", map[string]bool{}, "oidc_provider_arn", types.StringValue(ciProvider), true},
		{"OIDC provider ARN of a role", map[string]bool{}, "oidc_provider_arn", types.StringValue(ciRole), false},
	}
	for _, tc := range stringCases {
		t.Run(tc.name, func(t *testing.T) {
			attrs := ar
			if tc.attrs != nil {
				attrs = oidc
			}
			sa, ok := attrs[tc.attr].(interface{ StringValidators() []validator.String })
			if !ok {
				t.Fatalf("%s has no string validators", tc.attr)
			}
			var diags diag.Diagnostics
			for _, v := range sa.StringValidators() {
				var r validator.StringResponse
				v.ValidateString(ctx, validator.StringRequest{Path: path.Root(tc.attr), ConfigValue: tc.value}, &r)
				diags.Append(r.Diagnostics...)
			}
			if diags.HasError() == tc.ok {
				t.Errorf("%s = %s: errors %v, want ok=%t", tc.attr, tc.value, diags, tc.ok)
			}
		})
	}
	durations := []struct {
		name  string
		oidc  bool
		value types.Int64
		ok    bool
	}{
		{"assume_role minimum", false, types.Int64Value(900), true},
		{"assume_role maximum", false, types.Int64Value(43200), true},
		{"assume_role too short", false, types.Int64Value(899), false},
		{"OIDC maximum of the SDK", true, types.Int64Value(3600), true},
		{"OIDC beyond the SDK's maximum", true, types.Int64Value(3601), false},
		{"null", false, types.Int64Null(), true},
		{"unknown", true, types.Int64Unknown(), true},
	}
	for _, tc := range durations {
		t.Run(tc.name, func(t *testing.T) {
			attrs := ar
			if tc.oidc {
				attrs = oidc
			}
			ia, ok := attrs["session_expiration"].(interface{ Int64Validators() []validator.Int64 })
			if !ok {
				t.Fatal("session_expiration has no validators")
			}
			var diags diag.Diagnostics
			for _, v := range ia.Int64Validators() {
				var r validator.Int64Response
				v.ValidateInt64(ctx, validator.Int64Request{Path: path.Root("session_expiration"), ConfigValue: tc.value}, &r)
				diags.Append(r.Diagnostics...)
			}
			if diags.HasError() == tc.ok {
				t.Errorf("session_expiration = %s: errors %v, want ok=%t", tc.value, diags, tc.ok)
			}
		})
	}
	if !oidc["oidc_token"].IsSensitive() {
		t.Error("oidc_token must be sensitive")
	}
}

// TestAddCheckError_noAnswerIsNotARequest: the check's messages say whether a request may have
// reached the API.
func TestAddCheckError_noAnswerIsNotARequest(t *testing.T) {
	setup := &credentialsSetup{base: baseKeys, stsHost: "sts.example:443"}
	for _, tc := range []struct {
		name    string
		notSent bool
		want    string
	}{
		{"refused", true, "The request did not reach the API."},
		{"reset after sending", false, "The request may not have reached the API."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d diag.Diagnostics
			addCheckError(&d, setup, &client.STSError{Action: client.ActionGetCallerIdentity, Host: "sts.example:443",
				Transport: true, NotSent: tc.notSent, Cause: "boom", Attempts: 3})
			if len(d) != 1 || !strings.Contains(d[0].Detail(), tc.want) || !strings.Contains(d[0].Detail(), "sts.example:443") {
				t.Fatalf("got %v", d)
			}
		})
	}
	var d diag.Diagnostics
	addCheckError(&d, setup, fmt.Errorf("not an STS error"))
	if len(d) != 1 || d[0].Summary() != "Cannot Check Credentials" {
		t.Fatalf("got %v", d)
	}
}

// TestConfigure_profileCredentialsChecked: the keys of a CLI profile are checked like the others,
// and a wrong one blames the profile.
func TestConfigure_profileCredentialsChecked(t *testing.T) {
	e := newSTSEnv(t, emulator.Config{})
	home := clearEnv(t)
	if err := os.MkdirAll(filepath.Join(home, ".aliyun"), 0o700); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(home, ".aliyun", "config.json"), fmt.Sprintf(`{
  "current": "audit",
  "profiles": [
    {"name": "audit", "mode": "AK", "access_key_id": %q, "access_key_secret": %q},
    {"name": "stale", "mode": "AK", "access_key_id": %q, "access_key_secret": "rotated-away"}
  ]
}`, memberKey, memberSecret, memberKey))
	resp, d := configure(t, map[string]tftypes.Value{"region": str(testRegion), "endpoint": str(e.url)})
	if d.HasError() || dataOf(t, resp.ResourceData).accountID != memberAccount {
		t.Fatalf("the current profile: %v", d)
	}
	_, d = configure(t, map[string]tftypes.Value{"region": str(testRegion), "endpoint": str(e.url), "profile": str("stale")})
	if errorPaths(d) != "profile" || !strings.Contains(d[0].Detail(), `the profile "stale" of ~/.aliyun/config.json`) ||
		strings.Contains(d[0].Detail(), "rotated-away") {
		t.Fatalf("a profile with a wrong secret: %v", d)
	}
}
