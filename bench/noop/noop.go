// Package noop is the benchmark's plugin floor: a terraform-plugin-framework provider "benchnoop"
// whose resource benchnoop_trail has the schema of actiontrail_trail (same attributes, types,
// flags, defaults, plan modifiers and timeouts block; a test keeps the two equal) and does no work:
// Create and Update copy the plan to the state and fill the computed values, Read keeps the state,
// Delete forgets it. No API, no validators, no ModifyPlan.
//
// What Terraform, the plugin protocol and the framework cost for N resources of this schema is
// what benchnoop_trail costs; anything actiontrail_trail costs beyond that is the provider's own.
package noop

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Address is the registry address the benchmark serves the fixture under (with dev_overrides).
const Address = "registry.terraform.io/openactiontrail/benchnoop"

// Fill values for computed attributes, shaped like the emulator's answers.
const (
	defaultRegion = "cn-hangzhou"
	accountID     = "1234567890123456"
	createTime    = "2024-01-01T00:00:00Z"
)

// New returns the provider constructor, as providerserver wants it.
func New() provider.Provider { return &noopProvider{} }

type noopProvider struct{}

func (p *noopProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "benchnoop"
	resp.Version = "bench"
}

func (p *noopProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = pschema.Schema{Attributes: map[string]pschema.Attribute{
		"region": pschema.StringAttribute{Optional: true},
	}}
}

func (p *noopProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *noopProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{NewTrailResource}
}

func (p *noopProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// NewTrailResource returns benchnoop_trail.
func NewTrailResource() resource.Resource { return &trailResource{} }

type trailResource struct{}

type trailModel struct {
	ID                  types.String   `tfsdk:"id"`
	Name                types.String   `tfsdk:"name"`
	Region              types.String   `tfsdk:"region"`
	OssBucketName       types.String   `tfsdk:"oss_bucket_name"`
	OssKeyPrefix        types.String   `tfsdk:"oss_key_prefix"`
	RoleName            types.String   `tfsdk:"role_name"`
	SlsProjectArn       types.String   `tfsdk:"sls_project_arn"`
	SlsWriteRoleArn     types.String   `tfsdk:"sls_write_role_arn"`
	OssWriteRoleArn     types.String   `tfsdk:"oss_write_role_arn"`
	EventRW             types.String   `tfsdk:"event_rw"`
	TrailRegion         types.String   `tfsdk:"trail_region"`
	IsOrganizationTrail types.Bool     `tfsdk:"is_organization_trail"`
	EnableLogging       types.Bool     `tfsdk:"enable_logging"`
	HomeRegion          types.String   `tfsdk:"home_region"`
	Status              types.String   `tfsdk:"status"`
	TrailArn            types.String   `tfsdk:"trail_arn"`
	CreateTime          types.String   `tfsdk:"create_time"`
	Timeouts            timeouts.Value `tfsdk:"timeouts"`
}

func (r *trailResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_trail"
}

// Schema mirrors actiontrail_trail's schema without descriptions and validators.
func (r *trailResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	useState := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"id":                 schema.StringAttribute{Computed: true, PlanModifiers: useState},
			"name":               schema.StringAttribute{Required: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"region":             schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIfConfigured()}},
			"oss_bucket_name":    schema.StringAttribute{Optional: true},
			"oss_key_prefix":     schema.StringAttribute{Optional: true},
			"role_name":          schema.StringAttribute{Optional: true},
			"sls_project_arn":    schema.StringAttribute{Optional: true},
			"sls_write_role_arn": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: useState},
			"oss_write_role_arn": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: useState},
			"event_rw":           schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("Write")},
			"trail_region":       schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("All")},
			"is_organization_trail": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()}},
			"enable_logging": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true)},
			"home_region":    schema.StringAttribute{Computed: true, PlanModifiers: useState},
			"status":         schema.StringAttribute{Computed: true, PlanModifiers: useState},
			"trail_arn":      schema.StringAttribute{Computed: true, PlanModifiers: useState},
			"create_time":    schema.StringAttribute{Computed: true, PlanModifiers: useState},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

// fill sets the computed values the API would report.
func fill(m *trailModel) {
	if m.Region.IsUnknown() || m.Region.IsNull() {
		m.Region = types.StringValue(defaultRegion)
	}
	region := m.Region.ValueString()
	m.ID = m.Name
	for _, v := range []*types.String{&m.SlsWriteRoleArn, &m.OssWriteRoleArn} {
		if v.IsUnknown() {
			*v = types.StringNull()
		}
	}
	m.HomeRegion = types.StringValue(region)
	if m.EnableLogging.ValueBool() {
		m.Status = types.StringValue("Enable")
	} else if m.Status.IsUnknown() || m.Status.IsNull() {
		m.Status = types.StringValue("Fresh")
	} else {
		m.Status = types.StringValue("Disable")
	}
	m.TrailArn = types.StringValue("acs:actiontrail:" + region + ":" + accountID + ":trail/" + m.Name.ValueString())
	if m.CreateTime.IsUnknown() || m.CreateTime.IsNull() {
		m.CreateTime = types.StringValue(createTime)
	}
}

func (r *trailResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m trailModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	fill(&m)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Read keeps the state as it is (the framework pre-fills the response with it).
func (r *trailResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *trailResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m trailModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	fill(&m)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Delete does nothing; the framework removes the resource from the state.
func (r *trailResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
