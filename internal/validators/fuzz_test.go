package validators

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// Independent statements of the rules, written from the spec rather than
// from the check functions. Go's regexp never matches invalid UTF-8 with a
// character class, and $ without (?m) matches only at the end of the text.
var (
	trailNameRE     = regexp.MustCompile(`^[a-z][a-z0-9_-]{5,35}$`)
	bucketNameRE    = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$`)
	keyPrefixRE     = regexp.MustCompile(`^(?:|[A-Za-z][A-Za-z0-9/_-]{5,31})$`)
	roleNameRE      = regexp.MustCompile(`^[A-Za-z0-9.-]{1,64}$`)
	regionIDRE      = regexp.MustCompile(`^[a-z]{2,}(?:-[a-z0-9]+)+$`) // and at most 64 characters
	slsProjectARNRE = regexp.MustCompile(`^acs:log:[a-z]{2,}(?:-[a-z0-9]+)+:[0-9]*:project/[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$`)
	roleARNRE       = regexp.MustCompile(`^acs:ram::[0-9]+:role/[A-Za-z0-9.-]{1,64}$`)
)

var (
	positionRE  = regexp.MustCompile(`at position (\d+)`)
	characterRE = regexp.MustCompile(`contains (?:the character ("(?:[^"\\]|\\.)*")|(a space)) at position (\d+)`)
)

// fuzzCheck asserts the properties every check function must have.
// matcher is a regexp, or a regexp with a length bound.
type matcher interface{ MatchString(string) bool }

// maxLen bounds a regexp's matches to n bytes (RE2 cannot say both at once).
type maxLen struct {
	*regexp.Regexp
	n int
}

func (m maxLen) MatchString(s string) bool { return len(s) <= m.n && m.Regexp.MatchString(s) }

func fuzzCheck(t *testing.T, check func(string) string, re matcher, s string) {
	problem := check(s)
	if valid := re.MatchString(s); valid != (problem == "") {
		t.Fatalf("value %q: regexp says valid=%v, check says %q", s, valid, problem)
	}
	if problem == "" {
		return
	}
	if !utf8.ValidString(problem) || strings.ContainsAny(problem, "\n\r") {
		t.Fatalf("value %q: reason is not one line of valid UTF-8: %q", s, problem)
	}
	n := utf8.RuneCountInString(s)
	if m := positionRE.FindStringSubmatch(problem); m != nil {
		pos, _ := strconv.Atoi(m[1])
		if pos < 1 || pos > n {
			t.Fatalf("value %q (%d characters): position %d out of range in %q", s, n, pos, problem)
		}
	}
	if m := characterRE.FindStringSubmatch(problem); m != nil {
		pos, _ := strconv.Atoi(m[3])
		r := []rune(s)[pos-1]
		want := " "
		if m[1] != "" {
			var err error
			if want, err = strconv.Unquote(m[1]); err != nil {
				t.Fatalf("value %q: cannot unquote %s in %q", s, m[1], problem)
			}
		}
		if string(r) != want {
			t.Fatalf("value %q: reason %q names %q but position %d holds %q", s, problem, want, pos, string(r))
		}
	}
}

// fuzzRule seeds f with the values of cases and extra, then fuzzes check against re.
func fuzzRule(f *testing.F, check func(string) string, re matcher, cases []problemCase, extra ...string) {
	for _, tc := range cases {
		f.Add(tc.value)
	}
	for _, s := range extra {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { fuzzCheck(t, check, re, s) })
}

func FuzzTrailName(f *testing.F) {
	fuzzRule(f, TrailNameProblem, trailNameRE, trailNameCases, "a\u0301bcdef", "abcdef\x00", "trail-\u200b01")
}

func FuzzBucketName(f *testing.F) {
	fuzzRule(f, BucketNameProblem, bucketNameRE, bucketNameCases, "a-b", "--", "a\xc3")
}

func FuzzKeyPrefix(f *testing.F) {
	fuzzRule(f, KeyPrefixProblem, keyPrefixRE, keyPrefixCases, "a/////", "Z_____", "abcde\xff")
}

func FuzzRoleName(f *testing.F) {
	fuzzRule(f, RoleNameProblem, roleNameRE, roleNameCases, "...", "-", "\xff")
}

func FuzzRegionID(f *testing.F) {
	fuzzRule(f, RegionIDProblem, maxLen{regionIDRE, 64}, regionIDCases, "ab-1", "ab-1-", "a-b", "abc-1-2-3", "cn-hangzhou\n")
}

func FuzzSLSProjectARN(f *testing.F) {
	fuzzRule(f, SLSProjectARNProblem, slsProjectARNRE, slsProjectARNCases,
		"acs:log:cn-hangzhou:0:project/a-b",
		"acs:log:cn-hangzhou::project/abc:",
		"acs:log:cn--hangzhou::project/abc",
		"acs:log:cn-hangzhou::project/abc\n",
		"acs:log:",
	)
}

func FuzzRoleARN(f *testing.F) {
	fuzzRule(f, RoleARNProblem, roleARNRE, roleARNCases,
		"acs:ram::0:role/.",
		"acs:ram::1:role/a:",
		"acs:ram::1\xff:role/a",
		fmt.Sprintf("acs:ram::%s:role/x", strings.Repeat("9", 40)),
	)
}
