package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
)

// Kind tells where a failure came from.
type Kind int

const (
	// KindAPI is an error answer from the API with a code.
	KindAPI Kind = iota
	// KindMalformed is an error answer the SDK could not read (not JSON, no code).
	KindMalformed
	// KindTransport is a network failure with no answer; Reached says whether the request may
	// have reached the API.
	KindTransport
	// KindCanceled means Terraform cancelled the operation.
	KindCanceled
	// KindClient is a failure on this side (SDK setup, an answer that does not decode).
	KindClient
	// KindConflict is a conflict this package found itself (e.g. after an ambiguous create).
	KindConflict
)

// Error is a failed ActionTrail call, with what a user needs to act on it.
type Error struct {
	Action     string
	Region     string
	Kind       Kind
	Code       string
	HTTPStatus int
	RequestID  string
	// Message is the API's message (KindAPI, KindConflict; a part of the body for KindMalformed), or
	// what went wrong when no answer came (the other kinds); redacted either way.
	Message string
	// Recommend is the API's advice, when it gave any (for a signature mismatch, the SDK's verdict).
	Recommend string
	// Attempts and RetriedFor are set when retries gave up.
	Attempts   int
	RetriedFor time.Duration
	GaveUp     error
	// Note explains what this package did about it (e.g. why it retried).
	Note string
	// ServerTime is the answer's Date header (the API's clock, to the second), when it had one.
	ServerTime time.Time
	// SignedWith is Config.RoleCredentials on an API answer: the request was signed with that
	// setting's temporary credentials, not keys as configured.
	SignedWith string
	// Reached is set on a KindTransport failure that happened after the request was sent (a
	// broken connection, no answer in time): the API may have acted.
	Reached bool
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Region != "" {
		fmt.Fprintf(&b, "%s in %s failed: ", e.Action, e.Region)
	} else {
		fmt.Fprintf(&b, "%s failed: ", e.Action)
	}
	switch e.Kind {
	case KindAPI, KindConflict:
		fmt.Fprintf(&b, "%s (HTTP %d, RequestId %s): %s", e.Code, e.HTTPStatus, e.RequestIDText(), e.Message)
	case KindMalformed:
		fmt.Fprintf(&b, "the API answered HTTP %d with a body that is not an ActionTrail error: %s", e.HTTPStatus, e.Message)
	case KindTransport:
		fmt.Fprintf(&b, "network error: %s", e.Message)
	case KindCanceled:
		fmt.Fprintf(&b, "cancelled: %s", e.Message)
	default:
		b.WriteString(e.Message)
	}
	if e.Recommend != "" {
		fmt.Fprintf(&b, " (recommend: %s)", e.Recommend)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, "; gave up after %d attempts over %s", e.Attempts, e.RetriedFor)
		if e.GaveUp != nil {
			fmt.Fprintf(&b, " (%v)", e.GaveUp)
		}
	}
	if e.Note != "" {
		fmt.Fprintf(&b, "; %s", e.Note)
	}
	return b.String()
}

// RequestIDText is the RequestId for messages: "none" when the answer carried none.
func (e *Error) RequestIDText() string {
	return requestIDText(e.RequestID)
}

// requestIDText is a RequestId for messages (of an ActionTrail or an STS answer): "none" for none.
func requestIDText(id string) string {
	if id == "" {
		return "none"
	}
	return id
}

// IsCode reports whether err is an API error with that code.
func IsCode(err error, code string) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}

// NotFoundError says that a read found no trail of that name: DescribeTrails answers an absent
// name with a list that lacks it, not with an error code.
type NotFoundError struct {
	Region, Name string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("no trail named %q in region %s", e.Name, e.Region)
}

// IsNotFound reports whether err says the trail does not exist: a read that did not find it, or
// an API answer of TrailNotFoundException.
func IsNotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf) || IsCode(err, CodeTrailNotFound)
}

// Retryable reports whether the same call may succeed later: a network error, a 5xx answer or a
// code the catalog says passes (RetryTransient: throttling, ServiceUnavailable, InternalError).
func Retryable(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Kind {
	case KindTransport:
		return true
	case KindAPI, KindMalformed:
		return e.HTTPStatus >= 500 || transientCode(e.Code)
	}
	return false
}

// Ambiguous reports whether the API may have acted although the call failed: a 5xx answer or a
// network failure after the request was sent.
func Ambiguous(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Kind == KindTransport && e.Reached || (e.Kind == KindAPI || e.Kind == KindMalformed) && e.HTTPStatus >= 500
}

// classify turns whatever the SDK returned into an *Error with secrets removed.
func (c *Client) classify(ctx context.Context, action, region string, err error) *Error {
	e := &Error{Action: action, Region: region}
	var se *sdkerrors.ServerError
	var ce *sdkerrors.ClientError
	var tooLarge *AnswerTooLargeError
	switch {
	case ctx.Err() != nil:
		e.Kind, e.Message = KindCanceled, ctx.Err().Error()
	case errors.As(err, &se):
		e.HTTPStatus, e.RequestID = se.HttpStatus(), se.RequestId()
		e.Code, e.Recommend = se.ErrorCode(), se.Recommend()
		e.Message = se.Message()
		if d := se.RespHeaders["Date"]; len(d) > 0 {
			e.ServerTime, _ = http.ParseTime(d[0])
		}
		if e.Code == "" {
			e.Kind = KindMalformed
			// Redacted before it is cut: a secret cut in two would no longer be recognised.
			e.Message = truncate(c.redact(strings.TrimSpace(e.Message)), 300)
		} else {
			e.Kind, e.SignedWith = KindAPI, c.signedWith
			// The gateway echoes its string to sign, which holds every parameter (an STS token
			// among them). The SDK already compared it with its own and put the verdict in
			// Recommend; the echo itself only leaks.
			if i := strings.Index(e.Message, sdkerrors.MessageContain); i >= 0 {
				e.Message = strings.TrimSpace(e.Message[:i])
			}
		}
	case errors.As(err, &tooLarge):
		e.Kind, e.Message = KindMalformed, tooLarge.Error()
	default:
		cause := err
		if errors.As(err, &ce) && ce.OriginError() != nil {
			cause = ce.OriginError()
		}
		if f, ok := describeTransport(cause); ok {
			if f.host == "" {
				f.host = c.host(region)
			}
			e.Kind, e.Message, e.Reached = KindTransport, f.String(), f.reached
		} else {
			e.Kind, e.Message = KindClient, err.Error()
		}
	}
	e.Message = c.redact(e.Message)
	e.Recommend = c.redact(e.Recommend)
	return e
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
