package provider

import (
	"context"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

// planFor plans a trail about to be created, as the framework would: the region's plan modifiers
// (its default among them), then ModifyPlan.
func planFor(t *testing.T, r *trailResource, name string) diag.Diagnostics {
	t.Helper()
	ctx := context.Background()
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	s := sr.Schema
	m := trailModel{
		ID: types.StringUnknown(), Name: types.StringValue(name), Region: types.StringNull(),
		OssBucketName: types.StringValue(testBucket), OssKeyPrefix: types.StringNull(), RoleName: types.StringNull(),
		SlsProjectArn: types.StringNull(), SlsWriteRoleArn: types.StringUnknown(), OssWriteRoleArn: types.StringUnknown(),
		EventRW: types.StringValue("Write"), TrailRegion: types.StringValue("All"),
		IsOrganizationTrail: types.BoolValue(false), EnableLogging: types.BoolValue(true),
		HomeRegion: types.StringUnknown(), Status: types.StringUnknown(), TrailArn: types.StringUnknown(),
		CreateTime: types.StringUnknown(),
		Timeouts:   timeouts.Value{Object: types.ObjectNull(timeoutsAttrTypes)},
	}
	plan := tfsdk.Plan{Schema: s}
	if d := plan.Set(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	req := resource.ModifyPlanRequest{
		Config: tfsdk.Config{Schema: s, Raw: plan.Raw},
		Plan:   plan,
		State:  tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)},
	}
	regionReq := planmodifier.StringRequest{
		Path: path.Root("region"), Config: req.Config, Plan: plan, State: req.State,
		ConfigValue: m.Region, PlanValue: types.StringUnknown(), StateValue: types.StringNull(),
	}
	regionResp := planmodifier.StringResponse{PlanValue: regionReq.PlanValue}
	regionAttr, ok := s.Attributes["region"].(schema.StringAttribute)
	if !ok {
		t.Fatalf("region is a %T, want a string attribute", s.Attributes["region"])
	}
	for _, pm := range regionAttr.PlanModifiers {
		pm.PlanModifyString(ctx, regionReq, &regionResp)
	}
	if d := plan.SetAttribute(ctx, path.Root("region"), regionResp.PlanValue); d.HasError() {
		t.Fatal(d)
	}
	req.Plan = plan
	resp := resource.ModifyPlanResponse{Plan: plan}
	r.ModifyPlan(ctx, req, &resp)
	var region types.String
	resp.Plan.GetAttribute(ctx, path.Root("region"), &region)
	if region.ValueString() != r.data.region {
		t.Fatalf("planned region %s, want the provider's %s", region, r.data.region)
	}
	return resp.Diagnostics
}

func unitResource(t *testing.T, cfg emulator.Config) (*trailResource, *emulator.Server, *httptest.Server) {
	t.Helper()
	b := newTestBackend(t, cfg)
	c := b.client
	data := &providerData{client: c, region: testRegion, lookups: newTrailLookups(c),
		state: newStateTrails()}
	return &trailResource{data: data, configured: func() *providerData { return data }}, b.emu, b.srv
}

func TestModifyPlan_quotaWarning(t *testing.T) {
	r, emu, _ := unitResource(t, emulator.Config{MaxTrailsPerRegion: 10})
	for _, n := range []string{"trail-q-1", "trail-q-2", "trail-q-3", "trail-q-4"} {
		emu.PutTrail(testRegion, emulator.Trail{Name: n, OssBucketName: testBucket})
	}
	if d := planFor(t, r, "trail-q-new"); len(d) != 0 {
		t.Fatalf("4 of 5: no diagnostic expected, got %v", d)
	}
	emu.PutTrail(testRegion, emulator.Trail{Name: "trail-q-5", OssBucketName: testBucket})
	r.data.lookups = newTrailLookups(r.data.client) // a new plan
	d := planFor(t, r, "trail-q-new")
	if d.HasError() || d.WarningsCount() != 1 || !strings.Contains(d[0].Summary(), "MaximumNumberOfTrailsExceededException") {
		t.Fatalf("want one quota warning, got %v", d)
	}
	if ad, ok := d[0].(diag.DiagnosticWithPath); !ok || !ad.Path().Equal(path.Root("name")) {
		t.Fatalf("the warning should point at name: %v", d[0])
	}
}

func TestModifyPlan_quotaCountsThisPlansCreates(t *testing.T) {
	r, emu, _ := unitResource(t, emulator.Config{})
	emu.PutTrail(testRegion, emulator.Trail{Name: "trail-q-old", OssBucketName: testBucket})
	r.data.state.add(testRegion, "trail-q-old") // replaced in this plan: it adds nothing
	var warnings []string
	for _, n := range []string{"trail-q-old", "trail-q-1", "trail-q-2", "trail-q-3", "trail-q-4", "trail-q-5", "trail-q-4"} {
		d := planFor(t, r, n)
		if d.HasError() {
			t.Fatalf("%s: %v", n, d)
		}
		for _, w := range d.Warnings() {
			warnings = append(warnings, n+": "+w.Detail())
		}
	}
	// 1 existing + 5 new: only the fifth new one is beyond the quota, and planning a name twice
	// counts it once.
	if len(warnings) != 1 || !strings.HasPrefix(warnings[0], "trail-q-5: ") || !strings.Contains(warnings[0], "makes 6") {
		t.Fatalf("want one warning, on trail-q-5, got %q", warnings)
	}
}

func TestModifyPlan_replacementUnderTheSameNamePlans(t *testing.T) {
	r, emu, _ := unitResource(t, emulator.Config{})
	emu.PutTrail(testRegion, emulator.Trail{Name: "trail-mine", OssBucketName: testBucket})
	emu.PutTrail(testRegion, emulator.Trail{Name: "trail-theirs", OssBucketName: testBucket})
	// The state holds trail-mine (Terraform handed it over: UpgradeResourceState, a refresh, or a
	// plan with a prior state); the create half of its replacement plans cleanly.
	r.data.state.add(testRegion, "trail-mine")
	if d := planFor(t, r, "trail-mine"); len(d) != 0 {
		t.Fatalf("the replacement of a trail of the state should plan cleanly: %v", d)
	}
	d := planFor(t, r, "trail-theirs")
	if !d.HasError() || !strings.Contains(d[0].Summary(), "TrailAlreadyExistsException") {
		t.Fatalf("a trail the state does not hold is a conflict: %v", d)
	}
	detail := d[0].Detail()
	for _, want := range []string{"terraform import ADDRESS cn-hangzhou:trail-theirs", "to = ADDRESS", `id = "cn-hangzhou:trail-theirs"`, "shown above"} {
		if !strings.Contains(detail, want) {
			t.Errorf("the advice lacks %q:\n%s", want, detail)
		}
	}
	if strings.Contains(detail, "<") {
		t.Errorf("the advice must run as written in a shell (no <placeholder>):\n%s", detail)
	}
	// A trail of that name in another region is another trail.
	r.data.state.add("cn-shanghai", "trail-theirs")
	if d := planFor(t, r, "trail-theirs"); !d.HasError() {
		t.Fatalf("a trail of the state in another region does not make this one ours: %v", d)
	}
}

func TestServerNotesTheTrailsOfTheState(t *testing.T) {
	srv, ok := NewServer("test")().(*server)
	if !ok {
		t.Fatal("NewServer serves no *server")
	}
	for _, raw := range []string{
		`{"name":"trail-a","region":"cn-shanghai"}`,
		`{"name":"trail-b","region":null}`,
		`{"id":"x"}`, // no name: nothing to note
		`not json`,   // left to the framework to report
	} {
		_, _ = srv.UpgradeResourceState(context.Background(), &tfprotov6.UpgradeResourceStateRequest{
			TypeName: trailTypeName, Version: 0, RawState: &tfprotov6.RawState{JSON: []byte(raw)},
		})
	}
	_, _ = srv.UpgradeResourceState(context.Background(), &tfprotov6.UpgradeResourceStateRequest{
		TypeName: "actiontrail_other", RawState: &tfprotov6.RawState{JSON: []byte(`{"name":"trail-c","region":"cn-hangzhou"}`)},
	})
	for _, tc := range []struct {
		region, name string
		want         bool
	}{
		{"cn-shanghai", "trail-a", true}, {"cn-hangzhou", "trail-a", false},
		{"cn-hangzhou", "trail-b", true}, {"cn-hangzhou", "trail-c", false}, {"cn-hangzhou", "x", false},
	} {
		if got := srv.state.has(tc.region, tc.name); got != tc.want {
			t.Errorf("has(%s, %s) = %v, want %v", tc.region, tc.name, got, tc.want)
		}
	}
	// Every server has its own provider: what one walk learns never reaches another.
	if other, _ := NewServer("test")().(*server); other == nil || other.state == srv.state || other.state.has("cn-shanghai", "trail-a") {
		t.Fatal("two servers share their state trails")
	}
}

func TestModifyPlan_unreachableEndpointFailsThePlanOnce(t *testing.T) {
	r, _, srv := unitResource(t, emulator.Config{})
	srv.Close() // the API is unreachable
	var all diag.Diagnostics
	for _, n := range []string{"trail-offline-1", "trail-offline-2", "trail-offline-3"} {
		all.Append(planFor(t, r, n)...)
	}
	if all.ErrorsCount() != 1 || all.WarningsCount() != 0 || !strings.Contains(all[0].Summary(), "Unreachable") {
		t.Fatalf("want one error for the whole plan, got %v", all)
	}
	if d := all[0].Detail(); !strings.Contains(d, "did not reach the API") || strings.Contains(d, "Signature") || strings.Contains(d, "http://") {
		t.Fatalf("the error should say the request did not reach the API, without the URL: %s", d)
	}
}

func TestModifyPlan_lookupFailureOnlyWarns(t *testing.T) {
	r, emu, _ := unitResource(t, emulator.Config{})
	emu.SetFaults(emulator.Faults{Unavailable: 1, Actions: []string{"DescribeTrails"}})
	r.data.lookups.timeout = 300 * time.Millisecond
	var all diag.Diagnostics
	for _, n := range []string{"trail-busy-1", "trail-busy-2"} {
		all.Append(planFor(t, r, n)...)
	}
	if all.HasError() || all.WarningsCount() != 1 || !strings.Contains(all[0].Summary(), "Could Not Check") {
		t.Fatalf("want one warning and no error, got %v", all)
	}
}

func TestModifyPlan_oneLookupPerRegionPerPlan(t *testing.T) {
	r, emu, _ := unitResource(t, emulator.Config{Latency: 20 * time.Millisecond})
	emu.PutTrail(testRegion, emulator.Trail{Name: "trail-exists", OssBucketName: testBucket})
	var wg sync.WaitGroup
	results := make([]diag.Diagnostics, 10)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := "trail-new-" + string(rune('a'+i))
			if i == 0 {
				name = "trail-exists"
			}
			results[i] = planFor(t, r, name)
		}()
	}
	wg.Wait()
	if got := emu.Calls()["DescribeTrails"]; got != 1 {
		t.Fatalf("%d DescribeTrails for 10 planned creates in one region, want 1", got)
	}
	if !results[0].HasError() || !strings.Contains(results[0][0].Summary(), "TrailAlreadyExistsException") {
		t.Fatalf("the existing name should fail: %v", results[0])
	}
	// Free names plan without error; of 1 existing trail and 9 creates, the 5 creates beyond the
	// documented quota of 5 warn (which ones depends on the order the plans ran in).
	warned := 0
	for _, d := range results[1:] {
		if d.HasError() {
			t.Fatalf("free names should plan without error: %v", d)
		}
		warned += d.WarningsCount()
	}
	if warned != 5 {
		t.Fatalf("%d quota warnings, want 5", warned)
	}
}

func TestParseImportID(t *testing.T) {
	for _, tc := range []struct{ id, def, region, name string }{
		{"trail-test", "cn-hangzhou", "cn-hangzhou", "trail-test"},
		{"cn-shanghai:trail-test", "cn-hangzhou", "cn-shanghai", "trail-test"},
		{"ap-southeast-1:trail_x-1", "", "ap-southeast-1", "trail_x-1"},
	} {
		if region, name, err := parseImportID(tc.id, tc.def); err != nil || region != tc.region || name != tc.name {
			t.Errorf("parseImportID(%q) = %q, %q, %v", tc.id, region, name, err)
		}
	}
	// Refused, with an error that says why (want).
	for _, tc := range []struct{ id, def, want string }{
		{"trail-test", "", "names no region"},
		{"", "cn-hangzhou", "trail name"},
		{":", "cn-hangzhou", "region"},
		{"cn-hangzhou:", "cn-hangzhou", "trail name"},
		{"Trail-Test", "cn-hangzhou", "lowercase"},
		{"CN:trail-test", "cn-hangzhou", "region"},
		{"a:b:c", "cn-hangzhou", "3 parts"},
		{"cn-hangzhou:trail-test ", "cn-hangzhou", "trail name"},
		{"cn-hangzhou:trailé-01", "cn-hangzhou", "trail name"},
	} {
		if _, _, err := parseImportID(tc.id, tc.def); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("parseImportID(%q): want an error containing %q, got %v", tc.id, tc.want, err)
		}
	}
}

func FuzzParseImportID(f *testing.F) {
	for _, s := range []string{"trail-test", "cn-hangzhou:trail-test", "::", "a:b:c", "\xff", "cn-hangzhou:\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		region, name, err := parseImportID(id, "cn-hangzhou")
		if err == nil && (region == "" || name == "" || strings.Contains(name, ":")) {
			t.Fatalf("accepted %q as %q, %q", id, region, name)
		}
	})
}

func TestAddAPIErrorBlamesTheRightAttribute(t *testing.T) {
	for code, want := range map[string]string{
		client.CodeBucketDoesNotExist:       "oss_bucket_name",
		client.CodeInsufficientBucketPolicy: "oss_bucket_name",
		client.CodeInvalidPrefix:            "oss_key_prefix",
		client.CodeSlsProjectDoesNotExist:   "sls_project_arn",
		client.CodeTrailAlreadyExists:       "name",
		client.CodeMaximumNumberOfTrails:    "name",
		client.CodeInvalidDeliveryConfig:    "",
		"SignatureDoesNotMatch":             "",
		"SomethingNew":                      "",
	} {
		var d diag.Diagnostics
		addAPIError(&d, "create", "trail-x", &client.Error{Action: "CreateTrail", Region: "cn-hangzhou", Kind: client.KindAPI,
			Code: code, HTTPStatus: 400, RequestID: "REQ-1", Message: "msg"})
		if len(d) != 1 {
			t.Fatalf("%s: %v", code, d)
		}
		detail := d[0].Detail()
		if !strings.Contains(d[0].Summary(), code) || !strings.Contains(detail, "HTTP 400") || !strings.Contains(detail, "REQ-1") {
			t.Errorf("%s: summary %q detail %q", code, d[0].Summary(), detail)
		}
		wp, ok := d[0].(diag.DiagnosticWithPath)
		switch {
		case want == "" && ok:
			t.Errorf("%s: should blame the resource, blames %s", code, wp.Path())
		case want != "" && (!ok || !wp.Path().Equal(path.Root(want))):
			t.Errorf("%s: should blame %s", code, want)
		}
	}
}

func TestAddCreateErrorSaysAnUnconfirmedTrailMayExist(t *testing.T) {
	var d diag.Diagnostics
	last := &client.Error{Action: "DescribeTrails", Region: "cn-shanghai", Kind: client.KindAPI, Code: "InternalError",
		HTTPStatus: 500, RequestID: "REQ-9", Message: "The request processing has failed due to some unknown error."}
	addCreateError(&d, "trail-unsure", &client.UnconfirmedCreateError{Region: "cn-shanghai", Name: "trail-unsure", LostAnswers: 2, Err: last})
	if len(d) != 1 || !d.HasError() {
		t.Fatalf("want one error, got %v", d)
	}
	detail := d[0].Detail()
	for _, want := range []string{"may exist", "2 CreateTrail attempt(s)", "terraform import ADDRESS cn-shanghai:trail-unsure",
		`id = "cn-shanghai:trail-unsure"`, "InternalError", "HTTP 500", "REQ-9"} {
		if !strings.Contains(d[0].Summary()+detail, want) {
			t.Errorf("the diagnostic lacks %q:\n%s\n%s", want, d[0].Summary(), detail)
		}
	}
}
