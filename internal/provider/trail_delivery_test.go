package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

func TestFlattenDeliveryStatus(t *testing.T) {
	st := &client.TrailStatus{IsLogging: true, LatestDeliveryTime: "2026-01-02T03:04:05Z", OssBucketStatus: true, SlsLogStoreStatus: false}
	ossOnly := &client.Trail{Name: "trail-a", OssBucketName: "b-1"}
	got := flattenDeliveryStatus(st, ossOnly)
	want := deliveryStatusModel{
		IsLogging: types.BoolValue(true), OssLatestDeliveryTime: types.StringValue("2026-01-02T03:04:05Z"),
		OssLatestDeliveryError: types.StringNull(), OssBucketAvailable: types.BoolValue(true),
		SlsLatestDeliveryTime: types.StringNull(), SlsLatestDeliveryError: types.StringNull(),
		SlsLogstoreAvailable: types.BoolNull(), // the trail has no SLS project: the API's false says nothing
	}
	if *got != want {
		t.Fatalf("got %+v\nwant %+v", *got, want)
	}
	if got := flattenDeliveryStatus(st, &client.Trail{SlsProjectArn: "acs:log:cn-hangzhou::project/p-1"}); !got.SlsLogstoreAvailable.Equal(types.BoolValue(false)) || !got.OssBucketAvailable.IsNull() {
		t.Fatalf("SLS-only trail: %+v", *got)
	}
}

func TestWarnDelivery(t *testing.T) {
	const (
		bucket  = "audit-bucket"
		project = "acs:log:cn-hangzhou::project/audit-project"
		odps    = "acs:odps:cn-hangzhou:1:project/actiontrail_a"
	)
	healthy := client.TrailStatus{IsLogging: true, OssBucketStatus: true, SlsLogStoreStatus: true, LatestDeliveryTime: "2026-01-02T03:04:05Z"}
	with := func(f func(*client.TrailStatus)) client.TrailStatus { s := healthy; f(&s); return s }
	type want struct {
		path     path.Path
		summary  string
		contains []string
	}
	for _, tc := range []struct {
		name  string
		trail client.Trail
		st    client.TrailStatus
		want  []want
	}{
		{"healthy OSS and SLS", client.Trail{OssBucketName: bucket, SlsProjectArn: project}, healthy, nil},
		{"no target reported false where the trail has none", client.Trail{OssBucketName: bucket},
			with(func(s *client.TrailStatus) { s.SlsLogStoreStatus = false }), nil},
		{"MaxCompute only, nothing reported", client.Trail{MaxComputeProjectArn: odps},
			client.TrailStatus{IsLogging: true}, nil},
		{"bucket policy error", client.Trail{OssBucketName: bucket},
			with(func(s *client.TrailStatus) { s.LatestDeliveryError = "AccessDenied: bucket policy" }),
			[]want{{path.Root("oss_bucket_name"), "Trail Delivery Failing: OSS Bucket",
				[]string{`"trail-warn"`, `"audit-bucket"`, `"AccessDenied: bucket policy"`, "2026-01-02T03:04:05Z", "bucket policy", "oss_write_role_arn"}}}},
		{"bucket unavailable, never delivered", client.Trail{OssBucketName: bucket},
			with(func(s *client.TrailStatus) { s.OssBucketStatus, s.LatestDeliveryTime = false, "" }),
			[]want{{path.Root("oss_bucket_name"), "Trail Delivery Failing: OSS Bucket",
				[]string{"not available to ActionTrail (OssBucketStatus false)", "no successful delivery there yet"}}}},
		{"logstore gone and an SLS error", client.Trail{OssBucketName: bucket, SlsProjectArn: project},
			with(func(s *client.TrailStatus) {
				s.SlsLogStoreStatus, s.LatestDeliveryLogServiceError = false, "LogStoreNotExist: logstore does not exist"
			}),
			[]want{{path.Root("sls_project_arn"), "Trail Delivery Failing: SLS Logstore",
				[]string{"actiontrail_trail-warn", project, "SlsLogStoreStatus false", `"LogStoreNotExist: logstore does not exist"`, "sls_write_role_arn", "logstore"}}}},
		{"both targets failing", client.Trail{OssBucketName: bucket, SlsProjectArn: project},
			with(func(s *client.TrailStatus) {
				s.OssBucketStatus, s.LatestDeliveryLogServiceError = false, "Unauthorized"
			}),
			[]want{{path.Root("oss_bucket_name"), "Trail Delivery Failing: OSS Bucket", nil}, {path.Root("sls_project_arn"), "Trail Delivery Failing: SLS Logstore", nil}}},
		{"an error on a MaxCompute trail", client.Trail{MaxComputeProjectArn: odps},
			client.TrailStatus{IsLogging: true, LatestDeliveryError: "ODPS-0420095: Access Denied"},
			[]want{{path.Root("max_compute_project_arn"), "Trail Delivery Failing: MaxCompute Project",
				[]string{odps, `"ODPS-0420095: Access Denied"`, "max_compute_write_role_arn"}}}},
		{"an error the trail has no target for", client.Trail{SlsProjectArn: project},
			with(func(s *client.TrailStatus) { s.LatestDeliveryError = "InternalError" }),
			[]want{{path.Empty(), "Trail Delivery Failing", []string{`"InternalError"`}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.trail.Name = "trail-warn"
			var diags diag.Diagnostics
			warnDelivery(&diags, "cn-hangzhou", &tc.trail, &tc.st)
			if len(diags) != len(tc.want) {
				t.Fatalf("want %d warnings, got %v", len(tc.want), diags)
			}
			for i, w := range tc.want {
				d := diags[i]
				at := path.Empty()
				if wp, ok := d.(diag.DiagnosticWithPath); ok {
					at = wp.Path()
				}
				if d.Severity() != diag.SeverityWarning || !at.Equal(w.path) || d.Summary() != w.summary {
					t.Fatalf("warning %d: %v", i, d)
				}
				for _, s := range append(w.contains, "What to check:") {
					if !strings.Contains(d.Detail(), s) {
						t.Errorf("warning %d does not say %q:\n%s", i, s, d.Detail())
					}
				}
			}
		})
	}
}

// TestAccTrail_checkDelivery: delivery_status is null until a refresh reads it, follows the API's
// delivery health, never makes a plan non-empty, and is null for a trail that does not ask for it or
// is not logging.
func TestAccTrail_checkDelivery(t *testing.T) {
	e := newAccEnv(t, emulator.Config{})
	e.needEmulator(t)
	name := trailName("trail-health")
	cfg := func(check, logging bool) string {
		return e.config(e.ossTrail(name, fmt.Sprintf(`
  sls_project_arn = %q
  check_delivery  = %t
  enable_logging  = %t
`, e.slsProjectARN(), check, logging)))
	}
	status := func(attr string) tfjsonpath.Path { return tfjsonpath.New("delivery_status").AtMapKey(attr) }
	const ossErr, slsErr = "AccessDenied: The bucket policy does not allow ActionTrail to write", "Unauthorized: the role may not write to the logstore"
	e.trailTest(t, []resource.TestStep{
		{
			Config: cfg(true, true),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				planned("delivery_status", knownvalue.Null()),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				inState("delivery_status", knownvalue.Null()),
			},
		},
		{
			// The apply's refresh reads the health (and plans nothing).
			Config: cfg(true, true), ConfigPlanChecks: emptyPlan,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(trailAddr, status("is_logging"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(trailAddr, status("oss_bucket_available"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(trailAddr, status("sls_logstore_available"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(trailAddr, status("oss_latest_delivery_error"), knownvalue.Null()),
				statecheck.ExpectKnownValue(trailAddr, status("sls_latest_delivery_error"), knownvalue.Null()),
				statecheck.ExpectKnownValue(trailAddr, status("oss_latest_delivery_time"),
					knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
			},
		},
		{
			PreConfig: func() {
				if !e.emu.SetDeliveryHealth(e.region, name, emulator.DeliveryHealth{
					LatestDeliveryError: ptr(ossErr), OssBucketStatus: ptr(false),
					LatestDeliveryLogServiceError: ptr(slsErr), LatestDeliveryLogServiceTime: ptr("2026-01-02T03:04:05Z"),
				}) {
					t.Fatal("no such trail in the emulator")
				}
			},
			// The health changed outside Terraform: no diff, only the refreshed state.
			Config: cfg(true, true), ConfigPlanChecks: emptyPlan,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(trailAddr, status("oss_latest_delivery_error"), knownvalue.StringExact(ossErr)),
				statecheck.ExpectKnownValue(trailAddr, status("oss_bucket_available"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(trailAddr, status("sls_latest_delivery_error"), knownvalue.StringExact(slsErr)),
				statecheck.ExpectKnownValue(trailAddr, status("sls_latest_delivery_time"), knownvalue.StringExact("2026-01-02T03:04:05Z")),
			},
		},
		{
			// Stopped: nothing is delivered, nothing is read.
			Config: cfg(true, false),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(trailAddr, plancheck.ResourceActionUpdate),
				// delivery_status is not shown as changing of itself: the state's value until a refresh.
				plancheck.ExpectKnownValue(trailAddr, status("oss_bucket_available"), knownvalue.Bool(false)),
			}},
		},
		{
			Config: cfg(true, false), ConfigPlanChecks: emptyPlan,
			ConfigStateChecks: []statecheck.StateCheck{
				inState("delivery_status", knownvalue.Null()),
			},
		},
		{
			Config: cfg(false, true),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				planned("delivery_status", knownvalue.Null()),
			}},
		},
		{
			Config: cfg(false, true), ConfigPlanChecks: emptyPlan,
			ConfigStateChecks: []statecheck.StateCheck{
				inState("delivery_status", knownvalue.Null()),
				inState("check_delivery", knownvalue.Bool(false)),
			},
		},
	})
}

// denyAction answers one Action with 403 Forbidden.RAM, once armed: a RAM policy without that action.
type denyAction struct {
	http.Handler
	action string
	armed  atomic.Bool
}

func (d *denyAction) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if d.armed.Load() && r.URL.Query().Get("Action") == d.action {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"RequestId":"deny-request-1","HostId":"actiontrail.cn-hangzhou.aliyuncs.com","Code":"Forbidden.RAM",` +
			`"Message":"User not authorized to operate on the specified resource."}`))
		return
	}
	d.Handler.ServeHTTP(w, r)
}

// TestAccTrail_deliveryWarningOnPlan runs terraform plan itself (terraform-plugin-testing cannot
// assert warnings): a delivery error set through the emulator shows as a warning on the trail's
// target, naming it, the API's words and what to check, and the plan stays empty; the health costs
// one GetTrailStatus per refreshed trail that checks it and is logging, and none otherwise.
func TestAccTrail_deliveryWarningOnPlan(t *testing.T) {
	cli := newTFCLI(t)
	var deny *denyAction
	b := newTestBackend(t, emulator.Config{}, withHandler(func(emu *emulator.Server) http.Handler {
		deny = &denyAction{Handler: emu, action: "GetTrailStatus"}
		return deny
	}))
	emu := b.emu
	const checked = "trail-cli-checked"
	sls := "acs:log:" + testRegion + "::project/" + testProject
	d := cli.dir(providerBlock(b.url, testRegion, "") + fixture(t, "trail_delivery_cli", map[string]string{
		"Checked": checked, "Bucket": testBucket, "SLS": sls,
	}))
	d.must("apply", "-auto-approve")
	// Terraform wraps diagnostics to its own width: compare with the spaces folded.
	plan := func(args ...string) (flat string, calls map[string]int64) {
		t.Helper()
		emu.ResetCalls()
		out := d.must(append([]string{"plan"}, args...)...)
		if !strings.Contains(out, "No changes.") {
			t.Fatalf("terraform plan %v should plan no change:\n%s", args, out)
		}
		return strings.Join(strings.Fields(out), " "), emu.Calls()
	}

	flat, calls := plan()
	// One DescribeTrails reads the region's trails for the whole refresh; one GetCallerIdentity
	// checks the credentials.
	if calls["DescribeTrails"] != 1 || calls["GetTrailStatus"] != 1 || calls["GetCallerIdentity"] != 1 || len(calls) != 3 {
		t.Fatalf("a refresh of 3 trails, one checking its delivery and logging: want 1 DescribeTrails, 1 GetTrailStatus and 1 GetCallerIdentity, got %v", calls)
	}
	if strings.Contains(flat, "Warning: Trail") || strings.Contains(flat, "Warning: Could") {
		t.Fatalf("a healthy trail warns:\n%s", flat)
	}
	if _, calls = plan("-refresh=false"); calls["GetTrailStatus"] != 0 {
		t.Fatalf("a plan without refresh read the delivery health: %v", calls)
	}

	const ossErr = "AccessDenied: The bucket policy does not allow ActionTrail to write."
	const slsErr = "Unauthorized: the role may not write to the logstore."
	emu.SetDeliveryHealth(testRegion, checked, emulator.DeliveryHealth{
		LatestDeliveryError: ptr(ossErr), OssBucketStatus: ptr(false),
		LatestDeliveryLogServiceError: ptr(slsErr), SlsLogStoreStatus: ptr(false),
	})
	flat, _ = plan()
	for _, want := range []string{
		"Warning: Trail Delivery Failing: OSS Bucket", "with actiontrail_trail.checked", "oss_bucket_name =",
		fmt.Sprintf("events are not reaching the OSS bucket %q", testBucket), "OssBucketStatus false", strconvQuote(ossErr),
		"bucket policy lets ActionTrail write", "oss_write_role_arn",
		"Warning: Trail Delivery Failing: SLS Logstore", "sls_project_arn =",
		"the logstore actiontrail_" + checked + " of the SLS project " + sls, strconvQuote(slsErr), "sls_write_role_arn",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the plan does not say %q:\n%s", want, flat)
		}
	}
	if n := strings.Count(flat, "Warning: Trail Delivery Failing"); n != 2 {
		t.Errorf("want 2 warnings (OSS and SLS of one trail), got %d:\n%s", n, flat)
	}

	emu.SetDeliveryHealth(testRegion, checked, emulator.DeliveryHealth{})
	if flat, _ = plan(); strings.Contains(flat, "Warning: Trail") {
		t.Fatalf("a recovered trail still warns:\n%s", flat)
	}

	// Without the permission the refresh still succeeds, and says why the health is missing.
	deny.armed.Store(true)
	flat, _ = plan()
	for _, want := range []string{"Warning: Could Not Check Delivery Health", "Forbidden.RAM", "HTTP 403", "deny-request-1", "actiontrail:GetTrailStatus"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the plan does not say %q:\n%s", want, flat)
		}
	}
	deny.armed.Store(false)
	d.must("destroy", "-auto-approve")
}

// strconvQuote is how the warnings quote the API's text.
func strconvQuote(s string) string { return fmt.Sprintf("%q", s) }
