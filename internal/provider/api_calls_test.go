package provider

import (
	"fmt"
	"net/http/httptest"
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
	emu := emulator.New(emulator.Config{AccessKeyID: testAccessKey, AccessKeySecret: testSecretKey,
		Buckets: []string{testBucket}, MaxTrailsPerRegion: 100, Latency: apiCallsTestLatency})
	srv := httptest.NewServer(emu)
	defer srv.Close()
	const perRegion = 15
	regions := []string{"cn-hangzhou", "cn-shanghai"}
	config := providerBlock(srv.URL, testRegion, "")
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
	d := cli.dir(config)
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
	total := calls["CreateTrail"] + calls["StartLogging"] + calls["DescribeTrails"]
	if calls["CreateTrail"] != n || calls["StartLogging"] != n || float64(total)/float64(n) > 2.5 {
		t.Errorf("apply: %v, %.2f calls per created trail, want CreateTrail and StartLogging once each and at most 2.5 in all", calls, float64(total)/float64(n))
	}
	// A no-op plan: one DescribeTrails per region, whatever the number of trails.
	if calls := measure("plan", "plan", "-detailed-exitcode"); calls["DescribeTrails"] != int64(len(regions)) || len(calls) != 1 {
		t.Errorf("a no-op plan: %v, want %d DescribeTrails and nothing else", calls, len(regions))
	}
	if calls := measure("destroy", "destroy", "-auto-approve"); calls["DeleteTrail"] != n || calls["DescribeTrails"] > int64(len(regions)) {
		t.Errorf("destroy: %v, want %d DeleteTrail and at most one DescribeTrails per region", calls, n)
	}
	if left := len(emu.Trails()); left != 0 {
		t.Fatalf("%d trails left", left)
	}
}
