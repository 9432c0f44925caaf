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
// Then it times apply/plan/destroy of N trails against an emulator answering with a latency (next
// to the plugin floor at the same N), and compares the apply with the ideal
// N × calls-per-create × latency / parallelism; times the provider's start (exec to the first
// GetProviderSchema answer, over the plugin protocol, see probeStart); and times the emulator's
// DescribeTrails by name with 10 000 trails against 100 (in process, see ScaleEnv).
//
// For investigations: -profile serves profiling builds of both providers (cmd/bench-profprovider)
// and keeps CPU and allocation profiles of every provider process; -alt DIR builds the provider
// of another tree (a patched copy of the module) and measures it as a fourth variant in the same
// alternating run; -env-ours / -env-noop add environment variables to one variant's runs.
package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
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
)

// resourceType is the resource a variant's configuration declares.
func resourceType(v string) string {
	if v == Alt {
		return Ours
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

	Scale *ScaleResult

	Rounds  int // rounds of the matrix actually run
	Elapsed time.Duration
}

// Run runs the benchmark and returns what it measured.
func Run(ctx context.Context, o Options) (*Results, error) {
	begin := time.Now()
	if o.Log == nil {
		o.Log = io.Discard
	}
	logf := func(format string, args ...any) {
		fmt.Fprintf(o.Log, "[%6.1fs] %s\n", time.Since(begin).Seconds(), fmt.Sprintf(format, args...))
	}
	if o.Work == "" {
		dir, err := os.MkdirTemp("", "actiontrail-bench-")
		if err != nil {
			return nil, err
		}
		o.Work = dir
		if !o.Keep {
			defer func() { _ = os.RemoveAll(dir) }()
		}
	}
	res := &Results{
		Opts: o, Times: map[key][]time.Duration{}, RSSKB: map[key]int64{}, Launches: map[key]int{},
		Calls: map[key][]Calls{}, ProvCPU: map[key][]time.Duration{}, TfCPU: map[key][]time.Duration{},
		EmuCPU: map[key][]time.Duration{}, Lookup: map[key]Calls{}, LatTimes: map[key][]time.Duration{},
		LatCalls: map[key]Calls{}, SchemaCLI: map[string][]time.Duration{},
	}
	bin := filepath.Join(o.Work, "bin")
	for _, d := range []string{bin, filepath.Join(o.Work, "log"), filepath.Join(o.Work, "prof")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	logf("building into %s", bin)
	if err := build(ctx, o.Root, bin, o.Profile, o.Log); err != nil {
		return nil, err
	}
	altBin := filepath.Join(bin, "terraform-provider-actiontrail-alt")
	if o.AltRoot != "" {
		if err := buildOne(ctx, o.AltRoot, altBin, ".", o.Log); err != nil {
			return nil, err
		}
	}
	oursBin := filepath.Join(bin, "terraform-provider-actiontrail")
	if o.Profile {
		oursBin += "-prof"
	}
	noopBin := filepath.Join(bin, "terraform-provider-benchnoop")
	if o.Profile {
		noopBin += "-prof"
	}
	cliConfig, err := writeOverrides(o.Work, "", bin, oursBin, noopBin)
	if err != nil {
		return nil, err
	}
	altConfig, err := writeOverrides(o.Work, "-alt", bin, altBin, noopBin)
	if err != nil {
		return nil, err
	}
	common := append(cleanEnv(), "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	if o.Profile {
		common = append(common, "BENCH_CPUPROFILE_DIR="+filepath.Join(o.Work, "prof"))
	}
	base := append(append([]string{}, common...), "TF_CLI_CONFIG_FILE="+cliConfig)
	altBase := append(append([]string{}, common...), "TF_CLI_CONFIG_FILE="+altConfig)
	variants := o.Variants()

	// 1. Provider start, over the plugin protocol.
	if o.StartRuns > 0 {
		logf("provider start: %d probes per binary, alternating", o.StartRuns)
		bins := []struct {
			path, typ string
			into      *[]StartTiming
		}{{filepath.Join(bin, "terraform-provider-actiontrail"), Ours, &res.StartOurs},
			{filepath.Join(bin, "terraform-provider-benchnoop"), Noop, &res.StartNoop}}
		if o.AltRoot != "" {
			bins = append(bins, struct {
				path, typ string
				into      *[]StartTiming
			}{altBin, Ours, &res.StartAlt})
		}
		for i := -1; i < o.StartRuns; i++ { // i = -1: warm-up (page cache), not kept
			for j := range bins {
				b := bins[(i+1+j)%len(bins)]
				st, err := probeStart(ctx, b.path, b.typ)
				if err != nil {
					return nil, err
				}
				if i >= 0 {
					*b.into = append(*b.into, st)
				}
			}
		}
	}

	emu, err := startEmulator(filepath.Join(bin, "actiontrail-emulator"), filepath.Join(o.Work, "log", "emulator.log"),
		"-max-trails-per-region", "100000")
	if err != nil {
		return nil, err
	}
	defer emu.stop()
	logf("emulator at %s", emu.URL)
	noopEnv := append(append([]string{}, base...), o.EnvNoop...)
	apiEnv := func(b []string, url string) []string {
		return append(append(append([]string{}, b...), providerEnv(url)...), o.EnvOurs...)
	}

	// Working directories, one per variant and N (each keeps its own state).
	dirs := map[string]map[int]string{}
	for _, v := range variants {
		dirs[v] = map[int]string{}
		for _, n := range o.Ns {
			d, err := writeConfig(filepath.Join(o.Work, "tf"), v, n)
			if err != nil {
				return nil, err
			}
			dirs[v][n] = d
		}
	}
	envFor := func(v, url string) []string {
		switch v {
		case Ours:
			return apiEnv(base, url)
		case Alt:
			return apiEnv(altBase, url)
		case Noop:
			return noopEnv
		}
		return base
	}
	seq := 0
	tf := func(v string, n int, env []string, dir string, ok []int, args ...string) (tfResult, error) {
		seq++
		name := fmt.Sprintf("%03d-%s-%d-%s", seq, strings.ReplaceAll(v, "@", "-"), n, args[0])
		if args[0] != "providers" {
			args = append(args, "-input=false", "-no-color")
		}
		return runTerraform(ctx, o.Terraform, dir, env, filepath.Join(o.Work, "log", name+".log"),
			filepath.Join(o.Work, "log", name+".rss"), ok, args...)
	}

	// 1b. Provider start as the terraform CLI sees it: terraform providers schema -json for each
	// configuration (terraform_data: no provider process at all).
	if o.StartRuns > 0 && len(o.Ns) > 0 {
		for i := range o.StartRuns {
			for j := range variants {
				v := variants[(i+j)%len(variants)]
				r, err := tf(v, o.Ns[0], envFor(v, emu.URL), dirs[v][o.Ns[0]], []int{0}, "providers", "schema", "-json")
				if err != nil {
					return nil, err
				}
				res.SchemaCLI[v] = append(res.SchemaCLI[v], r.Elapsed)
			}
		}
	}

	// 2. The plan-time lookup: a plan that creates N trails, on an empty state.
	for _, n := range o.Ns {
		for _, v := range variants {
			if !talksToAPI(v) {
				continue
			}
			if err := emu.resetCalls(); err != nil {
				return nil, err
			}
			if _, err := tf(v, n, envFor(v, emu.URL), dirs[v][n], []int{2}, "plan", "-detailed-exitcode"); err != nil {
				return nil, err
			}
			c, err := emu.calls()
			if err != nil {
				return nil, err
			}
			res.Lookup[key{v, n, "plan-create"}] = c
			logf("%s: plan of %d new trails: API calls %s", v, n, c)
		}
	}

	// 3. The matrix, alternating.
	matrixStart := time.Now()
	for r := range o.Runs {
		if r > 0 && r >= o.MinRuns && o.Budget > 0 {
			perRound := time.Since(matrixStart) / time.Duration(r)
			if after := time.Since(begin) + perRound + o.reserve(); after > o.Budget {
				logf("stopping after %d rounds: another would end the run at about %s, past the budget of %s", r, after.Round(time.Second), o.Budget)
				break
			}
		}
		res.Rounds = r + 1
		ns := append([]int{}, o.Ns...)
		if r%2 == 1 {
			for i, j := 0, len(ns)-1; i < j; i, j = i+1, j-1 {
				ns[i], ns[j] = ns[j], ns[i]
			}
		}
		for _, n := range ns {
			for j := range variants {
				v := variants[(r+j)%len(variants)]
				for _, cmd := range commands {
					if talksToAPI(v) {
						if err := emu.resetCalls(); err != nil {
							return nil, err
						}
					}
					var args []string
					ok := []int{0}
					switch cmd {
					case CmdApply:
						args = []string{"apply", "-auto-approve"}
					case CmdPlan:
						args = []string{"plan", "-detailed-exitcode", "-refresh=true"} // 2 would mean changes: not a no-op
					case CmdDestroy:
						args = []string{"destroy", "-auto-approve"}
					}
					emuBefore := emu.cpu()
					tr, err := tf(v, n, envFor(v, emu.URL), dirs[v][n], ok, args...)
					if err != nil {
						return nil, err
					}
					k := key{v, n, cmd}
					res.ProvCPU[k] = append(res.ProvCPU[k], tr.ProviderCPU)
					res.TfCPU[k] = append(res.TfCPU[k], tr.TotalCPU-tr.ProviderCPU)
					if talksToAPI(v) {
						res.EmuCPU[k] = append(res.EmuCPU[k], emu.cpu()-emuBefore)
					}
					res.Times[k] = append(res.Times[k], tr.Elapsed)
					res.RSSKB[k] = max(res.RSSKB[k], tr.MaxRSSKB)
					res.Launches[k] = tr.Launches
					extra := ""
					if talksToAPI(v) {
						c, err := emu.calls()
						if err != nil {
							return nil, err
						}
						res.Calls[k] = append(res.Calls[k], c)
						extra = " calls: " + c.String()
					}
					logf("round %d/%d N=%-4d %-21s %-7s %6.2fs  cpu: terraform %5.2fs provider %5.2fs  rss %5.1f MiB (%d launches)%s",
						r+1, o.Runs, n, v, cmd, tr.Elapsed.Seconds(), (tr.TotalCPU - tr.ProviderCPU).Seconds(), tr.ProviderCPU.Seconds(),
						float64(tr.MaxRSSKB)/1024, tr.Launches, extra)
				}
			}
		}
		if left, err := emu.trailCount(); err != nil || left != 0 {
			return nil, fmt.Errorf("after round %d the emulator holds %d trails (%v), want 0", r+1, left, err)
		}
	}
	emu.stop()

	// 4. Latency: the API variants against an emulator with latency, alternating with the plugin
	// floor at the same N (no API: what Terraform costs anyway).
	if o.LatencyN > 0 && o.LatencyRuns > 0 {
		lemu, err := startEmulator(filepath.Join(bin, "actiontrail-emulator"), filepath.Join(o.Work, "log", "emulator-latency.log"),
			"-max-trails-per-region", "100000", "-latency", o.Latency.String())
		if err != nil {
			return nil, err
		}
		defer lemu.stop()
		var lvs []string
		for _, v := range variants {
			if talksToAPI(v) || v == Noop {
				lvs = append(lvs, v)
			}
		}
		ldirs := map[string]string{}
		for _, v := range lvs {
			d, err := writeConfig(filepath.Join(o.Work, "tf-latency"), v, o.LatencyN)
			if err != nil {
				return nil, err
			}
			ldirs[v] = d
		}
		argsOf := map[string][]string{
			CmdApply: {"apply", "-auto-approve"}, CmdPlan: {"plan", "-detailed-exitcode", "-refresh=true"},
			CmdDestroy: {"destroy", "-auto-approve"},
		}
		for r := range o.LatencyRuns {
			for j := range lvs {
				v := lvs[(r+j)%len(lvs)]
				for _, cmd := range commands {
					if err := lemu.resetCalls(); err != nil {
						return nil, err
					}
					tr, err := tf("latency-"+v, o.LatencyN, envFor(v, lemu.URL), ldirs[v], []int{0}, argsOf[cmd]...)
					if err != nil {
						return nil, err
					}
					k := key{v, o.LatencyN, cmd}
					res.LatTimes[k] = append(res.LatTimes[k], tr.Elapsed)
					extra := ""
					if talksToAPI(v) {
						c, err := lemu.calls()
						if err != nil {
							return nil, err
						}
						res.LatCalls[k] = c
						extra = " calls: " + c.String()
					}
					logf("latency %s run %d/%d N=%d %-21s %-7s %6.2fs%s", o.Latency, r+1, o.LatencyRuns, o.LatencyN, v, cmd, tr.Elapsed.Seconds(), extra)
				}
			}
		}
		lemu.stop()
	}

	// 5. Emulator scale.
	if o.ScaleLarge > 0 {
		logf("emulator scale: %d vs %d trails", o.ScaleSmall, o.ScaleLarge)
		sr, err := runScale(ctx, o.ScaleSmall, o.ScaleLarge, o.ScaleRounds, o.ScalePer)
		if err != nil {
			return nil, err
		}
		res.Scale = sr
	}
	res.Elapsed = time.Since(begin)
	return res, nil
}

// reserve estimates the time the phases after the matrix take (latency, scale), for Budget.
func (o Options) reserve() time.Duration {
	d := 10 * time.Second
	if o.LatencyN > 0 {
		// Three commands for each API variant and the floor, about 0.5 s + 10 ms per resource each.
		perCmd := 500*time.Millisecond + time.Duration(o.LatencyN)*10*time.Millisecond
		d += time.Duration(o.LatencyRuns*(len(o.Variants())-1)*len(commands)) * perCmd
	}
	if o.ScaleLarge > 0 {
		d += 20 * time.Second
	}
	return d
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
	cfg := fmt.Sprintf(`disable_checkpoint = true
provider_installation {
  dev_overrides {
    "registry.terraform.io/openactiontrail/actiontrail" = %q
    "registry.terraform.io/openactiontrail/benchnoop"   = %q
  }
  direct {
    exclude = ["*/*/*"]
  }
}
`, overrides["actiontrail"], overrides["benchnoop"])
	path := filepath.Join(work, "terraformrc"+suffix)
	return path, os.WriteFile(path, []byte(cfg), 0o644)
}

// Config renders the configuration of n resources of a variant. The trail's settings are the same
// for actiontrail_trail and benchnoop_trail, and terraform_data carries them as its input.
func Config(variant string, n int) string {
	attrs := `  name            = format("bench-%05d", count.index)
  region          = "cn-hangzhou"
  oss_bucket_name = "actiontrail-demo-bucket"
  oss_key_prefix  = "bench-prefix"
`
	switch variant {
	case Ours:
		return fmt.Sprintf(`terraform {
  required_providers {
    actiontrail = { source = "openactiontrail/actiontrail" }
  }
}

resource "actiontrail_trail" "t" {
  count           = %d
%s}
`, n, attrs)
	case Noop:
		return fmt.Sprintf(`terraform {
  required_providers {
    benchnoop = { source = "openactiontrail/benchnoop" }
  }
}

resource "benchnoop_trail" "t" {
  count           = %d
%s}
`, n, attrs)
	default:
		return fmt.Sprintf(`resource "terraform_data" "t" {
  count = %d
  input = {
%s  }
}
`, n, indent(attrs, "  "))
	}
}

func writeConfig(parent, variant string, n int) (string, error) {
	dir := filepath.Join(parent, fmt.Sprintf("%s-%d", strings.ReplaceAll(variant, "@", "-"), n))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	for _, f := range []string{"terraform.tfstate", "terraform.tfstate.backup"} {
		_ = os.Remove(filepath.Join(dir, f))
	}
	return dir, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(Config(resourceType(variant), n)), 0o644)
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
