package provider

// Every diagnostic the provider builds, at every stage: validate (the rules that span attributes;
// one attribute's rule texts are the validators'), plan (the plan-time lookup), apply and refresh
// (API errors, with the error catalog's blame and hint), import, the data source, and configure
// (the provider's settings, then the credential check: the end of this file). The exceptions: a
// move from the official resource (trail_move_state.go), whose diagnostics each name a field of
// the source state that the code beside them reads; the one-attribute rules of validate time,
// which internal/validators words from its rule texts; and the provider functions' argument
// errors (function.FuncError, not diagnostics), beside their checks in function_*.go.

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/validators"
)

func addUnconfiguredProvider(diags *diag.Diagnostics) {
	diags.AddError("Unconfigured Provider", "The actiontrail provider was not configured; this is a bug in the provider.")
}

// addInvalidRegexp reports name_regex that Go's regexp does not take: at validate time when the
// value is known then, else when the data source is read.
func addInvalidRegexp(diags *diag.Diagnostics, p path.Path, expr string, err error) {
	diags.AddAttributeError(p, "Invalid Regular Expression",
		fmt.Sprintf("%q is not a valid regular expression: %s.\n"+
			"The expression is Go's RE2 syntax (https://pkg.go.dev/regexp/syntax), which has no lookaround or "+
			"backreferences. Example: \"^audit-\" keeps the trails whose name starts with \"audit-\".", expr, err))
}

func addInvalidImportID(diags *diag.Diagnostics, err error) {
	diags.AddError("Invalid Import ID", err.Error())
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
		fix = apiErrorFix(e)
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
// provider setting which one to check. A refused signature of role credentials is not the keys'
// fault: the provider fetched those credentials itself.
func apiErrorFix(e *client.Error) string {
	info, ok := client.LookupError(e.Code)
	if !ok || info.Hint == "" {
		return ""
	}
	if info.Blame == client.BlameProvider && signingSettings[info.Attribute] && e.SignedWith != "" {
		return fmt.Sprintf("The call was signed with the temporary credentials of %s, which the provider fetches from STS "+
			"and renews before they expire, so no setting of the provider block holds them. Check that this machine's "+
			"clock is right and that %s.session_expiration is not shorter than the role allows; then run the command "+
			"again, which fetches new credentials.", e.SignedWith, e.SignedWith)
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

// The provider's settings, at configure time: what the schema's validators could not see (values
// from the environment, settings that are required together), then the credential check.

func addUnexpectedProviderData(diags *diag.Diagnostics, v any) {
	diags.AddError("Unexpected Provider Data", fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider.", v))
}

func addUnknownSetting(diags *diag.Diagnostics, p path.Path) {
	diags.AddAttributeError(p, "Unknown Provider Setting",
		fmt.Sprintf("The provider setting %q depends on a value that is not known until apply. "+
			"Set it to a known value (a literal, a variable or an environment variable).", p))
}

func addMissingRegion(diags *diag.Diagnostics) {
	diags.AddAttributeError(path.Root("region"), "Missing Region",
		"The provider needs a region: set \"region\" in the provider block or one of "+strings.Join(envRegion, ", ")+".")
}

// addInvalidEnvRegion reports a region from the environment that breaks the rules (the schema's
// validator checks a configured one).
func addInvalidEnvRegion(diags *diag.Diagnostics, region, problem string) {
	diags.AddAttributeError(path.Root("region"), "Invalid Region",
		fmt.Sprintf("The region %q (from the environment) is not valid: %s.", region, problem))
}

func addInvalidEndpoint(diags *diag.Diagnostics, attr string, err error) {
	diags.AddAttributeError(path.Root(attr), "Invalid Endpoint", err.Error()+". Example: http://127.0.0.1:18080.")
}

func addSTSNeedsHTTPS(diags *diag.Diagnostics, s *credentialsSetup) {
	diags.AddAttributeError(path.Root(s.stsAttr), "STS Endpoint Must Use HTTPS",
		fmt.Sprintf("assume_role and assume_role_with_oidc fetch temporary credentials through the SDK's STS credential "+
			"providers, which call STS over HTTPS only, but STS calls go to %s, from %s, over HTTP. Use an https:// URL "+
			"(the emulator serves HTTPS with -tls-cert and -tls-key), or set sts_endpoint to one.", s.stsHost, s.stsAttr))
}

func warnKeysNotUsed(diags *diag.Diagnostics) {
	diags.AddAttributeWarning(path.Root("access_key"), "Access Keys Not Used",
		"assume_role_with_oidc is set: the provider authenticates with the OIDC token, and access_key and secret_key "+
			"(from the provider block or the environment) are not used.")
}

// addMissingKeyHalf reports the half of an access key pair that is missing (attr: "access_key"
// or "secret_key", which the variables env also give), the other (set: "An access key") being set.
func addMissingKeyHalf(diags *diag.Diagnostics, attr string, env []string, set string) {
	half := strings.ReplaceAll(attr, "_", " ")
	diags.AddAttributeError(path.Root(attr), "Missing "+titleVerb(half),
		fmt.Sprintf("%s is set but no %s: set %q or one of %s.", set, half, attr, strings.Join(env, ", ")))
}

func addUnusableProfile(diags *diag.Diagnostics, profile, msg string) {
	diags.AddAttributeError(path.Root("profile"), "Unusable Profile",
		fmt.Sprintf("The profile %q of ~/.aliyun/config.json gave no credentials: %s", profile, msg))
}

// addNoCredentials is the one diagnostic of one cause: no credentials at all. msg is what the
// look for a CLI profile said.
func addNoCredentials(diags *diag.Diagnostics, forRole bool, msg string) {
	role := ""
	if forRole {
		role = " assume_role needs them to call AssumeRole with."
	}
	diags.AddError("No Credentials",
		"No credentials were found."+role+" Set \"access_key\" and \"secret_key\" (or "+
			strings.Join(envAccessKey, ", ")+" and "+strings.Join(envSecretKey, ", ")+
			"), \"profile\" for a profile of the aliyun CLI's ~/.aliyun/config.json, or an assume_role_with_oidc "+
			"block. Looking for a CLI profile said: "+msg)
}

func addClientNotConfigured(diags *diag.Diagnostics, err error) {
	diags.AddError("Cannot Configure the ActionTrail Client", err.Error())
}

func addInvalidPolicyDocument(diags *diag.Diagnostics, p path.Path, err error) {
	diags.AddAttributeError(p, "Invalid Policy Document",
		fmt.Sprintf("The policy is not a JSON object: %s. Write it with jsonencode({...}) or a heredoc holding "+
			`{"Version": "1", "Statement": [...]}.`, err))
}

func addMissingOIDCProviderArn(diags *diag.Diagnostics, p path.Path) {
	diags.AddAttributeError(p, "Missing OIDC Provider ARN",
		"assume_role_with_oidc needs the ARN of the RAM OIDC provider that issued the token: set oidc_provider_arn or "+
			strings.Join(envOIDCProviderArn, ", ")+".")
}

func addInvalidOIDCProviderArn(diags *diag.Diagnostics, p path.Path, arn string, f from) {
	diags.AddAttributeError(p, "Invalid OIDC Provider ARN",
		fmt.Sprintf("%s is %q, which is not acs:ram::<account ID>:oidc-provider/<name>.",
			f.describe("oidc_provider_arn", envOIDCProviderArn), arn))
}

func addMissingOIDCToken(diags *diag.Diagnostics, p path.Path) {
	diags.AddAttributeError(p, "Missing OIDC Token",
		"assume_role_with_oidc needs the OIDC token: set oidc_token_file (a file holding the token, read again at each "+
			"renewal), oidc_token, or "+strings.Join(envOIDCTokenFile, ", ")+".")
}

// addMissingRoleArn: block (assume_role or assume_role_with_oidc) has no role ARN; envToo when
// the environment could give it.
func addMissingRoleArn(diags *diag.Diagnostics, p path.Path, block string, envToo bool) {
	alt := ""
	if envToo {
		alt = " or " + strings.Join(envRoleArn, ", ")
	}
	diags.AddAttributeError(p, "Missing Role ARN", fmt.Sprintf("%s needs the ARN of the role to assume: set role_arn%s.", block, alt))
}

func addInvalidRoleArn(diags *diag.Diagnostics, p path.Path, arn string, f from) {
	diags.AddAttributeError(p, "Invalid Role ARN", fmt.Sprintf("%s is %q, which is not acs:ram::<account ID>:role/<role name>.",
		f.describe("role_arn", envRoleArn), arn))
}

func addInvalidSessionName(diags *diag.Diagnostics, p path.Path, name string) {
	diags.AddAttributeError(p, "Invalid Session Name", fmt.Sprintf("The role session name %q (from %s) is not 2 to 64 "+
		"letters, digits, '.', '@', '-' or '_'.", name, strings.Join(envRoleSessionName, ", ")))
}

func addUnreadableTokenFile(diags *diag.Diagnostics, p path.Path, file string, f from, err error) {
	diags.AddAttributeError(p, "Unreadable OIDC Token File", fmt.Sprintf("%s names %q, which cannot be read: %s. "+
		"Point it at the file where the CI system writes the OIDC token.", f.describe("oidc_token_file", envOIDCTokenFile), file, err))
}

func addEmptyTokenFile(diags *diag.Diagnostics, p path.Path, file string, f from) {
	diags.AddAttributeError(p, "Empty OIDC Token File", fmt.Sprintf("%s names %q, which is empty: the CI system has not "+
		"written the OIDC token there (yet).", f.describe("oidc_token_file", envOIDCTokenFile), file))
}

// addInvalidRoleSettings reports settings of block that the SDK's credential provider refused.
func addInvalidRoleSettings(diags *diag.Diagnostics, block, summary string, err error) {
	diags.AddAttributeError(path.Root(block), summary, err.Error()+".")
}

// addCheckError reports a failed credential check (or the AssumeRole / AssumeRoleWithOIDC before
// it) on the setting to fix: one diagnostic per failure, naming the setting, where its value came
// from and what to do, with the code, HTTP status and RequestId of an API answer. Nothing in it
// comes from a secret, a token or a signed request.
func addCheckError(diags *diag.Diagnostics, s *credentialsSetup, err error) {
	var e *client.STSError
	if !errors.As(err, &e) {
		diags.AddError("Cannot Check Credentials", "Checking the provider's credentials with STS failed: "+err.Error())
		return
	}
	var b strings.Builder
	switch e.Action {
	case client.ActionGetCallerIdentity:
		fmt.Fprintf(&b, "The provider checks its credentials with STS GetCallerIdentity at %s before anything is planned.\n", e.Host)
	case client.ActionAssumeRole:
		fmt.Fprintf(&b, "The provider assumes the role %s (assume_role) with STS AssumeRole at %s, signed with its base credentials.\n", e.RoleArn, e.Host)
	case client.ActionAssumeRoleWithOIDC:
		fmt.Fprintf(&b, "The provider assumes the role %s (assume_role_with_oidc) with STS AssumeRoleWithOIDC at %s and the OIDC token.\n", e.RoleArn, e.Host)
	}
	switch {
	case e.Code != "":
		fmt.Fprintf(&b, "%s answered %s (HTTP %d, RequestId: %s): %s\n", e.Action, e.Code, e.HTTPStatus, e.RequestIDText(), e.Message)
		if e.Recommend != "" {
			fmt.Fprintf(&b, "The API recommends: %s\n", e.Recommend)
		}
	case e.Transport:
		reached := "The request did not reach the API."
		if !e.NotSent {
			reached = "The request may not have reached the API."
		}
		fmt.Fprintf(&b, "%s got no answer from %s: %s. %s\n", e.Action, e.Host, e.Cause, reached)
	case e.HTTPStatus != 0:
		fmt.Fprintf(&b, "%s answered HTTP %d with a body that is not an STS answer: %s\n", e.Action, e.HTTPStatus, e.Message)
	default:
		fmt.Fprintf(&b, "%s failed: %s\n", e.Action, e.Cause)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, "Gave up after %d attempts.\n", e.Attempts)
	}
	attr, summary, fix := s.blame(e)
	if e.Code != "" {
		summary += ": " + e.Code
	}
	fmt.Fprintf(&b, "What to do: %s", fix)
	if attr.Equal(path.Empty()) || secretSettings[attr.String()] {
		diags.AddError(summary, b.String())
		return
	}
	diags.AddAttributeError(attr, summary, b.String())
}

// signingSettings are the settings whose keys sign the calls, when no role's credentials do.
var signingSettings = map[string]bool{"access_key": true, "secret_key": true, "security_token": true}

// secretSettings are blamed in the text of a diagnostic on the provider block, not by attribute
// path: Terraform prints the line of the configuration an attribute's diagnostic points at, and
// for these that line may hold the secret itself.
var secretSettings = map[string]bool{"secret_key": true, "security_token": true, "assume_role_with_oidc.oidc_token": true}

// blame picks the setting to fix, the summary and what to do.
func (s *credentialsSetup) blame(e *client.STSError) (path.Path, string, string) {
	switch {
	case e.Transport:
		return s.blameEndpoint(e)
	case e.Code == "" && e.HTTPStatus != 0:
		at, _, fix := s.blameEndpoint(e)
		return at, "STS Answer Not Understood", "Check that " + s.stsSetting() + " points at an Alibaba Cloud STS API " +
			"(or a proxy that passes its answers through). " + fix
	}
	if e.Action == client.ActionAssumeRole || e.Action == client.ActionGetCallerIdentity && s.role == nil && s.oidc == nil {
		if at, summary, fix, ok := s.blameBase(e); ok {
			return at, summary, fix
		}
	}
	switch e.Action {
	case client.ActionAssumeRole:
		return s.blameAssumeRole(e)
	case client.ActionAssumeRoleWithOIDC:
		return s.blameOIDC(e)
	}
	if info, ok := client.LookupError(e.Code); ok && e.Code == client.CodeTimestampExpired {
		return path.Empty(), "Invalid Credentials", info.Hint
	}
	return path.Empty(), "Invalid Credentials", fmt.Sprintf("The credentials are refused (%s): check the settings that give "+
		"them, or set skip_credentials_validation = true if this endpoint does not serve STS GetCallerIdentity.", e.Code)
}

// stsSetting names where the STS host comes from.
func (s *credentialsSetup) stsSetting() string {
	if s.stsAttr == "" {
		return "the region's STS endpoint (" + s.stsHost + ")"
	}
	return s.stsAttr
}

func (s *credentialsSetup) blameEndpoint(e *client.STSError) (path.Path, string, string) {
	fix := "Check the network path to " + e.Host + " (firewall, proxy, DNS) and run the command again once it is reachable."
	if e.Transport && strings.Contains(e.Cause, "x509:") {
		fix = "This machine does not trust the certificate of " + e.Host + ": for a private endpoint or the emulator over " +
			"HTTPS, add its CA certificate to the system's trust store (on Linux, SSL_CERT_FILE may name a PEM file)."
	}
	switch s.stsAttr {
	case "sts_endpoint":
		return path.Root("sts_endpoint"), "STS Endpoint Unreachable", fix + " sts_endpoint (" + strings.Join(envSTSEndpoint, ", ") + ") sets where STS calls go."
	case "endpoint":
		return path.Root("endpoint"), "STS Endpoint Unreachable", fix + " STS calls go to endpoint (" + strings.Join(envEndpoint, ", ") +
			") because sts_endpoint is not set: set sts_endpoint if STS is elsewhere, or skip_credentials_validation = true to skip this check."
	}
	return path.Empty(), "STS Endpoint Unreachable", fix + " sts_endpoint (" + strings.Join(envSTSEndpoint, ", ") +
		") can name another STS endpoint (e.g. a VPC one)."
}

// blameBase blames the base credentials for the codes that are theirs.
func (s *credentialsSetup) blameBase(e *client.STSError) (path.Path, string, string, bool) {
	if s.base == baseOIDC { // assume_role signed with the OIDC role's temporary credentials
		return path.Empty(), "", "", false
	}
	during := ""
	if e.Action == client.ActionAssumeRole {
		during = fmt.Sprintf(" (they sign the AssumeRole of %s)", e.RoleArn)
	}
	// The error catalog says which codes are the base credentials' and which of them to blame.
	info, ok := client.LookupError(e.Code)
	if !ok || info.Blame != client.BlameProvider {
		return path.Empty(), "", "", false
	}
	attr, why := info.Attribute, strings.TrimSuffix(lowerFirst(info.Hint), ".")
	var env []string
	var f from
	switch attr {
	case "access_key":
		env, f = envAccessKey, s.keyFrom
	case "secret_key":
		env, f = envSecretKey, s.secretFrom
	case "security_token":
		env, f = envSecurityToken, s.tokenFrom
	default:
		return path.Empty(), "", "", false
	}
	if s.base == baseProfile {
		name := "the current profile"
		if s.profile != "" {
			name = fmt.Sprintf("the profile %q", s.profile)
		}
		return path.Root("profile"), "Invalid Credentials", fmt.Sprintf("Fix the credentials of %s of ~/.aliyun/config.json%s "+
			"(aliyun configure --profile NAME), or choose another profile: %s.", name, during, why), true
	}
	return path.Root(attr), "Invalid Credentials", fmt.Sprintf("Check %s%s: %s.", f.describe(attr, env), during, why), true
}

func (s *credentialsSetup) blameAssumeRole(e *client.STSError) (path.Path, string, string) {
	at := path.Root("assume_role")
	arn := s.role.arnFrom.describe("role_arn", envRoleArn)
	switch {
	case e.Code == client.CodeRoleNotFound:
		return at.AtName("role_arn"), "Cannot Assume Role", fmt.Sprintf("The role %s does not exist: check %s (the account ID "+
			"and the role name), or create the role in that account.", e.RoleArn, arn)
	case e.Code == client.CodeInvalidRoleArn:
		return at.AtName("role_arn"), "Cannot Assume Role", fmt.Sprintf("STS does not take %q as a role ARN: check %s.", e.RoleArn, arn)
	case e.Code == client.CodeNoPermission && strings.Contains(strings.ToLower(e.Message), "externalid"):
		// STS names the trust policy's condition on the external ID: external_id is what to fix.
		if s.role.externalID == "" {
			return at.AtName("external_id"), "Cannot Assume Role", fmt.Sprintf("The trust policy of %s has a condition on the "+
				"external ID (sts:ExternalId) and external_id is not set: set external_id to the value the role's owner "+
				"gave you.", e.RoleArn)
		}
		return at.AtName("external_id"), "Cannot Assume Role", fmt.Sprintf("The trust policy of %s has a condition on the "+
			"external ID (sts:ExternalId) that the external_id set does not meet: set external_id to the exact value the "+
			"role's owner gave you (it is compared case included).", e.RoleArn)
	case e.Code == client.CodeNoPermission || strings.HasPrefix(e.Code, "Forbidden") || e.Code == "NotAuthorized":
		externalID := " If the trust policy has a condition on the external ID (sts:ExternalId), set external_id to its value."
		if s.role.externalID != "" {
			externalID = " If the trust policy has a condition on the external ID (sts:ExternalId), check that external_id is its value."
		}
		return at.AtName("role_arn"), "Cannot Assume Role", fmt.Sprintf("The base credentials may not assume %s. The role's "+
			"trust policy must name their account (or RAM user or role), and a RAM user or role needs sts:AssumeRole "+
			"permission on it; a root account's own key may not assume roles at all. Fix the trust policy or the permission, "+
			"or use base credentials of a trusted account.%s", e.RoleArn, externalID)
	case e.Code == client.CodeInvalidRoleSessionName:
		return at.AtName("session_name"), "Cannot Assume Role", "Use 2 to 64 letters, digits, '.', '@', '-' or '_' for session_name (" +
			strings.Join(envRoleSessionName, ", ") + ")."
	case e.Code == client.CodeInvalidDurationSeconds:
		return at.AtName("session_expiration"), "Cannot Assume Role", fmt.Sprintf("Use a session_expiration from %d seconds up "+
			"to the role's maximum session duration (3600 unless raised in the RAM console), or raise the role's maximum.", minSessionSeconds)
	case strings.HasPrefix(e.Code, "InvalidParameter.ExternalId"):
		return at.AtName("external_id"), "Cannot Assume Role", "Set external_id to the value the role's trust policy requires."
	case e.Code == client.CodePolicyGrammar:
		return at.AtName("policy"), "Cannot Assume Role", `Fix policy: STS's grammar check refused it (see its message above). A RAM ` +
			`policy is {"Version": "1", "Statement": [{"Effect": "Allow" or "Deny", "Action": [...], "Resource": [...]}]}.`
	case strings.HasPrefix(e.Code, "InvalidParameter.Policy") || strings.Contains(e.Code, "Policy"):
		return at.AtName("policy"), "Cannot Assume Role", "Fix policy: a RAM policy document of at most 2048 characters that STS accepts."
	case e.Code == "":
		return at.AtName("role_arn"), "Cannot Assume Role", fmt.Sprintf("The temporary credentials of %s could not be fetched: %s.", e.RoleArn, e.Cause)
	}
	return at.AtName("role_arn"), "Cannot Assume Role", fmt.Sprintf("STS refused to let the base credentials assume %s (%s): "+
		"check %s and the role's trust policy.", e.RoleArn, e.Code, arn)
}

func (s *credentialsSetup) blameOIDC(e *client.STSError) (path.Path, string, string) {
	at := path.Root("assume_role_with_oidc")
	o := s.oidc
	tokenAttr, token := at.AtName("oidc_token_file"), fmt.Sprintf("the token in %q (%s)", o.tokenFile,
		o.tokenFileFrom.describe("oidc_token_file", envOIDCTokenFile))
	if o.token != "" {
		tokenAttr, token = at.AtName("oidc_token"), "oidc_token"
	}
	arn := o.roleArnFrom.describe("role_arn", envRoleArn)
	const summary = "Cannot Assume Role With OIDC"
	switch {
	case e.Code == client.CodeOIDCNoPermission && strings.Contains(strings.ToLower(e.Message), "oidc provider"):
		return at.AtName("oidc_provider_arn"), summary, fmt.Sprintf("STS knows no OIDC provider %s: check %s, or create the "+
			"OIDC provider in RAM.", o.providerArn, o.providerArnFrom.describe("oidc_provider_arn", envOIDCProviderArn))
	case e.Code == client.CodeOIDCNoPermission || e.Code == client.CodeNoPermission:
		return at.AtName("role_arn"), summary, fmt.Sprintf("The role %s does not trust the OIDC provider %s (or the token's "+
			"claims do not meet its trust policy's conditions): add the provider to the role's trust policy, or check %s.",
			e.RoleArn, o.providerArn, arn)
	case e.Code == client.CodeOIDCTokenExpired:
		return tokenAttr, summary, fmt.Sprintf("The OIDC token has expired: have the CI system issue a fresh one (check %s), "+
			"just before terraform runs.", token)
	case e.Code == client.CodeOIDCTokenInvalidSignature:
		return tokenAttr, summary, fmt.Sprintf("No key of the OIDC provider %s verifies the token's signature: the token is "+
			"from another issuer, or the provider's keys (fingerprints) in RAM are outdated. Check %s.", o.providerArn, token)
	case e.Code == client.CodeOIDCTokenIssuerNotMatch:
		return tokenAttr, summary, fmt.Sprintf("The token's issuer (iss) is not the issuer URL of the OIDC provider %s: check %s, "+
			"or the provider's issuer URL in RAM.", o.providerArn, token)
	case e.Code == client.CodeOIDCTokenAudienceNotMatch:
		return tokenAttr, summary, fmt.Sprintf("The token's audience (aud) is not a client ID of the OIDC provider %s: request "+
			"the token for that audience (often sts.aliyuncs.com), or add the audience to the provider in RAM.", o.providerArn)
	case strings.HasPrefix(e.Code, "AuthenticationFail.OIDCToken"):
		return tokenAttr, summary, fmt.Sprintf("STS does not take %s as an OIDC token: it must hold the JWT alone (three "+
			"base64url parts joined by '.', with no trailing newline).", token)
	case e.Code == client.CodeRoleNotFound || e.Code == client.CodeInvalidRoleArn:
		return at.AtName("role_arn"), summary, fmt.Sprintf("The role %s does not exist: check %s.", e.RoleArn, arn)
	case strings.Contains(e.Code, "OIDCProvider") || strings.Contains(e.Code, "OIDCProviderArn"):
		return at.AtName("oidc_provider_arn"), summary, fmt.Sprintf("Check %s.", o.providerArnFrom.describe("oidc_provider_arn", envOIDCProviderArn))
	case e.Code == client.CodeInvalidRoleSessionName:
		return at.AtName("session_name"), summary, "Use 2 to 64 letters, digits, '.', '@', '-' or '_' for session_name."
	case e.Code == client.CodeInvalidDurationSeconds:
		return at.AtName("session_expiration"), summary, fmt.Sprintf("Use a session_expiration from %d seconds up to the role's "+
			"maximum session duration.", minSessionSeconds)
	case e.Code == "":
		return tokenAttr, summary, fmt.Sprintf("The temporary credentials of %s could not be fetched: %s.", e.RoleArn, e.Cause)
	}
	return at.AtName("role_arn"), summary, fmt.Sprintf("STS refused the OIDC token for %s (%s): check %s and the role's trust policy.",
		e.RoleArn, e.Code, arn)
}
