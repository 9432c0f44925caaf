package provider

import (
	"context"
	"encoding/json"
	"errors"
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

// assumeRoleModel is the assume_role block.
type assumeRoleModel struct {
	RoleArn           types.String `tfsdk:"role_arn"`
	SessionName       types.String `tfsdk:"session_name"`
	Policy            types.String `tfsdk:"policy"`
	SessionExpiration types.Int64  `tfsdk:"session_expiration"`
	ExternalID        types.String `tfsdk:"external_id"`
}

// assumeRoleWithOIDCModel is the assume_role_with_oidc block.
type assumeRoleWithOIDCModel struct {
	OIDCProviderArn   types.String `tfsdk:"oidc_provider_arn"`
	RoleArn           types.String `tfsdk:"role_arn"`
	OIDCTokenFile     types.String `tfsdk:"oidc_token_file"`
	OIDCToken         types.String `tfsdk:"oidc_token"`
	SessionName       types.String `tfsdk:"session_name"`
	SessionExpiration types.Int64  `tfsdk:"session_expiration"`
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
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Policy Document",
			fmt.Sprintf("The policy is not a JSON object: %s. Write it with jsonencode({...}) or a heredoc holding "+
				`{"Version": "1", "Statement": [...]}.`, err))
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
			diags.AddAttributeError(at.AtName("oidc_provider_arn"), "Missing OIDC Provider ARN",
				"assume_role_with_oidc needs the ARN of the RAM OIDC provider that issued the token: set oidc_provider_arn or "+
					strings.Join(envOIDCProviderArn, ", ")+".")
		} else if !oidcProviderArnRE.MatchString(oidc.providerArn) {
			diags.AddAttributeError(at.AtName("oidc_provider_arn"), "Invalid OIDC Provider ARN",
				fmt.Sprintf("%s is %q, which is not acs:ram::<account ID>:oidc-provider/<name>.",
					oidc.providerArnFrom.describe("oidc_provider_arn", envOIDCProviderArn), oidc.providerArn))
		}
		checkRoleArn(diags, at.AtName("role_arn"), "assume_role_with_oidc", oidc.roleArn, oidc.roleArnFrom, true)
		checkSessionName(diags, at.AtName("session_name"), oidc.sessionName)
		if oidc.token == "" && oidc.tokenFile == "" {
			diags.AddAttributeError(at.AtName("oidc_token_file"), "Missing OIDC Token",
				"assume_role_with_oidc needs the OIDC token: set oidc_token_file (a file holding the token, read again at each "+
					"renewal), oidc_token, or "+strings.Join(envOIDCTokenFile, ", ")+".")
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
		alt := ""
		if envToo {
			alt = " or " + strings.Join(envRoleArn, ", ")
		}
		diags.AddAttributeError(p, "Missing Role ARN", fmt.Sprintf("%s needs the ARN of the role to assume: set role_arn%s.", block, alt))
		return
	}
	if !roleArnRE.MatchString(arn) {
		diags.AddAttributeError(p, "Invalid Role ARN", fmt.Sprintf("%s is %q, which is not acs:ram::<account ID>:role/<role name>.",
			f.describe("role_arn", envRoleArn), arn))
	}
}

func checkSessionName(diags *diag.Diagnostics, p path.Path, name string) {
	if !sessionNameRE.MatchString(name) {
		diags.AddAttributeError(p, "Invalid Session Name", fmt.Sprintf("The role session name %q (from %s) is not 2 to 64 "+
			"letters, digits, '.', '@', '-' or '_'.", name, strings.Join(envRoleSessionName, ", ")))
	}
}

// checkTokenFile checks that the token file can be read and is not empty; what it holds is for STS to judge.
func checkTokenFile(diags *diag.Diagnostics, p path.Path, file string, f from) {
	data, err := os.ReadFile(file) //nolint:gosec // the user's own setting names the file
	switch {
	case err != nil:
		diags.AddAttributeError(p, "Unreadable OIDC Token File", fmt.Sprintf("%s names %q, which cannot be read: %s. "+
			"Point it at the file where the CI system writes the OIDC token.", f.describe("oidc_token_file", envOIDCTokenFile), file, err))
	case strings.TrimSpace(string(data)) == "":
		diags.AddAttributeError(p, "Empty OIDC Token File", fmt.Sprintf("%s names %q, which is empty: the CI system has not "+
			"written the OIDC token there (yet).", f.describe("oidc_token_file", envOIDCTokenFile), file))
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
			diags.AddAttributeError(path.Root("assume_role_with_oidc"), "Invalid OIDC Settings", err.Error()+".")
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
			diags.AddAttributeError(path.Root("assume_role"), "Invalid Assume Role Settings", err.Error()+".")
			return nil
		}
		creds = rc
	}
	return creds
}

// addCheckError reports a failed credential check (or the AssumeRole / AssumeRoleWithOIDC before
// it) on the setting to fix: one diagnostic per failure, naming the setting, where its value came
// from and what to do, with the code, HTTP status and RequestId of an API answer. Nothing in it
// comes from a secret, a token or a signed request.
func addCheckError(diags *diag.Diagnostics, s *credentialsSetup, err error) {
	var e *client.STSError
	if !errors.As(err, &e) {
		diags.AddError("Cannot Check Credentials", "Checking the provider's credentials with STS failed: "+err.Error())
		return
	}
	var b strings.Builder
	switch e.Action {
	case client.ActionGetCallerIdentity:
		fmt.Fprintf(&b, "The provider checks its credentials with STS GetCallerIdentity at %s before anything is planned.\n", e.Host)
	case client.ActionAssumeRole:
		fmt.Fprintf(&b, "The provider assumes the role %s (assume_role) with STS AssumeRole at %s, signed with its base credentials.\n", e.RoleArn, e.Host)
	case client.ActionAssumeRoleWithOIDC:
		fmt.Fprintf(&b, "The provider assumes the role %s (assume_role_with_oidc) with STS AssumeRoleWithOIDC at %s and the OIDC token.\n", e.RoleArn, e.Host)
	}
	switch {
	case e.Code != "":
		fmt.Fprintf(&b, "%s answered %s (HTTP %d, RequestId: %s): %s\n", e.Action, e.Code, e.HTTPStatus, e.RequestIDText(), e.Message)
		if e.Recommend != "" {
			fmt.Fprintf(&b, "The API recommends: %s\n", e.Recommend)
		}
	case e.Transport:
		reached := "The request did not reach the API."
		if !e.NotSent {
			reached = "The request may not have reached the API."
		}
		fmt.Fprintf(&b, "%s got no answer from %s: %s. %s\n", e.Action, e.Host, e.Cause, reached)
	case e.HTTPStatus != 0:
		fmt.Fprintf(&b, "%s answered HTTP %d with a body that is not an STS answer: %s\n", e.Action, e.HTTPStatus, e.Message)
	default:
		fmt.Fprintf(&b, "%s failed: %s\n", e.Action, e.Cause)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, "Gave up after %d attempts.\n", e.Attempts)
	}
	attr, summary, fix := s.blame(e)
	if e.Code != "" {
		summary += ": " + e.Code
	}
	fmt.Fprintf(&b, "What to do: %s", fix)
	if attr.Equal(path.Empty()) || secretSettings[attr.String()] {
		diags.AddError(summary, b.String())
		return
	}
	diags.AddAttributeError(attr, summary, b.String())
}

// secretSettings are blamed in the text of a diagnostic on the provider block, not by attribute
// path: Terraform prints the line of the configuration an attribute's diagnostic points at, and
// for these that line may hold the secret itself.
var secretSettings = map[string]bool{"secret_key": true, "security_token": true, "assume_role_with_oidc.oidc_token": true}

// blame picks the setting to fix, the summary and what to do.
func (s *credentialsSetup) blame(e *client.STSError) (path.Path, string, string) {
	switch {
	case e.Transport:
		return s.blameEndpoint(e)
	case e.Code == "" && e.HTTPStatus != 0:
		at, _, fix := s.blameEndpoint(e)
		return at, "STS Answer Not Understood", "Check that " + s.stsSetting() + " points at an Alibaba Cloud STS API " +
			"(or a proxy that passes its answers through). " + fix
	}
	if e.Action == client.ActionAssumeRole || e.Action == client.ActionGetCallerIdentity && s.role == nil && s.oidc == nil {
		if at, summary, fix, ok := s.blameBase(e); ok {
			return at, summary, fix
		}
	}
	switch e.Action {
	case client.ActionAssumeRole:
		return s.blameAssumeRole(e)
	case client.ActionAssumeRoleWithOIDC:
		return s.blameOIDC(e)
	}
	if info, ok := client.LookupError(e.Code); ok && e.Code == client.CodeTimestampExpired {
		return path.Empty(), "Invalid Credentials", info.Hint
	}
	return path.Empty(), "Invalid Credentials", fmt.Sprintf("The credentials are refused (%s): check the settings that give "+
		"them, or set skip_credentials_validation = true if this endpoint does not serve STS GetCallerIdentity.", e.Code)
}

// stsSetting names where the STS host comes from.
func (s *credentialsSetup) stsSetting() string {
	if s.stsAttr == "" {
		return "the region's STS endpoint (" + s.stsHost + ")"
	}
	return s.stsAttr
}

func (s *credentialsSetup) blameEndpoint(e *client.STSError) (path.Path, string, string) {
	fix := "Check the network path to " + e.Host + " (firewall, proxy, DNS) and run the command again once it is reachable."
	if e.Transport && strings.Contains(e.Cause, "x509:") {
		fix = "This machine does not trust the certificate of " + e.Host + ": for a private endpoint or the emulator over " +
			"HTTPS, add its CA certificate to the system's trust store (on Linux, SSL_CERT_FILE may name a PEM file)."
	}
	switch s.stsAttr {
	case "sts_endpoint":
		return path.Root("sts_endpoint"), "STS Endpoint Unreachable", fix + " sts_endpoint (" + strings.Join(envSTSEndpoint, ", ") + ") sets where STS calls go."
	case "endpoint":
		return path.Root("endpoint"), "STS Endpoint Unreachable", fix + " STS calls go to endpoint (" + strings.Join(envEndpoint, ", ") +
			") because sts_endpoint is not set: set sts_endpoint if STS is elsewhere, or skip_credentials_validation = true to skip this check."
	}
	return path.Empty(), "STS Endpoint Unreachable", fix + " sts_endpoint (" + strings.Join(envSTSEndpoint, ", ") +
		") can name another STS endpoint (e.g. a VPC one)."
}

// blameBase blames the base credentials for the codes that are theirs.
func (s *credentialsSetup) blameBase(e *client.STSError) (path.Path, string, string, bool) {
	if s.base == baseOIDC { // assume_role signed with the OIDC role's temporary credentials
		return path.Empty(), "", "", false
	}
	during := ""
	if e.Action == client.ActionAssumeRole {
		during = fmt.Sprintf(" (they sign the AssumeRole of %s)", e.RoleArn)
	}
	// The error catalog says which codes are the base credentials' and which of them to blame.
	info, ok := client.LookupError(e.Code)
	if !ok || info.Blame != client.BlameProvider {
		return path.Empty(), "", "", false
	}
	attr, why := info.Attribute, strings.TrimSuffix(lowerFirst(info.Hint), ".")
	var env []string
	var f from
	switch attr {
	case "access_key":
		env, f = envAccessKey, s.keyFrom
	case "secret_key":
		env, f = envSecretKey, s.secretFrom
	case "security_token":
		env, f = envSecurityToken, s.tokenFrom
	default:
		return path.Empty(), "", "", false
	}
	if s.base == baseProfile {
		name := "the current profile"
		if s.profile != "" {
			name = fmt.Sprintf("the profile %q", s.profile)
		}
		return path.Root("profile"), "Invalid Credentials", fmt.Sprintf("Fix the credentials of %s of ~/.aliyun/config.json%s "+
			"(aliyun configure --profile NAME), or choose another profile: %s.", name, during, why), true
	}
	return path.Root(attr), "Invalid Credentials", fmt.Sprintf("Check %s%s: %s.", f.describe(attr, env), during, why), true
}

func (s *credentialsSetup) blameAssumeRole(e *client.STSError) (path.Path, string, string) {
	at := path.Root("assume_role")
	arn := s.role.arnFrom.describe("role_arn", envRoleArn)
	switch {
	case e.Code == client.CodeRoleNotFound:
		return at.AtName("role_arn"), "Cannot Assume Role", fmt.Sprintf("The role %s does not exist: check %s (the account ID "+
			"and the role name), or create the role in that account.", e.RoleArn, arn)
	case e.Code == client.CodeInvalidRoleArn:
		return at.AtName("role_arn"), "Cannot Assume Role", fmt.Sprintf("STS does not take %q as a role ARN: check %s.", e.RoleArn, arn)
	case e.Code == client.CodeNoPermission && strings.Contains(strings.ToLower(e.Message), "externalid"):
		// STS names the trust policy's condition on the external ID: external_id is what to fix.
		if s.role.externalID == "" {
			return at.AtName("external_id"), "Cannot Assume Role", fmt.Sprintf("The trust policy of %s has a condition on the "+
				"external ID (sts:ExternalId) and external_id is not set: set external_id to the value the role's owner "+
				"gave you.", e.RoleArn)
		}
		return at.AtName("external_id"), "Cannot Assume Role", fmt.Sprintf("The trust policy of %s has a condition on the "+
			"external ID (sts:ExternalId) that the external_id set does not meet: set external_id to the exact value the "+
			"role's owner gave you (it is compared case included).", e.RoleArn)
	case e.Code == client.CodeNoPermission || strings.HasPrefix(e.Code, "Forbidden") || e.Code == "NotAuthorized":
		externalID := " If the trust policy has a condition on the external ID (sts:ExternalId), set external_id to its value."
		if s.role.externalID != "" {
			externalID = " If the trust policy has a condition on the external ID (sts:ExternalId), check that external_id is its value."
		}
		return at.AtName("role_arn"), "Cannot Assume Role", fmt.Sprintf("The base credentials may not assume %s. The role's "+
			"trust policy must name their account (or RAM user or role), and a RAM user or role needs sts:AssumeRole "+
			"permission on it; a root account's own key may not assume roles at all. Fix the trust policy or the permission, "+
			"or use base credentials of a trusted account.%s", e.RoleArn, externalID)
	case e.Code == client.CodeInvalidRoleSessionName:
		return at.AtName("session_name"), "Cannot Assume Role", "Use 2 to 64 letters, digits, '.', '@', '-' or '_' for session_name (" +
			strings.Join(envRoleSessionName, ", ") + ")."
	case e.Code == client.CodeInvalidDurationSeconds:
		return at.AtName("session_expiration"), "Cannot Assume Role", fmt.Sprintf("Use a session_expiration from %d seconds up "+
			"to the role's maximum session duration (3600 unless raised in the RAM console), or raise the role's maximum.", minSessionSeconds)
	case strings.HasPrefix(e.Code, "InvalidParameter.ExternalId"):
		return at.AtName("external_id"), "Cannot Assume Role", "Set external_id to the value the role's trust policy requires."
	case e.Code == client.CodePolicyGrammar:
		return at.AtName("policy"), "Cannot Assume Role", `Fix policy: STS's grammar check refused it (see its message above). A RAM ` +
			`policy is {"Version": "1", "Statement": [{"Effect": "Allow" or "Deny", "Action": [...], "Resource": [...]}]}.`
	case strings.HasPrefix(e.Code, "InvalidParameter.Policy") || strings.Contains(e.Code, "Policy"):
		return at.AtName("policy"), "Cannot Assume Role", "Fix policy: a RAM policy document of at most 2048 characters that STS accepts."
	case e.Code == "":
		return at.AtName("role_arn"), "Cannot Assume Role", fmt.Sprintf("The temporary credentials of %s could not be fetched: %s.", e.RoleArn, e.Cause)
	}
	return at.AtName("role_arn"), "Cannot Assume Role", fmt.Sprintf("STS refused to let the base credentials assume %s (%s): "+
		"check %s and the role's trust policy.", e.RoleArn, e.Code, arn)
}

func (s *credentialsSetup) blameOIDC(e *client.STSError) (path.Path, string, string) {
	at := path.Root("assume_role_with_oidc")
	o := s.oidc
	tokenAttr, token := at.AtName("oidc_token_file"), fmt.Sprintf("the token in %q (%s)", o.tokenFile,
		o.tokenFileFrom.describe("oidc_token_file", envOIDCTokenFile))
	if o.token != "" {
		tokenAttr, token = at.AtName("oidc_token"), "oidc_token"
	}
	arn := o.roleArnFrom.describe("role_arn", envRoleArn)
	const summary = "Cannot Assume Role With OIDC"
	switch {
	case e.Code == client.CodeOIDCNoPermission && strings.Contains(strings.ToLower(e.Message), "oidc provider"):
		return at.AtName("oidc_provider_arn"), summary, fmt.Sprintf("STS knows no OIDC provider %s: check %s, or create the "+
			"OIDC provider in RAM.", o.providerArn, o.providerArnFrom.describe("oidc_provider_arn", envOIDCProviderArn))
	case e.Code == client.CodeOIDCNoPermission || e.Code == client.CodeNoPermission:
		return at.AtName("role_arn"), summary, fmt.Sprintf("The role %s does not trust the OIDC provider %s (or the token's "+
			"claims do not meet its trust policy's conditions): add the provider to the role's trust policy, or check %s.",
			e.RoleArn, o.providerArn, arn)
	case e.Code == client.CodeOIDCTokenExpired:
		return tokenAttr, summary, fmt.Sprintf("The OIDC token has expired: have the CI system issue a fresh one (check %s), "+
			"just before terraform runs.", token)
	case e.Code == client.CodeOIDCTokenInvalidSignature:
		return tokenAttr, summary, fmt.Sprintf("No key of the OIDC provider %s verifies the token's signature: the token is "+
			"from another issuer, or the provider's keys (fingerprints) in RAM are outdated. Check %s.", o.providerArn, token)
	case e.Code == client.CodeOIDCTokenIssuerNotMatch:
		return tokenAttr, summary, fmt.Sprintf("The token's issuer (iss) is not the issuer URL of the OIDC provider %s: check %s, "+
			"or the provider's issuer URL in RAM.", o.providerArn, token)
	case e.Code == client.CodeOIDCTokenAudienceNotMatch:
		return tokenAttr, summary, fmt.Sprintf("The token's audience (aud) is not a client ID of the OIDC provider %s: request "+
			"the token for that audience (often sts.aliyuncs.com), or add the audience to the provider in RAM.", o.providerArn)
	case strings.HasPrefix(e.Code, "AuthenticationFail.OIDCToken"):
		return tokenAttr, summary, fmt.Sprintf("STS does not take %s as an OIDC token: it must hold the JWT alone (three "+
			"base64url parts joined by '.', with no trailing newline).", token)
	case e.Code == client.CodeRoleNotFound || e.Code == client.CodeInvalidRoleArn:
		return at.AtName("role_arn"), summary, fmt.Sprintf("The role %s does not exist: check %s.", e.RoleArn, arn)
	case strings.Contains(e.Code, "OIDCProvider") || strings.Contains(e.Code, "OIDCProviderArn"):
		return at.AtName("oidc_provider_arn"), summary, fmt.Sprintf("Check %s.", o.providerArnFrom.describe("oidc_provider_arn", envOIDCProviderArn))
	case e.Code == client.CodeInvalidRoleSessionName:
		return at.AtName("session_name"), summary, "Use 2 to 64 letters, digits, '.', '@', '-' or '_' for session_name."
	case e.Code == client.CodeInvalidDurationSeconds:
		return at.AtName("session_expiration"), summary, fmt.Sprintf("Use a session_expiration from %d seconds up to the role's "+
			"maximum session duration.", minSessionSeconds)
	case e.Code == "":
		return tokenAttr, summary, fmt.Sprintf("The temporary credentials of %s could not be fetched: %s.", e.RoleArn, e.Cause)
	}
	return at.AtName("role_arn"), summary, fmt.Sprintf("STS refused the OIDC token for %s (%s): check %s and the role's trust policy.",
		e.RoleArn, e.Code, arn)
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
