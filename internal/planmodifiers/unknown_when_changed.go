package planmodifiers

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// UnknownWhenChanged plans a computed attribute as unknown ("known after apply") when the planned
// value of another attribute (from) differs from its value in the state: the trail's status
// follows enable_logging, so a logging switch changes it. Put it after UseStateForUnknown, whose
// prior value it replaces.
func UnknownWhenChanged(from path.Path) planmodifier.String {
	return unknownWhenChanged{follow("Planned as unknown when %s changes.", from)}
}

type unknownWhenChanged struct{ follows }

func (m unknownWhenChanged) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() {
		return // create: the value is unknown or configured already
	}
	var planned, prior types.Bool
	if !m.otherInPlan(ctx, req.Plan, &planned, &resp.Diagnostics) {
		return // destroy, or unreadable
	}
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, m.other, &prior)...)
	if !resp.Diagnostics.HasError() && !planned.Equal(prior) {
		resp.PlanValue = types.StringUnknown()
	}
}
