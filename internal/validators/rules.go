package validators

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// API error codes the rules stand for. The API answers each of them with
// HTTP 400.
const (
	// CodeInvalidTrailName is returned for a trail name that breaks TrailNameRule.
	CodeInvalidTrailName = "InvalidTrailNameException"
	// CodeInvalidBucketName is returned for an OSS bucket name that breaks BucketNameRule.
	CodeInvalidBucketName = "InvalidBucketNameException"
	// CodeInvalidPrefix is returned for an OSS key prefix that breaks KeyPrefixRule.
	CodeInvalidPrefix = "InvalidPrefixException"
	// CodeInvalidQueryParameter is the API's code for other malformed
	// parameters: SLS and MaxCompute project ARNs, RAM role ARNs and RAM role
	// names.
	CodeInvalidQueryParameter = "InvalidQueryParameter"
	// CodeInvalidMaxComputeProjectArn is returned for a well-formed MaxCompute
	// project ARN whose project name does not start with MaxComputeProjectPrefix.
	// The API documents no code for it; this is the emulator's choice
	// (internal/emulator/DECISIONS.md, "MaxCompute delivery").
	CodeInvalidMaxComputeProjectArn = "InvalidMaxComputeProjectArnException"
)

// MaxComputeProjectPrefix starts the name of every MaxCompute project
// ActionTrail delivers to.
const MaxComputeProjectPrefix = "actiontrail_"

// Rule texts, one sentence each, in plain text (diagnostics, Description) and
// in Markdown (schema MarkdownDescription, generated docs). The two forms of
// a rule differ only in quoting: "x" in plain text is `x` in Markdown.
const (
	// TrailNameRule states the trail name rule in plain text.
	TrailNameRule = `ActionTrail trail names are 6-36 characters long, start with a lowercase letter (a-z) and contain only lowercase letters, digits, "-" and "_".`
	// TrailNameRuleMarkdown states the trail name rule in Markdown.
	TrailNameRuleMarkdown = "ActionTrail trail names are 6-36 characters long, start with a lowercase letter (a-z) and contain only lowercase letters, digits, `-` and `_`."

	// BucketNameRule states the OSS bucket name rule in plain text.
	BucketNameRule = `OSS bucket names are 3-63 characters long, contain only lowercase letters (a-z), digits and "-", and start and end with a lowercase letter or digit.`
	// BucketNameRuleMarkdown states the OSS bucket name rule in Markdown.
	BucketNameRuleMarkdown = "OSS bucket names are 3-63 characters long, contain only lowercase letters (a-z), digits and `-`, and start and end with a lowercase letter or digit."

	// KeyPrefixRule states the OSS key prefix rule in plain text.
	KeyPrefixRule = `The OSS key prefix is either empty or 6-32 characters long, starts with a letter (a-z or A-Z) and contains only letters, digits, "-", "/" and "_".`
	// KeyPrefixRuleMarkdown states the OSS key prefix rule in Markdown.
	KeyPrefixRuleMarkdown = "The OSS key prefix is either empty or 6-32 characters long, starts with a letter (a-z or A-Z) and contains only letters, digits, `-`, `/` and `_`."

	// SLSProjectARNRule states the SLS project ARN rule in plain text.
	SLSProjectARNRule = `SLS project ARNs have the form "acs:log:<region>:<account ID>:project/<project name>", where the region is a region ID such as "cn-hangzhou", the account ID is digits or empty, and the project name is 3-63 lowercase letters (a-z), digits and "-", starting and ending with a letter or digit.`
	// SLSProjectARNRuleMarkdown states the SLS project ARN rule in Markdown.
	SLSProjectARNRuleMarkdown = "SLS project ARNs have the form `acs:log:<region>:<account ID>:project/<project name>`, where the region is a region ID such as `cn-hangzhou`, the account ID is digits or empty, and the project name is 3-63 lowercase letters (a-z), digits and `-`, starting and ending with a letter or digit."

	// MaxComputeProjectARNRule states the MaxCompute project ARN rule in plain text.
	MaxComputeProjectARNRule = `MaxCompute project ARNs have the form "acs:odps:<region>:<account ID>:project/<project name>", where the region is a region ID such as "cn-hangzhou", the account ID is digits, and the project name is 3-28 letters (a-z or A-Z), digits and "_", starting with a letter; ActionTrail delivers only to projects whose name starts with "actiontrail_".`
	// MaxComputeProjectARNRuleMarkdown states the MaxCompute project ARN rule in Markdown.
	MaxComputeProjectARNRuleMarkdown = "MaxCompute project ARNs have the form `acs:odps:<region>:<account ID>:project/<project name>`, where the region is a region ID such as `cn-hangzhou`, the account ID is digits, and the project name is 3-28 letters (a-z or A-Z), digits and `_`, starting with a letter; ActionTrail delivers only to projects whose name starts with `actiontrail_`."

	// RoleARNRule states the RAM role ARN rule in plain text.
	RoleARNRule = `RAM role ARNs have the form "acs:ram::<account ID>:role/<role name>", where the account ID is digits and the role name is 1-64 letters (a-z or A-Z), digits, "." and "-".`
	// RoleARNRuleMarkdown states the RAM role ARN rule in Markdown.
	RoleARNRuleMarkdown = "RAM role ARNs have the form `acs:ram::<account ID>:role/<role name>`, where the account ID is digits and the role name is 1-64 letters (a-z or A-Z), digits, `.` and `-`."

	// RoleNameRule states the RAM role name rule in plain text.
	RoleNameRule = `RAM role names are 1-64 characters long and contain only letters (a-z or A-Z), digits, "." and "-".`
	// RoleNameRuleMarkdown states the RAM role name rule in Markdown.
	RoleNameRuleMarkdown = "RAM role names are 1-64 characters long and contain only letters (a-z or A-Z), digits, `.` and `-`."

	// RegionIDRule states the region ID rule in plain text.
	RegionIDRule = `Region IDs such as "cn-hangzhou" or "ap-southeast-1" are two or more lowercase letters (a-z) followed by one or more parts of lowercase letters and digits, each preceded by "-".`
	// RegionIDRuleMarkdown states the region ID rule in Markdown.
	RegionIDRuleMarkdown = "Region IDs such as `cn-hangzhou` or `ap-southeast-1` are two or more lowercase letters (a-z) followed by one or more parts of lowercase letters and digits, each preceded by `-`."
)

// TrailNameProblem returns "" if s is a valid trail name (TrailNameRule),
// otherwise a short reason such as "must be at least 6 characters long (it has 5)".
func TrailNameProblem(s string) string { return trailName.problem(s, 0) }

// BucketNameProblem returns "" if s is a valid OSS bucket name
// (BucketNameRule), otherwise a short reason.
func BucketNameProblem(s string) string { return bucketName.problem(s, 0) }

// KeyPrefixProblem returns "" if s is a valid OSS key prefix (KeyPrefixRule),
// otherwise a short reason. The empty prefix is valid.
func KeyPrefixProblem(s string) string {
	if s == "" {
		return ""
	}
	return keyPrefix.problem(s, 0)
}

// RoleNameProblem returns "" if s is a valid RAM role name (RoleNameRule),
// otherwise a short reason.
func RoleNameProblem(s string) string { return roleName.problem(s, 0) }

// RegionIDProblem returns "" if s is a valid region ID (RegionIDRule),
// otherwise a short reason.
func RegionIDProblem(s string) string { return regionProblem(s, 0, "") }

// SLSProjectARNProblem returns "" if s is a valid SLS project ARN
// (SLSProjectARNRule), otherwise a short reason. Reasons about one field of
// the ARN name the field ("its project name must ...").
func SLSProjectARNProblem(s string) string { return slsProjectARN.problem(s) }

// MaxComputeProjectARNProblem returns "" if s is a valid MaxCompute project
// ARN (MaxComputeProjectARNRule), otherwise a short reason: first about its
// shape, then about the actiontrail_ prefix of its project name.
func MaxComputeProjectARNProblem(s string) string {
	if p := maxComputeARNShapeProblem(s); p != "" {
		return p
	}
	return maxComputeProjectPrefixProblem(s)
}

// maxComputeARNShapeProblem checks the form
// acs:odps:<region>:<account ID>:project/<project name>, whatever the name's prefix.
func maxComputeARNShapeProblem(s string) string { return maxComputeProjectARN.problem(s) }

// maxComputeProjectPrefixProblem checks that the project of a well-formed
// MaxCompute project ARN is named actiontrail_<something>; the shape is
// maxComputeARNShapeProblem's to check.
func maxComputeProjectPrefixProblem(s string) string {
	i := strings.LastIndex(s, ":project/")
	if i < 0 {
		return ""
	}
	name := s[i+len(":project/"):]
	switch {
	case !strings.HasPrefix(name, MaxComputeProjectPrefix):
		return fmt.Sprintf("its project name must start with %q (ActionTrail delivers only to such projects), but it is %q", MaxComputeProjectPrefix, name)
	case name == MaxComputeProjectPrefix:
		return fmt.Sprintf("its project name must continue after %q", MaxComputeProjectPrefix)
	}
	return ""
}

// RoleARNProblem returns "" if s is a valid RAM role ARN (RoleARNRule),
// otherwise a short reason. Reasons about one field of the ARN name the
// field ("its role name must ...").
func RoleARNProblem(s string) string { return roleARN.problem(s) }

// arnSpec describes the ARNs acs:<service>:<region>:<account ID>:<resource>/<name> of one kind.
type arnSpec struct {
	service  string // "log"
	resource string // "project"
	// noRegion: the region field must be empty (RAM is global); otherwise it is a region ID.
	noRegion bool
	// accountOptional: the account ID may be empty (SLS's); otherwise it is required.
	accountOptional bool
	example         string // a valid ARN, for the reason about a wrong resource
	name            nameSpec
}

var (
	slsProjectARN = arnSpec{
		service: "log", resource: "project", accountOptional: true,
		example: "acs:log:cn-hangzhou::project/audit-logs", name: projectName,
	}
	maxComputeProjectARN = arnSpec{
		service: "odps", resource: "project",
		example: "acs:odps:cn-hangzhou:1234567890123456:project/actiontrail_audit", name: maxComputeProjectName,
	}
	roleARN = arnSpec{
		service: "ram", resource: "role", noRegion: true,
		example: "acs:ram::1234567890123456:role/aliyunactiontraildefaultrole", name: roleNameInARN,
	}
)

// form is the ARN's form, as in "acs:log:<region>:<account ID>:project/<project name>".
func (a arnSpec) form() string {
	region := "<region>"
	if a.noRegion {
		region = ""
	}
	return "acs:" + a.service + ":" + region + ":<account ID>:" + a.resource + "/<" + a.resource + " name>"
}

// problem checks s field by field and returns the first reason, "" for a valid ARN.
func (a arnSpec) problem(s string) string {
	form := a.form()
	f, p := arnFields(s, a.service, form)
	if p != "" {
		return p
	}
	if a.noRegion {
		if f[2].text != "" {
			return fmt.Sprintf("its region field must be empty (the form is %s), but it is %q", form, f[2].text)
		}
	} else if p := regionProblem(f[2].text, f[2].offset, "its region"); p != "" {
		return p
	}
	if f[3].text != "" || !a.accountOptional {
		if p := accountID.problem(f[3].text, f[3].offset); p != "" {
			return p
		}
	}
	name, ok := strings.CutPrefix(f[4].text, a.resource+"/")
	if !ok {
		return fmt.Sprintf(`must end with ":%s/<%s name>", as in %q`, a.resource, a.resource, a.example)
	}
	return a.name.problem(name, f[4].offset+len(a.resource)+1)
}

// arnField is one ":"-separated field of an ARN and the number of characters
// before it in the whole value.
type arnField struct {
	text   string
	offset int
}

// arnFields splits s into the five fields acs:<service>:<region>:<account>:<resource>
// and checks the first two. The resource keeps any further ":".
func arnFields(s, service, form string) ([5]arnField, string) {
	var f [5]arnField
	if p := utf8Problem(s, 0, ""); p != "" {
		return f, p
	}
	if prefix := "acs:" + service + ":"; !strings.HasPrefix(s, prefix) {
		return f, fmt.Sprintf("must start with %q (the form is %s)", prefix, form)
	}
	parts := strings.SplitN(s, ":", 5)
	if len(parts) < 5 {
		return f, fmt.Sprintf("must have five fields separated by \":\" (the form is %s)", form)
	}
	off := 0
	for i, p := range parts {
		f[i] = arnField{text: p, offset: off}
		off += utf8.RuneCountInString(p) + 1
	}
	return f, ""
}

// nameSpec describes a name made of allowed characters with a length range
// and constraints on its first and (optionally) last character.
type nameSpec struct {
	// field, when set, is the subject of reasons about a part of a larger
	// value, such as "its project name".
	field       string
	min, max    int
	first       func(rune) bool // nil: any allowed character
	firstDesc   string
	allowed     func(rune) bool
	allowedDesc string
	last        func(rune) bool // nil: any allowed character
	lastDesc    string
}

var (
	trailName = nameSpec{
		min: 6, max: 36,
		first: isLower, firstDesc: "a lowercase letter (a-z)",
		allowed: anyOf(isLower, isDigit, isIn("-_")), allowedDesc: `lowercase letters (a-z), digits (0-9), "-" and "_"`,
	}
	bucketName = nameSpec{
		min: 3, max: 63,
		first: anyOf(isLower, isDigit), firstDesc: "a lowercase letter (a-z) or digit (0-9)",
		allowed: anyOf(isLower, isDigit, isIn("-")), allowedDesc: `lowercase letters (a-z), digits (0-9) and "-"`,
		last: anyOf(isLower, isDigit), lastDesc: "a lowercase letter (a-z) or digit (0-9)",
	}
	projectName = func() nameSpec { n := bucketName; n.field = "its project name"; return n }()
	keyPrefix   = nameSpec{
		min: 6, max: 32,
		first: isLetter, firstDesc: "a letter (a-z or A-Z)",
		allowed: anyOf(isLetter, isDigit, isIn("-/_")), allowedDesc: `letters (a-z or A-Z), digits (0-9), "-", "/" and "_"`,
	}
	roleName = nameSpec{
		min: 1, max: 64,
		allowed: anyOf(isLetter, isDigit, isIn(".-")), allowedDesc: `letters (a-z or A-Z), digits (0-9), "." and "-"`,
	}
	roleNameInARN = func() nameSpec { n := roleName; n.field = "its role name"; return n }()
	accountID     = nameSpec{
		field: "its account ID",
		min:   1, max: math.MaxInt,
		allowed: isDigit, allowedDesc: "digits (0-9)",
	}
	regionChars = nameSpec{
		min: 1, max: 64,
		first: isLower, firstDesc: "a lowercase letter (a-z)",
		allowed: anyOf(isLower, isDigit, isIn("-")), allowedDesc: `lowercase letters (a-z), digits (0-9) and "-"`,
	}
	// maxComputeProjectName is a MaxCompute project name, whatever its prefix.
	maxComputeProjectName = nameSpec{
		field: "its project name",
		min:   3, max: 28,
		first: isLetter, firstDesc: "a letter (a-z or A-Z)",
		allowed: anyOf(isLetter, isDigit, isIn("_")), allowedDesc: `letters (a-z or A-Z), digits (0-9) and "_"`,
	}
)

// problem checks s against n. offset is the number of characters before s in
// the value the reason talks about, so positions count over the whole value.
func (n nameSpec) problem(s string, offset int) string {
	if s == "" {
		return n.reason("must not be empty")
	}
	if p := utf8Problem(s, offset, n.field); p != "" {
		return p
	}
	count := 0
	var last rune
	for _, r := range s {
		count++
		if count == 1 && n.first != nil && !n.first(r) {
			return n.reason(fmt.Sprintf("must start with %s, not %s", n.firstDesc, quoteRune(r)))
		}
		if !n.allowed(r) {
			return n.reason(fmt.Sprintf("contains %s at position %d; only %s are allowed",
				describeRune(r), offset+count, n.allowedDesc))
		}
		last = r
	}
	if n.last != nil && !n.last(last) {
		return n.reason(fmt.Sprintf("must end with %s, not %s", n.lastDesc, quoteRune(last)))
	}
	if count < n.min {
		return n.reason(fmt.Sprintf("must be at least %d characters long (it has %d)", n.min, count))
	}
	if count > n.max {
		return n.reason(fmt.Sprintf("must be at most %d characters long (it has %d)", n.max, count))
	}
	return ""
}

func (n nameSpec) reason(r string) string {
	if n.field == "" {
		return r
	}
	return n.field + " " + r
}

// regionProblem checks a region ID against ^[a-z]{2,}(-[a-z0-9]+)+$, at most 64 characters.
// field, when set, is the subject of the reason ("its region").
func regionProblem(s string, offset int, field string) string {
	chars := regionChars
	chars.field = field
	if p := chars.problem(s, offset); p != "" {
		return p
	}
	// Only ASCII from here on: byte indexes are character indexes.
	first, _, found := strings.Cut(s, "-")
	for i := 0; i < len(first); i++ {
		if isDigit(rune(first[i])) {
			return chars.reason(fmt.Sprintf("contains the digit %q at position %d; the part before the first \"-\" may contain only lowercase letters (a-z)",
				string(first[i]), offset+i+1))
		}
	}
	if len(first) < 2 {
		return chars.reason(`must start with at least two lowercase letters before the first "-", as in "cn-hangzhou"`)
	}
	if !found {
		return chars.reason(`must contain at least one "-", as in "cn-hangzhou"`)
	}
	if strings.HasSuffix(s, "-") {
		return chars.reason(`must not end with "-"`)
	}
	if i := strings.Index(s, "--"); i >= 0 {
		return chars.reason(fmt.Sprintf(`contains "--" at position %d; parts are separated by a single "-"`, offset+i+1))
	}
	return ""
}

// utf8Problem reports the first byte of s that is not valid UTF-8.
func utf8Problem(s string, offset int, field string) string {
	if utf8.ValidString(s) {
		return ""
	}
	count := 0
	for i, r := range s {
		count++
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return nameSpec{field: field}.reason(fmt.Sprintf("contains a byte that is not valid UTF-8 at position %d", offset+count))
			}
		}
	}
	return ""
}

// quoteRune returns r quoted, with its code point when it is not printable
// ASCII, or "a space".
func quoteRune(r rune) string {
	switch {
	case r == ' ':
		return "a space"
	case r > ' ' && r < utf8.RuneSelf && r != 0x7f:
		return fmt.Sprintf("%q", string(r))
	default:
		return fmt.Sprintf("%q (%U)", string(r), r)
	}
}

// describeRune is quoteRune for use after "contains".
func describeRune(r rune) string {
	if r == ' ' {
		return "a space"
	}
	return "the character " + quoteRune(r)
}

func isLower(r rune) bool  { return 'a' <= r && r <= 'z' }
func isDigit(r rune) bool  { return '0' <= r && r <= '9' }
func isLetter(r rune) bool { return isLower(r) || ('A' <= r && r <= 'Z') }

func isIn(set string) func(rune) bool {
	return func(r rune) bool { return strings.ContainsRune(set, r) }
}

func anyOf(fs ...func(rune) bool) func(rune) bool {
	return func(r rune) bool {
		for _, f := range fs {
			if f(r) {
				return true
			}
		}
		return false
	}
}
