package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

// TestAccTrail_apiCallsPerOperation counts the API calls of real terraform commands on many trails
// in two regions: reads of one region share one call, a create costs CreateTrail, StartLogging and
// a share of a read.
var apiCallsTestLatency = 20 * time.Millisecond

func TestAccTrail_apiCallsPerOperation(t *testing.T) {
	cli := newTFCLI(t)
	b := newTestBackend(t, emulator.Config{MaxTrailsPerRegion: 100, Latency: apiCallsTestLatency})
	emu := b.emu
	const perRegion = 15
	regions := []string{"cn-hangzhou", "cn-shanghai"}
	configOf := func(perRegion int) string {
		config := providerBlock(b.url, testRegion, "")
		for _, r := range regions {
			config += fmt.Sprintf(`
resource "actiontrail_trail" %q {
  for_each        = toset([for i in range(%d) : format("trail-calls-%%02d", i)])
  name            = each.value
  region          = %q
  oss_bucket_name = %q
}
`, r, perRegion, r, testBucket)
		}
		return config
	}
	d := cli.dir(configOf(perRegion))
	n := int64(perRegion * len(regions))
	measure := func(what string, args ...string) map[string]int64 {
		t.Helper()
		emu.ResetCalls()
		d.must(args...)
		calls := emu.Calls()
		t.Logf("%s of %d trails in %d regions: %v", what, n, len(regions), calls)
		return calls
	}
	calls := measure("apply", "apply", "-auto-approve")
	// How many read-backs share a call depends on how the creates overlap in time (the client's
	// tests prove the sharing itself): here, only the bound that holds whatever the timing, one
	// read-back per create at most besides each walk's lookup and credential check.
	walks := int64(2)
	if calls["CreateTrail"] != n || calls["StartLogging"] != n || calls["DescribeTrails"] > n+walks*int64(len(regions)) ||
		calls["GetCallerIdentity"] > walks {
		t.Errorf("apply: %v, want CreateTrail and StartLogging once per trail, at most one read-back each", calls)
	}
	t.Logf("apply: %.2f calls per created trail", float64(calls["CreateTrail"]+calls["StartLogging"]+calls["DescribeTrails"])/float64(n))
	// A no-op plan: one DescribeTrails per region, whatever the number of trails, and the
	// credential check of the provider configuration.
	if calls := measure("plan", "plan", "-detailed-exitcode"); calls["DescribeTrails"] != int64(len(regions)) ||
		calls["GetCallerIdentity"] != 1 || len(calls) != 2 {
		t.Errorf("a no-op plan: %v, want %d DescribeTrails, 1 GetCallerIdentity and nothing else", calls, len(regions))
	}
	// A plan that refreshes the trails and creates one more in each region: the refresh and the
	// plan-time lookup share one listing of each region.
	d.write(configOf(perRegion + 1))
	if calls := measure("plan", "plan"); calls["DescribeTrails"] != int64(len(regions)) ||
		calls["GetCallerIdentity"] != 1 || len(calls) != 2 {
		t.Errorf("a plan of refreshes and creates: %v, want %d DescribeTrails, 1 GetCallerIdentity and nothing else", calls, len(regions))
	}
	d.write(configOf(perRegion))
	if calls := measure("destroy", "destroy", "-auto-approve"); calls["DeleteTrail"] != n || calls["DescribeTrails"] > int64(len(regions)) ||
		calls["GetCallerIdentity"] > 3 {
		t.Errorf("destroy: %v, want %d DeleteTrail and at most one DescribeTrails per region", calls, n)
	}
	if left := len(emu.Trails()); left != 0 {
		t.Fatalf("%d trails left", left)
	}
}
