package provider

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/validators"
)

// regionListEndpoint is the region whose endpoint answers DescribeRegions: the endpoint of a
// region that does not exist does not resolve, so the region being checked cannot be asked.
const regionListEndpoint = "cn-hangzhou"

// regionCheckTimeout bounds the DescribeRegions call (retries included).
const regionCheckTimeout = 10 * time.Second

// regionCheck asks the API, once per provider configuration, for the regions it serves, and only
// for regions the SDK's list (validators.KnownRegion) does not have: a known region costs no call.
type regionCheck struct {
	client *client.Client
	once   sync.Once
	ids    []string
	err    error
}

func newRegionCheck(c *client.Client) *regionCheck { return &regionCheck{client: c} }

// check adds an error on attr when region is neither in the SDK's list nor among the regions the
// API lists; what names it in the message ("the provider's region", "trail_region"). A failed
// DescribeRegions only warns: the region may well exist.
func (r *regionCheck) check(ctx context.Context, attr path.Path, region, what string, diags *diag.Diagnostics) {
	if r == nil || region == "" || validators.KnownRegion(region) {
		return
	}
	r.once.Do(func() {
		ctx, cancel := context.WithTimeout(ctx, regionCheckTimeout)
		defer cancel()
		r.ids, r.err = r.client.DescribeRegions(ctx, regionListEndpoint)
	})
	switch {
	case r.err != nil:
		addRegionUncheckable(diags, attr, region, what, r.err)
	case !slices.Contains(r.ids, region):
		addUnknownRegion(diags, attr, region, what, r.ids)
	}
}
