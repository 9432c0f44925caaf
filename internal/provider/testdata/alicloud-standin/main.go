// Command alicloud-standin is a test fixture: a provider served under the official alicloud
// provider's address (through dev_overrides) that declares alicloud_actiontrail_trail as the
// official provider does, and does nothing else. Terraform plans a moved block across providers
// only with the source provider installed; the move tests of internal/provider build this
// instead of downloading the official provider.
//
// ALICLOUD_STANDIN_SCHEMA selects the schema: "v1.150" (the official resource as of v1.150) or
// "current" (today's, the default). Both are the SDKv2 provider's view: every argument optional,
// "id" optional and computed, the timeouts block nested single, schema version 0.
//
// It lives under testdata so that go build ./... and go vet ./... of the product leave it out.
package main

import (
	"context"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

func main() {
	err := providerserver.Serve(context.Background(), func() provider.Provider { return standin{} }, providerserver.ServeOpts{
		Address:         "registry.terraform.io/aliyun/alicloud",
		ProtocolVersion: 5, // SDKv2 providers speak protocol 5
	})
	if err != nil {
		log.Fatal(err)
	}
}

type standin struct{}

func (standin) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "alicloud"
}

func (standin) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (standin) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {}

func (standin) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return trail{} }}
}

func (standin) DataSources(context.Context) []func() datasource.DataSource { return nil }

// trail is alicloud_actiontrail_trail: its schema, a Read that keeps the state, and operations
// that refuse to run.
type trail struct{}

func (trail) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "alicloud_actiontrail_trail"
}

func (trail) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	opt := schema.StringAttribute{Optional: true}
	optComputed := schema.StringAttribute{Optional: true, Computed: true}
	deprecated := func(a schema.StringAttribute, msg string) schema.StringAttribute {
		a.DeprecationMessage = msg
		return a
	}
	timeout := map[string]schema.Attribute{"create": opt, "update": opt}
	// The official provider v1.150 (resource_alicloud_actiontrail_trail.go of that release).
	attrs := map[string]schema.Attribute{
		"id":                    optComputed,
		"event_rw":              opt, // Default "Write": optional, not computed, in SDKv2
		"is_organization_trail": schema.BoolAttribute{Optional: true},
		"mns_topic_arn":         deprecated(opt, "Field 'mns_topic_arn' has been deprecated from version 1.118.0"),
		"oss_bucket_name":       opt,
		"oss_key_prefix":        opt,
		"role_name":             deprecated(optComputed, "Field 'role_name' has been deprecated from version 1.118.0"),
		"oss_write_role_arn":    opt,
		"sls_project_arn":       opt,
		"sls_write_role_arn":    optComputed,
		"status":                opt, // Default "Enable"
		"trail_name":            optComputed,
		"name":                  deprecated(optComputed, "Field 'name' has been deprecated from version 1.95.0. Use 'trail_name' instead."),
		"trail_region":          optComputed,
	}
	if os.Getenv("ALICLOUD_STANDIN_SCHEMA") != "v1.150" {
		// Today's (alicloud/resource_alicloud_actiontrail_trail.go on the default branch).
		for k, v := range map[string]schema.Attribute{
			"create_time":                schema.StringAttribute{Computed: true},
			"data_event_trail_region":    opt,
			"event_rw":                   optComputed,
			"event_selectors":            opt,
			"max_compute_project_arn":    opt,
			"max_compute_write_role_arn": optComputed,
			"region_id":                  schema.StringAttribute{Computed: true},
			"role_name":                  deprecated(opt, "Field `role_name` has been deprecated from version 1.118.0"),
			"status":                     optComputed,
		} {
			attrs[k] = v
		}
		timeout["delete"] = opt
	}
	resp.Schema = schema.Schema{
		Attributes: attrs,
		Blocks:     map[string]schema.Block{"timeouts": schema.SingleNestedBlock{Attributes: timeout}},
	}
}

func (trail) Create(_ context.Context, _ resource.CreateRequest, resp *resource.CreateResponse) {
	resp.Diagnostics.AddError("Stand-In Provider", "The alicloud stand-in of the tests only declares the schema.")
}

// Read keeps the state as it is (the framework copies it into the response).
func (trail) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (trail) Update(_ context.Context, _ resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.AddError("Stand-In Provider", "The alicloud stand-in of the tests only declares the schema.")
}

func (trail) Delete(_ context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	resp.Diagnostics.AddError("Stand-In Provider", "The alicloud stand-in of the tests only declares the schema.")
}
