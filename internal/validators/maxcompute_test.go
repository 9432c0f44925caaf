package validators

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The MaxCompute project ARN rule, checked in two stages with a code each: the ARN's shape
// (InvalidQueryParameter), then the actiontrail_ prefix of its project name
// (InvalidMaxComputeProjectArnException).

const maxComputeNameAllowed = `only letters (a-z or A-Z), digits (0-9) and "_" are allowed`

// maxComputeARNCases: "prefix" marks the reasons of the second stage.
var maxComputeARNCases = []struct {
	problemCase
	prefix bool
}{
	{problemCase: problemCase{"valid", "acs:odps:cn-hangzhou:1234567890123456:project/actiontrail_audit", ""}},
	{problemCase: problemCase{"valid shortest name", "acs:odps:cn-hangzhou:1:project/actiontrail_a", ""}},
	{problemCase: problemCase{"valid 28-character name", "acs:odps:cn-hangzhou:1:project/actiontrail_" + strings.Repeat("A", 16), ""}},
	{problemCase: problemCase{"valid digits and underscores", "acs:odps:ap-southeast-1:1:project/actiontrail_2026_q1", ""}},
	{problemCase: problemCase{"empty", "", `must start with "acs:odps:" (the form is acs:odps:<region>:<account ID>:project/<project name>)`}},
	{problemCase: problemCase{"SLS ARN", "acs:log:cn-hangzhou::project/actiontrail_a", `must start with "acs:odps:" (the form is acs:odps:<region>:<account ID>:project/<project name>)`}},
	{problemCase: problemCase{"too few fields", "acs:odps:cn-hangzhou:project/actiontrail_a", `must have five fields separated by ":" (the form is acs:odps:<region>:<account ID>:project/<project name>)`}},
	{problemCase: problemCase{"empty region", "acs:odps::1:project/actiontrail_a", "its region must not be empty"}},
	{problemCase: problemCase{"bad region", "acs:odps:cn_hangzhou:1:project/actiontrail_a", `its region contains the character "_" at position 12; ` + regionAllowed}},
	{problemCase: problemCase{"empty account", "acs:odps:cn-hangzhou::project/actiontrail_a", "its account ID must not be empty"}},
	{problemCase: problemCase{"masked account", "acs:odps:cn-hangzhou:***:project/actiontrail_a", `its account ID contains the character "*" at position 22; only digits (0-9) are allowed`}},
	{problemCase: problemCase{"table not project", "acs:odps:cn-hangzhou:1:table/actiontrail_a", `must end with ":project/<project name>", as in "acs:odps:cn-hangzhou:1234567890123456:project/actiontrail_audit"`}},
	{problemCase: problemCase{"empty name", "acs:odps:cn-hangzhou:1:project/", "its project name must not be empty"}},
	{problemCase: problemCase{"digit first", "acs:odps:cn-hangzhou:1:project/1actiontrail_a", `its project name must start with a letter (a-z or A-Z), not "1"`}},
	{problemCase: problemCase{"hyphen in name", "acs:odps:cn-hangzhou:1:project/actiontrail-a", `its project name contains the character "-" at position 43; ` + maxComputeNameAllowed}},
	{problemCase: problemCase{"29-character name", "acs:odps:cn-hangzhou:1:project/actiontrail_" + strings.Repeat("A", 17), "its project name must be at most 28 characters long (it has 29)"}},
	{problemCase: problemCase{"2-character name", "acs:odps:cn-hangzhou:1:project/ab", "its project name must be at least 3 characters long (it has 2)"}},
	{problemCase: problemCase{"unicode position counts characters", "acs:odps:cn-hangzhou:1:project/actiontrail_é", `its project name contains the character "é" (U+00E9) at position 44; ` + maxComputeNameAllowed}},
	{problemCase: problemCase{"another prefix", "acs:odps:cn-hangzhou:1:project/audit_logs",
		`its project name must start with "actiontrail_" (ActionTrail delivers only to such projects), but it is "audit_logs"`}, prefix: true},
	{problemCase: problemCase{"uppercase prefix", "acs:odps:cn-hangzhou:1:project/ActionTrail_a",
		`its project name must start with "actiontrail_" (ActionTrail delivers only to such projects), but it is "ActionTrail_a"`}, prefix: true},
	{problemCase: problemCase{"prefix alone", "acs:odps:cn-hangzhou:1:project/actiontrail_", `its project name must continue after "actiontrail_"`}, prefix: true},
}

// maxComputeProblemCases are the cases of maxComputeARNCases, without the stage.
func maxComputeProblemCases() []problemCase {
	cases := make([]problemCase, 0, len(maxComputeARNCases))
	for _, tc := range maxComputeARNCases {
		cases = append(cases, tc.problemCase)
	}
	return cases
}

// TestMaxComputeProjectARNValidator: every case through the validator, with the code of its stage,
// plus null, unknown and a nested path.
func TestMaxComputeProjectARNValidator(t *testing.T) {
	t.Parallel()
	v := MaxComputeProjectARN()
	for _, tc := range maxComputeARNCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := path.Root("max_compute_project_arn")
			diags := validate(v, p, types.StringValue(tc.value))
			if tc.want == "" || tc.value == "" { // "" is not set: see "empty" below
				if len(diags) != 0 {
					t.Fatalf("want no diagnostics for %q, got %v", tc.value, diags)
				}
				return
			}
			summary := "Invalid MaxCompute Project ARN (InvalidQueryParameter)"
			if tc.prefix {
				summary = "Invalid MaxCompute Project ARN (InvalidMaxComputeProjectArnException)"
			}
			checkDiagnostic(t, diags, p, summary, tc.value, tc.want, MaxComputeProjectARNRule)
		})
	}
	// "": not set, as null (the delivery rule then counts it absent).
	for name, value := range map[string]types.String{"null": types.StringNull(), "unknown": types.StringUnknown(), "empty": types.StringValue("")} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if diags := validate(v, path.Root("max_compute_project_arn"), value); len(diags) != 0 {
				t.Fatalf("want no diagnostics, got %v", diags)
			}
		})
	}
	t.Run("nested path", func(t *testing.T) {
		t.Parallel()
		nested := path.Root("delivery").AtListIndex(0).AtName("value")
		value := "acs:odps:cn-hangzhou:1:project/audit_logs"
		checkDiagnostic(t, validate(v, nested, types.StringValue(value)), nested,
			"Invalid MaxCompute Project ARN (InvalidMaxComputeProjectArnException)", value, MaxComputeProjectARNProblem(value), MaxComputeProjectARNRule)
	})
}

// TestMaxComputeProjectARNTexts: the validator's descriptions state the rule (the rule texts
// themselves: TestRuleTextsAgree).
func TestMaxComputeProjectARNTexts(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	v := MaxComputeProjectARN()
	for _, d := range []struct{ got, rule string }{
		{v.Description(ctx), MaxComputeProjectARNRule},
		{v.MarkdownDescription(ctx), MaxComputeProjectARNRuleMarkdown},
	} {
		if !strings.HasPrefix(d.got, "value must be a valid MaxCompute project ARN: ") || strings.HasSuffix(d.got, ".") ||
			!strings.Contains(d.got, strings.TrimSuffix(d.rule, ".")) {
			t.Errorf("description %q does not state the rule", d.got)
		}
	}
}

// maxComputeARNRE states the rule independently of the check functions (the region part as in
// slsProjectARNRE).
var maxComputeARNRE = regexp.MustCompile(`^acs:odps:[a-z]{2,}(?:-[a-z0-9]+)+:[0-9]+:project/actiontrail_[A-Za-z0-9_]{1,16}$`)

func FuzzMaxComputeProjectARN(f *testing.F) {
	fuzzRule(f, MaxComputeProjectARNProblem, maxComputeARNRE, maxComputeProblemCases(),
		"acs:odps:cn-hangzhou:0:project/actiontrail__",
		"acs:odps:cn-hangzhou:1:project/actiontrail_a:",
		"acs:odps:cn--hangzhou:1:project/actiontrail_a",
		"acs:odps:cn-hangzhou:1:project/actiontrail_a\n",
		"acs:odps:cn-hangzhou:1:project/x:project/actiontrail_a",
		"acs:odps:",
	)
}
