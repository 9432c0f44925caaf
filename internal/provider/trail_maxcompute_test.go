package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

const testMaxComputeProject = "actiontrail_acc"

// maxComputeARN is the ARN of the test's MaxCompute project (or of another one).
func (e *accEnv) maxComputeARN(project string) string {
	return fmt.Sprintf("acs:odps:%s:%s:project/%s", e.region, testAccountID, project)
}

// TestAccTrail_maxComputeOnly: a trail that delivers only to MaxCompute applies, re-plans empty,
// imports with every attribute, takes a write role and then moves to OSS, the role going with the
// project.
func TestAccTrail_maxComputeOnly(t *testing.T) {
	e := newAccEnv(t, emulator.Config{MaxComputeProjects: []string{testMaxComputeProject}})
	e.needEmulator(t)
	name := trailName("trail-odps")
	role := "acs:ram::" + testAccountID + ":role/maxcompute-writer"
	only := e.config(fmt.Sprintf(`
resource "actiontrail_trail" "test" {
  name                    = %q
  max_compute_project_arn = %q
}
`, name, e.maxComputeARN(testMaxComputeProject)))
	withRole := e.config(fmt.Sprintf(`
resource "actiontrail_trail" "test" {
  name                       = %q
  max_compute_project_arn    = %q
  max_compute_write_role_arn = %q
}
`, name, e.maxComputeARN(testMaxComputeProject), role))
	toOSS := e.config(e.ossTrail(name, ""))
	e.trailTest(t, []resource.TestStep{
		{
			Config: only,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(trailAddr, plancheck.ResourceActionCreate),
				// A project without a role: the API's choice, read back after the create.
				plannedUnknown("max_compute_write_role_arn"),
				// delivery_status is only ever read at refresh: null, not unknown.
				planned("delivery_status", knownvalue.Null()),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				inState("max_compute_project_arn", knownvalue.StringExact(e.maxComputeARN(testMaxComputeProject))),
				inState("max_compute_write_role_arn", knownvalue.Null()),
				inState("oss_bucket_name", knownvalue.Null()),
				inState("sls_project_arn", knownvalue.Null()),
				inState("status", knownvalue.StringExact("Enable")),
				inState("check_delivery", knownvalue.Bool(false)),
			},
			Check: e.checkRemote(name, func(t remoteTrail) error {
				if t.MaxComputeProjectArn != e.maxComputeARN(testMaxComputeProject) || t.OssBucketName != "" || t.SlsProjectArn != "" {
					return fmt.Errorf("remote trail is %+v", t)
				}
				return nil
			}),
		},
		plansNothing(only),
		{Config: only, ResourceName: trailAddr, ImportState: true, ImportStateVerify: true},
		{Config: only, ResourceName: trailAddr, ImportState: true, ImportStateVerify: true, ImportStateId: e.region + ":" + name},
		{
			Config:           withRole,
			ConfigPlanChecks: plansAction(plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				inState("max_compute_write_role_arn", knownvalue.StringExact(role)),
			},
			Check: e.checkRemote(name, func(t remoteTrail) error {
				if t.MaxComputeWriteRoleArn != role {
					return fmt.Errorf("remote trail is %+v", t)
				}
				return nil
			}),
		},
		{Config: withRole, ResourceName: trailAddr, ImportState: true, ImportStateVerify: true},
		{
			// The project goes: its role is planned null (not kept from the state) and cleared.
			Config: toOSS,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(trailAddr, plancheck.ResourceActionUpdate),
				planned("max_compute_write_role_arn", knownvalue.Null()),
				planned("max_compute_project_arn", knownvalue.Null()),
			}},
			Check: e.checkRemote(name, func(t remoteTrail) error {
				if t.MaxComputeProjectArn != "" || t.MaxComputeWriteRoleArn != "" || t.OssBucketName != e.bucket {
					return fmt.Errorf("remote trail is %+v", t)
				}
				return nil
			}),
		},
		plansNothing(toOSS),
	})
}

// TestAccTrail_maxComputeMissingProject: a project that does not exist fails the apply on
// max_compute_project_arn with the code, HTTP status and RequestId, and leaves nothing behind.
func TestAccTrail_maxComputeMissingProject(t *testing.T) {
	e := newAccEnv(t, emulator.Config{})
	e.needEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: e.config(fmt.Sprintf(`
resource "actiontrail_trail" "test" {
  name                    = "trail-odps-missing"
  max_compute_project_arn = %q
}
`, e.maxComputeARN("actiontrail_nowhere"))),
			ExpectError: regexp.MustCompile(`(?s)Cannot Create Trail: MaxComputeProjectDoesNotExistException.*max_compute_project_arn.*400.*RequestId.*Create the MaxCompute project`),
		}},
	})
	if n := len(e.emu.Trails()); n != 0 {
		t.Fatalf("a failed create left %d trails", n)
	}
}

// TestAccTrail_maxComputeInvalidAtValidate: what the configuration alone breaks about MaxCompute
// fails `terraform plan` on the attribute to blame before any API call.
func TestAccTrail_maxComputeInvalidAtValidate(t *testing.T) {
	cases := []invalidTrail{
		{"malformed arn", `max_compute_project_arn = "acs:odps:cn-hangzhou::project/actiontrail_a"`,
			`(?s)Invalid MaxCompute Project ARN \(InvalidQueryParameter\).*max_compute_project_arn.*account ID must not be empty`},
		{"sls arn", `max_compute_project_arn = "acs:log:cn-hangzhou::project/actiontrail-a"`,
			`(?s)Invalid MaxCompute Project ARN \(InvalidQueryParameter\).*must start with "acs:odps:"`},
		{"project without the prefix", `max_compute_project_arn = "acs:odps:cn-hangzhou:1:project/audit_logs"`,
			`(?s)Invalid MaxCompute Project ARN\s+\(InvalidMaxComputeProjectArnException\).*max_compute_project_arn.*actiontrail_`},
		{"malformed role", `max_compute_project_arn = "acs:odps:cn-hangzhou:1:project/actiontrail_a"` + "\n max_compute_write_role_arn = \"acs:ram:cn-hangzhou:1:role/r\"",
			`(?s)Invalid RAM Role ARN.*max_compute_write_role_arn`},
		{"role without project", `oss_bucket_name = %[1]q` + "\n max_compute_write_role_arn = \"acs:ram::1:role/r\"",
			`(?s)Missing max_compute_project_arn.*max_compute_write_role_arn`},
		{"role alone", `max_compute_write_role_arn = "acs:ram::1:role/r"`,
			`(?s)No Delivery Target \(InvalidDeliveryConfigurationException\).*max_compute_project_arn`},
		{"no target", ``, `(?s)No Delivery Target \(InvalidDeliveryConfigurationException\).*max_compute_project_arn`},
	}
	for i := range cases {
		cases[i].body = `name = "trail-odps-bad"` + "\n " + cases[i].body
	}
	runInvalidAtValidate(t, cases)
}

// TestAddAPIErrorBlamesMaxComputeProject: the emulator's MaxCompute codes land on
// max_compute_project_arn with what to do.
func TestAddAPIErrorBlamesMaxComputeProject(t *testing.T) {
	for _, code := range []string{client.CodeInvalidMaxComputeProjectArn, client.CodeMaxComputeProjectDoesNotExist} {
		var d diag.Diagnostics
		addAPIError(&d, "create", "trail-x", &client.Error{Action: "CreateTrail", Region: "cn-hangzhou", Kind: client.KindAPI,
			Code: code, HTTPStatus: 400, RequestID: "REQ-1", Message: "msg"})
		wp, ok := d[0].(diag.DiagnosticWithPath)
		if len(d) != 1 || !ok || !wp.Path().Equal(path.Root("max_compute_project_arn")) {
			t.Fatalf("%s: %v", code, d)
		}
		if detail := d[0].Detail(); !strings.Contains(detail, "REQ-1") || !strings.Contains(detail, "What to do:") || !strings.Contains(detail, "actiontrail_") {
			t.Errorf("%s: %s", code, detail)
		}
	}
}

// TestAccTrailsDataSource_maxCompute: the data source lists the MaxCompute fields, read from the raw
// answer like the resource's.
func TestAccTrailsDataSource_maxCompute(t *testing.T) {
	e := newAccEnv(t, emulator.Config{})
	e.needEmulator(t)
	arn, role := e.maxComputeARN(testMaxComputeProject), "acs:ram::"+testAccountID+":role/maxcompute-writer"
	e.emu.PutTrail(e.region, emulator.Trail{Name: "trail-odps-listed", MaxComputeProjectArn: arn, MaxComputeWriteRoleArn: role})
	e.emu.PutTrail(e.region, emulator.Trail{Name: "trail-oss-listed", OssBucketName: e.bucket})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: e.config(`data "actiontrail_trails" "all" {}`),
			ConfigStateChecks: []statecheck.StateCheck{
				listedTrail("all", 0, knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"name":                       knownvalue.StringExact("trail-odps-listed"),
					"max_compute_project_arn":    knownvalue.StringExact(arn),
					"max_compute_write_role_arn": knownvalue.StringExact(role),
					"oss_bucket_name":            knownvalue.StringExact(""),
				})),
				listedTrail("all", 1, knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"name":                    knownvalue.StringExact("trail-oss-listed"),
					"max_compute_project_arn": knownvalue.StringExact(""),
				})),
			},
		}},
	})
}
