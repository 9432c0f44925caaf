package provider

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

// functionCase is one call of a provider-defined function through the provider's protocol server,
// as Terraform makes it.
type functionCase struct {
	name string
	args []tftypes.Value
	want tftypes.Value // when wantErr is empty
	// wantErr matches the function error's text; wantArg is the argument it blames (-1: none).
	wantErr string
	wantArg int64
}

func tfStr(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

var (
	nullStr    = tftypes.NewValue(tftypes.String, nil)
	unknownStr = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
)

func runFunctionCases(t *testing.T, function string, ret tftypes.Type, cases []functionCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := make([]*tfprotov6.DynamicValue, len(tc.args))
			for i, a := range tc.args {
				dv, err := tfprotov6.NewDynamicValue(tftypes.String, a)
				if err != nil {
					t.Fatal(err)
				}
				args[i] = &dv
			}
			resp, err := NewServer("test")().CallFunction(context.Background(), &tfprotov6.CallFunctionRequest{Name: function, Arguments: args})
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantErr != "" {
				if resp.Error == nil {
					t.Fatalf("no error; want %q", tc.wantErr)
				}
				if !regexp.MustCompile(tc.wantErr).MatchString(resp.Error.Text) {
					t.Errorf("error %q does not match %q", resp.Error.Text, tc.wantErr)
				}
				var gotArg int64 = -1
				if resp.Error.FunctionArgument != nil {
					gotArg = *resp.Error.FunctionArgument
				}
				if gotArg != tc.wantArg {
					t.Errorf("error blames argument %d, want %d (%s)", gotArg, tc.wantArg, resp.Error.Text)
				}
				return
			}
			if resp.Error != nil {
				t.Fatalf("error: %s", resp.Error.Text)
			}
			got, err := resp.Result.Unmarshal(ret)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestTrailARNFunction(t *testing.T) {
	const acct = "1234567890123456"
	runFunctionCases(t, "trail_arn", tftypes.String, []functionCase{
		{name: "valid", args: []tftypes.Value{tfStr("cn-hangzhou"), tfStr(acct), tfStr("trail-test")},
			want: tfStr("acs:actiontrail:cn-hangzhou:" + acct + ":trail/trail-test")},
		{name: "longest name", args: []tftypes.Value{tfStr("ap-southeast-1"), tfStr("1"), tfStr("a23456789012345678901234567890123456")},
			want: tfStr("acs:actiontrail:ap-southeast-1:1:trail/a23456789012345678901234567890123456")},
		{name: "bad region", args: []tftypes.Value{tfStr("cn_hangzhou"), tfStr(acct), tfStr("trail-test")},
			wantErr: `^The region ID "cn_hangzhou" is not valid: it contains the character "_" at position 3; .*Region IDs such as`, wantArg: 0},
		{name: "empty region", args: []tftypes.Value{tfStr(""), tfStr(acct), tfStr("trail-test")},
			wantErr: `^The region ID "" is not valid: it must not be empty\.`, wantArg: 0},
		{name: "empty account", args: []tftypes.Value{tfStr("cn-hangzhou"), tfStr(""), tfStr("trail-test")},
			wantErr: `^The account ID "" is not valid: it must not be empty\. Account IDs are`, wantArg: 1},
		{name: "account with letters", args: []tftypes.Value{tfStr("cn-hangzhou"), tfStr("12ab"), tfStr("trail-test")},
			wantErr: `^The account ID "12ab" is not valid: it contains the character "a" at position 3; only digits`, wantArg: 1},
		{name: "uppercase name", args: []tftypes.Value{tfStr("cn-hangzhou"), tfStr(acct), tfStr("Trail-test")},
			wantErr: `^The trail name "Trail-test" is not valid: it must start with a lowercase letter \(a-z\), not "T"\. ActionTrail trail names`, wantArg: 2},
		{name: "short name", args: []tftypes.Value{tfStr("cn-hangzhou"), tfStr(acct), tfStr("trail")},
			wantErr: `it must be at least 6 characters long \(it has 5\)`, wantArg: 2},
		// Terraform refuses null arguments itself (the parameters do not allow them) and does not
		// call with unknown ones; called anyway, the function blames the null argument and gives
		// an unknown result for an unknown one.
		{name: "null name", args: []tftypes.Value{tfStr("cn-hangzhou"), tfStr(acct), nullStr},
			wantErr: `^The name argument must not be null$`, wantArg: 2},
		{name: "unknown region", args: []tftypes.Value{unknownStr, tfStr(acct), tfStr("trail-test")},
			want: unknownStr},
	})
}

// functionTest runs the steps that steps makes for a test's backend as an acceptance test of the
// provider's functions, on Terraform 1.8 or later (the first with provider-defined functions).
func functionTest(t *testing.T, steps func(e *accEnv) []resource.TestStep) {
	t.Helper()
	// Terraform calls functions without configuring the provider; OpenTofu configures it first,
	// so the configurations carry the provider block of the test's backend.
	e := newAccEnv(t, emulator.Config{})
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProviders,
		Steps:                    steps(e),
	})
}

// The functions run inside Terraform: outputs computed from them, values known only after
// apply, and errors on the argument to blame at plan time.
func TestAccFunction_trailARN(t *testing.T) {
	functionTest(t, func(e *accEnv) []resource.TestStep {
		return []resource.TestStep{
			{
				Config: e.config(`
output "bad" {
  value = provider::actiontrail::trail_arn("cn-hangzhou", "12ab", "trail-test")
}
`),
				ExpectError: regexp.MustCompile(`Invalid value for "account_id" parameter: The account ID "12ab" is\s+not\s+valid`),
			},
			{
				Config: e.config(`
output "bad" {
  value = provider::actiontrail::trail_arn("cn-hangzhou", "1", null)
}
`),
				ExpectError: regexp.MustCompile(`Invalid value for "name" parameter: argument must not be null`),
			},
			{
				Config: e.config(`
resource "terraform_data" "name" {
  input = "trail-later"
}

output "arn" {
  value = provider::actiontrail::trail_arn("cn-hangzhou", "1234567890123456", "trail-test")
}

output "later" {
  value = provider::actiontrail::trail_arn("cn-shanghai", "1", terraform_data.name.output)
}
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownOutputValue("later")},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("arn", knownvalue.StringExact("acs:actiontrail:cn-hangzhou:1234567890123456:trail/trail-test")),
					statecheck.ExpectKnownOutputValue("later", knownvalue.StringExact("acs:actiontrail:cn-shanghai:1:trail/trail-later")),
				},
			},
		}
	})
}
