package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// NewServer returns the provider's protocol 6 server factory. Each server gets a provider of its
// own: Terraform starts one provider process (one server) per provider configuration and walk,
// and what the provider learns about the state (stateTrails) belongs to that walk alone.
func NewServer(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		p := &actiontrailProvider{version: version, state: newStateTrails()}
		return &server{ProviderServer: providerserver.NewProtocol6(p)(), state: p.state}
	}
}

// server is the framework's server with one addition: it notes the trails of the state as
// Terraform hands them over. The framework answers UpgradeResourceState itself when the schema
// version has not changed, without calling the resource, and Terraform calls it for every object
// of the state, tainted ones included, before it plans that object: the only place where a
// tainted trail is visible to the provider before its replacement is planned.
type server struct {
	tfprotov6.ProviderServer
	state *stateTrails
}

func (s *server) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	if req != nil && req.TypeName == trailTypeName && req.RawState != nil && len(req.RawState.JSON) > 0 {
		var st struct {
			Name   *string `json:"name"`
			Region *string `json:"region"`
		}
		if json.Unmarshal(req.RawState.JSON, &st) == nil && st.Name != nil {
			region := ""
			if st.Region != nil {
				region = *st.Region
			}
			s.state.add(region, *st.Name)
		}
	}
	return s.ProviderServer.UpgradeResourceState(ctx, req)
}
