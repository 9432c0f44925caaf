// Package noop is the benchmark's plugin floor: a terraform-plugin-framework provider "benchnoop"
// whose resource benchnoop_trail has the schema of actiontrail_trail, taken from the real
// resource (provider.NewTrailResource().Schema) with only the descriptions and validators taken
// out, and does no work: Create and Update copy the plan to the state and fill the computed values,
// Read keeps the state, Delete forgets it. No API, no validators, no ModifyPlan. Its provider
// schema is the actiontrail provider's, stripped the same way, and its Configure does nothing but
// count itself when asked (ConfigureFileEnv).
//
// What Terraform, the plugin protocol and the framework cost for N resources of this schema is
// what benchnoop_trail costs; anything actiontrail_trail costs beyond that is the provider's own.
package noop

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/provider"
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
func New() fwprovider.Provider { return &noopProvider{} }

type noopProvider struct{}

func (p *noopProvider) Metadata(_ context.Context, _ fwprovider.MetadataRequest, resp *fwprovider.MetadataResponse) {
	resp.TypeName = "benchnoop"
	resp.Version = "bench"
}

// Schema is the actiontrail provider's schema without descriptions and validators, so that the
// floor accepts the same provider blocks (assume_role included) and Terraform does the same work
// for them.
func (p *noopProvider) Schema(ctx context.Context, req fwprovider.SchemaRequest, resp *fwprovider.SchemaResponse) {
	provider.New("bench")().Schema(ctx, req, resp)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Schema.Description, resp.Schema.MarkdownDescription = "", ""
	fail := func(kind string) func(string, error) {
		return func(name string, err error) {
			resp.Diagnostics.AddError("benchnoop cannot mirror the actiontrail provider", fmt.Sprintf("%s %s: %v", kind, name, err))
		}
	}
	resp.Schema.Attributes = stripEach(resp.Schema.Attributes, providerAttrWithoutValidation, fail("attribute"))
	resp.Schema.Blocks = stripEach(resp.Schema.Blocks, providerBlockWithoutValidation, fail("block"))
}

// stripEach returns m with strip applied to each entry; an entry strip refuses goes to fail and is
// left out.
func stripEach[T any](m map[string]T, strip func(T) (T, error), fail func(name string, err error)) map[string]T {
	out := make(map[string]T, len(m))
	for name, v := range m {
		bare, err := strip(v)
		if err != nil {
			fail(name, err)
			continue
		}
		out[name] = bare
	}
	return out
}

// stripNested is stripEach for the entries of a nested attribute or block: the first entry strip
// refuses (by name) fails the whole.
func stripNested[T any](m map[string]T, strip func(T) (T, error)) (map[string]T, error) {
	var first error
	out := stripEach(m, strip, func(name string, err error) {
		if first == nil {
			first = fmt.Errorf("%s: %w", name, err)
		}
	})
	return out, first
}

// bareFields are what the fixture takes out of every attribute and block it mirrors: each of the
// framework's attribute and block kinds has these three fields (the validators typed by kind).
var bareFields = []string{"Description", "MarkdownDescription", "Validators"}

// bare returns a copy of a schema attribute or block (a struct, held as T) with bareFields zeroed.
// The callers list the kinds they accept; a kind without one of the fields is refused.
func bare[T any](a T) (T, error) {
	var zero T
	v := reflect.ValueOf(a)
	if v.Kind() != reflect.Struct {
		return zero, fmt.Errorf("%T is not a struct", a)
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	for _, name := range bareFields {
		f := c.FieldByName(name)
		if !f.IsValid() {
			return zero, fmt.Errorf("%T has no field %s", a, name)
		}
		f.SetZero()
	}
	out, ok := c.Interface().(T)
	if !ok {
		return zero, fmt.Errorf("%T is not a %T", a, zero)
	}
	return out, nil
}

// providerAttrWithoutValidation is withoutValidation for the provider schema's attribute kinds.
func providerAttrWithoutValidation(a pschema.Attribute) (pschema.Attribute, error) {
	switch a.(type) {
	case pschema.StringAttribute, pschema.BoolAttribute, pschema.Int64Attribute:
		return bare(a)
	}
	return nil, fmt.Errorf("%T is not handled by bench/noop's providerAttrWithoutValidation: add it", a)
}

// providerBlockWithoutValidation strips a provider block (assume_role, assume_role_with_oidc): a
// single nested block of attributes.
func providerBlockWithoutValidation(b pschema.Block) (pschema.Block, error) {
	sb, ok := b.(pschema.SingleNestedBlock)
	if !ok || len(sb.Blocks) > 0 {
		return nil, fmt.Errorf("%T (with %d nested blocks) is not handled by bench/noop's providerBlockWithoutValidation: add it", b, len(sb.Blocks))
	}
	attrs, err := stripNested(sb.Attributes, providerAttrWithoutValidation)
	if err != nil {
		return nil, err
	}
	sb.Attributes = attrs
	return bare[pschema.Block](sb)
}

// ConfigureFileEnv names a file to which Configure appends one line per call, when set: the
// benchmark counts how many times Terraform configures each provider configuration per command
// (an append of a few bytes, next to the process start that every configuration costs anyway).
const ConfigureFileEnv = "BENCH_CONFIGURE_FILE"

// Configure does no work; it only counts itself in $BENCH_CONFIGURE_FILE when that is set.
func (p *noopProvider) Configure(context.Context, fwprovider.ConfigureRequest, *fwprovider.ConfigureResponse) {
	if file := os.Getenv(ConfigureFileEnv); file != "" {
		if f, err := os.OpenFile(file, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644); err == nil {
			// One short write with O_APPEND: lines from concurrent providers do not interleave.
			_, _ = f.WriteString("configure\n")
			_ = f.Close()
		}
	}
}

func (p *noopProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{NewTrailResource}
}

func (p *noopProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// NewTrailResource returns benchnoop_trail.
func NewTrailResource() resource.Resource { return &trailResource{} }

type trailResource struct{}

func (r *trailResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_trail"
}

// Schema is actiontrail_trail's schema without descriptions and validators: the same attributes,
// types, flags, defaults, plan modifiers and timeouts block, so that Terraform and the framework
// do the same work for both.
func (r *trailResource) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	provider.NewTrailResource().Schema(ctx, req, resp)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Schema.Description, resp.Schema.MarkdownDescription = "", ""
	resp.Schema.Attributes = stripEach(resp.Schema.Attributes, withoutValidation, func(name string, err error) {
		resp.Diagnostics.AddError("benchnoop_trail cannot mirror actiontrail_trail", fmt.Sprintf("attribute %s: %v", name, err))
	})
	for name := range resp.Schema.Blocks {
		// The timeouts block is the framework-timeouts module's own (its duration validator
		// included), the same in both resources; any other block would need stripping here.
		if name != "timeouts" {
			resp.Diagnostics.AddError("benchnoop_trail cannot mirror actiontrail_trail",
				fmt.Sprintf("block %s: only the timeouts block is known to bench/noop; strip this one too", name))
		}
	}
}

// withoutValidation returns a copy of a top-level attribute without its descriptions and
// validators. Kinds actiontrail_trail does not use are refused, not passed through with their
// validators, so that the fixture never silently does the real resource's work.
func withoutValidation(a schema.Attribute) (schema.Attribute, error) {
	switch a := a.(type) {
	case schema.StringAttribute, schema.BoolAttribute, schema.Int64Attribute, schema.ListAttribute, schema.SetAttribute, schema.MapAttribute:
		return bare(a)
	case schema.SingleNestedAttribute:
		nested, err := stripNested(a.Attributes, withoutValidation)
		if err != nil {
			return nil, err
		}
		a.Attributes = nested
		return bare[schema.Attribute](a)
	}
	return nil, fmt.Errorf("%T is not handled by bench/noop's withoutValidation: add it", a)
}

// apply writes the plan to the state with the computed values filled in, as Create and Update do.
// The plan is read as one object (no model struct: the attributes are the real resource's).
func apply(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State) diag.Diagnostics {
	var obj types.Object
	diags := plan.Get(ctx, &obj)
	if diags.HasError() {
		return diags
	}
	attrs := obj.Attributes()
	fill(attrs)
	if err := nullUnknowns(ctx, attrs); err != nil {
		diags.AddError("benchnoop_trail: filling the state", err.Error())
		return diags
	}
	out, d := types.ObjectValue(obj.AttributeTypes(ctx), attrs)
	diags.Append(d...)
	if diags.HasError() {
		return diags
	}
	diags.Append(state.Set(ctx, out)...)
	return diags
}

// fill sets the computed values the API would report.
func fill(attrs map[string]attr.Value) {
	str := func(name string) types.String { v, _ := attrs[name].(types.String); return v }
	region := str("region")
	if region.IsUnknown() || region.IsNull() {
		region = types.StringValue(defaultRegion)
		attrs["region"] = region
	}
	name := str("name")
	attrs["id"] = name
	for _, k := range []string{"sls_write_role_arn", "oss_write_role_arn"} {
		if str(k).IsUnknown() {
			attrs[k] = types.StringNull()
		}
	}
	attrs["home_region"] = types.StringValue(region.ValueString())
	enabled, _ := attrs["enable_logging"].(types.Bool)
	switch status := str("status"); {
	case enabled.ValueBool():
		attrs["status"] = types.StringValue("Enable")
	case status.IsUnknown() || status.IsNull():
		attrs["status"] = types.StringValue("Fresh")
	default:
		attrs["status"] = types.StringValue("Disable")
	}
	attrs["trail_arn"] = types.StringValue("acs:actiontrail:" + region.ValueString() + ":" + accountID + ":trail/" + name.ValueString())
	if t := str("create_time"); t.IsUnknown() || t.IsNull() {
		attrs["create_time"] = types.StringValue(createTime)
	}
}

// nullUnknowns sets what fill did not (a computed attribute the real resource gained since) to
// null: a state holds no unknown values.
func nullUnknowns(ctx context.Context, attrs map[string]attr.Value) error {
	for k, v := range attrs {
		if !v.IsUnknown() {
			continue
		}
		null, err := v.Type(ctx).ValueFromTerraform(ctx, tftypes.NewValue(v.Type(ctx).TerraformType(ctx), nil))
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		attrs[k] = null
	}
	return nil
}

// RoundTripEnv, when set to a duration, makes benchnoop_trail the ideal provider at that API
// latency: no work of its own, and per operation only the round trips it cannot avoid, one after
// the other. A create waits two (CreateTrail, then StartLogging with the read-back beside it), an
// update two (UpdateTrail, then the read-back), a delete one (DeleteTrail); a refresh's reads,
// shared by every trail of the region, cost nothing per trail. Empty: no wait (the floor).
const RoundTripEnv = "BENCH_ROUND_TRIP"

// roundTrip is $BENCH_ROUND_TRIP, or zero.
var roundTrip = func() time.Duration {
	d, _ := time.ParseDuration(os.Getenv(RoundTripEnv))
	return d
}()

// wait waits n round trips, or until ctx ends.
func wait(ctx context.Context, n int) {
	if roundTrip <= 0 {
		return
	}
	t := time.NewTimer(time.Duration(n) * roundTrip)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

func (r *trailResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	wait(ctx, 2)
	resp.Diagnostics.Append(apply(ctx, req.Plan, &resp.State)...)
}

// Read keeps the state as it is (the framework pre-fills the response with it).
func (r *trailResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *trailResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	wait(ctx, 2)
	resp.Diagnostics.Append(apply(ctx, req.Plan, &resp.State)...)
}

// Delete does nothing (but wait, see RoundTripEnv); the framework removes the resource from the
// state.
func (r *trailResource) Delete(ctx context.Context, _ resource.DeleteRequest, _ *resource.DeleteResponse) {
	wait(ctx, 1)
}
