package planmodifiers

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

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
