package client

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/validators"
)

// Codes only one side has. Every other code must be in both catalogs, with the same HTTP status.
var (
	// onlyInCatalog: codes of the real API that the emulator does not stage.
	onlyInCatalog = map[string]string{
		CodeInvalidAccessKeyIDInactive: "the emulator has no disabled access keys",
		CodeSecurityTokenMalformed:     "the emulator answers any token that is not its key's with MismatchWithAccessKey",
		CodeInsufficientSlsPolicy:      "the emulator does not model the permissions of Log Service projects",
		CodeRepeatOssBucket:            "the emulator lets trails share a bucket and prefix",
	}
	// onlyInEmulator: codes of requests the SDK always builds right, which the provider cannot meet
	// (the emulator answers them to other clients: curl, the conformance tests).
	onlyInEmulator = map[string]string{
		"InvalidApi.NotFound":     "an unknown action or path",
		"UnsupportedHTTPMethod":   "the SDK sends GET or POST",
		"InvalidVersion":          "the SDK sends its API version",
		"InvalidParameter.Format": "the SDK asks for JSON",
		"InvalidParameter":        "a body the emulator cannot read, or larger than it takes",
		"InvalidSignatureMethod":  "the SDK signs with HMAC-SHA1 or ACS3-HMAC-SHA256",
		"InvalidTimeStamp.Format": "the SDK formats its timestamps",
		"Missing":                 "Missing<Parameter>: the SDK sends every parameter it needs; the ones the provider meets (MissingSecurityToken) are in the catalog",
	}
)

// TestCatalogMatchesEmulator: the error catalog and the emulator's list of the codes it sends
// (emulator.ErrorCodes, the emulator's own statement of the API) agree on every code and its
// HTTP status, so a code that one side spells differently, or sends with another status, fails.
func TestCatalogMatchesEmulator(t *testing.T) {
	emu := map[string]emulator.ErrorCode{}
	for _, c := range emulator.ErrorCodes() {
		emu[c.Code] = c
	}
	family := func(code string) (emulator.ErrorCode, bool) {
		for _, c := range emu {
			if c.Family && strings.HasPrefix(code, c.Code) && len(code) > len(c.Code) {
				return c, true
			}
		}
		return emulator.ErrorCode{}, false
	}
	known := map[string]bool{}
	for _, info := range Catalog() {
		known[info.Code] = true
		c, ok := emu[info.Code]
		if !ok {
			c, ok = family(info.Code)
		}
		_, allowed := onlyInCatalog[info.Code]
		switch {
		case ok && allowed:
			t.Errorf("%s: the emulator sends it now; drop it from onlyInCatalog", info.Code)
		case !ok && !allowed:
			t.Errorf("%s (HTTP %d) is in the catalog but the emulator never sends it: fix the spelling on one side, or add it "+
				"to onlyInCatalog saying why the emulator cannot", info.Code, info.Status)
		case ok && c.Status != info.Status:
			t.Errorf("%s: the catalog says HTTP %d, the emulator sends HTTP %d", info.Code, info.Status, c.Status)
		}
	}
	for _, c := range emu {
		_, allowed := onlyInEmulator[c.Code]
		switch {
		case known[c.Code] && allowed:
			t.Errorf("%s: the catalog has it now; drop it from onlyInEmulator", c.Code)
		case !known[c.Code] && !allowed:
			t.Errorf("the emulator sends %s (HTTP %d), which the catalog lacks: add it, or add it to onlyInEmulator saying "+
				"why the provider cannot meet it", c.Code, c.Status)
		}
	}
	for code := range onlyInCatalog {
		if !known[code] {
			t.Errorf("onlyInCatalog names %s, which the catalog lacks", code)
		}
	}
	for code := range onlyInEmulator {
		if _, ok := emu[code]; !ok {
			t.Errorf("onlyInEmulator names %s, which the emulator does not send", code)
		}
	}
}

// codeInDoc finds the codes a summary quoted in the docs names: "Title (Code)", "Title: Code".
var codeInDoc = regexp.MustCompile(`(?:\(|: )([A-Z][a-z]+[A-Z][A-Za-z]*(?:\.[A-Z][A-Za-z]*)*)[)"]`)

// TestCatalogEntries: each entry says what the provider needs to report it.
func TestCatalogEntries(t *testing.T) {
	for _, info := range Catalog() {
		if info.Code == "" || info.Status < 400 || info.Status > 599 {
			t.Errorf("%+v: a code and an error status are needed", info)
		}
		if info.Stages == 0 {
			t.Errorf("%s: no stage", info.Code)
		}
		if info.Hint == "" && info.Stages&^StageConfigure != 0 {
			t.Errorf("%s surfaces beyond configure and has no hint: the diagnostic would not say what to do", info.Code)
		}
		if info.Hint != "" && !strings.HasSuffix(info.Hint, ".") {
			t.Errorf("%s: the hint is not whole sentences: %q", info.Code, info.Hint)
		}
		if !info.Doc.Hidden && info.Doc.Reports == "" {
			t.Errorf("%s is on the resource page without saying what the provider reports", info.Code)
		}
		if info.Retry == RetryTransient && info.Attribute != "" {
			t.Errorf("%s passes by itself, yet blames %s", info.Code, info.Attribute)
		}
		for _, m := range codeInDoc.FindAllStringSubmatch(info.Doc.Stage+" "+info.Doc.Reports, -1) {
			if _, ok := LookupError(m[1]); !ok {
				t.Errorf("%s: the docs name %s, which is not in the catalog", info.Code, m[1])
			}
		}
		if got, ok := LookupError(info.Code); !ok || got.Code != info.Code {
			t.Errorf("LookupError(%s) = %+v, %v", info.Code, got, ok)
		}
	}
	if _, ok := LookupError("SomethingNew"); ok {
		t.Error("LookupError found a code that is not in the catalog")
	}
}

// TestCatalogRuleHints: a parameter code's hint is the rule of internal/validators that stands for
// it, and the validator's diagnostic names the code with the catalog's HTTP status.
func TestCatalogRuleHints(t *testing.T) {
	for _, tc := range []struct {
		code  string
		rule  string
		v     validator.String
		value string
	}{
		{CodeInvalidTrailName, validators.TrailNameRule, validators.TrailName(), "Bad"},
		{CodeInvalidBucketName, validators.BucketNameRule, validators.BucketName(), "Bad"},
		{CodeInvalidPrefix, validators.KeyPrefixRule, validators.KeyPrefix(), "1bad"},
		{CodeInvalidMaxComputeProjectArn, validators.MaxComputeProjectARNRule, validators.MaxComputeProjectARN(),
			"acs:odps:cn-hangzhou:1234567890123456:project/audit"},
		{CodeInvalidQueryParameter, "", validators.RoleARN(), "arn:aws:iam::1:role/x"},
	} {
		info, ok := LookupError(tc.code)
		if !ok {
			t.Fatalf("%s is not in the catalog", tc.code)
		}
		if tc.rule != "" && !strings.HasPrefix(info.Hint, tc.rule) {
			t.Errorf("%s: the hint %q does not state the rule %q", tc.code, info.Hint, tc.rule)
		}
		var resp validator.StringResponse
		tc.v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("x"), ConfigValue: types.StringValue(tc.value)}, &resp)
		if len(resp.Diagnostics) != 1 {
			t.Fatalf("%s: %v", tc.code, resp.Diagnostics)
		}
		want := fmt.Sprintf("%s (HTTP %d)", tc.code, info.Status)
		if d := resp.Diagnostics[0]; !strings.Contains(d.Summary(), tc.code) || !strings.Contains(d.Detail(), want) {
			t.Errorf("%s: the validator's diagnostic does not name %q: %s: %s", tc.code, want, d.Summary(), d.Detail())
		}
	}
}

func TestDurationWords(t *testing.T) {
	for d, want := range map[time.Duration]string{
		2 * time.Minute:  "2 minutes",
		time.Minute:      "1 minute",
		30 * time.Second: "30 seconds",
		time.Second:      "1 second",
		90 * time.Second: "90 seconds",
	} {
		if got := durationWords(d); got != want {
			t.Errorf("durationWords(%s) = %q, want %q", d, got, want)
		}
	}
}
