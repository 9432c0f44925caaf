package provider

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

func TestGoRegexpValidator(t *testing.T) {
	cases := map[string]struct {
		value   types.String
		wantErr bool
	}{
		"null":             {value: types.StringNull()},
		"unknown":          {value: types.StringUnknown()},
		"empty":            {value: types.StringValue("")},
		"prefix":           {value: types.StringValue("^audit-")},
		"alternation":      {value: types.StringValue(`^(audit|trail)-\d+$`)},
		"unclosed group":   {value: types.StringValue("audit-("), wantErr: true},
		"lookahead (PCRE)": {value: types.StringValue("audit(?=-)"), wantErr: true},
		"bad repetition":   {value: types.StringValue("*audit"), wantErr: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			req := validator.StringRequest{Path: path.Root("name_regex"), ConfigValue: tc.value}
			var resp validator.StringResponse
			goRegexpValidator{}.ValidateString(context.Background(), req, &resp)
			if got := resp.Diagnostics.HasError(); got != tc.wantErr {
				t.Fatalf("HasError = %v, want %v: %v", got, tc.wantErr, resp.Diagnostics)
			}
			if tc.wantErr {
				d := resp.Diagnostics.Errors()[0]
				if d.Summary() != "Invalid Regular Expression" || !strings.Contains(d.Detail(), "RE2") {
					t.Errorf("diagnostic = %q / %q", d.Summary(), d.Detail())
				}
			}
		})
	}
}

func TestFilterTrails(t *testing.T) {
	trails := []client.Trail{
		{Name: "zeta-trail", Status: client.StatusEnable, HomeRegion: "cn-hangzhou"},
		{Name: "audit-two", Status: client.StatusDisable, HomeRegion: "cn-hangzhou"},
		{Name: "audit-one", Status: client.StatusEnable, HomeRegion: "cn-shanghai"},
		{Name: "audit-one", Status: client.StatusFresh, HomeRegion: "cn-hangzhou"},
	}
	all := []string{"audit-one@cn-hangzhou", "audit-one@cn-shanghai", "audit-two@cn-hangzhou", "zeta-trail@cn-hangzhou"}
	cases := map[string]struct {
		re     *regexp.Regexp
		status string
		want   []string // name@home
	}{
		"no filter, sorted by name then home region": {want: all},
		"empty regex matches all":                    {re: regexp.MustCompile(""), want: all},
		"regex":                                      {re: regexp.MustCompile("^audit-"), want: all[:3]},
		"regex unanchored":                           {re: regexp.MustCompile("two"), want: []string{"audit-two@cn-hangzhou"}},
		"status":                                     {status: client.StatusEnable, want: []string{"audit-one@cn-shanghai", "zeta-trail@cn-hangzhou"}},
		"regex and status":                           {re: regexp.MustCompile("^audit-"), status: client.StatusFresh, want: []string{"audit-one@cn-hangzhou"}},
		"nothing matches":                            {re: regexp.MustCompile("^nomatch$"), want: []string{}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := []string{}
			for _, tr := range filterTrails(slices.Clone(trails), tc.re, tc.status) {
				got = append(got, tr.Name+"@"+tr.HomeRegion)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	if got := filterTrails(nil, nil, ""); got == nil || len(got) != 0 {
		t.Errorf("filterTrails(nil) = %#v, want an empty non-nil slice", got)
	}
}

func TestFlattenTrailItem(t *testing.T) {
	cases := map[string]struct {
		in   client.Trail
		want trailItemModel
	}{
		"API defaults filled": {
			in: client.Trail{Name: "trail-test", Status: client.StatusFresh},
			want: trailItemModel{
				ID: "cn-hangzhou:trail-test", Name: "trail-test", HomeRegion: "cn-hangzhou", Region: "cn-hangzhou",
				Status: client.StatusFresh, EventRW: "Write", TrailRegion: "All",
			},
		},
		"enabled, everything reported": {
			in: client.Trail{
				Name: "trail-test", Status: client.StatusEnable, HomeRegion: "cn-hangzhou", Region: "cn-hangzhou",
				EventRW: "All", TrailRegion: "cn-hangzhou", OssBucketName: "yuanchuang", OssKeyPrefix: "audit/",
				OssBucketLocation: "oss-cn-hangzhou", OssWriteRoleArn: "acs:ram::1:role/r", SlsProjectArn: "acs:log:cn-hangzhou::project/p",
				SlsWriteRoleArn: "acs:ram::1:role/s", IsOrganizationTrail: true, OrganizationId: "rd-1",
				TrailArn: "acs:actiontrail:cn-hangzhou:1:trail/trail-test", CreateTime: "2024-01-02T03:04:05Z",
				UpdateTime: "2024-01-02T03:04:06Z", StartLoggingTime: "2024-01-02T03:04:07Z", StopLoggingTime: "2024-01-02T03:04:08Z",
			},
			want: trailItemModel{
				ID: "cn-hangzhou:trail-test", Name: "trail-test", HomeRegion: "cn-hangzhou", Region: "cn-hangzhou",
				Status: client.StatusEnable, EnableLogging: true, EventRW: "All", TrailRegion: "cn-hangzhou",
				OssBucketName: "yuanchuang", OssKeyPrefix: "audit/", OssBucketLocation: "oss-cn-hangzhou",
				OssWriteRoleArn: "acs:ram::1:role/r", SlsProjectArn: "acs:log:cn-hangzhou::project/p", SlsWriteRoleArn: "acs:ram::1:role/s",
				IsOrganizationTrail: true, OrganizationID: "rd-1", TrailArn: "acs:actiontrail:cn-hangzhou:1:trail/trail-test",
				CreateTime: "2024-01-02T03:04:05Z", UpdateTime: "2024-01-02T03:04:06Z",
				StartLoggingTime: "2024-01-02T03:04:07Z", StopLoggingTime: "2024-01-02T03:04:08Z",
			},
		},
		"shadow trail of another region": {
			in: client.Trail{Name: "sh-trail", Status: client.StatusDisable, HomeRegion: "cn-shanghai", Region: "cn-hangzhou", IsShadowTrail: 1},
			want: trailItemModel{
				ID: "cn-shanghai:sh-trail", Name: "sh-trail", HomeRegion: "cn-shanghai", Region: "cn-hangzhou",
				Status: client.StatusDisable, EventRW: "Write", TrailRegion: "All", IsShadowTrail: true,
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := flattenTrailItem(tc.in, "cn-hangzhou"); got != tc.want {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// trailsDSBackend starts an emulator (no TF_ACC needed) and a client for it.
func trailsDSBackend(t *testing.T, secret string) (*emulator.Server, *client.Client) {
	t.Helper()
	b := newTestBackend(t, emulator.Config{}, withClientSecret(secret))
	return b.emu, b.client
}

// readTrailsDS runs the data source's Read with the given configuration values (the others null).
func readTrailsDS(t *testing.T, ds *trailsDataSource, set map[string]tftypes.Value) (trailsDataSourceModel, datasource.ReadResponse) {
	t.Helper()
	ctx := context.Background()
	var sr datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sr)
	typ, ok := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatalf("schema type is %T", sr.Schema.Type().TerraformType(ctx))
	}
	vals := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	for name, v := range set {
		vals[name] = v
	}
	resp := datasource.ReadResponse{State: tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(typ, nil)}}
	ds.Read(ctx, datasource.ReadRequest{Config: tfsdk.Config{Schema: sr.Schema, Raw: tftypes.NewValue(typ, vals)}}, &resp)
	var m trailsDataSourceModel
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Get(ctx, &m)...)
	}
	return m, resp
}

// TestTrailsDataSource_readCallsOnce reads through the framework types and counts the API calls:
// one DescribeTrails per read, whatever the filters.
func TestTrailsDataSource_readCallsOnce(t *testing.T) {
	emu, c := trailsDSBackend(t, testSecretKey)
	emu.PutTrail(testRegion, emulator.Trail{Name: "audit-one", Status: emulator.StatusEnable, OssBucketName: testBucket})
	emu.PutTrail(testRegion, emulator.Trail{Name: "audit-two", Status: emulator.StatusDisable, OssBucketName: testBucket})
	emu.PutTrail(testRegion, emulator.Trail{Name: "other-trail", OssBucketName: testBucket})
	emu.PutTrail("cn-shanghai", emulator.Trail{Name: "shanghai-all", OssBucketName: testBucket})
	ds := &trailsDataSource{data: &providerData{client: c, region: testRegion}}

	cases := map[string]struct {
		set   map[string]tftypes.Value
		names []string
		ids   []string
	}{
		"all":    {names: []string{"audit-one", "audit-two", "other-trail"}},
		"regex":  {set: map[string]tftypes.Value{"name_regex": tftypes.NewValue(tftypes.String, "^audit-")}, names: []string{"audit-one", "audit-two"}},
		"status": {set: map[string]tftypes.Value{"status": tftypes.NewValue(tftypes.String, "Disable")}, names: []string{"audit-two"}},
		"shadow": {
			set:   map[string]tftypes.Value{"include_shadow_trails": tftypes.NewValue(tftypes.Bool, true)},
			names: []string{"audit-one", "audit-two", "other-trail", "shanghai-all"},
			ids:   []string{"cn-hangzhou:audit-one", "cn-hangzhou:audit-two", "cn-hangzhou:other-trail", "cn-shanghai:shanghai-all"},
		},
		"other region": {set: map[string]tftypes.Value{"region": tftypes.NewValue(tftypes.String, "cn-shanghai")}, names: []string{"shanghai-all"}},
		"empty":        {set: map[string]tftypes.Value{"region": tftypes.NewValue(tftypes.String, "cn-beijing")}, names: []string{}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			emu.ResetCalls()
			m, resp := readTrailsDS(t, ds, tc.set)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			if calls := emu.Calls(); len(calls) != 1 || calls["DescribeTrails"] != 1 {
				t.Errorf("API calls = %v, want exactly one DescribeTrails", calls)
			}
			if !slices.Equal(m.Names, tc.names) || m.Names == nil {
				t.Errorf("names = %#v, want %#v", m.Names, tc.names)
			}
			if tc.ids != nil && !slices.Equal(m.IDs, tc.ids) {
				t.Errorf("ids = %v, want %v", m.IDs, tc.ids)
			}
			if len(m.Trails) != len(tc.names) || len(m.IDs) != len(tc.names) {
				t.Errorf("%d trails and %d ids for %d names", len(m.Trails), len(m.IDs), len(tc.names))
			}
			if m.Region.IsNull() || m.Region.IsUnknown() {
				t.Errorf("region = %v, want the listed region", m.Region)
			}
		})
	}
}

func TestTrailsDataSource_readError(t *testing.T) {
	_, c := trailsDSBackend(t, "not-the-secret")
	ds := &trailsDataSource{data: &providerData{client: c, region: testRegion}}
	_, resp := readTrailsDS(t, ds, nil)
	if !resp.Diagnostics.HasError() {
		t.Fatal("want an error with a wrong secret")
	}
	d := resp.Diagnostics.Errors()[0]
	if d.Summary() != "Cannot List Trails: "+client.CodeSignatureDoesNotMatch {
		t.Errorf("summary = %q", d.Summary())
	}
	for _, want := range []string{"cn-hangzhou", "HTTP 400", "RequestId", "What to do"} {
		if !strings.Contains(d.Detail(), want) {
			t.Errorf("detail lacks %q: %s", want, d.Detail())
		}
	}
	if strings.Contains(d.Detail(), "not-the-secret") {
		t.Errorf("detail leaks the secret: %s", d.Detail())
	}
}

const trailsAddr = "data.actiontrail_trails"

// listed expects the state to hold v for attr of data.actiontrail_trails.<name>.
func listed(name, attr string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(trailsAddr+"."+name, tfjsonpath.New(attr), v)
}

// listedTrail expects the state to hold v for trails[i] of data.actiontrail_trails.<name>.
func listedTrail(name string, i int, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(trailsAddr+"."+name, tfjsonpath.New("trails").AtSliceIndex(i), v)
}

func TestAccTrailsDataSource_basic(t *testing.T) {
	e := newAccEnv(t, emulator.Config{})
	prefix := trailName("tds")
	on, off := prefix+"-on", prefix+"-off"
	e.trailTest(t, []resource.TestStep{{
		Config: e.config(fixture(t, "trails_data_source_basic", map[string]string{
			"On": on, "Off": off, "Bucket": e.bucket, "Prefix": regexp.QuoteMeta(prefix),
		})),
		ConfigStateChecks: []statecheck.StateCheck{
			listed("mine", "region", knownvalue.StringExact(e.region)),
			listed("mine", "names", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(off), knownvalue.StringExact(on)})),
			listed("mine", "ids", knownvalue.ListExact([]knownvalue.Check{
				knownvalue.StringExact(e.region + ":" + off), knownvalue.StringExact(e.region + ":" + on),
			})),
			listedTrail("mine", 0, knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"name":            knownvalue.StringExact(off),
				"home_region":     knownvalue.StringExact(e.region),
				"status":          knownvalue.StringExact("Fresh"),
				"enable_logging":  knownvalue.Bool(false),
				"event_rw":        knownvalue.StringExact("All"),
				"trail_region":    knownvalue.StringExact("All"),
				"oss_bucket_name": knownvalue.StringExact(e.bucket),
				"oss_key_prefix":  knownvalue.StringExact("audit/logs"),
				"sls_project_arn": knownvalue.StringExact(""),
				"is_shadow_trail": knownvalue.Bool(false),
				"trail_arn":       knownvalue.StringRegexp(regexp.MustCompile(`^acs:actiontrail:` + e.region + `:\d+:trail/` + off + `$`)),
				"create_time":     knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)),
			})),
			listedTrail("mine", 1, knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"name":               knownvalue.StringExact(on),
				"status":             knownvalue.StringExact("Enable"),
				"enable_logging":     knownvalue.Bool(true),
				"event_rw":           knownvalue.StringExact("Write"),
				"oss_key_prefix":     knownvalue.StringExact(""),
				"start_logging_time": knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)),
			})),
			listed("fresh", "names", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(off)})),
		},
	}})
}

// TestAccTrailsDataSource_filters seeds the emulator (trails in two regions, every status) and reads
// them through each filter; every read makes one DescribeTrails call and no other.
func TestAccTrailsDataSource_filters(t *testing.T) {
	e := newAccEnv(t, emulator.Config{})
	e.needEmulator(t)
	at := func(s string) time.Time { return time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC).Add(mustDuration(t, s)) }
	e.emu.PutTrail(e.region, emulator.Trail{
		Name: "audit-alpha", Status: emulator.StatusEnable, OssBucketName: e.bucket, OssKeyPrefix: "alpha/logs",
		SlsProjectArn: e.slsProjectARN(), SlsWriteRoleArn: "acs:ram::" + testAccountID + ":role/aliyunactiontraildefaultrole",
		EventRW: "All", CreateTime: at("0s"), UpdateTime: at("1m"), StartLoggingTime: at("2m"), StopLoggingTime: at("1m30s"),
	})
	e.emu.PutTrail(e.region, emulator.Trail{Name: "audit-beta", Status: emulator.StatusDisable, OssBucketName: e.bucket})
	e.emu.PutTrail(e.region, emulator.Trail{Name: "other-trail", SlsProjectArn: e.slsProjectARN()})
	e.emu.PutTrail("cn-shanghai", emulator.Trail{Name: "shanghai-all", OssBucketName: e.bucket})
	e.emu.PutTrail("cn-shanghai", emulator.Trail{Name: "shanghai-only", OssBucketName: e.bucket, TrailRegion: "cn-shanghai"})

	names := func(ns ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, 0, len(ns))
		for _, n := range ns {
			checks = append(checks, knownvalue.StringExact(n))
		}
		return knownvalue.ListExact(checks)
	}
	const dataSources = 7
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: e.config(`
data "actiontrail_trails" "all" {}

data "actiontrail_trails" "audit" {
  name_regex = "^audit-"
}

data "actiontrail_trails" "enabled" {
  status = "Enable"
}

data "actiontrail_trails" "shadow" {
  include_shadow_trails      = true
  include_organization_trail = true
}

data "actiontrail_trails" "shanghai" {
  region = "cn-shanghai"
}

data "actiontrail_trails" "none" {
  name_regex = "^nomatch$"
}

data "actiontrail_trails" "empty_region" {
  region = "cn-beijing"
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				listed("all", "names", names("audit-alpha", "audit-beta", "other-trail")),
				listed("audit", "names", names("audit-alpha", "audit-beta")),
				listed("enabled", "names", names("audit-alpha")),
				listed("shadow", "names", names("audit-alpha", "audit-beta", "other-trail", "shanghai-all")),
				listed("shadow", "ids", names("cn-hangzhou:audit-alpha", "cn-hangzhou:audit-beta", "cn-hangzhou:other-trail", "cn-shanghai:shanghai-all")),
				listedTrail("shadow", 3, knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"name": knownvalue.StringExact("shanghai-all"), "home_region": knownvalue.StringExact("cn-shanghai"),
					"region": knownvalue.StringExact(e.region), "is_shadow_trail": knownvalue.Bool(true),
				})),
				listed("shanghai", "region", knownvalue.StringExact("cn-shanghai")),
				listed("shanghai", "names", names("shanghai-all", "shanghai-only")),
				listed("none", "names", knownvalue.ListExact([]knownvalue.Check{})),
				listed("none", "ids", knownvalue.ListExact([]knownvalue.Check{})),
				listed("none", "trails", knownvalue.ListExact([]knownvalue.Check{})),
				listed("empty_region", "names", knownvalue.ListExact([]knownvalue.Check{})),
				listed("empty_region", "trails", knownvalue.ListExact([]knownvalue.Check{})),
				// Every field of one trail, as seeded.
				listedTrail("all", 0, knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                    knownvalue.StringExact("cn-hangzhou:audit-alpha"),
					"name":                  knownvalue.StringExact("audit-alpha"),
					"home_region":           knownvalue.StringExact("cn-hangzhou"),
					"region":                knownvalue.StringExact("cn-hangzhou"),
					"status":                knownvalue.StringExact("Enable"),
					"enable_logging":        knownvalue.Bool(true),
					"event_rw":              knownvalue.StringExact("All"),
					"trail_region":          knownvalue.StringExact("All"),
					"oss_bucket_name":       knownvalue.StringExact(e.bucket),
					"oss_key_prefix":        knownvalue.StringExact("alpha/logs"),
					"oss_bucket_location":   knownvalue.StringExact("oss-cn-hangzhou"),
					"oss_write_role_arn":    knownvalue.StringExact(""),
					"sls_project_arn":       knownvalue.StringExact(e.slsProjectARN()),
					"sls_write_role_arn":    knownvalue.StringExact("acs:ram::" + testAccountID + ":role/aliyunactiontraildefaultrole"),
					"is_organization_trail": knownvalue.Bool(false),
					"organization_id":       knownvalue.StringExact(""),
					"is_shadow_trail":       knownvalue.Bool(false),
					"trail_arn":             knownvalue.StringExact("acs:actiontrail:cn-hangzhou:" + testAccountID + ":trail/audit-alpha"),
					"create_time":           knownvalue.StringExact("2024-05-06T07:08:09Z"),
					"update_time":           knownvalue.StringExact("2024-05-06T07:09:09Z"),
					"start_logging_time":    knownvalue.StringExact("2024-05-06T07:10:09Z"),
					"stop_logging_time":     knownvalue.StringExact("2024-05-06T07:09:39Z"),

					"max_compute_project_arn":    knownvalue.StringExact(""),
					"max_compute_write_role_arn": knownvalue.StringExact(""),
				})),
			},
		}},
	})
	calls := actiontrailCalls(e.emu) // the credential check's STS calls aside
	if n := calls["DescribeTrails"]; n == 0 || n%dataSources != 0 || len(calls) != 1 {
		t.Errorf("API calls = %v: want only DescribeTrails, one per data source per read (a multiple of %d)", calls, dataSources)
	}
}

// TestAccTrailsDataSource_invalid checks that bad arguments fail terraform validate, before any
// API call.
func TestAccTrailsDataSource_invalid(t *testing.T) {
	e := newAccEnv(t, emulator.Config{})
	cfg := func(args string) string { return e.config(`data "actiontrail_trails" "bad" {` + "\n" + args + "\n}\n") }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: cfg(`name_regex = "audit-("`), ExpectError: regexp.MustCompile(`Invalid Regular Expression`)},
			{Config: cfg(`name_regex = "audit(?=-)"`), ExpectError: regexp.MustCompile(`not a valid regular expression`)},
			{Config: cfg(`status = "Enabled"`), ExpectError: regexp.MustCompile(`Invalid Attribute Value Match`)},
			{Config: cfg(`region = "CN_Hangzhou"`), ExpectError: regexp.MustCompile(`Invalid Region ID`)},
		},
	})
	if e.emu != nil {
		if n := e.emu.Calls()["DescribeTrails"]; n != 0 {
			t.Errorf("DescribeTrails was called %d times: invalid arguments must fail before any call", n)
		}
	}
}

func mustDuration(t *testing.T, s string) time.Duration {
	t.Helper()
	d, err := time.ParseDuration(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
