package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
)

const (
	testMaxComputeProject = "actiontrail_audit"
	testMaxComputeArn     = "acs:odps:cn-hangzhou:1234567890123456:project/" + testMaxComputeProject
)

// maxComputeConfig is testConfig with one MaxCompute project.
func maxComputeConfig() Config {
	cfg := testConfig()
	cfg.MaxComputeProjects = []string{testMaxComputeProject}
	return cfg
}

// maxComputeFields reads the MaxCompute fields from a raw answer (the v1 SDK's types lack them).
type maxComputeFields struct {
	MaxComputeProjectArn   string
	MaxComputeWriteRoleArn string
}

func decodeMaxCompute(t *testing.T, body string) maxComputeFields {
	t.Helper()
	var f maxComputeFields
	if err := json.Unmarshal([]byte(body), &f); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return f
}

// TestMaxComputeLifecycle: a MaxCompute-only trail is created, echoed, listed and updated; the v1 SDK
// carries the fields in QueryParams and reads them from the raw answer.
func TestMaxComputeLifecycle(t *testing.T) {
	s, ts := startServer(t, maxComputeConfig())
	c := newClient(t, ts)
	const name = "odps-trail"

	req := actiontrail.CreateCreateTrailRequest()
	req.Name = name
	req.QueryParams["MaxComputeProjectArn"] = testMaxComputeArn
	req.QueryParams["MaxComputeWriteRoleArn"] = testRoleArn
	created, err := c.CreateTrail(req)
	if err != nil {
		t.Fatalf("CreateTrail, MaxCompute only: %v", err)
	}
	if got := decodeMaxCompute(t, rawBody(created)); got != (maxComputeFields{testMaxComputeArn, testRoleArn}) {
		t.Errorf("CreateTrail echoed %+v: %s", got, rawBody(created))
	}
	if stored, _ := s.GetTrail(testRegion, name); stored.MaxComputeProjectArn != testMaxComputeArn || stored.MaxComputeWriteRoleArn != testRoleArn {
		t.Errorf("stored %+v", stored)
	}

	listed := func() maxComputeFields {
		t.Helper()
		raw := rawBody(describeResponse(t, c, name))
		var body struct{ TrailList []maxComputeFields }
		if err := json.Unmarshal([]byte(raw), &body); err != nil || len(body.TrailList) != 1 {
			t.Fatalf("DescribeTrails: %v %s", err, raw)
		}
		return body.TrailList[0]
	}
	if got := listed(); got != (maxComputeFields{testMaxComputeArn, testRoleArn}) {
		t.Errorf("DescribeTrails listed %+v", got)
	}
	if _, body := get(t, ts, "/_emulator/trails"); !strings.Contains(body, `"MaxComputeProjectArn":"`+testMaxComputeArn+`"`) {
		t.Errorf("admin trails: %s", body)
	}

	update := func(params map[string]string) error {
		t.Helper()
		u := actiontrail.CreateUpdateTrailRequest()
		u.Name = name
		for k, v := range params {
			u.QueryParams[k] = v
		}
		_, err := c.UpdateTrail(u)
		return err
	}
	// Not sent: kept.
	if err := update(map[string]string{"EventRW": "All"}); err != nil {
		t.Fatal(err)
	}
	if got := listed(); got.MaxComputeProjectArn != testMaxComputeArn || got.MaxComputeWriteRoleArn != testRoleArn {
		t.Errorf("after an update without them: %+v", got)
	}
	// Sent empty while it is the only target: refused.
	err = update(map[string]string{"MaxComputeProjectArn": ""})
	_ = serverError(t, err, "InvalidDeliveryConfigurationException", http.StatusBadRequest)
	// Sent empty with another target: cleared; the write role stays, as the SLS write role does.
	if err := update(map[string]string{"MaxComputeProjectArn": "", "OssBucketName": testBucket}); err != nil {
		t.Fatal(err)
	}
	if got := listed(); got.MaxComputeProjectArn != "" || got.MaxComputeWriteRoleArn != testRoleArn {
		t.Errorf("after clearing the project: %+v", got)
	}
	if err := update(map[string]string{"MaxComputeWriteRoleArn": ""}); err != nil {
		t.Fatal(err)
	}
	if got := listed(); got != (maxComputeFields{}) {
		t.Errorf("after clearing the role: %+v", got)
	}

	// A project added at run time.
	s.AddMaxComputeProject("actiontrail_late")
	if err := update(map[string]string{"MaxComputeProjectArn": "acs:odps:cn-beijing:1234567890123456:project/actiontrail_late"}); err != nil {
		t.Fatalf("with an added project: %v", err)
	}

	// A MaxCompute write role without a project is stored, as an SLS write role without a project is.
	req = createRequest("role-only-trail")
	req.QueryParams["MaxComputeWriteRoleArn"] = testRoleArn
	created, err = c.CreateTrail(req)
	if err != nil {
		t.Fatal(err)
	}
	if got := decodeMaxCompute(t, rawBody(created)); got != (maxComputeFields{"", testRoleArn}) {
		t.Errorf("role without project: %+v", got)
	}
}

// TestMaxComputeErrors covers the MaxCompute rules with the v1 SDK and the official generic client.
func TestMaxComputeErrors(t *testing.T) {
	seed := seedExistingTrail
	tests := []errorCase{
		{"malformed ARN", nil, "CreateTrail", map[string]string{"MaxComputeProjectArn": "acs:odps:cn-hangzhou::project/actiontrail_x"},
			"InvalidQueryParameter", http.StatusBadRequest},
		{"SLS ARN as MaxCompute ARN", nil, "CreateTrail", map[string]string{"MaxComputeProjectArn": testProjectArn},
			"InvalidQueryParameter", http.StatusBadRequest},
		{"name without the prefix", nil, "CreateTrail", map[string]string{"MaxComputeProjectArn": "acs:odps:cn-hangzhou:1234567890123456:project/audit_logs"},
			"InvalidMaxComputeProjectArnException", http.StatusBadRequest},
		{"the prefix alone", nil, "CreateTrail", map[string]string{"MaxComputeProjectArn": "acs:odps:cn-hangzhou:1234567890123456:project/actiontrail_"},
			"InvalidMaxComputeProjectArnException", http.StatusBadRequest},
		{"project does not exist", nil, "CreateTrail", map[string]string{"MaxComputeProjectArn": "acs:odps:cn-hangzhou:1234567890123456:project/actiontrail_nope"},
			"MaxComputeProjectDoesNotExistException", http.StatusBadRequest},
		{"malformed write role", nil, "CreateTrail", map[string]string{"MaxComputeProjectArn": testMaxComputeArn, "MaxComputeWriteRoleArn": "role/x"},
			"InvalidQueryParameter", http.StatusBadRequest},
		{"no target at all", nil, "CreateTrail", map[string]string{"MaxComputeWriteRoleArn": testRoleArn},
			"InvalidDeliveryConfigurationException", http.StatusBadRequest},
		{"update to a missing project", seed, "UpdateTrail", map[string]string{"Name": "existing-trail",
			"MaxComputeProjectArn": "acs:odps:cn-hangzhou:1234567890123456:project/actiontrail_nope"},
			"MaxComputeProjectDoesNotExistException", http.StatusBadRequest},
		{"update without the prefix", seed, "UpdateTrail", map[string]string{"Name": "existing-trail",
			"MaxComputeProjectArn": "acs:odps:cn-hangzhou:1234567890123456:project/other"},
			"InvalidMaxComputeProjectArnException", http.StatusBadRequest},
	}
	for _, tt := range tests {
		params := map[string]string{"Name": "new-trail"}
		for k, v := range tt.params {
			params[k] = v
		}
		t.Run("sdk/"+tt.name, func(t *testing.T) {
			ts := tt.start(t, maxComputeConfig())
			_, err := newClient(t, ts).ProcessCommonRequest(commonRequest(ts, APIVersion, tt.action, params))
			se := serverError(t, err, tt.code, tt.status)
			if tt.code != "InvalidQueryParameter" && !strings.Contains(se.Message(), "MaxCompute") {
				t.Errorf("message does not name MaxCompute: %s", se.Message())
			}
		})
		t.Run("openapi/"+tt.name, func(t *testing.T) {
			ts := tt.start(t, maxComputeConfig())
			_, err := newOpenAPIClient(t, ts, openAPIOptions{}).at(tt.action, params)
			_ = teaError(t, err, tt.code, tt.status)
		})
	}
}

// TestMaxComputeOpenAPI: the generic client creates and reads a MaxCompute-only trail.
func TestMaxComputeOpenAPI(t *testing.T) {
	_, ts := startServer(t, maxComputeConfig())
	c := newOpenAPIClient(t, ts, openAPIOptions{})
	created, err := c.at("CreateTrail", map[string]string{"Name": "odps-only", "MaxComputeProjectArn": testMaxComputeArn})
	if err != nil {
		t.Fatal(err)
	}
	if str(created, "MaxComputeProjectArn") != testMaxComputeArn || str(created, "MaxComputeWriteRoleArn") != "" {
		t.Errorf("CreateTrail: %v", created)
	}
	body, err := c.at("DescribeTrails", nil)
	if err != nil {
		t.Fatal(err)
	}
	if list := trailList(t, body); len(list) != 1 || str(list[0], "MaxComputeProjectArn") != testMaxComputeArn {
		t.Errorf("DescribeTrails: %v", list)
	}
}
