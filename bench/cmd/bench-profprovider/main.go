// Command bench-profprovider is the actiontrail provider (provider.NewServer, served as the real
// main.go serves it, with its log policy) with profiling for the benchmark: when $BENCH_CPUPROFILE_DIR is set,
// each provider process writes <name>-cpu-<pid>.pprof for its whole life (from main on: package
// initialisation is not in it) and <name>-allocs-<pid>.pprof when Terraform shuts it down.
// Built under a name containing "benchnoop", it serves the fixture provider instead, so that the
// floor can be profiled the same way. `bench -profile` serves both in place of the real ones;
// merge the files with `go tool pprof -top <dir>/actiontrail-cpu-*.pprof`.
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/openactiontrail/terraform-provider-actiontrail/bench/noop"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/logpolicy"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/provider"
)

func main() {
	// As main.go and the fixture's main: logs off unless asked for, and the provider's own server.
	name, serve := "actiontrail", func() error {
		logpolicy.QuietUnlessAsked("actiontrail")
		return tf6server.Serve("registry.terraform.io/openactiontrail/actiontrail", provider.NewServer("bench-prof"))
	}
	if strings.Contains(filepath.Base(os.Args[0]), "benchnoop") {
		name, serve = "benchnoop", func() error {
			logpolicy.QuietUnlessAsked("benchnoop")
			return providerserver.Serve(context.Background(), noop.New, providerserver.ServeOpts{Address: noop.Address})
		}
	}
	dir := os.Getenv("BENCH_CPUPROFILE_DIR")
	stop := func() {}
	if dir != "" {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("%s-cpu-%d.pprof", name, os.Getpid())))
		if err == nil && pprof.StartCPUProfile(f) == nil {
			stop = func() {
				pprof.StopCPUProfile()
				_ = f.Close()
				if h, err := os.Create(filepath.Join(dir, fmt.Sprintf("%s-allocs-%d.pprof", name, os.Getpid()))); err == nil {
					runtime.GC()
					_ = pprof.Lookup("allocs").WriteTo(h, 0)
					_ = h.Close()
				}
			}
		}
	}
	err := serve()
	stop()
	if err != nil {
		log.Fatal(err.Error())
	}
}
