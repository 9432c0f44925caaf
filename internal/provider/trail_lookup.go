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

// trailLookups lists the trails of a region once per provider instance (that is, once per
// Terraform plan or apply walk), for every resource that plans a create there, and counts the
// creates this plan makes in each region.
type trailLookups struct {
	client  *client.Client
	timeout time.Duration
	mu      sync.Mutex
	byReg   map[string]*trailLookup
}

type trailLookup struct {
	once       sync.Once
	names      map[string]bool // trails that exist in the region
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
	l.mu.Lock()
	r, ok := l.byReg[region]
	if !ok {
		r = &trailLookup{creates: map[string]bool{}}
		l.byReg[region] = r
	}
	l.mu.Unlock()
	r.once.Do(func() {
		ctx, cancel := context.WithTimeout(ctx, l.timeout)
		defer cancel()
		trails, err := l.client.DescribeTrails(ctx, region, client.ListOptions{})
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
	})
	return r
}

// planCreate records that this plan creates name and returns how many trails the region will
// hold once it and every create recorded before it exist. A name that exists already (the create
// half of a replacement) adds nothing, and planning the same name again counts it once.
func (r *trailLookup) planCreate(name string) (total int, added bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.names[name] && !r.creates[name] {
		r.creates[name] = true
		added = true
	}
	return len(r.names) + len(r.creates), added
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

// trailSnapshots list every trail of a region once per provider instance, for the refresh: one
// DescribeTrails per region and plan answers every trail's Read, however many trails the state
// holds (a refresh happens at one moment of one walk). Reads after a write (the read-back of a
// create or an update) do not come here: they need the trail as it is now.
type trailSnapshots struct {
	client *client.Client
	mu     sync.Mutex
	byReg  map[string]*trailSnapshot
}

type trailSnapshot struct {
	once   sync.Once
	trails map[string]*client.Trail
	err    error
}

func newTrailSnapshots(c *client.Client) *trailSnapshots {
	return &trailSnapshots{client: c, byReg: map[string]*trailSnapshot{}}
}

// find returns the trail named name whose home is region, from the region's snapshot. A trail
// missing from the snapshot is read once more on its own before it is reported missing, so that
// a listing that lags behind the API's writes never drops a trail from the state.
func (s *trailSnapshots) find(ctx context.Context, region, name string) (*client.Trail, error) {
	s.mu.Lock()
	snap, ok := s.byReg[region]
	if !ok {
		snap = &trailSnapshot{}
		s.byReg[region] = snap
	}
	s.mu.Unlock()
	snap.once.Do(func() {
		trails, err := s.client.DescribeTrails(ctx, region, client.ListOptions{IncludeOrganizationTrail: true})
		if err != nil {
			snap.err = err
			return
		}
		snap.trails = make(map[string]*client.Trail, len(trails))
		for i := range trails {
			if t := &trails[i]; t.HomeRegion == "" || t.HomeRegion == region {
				snap.trails[t.Name] = t
			}
		}
	})
	if t := snap.trails[name]; t != nil {
		cp := *t
		return &cp, nil
	}
	return s.client.DescribeTrail(ctx, region, name)
}
