package provider

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
)

// apiErrorGuide says, per API error code, which attribute is to blame and what to do.
var apiErrorGuide = map[string]struct {
	attr string // "" blames the resource as a whole
	fix  string
}{
	client.CodeInvalidTrailName:         {"name", "Use 6-36 characters: a lowercase letter first, then lowercase letters, digits, \"-\" or \"_\"."},
	client.CodeTrailAlreadyExists:       {"name", "Import the existing trail (terraform import ADDRESS REGION:NAME, with ADDRESS the resource address shown above) or choose another name."},
	client.CodeMaximumNumberOfTrails:    {"name", "Delete a trail in this region or ask Alibaba Cloud to raise the quota (5 trails per region by default)."},
	client.CodeTrailNotFound:            {"name", "The trail was deleted outside Terraform; run terraform apply again to recreate it."},
	client.CodeInvalidBucketName:        {"oss_bucket_name", "Use 3-63 lowercase letters, digits or \"-\", starting and ending with a letter or digit."},
	client.CodeBucketDoesNotExist:       {"oss_bucket_name", "Create the bucket first (in the same configuration, with depends_on if needed) or fix its name."},
	client.CodeInsufficientBucketPolicy: {"oss_bucket_name", "Grant ActionTrail write access to the bucket (bucket policy, or the role in oss_write_role_arn), then apply again."},
	"RepeatOssBucket":                   {"oss_bucket_name", "Another trail already delivers to this bucket and prefix; use another bucket or oss_key_prefix."},
	client.CodeInvalidPrefix:            {"oss_key_prefix", "Leave it empty, or use 6-32 letters, digits, \"-\", \"/\" or \"_\", starting with a letter."},
	client.CodeSlsProjectDoesNotExist:   {"sls_project_arn", "Create the Log Service project first or fix the ARN (acs:log:<region>:<account id>:project/<name>)."},
	client.CodeInsufficientSlsPolicy:    {"sls_project_arn", "Grant ActionTrail write access to the project (the role in sls_write_role_arn), then apply again."},
	client.CodeInvalidDeliveryConfig:    {"", "Set at least one of oss_bucket_name, sls_project_arn and max_compute_project_arn."},

	client.CodeInvalidMaxComputeProjectArn:   {"max_compute_project_arn", "Use the ARN of a MaxCompute project whose name starts with actiontrail_ (acs:odps:<region>:<account id>:project/actiontrail_<name>)."},
	client.CodeMaxComputeProjectDoesNotExist: {"max_compute_project_arn", "Create the MaxCompute project first (its name must start with actiontrail_) or fix the ARN (acs:odps:<region>:<account id>:project/actiontrail_<name>)."},
	"NotAllowCreateOrganizationTrail": {"is_organization_trail", "Only the management account of the resource directory " +
		"(or its delegated administrator for ActionTrail) creates organization trails. Create this trail with a provider " +
		"configuration of that account (e.g. a provider alias without assume_role), or set is_organization_trail = false " +
		"for a trail of this account alone."},
}

// providerCodes are failures of the provider's settings rather than of the resource.
var providerCodes = map[string]string{
	client.CodeInvalidAccessKeyIDNotFound: "Check access_key (or the environment/profile it comes from): the API does not know it.",
	"InvalidAccessKeyId.Inactive":         "The access key is disabled: enable it in the RAM console or use another.",
	client.CodeSignatureDoesNotMatch:      "Check secret_key: it does not belong to access_key.",
	"IncompleteSignature":                 "Check secret_key and the endpoint: the request's signature was not accepted.",
	"InvalidSecurityToken.Expired":        "The STS security_token has expired: fetch new temporary credentials.",
	"InvalidSecurityToken.Mismatch":       "The STS security_token does not belong to access_key: fetch a matching set.",
	"InvalidSecurityToken.Malformed":      "The STS security_token is malformed: fetch new temporary credentials.",
	"InvalidTimeStamp.Expired":            "This machine's clock is more than 15 minutes off: fix the clock.",
	"SignatureNonceUsed":                  "A request was replayed; run the command again.",
	"Forbidden.RAM":                       "Grant the RAM user the actiontrail:* permissions this operation needs.",
	"NoPermission":                        "Grant the RAM user the actiontrail:* permissions this operation needs.",
}

// addAPIError turns a failed call into a diagnostic on the attribute to blame, with the code, the
// HTTP status, the RequestId, the API's message and what to do. verb says what the provider was
// doing ("create", "update", ...).
func addAPIError(diags *diag.Diagnostics, verb, name string, err error) {
	var e *client.Error
	if !errors.As(err, &e) {
		diags.AddError(fmt.Sprintf("Cannot %s Trail", titleVerb(verb)), fmt.Sprintf("Could not %s trail %q: %s", verb, name, err))
		return
	}
	summary := fmt.Sprintf("Cannot %s Trail", titleVerb(verb))
	var b strings.Builder
	fmt.Fprintf(&b, "Could not %s trail %q in %s.\n", verb, name, e.Region)
	fix := ""
	switch e.Kind {
	case client.KindAPI, client.KindConflict:
		summary += ": " + e.Code
		fmt.Fprintf(&b, "%s answered %s (HTTP %d, RequestId: %s): %s\n", e.Action, e.Code, e.HTTPStatus, e.RequestIDText(), e.Message)
		if g, ok := apiErrorGuide[e.Code]; ok {
			fix = g.fix
		} else if f, ok := providerCodes[e.Code]; ok {
			fix = f
		}
	case client.KindMalformed:
		summary += ": Unreadable API Answer"
		fmt.Fprintf(&b, "%s answered HTTP %d with a body that is not an ActionTrail answer: %s\n", e.Action, e.HTTPStatus, e.Message)
		fix = "Check that endpoint points at an ActionTrail API (or a proxy that passes its answers through)."
	case client.KindTransport:
		summary += ": Network Error"
		fmt.Fprintf(&b, "%s did not get an answer: %s\n", e.Action, e.Cause)
		fix = "Check the network path to the endpoint; run terraform apply again once it is reachable."
	case client.KindCanceled:
		summary += ": Cancelled or Timed Out"
		fmt.Fprintf(&b, "%s was stopped: %s\n", e.Action, e.Cause)
		fix = "Raise the timeouts block's value for this operation if the API is slow, or run the command again."
	default:
		fmt.Fprintf(&b, "%s failed: %s\n", e.Action, e.Cause)
	}
	if e.Recommend != "" {
		fmt.Fprintf(&b, "The API recommends: %s\n", e.Recommend)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, "Gave up after %d attempts over %s.\n", e.Attempts, e.RetriedFor)
	}
	if e.Note != "" {
		fmt.Fprintf(&b, "Note: %s.\n", e.Note)
	}
	if fix != "" {
		fmt.Fprintf(&b, "What to do: %s", fix)
	}
	detail := strings.TrimRight(b.String(), "\n")
	if g, ok := apiErrorGuide[e.Code]; ok && g.attr != "" && e.Kind != client.KindMalformed {
		diags.AddAttributeError(path.Root(g.attr), summary, detail)
		return
	}
	diags.AddError(summary, detail)
}

func titleVerb(verb string) string {
	words := strings.Fields(verb)
	for i, w := range words {
		if w != "for" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

// addCreateError reports a failed create. A create whose outcome is unknown says that the trail
// may exist and how to take it over, since nothing was saved to the state.
func addCreateError(diags *diag.Diagnostics, name string, err error) {
	var u *client.UnconfirmedCreateError
	if !errors.As(err, &u) {
		addAPIError(diags, "create", name, err)
		return
	}
	var last diag.Diagnostics
	addAPIError(&last, "create", name, u.Err)
	lastDetail := ""
	if len(last) > 0 {
		lastDetail = last[0].Detail()
	}
	diags.AddError("Trail May Exist: Create Unconfirmed",
		fmt.Sprintf("Creating trail %q in %s is unconfirmed: %d CreateTrail attempt(s) ended without a clear answer (a server "+
			"error or a broken connection after the request was sent), and no later read settled whether the trail was "+
			"created. It may exist now without being in the Terraform state.\n"+
			"Check with the console or DescribeTrails, then, if it exists and has this configuration:\n%s\n"+
			"If it does not exist, run terraform apply again.\n\nThe last failure:\n%s",
			name, u.Region, u.LostAnswers, importAdvice(u.Region, name), lastDetail))
}

// addLookupFailure reports a failed plan-time lookup of a region's trails. An endpoint that could
// not be reached at all is an error (an apply could not succeed either); any other failure only
// warns, and the plan goes on.
func addLookupFailure(diags *diag.Diagnostics, region, name string, err error) {
	var e *client.Error
	if errors.As(err, &e) && e.Kind == client.KindTransport && !e.Reached {
		diags.AddError("ActionTrail Endpoint Unreachable",
			fmt.Sprintf("Listing the trails of %s before creating %q got no answer: %s. Check the provider's endpoint "+
				"setting (or its region, which names the endpoint actiontrail.<region>.aliyuncs.com), the network path "+
				"and any proxy settings (HTTPS_PROXY), then plan again.", region, name, e.Cause))
		return
	}
	diags.AddAttributeWarning(path.Root("name"), "Could Not Check for an Existing Trail",
		fmt.Sprintf("Looking up the trails of %s before creating %q failed, so the plan could not check that the name is "+
			"free and the quota not reached. The apply will tell. The lookup said: %s", region, name, err))
}
