package provider

// The diagnostics of the resource and the data source, at every stage: validate (the rules that
// span attributes; one attribute's rules are the validators'), plan (the plan-time lookup), apply
// and refresh (API errors, with the error catalog's blame and hint). The provider's own settings
// are checked, and reported, in provider.go and credentials.go, beside the credential chain whose
// steps they name; a move from the official resource, in trail_move_state.go.

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/validators"
)

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
		fix = apiErrorFix(e.Code)
	case client.KindMalformed:
		summary += ": Unreadable API Answer"
		fmt.Fprintf(&b, "%s answered HTTP %d with a body that is not an ActionTrail answer: %s\n", e.Action, e.HTTPStatus, e.Message)
		fix = "Check that endpoint points at an ActionTrail API (or a proxy that passes its answers through)."
	case client.KindTransport:
		summary += ": Network Error"
		fmt.Fprintf(&b, "%s did not get an answer: %s\n", e.Action, e.Message)
		fix = "Check the network path to the endpoint; run terraform apply again once it is reachable."
	case client.KindCanceled:
		summary += ": Cancelled or Timed Out"
		fmt.Fprintf(&b, "%s was stopped: %s\n", e.Action, e.Message)
		fix = "Raise the timeouts block's value for this operation if the API is slow, or run the command again."
	default:
		fmt.Fprintf(&b, "%s failed: %s\n", e.Action, e.Message)
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
	if info, ok := client.LookupError(e.Code); ok && info.Blame == client.BlameResource && info.Attribute != "" && e.Kind != client.KindMalformed {
		diags.AddAttributeError(path.Root(info.Attribute), summary, detail)
		return
	}
	diags.AddError(summary, detail)
}

// apiErrorFix says what to do about an API answer, from the error catalog: its hint, and for a
// provider setting which one to check.
func apiErrorFix(code string) string {
	info, ok := client.LookupError(code)
	if !ok || info.Hint == "" {
		return ""
	}
	if info.Blame == client.BlameProvider && info.Attribute != "" {
		return fmt.Sprintf("Check %s in the provider configuration (or the environment variable or profile it comes from): %s",
			info.Attribute, lowerFirst(info.Hint))
	}
	return info.Hint
}

// lowerFirst makes a hint's sentence a clause: "The secret ..." becomes "the secret ...".
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
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
				"and any proxy settings (HTTPS_PROXY), then plan again.", region, name, e.Message))
		return
	}
	diags.AddAttributeWarning(path.Root("name"), "Could Not Check for an Existing Trail",
		fmt.Sprintf("Looking up the trails of %s before creating %q failed, so the plan could not check that the name is "+
			"free and the quota not reached. The apply will tell. The lookup said: %s", region, name, err))
}

// addNoDeliveryTarget: validate time, a trail with nowhere to deliver.
func addNoDeliveryTarget(diags *diag.Diagnostics) {
	diags.AddError(codeSummary("No Delivery Target", client.CodeInvalidDeliveryConfig),
		"A trail needs somewhere to deliver events: set at least one of oss_bucket_name (an OSS bucket), "+
			"sls_project_arn (a Log Service project) and max_compute_project_arn (a MaxCompute project). CreateTrail "+
			"would reject this configuration with "+codeStatus(client.CodeInvalidDeliveryConfig)+".")
}

// addMissingTarget: validate time, a delivery setting (attr) without the target it belongs to.
func addMissingTarget(diags *diag.Diagnostics, attr, target string) {
	diags.AddAttributeError(path.Root(attr), "Missing "+target,
		fmt.Sprintf("%s only applies together with %s, which is not set. Set %s, or remove %s.", attr, target, target, attr))
}

// addTrailAlreadyExists: plan time, a create under a name that a trail the state does not manage
// already has.
func addTrailAlreadyExists(diags *diag.Diagnostics, region, name string) {
	diags.AddAttributeError(path.Root("name"), codeSummary("Trail Already Exists", client.CodeTrailAlreadyExists),
		fmt.Sprintf("A trail named %q already exists in %s and this Terraform state does not manage it, so CreateTrail "+
			"would fail with %s. To manage the existing trail, import it instead of "+
			"creating it.\n%s\nOtherwise choose another name. (This check also runs in the refresh that precedes "+
			"terraform destroy; to destroy what the state holds without it, run terraform destroy -refresh=false.)",
			name, region, codeStatus(client.CodeTrailAlreadyExists), importAdvice(region, name)))
}

// addQuotaReached: plan time, a create that takes the region (holding existing trails) to total,
// beyond the documented quota. A warning: the quota may have been raised.
func addQuotaReached(diags *diag.Diagnostics, region, name string, existing, total int) {
	diags.AddAttributeWarning(path.Root("name"), codeSummary("Trail Quota Reached", client.CodeMaximumNumberOfTrails),
		fmt.Sprintf("%s holds %d trails and this plan creates %d: creating %q makes %d, beyond the documented maximum "+
			"of %d per region, so it will likely fail with %s unless a "+
			"trail is deleted first or the quota was raised.",
			region, existing, total-existing, name, total, documentedTrailQuota, codeStatus(client.CodeMaximumNumberOfTrails)))
}

// importAdvice says how to import a trail, with the resource address Terraform prints above the
// diagnostic (the provider does not know it).
func importAdvice(region, name string) string {
	return fmt.Sprintf("With ADDRESS the resource address shown above this message (for example actiontrail_trail.audit), run\n"+
		"  terraform import ADDRESS %[1]s:%[2]s\n"+
		"or add an import block and plan again:\n"+
		"  import {\n    to = ADDRESS\n    id = \"%[1]s:%[2]s\"\n  }", region, name)
}

// addTrailAdopted: apply time, a trail taken as this create's after its answer was lost.
func addTrailAdopted(diags *diag.Diagnostics, region, name string, res client.CreateResult) {
	diags.AddWarning("Trail Adopted After a Lost Answer",
		fmt.Sprintf("The answer to CreateTrail for %q in %s was lost (%d attempt(s) ended in a server error or a broken "+
			"connection after the request was sent). The trail that appeared has the configured settings and was created "+
			"(CreateTime %s) while such an attempt was on the wire, so it was adopted as this apply's. If another "+
			"Terraform workspace creates a trail of the same name at the same time, check that only one state holds it.",
			name, region, res.LostAnswers, res.Adopted.CreateTime))
}

// addTrailGone: refresh time, a trail of the state that no longer exists.
func addTrailGone(diags *diag.Diagnostics, region, name string) {
	diags.AddWarning("Trail Not Found",
		fmt.Sprintf("The trail %q in %s no longer exists; it was removed from the Terraform state and the next plan will create it again.", name, region))
}

// addRegionUncheckable: plan time, a region the SDK's list lacks, whose check with the API failed.
func addRegionUncheckable(diags *diag.Diagnostics, attr path.Path, region, what string, err error) {
	diags.AddAttributeWarning(attr, "Could Not Check the Region",
		fmt.Sprintf("%q (%s) is not in this provider's list of regions, and asking the API for its regions "+
			"(DescribeRegions) failed, so it could not be checked. Requests to it will tell. The call said: %s",
			region, what, err))
}

// addUnknownRegion: plan time, a region neither the SDK's list nor the API's (ids) has.
func addUnknownRegion(diags *diag.Diagnostics, attr path.Path, region, what string, ids []string) {
	detail := fmt.Sprintf("ActionTrail has no region %q (%s): it is neither in this provider's list of regions nor "+
		"among the %d regions the API lists (DescribeRegions).", region, what, len(ids))
	if near, _ := validators.NearestRegion(region, ids); near != "" {
		detail += fmt.Sprintf(" Did you mean %q?", near)
	}
	diags.AddAttributeError(attr, "Unknown Region", detail+" If the region is newer than the API's answer, set "+
		"skip_region_validation = true in the provider block.")
}

// warnDelivery warns, on the attribute of each target, about a target that is unavailable or whose
// latest delivery failed, with the API's words and what to check.
func warnDelivery(diags *diag.Diagnostics, region string, t *client.Trail, st *client.TrailStatus) {
	lead := fmt.Sprintf("Trail %q in %s is logging, but GetTrailStatus reports that ", t.Name, region)
	since := func(last string) string {
		if last == "" {
			return "The API reports no successful delivery there yet."
		}
		return "The latest successful delivery the API reports there was at " + last + "."
	}
	problems := func(available bool, availability, errText string) string {
		var p []string
		if !available {
			p = append(p, availability)
		}
		if errText != "" {
			p = append(p, fmt.Sprintf("its latest delivery failed with: %q", errText))
		}
		return strings.Join(p, "; and ")
	}

	if t.OssBucketName != "" && (!st.OssBucketStatus || st.LatestDeliveryError != "") {
		diags.AddAttributeWarning(path.Root("oss_bucket_name"), "Trail Delivery Failing: OSS Bucket",
			lead+fmt.Sprintf("events are not reaching the OSS bucket %q: %s. %s\n", t.OssBucketName,
				problems(st.OssBucketStatus, "the bucket is not available to ActionTrail (OssBucketStatus false)", st.LatestDeliveryError),
				since(st.LatestDeliveryTime))+
				"What to check: that the bucket exists; that its bucket policy lets ActionTrail write (or, with "+
				"oss_write_role_arn, that the role trusts actiontrail.aliyuncs.com and may write to the bucket); and, "+
				"for an encrypted bucket, that the role may use its KMS key. The warning goes away once a refresh "+
				"reads a healthy status.")
	}
	if t.SlsProjectArn != "" && (!st.SlsLogStoreStatus || st.LatestDeliveryLogServiceError != "") {
		diags.AddAttributeWarning(path.Root("sls_project_arn"), "Trail Delivery Failing: SLS Logstore",
			lead+fmt.Sprintf("events are not reaching the logstore actiontrail_%s of the SLS project %s: %s. %s\n", t.Name, t.SlsProjectArn,
				problems(st.SlsLogStoreStatus, "the logstore is not available to ActionTrail (SlsLogStoreStatus false)", st.LatestDeliveryLogServiceError),
				since(st.LatestDeliveryLogServiceTime))+
				"What to check: that the SLS project exists and that the logstore ActionTrail created in it was not "+
				"deleted; that the role in sls_write_role_arn (or the service-linked role AliyunServiceRoleForActionTrail) "+
				"trusts actiontrail.aliyuncs.com and may write to the project.")
	}
	if t.OssBucketName == "" && st.LatestDeliveryError != "" {
		// The API's LatestDeliveryError is not named per target; without a bucket it is another one's.
		if t.MaxComputeProjectArn != "" {
			diags.AddAttributeWarning(path.Root("max_compute_project_arn"), "Trail Delivery Failing: MaxCompute Project",
				lead+fmt.Sprintf("its delivery to the MaxCompute project %s failed with: %q. %s\n", t.MaxComputeProjectArn,
					st.LatestDeliveryError, since(st.LatestDeliveryTime))+
					"What to check: that the MaxCompute project exists; that the role in max_compute_write_role_arn (or "+
					"the service-linked role AliyunServiceRoleForActionTrail) trusts actiontrail.aliyuncs.com and may "+
					"write to it.")
			return
		}
		diags.AddWarning("Trail Delivery Failing",
			lead+fmt.Sprintf("its latest delivery failed with: %q.\n", st.LatestDeliveryError)+
				"What to check: the trail's targets and the roles ActionTrail writes to them with.")
	}
}

// addDeliveryUncheckable: refresh time, GetTrailStatus failed (detail says how).
func addDeliveryUncheckable(diags *diag.Diagnostics, detail string) {
	diags.AddWarning("Could Not Check Delivery Health",
		detail+"\nThe refresh went on without it: delivery_status is null until a later refresh reads it. "+
			"check_delivery needs the actiontrail:GetTrailStatus permission.")
}

// addListError reports a failed DescribeTrails: the client's error already carries the code,
// HTTP status, RequestId and the API's message, with secrets redacted.
func addListError(diags *diag.Diagnostics, region string, err error) {
	summary := "Cannot List Trails"
	var e *client.Error
	if errors.As(err, &e) && e.Code != "" {
		summary += ": " + e.Code
	}
	diags.AddError(summary, fmt.Sprintf("Could not list the trails of %s: %s\n"+
		"What to do: check the provider's region, endpoint and credentials, and that they allow "+
		"actiontrail:DescribeTrails; transient failures were already retried.", region, err))
}

// codeSummary is a diagnostic's summary naming the API error it stands for: "Title (Code)".
func codeSummary(title, code string) string { return title + " (" + code + ")" }

// codeStatus is an API error with its HTTP status from the catalog: "Code (HTTP 400)".
func codeStatus(code string) string {
	info, _ := client.LookupError(code)
	return fmt.Sprintf("%s (HTTP %d)", code, info.Status)
}
