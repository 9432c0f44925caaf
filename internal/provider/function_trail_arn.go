package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/validators"
)

var _ function.StringParameterValidator = ruleParameter{}

// trailARNPrefix starts every trail ARN: acs:actiontrail:<region>:<account id>:trail/<name>.
const trailARNPrefix = "acs:actiontrail:"

// accountIDRule states the account ID part of the ARN rules (validators.AccountIDProblem).
const accountIDRule = `Account IDs are the digits of the Alibaba Cloud account's ID (its UID), such as "1234567890123456".`

// NewTrailARNFunction returns provider::actiontrail::trail_arn, which builds a trail's ARN from
// its parts, as the API reports it in TrailArn.
func NewTrailARNFunction() function.Function {
	return providerFunction{name: "trail_arn", definition: function.Definition{
		Summary: "The ARN of a trail, from its region, account ID and name",
		MarkdownDescription: "Returns `acs:actiontrail:<region>:<account id>:trail/<name>`, the ARN the API reports as a " +
			"trail's `TrailArn` (the resource's `trail_arn`), for a trail that may not be managed here, e.g. in a RAM " +
			"policy. Each argument is checked with the rules the resource applies: a bad value is an error naming the " +
			"argument, at plan time. `provider::actiontrail::parse_trail_arn` does the reverse." +
			functionsNote,
		Parameters: []function.Parameter{
			function.StringParameter{
				Name: "region",
				MarkdownDescription: "The trail's home region, e.g. `cn-hangzhou` (the resource's `region`). " +
					validators.RegionIDRuleMarkdown,
				Validators: []function.StringParameterValidator{
					ruleParameter{noun: "region ID", rule: validators.RegionIDRule, check: validators.RegionIDProblem},
				},
			},
			function.StringParameter{
				Name:                "account_id",
				MarkdownDescription: "The ID of the Alibaba Cloud account that owns the trail, e.g. `1234567890123456`: digits.",
				Validators: []function.StringParameterValidator{
					ruleParameter{noun: "account ID", rule: accountIDRule, check: accountIDProblem},
				},
			},
			function.StringParameter{
				Name:                "name",
				MarkdownDescription: "The trail's name (the resource's `name`). " + validators.TrailNameRuleMarkdown,
				Validators: []function.StringParameterValidator{
					ruleParameter{noun: "trail name", rule: validators.TrailNameRule, check: validators.TrailNameProblem},
				},
			},
		},
		Return: function.StringReturn{},
	}, run: runTrailARN}
}

func runTrailARN(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	args, known, err := stringArguments(ctx, req.Arguments, "region", "account_id", "name")
	switch {
	case err != nil:
		resp.Error = err
	case !known:
		resp.Error = resp.Result.Set(ctx, types.StringUnknown())
	default:
		resp.Error = resp.Result.Set(ctx, trailARN(args[0], args[1], args[2]))
	}
}

// trailARN is the ARN of a trail, as the API writes TrailArn.
func trailARN(region, accountID, name string) string {
	return trailARNPrefix + region + ":" + accountID + ":trail/" + name
}

// accountIDProblem is validators.AccountIDProblem worded for an account ID on its own rather
// than as a field of an ARN ("must not be empty", not "its account ID must not be empty").
func accountIDProblem(s string) string {
	return strings.TrimPrefix(validators.AccountIDProblem(s), "its account ID ")
}

// ruleParameter checks a string argument of a function against one of the API's rules, so that
// a function refuses what the resource's validators refuse, with the same reasons.
type ruleParameter struct {
	noun  string              // "trail name"
	rule  string              // the rule in plain text, e.g. validators.TrailNameRule
	check func(string) string // "" or the reason, e.g. validators.TrailNameProblem
}

func (p ruleParameter) ValidateParameterString(_ context.Context, req function.StringParameterValidatorRequest, resp *function.StringParameterValidatorResponse) {
	if req.Value.IsNull() || req.Value.IsUnknown() {
		return // the framework refuses null arguments; Terraform does not call with unknown ones
	}
	if problem := p.check(req.Value.ValueString()); problem != "" {
		resp.Error = function.NewArgumentFuncError(req.ArgumentPosition,
			funcErrorText(fmt.Sprintf("The %s %q is not valid: it %s. %s", p.noun, req.Value.ValueString(), problem, p.rule)))
	}
}

// funcErrorText is the text of a function error: Terraform prints it after `Invalid value for
// "<parameter>" parameter: ` and adds a full stop, so the text ends without one.
func funcErrorText(s string) string {
	return strings.TrimSuffix(s, ".")
}
