package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
)

// Environment variables of the STS settings, first match wins.
var (
	envSTSEndpoint     = []string{"ALICLOUD_STS_ENDPOINT"}
	envRoleArn         = []string{"ALIBABA_CLOUD_ROLE_ARN"}
	envRoleSessionName = []string{"ALIBABA_CLOUD_ROLE_SESSION_NAME"}
	envOIDCProviderArn = []string{"ALIBABA_CLOUD_OIDC_PROVIDER_ARN"}
	envOIDCTokenFile   = []string{"ALIBABA_CLOUD_OIDC_TOKEN_FILE"}
)

// defaultSessionName names the role sessions when neither the configuration nor
// ALIBABA_CLOUD_ROLE_SESSION_NAME does.
const defaultSessionName = "terraform-actiontrail"

// Durations of role sessions, in seconds. STS takes 900 s up to the role's maximum session
// duration (at most 43200 s); the SDK's OIDC credential provider takes at most 3600 s.
const (
	defaultSessionSeconds = 3600
	minSessionSeconds     = 900
	maxSessionSeconds     = 43200
	maxOIDCSessionSeconds = 3600
)

var (
	roleArnRE         = regexp.MustCompile(`^acs:ram::[0-9]+:role/[A-Za-z0-9._-]{1,64}$`)
	oidcProviderArnRE = regexp.MustCompile(`^acs:ram::[0-9]+:oidc-provider/[A-Za-z0-9._-]{1,128}$`)
	sessionNameRE     = regexp.MustCompile(`^[A-Za-z0-9._@-]{2,64}$`)
	externalIDRE      = regexp.MustCompile(`^[A-Za-z0-9_+=,.@:/-]+$`) // 2 to 1224 of them
)

// roleSessionModel is what the assume_role and assume_role_with_oidc blocks share: the role and
// its session.
type roleSessionModel struct {
	RoleArn           types.String `tfsdk:"role_arn"`
	SessionName       types.String `tfsdk:"session_name"`
	SessionExpiration types.Int64  `tfsdk:"session_expiration"`
}

// assumeRoleModel is the assume_role block.
type assumeRoleModel struct {
	roleSessionModel
	Policy     types.String `tfsdk:"policy"`
	ExternalID types.String `tfsdk:"external_id"`
}

// assumeRoleWithOIDCModel is the assume_role_with_oidc block.
type assumeRoleWithOIDCModel struct {
	roleSessionModel
	OIDCProviderArn types.String `tfsdk:"oidc_provider_arn"`
	OIDCTokenFile   types.String `tfsdk:"oidc_token_file"`
	OIDCToken       types.String `tfsdk:"oidc_token"`
}

func sessionNameAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Name of the role session, which ActionTrail records as the caller of every event: 2 to 64 " +
			"letters, digits, `.`, `@`, `-` and `_`. Environment: " + envDoc(envRoleSessionName) +
			"; default: `" + defaultSessionName + "`.",
		Optional:   true,
		Validators: []validator.String{stringvalidator.RegexMatches(sessionNameRE, "must be 2 to 64 letters, digits, '.', '@', '-' or '_'")},
	}
}

func roleArnAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "ARN of the RAM role to assume, `acs:ram::<account ID>:role/<role name>`" + what +
			". Environment: " + envDoc(envRoleArn) + ".",
		Optional:   true,
		Validators: []validator.String{stringvalidator.RegexMatches(roleArnRE, "must be a RAM role ARN, acs:ram::<account ID>:role/<role name>")},
	}
}

func assumeRoleBlock() schema.SingleNestedBlock {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Assume a RAM role (STS `AssumeRole`) with the base credentials (`access_key`/`secret_key`, " +
			"`profile`, or the role of `assume_role_with_oidc`), and call ActionTrail as that role: the way to reach " +
			"another account of a resource directory. The temporary credentials are fetched once per provider " +
			"configuration and renewed by the SDK before they expire. Also set by " + envDoc(envRoleArn) +
			" alone (without `assume_role_with_oidc`).",
		Attributes: map[string]schema.Attribute{
			"role_arn":     roleArnAttribute("; its trust policy must name the account of the base credentials"),
			"session_name": sessionNameAttribute(),
			"policy": schema.StringAttribute{
				MarkdownDescription: "A RAM policy (JSON, up to 2048 characters, the limit STS sets since 2022) that further restricts the role's " +
					"permissions for this session; it cannot grant more than the role has.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.UTF8LengthBetween(1, 2048), jsonObjectValidator{}},
			},
			"session_expiration": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Lifetime of the temporary credentials, in seconds: %d to the role's "+
					"maximum session duration (at most %d). Default: %d. Longer applies need no longer sessions: "+
					"the credentials are renewed before they expire.", minSessionSeconds, maxSessionSeconds, defaultSessionSeconds),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(minSessionSeconds, maxSessionSeconds)},
			},
			"external_id": schema.StringAttribute{
				MarkdownDescription: "External ID that the role's trust policy requires (`sts:ExternalId`), " +
					"2 to 1224 letters, digits and `_+=,.@:/-`.",
				Optional: true,
				Validators: []validator.String{
					stringvalidator.LengthBetween(2, 1224),
					stringvalidator.RegexMatches(externalIDRE, "must be letters, digits or any of _+=,.@:/-"),
				},
			},
		},
	}
}

func assumeRoleWithOIDCBlock() schema.SingleNestedBlock {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Assume a RAM role with an OIDC token (STS `AssumeRoleWithOIDC`), the way in from a CI " +
			"system with no stored keys: it replaces `access_key`, `secret_key` and `profile`, and `assume_role`, " +
			"if set too, is assumed with this role's credentials. The temporary credentials are fetched once per " +
			"provider configuration and renewed by the SDK before they expire (reading `oidc_token_file` again). " +
			"Also set by " + envDoc(envOIDCProviderArn) + " (with " + envDoc(envRoleArn) + " and " +
			envDoc(envOIDCTokenFile) + ").",
		Attributes: map[string]schema.Attribute{
			"oidc_provider_arn": schema.StringAttribute{
				MarkdownDescription: "ARN of the RAM OIDC identity provider that issued the token, " +
					"`acs:ram::<account ID>:oidc-provider/<name>`. Environment: " + envDoc(envOIDCProviderArn) + ".",
				Optional: true,
				Validators: []validator.String{stringvalidator.RegexMatches(oidcProviderArnRE,
					"must be a RAM OIDC provider ARN, acs:ram::<account ID>:oidc-provider/<name>")},
			},
			"role_arn": roleArnAttribute("; its trust policy must name the OIDC provider"),
			"oidc_token_file": schema.StringAttribute{
				MarkdownDescription: "Path of a file that holds the OIDC token (a JWT) and nothing else, read again at " +
					"each renewal. Environment: " + envDoc(envOIDCTokenFile) + ". One of `oidc_token_file` and `oidc_token` is required.",
				Optional: true,
				Validators: []validator.String{
					stringvalidator.LengthAtLeast(1),
					stringvalidator.ConflictsWith(path.MatchRelative().AtParent().AtName("oidc_token")),
				},
			},
			"oidc_token": schema.StringAttribute{
				MarkdownDescription: "The OIDC token itself, instead of `oidc_token_file`. Renewals reuse it, so they fail " +
					"once it has expired: for applies longer than the token's life, use `oidc_token_file`.",
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"session_name": sessionNameAttribute(),
			"session_expiration": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Lifetime of the temporary credentials, in seconds: %d to %d (the SDK's "+
					"OIDC credential provider takes no more). Default: %d.", minSessionSeconds, maxOIDCSessionSeconds, defaultSessionSeconds),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(minSessionSeconds, maxOIDCSessionSeconds)},
			},
		},
	}
}

// jsonObjectValidator checks that a string is a JSON object (a RAM policy document).
type jsonObjectValidator struct{}

func (jsonObjectValidator) Description(context.Context) string { return "must be a JSON object" }

func (v jsonObjectValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (jsonObjectValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(req.ConfigValue.ValueString()), &doc); err != nil {
		addInvalidPolicyDocument(&resp.Diagnostics, req.Path, err)
	}
}

// from is where a setting's value came from: "" for the provider block, else an environment variable.
type from string

// describe names a setting and where its value came from, for a message.
func (f from) describe(attr string, env []string) string {
	if f != "" {
		return fmt.Sprintf("%s (here from the environment variable %s)", attr, string(f))
	}
	return fmt.Sprintf("%s, set in the provider block (environment: %s)", attr, strings.Join(env, ", "))
}

// lookup returns the configured value, else the first environment variable that is set, and where
// it came from.
func lookup(v types.String, env []string) (string, from) {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueString(), ""
	}
	for _, name := range env {
		if s := os.Getenv(name); s != "" {
			return s, from(name)
		}
	}
	return "", ""
}

// roleSettings are the resolved settings of assume_role.
type roleSettings struct {
	arn         string
	arnFrom     from
	sessionName string
	policy      string
	externalID  string
	seconds     int
}

// oidcSettings are the resolved settings of assume_role_with_oidc.
type oidcSettings struct {
	providerArn     string
	providerArnFrom from
	roleArn         string
	roleArnFrom     from
	tokenFile       string
	tokenFileFrom   from
	token           string
	sessionName     string
	seconds         int
}

// Kinds of base credentials.
const (
	baseKeys    = "keys"
	baseProfile = "profile"
	baseOIDC    = "oidc"
)

// credentialsSetup is where the provider's credentials come from, so that a failure names the
// setting to fix.
type credentialsSetup struct {
	base                           string // baseKeys, baseProfile or baseOIDC
	keyFrom, secretFrom, tokenFrom from
	profile                        string // "" is the file's current profile
	oidc                           *oidcSettings
	role                           *roleSettings
	stsHost                        string
	stsScheme                      string
	stsAttr                        string // the setting the STS host comes from: sts_endpoint, endpoint, or "" (the region's)
}

// blockObject reads a single nested block: nil when it is absent.
func blockObject[T any](ctx context.Context, obj types.Object, diags *diag.Diagnostics) *T {
	if obj.IsNull() || obj.IsUnknown() {
		return nil
	}
	var m T
	diags.Append(obj.As(ctx, &m, basetypes.ObjectAsOptions{})...)
	if diags.HasError() {
		return nil
	}
	return &m
}

// unknownIn names the unknown attributes of a block, as attribute paths.
func unknownIn(name string, obj types.Object) []path.Path {
	if obj.IsUnknown() {
		return []path.Path{path.Root(name)}
	}
	if obj.IsNull() {
		return nil
	}
	var out []path.Path
	for attrName, v := range obj.Attributes() {
		if v.IsUnknown() {
			out = append(out, path.Root(name).AtName(attrName))
		}
	}
	return out
}

// seconds is a configured duration, else the default.
func seconds(v types.Int64) int {
	if v.IsNull() || v.IsUnknown() {
		return defaultSessionSeconds
	}
	return int(v.ValueInt64())
}

// resolveRoles reads assume_role_with_oidc and assume_role, from the blocks and the environment,
// and checks what the schema's validators could not see (values from the environment, settings
// that are required together). ALIBABA_CLOUD_ROLE_ARN is the OIDC role when an OIDC provider is
// configured, else the role of assume_role.
func resolveRoles(ctx context.Context, cfg providerModel, diags *diag.Diagnostics) (*oidcSettings, *roleSettings) {
	var oidc *oidcSettings
	om := blockObject[assumeRoleWithOIDCModel](ctx, cfg.AssumeRoleWithOIDC, diags)
	if om == nil {
		om = &assumeRoleWithOIDCModel{}
	}
	envSession, _ := lookup(types.StringNull(), envRoleSessionName)
	if providerArn, providerFrom := lookup(om.OIDCProviderArn, envOIDCProviderArn); providerArn != "" || !cfg.AssumeRoleWithOIDC.IsNull() {
		oidc = &oidcSettings{providerArn: providerArn, providerArnFrom: providerFrom, seconds: seconds(om.SessionExpiration)}
		oidc.roleArn, oidc.roleArnFrom = lookup(om.RoleArn, envRoleArn)
		oidc.token = om.OIDCToken.ValueString()
		if oidc.token == "" {
			oidc.tokenFile, oidc.tokenFileFrom = lookup(om.OIDCTokenFile, envOIDCTokenFile)
		}
		oidc.sessionName, _ = lookup(om.SessionName, envRoleSessionName)
		if oidc.sessionName == "" {
			oidc.sessionName = defaultSessionName
		}
		at := path.Root("assume_role_with_oidc")
		if oidc.providerArn == "" {
			addMissingOIDCProviderArn(diags, at.AtName("oidc_provider_arn"))
		} else if !oidcProviderArnRE.MatchString(oidc.providerArn) {
			addInvalidOIDCProviderArn(diags, at.AtName("oidc_provider_arn"), oidc.providerArn, oidc.providerArnFrom)
		}
		checkRoleArn(diags, at.AtName("role_arn"), "assume_role_with_oidc", oidc.roleArn, oidc.roleArnFrom, true)
		checkSessionName(diags, at.AtName("session_name"), oidc.sessionName)
		if oidc.token == "" && oidc.tokenFile == "" {
			addMissingOIDCToken(diags, at.AtName("oidc_token_file"))
		} else if oidc.tokenFile != "" {
			checkTokenFile(diags, at.AtName("oidc_token_file"), oidc.tokenFile, oidc.tokenFileFrom)
		}
	}

	am := blockObject[assumeRoleModel](ctx, cfg.AssumeRole, diags)
	if am == nil {
		am = &assumeRoleModel{}
	}
	roleEnv := envRoleArn
	if oidc != nil { // ALIBABA_CLOUD_ROLE_ARN is the OIDC role then
		roleEnv = nil
	}
	arn, arnFrom := lookup(am.RoleArn, roleEnv)
	if arn == "" && cfg.AssumeRole.IsNull() {
		return oidc, nil
	}
	role := &roleSettings{arn: arn, arnFrom: arnFrom, sessionName: envSession, policy: am.Policy.ValueString(),
		externalID: am.ExternalID.ValueString(), seconds: seconds(am.SessionExpiration)}
	if v, _ := lookup(am.SessionName, nil); v != "" {
		role.sessionName = v
	}
	if role.sessionName == "" {
		role.sessionName = defaultSessionName
	}
	at := path.Root("assume_role")
	checkRoleArn(diags, at.AtName("role_arn"), "assume_role", role.arn, role.arnFrom, oidc == nil)
	checkSessionName(diags, at.AtName("session_name"), role.sessionName)
	return oidc, role
}

func checkRoleArn(diags *diag.Diagnostics, p path.Path, block, arn string, f from, envToo bool) {
	if arn == "" {
		addMissingRoleArn(diags, p, block, envToo)
		return
	}
	if !roleArnRE.MatchString(arn) {
		addInvalidRoleArn(diags, p, arn, f)
	}
}

func checkSessionName(diags *diag.Diagnostics, p path.Path, name string) {
	if !sessionNameRE.MatchString(name) {
		addInvalidSessionName(diags, p, name)
	}
}

// checkTokenFile checks that the token file can be read and is not empty; what it holds is for STS to judge.
func checkTokenFile(diags *diag.Diagnostics, p path.Path, file string, f from) {
	data, err := os.ReadFile(file) //nolint:gosec // the user's own setting names the file
	switch {
	case err != nil:
		addUnreadableTokenFile(diags, p, file, f, err)
	case strings.TrimSpace(string(data)) == "":
		addEmptyTokenFile(diags, p, file, f)
	}
}

// roleCredentials chains the role credentials on base: OIDC first (it needs no base), then
// assume_role.
func roleCredentials(setup *credentialsSetup, base credentials.CredentialsProvider, diags *diag.Diagnostics) credentials.CredentialsProvider {
	creds := base
	if o := setup.oidc; o != nil {
		rc, err := client.NewOIDCCredentials(client.OIDCConfig{
			ProviderArn: o.providerArn, RoleArn: o.roleArn, TokenFile: o.tokenFile, Token: o.token,
			SessionName: o.sessionName, DurationSeconds: o.seconds, STSHost: setup.stsHost,
		})
		if err != nil {
			addInvalidRoleSettings(diags, "assume_role_with_oidc", "Invalid OIDC Settings", err)
			return nil
		}
		creds = rc
	}
	if r := setup.role; r != nil {
		rc, err := client.NewAssumeRoleCredentials(client.AssumeRoleConfig{
			Base: creds, RoleArn: r.arn, SessionName: r.sessionName, Policy: r.policy, ExternalID: r.externalID,
			DurationSeconds: r.seconds, STSHost: setup.stsHost,
		})
		if err != nil {
			addInvalidRoleSettings(diags, "assume_role", "Invalid Assume Role Settings", err)
			return nil
		}
		creds = rc
	}
	return creds
}

// roleCredentials names the setting whose temporary credentials sign the calls: assume_role,
// which may itself start from assume_role_with_oidc's, else assume_role_with_oidc; "" for keys or a
// profile used as they are.
func (s *credentialsSetup) roleCredentials() string {
	switch {
	case s.role != nil:
		return "assume_role"
	case s.oidc != nil:
		return "assume_role_with_oidc"
	}
	return ""
}

// stsTarget resolves where STS calls go: sts_endpoint, else endpoint, else the region's STS
// endpoint.
func stsTarget(region, endpoint, stsEndpoint string) (host, scheme, attr string, err error) {
	switch {
	case stsEndpoint != "":
		attr = "sts_endpoint"
		host, scheme, err = client.STSEndpoint(region, stsEndpoint)
	case endpoint != "":
		attr = "endpoint"
		host, scheme, err = client.STSEndpoint(region, endpoint)
	default:
		host, scheme, err = client.STSEndpoint(region, "")
	}
	return host, scheme, attr, err
}
