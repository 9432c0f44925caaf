package emulator

import (
	"encoding/json"
	"maps"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
)

// TestLifecycle drives one trail through its whole life with the real SDK client.
func TestLifecycle(t *testing.T) {
	clock := newFakeClock()
	s, ts := startServer(t, clockedConfig(clock))
	c := newClient(t, ts)
	const name = "life-trail"

	// Create, with the 2017 spec's RoleName, which the typed request can only carry in QueryParams.
	req := createRequest(name)
	req.OssKeyPrefix = "audit/logs"
	req.OssWriteRoleArn = testRoleArn
	req.SlsProjectArn = testProjectArn
	req.SlsWriteRoleArn = testRoleArn
	req.EventRW = "All"
	req.QueryParams["RoleName"] = "aliyunactiontraildefaultrole"
	created, err := c.CreateTrail(req)
	if err != nil {
		t.Fatalf("CreateTrail: %v", err)
	}
	if created.RequestId == "" || created.Name != name || created.HomeRegion != testRegion ||
		created.OssBucketName != testBucket || created.OssKeyPrefix != "audit/logs" || created.EventRW != "All" ||
		created.TrailRegion != "All" || created.SlsProjectArn != testProjectArn || created.OssWriteRoleArn != testRoleArn {
		t.Errorf("CreateTrail answered %+v", created)
	}
	var echoed struct{ RoleName string }
	if err := json.Unmarshal([]byte(rawBody(created)), &echoed); err != nil || echoed.RoleName != "aliyunactiontraildefaultrole" {
		t.Errorf("CreateTrail did not echo RoleName: %s", rawBody(created))
	}
	createdAt := clock.Now().UTC().Format(timestampLayout)

	// Describe: everything as created, Status Fresh.
	trails := describe(t, c, name, "absent-trail")
	if len(trails) != 1 {
		t.Fatalf("DescribeTrails: %d trails, want 1 (an absent name is simply left out)", len(trails))
	}
	got := trails[0]
	want := actiontrail.Trail{
		Name: name, Status: StatusFresh, EventRW: "All", TrailRegion: "All", HomeRegion: testRegion, Region: testRegion,
		OssBucketName: testBucket, OssKeyPrefix: "audit/logs", OssBucketLocation: "oss-" + testRegion,
		OssWriteRoleArn: testRoleArn, SlsProjectArn: testProjectArn, SlsWriteRoleArn: testRoleArn,
		TrailArn:   "acs:actiontrail:cn-hangzhou:" + DefaultAccountID + ":trail/" + name,
		CreateTime: createdAt, UpdateTime: createdAt,
	}
	if got != want {
		t.Errorf("DescribeTrails:\n got %+v\nwant %+v", got, want)
	}
	checkDescribeJSON(t, c, name, "aliyunactiontraildefaultrole")

	// Start logging.
	clock.Advance(time.Minute)
	start := actiontrail.CreateStartLoggingRequest()
	start.Name = name
	if _, err := c.StartLogging(start); err != nil {
		t.Fatalf("StartLogging: %v", err)
	}
	startedAt := clock.Now().UTC().Format(timestampLayout)
	if got := describe(t, c, name)[0]; got.Status != StatusEnable || got.StartLoggingTime != startedAt || got.UpdateTime != createdAt {
		t.Errorf("after StartLogging: Status %s, StartLoggingTime %s (want %s), UpdateTime %s", got.Status, got.StartLoggingTime, startedAt, got.UpdateTime)
	}
	status := trailStatus(t, c, name)
	if !status.IsLogging || status.StartLoggingTime != startedAt || !status.OssBucketStatus || !status.SlsLogStoreStatus {
		t.Errorf("GetTrailStatus after StartLogging: %+v", status)
	}

	// Stop logging (sent as GET by the SDK).
	clock.Advance(time.Minute)
	stop := actiontrail.CreateStopLoggingRequest()
	stop.Name = name
	if stop.Method != http.MethodGet {
		t.Fatalf("the SDK sends StopLogging as %s; the test expects GET", stop.Method)
	}
	if _, err := c.StopLogging(stop); err != nil {
		t.Fatalf("StopLogging: %v", err)
	}
	stoppedAt := clock.Now().UTC().Format(timestampLayout)
	if got := describe(t, c, name)[0]; got.Status != StatusDisable || got.StopLoggingTime != stoppedAt {
		t.Errorf("after StopLogging: Status %s, StopLoggingTime %s (want %s)", got.Status, got.StopLoggingTime, stoppedAt)
	}

	// Update: set EventRW, keep the bucket and the SLS project (not sent), clear the prefix (sent empty).
	clock.Advance(time.Minute)
	upd := actiontrail.CreateUpdateTrailRequest()
	upd.Name = name
	upd.EventRW = "Read"
	upd.QueryParams["OssKeyPrefix"] = ""
	updated, err := c.UpdateTrail(upd)
	if err != nil {
		t.Fatalf("UpdateTrail: %v", err)
	}
	if updated.EventRW != "Read" || updated.OssKeyPrefix != "" || updated.OssBucketName != testBucket || updated.SlsProjectArn != testProjectArn {
		t.Errorf("UpdateTrail answered %+v", updated)
	}
	updatedAt := clock.Now().UTC().Format(timestampLayout)
	got = describe(t, c, name)[0]
	if got.EventRW != "Read" || got.OssKeyPrefix != "" || got.OssBucketName != testBucket || got.SlsProjectArn != testProjectArn ||
		got.OssWriteRoleArn != testRoleArn || got.Status != StatusDisable || got.UpdateTime != updatedAt || got.CreateTime != createdAt {
		t.Errorf("after UpdateTrail: %+v (UpdateTime want %s)", got, updatedAt)
	}
	if stored, _ := s.GetTrail(testRegion, name); stored.RoleName != "aliyunactiontraildefaultrole" {
		t.Errorf("UpdateTrail lost RoleName: %+v", stored)
	}

	// Update: drop the bucket, keep delivering to SLS.
	upd = actiontrail.CreateUpdateTrailRequest()
	upd.Name = name
	upd.QueryParams["OssBucketName"] = ""
	if _, err := c.UpdateTrail(upd); err != nil {
		t.Fatalf("UpdateTrail clearing the bucket: %v", err)
	}
	if got := describe(t, c, name)[0]; got.OssBucketName != "" || got.OssBucketLocation != "" || got.SlsProjectArn != testProjectArn {
		t.Errorf("after clearing the bucket: %+v", got)
	}

	if status := trailStatus(t, c, name); status.IsLogging || status.StopLoggingTime != stoppedAt || status.OssBucketStatus {
		t.Errorf("GetTrailStatus after StopLogging: %+v", status)
	}

	// Delete, then it is gone.
	del := actiontrail.CreateDeleteTrailRequest()
	del.Name = name
	if _, err := c.DeleteTrail(del); err != nil {
		t.Fatalf("DeleteTrail: %v", err)
	}
	if trails := describe(t, c, name); len(trails) != 0 {
		t.Errorf("after DeleteTrail: %+v", trails)
	}
	if trails := describe(t, c); len(trails) != 0 {
		t.Errorf("after DeleteTrail, all trails: %+v", trails)
	}
	_, err = c.DeleteTrail(del)
	_ = serverError(t, err, "TrailNotFoundException", http.StatusNotFound)

	want2 := map[string]int64{"CreateTrail": 1, "DescribeTrails": 8, "StartLogging": 1, "StopLogging": 1,
		"UpdateTrail": 2, "GetTrailStatus": 2, "DeleteTrail": 2}
	if calls := s.Calls(); !maps.Equal(calls, want2) {
		t.Errorf("Calls() = %v, want %v", calls, want2)
	}
}

func trailStatus(t *testing.T, c *actiontrail.Client, name string) *actiontrail.GetTrailStatusResponse {
	t.Helper()
	req := actiontrail.CreateGetTrailStatusRequest()
	req.Name = name
	resp, err := c.GetTrailStatus(req)
	if err != nil {
		t.Fatalf("GetTrailStatus: %v", err)
	}
	return resp
}

// checkDescribeJSON decodes DescribeTrails' body with encoding/json (stricter than the SDK's fuzzy
// decoder) into the SDK's own types: IsShadowTrail must be a number, TrailList an array, and RoleName
// is echoed.
func checkDescribeJSON(t *testing.T, c *actiontrail.Client, name, roleName string) {
	t.Helper()
	body := rawBody(describeResponse(t, c, name))
	var strict struct {
		RequestId string //nolint:revive // the SDK's spelling
		TrailList []actiontrail.Trail
	}
	dec := json.NewDecoder(strings.NewReader(body))
	if err := dec.Decode(&strict); err != nil {
		t.Fatalf("DescribeTrails body does not decode into the SDK's types: %v\n%s", err, body)
	}
	if strict.RequestId == "" || len(strict.TrailList) != 1 {
		t.Fatalf("DescribeTrails body: %s", body)
	}
	var loose struct {
		TrailList []map[string]any
	}
	if err := json.Unmarshal([]byte(body), &loose); err != nil {
		t.Fatal(err)
	}
	item := loose.TrailList[0]
	if v, ok := item["IsShadowTrail"].(float64); !ok || v != 0 {
		t.Errorf("IsShadowTrail = %#v, want the number 0", item["IsShadowTrail"])
	}
	if v, ok := item["IsOrganizationTrail"].(bool); !ok || v {
		t.Errorf("IsOrganizationTrail = %#v, want false", item["IsOrganizationTrail"])
	}
	if item["RoleName"] != roleName {
		t.Errorf("RoleName = %#v, want %q", item["RoleName"], roleName)
	}
}

// TestStopLoggingFresh: StopLogging on a Fresh trail makes it Disable; repeating Start or Stop is
// harmless.
func TestStopLoggingFresh(t *testing.T) {
	s, ts := startServer(t, testConfig())
	c := newClient(t, ts)
	mustCreate(t, c, "fresh-trail")
	stop := actiontrail.CreateStopLoggingRequest()
	stop.Name = "fresh-trail"
	for range 2 {
		if _, err := c.StopLogging(stop); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := s.GetTrail(testRegion, "fresh-trail"); got.Status != StatusDisable || got.StopLoggingTime.IsZero() || !got.StartLoggingTime.IsZero() {
		t.Errorf("after StopLogging on a Fresh trail: %+v", got)
	}
	start := actiontrail.CreateStartLoggingRequest()
	start.Name = "fresh-trail"
	for range 2 {
		if _, err := c.StartLogging(start); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := s.GetTrail(testRegion, "fresh-trail"); got.Status != StatusEnable {
		t.Errorf("after StartLogging: %+v", got)
	}
}

// TestDefaultsAndSLSOnly: a trail delivering only to SLS (ARN with an empty account field) gets the
// defaults; names are unique per region, not per account.
func TestDefaultsAndSLSOnly(t *testing.T) {
	s, ts := startServer(t, testConfig())
	c := newClient(t, ts)
	req := actiontrail.CreateCreateTrailRequest()
	req.Name = "sls_only-trail"
	req.SlsProjectArn = "acs:log:cn-shanghai::project/" + testProject
	resp, err := c.CreateTrail(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.EventRW != "Write" || resp.TrailRegion != "All" || resp.OssBucketName != "" {
		t.Errorf("defaults: %+v", resp)
	}

	// The same name in another region.
	req = createRequest("sls_only-trail")
	req.RegionId = "cn-beijing"
	if _, err := c.CreateTrail(req); err != nil {
		t.Fatalf("same name in another region: %v", err)
	}
	if _, ok := s.GetTrail("cn-beijing", "sls_only-trail"); !ok {
		t.Error("trail not stored in cn-beijing")
	}
	if n := len(s.Trails()); n != 2 {
		t.Errorf("%d trails, want 2", n)
	}
}

// TestShadowTrails: IncludeShadowTrails lists other regions' trails that apply to this one.
func TestShadowTrails(t *testing.T) {
	s, ts := startServer(t, testConfig())
	s.PutTrail("cn-beijing", Trail{Name: "all-regions", OssBucketName: testBucket})
	s.PutTrail("cn-beijing", Trail{Name: "beijing-only", OssBucketName: testBucket, TrailRegion: "cn-beijing"})
	s.PutTrail("cn-shanghai", Trail{Name: "for-hangzhou", OssBucketName: testBucket, TrailRegion: testRegion})
	s.PutTrail(testRegion, Trail{Name: "local-trail", OssBucketName: testBucket})
	c := newClient(t, ts)

	if got := describe(t, c); len(got) != 1 || got[0].Name != "local-trail" || got[0].IsShadowTrail != 0 {
		t.Errorf("without shadows: %+v", got)
	}
	req := actiontrail.CreateDescribeTrailsRequest()
	req.IncludeShadowTrails = "true"
	resp, err := c.DescribeTrails(req)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tr := range resp.TrailList {
		names = append(names, tr.Name)
		if (tr.Name != "local-trail") != (tr.IsShadowTrail == 1) || tr.Region != testRegion {
			t.Errorf("%s: IsShadowTrail %d, Region %s, HomeRegion %s", tr.Name, tr.IsShadowTrail, tr.Region, tr.HomeRegion)
		}
	}
	if strings.Join(names, ",") != "local-trail,all-regions,for-hangzhou" {
		t.Errorf("with shadows: %v", names)
	}
	req.NameList = "beijing-only,all-regions"
	resp, err = c.DescribeTrails(req)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.TrailList) != 1 || resp.TrailList[0].Name != "all-regions" || resp.TrailList[0].HomeRegion != "cn-beijing" {
		t.Errorf("with shadows and NameList: %+v", resp.TrailList)
	}
}

// TestOrganizationTrail: IsOrganizationTrail is stored and listed, with an OrganizationId.
func TestOrganizationTrail(t *testing.T) {
	_, ts := startServer(t, testConfig())
	c := newClient(t, ts)
	req := createRequest("org-trail")
	req.IsOrganizationTrail = "true"
	if _, err := c.CreateTrail(req); err != nil {
		t.Fatal(err)
	}
	got := describe(t, c, "org-trail")
	if len(got) != 1 || !got[0].IsOrganizationTrail || got[0].OrganizationId == "" {
		t.Errorf("organization trail: %+v", got)
	}
}

// TestPolicyPropagation: a denied bucket becomes usable once allowed.
func TestPolicyPropagation(t *testing.T) {
	s, ts := startServer(t, testConfig())
	c := newClient(t, ts)
	req := createRequest("late-policy")
	req.OssBucketName = testDeniedBucket
	_, err := c.CreateTrail(req)
	_ = serverError(t, err, "InsufficientBucketPolicyException", http.StatusForbidden)
	s.AllowBucket(testDeniedBucket)
	if _, err := c.CreateTrail(req); err != nil {
		t.Fatalf("after AllowBucket: %v", err)
	}
	s.AddBucket("new-bucket")
	s.AddDeniedBucket("closed-bucket")
	s.AddSLSProject("new-project")
	req = createRequest("more-targets")
	req.OssBucketName = "new-bucket"
	req.SlsProjectArn = "acs:log:cn-hangzhou::project/new-project"
	if _, err := c.CreateTrail(req); err != nil {
		t.Fatalf("with added bucket and project: %v", err)
	}
	req = createRequest("closed-target")
	req.OssBucketName = "closed-bucket"
	_, err = c.CreateTrail(req)
	_ = serverError(t, err, "InsufficientBucketPolicyException", http.StatusForbidden)
}

// TestRegionFromHost: without RegionId the region comes from a Host of the shape
// actiontrail.<region>.aliyuncs.com, else it is the default region.
func TestRegionFromHost(t *testing.T) {
	s, ts := startServer(t, Config{Buckets: []string{testBucket}, DefaultRegion: "eu-central-1"})
	create := func(name, host string) {
		t.Helper()
		p := signedParams(map[string]string{"Action": "CreateTrail", "Name": name, "OssBucketName": testBucket},
			http.MethodPost, DefaultAccessKeySecret)
		if _, ok := p["RegionId"]; ok {
			t.Fatal("RegionId must be absent")
		}
		req := rawRequest(t, ts, http.MethodPost, p)
		if host != "" {
			req.Host = host
		}
		if status, body := do(t, req); status != http.StatusOK {
			t.Fatalf("CreateTrail via host %q: %d %s", host, status, body)
		}
	}
	create("host-trail", "actiontrail.cn-shanghai.aliyuncs.com")
	create("port-trail", "actiontrail.ap-southeast-1.aliyuncs.com:443")
	create("plain-trail", "")
	create("other-host", "example.com")
	for _, want := range []struct{ region, name string }{
		{"cn-shanghai", "host-trail"},
		{"ap-southeast-1", "port-trail"},
		{"eu-central-1", "plain-trail"},
		{"eu-central-1", "other-host"},
	} {
		if _, ok := s.GetTrail(want.region, want.name); !ok {
			t.Errorf("%s not in %s; trails: %+v", want.name, want.region, s.Trails())
		}
	}

	// The SDK always sends RegionId, and it wins over the Host.
	c := newClient(t, ts)
	req := createRequest("sdk-trail")
	req.Headers["Host"] = "actiontrail.cn-shanghai.aliyuncs.com"
	if _, err := c.CreateTrail(req); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.GetTrail(testRegion, "sdk-trail"); !ok {
		t.Errorf("sdk-trail not in %s", testRegion)
	}
}

// TestSeedingAPI covers PutTrail's defaults, GetTrail, RemoveTrail and Trails' order.
func TestSeedingAPI(t *testing.T) {
	when := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	s := New(Config{Now: func() time.Time { return when }})
	s.PutTrail("", Trail{Name: "zeta-trail"})
	s.PutTrail("cn-beijing", Trail{Name: "beta-trail", Region: "ignored", Status: StatusEnable})
	s.PutTrail("", Trail{Name: "alpha-trail", Region: "cn-shanghai"})
	got, ok := s.GetTrail("", "zeta-trail")
	want := Trail{Name: "zeta-trail", Region: DefaultRegion, Status: StatusFresh, EventRW: "Write", TrailRegion: "All",
		CreateTime: when, UpdateTime: when}
	if !ok || got != want {
		t.Errorf("GetTrail:\n got %+v\nwant %+v", got, want)
	}
	var order []string
	for _, tr := range s.Trails() {
		order = append(order, tr.Region+"/"+tr.Name)
	}
	if strings.Join(order, " ") != "cn-beijing/beta-trail cn-hangzhou/zeta-trail cn-shanghai/alpha-trail" {
		t.Errorf("Trails order: %v", order)
	}
	if b, _ := s.GetTrail("cn-beijing", "beta-trail"); b.Status != StatusEnable || b.Region != "cn-beijing" {
		t.Errorf("PutTrail kept %+v", b)
	}
	if !s.RemoveTrail("cn-beijing", "beta-trail") || s.RemoveTrail("cn-beijing", "beta-trail") {
		t.Error("RemoveTrail should report true, then false")
	}
	if _, ok := s.GetTrail("cn-beijing", "beta-trail"); ok {
		t.Error("removed trail still there")
	}
}

// TestDisappears: a trail removed behind the client's back is not found.
func TestDisappears(t *testing.T) {
	s, ts := startServer(t, testConfig())
	c := newClient(t, ts)
	mustCreate(t, c, "gone-trail")
	if !s.RemoveTrail(testRegion, "gone-trail") {
		t.Fatal("RemoveTrail")
	}
	if got := describe(t, c, "gone-trail"); len(got) != 0 {
		t.Errorf("describe: %+v", got)
	}
	req := actiontrail.CreateGetTrailStatusRequest()
	req.Name = "gone-trail"
	_, err := c.GetTrailStatus(req)
	_ = serverError(t, err, "TrailNotFoundException", http.StatusNotFound)
}
