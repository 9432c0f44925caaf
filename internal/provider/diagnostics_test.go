package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

// TestAddAPIErrorFollowsTheCatalog: for every code of the error catalog, an apply-time failure
// lands where the catalog blames it (a trail argument, else the resource: a provider setting has
// no path in the resource) and says what to do with the catalog's hint.
func TestAddAPIErrorFollowsTheCatalog(t *testing.T) {
	for _, info := range client.Catalog() {
		t.Run(info.Code, func(t *testing.T) {
			var d diag.Diagnostics
			addAPIError(&d, "create", "trail-x", &client.Error{Action: "CreateTrail", Region: "cn-hangzhou", Kind: client.KindAPI,
				Code: info.Code, HTTPStatus: info.Status, RequestID: "REQ-1", Message: "msg"})
			if len(d) != 1 {
				t.Fatalf("%v", d)
			}
			wp, hasPath := d[0].(diag.DiagnosticWithPath)
			switch {
			case info.Blame == client.BlameResource && info.Attribute != "":
				if !hasPath || !wp.Path().Equal(path.Root(info.Attribute)) {
					t.Errorf("should blame %s: %v", info.Attribute, d)
				}
			case hasPath:
				t.Errorf("should blame the resource, blames %s", wp.Path())
			}
			detail := d[0].Detail()
			hint := info.Hint
			if info.Blame == client.BlameProvider && info.Attribute != "" {
				hint = "Check " + info.Attribute + " in the provider configuration"
			}
			if hint != "" && !strings.Contains(detail, "What to do: "+hint) {
				t.Errorf("the detail lacks %q:\n%s", hint, detail)
			}
		})
	}
}

// TestAddAPIErrorNamesTheSettingOfACredentialCode: a credential failure at apply (with
// skip_credentials_validation, or credentials that changed since configure) names the setting.
func TestAddAPIErrorNamesTheSettingOfACredentialCode(t *testing.T) {
	for _, tc := range []struct {
		code, signedWith, want string
	}{
		{client.CodeSecurityTokenMismatch, "", "Check security_token in the provider configuration (or the environment variable or profile it comes from): the STS token does not belong to the access key"},
		{client.CodeInvalidAccessKeyIDNotFound, "", "Check access_key in the provider configuration"},
		{client.CodeTimestampExpired, "", "What to do: This machine's clock is more than 15 minutes off"},
		{"SomethingNew", "", ""},
		// Role credentials are the provider's own: no provider setting holds them.
		{client.CodeSecurityTokenExpired, "assume_role", "signed with the temporary credentials of assume_role, which the provider fetches"},
		{client.CodeSignatureDoesNotMatch, "assume_role_with_oidc", "assume_role_with_oidc.session_expiration"},
		{client.CodeTimestampExpired, "assume_role", "What to do: This machine's clock is more than 15 minutes off"},
	} {
		var d diag.Diagnostics
		addAPIError(&d, "update", "trail-x", &client.Error{Action: "UpdateTrail", Region: "cn-hangzhou", Kind: client.KindAPI,
			Code: tc.code, HTTPStatus: 400, RequestID: "REQ-1", Message: "msg", SignedWith: tc.signedWith})
		detail := d[0].Detail()
		if tc.want == "" && strings.Contains(detail, "What to do") || !strings.Contains(detail, tc.want) {
			t.Errorf("%s (signed with %q): want %q in\n%s", tc.code, tc.signedWith, tc.want, detail)
		}
		if tc.signedWith != "" && strings.Contains(detail, "in the provider configuration") {
			t.Errorf("%s signed with %s's credentials names a setting to check:\n%s", tc.code, tc.signedWith, detail)
		}
	}
}

// TestPlanDiagnosticsAgreeWithTheCatalog: the plan-time lookup's diagnostics (an existing trail,
// the quota) name the code with the catalog's HTTP status, on the catalog's argument.
func TestPlanDiagnosticsAgreeWithTheCatalog(t *testing.T) {
	for _, tc := range []struct {
		code  string
		seed  int
		taken bool
	}{
		{code: client.CodeTrailAlreadyExists, taken: true},
		{code: client.CodeMaximumNumberOfTrails, seed: client.DocumentedTrailQuota},
	} {
		t.Run(tc.code, func(t *testing.T) {
			r, emu, _ := unitResource(t, emulator.Config{MaxTrailsPerRegion: 10})
			for i := range tc.seed {
				emu.PutTrail(testRegion, emulator.Trail{Name: fmt.Sprintf("trail-seed-%d", i), OssBucketName: testBucket})
			}
			if tc.taken {
				emu.PutTrail(testRegion, emulator.Trail{Name: "trail-planned", OssBucketName: testBucket})
			}
			d := planFor(t, r, "trail-planned")
			info, _ := client.LookupError(tc.code)
			if len(d) != 1 {
				t.Fatalf("want one diagnostic, got %v", d)
			}
			want := fmt.Sprintf("%s (HTTP %d)", tc.code, info.Status)
			if !strings.Contains(d[0].Summary(), "("+tc.code+")") || !strings.Contains(d[0].Detail(), want) {
				t.Errorf("the diagnostic does not name %q: %s: %s", want, d[0].Summary(), d[0].Detail())
			}
			if wp, ok := d[0].(diag.DiagnosticWithPath); !ok || !wp.Path().Equal(path.Root(info.Attribute)) {
				t.Errorf("want the diagnostic on %s: %v", info.Attribute, d[0])
			}
		})
	}
}
