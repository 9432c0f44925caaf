package emulator

import (
	"net/http"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"
)

// stsClient is the v1 SDK's STS client pointed at ts.
func stsClient(t testing.TB, id, secret, token string) *sts.Client {
	t.Helper()
	var (
		c   *sts.Client
		err error
	)
	if token != "" {
		c, err = sts.NewClientWithStsToken(testRegion, id, secret, token)
	} else {
		c, err = sts.NewClientWithAccessKey(testRegion, id, secret)
	}
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestGetCallerIdentity: STS GetCallerIdentity on the emulator's port, signed with V1 (the v1 SDK, the
// Tea client in v2 mode) and V3 (the Tea client's default).
func TestGetCallerIdentity(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		id   string
		tok  string
		want callerIdentityResponse
	}{
		{"long-term key: the account", Config{}, DefaultAccessKeyID, "", callerIdentityResponse{AccountID: DefaultAccountID,
			UserID: DefaultAccountID, Arn: "acs:ram::" + DefaultAccountID + ":root", IdentityType: "Account", PrincipalID: DefaultAccountID}},
		{"custom account", Config{AccountID: "1111222233334444"}, DefaultAccessKeyID, "", callerIdentityResponse{AccountID: "1111222233334444",
			UserID: "1111222233334444", Arn: "acs:ram::1111222233334444:root", IdentityType: "Account", PrincipalID: "1111222233334444"}},
		{"key with a token: an assumed role", Config{SecurityToken: "sts-token"}, DefaultAccessKeyID, "sts-token", callerIdentityResponse{
			AccountID: DefaultAccountID, UserID: staticRoleID + ":" + staticSessionName,
			Arn:          "acs:ram::" + DefaultAccountID + ":assumed-role/" + staticRoleName + "/" + staticSessionName,
			IdentityType: "AssumedRoleUser", PrincipalID: staticRoleID + ":" + staticSessionName}},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/sdk v1", func(t *testing.T) {
			s, ts := startServer(t, tt.cfg)
			c := stsClient(t, tt.id, DefaultAccessKeySecret, tt.tok)
			req := sts.CreateGetCallerIdentityRequest()
			req.Domain = hostOf(ts)
			req.Scheme = requests.HTTP
			resp, err := c.GetCallerIdentity(req)
			if err != nil {
				t.Fatal(err)
			}
			got := callerIdentityResponse{AccountID: resp.AccountId, UserID: resp.UserId, Arn: resp.Arn,
				IdentityType: resp.IdentityType, PrincipalID: resp.PrincipalId}
			if resp.RequestId == "" || got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			if calls := s.Calls(); calls["GetCallerIdentity"] != 1 || len(calls) != 1 {
				t.Errorf("calls: %v", calls)
			}
		})
		for _, mode := range openAPIModes {
			t.Run(tt.name+"/openapi "+mode.name, func(t *testing.T) {
				_, ts := startServer(t, tt.cfg)
				c := newOpenAPIClient(t, ts, openAPIOptions{algorithm: mode.algorithm, id: tt.id, token: tt.tok})
				body, err := c.call(STSVersion, "GetCallerIdentity", http.MethodPost, nil, nil)
				if err != nil {
					t.Fatal(err)
				}
				got := callerIdentityResponse{AccountID: str(body, "AccountId"), UserID: str(body, "UserId"), Arn: str(body, "Arn"),
					IdentityType: str(body, "IdentityType"), PrincipalID: str(body, "PrincipalId")}
				if str(body, "RequestId") == "" || got != tt.want {
					t.Errorf("got  %+v\nwant %+v", got, tt.want)
				}
			})
		}
	}
}

// TestSTSErrors: STS requests are authenticated like every call; unknown STS actions are not found;
// STS takes no region, and faults reach it only when named.
func TestSTSErrors(t *testing.T) {
	s, ts := startServer(t, testConfig())
	oc := newOpenAPIClient(t, ts, openAPIOptions{})
	_, err := newOpenAPIClient(t, ts, openAPIOptions{secret: "wrong"}).call(STSVersion, "GetCallerIdentity", http.MethodPost, nil, nil)
	_ = teaError(t, err, "SignatureDoesNotMatch", http.StatusBadRequest)
	_, err = newOpenAPIClient(t, ts, openAPIOptions{algorithm: "v2", id: "nobody"}).call(STSVersion, "GetCallerIdentity", http.MethodPost, nil, nil)
	_ = teaError(t, err, "InvalidAccessKeyId.NotFound", http.StatusNotFound)
	_, err = oc.call(STSVersion, "GetFederationToken", http.MethodPost, nil, nil)
	se := teaError(t, err, "InvalidApi.NotFound", http.StatusNotFound)
	if data := *se.Data; !containsAll(data, "product=Sts") {
		t.Errorf("Recommend does not name STS: %s", data)
	}
	_, err = oc.call(STSVersion, "DescribeTrails", http.MethodPost, nil, nil)
	_ = teaError(t, err, "InvalidApi.NotFound", http.StatusNotFound)
	_, err = oc.call(APIVersion, "GetCallerIdentity", http.MethodPost, nil, nil)
	_ = teaError(t, err, "InvalidApi.NotFound", http.StatusNotFound)

	// A RegionId, even a made-up one, does not matter to STS.
	if _, err := oc.call(STSVersion, "GetCallerIdentity", http.MethodPost, map[string]string{"RegionId": "cn-hangzou"}, nil); err != nil {
		t.Errorf("STS with an unknown RegionId: %v", err)
	}
	// Faults for every action leave STS alone; named, they reach it.
	s.SetFaults(Faults{Throttle: 1})
	if _, err := oc.call(STSVersion, "GetCallerIdentity", http.MethodPost, nil, nil); err != nil {
		t.Errorf("STS with faults for every action: %v", err)
	}
	s.SetFaults(Faults{Throttle: 1, Actions: []string{"GetCallerIdentity"}})
	_, err = oc.call(STSVersion, "GetCallerIdentity", http.MethodPost, nil, nil)
	_ = teaError(t, err, "Throttling.User", http.StatusBadRequest)
	s.SetFaults(Faults{})

	want := map[string]int64{"SignatureDoesNotMatch": 1, "InvalidAccessKeyId.NotFound": 1, "InvalidApi.NotFound": 3}
	if got := s.Rejected(); len(got.ByCode) != len(want) || got.ByCode["InvalidApi.NotFound"] != 3 || got.ByAction["GetCallerIdentity"] != 2 {
		t.Errorf("Rejected() = %+v", got)
	}
	if calls := s.Calls(); calls["GetCallerIdentity"] != 3 {
		t.Errorf("calls: %v", calls)
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
