package planmodifiers

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
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
