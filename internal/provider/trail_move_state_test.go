package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"text/template"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

// officialV1150 is the state of an alicloud_actiontrail_trail as the official provider v1.150
// writes it: every string set, "" for unset ones, the trail name three times.
const officialV1150 = `{
  "event_rw": "Write",
  "id": "trail-test",
  "is_organization_trail": false,
  "mns_topic_arn": "",
  "name": "trail-test",
  "oss_bucket_name": "yuanchuang",
  "oss_key_prefix": "audit/",
  "oss_write_role_arn": "acs:ram::1234567890123456:role/aliyunserviceroleforactiontrail",
  "role_name": "aliyunactiontraildefaultrole",
  "sls_project_arn": "",
  "sls_write_role_arn": "",
  "status": "Enable",
  "timeouts": null,
  "trail_name": "trail-test",
  "trail_region": "All"
}`

// officialCurrent is the state the official provider writes today (v1.2xx): region_id,
// create_time, MaxCompute and data event fields, timeouts with delete.
const officialCurrent = `{
  "create_time": "2024-01-02T03:04:05Z",
  "data_event_trail_region": "",
  "event_rw": "All",
  "event_selectors": "",
  "id": "trail-now",
  "is_organization_trail": false,
  "max_compute_project_arn": "",
  "max_compute_write_role_arn": "acs:ram::1234567890123456:role/aliyunserviceroleforactiontrail",
  "mns_topic_arn": null,
  "name": "trail-now",
  "oss_bucket_name": "",
  "oss_key_prefix": "",
  "oss_write_role_arn": "",
  "region_id": "cn-shanghai",
  "role_name": null,
  "sls_project_arn": "acs:log:cn-shanghai:1234567890123456:project/audit-logs",
  "sls_write_role_arn": "acs:ram::1234567890123456:role/aliyunserviceroleforactiontrail",
  "status": "Disable",
  "timeouts": {"create": "15m", "delete": null, "update": "3m"},
  "trail_name": "trail-now",
  "trail_region": "cn-shanghai"
}`

// withAttrs is the JSON object s with attributes replaced (a JSON value) or removed ("").
func withAttrs(t *testing.T, s string, attrs map[string]string) string {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(s), "\n")
	out := []string{"{"}
	seen := map[string]bool{}
	for _, l := range lines[1 : len(lines)-1] {
		k := strings.Trim(strings.SplitN(strings.TrimSpace(l), ":", 2)[0], `"`)
		if v, ok := attrs[k]; ok {
			seen[k] = true
			if v == "" {
				continue
			}
			l = `  "` + k + `": ` + v
		}
		out = append(out, strings.TrimSuffix(l, ",")+",")
	}
	for k, v := range attrs {
		if !seen[k] && v != "" {
			out = append(out, `  "`+k+`": `+v+",")
		}
	}
	out[len(out)-1] = strings.TrimSuffix(out[len(out)-1], ",")
	return strings.Join(append(out, "}"), "\n")
}

// moved summarises the moved state: each attribute as a string, "null" for null.
func moved(t *testing.T, st tfsdk.State) map[string]string {
	t.Helper()
	var m trailModel
	if d := st.Get(context.Background(), &m); d.HasError() {
		t.Fatal(d)
	}
	s := func(v attr.Value) string {
		if v.IsNull() {
			return "null"
		}
		return strings.Trim(v.String(), `"`)
	}
	return map[string]string{
		"id": s(m.ID), "name": s(m.Name), "region": s(m.Region), "oss_bucket_name": s(m.OssBucketName),
		"oss_key_prefix": s(m.OssKeyPrefix), "role_name": s(m.RoleName), "sls_project_arn": s(m.SlsProjectArn),
		"sls_write_role_arn": s(m.SlsWriteRoleArn), "oss_write_role_arn": s(m.OssWriteRoleArn), "event_rw": s(m.EventRW),
		"trail_region": s(m.TrailRegion), "is_organization_trail": s(m.IsOrganizationTrail),
		"enable_logging": s(m.EnableLogging), "home_region": s(m.HomeRegion), "status": s(m.Status),
		"trail_arn": s(m.TrailArn), "create_time": s(m.CreateTime), "timeouts": s(m.Timeouts.Object),
		"max_compute_project_arn": s(m.MaxComputeProjectArn), "max_compute_write_role_arn": s(m.MaxComputeWriteRoleArn),
		"check_delivery": s(m.CheckDelivery),
	}
}

func TestMoveState_fromOfficialTrail(t *testing.T) {
	const official = "registry.terraform.io/aliyun/alicloud"
	v1150 := map[string]string{
		"id": "trail-test", "name": "trail-test", "region": "null", "oss_bucket_name": "yuanchuang",
		"oss_key_prefix": "audit/", "role_name": "aliyunactiontraildefaultrole", "sls_project_arn": "null",
		"sls_write_role_arn": "null", "oss_write_role_arn": "acs:ram::1234567890123456:role/aliyunserviceroleforactiontrail",
		"event_rw": "Write", "trail_region": "All", "is_organization_trail": "false", "enable_logging": "true",
		"home_region": "null", "status": "Enable", "trail_arn": "null", "create_time": "null", "timeouts": "null",
		"max_compute_project_arn": "null", "max_compute_write_role_arn": "null", "check_delivery": "false",
	}
	with := func(base map[string]string, changes map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range base {
			out[k] = v
		}
		for k, v := range changes {
			out[k] = v
		}
		return out
	}
	for _, tc := range []struct {
		name     string
		provider string // default: official
		typ      string // default: alicloud_actiontrail_trail
		version  int64
		state    string
		noJSON   bool
		want     map[string]string
		wantErr  string // summary and detail, matched as "summary: detail"
		wantWarn string
	}{
		{name: "v1.150", state: officialV1150, want: v1150},
		{name: "v1.150 stopped, without mns_topic_arn", state: withAttrs(t, officialV1150, map[string]string{
			"status": `"Disable"`, "mns_topic_arn": ""}),
			want: with(v1150, map[string]string{"enable_logging": "false", "status": "Disable"})},
		{name: "v1.150 never started", state: withAttrs(t, officialV1150, map[string]string{"status": `"Fresh"`}),
			want: with(v1150, map[string]string{"enable_logging": "false", "status": "Fresh"})},
		{name: "only the id names the trail", state: withAttrs(t, officialV1150, map[string]string{
			"trail_name": `""`, "name": `null`}), want: v1150},
		{name: "nulls where SDKv2 writes empty strings", state: withAttrs(t, officialV1150, map[string]string{
			"event_rw": "null", "oss_key_prefix": "null", "role_name": "null", "is_organization_trail": "null",
			"trail_region": `""`}),
			want: with(v1150, map[string]string{"event_rw": "null", "oss_key_prefix": "null", "role_name": "null",
				"trail_region": "null"})},
		{name: "hashicorp/alicloud, the official provider's older address", provider: "registry.terraform.io/hashicorp/alicloud",
			state: officialV1150, want: v1150},
		{name: "OpenTofu registry", provider: "registry.opentofu.org/aliyun/alicloud", state: officialV1150, want: v1150},
		{name: "OpenTofu 1.10, which sends the implied provider name", provider: "alicloud", state: officialV1150, want: v1150},
		{name: "current: region from region_id, timeouts carried over", state: officialCurrent, want: map[string]string{
			"id": "trail-now", "name": "trail-now", "region": "cn-shanghai", "oss_bucket_name": "null",
			"oss_key_prefix": "null", "role_name": "null",
			"sls_project_arn":    "acs:log:cn-shanghai:1234567890123456:project/audit-logs",
			"sls_write_role_arn": "acs:ram::1234567890123456:role/aliyunserviceroleforactiontrail",
			"oss_write_role_arn": "null", "event_rw": "All", "trail_region": "cn-shanghai",
			"is_organization_trail": "false", "enable_logging": "false", "home_region": "cn-shanghai", "status": "Disable",
			"trail_arn": "null", "create_time": "2024-01-02T03:04:05Z",
			"timeouts": `{"create":"15m","delete":<null>,"read":<null>,"update":"3m"}`,
			// The write role the official state records without a project is dropped.
			"max_compute_project_arn": "null", "max_compute_write_role_arn": "null", "check_delivery": "false",
		}},
		{name: "MaxCompute delivery: the project and its write role move", state: withAttrs(t, officialCurrent, map[string]string{
			"max_compute_project_arn": `"acs:odps:cn-shanghai:1234567890123456:project/actiontrail_1234567890123456"`}),
			want: map[string]string{
				"max_compute_project_arn":    "acs:odps:cn-shanghai:1234567890123456:project/actiontrail_1234567890123456",
				"max_compute_write_role_arn": "acs:ram::1234567890123456:role/aliyunserviceroleforactiontrail",
				"sls_project_arn":            "acs:log:cn-shanghai:1234567890123456:project/audit-logs", "check_delivery": "false",
			}},
		{name: "MaxCompute delivery with an empty write role", state: withAttrs(t, officialCurrent, map[string]string{
			"max_compute_project_arn":    `"acs:odps:cn-shanghai:1234567890123456:project/actiontrail_1234567890123456"`,
			"max_compute_write_role_arn": `""`}),
			want: map[string]string{
				"max_compute_project_arn":    "acs:odps:cn-shanghai:1234567890123456:project/actiontrail_1234567890123456",
				"max_compute_write_role_arn": "null",
			}},
		{name: "data event selectors: moved with a warning", state: withAttrs(t, officialCurrent, map[string]string{
			"event_selectors": `"[{\"ResourceType\":\"ACS::OSS::Object\"}]"`}),
			want:     map[string]string{"name": "trail-now"},
			wantWarn: `Data Event Selectors Not Moved: Trail "trail-now" has data event selectors`},

		{name: "another resource type", typ: "alicloud_ram_role", state: officialV1150,
			wantErr: `^Unsupported Move Source: A moved block asks actiontrail_trail to take the state of alicloud_ram_role of registry.terraform.io/aliyun/alicloud\. .*import block`},
		{name: "another provider", provider: "registry.terraform.io/acme/alicloud", state: officialV1150,
			wantErr: `^Unsupported Move Source: .* of registry.terraform.io/acme/alicloud\. actiontrail_trail takes only`},
		{name: "schema version 1", version: 1, state: officialV1150,
			wantErr: `^Unsupported Source Schema Version: .* has schema version 1; this provider knows version 0`},
		{name: "no JSON state", noJSON: true, wantErr: `^Unreadable Source State: Terraform sent no JSON state`},
		{name: "not an object", state: `["trail-test"]`, wantErr: `^Unreadable Source State: .*: it is not a JSON object`},
		{name: "unknown attributes", state: withAttrs(t, officialV1150, map[string]string{"zz_new": `"x"`, "aa_new": "1"}),
			wantErr: `it has attributes this provider does not know \(aa_new, zz_new\).*Nothing was moved`},
		{name: "wrong type", state: withAttrs(t, officialV1150, map[string]string{"status": "1"}),
			wantErr: `a value has an unexpected type: .*status`},
		{name: "timeouts with read", state: withAttrs(t, officialV1150, map[string]string{"timeouts": `{"read": "1m"}`}),
			wantErr: `timeouts has an attribute this provider does not know, "read"`},
		{name: "timeouts not a duration", state: withAttrs(t, officialV1150, map[string]string{"timeouts": `{"create": "soon"}`}),
			wantErr: `timeouts\.create is "soon", not a duration`},
		{name: "names disagree", state: withAttrs(t, officialV1150, map[string]string{"id": `"trail-other"`}),
			wantErr: `^Ambiguous Trail Name in the Source State: .*"trail-test", "trail-test" and "trail-other"`},
		{name: "no name", state: withAttrs(t, officialV1150, map[string]string{"id": "", "name": `""`, "trail_name": "null"}),
			wantErr: `^No Trail Name in the Source State:`},
		{name: "invalid name", state: withAttrs(t, officialV1150, map[string]string{"id": `"Trail"`, "name": `""`, "trail_name": `""`}),
			wantErr: `^Invalid Trail Name in the Source State: The trail name "Trail" .*must start with a lowercase letter`},
		{name: "no status", state: withAttrs(t, officialV1150, map[string]string{"status": `""`}),
			wantErr: `^No Status in the Source State: .*terraform apply -refresh-only.*Nothing was moved`},
		{name: "unknown status", state: withAttrs(t, officialV1150, map[string]string{"status": `"Paused"`}),
			wantErr: `^Unknown Status in the Source State: .*status "Paused" .*Enable, Disable and Fresh`},
		{name: "invalid region_id", state: withAttrs(t, officialCurrent, map[string]string{"region_id": `"cn_shanghai"`}),
			wantErr: `^Invalid Region in the Source State: The region_id "cn_shanghai" of trail "trail-now" is not valid`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			// Terraform moves state with an unconfigured provider: no provider data.
			r := &trailResource{}
			var sr resource.SchemaResponse
			r.Schema(ctx, resource.SchemaRequest{}, &sr)
			req := resource.MoveStateRequest{
				SourceProviderAddress: tc.provider, SourceTypeName: tc.typ, SourceSchemaVersion: tc.version,
				SourceRawState: &tfprotov6.RawState{JSON: []byte(tc.state)},
			}
			if req.SourceProviderAddress == "" {
				req.SourceProviderAddress = official
			}
			if req.SourceTypeName == "" {
				req.SourceTypeName = officialTrailType
			}
			if tc.noJSON {
				req.SourceRawState = &tfprotov6.RawState{Flatmap: map[string]string{"id": "trail-test"}}
			}
			resp := resource.MoveStateResponse{TargetState: tfsdk.State{
				Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil),
			}}
			movers := r.MoveState(ctx)
			if len(movers) != 1 || movers[0].SourceSchema != nil {
				t.Fatalf("MoveState returned %d movers", len(movers))
			}
			movers[0].StateMover(ctx, req, &resp)

			if tc.wantErr != "" {
				if !resp.TargetState.Raw.IsNull() {
					t.Errorf("a failed move set the target state: %v", resp.TargetState.Raw)
				}
				if got := diagText(resp.Diagnostics.Errors()); !regexp.MustCompile(tc.wantErr).MatchString(got) {
					t.Fatalf("errors %q do not match %q", got, tc.wantErr)
				}
				return
			}
			if resp.Diagnostics.HasError() {
				t.Fatalf("move failed: %s", diagText(resp.Diagnostics.Errors()))
			}
			warnings := diagText(resp.Diagnostics.Warnings())
			if tc.wantWarn == "" && warnings != "" {
				t.Errorf("unexpected warnings: %s", warnings)
			}
			if tc.wantWarn != "" && !regexp.MustCompile(tc.wantWarn).MatchString(warnings) {
				t.Errorf("warnings %q do not match %q", warnings, tc.wantWarn)
			}
			got := moved(t, resp.TargetState)
			for k, want := range tc.want {
				if got[k] != want {
					t.Errorf("%s = %s, want %s", k, got[k], want)
				}
			}
		})
	}
}

// diagText joins diagnostics as "summary: detail" lines.
func diagText(ds diag.Diagnostics) string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Summary()+": "+d.Detail())
	}
	return strings.Join(out, "\n")
}

// alicloudStandinDir builds testdata/alicloud-standin once per test process: the official
// provider's trail schema under its name, which Terraform needs to plan a move from it.
func alicloudStandinDir(t *testing.T) string {
	t.Helper()
	return buildOnce(t, "alicloud", "terraform-provider-alicloud", "./testdata/alicloud-standin")
}

// TestAccTrail_movedFromOfficial moves the state of the official provider's
// alicloud_actiontrail_trail, as its v1.150 and its current release write it, with a moved block
// and the real terraform CLI: the plan moves without a change, the apply calls nothing that
// writes, and the next plan is empty. A state that cannot move fails the plan and stays put.
func TestAccTrail_movedFromOfficial(t *testing.T) {
	const otherRegion = "cn-shanghai"
	for _, tc := range []struct {
		name, schema, state string
		region              string // the trail's; the provider's is testRegion
		params              func(e *accEnv) client.TrailParams
		logging             bool
		mangle              func(state string) string // edits the state written, to fail the move
		config              string                    // the resource's body after name
		wantErr             string
	}{
		{
			name: "v1.150", schema: "v1.150", state: "official-v1.150.tfstate", region: testRegion, logging: true,
			params: func(e *accEnv) client.TrailParams {
				return client.TrailParams{OssBucketName: &e.bucket, OssKeyPrefix: ptr("audit/"), RoleName: ptr("aliyunactiontraildefaultrole")}
			},
			config: `
  oss_bucket_name = %[2]q
  oss_key_prefix  = "audit/"
  role_name       = "aliyunactiontraildefaultrole"
`,
		},
		{
			// Another region than the provider's, read from region_id; logging stopped; the
			// official timeouts carried over.
			name: "current", schema: "current", state: "official-current.tfstate", region: otherRegion,
			params: func(e *accEnv) client.TrailParams {
				arn := fmt.Sprintf("acs:log:%s::project/%s", otherRegion, e.project)
				return client.TrailParams{SlsProjectArn: &arn, EventRW: ptr("All"), TrailRegion: ptr(otherRegion)}
			},
			config: `
  region          = "cn-shanghai"
  sls_project_arn = "acs:log:cn-shanghai::project/%[3]s"
  event_rw        = "All"
  trail_region    = "cn-shanghai"
  enable_logging  = false

  timeouts {
    create = "15m"
    update = "3m"
  }
`,
		},
		{
			// The MaxCompute project moves with the write role the API chose.
			name: "MaxCompute delivery", schema: "current", state: "official-current.tfstate", region: testRegion,
			logging: true,
			params: func(e *accEnv) client.TrailParams {
				arn := e.maxComputeARN(testMaxComputeProject)
				return client.TrailParams{OssBucketName: &e.bucket, MaxComputeProjectArn: &arn}
			},
			config: `
  oss_bucket_name         = %[2]q
  max_compute_project_arn = %[4]q

  timeouts {
    create = "15m"
    update = "3m"
  }
`,
		},
		{
			name: "an unknown status is refused", schema: "current", state: "official-current.tfstate", region: testRegion,
			logging: true,
			params:  func(e *accEnv) client.TrailParams { return client.TrailParams{OssBucketName: &e.bucket} },
			mangle: func(st string) string {
				return strings.Replace(st, `"status": "Enable"`, `"status": "Paused"`, 1)
			},
			config: `
  oss_bucket_name = %[2]q
`,
			wantErr: `Unknown Status in the Source State`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newAccEnv(t, emulator.Config{MaxComputeProjects: []string{testMaxComputeProject}})
			e.needEmulator(t)
			cli := newTFCLI(t, "ALICLOUD_STANDIN_SCHEMA="+tc.schema)
			cli.skipBelow(1, 8, "a moved block across resource types")
			cli.serve("alicloud", "aliyun/alicloud", alicloudStandinDir(t))
			ctx := context.Background()

			// The trail, as the official provider left it, and its state as that provider wrote it.
			name := trailName("moved")
			p := tc.params(e)
			p.Name = name
			if _, err := e.client.CreateTrail(ctx, tc.region, p); err != nil {
				t.Fatal(err)
			}
			if tc.logging {
				if err := e.client.StartLogging(ctx, tc.region, name); err != nil {
					t.Fatal(err)
				}
			} else if err := e.client.StopLogging(ctx, tc.region, name); err != nil {
				t.Fatal(err)
			}
			remote, err := e.client.DescribeTrail(ctx, tc.region, name)
			if err != nil {
				t.Fatal(err)
			}
			d := cli.dir(e.config(fmt.Sprintf(`
moved {
  from = alicloud_actiontrail_trail.audit
  to   = actiontrail_trail.audit
}

resource "actiontrail_trail" "audit" {
  name = %[1]q
`+tc.config+`}
`, name, e.bucket, e.project, e.maxComputeARN(testMaxComputeProject))))
			tmpl := template.Must(template.ParseFiles(filepath.Join("testdata", "move", tc.state)))
			var st bytes.Buffer
			if err := tmpl.Execute(&st, remote); err != nil {
				t.Fatal(err)
			}
			if tc.mangle != nil {
				mangled := tc.mangle(st.String())
				if mangled == st.String() {
					t.Fatal("mangle changed nothing")
				}
				st.Reset()
				st.WriteString(mangled)
			}
			writeFile(t, filepath.Join(d.dir, "terraform.tfstate"), st.String())
			e.emu.ResetCalls()

			if tc.wantErr != "" {
				out, err := d.run("plan")
				if err == nil || !regexp.MustCompile(tc.wantErr).MatchString(out) {
					t.Fatalf("the plan should fail with %q (err %v):\n%s", tc.wantErr, err, out)
				}
				if got, _ := os.ReadFile(filepath.Join(d.dir, "terraform.tfstate")); string(got) != st.String() {
					t.Errorf("a failed move changed the state:\n%s", got)
				}
				return
			}
			if tc.schema == "current" {
				// A state with region_id moves whole: even a plan without the refresh, which would
				// otherwise fill what the move left out, is empty.
				if out := d.must("plan", "-refresh=false"); !strings.Contains(out, "No changes.") &&
					!strings.Contains(out, "Plan: 0 to add, 0 to change, 0 to destroy.") {
					t.Fatalf("plan -refresh=false after the move is not empty:\n%s", out)
				}
			}
			out := d.must("plan")
			for _, want := range []string{
				"alicloud_actiontrail_trail.audit has moved to actiontrail_trail.audit",
				"Plan: 0 to add, 0 to change, 0 to destroy.",
			} {
				if !strings.Contains(out, want) {
					t.Fatalf("plan: want %q:\n%s", want, out)
				}
			}
			d.must("apply", "-auto-approve")
			if out, err := d.run("plan", "-detailed-exitcode"); err != nil {
				t.Fatalf("the plan after the move is not empty (%v):\n%s", err, out)
			}
			for action, n := range e.emu.Calls() {
				// Reads only: the trails, and the credential check of each provider configuration.
				if action != "DescribeTrails" && action != "GetCallerIdentity" && n > 0 {
					t.Errorf("the move called %s %d time(s); it should only read", action, n)
				}
			}

			// The state holds actiontrail_trail, of this provider, filled by the refresh.
			show := d.must("show", "-json")
			var shown struct {
				Values struct {
					RootModule struct {
						Resources []struct {
							Address      string         `json:"address"`
							ProviderName string         `json:"provider_name"`
							Values       map[string]any `json:"values"`
						} `json:"resources"`
					} `json:"root_module"`
				} `json:"values"`
			}
			if err := json.Unmarshal([]byte(show), &shown); err != nil {
				t.Fatal(err)
			}
			rs := shown.Values.RootModule.Resources
			if len(rs) != 1 || rs[0].Address != "actiontrail_trail.audit" ||
				!strings.HasSuffix(rs[0].ProviderName, "/openactiontrail/actiontrail") { // either registry's host
				t.Fatalf("the state holds %+v", rs)
			}
			v := rs[0].Values
			for k, want := range map[string]any{
				"name": name, "region": tc.region, "home_region": tc.region, "enable_logging": tc.logging,
				"status": remote.Status, "trail_arn": remote.TrailArn, "create_time": remote.CreateTime,
				"check_delivery": false,
			} {
				if v[k] != want {
					t.Errorf("%s = %v, want %v", k, v[k], want)
				}
			}
			// The MaxCompute settings as the trail has them, null when it has none.
			for k, api := range map[string]string{
				"max_compute_project_arn": remote.MaxComputeProjectArn, "max_compute_write_role_arn": remote.MaxComputeWriteRoleArn,
			} {
				var want any
				if api != "" {
					want = api
				}
				if v[k] != want {
					t.Errorf("%s = %v, want %v", k, v[k], want)
				}
			}
			d.must("destroy", "-auto-approve")
			if _, err := e.client.DescribeTrail(ctx, tc.region, name); !client.IsNotFound(err) {
				t.Errorf("after destroy, DescribeTrail says %v", err)
			}
		})
	}
}

// ptr is a pointer to a copy of v, for the optional fields of client.TrailParams and client.TrailStatus.
func ptr[T any](v T) *T { return &v }
