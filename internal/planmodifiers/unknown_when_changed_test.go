package planmodifiers

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

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
