package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

// invalidTrail is a trail's configuration that fails `terraform plan` at validate time.
type invalidTrail struct {
	name, body string // body: the settings of actiontrail_trail.test; %[1]q stands for the test's bucket
	want       string // a regexp of the error
}

// runInvalidAtValidate plans each case's trail against an emulator of its own and expects its
// error, before any API call.
func runInvalidAtValidate(t *testing.T, cases []invalidTrail) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newAccEnv(t, emulator.Config{})
			body := tc.body
			if strings.Contains(body, "%[1]q") {
				body = fmt.Sprintf(body, e.bucket)
			}
			failsPlanBeforeAPI(t, e.config("resource \"actiontrail_trail\" \"test\" {\n "+body+"\n}\n"), regexp.MustCompile(tc.want),
				e.emulatorCalls(), "an invalid configuration reached the API")
		})
	}
}

// TestAccTrail_invalidAtValidate: every rule that the configuration alone breaks fails
// `terraform plan` on the attribute to blame, naming the API's code, before any API call.
func TestAccTrail_invalidAtValidate(t *testing.T) {
	runInvalidAtValidate(t, []invalidTrail{
		{"uppercase name", `name = "Trail_Bad"` + "\n oss_bucket_name = %[1]q", `(?s)Invalid Trail Name \(InvalidTrailNameException\).*name.*"Trail_Bad"`},
		{"short name", `name = "trail"` + "\n oss_bucket_name = %[1]q", `(?s)InvalidTrailNameException.*at least 6`},
		{"name with a space", `name = "trail one"` + "\n oss_bucket_name = %[1]q", `InvalidTrailNameException`},
		{"bucket with uppercase", `name = "trail-bucket"` + "\n oss_bucket_name = \"Bad_Bucket\"", `(?s)Invalid OSS Bucket Name \(InvalidBucketNameException\).*oss_bucket_name`},
		{"bucket ending in -", `name = "trail-bucket"` + "\n oss_bucket_name = \"bucket-\"", `InvalidBucketNameException`},
		{"short prefix", `name = "trail-prefix"` + "\n oss_bucket_name = %[1]q\n oss_key_prefix = \"abc\"", `(?s)Invalid OSS Key Prefix \(InvalidPrefixException\).*oss_key_prefix`},
		{"prefix starting with a digit", `name = "trail-prefix"` + "\n oss_bucket_name = %[1]q\n oss_key_prefix = \"1logs/a\"", `InvalidPrefixException`},
		{"event_rw", `name = "trail-event"` + "\n oss_bucket_name = %[1]q\n event_rw = \"Both\"", `(?s)event_rw.*value must be one of`},
		{"sls arn", `name = "trail-sls"` + "\n sls_project_arn = \"acs:log:cn-hangzhou::logstore/x\"", `(?s)Invalid SLS Project ARN.*sls_project_arn`},
		{"role arn", `name = "trail-role"` + "\n oss_bucket_name = %[1]q\n oss_write_role_arn = \"acs:ram::abc:role/x\"", `(?s)Invalid RAM Role ARN.*oss_write_role_arn`},
		{"trail_region", `name = "trail-region"` + "\n oss_bucket_name = %[1]q\n trail_region = \"Everywhere\"", `trail_region`},
		{"no delivery target", `name = "trail-nowhere"`, `No Delivery Target \(InvalidDeliveryConfigurationException\)`},
		// The official module's way of not using a target: "" for each. None is set.
		{"every delivery setting empty", `name = "trail-nowhere"` + `
 oss_bucket_name = ""
 oss_key_prefix = ""
 oss_write_role_arn = ""
 sls_project_arn = ""
 sls_write_role_arn = ""
 max_compute_project_arn = ""
 max_compute_write_role_arn = ""`, `No Delivery Target \(InvalidDeliveryConfigurationException\)`},
		{"prefix without bucket", `name = "trail-nobucket"` + "\n sls_project_arn = \"acs:log:cn-hangzhou::project/p-1\"\n oss_key_prefix = \"logs/a\"", `(?s)Missing oss_bucket_name.*oss_key_prefix`},
		{"oss role without bucket", `name = "trail-nobucket"` + "\n sls_project_arn = \"acs:log:cn-hangzhou::project/p-1\"\n oss_write_role_arn = \"acs:ram::1:role/r\"", `Missing oss_bucket_name`},
		{"sls role without project", `name = "trail-noproject"` + "\n oss_bucket_name = %[1]q\n sls_write_role_arn = \"acs:ram::1:role/r\"", `Missing sls_project_arn`},
	})
}

// TestAccTrail_validBoundaries: values at the edges of the rules pass the provider's validation
// and the API's (the emulator states the rules independently).
func TestAccTrail_validBoundaries(t *testing.T) {
	b3, b63 := "b3x", "b"+strings.Repeat("0", 61)+"z"
	e := newAccEnv(t, emulator.Config{Buckets: []string{b3, b63}, MaxTrailsPerRegion: 10})
	e.needEmulator(t)
	n6, n36 := "a-b_c1", "z"+strings.Repeat("a", 34)+"9"
	e.trailTest(t, []resource.TestStep{{
		Config: e.config(fixture(t, "trail_boundaries", map[string]string{
			"Name6": n6, "Bucket3": b3, "Name36": n36, "Bucket63": b63, "Prefix32": "a" + strings.Repeat("b", 31),
			"Bucket": e.bucket, "Account": testAccountID, "Project": e.project,
		})),
		Check: func(*terraform.State) error {
			if n := len(e.emu.Trails()); n != 3 {
				return fmt.Errorf("the emulator holds %d trails, want 3", n)
			}
			return nil
		},
	}})
}

// TestAccTrail_unknownValuesNeverFail: values known only at apply pass validation and plan.
func TestAccTrail_unknownValuesNeverFail(t *testing.T) {
	e := newAccEnv(t, emulator.Config{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: e.config(`
resource "terraform_data" "later" {
  input = "known-after-apply"
}
resource "actiontrail_trail" "test" {
  name               = terraform_data.later.output
  oss_bucket_name    = terraform_data.later.output
  oss_key_prefix     = terraform_data.later.output
  oss_write_role_arn = terraform_data.later.output
  event_rw           = terraform_data.later.output
}
`),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})
}

// TestAccTrail_alreadyExistsAtPlan: a trail of that name already in the region fails the plan on
// `name` with TrailAlreadyExistsException and import advice, after one lookup and no create.
func TestAccTrail_alreadyExistsAtPlan(t *testing.T) {
	e := newAccEnv(t, emulator.Config{})
	e.needEmulator(t)
	e.emu.PutTrail(e.region, emulator.Trail{Name: "trail-taken", OssBucketName: e.bucket})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: e.config(specExample("trail-taken", e.bucket) + `
resource "actiontrail_trail" "other" {
  name            = "trail-free"
  oss_bucket_name = "` + e.bucket + `"
}`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Trail Already Exists \(TrailAlreadyExistsException\).*name.*terraform import`),
		}},
	})
	calls := e.emu.Calls()
	if calls["CreateTrail"] != 0 || calls["DescribeTrails"] != 1 {
		t.Fatalf("want exactly one lookup for two planned creates and no create, got %v", calls)
	}
}

// TestAccTrail_apiErrorsAtApply: what only the API knows comes back on the right attribute with
// code, HTTP status and RequestId, and a failed create leaves nothing in state or on the API.
func TestAccTrail_apiErrorsAtApply(t *testing.T) {
	cases := []struct {
		name  string
		cfg   emulator.Config
		seed  int
		body  string
		want  string
		empty bool
	}{
		{
			name: "bucket does not exist",
			body: `oss_bucket_name = "no-such-bucket"`,
			want: `(?s)Cannot Create Trail: BucketDoesNotExistException.*oss_bucket_name.*404.*RequestId`,
		},
		{
			name: "bucket policy denies",
			body: `oss_bucket_name = "` + testDenied + `"` + "\n  timeouts {\n    create = \"2s\"\n  }",
			want: `(?s)Cannot Create Trail: InsufficientBucketPolicyException.*oss_bucket_name.*403.*RequestId.*propagate`,
		},
		{
			name: "sls project does not exist",
			body: `sls_project_arn = "acs:log:cn-hangzhou::project/no-such-project"`,
			want: `(?s)Cannot Create Trail: SlsProjectDoesNotExistException.*sls_project_arn.*400.*RequestId`,
		},
		{
			name: "quota",
			cfg:  emulator.Config{MaxTrailsPerRegion: 2},
			seed: 2,
			body: `oss_bucket_name = "` + testBucket + `"`,
			want: `(?s)Cannot Create Trail: MaximumNumberOfTrailsExceededException.*name.*403.*RequestId`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newAccEnv(t, tc.cfg)
			e.needEmulator(t)
			for i := range tc.seed {
				e.emu.PutTrail(e.region, emulator.Trail{Name: fmt.Sprintf("trail-seed-%d", i), OssBucketName: e.bucket})
			}
			cfg := e.config("resource \"actiontrail_trail\" \"test\" {\n  name = \"trail-fails\"\n  " + tc.body + "\n}\n")
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{
					{Config: cfg, ExpectError: regexp.MustCompile(tc.want)},
					{
						// Nothing was left in state: the same configuration plans a create again.
						Config: cfg, PlanOnly: true, ExpectNonEmptyPlan: true,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(trailAddr, plancheck.ResourceActionCreate)},
						},
					},
				},
			})
			if _, ok := e.emu.GetTrail(e.region, "trail-fails"); ok {
				t.Fatal("a failed create left a trail behind")
			}
			if n := len(e.emu.Trails()); n != tc.seed {
				t.Fatalf("the emulator holds %d trails, want the %d seeded", n, tc.seed)
			}
		})
	}
}
