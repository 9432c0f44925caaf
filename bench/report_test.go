package bench

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/report.golden from Print")

// sampleResults is a full run's results with made-up, deterministic numbers: every variant
// (alt included), three N (one without a ratio target), every phase, targets met and missed.
func sampleResults() *Results {
	o := Options{
		Ns: []int{100, 200, 500}, Runs: 3, LatencyN: 100, Latency: 50 * time.Millisecond, LatencyRuns: 2,
		StartRuns: 2, ScaleSmall: 100, ScaleLarge: 10000, AltRoot: "/alt",
		GrowthNs: []int{10}, GrowthRegions: 10, GrowthRuns: 1, Aliases: 20, AliasRuns: 2,
	}
	r := &Results{
		Opts: o, Times: map[key][]time.Duration{}, RSSKB: map[key]int64{}, Launches: map[key]int{},
		Calls: map[key][]Calls{}, ProvCPU: map[key][]time.Duration{}, TfCPU: map[key][]time.Duration{},
		EmuCPU: map[key][]time.Duration{}, Lookup: map[key]Calls{}, LatTimes: map[key][]time.Duration{},
		LatCalls: map[key]Calls{}, SchemaCLI: map[string][]time.Duration{}, Rounds: 3, Elapsed: 321 * time.Second,
	}
	ms := func(v int) time.Duration { return time.Duration(v) * time.Millisecond }
	calls := map[string]func(n int) Calls{
		CmdApply: func(n int) Calls {
			return Calls{"CreateTrail": int64(n), "StartLogging": int64(n), "DescribeTrails": int64(n + 2)}
		},
		CmdPlan:    func(n int) Calls { return Calls{"DescribeTrails": int64(n)} },
		CmdDestroy: func(n int) Calls { return Calls{"DeleteTrail": int64(n), "DescribeTrails": int64(n / 2)} },
	}
	for vi, v := range o.Variants() {
		for _, n := range o.Ns {
			for ci, c := range commands {
				k := key{v, n, c}
				base := (1000+7*n)*[]int{14, 11, 10, 8}[vi]/10 + 100*ci // actiontrail 1.4 × the plugin floor, alt 1.1
				r.Times[k] = []time.Duration{ms(base), ms(base + 40), ms(base - 25)}
				r.TfCPU[k] = []time.Duration{ms(base / 2), ms(base/2 + 10), ms(base/2 - 5)}
				if v != Core {
					r.ProvCPU[k] = []time.Duration{ms(base / 4), ms(base/4 + 3), ms(base / 5)}
					r.RSSKB[k] = int64(40000 + 10*n + 1000*vi)
					r.Launches[k] = 2
				}
				if talksToAPI(v) {
					r.EmuCPU[k] = []time.Duration{ms(base / 10), ms(base / 9), ms(base / 11)}
					r.Calls[k] = []Calls{calls[c](n), calls[c](n), calls[c](n)}
				}
			}
			if talksToAPI(v) {
				r.Lookup[key{v, n, "plan-create"}] = Calls{"DescribeTrails": 1}
			}
		}
		if talksToAPI(v) || v == Noop {
			for ci, c := range commands {
				k := key{v, o.LatencyN, c}
				r.LatTimes[k] = []time.Duration{ms(2000 + 500*ci + 100*vi), ms(2100 + 500*ci + 100*vi)}
				if talksToAPI(v) {
					r.LatCalls[k] = calls[c](o.LatencyN)
				}
			}
		}
		if v == Noop { // the ideal provider: the floor and two round trips per create, one per delete
			for ci, c := range commands {
				r.LatTimes[key{Ideal, o.LatencyN, c}] = []time.Duration{ms(2800 + 500*ci), ms(2900 + 500*ci)}
			}
		}
		r.SchemaCLI[v] = []time.Duration{ms(300 + 20*vi), ms(310 + 20*vi)}
	}
	r.Growth = sampleGrowth(o, calls)
	r.Aliases = sampleAliases(o)
	st := func(h, s, b int) StartTiming { return StartTiming{Handshake: ms(h), Schema: ms(s), Bytes: b} }
	r.StartOurs = []StartTiming{st(20, 35, 9000), st(22, 37, 9000)}
	r.StartAlt = []StartTiming{st(21, 36, 9000), st(23, 60, 9000)}
	r.StartNoop = []StartTiming{st(15, 20, 3000), st(16, 21, 3000)}
	r.Scale = &ScaleResult{Small: 100, Large: 10000, Ops: []string{"by name", "create", "list"}, Stats: map[string]map[int]*scaleStats{}}
	for i, op := range r.Scale.Ops {
		r.Scale.Stats[op] = map[int]*scaleStats{
			100:   {Client: []time.Duration{ms(1 + i), ms(2 + i)}, Server: []time.Duration{ms(1), ms(1)}},
			10000: {Client: []time.Duration{ms(2 + 3*i), ms(3 + 3*i)}, Server: []time.Duration{ms(1 + i), ms(2 + i)}},
		}
	}
	return r
}

// sampleGrowth: the growth phase's runs (1 region at N=10, every N in 10 regions), alt slower
// at N=500 in 10 regions (growth MISSED) and with one DescribeTrails too many in its plan there.
func sampleGrowth(o Options, calls map[string]func(n int) Calls) *GrowthResult {
	ms := func(v int) time.Duration { return time.Duration(v) * time.Millisecond }
	g := &GrowthResult{Regions: o.GrowthRegions, Ns: o.growthNs(), Rounds: 1,
		Times: map[int]map[key][]time.Duration{1: {}, 10: {}}, Calls: map[int]map[key][]Calls{1: {}, 10: {}}}
	for vi, v := range []string{Ours, Alt} {
		for ci, c := range commands {
			g.Times[1][key{v, 10, c}] = []time.Duration{ms(900 + 100*ci + 50*vi)}
			g.Calls[1][key{v, 10, c}] = []Calls{calls[c](10)}
			for _, n := range g.Ns {
				k := key{v, n, c}
				g.Times[10][k] = []time.Duration{ms(1000 + 12*n + 100*ci + 50*vi)}
				if v == Alt && n == 500 {
					g.Times[10][k] = []time.Duration{ms(1000 + 120*n)}
				}
				cs := calls[c](n)
				if c == CmdPlan {
					cs = Calls{"DescribeTrails": 10, "GetCallerIdentity": 1}
					if v == Alt && n == 500 {
						cs["DescribeTrails"] = 11
					}
				}
				g.Calls[10][k] = []Calls{cs}
			}
		}
	}
	return g
}

// sampleAliases: 20 aliases in 2 rounds; Terraform configures each alias 2, 1 and 3 times; alt
// assumes the role twice per configuration in its apply (MISSED).
func sampleAliases(o Options) *AliasResult {
	ms := func(v int) time.Duration { return time.Duration(v) * time.Millisecond }
	a := &AliasResult{Aliases: o.Aliases, Rounds: 2, Times: map[key][]time.Duration{}, Calls: map[key][]Calls{},
		Launches: map[key]int{}, Configures: map[key][]int{}, CPU: map[key][]time.Duration{}}
	walks := map[string]int64{CmdApply: 2, CmdPlan: 1, CmdDestroy: 3}
	for vi, v := range []string{Ours, Alt, Noop} {
		for _, c := range commands {
			k := key{v, o.Aliases, c}
			base := 3000 * int(walks[c])
			a.Times[k] = []time.Duration{ms(base*[]int{12, 11, 10}[vi]/10 + 30), ms(base*[]int{12, 11, 10}[vi]/10 - 20)}
			a.Launches[k] = 20*int(walks[c]) + 1
			a.CPU[k] = []time.Duration{ms(base * []int{13, 12, 10}[vi] / 10), ms(base*[]int{13, 12, 10}[vi]/10 + 100)}
			if v == Noop {
				a.Configures[k] = []int{20 * int(walks[c]), 20 * int(walks[c])}
				continue
			}
			w := 20 * walks[c]
			cs := Calls{"AssumeRole": w, "GetCallerIdentity": w, "DescribeTrails": 20}
			if v == Alt && c == CmdApply {
				cs["AssumeRole"] = 2 * w
			}
			a.Calls[k] = []Calls{cs, cs}
		}
	}
	return a
}

// TestPrintGolden keeps the report as it is: go test -run PrintGolden -update rewrites the file
// after a change to the report that is meant.
func TestPrintGolden(t *testing.T) {
	var b bytes.Buffer
	sampleResults().Print(&b)
	golden := filepath.Join("testdata", "report.golden")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("Print differs from %s (go test -run PrintGolden -update if that is meant):\n%s", golden, got)
	}
}
