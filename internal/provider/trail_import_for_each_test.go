package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

// importForEachExample is the documented example: an import block with for_each over the data
// source adopts every trail of the provider's region.
const importForEachExample = "../../examples/resources/actiontrail_trail/import-for-each.tf"

// TestAccTrail_importForEach adopts the trails of a region with the example's import block over
// actiontrail_trails (Terraform 1.7+): every one in one plan, with no change planned, and none of
// another region; the next plan is empty. It runs the terraform CLI: terraform-plugin-testing
// converts each step's state to its legacy form, which has no for_each keys. The example's data
// source is narrowed to this test's trails.
func TestAccTrail_importForEach(t *testing.T) {
	e := newAccEnv(t, emulator.Config{})
	e.needEmulator(t) // trails in a second region, an SLS project
	cli := newTFCLI(t)
	cli.skipBelow(1, 7, "for_each in import blocks")
	ctx := context.Background()
	prefix := trailName("adopt") // unique; the trails are prefix-1 and so on
	const otherRegion = "cn-shanghai"
	sls := e.slsProjectARN()
	trails := []struct {
		region  string
		params  client.TrailParams
		logging bool
	}{
		{e.region, client.TrailParams{Name: prefix + "-1", OssBucketName: &e.bucket, OssKeyPrefix: ptr("audit/")}, true},
		{e.region, client.TrailParams{Name: prefix + "-2", SlsProjectArn: &sls, EventRW: ptr("All"), TrailRegion: ptr(e.region)}, false},
		{e.region, client.TrailParams{Name: prefix + "-3", OssBucketName: &e.bucket2, SlsProjectArn: &sls, EventRW: ptr("Read")}, true},
		// Another region's trail: not listed in the provider's region, so not adopted.
		{otherRegion, client.TrailParams{Name: prefix + "-4", OssBucketName: &e.bucket, TrailRegion: ptr(otherRegion)}, true},
	}
	for _, tr := range trails {
		if _, err := e.client.CreateTrail(ctx, tr.region, tr.params); err != nil {
			t.Fatal(err)
		}
		if tr.logging {
			if err := e.client.StartLogging(ctx, tr.region, tr.params.Name); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Cleanup(func() { _ = e.client.DeleteTrail(ctx, otherRegion, prefix+"-4") })

	example, err := os.ReadFile(importForEachExample)
	if err != nil {
		t.Fatal(err)
	}
	const all = `data "actiontrail_trails" "all" {}`
	if !strings.Contains(string(example), all) {
		t.Fatalf("%s no longer has %s", importForEachExample, all)
	}
	cfg := e.config(strings.Replace(string(example), all,
		fmt.Sprintf("data \"actiontrail_trails\" \"all\" {\n  name_regex = %q\n}", "^"+prefix+"-"), 1))

	var addrs []string
	for _, tr := range trails[:3] {
		addrs = append(addrs, fmt.Sprintf("actiontrail_trail.adopted[%q]", e.region+":"+tr.params.Name))
	}
	d := cli.dir(cfg)
	d.must("plan", "-out=adopt.tfplan")
	var plan struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions   []string        `json:"actions"`
				Importing json.RawMessage `json:"importing"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal([]byte(d.must("show", "-json", "adopt.tfplan")), &plan); err != nil {
		t.Fatal(err)
	}
	var imported []string
	for _, rc := range plan.ResourceChanges {
		if !slices.Equal(rc.Change.Actions, []string{"no-op"}) {
			t.Errorf("the plan %v %s; an adoption changes nothing", rc.Change.Actions, rc.Address)
		}
		if len(rc.Change.Importing) > 0 {
			imported = append(imported, rc.Address)
		}
	}
	slices.Sort(imported)
	if !slices.Equal(imported, addrs) {
		t.Fatalf("the plan imports %v, want %v", imported, addrs)
	}
	d.must("apply", "-auto-approve")
	if out, err := d.run("plan", "-detailed-exitcode"); err != nil {
		t.Fatalf("the plan after the adoption is not empty (%v):\n%s", err, out)
	}

	var state struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Address string         `json:"address"`
					Values  map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(d.must("show", "-json")), &state); err != nil {
		t.Fatal(err)
	}
	got := map[string]map[string]any{}
	for _, r := range state.Values.RootModule.Resources {
		got[r.Address] = r.Values
	}
	for addr, want := range map[string]map[string]any{
		addrs[0]: {"oss_bucket_name": e.bucket, "oss_key_prefix": "audit/", "sls_project_arn": nil, "enable_logging": true},
		addrs[1]: {"oss_bucket_name": nil, "sls_project_arn": sls, "event_rw": "All", "trail_region": e.region, "enable_logging": false},
		addrs[2]: {"oss_bucket_name": e.bucket2, "oss_key_prefix": nil, "sls_project_arn": sls, "event_rw": "Read"},
	} {
		for k, v := range want {
			if got[addr][k] != v {
				t.Errorf("%s.%s = %v, want %v", addr, k, got[addr][k], v)
			}
		}
	}

	// The adopted trails are managed: destroy deletes them, and only them.
	d.must("destroy", "-auto-approve")
	for i, tr := range trails {
		_, err := e.client.DescribeTrail(ctx, tr.region, tr.params.Name)
		if gone := client.IsNotFound(err); gone != (i < 3) {
			t.Errorf("trail %s in %s after destroy: %v", tr.params.Name, tr.region, err)
		}
	}
}
