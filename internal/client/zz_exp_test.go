package client

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

func TestExpLatencyCreates(t *testing.T) {
	c, emu := newTestClient(t, emulator.Config{Latency: 50 * time.Millisecond, MaxTrailsPerRegion: 1000}, RetryPolicy{})
	const par, per = 10, 10
	var mu sync.Mutex
	var durs []time.Duration
	start := time.Now()
	var wg sync.WaitGroup
	for g := range par {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(g) * 11 * time.Millisecond)
			for i := range per {
				time.Sleep(time.Duration((g*7+i*3)%10) * time.Millisecond)
				name := fmt.Sprintf("exp-%d-%d", g, i)
				t0 := time.Now()
				w := c.BeginCreate(region, name)
				if _, err := c.CreateTrail(context.Background(), region, params(name)); err != nil {
					t.Error(err)
					return
				}
				done := make(chan error, 1)
				go func() { done <- c.StartLogging(context.Background(), region, name) }()
				if _, err := c.WaitTrail(context.Background(), region, name, w); err != nil {
					t.Error(err)
				}
				<-done
				w.End()
				mu.Lock()
				durs = append(durs, time.Since(t0))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	t.Logf("total %v calls %v", time.Since(start), emu.Calls())
	var sum time.Duration
	for _, d := range durs {
		sum += d
	}
	t.Logf("mean create %v", sum/time.Duration(len(durs)))
}
