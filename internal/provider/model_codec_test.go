package provider

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// codecModels are trails in the shapes a plan or a state holds: known, null and unknown values,
// delivery_status absent and present, a timeouts block set.
func codecModels() map[string]trailModel {
	known := benchTrail()
	withDelivery := benchTrail()
	withDelivery.CheckDelivery = types.BoolValue(true)
	withDelivery.DeliveryStatus = &deliveryStatusModel{
		IsLogging: types.BoolValue(true), OssLatestDeliveryTime: types.StringValue("2024-01-01T00:00:00Z"),
		OssLatestDeliveryError: types.StringNull(), OssBucketAvailable: types.BoolValue(true),
		SlsLatestDeliveryTime: types.StringNull(), SlsLatestDeliveryError: types.StringNull(), SlsLogstoreAvailable: types.BoolNull(),
	}
	withDelivery.Timeouts = timeouts.Value{Object: types.ObjectValueMust(timeoutsAttrTypes, map[string]attr.Value{
		"create": types.StringValue("1m"), "read": types.StringNull(), "update": types.StringNull(), "delete": types.StringValue("30s"),
	})}
	planned := benchTrail()
	planned.ID, planned.HomeRegion, planned.Status = types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	planned.TrailArn, planned.CreateTime, planned.OssWriteRoleArn = types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	planned.EnableLogging = types.BoolUnknown()
	var empty trailModel
	v := reflect.ValueOf(&empty).Elem()
	for i := range v.NumField() { // every value null
		switch f := v.Field(i).Addr().Interface().(type) {
		case *types.String:
			*f = types.StringNull()
		case *types.Bool:
			*f = types.BoolNull()
		case *timeouts.Value:
			*f = timeouts.Value{Object: types.ObjectNull(timeoutsAttrTypes)}
		}
	}
	return map[string]trailModel{"known": known, "delivery status and timeouts": withDelivery, "planned": planned, "null": empty}
}

// TestModelCodecIsTheFrameworksConversion: the codec reads and writes what the framework's Get and
// Set with the struct do, value for value.
func TestModelCodecIsTheFrameworksConversion(t *testing.T) {
	ctx := context.Background()
	sch := trailSchema()
	for name, m := range codecModels() {
		t.Run(name, func(t *testing.T) {
			want := tfsdk.State{Schema: sch}
			if d := want.Set(ctx, &m); d.HasError() {
				t.Fatal(d)
			}
			got := tfsdk.State{Schema: sch}
			if d := trailCodec.set(ctx, &got, &m); d.HasError() {
				t.Fatal(d)
			}
			if !got.Raw.Equal(want.Raw) {
				t.Fatalf("set wrote\n%s\nthe framework writes\n%s", got.Raw, want.Raw)
			}

			var fromFramework trailModel
			if d := want.Get(ctx, &fromFramework); d.HasError() {
				t.Fatal(d)
			}
			for _, from := range []interface {
				Get(context.Context, any) diag.Diagnostics
			}{want, tfsdk.Plan{Schema: sch, Raw: want.Raw}} {
				read, d := trailCodec.get(ctx, from)
				if d.HasError() {
					t.Fatal(d)
				}
				if !reflect.DeepEqual(read, fromFramework) {
					t.Fatalf("get read\n%+v\nthe framework reads\n%+v", read, fromFramework)
				}
			}
		})
	}
}

func TestModelCodecRefuses(t *testing.T) {
	ctx := context.Background()
	sch := trailSchema()
	objType := sch.Type().TerraformType(ctx)
	for name, raw := range map[string]tftypes.Value{
		"a null object":     tftypes.NewValue(objType, nil),
		"an unknown object": tftypes.NewValue(objType, tftypes.UnknownValue),
	} {
		t.Run(name, func(t *testing.T) {
			_, d := trailCodec.get(ctx, tfsdk.State{Schema: sch, Raw: raw})
			if !d.HasError() || !strings.Contains(d[0].Detail(), "always an error in the provider") {
				t.Fatalf("want an error blaming the provider, got %v", d)
			}
		})
	}
	for name, c := range map[string]struct {
		get  func(tfsdk.State) diag.Diagnostics
		want string
	}{
		"a model with an attribute the schema lacks": {
			get: func(st tfsdk.State) diag.Diagnostics {
				_, d := newModelCodec[struct {
					Name  types.String `tfsdk:"name"`
					Extra types.String `tfsdk:"extra"`
				}]().get(ctx, st)
				return d
			},
			want: `the schema has no attribute "extra"`,
		},
		"a model without an attribute of the schema": {
			get: func(st tfsdk.State) diag.Diagnostics {
				_, d := newModelCodec[struct{}]().get(ctx, st)
				return d
			},
			want: `the model has no field for [name]`,
		},
	} {
		t.Run(name, func(t *testing.T) {
			d := c.get(nameOnlyState(t))
			if !d.HasError() || !strings.Contains(d[0].Detail(), c.want) {
				t.Fatalf("want an error saying %q, got %v", c.want, d)
			}
		})
	}
	for name, build := range map[string]func(){
		"not a struct": func() { newModelCodec[string]() },
		"an untagged field": func() {
			newModelCodec[struct{ Name types.String }]()
		},
		"a tag twice": func() {
			newModelCodec[struct {
				A types.String `tfsdk:"a"`
				B types.String `tfsdk:"a"`
			}]()
		},
		"a tag starting with a digit": func() {
			newModelCodec[struct {
				A types.String `tfsdk:"1a"`
			}]()
		},
		"an upper-case tag": func() {
			newModelCodec[struct {
				A types.String `tfsdk:"Name"`
			}]()
		},
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("want a panic")
				}
			}()
			build()
		})
	}
}

// nameOnlyState is the state of a schema with one attribute, name = "n".
func nameOnlyState(t *testing.T) tfsdk.State {
	t.Helper()
	st := tfsdk.State{Schema: schema.Schema{Attributes: map[string]schema.Attribute{"name": schema.StringAttribute{Optional: true}}}}
	if d := st.Set(context.Background(), &struct {
		Name types.String `tfsdk:"name"`
	}{types.StringValue("n")}); d.HasError() {
		t.Fatal(d)
	}
	return st
}

func TestModelCodecLeavesOutIgnoredFields(t *testing.T) {
	type model struct {
		Name  types.String `tfsdk:"name"`
		Notes string       `tfsdk:"-"`
	}
	c := newModelCodec[model]()
	st := nameOnlyState(t)
	got, d := c.get(context.Background(), st)
	if d.HasError() || got.Name.ValueString() != "n" || got.Notes != "" {
		t.Fatalf("got %+v, %v", got, d)
	}
	got.Notes = "not an attribute"
	out := tfsdk.State{Schema: st.Schema}
	if d := c.set(context.Background(), &out, &got); d.HasError() || !out.Raw.Equal(st.Raw) {
		t.Fatalf("set wrote %s (%v), want %s", out.Raw, d, st.Raw)
	}
}
