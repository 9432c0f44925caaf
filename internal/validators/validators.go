package validators

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var (
	_ validator.String = ruleValidator{}
	_ validator.String = firstRuleValidator{}
)

// rule ties a check function to the words its diagnostics use.
type rule struct {
	noun       string // "trail name", used in the detail and Description; capitalised, the summary's title
	code       string // API error code, "" when the API has none for it
	rejectedBy string // the actions that check the value and answer code
	text       string // plain-text rule
	markdown   string // Markdown rule
	// consequence is what the API would do with the value, when it is not that rejectedBy
	// answers code with HTTP 400.
	consequence string
	advice      string // what to do instead
	check       func(string) string
	// emptyIsUnset: "" means the setting is not set (an optional delivery setting: modules written for
	// the official provider pass "" for what they do not use, and the API reads a parameter sent empty
	// as no value), so it is left alone like null.
	emptyIsUnset bool
}

// Values of rule.rejectedBy.
const (
	createTrail          = "CreateTrail"                 // a setting UpdateTrail cannot change
	createAndUpdateTrail = "CreateTrail and UpdateTrail" // a setting both send
)

var (
	trailNameRule = rule{
		noun: "trail name", code: CodeInvalidTrailName, rejectedBy: createTrail,
		text: TrailNameRule, markdown: TrailNameRuleMarkdown,
		advice: TrailNameAdvice,
		check:  TrailNameProblem,
	}
	bucketNameRule = rule{
		noun: "OSS bucket name", code: CodeInvalidBucketName, rejectedBy: createAndUpdateTrail,
		text: BucketNameRule, markdown: BucketNameRuleMarkdown,
		advice:       BucketNameAdvice,
		check:        BucketNameProblem,
		emptyIsUnset: true,
	}
	keyPrefixRule = rule{
		noun: "OSS key prefix", code: CodeInvalidPrefix, rejectedBy: createAndUpdateTrail,
		text: KeyPrefixRule, markdown: KeyPrefixRuleMarkdown,
		advice: KeyPrefixAdvice,
		check:  KeyPrefixProblem,
	}
	slsProjectARNRule = rule{
		noun: "SLS project ARN", code: CodeInvalidQueryParameter, rejectedBy: createAndUpdateTrail,
		text: SLSProjectARNRule, markdown: SLSProjectARNRuleMarkdown,
		advice:       `Use the ARN of an existing SLS project, such as "acs:log:cn-hangzhou:1234567890123456:project/audit-logs".`,
		check:        SLSProjectARNProblem,
		emptyIsUnset: true,
	}
	maxComputeARNRule = rule{
		noun: "MaxCompute project ARN", code: CodeInvalidQueryParameter, rejectedBy: createAndUpdateTrail,
		text: MaxComputeProjectARNRule, markdown: MaxComputeProjectARNRuleMarkdown,
		advice:       MaxComputeProjectARNAdvice,
		check:        maxComputeARNShapeProblem,
		emptyIsUnset: true,
	}
	// A well-formed ARN of a project ActionTrail does not deliver to has a code of its own.
	maxComputePrefixRule = func() rule {
		r := maxComputeARNRule
		r.code, r.check = CodeInvalidMaxComputeProjectArn, maxComputeProjectPrefixProblem
		return r
	}()
	roleARNRule = rule{
		noun: "RAM role ARN", code: CodeInvalidQueryParameter, rejectedBy: createAndUpdateTrail,
		text: RoleARNRule, markdown: RoleARNRuleMarkdown,
		advice:       `Use the ARN of an existing RAM role, such as "acs:ram::1234567890123456:role/aliyunactiontraildefaultrole".`,
		check:        RoleARNProblem,
		emptyIsUnset: true,
	}
	roleNameRule = rule{
		noun: "RAM role name", code: CodeInvalidQueryParameter, rejectedBy: createTrail,
		text: RoleNameRule, markdown: RoleNameRuleMarkdown,
		advice: `Use the name of an existing RAM role, such as "aliyunactiontraildefaultrole".`,
		check:  RoleNameProblem,
	}
	// The API documents no code for a malformed region: the region selects
	// the endpoint, so such a request never reaches ActionTrail.
	regionIDRule = rule{
		noun: "region ID",
		text: RegionIDRule, markdown: RegionIDRuleMarkdown,
		consequence: "Requests go to the endpoint actiontrail.<region>.aliyuncs.com, so none could succeed with it.",
		advice:      RegionIDAdvice,
		check:       RegionProblem,
	}
)

// What to do about a value that breaks a rule, in plain text: the end of the rule's diagnostics, and
// the hint of the rule's API error code (internal/client's error catalog).
const (
	TrailNameAdvice            = `Choose a name such as "audit-trail-1".`
	BucketNameAdvice           = `Use the name of an existing OSS bucket, such as "audit-logs-2024".`
	KeyPrefixAdvice            = `Leave it empty or use a prefix such as "actiontrail/".`
	MaxComputeProjectARNAdvice = `Use the ARN of a MaxCompute project named actiontrail_<name>, such as "acs:odps:cn-hangzhou:1234567890123456:project/actiontrail_audit".`
	RegionIDAdvice             = `Use a region ID such as "cn-hangzhou" or "ap-southeast-1". For a region newer than this provider's list, ` +
		`set skip_region_validation = true in the provider block.`
)

// TrailName returns a validator for trail names (TrailNameRule). Its
// diagnostics name CodeInvalidTrailName.
func TrailName() validator.String { return ruleValidator{trailNameRule} }

// BucketName returns a validator for OSS bucket names (BucketNameRule). Its
// diagnostics name CodeInvalidBucketName.
func BucketName() validator.String { return ruleValidator{bucketNameRule} }

// KeyPrefix returns a validator for OSS key prefixes (KeyPrefixRule); the
// empty string is valid. Its diagnostics name CodeInvalidPrefix.
func KeyPrefix() validator.String { return ruleValidator{keyPrefixRule} }

// SLSProjectARN returns a validator for SLS project ARNs (SLSProjectARNRule).
// Its diagnostics name CodeInvalidQueryParameter.
func SLSProjectARN() validator.String { return ruleValidator{slsProjectARNRule} }

// MaxComputeProjectARN returns a validator for MaxCompute project ARNs
// (MaxComputeProjectARNRule). Its diagnostics name CodeInvalidQueryParameter
// for a malformed ARN and CodeInvalidMaxComputeProjectArn for a well-formed one
// whose project name lacks MaxComputeProjectPrefix, as the API tells them apart.
func MaxComputeProjectARN() validator.String {
	return firstRuleValidator{maxComputeARNRule, maxComputePrefixRule}
}

// RoleARN returns a validator for RAM role ARNs such as oss_write_role_arn,
// sls_write_role_arn and max_compute_write_role_arn (RoleARNRule). Its diagnostics name
// CodeInvalidQueryParameter.
func RoleARN() validator.String { return ruleValidator{roleARNRule} }

// RoleName returns a validator for RAM role names, the 2017-12-04 API's
// RoleName (RoleNameRule). Its diagnostics name CodeInvalidQueryParameter.
func RoleName() validator.String { return ruleValidator{roleNameRule} }

// RegionID returns a validator for region IDs (RegionIDRule) that also refuses a
// misspelt known region, suggesting the region meant (RegionProblem). The API has
// no error code for a malformed region, so its diagnostics name none.
func RegionID() validator.String { return ruleValidator{regionIDRule} }

// ruleValidator implements validator.String for one rule.
type ruleValidator struct {
	rule rule
}

// Description states the rule in plain text.
func (v ruleValidator) Description(_ context.Context) string {
	return "value must be a valid " + v.rule.noun + ": " + strings.TrimSuffix(v.rule.text, ".")
}

// MarkdownDescription states the rule in Markdown.
func (v ruleValidator) MarkdownDescription(_ context.Context) string {
	return "value must be a valid " + v.rule.noun + ": " + strings.TrimSuffix(v.rule.markdown, ".")
}

// ValidateString adds an attribute error when a known value breaks the rule.
// Null and unknown values are left alone, and "" where it means not set.
func (v ruleValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if v.rule.emptyIsUnset && req.ConfigValue.ValueString() == "" {
		return
	}
	value := req.ConfigValue.ValueString()
	problem := v.rule.check(value)
	if problem == "" {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, v.rule.summary(), v.rule.detail(value, problem))
}

// firstRuleValidator checks rules in order and reports the first one broken:
// for a value the API checks in stages, each stage with its own code.
type firstRuleValidator []rule

// Description states the (shared) rule in plain text.
func (v firstRuleValidator) Description(ctx context.Context) string {
	return ruleValidator{v[0]}.Description(ctx)
}

// MarkdownDescription states the (shared) rule in Markdown.
func (v firstRuleValidator) MarkdownDescription(ctx context.Context) string {
	return ruleValidator{v[0]}.MarkdownDescription(ctx)
}

// ValidateString reports the first rule a known value breaks. Null and
// unknown values are left alone.
func (v firstRuleValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	for _, r := range v {
		var one validator.StringResponse
		ruleValidator{r}.ValidateString(ctx, req, &one)
		resp.Diagnostics.Append(one.Diagnostics...)
		if one.Diagnostics.HasError() {
			return
		}
	}
}

// summary is the diagnostic summary: "Invalid Trail Name (InvalidTrailNameException)".
func (r rule) summary() string {
	words := strings.Fields(r.noun)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	title := strings.Join(words, " ")
	if r.code == "" {
		return "Invalid " + title
	}
	return "Invalid " + title + " (" + r.code + ")"
}

// outcome is what the API would do with a value that breaks the rule.
func (r rule) outcome() string {
	if r.consequence != "" {
		return r.consequence
	}
	return r.rejectedBy + " would reject it with " + r.code + " (HTTP 400)."
}

// detail is the diagnostic detail: the value, the reason, the rule, the
// consequence and the advice.
func (r rule) detail(value, problem string) string {
	if !strings.HasPrefix(problem, "its ") {
		problem = "it " + problem
	}
	return fmt.Sprintf("The %s %q is not valid: %s. %s %s %s", r.noun, value, problem, r.text, r.outcome(), r.advice)
}
