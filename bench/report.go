package bench

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// Targets of the issue.
const (
	targetRatioSmallN       = 1.3  // ours/plugin floor at N=100
	targetRatioLargeN       = 1.15 // ours/plugin floor at N=500
	targetCallsCreate       = 2.2  // CreateTrail, StartLogging and a share of a read
	targetCallsRefresh      = 0.3
	targetCallsDestroy      = 1.3
	batchNames              = 50 // client.MaxBatchNames: a no-op plan makes at most ceil(N/batch) DescribeTrails per region
	targetLatencyRatio      = 1.2
	targetStart             = 50 * time.Millisecond
	targetScaleSlowdown     = 1.5 // 10 000 trails vs 100: "without slowing down", with room for noise
	targetGrowth            = 1.0 // time per trail at the largest N over that at the smallest: linear or better
	defaultParallelism      = 10
	smallN, largeN          = 100, 500
	unitsPerMiB             = 1024.0
	lookupsPerPlanWalk      = 1
	credentialChecksPerWalk = 1 // STS GetCallerIdentity, once per provider configuration
	walksPerApply           = 2 // terraform apply plans twice: the plan walk and the apply walk's final plan
	// terraform destroy configures the provider three times (measured by the aliases phase: plan 1,
	// apply 2, destroy 3), each with its credential check, and refreshes once.
	configurationsPerDestroy = 3
	msPerSecond              = 1000.0
	dash                     = "–"
	verdictMet, verdictX     = "met", "MISSED"
)

// median is the middle value of xs (the mean of the middle two for an even count), 0 for none.
// One function for durations and ratios: a duration's mean of two is rounded down to the
// nanosecond, as integer division does.
func median[T time.Duration | float64](xs []T) T {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f", d.Seconds()) }
func ms(d time.Duration) string   { return fmt.Sprintf("%.1f", float64(d.Microseconds())/msPerSecond) }
func ms3(d time.Duration) string  { return fmt.Sprintf("%.3f", float64(d.Microseconds())/msPerSecond) }

func verdict(ok bool) string {
	if ok {
		return verdictMet
	}
	return verdictX
}

// pairedRatio is the median over rounds of a[r]/b[r]: the two were measured in the same round,
// one right after the other, so load drift between rounds cancels out.
func pairedRatio(a, b []time.Duration) float64 {
	var rs []float64
	for i := range min(len(a), len(b)) {
		if b[i] > 0 {
			rs = append(rs, a[i].Seconds()/b[i].Seconds())
		}
	}
	return median(rs)
}

func ratioTarget(n int) (float64, bool) {
	switch {
	case n <= smallN:
		return targetRatioSmallN, true
	case n >= largeN:
		return targetRatioLargeN, true
	}
	return 0, false
}

// short names variants in column headers.
func short(v string) string {
	switch v {
	case Ours:
		return "actiontrail"
	case Alt:
		return "actiontrail@alt"
	case Noop:
		return "benchnoop"
	}
	return "terraform_data"
}

// apiVariants are the measured variants that call the API: actiontrail, and alt when present.
func (r *Results) apiVariants() []string {
	var out []string
	for _, v := range r.Opts.Variants() {
		if talksToAPI(v) {
			out = append(out, v)
		}
	}
	return out
}

// Print renders the results as tables, one per section: wall times against the floors, their
// growth with N (and regions), CPU, memory, API calls, provider aliases, latency, provider start
// and emulator scale.
func (r *Results) Print(w io.Writer) {
	r.printTimes(w)
	r.printGrowth(w)
	r.printCPU(w)
	r.printRSS(w)
	r.printCalls(w)
	r.printAliases(w)
	r.printLatency(w)
	r.printStart(w)
	r.printScale(w)
	fmt.Fprintf(w, "\ntotal elapsed: %s\n", r.Elapsed.Round(time.Second))
}

// row is one line of a table for a tabwriter: each cell ends with a tab.
type row struct{ strings.Builder }

func (l *row) cell(s string) {
	l.WriteString(s)
	l.WriteByte('\t')
}

func (l *row) cellf(format string, args ...any) { l.cell(fmt.Sprintf(format, args...)) }

// variantCells adds a cell per variant: format with the variant's short name (a header's columns).
func (l *row) variantCells(format string, vs []string) {
	for _, v := range vs {
		l.cellf(format, short(v))
	}
}

// valueCells adds a cell per variant: value(v) with two decimals.
func (l *row) valueCells(vs []string, value func(v string) float64) {
	for _, v := range vs {
		l.cellf("%.2f", value(v))
	}
}

// rightAligned is the tabwriter of the numeric tables.
func rightAligned(w io.Writer) *tabwriter.Writer {
	return tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
}

// withProvider lists the variants that start a provider process (all but terraform_data).
func withProvider(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v != Core {
			out = append(out, v)
		}
	}
	return out
}

// targetCells renders a ratio's target and verdict cells for N (a dash where N has no target).
func targetCells(l *row, n int, ratio float64) {
	t, ok := ratioTarget(n)
	if !ok {
		l.cell(dash)
		l.cell("")
		return
	}
	l.cellf("<= %.2f", t)
	l.cell(verdict(ratio <= t))
}

// printTimes: the wall time of each command per variant (median and range over the rounds), and
// each API variant's ratio to the plugin floor against the target.
func (r *Results) printTimes(w io.Writer) {
	vs, api := r.Opts.Variants(), r.apiVariants()
	fmt.Fprintf(w, "\n== terraform apply / no-op plan (-refresh=true) / destroy, -parallelism=%d, emulator answering at once\n", defaultParallelism)
	fmt.Fprintf(w, "   seconds: median of %d rounds (min-max); ratios: median of the per-round ratios (same round, back to back)\n", r.Rounds)
	fmt.Fprintf(w, "   plugin floor: benchnoop_trail (same schema, no work); core floor: terraform_data\n\n")
	r.printMatrix(w, func(hdr *row) {
		for _, v := range vs {
			hdr.cell(v)
		}
		for _, v := range api {
			hdr.cellf("%s/plugin", short(v))
			hdr.cell("target")
			hdr.cell("")
		}
		hdr.cell("actiontrail/core")
	}, func(l *row, n int, c string) {
		for _, v := range vs {
			if ts := r.Times[key{v, n, c}]; len(ts) > 0 {
				l.cellf("%s (%s-%s)", secs(median(ts)), secs(slices.Min(ts)), secs(slices.Max(ts)))
			} else {
				l.cell(dash)
			}
		}
		for _, v := range api {
			rp := pairedRatio(r.Times[key{v, n, c}], r.Times[key{Noop, n, c}])
			l.cellf("%.2f", rp)
			targetCells(l, n, rp)
		}
		l.cellf("%.2f", pairedRatio(r.Times[key{Ours, n, c}], r.Times[key{Core, n, c}]))
	})
}

// printMatrix renders a table of the matrix on a right-aligned tabwriter: a line per N and
// command, in that order, whose first cells are N and the command; header adds the header's
// further cells and cells a line's.
func (r *Results) printMatrix(w io.Writer, header func(hdr *row), cells func(l *row, n int, c string)) {
	tw := rightAligned(w)
	var hdr row
	hdr.cell("N")
	hdr.cell("command")
	header(&hdr)
	fmt.Fprintln(tw, hdr.String())
	for _, n := range r.Opts.Ns {
		for _, c := range commands {
			var l row
			l.cellf("%d", n)
			l.cell(c)
			cells(&l, n, c)
			fmt.Fprintln(tw, l.String())
		}
	}
	_ = tw.Flush()
}

// printGrowth: how the time grows with N, in the matrix against the floors, and for the API
// variants in one region and spread over regions, with their calls.
func (r *Results) printGrowth(w io.Writer) {
	r.printGrowthFloors(w)
	r.printGrowthRegions(w)
}

// printGrowthFloors: from the matrix's smallest N to its largest, the time each extra resource
// costs and the ratio of the times.
func (r *Results) printGrowthFloors(w io.Writer) {
	if len(r.Opts.Ns) < 2 {
		return
	}
	vs, api := r.Opts.Variants(), r.apiVariants()
	lo, hi := r.Opts.Ns[0], r.Opts.Ns[len(r.Opts.Ns)-1]
	fmt.Fprintf(w, "\n== growth from N=%d to N=%d: ms per extra resource = (t(%d)-t(%d))/%d on the medians, and t(%d)/t(%d)\n\n", lo, hi, hi, lo, hi-lo, hi, lo)
	tw := rightAligned(w)
	var hdr row
	hdr.cell("command")
	hdr.variantCells("ms/res %s", vs)
	hdr.variantCells("%s/plugin", api)
	hdr.variantCells("t(hi)/t(lo) %s", vs)
	fmt.Fprintln(tw, hdr.String())
	for _, c := range commands {
		slope := func(v string) float64 {
			return (median(r.Times[key{v, hi, c}]) - median(r.Times[key{v, lo, c}])).Seconds() * msPerSecond / float64(hi-lo)
		}
		growth := func(v string) float64 {
			return median(r.Times[key{v, hi, c}]).Seconds() / median(r.Times[key{v, lo, c}]).Seconds()
		}
		var l row
		l.cell(c)
		l.valueCells(vs, slope)
		l.valueCells(api, func(v string) float64 { return slope(v) / slope(Noop) })
		l.valueCells(vs, growth)
		fmt.Fprintln(tw, l.String())
	}
	_ = tw.Flush()
}

// printGrowthRegions: the API variants at every growth N, in one region and spread over regions:
// seconds and calls per trail per command with the no-op plan's DescribeTrails against
// R × ⌈N/R/batch⌉, then the time per trail at each N and its growth from the smallest N to the
// largest against linear.
func (r *Results) printGrowthRegions(w io.Writer) {
	g := r.Growth
	if g == nil || len(g.Ns) < 2 {
		return
	}
	layouts := []int{1}
	if g.Regions > 1 {
		layouts = append(layouts, g.Regions)
	}
	lo, hi := g.Ns[0], g.Ns[len(g.Ns)-1]
	fmt.Fprintf(w, "\n== growth with N = %s, in 1 region and spread evenly over %d regions (region = local.regions[count.index %% %d])\n",
		joinInts(g.Ns), g.Regions, g.Regions)
	fmt.Fprintf(w, "   seconds: 1 region at an N of the matrix: its median of %d rounds; otherwise median of %d round(s); calls/trail: first round\n",
		r.Rounds, g.Rounds)
	fmt.Fprintf(w, "   no-op plan: at most R x ceil(N/R/%d) DescribeTrails (R regions)\n\n", batchNames)
	printLayouts(r, w, layouts, "N", g.Ns, func(hdr *row) {
		for _, c := range commands {
			hdr.cellf("%s s", c)
		}
		for _, c := range commands {
			hdr.cellf("%s calls/trail", c)
		}
		hdr.cell("plan DescribeTrails")
		hdr.cell("target")
		hdr.cell("")
	}, func(l *row, v string, regions, n int) {
		for _, c := range commands {
			if ts, _ := r.growthRuns(regions, key{v, n, c}); len(ts) > 0 {
				l.cell(secs(median(ts)))
			} else {
				l.cell(dash)
			}
		}
		for _, c := range commands {
			if _, cs := r.growthRuns(regions, key{v, n, c}); len(cs) > 0 {
				l.cellf("%.2f", float64(cs[0].Total())/float64(n))
			} else {
				l.cell(dash)
			}
		}
		limit := int64(regions * ceilDiv(n, regions*batchNames))
		if _, cs := r.growthRuns(regions, key{v, n, CmdPlan}); len(cs) > 0 {
			l.cellf("%d", cs[0]["DescribeTrails"])
			l.cellf("<= %d", limit)
			l.cell(verdict(cs[0]["DescribeTrails"] <= limit))
		} else {
			l.cell(dash)
			l.cellf("<= %d", limit)
			l.cell("")
		}
	})

	fmt.Fprintf(w, "\n   ms/trail = seconds / N; marginal: ms per extra trail from one N to the next; growth = (t(%d)/%d) / (t(%d)/%d),\n", hi, hi, lo, lo)
	fmt.Fprintf(w, "   linear or better: <= %.2f\n\n", targetGrowth)
	printLayouts(r, w, layouts, "command", commands, func(hdr *row) {
		for _, n := range g.Ns {
			hdr.cellf("ms/trail N=%d", n)
		}
		for i := 1; i < len(g.Ns); i++ {
			hdr.cellf("marginal %d-%d", g.Ns[i-1], g.Ns[i])
		}
		hdr.cell("growth")
		hdr.cell("target")
		hdr.cell("")
	}, func(l *row, v string, regions int, c string) {
		t := func(n int) time.Duration { ts, _ := r.growthRuns(regions, key{v, n, c}); return median(ts) }
		for _, n := range g.Ns {
			l.cellf("%.1f", t(n).Seconds()*msPerSecond/float64(n))
		}
		for i := 1; i < len(g.Ns); i++ {
			l.cellf("%.1f", (t(g.Ns[i])-t(g.Ns[i-1])).Seconds()*msPerSecond/float64(g.Ns[i]-g.Ns[i-1]))
		}
		if t(lo) <= 0 || t(hi) <= 0 {
			l.cell(dash)
			l.cell("")
			l.cell("")
		} else {
			growth := (t(hi).Seconds() / float64(hi)) / (t(lo).Seconds() / float64(lo))
			l.cellf("%.2f", growth)
			l.cellf("<= %.2f", targetGrowth)
			l.cell(verdict(growth <= targetGrowth))
		}
	})
}

// printLayouts renders a table of the growth phase on a right-aligned tabwriter: a line per API
// variant, layout (regions) and item (an N or a command), in that order, whose first cells are the
// variant, the regions and the item (column name: the header's third); header adds the header's
// further cells and cells a line's.
func printLayouts[T int | string](r *Results, w io.Writer, layouts []int, name string, items []T, header func(hdr *row), cells func(l *row, v string, regions int, item T)) {
	tw := rightAligned(w)
	var hdr row
	for _, h := range []string{"provider", "regions", name} {
		hdr.cell(h)
	}
	header(&hdr)
	fmt.Fprintln(tw, hdr.String())
	for _, v := range r.apiVariants() {
		for _, regions := range layouts {
			for _, item := range items {
				var l row
				l.cell(short(v))
				l.cellf("%d", regions)
				l.cellf("%v", item)
				cells(&l, v, regions, item)
				fmt.Fprintln(tw, l.String())
			}
		}
	}
	_ = tw.Flush()
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

func joinInts(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = fmt.Sprint(n)
	}
	return strings.Join(parts, ", ")
}

// printCPU: the CPU seconds of terraform, the providers and the emulator per command, and each
// API variant's whole CPU against the plugin floor's.
func (r *Results) printCPU(w io.Writer) {
	vs, api := r.Opts.Variants(), r.apiVariants()
	provs := withProvider(vs)
	fmt.Fprintf(w, "\n== CPU seconds per command, median over rounds (steadier than wall time on a busy machine): terraform itself\n")
	fmt.Fprintf(w, "   (its rusage minus its providers'), the provider processes (launcher rusage), the emulator (/proc/<pid>/stat);\n")
	fmt.Fprintf(w, "   all CPU ratio: (terraform + provider + emulator) over (terraform + provider) of the plugin floor, against the same targets\n\n")
	r.printMatrix(w, func(hdr *row) {
		hdr.variantCells("terraform %s", vs)
		hdr.variantCells("provider %s", provs)
		hdr.variantCells("emulator %s", api)
		hdr.variantCells("provider ms/res %s", provs)
		for _, v := range api {
			hdr.cellf("all CPU %s/plugin", short(v))
			hdr.cell("target")
			hdr.cell("")
		}
	}, func(l *row, n int, c string) {
		m := func(mp map[key][]time.Duration, v string) float64 { return median(mp[key{v, n, c}]).Seconds() }
		l.valueCells(vs, func(v string) float64 { return m(r.TfCPU, v) })
		l.valueCells(provs, func(v string) float64 { return m(r.ProvCPU, v) })
		l.valueCells(api, func(v string) float64 { return m(r.EmuCPU, v) })
		l.valueCells(provs, func(v string) float64 { return m(r.ProvCPU, v) * msPerSecond / float64(n) })
		for _, v := range api {
			all := m(r.TfCPU, v) + m(r.ProvCPU, v) + m(r.EmuCPU, v)
			floor := m(r.TfCPU, Noop) + m(r.ProvCPU, Noop)
			if floor <= 0 {
				l.cell(dash)
				l.cell("")
				l.cell("")
				continue
			}
			l.cellf("%.2f", all/floor)
			targetCells(l, n, all/floor)
		}
	})
}

// printRSS: the peak memory of one provider process per variant and command.
func (r *Results) printRSS(w io.Writer) {
	provs := withProvider(r.Opts.Variants())
	fmt.Fprintf(w, "\n== peak RSS of one provider process (getrusage ru_maxrss through the launcher), MiB, max over rounds\n\n")
	r.printMatrix(w, func(hdr *row) {
		hdr.variantCells("%s", provs)
		hdr.cell("provider processes per command")
	}, func(l *row, n int, c string) {
		for _, v := range provs {
			l.cellf("%.1f", float64(r.RSSKB[key{v, n, c}])/unitsPerMiB)
		}
		l.cellf("%d", r.Launches[key{Ours, n, c}])
	})
}

// perTrail renders calls/N by Action.
func perTrail(c Calls, n int) (float64, string) {
	by := c.join(", ", func(action string, k int64) string { return fmt.Sprintf("%s %.2f", action, float64(k)/float64(n)) })
	return float64(c.Total()) / float64(n), by
}

func sameCalls(cs []Calls) bool {
	for _, c := range cs[1:] {
		if c.String() != cs[0].String() {
			return false
		}
	}
	return true
}

// printCalls: the API calls per trail of each operation against the call budget, and the plan-time lookup.
func (r *Results) printCalls(w io.Writer) {
	fmt.Fprintf(w, "\n== API calls per trail (emulator /_emulator/calls, reset before each command)\n")
	fmt.Fprintf(w, "   create: <= %.1f per trail, plus per walk the plan-time lookup (at most 1 DescribeTrails per region) and the\n", targetCallsCreate)
	fmt.Fprintf(w, "   credential check (1 GetCallerIdentity per provider configuration)\n")
	fmt.Fprintf(w, "   (terraform apply runs 2 walks); refresh <= %.1f, and a no-op plan makes at most ceil(N/%d) DescribeTrails (1 region);\n",
		targetCallsRefresh, batchNames)
	fmt.Fprintf(w, "   destroy <= %.1f, plus its credential checks (3 configurations) and one refresh. The latency phase's commands\n   are counted too (the round of the median total): a latency lets concurrent read-backs share a call.\n\n", targetCallsDestroy)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "provider\tN\toperation\tcalls/trail\tby Action\ttarget\t\tsame every round")
	for _, v := range r.apiVariants() {
		for _, n := range r.Opts.Ns {
			for _, row := range callRows(n) {
				cs := r.Calls[key{v, n, row.cmd}]
				if len(cs) == 0 {
					continue
				}
				total, by := perTrail(cs[0], n)
				fmt.Fprintf(tw, "%s\t%d\t%s\t%.2f\t%s\t%s\t%s\t%v\n", short(v), n, row.label, total, by, row.target, verdict(row.ok(cs[0])), sameCalls(cs))
			}
			if c, ok := r.Lookup[key{v, n, "plan-create"}]; ok {
				fmt.Fprintf(tw, "%s\t%d\tplan of %d creates\t%d in all\t%s\t<= %d DescribeTrails (1 region, 1 walk) + 1 GetCallerIdentity\t%s\t\n",
					short(v), n, n, c.Total(), c, lookupsPerPlanWalk, verdict(c["DescribeTrails"] <= lookupsPerPlanWalk &&
						c.Total() == c["DescribeTrails"]+c["GetCallerIdentity"] && c["GetCallerIdentity"] <= credentialChecksPerWalk))
			}
		}
	}
	if n := r.Opts.LatencyN; n > 0 {
		for _, v := range r.apiVariants() {
			for _, row := range callRows(n) {
				c, ok := r.LatCalls[key{v, n, row.cmd}]
				if !ok {
					continue
				}
				total, by := perTrail(c, n)
				fmt.Fprintf(tw, "%s\t%d\t%s, latency %s\t%.2f\t%s\t%s\t%s\t\n", short(v), n, row.label, r.Opts.Latency, total, by, row.target, verdict(row.ok(c)))
			}
		}
	}
	_ = tw.Flush()
}

// callRow is one line of the call table: an operation, its target and the check of its calls.
type callRow struct {
	cmd, label, target string
	ok                 func(c Calls) bool
}

func callRows(n int) []callRow {
	perTrail := func(target float64) func(c Calls) bool {
		return func(c Calls) bool { return float64(c.Total()) <= target*float64(n) }
	}
	noopPlan := int64((n + batchNames - 1) / batchNames)
	return []callRow{
		{CmdApply, "create (apply)", fmt.Sprintf("<= %.1f + 4/N", targetCallsCreate), func(c Calls) bool {
			return float64(c.Total()) <= targetCallsCreate*float64(n)+walksPerApply*(lookupsPerPlanWalk+credentialChecksPerWalk)
		}},
		{CmdPlan, "refresh (no-op plan)", fmt.Sprintf("<= %.1f, <= %d DescribeTrails + 1 GetCallerIdentity", targetCallsRefresh, noopPlan), func(c Calls) bool {
			return perTrail(targetCallsRefresh)(c) && c["DescribeTrails"] <= noopPlan &&
				c.Total() == c["DescribeTrails"]+c["GetCallerIdentity"] && c["GetCallerIdentity"] <= credentialChecksPerWalk
		}},
		{CmdDestroy, "destroy", fmt.Sprintf("<= %.1f + 4/N", targetCallsDestroy), func(c Calls) bool {
			return float64(c.Total()) <= targetCallsDestroy*float64(n)+configurationsPerDestroy*credentialChecksPerWalk+lookupsPerPlanWalk
		}},
	}
}

// printAliases: the provider aliases against benchnoop's, and the STS calls per configuration.
func (r *Results) printAliases(w io.Writer) {
	a := r.Aliases
	if a == nil || a.Rounds == 0 {
		return
	}
	n := a.Aliases
	fmt.Fprintf(w, "\n== provider configurations: %d aliases of the provider, one trail each; actiontrail's assume a role in a member account\n", n)
	fmt.Fprintf(w, "   of a multi-account emulator (-accounts, HTTPS), benchnoop's carry the same provider blocks and do nothing\n")
	fmt.Fprintf(w, "   seconds: median of %d rounds (min-max); ratio: median of the per-round ratios (same round, back to back);\n", a.Rounds)
	fmt.Fprintf(w, "   CPU: terraform and its providers (and the emulator, for actiontrail), seconds and ratio the same way\n")
	fmt.Fprintf(w, "   configurations: how many times Terraform configured the aliases in the command (benchnoop's Configure calls,\n")
	fmt.Fprintf(w, "   fewest over rounds), and per alias (the walks that configure a provider); calls: first round\n")
	fmt.Fprintf(w, "   check: AssumeRole <= %d aliases x walks and GetCallerIdentity <= %d aliases x walks, every round\n\n", n, n)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "provider\tcommand\tseconds\tbenchnoop s\tratio\tCPU s\tbenchnoop CPU s\tCPU ratio\tprovider processes\tconfigurations\tper alias\tAssumeRole\tGetCallerIdentity\tActionTrail calls\tcheck\t\tsame every round")
	for _, v := range r.apiVariants() {
		for _, c := range commands {
			k, kn := key{v, n, c}, key{Noop, n, c}
			ts, cs := a.Times[k], a.Calls[k]
			if len(ts) == 0 || len(cs) == 0 {
				continue
			}
			conf, per, check, verd := dash, dash, dash, ""
			if cf := a.Configures[kn]; len(cf) > 0 {
				walks := int64(slices.Min(cf))
				conf, per = fmt.Sprintf("%d", walks), fmt.Sprintf("%.2f", float64(walks)/float64(n))
				ok := true
				for _, c := range cs {
					ok = ok && c["AssumeRole"] <= walks && c["GetCallerIdentity"] <= walks
				}
				check, verd = fmt.Sprintf("<= %d each", walks), verdict(ok)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s (%s-%s)\t%s\t%.2f\t%s\t%s\t%.2f\t%d\t%s\t%s\t%d\t%d\t%s\t%s\t%s\t%v\n", short(v), c,
				secs(median(ts)), secs(slices.Min(ts)), secs(slices.Max(ts)), secs(median(a.Times[kn])),
				pairedRatio(ts, a.Times[kn]), secs(median(a.CPU[k])), secs(median(a.CPU[kn])), pairedRatio(a.CPU[k], a.CPU[kn]), a.Launches[k], conf, per, cs[0]["AssumeRole"], cs[0]["GetCallerIdentity"],
				actionTrailCalls(cs[0]), check, verd, sameCalls(cs))
		}
	}
	_ = tw.Flush()
}

// printLatency: the commands against an emulator with latency, against the ideal provider at that
// latency (benchnoop_trail waiting the round trips an operation cannot avoid).
func (r *Results) printLatency(w io.Writer) {
	o := r.Opts
	if len(r.LatTimes) == 0 {
		return
	}
	n := o.LatencyN
	fmt.Fprintf(w, "\n== emulator -latency %s, N=%d, -parallelism=%d, median of %d: against the ideal provider\n",
		o.Latency, n, defaultParallelism, o.LatencyRuns)
	fmt.Fprintf(w, "   ideal provider: benchnoop_trail (no work of its own) waiting only the round trips an operation cannot avoid, one\n")
	fmt.Fprintf(w, "   after the other (create 2: CreateTrail, then StartLogging beside the read-back; destroy 1; a refresh's shared read 0),\n")
	fmt.Fprintf(w, "   same N, same phase; ratio = median of the per-round ratios to the ideal provider (same round, back to back: the\n")
	fmt.Fprintf(w, "   target, apply); floor: benchnoop_trail waiting nothing\n")
	fmt.Fprintf(w, "   (Terraform's own time); API alone = N x calls x latency / parallelism, the calls' time were Terraform's own time\n")
	fmt.Fprintf(w, "   hidden behind it (it is not: each operation holds one of Terraform's -parallelism slots throughout, so no provider\n")
	fmt.Fprintf(w, "   goes below floor + API alone at the fewest calls)\n\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "provider\tcommand\tmedian s\tcalls/trail\tideal provider s\tratio\ttarget\t\tfloor s\tAPI alone s\tmedian/API alone\t(median-floor)/API alone")
	for _, v := range r.apiVariants() {
		for _, c := range commands {
			ts := r.LatTimes[key{v, n, c}]
			if len(ts) == 0 {
				continue
			}
			calls := float64(r.LatCalls[key{v, n, c}].Total()) / float64(n)
			alone := float64(n) * calls * o.Latency.Seconds() / defaultParallelism
			m := median(ts).Seconds()
			floor := median(r.LatTimes[key{Noop, n, c}]).Seconds()
			its := r.LatTimes[key{Ideal, n, c}]
			ideal := median(its).Seconds()
			// Paired, as the floor ratios are: a round's load (the machine is shared) weighs on both.
			ratio := pairedRatio(ts, its)
			tgt, verd := dash, ""
			if c == CmdApply {
				tgt, verd = fmt.Sprintf("<= %.1f", targetLatencyRatio), verdict(ratio <= targetLatencyRatio)
			}
			fmt.Fprintf(tw, "%s\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%s\t%s\t%.2f\t%.2f\t%.2f\t%.2f\n", short(v), c, m, calls, ideal, ratio, tgt, verd,
				floor, alone, m/alone, (m-floor)/alone)
		}
	}
	_ = tw.Flush()
}

// printStart: the provider start over the plugin protocol, and as the terraform CLI sees it.
func (r *Results) printStart(w io.Writer) {
	if len(r.StartOurs) == 0 {
		return
	}
	fmt.Fprintf(w, "\n== provider start: exec -> go-plugin handshake line -> first GetProviderSchema answer (gRPC, protocol 6), ms, median of %d (min-max)\n\n", len(r.StartOurs))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "provider\thandshake\tschema served\tschema bytes\ttarget\t")
	row := func(name string, sts []StartTiming, target bool) {
		if len(sts) == 0 {
			return
		}
		var hs, ss []time.Duration
		for _, s := range sts {
			hs, ss = append(hs, s.Handshake), append(ss, s.Schema)
		}
		tgt, v := "", ""
		if target {
			tgt, v = "< 50 ms", verdict(median(ss) < targetStart)
		}
		fmt.Fprintf(tw, "%s\t%s (%s-%s)\t%s (%s-%s)\t%d\t%s %s\t\n", name, ms(median(hs)), ms(slices.Min(hs)), ms(slices.Max(hs)),
			ms(median(ss)), ms(slices.Min(ss)), ms(slices.Max(ss)), sts[0].Bytes, tgt, v)
	}
	row("actiontrail", r.StartOurs, true)
	row("actiontrail@alt", r.StartAlt, true)
	row("benchnoop", r.StartNoop, false)
	_ = tw.Flush()
	if ours, nop, core := r.SchemaCLI[Ours], r.SchemaCLI[Noop], r.SchemaCLI[Core]; len(ours) > 0 && len(nop) > 0 && len(core) > 0 {
		fmt.Fprintf(w, "   cross-check, terraform providers schema -json, median of %d: actiontrail config %s ms, benchnoop config %s ms,\n", len(ours), ms(median(ours)), ms(median(nop)))
		fmt.Fprintf(w, "   terraform_data config (no provider process) %s ms: the CLI's start of one provider (AutoMTLS, go-plugin, schema) costs\n", ms(median(core)))
		fmt.Fprintf(w, "   actiontrail %s ms, benchnoop %s ms\n", ms(median(ours)-median(core)), ms(median(nop)-median(core)))
	}
}

// printScale: the emulator with few trails against many, as the client and as the emulator see it.
func (r *Results) printScale(w io.Writer) {
	s := r.Scale
	if s == nil {
		return
	}
	fmt.Fprintf(w, "\n== emulator scale: %d vs %d trails in the region (in-process emulator, the provider's client, loopback HTTP), ms, median\n", s.Small, s.Large)
	fmt.Fprintf(w, "   client: the whole call as the provider sees it; server: time inside the emulator's handler per request\n\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "operation\tcount\tclient %d\tclient %d\tratio\tserver %d\tserver %d\tratio\t\n", s.Small, s.Large, s.Small, s.Large)
	for i, op := range s.Ops {
		a, b := s.Stats[op][s.Small], s.Stats[op][s.Large]
		ca, cb, sa, sb := median(a.Client), median(b.Client), median(a.Server), median(b.Server)
		v := ""
		if i == 0 {
			v = fmt.Sprintf("target <= %.1f: %s", targetScaleSlowdown, verdict(cb.Seconds()/ca.Seconds() <= targetScaleSlowdown))
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%.2f\t%s\t%s\t%.2f\t%s\n", op, len(a.Client), ms3(ca), ms3(cb), cb.Seconds()/ca.Seconds(),
			ms3(sa), ms3(sb), sb.Seconds()/sa.Seconds(), v)
	}
	_ = tw.Flush()
}
