// Package provider implements the actiontrail Terraform provider: its configuration, the
// actiontrail_trail resource and the actiontrail_trails data source.
package provider

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/validators"
)

var (
	_ provider.Provider              = &actiontrailProvider{}
	_ provider.ProviderWithFunctions = &actiontrailProvider{}
)

// New returns a constructor for the provider, as providerserver wants it. NewServer, which
// main.go serves, adds what only the protocol level sees.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &actiontrailProvider{version: version, state: newStateTrails()}
	}
}

type actiontrailProvider struct {
	version string
	// state holds the trails of the Terraform state this provider instance works on.
	state *stateTrails
}

// providerModel describes the provider block.
type providerModel struct {
	Region        types.String `tfsdk:"region"`
	AccessKey     types.String `tfsdk:"access_key"`
	SecretKey     types.String `tfsdk:"secret_key"`
	SecurityToken types.String `tfsdk:"security_token"`
	Profile       types.String `tfsdk:"profile"`
	Endpoint      types.String `tfsdk:"endpoint"`
}

// Environment variables read when an attribute is not set, first match wins.
var (
	envRegion        = []string{"ALICLOUD_REGION", "ALIBABA_CLOUD_REGION_ID"}
	envAccessKey     = []string{"ALICLOUD_ACCESS_KEY", "ALIBABA_CLOUD_ACCESS_KEY_ID"}
	envSecretKey     = []string{"ALICLOUD_SECRET_KEY", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"}
	envSecurityToken = []string{"ALICLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_SECURITY_TOKEN"}
	envProfile       = []string{"ALICLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE"}
	envEndpoint      = []string{"ALICLOUD_ACTIONTRAIL_ENDPOINT"}
)

func (p *actiontrailProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "actiontrail"
	resp.Version = p.version
}

func envDoc(names []string) string {
	return "`" + strings.Join(names, "`, `") + "`"
}

func (p *actiontrailProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages [Alibaba Cloud ActionTrail](https://www.alibabacloud.com/product/actiontrail) trails. " +
			"Every setting can also come from the environment variables the Alibaba Cloud tools use; a setting in the " +
			"configuration wins over the environment.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				MarkdownDescription: "Region of the ActionTrail API calls and the default `region` of resources, e.g. `cn-hangzhou`. " +
					"Environment: " + envDoc(envRegion) + ". Required from one of them.",
				Optional:   true,
				Validators: []validator.String{validators.RegionID()},
			},
			"access_key": schema.StringAttribute{
				MarkdownDescription: "AccessKey ID. Environment: " + envDoc(envAccessKey) + ". " +
					"Without `access_key` and `secret_key` the provider uses `profile` from the aliyun CLI's `~/.aliyun/config.json`.",
				Optional: true,
			},
			"secret_key": schema.StringAttribute{
				MarkdownDescription: "AccessKey secret. Environment: " + envDoc(envSecretKey) + ".",
				Optional:            true,
				Sensitive:           true,
			},
			"security_token": schema.StringAttribute{
				MarkdownDescription: "STS security token, for temporary credentials. Environment: " + envDoc(envSecurityToken) + ".",
				Optional:            true,
				Sensitive:           true,
			},
			"profile": schema.StringAttribute{
				MarkdownDescription: "Profile of the aliyun CLI's shared credentials file `~/.aliyun/config.json` " +
					"(modes AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn), used when `access_key` and " +
					"`secret_key` are not set. Environment: " + envDoc(envProfile) + "; default: the file's current profile.",
				Optional: true,
			},
			"endpoint": schema.StringAttribute{
				MarkdownDescription: "URL that replaces the regional ActionTrail endpoint, with scheme, e.g. " +
					"`http://127.0.0.1:18080` for the local emulator or a private endpoint. Environment: " + envDoc(envEndpoint) + ".",
				Optional: true,
			},
		},
	}
}

// providerData is what resources and data sources receive from Configure.
type providerData struct {
	client  *client.Client
	region  string
	lookups *trailLookups
	state   *stateTrails
}

// providerDataOf is what a resource or data source gets from the provider's Configure; nil
// before the provider is configured (validation runs without it).
func providerDataOf(v any, diags *diag.Diagnostics) *providerData {
	if v == nil {
		return nil
	}
	data, ok := v.(*providerData)
	if !ok {
		diags.AddError("Unexpected Provider Data", fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider.", v))
	}
	return data
}

func (p *actiontrailProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}

	for attr, v := range map[string]types.String{
		"region": cfg.Region, "access_key": cfg.AccessKey, "secret_key": cfg.SecretKey,
		"security_token": cfg.SecurityToken, "profile": cfg.Profile, "endpoint": cfg.Endpoint,
	} {
		if v.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(attr), "Unknown Provider Setting",
				fmt.Sprintf("The provider setting %q depends on a value that is not known until apply. "+
					"Set it to a known value (a literal, a variable or an environment variable).", attr))
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}

	region := setting(cfg.Region, envRegion)
	accessKey := setting(cfg.AccessKey, envAccessKey)
	secretKey := setting(cfg.SecretKey, envSecretKey)
	token := setting(cfg.SecurityToken, envSecurityToken)
	profile := setting(cfg.Profile, envProfile)
	endpoint := setting(cfg.Endpoint, envEndpoint)
	ctx = tflog.MaskMessageStrings(ctx, secretKey, token)

	if region == "" {
		resp.Diagnostics.AddAttributeError(path.Root("region"), "Missing Region",
			"The provider needs a region: set \"region\" in the provider block or one of "+strings.Join(envRegion, ", ")+".")
	} else if problem := validators.RegionIDProblem(region); problem != "" {
		resp.Diagnostics.AddAttributeError(path.Root("region"), "Invalid Region",
			fmt.Sprintf("The region %q (from the environment) is not valid: %s.", region, problem))
	}
	if endpoint != "" {
		if _, _, err := client.ParseEndpoint(endpoint); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("endpoint"), "Invalid Endpoint",
				err.Error()+". Example: http://127.0.0.1:18080.")
		}
	}

	var creds credentials.CredentialsProvider
	switch {
	case accessKey != "" && secretKey != "":
		if token != "" {
			creds = credentials.NewStaticSTSCredentialsProvider(accessKey, secretKey, token)
		} else {
			creds = credentials.NewStaticAKCredentialsProvider(accessKey, secretKey)
		}
	case accessKey != "":
		resp.Diagnostics.AddAttributeError(path.Root("secret_key"), "Missing Secret Key",
			"An access key is set but no secret key: set \"secret_key\" or one of "+strings.Join(envSecretKey, ", ")+".")
	case secretKey != "":
		resp.Diagnostics.AddAttributeError(path.Root("access_key"), "Missing Access Key",
			"A secret key is set but no access key: set \"access_key\" or one of "+strings.Join(envAccessKey, ", ")+".")
	default:
		cli := credentials.NewCLIProfileCredentialsProviderBuilder().WithProfileName(profile).Build()
		if _, err := cli.GetCredentials(); err != nil {
			msg := profileError(err)
			if profile != "" {
				resp.Diagnostics.AddAttributeError(path.Root("profile"), "Unusable Profile",
					fmt.Sprintf("The profile %q of ~/.aliyun/config.json gave no credentials: %s", profile, msg))
			} else {
				detail := "No credentials were found. Set \"access_key\" and \"secret_key\" (or " +
					strings.Join(envAccessKey, ", ") + " and " + strings.Join(envSecretKey, ", ") +
					"), or \"profile\" for a profile of the aliyun CLI's ~/.aliyun/config.json. Looking for a CLI profile said: " + msg
				resp.Diagnostics.AddAttributeError(path.Root("access_key"), "Missing Access Key", detail)
				resp.Diagnostics.AddAttributeError(path.Root("secret_key"), "Missing Secret Key", detail)
			}
		} else {
			creds = cli
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}

	c, err := client.New(client.Config{
		Region:      region,
		Credentials: creds,
		Secrets:     []string{secretKey, token},
		Endpoint:    endpoint,
		UserAgent:   "terraform-provider-actiontrail/" + p.version,
	})
	if err != nil {
		resp.Diagnostics.AddError("Cannot Configure the ActionTrail Client", err.Error())
		return
	}
	tflog.Debug(ctx, "Configured ActionTrail client", map[string]any{"region": region, "endpoint": endpoint})
	data := &providerData{client: c, region: region, lookups: newTrailLookups(c), state: p.state}
	resp.ResourceData = data
	resp.DataSourceData = data
}

// profileError words a failure to read the CLI's config file. The SDK quotes the whole file when
// it is not JSON, secrets included, so that text is cut.
func profileError(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "failed:"); strings.HasPrefix(msg, "unmarshal aliyun cli config") && i >= 0 {
		return msg[:i] + "failed: the file is not valid JSON"
	}
	return msg
}

// setting returns the configured value, else the first environment variable that is set.
func setting(v types.String, env []string) string {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueString()
	}
	for _, name := range env {
		if s := os.Getenv(name); s != "" {
			return s
		}
	}
	return ""
}

func (p *actiontrailProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{NewTrailResource}
}

func (p *actiontrailProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{NewTrailsDataSource}
}

// Functions are the provider-defined functions (Terraform 1.8+, OpenTofu 1.7+):
// provider::actiontrail::trail_arn and provider::actiontrail::parse_trail_arn.
func (p *actiontrailProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{NewTrailARNFunction, NewParseTrailARNFunction}
}
