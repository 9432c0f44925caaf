// Package provider implements the actiontrail Terraform provider: its configuration, the
// actiontrail_trail resource and the actiontrail_trails data source.
package provider

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync/atomic"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
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
	// configured is what Configure made: the trail's plan modifiers read the provider's region
	// from it (see trailResource.configured).
	configured atomic.Pointer[providerData]
}

// providerModel describes the provider block.
type providerModel struct {
	Region        types.String `tfsdk:"region"`
	AccessKey     types.String `tfsdk:"access_key"`
	SecretKey     types.String `tfsdk:"secret_key"`
	SecurityToken types.String `tfsdk:"security_token"`
	Profile       types.String `tfsdk:"profile"`
	Endpoint      types.String `tfsdk:"endpoint"`
	STSEndpoint   types.String `tfsdk:"sts_endpoint"`
	// SkipCredentialsValidation turns the credential check (STS GetCallerIdentity) off.
	SkipCredentialsValidation types.Bool   `tfsdk:"skip_credentials_validation"`
	AssumeRole                types.Object `tfsdk:"assume_role"`
	AssumeRoleWithOIDC        types.Object `tfsdk:"assume_role_with_oidc"`
	// SkipRegionValidation and MaxRetries are the fail-fast settings.
	SkipRegionValidation types.Bool  `tfsdk:"skip_region_validation"`
	MaxRetries           types.Int64 `tfsdk:"max_retries"`
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
					"`http://127.0.0.1:18080` for the local emulator or a private endpoint. Environment: " + envDoc(envEndpoint) + ". " +
					"STS calls go there too unless `sts_endpoint` is set.",
				Optional: true,
			},
			"skip_region_validation": schema.BoolAttribute{
				MarkdownDescription: "Skip the check of `region` (and of the resources' `region` and `trail_region`) against the " +
					"regions Alibaba Cloud has, for a region newer than this provider. The check takes the SDK's region list at " +
					"validate time (a misspelt region such as `cn-hangzou` fails there, with the region meant) and asks the API " +
					"(`DescribeRegions`, once per provider configuration) at plan time for a region the list does not have. " +
					"Default `false`.",
				Optional: true,
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times a call that got no answer at all (connection refused, a name "+
					"that does not resolve, a failed TLS handshake, a broken connection) is retried, with backoff, and never for "+
					"longer than %s from its first attempt, whatever the operation's timeout: an endpoint that cannot be reached "+
					"fails within seconds. Throttling and 5xx answers are retried within the operation's timeout regardless. "+
					"Default %d; 0 retries none.", client.DefaultTransportWindow, client.DefaultTransportRetries),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 20)},
			},
			"sts_endpoint": schema.StringAttribute{
				MarkdownDescription: "URL of the STS API, with scheme, for the credential check (`GetCallerIdentity`) and for " +
					"`assume_role` and `assume_role_with_oidc`, e.g. `https://sts-vpc.cn-hangzhou.aliyuncs.com`. Environment: " +
					envDoc(envSTSEndpoint) + ". Default: `endpoint` when that is set (the emulator serves STS on its port), " +
					"else the region's STS endpoint `https://sts.<region>.aliyuncs.com`. The SDK's role credential providers " +
					"call STS over HTTPS only: with `assume_role` or `assume_role_with_oidc` it must be `https://`.",
				Optional: true,
			},
			"skip_credentials_validation": schema.BoolAttribute{
				MarkdownDescription: "Skip the credential check: by default the provider calls STS `GetCallerIdentity` once " +
					"when it is configured, so that wrong credentials fail `terraform plan` on the provider's settings before " +
					"anything is planned. Set to `true` for an endpoint that serves no STS; credential errors then surface on " +
					"the first resource or data source that calls the API. Default: `false`.",
				Optional: true,
			},
		},
		Blocks: map[string]schema.Block{
			"assume_role":           assumeRoleBlock(),
			"assume_role_with_oidc": assumeRoleWithOIDCBlock(),
		},
	}
}

// providerData is what resources and data sources receive from Configure.
type providerData struct {
	client *client.Client
	region string
	// accountID is the account the credentials act in, as STS GetCallerIdentity answered; "" with
	// skip_credentials_validation.
	accountID string
	lookups   *trailLookups
	state     *stateTrails
	regions   *regionCheck // nil with skip_region_validation
}

// providerDataOf is what a resource or data source gets from the provider's Configure; nil
// before the provider is configured (validation runs without it).
func providerDataOf(v any, diags *diag.Diagnostics) *providerData {
	if v == nil {
		return nil
	}
	data, ok := v.(*providerData)
	if !ok {
		addUnexpectedProviderData(diags, v)
	}
	return data
}

func (p *actiontrailProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}

	var unknown []path.Path
	for attr, v := range map[string]types.String{
		"region": cfg.Region, "access_key": cfg.AccessKey, "secret_key": cfg.SecretKey,
		"security_token": cfg.SecurityToken, "profile": cfg.Profile, "endpoint": cfg.Endpoint, "sts_endpoint": cfg.STSEndpoint,
	} {
		if v.IsUnknown() {
			unknown = append(unknown, path.Root(attr))
		}
	}
	if cfg.SkipCredentialsValidation.IsUnknown() {
		unknown = append(unknown, path.Root("skip_credentials_validation"))
	}
	unknown = append(unknown, unknownIn("assume_role", cfg.AssumeRole)...)
	unknown = append(unknown, unknownIn("assume_role_with_oidc", cfg.AssumeRoleWithOIDC)...)
	for _, p := range unknown {
		addUnknownSetting(&resp.Diagnostics, p)
	}
	if resp.Diagnostics.HasError() {
		return
	}

	region := setting(cfg.Region, envRegion)
	accessKey, keyFrom := lookup(cfg.AccessKey, envAccessKey)
	secretKey, secretFrom := lookup(cfg.SecretKey, envSecretKey)
	token, tokenFrom := lookup(cfg.SecurityToken, envSecurityToken)
	profile := setting(cfg.Profile, envProfile)
	endpoint := setting(cfg.Endpoint, envEndpoint)
	stsEndpoint := setting(cfg.STSEndpoint, envSTSEndpoint)
	ctx = maskSecrets(ctx, secretKey, token)

	if region == "" {
		addMissingRegion(&resp.Diagnostics)
	} else if problem := validators.RegionProblem(region); problem != "" {
		addInvalidEnvRegion(&resp.Diagnostics, region, problem)
	}
	for attr, v := range map[string]string{"endpoint": endpoint, "sts_endpoint": stsEndpoint} {
		if v == "" {
			continue
		}
		if _, _, err := client.ParseEndpoint(v); err != nil {
			addInvalidEndpoint(&resp.Diagnostics, attr, err)
		}
	}

	setup := &credentialsSetup{keyFrom: keyFrom, secretFrom: secretFrom, tokenFrom: tokenFrom, profile: profile}
	setup.oidc, setup.role = resolveRoles(ctx, cfg, &resp.Diagnostics)
	if setup.oidc != nil {
		ctx = maskSecrets(ctx, setup.oidc.token)
	}
	var stsErr error
	setup.stsHost, setup.stsScheme, setup.stsAttr, stsErr = stsTarget(region, endpoint, stsEndpoint)
	if stsErr == nil && (setup.oidc != nil || setup.role != nil) && setup.stsScheme != "HTTPS" {
		addSTSNeedsHTTPS(&resp.Diagnostics, setup)
	}

	var creds credentials.CredentialsProvider
	switch {
	case setup.oidc != nil:
		// The OIDC token authenticates: no keys needed, and none used.
		setup.base = baseOIDC
		if accessKey != "" || secretKey != "" {
			warnKeysNotUsed(&resp.Diagnostics)
		}
	case accessKey != "" && secretKey != "":
		setup.base = baseKeys
		if token != "" {
			creds = credentials.NewStaticSTSCredentialsProvider(accessKey, secretKey, token)
		} else {
			creds = credentials.NewStaticAKCredentialsProvider(accessKey, secretKey)
		}
	case accessKey != "":
		addMissingKeyHalf(&resp.Diagnostics, "secret_key", envSecretKey, "An access key")
	case secretKey != "":
		addMissingKeyHalf(&resp.Diagnostics, "access_key", envAccessKey, "A secret key")
	default:
		setup.base = baseProfile
		cli := client.LockedCredentials(credentials.NewCLIProfileCredentialsProviderBuilder().WithProfileName(profile).Build())
		if _, err := cli.GetCredentials(); err != nil {
			msg := profileError(err)
			if profile != "" {
				addUnusableProfile(&resp.Diagnostics, profile, msg)
			} else {
				addNoCredentials(&resp.Diagnostics, setup.role != nil, msg)
			}
		} else {
			creds = cli
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if creds = roleCredentials(setup, creds, &resp.Diagnostics); resp.Diagnostics.HasError() {
		return
	}

	retry := client.RetryPolicy{}
	if !cfg.MaxRetries.IsNull() && !cfg.MaxRetries.IsUnknown() {
		retry.TransportRetries = int(cfg.MaxRetries.ValueInt64())
		if retry.TransportRetries == 0 {
			retry.TransportRetries = -1 // none
		}
	}
	c, err := client.New(client.Config{
		Region:          region,
		Credentials:     creds,
		Secrets:         []string{secretKey, token},
		RoleCredentials: setup.roleCredentials(),
		Endpoint:        endpoint,
		UserAgent:       "terraform-provider-actiontrail/" + p.version,
		Retry:           retry,
	})
	if err != nil {
		addClientNotConfigured(&resp.Diagnostics, err)
		return
	}
	data := &providerData{client: c, region: region, lookups: newTrailLookups(c), state: p.state}
	// The credential check: one GetCallerIdentity (after the AssumeRole or AssumeRoleWithOIDC that
	// fetches role credentials), so that wrong credentials fail here, on the provider's settings,
	// rather than on the first resource. Terraform configures a provider only for the commands that
	// reach the API (plan, apply, destroy, refresh, import; never validate) and only when a resource
	// or data source of the configuration or the state uses it.
	if !cfg.SkipCredentialsValidation.ValueBool() {
		id, err := c.CallerIdentity(ctx, setup.stsHost, setup.stsScheme)
		if err != nil {
			addCheckError(&resp.Diagnostics, setup, err)
			return
		}
		data.accountID = id.AccountID
	}
	if !cfg.SkipRegionValidation.ValueBool() {
		data.regions = newRegionCheck(c)
		data.regions.check(ctx, path.Root("region"), region, "the provider's region", &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	tflog.Debug(ctx, "Configured ActionTrail client", map[string]any{
		"region": region, "endpoint": endpoint, "sts_host": setup.stsHost, "account_id": data.accountID,
	})
	p.configured.Store(data)
	resp.ResourceData = data
	resp.DataSourceData = data
}

// maskSecrets masks the secrets that are set in every log line of ctx (an empty string would
// mask between every character).
func maskSecrets(ctx context.Context, secrets ...string) context.Context {
	var set []string
	for _, s := range secrets {
		if s != "" {
			set = append(set, s)
		}
	}
	if len(set) == 0 {
		return ctx
	}
	return tflog.MaskMessageStrings(ctx, set...)
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
	return []func() resource.Resource{func() resource.Resource { return &trailResource{configured: p.configured.Load} }}
}

func (p *actiontrailProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{NewTrailsDataSource}
}

// Functions are the provider-defined functions (Terraform 1.8+, OpenTofu 1.7+):
// provider::actiontrail::trail_arn and provider::actiontrail::parse_trail_arn.
func (p *actiontrailProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{NewTrailARNFunction, NewParseTrailARNFunction}
}
