// Package emulator is a local, in-memory Alibaba Cloud ActionTrail endpoint (RPC API 2020-07-06, and
// the 2017-12-04 spec's RoleName) that the official SDK clients cannot tell from the real one: the same
// wire format, signature checks (V1 HMAC-SHA1 and V3 ACS3-HMAC-SHA256), error codes and HTTP statuses.
//
// The same port serves STS (version 2015-04-01): GetCallerIdentity answers who signed the request;
// AssumeRole and AssumeRoleWithOIDC (unsigned; the OIDC token, checked against the provider's JWKS,
// authenticates it) issue temporary credentials of the roles of Config.Accounts, on the emulator's
// clock. Without Config.Accounts the emulator is one account; with it, each call acts in the account
// of the key that signed it (trails, quotas, TrailArn), and organization trails follow the resource
// directory (see AccountsFile).
//
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
//	GET  /_emulator/trails       every trail, all accounts and regions, shaped like DescribeTrails'
//	                             TrailList items plus AccountId
//	GET  /_emulator/healthz      {"status":"ok"}
//	POST /_emulator/delivery?region=R&name=N[&account=A]  body {"OssBucketStatus":false,"LatestDeliveryError":"..."}:
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
	// Accounts, if set, makes the emulator multi-account (see AccountsFile and LoadAccounts): its keys
	// replace AccessKeyID, AccessKeySecret, SecurityToken and AccountID, which are then ignored. New
	// panics if it is not valid; LoadAccounts returns only valid ones.
	Accounts      *AccountsFile
	DefaultRegion string // when neither RegionId nor the Host header names one; DefaultRegion when empty
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

// Server is the emulator. It implements http.Handler and is safe for concurrent use.
type Server struct {
	defaultRegion      string
	known              map[string]bool // region IDs answered
	maxTrailsPerRegion int
	now                func() time.Time
	logger             *log.Logger

	// The accounts, their roles and the resource directory never change after New; an account's
	// trails are guarded by mu.
	accounts   map[string]*account
	def        *account        // the default account of the Go API and the admin endpoints
	management string          // the resource directory's management account; "" for none
	members    map[string]bool // its member accounts
	roles      map[string]*role
	oidc       map[string]*oidcProvider

	mu      sync.RWMutex
	buckets map[string]bool // bucket → writable by ActionTrail (false: denied by its policy)
	sls     map[string]bool // SLS project names
	odps    map[string]bool // MaxCompute project names

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
		defaultRegion:      cmp.Or(cfg.DefaultRegion, DefaultRegion),
		maxTrailsPerRegion: cmp.Or(cfg.MaxTrailsPerRegion, DefaultMaxTrailsPerRegion),
		now:                cfg.Now,
		logger:             cfg.Logger,
		buckets:            make(map[string]bool),
		sls:                make(map[string]bool),
		odps:               make(map[string]bool),
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
	if cfg.Accounts != nil {
		if err := s.loadAccounts(cfg.Accounts); err != nil {
			panic("emulator: Config.Accounts: " + err.Error())
		}
	} else {
		s.singleAccount(cfg)
	}
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
func (s *Server) AddBucket(name string) { s.putResource(s.buckets, name, true) }

// AddDeniedBucket makes an OSS bucket exist with a policy that denies ActionTrail.
func (s *Server) AddDeniedBucket(name string) { s.putResource(s.buckets, name, false) }

// AllowBucket makes a bucket writable by ActionTrail (simulates policy propagation); a bucket that did
// not exist is created.
func (s *Server) AllowBucket(name string) { s.AddBucket(name) }

// AddSLSProject makes an SLS project exist.
func (s *Server) AddSLSProject(name string) { s.putResource(s.sls, name, true) }

// AddMaxComputeProject makes a MaxCompute project exist.
func (s *Server) AddMaxComputeProject(name string) { s.putResource(s.odps, name, true) }

// putResource sets name in one of the maps of delivery targets (buckets, sls, odps), which New made
// once and which change only under s.mu.
func (s *Server) putResource(m map[string]bool, name string, v bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m[name] = v
}

// PutTrail stores t in region (t.Region when region is empty, else the default region) of the default
// account, bypassing every rule and replacing any trail of that name. Empty fields get the defaults
// CreateTrail gives: Status Fresh, EventRW Write, TrailRegion All, CreateTime now, UpdateTime
// CreateTime.
func (s *Server) PutTrail(region string, t Trail) { s.PutAccountTrail("", region, t) }

// PutAccountTrail is PutTrail in an account ("" is the default account). It panics if the emulator
// does not know the account.
func (s *Server) PutAccountTrail(accountID, region string, t Trail) {
	a := s.mustAccount(accountID)
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
	a.putLocked(&t)
}

// SetDeliveryHealth sets what GetTrailStatus reports about the deliveries of a trail of the default
// account (region "" is the default region), replacing what was set before; DeliveryHealth{} restores
// the healthy defaults. It reports whether the trail exists. The health goes with the trail when it is
// deleted or replaced.
func (s *Server) SetDeliveryHealth(region, name string, h DeliveryHealth) bool {
	return s.SetAccountDeliveryHealth("", region, name, h)
}

// SetAccountDeliveryHealth is SetDeliveryHealth in an account ("" is the default account); it reports
// false for an account the emulator does not know.
func (s *Server) SetAccountDeliveryHealth(accountID, region, name string, h DeliveryHealth) bool {
	a := s.account(accountID)
	if a == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	region = cmp.Or(region, s.defaultRegion)
	if a.trail(region, name) == nil {
		return false
	}
	if h == (DeliveryHealth{}) {
		delete(a.health, trailKey{region, name})
	} else {
		a.health[trailKey{region, name}] = h
	}
	return true
}

// RemoveTrail deletes a trail of the default account behind the client's back (region "" is the
// default region). It reports whether the trail existed.
func (s *Server) RemoveTrail(region, name string) bool { return s.RemoveAccountTrail("", region, name) }

// RemoveAccountTrail is RemoveTrail in an account ("" is the default account).
func (s *Server) RemoveAccountTrail(accountID, region, name string) bool {
	a := s.account(accountID)
	if a == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return a.deleteLocked(cmp.Or(region, s.defaultRegion), name)
}

// GetTrail returns a copy of a stored trail of the default account (region "" is the default region).
func (s *Server) GetTrail(region, name string) (Trail, bool) {
	return s.GetAccountTrail("", region, name)
}

// GetAccountTrail is GetTrail in an account ("" is the default account).
func (s *Server) GetAccountTrail(accountID, region, name string) (Trail, bool) {
	a := s.account(accountID)
	if a == nil {
		return Trail{}, false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	t := a.trail(cmp.Or(region, s.defaultRegion), name)
	if t == nil {
		return Trail{}, false
	}
	return *t, true
}

// Trails returns a copy of every trail of the default account, sorted by region then name.
func (s *Server) Trails() []Trail { return s.AccountTrails("") }

// AccountTrails is Trails of an account ("" is the default account; nil for an account the emulator
// does not know).
func (s *Server) AccountTrails(accountID string) []Trail {
	a := s.account(accountID)
	if a == nil {
		return nil
	}
	s.mu.RLock()
	out := make([]Trail, 0, a.countLocked())
	for _, byName := range a.regions {
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

// AccountIDs returns the accounts the emulator knows, the default account first.
func (s *Server) AccountIDs() []string {
	out := []string{s.def.id}
	for _, id := range slices.Sorted(maps.Keys(s.accounts)) {
		if id != s.def.id {
			out = append(out, id)
		}
	}
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

// organizationID is the ID of the resource directory the accounts belong to.
func (s *Server) organizationID() string { return "rd-" + cmp.Or(s.management, s.def.id) }

var _ http.Handler = (*Server)(nil)
