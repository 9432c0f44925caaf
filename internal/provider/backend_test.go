package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"text/template"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

// TestMain removes what the tests built once for the whole process (see buildOnce).
func TestMain(m *testing.M) {
	code := m.Run()
	removeBuilds()
	os.Exit(code)
}

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
	b := newTestBackend(t, cfg)
	return &accEnv{
		emu: b.emu, endpoint: b.url, region: testRegion,
		bucket: testBucket, bucket2: testBucket2, project: testProject, client: b.client,
	}
}

// testBackend is an emulator of a test's own behind a loopback HTTP server, and a client of the
// provider's that signs with the test's keys: every test that needs an emulator starts it here.
type testBackend struct {
	emu    *emulator.Server
	srv    *httptest.Server
	url    string // http://127.0.0.1:PORT (https:// with withTLS)
	client *client.Client
}

type backendSettings struct {
	handler func(*emulator.Server) http.Handler
	tls     bool
	secret  string
}

// backendOption tunes newTestBackend.
type backendOption func(*backendSettings)

// withHandler serves the emulator through a handler of the test's (a gate, a fault, a recorder).
func withHandler(h func(*emulator.Server) http.Handler) backendOption {
	return func(s *backendSettings) { s.handler = h }
}

// withTLS serves HTTPS (see certFile for the certificate the provider must trust).
func withTLS() backendOption { return func(s *backendSettings) { s.tls = true } }

// withClientSecret makes the client sign with another secret (a wrong one, to see what it reports).
func withClientSecret(secret string) backendOption {
	return func(s *backendSettings) { s.secret = secret }
}

// newTestBackend starts an emulator for the test, stopped when it ends. cfg tunes it; the test's
// keys, account, default region, buckets and SLS project are filled in where cfg leaves them
// empty (seeds are added to cfg's).
func newTestBackend(t *testing.T, cfg emulator.Config, opts ...backendOption) *testBackend {
	t.Helper()
	set := backendSettings{handler: func(e *emulator.Server) http.Handler { return e }}
	for _, o := range opts {
		o(&set)
	}
	if cfg.AccessKeyID == "" {
		cfg.AccessKeyID, cfg.AccessKeySecret = testAccessKey, testSecretKey
	}
	if cfg.AccountID == "" {
		cfg.AccountID = testAccountID
	}
	if cfg.DefaultRegion == "" {
		cfg.DefaultRegion = testRegion
	}
	cfg.Buckets = append(cfg.Buckets, testBucket, testBucket2)
	cfg.DeniedBuckets = append(cfg.DeniedBuckets, testDenied)
	cfg.SLSProjects = append(cfg.SLSProjects, testProject)
	emu := emulator.New(cfg)
	var srv *httptest.Server
	if set.tls {
		srv = httptest.NewTLSServer(set.handler(emu))
	} else {
		srv = httptest.NewServer(set.handler(emu))
	}
	t.Cleanup(srv.Close)
	if set.secret == "" {
		set.secret = cfg.AccessKeySecret
	}
	c, err := client.New(client.Config{
		Region:      testRegion,
		Credentials: credentials.NewStaticAKCredentialsProvider(cfg.AccessKeyID, set.secret),
		Endpoint:    srv.URL,
		Retry:       client.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	return &testBackend{emu: emu, srv: srv, url: srv.URL, client: c}
}

// fixture renders the configuration testdata/configs/NAME.tf.tmpl, a text/template of data, where
// {{ quote .X }} writes X as an HCL string.
func fixture(t *testing.T, name string, data any) string {
	t.Helper()
	tmpl, err := template.New(name + ".tf.tmpl").Funcs(template.FuncMap{"quote": strconv.Quote}).
		ParseFiles(filepath.Join("testdata", "configs", name+".tf.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// providerBlock is the provider block of a configuration against the emulator at endpoint, with
// the test's keys and extra settings.
func providerBlock(endpoint, region string, extra string) string {
	return providerBlockWithKeys(endpoint, region, testAccessKey, testSecretKey, extra)
}

// providerBlockWithKeys is providerBlock with other keys.
func providerBlockWithKeys(endpoint, region, accessKey, secretKey, extra string) string {
	return fmt.Sprintf(`
provider "actiontrail" {
  region     = %q
  endpoint   = %q
  access_key = %q
  secret_key = %q
%s
}
`, region, endpoint, accessKey, secretKey, extra)
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
	return providerBlock(e.endpoint, e.region, "") + body
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
