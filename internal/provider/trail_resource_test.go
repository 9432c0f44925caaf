package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

const trailAddr = "actiontrail_trail.test"

// inState expects the state to hold v for attr of actiontrail_trail.test.
func inState(attr string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(trailAddr, tfjsonpath.New(attr), v)
}

// planned expects the plan to give attr of actiontrail_trail.test the value v.
func planned(attr string, v knownvalue.Check) plancheck.PlanCheck {
	return plancheck.ExpectKnownValue(trailAddr, tfjsonpath.New(attr), v)
}

// plannedUnknown expects the plan to leave attr of actiontrail_trail.test unknown ("(known after
// apply)").
func plannedUnknown(attr string) plancheck.PlanCheck {
	return plancheck.ExpectUnknownValue(trailAddr, tfjsonpath.New(attr))
}

// specExample is the CreateTrail request of the API's documentation, as HCL.
func specExample(name, bucket string) string {
	return fmt.Sprintf(`
resource "actiontrail_trail" "test" {
  name            = %q
  oss_bucket_name = %q
  role_name       = "aliyunactiontraildefaultrole"
  oss_key_prefix  = ""
}
`, name, bucket)
}

func TestAccTrail_basic(t *testing.T) {
	e := newAccEnv(t, emulator.Config{})
	name := trailName("trail-test")
	e.trailTest(t, []resource.TestStep{
		{
			Config:           e.config(specExample(name, e.bucket)),
			ConfigPlanChecks: plansAction(plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				inState("id", knownvalue.StringExact(name)),
				inState("name", knownvalue.StringExact(name)),
				inState("region", knownvalue.StringExact(e.region)),
				inState("home_region", knownvalue.StringExact(e.region)),
				inState("oss_bucket_name", knownvalue.StringExact(e.bucket)),
				inState("oss_key_prefix", knownvalue.StringExact("")),
				inState("role_name", knownvalue.StringExact("aliyunactiontraildefaultrole")),
				inState("sls_project_arn", knownvalue.Null()),
				inState("event_rw", knownvalue.StringExact("Write")),
				inState("trail_region", knownvalue.StringExact("All")),
				inState("is_organization_trail", knownvalue.Bool(false)),
				inState("enable_logging", knownvalue.Bool(true)),
				inState("status", knownvalue.StringExact("Enable")),
				inState("trail_arn", knownvalue.StringRegexp(regexp.MustCompile(`^acs:actiontrail:`+e.region+`:\d+:trail/`+name+`$`))),
				inState("create_time", knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
			},
			Check: e.checkRemote(name, func(t remoteTrail) error {
				if t.Status != "Enable" || t.OssBucketName != e.bucket || t.OssKeyPrefix != "" {
					return fmt.Errorf("remote trail is %+v", t)
				}
				return nil
			}),
		},
		// The same configuration again plans nothing: no perpetual diff, "" prefix included.
		plansNothing(e.config(specExample(name, e.bucket))),
	})
}

func TestAccTrail_update(t *testing.T) {
	e := newAccEnv(t, emulator.Config{})
	name := trailName("trail-upd")
	e.trailTest(t, []resource.TestStep{
		{
			Config: e.config(specExample(name, e.bucket)),
		},
		{
			Config: e.config(fmt.Sprintf(`
resource "actiontrail_trail" "test" {
  name               = %q
  oss_bucket_name    = %q
  oss_key_prefix     = "audit/logs"
  oss_write_role_arn = "acs:ram::%s:role/aliyunactiontraildefaultrole"
  sls_project_arn    = %q
  event_rw           = "All"
  trail_region       = "cn-shanghai"
}
`, name, e.bucket2, testAccountID, e.slsProjectARN())),
			ConfigPlanChecks: plansAction(plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				inState("oss_bucket_name", knownvalue.StringExact(e.bucket2)),
				inState("oss_key_prefix", knownvalue.StringExact("audit/logs")),
				inState("event_rw", knownvalue.StringExact("All")),
				inState("trail_region", knownvalue.StringExact("cn-shanghai")),
				inState("sls_project_arn", knownvalue.StringExact(e.slsProjectARN())),
				inState("role_name", knownvalue.Null()),
			},
			Check: e.checkRemote(name, func(t remoteTrail) error {
				if t.OssBucketName != e.bucket2 || t.OssKeyPrefix != "audit/logs" || t.EventRW != "All" || t.SlsProjectArn != e.slsProjectARN() {
					return fmt.Errorf("remote trail is %+v", t)
				}
				return nil
			}),
		},
		{
			// Back to SLS only: the bucket, its prefix and write role are cleared on the API.
			Config:           e.config(e.slsTrail(name)),
			ConfigPlanChecks: plansAction(plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				inState("oss_bucket_name", knownvalue.Null()),
				inState("oss_key_prefix", knownvalue.Null()),
				inState("event_rw", knownvalue.StringExact("Write")),
			},
			Check: e.checkRemote(name, func(t remoteTrail) error {
				if t.OssBucketName != "" || t.OssKeyPrefix != "" || t.EventRW != "Write" {
					return fmt.Errorf("remote trail is %+v", t)
				}
				return nil
			}),
		},
		plansNothing(e.config(e.slsTrail(name))),
	})
}

func TestAccTrail_rename(t *testing.T) {
	e := newAccEnv(t, emulator.Config{})
	name1, name2 := trailName("trail-one"), trailName("trail-two")
	e.trailTest(t, []resource.TestStep{
		{Config: e.config(specExample(name1, e.bucket))},
		{
			Config:           e.config(specExample(name2, e.bucket)),
			ConfigPlanChecks: plansAction(plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				inState("id", knownvalue.StringExact(name2)),
			},
			Check: func(*terraform.State) error {
				if _, err := e.client.DescribeTrail(context.Background(), e.region, name1); err == nil {
					return fmt.Errorf("the old trail %s still exists", name1)
				}
				return nil
			},
		},
	})
}

func TestAccTrail_enableLogging(t *testing.T) {
	e := newAccEnv(t, emulator.Config{})
	name := trailName("trail-log")
	cfg := func(enabled bool) string {
		return e.config(e.ossTrail(name, fmt.Sprintf("  enable_logging  = %t\n", enabled)))
	}
	status := func(want string) statecheck.StateCheck {
		return inState("status", knownvalue.StringExact(want))
	}
	e.trailTest(t, []resource.TestStep{
		{Config: cfg(false), ConfigStateChecks: []statecheck.StateCheck{status("Fresh")}},
		plansNothing(cfg(false)),
		{
			Config:            cfg(true),
			ConfigPlanChecks:  plansAction(plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{status("Enable")},
		},
		{Config: cfg(false), ConfigStateChecks: []statecheck.StateCheck{status("Disable")}},
		plansNothing(cfg(false)),
	})
}

func TestAccTrail_disappears(t *testing.T) {
	e := newAccEnv(t, emulator.Config{})
	name := trailName("trail-gone")
	e.trailTest(t, []resource.TestStep{
		{
			Config: e.config(specExample(name, e.bucket)),
			Check: func(*terraform.State) error {
				// Deleted behind Terraform's back.
				return e.client.DeleteTrail(context.Background(), e.region, name)
			},
			ExpectNonEmptyPlan: true,
		},
		{
			Config:           e.config(specExample(name, e.bucket)),
			ConfigPlanChecks: plansAction(plancheck.ResourceActionCreate),
			Check:            e.checkRemote(name, func(remoteTrail) error { return nil }),
		},
	})
}

func TestAccTrail_import(t *testing.T) {
	e := newAccEnv(t, emulator.Config{})
	name := trailName("trail-imp")
	cfg := e.config(e.ossTrail(name, fmt.Sprintf(`
  oss_key_prefix  = "imported/"
  sls_project_arn = %q
  role_name       = "aliyunactiontraildefaultrole"
  event_rw        = "Read"
`, e.slsProjectARN())))
	e.trailTest(t, []resource.TestStep{
		{Config: cfg},
		{
			// By name, in the provider's region.
			Config: cfg, ResourceName: trailAddr, ImportState: true, ImportStateVerify: true,
			ImportStateVerifyIgnore: []string{"role_name", "timeouts"},
		},
		{
			// By region:name.
			Config: cfg, ResourceName: trailAddr, ImportState: true, ImportStateVerify: true,
			ImportStateId:           e.region + ":" + name,
			ImportStateVerifyIgnore: []string{"role_name", "timeouts"},
		},
		{
			// Through an import block.
			Config: cfg, ResourceName: trailAddr, ImportState: true,
			ImportStateKind: resource.ImportBlockWithID, ImportStateId: e.region + ":" + name,
			ExpectNonEmptyPlan: true, // role_name cannot be read back: the plan sets it
		},
	})
}

func TestAccTrail_importGenerateConfig(t *testing.T) {
	e := newAccEnv(t, emulator.Config{})
	name := trailName("trail-gen")
	e.trailTest(t, []resource.TestStep{
		{
			Config: e.config(e.ossTrail(name, fmt.Sprintf("  sls_project_arn = %q\n", e.slsProjectARN()))),
		},
		{
			// terraform plan -generate-config-out: the generated configuration plans no change.
			Config:          e.config(""),
			ResourceName:    trailAddr,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
			ImportStateId:   name,
			GenerateConfig:  true,
		},
	})
}

// TestAccTrail_planHasNoNeedlessUnknowns: a write role whose target is not configured is planned
// as null, not "(known after apply)".
func TestAccTrail_planHasNoNeedlessUnknowns(t *testing.T) {
	e := newAccEnv(t, emulator.Config{})
	name := trailName("trail-plan")
	slsOnly := e.config(e.slsTrail(name))
	ossOnly := e.config(specExample(name, e.bucket))
	e.trailTest(t, []resource.TestStep{
		{
			Config: slsOnly,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				planned("oss_write_role_arn", knownvalue.Null()),
				plannedUnknown("sls_write_role_arn"),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				inState("oss_write_role_arn", knownvalue.Null()),
			},
		},
		{
			// From SLS to OSS: the SLS role goes with its project, the OSS role is the API's choice.
			Config: ossOnly,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(trailAddr, plancheck.ResourceActionUpdate),
				planned("sls_write_role_arn", knownvalue.Null()),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				inState("sls_write_role_arn", knownvalue.Null()),
			},
		},
		plansNothing(ossOnly),
	})
}
