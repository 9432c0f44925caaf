// Command terraform-provider-benchnoop serves the benchmark's do-nothing fixture provider (see
// package noop) under registry.terraform.io/openactiontrail/benchnoop.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/openactiontrail/terraform-provider-actiontrail/bench/noop"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/logpolicy"
)

func main() {
	// The same logging policy as terraform-provider-actiontrail, so that the floor is honest.
	logpolicy.QuietUnlessAsked("benchnoop")
	if err := providerserver.Serve(context.Background(), noop.New, providerserver.ServeOpts{Address: noop.Address}); err != nil {
		log.Fatal(err.Error())
	}
}
