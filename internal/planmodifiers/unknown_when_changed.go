package planmodifiers

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// UnknownWhenChanged plans a computed attribute as unknown ("known after apply") when the planned
// value of another attribute (from) differs from its value in the state: the trail's status
// follows enable_logging, so a logging switch changes it. Put it after UseStateForUnknown, whose
// prior value it replaces.
func UnknownWhenChanged(from path.Path) planmodifier.String {
	return unknownWhenChanged{
		description: description(fmt.Sprintf("Planned as unknown when %s changes.", from)),
		from:        from,
	}
}

type unknownWhenChanged struct {
	description
	from path.Path
}

func (m unknownWhenChanged) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return // destroy, or create: the value is unknown or configured already
	}
	var planned, prior types.Bool
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, m.from, &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, m.from, &prior)...)
	if !resp.Diagnostics.HasError() && !planned.Equal(prior) {
		resp.PlanValue = types.StringUnknown()
	}
}
