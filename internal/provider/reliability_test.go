package provider

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

// TestAccTrail_convergesUnderFaults: 20 trails applied while a quarter of all API calls fail
// transiently (throttling, 503, 500, and 500 after CreateTrail/DeleteTrail/StartLogging already
// acted) converge in one apply, with nothing duplicated or orphaned; the next plan is empty and
// destroy empties the API.
func TestAccTrail_convergesUnderFaults(t *testing.T) {
	const n = 20
	e := newAccEnv(t, emulator.Config{MaxTrailsPerRegion: 100})
	e.needEmulator(t)
	e.emu.SetFaults(emulator.Faults{Throttle: 0.08, Unavailable: 0.05, ServerError: 0.04, SucceededButError: 0.08, Seed: 20261125})
	cfg := e.config(fmt.Sprintf(`
resource "actiontrail_trail" "many" {
  count           = %d
  name            = format("trail-fault-%%02d", count.index)
  oss_bucket_name = %q
  oss_key_prefix  = "faults/t${count.index}"
}
`, n, e.bucket))
	want := make([]string, n)
	for i := range want {
		want[i] = fmt.Sprintf("trail-fault-%02d", i)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy: func(*terraform.State) error {
			if left := e.emu.Trails(); len(left) != 0 {
				return fmt.Errorf("%d trails left after destroy", len(left))
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					var inState, onAPI []string
					for _, rs := range s.RootModule().Resources {
						if rs.Type == "actiontrail_trail" {
							inState = append(inState, rs.Primary.ID)
						}
					}
					for _, tr := range e.emu.Trails() {
						onAPI = append(onAPI, tr.Name)
						if tr.Status != emulator.StatusEnable || !strings.HasPrefix(tr.OssKeyPrefix, "faults/") {
							return fmt.Errorf("trail %s is %+v", tr.Name, tr)
						}
					}
					sort.Strings(inState)
					if strings.Join(inState, ",") != strings.Join(want, ",") || strings.Join(onAPI, ",") != strings.Join(want, ",") {
						return fmt.Errorf("configured %d, in state %v, on the API %v", n, inState, onAPI)
					}
					calls := e.emu.Calls()
					t.Logf("faults: configured %d, created %d, in state %d, duplicated 0, orphaned 0; calls during apply: %v",
						n, len(onAPI), len(inState), calls)
					return nil
				},
			},
			plansNothing(cfg),
		},
	})
}

// TestAccProvider_secretsStayOutOfLogs runs the built provider binary through terraform with
// TF_LOG=trace, credentials from the configuration (secret key and STS token), an apply, a plan
// with a wrong secret (an API error whose raw text echoes the signed parameters) and a destroy, and
// asserts that neither secret appears anywhere in the log or the output.
func TestAccProvider_secretsStayOutOfLogs(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "trace.log")
	cli := newTFCLI(t, "TF_LOG=trace", "TF_LOG_PATH="+logPath)
	const (
		secret = "Secret-Key-9f8e7d6c5b4a/+="
		token  = "Sts-Token-CAIS0123456789abcdef/+="
	)
	b := newTestBackend(t, emulator.Config{AccessKeyID: testAccessKey, AccessKeySecret: secret, SecurityToken: token})
	emu := b.emu
	config := func(secretKey string) string {
		return providerBlockWithKeys(b.url, testRegion, testAccessKey, secretKey, fmt.Sprintf("  security_token = %q", token)) +
			fmt.Sprintf(`
resource "actiontrail_trail" "t" {
  name            = "trail-secret"
  oss_bucket_name = %q
}
`, testBucket)
	}
	var output strings.Builder
	d := cli.dir(config(secret))
	output.WriteString(d.must("apply", "-auto-approve"))
	d.write(config("Wrong-" + secret))
	out, err := d.run("plan")
	output.WriteString(out)
	if err == nil || !strings.Contains(out, "SignatureDoesNotMatch") {
		t.Fatalf("the wrong secret should fail with SignatureDoesNotMatch: %v\n%s", err, out)
	}
	d.write(config(secret))
	output.WriteString(d.must("destroy", "-auto-approve"))

	logBytes, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	log := string(logBytes)
	if !strings.Contains(log, "ActionTrail API call") || !strings.Contains(log, "request_id") {
		t.Fatalf("the trace log holds no provider API log line; the check would prove nothing")
	}
	for _, s := range []string{secret, token, url.QueryEscape(secret), url.QueryEscape(token),
		url.QueryEscape(url.QueryEscape(token)), "Secret-Key-9f8e7d6c5b4a", "Sts-Token-CAIS0123456789abcdef"} {
		if i := strings.Index(log, s); i >= 0 {
			t.Fatalf("secret %q in the trace log: ...%s...", s, log[max(0, i-200):min(len(log), i+100)])
		}
		if strings.Contains(output.String(), s) {
			t.Fatalf("secret %q in terraform's output", s)
		}
	}
	t.Logf("trace log: %d bytes, %d lines, no secret or token found", len(log), strings.Count(log, "\n"))
	if n := len(emu.Trails()); n != 0 {
		t.Fatalf("%d trails left", n)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestAccTrail_partialUpdateIsRecorded: when UpdateTrail succeeds but switching logging on keeps
// failing, the apply fails and the state records the settings that did change (the next plan only
// retries what is left).
func TestAccTrail_partialUpdateIsRecorded(t *testing.T) {
	e := newAccEnv(t, emulator.Config{})
	e.needEmulator(t)
	name := trailName("trail-partial")
	cfg := func(enabled bool, eventRW, timeout string) string {
		return e.config(e.ossTrail(name, fmt.Sprintf(`
  enable_logging  = %t
  event_rw        = %q
  timeouts {
    update = %q
  }
`, enabled, eventRW, timeout)))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroyed,
		// Plans without refresh show what the failed apply wrote to state, not what a refresh finds.
		AdditionalCLIOptions: &resource.AdditionalCLIOptions{Plan: resource.PlanOptions{NoRefresh: true}},
		Steps: []resource.TestStep{
			{Config: cfg(false, "Write", "1m")},
			{
				PreConfig:   func() { e.emu.SetFaults(emulator.Faults{Throttle: 1, Actions: []string{"StartLogging"}}) },
				Config:      cfg(true, "All", "2s"),
				ExpectError: regexp.MustCompile(`Cannot Switch Logging for Trail`),
			},
			{
				PreConfig: func() { e.emu.SetFaults(emulator.Faults{}) },
				Config:    cfg(true, "All", "2s"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(trailAddr, plancheck.ResourceActionUpdate),
						priorValue{trailAddr, "event_rw", "All"},
						priorValue{trailAddr, "enable_logging", false},
					},
				},
				Check: e.checkRemote(name, func(tr remoteTrail) error {
					if tr.Status != emulator.StatusEnable || tr.EventRW != "All" {
						return fmt.Errorf("remote trail %+v", tr)
					}
					return nil
				}),
			},
		},
	})
}

// priorValue checks the value an attribute has in state before the plan is applied.
type priorValue struct {
	addr, attr string
	want       any
}

func (c priorValue) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		if got := before[c.attr]; got != c.want {
			resp.Error = fmt.Errorf("%s.%s is %v in state, want %v", c.addr, c.attr, got, c.want)
		}
		return
	}
	resp.Error = fmt.Errorf("no change planned for %s", c.addr)
}
