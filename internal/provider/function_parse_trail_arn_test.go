package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

var trailARNPartsType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
	"region": tftypes.String, "account_id": tftypes.String, "name": tftypes.String,
}}

func parts(region, accountID, name string) tftypes.Value {
	return tftypes.NewValue(trailARNPartsType, map[string]tftypes.Value{
		"region": tfStr(region), "account_id": tfStr(accountID), "name": tfStr(name),
	})
}

func TestParseTrailARNFunction(t *testing.T) {
	arg := func(s string) []tftypes.Value { return []tftypes.Value{tfStr(s)} }
	runFunctionCases(t, "parse_trail_arn", trailARNPartsType, []functionCase{
		{name: "valid", args: arg("acs:actiontrail:cn-hangzhou:1234567890123456:trail/trail-test"),
			want: parts("cn-hangzhou", "1234567890123456", "trail-test")},
		{name: "what trail_arn builds", args: arg(trailARN("ap-southeast-1", "1", "a_b-c_d")),
			want: parts("ap-southeast-1", "1", "a_b-c_d")},
		{name: "empty", args: arg(""),
			wantErr: `^The trail ARN "" is not valid: it must start with "acs:actiontrail:" \(the form is acs:actiontrail:<region>:<account ID>:trail/<name>\)$`},
		{name: "another service", args: arg("acs:ram::1234567890123456:role/aliyunactiontraildefaultrole"),
			wantErr: `it must start with "acs:actiontrail:"`},
		{name: "too few fields", args: arg("acs:actiontrail:cn-hangzhou:trail/trail-test"),
			wantErr: `it must have five fields separated by ":"`},
		{name: "not a trail", args: arg("acs:actiontrail:cn-hangzhou:1:bucket/trail-test"),
			wantErr: `it must end with ":trail/<name>" \(the form is .*\), not "bucket/trail-test"`},
		{name: "bad region", args: arg("acs:actiontrail:hangzhou:1:trail/trail-test"),
			wantErr: `its region "hangzhou" must contain at least one "-", as in "cn-hangzhou"\. Region IDs such as`},
		{name: "empty account", args: arg("acs:actiontrail:cn-hangzhou::trail/trail-test"),
			wantErr: `its account ID "" must not be empty\. Account IDs are`},
		{name: "account with letters", args: arg("acs:actiontrail:cn-hangzhou:12x:trail/trail-test"),
			wantErr: `its account ID "12x" contains the character "x" at position 3; only digits \(0-9\) are allowed`},
		{name: "name with a colon", args: arg("acs:actiontrail:cn-hangzhou:1:trail/trail:test"),
			wantErr: `its trail name "trail:test" contains the character ":" at position 6; .* ActionTrail trail names`},
		{name: "empty name", args: arg("acs:actiontrail:cn-hangzhou:1:trail/"),
			wantErr: `its trail name "" must not be empty`},
		{name: "null", args: []tftypes.Value{nullStr}, wantErr: `^The arn argument must not be null$`},
		{name: "unknown", args: []tftypes.Value{unknownStr}, want: tftypes.NewValue(trailARNPartsType, tftypes.UnknownValue)},
	})
}

func TestAccFunction_parseTrailARN(t *testing.T) {
	functionTest(t, func(e *accEnv) []resource.TestStep {
		return []resource.TestStep{
			{
				Config: e.config(`
output "bad" {
  value = provider::actiontrail::parse_trail_arn("acs:actiontrail:cn-hangzhou:1:trail/Trail-Test")
}
`),
				ExpectError: regexp.MustCompile(`(?s)Invalid value for "arn" parameter: The trail ARN.*its\s+trail\s+name\s+"Trail-Test"`),
			},
			{
				Config: e.config(`
locals {
  parts = provider::actiontrail::parse_trail_arn("acs:actiontrail:cn-hangzhou:1234567890123456:trail/trail-test")
}

output "parts" {
  value = local.parts
}

# The parts make an import ID, and trail_arn gives the ARN back.
output "import_id" {
  value = "${local.parts.region}:${local.parts.name}"
}

output "round_trip" {
  value = provider::actiontrail::trail_arn(local.parts.region, local.parts.account_id, local.parts.name)
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("parts", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"region":     knownvalue.StringExact("cn-hangzhou"),
						"account_id": knownvalue.StringExact("1234567890123456"),
						"name":       knownvalue.StringExact("trail-test"),
					})),
					statecheck.ExpectKnownOutputValue("import_id", knownvalue.StringExact("cn-hangzhou:trail-test")),
					statecheck.ExpectKnownOutputValue("round_trip", knownvalue.StringExact("acs:actiontrail:cn-hangzhou:1234567890123456:trail/trail-test")),
				},
			},
		}
	})
}
