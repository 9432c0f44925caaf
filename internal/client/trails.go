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
	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
)

// Trail is a trail as DescribeTrails reports it.
type Trail = actiontrail.Trail

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
}

// query returns the request's parameters: every field that is set, empty ones included. They go
// into the SDK request's query map directly, because the typed request drops empty strings (which
// clear a setting on UpdateTrail) and has no RoleName field.
func (p TrailParams) query() map[string]string {
	q := map[string]string{"Name": p.Name}
	for name, v := range map[string]*string{
		"OssBucketName": p.OssBucketName, "OssKeyPrefix": p.OssKeyPrefix, "OssWriteRoleArn": p.OssWriteRoleArn,
		"SlsProjectArn": p.SlsProjectArn, "SlsWriteRoleArn": p.SlsWriteRoleArn, "EventRW": p.EventRW,
		"TrailRegion": p.TrailRegion, "RoleName": p.RoleName,
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
		(p.IsOrganizationTrail == nil || *p.IsOrganizationTrail == t.IsOrganizationTrail)
}

// CreateTrail creates a trail. It does not read the trail back (the caller reads it once, after
// StartLogging): the returned trail is nil unless an earlier attempt's trail was adopted.
//
// Throttling and 5xx answers are retried until ctx is done. When an attempt's outcome is unknown
// (5xx or a network failure after sending), the next attempt first looks for the trail: one with
// the requested configuration is adopted, one with another configuration fails with
// TrailAlreadyExistsException as the API would. InsufficientBucketPolicyException is retried for
// RetryPolicy.PolicyPropagation at most, because a bucket policy created in the same apply takes a
// while to reach ActionTrail.
func (c *Client) CreateTrail(ctx context.Context, region string, p TrailParams) (*Trail, error) {
	if region == "" {
		region = c.region
	}
	start := time.Now()
	ambiguous := false
	var found *Trail
	err := c.retry(ctx, "CreateTrail", func(int) (bool, error) {
		if ambiguous {
			t, err := c.DescribeTrail(ctx, region, p.Name)
			switch {
			case err == nil && p.Matches(t):
				found = t
				return false, nil
			case err == nil:
				return false, &Error{
					Action: "CreateTrail", Region: region, Kind: KindConflict, Code: CodeTrailAlreadyExists,
					HTTPStatus: 400, Message: "The specified Trail name already exists.",
					Note: "an earlier CreateTrail attempt had no clear answer, and the trail now found under this name has another configuration",
				}
			case !IsNotFound(err):
				return Retryable(err), err
			}
		}
		req := actiontrail.CreateCreateTrailRequest()
		maps.Copy(req.QueryParams, p.query())
		err := c.do(ctx, region, req, actiontrail.CreateCreateTrailResponse())
		switch {
		case err == nil:
			return false, nil
		case Ambiguous(err):
			ambiguous = true
			return true, err
		case ambiguous && IsCode(err, CodeTrailAlreadyExists):
			// Our own earlier attempt may have created it: the next round looks.
			return true, err
		case IsCode(err, CodeInsufficientBucketPolicy):
			if time.Since(start) < c.policy.PolicyPropagation {
				return true, err
			}
			return false, err
		}
		return Retryable(err), err
	})
	if err != nil {
		if IsCode(err, CodeInsufficientBucketPolicy) {
			var e *Error
			if errors.As(err, &e) {
				e.Note = fmt.Sprintf("retried for %s because bucket policies and roles created in the same apply take time to propagate "+
					"to ActionTrail (bounded by the create timeout and %s)", time.Since(start).Round(100*time.Millisecond), c.policy.PolicyPropagation)
			}
		}
		return nil, err
	}
	// No read-back here: the caller reads the trail once it is done with it (after StartLogging),
	// which saves a DescribeTrails per create. found is set only when an earlier attempt's trail
	// was adopted.
	return found, nil
}

// WaitTrail reads a trail that was just written, tolerating not-found for RetryPolicy.ReadAfterWrite.
func (c *Client) WaitTrail(ctx context.Context, region, name string) (*Trail, error) {
	start := time.Now()
	var t *Trail
	err := c.retry(ctx, "DescribeTrails", func(int) (bool, error) {
		var err error
		t, err = c.DescribeTrail(ctx, region, name)
		if IsNotFound(err) {
			return time.Since(start) < c.policy.ReadAfterWrite, err
		}
		return Retryable(err), err
	})
	return t, err
}

// DescribeTrails lists trails of a region; names narrows the list (absent names are simply missing).
func (c *Client) DescribeTrails(ctx context.Context, region string, names []string, includeShadow, includeOrg bool) ([]Trail, error) {
	if region == "" {
		region = c.region
	}
	req := actiontrail.CreateDescribeTrailsRequest()
	req.NameList = strings.Join(names, ",")
	req.IncludeShadowTrails = requests.NewBoolean(includeShadow)
	req.IncludeOrganizationTrail = requests.NewBoolean(includeOrg)
	resp := actiontrail.CreateDescribeTrailsResponse()
	err := c.retry(ctx, "DescribeTrails", func(int) (bool, error) {
		err := c.do(ctx, region, req, resp)
		return Retryable(err), err
	})
	if err != nil {
		return nil, err
	}
	return resp.TrailList, nil
}

// DescribeTrail finds one trail; a missing trail is a TrailNotFoundException error.
func (c *Client) DescribeTrail(ctx context.Context, region, name string) (*Trail, error) {
	if region == "" {
		region = c.region
	}
	list, err := c.DescribeTrails(ctx, region, []string{name}, false, true)
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].Name == name && (list[i].HomeRegion == "" || list[i].HomeRegion == region) {
			return &list[i], nil
		}
	}
	return nil, &Error{
		Action: "DescribeTrails", Region: region, Kind: KindAPI, Code: CodeTrailNotFound, HTTPStatus: 404,
		Message: fmt.Sprintf("no trail named %q in region %s", name, region),
	}
}

// UpdateTrail changes a trail in place. It is idempotent, so every retryable failure is retried.
func (c *Client) UpdateTrail(ctx context.Context, region string, p TrailParams) error {
	if region == "" {
		region = c.region
	}
	start := time.Now()
	return c.retry(ctx, "UpdateTrail", func(int) (bool, error) {
		req := actiontrail.CreateUpdateTrailRequest()
		maps.Copy(req.QueryParams, p.query())
		err := c.do(ctx, region, req, actiontrail.CreateUpdateTrailResponse())
		if IsCode(err, CodeInsufficientBucketPolicy) {
			return time.Since(start) < c.policy.PolicyPropagation, err
		}
		return Retryable(err), err
	})
}

// DeleteTrail deletes a trail; one already gone counts as deleted.
func (c *Client) DeleteTrail(ctx context.Context, region, name string) error {
	return c.simple(ctx, region, name, "DeleteTrail", true)
}

// StartLogging switches a trail on.
func (c *Client) StartLogging(ctx context.Context, region, name string) error {
	return c.simple(ctx, region, name, "StartLogging", false)
}

// StopLogging switches a trail off.
func (c *Client) StopLogging(ctx context.Context, region, name string) error {
	return c.simple(ctx, region, name, "StopLogging", false)
}

// simple runs one of the name-only actions, which are idempotent.
func (c *Client) simple(ctx context.Context, region, name, action string, goneIsDone bool) error {
	if region == "" {
		region = c.region
	}
	err := c.retry(ctx, action, func(int) (bool, error) {
		var err error
		switch action {
		case "DeleteTrail":
			req := actiontrail.CreateDeleteTrailRequest()
			req.Name = name
			err = c.do(ctx, region, req, actiontrail.CreateDeleteTrailResponse())
		case "StartLogging":
			req := actiontrail.CreateStartLoggingRequest()
			req.Name = name
			err = c.do(ctx, region, req, actiontrail.CreateStartLoggingResponse())
		case "StopLogging":
			req := actiontrail.CreateStopLoggingRequest()
			req.Name = name
			err = c.do(ctx, region, req, actiontrail.CreateStopLoggingResponse())
		default:
			return false, fmt.Errorf("unknown action %s", action)
		}
		return Retryable(err), err
	})
	if goneIsDone && IsNotFound(err) {
		return nil
	}
	return err
}
