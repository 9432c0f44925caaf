package client

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
)

// Trail is a trail as DescribeTrails reports it. The v1 SDK's typed actiontrail.Trail lacks the
// fields the current API added (MaxComputeProjectArn, MaxComputeWriteRoleArn), so the raw answer is
// decoded into this type instead (see describeTrailsResponse): the SDK struct's fields under the
// same names and JSON keys, and the new ones.
type Trail struct {
	TrailRegion            string `json:"TrailRegion"`
	Status                 string `json:"Status"`
	UpdateTime             string `json:"UpdateTime"`
	HomeRegion             string `json:"HomeRegion"`
	CreateTime             string `json:"CreateTime"`
	OssKeyPrefix           string `json:"OssKeyPrefix"`
	EventRW                string `json:"EventRW"`
	StartLoggingTime       string `json:"StartLoggingTime"`
	OssWriteRoleArn        string `json:"OssWriteRoleArn"`
	SlsProjectArn          string `json:"SlsProjectArn"`
	IsOrganizationTrail    bool   `json:"IsOrganizationTrail"`
	SlsWriteRoleArn        string `json:"SlsWriteRoleArn"`
	StopLoggingTime        string `json:"StopLoggingTime"`
	Name                   string `json:"Name"`
	OssBucketName          string `json:"OssBucketName"`
	Region                 string `json:"Region"`
	OrganizationId         string `json:"OrganizationId"` // the SDK's spelling
	OssBucketLocation      string `json:"OssBucketLocation"`
	IsShadowTrail          int64  `json:"IsShadowTrail"`
	TrailArn               string `json:"TrailArn"`
	MaxComputeProjectArn   string `json:"MaxComputeProjectArn"`
	MaxComputeWriteRoleArn string `json:"MaxComputeWriteRoleArn"`
}

// describeTrailsResponse is the SDK's DescribeTrailsResponse with TrailList of this package's Trail.
// The SDK decodes the raw answer into whatever response it is given (with its own lenient JSON
// parser), so the fields its typed struct lacks are read in the same single pass, by the same client.
type describeTrailsResponse struct {
	*responses.BaseResponse
	RequestId string  `json:"RequestId"`
	TrailList []Trail `json:"TrailList"`
}

// GetRequestId lets the client's logging find the RequestId, as for the SDK's own responses.
func (r *describeTrailsResponse) GetRequestId() string { return r.RequestId }

// Trail statuses.
const (
	StatusFresh   = "Fresh"
	StatusEnable  = "Enable"
	StatusDisable = "Disable"
)

// API defaults, which the schema's defaults mirror.
const (
	DefaultEventRW     = "Write"
	DefaultTrailRegion = "All"
)

// TrailParams are the settable parameters of CreateTrail and UpdateTrail. A nil field is not
// sent; a field pointing at "" is sent empty (on UpdateTrail that clears it).
type TrailParams struct {
	Name                string
	OssBucketName       *string
	OssKeyPrefix        *string
	OssWriteRoleArn     *string
	SlsProjectArn       *string
	SlsWriteRoleArn     *string
	RoleName            *string // the 2017-12-04 spec's RoleName; the SDK has no field for it
	EventRW             *string
	TrailRegion         *string
	IsOrganizationTrail *bool
	// MaxComputeProjectArn and MaxComputeWriteRoleArn are parameters of the current API that the
	// v1 SDK's typed requests lack; like every parameter here they travel in the query map.
	MaxComputeProjectArn   *string
	MaxComputeWriteRoleArn *string
}

// query returns the request's parameters: every field that is set, empty ones included. They go
// into the SDK request's query map directly, because the typed request drops empty strings (which
// clear a setting on UpdateTrail) and has no RoleName or MaxCompute fields.
func (p TrailParams) query() map[string]string {
	q := map[string]string{"Name": p.Name}
	for name, v := range map[string]*string{
		"OssBucketName": p.OssBucketName, "OssKeyPrefix": p.OssKeyPrefix, "OssWriteRoleArn": p.OssWriteRoleArn,
		"SlsProjectArn": p.SlsProjectArn, "SlsWriteRoleArn": p.SlsWriteRoleArn, "EventRW": p.EventRW,
		"TrailRegion": p.TrailRegion, "RoleName": p.RoleName,
		"MaxComputeProjectArn": p.MaxComputeProjectArn, "MaxComputeWriteRoleArn": p.MaxComputeWriteRoleArn,
	} {
		if v != nil {
			q[name] = *v
		}
	}
	if p.IsOrganizationTrail != nil {
		q["IsOrganizationTrail"] = strconv.FormatBool(*p.IsOrganizationTrail)
	}
	return q
}

// Matches reports whether t carries every parameter that p sets (the API's defaults standing in
// for EventRW and TrailRegion when t reports none).
func (p TrailParams) Matches(t *Trail) bool {
	eq := func(want *string, got, def string) bool {
		if want == nil {
			return true
		}
		if got == "" {
			got = def
		}
		w := *want
		if w == "" {
			w = def
		}
		return w == got
	}
	return t.Name == p.Name &&
		eq(p.OssBucketName, t.OssBucketName, "") && eq(p.OssKeyPrefix, t.OssKeyPrefix, "") &&
		eq(p.OssWriteRoleArn, t.OssWriteRoleArn, "") && eq(p.SlsProjectArn, t.SlsProjectArn, "") &&
		eq(p.SlsWriteRoleArn, t.SlsWriteRoleArn, "") && eq(p.EventRW, t.EventRW, DefaultEventRW) &&
		eq(p.TrailRegion, t.TrailRegion, DefaultTrailRegion) &&
		eq(p.MaxComputeProjectArn, t.MaxComputeProjectArn, "") && eq(p.MaxComputeWriteRoleArn, t.MaxComputeWriteRoleArn, "") &&
		(p.IsOrganizationTrail == nil || *p.IsOrganizationTrail == t.IsOrganizationTrail)
}

// ListOptions narrows DescribeTrails.
type ListOptions struct {
	// Names lists only these trails (absent names are simply missing from the answer); nil lists all.
	Names []string
	// IncludeShadowTrails adds the shadow copies other regions keep of multi-region trails.
	IncludeShadowTrails bool
	// IncludeOrganizationTrail adds the organization trail of the resource directory.
	IncludeOrganizationTrail bool
}

// CreateResult says how a successful CreateTrail ended.
type CreateResult struct {
	// Adopted is set when an attempt's answer was lost (a 5xx or a broken connection after the
	// request was sent) and the trail found afterwards was taken as that attempt's: it has the
	// requested configuration and the API's CreateTime falls inside one of the lost attempts.
	Adopted *Trail
	// LostAnswers counts the attempts whose outcome was unknown.
	LostAnswers int
}

// attemptWindow is when one CreateTrail attempt whose answer was lost could have created the
// trail, on the API's clock as far as it is known: the API's CreateTime is to the second, so a
// trail it created reads between the window's bounds.
type attemptWindow struct{ from, to time.Time }

// lostAttempt returns the window of an attempt sent at sent and failed at failed (this machine's
// clock). A 5xx answer carries the API's clock (Date, to the second): the trail was created before
// that answer and after the request left, so its CreateTime is within [Date - round trip - 1s,
// Date], whatever the offset between the two clocks. Without an answer (a broken connection) the
// window is this machine's, widened by a second each way for the API's rounding and a small offset.
func lostAttempt(sent, failed time.Time, err error) attemptWindow {
	var e *Error
	if errors.As(err, &e) && !e.ServerTime.IsZero() {
		return attemptWindow{from: e.ServerTime.Add(-failed.Sub(sent) - time.Second), to: e.ServerTime}
	}
	return attemptWindow{from: sent.Add(-time.Second), to: failed.Add(time.Second)}
}

func (w attemptWindow) holds(t time.Time) bool { return !t.Before(w.from) && !t.After(w.to) }

// CreateTrail creates a trail. It does not read the trail back: the caller reads it once it is
// done with it (after StartLogging), which saves a DescribeTrails per create.
//
// Throttling and 5xx answers are retried until ctx is done. When an attempt's outcome is unknown
// (5xx or a network failure after sending), the next round first looks for the trail. It is
// adopted only with evidence that it is this call's: the requested configuration, and a
// CreateTime inside one of the lost attempts' windows (so it did not exist before this call
// started, and nobody else created it while this call waited), still switched off (status Fresh),
// as the API creates trails and this call has not switched it on. A trail under the name without that
// evidence is another's: TrailAlreadyExistsException, as the API would answer. When the loop gives
// up after a lost answer without knowing, the error is an *UnconfirmedCreateError: the trail may
// exist. InsufficientBucketPolicyException is retried for RetryPolicy.PolicyPropagation at most,
// because a bucket policy created in the same apply takes a while to reach ActionTrail.
func (c *Client) CreateTrail(ctx context.Context, region string, p TrailParams) (CreateResult, error) {
	start := c.now()
	var (
		res  CreateResult
		lost []attemptWindow
	)
	err := c.retry(ctx, "CreateTrail", func(int) (bool, error) {
		if len(lost) > 0 {
			t, err := c.findTrail(ctx, region, p.Name, true)
			switch {
			case err == nil:
				ok, why := adoptable(t, p, lost)
				if ok {
					res.Adopted = t
					return false, nil
				}
				return false, &Error{
					Action: "CreateTrail", Region: region, Kind: KindConflict, Code: CodeTrailAlreadyExists,
					HTTPStatus: 400, Message: "The specified Trail name already exists.",
					Note: "an earlier CreateTrail attempt had no clear answer, and the trail now found under this name " + why,
				}
			case !IsNotFound(err):
				return Retryable(err), err
			}
			// Not there: the lost attempt did not act. Send again.
		}
		sent := c.now()
		err := c.createOnce(ctx, region, p)
		switch {
		case err == nil:
			return false, nil
		case Ambiguous(err):
			lost = append(lost, lostAttempt(sent, c.now(), err))
			res.LostAnswers++
			return true, err
		case len(lost) > 0 && IsCode(err, CodeTrailAlreadyExists):
			// Our own lost attempt may have created it: the next round looks.
			return true, err
		case waitsForPropagation(err):
			return c.now().Sub(start) < c.policy.PolicyPropagation, err
		}
		return Retryable(err), err
	})
	if err == nil {
		return res, nil
	}
	if waitsForPropagation(err) {
		var e *Error
		if errors.As(err, &e) {
			e.Note = fmt.Sprintf("retried for %s because bucket policies and roles created in the same apply take time to propagate "+
				"to ActionTrail (bounded by the create timeout and %s)", c.now().Sub(start).Round(100*time.Millisecond), c.policy.PolicyPropagation)
		}
	}
	if len(lost) > 0 && !isConflict(err) {
		return res, &UnconfirmedCreateError{Region: region, Name: p.Name, LostAnswers: len(lost), Err: err}
	}
	return res, err
}

// adoptable reports whether t is the trail a lost attempt created, and if not, why.
func adoptable(t *Trail, p TrailParams, lost []attemptWindow) (bool, string) {
	if !p.Matches(t) {
		return false, "has another configuration"
	}
	if t.Status != "" && t.Status != StatusFresh {
		// The API creates trails switched off, and this apply has not switched it on yet.
		return false, fmt.Sprintf("is already switched on (status %s), which a trail this apply has just created cannot be", t.Status)
	}
	created, err := time.Parse(time.RFC3339, t.CreateTime)
	if err != nil {
		return false, fmt.Sprintf("reports no usable CreateTime (%q), so nothing shows it is this apply's", t.CreateTime)
	}
	for _, w := range lost {
		if w.holds(created) {
			return true, ""
		}
	}
	return false, fmt.Sprintf("was created at %s, outside the attempts whose answers were lost (the first from %s to %s): "+
		"it is not this apply's", created.UTC().Format(time.RFC3339), lost[0].from.UTC().Format(time.RFC3339),
		lost[0].to.UTC().Format(time.RFC3339))
}

func isConflict(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindConflict
}

// UnconfirmedCreateError says that CreateTrail may have acted although no answer confirmed it: an
// attempt's answer was lost and no later look settled whether the trail exists.
type UnconfirmedCreateError struct {
	Region, Name string
	LostAnswers  int
	Err          error // the last failure
}

func (e *UnconfirmedCreateError) Error() string {
	return fmt.Sprintf("CreateTrail of %q in %s is unconfirmed: %d attempt(s) had no clear answer, so the trail may exist; last error: %v",
		e.Name, e.Region, e.LostAnswers, e.Err)
}

func (e *UnconfirmedCreateError) Unwrap() error { return e.Err }

// WaitTrail reads a trail that was just written, tolerating not-found for RetryPolicy.ReadAfterWrite.
// Its reads are coalesced with the other single-trail reads of the region (see readBatcher), which
// also waits for the trail to appear. of, when not nil, is the write it reads back: it ends once
// the read is queued.
func (c *Client) WaitTrail(ctx context.Context, region, name string, of *Write) (*Trail, error) {
	return c.reads.read(ctx, region, name, c.now().Add(c.policy.ReadAfterWrite), of)
}

// DescribeTrails lists the trails of a region.
func (c *Client) DescribeTrails(ctx context.Context, region string, opt ListOptions) ([]Trail, error) {
	var list []Trail
	err := c.retryIdempotent(ctx, "DescribeTrails", func() error {
		var err error
		list, err = c.describeOnce(ctx, region, opt)
		return err
	})
	return list, err
}

// DescribeTrail finds one trail; a missing trail is a *NotFoundError. Reads of one region that run
// at the same time share one DescribeTrails (see readBatcher), which retries.
func (c *Client) DescribeTrail(ctx context.Context, region, name string) (*Trail, error) {
	return c.reads.read(ctx, region, name, time.Time{}, nil)
}

// BeginWrite tells the client that an update in region (up to its read-back) is in progress until
// it ends (Write.End, or WaitTrail of it): the read-backs of the region's other writes wait for it
// briefly, to share one DescribeTrails (see readBatcher).
func (c *Client) BeginWrite(region string) *Write {
	return c.reads.beginWrite(region, "")
}

// BeginCreate tells the client that the create of the trail name in region is in progress until it
// ends (Write.End, or WaitTrail of it): the region's reads meanwhile ask for the trail too, and its
// read-back takes the answer of one that began after the create did, if any (see flight).
func (c *Client) BeginCreate(region, name string) *Write {
	return c.reads.beginWrite(region, name)
}

// UpdateTrail changes a trail in place. It is idempotent, so every retryable failure is retried.
func (c *Client) UpdateTrail(ctx context.Context, region string, p TrailParams) error {
	start := c.now()
	return c.retry(ctx, "UpdateTrail", func(int) (bool, error) {
		req := actiontrail.CreateUpdateTrailRequest()
		maps.Copy(req.QueryParams, p.query())
		err := c.do(ctx, region, req, actiontrail.CreateUpdateTrailResponse())
		if waitsForPropagation(err) {
			return c.now().Sub(start) < c.policy.PolicyPropagation, err
		}
		return Retryable(err), err
	})
}

// DeleteTrail deletes a trail; one already gone counts as deleted (also when an earlier attempt
// deleted it and its answer was lost).
func (c *Client) DeleteTrail(ctx context.Context, region, name string) error {
	err := c.retryIdempotent(ctx, "DeleteTrail", func() error {
		req := actiontrail.CreateDeleteTrailRequest()
		req.Name = name
		return c.do(ctx, region, req, actiontrail.CreateDeleteTrailResponse())
	})
	if IsNotFound(err) {
		return nil
	}
	return err
}

// StartLogging switches a trail on. It is idempotent.
func (c *Client) StartLogging(ctx context.Context, region, name string) error {
	return c.retryIdempotent(ctx, "StartLogging", func() error {
		req := actiontrail.CreateStartLoggingRequest()
		req.Name = name
		return c.do(ctx, region, req, actiontrail.CreateStartLoggingResponse())
	})
}

// StopLogging switches a trail off. It is idempotent.
func (c *Client) StopLogging(ctx context.Context, region, name string) error {
	return c.retryIdempotent(ctx, "StopLogging", func() error {
		req := actiontrail.CreateStopLoggingRequest()
		req.Name = name
		return c.do(ctx, region, req, actiontrail.CreateStopLoggingResponse())
	})
}

// TrailStatus is a trail's GetTrailStatus answer: whether it is logging and how its deliveries went.
// LatestDeliveryTime and LatestDeliveryError are about the OSS bucket, the LogService fields about
// the SLS project's logstore; the API reports nothing per MaxCompute project. Times are as the API
// reports them (ISO 8601 UTC), "" for never.
type TrailStatus struct {
	IsLogging                     bool
	StartLoggingTime              string
	StopLoggingTime               string
	LatestDeliveryTime            string
	LatestDeliveryError           string
	LatestDeliveryLogServiceTime  string
	LatestDeliveryLogServiceError string
	OssBucketStatus               bool // the bucket is available to ActionTrail
	SlsLogStoreStatus             bool // the logstore is available to ActionTrail
}

// GetTrailStatus reads a trail's logging and delivery status; org asks for the organization trail of
// the resource directory (IsOrganizationTrail). A missing trail is TrailNotFoundException (IsNotFound).
// It only reads, so every retryable failure is retried.
func (c *Client) GetTrailStatus(ctx context.Context, region, name string, org bool) (*TrailStatus, error) {
	var st *TrailStatus
	err := c.retryIdempotent(ctx, "GetTrailStatus", func() error {
		req := actiontrail.CreateGetTrailStatusRequest()
		req.Name = name
		req.IsOrganizationTrail = requests.NewBoolean(org)
		// The typed response of v1.63.107 has every field the current API documents.
		resp := actiontrail.CreateGetTrailStatusResponse()
		if err := c.do(ctx, region, req, resp); err != nil {
			return err
		}
		st = &TrailStatus{
			IsLogging:                     resp.IsLogging,
			StartLoggingTime:              resp.StartLoggingTime,
			StopLoggingTime:               resp.StopLoggingTime,
			LatestDeliveryTime:            resp.LatestDeliveryTime,
			LatestDeliveryError:           resp.LatestDeliveryError,
			LatestDeliveryLogServiceTime:  resp.LatestDeliveryLogServiceTime,
			LatestDeliveryLogServiceError: resp.LatestDeliveryLogServiceError,
			OssBucketStatus:               resp.OssBucketStatus,
			SlsLogStoreStatus:             resp.SlsLogStoreStatus,
		}
		return nil
	})
	return st, err
}

// The primitives below make exactly one call and never retry: each public method above wraps one
// retry loop around them.

// createOnce sends one CreateTrail. The parameters go into the query map directly (see query).
func (c *Client) createOnce(ctx context.Context, region string, p TrailParams) error {
	req := actiontrail.CreateCreateTrailRequest()
	maps.Copy(req.QueryParams, p.query())
	return c.do(ctx, region, req, actiontrail.CreateCreateTrailResponse())
}

// describeOnce sends one DescribeTrails.
func (c *Client) describeOnce(ctx context.Context, region string, opt ListOptions) ([]Trail, error) {
	req := actiontrail.CreateDescribeTrailsRequest()
	req.NameList = strings.Join(opt.Names, ",")
	req.IncludeShadowTrails = requests.NewBoolean(opt.IncludeShadowTrails)
	req.IncludeOrganizationTrail = requests.NewBoolean(opt.IncludeOrganizationTrail)
	resp := &describeTrailsResponse{BaseResponse: &responses.BaseResponse{}}
	if err := c.do(ctx, region, req, resp); err != nil {
		return nil, err
	}
	return resp.TrailList, nil
}

// findTrail sends one DescribeTrails for name and picks the trail whose home is region.
func (c *Client) findTrail(ctx context.Context, region, name string, includeOrg bool) (*Trail, error) {
	list, err := c.describeOnce(ctx, region, ListOptions{Names: []string{name}, IncludeOrganizationTrail: includeOrg})
	if err != nil {
		return nil, err
	}
	return pick(list, region, name)
}

// DescribeRegions lists the region IDs the API serves. It asks the endpoint of region (the
// endpoint of a region that does not exist does not resolve).
func (c *Client) DescribeRegions(ctx context.Context, region string) ([]string, error) {
	var ids []string
	err := c.retryIdempotent(ctx, "DescribeRegions", func() error {
		resp := actiontrail.CreateDescribeRegionsResponse()
		err := c.do(ctx, region, actiontrail.CreateDescribeRegionsRequest(), resp)
		ids = ids[:0]
		for _, r := range resp.Regions.Region {
			ids = append(ids, r.RegionId)
		}
		return err
	})
	return ids, err
}
