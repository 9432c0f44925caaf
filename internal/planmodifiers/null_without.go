package planmodifiers

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// NullWithout plans a computed attribute as null, not unknown, when the configuration sets neither
// it nor the attribute it belongs to (target): a write role with no bucket or project to write to
// is never set by the API, and the plan should say so rather than show "(known after apply)".
// Put it before UseStateForUnknown, which then leaves the null alone.
func NullWithout(target path.Path) planmodifier.String {
	return nullWithout{follow("Planned as null when neither this attribute nor %s is configured.", target)}
}

type nullWithout struct{ follows }

func (m nullWithout) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() {
		return // configured (known or not): the configuration decides
	}
	var target types.String
	// A target configured as "" is not set either (the official provider's modules pass "").
	if m.otherInPlan(ctx, req.Plan, &target, &resp.Diagnostics) && (target.IsNull() || !target.IsUnknown() && target.ValueString() == "") {
		// Also over a value from the state: with its target gone, the API reports no role.
		resp.PlanValue = types.StringNull()
	}
}
