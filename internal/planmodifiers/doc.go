// Package planmodifiers holds the resource's plan rules that act on one attribute, each with its
// own table test (in planmodifiers_test.go), as terraform-provider-random keeps them. The rules
// that need the whole plan (the plan-time lookup of a region's trails) stay in the resource's
// ModifyPlan.
package planmodifiers

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// description gives a plan modifier its Description and MarkdownDescription, one plain text for both.
type description string

func (d description) Description(context.Context) string { return string(d) }

func (d description) MarkdownDescription(context.Context) string { return string(d) }

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
