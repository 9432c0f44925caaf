package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
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
	if len(res.StartOurs) != 1 || res.StartOurs[0].Schema <= 0 {
		t.Errorf("provider start not measured: %+v", res.StartOurs)
	}
}
