package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

// clearEnv unsets every variable the provider reads and points HOME at an empty directory, so
// that no CLI profile is found.
func clearEnv(t *testing.T) string {
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, group := range [][]string{envRegion, envAccessKey, envSecretKey, envSecurityToken, envProfile, envEndpoint,
		envSTSEndpoint, envRoleArn, envRoleSessionName, envOIDCProviderArn, envOIDCTokenFile} {
		for _, name := range group {
			t.Setenv(name, "")
		}
	}
	return home
}

// configure runs the provider's Configure with the given provider block values.
func configure(t *testing.T, values map[string]tftypes.Value) (provider.ConfigureResponse, diag.Diagnostics) {
	t.Helper()
	ctx := context.Background()
	p := New("test")()
	var sr provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &sr)
	typ, ok := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatalf("the provider schema is not an object")
	}
	all := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		all[name] = tftypes.NewValue(at, nil)
	}
	for k, v := range values {
		all[k] = v
	}
	req := provider.ConfigureRequest{Config: tfsdk.Config{Schema: sr.Schema, Raw: tftypes.NewValue(typ, all)}}
	var resp provider.ConfigureResponse
	p.Configure(ctx, req, &resp)
	return resp, resp.Diagnostics
}

// dataOf is what Configure handed to resources.
func dataOf(t *testing.T, v any) *providerData {
	t.Helper()
	d, ok := v.(*providerData)
	if !ok {
		t.Fatalf("ResourceData is %T", v)
	}
	return d
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

// blamed lists the attribute paths of the error diagnostics.
func blamed(d diag.Diagnostics) []string {
	var out []string
	for _, x := range d.Errors() {
		if wp, ok := x.(diag.DiagnosticWithPath); ok {
			out = append(out, wp.Path().String())
		} else {
			out = append(out, "(provider)")
		}
	}
	sort.Strings(out)
	return out
}

func TestConfigure_missingEverythingNamesEachAttributeAtOnce(t *testing.T) {
	clearEnv(t)
	_, d := configure(t, nil)
	if got := strings.Join(blamed(d), ","); got != "(provider),region" {
		t.Fatalf("blamed %s: %v", got, d)
	}
	for _, x := range d {
		if !strings.Contains(x.Detail(), "ALICLOUD_") && !strings.Contains(x.Detail(), "ALIBABA_CLOUD_") {
			t.Errorf("%q should name the environment variables", x.Detail())
		}
	}
}

func TestConfigure_halfACredentialPair(t *testing.T) {
	clearEnv(t)
	_, d := configure(t, map[string]tftypes.Value{"region": str("cn-hangzhou"), "access_key": str("AK")})
	if got := strings.Join(blamed(d), ","); got != "secret_key" {
		t.Fatalf("blamed %s: %v", got, d)
	}
	_, d = configure(t, map[string]tftypes.Value{"region": str("cn-hangzhou"), "secret_key": str("SK")})
	if got := strings.Join(blamed(d), ","); got != "access_key" {
		t.Fatalf("blamed %s: %v", got, d)
	}
	if strings.Contains(fmt.Sprint(d), "SK") {
		t.Fatal("the secret key is quoted in a diagnostic")
	}
}

func TestConfigure_unknownValues(t *testing.T) {
	clearEnv(t)
	unknown := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	_, d := configure(t, map[string]tftypes.Value{"region": unknown, "endpoint": unknown, "secret_key": unknown})
	if got := strings.Join(blamed(d), ","); got != "endpoint,region,secret_key" {
		t.Fatalf("blamed %s: %v", got, d)
	}
}

func TestConfigure_badEndpointAndRegion(t *testing.T) {
	clearEnv(t)
	t.Setenv("ALICLOUD_REGION", "Hangzhou")
	_, d := configure(t, map[string]tftypes.Value{
		"access_key": str("AK"), "secret_key": str("SK"), "endpoint": str("127.0.0.1:18080"),
	})
	if got := strings.Join(blamed(d), ","); got != "endpoint,region" {
		t.Fatalf("blamed %s: %v", got, d)
	}
}

func TestConfigure_environmentAndPrecedence(t *testing.T) {
	clearEnv(t)
	b := newTestBackend(t, emulator.Config{AccessKeyID: "AK", AccessKeySecret: "SK"})
	t.Setenv("ALICLOUD_ACTIONTRAIL_ENDPOINT", b.url) // for the credential check
	t.Setenv("ALIBABA_CLOUD_REGION_ID", "cn-beijing")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "AK")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "SK")
	resp, d := configure(t, nil)
	if d.HasError() {
		t.Fatal(d)
	}
	if got := dataOf(t, resp.ResourceData).region; got != "cn-beijing" {
		t.Fatalf("region from ALIBABA_CLOUD_REGION_ID: %s", got)
	}
	t.Setenv("ALICLOUD_REGION", "cn-shanghai") // ALICLOUD_* comes first
	resp, _ = configure(t, nil)
	if got := dataOf(t, resp.ResourceData).region; got != "cn-shanghai" {
		t.Fatalf("region from ALICLOUD_REGION: %s", got)
	}
	resp, _ = configure(t, map[string]tftypes.Value{"region": str("ap-southeast-1")}) // the configuration wins
	if got := dataOf(t, resp.ResourceData).region; got != "ap-southeast-1" {
		t.Fatalf("region from the configuration: %s", got)
	}
}

// TestConfigure_cliProfile signs with a profile of the aliyun CLI's ~/.aliyun/config.json.
func TestConfigure_cliProfile(t *testing.T) {
	home := clearEnv(t)
	b := newTestBackend(t, emulator.Config{AccessKeyID: "profile-ak", AccessKeySecret: "profile-sk"})
	if err := os.MkdirAll(filepath.Join(home, ".aliyun"), 0o700); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(home, ".aliyun", "config.json"), `{
  "current": "default",
  "profiles": [
    {"name": "default", "mode": "AK", "access_key_id": "wrong", "access_key_secret": "wrong"},
    {"name": "emu", "mode": "AK", "access_key_id": "profile-ak", "access_key_secret": "profile-sk"}
  ]
}`)
	resp, d := configure(t, map[string]tftypes.Value{
		"region": str("cn-hangzhou"), "endpoint": str(b.url), "profile": str("emu"),
	})
	if d.HasError() {
		t.Fatal(d)
	}
	if _, err := dataOf(t, resp.ResourceData).client.DescribeTrails(context.Background(), testRegion, client.ListOptions{}); err != nil {
		t.Fatalf("a call signed with the profile's keys failed: %v", err)
	}

	_, d = configure(t, map[string]tftypes.Value{"region": str("cn-hangzhou"), "profile": str("nope")})
	if got := strings.Join(blamed(d), ","); got != "profile" {
		t.Fatalf("an unknown profile should blame profile, blamed %s: %v", got, d)
	}

	writeFile(t, filepath.Join(home, ".aliyun", "config.json"), `{"profiles": [{"access_key_secret": "leaky-secret"`)
	_, d = configure(t, map[string]tftypes.Value{"region": str("cn-hangzhou"), "profile": str("emu")})
	if !d.HasError() || strings.Contains(fmt.Sprint(d), "leaky-secret") {
		t.Fatalf("a broken config file must fail without quoting it: %v", d)
	}
}

func TestProviderSchemaIsValid(t *testing.T) {
	ctx := context.Background()
	var sr provider.SchemaResponse
	New("test")().Schema(ctx, provider.SchemaRequest{}, &sr)
	if d := sr.Schema.ValidateImplementation(ctx); d.HasError() {
		t.Fatal(d)
	}
	for _, name := range []string{"secret_key", "security_token"} {
		if !sr.Schema.Attributes[name].IsSensitive() {
			t.Errorf("%s must be sensitive", name)
		}
	}
}
