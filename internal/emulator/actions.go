package emulator

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"
)

// trailResponse is the answer of CreateTrail and UpdateTrail.
type trailResponse struct {
	RequestID  string `json:"RequestId"`
	Name       string `json:"Name"`
	HomeRegion string `json:"HomeRegion"`
	deliveryView
	EventRW     string `json:"EventRW"`
	TrailRegion string `json:"TrailRegion"`
	RoleName    string `json:"RoleName"`
}

// deliveryView is a trail's delivery settings, as CreateTrail, UpdateTrail and DescribeTrails answer
// them.
type deliveryView struct {
	OssBucketName          string `json:"OssBucketName"`
	OssKeyPrefix           string `json:"OssKeyPrefix"`
	OssWriteRoleArn        string `json:"OssWriteRoleArn"`
	SlsProjectArn          string `json:"SlsProjectArn"`
	SlsWriteRoleArn        string `json:"SlsWriteRoleArn"`
	MaxComputeProjectArn   string `json:"MaxComputeProjectArn"`
	MaxComputeWriteRoleArn string `json:"MaxComputeWriteRoleArn"`
}

func deliveryOf(t *Trail) deliveryView {
	return deliveryView{
		OssBucketName:          t.OssBucketName,
		OssKeyPrefix:           t.OssKeyPrefix,
		OssWriteRoleArn:        t.OssWriteRoleArn,
		SlsProjectArn:          t.SlsProjectArn,
		SlsWriteRoleArn:        t.SlsWriteRoleArn,
		MaxComputeProjectArn:   t.MaxComputeProjectArn,
		MaxComputeWriteRoleArn: t.MaxComputeWriteRoleArn,
	}
}

// trailView is a trail as DescribeTrails lists it.
type trailView struct {
	Name        string `json:"Name"`
	Status      string `json:"Status"`
	EventRW     string `json:"EventRW"`
	TrailRegion string `json:"TrailRegion"`
	HomeRegion  string `json:"HomeRegion"`
	Region      string `json:"Region"`
	deliveryView
	OssBucketLocation   string `json:"OssBucketLocation"`
	RoleName            string `json:"RoleName"`
	IsOrganizationTrail bool   `json:"IsOrganizationTrail"`
	OrganizationID      string `json:"OrganizationId"`
	IsShadowTrail       int    `json:"IsShadowTrail"` // a number: the SDK decodes it into an int64
	TrailArn            string `json:"TrailArn"`
	CreateTime          string `json:"CreateTime"`
	UpdateTime          string `json:"UpdateTime"`
	StartLoggingTime    string `json:"StartLoggingTime"`
	StopLoggingTime     string `json:"StopLoggingTime"`
}

type describeTrailsResponse struct {
	RequestID string      `json:"RequestId"`
	TrailList []trailView `json:"TrailList"`
}

type getTrailStatusResponse struct {
	RequestID                     string `json:"RequestId,omitempty"` // never empty in an API answer; absent in the admin one
	IsLogging                     bool   `json:"IsLogging"`
	StartLoggingTime              string `json:"StartLoggingTime"`
	StopLoggingTime               string `json:"StopLoggingTime"`
	LatestDeliveryTime            string `json:"LatestDeliveryTime"`
	LatestDeliveryError           string `json:"LatestDeliveryError"`
	LatestDeliveryLogServiceTime  string `json:"LatestDeliveryLogServiceTime"`
	LatestDeliveryLogServiceError string `json:"LatestDeliveryLogServiceError"`
	OssBucketStatus               bool   `json:"OssBucketStatus"`
	SlsLogStoreStatus             bool   `json:"SlsLogStoreStatus"`
}

type emptyResponse struct {
	RequestID string `json:"RequestId"`
}

// requireParams answers Missing<Name> for the first required parameter that is absent or empty.
func requireParams(p params, names ...string) *apiError {
	for _, name := range names {
		if p[name] == "" {
			return errMissing(name)
		}
	}
	return nil
}

// createTrail checks, in order: required parameters, the name, the bucket name, the prefix, the other
// parameters' shapes, the delivery configuration, uniqueness, the quotas, the bucket's existence, its
// policy, the SLS project's existence, the MaxCompute project's existence.
func (s *Server) createTrail(c *call) (any, *apiError) {
	required := []string{"Name"}
	if c.version == LegacyAPIVersion { // the 2017-12-04 spec marks both required
		required = append(required, "OssBucketName", "RoleName")
	}
	if aerr := requireParams(c.params, required...); aerr != nil {
		return nil, aerr
	}
	p := c.params
	if !trailNameRE.MatchString(p["Name"]) {
		return nil, errInvalidTrailName()
	}
	if aerr := validateTrailParams(p, s.knownRegion); aerr != nil {
		return nil, aerr
	}
	org, aerr := boolParam(p, "IsOrganizationTrail")
	if aerr != nil {
		return nil, aerr
	}
	if org && c.acct.id != s.management {
		return nil, errNotAllowOrgTrail()
	}
	if p["OssBucketName"] == "" && p["SlsProjectArn"] == "" && p["MaxComputeProjectArn"] == "" {
		return nil, errNoDelivery()
	}
	now := s.clock()
	t := &Trail{
		Name:                   p["Name"],
		Region:                 c.region,
		Status:                 StatusFresh,
		EventRW:                cmp.Or(p["EventRW"], eventRWValues[0]),
		TrailRegion:            cmp.Or(p["TrailRegion"], "All"),
		OssBucketName:          p["OssBucketName"],
		OssKeyPrefix:           p["OssKeyPrefix"],
		OssWriteRoleArn:        p["OssWriteRoleArn"],
		SlsProjectArn:          p["SlsProjectArn"],
		SlsWriteRoleArn:        p["SlsWriteRoleArn"],
		MaxComputeProjectArn:   p["MaxComputeProjectArn"],
		MaxComputeWriteRoleArn: p["MaxComputeWriteRoleArn"],
		RoleName:               p["RoleName"],
		IsOrganizationTrail:    org,
		CreateTime:             now,
		UpdateTime:             now,
	}
	if org {
		t.OrganizationId = s.organizationID()
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	local := c.acct.regions[c.region]
	if _, ok := local[t.Name]; ok {
		return nil, errTrailExists()
	}
	if len(local) >= s.maxTrailsPerRegion {
		return nil, errQuota(s.maxTrailsPerRegion, c.region)
	}
	if org && c.acct.orgTrailLocked() { // a scan, but only when creating an organization trail
		return nil, errOrgTrailQuota()
	}
	if aerr := s.checkTargetsLocked(t.OssBucketName, t.SlsProjectArn, t.MaxComputeProjectArn); aerr != nil {
		return nil, aerr
	}
	c.acct.putLocked(t)
	return newTrailResponse(c.requestID, t), nil
}

// checkTargetsLocked checks that a bucket (if not empty) exists and lets ActionTrail write, and that
// the projects of an SLS project ARN and of a MaxCompute project ARN (if not empty) exist.
func (s *Server) checkTargetsLocked(bucket, slsProjectArn, maxComputeProjectArn string) *apiError {
	if bucket != "" {
		writable, ok := s.buckets[bucket]
		if !ok {
			return errBucketNotFound()
		}
		if !writable {
			return errBucketDenied()
		}
	}
	if slsProjectArn != "" {
		if project := slsProjectName(slsProjectArn); !s.sls[project] {
			return errSLSProjectNotFound()
		}
	}
	if maxComputeProjectArn != "" && !s.odps[maxComputeProjectName(maxComputeProjectArn)] {
		return errMaxComputeProjectNotFound()
	}
	return nil
}

// updateTrail: a parameter not sent keeps its value, one sent empty clears it (EventRW and TrailRegion
// go back to their defaults); the delivery configuration is checked after the merge, and a bucket, SLS
// project or MaxCompute project sent is checked like CreateTrail checks it.
func (s *Server) updateTrail(c *call) (any, *apiError) {
	if aerr := requireParams(c.params, "Name"); aerr != nil {
		return nil, aerr
	}
	p := c.params
	if aerr := validateTrailParams(p, s.knownRegion); aerr != nil {
		return nil, aerr
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	cur := c.acct.trail(c.region, p["Name"])
	if cur == nil {
		return nil, errTrailNotFound()
	}
	t := *cur
	for param, field := range map[string]*string{
		"OssBucketName":          &t.OssBucketName,
		"OssKeyPrefix":           &t.OssKeyPrefix,
		"OssWriteRoleArn":        &t.OssWriteRoleArn,
		"SlsProjectArn":          &t.SlsProjectArn,
		"SlsWriteRoleArn":        &t.SlsWriteRoleArn,
		"MaxComputeProjectArn":   &t.MaxComputeProjectArn,
		"MaxComputeWriteRoleArn": &t.MaxComputeWriteRoleArn,
		"RoleName":               &t.RoleName,
	} {
		if v, ok := p[param]; ok {
			*field = v
		}
	}
	if v, ok := p["EventRW"]; ok {
		t.EventRW = cmp.Or(v, eventRWValues[0])
	}
	if v, ok := p["TrailRegion"]; ok {
		t.TrailRegion = cmp.Or(v, "All")
	}
	if t.OssBucketName == "" && t.SlsProjectArn == "" && t.MaxComputeProjectArn == "" {
		return nil, errNoDelivery()
	}
	if aerr := s.checkTargetsLocked(p["OssBucketName"], p["SlsProjectArn"], p["MaxComputeProjectArn"]); aerr != nil {
		return nil, aerr
	}
	t.UpdateTime = s.clock()
	*cur = t
	return newTrailResponse(c.requestID, &t), nil
}

func (s *Server) deleteTrail(c *call) (any, *apiError) {
	if aerr := requireParams(c.params, "Name"); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !c.acct.deleteLocked(c.region, c.params["Name"]) {
		return nil, errTrailNotFound()
	}
	return emptyResponse{RequestID: c.requestID}, nil
}

func (s *Server) startLogging(c *call) (any, *apiError) {
	return s.setStatus(c, StatusEnable, func(t *Trail) *time.Time { return &t.StartLoggingTime })
}

// stopLogging also stops a Fresh trail: it becomes Disable.
func (s *Server) stopLogging(c *call) (any, *apiError) {
	return s.setStatus(c, StatusDisable, func(t *Trail) *time.Time { return &t.StopLoggingTime })
}

// setStatus moves a trail to status, stamping the time of the change; repeating a call changes nothing.
func (s *Server) setStatus(c *call, status string, stamp func(*Trail) *time.Time) (any, *apiError) {
	if aerr := requireParams(c.params, "Name"); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := c.acct.trail(c.region, c.params["Name"])
	if t == nil {
		return nil, errTrailNotFound()
	}
	if t.Status != status {
		t.Status = status
		*stamp(t) = s.clock()
	}
	return emptyResponse{RequestID: c.requestID}, nil
}

func (s *Server) getTrailStatus(c *call) (any, *apiError) {
	if aerr := requireParams(c.params, "Name"); aerr != nil {
		return nil, aerr
	}
	org, aerr := boolParam(c.params, "IsOrganizationTrail")
	if aerr != nil {
		return nil, aerr
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	owner := c.acct
	t := owner.trail(c.region, c.params["Name"])
	if t == nil && org && s.members[c.acct.id] {
		// A member asks about its organization's trail, which the management account holds.
		owner = s.accounts[s.management]
		if t = owner.trail(c.region, c.params["Name"]); t != nil && !t.IsOrganizationTrail {
			t = nil
		}
	}
	if t == nil {
		return nil, errTrailNotFound()
	}
	resp := s.healthLocked(owner, t)
	resp.RequestID = c.requestID
	return resp, nil
}

// healthLocked is a trail's GetTrailStatus answer (without RequestId): the delivery health set for
// it (SetDeliveryHealth), over healthy defaults. A trail delivers while it is logging: its latest
// delivery to each target it has is now; a stopped trail delivered last when it stopped; a Fresh one
// never did. A target is available when it exists (the bucket lets ActionTrail write).
func (s *Server) healthLocked(a *account, t *Trail) getTrailStatusResponse {
	var delivered string
	switch t.Status {
	case StatusEnable:
		delivered = formatTime(s.clock())
	case StatusDisable:
		delivered = formatTime(t.StopLoggingTime)
	}
	r := getTrailStatusResponse{
		IsLogging:         t.Status == StatusEnable,
		StartLoggingTime:  formatTime(t.StartLoggingTime),
		StopLoggingTime:   formatTime(t.StopLoggingTime),
		OssBucketStatus:   t.OssBucketName != "" && s.buckets[t.OssBucketName],
		SlsLogStoreStatus: t.SlsProjectArn != "" && s.sls[slsProjectName(t.SlsProjectArn)],
	}
	if t.OssBucketName != "" {
		r.LatestDeliveryTime = delivered
	}
	if t.SlsProjectArn != "" {
		r.LatestDeliveryLogServiceTime = delivered
	}
	h, ok := a.health[trailKey{t.Region, t.Name}]
	if !ok {
		return r
	}
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&r.LatestDeliveryTime, h.LatestDeliveryTime)
	set(&r.LatestDeliveryError, h.LatestDeliveryError)
	set(&r.LatestDeliveryLogServiceTime, h.LatestDeliveryLogServiceTime)
	set(&r.LatestDeliveryLogServiceError, h.LatestDeliveryLogServiceError)
	if h.OssBucketStatus != nil {
		r.OssBucketStatus = *h.OssBucketStatus
	}
	if h.SlsLogStoreStatus != nil {
		r.SlsLogStoreStatus = *h.SlsLogStoreStatus
	}
	return r
}

// describeTrails lists the region's trails: those named in NameList (looked up by name; unknown names
// are simply absent), else all of them by name. IncludeShadowTrails adds, after them, the trails of
// other regions that apply to this one (TrailRegion All or this region), with IsShadowTrail 1.
// An account's own organization trail is always listed; IncludeOrganizationTrail adds, in a member
// account of a resource directory, the organization trails of its management account (after the
// account's own trails, shadows by the same rule).
func (s *Server) describeTrails(c *call) (any, *apiError) {
	shadows, aerr := boolParam(c.params, "IncludeShadowTrails")
	if aerr != nil {
		return nil, aerr
	}
	withOrg, aerr := boolParam(c.params, "IncludeOrganizationTrail")
	if aerr != nil {
		return nil, aerr
	}
	var names []string
	if list := c.params["NameList"]; list != "" {
		seen := make(map[string]bool)
		for name := range strings.SplitSeq(list, ",") {
			name = strings.TrimSpace(name)
			if name == "" || seen[name] {
				continue
			}
			if !trailNameRE.MatchString(name) {
				return nil, errInvalidTrailName()
			}
			seen[name] = true
			names = append(names, name)
		}
	}

	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []trailView{} // [] rather than null when empty
	pick := func(a *account, region string, shadow, orgOnly bool) {
		byName := a.regions[region]
		keep := func(t *Trail) bool {
			return t != nil && (!shadow || appliesTo(t, c.region)) && (!orgOnly || t.IsOrganizationTrail)
		}
		if names == nil {
			for _, name := range slices.Sorted(maps.Keys(byName)) {
				if t := byName[name]; keep(t) {
					out = append(out, s.view(a.id, t, c.region))
				}
			}
			return
		}
		for _, name := range names {
			if t := byName[name]; keep(t) {
				out = append(out, s.view(a.id, t, c.region))
			}
		}
	}
	list := func(a *account, orgOnly bool) {
		pick(a, c.region, false, orgOnly)
		if shadows {
			for _, region := range slices.Sorted(maps.Keys(a.regions)) {
				if region != c.region {
					pick(a, region, true, orgOnly)
				}
			}
		}
	}
	list(c.acct, false)
	if withOrg && s.members[c.acct.id] {
		list(s.accounts[s.management], true)
	}
	return describeTrailsResponse{RequestID: c.requestID, TrailList: out}, nil
}

// appliesTo reports whether a trail records the events of region.
func appliesTo(t *Trail, region string) bool {
	return t.TrailRegion == "All" || t.TrailRegion == region
}

// view renders a trail as listed in region shownIn: a trail shown outside its home region is a shadow.
func (s *Server) view(accountID string, t *Trail, shownIn string) trailView {
	v := trailView{
		Name:                t.Name,
		Status:              t.Status,
		EventRW:             t.EventRW,
		TrailRegion:         t.TrailRegion,
		HomeRegion:          t.Region,
		Region:              shownIn,
		deliveryView:        deliveryOf(t),
		RoleName:            t.RoleName,
		IsOrganizationTrail: t.IsOrganizationTrail,
		OrganizationID:      t.OrganizationId,
		TrailArn:            "acs:actiontrail:" + t.Region + ":" + accountID + ":trail/" + t.Name,
		CreateTime:          formatTime(t.CreateTime),
		UpdateTime:          formatTime(t.UpdateTime),
		StartLoggingTime:    formatTime(t.StartLoggingTime),
		StopLoggingTime:     formatTime(t.StopLoggingTime),
	}
	if shownIn != t.Region {
		v.IsShadowTrail = 1
	}
	if t.OssBucketName != "" {
		v.OssBucketLocation = "oss-" + t.Region // the emulator assumes the bucket is in the home region
	}
	return v
}

func newTrailResponse(requestID string, t *Trail) trailResponse {
	return trailResponse{
		RequestID:    requestID,
		Name:         t.Name,
		HomeRegion:   t.Region,
		deliveryView: deliveryOf(t),
		EventRW:      t.EventRW,
		TrailRegion:  t.TrailRegion,
		RoleName:     t.RoleName,
	}
}

// formatTime renders a time as the API does (ISO 8601, UTC, seconds); the zero time is "".
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timestampLayout)
}

type regionView struct {
	RegionID       string `json:"RegionId"`
	RegionEndpoint string `json:"RegionEndpoint"`
	LocalName      string `json:"LocalName"`
}

type describeRegionsResponse struct {
	RequestID string `json:"RequestId"`
	Regions   struct {
		Region []regionView `json:"Region"`
	} `json:"Regions"`
}

// describeRegions lists the regions the emulator answers, sorted, as DescribeRegions does.
func (s *Server) describeRegions(c *call) (any, *apiError) {
	resp := describeRegionsResponse{RequestID: c.requestID}
	ids := make([]string, 0, len(s.known))
	for r := range s.known {
		ids = append(ids, r)
	}
	slices.Sort(ids)
	for _, r := range ids {
		resp.Regions.Region = append(resp.Regions.Region, regionView{RegionID: r, RegionEndpoint: "actiontrail." + r + ".aliyuncs.com", LocalName: r})
	}
	return resp, nil
}
