package bench

import (
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

// The growth phase (issue 15's growth): the API variants' apply, no-op plan and destroy at the N
// of the matrix and GrowthNs, in one region and with the trails spread evenly over GrowthRegions
// regions. One region at an N of the matrix is the matrix's own measurement, not run again.

// SpreadRegions are the first r regions the emulator serves (cn-hangzhou first), the regions of
// the spread layout; nil when it serves fewer.
func SpreadRegions(r int) []string {
	known := emulator.Config{}.KnownRegions()
	if r < 1 || r > len(known) {
		return nil
	}
	return known[:r]
}

// GrowthResult is what the growth phase ran, by layout (1 region or Regions regions), then by
// variant, N and command.
type GrowthResult struct {
	Regions int   // regions of the spread layout
	Ns      []int // the growth section's N, ascending
	Rounds  int
	Times   map[int]map[key][]time.Duration
	Calls   map[int]map[key][]Calls // per round
}

// growthNs are the N of the growth section: the matrix's and GrowthNs, ascending, once each.
func (o Options) growthNs() []int {
	ns := append(slices.Clone(o.Ns), o.GrowthNs...)
	slices.Sort(ns)
	return slices.Compact(ns)
}

// growthLayouts are the layouts of the growth section: 1 region, and the spread.
func (o Options) growthLayouts() []int {
	if o.GrowthRegions <= 1 {
		return []int{1}
	}
	return []int{1, o.GrowthRegions}
}

// matrixHas reports whether the matrix measures n (in one region).
func (o Options) matrixHas(n int) bool { return o.Runs > 0 && slices.Contains(o.Ns, n) }

// growthRuns is what the growth section shows for a layout, a variant, N and command: the
// matrix's rounds for one region where the matrix ran that N, else the growth phase's.
func (r *Results) growthRuns(regions int, k key) ([]time.Duration, []Calls) {
	if regions == 1 {
		if ts := r.Times[k]; len(ts) > 0 {
			return ts, r.Calls[k]
		}
	}
	if r.Growth == nil {
		return nil, nil
	}
	return r.Growth.Times[regions][k], r.Growth.Calls[regions][k]
}

// growth (phase 4) runs what the growth section needs beyond the matrix, on the matrix's
// emulator: every growth N in the spread layout, and in one region the N the matrix lacks. The
// order of the N turns around every other round, as in the matrix.
func (r *runner) growth() error {
	o := r.o
	if o.GrowthRegions <= 0 || o.GrowthRuns <= 0 {
		return nil
	}
	if SpreadRegions(o.GrowthRegions) == nil {
		return fmt.Errorf("growth: the emulator serves fewer than %d regions", o.GrowthRegions)
	}
	g := &GrowthResult{Regions: o.GrowthRegions, Ns: o.growthNs(), Times: map[int]map[key][]time.Duration{}, Calls: map[int]map[key][]Calls{}}
	r.res.Growth = g
	type run struct{ regions, n int }
	var runs []run
	for _, n := range g.Ns {
		for _, regions := range o.growthLayouts() {
			if regions == 1 && o.matrixHas(n) {
				continue
			}
			runs = append(runs, run{regions, n})
		}
	}
	var api []string
	for _, v := range r.variants {
		if talksToAPI(v) {
			api = append(api, v)
		}
	}
	dirs := map[run]map[string]string{}
	for _, ru := range runs {
		dirs[ru] = map[string]string{}
		for _, v := range api {
			d, err := writeConfigIn(filepath.Join(o.Work, "tf-growth"), v, ru.n, ru.regions)
			if err != nil {
				return err
			}
			dirs[ru][v] = d
		}
	}
	r.logf("growth: N=%v in 1 region (beyond the matrix) and in %d regions, %d round(s)", g.Ns, o.GrowthRegions, o.GrowthRuns)
	for round := range o.GrowthRuns {
		order := slices.Clone(runs)
		if round%2 == 1 {
			slices.Reverse(order)
		}
		for _, ru := range order {
			for j := range api {
				v := api[(round+j)%len(api)]
				for _, cmd := range commands {
					if err := r.measureGrowth(g, round, v, ru.n, ru.regions, dirs[ru][v], cmd); err != nil {
						return err
					}
				}
			}
		}
		g.Rounds = round + 1
		if left, err := r.emu.trailCount(); err != nil || left != 0 {
			return fmt.Errorf("growth: after round %d the emulator holds %d trails (%v), want 0", round+1, left, err)
		}
	}
	return nil
}

// measureGrowth runs one command of the growth phase and records its time and API calls.
func (r *runner) measureGrowth(g *GrowthResult, round int, v string, n, regions int, dir, cmd string) error {
	if err := r.emu.resetCalls(); err != nil {
		return err
	}
	tr, err := r.terraform(fmt.Sprintf("growth-r%d-%s", regions, v), n, r.envFor(v, r.emu.URL), dir, []int{0}, commandArgs[cmd]...)
	if err != nil {
		return err
	}
	c, err := r.emu.calls()
	if err != nil {
		return err
	}
	if g.Times[regions] == nil {
		g.Times[regions], g.Calls[regions] = map[key][]time.Duration{}, map[key][]Calls{}
	}
	k := key{v, n, cmd}
	g.Times[regions][k] = append(g.Times[regions][k], tr.Elapsed)
	g.Calls[regions][k] = append(g.Calls[regions][k], c)
	r.logf("growth round %d/%d N=%-4d regions=%-2d %-21s %-7s %6.2fs calls: %s", round+1, r.o.GrowthRuns, n, regions, v, cmd,
		tr.Elapsed.Seconds(), c)
	return nil
}
