package emulator

import (
	"net/http"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
)

// TestErrorCodes reaches every ActionTrail error code with the real SDK client, and checks the code,
// the HTTP status, the RequestId, the HostId and the message.
func TestErrorCodes(t *testing.T) {
	create := func(mod func(*actiontrail.CreateTrailRequest)) func(*actiontrail.Client) error {
		return sdkCall(func() *actiontrail.CreateTrailRequest { return createRequest("new-trail") }, mod,
			(*actiontrail.Client).CreateTrail)
	}
	update := func(mod func(*actiontrail.UpdateTrailRequest)) func(*actiontrail.Client) error {
		return sdkCall(func() *actiontrail.UpdateTrailRequest {
			req := actiontrail.CreateUpdateTrailRequest()
			req.Name = "existing-trail"
			return req
		}, mod, (*actiontrail.Client).UpdateTrail)
	}
	const (
		badRequest = http.StatusBadRequest
		forbidden  = http.StatusForbidden
		notFound   = http.StatusNotFound
	)
	tests := []struct {
		name    string
		setup   func(*Server)
		call    func(*actiontrail.Client) error
		code    string
		status  int
		message string // a part of the message
	}{
		{
			name: "create without name",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.Name = "" }),
			code: "MissingName", status: badRequest, message: "Name",
		},
		{
			name: "name too short",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.Name = "abcde" }),
			code: "InvalidTrailNameException", status: badRequest,
		},
		{
			name: "name too long",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.Name = "a" + strings.Repeat("b", 36) }),
			code: "InvalidTrailNameException", status: badRequest,
		},
		{
			name: "name with uppercase",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.Name = "Trail-one" }),
			code: "InvalidTrailNameException", status: badRequest,
		},
		{
			name: "name starting with a digit",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.Name = "1trail-one" }),
			code: "InvalidTrailNameException", status: badRequest,
		},
		{
			name: "bucket name with uppercase",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.OssBucketName = "My-Bucket" }),
			code: "InvalidBucketNameException", status: badRequest,
		},
		{
			name: "bucket name ending with a hyphen",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.OssBucketName = "bucket-" }),
			code: "InvalidBucketNameException", status: badRequest,
		},
		{
			name: "bucket name too short",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.OssBucketName = "ab" }),
			code: "InvalidBucketNameException", status: badRequest,
		},
		{
			name: "prefix starting with a digit",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.OssKeyPrefix = "1prefix" }),
			code: "InvalidPrefixException", status: badRequest,
		},
		{
			name: "prefix too short",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.OssKeyPrefix = "abcde" }),
			code: "InvalidPrefixException", status: badRequest,
		},
		{
			name: "bad EventRW",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.EventRW = "write" }),
			code: "InvalidQueryParameter", status: badRequest, message: "EventRW",
		},
		{
			name: "bad TrailRegion",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.TrailRegion = "Everywhere" }),
			code: "InvalidQueryParameter", status: badRequest, message: "TrailRegion",
		},
		{
			name: "bad IsOrganizationTrail",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.IsOrganizationTrail = requests.Boolean("yes") }),
			code: "InvalidQueryParameter", status: badRequest, message: "IsOrganizationTrail",
		},
		{
			name: "malformed SLS project ARN",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.SlsProjectArn = "acs:log:cn-hangzhou:abc:project/x" }),
			code: "InvalidQueryParameter", status: badRequest, message: "SlsProjectArn",
		},
		{
			name: "malformed role ARN",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.OssWriteRoleArn = "acs:ram:cn-hangzhou:123:role/x" }),
			code: "InvalidQueryParameter", status: badRequest, message: "OssWriteRoleArn",
		},
		{
			name: "malformed SLS role ARN",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.SlsWriteRoleArn = "role/x" }),
			code: "InvalidQueryParameter", status: badRequest, message: "SlsWriteRoleArn",
		},
		{
			name: "bad RoleName",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.QueryParams["RoleName"] = "bad role" }),
			code: "InvalidQueryParameter", status: badRequest, message: "RoleName",
		},
		{
			name: "no delivery target",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.OssBucketName = "" }),
			code: "InvalidDeliveryConfigurationException", status: badRequest,
		},
		{
			name:  "name taken in the region",
			setup: func(s *Server) { s.PutTrail(testRegion, Trail{Name: "new-trail", OssBucketName: testBucket}) },
			call:  create(func(*actiontrail.CreateTrailRequest) {}),
			code:  "TrailAlreadyExistsException", status: badRequest, message: "The specified Trail name already exists.",
		},
		{
			name: "quota",
			setup: func(s *Server) {
				for _, n := range []string{"trail-one", "trail-two", "trail-three", "trail-four", "trail-five"} {
					s.PutTrail(testRegion, Trail{Name: n, OssBucketName: testBucket})
				}
			},
			call: create(func(*actiontrail.CreateTrailRequest) {}),
			code: "MaximumNumberOfTrailsExceededException", status: forbidden, message: "5",
		},
		{
			name:  "second organization trail",
			setup: func(s *Server) { s.PutTrail("cn-beijing", Trail{Name: "org-trail", IsOrganizationTrail: true}) },
			call: create(func(r *actiontrail.CreateTrailRequest) {
				r.IsOrganizationTrail = requests.NewBoolean(true)
			}),
			code: "MaximumNumberOfTrailsExceededException", status: forbidden, message: "organization",
		},
		{
			name: "bucket does not exist",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.OssBucketName = "no-such-bucket" }),
			code: "BucketDoesNotExistException", status: notFound, message: "The specified OSS bucket does not exist.",
		},
		{
			name: "bucket policy denies",
			call: create(func(r *actiontrail.CreateTrailRequest) { r.OssBucketName = testDeniedBucket }),
			code: "InsufficientBucketPolicyException", status: forbidden, message: "Access to the specified OSS bucket was denied.",
		},
		{
			name: "SLS project does not exist",
			call: create(func(r *actiontrail.CreateTrailRequest) {
				r.OssBucketName = ""
				r.SlsProjectArn = "acs:log:cn-hangzhou::project/no-such-project"
			}),
			code: "SlsProjectDoesNotExistException", status: badRequest,
		},
		{
			name: "update missing trail",
			call: update(func(*actiontrail.UpdateTrailRequest) {}),
			code: "TrailNotFoundException", status: notFound, message: "The specified Trail does not exist.",
		},
		{
			name:  "update clears the only target",
			setup: seedExistingTrail,
			call:  update(func(r *actiontrail.UpdateTrailRequest) { r.QueryParams["OssBucketName"] = "" }),
			code:  "InvalidDeliveryConfigurationException", status: badRequest,
		},
		{
			name:  "update to a missing bucket",
			setup: seedExistingTrail,
			call:  update(func(r *actiontrail.UpdateTrailRequest) { r.OssBucketName = "no-such-bucket" }),
			code:  "BucketDoesNotExistException", status: notFound,
		},
		{
			name:  "update to a denied bucket",
			setup: seedExistingTrail,
			call:  update(func(r *actiontrail.UpdateTrailRequest) { r.OssBucketName = testDeniedBucket }),
			code:  "InsufficientBucketPolicyException", status: forbidden,
		},
		{
			name:  "update with a bad prefix",
			setup: seedExistingTrail,
			call:  update(func(r *actiontrail.UpdateTrailRequest) { r.OssKeyPrefix = "x" }),
			code:  "InvalidPrefixException", status: badRequest,
		},
		{
			name:  "update with a bad EventRW",
			setup: seedExistingTrail,
			call:  update(func(r *actiontrail.UpdateTrailRequest) { r.EventRW = "Both" }),
			code:  "InvalidQueryParameter", status: badRequest,
		},
		{
			name: "delete missing trail",
			call: sdkCall(actiontrail.CreateDeleteTrailRequest, func(r *actiontrail.DeleteTrailRequest) { r.Name = "missing-trail" },
				(*actiontrail.Client).DeleteTrail),
			code: "TrailNotFoundException", status: notFound,
		},
		{
			name: "start logging missing trail",
			call: sdkCall(actiontrail.CreateStartLoggingRequest, func(r *actiontrail.StartLoggingRequest) { r.Name = "missing-trail" },
				(*actiontrail.Client).StartLogging),
			code: "TrailNotFoundException", status: notFound,
		},
		{
			name: "stop logging missing trail",
			call: sdkCall(actiontrail.CreateStopLoggingRequest, func(r *actiontrail.StopLoggingRequest) { r.Name = "missing-trail" },
				(*actiontrail.Client).StopLogging),
			code: "TrailNotFoundException", status: notFound,
		},
		{
			name: "status of missing trail",
			call: sdkCall(actiontrail.CreateGetTrailStatusRequest, func(r *actiontrail.GetTrailStatusRequest) { r.Name = "missing-trail" },
				(*actiontrail.Client).GetTrailStatus),
			code: "TrailNotFoundException", status: notFound,
		},
		{
			name: "stop logging without name",
			call: sdkCall(actiontrail.CreateStopLoggingRequest, func(*actiontrail.StopLoggingRequest) {}, (*actiontrail.Client).StopLogging),
			code: "MissingName", status: badRequest,
		},
		{
			name: "describe with an invalid name",
			call: sdkCall(actiontrail.CreateDescribeTrailsRequest, func(r *actiontrail.DescribeTrailsRequest) { r.NameList = "good-name,Bad_Name" },
				(*actiontrail.Client).DescribeTrails),
			code: "InvalidTrailNameException", status: badRequest,
		},
		{
			name: "describe with a bad boolean",
			call: sdkCall(actiontrail.CreateDescribeTrailsRequest, func(r *actiontrail.DescribeTrailsRequest) { r.IncludeShadowTrails = requests.Boolean("1") },
				(*actiontrail.Client).DescribeTrails),
			code: "InvalidQueryParameter", status: badRequest, message: "IncludeShadowTrails",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ts := startServer(t, testConfig())
			if tt.setup != nil {
				tt.setup(s)
			}
			before := s.Trails()
			se := serverError(t, tt.call(newClient(t, ts)), tt.code, tt.status)
			if se.HostId() != hostOf(ts) {
				t.Errorf("HostId = %q, want the Host header %q", se.HostId(), hostOf(ts))
			}
			if !strings.Contains(se.Message(), tt.message) {
				t.Errorf("message %q does not contain %q", se.Message(), tt.message)
			}
			if !strings.Contains(se.Recommend(), tt.code) {
				t.Errorf("Recommend %q does not name the code", se.Recommend())
			}
			if after := s.Trails(); len(after) != len(before) {
				t.Errorf("a failed call changed the trails: %d before, %d after", len(before), len(after))
			}
		})
	}
}

// TestGatewayErrors covers the API-level errors: unknown action, version, format, method.
func TestGatewayErrors(t *testing.T) {
	_, ts := startServer(t, testConfig())
	c := newClient(t, ts)
	tests := []struct {
		name    string
		version string
		action  string
		query   map[string]string
		code    string
		status  int
	}{
		{"unknown action", APIVersion, "LookupEverything", nil, "InvalidApi.NotFound", http.StatusNotFound},
		{"unknown version", "2000-01-01", "DescribeTrails", nil, "InvalidVersion", http.StatusBadRequest},
		{"XML format", APIVersion, "DescribeTrails", map[string]string{"Format": "XML"}, "InvalidParameter.Format", http.StatusBadRequest},
		{"bad region", APIVersion, "DescribeTrails", map[string]string{"RegionId": "Mars/1"}, "InvalidRegionId", http.StatusBadRequest},
		{"2017 CreateTrail without RoleName", LegacyAPIVersion, "CreateTrail",
			map[string]string{"Name": "legacy-trail", "OssBucketName": testBucket}, "MissingRoleName", http.StatusBadRequest},
		{"2017 CreateTrail without bucket", LegacyAPIVersion, "CreateTrail",
			map[string]string{"Name": "legacy-trail", "RoleName": "aliyunactiontraildefaultrole"}, "MissingOssBucketName", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := commonRequest(ts, tt.version, tt.action, tt.query)
			if f, ok := tt.query["Format"]; ok {
				req.AcceptFormat = f
			}
			_, err := c.ProcessCommonRequest(req)
			_ = serverError(t, err, tt.code, tt.status)
		})
	}

	t.Run("2017 CreateTrail with its required parameters", func(t *testing.T) {
		resp, err := c.ProcessCommonRequest(commonRequest(ts, LegacyAPIVersion, "CreateTrail", map[string]string{
			"Name": "legacy-trail", "OssBucketName": testBucket, "RoleName": "aliyunactiontraildefaultrole", "OssKeyPrefix": "",
		}))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(resp.GetHttpContentString(), `"RoleName":"aliyunactiontraildefaultrole"`) {
			t.Errorf("RoleName not echoed: %s", resp.GetHttpContentString())
		}
	})

	t.Run("unsupported method", func(t *testing.T) {
		req := rawRequest(t, ts, http.MethodPut, signedParams(map[string]string{"Action": "DescribeTrails"}, http.MethodPut, DefaultAccessKeySecret))
		if status, body := do(t, req); status != http.StatusBadRequest || !strings.Contains(body, `"UnsupportedHTTPMethod"`) {
			t.Errorf("PUT: %d %s", status, body)
		}
	})

	t.Run("other path", func(t *testing.T) {
		req := rawRequest(t, ts, http.MethodPost, signedParams(map[string]string{"Action": "DescribeTrails"}, http.MethodPost, DefaultAccessKeySecret))
		req.URL.Path = "/v1/trails"
		if status, body := do(t, req); status != http.StatusNotFound || !strings.Contains(body, `"InvalidApi.NotFound"`) {
			t.Errorf("other path: %d %s", status, body)
		}
	})
}
