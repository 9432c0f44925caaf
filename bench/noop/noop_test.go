package noop

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/provider"
)

// providerSchema is a provider server's GetProviderSchema answer; a diagnostic fails the test.
func providerSchema(t *testing.T, srv func() (tfprotov6.ProviderServer, error)) *tfprotov6.GetProviderSchemaResponse {
	t.Helper()
	s, err := srv()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Fatalf("%s: %s", d.Summary, d.Detail)
	}
	return resp
}

// protoResourceSchema is a resource's schema as Terraform receives it, with the text stripped.
func protoResourceSchema(t *testing.T, srv func() (tfprotov6.ProviderServer, error), typ string) string {
	t.Helper()
	rs := providerSchema(t, srv).ResourceSchemas[typ]
	if rs == nil {
		t.Fatalf("no resource %s", typ)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "version %d\n", rs.Version)
	describeBlock(&b, "", rs.Block)
	return b.String()
}

func describeBlock(b *strings.Builder, prefix string, blk *tfprotov6.SchemaBlock) {
	attrs := slices.Clone(blk.Attributes)
	sort.Slice(attrs, func(i, j int) bool { return attrs[i].Name < attrs[j].Name })
	for _, a := range attrs {
		fmt.Fprintf(b, "%sattr %s type=%s required=%v optional=%v computed=%v sensitive=%v writeonly=%v nested=%v\n",
			prefix, a.Name, a.Type, a.Required, a.Optional, a.Computed, a.Sensitive, a.WriteOnly, a.NestedType != nil)
	}
	blocks := slices.Clone(blk.BlockTypes)
	sort.Slice(blocks, func(i, j int) bool { return blocks[i].TypeName < blocks[j].TypeName })
	for _, nb := range blocks {
		fmt.Fprintf(b, "%sblock %s nesting=%v min=%d max=%d\n", prefix, nb.TypeName, nb.Nesting, nb.MinItems, nb.MaxItems)
		describeBlock(b, prefix+"  ", nb.Block)
	}
}

// TestSchemaIsTheTrails: benchnoop_trail, as Terraform receives it, has actiontrail_trail's
// schema (the fixture's Schema reports an attribute or block it cannot mirror as an error, which
// fails here), and keeps none of its descriptions and validators.
func TestSchemaIsTheTrails(t *testing.T) {
	ours := protoResourceSchema(t, providerserver.NewProtocol6WithError(provider.New("test")()), "actiontrail_trail")
	fixture := protoResourceSchema(t, providerserver.NewProtocol6WithError(New()), "benchnoop_trail")
	if ours != fixture {
		t.Errorf("benchnoop_trail's schema differs from actiontrail_trail's.\nactiontrail_trail:\n%s\nbenchnoop_trail:\n%s", ours, fixture)
	}
	s := fixtureSchema(t)
	if s.Description != "" || s.MarkdownDescription != "" {
		t.Error("the fixture's schema keeps the resource's description")
	}
	if len(s.Attributes) == 0 {
		t.Fatal("no attributes")
	}
	for name, a := range s.Attributes {
		if a.GetDescription() != "" || a.GetMarkdownDescription() != "" {
			t.Errorf("%s keeps its description", name)
		}
		if n := validators(a); n != 0 {
			t.Errorf("%s keeps %d validators", name, n)
		}
	}
}

// protoProviderSchema is a provider's own schema (the provider block) as Terraform receives it.
func protoProviderSchema(t *testing.T, srv func() (tfprotov6.ProviderServer, error)) string {
	t.Helper()
	var b strings.Builder
	describeBlock(&b, "", providerSchema(t, srv).Provider.Block)
	return b.String()
}

// TestProviderSchemaIsTheProviders: the benchnoop provider block, as Terraform receives it, is
// the actiontrail provider's (assume_role and assume_role_with_oidc included), with none of its
// descriptions and validators.
func TestProviderSchemaIsTheProviders(t *testing.T) {
	ours := protoProviderSchema(t, providerserver.NewProtocol6WithError(provider.New("test")()))
	fixture := protoProviderSchema(t, providerserver.NewProtocol6WithError(New()))
	if ours != fixture {
		t.Errorf("the benchnoop provider's schema differs from actiontrail's.\nactiontrail:\n%s\nbenchnoop:\n%s", ours, fixture)
	}
	if !strings.Contains(fixture, "block assume_role ") {
		t.Errorf("no assume_role block:\n%s", fixture)
	}
	var resp fwprovider.SchemaResponse
	New().Schema(context.Background(), fwprovider.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	if resp.Schema.Description != "" || resp.Schema.MarkdownDescription != "" {
		t.Error("the fixture's provider schema keeps the description")
	}
	check := func(where string, a pschema.Attribute) {
		if a.GetDescription() != "" || a.GetMarkdownDescription() != "" {
			t.Errorf("%s keeps its description", where)
		}
		if n := providerValidators(a); n != 0 {
			t.Errorf("%s keeps %d validators", where, n)
		}
	}
	for name, a := range resp.Schema.Attributes {
		check(name, a)
	}
	for name, b := range resp.Schema.Blocks {
		sb, ok := b.(pschema.SingleNestedBlock)
		if !ok {
			t.Fatalf("block %s is a %T", name, b)
		}
		if sb.GetDescription() != "" || sb.GetMarkdownDescription() != "" || len(sb.Validators) != 0 {
			t.Errorf("block %s keeps its description or validators", name)
		}
		for an, a := range sb.Attributes {
			check(name+"."+an, a)
		}
	}
}

// providerValidators counts a provider attribute's validators; -1 for a kind the fixture does not handle.
func providerValidators(a pschema.Attribute) int {
	switch a.(type) {
	case pschema.StringAttribute, pschema.BoolAttribute, pschema.Int64Attribute:
		return validatorCount(a)
	}
	return -1
}

// validatorCount is the length of an attribute's Validators field, which each kind the fixture
// handles has (typed by kind).
func validatorCount(a any) int { return reflect.ValueOf(a).FieldByName("Validators").Len() }

// TestConfigureCountsItself: with ConfigureFileEnv set, each Configure appends a line.
func TestConfigureCountsItself(t *testing.T) {
	file := filepath.Join(t.TempDir(), "configures")
	t.Setenv(ConfigureFileEnv, file)
	p := New()
	for range 3 {
		p.Configure(context.Background(), fwprovider.ConfigureRequest{}, &fwprovider.ConfigureResponse{})
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(raw), "\n"); n != 3 {
		t.Errorf("%d lines after 3 Configure calls:\n%s", n, raw)
	}
}

// validators counts an attribute's validators; -1 for a kind withoutValidation does not handle.
func validators(a schema.Attribute) int {
	switch a := a.(type) {
	case schema.StringAttribute, schema.BoolAttribute, schema.Int64Attribute, schema.ListAttribute, schema.SetAttribute, schema.MapAttribute:
		return validatorCount(a)
	case schema.SingleNestedAttribute:
		n := len(a.Validators)
		for _, nested := range a.Attributes {
			k := validators(nested)
			if k < 0 {
				return -1
			}
			n += k
		}
		return n
	}
	return -1
}

func fixtureSchema(t *testing.T) schema.Schema {
	t.Helper()
	var resp resource.SchemaResponse
	NewTrailResource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	return resp.Schema
}

// planOf is a plan of the fixture's schema: the given values, unknown for the other computed
// attributes (as Terraform plans a create), null for the rest.
func planOf(t *testing.T, s schema.Schema, set map[string]tftypes.Value) tfsdk.Plan {
	t.Helper()
	typ, ok := s.Type().TerraformType(context.Background()).(tftypes.Object)
	if !ok {
		t.Fatalf("schema type %T", s.Type())
	}
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		switch a, isAttr := s.Attributes[name]; {
		case set[name].Type() != nil:
			vals[name] = set[name]
		case isAttr && a.IsComputed():
			vals[name] = tftypes.NewValue(at, tftypes.UnknownValue)
		default:
			vals[name] = tftypes.NewValue(at, nil)
		}
	}
	return tfsdk.Plan{Schema: s, Raw: tftypes.NewValue(typ, vals)}
}

// TestCreateAndUpdateFillTheState runs Create, then Update with logging switched off, on the
// real resource's schema: the state holds no unknown value and the computed values the API would
// report.
func TestCreateAndUpdateFillTheState(t *testing.T) {
	ctx := context.Background()
	s := fixtureSchema(t)
	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	set := map[string]tftypes.Value{
		"name": str("bench-00001"), "oss_bucket_name": str("actiontrail-demo-bucket"), "oss_key_prefix": str("bench-prefix"),
		"event_rw": str("Write"), "trail_region": str("All"),
		"is_organization_trail": tftypes.NewValue(tftypes.Bool, false), "enable_logging": tftypes.NewValue(tftypes.Bool, true),
	}
	r := NewTrailResource()
	created := resource.CreateResponse{State: tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}}
	r.Create(ctx, resource.CreateRequest{Plan: planOf(t, s, set)}, &created)
	want := map[string]string{
		"id": "bench-00001", "region": "cn-hangzhou", "home_region": "cn-hangzhou", "status": "Enable",
		"trail_arn": "acs:actiontrail:cn-hangzhou:1234567890123456:trail/bench-00001", "create_time": "2024-01-01T00:00:00Z",
	}
	checkState(t, "create", created.State, created.Diagnostics, want)

	set["enable_logging"] = tftypes.NewValue(tftypes.Bool, false)
	for _, k := range []string{"id", "region", "home_region", "status", "trail_arn", "create_time"} { // UseStateForUnknown
		set[k] = str(want[k])
	}
	updated := resource.UpdateResponse{State: created.State}
	r.Update(ctx, resource.UpdateRequest{Plan: planOf(t, s, set), State: created.State}, &updated)
	want["status"] = "Disable"
	checkState(t, "update", updated.State, updated.Diagnostics, want)
}

func checkState(t *testing.T, op string, st tfsdk.State, diags diag.Diagnostics, want map[string]string) {
	t.Helper()
	if diags.HasError() {
		t.Fatalf("%s: %v", op, diags)
	}
	if !st.Raw.IsFullyKnown() {
		t.Errorf("%s: the state holds unknown values: %s", op, st.Raw)
	}
	for k, w := range want {
		var got types.String
		if d := st.GetAttribute(context.Background(), path.Root(k), &got); d.HasError() || got.ValueString() != w {
			t.Errorf("%s: %s = %s (%v), want %q", op, k, got, d, w)
		}
	}
}

// anyValidator satisfies the validator interface of every attribute and block kind in these
// tests and does nothing: each case's element can carry one.
type anyValidator struct{}

func (anyValidator) Description(context.Context) string         { return "checks" }
func (anyValidator) MarkdownDescription(context.Context) string { return "checks" }
func (anyValidator) ValidateString(context.Context, validator.StringRequest, *validator.StringResponse) {
}
func (anyValidator) ValidateBool(context.Context, validator.BoolRequest, *validator.BoolResponse) {}
func (anyValidator) ValidateInt64(context.Context, validator.Int64Request, *validator.Int64Response) {
}
func (anyValidator) ValidateList(context.Context, validator.ListRequest, *validator.ListResponse) {}
func (anyValidator) ValidateSet(context.Context, validator.SetRequest, *validator.SetResponse)    {}
func (anyValidator) ValidateMap(context.Context, validator.MapRequest, *validator.MapResponse)    {}
func (anyValidator) ValidateObject(context.Context, validator.ObjectRequest, *validator.ObjectResponse) {
}

// stripCase is a case of a strip function: what it returns for in, or (wantErr set) a part of the
// error it refuses in with.
type stripCase[T any] struct {
	name    string
	in      T
	want    T
	wantErr string
}

// runStripCases runs strip (named fn in the messages) on each case as a subtest.
func runStripCases[T any](t *testing.T, fn string, strip func(T) (T, error), cases []stripCase[T]) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := strip(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || any(got) != nil {
					t.Fatalf("%s = %#v, %v; want an error with %q", fn, got, err, tc.wantErr)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s =\n%#v, %v\nwant\n%#v", fn, got, err, tc.want)
			}
		})
	}
}

// TestWithoutValidation: every attribute kind withoutValidation handles comes back with the same
// flags and without its descriptions and validators (a nested attribute's attributes too); other
// kinds are refused, naming the kind (and, nested, the attribute).
func TestWithoutValidation(t *testing.T) {
	v := anyValidator{}
	nested := func(inner schema.Attribute) schema.SingleNestedAttribute {
		return schema.SingleNestedAttribute{Optional: true, Description: "d", MarkdownDescription: "m",
			Validators: []validator.Object{v}, Attributes: map[string]schema.Attribute{"inner": inner}}
	}
	runStripCases(t, "withoutValidation", withoutValidation, []stripCase[schema.Attribute]{
		{name: "string", in: schema.StringAttribute{Required: true, Sensitive: true, Description: "d", MarkdownDescription: "m", Validators: []validator.String{v}},
			want: schema.StringAttribute{Required: true, Sensitive: true}},
		{name: "bool", in: schema.BoolAttribute{Optional: true, Computed: true, Description: "d", MarkdownDescription: "m", Validators: []validator.Bool{v}},
			want: schema.BoolAttribute{Optional: true, Computed: true}},
		{name: "int64", in: schema.Int64Attribute{Optional: true, Description: "d", MarkdownDescription: "m", Validators: []validator.Int64{v, v}},
			want: schema.Int64Attribute{Optional: true}},
		{name: "list", in: schema.ListAttribute{ElementType: types.StringType, Optional: true, Description: "d", MarkdownDescription: "m", Validators: []validator.List{v}},
			want: schema.ListAttribute{ElementType: types.StringType, Optional: true}},
		{name: "set", in: schema.SetAttribute{ElementType: types.StringType, Computed: true, Description: "d", MarkdownDescription: "m", Validators: []validator.Set{v}},
			want: schema.SetAttribute{ElementType: types.StringType, Computed: true}},
		{name: "map", in: schema.MapAttribute{ElementType: types.Int64Type, Optional: true, Description: "d", MarkdownDescription: "m", Validators: []validator.Map{v}},
			want: schema.MapAttribute{ElementType: types.Int64Type, Optional: true}},
		{name: "no descriptions or validators", in: schema.StringAttribute{Optional: true}, want: schema.StringAttribute{Optional: true}},
		{name: "single nested", in: nested(schema.StringAttribute{Required: true, Description: "d", Validators: []validator.String{v}}),
			want: schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{"inner": schema.StringAttribute{Required: true}}}},
		{name: "unhandled kind", in: schema.Float64Attribute{Optional: true}, wantErr: "schema.Float64Attribute is not handled by bench/noop's withoutValidation"},
		{name: "unhandled nested kind", in: nested(schema.ListNestedAttribute{Optional: true}), wantErr: "inner: schema.ListNestedAttribute is not handled"},
		{name: "null attribute", in: nil, wantErr: "<nil> is not handled"},
	})
}

// TestProviderAttrWithoutValidation: the provider schema's attribute kinds come back without
// descriptions and validators; other kinds are refused.
func TestProviderAttrWithoutValidation(t *testing.T) {
	v := anyValidator{}
	runStripCases(t, "providerAttrWithoutValidation", providerAttrWithoutValidation, []stripCase[pschema.Attribute]{
		{name: "string", in: pschema.StringAttribute{Optional: true, Sensitive: true, Description: "d", MarkdownDescription: "m", Validators: []validator.String{v}},
			want: pschema.StringAttribute{Optional: true, Sensitive: true}},
		{name: "bool", in: pschema.BoolAttribute{Optional: true, Description: "d", MarkdownDescription: "m", Validators: []validator.Bool{v}},
			want: pschema.BoolAttribute{Optional: true}},
		{name: "int64", in: pschema.Int64Attribute{Optional: true, Description: "d", MarkdownDescription: "m", Validators: []validator.Int64{v}},
			want: pschema.Int64Attribute{Optional: true}},
		{name: "unhandled kind", in: pschema.ListAttribute{ElementType: types.StringType, Optional: true},
			wantErr: "schema.ListAttribute is not handled by bench/noop's providerAttrWithoutValidation"},
		{name: "null attribute", in: nil, wantErr: "<nil> is not handled"},
	})
}

// TestProviderBlockWithoutValidation: a single nested provider block of attributes comes back
// without descriptions and validators (its attributes too); other blocks are refused.
func TestProviderBlockWithoutValidation(t *testing.T) {
	v := anyValidator{}
	block := func(inner pschema.Attribute) pschema.SingleNestedBlock {
		return pschema.SingleNestedBlock{Description: "d", MarkdownDescription: "m", Validators: []validator.Object{v},
			Attributes: map[string]pschema.Attribute{"inner": inner}}
	}
	runStripCases(t, "providerBlockWithoutValidation", providerBlockWithoutValidation, []stripCase[pschema.Block]{
		{name: "single nested", in: block(pschema.StringAttribute{Optional: true, Description: "d", Validators: []validator.String{v}}),
			want: pschema.SingleNestedBlock{Attributes: map[string]pschema.Attribute{"inner": pschema.StringAttribute{Optional: true}}}},
		{name: "unhandled nested kind", in: block(pschema.Float64Attribute{Optional: true}), wantErr: "inner: schema.Float64Attribute is not handled"},
		{name: "nested blocks", in: pschema.SingleNestedBlock{Blocks: map[string]pschema.Block{"b": pschema.SingleNestedBlock{}}}, wantErr: "with 1 nested blocks"},
		{name: "list nested block", in: pschema.ListNestedBlock{}, wantErr: "schema.ListNestedBlock (with 0 nested blocks) is not handled"},
		{name: "null block", in: nil, wantErr: "<nil> (with 0 nested blocks) is not handled"},
	})
}
