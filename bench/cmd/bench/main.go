// Command bench runs the provider benchmark (make bench): apply / no-op plan / destroy of N
// actiontrail_trail against the emulator, next to the plugin floor (N benchnoop_trail, a
// do-nothing provider with the same schema) and the core floor (N terraform_data); API calls per
// operation; growth with N in 1 and 10 regions; 20 provider aliases with assume_role against the
// floor's; apply under emulator latency against the ideal provider; provider start; emulator scale.
// See package bench. It runs from the bench module (make bench: cd bench && go run ./cmd/bench),
// with the product module one directory up, or is given -root.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/openactiontrail/terraform-provider-actiontrail/bench"
)

func main() {
	os.Exit(run())
}

func run() int {
	o := bench.Options{Out: os.Stdout, Log: os.Stderr}
	var ns, growthNs, envOurs, envNoop string
	flag.StringVar(&o.Terraform, "terraform", os.Getenv("TERRAFORM"), "terraform `binary` (default: $TERRAFORM, else terraform on PATH)")
	flag.StringVar(&o.Root, "root", "..", "`directory` of the product module (terraform-provider-actiontrail), whose bench/ holds this module")
	flag.StringVar(&o.Work, "work", "", "scratch `directory` (default: a temporary one, removed afterwards)")
	flag.BoolVar(&o.Keep, "keep", false, "keep the scratch directory (logs, states, profiles)")
	flag.StringVar(&ns, "n", "100,500", "comma-separated resource `counts`")
	flag.IntVar(&o.Runs, "runs", 5, "timed rounds per N (medians over these), at most")
	flag.IntVar(&o.MinRuns, "min-runs", 3, "rounds run whatever the -budget")
	flag.DurationVar(&o.Budget, "budget", 8*time.Minute, "after -min-runs rounds, start no round that would likely end the whole run later than this (0: no limit)")
	flag.StringVar(&growthNs, "growth-n", "10", "comma-separated resource `counts` the growth section adds to -n's")
	flag.IntVar(&o.GrowthRegions, "growth-regions", 10, "regions the growth phase spreads the trails over (0 skips it)")
	flag.IntVar(&o.GrowthRuns, "growth-runs", 1, "rounds of the growth phase")
	flag.IntVar(&o.Aliases, "aliases", 20, "provider aliases (assume_role, one trail each) in the aliases phase (0 skips it)")
	flag.IntVar(&o.AliasRuns, "aliases-runs", 2, "rounds of the aliases phase (each order of the two variants once in 2)")
	flag.IntVar(&o.LatencyN, "latency-n", 100, "resources in the latency phase (0 skips it)")
	flag.DurationVar(&o.Latency, "latency", 50*time.Millisecond, "emulator -latency in the latency phase")
	flag.IntVar(&o.LatencyRuns, "latency-runs", 5, "rounds of the latency phase")
	flag.IntVar(&o.StartRuns, "start-runs", 15, "provider start probes per binary (0 skips)")
	flag.IntVar(&o.ScaleSmall, "scale-small", 100, "trails in the small emulator of the scale phase")
	flag.IntVar(&o.ScaleLarge, "scale-large", 10000, "trails in the large emulator of the scale phase (0 skips it)")
	flag.IntVar(&o.ScaleRounds, "scale-rounds", 6, "alternating rounds of the scale phase")
	flag.IntVar(&o.ScalePer, "scale-per", 250, "calls per operation, size and round in the scale phase")
	flag.StringVar(&o.AltRoot, "alt", "", "another `tree` of this module (e.g. a patched copy): its provider runs as a fourth variant, actiontrail_trail@alt")
	flag.BoolVar(&o.Profile, "profile", false, "serve a profiling build of the provider; CPU and allocation profiles go to <work>/prof (implies -keep)")
	flag.StringVar(&envOurs, "env-ours", "", "comma-separated `KEY=VALUE` pairs added to the environment of the actiontrail runs only (experiments)")
	flag.StringVar(&envNoop, "env-noop", "", "comma-separated `KEY=VALUE` pairs added to the environment of the benchnoop runs only (experiments)")
	flag.Parse()
	o.EnvOurs, o.EnvNoop = splitEnv(envOurs), splitEnv(envNoop)

	var ok bool
	if o.Ns, ok = counts(ns); !ok || len(o.Ns) == 0 {
		fmt.Fprintf(os.Stderr, "bench: bad -n %q\n", ns)
		return 2
	}
	if o.GrowthNs, ok = counts(growthNs); !ok {
		fmt.Fprintf(os.Stderr, "bench: bad -growth-n %q\n", growthNs)
		return 2
	}
	if o.GrowthRegions > 0 && bench.SpreadRegions(o.GrowthRegions) == nil {
		fmt.Fprintf(os.Stderr, "bench: -growth-regions %d: the emulator serves fewer regions\n", o.GrowthRegions)
		return 2
	}
	if o.Terraform == "" {
		p, err := exec.LookPath("terraform")
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench: no terraform: set TERRAFORM or -terraform (make bench uses scripts/terraform-path.sh)")
			return 2
		}
		o.Terraform = p
	}
	if root, err := filepath.Abs(o.Root); err == nil {
		o.Root = root
	}
	if o.AltRoot != "" {
		if alt, err := filepath.Abs(o.AltRoot); err == nil {
			o.AltRoot = alt
		}
	}
	if o.Profile {
		o.Keep = true
	}
	if o.Keep && o.Work == "" {
		dir, err := os.MkdirTemp("", "actiontrail-bench-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			return 1
		}
		o.Work = dir
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	out, err := exec.Command(o.Terraform, "version").Output()
	if err == nil {
		fmt.Fprintf(os.Stdout, "%s", strings.SplitN(string(out), "\n", 2)[0])
	}
	fmt.Fprintf(os.Stdout, " (%s), N=%v, %d to %d rounds within %s\n", o.Terraform, o.Ns, min(o.MinRuns, o.Runs), o.Runs, o.Budget)
	res, err := bench.Run(ctx, o)
	if res != nil {
		res.Print(os.Stdout) // when a later phase failed, what was measured until then
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	if o.Keep {
		fmt.Fprintf(os.Stdout, "scratch directory kept: %s\n", o.Work)
	}
	return 0
}

// counts parses a comma-separated list of positive counts; an empty list is none.
func counts(s string) ([]int, bool) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}

func splitEnv(s string) []string {
	var out []string
	for _, kv := range strings.Split(s, ",") {
		if kv = strings.TrimSpace(kv); kv != "" {
			out = append(out, kv)
		}
	}
	return out
}
