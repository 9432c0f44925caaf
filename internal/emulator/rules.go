package emulator

import (
	"regexp"
	"slices"
	"strings"
)

// The emulator's own statement of the API's rules. It deliberately shares nothing with the provider:
// a wrong rule on either side shows up as a failing test.
var (
	// Name: 6–36 characters, a lowercase letter first, then lowercase letters, digits, '-' and '_'.
	trailNameRE = regexp.MustCompile(`^[a-z][a-z0-9_-]{5,35}$`)
	// OssBucketName: 3–63 characters of lowercase letters, digits and '-', starting and ending with a
	// lowercase letter or digit.
	bucketNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$`)
	// OssKeyPrefix (when not empty): 6–32 characters, a letter first, then letters, digits, '/', '_', '-'.
	ossKeyPrefixRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9/_-]{5,31}$`)
	// A region ID such as cn-hangzhou, ap-southeast-1 or cn-shanghai-finance-1.
	regionRE = regexp.MustCompile(`^[a-z]+(-[a-z0-9]+)+$`)
	// SlsProjectArn: acs:log:<region>:<account ID, digits, or empty>:project/<project name>; SLS project
	// names follow the bucket rule (3–63 characters of lowercase letters, digits and '-', starting and
	// ending with a letter or digit).
	slsProjectArnRE = regexp.MustCompile(`^acs:log:([a-z]+(?:-[a-z0-9]+)+):([0-9]*):project/([a-z0-9][a-z0-9-]{1,61}[a-z0-9])$`)
	// MaxComputeProjectArn: acs:odps:<region>:<account ID, digits>:project/<project name>; MaxCompute
	// project names have 3–28 letters, digits and '_', a letter first. ActionTrail also wants the name
	// to start with maxComputeProjectPrefix, checked apart so that the error can say so.
	maxComputeProjectArnRE = regexp.MustCompile(`^acs:odps:([a-z]+(?:-[a-z0-9]+)+):([0-9]+):project/([A-Za-z][A-Za-z0-9_]{2,27})$`)
	// Role ARNs (OssWriteRoleArn, SlsWriteRoleArn, MaxComputeWriteRoleArn): acs:ram::<account ID>:role/<RAM role name>.
	roleArnRE = regexp.MustCompile(`^acs:ram::[0-9]+:role/[A-Za-z0-9.-]{1,64}$`)
	// RoleName (API 2017-12-04): a RAM role name, 1–64 letters, digits, '.' and '-'.
	roleNameRE = regexp.MustCompile(`^[A-Za-z0-9.-]{1,64}$`)
)

const maxRegionLen = 64

// maxComputeProjectPrefix starts the name of every MaxCompute project ActionTrail delivers to.
const maxComputeProjectPrefix = "actiontrail_"

// Accepted values of EventRW; the first is the default.
var eventRWValues = []string{"Write", "Read", "All"}

func validRegion(s string) bool { return len(s) <= maxRegionLen && regionRE.MatchString(s) }

// slsProjectName returns the project named by a well-formed SLS project ARN, "" for any other string.
func slsProjectName(arn string) string {
	m := slsProjectArnRE.FindStringSubmatch(arn)
	if m == nil {
		return ""
	}
	return m[3]
}

// maxComputeProjectName returns the project named by a well-formed MaxCompute project ARN, "" for any
// other string.
func maxComputeProjectName(arn string) string {
	m := maxComputeProjectArnRE.FindStringSubmatch(arn)
	if m == nil {
		return ""
	}
	return m[3]
}

// parseBool accepts the spellings the gateway accepts for a Boolean parameter.
func parseBool(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}

// validateTrailParams checks the shapes of the optional trail parameters present in p, in the order
// CreateTrail checks them: bucket, prefix, then the rest. known tells the regions a TrailRegion may
// name.
func validateTrailParams(p params, known func(string) bool) *apiError {
	if v, ok := p.get("OssBucketName"); ok && v != "" && !bucketNameRE.MatchString(v) {
		return errInvalidBucketName()
	}
	if v, ok := p.get("OssKeyPrefix"); ok && v != "" && !ossKeyPrefixRE.MatchString(v) {
		return errInvalidPrefix()
	}
	if v, ok := p.get("RoleName"); ok && v != "" && !roleNameRE.MatchString(v) {
		return errInvalidParameter("RoleName", "a RAM role name has 1 to 64 letters, digits, periods (.) and hyphens (-).")
	}
	for _, name := range []string{"OssWriteRoleArn", "SlsWriteRoleArn", "MaxComputeWriteRoleArn"} {
		if v, ok := p.get(name); ok && v != "" && !roleArnRE.MatchString(v) {
			return errInvalidParameter(name, "expected a RAM role ARN acs:ram::<account ID>:role/<role name>.")
		}
	}
	if v, ok := p.get("SlsProjectArn"); ok && v != "" && !slsProjectArnRE.MatchString(v) {
		return errInvalidParameter("SlsProjectArn", "expected an SLS project ARN acs:log:<region>:<account ID>:project/<project name>.")
	}
	if v, ok := p.get("MaxComputeProjectArn"); ok && v != "" {
		name := maxComputeProjectName(v)
		if name == "" {
			return errInvalidParameter("MaxComputeProjectArn", "expected a MaxCompute project ARN acs:odps:<region>:<account ID>:project/<project name>.")
		}
		if !strings.HasPrefix(name, maxComputeProjectPrefix) || name == maxComputeProjectPrefix {
			return errMaxComputeProjectPrefix()
		}
	}
	if v, ok := p.get("EventRW"); ok && v != "" && !slices.Contains(eventRWValues, v) {
		return errInvalidParameter("EventRW", "expected one of Write, Read, All.")
	}
	if v, ok := p.get("TrailRegion"); ok && v != "" && v != "All" && (!validRegion(v) || !known(v)) {
		return errInvalidParameter("TrailRegion", "expected All or the ID of an ActionTrail region.")
	}
	return nil
}

// boolParam reads an optional Boolean parameter.
func boolParam(p params, name string) (bool, *apiError) {
	v, ok := p.get(name)
	if !ok || v == "" {
		return false, nil
	}
	b, ok := parseBool(v)
	if !ok {
		return false, errInvalidParameter(name, "expected true or false.")
	}
	return b, nil
}
