// Package emulator is a local, in-memory Alibaba Cloud ActionTrail endpoint (RPC API 2020-07-06, and
// the 2017-12-04 spec's RoleName) that the official SDK clients cannot tell from the real one: the same
// wire format, signature checks (V1 HMAC-SHA1 and V3 ACS3-HMAC-SHA256), error codes and HTTP statuses.
//
// The same port serves STS (version 2015-04-01): GetCallerIdentity answers who signed the request.
// Requests name their region by RegionId or by a Host of the form actiontrail.<region>.aliyuncs.com;
// a region the emulator does not know (its list of ActionTrail regions, Config.ExtraRegions, the
// default region) is refused, as the real endpoint of such a region does not resolve.
//
// It keeps its own statement of the API's rules and must not import the provider: a rule that is wrong
// on either side shows up as a failing test. DECISIONS.md records its choices where the API's
// documentation is silent.
//
// Besides the API, the server answers a few unsigned admin endpoints under /_emulator/, a path the
// real API never uses:
//
//	GET  /_emulator/calls        {"CreateTrail":3,...}: authenticated calls per Action since the last reset
//	POST /_emulator/calls/reset  zero the counters (calls and rejected)
//	GET  /_emulator/rejected     {"by_action":{"CreateTrail":1},"by_code":{"SignatureDoesNotMatch":1}}:
//	                             requests refused before reaching their action (see Rejections)
//	GET  /_emulator/trails       every trail, all regions, shaped like DescribeTrails' TrailList items
//	GET  /_emulator/healthz      {"status":"ok"}
//	POST /_emulator/delivery?region=R&name=N  body {"OssBucketStatus":false,"LatestDeliveryError":"..."}:
//	                             set what GetTrailStatus reports about a trail's deliveries (the fields
//	                             of DeliveryHealth; {} restores the healthy defaults); 404 if no such trail
package emulator

import (
	"cmp"
	"log"
	"maps"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults applied by New to a zero Config.
const (
	DefaultAccessKeyID        = "emulator-access-key-id"
	DefaultAccessKeySecret    = "emulator-access-key-secret"
	DefaultAccountID          = "1234567890123456"
	DefaultRegion             = "cn-hangzhou"
	DefaultMaxTrailsPerRegion = 5
)

// Trail statuses.
const (
	StatusFresh   = "Fresh"   // created, never started
	StatusEnable  = "Enable"  // logging
	StatusDisable = "Disable" // stopped
)

// Config configures a Server. The zero value is usable.
type Config struct {
	AccessKeyID, AccessKeySecret string // accepted credentials; DefaultAccessKeyID / DefaultAccessKeySecret when empty
	SecurityToken                string // if set, every request must carry this SecurityToken
	AccountID                    string // for ARNs; DefaultAccountID when empty
	DefaultRegion                string // when neither RegionId nor the Host header names one; DefaultRegion when empty
	// ExtraRegions are region IDs answered beside the emulator's list of ActionTrail regions (for
	// regions newer than it); the default region is always answered. Any other RegionId, or
	// TrailRegion, is refused.
	ExtraRegions []string
	Buckets      []string
	// DeniedBuckets exist, but their policy denies ActionTrail: InsufficientBucketPolicyException.
	DeniedBuckets []string
	SLSProjects   []string // SLS project names that exist (in any region)
	// MaxComputeProjects are the MaxCompute project names that exist (in any region); ActionTrail
	// delivers only to projects whose names start with actiontrail_.
	MaxComputeProjects []string
	MaxTrailsPerRegion int           // DefaultMaxTrailsPerRegion when 0
	Latency            time.Duration // added to every API call before it is handled
	Faults             Faults
	// Now is the emulator's clock (default time.Now): trail times, and the reference the request
	// Timestamp is checked against (15 minutes either way). A clock far from the real time makes every
	// SDK request fail with InvalidTimeStamp.Expired, which is how to test clock skew.
	Now func() time.Time
	// Logger, if set, gets one line per API call: action, HTTP status, error code and RequestId.
	Logger *log.Logger
}

// Faults makes API calls fail at random, for reliability tests. The zero value injects nothing.
// Each affected call draws once: Throttle, then Unavailable, then ServerError, then SucceededButError
// take consecutive slices of [0,1).
type Faults struct {
	Throttle          float64 // 400 Throttling.User, before acting
	Unavailable       float64 // 503 ServiceUnavailable, before acting
	ServerError       float64 // 500 InternalError, before acting
	SucceededButError float64 // the action is applied, then 500 InternalError is answered
	Actions           []string
	Seed              int64 // the draws are deterministic for a given seed and call order
}

// Trail is a trail as the emulator stores it.
type Trail struct {
	Name                   string
	Region                 string // the home region
	Status                 string // StatusFresh, StatusEnable or StatusDisable
	EventRW                string // Write, Read or All
	TrailRegion            string // All or a region ID
	OssBucketName          string
	OssKeyPrefix           string
	OssWriteRoleArn        string
	SlsProjectArn          string
	SlsWriteRoleArn        string
	MaxComputeProjectArn   string
	MaxComputeWriteRoleArn string
	RoleName               string // the 2017-12-04 parameter, stored and echoed
	IsOrganizationTrail    bool
	OrganizationId         string
	CreateTime             time.Time
	UpdateTime             time.Time
	StartLoggingTime       time.Time
	StopLoggingTime        time.Time
}

// DeliveryHealth is what GetTrailStatus reports about a trail's deliveries, for tests of a trail that
// has stopped delivering. A nil field keeps the emulator's healthy default: statuses true for the
// targets the trail has, no errors, and the latest delivery now while the trail is logging. Times are
// ISO 8601 UTC (2006-01-02T15:04:05Z); "" means never.
type DeliveryHealth struct {
	LatestDeliveryTime            *string `json:",omitempty"` // OSS
	LatestDeliveryError           *string `json:",omitempty"` // OSS
	LatestDeliveryLogServiceTime  *string `json:",omitempty"` // SLS
	LatestDeliveryLogServiceError *string `json:",omitempty"` // SLS
	OssBucketStatus               *bool   `json:",omitempty"` // the bucket is available
	SlsLogStoreStatus             *bool   `json:",omitempty"` // the logstore is available
}

// trailKey names a trail: home region and name.
type trailKey struct{ region, name string }

// Server is the emulator. It implements http.Handler and is safe for concurrent use.
type Server struct {
	accountID          string
	defaultRegion      string
	known              map[string]bool // region IDs answered
	maxTrailsPerRegion int
	now                func() time.Time
	logger             *log.Logger

	mu      sync.RWMutex
	regions map[string]map[string]*Trail // region → name → trail
	buckets map[string]bool              // bucket → writable by ActionTrail (false: denied by its policy)
	sls     map[string]bool              // SLS project names
	odps    map[string]bool              // MaxCompute project names
	health  map[trailKey]DeliveryHealth  // set by SetDeliveryHealth; dropped with the trail

	keysMu sync.RWMutex
	keys   map[string]*credential // by AccessKeyId

	calls   map[string]*atomic.Int64 // per Action; the key set never changes
	rejMu   sync.Mutex
	rej     Rejections // requests answered with an error without being counted in calls
	nonces  nonceCache
	faults  faultInjector
	latency atomic.Int64

	// hook, if set (tests only), runs before an authenticated action is handled.
	hook func(action string)
}

// New returns a Server configured by cfg.
func New(cfg Config) *Server {
	s := &Server{
		accountID:          cmp.Or(cfg.AccountID, DefaultAccountID),
		defaultRegion:      cmp.Or(cfg.DefaultRegion, DefaultRegion),
		maxTrailsPerRegion: cmp.Or(cfg.MaxTrailsPerRegion, DefaultMaxTrailsPerRegion),
		now:                cfg.Now,
		logger:             cfg.Logger,
		regions:            make(map[string]map[string]*Trail),
		buckets:            make(map[string]bool),
		sls:                make(map[string]bool),
		odps:               make(map[string]bool),
		health:             make(map[trailKey]DeliveryHealth),
		keys:               make(map[string]*credential),
		calls:              make(map[string]*atomic.Int64),
		rej:                newRejections(),
	}
	if s.now == nil {
		s.now = time.Now
	}
	cfg.DefaultRegion = s.defaultRegion
	s.known = make(map[string]bool)
	for _, r := range cfg.KnownRegions() {
		s.known[r] = true
	}
	for _, p := range products {
		for name := range p.actions {
			s.calls[name] = new(atomic.Int64)
		}
	}
	key := &credential{
		accessKeyID:   cmp.Or(cfg.AccessKeyID, DefaultAccessKeyID),
		secret:        cmp.Or(cfg.AccessKeySecret, DefaultAccessKeySecret),
		securityToken: cfg.SecurityToken,
		principal:     rootPrincipal(s.accountID),
	}
	if key.securityToken != "" {
		// A key with a token is a temporary one: of a role the emulator does not otherwise know.
		key.principal = assumedRolePrincipal("acs:ram::"+s.accountID+":role/"+staticRoleName, staticRoleID, staticSessionName)
	}
	s.keys[key.accessKeyID] = key
	for _, b := range cfg.Buckets {
		s.buckets[b] = true
	}
	for _, b := range cfg.DeniedBuckets {
		s.buckets[b] = false
	}
	for _, p := range cfg.SLSProjects {
		s.sls[p] = true
	}
	for _, p := range cfg.MaxComputeProjects {
		s.odps[p] = true
	}
	s.SetFaults(cfg.Faults)
	s.SetLatency(cfg.Latency)
	return s
}

// AddBucket makes an OSS bucket exist and be writable by ActionTrail.
func (s *Server) AddBucket(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buckets[name] = true
}

// AddDeniedBucket makes an OSS bucket exist with a policy that denies ActionTrail.
func (s *Server) AddDeniedBucket(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buckets[name] = false
}

// AllowBucket makes a bucket writable by ActionTrail (simulates policy propagation); a bucket that did
// not exist is created.
func (s *Server) AllowBucket(name string) { s.AddBucket(name) }

// AddSLSProject makes an SLS project exist.
func (s *Server) AddSLSProject(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sls[name] = true
}

// AddMaxComputeProject makes a MaxCompute project exist.
func (s *Server) AddMaxComputeProject(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.odps[name] = true
}

// PutTrail stores t in region (t.Region when region is empty, else the default region), bypassing
// every rule and replacing any trail of that name. Empty fields get the defaults CreateTrail gives:
// Status Fresh, EventRW Write, TrailRegion All, CreateTime now, UpdateTime CreateTime.
func (s *Server) PutTrail(region string, t Trail) {
	region = cmp.Or(region, t.Region, s.defaultRegion)
	t.Region = region
	t.Status = cmp.Or(t.Status, StatusFresh)
	t.EventRW = cmp.Or(t.EventRW, eventRWValues[0])
	t.TrailRegion = cmp.Or(t.TrailRegion, "All")
	if t.CreateTime.IsZero() {
		t.CreateTime = s.clock()
	}
	if t.UpdateTime.IsZero() {
		t.UpdateTime = t.CreateTime
	}
	if t.IsOrganizationTrail && t.OrganizationId == "" {
		t.OrganizationId = s.organizationID()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.putLocked(&t)
}

// SetDeliveryHealth sets what GetTrailStatus reports about the deliveries of a trail (region "" is the
// default region), replacing what was set before; DeliveryHealth{} restores the healthy defaults. It
// reports whether the trail exists. The health goes with the trail when it is deleted or replaced.
func (s *Server) SetDeliveryHealth(region, name string, h DeliveryHealth) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	region = cmp.Or(region, s.defaultRegion)
	if s.regions[region][name] == nil {
		return false
	}
	if h == (DeliveryHealth{}) {
		delete(s.health, trailKey{region, name})
	} else {
		s.health[trailKey{region, name}] = h
	}
	return true
}

// RemoveTrail deletes a trail behind the client's back (region "" is the default region). It reports
// whether the trail existed.
func (s *Server) RemoveTrail(region, name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.deleteLocked(cmp.Or(region, s.defaultRegion), name)
}

// GetTrail returns a copy of a stored trail (region "" is the default region).
func (s *Server) GetTrail(region, name string) (Trail, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	t := s.regions[cmp.Or(region, s.defaultRegion)][name]
	if t == nil {
		return Trail{}, false
	}
	return *t, true
}

// Trails returns a copy of every trail, sorted by region then name.
func (s *Server) Trails() []Trail {
	s.mu.RLock()
	out := make([]Trail, 0, s.countLocked())
	for _, byName := range s.regions {
		for _, t := range byName {
			out = append(out, *t)
		}
	}
	s.mu.RUnlock()
	slices.SortFunc(out, func(a, b Trail) int {
		return cmp.Or(cmp.Compare(a.Region, b.Region), cmp.Compare(a.Name, b.Name))
	})
	return out
}

// Calls returns the number of calls per Action (successful or not, counted once the request is
// authenticated and its region checked) since the last reset. Actions never called are absent.
// Requests refused before that are counted by Rejected.
func (s *Server) Calls() map[string]int64 {
	out := make(map[string]int64)
	for name, n := range s.calls {
		if v := n.Load(); v != 0 {
			out[name] = v
		}
	}
	return out
}

// ResetCalls zeroes the call counters, and the counters of rejected requests.
func (s *Server) ResetCalls() {
	for _, n := range s.calls {
		n.Store(0)
	}
	s.rejMu.Lock()
	s.rej = newRejections()
	s.rejMu.Unlock()
}

// Rejections counts the API requests that were answered with an error before reaching their action,
// and so are not in Calls: failed authentication, a missing or unknown action or version, a bad
// region, a request cancelled while it waited for the latency. (Calls that reached their action are in
// Calls, whatever they answered, injected faults included.)
type Rejections struct {
	// ByAction counts them per Action, for those whose Action and Version named an action the emulator
	// answers.
	ByAction map[string]int64 `json:"by_action"`
	// ByCode counts them all per error code.
	ByCode map[string]int64 `json:"by_code"`
}

func newRejections() Rejections {
	return Rejections{ByAction: make(map[string]int64), ByCode: make(map[string]int64)}
}

// Rejected returns a copy of the counters of rejected requests since the last ResetCalls.
func (s *Server) Rejected() Rejections {
	s.rejMu.Lock()
	defer s.rejMu.Unlock()
	out := newRejections()
	maps.Copy(out.ByAction, s.rej.ByAction)
	maps.Copy(out.ByCode, s.rej.ByCode)
	return out
}

// reject counts a rejected request; action is "" when it is not known.
func (s *Server) reject(action, code string) {
	s.rejMu.Lock()
	defer s.rejMu.Unlock()
	if action != "" {
		s.rej.ByAction[action]++
	}
	s.rej.ByCode[code]++
}

// SetFaults replaces the fault injection settings and restarts the random sequence from f.Seed.
func (s *Server) SetFaults(f Faults) { s.faults.set(f) }

// SetLatency sets the delay added to every API call.
func (s *Server) SetLatency(d time.Duration) { s.latency.Store(int64(max(d, 0))) }

// clock is the emulator's current time, UTC, to the second (the API's times have no fractions).
func (s *Server) clock() time.Time { return s.now().UTC().Truncate(time.Second) }

func (s *Server) organizationID() string { return "rd-" + s.accountID }

func (s *Server) countLocked() int {
	n := 0
	for _, byName := range s.regions {
		n += len(byName)
	}
	return n
}

func (s *Server) putLocked(t *Trail) {
	delete(s.health, trailKey{t.Region, t.Name})
	byName := s.regions[t.Region]
	if byName == nil {
		byName = make(map[string]*Trail)
		s.regions[t.Region] = byName
	}
	byName[t.Name] = t
}

func (s *Server) deleteLocked(region, name string) bool {
	byName := s.regions[region]
	if _, ok := byName[name]; !ok {
		return false
	}
	delete(byName, name)
	delete(s.health, trailKey{region, name})
	if len(byName) == 0 {
		delete(s.regions, region)
	}
	return true
}

// orgTrailLocked reports whether the account already has an organization trail.
func (s *Server) orgTrailLocked() bool {
	for _, byName := range s.regions {
		for _, t := range byName {
			if t.IsOrganizationTrail {
				return true
			}
		}
	}
	return false
}

var _ http.Handler = (*Server)(nil)
