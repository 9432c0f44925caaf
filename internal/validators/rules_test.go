package validators

import (
	"fmt"
	"strings"
	"testing"
)

// problemCase is one value for a check function and the reason it must give
// ("" for a valid value).
type problemCase struct {
	name  string
	value string
	want  string
}

const (
	trailAllowed  = `only lowercase letters (a-z), digits (0-9), "-" and "_" are allowed`
	bucketAllowed = `only lowercase letters (a-z), digits (0-9) and "-" are allowed`
	prefixAllowed = `only letters (a-z or A-Z), digits (0-9), "-", "/" and "_" are allowed`
	roleAllowed   = `only letters (a-z or A-Z), digits (0-9), "." and "-" are allowed`
	regionAllowed = `only lowercase letters (a-z), digits (0-9) and "-" are allowed`
)

var trailNameCases = []problemCase{
	{"valid spec example", "trail-test", ""},
	{"valid 6 characters", "abcdef", ""},
	{"valid 36 characters", "a" + strings.Repeat("b", 35), ""},
	{"valid digits underscore hyphen", "audit_trail-01", ""},
	{"valid ends with hyphen", "audit-", ""},
	{"empty", "", "must not be empty"},
	{"5 characters", "abcde", "must be at least 6 characters long (it has 5)"},
	{"37 characters", "a" + strings.Repeat("b", 36), "must be at most 36 characters long (it has 37)"},
	{"uppercase first", "Trail-1", `must start with a lowercase letter (a-z), not "T"`},
	{"uppercase inside", "aAbcdef", `contains the character "A" at position 2; ` + trailAllowed},
	{"leading digit", "1trail", `must start with a lowercase letter (a-z), not "1"`},
	{"leading hyphen", "-trail", `must start with a lowercase letter (a-z), not "-"`},
	{"leading underscore", "_trail", `must start with a lowercase letter (a-z), not "_"`},
	{"leading space", " trail-1", `must start with a lowercase letter (a-z), not a space`},
	{"space inside", "trail 01", `contains a space at position 6; ` + trailAllowed},
	{"trailing space", "trail-1 ", `contains a space at position 8; ` + trailAllowed},
	{"dot", "trail.01", `contains the character "." at position 6; ` + trailAllowed},
	{"accented letter counts as one character", "trailé-01", `contains the character "é" (U+00E9) at position 6; ` + trailAllowed},
	{"full-width letter first", "ｔrail-01", `must start with a lowercase letter (a-z), not "ｔ" (U+FF54)`},
	{"full-width digit", "trail-０１", `contains the character "０" (U+FF10) at position 7; ` + trailAllowed},
	{"emoji", "trail😀01", `contains the character "😀" (U+1F600) at position 6; ` + trailAllowed},
	{"tab", "trail\t01", `contains the character "\t" (U+0009) at position 6; ` + trailAllowed},
	{"invalid UTF-8", "trail\xff01", "contains a byte that is not valid UTF-8 at position 6"},
	{"multi-byte characters counted once", "abcdé", `contains the character "é" (U+00E9) at position 5; ` + trailAllowed},
}

var bucketNameCases = []problemCase{
	{"valid spec example", "yuanchuang", ""},
	{"valid 3 characters", "abc", ""},
	{"valid 63 characters", strings.Repeat("a", 63), ""},
	{"valid leading digit", "1bucket", ""},
	{"valid all digits", "123", ""},
	{"valid hyphen inside", "audit-logs-2024", ""},
	{"empty", "", "must not be empty"},
	{"2 characters", "ab", "must be at least 3 characters long (it has 2)"},
	{"64 characters", strings.Repeat("a", 64), "must be at most 63 characters long (it has 64)"},
	{"trailing hyphen", "bucket-", `must end with a lowercase letter (a-z) or digit (0-9), not "-"`},
	{"leading hyphen", "-bucket", `must start with a lowercase letter (a-z) or digit (0-9), not "-"`},
	{"uppercase first", "Bucket", `must start with a lowercase letter (a-z) or digit (0-9), not "B"`},
	{"uppercase inside", "myBucket", `contains the character "B" at position 3; ` + bucketAllowed},
	{"underscore", "my_bucket", `contains the character "_" at position 3; ` + bucketAllowed},
	{"dot", "my.bucket", `contains the character "." at position 3; ` + bucketAllowed},
	{"space", "my bucket", `contains a space at position 3; ` + bucketAllowed},
	{"unicode", "bücket", `contains the character "ü" (U+00FC) at position 2; ` + bucketAllowed},
	{"short and trailing hyphen reports the hyphen", "a-", `must end with a lowercase letter (a-z) or digit (0-9), not "-"`},
}

var keyPrefixCases = []problemCase{
	{"valid empty", "", ""},
	{"valid 6 characters", "abcdef", ""},
	{"valid 32 characters", "A" + strings.Repeat("b", 31), ""},
	{"valid with slash", "actiontrail/", ""},
	{"valid nested path", "Logs/audit_trail-01/", ""},
	{"valid uppercase first", "Actiontrail", ""},
	{"5 characters", "abcde", "must be at least 6 characters long (it has 5)"},
	{"33 characters", "a" + strings.Repeat("b", 32), "must be at most 32 characters long (it has 33)"},
	{"leading digit", "1abcdef", `must start with a letter (a-z or A-Z), not "1"`},
	{"leading slash", "/actiontrail", `must start with a letter (a-z or A-Z), not "/"`},
	{"space", "ab cdef", `contains a space at position 3; ` + prefixAllowed},
	{"dot", "logs.audit", `contains the character "." at position 5; ` + prefixAllowed},
	{"unicode", "日志前缀abcd", `must start with a letter (a-z or A-Z), not "日" (U+65E5)`},
	{"only spaces", "      ", `must start with a letter (a-z or A-Z), not a space`},
}

var roleNameCases = []problemCase{
	{"valid default role", "aliyunactiontraildefaultrole", ""},
	{"valid 1 character", "r", ""},
	{"valid 64 characters", strings.Repeat("R", 64), ""},
	{"valid punctuation", "Audit.Role-1.x", ""},
	{"underscore", "Audit_Role", `contains the character "_" at position 6; ` + roleAllowed},
	{"valid leading dot", ".role", ""},
	{"empty", "", "must not be empty"},
	{"65 characters", strings.Repeat("r", 65), "must be at most 64 characters long (it has 65)"},
	{"slash", "role/x", `contains the character "/" at position 5; ` + roleAllowed},
	{"leading space", " role", `contains a space at position 1; ` + roleAllowed},
	{"unicode", "rôle", `contains the character "ô" (U+00F4) at position 2; ` + roleAllowed},
}

var regionIDCases = []problemCase{
	{"valid cn-hangzhou", "cn-hangzhou", ""},
	{"valid ap-southeast-1", "ap-southeast-1", ""},
	{"valid three parts", "cn-hangzhou-finance", ""},
	{"valid digit part", "us-east-1", ""},
	{"empty", "", "must not be empty"},
	{"no hyphen", "cn", `must contain at least one "-", as in "cn-hangzhou"`},
	{"one letter first part", "c-hangzhou", `must start with at least two lowercase letters before the first "-", as in "cn-hangzhou"`},
	{"digit in first part", "c1-hangzhou", `contains the digit "1" at position 2; the part before the first "-" may contain only lowercase letters (a-z)`},
	{"trailing hyphen", "cn-hangzhou-", `must not end with "-"`},
	{"double hyphen", "cn--hangzhou", `contains "--" at position 3; parts are separated by a single "-"`},
	{"uppercase", "CN-Hangzhou", `must start with a lowercase letter (a-z), not "C"`},
	{"underscore", "cn_hangzhou", `contains the character "_" at position 3; ` + regionAllowed},
	{"leading digit", "1cn-hangzhou", `must start with a lowercase letter (a-z), not "1"`},
	{"space", "cn-hang zhou", `contains a space at position 8; ` + regionAllowed},
	{"64 characters", "cn-" + strings.Repeat("a", 61), ""},
	{"65 characters", "cn-" + strings.Repeat("a", 62), "must be at most 64 characters long (it has 65)"},
	{"value All is not a region", "All", `must start with a lowercase letter (a-z), not "A"`},
}

var slsProjectARNCases = []problemCase{
	{"valid spec example shape", "acs:log:cn-shanghai::project/abc", ""},
	{"valid with account", "acs:log:cn-hangzhou:1234567890123456:project/audit-logs", ""},
	{"valid 63-character project", "acs:log:cn-hangzhou::project/" + strings.Repeat("p", 63), ""},
	{"empty", "", `must start with "acs:log:" (the form is acs:log:<region>:<account ID>:project/<project name>)`},
	{"role ARN", "acs:ram::123:role/x", `must start with "acs:log:" (the form is acs:log:<region>:<account ID>:project/<project name>)`},
	{"uppercase prefix", "ACS:LOG:cn-hangzhou::project/abc", `must start with "acs:log:" (the form is acs:log:<region>:<account ID>:project/<project name>)`},
	{"too few fields", "acs:log:cn-hangzhou:project/abc", `must have five fields separated by ":" (the form is acs:log:<region>:<account ID>:project/<project name>)`},
	{"empty region", "acs:log:::project/abc", "its region must not be empty"},
	{"bad region", "acs:log:cn_shanghai::project/abc", `its region contains the character "_" at position 11; ` + regionAllowed},
	{"non-digit account", "acs:log:cn-shanghai:12a:project/abc", `its account ID contains the character "a" at position 23; only digits (0-9) are allowed`},
	{"wrong resource type", "acs:log:cn-shanghai::logstore/abc", `must end with ":project/<project name>", as in "acs:log:cn-hangzhou::project/audit-logs"`},
	{"empty project", "acs:log:cn-shanghai::project/", "its project name must not be empty"},
	{"short project", "acs:log:cn-shanghai::project/ab", "its project name must be at least 3 characters long (it has 2)"},
	{"64-character project", "acs:log:cn-hangzhou::project/" + strings.Repeat("p", 64), "its project name must be at most 63 characters long (it has 64)"},
	{"uppercase project", "acs:log:cn-shanghai::project/Abc", `its project name must start with a lowercase letter (a-z) or digit (0-9), not "A"`},
	{"project trailing hyphen", "acs:log:cn-shanghai::project/abc-", `its project name must end with a lowercase letter (a-z) or digit (0-9), not "-"`},
	{"project with colon", "acs:log:cn-shanghai::project/a:bc", `its project name contains the character ":" at position 31; ` + bucketAllowed},
	{"masked spec example", "acs:log:cn-shanghai::project/***", `its project name must start with a lowercase letter (a-z) or digit (0-9), not "*"`},
	{"unicode position counts characters", "acs:log:cn-shanghai::project/aé", `its project name contains the character "é" (U+00E9) at position 31; ` + bucketAllowed},
}

var roleARNCases = []problemCase{
	{"valid default role", "acs:ram::1234567890123456:role/aliyunactiontraildefaultrole", ""},
	{"valid mixed case", "acs:ram::123:role/AliyunActionTrail.Role-1.x", ""},
	{"valid 64-character role", "acs:ram::1:role/" + strings.Repeat("r", 64), ""},
	{"empty", "", `must start with "acs:ram:" (the form is acs:ram::<account ID>:role/<role name>)`},
	{"SLS ARN", "acs:log:cn-hangzhou::project/abc", `must start with "acs:ram:" (the form is acs:ram::<account ID>:role/<role name>)`},
	{"too few fields", "acs:ram:123:role/x", `must have five fields separated by ":" (the form is acs:ram::<account ID>:role/<role name>)`},
	{"region set", "acs:ram:cn-hangzhou:123:role/x", `its region field must be empty (the form is acs:ram::<account ID>:role/<role name>), but it is "cn-hangzhou"`},
	{"empty account", "acs:ram:::role/x", "its account ID must not be empty"},
	{"masked account", "acs:ram::***:role/x", `its account ID contains the character "*" at position 10; only digits (0-9) are allowed`},
	{"user not role", "acs:ram::123:user/x", `must end with ":role/<role name>", as in "acs:ram::1234567890123456:role/aliyunactiontraildefaultrole"`},
	{"empty role name", "acs:ram::123:role/", "its role name must not be empty"},
	{"65-character role", "acs:ram::1:role/" + strings.Repeat("r", 65), "its role name must be at most 64 characters long (it has 65)"},
	{"role path", "acs:ram::123:role/a/b", `its role name contains the character "/" at position 20; ` + roleAllowed},
	{"trailing space", "acs:ram::123:role/x ", `its role name contains a space at position 20; ` + roleAllowed},
}

func runProblemCases(t *testing.T, check func(string) string, cases []problemCase) {
	t.Helper()
	seen := map[string]bool{}
	for _, tc := range cases {
		if seen[tc.name] {
			t.Fatalf("duplicate case name %q", tc.name)
		}
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := check(tc.value); got != tc.want {
				t.Errorf("check(%q)\n got: %q\nwant: %q", tc.value, got, tc.want)
			}
		})
	}
}

// TestProblems runs each check function on its cases.
func TestProblems(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		check func(string) string
		cases []problemCase
	}{
		{"TrailNameProblem", TrailNameProblem, trailNameCases},
		{"BucketNameProblem", BucketNameProblem, bucketNameCases},
		{"KeyPrefixProblem", KeyPrefixProblem, keyPrefixCases},
		{"RoleNameProblem", RoleNameProblem, roleNameCases},
		{"RegionIDProblem", RegionIDProblem, regionIDCases},
		{"SLSProjectARNProblem", SLSProjectARNProblem, slsProjectARNCases},
		{"RoleARNProblem", RoleARNProblem, roleARNCases},
		{"MaxComputeProjectARNProblem", MaxComputeProjectARNProblem, maxComputeProblemCases()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			runProblemCases(t, tc.check, tc.cases)
		})
	}
}

// TestRuleTextsAgree checks that each Markdown rule says what its plain-text
// twin says, with `x` in place of "x".
func TestRuleTextsAgree(t *testing.T) {
	t.Parallel()
	pairs := map[string][2]string{
		"trail name":             {TrailNameRule, TrailNameRuleMarkdown},
		"bucket name":            {BucketNameRule, BucketNameRuleMarkdown},
		"key prefix":             {KeyPrefixRule, KeyPrefixRuleMarkdown},
		"SLS project ARN":        {SLSProjectARNRule, SLSProjectARNRuleMarkdown},
		"MaxCompute project ARN": {MaxComputeProjectARNRule, MaxComputeProjectARNRuleMarkdown},
		"role ARN":               {RoleARNRule, RoleARNRuleMarkdown},
		"role name":              {RoleNameRule, RoleNameRuleMarkdown},
		"region ID":              {RegionIDRule, RegionIDRuleMarkdown},
	}
	for name, p := range pairs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			plain, md := p[0], p[1]
			if got := strings.ReplaceAll(md, "`", `"`); got != plain {
				t.Errorf("Markdown rule differs from plain rule:\n  plain: %s\n     md: %s", plain, md)
			}
			if strings.Contains(md, `"`) {
				t.Errorf("Markdown rule uses double quotes; use backticks: %s", md)
			}
			if !strings.HasSuffix(plain, ".") {
				t.Errorf("rule is not a sentence: %s", plain)
			}
		})
	}
}

func ExampleTrailNameProblem() {
	fmt.Println(TrailNameProblem("audit-trail-1") == "")
	fmt.Println(TrailNameProblem("Trail-1"))
	fmt.Println(TrailNameProblem("trailé-01"))
	// Output:
	// true
	// must start with a lowercase letter (a-z), not "T"
	// contains the character "é" (U+00E9) at position 6; only lowercase letters (a-z), digits (0-9), "-" and "_" are allowed
}
