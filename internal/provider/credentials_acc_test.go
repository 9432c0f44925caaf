package provider

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

// needAcc skips unless acceptance tests run (make test sets TF_ACC). The credential tests always
// run against the multi-account emulator: the real cloud has no fixed roles to assume.
func needAcc(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance tests run with TF_ACC=1 (make test sets it)")
	}
}

// stsActions are the STS actions; every other call is ActionTrail's.
var stsActions = map[string]bool{"GetCallerIdentity": true, "AssumeRole": true, "AssumeRoleWithOIDC": true}

// actiontrailCalls are the emulator's ActionTrail calls, STS left out.
func actiontrailCalls(emu *emulator.Server) map[string]int64 {
	out := map[string]int64{}
	for a, n := range emu.Calls() {
		if !stsActions[a] {
			out[a] = n
		}
	}
	return out
}

// trailConfig is the trail resourceName (through the provider providerAlias, "": the default one),
// named name, delivering to the test's bucket, with extra settings (HCL lines).
func trailConfig(resourceName, providerAlias, name string, extra string) string {
	return trailBlock(resourceName, providerAlias, name, testBucket, extra)
}

// checkTrailIn checks that the trail exists in that account of the emulator, and in no other.
func (e *stsEnv) checkTrailIn(account, name string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, id := range e.emu.AccountIDs() {
			_, ok := e.emu.GetAccountTrail(id, testRegion, name)
			if ok != (id == account) {
				return fmt.Errorf("trail %s: in account %s %t, want it in %s only", name, id, ok, account)
			}
		}
		return nil
	}
}

// checkNoTrails checks that destroy left no trail in any account.
func (e *stsEnv) checkNoTrails(*terraform.State) error {
	for _, id := range e.emu.AccountIDs() {
		if left := e.emu.AccountTrails(id); len(left) != 0 {
			return fmt.Errorf("account %s still has %d trails", id, len(left))
		}
	}
	return nil
}

// appliesIn runs cfg as a parallel acceptance test: the trail name is created in account and in no
// other, cfg plans nothing more, and the destroy leaves no trail in any account.
func (e *stsEnv) appliesIn(t *testing.T, cfg, account, name string) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkNoTrails,
		Steps:                    []resource.TestStep{{Config: cfg, Check: e.checkTrailIn(account, name)}, plansNothing(cfg)},
	})
}

// actiontrailCallsOf is failsPlanBeforeAPI's calls for e: its emulator's ActionTrail calls.
func (e *stsEnv) actiontrailCallsOf() map[string]int64 { return actiontrailCalls(e.emu) }

// TestAccProvider_credentialPaths: a trail is created, re-planned empty and destroyed in the
// account of each credential path: static keys, an STS token, assume_role, and OIDC from a token
// file.
func TestAccProvider_credentialPaths(t *testing.T) {
	needAcc(t)
	e := newSTSEnv(t, emulator.Config{})
	temp := temporaryKeys(t, e, auditor2Role, 3600)
	token := tokenFile(t, ciToken(t, time.Now(), nil))
	cases := []struct {
		name, settings, account string
	}{
		{"static keys", keys(mgmtKey, mgmtSecret), mgmtAccount},
		{"STS token", keys(temp.AccessKeyId, temp.AccessKeySecret) + fmt.Sprintf("  security_token = %q\n", temp.SecurityToken), member2Account},
		{"assume_role", keys(mgmtKey, mgmtSecret) + fmt.Sprintf("  assume_role {\n    role_arn = %q\n  }\n", auditorRole), memberAccount},
		{"OIDC token file", fmt.Sprintf("  assume_role_with_oidc {\n    oidc_provider_arn = %q\n    role_arn          = %q\n    oidc_token_file   = %q\n  }\n",
			ciProvider, ciRole, token), mgmtAccount},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			name := fmt.Sprintf("trail-creds-%d", i)
			cfg := e.providerBlock("", tc.settings) + trailConfig("test", "", name, "")
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				CheckDestroy: func(*terraform.State) error {
					if _, ok := e.emu.GetAccountTrail(tc.account, testRegion, name); ok {
						return fmt.Errorf("trail %s left in %s", name, tc.account)
					}
					return nil
				},
				Steps: []resource.TestStep{{Config: cfg, Check: e.checkTrailIn(tc.account, name)}, plansNothing(cfg)},
			})
		})
	}
}

// TestAccProvider_credentialFailuresAtPlan: every credential failure fails terraform plan with
// one error on the provider's configuration, before any ActionTrail call.
func TestAccProvider_credentialFailuresAtPlan(t *testing.T) {
	needAcc(t)
	now := time.Now()
	cases := []struct {
		name     string
		settings func(e *stsEnv) string
		want     string
	}{
		{"wrong secret", func(*stsEnv) string { return keys(mgmtKey, "wrong-secret") },
			`Invalid Credentials: SignatureDoesNotMatch`},
		{"unknown access key", func(*stsEnv) string { return keys("nobody", "x") },
			`Invalid Credentials: InvalidAccessKeyId.NotFound`},
		{"expired STS token", func(e *stsEnv) string {
			e.clock.set(-600 * time.Second)
			k := temporaryKeys(t, e, shortRole, 900) // expires in 5 minutes on the real clock...
			e.clock.set(400 * time.Second)           // ...and has on the emulator's
			return keys(k.AccessKeyId, k.AccessKeySecret) + fmt.Sprintf("  security_token = %q\n", k.SecurityToken)
		}, `Invalid Credentials: InvalidSecurityToken.Expired`},
		{"mismatched STS token", func(e *stsEnv) string {
			a, b := temporaryKeys(t, e, auditorRole, 3600), temporaryKeys(t, e, auditorRole, 3600)
			return keys(a.AccessKeyId, a.AccessKeySecret) + fmt.Sprintf("  security_token = %q\n", b.SecurityToken)
		}, `Invalid Credentials: InvalidSecurityToken.MismatchWithAccessKey`},
		{"role not found", func(*stsEnv) string {
			return keys(mgmtKey, mgmtSecret) + "  assume_role {\n    role_arn = \"acs:ram::" + memberAccount + ":role/nope\"\n  }\n"
		}, `Cannot Assume Role: EntityNotExist.Role`},
		{"role not trusted", func(*stsEnv) string {
			return keys(outsideKey, outsideSecret) + fmt.Sprintf("  assume_role {\n    role_arn = %q\n  }\n", auditorRole)
		}, `Cannot Assume Role: NoPermission`},
		{"OIDC token rejected", func(*stsEnv) string {
			return fmt.Sprintf("  assume_role_with_oidc {\n    oidc_provider_arn = %q\n    role_arn          = %q\n    oidc_token_file   = %q\n  }\n",
				ciProvider, ciRole, tokenFile(t, ciToken(t, now.Add(-2*time.Hour), nil)))
		}, `Cannot Assume Role With OIDC: AuthenticationFail.OIDCToken.Expired`},
		{"unreachable STS", func(*stsEnv) string {
			return keys(mgmtKey, mgmtSecret) + fmt.Sprintf("  sts_endpoint = %q\n", closedURL(t))
		}, `STS Endpoint Unreachable`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newSTSEnv(t, emulator.Config{})
			failsPlanBeforeAPI(t, e.providerBlock("", tc.settings(e))+trailConfig("test", "", "trail-never", ""),
				regexp.MustCompile(`(?s)`+regexp.QuoteMeta(tc.want)+`.*with provider\["registry.terraform.io/hashicorp/actiontrail"\]`),
				e.actiontrailCallsOf, "ActionTrail was called before the credentials were good")
		})
	}
}

// TestAccTrail_organizationTrails: the management account creates the organization trail, a member
// (through a provider alias with assume_role) creates its own trail, and a member's organization
// trail fails on is_organization_trail with NotAllowCreateOrganizationTrail. It runs the built
// provider through terraform: in-process providers (ProtoV6ProviderFactories) serve every alias
// from one provider instance, which the last Configure wins, whereas Terraform starts a provider
// process per configuration.
func TestAccTrail_organizationTrails(t *testing.T) {
	cli := newTFCLI(t, "SSL_CERT_FILE="+certFile(t))
	e := newSTSEnv(t, emulator.Config{})
	providers := e.providerBlock("", keys(mgmtKey, mgmtSecret)) +
		e.providerBlock("member", keys(mgmtKey, mgmtSecret)+fmt.Sprintf("  assume_role {\n    role_arn = %q\n  }\n", auditorRole))
	good := providers + trailConfig("org", "", "trail-organization", "  is_organization_trail = true\n") +
		trailConfig("member", "member", "trail-member", "")
	d := cli.dir(good)
	d.must("apply", "-auto-approve")
	for _, check := range []resource.TestCheckFunc{e.checkTrailIn(mgmtAccount, "trail-organization"), e.checkTrailIn(memberAccount, "trail-member")} {
		if err := check(nil); err != nil {
			t.Fatal(err)
		}
	}
	if tr, _ := e.emu.GetAccountTrail(mgmtAccount, testRegion, "trail-organization"); !tr.IsOrganizationTrail {
		t.Fatalf("the management account's trail is not an organization trail: %+v", tr)
	}

	d.write(good + trailConfig("member_org", "member", "trail-member-org", "  is_organization_trail = true\n"))
	out, err := d.run("apply", "-auto-approve")
	if err == nil {
		t.Fatalf("a member's organization trail was applied:\n%s", out)
	}
	for _, want := range []string{"Error: Cannot Create Trail: NotAllowCreateOrganizationTrail", `in resource "actiontrail_trail" "member_org"`,
		"is_organization_trail = true", "(HTTP 400, RequestId:", "Only the management account of the resource directory"} {
		if !strings.Contains(out, want) {
			t.Errorf("the apply's output lacks %q:\n%s", want, out)
		}
	}
	if _, ok := e.emu.GetAccountTrail(memberAccount, testRegion, "trail-member-org"); ok {
		t.Error("the member's organization trail exists")
	}
	d.write(good)
	if out, err := d.run("plan", "-detailed-exitcode"); err != nil {
		t.Fatalf("the plan after the failed create is not empty: %v\n%s", err, out)
	}
	d.must("destroy", "-auto-approve")
	if err := e.checkNoTrails(nil); err != nil {
		t.Fatal(err)
	}
}

// TestAccProvider_tokenExpiresDuringApply: the role's temporary credentials expire in the middle
// of an apply (the emulator's clock jumps past them once CreateTrail has answered), and the SDK's
// provider has renewed them before StartLogging and the read-back need them: the apply succeeds. A
// provider that kept the credentials it fetched at Configure would fail those calls with
// InvalidSecurityToken.Expired.
//
// The SDK renews credentials within 3 minutes of their expiry on the real clock, and the emulator
// expires them on its own: its clock starts 850 s behind the real one (inside the 15 minutes of
// accepted skew), so that 900-second credentials are, to the SDK, always near their end until the
// jump, after which the renewed ones are not. The jump comes after CreateTrail's answer is made and
// before it is sent, so no request signed before it is still on the wire (the trail's CreateTime
// is before the jump, its StartLoggingTime after).
func TestAccProvider_tokenExpiresDuringApply(t *testing.T) {
	needAcc(t)
	var jumped atomic.Bool
	e := newSTSEnv(t, emulator.Config{Now: func() time.Time {
		offset := -850 * time.Second
		if jumped.Load() {
			offset += 950 * time.Second // past every credential issued before
		}
		return time.Now().Add(offset)
	}})
	e.onAnswered(func() {
		if e.emu.Calls()["CreateTrail"] > 0 {
			jumped.Store(true)
		}
	})
	cfg := e.providerBlock("", keys(mgmtKey, mgmtSecret)+
		fmt.Sprintf("  assume_role {\n    role_arn           = %q\n    session_expiration = 900\n  }\n", shortRole)) +
		trailConfig("test", "", "trail-long-apply", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkNoTrails,
		Steps: []resource.TestStep{{
			Config: cfg,
			Check: func(*terraform.State) error {
				tr, ok := e.emu.GetAccountTrail(memberAccount, testRegion, "trail-long-apply")
				if !ok || tr.Status != emulator.StatusEnable {
					return fmt.Errorf("trail %+v (found %t), want it logging", tr, ok)
				}
				if gap := tr.StartLoggingTime.Sub(tr.CreateTime); gap < 900*time.Second {
					return fmt.Errorf("StartLogging came %s after CreateTrail on the emulator's clock: the credentials did not expire in between", gap)
				}
				if n := e.emu.Rejected().ByCode["InvalidSecurityToken.Expired"]; n != 0 {
					return fmt.Errorf("%d calls were signed with expired credentials", n)
				}
				return nil
			},
		}},
	})
}

// TestAccProvider_temporarySecretsStayOutOfLogs runs the built provider through terraform with
// TF_LOG=trace and role credentials (an inline OIDC token, chained to assume_role, and an alias that
// assumes a role with keys): an apply, a plan, a plan that fails on a role that does not trust its
// caller, and a destroy. No temporary secret or token the emulator issued, no OIDC token and no
// configured secret appears in the log or the output.
func TestAccProvider_temporarySecretsStayOutOfLogs(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "trace.log")
	cli := newTFCLI(t, "TF_LOG=trace", "TF_LOG_PATH="+logPath, "SSL_CERT_FILE="+certFile(t))
	e := newSTSEnv(t, emulator.Config{})
	oidcToken := ciToken(t, time.Now(), nil)
	config := func(aliasKeys string) string {
		return e.providerBlock("", fmt.Sprintf("  assume_role_with_oidc {\n    oidc_provider_arn = %q\n    role_arn          = %q\n    oidc_token        = %q\n  }\n",
			ciProvider, ciRole, oidcToken)+fmt.Sprintf("  assume_role {\n    role_arn = %q\n  }\n", auditorRole)) +
			e.providerBlock("member2", aliasKeys+fmt.Sprintf("  assume_role {\n    role_arn = %q\n  }\n", auditor2Role)) +
			trailConfig("a", "", "trail-logs-a", "") + trailConfig("b", "member2", "trail-logs-b", "")
	}
	d := cli.dir(config(keys(mgmtKey, mgmtSecret)))
	var output strings.Builder
	output.WriteString(d.must("apply", "-auto-approve"))
	output.WriteString(d.must("plan", "-detailed-exitcode"))
	d.write(config(keys(outsideKey, outsideSecret)))
	out, err := d.run("plan")
	output.WriteString(out)
	if err == nil || !strings.Contains(out, "NoPermission") {
		t.Fatalf("a role that does not trust the caller should fail the plan:\n%s", out)
	}
	d.write(config(keys(mgmtKey, mgmtSecret)))
	output.WriteString(d.must("destroy", "-auto-approve"))
	if err := e.checkNoTrails(nil); err != nil {
		t.Fatal(err)
	}

	logBytes, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	log := string(logBytes)
	for _, want := range []string{"ActionTrail API call", "STS GetCallerIdentity", "request_id"} {
		if !strings.Contains(log, want) {
			t.Fatalf("the trace log has no %q line: the check would prove nothing", want)
		}
	}
	issued := e.issuedSecrets()
	if len(issued) < 8 { // OIDC and AssumeRole, secret and token, in at least two commands
		t.Fatalf("the emulator issued %d temporary secrets and tokens; the check would prove little", len(issued))
	}
	for _, s := range append(issued, oidcToken, mgmtSecret, outsideSecret) {
		for _, form := range []string{s, url.QueryEscape(s), url.QueryEscape(url.QueryEscape(s)), s[:min(len(s), 24)]} {
			if i := strings.Index(log, form); i >= 0 {
				t.Fatalf("secret %q in the trace log: ...%s...", form, log[max(0, i-200):min(len(log), i+100)])
			}
			if strings.Contains(output.String(), form) {
				t.Fatalf("secret %q in terraform's output", form)
			}
		}
	}
	t.Logf("trace log: %d bytes, %d lines; %d temporary secrets and tokens issued, none found", len(log), strings.Count(log, "\n"), len(issued))
}

// assumeRoleHCL is an assume_role block with the given settings (HCL lines, indented by four).
func assumeRoleHCL(settings string) string {
	return "  assume_role {\n" + settings + "  }\n"
}

// TestAccProvider_assumeRoleExternalID: a role whose trust policy has a condition on the external
// ID is assumed with the right external_id (apply, empty plan, destroy); without it or with another
// value the plan fails on external_id, before any ActionTrail call.
func TestAccProvider_assumeRoleExternalID(t *testing.T) {
	needAcc(t)
	t.Run("right value", func(t *testing.T) {
		e := newSTSEnv(t, emulator.Config{})
		cfg := e.providerBlock("", keys(mgmtKey, mgmtSecret)+
			assumeRoleHCL(fmt.Sprintf("    role_arn    = %q\n    external_id = %q\n", vendorRole, vendorExternalID))) +
			trailConfig("test", "", "trail-vendor", "")
		e.appliesIn(t, cfg, memberAccount, "trail-vendor")
	})
	for _, tc := range []struct {
		name, externalID string // "": not set
		want             string
	}{
		{"wrong value", "acme-audit:4f2b/vendor", `that the external_id set does not meet`},
		{"value in another case", strings.ToUpper(vendorExternalID), `that the external_id set does not meet`},
		{"not set", "", `and external_id is not set`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newSTSEnv(t, emulator.Config{})
			settings := fmt.Sprintf("    role_arn    = %q\n", vendorRole)
			if tc.externalID != "" {
				settings += fmt.Sprintf("    external_id = %q\n", tc.externalID)
			}
			// Terraform prints the line of the attribute blamed (external_id), or for one not set
			// the block's.
			at := `assume_role \{`
			if tc.externalID != "" {
				at = `external_id = "` + regexp.QuoteMeta(tc.externalID) + `"`
			}
			failsPlanBeforeAPI(t, e.providerBlock("", keys(mgmtKey, mgmtSecret)+assumeRoleHCL(settings))+trailConfig("test", "", "trail-never", ""),
				regexp.MustCompile(`(?s)Cannot Assume Role: NoPermission\s+with provider\["registry.terraform.io/hashicorp/actiontrail"\].*`+
					at+`.*\(HTTP 403, RequestId:.*\(sts:ExternalId\) is not met.*What to do:.*`+spaced(tc.want)),
				e.actiontrailCallsOf, "ActionTrail was called before the credentials were good")
		})
	}
}

// TestAccProvider_assumeRoleSessionPolicy: assume_role's policy narrows what the role's credentials
// may do. With actiontrail:Describe* the plan works (DescribeTrails is allowed) and the create fails at
// apply with Forbidden.RAM on the resource; with actiontrail:* the trail is applied, re-planned empty
// and destroyed. A policy STS's grammar check refuses fails the plan on policy.
func TestAccProvider_assumeRoleSessionPolicy(t *testing.T) {
	needAcc(t)
	withPolicy := func(e *stsEnv, policy string) string {
		return e.providerBlock("", keys(mgmtKey, mgmtSecret)+
			assumeRoleHCL(fmt.Sprintf("    role_arn = %q\n    policy   = %s\n", auditorRole, policy)))
	}
	statement := func(effect, action string) string {
		return fmt.Sprintf(`{ Effect = %q, Action = [%q], Resource = ["*"] }`, effect, action)
	}
	policyOf := func(statements ...string) string {
		return `jsonencode({ Version = "1", Statement = [` + strings.Join(statements, ", ") + `] })`
	}

	t.Run("Describe* only: plan works, create denied", func(t *testing.T) {
		e := newSTSEnv(t, emulator.Config{})
		cfg := withPolicy(e, policyOf(statement("Allow", "actiontrail:Describe*"))) + trailConfig("test", "", "trail-readonly", "")
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProviders,
			Steps: []resource.TestStep{
				{Config: cfg, PlanOnly: true, ExpectNonEmptyPlan: true},
				{Config: cfg, ExpectError: regexp.MustCompile(`(?s)Cannot Create Trail: Forbidden.RAM\s+with actiontrail_trail.test.*` +
					`\(HTTP 403, RequestId:.*What to do:.*with assume_role,\s+its\s+policy\s+\(the\s+session\s+policy\)`)},
			},
		})
		if got := e.emu.Calls()["DescribeTrails"]; got == 0 {
			t.Error("the plan made no DescribeTrails: the test would not show that the policy allows it")
		}
		if got := e.emu.Rejected().ByCode["Forbidden.RAM"]; got == 0 {
			t.Error("the emulator denied nothing")
		}
		if _, ok := e.emu.GetAccountTrail(memberAccount, testRegion, "trail-readonly"); ok {
			t.Error("the denied trail exists")
		}
	})
	t.Run("actiontrail:* with a deny that does not apply", func(t *testing.T) {
		e := newSTSEnv(t, emulator.Config{})
		cfg := withPolicy(e, policyOf(statement("Allow", "actiontrail:*"), statement("Deny", "actiontrail:Lookup*"))) +
			trailConfig("test", "", "trail-allowed", "")
		e.appliesIn(t, cfg, memberAccount, "trail-allowed")
		if got := e.emu.Rejected().ByCode["Forbidden.RAM"]; got != 0 {
			t.Errorf("the emulator denied %d calls", got)
		}
	})
	for _, tc := range []struct {
		name, policy, want, detail string
	}{
		// The provider checks that the policy is a JSON object at validate time...
		{"not JSON", `"Version: 1"`, `Invalid Policy Document`, `not a JSON object`},
		// ...and STS checks the rest.
		{"no Statement", `jsonencode({ Version = "1" })`, `Cannot Assume Role: InvalidParameter.PolicyGrammar`,
			`\(HTTP 400, RequestId:.*no Statement.*What to do:\s+Fix\s+policy`},
		{"bad Effect", policyOf(statement("Permit", "actiontrail:*")), `Cannot Assume Role: InvalidParameter.PolicyGrammar`,
			`Effect must be.*What to do:\s+Fix\s+policy`},
	} {
		t.Run("malformed: "+tc.name, func(t *testing.T) {
			e := newSTSEnv(t, emulator.Config{})
			failsPlanBeforeAPI(t, withPolicy(e, tc.policy)+trailConfig("test", "", "trail-never", ""),
				regexp.MustCompile(`(?s)`+tc.want+`\s+with provider\["registry.terraform.io/hashicorp/actiontrail"\].*policy *=.*`+tc.detail),
				e.actiontrailCallsOf, "ActionTrail was called before the credentials were good")
		})
	}
}

// spaced is a regexp of s that matches it across Terraform's line wrapping.
func spaced(s string) string {
	return strings.Join(strings.Fields(regexp.QuoteMeta(s)), `\s+`)
}
