package provider

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

// testAccProviders serves the provider in the test process, a new server (and provider) for each
// Terraform command, as main.go does per process.
var testAccProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"actiontrail": func() (tfprotov6.ProviderServer, error) { return NewServer("test")(), nil },
}

// Test credentials of the in-process emulator.
const (
	testAccessKey = "acc-test-access-key-id"
	testSecretKey = "acc-test-secret-Zq8r7s6t5u4v3w2x"
	testRegion    = "cn-hangzhou"
	testBucket    = "yuanchuang" // the spec's own example bucket
	testBucket2   = "actiontrail-acc-bucket-2"
	testDenied    = "actiontrail-acc-denied"
	testProject   = "actiontrail-acc-project"
	testAccountID = "1234567890123456"
)

// accEnv is the backend of one acceptance test: an emulator of its own, or the real cloud when
// real credentials are set and no endpoint is (see README: "Against the real cloud").
type accEnv struct {
	emu      *emulator.Server // nil against the real cloud
	endpoint string
	region   string
	bucket   string
	bucket2  string
	project  string // SLS project name
	client   *client.Client
}

var nullString = types.StringNull()

// realCloud reports whether the acceptance tests target the real ActionTrail API.
func realCloud() bool {
	return setting(nullString, envAccessKey) != "" && setting(nullString, envEndpoint) == ""
}

// newAccEnv starts an emulator for the test (or returns the real-cloud environment). cfg tunes
// the emulator; credentials and seeds are filled in.
func newAccEnv(t *testing.T, cfg emulator.Config) *accEnv {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance tests run with TF_ACC=1 (make test sets it)")
	}
	if realCloud() {
		e := &accEnv{
			region:  setting(nullString, envRegion),
			bucket:  os.Getenv("ACTIONTRAIL_TEST_OSS_BUCKET"),
			bucket2: os.Getenv("ACTIONTRAIL_TEST_OSS_BUCKET_2"),
			project: os.Getenv("ACTIONTRAIL_TEST_SLS_PROJECT"),
		}
		if e.bucket == "" || e.bucket2 == "" || e.region == "" {
			t.Skip("real-cloud acceptance tests need ALICLOUD_REGION, ACTIONTRAIL_TEST_OSS_BUCKET and ACTIONTRAIL_TEST_OSS_BUCKET_2")
		}
		c, err := client.New(client.Config{
			Region: e.region,
			Credentials: credentials.NewStaticAKCredentialsProvider(
				setting(nullString, envAccessKey), setting(nullString, envSecretKey)),
		})
		if err != nil {
			t.Fatal(err)
		}
		e.client = c
		return e
	}
	cfg.AccessKeyID, cfg.AccessKeySecret = testAccessKey, testSecretKey
	cfg.AccountID = testAccountID
	cfg.DefaultRegion = testRegion
	cfg.Buckets = append(cfg.Buckets, testBucket, testBucket2)
	cfg.DeniedBuckets = append(cfg.DeniedBuckets, testDenied)
	cfg.SLSProjects = append(cfg.SLSProjects, testProject)
	emu := emulator.New(cfg)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{
		Region:      testRegion,
		Credentials: credentials.NewStaticAKCredentialsProvider(testAccessKey, testSecretKey),
		Endpoint:    srv.URL,
		Retry:       client.RetryPolicy{BaseDelay: 5 * time.Millisecond, MaxDelay: 50 * time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	return &accEnv{
		emu: emu, endpoint: srv.URL, region: testRegion,
		bucket: testBucket, bucket2: testBucket2, project: testProject, client: c,
	}
}

// needEmulator skips tests that only the emulator can stage (faults, denied buckets, quotas).
func (e *accEnv) needEmulator(t *testing.T) {
	t.Helper()
	if e.emu == nil {
		t.Skip("this test stages its failure on the emulator")
	}
}

// config prefixes body with the provider block for this backend.
func (e *accEnv) config(body string) string {
	if e.emu == nil {
		return body
	}
	return fmt.Sprintf(`
provider "actiontrail" {
  region     = %q
  endpoint   = %q
  access_key = %q
  secret_key = %q
}
`, e.region, e.endpoint, testAccessKey, testSecretKey) + body
}

// slsProjectARN is the ARN of the test's SLS project.
func (e *accEnv) slsProjectARN() string {
	return fmt.Sprintf("acs:log:%s::project/%s", e.region, e.project)
}

// checkDestroyed asks the API that no trail of the state is left.
func (e *accEnv) checkDestroyed(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "actiontrail_trail" {
			continue
		}
		_, err := e.client.DescribeTrail(context.Background(), rs.Primary.Attributes["region"], rs.Primary.Attributes["name"])
		if err == nil {
			return fmt.Errorf("trail %s still exists", rs.Primary.ID)
		}
		if !client.IsNotFound(err) {
			return err
		}
	}
	return nil
}

// trailName returns a unique valid trail name for the test.
func trailName(prefix string) string {
	n := strings.ToLower(fmt.Sprintf("%s-%x", prefix, time.Now().UnixNano()&0xffffff))
	if len(n) > 36 {
		n = n[:36]
	}
	return n
}

// remoteTrail is a trail as the API reports it.
type remoteTrail = client.Trail

// checkRemote reads the trail from the API and hands it to check.
func (e *accEnv) checkRemote(name string, check func(remoteTrail) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		t, err := e.client.DescribeTrail(context.Background(), e.region, name)
		if err != nil {
			return err
		}
		return check(*t)
	}
}
