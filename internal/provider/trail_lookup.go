package provider

import (
	"context"
	"sync"
	"time"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
)

// documentedTrailQuota is the documented number of trails a region may hold.
const documentedTrailQuota = 5

// lookupTimeout bounds the plan-time lookup (retries included): it must never hold a plan up
// for long, and a plan whose lookup fails goes on with a warning.
const lookupTimeout = 10 * time.Second

// trailLookups lists the trails of a region once per provider instance (that is, once per
// Terraform plan or apply walk), for every resource that plans a create there.
type trailLookups struct {
	client  *client.Client
	timeout time.Duration
	mu      sync.Mutex
	byReg   map[string]*trailLookup
}

type trailLookup struct {
	once  sync.Once
	names map[string]bool
	count int
	err   error
}

func newTrailLookups(c *client.Client) *trailLookups {
	return &trailLookups{client: c, timeout: lookupTimeout, byReg: map[string]*trailLookup{}}
}

// get returns the trails of region, calling DescribeTrails at most once per region.
func (l *trailLookups) get(ctx context.Context, region string) *trailLookup {
	l.mu.Lock()
	r, ok := l.byReg[region]
	if !ok {
		r = &trailLookup{}
		l.byReg[region] = r
	}
	l.mu.Unlock()
	r.once.Do(func() {
		ctx, cancel := context.WithTimeout(ctx, l.timeout)
		defer cancel()
		trails, err := l.client.DescribeTrails(ctx, region, nil, false, false)
		if err != nil {
			r.err = err
			return
		}
		r.names = make(map[string]bool, len(trails))
		for _, t := range trails {
			if t.HomeRegion == "" || t.HomeRegion == region {
				r.names[t.Name] = true
			}
		}
		r.count = len(r.names)
	})
	return r
}
