package planmodifiers

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

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
