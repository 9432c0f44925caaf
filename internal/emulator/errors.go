package emulator

import (
	"fmt"
	"net/http"
	"slices"
)

// ErrorCode is an error code the emulator answers with and the HTTP status it sends it with.
type ErrorCode struct {
	Code   string
	Status int
	// Family is set for a code that names a parameter after Code: Missing<Parameter>.
	Family bool
}

// errorCodes holds every code declared with declareCode and declareFamily below, in order. Every
// error answer is made by newError from one of them, so the list is what the emulator can send.
var errorCodes []ErrorCode

// ErrorCodes lists every error code the emulator can answer with, with its HTTP status: the
// emulator's statement of the API's codes, for tests that compare it with what a client expects.
func ErrorCodes() []ErrorCode { return slices.Clone(errorCodes) }

func declareCode(status int, code string) ErrorCode {
	c := ErrorCode{Code: code, Status: status}
	errorCodes = append(errorCodes, c)
	return c
}

func declareFamily(status int, prefix string) ErrorCode {
	c := ErrorCode{Code: prefix, Status: status, Family: true}
	errorCodes = append(errorCodes, c)
	return c
}

// Gateway codes, shared by every POP API (STS among them).
var (
	codeMissing             = declareFamily(http.StatusBadRequest, "Missing")
	codeAPINotFound         = declareCode(http.StatusNotFound, "InvalidApi.NotFound")
	codeUnsupportedMethod   = declareCode(http.StatusBadRequest, "UnsupportedHTTPMethod")
	codeInvalidVersion      = declareCode(http.StatusBadRequest, "InvalidVersion")
	codeInvalidFormat       = declareCode(http.StatusBadRequest, "InvalidParameter.Format")
	codeInvalidParameter    = declareCode(http.StatusBadRequest, "InvalidParameter")
	codeAccessKeyNotFound   = declareCode(http.StatusNotFound, "InvalidAccessKeyId.NotFound")
	codeIncompleteSignature = declareCode(http.StatusBadRequest, "IncompleteSignature")
	codeSignatureMethod     = declareCode(http.StatusBadRequest, "InvalidSignatureMethod")
	codeSignatureMismatch   = declareCode(http.StatusBadRequest, "SignatureDoesNotMatch")
	codeTimestampFormat     = declareCode(http.StatusBadRequest, "InvalidTimeStamp.Format")
	codeTimestampExpired    = declareCode(http.StatusBadRequest, "InvalidTimeStamp.Expired")
	codeNonceUsed           = declareCode(http.StatusBadRequest, "SignatureNonceUsed")
	codeTokenMismatch       = declareCode(http.StatusBadRequest, "InvalidSecurityToken.MismatchWithAccessKey")
	codeTokenExpired        = declareCode(http.StatusBadRequest, "InvalidSecurityToken.Expired")
	codeInvalidRegion       = declareCode(http.StatusBadRequest, "InvalidRegionId")
	codeUnknownRegion       = declareCode(http.StatusNotFound, "InvalidRegionId.NotFound")
	codeThrottling          = declareCode(http.StatusBadRequest, "Throttling.User")
	codeServiceUnavailable  = declareCode(http.StatusServiceUnavailable, "ServiceUnavailable")
	codeInternalError       = declareCode(http.StatusInternalServerError, "InternalError")
	codeNoPermission        = declareCode(http.StatusForbidden, "NoPermission")
)

// ActionTrail codes.
var (
	codeInvalidTrailName        = declareCode(http.StatusBadRequest, "InvalidTrailNameException")
	codeInvalidBucketName       = declareCode(http.StatusBadRequest, "InvalidBucketNameException")
	codeInvalidPrefix           = declareCode(http.StatusBadRequest, "InvalidPrefixException")
	codeInvalidQueryParameter   = declareCode(http.StatusBadRequest, "InvalidQueryParameter")
	codeNoDelivery              = declareCode(http.StatusBadRequest, "InvalidDeliveryConfigurationException")
	codeTrailExists             = declareCode(http.StatusBadRequest, "TrailAlreadyExistsException")
	codeQuota                   = declareCode(http.StatusForbidden, "MaximumNumberOfTrailsExceededException")
	codeNotAllowOrgTrail        = declareCode(http.StatusBadRequest, "NotAllowCreateOrganizationTrail")
	codeBucketNotFound          = declareCode(http.StatusNotFound, "BucketDoesNotExistException")
	codeBucketDenied            = declareCode(http.StatusForbidden, "InsufficientBucketPolicyException")
	codeSLSProjectNotFound      = declareCode(http.StatusBadRequest, "SlsProjectDoesNotExistException")
	codeMaxComputeNotFound      = declareCode(http.StatusBadRequest, "MaxComputeProjectDoesNotExistException")
	codeMaxComputeProjectPrefix = declareCode(http.StatusBadRequest, "InvalidMaxComputeProjectArnException")
	codeTrailNotFound           = declareCode(http.StatusNotFound, "TrailNotFoundException")
	// A call that the session policy of its temporary credentials does not allow (the RAM check).
	codeForbiddenRAM = declareCode(http.StatusForbidden, "Forbidden.RAM")
)

// STS codes (AssumeRole, AssumeRoleWithOIDC).
var (
	codeInvalidRoleArn       = declareCode(http.StatusBadRequest, "InvalidParameter.RoleArn")
	codeInvalidSessionName   = declareCode(http.StatusBadRequest, "InvalidParameter.RoleSessionName")
	codeRoleNotFound         = declareCode(http.StatusNotFound, "EntityNotExist.Role")
	codeInvalidDuration      = declareCode(http.StatusBadRequest, "InvalidParameter.DurationSeconds")
	codeInvalidExternalID    = declareCode(http.StatusBadRequest, "InvalidParameter.ExternalId")
	codePolicyGrammar        = declareCode(http.StatusBadRequest, "InvalidParameter.PolicyGrammar")
	codePolicySize           = declareCode(http.StatusBadRequest, "InvalidParameter.PolicySize")
	codeOIDCNoPermission     = declareCode(http.StatusUnauthorized, "AuthenticationFail.NoPermission")
	codeOIDCTokenInvalid     = declareCode(http.StatusUnauthorized, "AuthenticationFail.OIDCToken.Invalid")
	codeOIDCInvalidSignature = declareCode(http.StatusUnauthorized, "AuthenticationFail.OIDCToken.InvalidSignature")
	codeOIDCIssuerNotMatch   = declareCode(http.StatusUnauthorized, "AuthenticationFail.OIDCToken.IssuerNotMatch")
	codeOIDCAudienceNotMatch = declareCode(http.StatusUnauthorized, "AuthenticationFail.OIDCToken.AudienceNotMatch")
	codeOIDCTokenExpired     = declareCode(http.StatusUnauthorized, "AuthenticationFail.OIDCToken.Expired")
)

// apiError is an error answer: a code, the HTTP status it travels with and a message.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.code, e.message) }

// newError is the only maker of error answers: with a declared code, so ErrorCodes lists it.
func newError(c ErrorCode, format string, args ...any) *apiError {
	return &apiError{status: c.Status, code: c.Code, message: fmt.Sprintf(format, args...)}
}

// newFamilyError answers a member of a family: Missing<Parameter>.
func newFamilyError(c ErrorCode, name, format string, args ...any) *apiError {
	e := newError(c, format, args...)
	e.code += name
	return e
}

// fixedError makes the maker of an error answer whose message never changes.
func fixedError(c ErrorCode, message string) func() *apiError {
	return func() *apiError { return newError(c, "%s", message) }
}

// Gateway errors, shared by every POP API: first those whose message never changes.
var (
	errAPINotFound = fixedError(codeAPINotFound,
		"Specified api is not found, please check your url and method.")
	errInvalidVersion = fixedError(codeInvalidVersion,
		"Specified parameter Version is not valid.")
	errInvalidFormat = fixedError(codeInvalidFormat,
		"Specified parameter Format is not valid: the emulator answers JSON only.")
	errBodyTooLarge = fixedError(codeInvalidParameter,
		"The request body is too large.")
	errForbiddenRAM = fixedError(codeForbiddenRAM,
		"User not authorized to operate on the specified resource.")
	errAccessKeyNotFound = fixedError(codeAccessKeyNotFound,
		"Specified access key is not found.")
	errIncompleteSignature = fixedError(codeIncompleteSignature,
		"The request signature does not conform to Aliyun standards.")
	errSignatureMethod = fixedError(codeSignatureMethod,
		"Specified signature method is not supported: only HMAC-SHA1 (V1) and ACS3-HMAC-SHA256 (V3) are.")
	// errContentSHA256Mismatch: the body is not the one whose hash was signed (a decision: the gateway's
	// code for it is not documented; see DECISIONS.md).
	errContentSHA256Mismatch = fixedError(codeSignatureMismatch,
		"The x-acs-content-sha256 header does not match the SHA-256 of the request body.")
	errTimestampFormat = fixedError(codeTimestampFormat,
		"Specified time stamp or date value is not well formatted.")
	errTimestampExpired = fixedError(codeTimestampExpired,
		"Specified time stamp or date value is expired.")
	errNonceUsed = fixedError(codeNonceUsed,
		"Specified signature nonce was used already.")
	errTokenMismatch = fixedError(codeTokenMismatch,
		"Specified SecurityToken mismatch with the AccessKey.")
	errTokenExpired = fixedError(codeTokenExpired,
		"Specified SecurityToken is expired.")
	errThrottling = fixedError(codeThrottling,
		"Request was denied due to user flow control.")
	errServiceUnavailable = fixedError(codeServiceUnavailable,
		"The request has failed due to a temporary failure of the server.")
	errInternal = fixedError(codeInternalError,
		"The request processing has failed due to some unknown error, exception or failure.")
)

func errMissing(param string) *apiError {
	return newFamilyError(codeMissing, param, "%s is mandatory for this action.", param)
}

func errUnsupportedMethod(method string) *apiError {
	return newError(codeUnsupportedMethod, "Specified HTTP method %q is not supported.", method)
}

// errIncompleteSignatureV3 is IncompleteSignature for a V3 request, saying what is missing.
func errIncompleteSignatureV3(detail string) *apiError {
	return newError(codeIncompleteSignature, "The request signature does not conform to Aliyun standards: %s.", detail)
}

func errSignatureMismatch(stringToSign string) *apiError {
	// The SDK splits the message on "server string to sign is:" and compares the rest with its own
	// string to sign, so nothing may follow it.
	return newError(codeSignatureMismatch, "%s", "Specified signature is not matched with our calculation. server string to sign is:"+stringToSign)
}

func errInvalidRegion(region string) *apiError {
	return newError(codeInvalidRegion, "The specified region %q is not valid.", region)
}

// errUnknownRegion: a well-formed region ID that is not an ActionTrail region (ECS's answer; the
// real ActionTrail endpoint of such a region does not resolve; see DECISIONS.md).
func errUnknownRegion(region string) *apiError {
	return newError(codeUnknownRegion, "The specified RegionId %q does not exist.", region)
}

// ActionTrail errors: first those whose message never changes.
var (
	errInvalidTrailName = fixedError(codeInvalidTrailName,
		"The specified Trail name is invalid: it must be 6 to 36 characters long, start with a lowercase letter "+
			"and contain only lowercase letters, digits, hyphens (-) and underscores (_).")
	errInvalidBucketName = fixedError(codeInvalidBucketName,
		"The specified OSS bucket name is invalid: it must be 3 to 63 characters long, contain only lowercase "+
			"letters, digits and hyphens (-), and start and end with a lowercase letter or a digit.")
	errInvalidPrefix = fixedError(codeInvalidPrefix,
		"The specified OSS key prefix is invalid: it must be empty or 6 to 32 characters long, start with a "+
			"letter and contain only letters, digits, slashes (/), hyphens (-) and underscores (_).")
	errNoDelivery = fixedError(codeNoDelivery,
		"The delivery configuration is invalid: specify at least one of an OSS bucket (OssBucketName), an SLS project "+
			"(SlsProjectArn) and a MaxCompute project (MaxComputeProjectArn).")
	errTrailExists = fixedError(codeTrailExists,
		"The specified Trail name already exists.")
	errOrgTrailQuota = fixedError(codeQuota,
		"The maximum number of organization trails has been reached: an account can have 1 organization trail.")
	// errNotAllowOrgTrail: the documented CreateTrail code for an account that may not create an
	// organization trail (here: one that is not a resource directory's management account).
	errNotAllowOrgTrail = fixedError(codeNotAllowOrgTrail,
		"Your account does not allow you to create organization trail: only the management account of a "+
			"resource directory can create one.")
	errBucketNotFound = fixedError(codeBucketNotFound,
		"The specified OSS bucket does not exist.")
	errBucketDenied = fixedError(codeBucketDenied,
		"Access to the specified OSS bucket was denied.")
	errSLSProjectNotFound = fixedError(codeSLSProjectNotFound,
		"The specified SLS project does not exist.")
	// errMaxComputeProjectNotFound mirrors SlsProjectDoesNotExistException (no documented code; see
	// DECISIONS.md).
	errMaxComputeProjectNotFound = fixedError(codeMaxComputeNotFound,
		"The specified MaxCompute project does not exist.")
	// errMaxComputeProjectPrefix: the project name lacks the actiontrail_ prefix (no documented code; see
	// DECISIONS.md).
	errMaxComputeProjectPrefix = fixedError(codeMaxComputeProjectPrefix,
		"The specified MaxCompute project is invalid: its name must start with "+maxComputeProjectPrefix+" and go on after it.")
	errTrailNotFound = fixedError(codeTrailNotFound,
		"The specified Trail does not exist.")
)

func errInvalidParameter(param, why string) *apiError {
	return newError(codeInvalidQueryParameter, "The parameter %s is invalid: %s", param, why)
}

func errQuota(limit int, region string) *apiError {
	return newError(codeQuota,
		"The maximum number of trails in region %s has been reached: the limit is %d.", region, limit)
}
