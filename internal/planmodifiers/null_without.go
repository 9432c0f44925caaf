package planmodifiers

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// NullWithout plans a computed attribute as null, not unknown, when the configuration sets neither
// it nor the attribute it belongs to (target): a write role with no bucket or project to write to
// is never set by the API, and the plan should say so rather than show "(known after apply)".
// Put it before UseStateForUnknown, which then leaves the null alone.
func NullWithout(target path.Path) planmodifier.String {
	return nullWithout{
		description: description(fmt.Sprintf("Planned as null when neither this attribute nor %s is configured.", target)),
		target:      target,
	}
}

type nullWithout struct {
	description
	target path.Path
}

func (m nullWithout) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.Plan.Raw.IsNull() || !req.ConfigValue.IsNull() {
		return // destroy, or configured (known or not): the configuration decides
	}
	var target types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, m.target, &target)...)
	// A target configured as "" is not set either (the official provider's modules pass "").
	if !resp.Diagnostics.HasError() && (target.IsNull() || !target.IsUnknown() && target.ValueString() == "") {
		// Also over a value from the state: with its target gone, the API reports no role.
		resp.PlanValue = types.StringNull()
	}
}
