// Command terraform-provider-actiontrail serves the actiontrail Terraform provider.
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

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
		quietUnlessLogging()
	}

	opts := providerserver.ServeOpts{
		Address: "registry.terraform.io/openactiontrail/actiontrail",
		Debug:   debug,
	}
	if err := providerserver.Serve(context.Background(), provider.New(version), opts); err != nil {
		log.Fatal(err.Error())
	}
}

// quietUnlessLogging turns the plugin SDK's and the provider's logs off when Terraform would drop
// them. Terraform keeps a provider's log lines only when TF_LOG or TF_LOG_PROVIDER is set, but
// terraform-plugin-go defaults every logger to TRACE: every gRPC call, validator and plan modifier
// writes JSON lines to stderr that Terraform parses and throws away (a third of the provider's CPU
// and part of Terraform's in make bench). A level the user set explicitly is kept.
func quietUnlessLogging() {
	if os.Getenv("TF_LOG") != "" || os.Getenv("TF_LOG_PROVIDER") != "" {
		return
	}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_ACTIONTRAIL"} {
		if os.Getenv(name) == "" {
			_ = os.Setenv(name, "OFF")
		}
	}
}
