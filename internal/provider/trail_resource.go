package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/planmodifiers"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/validators"
)

var (
	_ resource.ResourceWithConfigure      = &trailResource{}
	_ resource.ResourceWithImportState    = &trailResource{}
	_ resource.ResourceWithModifyPlan     = &trailResource{}
	_ resource.ResourceWithMoveState      = &trailResource{}
	_ resource.ResourceWithValidateConfig = &trailResource{}
)

// Default operation timeouts.
const (
	defaultCreateTimeout = 10 * time.Minute
	defaultUpdateTimeout = 10 * time.Minute
	defaultDeleteTimeout = 5 * time.Minute
	defaultReadTimeout   = 2 * time.Minute
	// readBackTimeout bounds the read that records a trail after a failure spent the operation's
	// own deadline.
	readBackTimeout = 30 * time.Second
)

// emptyIsUnsetDoc ends the description of an optional delivery setting.
const emptyIsUnsetDoc = "An empty string means not set (as modules for `alicloud_actiontrail_trail` pass it)."

// trailTypeName is the resource's type name.
const trailTypeName = "actiontrail_trail"

// NewTrailResource returns the actiontrail_trail resource outside a provider, for its schema (the
// benchmarks, the bench's floor): its region has no default. The provider makes its own, which
// reads the provider's settings (see actiontrailProvider.Resources).
func NewTrailResource() resource.Resource {
	return &trailResource{}
}

type trailResource struct {
	data *providerData
	// configured gives the schema's plan modifiers the provider's settings at plan time: the
	// framework builds the schema once, from a resource of its own that is never configured. Nil
	// for a resource made outside a provider (NewTrailResource).
	configured func() *providerData
}

// trailModel is the actiontrail_trail resource's state.
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

	MaxComputeProjectArn   types.String         `tfsdk:"max_compute_project_arn"`
	MaxComputeWriteRoleArn types.String         `tfsdk:"max_compute_write_role_arn"`
	CheckDelivery          types.Bool           `tfsdk:"check_delivery"`
	DeliveryStatus         *deliveryStatusModel `tfsdk:"delivery_status"` // never unknown: see planmodifiers.RefreshedOnly
}

// trailCodec reads and writes trailModel (see modelCodec).
var trailCodec = newModelCodec[trailModel]()

func (r *trailResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = trailTypeName
}

func (r *trailResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An ActionTrail trail: delivers the account's API events to an OSS bucket, an SLS " +
			"project and/or a MaxCompute project. Mirrors the `CreateTrail` request; trails are created switched off by the API, so the resource " +
			"starts logging unless `enable_logging` is false.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The trail's name (trail names are unique in a region).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "`Name`: the trail's name, unique in its region. " + validators.TrailNameRule +
					" Changing it replaces the trail.",
				Required:      true,
				Validators:    []validator.String{validators.TrailName()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "`RegionId`: the region the trail is created in (its home region). " +
					"Defaults to the provider's `region`. Changing it replaces the trail.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{validators.RegionID()},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.RequiresReplaceIfConfigured(),
					planmodifiers.DefaultFrom("the provider's region", r.providerRegion),
				},
			},
			"oss_bucket_name": schema.StringAttribute{
				MarkdownDescription: "`OssBucketName`: the OSS bucket the trail writes to. It must already exist and allow " +
					"ActionTrail to write. " + validators.BucketNameRule + " At least one of `oss_bucket_name`, " +
					"`sls_project_arn` and `max_compute_project_arn` is required. " + emptyIsUnsetDoc,
				Optional:   true,
				Validators: []validator.String{validators.BucketName()},
			},
			"oss_key_prefix": schema.StringAttribute{
				MarkdownDescription: "`OssKeyPrefix`: prefix of the files written to the bucket. " + validators.KeyPrefixRule +
					" An empty string (as in the API's own example) is kept as an empty string.",
				Optional:   true,
				Validators: []validator.String{validators.KeyPrefix()},
			},
			"role_name": schema.StringAttribute{
				MarkdownDescription: "`RoleName`: the RAM role ActionTrail assumes, e.g. `aliyunactiontraildefaultrole` " +
					"(API version 2017-12-04; the current version uses `oss_write_role_arn`). Sent as given and kept as " +
					"configured: the API does not report it back, so an import leaves it empty.",
				Optional:   true,
				Validators: []validator.String{validators.RoleName()},
			},
			"sls_project_arn": schema.StringAttribute{
				MarkdownDescription: "`SlsProjectArn`: the ARN of the Log Service (SLS) project the trail delivers to, " +
					"`acs:log:<region>:<account id>:project/<name>`. The project must exist. " + emptyIsUnsetDoc,
				Optional:   true,
				Validators: []validator.String{validators.SLSProjectARN()},
			},
			"sls_write_role_arn": writeRoleAttribute("`SlsWriteRoleArn`", "the SLS project", "sls_project_arn", ""),
			"oss_write_role_arn": writeRoleAttribute("`OssWriteRoleArn` (current API version)", "the bucket", "oss_bucket_name", ""),
			"event_rw": schema.StringAttribute{
				MarkdownDescription: "`EventRW` (current API version): which events the trail delivers: `Write`, `Read` or `All`.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(client.DefaultEventRW),
				Validators:          []validator.String{stringvalidator.OneOf("Write", "Read", "All")},
			},
			"trail_region": schema.StringAttribute{
				MarkdownDescription: "`TrailRegion` (current API version): the regions whose events the trail delivers: " +
					"`All` or one region ID.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(client.DefaultTrailRegion),
				Validators: []validator.String{stringvalidator.Any(stringvalidator.OneOf(client.DefaultTrailRegion), validators.RegionID())},
			},
			"is_organization_trail": schema.BoolAttribute{
				MarkdownDescription: "`IsOrganizationTrail` (current API version): deliver the events of every account " +
					"of the resource directory (one per organization). Changing it replaces the trail.",
				Optional:      true,
				Computed:      true,
				Default:       booldefault.StaticBool(false),
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"enable_logging": schema.BoolAttribute{
				MarkdownDescription: "Whether the trail delivers events. The API creates trails switched off (status " +
					"`Fresh`); true calls `StartLogging` after create, and changes call `StartLogging`/`StopLogging`.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
			},
			"home_region": schema.StringAttribute{
				MarkdownDescription: "`HomeRegion`: the region the trail lives in, as the API reports it.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "The trail's status: `Fresh` (created, never started), `Enable` or `Disable`.",
				Computed:            true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					planmodifiers.UnknownWhenChanged(path.Root("enable_logging")),
				},
			},
			"trail_arn": schema.StringAttribute{
				MarkdownDescription: "The trail's ARN, `acs:actiontrail:<region>:<account id>:trail/<name>`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"create_time": schema.StringAttribute{
				MarkdownDescription: "When the trail was created (ISO 8601, UTC).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"max_compute_project_arn": schema.StringAttribute{
				MarkdownDescription: "`MaxComputeProjectArn` (current API version): the ARN of the MaxCompute project the " +
					"trail delivers to, `acs:odps:<region>:<account id>:project/actiontrail_<name>`. The project must exist. " +
					validators.MaxComputeProjectARNRuleMarkdown + " " + emptyIsUnsetDoc,
				Optional:   true,
				Validators: []validator.String{validators.MaxComputeProjectARN()},
			},
			"max_compute_write_role_arn": writeRoleAttribute("`MaxComputeWriteRoleArn` (current API version)", "the MaxCompute project",
				"max_compute_project_arn", "; null when the trail has no MaxCompute project"),
			"check_delivery": schema.BoolAttribute{
				MarkdownDescription: "Read the trail's delivery health (`GetTrailStatus`) at every refresh into " +
					"`delivery_status`, and warn in `terraform plan` when a target is unavailable or its latest delivery " +
					"failed. It costs one more API call per refresh of a trail that is logging (none for a stopped trail, " +
					"none at create or update). Default: false.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"delivery_status": deliveryStatusAttribute(),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *trailResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataOf(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig holds the rules that span several attributes. It reads only the attributes the
// rules use: a whole-model Get reflects over every field, on every validation of every resource.
func (r *trailResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m trailModel
	for p, v := range map[string]*types.String{
		"oss_bucket_name": &m.OssBucketName, "sls_project_arn": &m.SlsProjectArn, "oss_key_prefix": &m.OssKeyPrefix,
		"oss_write_role_arn": &m.OssWriteRoleArn, "sls_write_role_arn": &m.SlsWriteRoleArn,
		"max_compute_project_arn": &m.MaxComputeProjectArn, "max_compute_write_role_arn": &m.MaxComputeWriteRoleArn,
	} {
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(p), v)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(validateDelivery(m)...)
}

// validateDelivery checks that the trail has somewhere to deliver and that each delivery
// setting comes with the target it belongs to. Unknown values never fail.
func validateDelivery(m trailModel) diag.Diagnostics {
	var diags diag.Diagnostics
	// "" is not set (the official provider's modules pass it for what they do not use).
	absent := func(v types.String) bool { return v.IsNull() || !v.IsUnknown() && v.ValueString() == "" }
	bucket, project, odps := m.OssBucketName, m.SlsProjectArn, m.MaxComputeProjectArn
	if absent(bucket) && absent(project) && absent(odps) {
		addNoDeliveryTarget(&diags)
	}
	needs := func(attr string, v types.String, target string, targetValue types.String) {
		if !absent(v) && absent(targetValue) {
			addMissingTarget(&diags, attr, target)
		}
	}
	needs("oss_key_prefix", m.OssKeyPrefix, "oss_bucket_name", bucket)
	needs("oss_write_role_arn", m.OssWriteRoleArn, "oss_bucket_name", bucket)
	needs("sls_write_role_arn", m.SlsWriteRoleArn, "sls_project_arn", project)
	needs("max_compute_write_role_arn", m.MaxComputeWriteRoleArn, "max_compute_project_arn", odps)
	return diags
}

// ModifyPlan checks, for trails about to be created, the region for a trail of the same name and
// for the trail quota, with one DescribeTrails per region shared by the whole plan. (The region's
// default, the provider's, is the plan modifier DefaultFrom of the region attribute.)
func (r *trailResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	// Only the attributes used here are read: a whole-model Get reflects over every field, and
	// this runs for every resource in every plan (three Gets per resource before).
	get := func(from interface {
		GetAttribute(context.Context, path.Path, any) diag.Diagnostics
	}, m *trailModel) {
		resp.Diagnostics.Append(from.GetAttribute(ctx, path.Root("name"), &m.Name)...)
		resp.Diagnostics.Append(from.GetAttribute(ctx, path.Root("region"), &m.Region)...)
	}
	var plan trailModel
	get(req.Plan, &plan)
	var state *trailModel
	if !req.State.Raw.IsNull() {
		state = &trailModel{}
		get(req.State, state)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if state != nil {
		r.data.state.add(r.regionOf(*state), state.Name.ValueString())
	}
	if r.data.regions != nil {
		// Regions the SDK's list lacks are asked of the API (once per plan); known ones cost nothing.
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("trail_region"), &plan.TrailRegion)...)
		if !plan.Region.IsUnknown() {
			r.data.regions.check(ctx, path.Root("region"), plan.Region.ValueString(), "region", &resp.Diagnostics)
		}
		if tr := plan.TrailRegion; !tr.IsUnknown() && !tr.IsNull() && tr.ValueString() != client.DefaultTrailRegion {
			r.data.regions.check(ctx, path.Root("trail_region"), tr.ValueString(), "trail_region", &resp.Diagnostics)
		}
		if resp.Diagnostics.HasError() {
			return
		}
	}

	creates := state == nil || !state.Name.Equal(plan.Name) || !state.Region.IsNull() && !state.Region.Equal(plan.Region)
	if !creates || plan.Name.IsUnknown() || plan.Region.IsUnknown() {
		return
	}
	r.checkCreate(ctx, plan.Region.ValueString(), plan.Name.ValueString(), &resp.Diagnostics)
}

// checkCreate looks, at plan time, for what would make CreateTrail fail: a trail of the name that
// this state does not manage, and a region whose quota this plan's creates exceed.
func (r *trailResource) checkCreate(ctx context.Context, region, name string, diags *diag.Diagnostics) {
	found := r.data.lookups.get(ctx, region)
	if found.err != nil {
		// Reported once per region, on the first create planned there: it is the same failure for
		// every resource.
		found.reportOnce.Do(func() { addLookupFailure(diags, region, name, found.err) })
		return
	}
	if found.has(name) {
		if r.data.state.has(region, name) {
			// The create half of a replacement (taint, -replace, a RequiresReplace attribute, a
			// trail tainted by an interrupted create): Terraform deletes the trail first.
			return
		}
		addTrailAlreadyExists(diags, region, name)
		return
	}
	if total, added := found.planCreate(name); added && total > documentedTrailQuota {
		addQuotaReached(diags, region, name, len(found.trails), total)
	}
}

func (r *trailResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, ctx, write, end, ok := r.beginWrite(ctx, true, req.Plan, timeouts.Value.Create, defaultCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer end()

	c, region, name := r.data.client, plan.Region.ValueString(), plan.Name.ValueString()
	params := createParams(plan)
	res, err := c.CreateTrail(ctx, region, params)
	if err != nil {
		addCreateError(&resp.Diagnostics, name, err)
		return
	}
	if res.Adopted != nil {
		addTrailAdopted(&resp.Diagnostics, region, name, res)
	}
	// From here on the trail exists: whatever fails, it goes into state so that Terraform knows it
	// (marked tainted on error) instead of leaving an orphan.
	plan.ID = types.StringValue(name)
	// StartLogging and the read-back run at the same time: everything the read reports but the
	// status is final once CreateTrail has answered, and the status follows from StartLogging's
	// answer. A create then takes two round trips, not three. (Each request is signed when it is
	// sent, with credentials the SDK renews well before they expire, so both carry valid ones.)
	started := make(chan error, 1)
	if plan.EnableLogging.ValueBool() {
		go func() { started <- c.StartLogging(ctx, region, name) }()
	} else {
		close(started)
	}
	t, err := readBack(ctx, c, region, name, write)
	startErr := <-started
	if startErr != nil || err != nil && ctx.Err() != nil {
		// Read again once StartLogging has settled: after its failure the read beside it may
		// predate what it did, and a deadline it spent cut that read short (readBack now takes a
		// deadline of its own).
		t, err = readBack(ctx, c, region, name, nil)
	}
	if startErr != nil {
		addAPIError(&resp.Diagnostics, "start logging for", name, startErr)
	} else if t != nil && plan.EnableLogging.ValueBool() {
		t.Status = client.StatusEnable
	}
	saveReadBack(ctx, &resp.State, &resp.Diagnostics, plan, t, err)
}

// writeRoleAttribute is the schema of a target's write role (sls_write_role_arn, ...): optional,
// and when not set the API's choice (the service-linked role) is read back; a trail without the
// target (needs) has none. param names the API's parameter; also ends the read-back sentence.
func writeRoleAttribute(param, target, needs, also string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: fmt.Sprintf("%s: the ARN of the RAM role ActionTrail assumes to write to %s, "+
			"`acs:ram::<account id>:role/<name>`. Needs `%s`. When not set, the API's choice (the service-linked role) is "+
			"read back%s. %s", param, target, needs, also, emptyIsUnsetDoc),
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{validators.RoleARN()},
		PlanModifiers: []planmodifier.String{
			planmodifiers.NullWithout(path.Root(needs)), stringplanmodifier.UseStateForUnknown(),
		},
	}
}

// providerRegion is the provider's region, once the provider is configured: the default of the
// region attribute.
func (r *trailResource) providerRegion() (string, bool) {
	if r.configured == nil {
		return "", false
	}
	d := r.configured()
	if d == nil {
		return "", false
	}
	return d.region, true
}

// regionOf is the region of a trail in state: its own, or the provider's for a state that records
// none (moved from alicloud_actiontrail_trail and not refreshed yet).
func (r *trailResource) regionOf(m trailModel) string {
	if m.Region.IsNull() || m.Region.IsUnknown() {
		return r.data.region
	}
	return m.Region.ValueString()
}

// saveReadBack saves a trail just written as its read-back found it. When the read failed, the
// trail still goes into state (with the error), as planned and its computed values null, so that
// Terraform keeps track of it.
func saveReadBack(ctx context.Context, st *tfsdk.State, diags *diag.Diagnostics, m trailModel, t *client.Trail, err error) {
	if err != nil {
		addAPIError(diags, "read back", m.Name.ValueString(), err)
		saveUnread(ctx, st, diags, m)
		return
	}
	flatten(t, &m)
	diags.Append(trailCodec.set(ctx, st, &m)...)
}

// operationTimeout reads an operation's timeout from the timeouts block: timeouts.Value.Create,
// .Read, ...
type operationTimeout func(timeouts.Value, context.Context, time.Duration) (time.Duration, diag.Diagnostics)

// begin starts an operation on a trail: it reads the trail from the plan or the state (from), and
// bounds ctx by the operation's timeout from the timeouts block, or def. False when that failed
// (the diagnostics say why).
func begin(ctx context.Context, from interface {
	Get(context.Context, any) diag.Diagnostics
}, timeout operationTimeout, def time.Duration, diags *diag.Diagnostics,
) (trailModel, context.Context, context.CancelFunc, bool) {
	m, gdiags := trailCodec.get(ctx, from)
	if diags.Append(gdiags...); diags.HasError() {
		return m, ctx, func() {}, false
	}
	d, tdiags := timeout(m.Timeouts, ctx, def)
	if diags.Append(tdiags...); diags.HasError() {
		return m, ctx, func() {}, false
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	return m, ctx, cancel, true
}

// beginWrite starts a create or an update: begin, from the plan. Until its read-back the write is
// in progress in the planned region (client.BeginCreate, client.BeginWrite), so that concurrent
// writes there share one read-back. end ends the write, then the operation's deadline. False when
// begin failed.
func (r *trailResource) beginWrite(ctx context.Context, create bool, plan tfsdk.Plan, timeout operationTimeout, def time.Duration,
	diags *diag.Diagnostics,
) (trailModel, context.Context, *client.Write, func(), bool) {
	m, ctx, cancel, ok := begin(ctx, plan, timeout, def, diags)
	if !ok {
		return m, ctx, nil, cancel, false
	}
	var write *client.Write
	if create {
		write = r.data.client.BeginCreate(m.Region.ValueString(), m.Name.ValueString())
	} else {
		write = r.data.client.BeginWrite(m.Region.ValueString())
	}
	return m, ctx, write, func() { write.End(); cancel() }, true
}

// saveUnread stores a trail that exists but could not be read, with its computed values null,
// so that Terraform keeps track of it.
func saveUnread(ctx context.Context, st *tfsdk.State, diags *diag.Diagnostics, m trailModel) {
	for _, v := range []*types.String{&m.HomeRegion, &m.Status, &m.TrailArn, &m.CreateTime, &m.OssWriteRoleArn, &m.SlsWriteRoleArn, &m.MaxComputeWriteRoleArn} {
		if v.IsUnknown() {
			*v = types.StringNull()
		}
	}
	diags.Append(trailCodec.set(ctx, st, &m)...)
}

func (r *trailResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ctx, cancel, ok := begin(ctx, req.State, timeouts.Value.Read, defaultReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	region, name := r.regionOf(state), state.Name.ValueString()
	state.Region = types.StringValue(region) // a state that recorded none takes the region read
	r.data.state.add(region, name)
	t, err := r.data.lookups.find(ctx, region, name)
	if client.IsNotFound(err) {
		addTrailGone(&resp.Diagnostics, region, name)
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "read", name, err)
		return
	}
	flatten(t, &state)
	r.refreshDeliveryStatus(ctx, region, t, &state, &resp.Diagnostics)
	resp.Diagnostics.Append(trailCodec.set(ctx, &resp.State, &state)...)
}

func (r *trailResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	state, diags := trailCodec.get(ctx, req.State)
	if resp.Diagnostics.Append(diags...); resp.Diagnostics.HasError() {
		return
	}
	plan, ctx, write, end, ok := r.beginWrite(ctx, false, req.Plan, timeouts.Value.Update, defaultUpdateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer end()

	c, region, name := r.data.client, plan.Region.ValueString(), plan.Name.ValueString()
	if settingsChanged(plan, state) {
		if err := c.UpdateTrail(ctx, region, updateParams(plan)); err != nil {
			addAPIError(&resp.Diagnostics, "update", name, err)
			return
		}
	}
	if !plan.EnableLogging.Equal(state.EnableLogging) {
		var err error
		if plan.EnableLogging.ValueBool() {
			err = c.StartLogging(ctx, region, name)
		} else {
			err = c.StopLogging(ctx, region, name)
		}
		if err != nil {
			// The settings did change: record what the API now holds before reporting. Should the
			// read-back fail too, the state keeps the logging as it was.
			addAPIError(&resp.Diagnostics, "switch logging for", name, err)
			plan.EnableLogging, plan.Status = state.EnableLogging, state.Status
		}
	}
	t, err := readBack(ctx, c, region, name, write)
	saveReadBack(ctx, &resp.State, &resp.Diagnostics, plan, t, err)
}

// readBack reads a trail just written. When a failure already spent the operation's deadline, it
// still gets a short one of its own: what the API now holds must reach the state.
func readBack(ctx context.Context, c *client.Client, region, name string, of *client.Write) (*client.Trail, error) {
	if ctx.Err() != nil {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), readBackTimeout)
		defer cancel()
	}
	return c.WaitTrail(ctx, region, name, of)
}

func (r *trailResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, ctx, cancel, ok := begin(ctx, req.State, timeouts.Value.Delete, defaultDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	if err := r.data.client.DeleteTrail(ctx, r.regionOf(state), state.Name.ValueString()); err != nil {
		addAPIError(&resp.Diagnostics, "delete", state.Name.ValueString(), err)
	}
}

// ImportState takes `name` (in the provider's region) or `region:name`.
func (r *trailResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	defaultRegion := ""
	if r.data != nil {
		defaultRegion = r.data.region
	}
	region, name, err := parseImportID(req.ID, defaultRegion)
	if err != nil {
		addInvalidImportID(&resp.Diagnostics, err)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("region"), region)...)
}

// parseImportID splits `name` or `region:name` and checks both parts against the API's rules.
func parseImportID(id, defaultRegion string) (region, name string, err error) {
	const want = `Expected "<name>" or "<region>:<name>", e.g. "cn-hangzhou:trail-test"`
	parts := strings.Split(id, ":")
	switch len(parts) {
	case 1:
		region, name = defaultRegion, parts[0]
	case 2:
		region, name = parts[0], parts[1]
		if p := validators.RegionProblem(region); p != "" {
			return "", "", fmt.Errorf("the region %q in the import ID %q is not valid: %s. %s", region, id, p, want)
		}
	default:
		return "", "", fmt.Errorf("the import ID %q has %d parts. %s", id, len(parts), want)
	}
	if p := validators.TrailNameProblem(name); p != "" {
		return "", "", fmt.Errorf("the trail name %q in the import ID %q is not valid: %s. %s", name, id, p, want)
	}
	if region == "" {
		return "", "", fmt.Errorf("the import ID %q names no region and the provider has none. %s", id, want)
	}
	return region, name, nil
}

// settingsChanged reports whether UpdateTrail is needed.
func settingsChanged(plan, state trailModel) bool {
	return !plan.OssBucketName.Equal(state.OssBucketName) || !plan.OssKeyPrefix.Equal(state.OssKeyPrefix) ||
		!plan.OssWriteRoleArn.Equal(state.OssWriteRoleArn) || !plan.SlsProjectArn.Equal(state.SlsProjectArn) ||
		!plan.SlsWriteRoleArn.Equal(state.SlsWriteRoleArn) || !plan.EventRW.Equal(state.EventRW) ||
		!plan.TrailRegion.Equal(state.TrailRegion) || !plan.RoleName.Equal(state.RoleName) ||
		!plan.MaxComputeProjectArn.Equal(state.MaxComputeProjectArn) || !plan.MaxComputeWriteRoleArn.Equal(state.MaxComputeWriteRoleArn)
}

// sendIfSet is the parameter of a setting sent only when set: nil (not sent) for a null or
// unknown value, else the value.
func sendIfSet(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	s := v.ValueString()
	return &s
}

// sendIfNotEmpty is sendIfSet for a delivery setting, where "" is not set either: not sent.
func sendIfNotEmpty(v types.String) *string {
	if p := sendIfSet(v); p != nil && *p != "" {
		return p
	}
	return nil
}

// sendOrClear is the parameter of a setting that UpdateTrail clears when sent empty: the value,
// or "" for null (sent: cleared); nil (not sent) only while unknown.
func sendOrClear(v types.String) *string {
	if v.IsUnknown() {
		return nil
	}
	s := v.ValueString()
	return &s
}

func createParams(m trailModel) client.TrailParams {
	org := m.IsOrganizationTrail.ValueBool()
	return client.TrailParams{
		Name:                m.Name.ValueString(),
		OssBucketName:       sendIfNotEmpty(m.OssBucketName),
		OssKeyPrefix:        sendIfSet(m.OssKeyPrefix),
		OssWriteRoleArn:     sendIfNotEmpty(m.OssWriteRoleArn),
		SlsProjectArn:       sendIfNotEmpty(m.SlsProjectArn),
		SlsWriteRoleArn:     sendIfNotEmpty(m.SlsWriteRoleArn),
		RoleName:            sendIfSet(m.RoleName),
		EventRW:             sendIfSet(m.EventRW),
		TrailRegion:         sendIfSet(m.TrailRegion),
		IsOrganizationTrail: &org,

		MaxComputeProjectArn:   sendIfNotEmpty(m.MaxComputeProjectArn),
		MaxComputeWriteRoleArn: sendIfNotEmpty(m.MaxComputeWriteRoleArn),
	}
}

// updateParams re-sends every setting: the bucket travels with its prefix and write role, and a
// setting removed from the configuration is sent empty, which clears it.
func updateParams(m trailModel) client.TrailParams {
	return client.TrailParams{
		Name:            m.Name.ValueString(),
		OssBucketName:   sendOrClear(m.OssBucketName),
		OssKeyPrefix:    sendOrClear(m.OssKeyPrefix),
		OssWriteRoleArn: sendOrClear(m.OssWriteRoleArn),
		SlsProjectArn:   sendOrClear(m.SlsProjectArn),
		SlsWriteRoleArn: sendOrClear(m.SlsWriteRoleArn),
		RoleName:        sendIfSet(m.RoleName),
		EventRW:         sendIfSet(m.EventRW),
		TrailRegion:     sendIfSet(m.TrailRegion),

		MaxComputeProjectArn:   sendOrClear(m.MaxComputeProjectArn),
		MaxComputeWriteRoleArn: sendOrClear(m.MaxComputeWriteRoleArn),
	}
}

// flatten copies what the API reports into m. An optional setting the API reports empty keeps
// the prior null-or-empty choice, so "" and null never flap.
func flatten(t *client.Trail, m *trailModel) {
	m.ID = types.StringValue(t.Name)
	m.Name = types.StringValue(t.Name)
	m.OssBucketName = fromAPIKeepingNull(t.OssBucketName, m.OssBucketName)
	m.OssKeyPrefix = fromAPIKeepingNull(t.OssKeyPrefix, m.OssKeyPrefix)
	m.SlsProjectArn = fromAPIKeepingNull(t.SlsProjectArn, m.SlsProjectArn)
	m.OssWriteRoleArn = fromAPIKeepingNull(t.OssWriteRoleArn, m.OssWriteRoleArn)
	m.SlsWriteRoleArn = fromAPIKeepingNull(t.SlsWriteRoleArn, m.SlsWriteRoleArn)
	m.MaxComputeProjectArn = fromAPIKeepingNull(t.MaxComputeProjectArn, m.MaxComputeProjectArn)
	m.MaxComputeWriteRoleArn = fromAPIKeepingNull(t.MaxComputeWriteRoleArn, m.MaxComputeWriteRoleArn)
	m.EventRW = types.StringValue(apiOrDefault(t.EventRW, client.DefaultEventRW))
	m.TrailRegion = types.StringValue(apiOrDefault(t.TrailRegion, client.DefaultTrailRegion))
	m.IsOrganizationTrail = types.BoolValue(t.IsOrganizationTrail)
	m.EnableLogging = types.BoolValue(t.Status == client.StatusEnable)
	m.Status = types.StringValue(t.Status)
	m.TrailArn = types.StringValue(t.TrailArn)
	m.CreateTime = types.StringValue(t.CreateTime)
	home := apiOrDefault(t.HomeRegion, m.Region.ValueString())
	m.HomeRegion = types.StringValue(home)
	if m.Region.IsNull() || m.Region.IsUnknown() {
		m.Region = types.StringValue(home)
	}
}

// fromAPIKeepingNull is a setting as the API reports it, but null where the API reports "" and
// the prior value was null (or unknown): an unset setting stays null, a setting set to "" stays "".
func fromAPIKeepingNull(api string, prior types.String) types.String {
	if api == "" && (prior.IsNull() || prior.IsUnknown()) {
		return types.StringNull()
	}
	return types.StringValue(api)
}

// apiOrDefault is what the API reports, or the API's default where it reports nothing.
func apiOrDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
