package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/validators"
)

// A `moved` block from the official provider's trail (Terraform 1.8+):
//
//	moved {
//	  from = alicloud_actiontrail_trail.audit
//	  to   = actiontrail_trail.audit
//	}
//
// Terraform hands this resource the source object's state as the official provider stored it
// (JSON, schema version 0, the SDKv2 way: unset strings as "") and the source provider's
// address. The move keeps the trail: nothing is called, and the refresh of the same plan reads
// the trail back, filling what the official state does not hold (trail_arn, home_region,
// create_time in older states).

// officialTrailType is the official provider's trail resource type.
const officialTrailType = "alicloud_actiontrail_trail"

// officialProviders are the addresses the official provider is installed under: aliyun/alicloud,
// its older name hashicorp/alicloud (the same releases; configurations without required_providers
// still resolve "alicloud" to it), on the Terraform and the OpenTofu registries. OpenTofu (1.10)
// sends not the source provider's address but the provider name the resource type implies,
// "alicloud" (internal/tofu/upgrade_resource_state.go: prevAddr...ImpliedProvider()); the strict
// reading of the state below still refuses a state that is not the official resource's.
var officialProviders = []string{
	"registry.terraform.io/aliyun/alicloud",
	"registry.terraform.io/hashicorp/alicloud",
	"registry.opentofu.org/aliyun/alicloud",
	"registry.opentofu.org/hashicorp/alicloud",
	"alicloud",
}

// officialTrailAttrs is every attribute the official resource's state has held, v1.95 to today,
// and what the move does with it. An attribute not listed fails the move: a state this provider
// does not understand is never moved in part.
var officialTrailAttrs = map[string]string{
	"id":                         "the trail name",
	"trail_name":                 "name",
	"name":                       "name (deprecated in the official provider since v1.95)",
	"oss_bucket_name":            "oss_bucket_name",
	"oss_key_prefix":             "oss_key_prefix",
	"oss_write_role_arn":         "oss_write_role_arn",
	"sls_project_arn":            "sls_project_arn",
	"sls_write_role_arn":         "sls_write_role_arn",
	"role_name":                  "role_name",
	"event_rw":                   "event_rw",
	"trail_region":               "trail_region",
	"is_organization_trail":      "is_organization_trail",
	"status":                     "enable_logging (true for Enable) and status",
	"region_id":                  "region and home_region (the current official resource's home region)",
	"create_time":                "create_time",
	"timeouts":                   "timeouts (create, update, delete)",
	"mns_topic_arn":              "dropped: ignored by the official provider since v1.118 and not an API parameter",
	"max_compute_project_arn":    "max_compute_project_arn",
	"max_compute_write_role_arn": "max_compute_write_role_arn; dropped without max_compute_project_arn (the official provider records the service-linked role even then)",
	"event_selectors":            "dropped with a warning: the trail keeps its data event selectors, unmanaged",
	"data_event_trail_region":    "dropped with a warning: the trail keeps its data event selectors, unmanaged",
}

// officialTrail is the official resource's state. Pointers tell null from "".
type officialTrail struct {
	ID                     *string            `json:"id"`
	TrailName              *string            `json:"trail_name"`
	Name                   *string            `json:"name"`
	OssBucketName          *string            `json:"oss_bucket_name"`
	OssKeyPrefix           *string            `json:"oss_key_prefix"`
	OssWriteRoleArn        *string            `json:"oss_write_role_arn"`
	SlsProjectArn          *string            `json:"sls_project_arn"`
	SlsWriteRoleArn        *string            `json:"sls_write_role_arn"`
	RoleName               *string            `json:"role_name"`
	EventRW                *string            `json:"event_rw"`
	TrailRegion            *string            `json:"trail_region"`
	IsOrganizationTrail    *bool              `json:"is_organization_trail"`
	Status                 *string            `json:"status"`
	RegionID               *string            `json:"region_id"`
	CreateTime             *string            `json:"create_time"`
	Timeouts               map[string]*string `json:"timeouts"`
	MnsTopicArn            *string            `json:"mns_topic_arn"`
	MaxComputeProjectArn   *string            `json:"max_compute_project_arn"`
	MaxComputeWriteRoleArn *string            `json:"max_compute_write_role_arn"`
	EventSelectors         *string            `json:"event_selectors"`
	DataEventTrailRegion   *string            `json:"data_event_trail_region"`
}

// timeoutsAttrTypes is the object type of this resource's timeouts block.
var timeoutsAttrTypes = map[string]attr.Type{
	"create": types.StringType, "read": types.StringType, "update": types.StringType, "delete": types.StringType,
}

func (r *trailResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: r.moveFromOfficial}}
}

// moveFromOfficial takes the state of the official provider's alicloud_actiontrail_trail. Any
// other source is refused with an error saying what is supported, rather than left to the
// framework's generic one.
func (r *trailResource) moveFromOfficial(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	from := req.SourceTypeName + " of " + req.SourceProviderAddress
	if req.SourceTypeName != officialTrailType || !slices.Contains(officialProviders, req.SourceProviderAddress) {
		resp.Diagnostics.AddError("Unsupported Move Source",
			fmt.Sprintf("A moved block asks actiontrail_trail to take the state of %s. actiontrail_trail takes only the "+
				"state of %s of the official provider (%s). To manage a trail that another resource type holds, remove it "+
				"from that resource's state (a removed block, or terraform state rm) and import it here instead "+
				"(an import block with id \"<region>:<name>\").", from, officialTrailType, strings.Join(officialProviders, ", ")))
		return
	}
	if req.SourceSchemaVersion != 0 {
		resp.Diagnostics.AddError("Unsupported Source Schema Version",
			fmt.Sprintf("The state of %s has schema version %d; this provider knows version 0, the only one the official "+
				"provider has written (v1.95 to today). Nothing was moved. Import the trail instead (an import block with id "+
				"\"<region>:<name>\"), or report the version to this provider's maintainers.", from, req.SourceSchemaVersion))
		return
	}
	if req.SourceRawState == nil || len(req.SourceRawState.JSON) == 0 {
		resp.Diagnostics.AddError("Unreadable Source State",
			fmt.Sprintf("Terraform sent no JSON state for %s (flatmap states predate Terraform 0.12). Nothing was moved. "+
				"Refresh the state with the official provider first (terraform apply -refresh-only), then plan the move again.", from))
		return
	}
	src, err := parseOfficialTrail(req.SourceRawState.JSON)
	if err != nil {
		resp.Diagnostics.AddError("Unreadable Source State",
			fmt.Sprintf("The state of %s cannot be moved: %s. Nothing was moved: the trail stays in the state of the official "+
				"resource.", from, err))
		return
	}
	m, diags := src.trailModel()
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(trailCodec.set(ctx, &resp.TargetState, &m)...)
}

// parseOfficialTrail decodes the official resource's state, refusing attributes it does not know
// and values of the wrong type.
func parseOfficialTrail(raw []byte) (*officialTrail, error) {
	var attrs map[string]json.RawMessage
	if err := json.Unmarshal(raw, &attrs); err != nil {
		return nil, fmt.Errorf("it is not a JSON object: %v", err)
	}
	var unknown []string
	for k := range attrs {
		if _, ok := officialTrailAttrs[k]; !ok {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, fmt.Errorf("it has attributes this provider does not know (%s), perhaps from an official provider "+
			"newer than this one knows; moving the rest would lose them without a word", strings.Join(unknown, ", "))
	}
	var src officialTrail
	if err := json.Unmarshal(raw, &src); err != nil {
		return nil, fmt.Errorf("a value has an unexpected type: %v", err)
	}
	for k, v := range src.Timeouts {
		if k != "create" && k != "update" && k != "delete" {
			return nil, fmt.Errorf("timeouts has an attribute this provider does not know, %q", k)
		}
		if v != nil {
			if _, err := time.ParseDuration(*v); err != nil {
				return nil, fmt.Errorf("timeouts.%s is %q, not a duration: %v", k, *v, err)
			}
		}
	}
	return &src, nil
}

// trailModel maps the official state onto this resource's.
//
// The region: only the current official resource records it (region_id); older states do not,
// the official provider taking it from its own configuration. Terraform moves state before it
// configures any provider (MoveResourceState goes to an unconfigured instance), so this
// provider's region is not known here either. The region is then left null, and the refresh of
// the same plan, which runs with the provider configured, reads the trail in the provider's
// region (the client's default for an empty region) and records it (flatten fills a null region
// from the trail's home region). A trail that is not in the provider's region is then not found
// there: the plan warns "Trail Not Found" and proposes a create instead of a move (the guide says
// to configure the region first). With -refresh=false nothing fills the region, and the plan
// proposes a replacement: the guide says to plan the move with refresh.
func (src *officialTrail) trailModel() (trailModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	fail := func(summary, detail string) (trailModel, diag.Diagnostics) {
		diags.AddError(summary, detail+" Nothing was moved: the trail stays in the state of the official resource.")
		return trailModel{}, diags
	}

	name := ""
	for _, v := range []*string{src.TrailName, src.Name, src.ID} {
		switch s := officialValue(v); {
		case s == "":
		case name == "":
			name = s
		case s != name:
			return fail("Ambiguous Trail Name in the Source State", fmt.Sprintf("The state of %s names two trails: "+
				"trail_name, name and id hold %q, %q and %q. They must agree.", officialTrailType,
				officialValue(src.TrailName), officialValue(src.Name), officialValue(src.ID)))
		}
	}
	if name == "" {
		return fail("No Trail Name in the Source State", fmt.Sprintf("The state of %s has none of trail_name, name and id.",
			officialTrailType))
	}
	if p := validators.TrailNameProblem(name); p != "" {
		return fail("Invalid Trail Name in the Source State", fmt.Sprintf("The trail name %q of the state of %s is not "+
			"valid: %s. %s", name, officialTrailType, p, validators.TrailNameRule))
	}

	region := officialString(src.RegionID) // also the home region
	if p := validators.RegionIDProblem(region.ValueString()); !region.IsNull() && p != "" {
		return fail("Invalid Region in the Source State", fmt.Sprintf("The region_id %q of trail %q is not valid: %s.",
			region.ValueString(), name, p))
	}

	enable := false
	switch status := officialValue(src.Status); status {
	case client.StatusEnable:
		enable = true
	case client.StatusDisable, client.StatusFresh:
	case "":
		return fail("No Status in the Source State", fmt.Sprintf("The state of %s records no status for trail %q, so "+
			"it cannot tell whether the trail is logging (enable_logging). Refresh it with the official provider first "+
			"(terraform apply -refresh-only), then plan the move again.", officialTrailType, name))
	default:
		return fail("Unknown Status in the Source State", fmt.Sprintf("The state of %s records status %q for trail %q; "+
			"this provider knows %s, %s and %s.", officialTrailType, status, name,
			client.StatusEnable, client.StatusDisable, client.StatusFresh))
	}

	if officialValue(src.EventSelectors) != "" || officialValue(src.DataEventTrailRegion) != "" {
		diags.AddWarning("Data Event Selectors Not Moved", fmt.Sprintf("Trail %q has data event selectors "+
			"(event_selectors, data_event_trail_region) in the official resource's state. The move leaves them on the "+
			"trail as they are, but actiontrail_trail does not manage them: it will not show or change them, and a "+
			"replacement of the trail would not recreate them.", name))
	}

	odps, odpsRole := officialString(src.MaxComputeProjectArn), types.StringNull()
	if !odps.IsNull() {
		// Without a project the API reports no write role, and the role would plan a change to null.
		odpsRole = officialString(src.MaxComputeWriteRoleArn)
	}

	to, err := moveTimeouts(src.Timeouts)
	if err != nil {
		return fail("Unreadable Source State", err.Error())
	}
	status := types.StringValue(officialValue(src.Status))
	return trailModel{
		ID:                  types.StringValue(name),
		Name:                types.StringValue(name),
		Region:              region,
		OssBucketName:       officialString(src.OssBucketName),
		OssKeyPrefix:        officialString(src.OssKeyPrefix),
		RoleName:            officialString(src.RoleName),
		SlsProjectArn:       officialString(src.SlsProjectArn),
		SlsWriteRoleArn:     officialString(src.SlsWriteRoleArn),
		OssWriteRoleArn:     officialString(src.OssWriteRoleArn),
		EventRW:             officialString(src.EventRW),
		TrailRegion:         officialString(src.TrailRegion),
		IsOrganizationTrail: types.BoolValue(src.IsOrganizationTrail != nil && *src.IsOrganizationTrail),
		EnableLogging:       types.BoolValue(enable),
		HomeRegion:          region,
		Status:              status,
		TrailArn:            types.StringNull(),
		CreateTime:          officialString(src.CreateTime),
		Timeouts:            to,

		MaxComputeProjectArn:   odps,
		MaxComputeWriteRoleArn: odpsRole,
		// The official resource has no delivery check; Read makes a null check_delivery false (an
		// import's), so the move does too and the plan after it is empty. delivery_status stays null
		// (nil) until a refresh with check_delivery = true reads it.
		CheckDelivery: types.BoolValue(false),
	}, diags
}

// moveTimeouts carries the official resource's timeouts over (it has no read timeout), so that
// a timeouts block copied along with the configuration plans no change.
func moveTimeouts(src map[string]*string) (timeouts.Value, error) {
	if src == nil {
		return timeouts.Value{Object: types.ObjectNull(timeoutsAttrTypes)}, nil
	}
	vals := map[string]attr.Value{"read": types.StringNull()}
	for _, k := range []string{"create", "update", "delete"} {
		vals[k] = officialString(src[k])
	}
	obj, diags := types.ObjectValue(timeoutsAttrTypes, vals)
	if diags.HasError() {
		return timeouts.Value{}, fmt.Errorf("timeouts cannot be converted: %v", diags)
	}
	return timeouts.Value{Object: obj}, nil
}

// officialValue is *p, or "" for nil.
func officialValue(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// officialString is the string of the official state, null when unset: the official provider (SDKv2)
// stores an unset string as "", so "" moves as not set.
func officialString(p *string) types.String {
	if p == nil || *p == "" {
		return types.StringNull()
	}
	return types.StringValue(*p)
}
