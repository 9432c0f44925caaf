package planmodifiers

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// RefreshedOnly plans a computed object that only a refresh reads (the trail's delivery_status)
// as the state holds it, so that neither a create (null: not read yet) nor an update (the
// refreshed value) changes it, and a plan never shows it as changing of itself. While the bool
// attribute that asks for it (enabledBy: check_delivery) is not true (or not known yet), it is
// null, as the refresh makes it.
func RefreshedOnly(enabledBy path.Path) planmodifier.Object {
	return refreshedOnly{follow("Keeps the value read at the last refresh; null when %s is not true.", enabledBy)}
}

type refreshedOnly struct{ follows }

func (m refreshedOnly) PlanModifyObject(ctx context.Context, req planmodifier.ObjectRequest, resp *planmodifier.ObjectResponse) {
	var enabled types.Bool
	if !m.otherInPlan(ctx, req.Plan, &enabled, &resp.Diagnostics) {
		return // destroy, or unreadable
	}
	if req.StateValue.IsNull() || req.StateValue.IsUnknown() || !enabled.ValueBool() {
		resp.PlanValue = types.ObjectNull(req.PlanValue.AttributeTypes(ctx))
		return
	}
	resp.PlanValue = req.StateValue
}
