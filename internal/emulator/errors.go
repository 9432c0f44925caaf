package emulator

import (
	"fmt"
	"net/http"
)

// apiError is an error answer: a code, the HTTP status it travels with and a message.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.code, e.message) }

func newError(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, message: fmt.Sprintf(format, args...)}
}

// Gateway errors, shared by every POP API.

func errMissing(param string) *apiError {
	return newError(http.StatusBadRequest, "Missing"+param, "%s is mandatory for this action.", param)
}

func errAPINotFound() *apiError {
	return newError(http.StatusNotFound, "InvalidApi.NotFound",
		"Specified api is not found, please check your url and method.")
}

func errUnsupportedMethod(method string) *apiError {
	return newError(http.StatusBadRequest, "UnsupportedHTTPMethod",
		"Specified HTTP method %q is not supported.", method)
}

func errInvalidVersion() *apiError {
	return newError(http.StatusBadRequest, "InvalidVersion", "Specified parameter Version is not valid.")
}

func errInvalidFormat() *apiError {
	return newError(http.StatusBadRequest, "InvalidParameter.Format",
		"Specified parameter Format is not valid: the emulator answers JSON only.")
}

func errBodyTooLarge() *apiError {
	return newError(http.StatusBadRequest, "InvalidParameter", "The request body is too large.")
}

func errAccessKeyNotFound() *apiError {
	return newError(http.StatusNotFound, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
}

func errIncompleteSignature() *apiError {
	return newError(http.StatusBadRequest, "IncompleteSignature",
		"The request signature does not conform to Aliyun standards.")
}

func errSignatureMethod() *apiError {
	return newError(http.StatusBadRequest, "InvalidSignatureMethod",
		"Specified signature method is not supported: only HMAC-SHA1 (V1) and ACS3-HMAC-SHA256 (V3) are.")
}

// errIncompleteSignatureV3 is IncompleteSignature for a V3 request, saying what is missing.
func errIncompleteSignatureV3(detail string) *apiError {
	return newError(http.StatusBadRequest, "IncompleteSignature",
		"The request signature does not conform to Aliyun standards: %s.", detail)
}

// errContentSHA256Mismatch: the body is not the one whose hash was signed (a decision: the gateway's
// code for it is not documented; see DECISIONS.md).
func errContentSHA256Mismatch() *apiError {
	return newError(http.StatusBadRequest, "SignatureDoesNotMatch",
		"The x-acs-content-sha256 header does not match the SHA-256 of the request body.")
}

func errSignatureMismatch(stringToSign string) *apiError {
	// The SDK splits the message on "server string to sign is:" and compares the rest with its own
	// string to sign, so nothing may follow it.
	return &apiError{status: http.StatusBadRequest, code: "SignatureDoesNotMatch",
		message: "Specified signature is not matched with our calculation. server string to sign is:" + stringToSign}
}

func errTimestampFormat() *apiError {
	return newError(http.StatusBadRequest, "InvalidTimeStamp.Format",
		"Specified time stamp or date value is not well formatted.")
}

func errTimestampExpired() *apiError {
	return newError(http.StatusBadRequest, "InvalidTimeStamp.Expired",
		"Specified time stamp or date value is expired.")
}

func errNonceUsed() *apiError {
	return newError(http.StatusBadRequest, "SignatureNonceUsed", "Specified signature nonce was used already.")
}

func errTokenMismatch() *apiError {
	return newError(http.StatusBadRequest, "InvalidSecurityToken.MismatchWithAccessKey",
		"Specified SecurityToken mismatch with the AccessKey.")
}

func errTokenExpired() *apiError {
	return newError(http.StatusBadRequest, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.")
}

func errInvalidRegion(region string) *apiError {
	return newError(http.StatusBadRequest, "InvalidRegionId", "The specified region %q is not valid.", region)
}

// errUnknownRegion: a well-formed region ID that is not an ActionTrail region (ECS's answer; the
// real ActionTrail endpoint of such a region does not resolve; see DECISIONS.md).
func errUnknownRegion(region string) *apiError {
	return newError(http.StatusNotFound, "InvalidRegionId.NotFound", "The specified RegionId %q does not exist.", region)
}

func errThrottling() *apiError {
	return newError(http.StatusBadRequest, "Throttling.User", "Request was denied due to user flow control.")
}

func errServiceUnavailable() *apiError {
	return newError(http.StatusServiceUnavailable, "ServiceUnavailable",
		"The request has failed due to a temporary failure of the server.")
}

func errInternal() *apiError {
	return newError(http.StatusInternalServerError, "InternalError",
		"The request processing has failed due to some unknown error, exception or failure.")
}

// ActionTrail errors.

func errInvalidTrailName() *apiError {
	return newError(http.StatusBadRequest, "InvalidTrailNameException",
		"The specified Trail name is invalid: it must be 6 to 36 characters long, start with a lowercase letter "+
			"and contain only lowercase letters, digits, hyphens (-) and underscores (_).")
}

func errInvalidBucketName() *apiError {
	return newError(http.StatusBadRequest, "InvalidBucketNameException",
		"The specified OSS bucket name is invalid: it must be 3 to 63 characters long, contain only lowercase "+
			"letters, digits and hyphens (-), and start and end with a lowercase letter or a digit.")
}

func errInvalidPrefix() *apiError {
	return newError(http.StatusBadRequest, "InvalidPrefixException",
		"The specified OSS key prefix is invalid: it must be empty or 6 to 32 characters long, start with a "+
			"letter and contain only letters, digits, slashes (/), hyphens (-) and underscores (_).")
}

func errInvalidParameter(param, why string) *apiError {
	return newError(http.StatusBadRequest, "InvalidQueryParameter", "The parameter %s is invalid: %s", param, why)
}

func errNoDelivery() *apiError {
	return newError(http.StatusBadRequest, "InvalidDeliveryConfigurationException",
		"The delivery configuration is invalid: specify at least one of an OSS bucket (OssBucketName), an SLS project "+
			"(SlsProjectArn) and a MaxCompute project (MaxComputeProjectArn).")
}

func errTrailExists() *apiError {
	return newError(http.StatusBadRequest, "TrailAlreadyExistsException", "The specified Trail name already exists.")
}

func errQuota(limit int, region string) *apiError {
	return newError(http.StatusForbidden, "MaximumNumberOfTrailsExceededException",
		"The maximum number of trails in region %s has been reached: the limit is %d.", region, limit)
}

func errOrgTrailQuota() *apiError {
	return newError(http.StatusForbidden, "MaximumNumberOfTrailsExceededException",
		"The maximum number of organization trails has been reached: an account can have 1 organization trail.")
}

// errNotAllowOrgTrail: the documented CreateTrail code for an account that may not create an
// organization trail (here: one that is not a resource directory's management account).
func errNotAllowOrgTrail() *apiError {
	return newError(http.StatusBadRequest, "NotAllowCreateOrganizationTrail",
		"Your account does not allow you to create organization trail: only the management account of a "+
			"resource directory can create one.")
}

func errBucketNotFound() *apiError {
	return newError(http.StatusNotFound, "BucketDoesNotExistException", "The specified OSS bucket does not exist.")
}

func errBucketDenied() *apiError {
	return newError(http.StatusForbidden, "InsufficientBucketPolicyException",
		"Access to the specified OSS bucket was denied.")
}

func errSLSProjectNotFound() *apiError {
	return newError(http.StatusBadRequest, "SlsProjectDoesNotExistException", "The specified SLS project does not exist.")
}

// errMaxComputeProjectNotFound mirrors SlsProjectDoesNotExistException (no documented code; see
// DECISIONS.md).
func errMaxComputeProjectNotFound() *apiError {
	return newError(http.StatusBadRequest, "MaxComputeProjectDoesNotExistException",
		"The specified MaxCompute project does not exist.")
}

// errMaxComputeProjectPrefix: the project name lacks the actiontrail_ prefix (no documented code; see
// DECISIONS.md).
func errMaxComputeProjectPrefix() *apiError {
	return newError(http.StatusBadRequest, "InvalidMaxComputeProjectArnException",
		"The specified MaxCompute project is invalid: its name must start with %s and go on after it.", maxComputeProjectPrefix)
}

func errTrailNotFound() *apiError {
	return newError(http.StatusNotFound, "TrailNotFoundException", "The specified Trail does not exist.")
}
