// Package planmodifiers holds the resource's plan rules that act on one attribute, each with its
// own table test (in planmodifiers_test.go), as terraform-provider-random keeps them. The rules
// that need the whole plan (the plan-time lookup of a region's trails) stay in the resource's
// ModifyPlan.
package planmodifiers

import (
	"context"
)

// description gives a plan modifier its Description and MarkdownDescription, one plain text for both.
type description string

func (d description) Description(context.Context) string { return string(d) }

func (d description) MarkdownDescription(context.Context) string { return string(d) }
