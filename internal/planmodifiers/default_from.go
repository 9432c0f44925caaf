package planmodifiers

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// DefaultFrom plans an unconfigured attribute as the value that value gives when the plan is made
// (the provider's region, which no static default can name), and replaces the resource when that
// differs from the value its state records. A state that records none (null: a state moved from
// another resource type and not refreshed yet) takes the value without a replacement. While value
// gives false (the provider is not configured: its settings are unknown), the plan is left as the
// framework made it. of names the value in the description.
func DefaultFrom(of string, value func() (string, bool)) planmodifier.String {
	return defaultFrom{description: description("Defaults to " + of + "; a change of it replaces the resource."), value: value}
}

type defaultFrom struct {
	description
	value func() (string, bool)
}

func (m defaultFrom) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.Plan.Raw.IsNull() || !req.ConfigValue.IsNull() {
		return // destroy, or a configured value
	}
	v, ok := m.value()
	if !ok {
		return
	}
	resp.PlanValue = types.StringValue(v)
	if !req.State.Raw.IsNull() && !req.StateValue.IsNull() && !req.StateValue.Equal(resp.PlanValue) {
		resp.RequiresReplace = true
	}
}
