package provider

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// modelCodec reads a model struct (a field per attribute, tfsdk tags) from a plan or a state and
// writes it to a state, as the framework's Get and Set with a struct do, but with the struct's
// layout worked out once. The framework works the layout out again on every call, and compiles a
// regular expression per field while at it (internal/reflect.isValidFieldName,
// hashicorp/terraform-plugin-framework#725): on an apply, plan or destroy of 100 trails that was
// about a tenth of the provider's allocations (profiles of `make bench BENCHFLAGS=-profile`). The
// framework still converts the values: the plan or the state is read as one object value, whose
// attributes are the fields; a field of another type than its attribute's value (a pointer to a
// nested model) goes through the framework's conversion on its own.
type modelCodec[T any] struct {
	fields []codecField
}

// codecField is one field of a model: its attribute, its index in the struct, and whether the
// attribute's value is assigned to it as it is (the field's type is an attr.Value).
type codecField struct {
	name   string
	index  int
	direct bool
}

var attrValueType = reflect.TypeFor[attr.Value]()

// newModelCodec works out T's layout. It panics if T is not a struct whose every exported field
// has a tfsdk tag (`tfsdk:"-"` leaves a field out): a model that cannot be read is a bug, and
// this runs when the package loads.
func newModelCodec[T any]() modelCodec[T] {
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct {
		panic(fmt.Sprintf("modelCodec: %s is not a struct", t))
	}
	var c modelCodec[T]
	seen := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name := f.Tag.Get("tfsdk")
		if name == "-" { // ignored, as the framework ignores it
			continue
		}
		if !validAttributeName(name) || seen[name] {
			panic(fmt.Sprintf("modelCodec: field %s.%s needs a tfsdk tag of its own (lower case, digits, _)", t, f.Name))
		}
		seen[name] = true
		c.fields = append(c.fields, codecField{name: name, index: i, direct: f.Type.Implements(attrValueType) && f.Type.Kind() != reflect.Interface})
	}
	return c
}

// validAttributeName is the framework's rule for attribute names: ^[a-z][a-z0-9_]*$.
func validAttributeName(name string) bool {
	return name != "" && name[0] >= 'a' && name[0] <= 'z' && strings.Trim(name, "abcdefghijklmnopqrstuvwxyz0123456789_") == ""
}

// get reads the model from a plan or a state (from: tfsdk.Plan, tfsdk.State, tfsdk.Config).
func (c modelCodec[T]) get(ctx context.Context, from interface {
	Get(context.Context, any) diag.Diagnostics
},
) (T, diag.Diagnostics) {
	var m T
	var obj types.Object
	diags := from.Get(ctx, &obj)
	if diags.HasError() {
		return m, diags
	}
	if obj.IsNull() || obj.IsUnknown() {
		diags.AddError("Value Conversion Error", fmt.Sprintf("An unexpected error was encountered trying to read the "+
			"resource: its value is %s. This is always an error in the provider. Please report it to the provider developers.", obj))
		return m, diags
	}
	attrs := obj.Attributes()
	if len(attrs) != len(c.fields) {
		var missing []string
		for name := range attrs {
			if !slices.ContainsFunc(c.fields, func(f codecField) bool { return f.name == name }) {
				missing = append(missing, name)
			}
		}
		if len(missing) > 0 {
			slices.Sort(missing)
			diags.AddError("Value Conversion Error", fmt.Sprintf("An unexpected error was encountered trying to read the "+
				"resource: the model has no field for %v. This is always an error in the provider. Please report it to the "+
				"provider developers.", missing))
			return m, diags
		}
	}
	mv := reflect.ValueOf(&m).Elem()
	for _, f := range c.fields {
		a, ok := attrs[f.name]
		if !ok {
			diags.AddError("Value Conversion Error", fmt.Sprintf("An unexpected error was encountered trying to read the "+
				"resource: the schema has no attribute %q. This is always an error in the provider. Please report it to the "+
				"provider developers.", f.name))
			continue
		}
		fv := mv.Field(f.index)
		if av := reflect.ValueOf(a); f.direct && av.Type() == fv.Type() {
			fv.Set(av)
			continue
		}
		diags.Append(tfsdk.ValueAs(ctx, a, fv.Addr().Interface())...)
	}
	return m, diags
}

// set writes the model to a state.
func (c modelCodec[T]) set(ctx context.Context, st *tfsdk.State, m *T) diag.Diagnostics {
	objType, ok := st.Schema.Type().(basetypes.ObjectType)
	if !ok {
		return st.Set(ctx, m)
	}
	var diags diag.Diagnostics
	attrs := make(map[string]attr.Value, len(c.fields))
	mv := reflect.ValueOf(m).Elem()
	for _, f := range c.fields {
		fv := mv.Field(f.index)
		if f.direct {
			attrs[f.name] = fv.Interface().(attr.Value) //nolint:forcetypeassert // direct: the type implements attr.Value
			continue
		}
		var v attr.Value
		diags.Append(tfsdk.ValueFrom(ctx, fv.Interface(), objType.AttrTypes[f.name], &v)...)
		attrs[f.name] = v
	}
	if diags.HasError() {
		return diags
	}
	obj, odiags := types.ObjectValue(objType.AttrTypes, attrs)
	if diags.Append(odiags...); diags.HasError() {
		return diags
	}
	return st.Set(ctx, obj)
}
