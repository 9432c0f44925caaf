package bench

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/openactiontrail/terraform-provider-actiontrail/bench/noop"
)

// Run runs the benchmark and returns what it measured; when a phase after the matrix fails, what
// was measured until then, with the error. The phases, in order (see the package
// documentation): build, provider start, the plan-time lookup, the matrix, growth, aliases,
// latency, emulator scale.
func Run(ctx context.Context, o Options) (*Results, error) {
	begin := time.Now()
	if o.Log == nil {
		o.Log = io.Discard
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
	r := &runner{ctx: ctx, o: o, begin: begin, res: newResults(o)}
	if err := r.build(); err != nil {
		return nil, err
	}
	if err := r.probeStarts(); err != nil {
		return nil, err
	}
	emu, err := startEmulator(r.binary("actiontrail-emulator"), r.logFile("emulator.log"), "-max-trails-per-region", "100000")
	if err != nil {
		return nil, err
	}
	defer emu.stop()
	r.emu = emu
	r.logf("emulator at %s", emu.URL)
	if err := r.writeConfigs(); err != nil {
		return nil, err
	}
	if err := r.schemaCLI(); err != nil {
		return nil, err
	}
	if err := r.planLookups(); err != nil {
		return nil, err
	}
	if err := r.matrix(); err != nil {
		return nil, err
	}
	if err := r.growth(); err != nil {
		return r.partial(err)
	}
	emu.stop()
	if err := r.aliases(); err != nil {
		return r.partial(err)
	}
	if err := r.latency(); err != nil {
		return r.partial(err)
	}
	if err := r.scale(); err != nil {
		return r.partial(err)
	}
	r.res.Elapsed = time.Since(r.begin)
	return r.res, nil
}

// partial returns what the phases measured before err stopped the run (Print says which phases
// have no results), with err: a phase after the matrix must not lose the matrix's results.
func (r *runner) partial(err error) (*Results, error) {
	r.res.Elapsed = time.Since(r.begin)
	return r.res, err
}

func newResults(o Options) *Results {
	return &Results{
		Opts: o, Times: map[key][]time.Duration{}, RSSKB: map[key]int64{}, Launches: map[key]int{},
		Calls: map[key][]Calls{}, ProvCPU: map[key][]time.Duration{}, TfCPU: map[key][]time.Duration{},
		EmuCPU: map[key][]time.Duration{}, Lookup: map[key]Calls{}, LatTimes: map[key][]time.Duration{},
		LatCalls: map[key]Calls{}, SchemaCLI: map[string][]time.Duration{},
	}
}

// runner is one run in progress: what the phases share, and the results they fill in.
type runner struct {
	ctx   context.Context
	o     Options
	begin time.Time
	res   *Results

	variants []string
	altBin   string // the provider built from Options.AltRoot
	// Environments of the terraform commands: base has the CLI configuration that serves ours and
	// benchnoop, altBase the one that serves alt in place of ours, noop is base and EnvNoop.
	base, altBase, noop []string
	emu                 *emulatorProc             // the emulator of the matrix (answering at once)
	dirs                map[string]map[int]string // working directory per variant and N (each keeps its own state)
	seq                 int                       // terraform commands run so far, for the log file names
}

// logf writes a progress line, stamped with the time since the start.
func (r *runner) logf(format string, args ...any) {
	fmt.Fprintf(r.o.Log, "[%6.1fs] %s\n", time.Since(r.begin).Seconds(), fmt.Sprintf(format, args...))
}

func (r *runner) binary(name string) string  { return filepath.Join(r.o.Work, "bin", name) }
func (r *runner) logFile(name string) string { return filepath.Join(r.o.Work, "log", name) }

// Commands timed per variant, with their arguments. The no-op plan's exit code 2 would mean
// changes: not a no-op.
var commandArgs = map[string][]string{
	CmdApply:   {"apply", "-auto-approve"},
	CmdPlan:    {"plan", "-detailed-exitcode", "-refresh=true"},
	CmdDestroy: {"destroy", "-auto-approve"},
}

// build compiles every binary into Work/bin, puts the launcher in front of each provider and
// writes the CLI configurations (dev_overrides) and the environments of the variants.
func (r *runner) build() error {
	o := r.o
	bin := filepath.Join(o.Work, "bin")
	for _, d := range []string{bin, filepath.Join(o.Work, "log"), filepath.Join(o.Work, "prof")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	r.logf("building into %s", bin)
	if err := build(r.ctx, o.Root, bin, o.Profile, o.Log); err != nil {
		return err
	}
	r.altBin = r.binary("terraform-provider-actiontrail-alt")
	if o.AltRoot != "" {
		if err := buildOne(r.ctx, o.AltRoot, r.altBin, ".", o.Log); err != nil {
			return err
		}
	}
	oursBin, noopBin := r.binary("terraform-provider-actiontrail"), r.binary("terraform-provider-benchnoop")
	if o.Profile {
		oursBin, noopBin = oursBin+"-prof", noopBin+"-prof"
	}
	cliConfig, err := writeOverrides(o.Work, "", bin, oursBin, noopBin)
	if err != nil {
		return err
	}
	altConfig, err := writeOverrides(o.Work, "-alt", bin, r.altBin, noopBin)
	if err != nil {
		return err
	}
	common := append(cleanEnv(), "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	if o.Profile {
		common = append(common, "BENCH_CPUPROFILE_DIR="+filepath.Join(o.Work, "prof"))
	}
	r.base = append(append([]string{}, common...), "TF_CLI_CONFIG_FILE="+cliConfig)
	r.altBase = append(append([]string{}, common...), "TF_CLI_CONFIG_FILE="+altConfig)
	r.noop = append(append([]string{}, r.base...), o.EnvNoop...)
	r.variants = o.Variants()
	return nil
}

// envFor is the environment of a variant's terraform commands, the API variants' pointed at the
// emulator at url.
func (r *runner) envFor(v, url string) []string {
	api := func(b []string) []string {
		return append(append(append([]string{}, b...), providerEnv(url)...), r.o.EnvOurs...)
	}
	switch v {
	case Ours:
		return api(r.base)
	case Alt:
		return api(r.altBase)
	case Noop:
		return r.noop
	case Ideal: // the floor, waiting the latency phase's round trips
		return append(append([]string{}, r.noop...), noop.RoundTripEnv+"="+r.o.Latency.String())
	}
	return r.base
}

// terraform runs one terraform command of variant v at n resources in dir; its output and the
// launchers' memory lines go to numbered files under Work/log.
func (r *runner) terraform(v string, n int, env []string, dir string, ok []int, args ...string) (tfResult, error) {
	r.seq++
	name := fmt.Sprintf("%03d-%s-%d-%s", r.seq, strings.ReplaceAll(v, "@", "-"), n, args[0])
	if args[0] != "providers" {
		args = append(args, "-input=false", "-no-color")
	}
	return runTerraform(r.ctx, r.o.Terraform, dir, env, r.logFile(name+".log"), r.logFile(name+".rss"), ok, args...)
}

// probeStarts (phase 1) times each provider binary's start over the plugin protocol, the
// binaries alternating, after one warm-up round (page cache) that is not kept.
func (r *runner) probeStarts() error {
	if r.o.StartRuns <= 0 {
		return nil
	}
	r.logf("provider start: %d probes per binary, alternating", r.o.StartRuns)
	type probed struct {
		path, typ string
		into      *[]StartTiming
	}
	bins := []probed{
		{r.binary("terraform-provider-actiontrail"), Ours, &r.res.StartOurs},
		{r.binary("terraform-provider-benchnoop"), Noop, &r.res.StartNoop},
	}
	if r.o.AltRoot != "" {
		bins = append(bins, probed{r.altBin, Ours, &r.res.StartAlt})
	}
	for i := -1; i < r.o.StartRuns; i++ {
		for j := range bins {
			b := bins[(i+1+j)%len(bins)]
			st, err := probeStart(r.ctx, b.path, b.typ)
			if err != nil {
				return err
			}
			if i >= 0 {
				*b.into = append(*b.into, st)
			}
		}
	}
	return nil
}

// writeConfigs writes the configuration of every variant and N, each in its own directory.
func (r *runner) writeConfigs() error {
	r.dirs = map[string]map[int]string{}
	for _, v := range r.variants {
		r.dirs[v] = map[int]string{}
		for _, n := range r.o.Ns {
			d, err := writeConfig(filepath.Join(r.o.Work, "tf"), v, n)
			if err != nil {
				return err
			}
			r.dirs[v][n] = d
		}
	}
	return nil
}

// schemaCLI (phase 1b) times the provider start as the terraform CLI sees it: terraform
// providers schema -json for each configuration (terraform_data: no provider process at all).
func (r *runner) schemaCLI() error {
	if r.o.StartRuns <= 0 || len(r.o.Ns) == 0 {
		return nil
	}
	n := r.o.Ns[0]
	for i := range r.o.StartRuns {
		for j := range r.variants {
			v := r.variants[(i+j)%len(r.variants)]
			tr, err := r.terraform(v, n, r.envFor(v, r.emu.URL), r.dirs[v][n], []int{0}, "providers", "schema", "-json")
			if err != nil {
				return err
			}
			r.res.SchemaCLI[v] = append(r.res.SchemaCLI[v], tr.Elapsed)
		}
	}
	return nil
}

// planLookups (phase 2) counts the calls of the plan-time lookup: a plan that creates N trails,
// on an empty state.
func (r *runner) planLookups() error {
	for _, n := range r.o.Ns {
		for _, v := range r.variants {
			if !talksToAPI(v) {
				continue
			}
			if err := r.emu.resetCalls(); err != nil {
				return err
			}
			if _, err := r.terraform(v, n, r.envFor(v, r.emu.URL), r.dirs[v][n], []int{2}, "plan", "-detailed-exitcode"); err != nil {
				return err
			}
			c, err := r.emu.calls()
			if err != nil {
				return err
			}
			r.res.Lookup[key{v, n, "plan-create"}] = c
			r.logf("%s: plan of %d new trails: API calls %s", v, n, c)
		}
	}
	return nil
}

// matrix (phase 3) runs rounds of apply, no-op plan and destroy of every variant at every N, up
// to Runs rounds (at least MinRuns, then within Budget). Each round leaves the emulator empty.
func (r *runner) matrix() error {
	start := time.Now()
	for round := range r.o.Runs {
		if round > 0 && round >= r.o.MinRuns && r.o.Budget > 0 {
			perRound := time.Since(start) / time.Duration(round)
			if after := time.Since(r.begin) + perRound + r.o.reserve(); after > r.o.Budget {
				r.logf("stopping after %d rounds: another would end the run at about %s, past the budget of %s", round, after.Round(time.Second), r.o.Budget)
				break
			}
		}
		r.res.Rounds = round + 1
		if err := r.matrixRound(round); err != nil {
			return err
		}
		if left, err := r.emu.trailCount(); err != nil || left != 0 {
			return fmt.Errorf("after round %d the emulator holds %d trails (%v), want 0", round+1, left, err)
		}
	}
	return nil
}

// matrixRound runs one round: the Ns in order (reversed in odd rounds), and at each N the
// variants in an order that turns by one every round.
func (r *runner) matrixRound(round int) error {
	ns := append([]int{}, r.o.Ns...)
	if round%2 == 1 {
		for i, j := 0, len(ns)-1; i < j; i, j = i+1, j-1 {
			ns[i], ns[j] = ns[j], ns[i]
		}
	}
	for _, n := range ns {
		for j := range r.variants {
			v := r.variants[(round+j)%len(r.variants)]
			for _, cmd := range commands {
				if err := r.measure(round, v, n, cmd); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// measure runs one command of the matrix and records its time, CPU, memory and API calls.
func (r *runner) measure(round int, v string, n int, cmd string) error {
	api := talksToAPI(v)
	if api {
		if err := r.emu.resetCalls(); err != nil {
			return err
		}
	}
	emuBefore := r.emu.cpu()
	tr, err := r.terraform(v, n, r.envFor(v, r.emu.URL), r.dirs[v][n], []int{0}, commandArgs[cmd]...)
	if err != nil {
		return err
	}
	res, k := r.res, key{v, n, cmd}
	res.ProvCPU[k] = append(res.ProvCPU[k], tr.ProviderCPU)
	res.TfCPU[k] = append(res.TfCPU[k], tr.TotalCPU-tr.ProviderCPU)
	if api {
		res.EmuCPU[k] = append(res.EmuCPU[k], r.emu.cpu()-emuBefore)
	}
	res.Times[k] = append(res.Times[k], tr.Elapsed)
	res.RSSKB[k] = max(res.RSSKB[k], tr.MaxRSSKB)
	res.Launches[k] = tr.Launches
	extra := ""
	if api {
		c, err := r.emu.calls()
		if err != nil {
			return err
		}
		res.Calls[k] = append(res.Calls[k], c)
		extra = " calls: " + c.String()
	}
	r.logf("round %d/%d N=%-4d %-21s %-7s %6.2fs  cpu: terraform %5.2fs provider %5.2fs  rss %5.1f MiB (%d launches)%s",
		round+1, r.o.Runs, n, v, cmd, tr.Elapsed.Seconds(), (tr.TotalCPU - tr.ProviderCPU).Seconds(), tr.ProviderCPU.Seconds(),
		float64(tr.MaxRSSKB)/1024, tr.Launches, extra)
	return nil
}

// latency (phase 6) runs the API variants against an emulator answering with a latency,
// alternating with the plugin floor at the same N (no API: what Terraform costs anyway).
func (r *runner) latency() error {
	o := r.o
	if o.LatencyN <= 0 || o.LatencyRuns <= 0 {
		return nil
	}
	emu, err := startEmulator(r.binary("actiontrail-emulator"), r.logFile("emulator-latency.log"),
		"-max-trails-per-region", "100000", "-latency", o.Latency.String())
	if err != nil {
		return err
	}
	defer emu.stop()
	var vs []string
	for _, v := range r.variants {
		if talksToAPI(v) || v == Noop {
			vs = append(vs, v)
		}
	}
	vs = append(vs, Ideal)
	dirs := map[string]string{}
	for _, v := range vs {
		d, err := writeConfig(filepath.Join(o.Work, "tf-latency"), v, o.LatencyN)
		if err != nil {
			return err
		}
		dirs[v] = d
	}
	rounds := map[key][]Calls{}
	for round := range o.LatencyRuns {
		for j := range vs {
			v := vs[(round+j)%len(vs)]
			for _, cmd := range commands {
				if err := emu.resetCalls(); err != nil {
					return err
				}
				tr, err := r.terraform("latency-"+v, o.LatencyN, r.envFor(v, emu.URL), dirs[v], []int{0}, commandArgs[cmd]...)
				if err != nil {
					return err
				}
				k := key{v, o.LatencyN, cmd}
				r.res.LatTimes[k] = append(r.res.LatTimes[k], tr.Elapsed)
				extra := ""
				if talksToAPI(v) {
					c, err := emu.calls()
					if err != nil {
						return err
					}
					rounds[k] = append(rounds[k], c)
					extra = " calls: " + c.String()
				}
				r.logf("latency %s run %d/%d N=%d %-21s %-7s %6.2fs%s", o.Latency, round+1, o.LatencyRuns, o.LatencyN, v, cmd, tr.Elapsed.Seconds(), extra)
			}
		}
	}
	emu.stop()
	for k, cs := range rounds {
		r.res.LatCalls[k] = medianCalls(cs)
	}
	return nil
}

// medianCalls is the round of the median total (the lower one of an even count): under latency the
// read-backs that share a read vary from round to round, and one round's counts are reported whole.
func medianCalls(cs []Calls) Calls {
	cs = slices.Clone(cs)
	slices.SortStableFunc(cs, func(a, b Calls) int { return cmp.Compare(a.Total(), b.Total()) })
	return cs[(len(cs)-1)/2]
}

// scale (phase 7) times the emulator's DescribeTrails by name with ScaleLarge trails against
// ScaleSmall, in process.
func (r *runner) scale() error {
	if r.o.ScaleLarge <= 0 {
		return nil
	}
	r.logf("emulator scale: %d vs %d trails", r.o.ScaleSmall, r.o.ScaleLarge)
	sr, err := runScale(r.ctx, r.o.ScaleSmall, r.o.ScaleLarge, r.o.ScaleRounds, r.o.ScalePer)
	if err != nil {
		return err
	}
	r.res.Scale = sr
	return nil
}

// reserve estimates the time the phases after the matrix take (growth, aliases, latency, scale),
// for Budget.
func (o Options) reserve() time.Duration {
	d := 10 * time.Second
	if o.GrowthRegions > 0 {
		// Three commands per run and API variant, about 0.7 s + 25 ms per resource each (the
		// spread layout's apply and destroy of 500 trails take some 15 to 25 s on 2 busy cores).
		apis := len(o.Variants()) - 2
		for _, n := range o.growthNs() {
			for _, regions := range o.growthLayouts() {
				if regions > 1 || !o.matrixHas(n) {
					d += time.Duration(o.GrowthRuns*apis*len(commands)) * (700*time.Millisecond + time.Duration(n)*25*time.Millisecond)
				}
			}
		}
	}
	if o.Aliases > 0 {
		// Three commands for each API variant and the floor, about 1 s + 450 ms per alias each
		// (a provider process per alias and walk, and one more for its schema).
		perCmd := time.Second + time.Duration(o.Aliases)*450*time.Millisecond
		d += time.Duration(o.AliasRuns*(len(o.Variants())-1)*len(commands)) * perCmd
	}
	if o.LatencyN > 0 {
		// Three commands for each API variant, the floor and the ideal provider, about 0.5 s + 10 ms per
		// resource each.
		perCmd := 500*time.Millisecond + time.Duration(o.LatencyN)*10*time.Millisecond
		d += time.Duration(o.LatencyRuns*len(o.Variants())*len(commands)) * perCmd
	}
	if o.ScaleLarge > 0 {
		d += 20 * time.Second
	}
	return d
}
