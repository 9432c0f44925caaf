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
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"bucket": tftypes.String, "role": tftypes.String}}
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
			cfg := tfsdk.Config{Schema: s, Raw: raw}
			var cv types.String
			cfg.GetAttribute(context.Background(), path.Root("role"), &cv)
			req := planmodifier.StringRequest{Path: path.Root("role"), Config: cfg, Plan: tfsdk.Plan{Schema: s, Raw: raw},
				ConfigValue: cv, PlanValue: tc.plan}
			resp := &planmodifier.StringResponse{PlanValue: tc.plan}
			NullWithout(path.Root("bucket")).PlanModifyString(context.Background(), req, resp)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			if !resp.PlanValue.Equal(tc.want) {
				t.Fatalf("planned %s, want %s", resp.PlanValue, tc.want)
			}
		})
	}
	// A destroy plans nothing.
	req := planmodifier.StringRequest{Path: path.Root("role"), Plan: tfsdk.Plan{Schema: s, Raw: tftypes.NewValue(typ, nil)},
		ConfigValue: types.StringNull(), PlanValue: types.StringNull()}
	resp := &planmodifier.StringResponse{PlanValue: types.StringValue("kept")}
	NullWithout(path.Root("bucket")).PlanModifyString(context.Background(), req, resp)
	if resp.PlanValue.ValueString() != "kept" {
		t.Fatalf("a destroy was modified: %s", resp.PlanValue)
	}
}
