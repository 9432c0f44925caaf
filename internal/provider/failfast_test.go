package provider

import (
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

// When the world is not as configured, the plan says so, fast, and says exactly what is wrong.

func TestAccProvider_unreachableEndpointFailsThePlanFast(t *testing.T) {
	cli := newTFCLI(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	host := l.Addr().String()
	_ = l.Close() // nothing listens there: connection refused
	d := cli.dir(providerBlock("http://"+host, testRegion, "") + `
resource "actiontrail_trail" "a" {
  name            = "trail-nowhere"
  oss_bucket_name = "yuanchuang"
}
`)
	start := time.Now()
	out, err := d.run("plan")
	elapsed := time.Since(start)
	if err == nil {
		t.Fatalf("plan against a stopped endpoint should fail:\n%s", out)
	}
	flat := strings.Join(strings.Fields(out), " ") // Terraform wraps long lines
	for _, want := range []string{host, "did not reach the API", "connection refused"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the plan's error lacks %q:\n%s", want, out)
		}
	}
	for _, leak := range []string{"Signature", "AccessKeyId", testAccessKey, "http://" + host + "/?"} {
		if strings.Contains(out, leak) {
			t.Errorf("the output quotes the request (%q):\n%s", leak, out)
		}
	}
	// The bound; the retries themselves take about a second.
	if elapsed > 30*time.Second {
		t.Errorf("plan took %s, want under 30s", elapsed)
	}
}

func TestAccProvider_misspeltRegionFailsValidate(t *testing.T) {
	cli := newTFCLI(t)
	trail := func(extra string) string {
		return `
resource "actiontrail_trail" "a" {
  name            = "trail-typo"
  oss_bucket_name = "yuanchuang"
` + extra + `}
`
	}
	for _, tc := range []struct{ name, config string }{
		{"provider", providerBlock("http://127.0.0.1:1", "cn-hangzou", "") + trail("")},
		{"resource", providerBlock("http://127.0.0.1:1", testRegion, "") + trail(`  region          = "cn-hangzou"`+"\n")},
		{"trail_region", providerBlock("http://127.0.0.1:1", testRegion, "") + trail(`  trail_region    = "cn-hangzou"`+"\n")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := cli.dir(tc.config)
			out, err := d.run("validate", "-no-color")
			if err == nil || !strings.Contains(strings.Join(strings.Fields(out), " "), `did you mean "cn-hangzhou"?`) {
				t.Fatalf("validate should fail with a suggestion: %v\n%s", err, out)
			}
		})
	}
}

func TestAccProvider_regionUnknownToTheAPIFailsThePlan(t *testing.T) {
	e := newAccEnv(t, emulator.Config{ExtraRegions: []string{"xx-newregion-1"}})
	e.needEmulator(t)
	cli := newTFCLI(t)
	config := func(region, extra string) string {
		return providerBlock(e.endpoint, testRegion, extra) + fmt.Sprintf(`
resource "actiontrail_trail" "a" {
  name            = "trail-newregion"
  oss_bucket_name = %q
  region          = %q
}
`, e.bucket, region)
	}
	// A region the SDK's list lacks but the API serves plans; one the API does not serve fails
	// on the attribute, with the region meant; skip_region_validation lets it through.
	d := cli.dir(config("xx-newregion-1", ""))
	d.must("plan")
	d.write(config("xx-newregion-2", ""))
	out, err := d.run("plan")
	if flat := strings.Join(strings.Fields(out), " "); err == nil || !strings.Contains(flat, "Unknown Region") || !strings.Contains(flat, `Did you mean "xx-newregion-1"?`) {
		t.Fatalf("want Unknown Region with a suggestion: %v\n%s", err, out)
	}
	d.write(config("xx-newregion-2", "  skip_region_validation = true"))
	if out, err := d.run("plan"); err != nil {
		t.Fatalf("skip_region_validation should let the plan through:\n%s", out)
	}
	if got := e.emu.Calls()["DescribeRegions"]; got != 2 {
		t.Errorf("%d DescribeRegions calls for two checked plans, want 2 (once per provider configuration)", got)
	}
}

func TestAccTrail_quotaWarnsOncePerCreateBeyondIt(t *testing.T) {
	cli := newTFCLI(t)
	b := newTestBackend(t, emulator.Config{})
	d := cli.dir(providerBlock(b.url, testRegion, "") + fmt.Sprintf(`
resource "actiontrail_trail" "t" {
  for_each        = toset(["trail-q1", "trail-q2", "trail-q3", "trail-q4", "trail-q5", "trail-q6"])
  name            = each.value
  oss_bucket_name = %q
}
`, testBucket))
	out := d.must("plan")
	if n := strings.Count(out, "Warning: Trail Quota Reached"); n != 1 {
		t.Fatalf("6 creates in an empty region (quota 5): want 1 quota warning, got %d:\n%s", n, out)
	}
	if !strings.Contains(strings.Join(strings.Fields(out), " "), "makes 6") { // Terraform wraps long lines
		t.Fatalf("the warning should count the plan's creates:\n%s", out)
	}
}
