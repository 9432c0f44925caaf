// Package bench measures the actiontrail provider against the floors that Terraform and the
// plugin protocol set, and counts the API calls each operation costs.
//
// One run of the bench command (make bench) builds the provider, the do-nothing fixture provider
// (package noop, served as registry.terraform.io/openactiontrail/benchnoop), the emulator command
// and a launcher, and then, alternating the order between rounds, for each N:
//
//   - times terraform apply, a no-op terraform plan (-refresh=true) and terraform destroy of N
//     actiontrail_trail against the emulator (answering at once), N benchnoop_trail (the plugin
//     floor: same schema, no work) and N terraform_data (the core floor), with dev_overrides and
//     the default -parallelism (10), no terraform init;
//   - records the peak RSS of every provider process (the launcher stands in for the provider
//     binary and reports getrusage(2) ru_maxrss of the real provider when it exits);
//   - reads the emulator's per-Action call counters after every command.
//
// It also records the CPU time of terraform, of the providers (launcher rusage) and of the emulator
// (/proc/<pid>/stat) per command, which is steadier than wall time on a shared machine.
//
// Growth: the same three commands of actiontrail_trail at N = 10 (GrowthNs) and the matrix's N,
// in one region (the matrix's measurements where it has that N) and spread evenly over 10 regions
// (GrowthRegions), on the matrix's emulator: seconds and calls per trail, how the time per trail
// grows with N, and the no-op plan's DescribeTrails against R × ⌈N/R/batch⌉.
//
// Aliases: apply/plan/destroy of 20 provider aliases (Aliases) with one trail each, actiontrail's
// assuming a role in a member account of a multi-account emulator (-accounts, over HTTPS), next to
// benchnoop's 20 aliases with the same blocks; the ratio to that floor, and AssumeRole and
// GetCallerIdentity against the number of times Terraform configures the aliases (counted by
// benchnoop's Configure).
//
// Then it times apply/plan/destroy of N trails against an emulator answering with a latency (next
// to the plugin floor at the same N), and compares the apply with the ideal provider there:
// benchnoop waiting only the round trips an operation cannot avoid (noop.RoundTripEnv); times the provider's start (exec to the first
// GetProviderSchema answer, over the plugin protocol, see probeStart); and times the emulator's
// DescribeTrails by name with 10 000 trails against 100 (in process, see ScaleEnv).
//
// For investigations: -profile serves profiling builds of both providers (cmd/bench-profprovider)
// and keeps CPU and allocation profiles of every provider process; -alt DIR builds the provider
// of another tree (a patched copy of the module) and measures it as a fourth variant in the same
// alternating run; -env-ours / -env-noop add environment variables to one variant's runs.
package bench

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/cliconfig"
)

// Options configure a run.
type Options struct {
	Terraform string // terraform binary
	Root      string // the product module's root (for go build; this module is its bench/)
	Work      string // scratch directory; a temporary one when empty
	Keep      bool   // keep Work afterwards

	Ns   []int // resource counts, e.g. 100 and 500
	Runs int   // timed rounds per N (medians over these), at most
	// MinRuns and Budget: after MinRuns rounds, no further round starts when it would likely end
	// the whole run (with the phases after it) later than Budget after the start. Budget 0: no limit.
	MinRuns int
	Budget  time.Duration

	// GrowthNs are the resource counts the growth section adds to Ns (e.g. 10); GrowthRegions the
	// regions the spread layout puts the trails in (0 skips the growth phase); GrowthRuns its rounds.
	GrowthNs      []int
	GrowthRegions int
	GrowthRuns    int

	Aliases   int // provider configurations in the aliases phase, one trail each (0 skips it)
	AliasRuns int

	LatencyN    int           // resources in the latency phase (0 skips it)
	Latency     time.Duration // the emulator's -latency there
	LatencyRuns int

	StartRuns int // provider start probes per binary (0 skips)

	ScaleSmall, ScaleLarge int // emulator sizes compared (ScaleLarge 0 skips)
	ScaleRounds, ScalePer  int

	// Profile serves a profiling build of the provider (cmd/bench-profprovider) and writes CPU
	// and allocation profiles of every provider process under Work/prof.
	Profile bool

	// AltRoot, when set, is another tree of this module (e.g. a copy with a patch to evaluate):
	// its provider is built too and run as a fourth variant, "actiontrail_trail@alt", alternating
	// with the others against the same emulator, so that a change can be measured against the
	// current provider in one run.
	AltRoot string

	// EnvOurs and EnvNoop are added to the environment of the terraform commands (and so of the
	// providers they start) of the actiontrail and benchnoop variants only: for experiments such
	// as TF_LOG_SDK=OFF. Empty in make bench.
	EnvOurs, EnvNoop []string

	Out io.Writer // the report
	Log io.Writer // progress
}

// Variants of the benchmark.
const (
	Ours = "actiontrail_trail"
	Noop = "benchnoop_trail"
	Core = "terraform_data"
	Alt  = "actiontrail_trail@alt" // the provider built from Options.AltRoot
	// Ideal is benchnoop_trail waiting the round trips a create or a delete cannot avoid (see
	// noop.RoundTripEnv): the ideal provider of the latency phase.
	Ideal = "benchnoop_trail@ideal"
)

// resourceType is the resource a variant's configuration declares.
func resourceType(v string) string {
	switch v {
	case Alt:
		return Ours
	case Ideal:
		return Noop
	}
	return v
}

// talksToAPI reports whether a variant calls the emulator.
func talksToAPI(v string) bool { return v == Ours || v == Alt }

// Commands timed per variant.
const (
	CmdApply   = "apply"
	CmdPlan    = "plan"
	CmdDestroy = "destroy"
)

var commands = []string{CmdApply, CmdPlan, CmdDestroy}

// Variants lists the variants a run measures.
func (o Options) Variants() []string {
	if o.AltRoot != "" {
		return []string{Ours, Alt, Noop, Core}
	}
	return []string{Ours, Noop, Core}
}

type key struct {
	variant string
	n       int
	cmd     string
}

// Results holds everything measured; Print renders it.
type Results struct {
	Opts     Options
	Times    map[key][]time.Duration // per round, in round order
	RSSKB    map[key]int64           // peak RSS of a provider process, max over rounds
	Launches map[key]int             // provider processes per command (last round)
	Calls    map[key][]Calls         // actiontrail (and alt) only, per round
	ProvCPU  map[key][]time.Duration // CPU of the provider processes, per round
	TfCPU    map[key][]time.Duration // CPU of terraform itself (its total minus the providers'), per round
	EmuCPU   map[key][]time.Duration // CPU of the emulator during the command (actiontrail only), per round
	Lookup   map[key]Calls           // calls of a plan that creates N trails on an empty state (cmd "plan-create")

	// Latency phase, by variant (actiontrail, alt, and benchnoop as the floor) and command (n = LatencyN).
	LatTimes map[key][]time.Duration
	LatCalls map[key]Calls

	StartOurs, StartNoop, StartAlt []StartTiming
	SchemaCLI                      map[string][]time.Duration // terraform providers schema -json, per variant's configuration

	Growth  *GrowthResult // nil when the growth phase did not run
	Aliases *AliasResult  // nil when the aliases phase did not run

	Scale *ScaleResult

	Rounds  int // rounds of the matrix actually run
	Elapsed time.Duration
}

// providerEnv points the actiontrail provider at an emulator.
func providerEnv(url string) []string {
	return []string{
		"ALICLOUD_ACTIONTRAIL_ENDPOINT=" + url, "ALICLOUD_REGION=cn-hangzhou",
		"ALICLOUD_ACCESS_KEY=emulator-access-key-id", "ALICLOUD_SECRET_KEY=emulator-access-key-secret",
	}
}

// writeOverrides puts a launcher under each provider's override directory, pointing at the real
// binary, and writes the CLI configuration with the dev_overrides (terraformrc<suffix>).
func writeOverrides(work, suffix, bin, oursBin, noopBin string) (string, error) {
	launcher, err := os.ReadFile(filepath.Join(bin, "bench-launcher"))
	if err != nil {
		return "", err
	}
	overrides := map[string]string{}
	for _, p := range []struct{ typ, target string }{{"actiontrail", oursBin}, {"benchnoop", noopBin}} {
		dir := filepath.Join(work, "override"+suffix, p.typ)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(dir, "terraform-provider-"+p.typ), launcher, 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(dir, "launch-target"), []byte(p.target+"\n"), 0o644); err != nil {
			return "", err
		}
		overrides[p.typ] = dir
	}
	path := filepath.Join(work, "terraformrc"+suffix)
	return path, cliconfig.Write(path,
		cliconfig.Override{Source: "openactiontrail/actiontrail", Dir: overrides["actiontrail"]},
		cliconfig.Override{Source: "openactiontrail/benchnoop", Dir: overrides["benchnoop"]})
}

// Config renders the configuration of n resources of a variant in one region. The trail's settings
// are the same for actiontrail_trail and benchnoop_trail, and terraform_data carries them as its input.
func Config(variant string, n int) string { return ConfigIn(variant, n, 1) }

// ConfigIn is Config with the trails spread evenly over the first regions of SpreadRegions
// (region = local.regions[count.index % regions]); one region is cn-hangzhou, as in Config.
func ConfigIn(variant string, n, regions int) string {
	region, locals := `"cn-hangzhou"`, ""
	if regions > 1 {
		region = fmt.Sprintf("local.regions[count.index %% %d]", regions)
		locals = fmt.Sprintf("locals {\n  regions = [\"%s\"]\n}\n\n", strings.Join(SpreadRegions(regions), `", "`))
	}
	attrs := `  name            = format("bench-%05d", count.index)
  region          = ` + region + `
  oss_bucket_name = "actiontrail-demo-bucket"
  oss_key_prefix  = "bench-prefix"
`
	switch variant {
	case Ours, Noop:
		// The same configuration but for the provider: actiontrail or benchnoop.
		prov := strings.TrimSuffix(variant, "_trail")
		return fmt.Sprintf(`terraform {
  required_providers {
    %s = { source = "openactiontrail/%s" }
  }
}

%sresource %q "t" {
  count           = %d
%s}
`, prov, prov, locals, variant, n, attrs)
	default:
		return fmt.Sprintf(`%sresource "terraform_data" "t" {
  count = %d
  input = {
%s  }
}
`, locals, n, indent(attrs, "  "))
	}
}

func writeConfig(parent, variant string, n int) (string, error) {
	return writeConfigIn(parent, variant, n, 1)
}

// writeConfigIn writes ConfigIn's configuration in a directory of its own (named after the
// variant, n and, beyond one, the regions), without the state of an earlier run.
func writeConfigIn(parent, variant string, n, regions int) (string, error) {
	name := fmt.Sprintf("%s-%d", strings.ReplaceAll(variant, "@", "-"), n)
	if regions > 1 {
		name += fmt.Sprintf("-r%d", regions)
	}
	dir := filepath.Join(parent, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	for _, f := range []string{"terraform.tfstate", "terraform.tfstate.backup"} {
		_ = os.Remove(filepath.Join(dir, f))
	}
	return dir, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(ConfigIn(resourceType(variant), n, regions)), 0o644)
}

func indent(s, prefix string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "")
}
