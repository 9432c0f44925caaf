package validators

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// validatorUnderTest is one validator with what its diagnostics must say.
type validatorUnderTest struct {
	validator validator.String
	check     func(string) string
	summary   string
	rule      string
	markdown  string
	valid     string
	invalid   string
}

var validatorsUnderTest = map[string]validatorUnderTest{
	"TrailName": {
		TrailName(), TrailNameProblem,
		"Invalid Trail Name (InvalidTrailNameException)", TrailNameRule, TrailNameRuleMarkdown,
		"audit-trail-1", "Trail-1",
	},
	"BucketName": {
		BucketName(), BucketNameProblem,
		"Invalid OSS Bucket Name (InvalidBucketNameException)", BucketNameRule, BucketNameRuleMarkdown,
		"yuanchuang", "bucket-",
	},
	"KeyPrefix": {
		KeyPrefix(), KeyPrefixProblem,
		"Invalid OSS Key Prefix (InvalidPrefixException)", KeyPrefixRule, KeyPrefixRuleMarkdown,
		"actiontrail/", "1abcdef",
	},
	"SLSProjectARN": {
		SLSProjectARN(), SLSProjectARNProblem,
		"Invalid SLS Project ARN (InvalidQueryParameter)", SLSProjectARNRule, SLSProjectARNRuleMarkdown,
		"acs:log:cn-shanghai::project/abc", "acs:log:cn-shanghai::project/***",
	},
	"RoleARN": {
		RoleARN(), RoleARNProblem,
		"Invalid RAM Role ARN (InvalidQueryParameter)", RoleARNRule, RoleARNRuleMarkdown,
		"acs:ram::1234567890123456:role/aliyunactiontraildefaultrole", "acs:ram::***:role/aliyunactiontraildefaultrole",
	},
	"RoleName": {
		RoleName(), RoleNameProblem,
		"Invalid RAM Role Name (InvalidQueryParameter)", RoleNameRule, RoleNameRuleMarkdown,
		"aliyunactiontraildefaultrole", "role/x",
	},
	"RegionID": {
		RegionID(), RegionIDProblem,
		"Invalid Region ID", RegionIDRule, RegionIDRuleMarkdown,
		"cn-hangzhou", "cn_hangzhou",
	},
}

// emptyIsUnset are the validators of optional delivery settings, where "" means not set (KeyPrefix:
// "" is a valid prefix); the others refuse "".
var emptyIsUnset = map[string]bool{"BucketName": true, "KeyPrefix": true, "SLSProjectARN": true, "RoleARN": true}

func validate(v validator.String, p path.Path, value types.String) diag.Diagnostics {
	req := validator.StringRequest{Path: p, PathExpression: p.Expression(), ConfigValue: value}
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), req, resp)
	return resp.Diagnostics
}

// TestValidators runs every validator through null, unknown, valid and invalid
// values, at a top-level and at a nested attribute path.
func TestValidators(t *testing.T) {
	t.Parallel()
	nested := path.Root("delivery").AtListIndex(0).AtName("value")
	for name, vt := range validatorsUnderTest {
		cases := []struct {
			name    string
			path    path.Path
			value   types.String
			wantErr bool
		}{
			{"null", path.Root("attr"), types.StringNull(), false},
			{"unknown", path.Root("attr"), types.StringUnknown(), false},
			{"valid", path.Root("attr"), types.StringValue(vt.valid), false},
			{"invalid", path.Root("attr"), types.StringValue(vt.invalid), true},
			{"invalid nested path", nested, types.StringValue(vt.invalid), true},
			{"empty", path.Root("attr"), types.StringValue(""), !emptyIsUnset[name]},
		}
		for _, tc := range cases {
			t.Run(name+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				diags := validate(vt.validator, tc.path, tc.value)
				if !tc.wantErr {
					if len(diags) != 0 {
						t.Fatalf("want no diagnostics, got %v", diags)
					}
					return
				}
				checkDiagnostic(t, diags, tc.path, vt.summary, tc.value.ValueString(), vt.check(tc.value.ValueString()), vt.rule)
			})
		}
	}
}

// checkDiagnostic asserts that diags is exactly one error at p whose summary
// is summary and whose detail quotes value and states the reason and the rule.
func checkDiagnostic(t *testing.T, diags diag.Diagnostics, p path.Path, summary, value, reason, rule string) {
	t.Helper()
	if len(diags) != 1 {
		t.Fatalf("want 1 diagnostic, got %d: %v", len(diags), diags)
	}
	d := diags[0]
	if d.Severity() != diag.SeverityError {
		t.Errorf("severity = %v, want error", d.Severity())
	}
	wp, ok := d.(diag.DiagnosticWithPath)
	if !ok {
		t.Fatalf("diagnostic has no attribute path: %v", d)
	}
	if !wp.Path().Equal(p) {
		t.Errorf("path = %s, want %s", wp.Path(), p)
	}
	if d.Summary() != summary {
		t.Errorf("summary = %q, want %q", d.Summary(), summary)
	}
	detail := d.Detail()
	if reason == "" {
		t.Fatalf("test value %q is valid", value)
	}
	for _, want := range []string{fmt.Sprintf("%q", value), reason, rule} {
		if !strings.Contains(detail, want) {
			t.Errorf("detail does not contain %s:\n%s", want, detail)
		}
	}
	if code := codeOf(summary); code != "" && !strings.Contains(detail, code+" (HTTP 400)") {
		t.Errorf("detail does not name %s (HTTP 400):\n%s", code, detail)
	}
}

// codeOf returns the code in parentheses at the end of a summary.
func codeOf(summary string) string {
	i := strings.LastIndex(summary, " (")
	if i < 0 || !strings.HasSuffix(summary, ")") {
		return ""
	}
	return summary[i+2 : len(summary)-1]
}

// TestValidatorDetail pins the whole text of one diagnostic.
func TestValidatorDetail(t *testing.T) {
	t.Parallel()
	diags := validate(TrailName(), path.Root("name"), types.StringValue("Trail-1"))
	want := diag.Diagnostics{diag.NewAttributeErrorDiagnostic(
		path.Root("name"),
		"Invalid Trail Name (InvalidTrailNameException)",
		`The trail name "Trail-1" is not valid: it must start with a lowercase letter (a-z), not "T". `+
			`ActionTrail trail names are 6-36 characters long, start with a lowercase letter (a-z) and contain only lowercase letters, digits, "-" and "_". `+
			`CreateTrail would reject it with InvalidTrailNameException (HTTP 400). `+
			`Choose a name such as "audit-trail-1".`,
	)}
	if !diags.Equal(want) {
		t.Errorf("got:\n%v\nwant:\n%v", diags, want)
	}
}

// TestValidatorFieldDetail checks the wording when the reason is about one
// field of an ARN.
func TestValidatorFieldDetail(t *testing.T) {
	t.Parallel()
	value := "acs:log:cn-shanghai::project/Abc"
	diags := validate(SLSProjectARN(), path.Root("sls_project_arn"), types.StringValue(value))
	checkDiagnostic(t, diags, path.Root("sls_project_arn"), "Invalid SLS Project ARN (InvalidQueryParameter)", value, SLSProjectARNProblem(value), SLSProjectARNRule)
	want := `The SLS project ARN "acs:log:cn-shanghai::project/Abc" is not valid: its project name must start with`
	if !strings.HasPrefix(diags[0].Detail(), want) {
		t.Errorf("detail does not start with %q:\n%s", want, diags[0].Detail())
	}
}

// TestValidatorsEveryCase runs every invalid table case of the check functions
// through the matching validator.
func TestValidatorsEveryCase(t *testing.T) {
	t.Parallel()
	tables := map[string][]problemCase{
		"TrailName":     trailNameCases,
		"BucketName":    bucketNameCases,
		"KeyPrefix":     keyPrefixCases,
		"SLSProjectARN": slsProjectARNCases,
		"RoleARN":       roleARNCases,
		"RoleName":      roleNameCases,
		"RegionID":      regionIDCases,
	}
	for name, cases := range tables {
		vt := validatorsUnderTest[name]
		for _, tc := range cases {
			t.Run(name+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				p := path.Root("attr")
				diags := validate(vt.validator, p, types.StringValue(tc.value))
				if tc.want == "" || tc.value == "" && emptyIsUnset[name] { // "": see TestValidators
					if len(diags) != 0 {
						t.Fatalf("want no diagnostics for %q, got %v", tc.value, diags)
					}
					return
				}
				checkDiagnostic(t, diags, p, vt.summary, tc.value, tc.want, vt.rule)
			})
		}
	}
}

// TestValidatorDescriptions checks that descriptions state the rule and follow
// the framework's conventions: start lowercase, no final punctuation.
func TestValidatorDescriptions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for name, vt := range validatorsUnderTest {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, d := range []struct{ got, rule string }{
				{vt.validator.Description(ctx), vt.rule},
				{vt.validator.MarkdownDescription(ctx), vt.markdown},
			} {
				if d.got == "" || !unicode.IsLower([]rune(d.got)[0]) {
					t.Errorf("description does not start lowercase: %q", d.got)
				}
				if strings.HasSuffix(d.got, ".") || strings.Contains(d.got, "\n") {
					t.Errorf("description ends with punctuation or has a newline: %q", d.got)
				}
				if !strings.Contains(d.got, strings.TrimSuffix(d.rule, ".")) {
					t.Errorf("description %q does not state the rule %q", d.got, d.rule)
				}
			}
		})
	}
}
