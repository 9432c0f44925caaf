// Command terraform-provider-actiontrail serves the actiontrail Terraform provider.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/logpolicy"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/provider"
)

// Generate the documentation (templates/ + examples/ + schema descriptions → docs/).
//go:generate go tool -modfile=tools/go.mod tfplugindocs generate --provider-name actiontrail

// version is set by the build (goreleaser: -X main.version={{.Version}}).
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "set to true to run the provider with support for debuggers like delve")
	flag.Parse()
	if !debug {
		logpolicy.QuietUnlessAsked("actiontrail")
	}

	opts := providerserver.ServeOpts{
		Address: "registry.terraform.io/openactiontrail/actiontrail",
		Debug:   debug,
	}
	if err := providerserver.Serve(context.Background(), provider.New(version), opts); err != nil {
		log.Fatal(err.Error())
	}
}
