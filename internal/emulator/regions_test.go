package emulator

import (
	"net/http"
	"slices"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
)

// TestRegions: the emulator answers the ActionTrail regions it knows, the extra regions and its
// default region, and refuses any other RegionId (or Host-derived region, or TrailRegion).
func TestRegions(t *testing.T) {
	cfg := testConfig()
	cfg.ExtraRegions = []string{"xx-future-1"}
	cfg.DefaultRegion = "zz-default-1"
	s, ts := startServer(t, cfg)
	c := newClient(t, ts)
	tests := []struct {
		name   string
		region string
		host   string
		trail  string // TrailRegion
		code   string
		status int
	}{
		{"a known region", "cn-wulanchabu", "", "", "", http.StatusOK},
		{"another known region", "me-central-1", "", "", "", http.StatusOK},
		{"an extra region", "xx-future-1", "", "", "", http.StatusOK},
		{"the default region", "zz-default-1", "", "", "", http.StatusOK},
		{"a typo", "cn-hangzou", "", "", "InvalidRegionId.NotFound", http.StatusNotFound},
		{"a closed region", "ap-southeast-2", "", "", "InvalidRegionId.NotFound", http.StatusNotFound},
		{"a malformed region", "Mars/1", "", "", "InvalidRegionId", http.StatusBadRequest},
		{"an unknown region from the Host", "", "actiontrail.cn-hangzou.aliyuncs.com", "", "InvalidRegionId.NotFound", http.StatusNotFound},
		{"a known region from the Host", "", "actiontrail.cn-chengdu.aliyuncs.com", "", "", http.StatusOK},
		{"TrailRegion known", "cn-hangzhou", "", "cn-shanghai", "", http.StatusOK},
		{"TrailRegion extra", "cn-hangzhou", "", "xx-future-1", "", http.StatusOK},
		{"TrailRegion unknown", "cn-hangzhou", "", "cn-hangzou", "InvalidQueryParameter", http.StatusBadRequest},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := map[string]string{"Action": "CreateTrail", "Name": "region-trail-" + string(rune('a'+i)), "OssBucketName": testBucket}
			if tt.region != "" {
				p["RegionId"] = tt.region
			}
			if tt.trail != "" {
				p["TrailRegion"] = tt.trail
			}
			req := rawRequest(t, ts, http.MethodPost, signedParams(p, http.MethodPost, DefaultAccessKeySecret))
			if tt.host != "" {
				req.Host = tt.host
			}
			status, body := do(t, req)
			checkRaw(t, status, body, tt.code, tt.status)
		})
	}
	if _, ok := s.GetTrail("cn-chengdu", "region-trail-i"); !ok {
		t.Errorf("the Host's region was not used: %+v", s.Trails())
	}

	// The SDK's typed request, with a region that does not exist.
	req := actiontrail.CreateDescribeTrailsRequest()
	req.RegionId = "cn-hangzou"
	_, err := c.DescribeTrails(req)
	se := serverError(t, err, "InvalidRegionId.NotFound", http.StatusNotFound)
	if !containsAll(se.Message(), "cn-hangzou") {
		t.Errorf("message: %s", se.Message())
	}
}

func TestKnownRegions(t *testing.T) {
	got := Config{ExtraRegions: []string{"xx-future-1", "cn-hangzhou", ""}, DefaultRegion: "zz-default-1"}.KnownRegions()
	for _, want := range []string{"cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "ap-southeast-1", "eu-central-1",
		"us-west-1", "us-east-1", "me-central-1", "cn-nanjing", "xx-future-1", "zz-default-1"} {
		if !slices.Contains(got, want) {
			t.Errorf("KnownRegions lacks %s", want)
		}
	}
	for _, closed := range []string{"ap-southeast-2", "ap-south-1", ""} {
		if slices.Contains(got, closed) {
			t.Errorf("KnownRegions has %q", closed)
		}
	}
	seen := make(map[string]bool)
	for _, r := range got {
		if seen[r] || !validRegion(r) {
			t.Errorf("KnownRegions: %q repeated or malformed", r)
		}
		seen[r] = true
	}
	if def := (Config{}).KnownRegions(); slices.Contains(def, "") || len(def) != len(knownRegions) {
		t.Errorf("zero Config: %d regions, want %d", len(def), len(knownRegions))
	}
}

// TestDescribeRegions: DescribeRegions lists exactly the regions the emulator answers.
func TestDescribeRegions(t *testing.T) {
	cfg := testConfig()
	cfg.ExtraRegions = []string{"xx-future-1"}
	_, ts := startServer(t, cfg)
	c := newClient(t, ts)
	resp, err := c.DescribeRegions(actiontrail.CreateDescribeRegionsRequest())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range resp.Regions.Region {
		if r.RegionEndpoint != "actiontrail."+r.RegionId+".aliyuncs.com" {
			t.Errorf("region %s has endpoint %q", r.RegionId, r.RegionEndpoint)
		}
		got = append(got, r.RegionId)
	}
	want := cfg.KnownRegions()
	slices.Sort(want)
	if !slices.Equal(got, want) || !slices.Contains(got, "xx-future-1") || slices.Contains(got, "cn-hangzou") {
		t.Fatalf("DescribeRegions lists %v, want %v", got, want)
	}
}
