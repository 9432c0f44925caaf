package planmodifiers

// The table tests of the plan modifiers, one a rule, and what they share: objectType and
// planString, which runs a string rule as the framework does.

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestDefaultFrom(t *testing.T) {
	present := tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})
	absent := tftypes.NewValue(tftypes.Object{}, nil) // a create's state, a destroy's plan
	unknown := types.StringUnknown()                  // what the framework plans for a computed attribute
	for _, tc := range []struct {
		name            string
		config, state   types.String
		plan, prior     tftypes.Value
		configured      bool // the provider is configured and its region is "cn-beijing"
		want            types.String
		requiresReplace bool
	}{
		{"create, unconfigured attribute: the default", types.StringNull(), types.StringNull(), present, absent, true, types.StringValue("cn-beijing"), false},
		{"create, configured attribute: left alone", types.StringValue("cn-shanghai"), types.StringNull(), present, absent, true, unknown, false},
		{"update, state holds the default: no replacement", types.StringNull(), types.StringValue("cn-beijing"), present, present, true, types.StringValue("cn-beijing"), false},
		{"update, the default changed: replacement", types.StringNull(), types.StringValue("cn-hangzhou"), present, present, true, types.StringValue("cn-beijing"), true},
		{"update, state records none: the default, no replacement", types.StringNull(), types.StringNull(), present, present, true, types.StringValue("cn-beijing"), false},
		{"update, configured attribute: left alone", types.StringValue("cn-hangzhou"), types.StringValue("cn-hangzhou"), present, present, true, unknown, false},
		{"provider not configured: left alone", types.StringNull(), types.StringValue("cn-hangzhou"), present, present, false, unknown, false},
		{"destroy: left alone", types.StringNull(), types.StringValue("cn-hangzhou"), absent, present, true, unknown, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := planmodifier.StringRequest{
				Path:        path.Root("region"),
				Plan:        tfsdk.Plan{Raw: tc.plan},
				State:       tfsdk.State{Raw: tc.prior},
				ConfigValue: tc.config, StateValue: tc.state, PlanValue: unknown,
			}
			resp := &planmodifier.StringResponse{PlanValue: unknown}
			value := func() (string, bool) { return "cn-beijing", tc.configured }
			DefaultFrom("the provider's region", value).PlanModifyString(context.Background(), req, resp)
			if !resp.PlanValue.Equal(tc.want) {
				t.Errorf("planned %s, want %s", resp.PlanValue, tc.want)
			}
			if resp.RequiresReplace != tc.requiresReplace {
				t.Errorf("RequiresReplace = %t, want %t", resp.RequiresReplace, tc.requiresReplace)
			}
		})
	}
}

func TestNullWithout(t *testing.T) {
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"bucket": schema.StringAttribute{Optional: true},
		"role":   schema.StringAttribute{Optional: true, Computed: true},
	}}
	typ := objectType(t, s)
	str := func(v any) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	for _, tc := range []struct {
		name         string
		bucket, role any // config values: nil is null, tftypes.UnknownValue is unknown
		plan         types.String
		want         types.String
	}{
		{"no bucket, no role: null", nil, nil, types.StringUnknown(), types.StringNull()},
		{"bucket set: the API's choice, unknown", "b", nil, types.StringUnknown(), types.StringUnknown()},
		{"bucket empty: not set, null", "", nil, types.StringUnknown(), types.StringNull()},
		{"bucket empty, value from the state: null", "", nil, types.StringValue("acs:ram::1:role/old"), types.StringNull()},
		{"bucket empty, role empty: left alone", "", "", types.StringValue(""), types.StringValue("")},
		{"bucket unknown: unknown", tftypes.UnknownValue, nil, types.StringUnknown(), types.StringUnknown()},
		{"role configured: left alone", nil, "acs:ram::1:role/r", types.StringValue("acs:ram::1:role/r"), types.StringValue("acs:ram::1:role/r")},
		{"role unknown in config: left alone", nil, tftypes.UnknownValue, types.StringUnknown(), types.StringUnknown()},
		{"target removed: null, not the state's", nil, nil, types.StringValue("acs:ram::1:role/old"), types.StringNull()},
		{"target set, value from the state: left alone", "b", nil, types.StringValue("acs:ram::1:role/old"), types.StringValue("acs:ram::1:role/old")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw := tftypes.NewValue(typ, map[string]tftypes.Value{"bucket": str(tc.bucket), "role": str(tc.role)})
			// The plan is the configuration; the modifier reads no state.
			got := planString(t, NullWithout(path.Root("bucket")), s, path.Root("role"), raw, raw, tftypes.NewValue(typ, nil), tc.plan)
			if !got.Equal(tc.want) {
				t.Fatalf("planned %s, want %s", got, tc.want)
			}
		})
	}
	// A destroy plans nothing.
	none := tftypes.NewValue(typ, nil)
	if got := planString(t, NullWithout(path.Root("bucket")), s, path.Root("role"), none, none, none, types.StringValue("kept")); got.ValueString() != "kept" {
		t.Fatalf("a destroy was modified: %s", got)
	}
}

func TestRefreshedOnly(t *testing.T) {
	s := schema.Schema{Attributes: map[string]schema.Attribute{"check": schema.BoolAttribute{Optional: true}}}
	typ := objectType(t, s)
	health := map[string]attr.Type{"is_logging": types.BoolType, "latest_delivery_time": types.StringType}
	read := types.ObjectValueMust(health, map[string]attr.Value{
		"is_logging": types.BoolValue(true), "latest_delivery_time": types.StringValue("2026-01-02T03:04:05Z"),
	})
	null, unknown := types.ObjectNull(health), types.ObjectUnknown(health)
	for _, tc := range []struct {
		name        string
		check       any // the plan's check: a bool, nil (null), tftypes.UnknownValue, or "destroy" (no plan)
		state, want types.Object
	}{
		{"create: null until the first refresh, not unknown", true, null, null},
		{"update: what the refresh read, not unknown", true, read, read},
		{"check turned off: null, as the next refresh makes it", false, read, null},
		{"check null (default not applied yet)", nil, read, null},
		{"check unknown", tftypes.UnknownValue, read, null},
		{"state unknown", true, unknown, null},
		{"destroy: left alone", "destroy", read, unknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw := tftypes.NewValue(typ, nil)
			if tc.check != "destroy" {
				raw = tftypes.NewValue(typ, map[string]tftypes.Value{"check": tftypes.NewValue(tftypes.Bool, tc.check)})
			}
			req := planmodifier.ObjectRequest{Path: path.Root("health"), Plan: tfsdk.Plan{Schema: s, Raw: raw}, StateValue: tc.state, PlanValue: unknown}
			resp := &planmodifier.ObjectResponse{PlanValue: unknown}
			RefreshedOnly(path.Root("check")).PlanModifyObject(t.Context(), req, resp)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			if !resp.PlanValue.Equal(tc.want) {
				t.Fatalf("planned %s, want %s", resp.PlanValue, tc.want)
			}
		})
	}
}

func TestUnknownWhenChanged(t *testing.T) {
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"enable_logging": schema.BoolAttribute{Optional: true, Computed: true},
		"status":         schema.StringAttribute{Computed: true},
	}}
	typ := objectType(t, s)
	obj := func(logging any) tftypes.Value {
		if logging == "none" {
			return tftypes.NewValue(typ, nil) // no object: a create's state, a destroy's plan
		}
		return tftypes.NewValue(typ, map[string]tftypes.Value{
			"enable_logging": tftypes.NewValue(tftypes.Bool, logging), "status": tftypes.NewValue(tftypes.String, "Enable"),
		})
	}
	prior := types.StringValue("Enable") // what UseStateForUnknown planned
	for _, tc := range []struct {
		name        string
		plan, state any // enable_logging: a bool, nil (null), tftypes.UnknownValue, or "none" (no object)
		want        types.String
	}{
		{"logging switched off: unknown", false, true, types.StringUnknown()},
		{"logging switched on: unknown", true, false, types.StringUnknown()},
		{"logging unchanged: the prior status", true, true, prior},
		{"logging unknown in the plan: unknown", tftypes.UnknownValue, true, types.StringUnknown()},
		{"logging null in both: the prior status", nil, nil, prior},
		{"create: left alone", true, "none", prior},
		{"destroy: left alone", "none", true, prior},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// status is computed only: never in the configuration, which the modifier does not read.
			got := planString(t, UnknownWhenChanged(path.Root("enable_logging")), s, path.Root("status"),
				obj("none"), obj(tc.plan), obj(tc.state), prior)
			if !got.Equal(tc.want) {
				t.Fatalf("planned %s, want %s", got, tc.want)
			}
		})
	}
}

// objectType is the type of the raw objects of s.
func objectType(t *testing.T, s schema.Schema) tftypes.Type {
	t.Helper()
	typ, ok := s.Type().TerraformType(context.Background()).(tftypes.Object)
	if !ok {
		t.Fatalf("schema type %T", s.Type())
	}
	return typ
}

// planString runs m on the string attribute at of a resource with schema s, as the framework does:
// config, plan and state are raw objects of s (a null object: no configuration, a destroy's plan, a
// create's state) and planned is the value planned so far. It fails the test on an error
// diagnostic and returns the value m planned.
func planString(t *testing.T, m planmodifier.String, s schema.Schema, at path.Path, config, plan, state tftypes.Value, planned types.String) types.String {
	t.Helper()
	ctx := context.Background()
	cfg := tfsdk.Config{Schema: s, Raw: config}
	var configValue types.String
	if diags := cfg.GetAttribute(ctx, at, &configValue); diags.HasError() {
		t.Fatal(diags)
	}
	req := planmodifier.StringRequest{
		Path: at, Config: cfg, ConfigValue: configValue, PlanValue: planned,
		Plan: tfsdk.Plan{Schema: s, Raw: plan}, State: tfsdk.State{Schema: s, Raw: state},
	}
	resp := &planmodifier.StringResponse{PlanValue: planned}
	m.PlanModifyString(ctx, req, resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	return resp.PlanValue
}
