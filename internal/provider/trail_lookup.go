package provider

import (
	"context"
	"sync"
	"time"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
)

// documentedTrailQuota is the documented number of trails a region may hold (the error catalog's).
const documentedTrailQuota = client.DocumentedTrailQuota

// lookupTimeout bounds the plan-time lookup (retries included): it must never hold a plan up
// for long, and a plan whose lookup fails goes on with a warning.
const lookupTimeout = 10 * time.Second

// trailLookups list the trails of a region once per provider instance (that is, once per
// Terraform walk): one DescribeTrails answers the plan-time lookup of every resource that plans
// a create there (get) and the refresh of every trail there (find), however many trails the state
// holds (a refresh happens at one moment of one walk), and a plan that both refreshes trails and
// creates others lists each region once. Reads after a write (the read-back of a create or an
// update) do not come here: they need the trail as it is now. The lookups also count the creates
// this plan makes in each region.
type trailLookups struct {
	client  *client.Client
	timeout time.Duration
	mu      sync.Mutex
	byReg   map[string]*trailLookup
}

type trailLookup struct {
	once       sync.Once
	done       chan struct{}            // closed once trails and err are set
	trails     map[string]*client.Trail // the account's trails whose home is the region, by name
	err        error
	reportOnce sync.Once // err is reported once per plan

	mu      sync.Mutex
	creates map[string]bool // names this plan creates that do not exist yet
}

func newTrailLookups(c *client.Client) *trailLookups {
	return &trailLookups{client: c, timeout: lookupTimeout, byReg: map[string]*trailLookup{}}
}

// get returns the trails of region, calling DescribeTrails at most once per region.
func (l *trailLookups) get(ctx context.Context, region string) *trailLookup {
	r := l.region(region)
	r.start(ctx, l, region)
	select {
	case <-r.done:
	case <-ctx.Done():
		// The listing goes on for the others: it has a deadline of its own.
		return &trailLookup{err: ctx.Err(), creates: map[string]bool{}}
	}
	return r
}

// has reports whether the region holds a trail named name.
func (r *trailLookup) has(name string) bool { return r.trails[name] != nil }

// find returns the trail named name whose home is region, from the region's listing. A trail
// missing from it is read once more on its own before it is reported missing, so that a listing
// that lags behind the API's writes never drops a trail from the state (and an organization
// trail of the management account, which the listing leaves out, is found there).
func (l *trailLookups) find(ctx context.Context, region, name string) (*client.Trail, error) {
	if r := l.get(ctx, region); r.err == nil {
		if t := r.trails[name]; t != nil {
			cp := *t
			return &cp, nil
		}
	}
	return l.client.DescribeTrail(ctx, region, name)
}

func (l *trailLookups) region(region string) *trailLookup {
	l.mu.Lock()
	defer l.mu.Unlock()
	r, ok := l.byReg[region]
	if !ok {
		r = &trailLookup{done: make(chan struct{}), creates: map[string]bool{}}
		l.byReg[region] = r
	}
	return r
}

// start sends the region's one DescribeTrails, once, with a deadline of its own (l.timeout): it
// serves every operation of the walk, not only the one that started it. done closes when it ends.
func (r *trailLookup) start(ctx context.Context, l *trailLookups, region string) {
	r.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), l.timeout)
		go func() {
			defer close(r.done)
			defer cancel()
			trails, err := l.client.DescribeTrails(ctx, region, client.ListOptions{})
			if err != nil {
				r.err = err
				return
			}
			r.trails = make(map[string]*client.Trail, len(trails))
			for i := range trails {
				if t := &trails[i]; t.HomeRegion == "" || t.HomeRegion == region {
					r.trails[t.Name] = t
				}
			}
		}()
	})
}

// planCreate records that this plan creates name and returns how many trails the region will
// hold once it and every create recorded before it exist. A name that exists already (the create
// half of a replacement) adds nothing, and planning the same name again counts it once.
func (r *trailLookup) planCreate(name string) (total int, added bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.has(name) && !r.creates[name] {
		r.creates[name] = true
		added = true
	}
	return len(r.trails) + len(r.creates), added
}

// stateTrails are the trails this provider instance has seen in the Terraform state it works on:
// every object Terraform hands it from the state (UpgradeResourceState, which Terraform calls for
// each current, tainted or deposed object before it plans that object), every refresh and every
// plan with a prior state. A planned create whose name is among them is the create half of a
// replacement (taint, -replace, a RequiresReplace attribute), not a conflict with a stranger's
// trail.
type stateTrails struct {
	mu    sync.Mutex
	names map[string]map[string]bool // name → regions ("" when the state did not say)
}

func newStateTrails() *stateTrails { return &stateTrails{names: map[string]map[string]bool{}} }

// add records a trail of the state; region may be "" when the state holds none.
func (s *stateTrails) add(region, name string) {
	if s == nil || name == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.names[name] == nil {
		s.names[name] = map[string]bool{}
	}
	s.names[name][region] = true
}

// has reports whether the state holds a trail of that name in region (or of that name with no
// region recorded).
func (s *stateTrails) has(region, name string) bool {
	if s == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	regions := s.names[name]
	return regions[region] || regions[""]
}
