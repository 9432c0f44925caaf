package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// What the acceptance tests of the trail share: the test case of actiontrail_trail.test, the
// steps and checks that recur, and the configurations of the test's trail.

// trailTest runs steps as a parallel acceptance test against e; after the destroy it asks the API
// that no trail of the state is left.
func (e *accEnv) trailTest(t *testing.T, steps []resource.TestStep) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroyed,
		Steps:                    steps,
	})
}

// emptyPlan expects the plan to change nothing.
var emptyPlan = resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}

// plansNothing is the step that plans cfg again, once it is applied: no perpetual diff.
func plansNothing(cfg string) resource.TestStep {
	return resource.TestStep{Config: cfg, ConfigPlanChecks: emptyPlan}
}

// plansAction expects the plan to take action on actiontrail_trail.test.
func plansAction(action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(trailAddr, action)}}
}

// failsPlanBeforeAPI plans cfg, which must fail with want, and then asks calls (the emulator's
// calls, by action; nil against the real cloud, which does not tell) that the plan made none:
// what calls returns is reported as what.
func failsPlanBeforeAPI(t *testing.T, cfg string, want *regexp.Regexp, calls func() map[string]int64, what string) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps:                    []resource.TestStep{{Config: cfg, PlanOnly: true, ExpectError: want}},
	})
	if calls == nil {
		return
	}
	if got := calls(); len(got) != 0 {
		t.Errorf("%s: %v", what, got)
	}
}

// emulatorCalls is failsPlanBeforeAPI's calls for e: every call its emulator was asked.
func (e *accEnv) emulatorCalls() func() map[string]int64 {
	if e.emu == nil {
		return nil
	}
	return e.emu.Calls
}

// trailBlock is the configuration of the trail resourceName (through the provider providerAlias,
// "": the default one), named name, delivering to bucket, with extra settings (HCL lines).
func trailBlock(resourceName, providerAlias, name, bucket, extra string) string {
	p := ""
	if providerAlias != "" {
		p = "  provider        = actiontrail." + providerAlias + "\n"
	}
	return fmt.Sprintf("resource \"actiontrail_trail\" %q {\n%s  name            = %q\n  oss_bucket_name = %q\n%s}\n",
		resourceName, p, name, bucket, extra)
}

// ossTrail is actiontrail_trail.test, named name, delivering to the test's bucket, with extra
// settings (HCL lines).
func (e *accEnv) ossTrail(name, extra string) string {
	return trailBlock("test", "", name, e.bucket, extra)
}

// slsTrail is actiontrail_trail.test, named name, delivering to the test's SLS project only.
func (e *accEnv) slsTrail(name string) string {
	return fmt.Sprintf(`
resource "actiontrail_trail" "test" {
  name            = %q
  sls_project_arn = %q
}
`, name, e.slsProjectARN())
}
