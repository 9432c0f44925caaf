package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/planmodifiers"
)

// Delivery health and the MaxCompute write role: the parts of actiontrail_trail that are read or
// planned apart from the trail's settings.
//
// Cost. GetTrailStatus is one more call per trail, and a refresh already costs one DescribeTrails
// per trail. The health is therefore read only where it can say something and someone asked:
//   - only with check_delivery = true (default false): 0 extra calls otherwise;
//   - only in Read (refresh, import), never in Create or Update: a trail just written has not
//     delivered yet, and the next plan's refresh reads it;
//   - only for a trail that is logging (Status Enable, known from the same refresh's DescribeTrails):
//     a stopped or never-started trail delivers nothing, so there is nothing to warn about.
//
// So a refreshed trail costs 1 call (DescribeTrails), or 2 (and GetTrailStatus) when it checks its
// delivery and is logging.

// deliveryStatusModel is delivery_status: GetTrailStatus as of the last refresh.
type deliveryStatusModel struct {
	IsLogging              types.Bool   `tfsdk:"is_logging"`
	OssLatestDeliveryTime  types.String `tfsdk:"oss_latest_delivery_time"`
	OssLatestDeliveryError types.String `tfsdk:"oss_latest_delivery_error"`
	OssBucketAvailable     types.Bool   `tfsdk:"oss_bucket_available"`
	SlsLatestDeliveryTime  types.String `tfsdk:"sls_latest_delivery_time"`
	SlsLatestDeliveryError types.String `tfsdk:"sls_latest_delivery_error"`
	SlsLogstoreAvailable   types.Bool   `tfsdk:"sls_logstore_available"`
}

// deliveryStatusAttribute is the schema of delivery_status.
func deliveryStatusAttribute() schema.SingleNestedAttribute {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	boolean := func(desc string) schema.BoolAttribute {
		return schema.BoolAttribute{MarkdownDescription: desc, Computed: true}
	}
	return schema.SingleNestedAttribute{
		MarkdownDescription: "The trail's delivery health as `GetTrailStatus` reported it at the last refresh, when " +
			"`check_delivery` is true and the trail is logging; null otherwise, and until the first refresh after the " +
			"trail is created. It changes outside Terraform and never causes a diff. When a target is unavailable or its " +
			"latest delivery failed, the refresh (and so `terraform plan`) shows a warning on that target's attribute. " +
			"`GetTrailStatus` reports nothing about MaxCompute deliveries.",
		Computed:      true,
		PlanModifiers: []planmodifier.Object{planmodifiers.RefreshedOnly(path.Root("check_delivery"))},
		Attributes: map[string]schema.Attribute{
			"is_logging": boolean("`IsLogging`: whether the trail is logging."),
			"oss_latest_delivery_time": str("`LatestDeliveryTime`: when events were last delivered to the OSS bucket " +
				"(ISO 8601, UTC); null when never."),
			"oss_latest_delivery_error": str("`LatestDeliveryError`: the error of the latest failed delivery to the OSS " +
				"bucket, as the API words it; null when there is none."),
			"oss_bucket_available": boolean("`OssBucketStatus`: whether the OSS bucket is available to ActionTrail; null " +
				"when the trail has no bucket."),
			"sls_latest_delivery_time": str("`LatestDeliveryLogServiceTime`: when events were last delivered to the SLS " +
				"logstore (ISO 8601, UTC); null when never."),
			"sls_latest_delivery_error": str("`LatestDeliveryLogServiceError`: the error of the latest failed delivery to " +
				"the SLS logstore, as the API words it; null when there is none."),
			"sls_logstore_available": boolean("`SlsLogStoreStatus`: whether the SLS logstore is available to " +
				"ActionTrail; null when the trail has no SLS project."),
		},
	}
}

// refreshDeliveryStatus sets m's delivery_status from GetTrailStatus when m asks for it and the trail t
// is logging, warning about each failing target; otherwise it makes it null without a call. A failed
// call only warns: the health is an addition to the refresh, which must not fail because of it.
func (r *trailResource) refreshDeliveryStatus(ctx context.Context, region string, t *client.Trail, m *trailModel, diags *diag.Diagnostics) {
	m.DeliveryStatus = nil
	if m.CheckDelivery.IsNull() || m.CheckDelivery.IsUnknown() { // imported, or a state from before the attribute
		m.CheckDelivery = types.BoolValue(false)
	}
	if !m.CheckDelivery.ValueBool() || t.Status != client.StatusEnable {
		return
	}
	st, err := r.data.client.GetTrailStatus(ctx, region, t.Name, t.IsOrganizationTrail)
	if err != nil {
		var d diag.Diagnostics
		addAPIError(&d, "read the delivery health of", t.Name, err)
		detail := err.Error()
		if len(d) > 0 {
			detail = d[0].Detail()
		}
		addDeliveryUncheckable(diags, detail)
		return
	}
	m.DeliveryStatus = flattenDeliveryStatus(st, t)
	warnDelivery(diags, region, t, st)
}

// flattenDeliveryStatus turns a GetTrailStatus answer into delivery_status: "" (never, none) is null,
// and the availability of a target the trail does not have is null (the API reports false there).
func flattenDeliveryStatus(st *client.TrailStatus, t *client.Trail) *deliveryStatusModel {
	str := func(s string) types.String {
		if s == "" {
			return types.StringNull()
		}
		return types.StringValue(s)
	}
	available := func(has bool, ok bool) types.Bool {
		if !has {
			return types.BoolNull()
		}
		return types.BoolValue(ok)
	}
	return &deliveryStatusModel{
		IsLogging:              types.BoolValue(st.IsLogging),
		OssLatestDeliveryTime:  str(st.LatestDeliveryTime),
		OssLatestDeliveryError: str(st.LatestDeliveryError),
		OssBucketAvailable:     available(t.OssBucketName != "", st.OssBucketStatus),
		SlsLatestDeliveryTime:  str(st.LatestDeliveryLogServiceTime),
		SlsLatestDeliveryError: str(st.LatestDeliveryLogServiceError),
		SlsLogstoreAvailable:   available(t.SlsProjectArn != "", st.SlsLogStoreStatus),
	}
}
