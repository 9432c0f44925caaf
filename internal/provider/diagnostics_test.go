package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
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
	for code, want := range map[string]string{
		client.CodeSecurityTokenMismatch:      "Check security_token in the provider configuration (or the environment variable or profile it comes from): the STS token does not belong to the access key",
		client.CodeInvalidAccessKeyIDNotFound: "Check access_key in the provider configuration",
		client.CodeTimestampExpired:           "What to do: This machine's clock is more than 15 minutes off",
		"SomethingNew":                        "",
	} {
		var d diag.Diagnostics
		addAPIError(&d, "update", "trail-x", &client.Error{Action: "UpdateTrail", Region: "cn-hangzhou", Kind: client.KindAPI,
			Code: code, HTTPStatus: 400, RequestID: "REQ-1", Message: "msg"})
		detail := d[0].Detail()
		if want == "" && strings.Contains(detail, "What to do") || !strings.Contains(detail, want) {
			t.Errorf("%s: want %q in\n%s", code, want, detail)
		}
	}
}
