// Command terraform-provider-actiontrail serves the actiontrail Terraform provider.
package main

import (
	"flag"
	"log"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/logpolicy"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/provider"
)

// Generate the documentation (templates/ + examples/ + schema descriptions → docs/), after the
// errors tables of the resource page's template (from internal/client's error catalog).
//go:generate go run ./internal/client/gen_errors_doc.go
//go:generate go tool -modfile=tools/go.mod tfplugindocs generate --provider-name actiontrail

// version is set by the build (goreleaser: -X main.version={{.Version}}).
var version = "dev"

// parentPollInterval is how often the provider checks that Terraform, its parent, still runs.
const parentPollInterval = time.Second

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "set to true to run the provider with support for debuggers like delve")
	flag.Parse()
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	} else {
		logpolicy.QuietUnlessAsked("actiontrail")
		// Terraform ends its providers when it exits normally or on Ctrl-C. When it is killed
		// (SIGKILL, OOM), nothing does, and a provider would finish its in-flight creates for
		// trails that no state will hold: stop as soon as the parent is gone.
		go watchParent(os.Getppid, parentPollInterval, func() {
			log.Printf("[ERROR] Terraform (the parent process) is gone; the provider stops")
			os.Exit(1)
		})
	}
	if err := tf6server.Serve("registry.terraform.io/openactiontrail/actiontrail", provider.NewServer(version), opts...); err != nil {
		log.Fatal(err.Error())
	}
}
