package planmodifiers

// The rules that follow another attribute of the plan, and what they are made of (follows):
// NullWithout, RefreshedOnly and UnknownWhenChanged.

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// follows is what a rule that follows another attribute of the plan (other) is made of: its
// description, which names other (format's %s), and other's path.
type follows struct {
	description
	other path.Path
}

func follow(format string, other path.Path) follows {
	return follows{description: description(fmt.Sprintf(format, other)), other: other}
}

// otherInPlan reads other from plan into target: false for a destroy (no plan) or when it cannot be
// read (diags say why).
func (f follows) otherInPlan(ctx context.Context, plan tfsdk.Plan, target any, diags *diag.Diagnostics) bool {
	if plan.Raw.IsNull() {
		return false
	}
	diags.Append(plan.GetAttribute(ctx, f.other, target)...)
	return !diags.HasError()
}

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
