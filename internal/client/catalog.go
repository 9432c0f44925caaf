package client

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/validators"
)

// The error catalog: every API error code the provider knows, spelled once, with the HTTP status
// the API sends it with, the setting to blame, where it surfaces, how the client treats it and
// what to do. The client's retries, the provider's diagnostics and the errors tables of the
// resource page (gen_errors_doc.go, run by go generate) read it; a test compares it with the
// emulator's own list (emulator.ErrorCodes).

// Error codes of ActionTrail, the documented CreateTrail errors first. The parameter codes are
// those of internal/validators, whose rules stand for them.
const (
	CodeInvalidBucketName        = validators.CodeInvalidBucketName
	CodeInvalidPrefix            = validators.CodeInvalidPrefix
	CodeInvalidTrailName         = validators.CodeInvalidTrailName
	CodeTrailAlreadyExists       = "TrailAlreadyExistsException"
	CodeInsufficientBucketPolicy = "InsufficientBucketPolicyException"
	CodeMaximumNumberOfTrails    = "MaximumNumberOfTrailsExceededException"
	CodeBucketDoesNotExist       = "BucketDoesNotExistException"
	CodeTrailNotFound            = "TrailNotFoundException"
	CodeInvalidDeliveryConfig    = "InvalidDeliveryConfigurationException"
	CodeSlsProjectDoesNotExist   = "SlsProjectDoesNotExistException"
	CodeInsufficientSlsPolicy    = "InsufficientSlsPolicyException"
	CodeRepeatOssBucket          = "RepeatOssBucket"
	CodeNotAllowOrgTrail         = "NotAllowCreateOrganizationTrail"
	CodeInvalidQueryParameter    = validators.CodeInvalidQueryParameter
)

// The MaxCompute codes are the emulator's choice: the API documents none (see
// internal/emulator/DECISIONS.md, "MaxCompute delivery").
const (
	CodeInvalidMaxComputeProjectArn   = validators.CodeInvalidMaxComputeProjectArn
	CodeMaxComputeProjectDoesNotExist = "MaxComputeProjectDoesNotExistException"
)

// Gateway codes, which every Alibaba Cloud API (STS among them) may answer.
const (
	CodeInvalidAccessKeyIDNotFound = "InvalidAccessKeyId.NotFound"
	CodeInvalidAccessKeyIDInactive = "InvalidAccessKeyId.Inactive"
	CodeSignatureDoesNotMatch      = "SignatureDoesNotMatch"
	CodeIncompleteSignature        = "IncompleteSignature"
	CodeSecurityTokenExpired       = "InvalidSecurityToken.Expired"
	CodeSecurityTokenMismatch      = "InvalidSecurityToken.MismatchWithAccessKey"
	CodeSecurityTokenMalformed     = "InvalidSecurityToken.Malformed"
	CodeMissingSecurityToken       = "MissingSecurityToken"
	CodeTimestampExpired           = "InvalidTimeStamp.Expired"
	CodeSignatureNonceUsed         = "SignatureNonceUsed"
	CodeInvalidRegionID            = "InvalidRegionId"
	CodeRegionIDNotFound           = "InvalidRegionId.NotFound"
	CodeForbiddenRAM               = "Forbidden.RAM"
	CodeNoPermission               = "NoPermission"
	CodeThrottlingUser             = "Throttling.User"
	CodeServiceUnavailable         = "ServiceUnavailable"
	CodeInternalError              = "InternalError"
)

// STS codes of AssumeRole and AssumeRoleWithOIDC (NoPermission is also one).
const (
	CodeRoleNotFound              = "EntityNotExist.Role"
	CodeInvalidRoleArn            = "InvalidParameter.RoleArn"
	CodeInvalidRoleSessionName    = "InvalidParameter.RoleSessionName"
	CodeInvalidDurationSeconds    = "InvalidParameter.DurationSeconds"
	CodeInvalidExternalID         = "InvalidParameter.ExternalId"
	CodePolicyGrammar             = "InvalidParameter.PolicyGrammar"
	CodePolicySize                = "InvalidParameter.PolicySize"
	CodeOIDCNoPermission          = "AuthenticationFail.NoPermission"
	CodeOIDCTokenInvalid          = "AuthenticationFail.OIDCToken.Invalid"
	CodeOIDCTokenInvalidSignature = "AuthenticationFail.OIDCToken.InvalidSignature"
	CodeOIDCTokenIssuerNotMatch   = "AuthenticationFail.OIDCToken.IssuerNotMatch"
	CodeOIDCTokenAudienceNotMatch = "AuthenticationFail.OIDCToken.AudienceNotMatch"
	CodeOIDCTokenExpired          = "AuthenticationFail.OIDCToken.Expired"
)

// DocumentedTrailQuota is the documented number of trails a region may hold (the plan-time
// quota check counts against it; the API may allow more when the quota was raised).
const DocumentedTrailQuota = 5

// Stage says where a failure surfaces: a set of stages.
type Stage uint8

const (
	// StageValidate: the configuration alone breaks an API rule (internal/validators).
	StageValidate Stage = 1 << iota
	// StagePlan: the plan-time lookup of a region's trails tells.
	StagePlan
	// StageApply: only the API tells, when the provider calls it.
	StageApply
	// StageConfigure: the provider's credentials check at configure (STS GetCallerIdentity, and
	// AssumeRole or AssumeRoleWithOIDC before it).
	StageConfigure
)

var stageNames = []struct {
	s    Stage
	name string
}{{StageConfigure, "configure"}, {StageValidate, "validate"}, {StagePlan, "plan"}, {StageApply, "apply"}}

// String lists the stages, "configure; apply".
func (s Stage) String() string {
	var names []string
	for _, n := range stageNames {
		if s&n.s != 0 {
			names = append(names, n.name)
		}
	}
	return strings.Join(names, "; ")
}

// Retry says how the client treats an answer with a code.
type Retry uint8

const (
	// RetryNever: the same call fails the same way.
	RetryNever Retry = iota
	// RetryTransient: throttling or a passing server failure; retried with backoff within the
	// operation's timeout (a 5xx answer may also have acted: see Ambiguous).
	RetryTransient
	// RetryPropagation: retried for RetryPolicy.PolicyPropagation at most, because a policy or role
	// created in the same apply takes a while to reach ActionTrail.
	RetryPropagation
)

// Blame says whose setting a code is about.
type Blame uint8

const (
	// BlameResource: Attribute is the trail argument to change; "" blames the trail as a whole.
	BlameResource Blame = iota
	// BlameProvider: Attribute is the provider setting to change (access_key, assume_role.role_arn);
	// "" blames the provider configuration as a whole (its permissions, the machine's clock).
	BlameProvider
)

// ErrorInfo is what the provider knows about one API error code.
type ErrorInfo struct {
	Code string
	// Status is the HTTP status the API sends the code with.
	Status int
	// Blame and Attribute name the setting to change.
	Blame     Blame
	Attribute string
	// Stages is where the failure surfaces first; a value known only during apply leaves a
	// validate-time rule to the API, whose answer then comes at apply.
	Stages Stage
	Retry  Retry
	// Hint says what to do, in plain text (whole sentences). It is empty where that depends on the
	// configuration: the STS codes of assume_role and assume_role_with_oidc, which the provider's
	// credentials check reports naming the role and where each setting's value came from.
	Hint string
	// Doc is for the errors tables of the resource page.
	Doc ErrorDoc
}

// ErrorDoc is the documentation of a code: Markdown for the resource page's errors tables.
type ErrorDoc struct {
	// Stage replaces the list of Stages where the stages need words ("plan (warning); apply (error)").
	Stage string
	// Reports says what the provider reports, and when.
	Reports string
	// Hidden leaves the code out of the resource page (codes of the provider's configure alone).
	Hidden bool
}

// waitsForPropagation reports whether err is an API answer that the client retries while a
// policy propagates (RetryPropagation).
func waitsForPropagation(err error) bool {
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindAPI {
		return false
	}
	info, ok := LookupError(e.Code)
	return ok && info.Retry == RetryPropagation
}

// transientCode reports whether an answer with code may succeed when sent again.
func transientCode(code string) bool {
	if info, ok := LookupError(code); ok {
		return info.Retry == RetryTransient
	}
	// Flow control has several codes (Throttling.User, Throttling.Api, ...): all of them pass.
	return strings.HasPrefix(code, "Throttling")
}

// LookupError returns what the catalog says about code.
func LookupError(code string) (ErrorInfo, bool) {
	i, ok := catalogIndex[code]
	if !ok {
		return ErrorInfo{}, false
	}
	return catalog[i], true
}

// Catalog returns every entry of the error catalog, in the order of the resource page.
func Catalog() []ErrorInfo {
	return append([]ErrorInfo(nil), catalog...)
}

var catalogIndex = func() map[string]int {
	m := make(map[string]int, len(catalog))
	for i, e := range catalog {
		if _, dup := m[e.Code]; dup {
			panic("client: error code " + e.Code + " twice in the catalog")
		}
		m[e.Code] = i
	}
	return m
}()

// ruleHint is the hint of a parameter code: the rule the value breaks and what to use instead.
func ruleHint(rule, advice string) string { return rule + " " + advice }

// durationWords says d in words: "2 minutes", "30 seconds".
func durationWords(d time.Duration) string {
	n, unit := int64(d/time.Second), "second"
	if d%time.Minute == 0 {
		n, unit = int64(d/time.Minute), "minute"
	}
	if n != 1 {
		unit += "s"
	}
	return fmt.Sprintf("%d %s", n, unit)
}

// atApply is how an apply reports a code: "Cannot Create Trail: CODE" (the summary names the
// operation: "Cannot Update Trail: CODE", ...).
func atApply(code string) string {
	return fmt.Sprintf(`"Cannot Create Trail: %s"`, code)
}

// credentialDoc is how a credential code is reported: by the credentials check at configure, on
// the setting, and at apply when the check was skipped.
func credentialDoc(code string) ErrorDoc {
	return ErrorDoc{Reports: fmt.Sprintf(`"Invalid Credentials: %s" from the credentials check at configure, naming the `+
		"setting and where its value came from; %s at apply when `skip_credentials_validation` skips the check. With "+
		"`assume_role` or `assume_role_with_oidc`, whose temporary credentials the provider fetches and renews, the error "+
		"at apply says so and points at the machine's clock and `session_expiration` instead.", code, atApply(code))}
}

// credentialCode is the entry of a code about the signing credentials, which the gateway answers to
// any call: blamed on the provider setting attribute, it surfaces at the credentials check at
// configure, and at apply when the check was skipped (credentialDoc).
func credentialCode(code string, status int, attribute, hint string) ErrorInfo {
	return ErrorInfo{
		Code: code, Status: status, Blame: BlameProvider, Attribute: attribute, Stages: StageConfigure | StageApply,
		Hint: hint, Doc: credentialDoc(code),
	}
}

// transientDoc is how a passing failure is reported once the retries gave up.
func transientDoc(code, more string) ErrorDoc {
	return ErrorDoc{Reports: fmt.Sprintf("Retried with backoff within the operation's timeout%s; then %s, with the attempts.", more, atApply(code))}
}

var catalog = slices.Concat([]ErrorInfo{
	// The documented CreateTrail errors, with the delivery and MaxCompute ones, in the order of the
	// resource page.
	{
		Code: CodeInvalidTrailName, Status: http.StatusBadRequest, Attribute: "name", Stages: StageValidate,
		Hint: ruleHint(validators.TrailNameRule, validators.TrailNameAdvice),
		Doc:  ErrorDoc{Reports: `"Invalid Trail Name (InvalidTrailNameException)", with the rule and the first offending character.`},
	},
	{
		Code: CodeInvalidBucketName, Status: http.StatusBadRequest, Attribute: "oss_bucket_name", Stages: StageValidate,
		Hint: ruleHint(validators.BucketNameRule, validators.BucketNameAdvice),
		Doc:  ErrorDoc{Reports: `"Invalid OSS Bucket Name (InvalidBucketNameException)", with the rule.`},
	},
	{
		Code: CodeInvalidPrefix, Status: http.StatusBadRequest, Attribute: "oss_key_prefix", Stages: StageValidate,
		Hint: ruleHint(validators.KeyPrefixRule, validators.KeyPrefixAdvice),
		Doc:  ErrorDoc{Reports: `"Invalid OSS Key Prefix (InvalidPrefixException)", with the rule (empty, or 6-32 characters starting with a letter).`},
	},
	{
		Code: CodeTrailAlreadyExists, Status: http.StatusBadRequest, Attribute: "name", Stages: StagePlan | StageApply,
		Hint: "Import the existing trail (terraform import ADDRESS REGION:NAME, with ADDRESS the resource address shown above) or choose another name.",
		Doc: ErrorDoc{
			Stage: "plan (error); apply, if the trail appeared after the plan",
			Reports: `"Trail Already Exists (TrailAlreadyExistsException)" for a trail of that name that this Terraform state does not ` +
				"manage, with the `terraform import` command and the `import` block that adopt the existing trail instead (see " +
				"[Import](#import)). A trail the state manages is not reported: replacing it under its own name (see " +
				"[Replacement](#replacement-under-the-same-name)) plans and applies.",
		},
	},
	{
		Code: CodeInsufficientBucketPolicy, Status: http.StatusForbidden, Attribute: "oss_bucket_name", Stages: StageApply, Retry: RetryPropagation,
		Hint: "Grant ActionTrail write access to the bucket (bucket policy, or the role in oss_write_role_arn), then apply again.",
		Doc: ErrorDoc{Reports: fmt.Sprintf("Retried first, for at most %s and within the `create` (or `update`) timeout, because a "+
			"bucket policy or role created in the same apply takes a while to reach ActionTrail; then \"Cannot Create Trail: "+
			"InsufficientBucketPolicyException\", saying how long it was retried.", durationWords(DefaultPolicyPropagation))},
	},
	{
		Code: CodeMaximumNumberOfTrails, Status: http.StatusForbidden, Attribute: "name", Stages: StagePlan | StageApply,
		Hint: fmt.Sprintf("Delete a trail in this region or ask Alibaba Cloud to raise the quota (%d trails per region by default).", DocumentedTrailQuota),
		Doc: ErrorDoc{
			Stage: "plan (warning); apply (error)",
			Reports: fmt.Sprintf(`At plan, the warning "Trail Quota Reached (MaximumNumberOfTrailsExceededException)" on each create `+
				"that takes the region beyond the documented maximum of %d trails, counting the trails that exist and the ones the "+
				"same plan creates there (the quota may have been raised, so the plan goes on); at apply, \"Cannot Create Trail: "+
				"MaximumNumberOfTrailsExceededException\".", DocumentedTrailQuota),
		},
	},
	{
		Code: CodeBucketDoesNotExist, Status: http.StatusNotFound, Attribute: "oss_bucket_name", Stages: StageApply,
		Hint: "Create the bucket first (in the same configuration, with depends_on if needed) or fix its name.",
		Doc: ErrorDoc{Reports: `"Cannot Create Trail: BucketDoesNotExistException". In the same configuration, a reference to the ` +
			"bucket (or `depends_on`) makes it exist before the trail."},
	},
	{
		Code: CodeInvalidDeliveryConfig, Status: http.StatusBadRequest, Stages: StageValidate,
		Hint: "Set at least one of oss_bucket_name, sls_project_arn and max_compute_project_arn.",
		Doc: ErrorDoc{Reports: `"No Delivery Target (InvalidDeliveryConfigurationException)" on the resource when none of ` +
			"`oss_bucket_name`, `sls_project_arn` and `max_compute_project_arn` is set; \"Missing oss_bucket_name\" / \"Missing " +
			"sls_project_arn\" / \"Missing max_compute_project_arn\" on a setting that needs the target it belongs to " +
			"(`oss_key_prefix`, `oss_write_role_arn`, `sls_write_role_arn`, `max_compute_write_role_arn`)."},
	},
	{
		Code: CodeSlsProjectDoesNotExist, Status: http.StatusBadRequest, Attribute: "sls_project_arn", Stages: StageApply,
		Hint: "Create the Log Service project first or fix the ARN (acs:log:<region>:<account id>:project/<name>).",
		Doc:  ErrorDoc{Reports: atApply(CodeSlsProjectDoesNotExist) + "."},
	},
	{
		Code: CodeInvalidMaxComputeProjectArn, Status: http.StatusBadRequest, Attribute: "max_compute_project_arn", Stages: StageValidate,
		Hint: ruleHint(validators.MaxComputeProjectARNRule, validators.MaxComputeProjectARNAdvice),
		Doc: ErrorDoc{Reports: fmt.Sprintf(`"Invalid MaxCompute Project ARN (InvalidMaxComputeProjectArnException)" for a `+
			"well-formed ARN whose project name does not start with `%s` (a malformed ARN is \"Invalid MaxCompute Project ARN "+
			"(InvalidQueryParameter)\").", validators.MaxComputeProjectPrefix)},
	},
	{
		Code: CodeMaxComputeProjectDoesNotExist, Status: http.StatusBadRequest, Attribute: "max_compute_project_arn", Stages: StageApply,
		Hint: fmt.Sprintf("Create the MaxCompute project first (its name must start with %[1]s) or fix the ARN "+
			"(acs:odps:<region>:<account id>:project/%[1]s<name>).", validators.MaxComputeProjectPrefix),
		Doc: ErrorDoc{Reports: atApply(CodeMaxComputeProjectDoesNotExist) + "."},
	},

	// The other ActionTrail errors.
	{
		Code: CodeInvalidQueryParameter, Status: http.StatusBadRequest, Stages: StageValidate,
		Hint: "The API's message names the parameter: fix the argument that sets it (the Argument Reference gives each argument's rule).",
		Doc: ErrorDoc{Reports: "The shapes of `sls_project_arn` (\"Invalid SLS Project ARN\"), `max_compute_project_arn` (\"Invalid " +
			"MaxCompute Project ARN\"), `oss_write_role_arn`, `sls_write_role_arn` and `max_compute_write_role_arn` (\"Invalid RAM " +
			"Role ARN\"), `role_name` (\"Invalid RAM Role Name\"), `event_rw` and `trail_region`, each on its argument."},
	},
	{
		Code: CodeInvalidRegionID, Status: http.StatusBadRequest, Attribute: "region", Stages: StageValidate,
		Hint: ruleHint(validators.RegionIDRule, validators.RegionIDAdvice),
		Doc:  ErrorDoc{Reports: `"Invalid Region ID" on ` + "`region` (and `trail_region`), with the rule."},
	},
	{
		Code: CodeRegionIDNotFound, Status: http.StatusNotFound, Attribute: "region", Stages: StageValidate,
		Hint: ruleHint(validators.RegionIDRule, validators.RegionIDAdvice),
		Doc: ErrorDoc{Reports: `"Invalid Region ID" for a region this provider does not know, with the region meant when it is ` +
			"misspelt (`skip_region_validation` in the provider block lets a newer region through)."},
	},
	{
		Code: CodeInsufficientSlsPolicy, Status: http.StatusForbidden, Attribute: "sls_project_arn", Stages: StageApply,
		Hint: "Grant ActionTrail write access to the project (the role in sls_write_role_arn), then apply again.",
		Doc:  ErrorDoc{Reports: atApply(CodeInsufficientSlsPolicy) + "."},
	},
	{
		Code: CodeRepeatOssBucket, Status: http.StatusBadRequest, Attribute: "oss_bucket_name", Stages: StageApply,
		Hint: "Another trail already delivers to this bucket and prefix; use another bucket or oss_key_prefix.",
		Doc:  ErrorDoc{Reports: atApply(CodeRepeatOssBucket) + "."},
	},
	{
		Code: CodeNotAllowOrgTrail, Status: http.StatusBadRequest, Attribute: "is_organization_trail", Stages: StageApply,
		Hint: "Only the management account of the resource directory (or its delegated administrator for ActionTrail) creates " +
			"organization trails. Create this trail with a provider configuration of that account (e.g. a provider alias " +
			"without assume_role), or set is_organization_trail = false for a trail of this account alone.",
		Doc: ErrorDoc{Reports: atApply(CodeNotAllowOrgTrail) + "."},
	},
	{
		Code: CodeTrailNotFound, Status: http.StatusNotFound, Attribute: "name", Stages: StageApply,
		Hint: "The trail was deleted outside Terraform; run terraform apply again to recreate it.",
		Doc: ErrorDoc{Reports: "A refresh that finds no trail removes it from the state, with a warning, and a delete of a trail " +
			`already gone succeeds; an update fails with "Cannot Update Trail: TrailNotFoundException".`},
	},

	// The credentials, which the provider checks at configure (GetCallerIdentity) unless told not to.
	credentialCode(CodeInvalidAccessKeyIDNotFound, http.StatusNotFound, "access_key",
		"The API does not know this access key: it was deleted, mistyped, or belongs to another cloud (an Alibaba Cloud "+
			"China key on the international site, or the reverse)."),
	credentialCode(CodeInvalidAccessKeyIDInactive, http.StatusBadRequest, "access_key",
		"The access key is disabled: enable it in the RAM console or use another."),
	credentialCode(CodeSignatureDoesNotMatch, http.StatusBadRequest, "secret_key",
		"The secret does not belong to the access key."),
	credentialCode(CodeIncompleteSignature, http.StatusBadRequest, "secret_key",
		"The request's signature was not accepted: the secret does not belong to the access key, or the endpoint is not an Alibaba Cloud API."),
	credentialCode(CodeSecurityTokenExpired, http.StatusBadRequest, "security_token",
		"The STS token has expired: fetch new temporary credentials (access key, secret and token together)."),
	credentialCode(CodeSecurityTokenMismatch, http.StatusBadRequest, "security_token",
		"The STS token does not belong to the access key: use the key, secret and token of one set of temporary credentials."),
	credentialCode(CodeSecurityTokenMalformed, http.StatusBadRequest, "security_token",
		"The STS token is malformed: fetch new temporary credentials."),
	credentialCode(CodeMissingSecurityToken, http.StatusBadRequest, "security_token",
		"The access key is a temporary one (STS.…), which needs its STS token: set security_token."),
	{
		Code: CodeTimestampExpired, Status: http.StatusBadRequest, Blame: BlameProvider, Stages: StageConfigure | StageApply,
		Hint: "This machine's clock is more than 15 minutes off: fix the clock.",
		Doc: ErrorDoc{Reports: `"Invalid Credentials: InvalidTimeStamp.Expired" from the credentials check at configure; ` +
			atApply(CodeTimestampExpired) + " at apply when `skip_credentials_validation` skips the check."},
	},
	{
		Code: CodeSignatureNonceUsed, Status: http.StatusBadRequest, Blame: BlameProvider, Stages: StageApply,
		Hint: "A request was replayed; run the command again.",
		Doc:  ErrorDoc{Reports: atApply(CodeSignatureNonceUsed) + "."},
	},
	{
		Code: CodeForbiddenRAM, Status: http.StatusForbidden, Blame: BlameProvider, Stages: StageApply,
		Hint: "Grant the RAM user or role the actiontrail:* permissions this operation needs; with assume_role, " +
			"its policy (the session policy) must allow them too.",
		Doc: ErrorDoc{Reports: atApply(CodeForbiddenRAM) + "; a refresh whose `GetTrailStatus` is denied only warns (see " +
			"[Delivery health](#delivery-health))."},
	},
	{
		Code: CodeNoPermission, Status: http.StatusForbidden, Blame: BlameProvider, Stages: StageConfigure | StageApply,
		Hint: "Grant the RAM user the actiontrail:* permissions this operation needs.",
		Doc: ErrorDoc{Reports: atApply(CodeNoPermission) + `; from STS AssumeRole, "Cannot Assume Role: NoPermission" at configure, ` +
			"on `assume_role.role_arn`, or on `assume_role.external_id` when it says the trust policy's condition on the " +
			"external ID is not met."},
	},

	// Passing failures.
	{
		Code: CodeThrottlingUser, Status: http.StatusBadRequest, Stages: StageApply, Retry: RetryTransient,
		Hint: "The API limits the rate of calls: run the command again later, or with a lower -parallelism.",
		Doc:  transientDoc(CodeThrottlingUser, " (as is any other `Throttling` code)"),
	},
	{
		Code: CodeServiceUnavailable, Status: http.StatusServiceUnavailable, Stages: StageApply, Retry: RetryTransient,
		Hint: "The API is unavailable for a while: run the command again later.",
		Doc:  transientDoc(CodeServiceUnavailable, ""),
	},
	{
		Code: CodeInternalError, Status: http.StatusInternalServerError, Stages: StageApply, Retry: RetryTransient,
		Hint: "The API failed on its side: run the command again later.",
		Doc:  transientDoc(CodeInternalError, " (a create first looks for the trail its lost attempt may have made)"),
	},
},
	// STS AssumeRole and AssumeRoleWithOIDC, at configure. The credentials check blames a setting of
	// assume_role or assume_role_with_oidc, whichever was assumed, and says what to do with the role
	// and where each value came from (credentials.go in internal/provider).
	stsConfigureCodes(http.StatusNotFound, CodeRoleNotFound),
	stsConfigureCodes(http.StatusBadRequest, CodeInvalidRoleArn, CodeInvalidRoleSessionName, CodeInvalidDurationSeconds,
		CodeInvalidExternalID, CodePolicyGrammar, CodePolicySize),
	stsConfigureCodes(http.StatusUnauthorized, CodeOIDCNoPermission, CodeOIDCTokenInvalid, CodeOIDCTokenInvalidSignature,
		CodeOIDCTokenIssuerNotMatch, CodeOIDCTokenAudienceNotMatch, CodeOIDCTokenExpired),
)

// stsConfigureCodes are the STS codes of AssumeRole and AssumeRoleWithOIDC, answered with status:
// blamed on the provider, at configure alone, and left out of the resource page. Their hints
// depend on the configuration (see ErrorInfo.Hint).
func stsConfigureCodes(status int, codes ...string) []ErrorInfo {
	infos := make([]ErrorInfo, len(codes))
	for i, code := range codes {
		infos[i] = ErrorInfo{Code: code, Status: status, Blame: BlameProvider, Stages: StageConfigure, Doc: ErrorDoc{Hidden: true}}
	}
	return infos
}
