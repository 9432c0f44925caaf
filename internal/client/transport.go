package client

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
)

// transportFailure describes a failure that got no answer from the API, without quoting the
// request's URL: the SDK signs in the query string, so the URL holds the AccessKeyId, the
// signature, the nonce and any STS token.
type transportFailure struct {
	host    string // the endpoint's host[:port]
	cause   string // what went wrong, e.g. "connection refused"
	reached bool   // whether the request may have reached the API
}

// describeTransport explains err, a failure below HTTP. ok is false when err is not one.
func describeTransport(err error) (f transportFailure, ok bool) {
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil {
			f.host = u.Host
		}
		err = ue.Err
	}
	var (
		dns     *net.DNSError
		op      *net.OpError
		unknown x509.UnknownAuthorityError
		invalid x509.CertificateInvalidError
		host    x509.HostnameError
		record  tls.RecordHeaderError
		tlsErr  *tls.CertificateVerificationError
	)
	switch {
	case errors.As(err, &dns):
		f.cause = fmt.Sprintf("the name %s does not resolve (%s)", dns.Name, dnsReason(dns))
	case errors.As(err, &tlsErr), errors.As(err, &unknown), errors.As(err, &invalid), errors.As(err, &host), errors.As(err, &record):
		f.cause = "the TLS handshake failed: " + tlsText(err)
	case errors.As(err, &op) && op.Op == "dial":
		f.cause = "the connection failed: " + opText(op)
	case errors.As(err, &op):
		f.cause, f.reached = "the connection broke: "+opText(op), true
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		f.cause, f.reached = "the connection closed before the answer was complete", true
	default:
		var ne net.Error
		if !errors.As(err, &ne) {
			return f, false
		}
		f.cause, f.reached = "no answer in time: "+lastClause(ne.Error()), true
	}
	return f, true
}

func (f transportFailure) String() string {
	where := "the endpoint"
	if f.host != "" {
		where = f.host
	}
	if f.reached {
		return fmt.Sprintf("%s: %s; the request may have reached the API", where, f.cause)
	}
	return fmt.Sprintf("%s: %s; the request did not reach the API", where, f.cause)
}

func dnsReason(e *net.DNSError) string {
	switch {
	case e.IsNotFound:
		return "no such host"
	case e.IsTimeout:
		return "the lookup timed out"
	}
	return e.Err
}

// opText is a net.OpError without its addresses' repetition, e.g. "dial tcp 127.0.0.1:1: connect: connection refused".
func opText(op *net.OpError) string {
	if op.Err == nil {
		return op.Op
	}
	return lastClause(op.Err.Error())
}

func tlsText(err error) string { return lastClause(err.Error()) }

// lastClause keeps the end of an error chain's text ("...: connection refused"), which names the
// cause without the URL that earlier parts may quote.
func lastClause(s string) string {
	if i := strings.LastIndex(s, ": "); i >= 0 && i+2 < len(s) {
		return s[i+2:]
	}
	return s
}

// transportOf explains err when it is a failure with no answer (also inside an SDK ClientError),
// else nil.
func transportOf(err error) *transportFailure {
	var ce *sdkerrors.ClientError
	if errors.As(err, &ce) && ce.OriginError() != nil {
		err = ce.OriginError()
	}
	if f, ok := describeTransport(err); ok {
		return &f
	}
	return nil
}
