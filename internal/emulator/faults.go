package emulator

import (
	"math/rand"
	"sync"
)

type faultKind int

const (
	faultNone faultKind = iota
	faultThrottle
	faultUnavailable
	faultServerError
	faultSucceededButError
)

// faultInjector draws the fault, if any, for each affected call from a seeded sequence.
type faultInjector struct {
	mu      sync.Mutex
	f       Faults
	actions map[string]bool // nil: every action
	rng     *rand.Rand
}

func (fi *faultInjector) set(f Faults) {
	clamp := func(p float64) float64 {
		if !(p > 0) { // also NaN
			return 0
		}
		return min(p, 1)
	}
	f.Throttle, f.Unavailable = clamp(f.Throttle), clamp(f.Unavailable)
	f.ServerError, f.SucceededButError = clamp(f.ServerError), clamp(f.SucceededButError)
	f.Actions = append([]string(nil), f.Actions...)
	var only map[string]bool
	if len(f.Actions) > 0 {
		only = make(map[string]bool, len(f.Actions))
		for _, a := range f.Actions {
			only[a] = true
		}
	}
	fi.mu.Lock()
	defer fi.mu.Unlock()
	fi.f, fi.actions = f, only
	fi.rng = rand.New(rand.NewSource(f.Seed)) //nolint:gosec // reproducible test faults, not security
}

func (fi *faultInjector) draw(action string) faultKind {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	f := fi.f
	if f.Throttle+f.Unavailable+f.ServerError+f.SucceededButError == 0 {
		return faultNone
	}
	if fi.actions != nil && !fi.actions[action] {
		return faultNone
	}
	x := fi.rng.Float64()
	for _, k := range []struct {
		p    float64
		kind faultKind
	}{
		{f.Throttle, faultThrottle},
		{f.Unavailable, faultUnavailable},
		{f.ServerError, faultServerError},
		{f.SucceededButError, faultSucceededButError},
	} {
		if x < k.p {
			return k.kind
		}
		x -= k.p
	}
	return faultNone
}

// names reports whether the fault settings name action explicitly in Actions. Faults reach STS actions
// only then, so that a test injecting faults into every ActionTrail call still gets its credentials.
func (fi *faultInjector) names(action string) bool {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	return fi.actions[action]
}
