package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/validators"
)

// trailARNForm is the shape of a trail ARN, for messages.
const trailARNForm = "acs:actiontrail:<region>:<account ID>:trail/<name>"

// trailARNParts is what parse_trail_arn returns.
var trailARNParts = map[string]attr.Type{
	"region":     types.StringType,
	"account_id": types.StringType,
	"name":       types.StringType,
}

// NewParseTrailARNFunction returns provider::actiontrail::parse_trail_arn, which splits a trail ARN
// into its region, account ID and name.
func NewParseTrailARNFunction() function.Function {
	return providerFunction{name: "parse_trail_arn", definition: function.Definition{
		Summary: "The region, account ID and name of a trail ARN",
		MarkdownDescription: "Splits `acs:actiontrail:<region>:<account id>:trail/<name>` (a trail's `trail_arn`, or an ARN " +
			"from a RAM policy or another tool) into an object with `region`, `account_id` and `name`. The parts are " +
			"checked with the rules the resource applies, so `\"${r.region}:${r.name}\"` of the result is an import ID " +
			"of `actiontrail_trail`. An ARN of another shape is an error, at plan time. " +
			"`provider::actiontrail::trail_arn` does the reverse." +
			functionsNote,
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "arn",
				MarkdownDescription: "A trail ARN, `" + trailARNForm + "`.",
			},
		},
		Return: function.ObjectReturn{AttributeTypes: trailARNParts},
	}, run: runParseTrailARN}
}

func runParseTrailARN(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	args, known, err := stringArguments(ctx, req.Arguments, "arn")
	if err != nil || !known {
		resp.Error = err
		if err == nil {
			resp.Error = resp.Result.Set(ctx, types.ObjectUnknown(trailARNParts))
		}
		return
	}
	arn := args[0]
	region, accountID, name, problem := parseTrailARN(arn)
	if problem != "" {
		resp.Error = function.NewArgumentFuncError(0, trailARNError(arn, problem))
		return
	}
	obj, diags := types.ObjectValue(trailARNParts, map[string]attr.Value{
		"region": types.StringValue(region), "account_id": types.StringValue(accountID), "name": types.StringValue(name),
	})
	if diags.HasError() {
		resp.Error = function.FuncErrorFromDiags(ctx, diags)
		return
	}
	resp.Error = resp.Result.Set(ctx, obj)
}

// parseTrailARN splits a trail ARN and checks its parts with the resource's rules; problem is ""
// or the reason it is not one.
func parseTrailARN(arn string) (region, accountID, name, problem string) {
	rest, ok := strings.CutPrefix(arn, trailARNPrefix)
	if !ok {
		return "", "", "", fmt.Sprintf("it must start with %q (the form is %s)", trailARNPrefix, trailARNForm)
	}
	parts := strings.SplitN(rest, ":", 3)
	if len(parts) < 3 {
		return "", "", "", fmt.Sprintf(`it must have five fields separated by ":" (the form is %s)`, trailARNForm)
	}
	region, accountID = parts[0], parts[1]
	name, ok = strings.CutPrefix(parts[2], "trail/")
	if !ok {
		return "", "", "", fmt.Sprintf(`it must end with ":trail/<name>" (the form is %s), not %q`, trailARNForm, parts[2])
	}
	if p := validators.RegionIDProblem(region); p != "" {
		return "", "", "", fmt.Sprintf("its region %q %s. %s", region, p, validators.RegionIDRule)
	}
	if p := accountIDProblem(accountID); p != "" {
		return "", "", "", fmt.Sprintf("its account ID %q %s. %s", accountID, p, accountIDRule)
	}
	if p := validators.TrailNameProblem(name); p != "" {
		return "", "", "", fmt.Sprintf("its trail name %q %s. %s", name, p, validators.TrailNameRule)
	}
	return region, accountID, name, ""
}

// trailARNError is the function error's text for an ARN that parseTrailARN refused.
func trailARNError(arn, problem string) string {
	return funcErrorText(fmt.Sprintf("The trail ARN %q is not valid: %s", arn, problem))
}
