package provider

import (
	"cmp"
	"context"
	"regexp"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/validators"
)

var (
	_ datasource.DataSourceWithConfigure = &trailsDataSource{}
	_ validator.String                   = goRegexpValidator{}
)

// NewTrailsDataSource returns the actiontrail_trails data source.
func NewTrailsDataSource() datasource.DataSource {
	return &trailsDataSource{}
}

type trailsDataSource struct {
	data *providerData
}

// trailsDataSourceModel is the actiontrail_trails data source's configuration and result.
type trailsDataSourceModel struct {
	Region                   types.String     `tfsdk:"region"`
	NameRegex                types.String     `tfsdk:"name_regex"`
	IncludeShadowTrails      types.Bool       `tfsdk:"include_shadow_trails"`
	IncludeOrganizationTrail types.Bool       `tfsdk:"include_organization_trail"`
	Status                   types.String     `tfsdk:"status"`
	Names                    []string         `tfsdk:"names"`
	IDs                      []string         `tfsdk:"ids"`
	Trails                   []trailItemModel `tfsdk:"trails"`
}

// trailItemModel is one trail of the result, as DescribeTrails reports it.
type trailItemModel struct {
	ID                  string `tfsdk:"id"`
	Name                string `tfsdk:"name"`
	HomeRegion          string `tfsdk:"home_region"`
	Region              string `tfsdk:"region"`
	Status              string `tfsdk:"status"`
	EnableLogging       bool   `tfsdk:"enable_logging"`
	EventRW             string `tfsdk:"event_rw"`
	TrailRegion         string `tfsdk:"trail_region"`
	OssBucketName       string `tfsdk:"oss_bucket_name"`
	OssKeyPrefix        string `tfsdk:"oss_key_prefix"`
	OssBucketLocation   string `tfsdk:"oss_bucket_location"`
	OssWriteRoleArn     string `tfsdk:"oss_write_role_arn"`
	SlsProjectArn       string `tfsdk:"sls_project_arn"`
	SlsWriteRoleArn     string `tfsdk:"sls_write_role_arn"`
	IsOrganizationTrail bool   `tfsdk:"is_organization_trail"`
	OrganizationID      string `tfsdk:"organization_id"`
	IsShadowTrail       bool   `tfsdk:"is_shadow_trail"`
	TrailArn            string `tfsdk:"trail_arn"`
	CreateTime          string `tfsdk:"create_time"`
	UpdateTime          string `tfsdk:"update_time"`
	StartLoggingTime    string `tfsdk:"start_logging_time"`
	StopLoggingTime     string `tfsdk:"stop_logging_time"`

	MaxComputeProjectArn   string `tfsdk:"max_compute_project_arn"`
	MaxComputeWriteRoleArn string `tfsdk:"max_compute_write_role_arn"`
}

func (d *trailsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_trails"
}

func (d *trailsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the trails of a region with one `DescribeTrails` call, optionally filtered by name " +
			"and status. Trails are sorted by name, then home region.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				MarkdownDescription: "The region whose trails are listed (`RegionId` of `DescribeTrails`). Defaults to the " +
					"provider's `region`.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{validators.RegionID()},
			},
			"name_regex": schema.StringAttribute{
				MarkdownDescription: "Keep only the trails whose name matches this regular expression " +
					"([Go RE2 syntax](https://pkg.go.dev/regexp/syntax), unanchored: use `^` and `$` to match the whole " +
					"name). An invalid expression is reported by `terraform validate`.",
				Optional:   true,
				Validators: []validator.String{goRegexpValidator{}},
			},
			"include_shadow_trails": schema.BoolAttribute{
				MarkdownDescription: "`IncludeShadowTrails`: also list the trails of other regions that record this " +
					"region's events (their `trail_region` is `All` or this region); they have `is_shadow_trail` set. " +
					"Default: false.",
				Optional: true,
			},
			"include_organization_trail": schema.BoolAttribute{
				MarkdownDescription: "`IncludeOrganizationTrail`: also list the organization (multi-account) trail of the " +
					"resource directory the account belongs to. Default: false.",
				Optional: true,
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Keep only the trails with this status: `Fresh` (created, never started), `Enable` " +
					"(logging) or `Disable` (stopped).",
				Optional: true,
				Validators: []validator.String{
					stringvalidator.OneOf(client.StatusFresh, client.StatusEnable, client.StatusDisable),
				},
			},
			"names": schema.ListAttribute{
				MarkdownDescription: "The names of the trails found, in the order of `trails`.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"ids": schema.ListAttribute{
				MarkdownDescription: "The import ID of each trail found, `<home region>:<name>`, in the order of `trails`: " +
					"what `terraform import` and `import` blocks of `actiontrail_trail` accept.",
				ElementType: types.StringType,
				Computed:    true,
			},
			"trails": schema.ListNestedAttribute{
				MarkdownDescription: "The trails found, as `DescribeTrails` reports them. A value the API does not report " +
					"(e.g. `sls_project_arn` of a trail that delivers to OSS only, `start_logging_time` of a trail never " +
					"started) is an empty string.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id":          computed("The import ID, `<home region>:<name>`."),
						"name":        computed("`Name`: the trail's name."),
						"home_region": computed("`HomeRegion`: the region the trail lives in (the resource's `region`)."),
						"region":      computed("`Region`: the region the trail is listed in."),
						"status": computed("`Status`: `Fresh` (created, never started), `Enable` (logging) or " +
							"`Disable` (stopped)."),
						"enable_logging": schema.BoolAttribute{
							MarkdownDescription: "Whether the trail is logging (`status` is `Enable`), as the resource's `enable_logging`.",
							Computed:            true,
						},
						"event_rw":            computed("`EventRW`: which events the trail delivers, `Write`, `Read` or `All`."),
						"trail_region":        computed("`TrailRegion`: the regions whose events the trail delivers, `All` or one region ID."),
						"oss_bucket_name":     computed("`OssBucketName`: the OSS bucket the trail writes to."),
						"oss_key_prefix":      computed("`OssKeyPrefix`: the prefix of the files written to the bucket."),
						"oss_bucket_location": computed("`OssBucketLocation`: the bucket's location, e.g. `oss-cn-hangzhou`."),
						"oss_write_role_arn":  computed("`OssWriteRoleArn`: the RAM role ActionTrail assumes to write to the bucket."),
						"sls_project_arn":     computed("`SlsProjectArn`: the Log Service project the trail delivers to."),
						"sls_write_role_arn":  computed("`SlsWriteRoleArn`: the RAM role ActionTrail assumes to write to the project."),
						"is_organization_trail": schema.BoolAttribute{
							MarkdownDescription: "`IsOrganizationTrail`: whether the trail records every account of the resource directory.",
							Computed:            true,
						},
						"organization_id": computed("`OrganizationId`: the resource directory of an organization trail."),
						"is_shadow_trail": schema.BoolAttribute{
							MarkdownDescription: "`IsShadowTrail`: whether the trail lives in another region and is listed " +
								"here because it records this region's events (only with `include_shadow_trails`).",
							Computed: true,
						},
						"trail_arn":          computed("`TrailArn`: `acs:actiontrail:<region>:<account id>:trail/<name>`."),
						"create_time":        computed("`CreateTime`: when the trail was created (ISO 8601, UTC)."),
						"update_time":        computed("`UpdateTime`: when the trail was last changed (ISO 8601, UTC)."),
						"start_logging_time": computed("`StartLoggingTime`: when logging was last started (ISO 8601, UTC)."),
						"stop_logging_time":  computed("`StopLoggingTime`: when logging was last stopped (ISO 8601, UTC)."),
						"max_compute_project_arn": computed("`MaxComputeProjectArn`: the MaxCompute project the trail " +
							"delivers to, `acs:odps:<region>:<account id>:project/actiontrail_<name>`."),
						"max_compute_write_role_arn": computed("`MaxComputeWriteRoleArn`: the RAM role ActionTrail assumes " +
							"to write to the MaxCompute project."),
					},
				},
			},
		},
	}
}

func (d *trailsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataOf(req.ProviderData, &resp.Diagnostics)
}

func (d *trailsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m trailsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if d.data == nil {
		addUnconfiguredProvider(&resp.Diagnostics)
		return
	}
	region := d.data.region
	if !m.Region.IsNull() {
		region = m.Region.ValueString()
	}
	var re *regexp.Regexp
	if !m.NameRegex.IsNull() {
		var err error
		if re, err = regexp.Compile(m.NameRegex.ValueString()); err != nil {
			addInvalidRegexp(&resp.Diagnostics, path.Root("name_regex"), m.NameRegex.ValueString(), err)
			return
		}
	}

	ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout)
	defer cancel()
	trails, err := d.data.client.DescribeTrails(ctx, region, client.ListOptions{IncludeShadowTrails: m.IncludeShadowTrails.ValueBool(), IncludeOrganizationTrail: m.IncludeOrganizationTrail.ValueBool()})
	if err != nil {
		addListError(&resp.Diagnostics, region, err)
		return
	}

	m.Region = types.StringValue(region)
	m.Names, m.IDs, m.Trails = []string{}, []string{}, []trailItemModel{}
	for _, t := range filterTrails(trails, re, m.Status.ValueString()) {
		item := flattenTrailItem(t, region)
		m.Names = append(m.Names, item.Name)
		m.IDs = append(m.IDs, item.ID)
		m.Trails = append(m.Trails, item)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// filterTrails keeps the trails whose name matches re (nil: all) and whose status is status
// ("": any), sorted by name then home region.
func filterTrails(trails []client.Trail, re *regexp.Regexp, status string) []client.Trail {
	out := make([]client.Trail, 0, len(trails))
	for _, t := range trails {
		if (re == nil || re.MatchString(t.Name)) && (status == "" || t.Status == status) {
			out = append(out, t)
		}
	}
	slices.SortStableFunc(out, func(a, b client.Trail) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.HomeRegion, b.HomeRegion))
	})
	return out
}

// flattenTrailItem turns a listed trail into the data source's object; listedIn is the region
// the list was asked for, standing in for what the API leaves empty.
func flattenTrailItem(t client.Trail, listedIn string) trailItemModel {
	home := cmp.Or(t.HomeRegion, listedIn)
	return trailItemModel{
		ID:                  home + ":" + t.Name,
		Name:                t.Name,
		HomeRegion:          home,
		Region:              cmp.Or(t.Region, listedIn),
		Status:              t.Status,
		EnableLogging:       t.Status == client.StatusEnable,
		EventRW:             cmp.Or(t.EventRW, client.DefaultEventRW),
		TrailRegion:         cmp.Or(t.TrailRegion, client.DefaultTrailRegion),
		OssBucketName:       t.OssBucketName,
		OssKeyPrefix:        t.OssKeyPrefix,
		OssBucketLocation:   t.OssBucketLocation,
		OssWriteRoleArn:     t.OssWriteRoleArn,
		SlsProjectArn:       t.SlsProjectArn,
		SlsWriteRoleArn:     t.SlsWriteRoleArn,
		IsOrganizationTrail: t.IsOrganizationTrail,
		OrganizationID:      t.OrganizationId,
		IsShadowTrail:       t.IsShadowTrail != 0 || home != listedIn,
		TrailArn:            t.TrailArn,
		CreateTime:          t.CreateTime,
		UpdateTime:          t.UpdateTime,
		StartLoggingTime:    t.StartLoggingTime,
		StopLoggingTime:     t.StopLoggingTime,

		MaxComputeProjectArn:   t.MaxComputeProjectArn,
		MaxComputeWriteRoleArn: t.MaxComputeWriteRoleArn,
	}
}

// goRegexpValidator checks that a string compiles as a Go regular expression (RE2 syntax), so
// that a bad name_regex fails terraform validate rather than the read.
type goRegexpValidator struct{}

func (goRegexpValidator) Description(context.Context) string {
	return "value must be a valid Go regular expression (RE2 syntax)"
}

func (goRegexpValidator) MarkdownDescription(context.Context) string {
	return "value must be a valid [Go regular expression](https://pkg.go.dev/regexp/syntax) (RE2 syntax)"
}

func (goRegexpValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := regexp.Compile(req.ConfigValue.ValueString()); err != nil {
		addInvalidRegexp(&resp.Diagnostics, req.Path, req.ConfigValue.ValueString(), err)
	}
}
