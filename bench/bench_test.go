package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestConfigsShareSettings checks that the three configurations carry the same trail settings.
func TestConfigsShareSettings(t *testing.T) {
	for _, v := range (Options{AltRoot: "x"}).Variants() {
		c := Config(resourceType(v), 7)
		for _, want := range []string{"count", "= 7", `format("bench-%05d", count.index)`, `"cn-hangzhou"`, `"actiontrail-demo-bucket"`, `"bench-prefix"`, `resource "` + resourceType(v) + `" "t"`} {
			if !strings.Contains(c, want) {
				t.Errorf("%s config lacks %q:\n%s", v, want, c)
			}
		}
	}
}

// TestConfigInSpreadsRegions: the spread layout puts trail i in region i mod R of SpreadRegions,
// one region is Config's own, and every variant gets the same layout.
func TestConfigInSpreadsRegions(t *testing.T) {
	if got := SpreadRegions(3); !slices.Equal(got, []string{"cn-hangzhou", "cn-shanghai", "cn-qingdao"}) {
		t.Errorf("SpreadRegions(3) = %v", got)
	}
	if got := SpreadRegions(1000); got != nil {
		t.Errorf("SpreadRegions(1000) = %v, want nil (the emulator serves fewer)", got)
	}
	for _, v := range []string{Ours, Noop, Core} {
		if one := ConfigIn(v, 7, 1); one != Config(v, 7) || strings.Contains(one, "locals") {
			t.Errorf("%s: ConfigIn(1 region) is not Config:\n%s", v, one)
		}
		c := ConfigIn(v, 7, 3)
		for _, want := range []string{`regions = ["cn-hangzhou", "cn-shanghai", "cn-qingdao"]`, "local.regions[count.index % 3]", "= 7", `resource "` + v + `" "t"`} {
			if !strings.Contains(c, want) {
				t.Errorf("%s config in 3 regions lacks %q:\n%s", v, want, c)
			}
		}
	}
}

// TestAliasConfig: A aliases of each provider with assume_role into member i's role, one trail
// each that uses its alias; the accounts file has those roles, trusting the management account.
func TestAliasConfig(t *testing.T) {
	for _, v := range []string{Ours, Noop} {
		c := AliasConfig(v, 3)
		prov := strings.TrimSuffix(v, "_trail")
		if n := strings.Count(c, "assume_role {"); n != 3 {
			t.Errorf("%s: %d assume_role blocks, want 3:\n%s", v, n, c)
		}
		for i := range 3 {
			for _, want := range []string{
				fmt.Sprintf("alias = %q", aliasName(i)), fmt.Sprintf("role_arn     = %q", aliasRole(i)),
				fmt.Sprintf("resource %q %q", v, aliasName(i)), fmt.Sprintf("provider        = %s.%s", prov, aliasName(i)),
			} {
				if !strings.Contains(c, want) {
					t.Errorf("%s config lacks %q:\n%s", v, want, c)
				}
			}
		}
	}
	f := AliasAccounts(3)
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(f.Roles) != 3 || f.Roles[2].Arn != aliasRole(2) || !slices.Equal(f.Roles[2].TrustedAccounts, []string{aliasManagementAccount}) {
		t.Errorf("roles %+v", f.Roles)
	}
}

// TestScaleEnv drives the in-process emulator of the scale phase through the provider's client.
func TestScaleEnv(t *testing.T) {
	e, err := NewScaleEnv(30)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	if err := e.DescribeByName(ctx); err != nil {
		t.Fatal(err)
	}
	if err := e.ListAll(ctx); err != nil {
		t.Fatal(err)
	}
	if err := e.CreateDelete(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if got := e.Server.Calls(); got["CreateTrail"] != 1 || got["DeleteTrail"] != 1 {
		t.Errorf("calls %v", got)
	}
	if n := len(e.takeServerTimes()); n != 5 { // by name, list, create, its read-back, delete
		t.Errorf("%d requests timed, want 5", n)
	}
}

// TestPrintPartial renders results with phases missing, as an interrupted or trimmed run has.
func TestPrintPartial(t *testing.T) {
	r := &Results{
		Opts: Options{Ns: []int{2, 4}, Runs: 1, LatencyN: 2, Latency: time.Millisecond, LatencyRuns: 1}, Rounds: 1,
		Times: map[key][]time.Duration{{Ours, 2, CmdApply}: {time.Second}, {Noop, 2, CmdApply}: {time.Second}},
		Calls: map[key][]Calls{{Ours, 2, CmdApply}: {{"CreateTrail": 2}}}, RSSKB: map[key]int64{}, Launches: map[key]int{},
		LatTimes: map[key][]time.Duration{{Ours, 2, CmdApply}: {time.Second}}, LatCalls: map[key]Calls{},
		StartOurs: []StartTiming{{Handshake: time.Millisecond, Schema: 2 * time.Millisecond}},
		StartNoop: []StartTiming{{Handshake: time.Millisecond, Schema: 2 * time.Millisecond}},
		// The growth phase stopped before its first command, the aliases phase after one (no floor).
		Growth: &GrowthResult{Regions: 2, Ns: []int{1, 2}, Times: map[int]map[key][]time.Duration{}, Calls: map[int]map[key][]Calls{}},
		Aliases: &AliasResult{Aliases: 2, Rounds: 1, Times: map[key][]time.Duration{{Ours, 2, CmdApply}: {time.Second}},
			Calls: map[key][]Calls{{Ours, 2, CmdApply}: {{"AssumeRole": 2}}}, Launches: map[key]int{}, Configures: map[key][]int{}},
	}
	var b bytes.Buffer
	r.Print(&b)
	if !strings.Contains(b.String(), "total elapsed") {
		t.Error(b.String())
	}
}

// BenchmarkEmulatorDescribeTrailByName reads one trail by name from emulators holding 100 and
// 10 000 trails: the time must not grow with the number of trails.
//
//	go test -run - -bench EmulatorDescribe . (in bench/)
func BenchmarkEmulatorDescribeTrailByName(b *testing.B) {
	for _, n := range []int{100, 10000} {
		b.Run(fmt.Sprintf("trails=%d", n), func(b *testing.B) {
			e, err := NewScaleEnv(n)
			if err != nil {
				b.Fatal(err)
			}
			defer e.Close()
			ctx := context.Background()
			b.ResetTimer()
			for b.Loop() {
				if err := e.DescribeByName(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestSmoke runs the whole benchmark with N=2 and one round of everything. It builds the
// binaries and runs terraform, so it needs TF_ACC (make test sets it) and a terraform binary.
func TestSmoke(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("the benchmark smoke run needs TF_ACC=1 and terraform")
	}
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		p, err := exec.LookPath("terraform")
		if err != nil {
			t.Skip("no terraform on PATH and no TF_ACC_TERRAFORM_PATH")
		}
		tf = p
	}
	var log bytes.Buffer
	res, err := Run(context.Background(), Options{
		Terraform: tf, Root: "..", Work: t.TempDir(), Ns: []int{2}, Runs: 1,
		LatencyN: 2, Latency: 5 * time.Millisecond, LatencyRuns: 1, StartRuns: 1,
		GrowthNs: []int{1}, GrowthRegions: 2, GrowthRuns: 1, Aliases: 2, AliasRuns: 1,
		ScaleSmall: 10, ScaleLarge: 50, ScaleRounds: 2, ScalePer: 5, Log: &log,
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	var out bytes.Buffer
	res.Print(&out)
	t.Log("\n" + out.String())
	if c := res.Calls[key{Ours, 2, CmdPlan}][0]; c["DescribeTrails"] != 1 || c["GetCallerIdentity"] != 1 || c.Total() != 2 {
		t.Errorf("no-op plan of 2 trails made calls %v, want DescribeTrails=1 (one batch) GetCallerIdentity=1", c)
	}
	if c := res.Calls[key{Ours, 2, CmdDestroy}][0]; c["DeleteTrail"] != 2 {
		t.Errorf("destroy of 2 trails made calls %v", c)
	}
	for _, v := range []string{Ours, Noop} {
		if res.RSSKB[key{v, 2, CmdApply}] == 0 || res.Launches[key{v, 2, CmdApply}] == 0 {
			t.Errorf("%s: no provider memory recorded (launcher not in the way?)", v)
		}
	}
	if c := res.Growth.Calls[2][key{Ours, 2, CmdPlan}][0]; c["DescribeTrails"] != 2 {
		t.Errorf("no-op plan of 2 trails in 2 regions made calls %v, want DescribeTrails=2", c)
	}
	if _, cs := res.growthRuns(1, key{Ours, 1, CmdApply}); len(cs) != 1 || cs[0]["CreateTrail"] != 1 {
		t.Errorf("growth apply of 1 trail in 1 region: calls %v", cs)
	}
	for _, cmd := range commands {
		configures := res.Aliases.Configures[key{Noop, 2, cmd}]
		c := res.Aliases.Calls[key{Ours, 2, cmd}][0]
		if len(configures) != 1 || configures[0] < 2 {
			t.Errorf("%s of 2 aliases: benchnoop counted configurations %v, want at least 2", cmd, configures)
		} else if c["AssumeRole"] < 2 || c["AssumeRole"] > int64(configures[0]) || c["GetCallerIdentity"] > int64(configures[0]) {
			t.Errorf("%s of 2 aliases configured %d times: calls %v", cmd, configures[0], c)
		}
	}
	if len(res.StartOurs) != 1 || res.StartOurs[0].Schema <= 0 {
		t.Errorf("provider start not measured: %+v", res.StartOurs)
	}
}

// TestMedianCalls: the latency phase reports the round of the median total, whole, whatever the
// rounds' order.
func TestMedianCalls(t *testing.T) {
	r := func(reads int64) Calls { return Calls{"CreateTrail": 100, "DescribeTrails": reads} }
	for _, tc := range []struct {
		rounds []Calls
		want   int64
	}{
		{[]Calls{r(25), r(21), r(22)}, 22},
		{[]Calls{r(21), r(25), r(23), r(24), r(22)}, 23},
		{[]Calls{r(24), r(21)}, 21},
		{[]Calls{r(20)}, 20},
	} {
		got := medianCalls(tc.rounds)
		if got["DescribeTrails"] != tc.want || got["CreateTrail"] != 100 {
			t.Errorf("medianCalls(%v) = %v, want DescribeTrails %d", tc.rounds, got, tc.want)
		}
	}
	in := []Calls{r(25), r(21), r(22)}
	medianCalls(in)
	if in[0]["DescribeTrails"] != 25 {
		t.Errorf("medianCalls reordered its argument: %v", in)
	}
}
