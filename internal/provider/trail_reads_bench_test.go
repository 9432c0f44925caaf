package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// BenchmarkTrailReads compares, on the trail's real schema, the ways the resource can read a plan
// and a state (ModifyPlan) or a config (ValidateConfig): one GetAttribute per attribute used (what
// they do), a Get of the whole trailModel by the framework, which reflects over every field, and
// trailCodec's. ModifyPlan runs for every trail in every plan walk, ValidateConfig in every
// validate walk. GetSet is what a create, read or update does with the whole trail: the
// framework's Get and Set against trailCodec's (what they do).
//
//	go test -run - -bench TrailReads -benchmem ./internal/provider/
func BenchmarkTrailReads(b *testing.B) {
	ctx := context.Background()
	sch := trailSchema()
	m := benchTrail()
	state := tfsdk.State{Schema: sch}
	if d := state.Set(ctx, &m); d.HasError() {
		b.Fatal(d)
	}
	plan := tfsdk.Plan{Schema: sch, Raw: state.Raw}
	config := tfsdk.Config{Schema: sch, Raw: state.Raw}
	check := func(d diag.Diagnostics) {
		if d.HasError() {
			b.Fatal(d)
		}
	}

	b.Run("ModifyPlan/per-attribute", func(b *testing.B) {
		for b.Loop() {
			var diags diag.Diagnostics
			get := func(from interface {
				GetAttribute(context.Context, path.Path, any) diag.Diagnostics
			}, m *trailModel) {
				diags.Append(from.GetAttribute(ctx, path.Root("name"), &m.Name)...)
				diags.Append(from.GetAttribute(ctx, path.Root("region"), &m.Region)...)
			}
			var p, s trailModel
			get(plan, &p)
			get(state, &s)
			check(diags)
		}
	})
	b.Run("ModifyPlan/whole-model", func(b *testing.B) {
		for b.Loop() {
			var p, s trailModel
			check(plan.Get(ctx, &p))
			check(state.Get(ctx, &s))
		}
	})
	b.Run("ValidateConfig/per-attribute", func(b *testing.B) {
		for b.Loop() {
			var c trailModel
			for p, v := range map[string]*types.String{
				"oss_bucket_name": &c.OssBucketName, "sls_project_arn": &c.SlsProjectArn, "oss_key_prefix": &c.OssKeyPrefix,
				"oss_write_role_arn": &c.OssWriteRoleArn, "sls_write_role_arn": &c.SlsWriteRoleArn,
			} {
				check(config.GetAttribute(ctx, path.Root(p), v))
			}
		}
	})
	b.Run("ValidateConfig/whole-model", func(b *testing.B) {
		for b.Loop() {
			var c trailModel
			check(config.Get(ctx, &c))
		}
	})
	b.Run("ModifyPlan/codec", func(b *testing.B) {
		for b.Loop() {
			_, d := trailCodec.get(ctx, plan)
			check(d)
			_, d = trailCodec.get(ctx, state)
			check(d)
		}
	})
	b.Run("ValidateConfig/codec", func(b *testing.B) {
		for b.Loop() {
			_, d := trailCodec.get(ctx, config)
			check(d)
		}
	})
	// A Create, Read, Update or Delete reads the whole trail and the first three write it back.
	b.Run("GetSet/framework", func(b *testing.B) {
		for b.Loop() {
			var s trailModel
			check(state.Get(ctx, &s))
			out := tfsdk.State{Schema: sch}
			check(out.Set(ctx, &s))
		}
	})
	b.Run("GetSet/codec", func(b *testing.B) {
		for b.Loop() {
			s, d := trailCodec.get(ctx, state)
			check(d)
			out := tfsdk.State{Schema: sch}
			check(trailCodec.set(ctx, &out, &s))
		}
	})
}

// benchTrail is a trail as a state holds it after a create.
func benchTrail() trailModel {
	return trailModel{
		ID: types.StringValue("bench-00001"), Name: types.StringValue("bench-00001"), Region: types.StringValue("cn-hangzhou"),
		OssBucketName: types.StringValue("actiontrail-demo-bucket"), OssKeyPrefix: types.StringValue("bench-prefix"), RoleName: types.StringNull(),
		SlsProjectArn: types.StringNull(), SlsWriteRoleArn: types.StringNull(), OssWriteRoleArn: types.StringValue("acs:ram::1:role/r"),
		EventRW: types.StringValue("Write"), TrailRegion: types.StringValue("All"),
		IsOrganizationTrail: types.BoolValue(false), EnableLogging: types.BoolValue(true),
		HomeRegion: types.StringValue("cn-hangzhou"), Status: types.StringValue("Enable"),
		TrailArn: types.StringValue("acs:actiontrail:cn-hangzhou:1:trail/bench-00001"), CreateTime: types.StringValue("2024-01-01T00:00:00Z"),
		Timeouts: timeouts.Value{Object: types.ObjectNull(timeoutsAttrTypes)},
	}
}

// trailSchema is the actiontrail_trail resource's schema.
func trailSchema() schema.Schema {
	var sr resource.SchemaResponse
	NewTrailResource().Schema(context.Background(), resource.SchemaRequest{}, &sr)
	return sr.Schema
}
