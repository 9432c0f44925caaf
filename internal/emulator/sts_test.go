package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator/emulatortest"
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

// assumeAs calls AssumeRole (V1, signed at the emulator's clock) with the management account's RAM
// user and extra parameters, and returns the status and the answer.
func assumeAs(t *testing.T, ts *httptest.Server, clock *fakeClock, p map[string]string) (int, map[string]any) {
	t.Helper()
	return callAs(t, ts, clock, mgmtKey, mgmtSecret, "", with(p, "Action", "AssumeRole", "Version", STSVersion, "RoleSessionName", "s1"))
}

// tempCreds are the temporary credentials of an AssumeRole answer.
type tempCreds struct{ id, secret, token string }

func credsOf(t *testing.T, status int, m map[string]any) tempCreds {
	t.Helper()
	c, _ := m["Credentials"].(map[string]any)
	if status != http.StatusOK || c == nil {
		t.Fatalf("AssumeRole: %d %v", status, m)
	}
	return tempCreds{str(c, "AccessKeyId"), str(c, "AccessKeySecret"), str(c, "SecurityToken")}
}

// TestAssumeRoleExternalID: a role whose trust policy asks for an external ID (external_id) is
// assumed with that ExternalId only; other roles ignore it; a malformed one is refused for any role.
func TestAssumeRoleExternalID(t *testing.T) {
	clock := newFakeClock()
	_, ts := startServer(t, multiConfig(clock))
	tests := []struct {
		name       string
		role       string
		externalID *string // nil: not sent
		code       string  // "": credentials
		status     int
		message    string // in the error message
	}{
		{"role with external_id, right value", vendorRole, ptr(vendorExtID), "", http.StatusOK, ""},
		{"role with external_id, wrong value", vendorRole, ptr("vendor-4f2b"), "NoPermission", http.StatusForbidden, "the ExternalId sent is not"},
		{"role with external_id, value in another case", vendorRole, ptr(strings.ToUpper(vendorExtID)), "NoPermission", http.StatusForbidden, "sts:ExternalId"},
		{"role with external_id, none sent", vendorRole, nil, "NoPermission", http.StatusForbidden, "no ExternalId was sent"},
		{"role with external_id, empty (none)", vendorRole, ptr(""), "NoPermission", http.StatusForbidden, "no ExternalId was sent"},
		{"role with external_id, malformed", vendorRole, ptr("vendor id"), "InvalidParameter.ExternalId", http.StatusBadRequest, "2 to 1224"},
		{"role without external_id, none sent", auditorRole, nil, "", http.StatusOK, ""},
		{"role without external_id, one sent", auditorRole, ptr("anything-at-all"), "", http.StatusOK, ""},
		{"role without external_id, malformed", auditorRole, ptr("x"), "InvalidParameter.ExternalId", http.StatusBadRequest, "2 to 1224"},
		{"longest external ID", auditorRole, ptr(strings.Repeat("a", 1224)), "", http.StatusOK, ""},
		{"external ID too long", auditorRole, ptr(strings.Repeat("a", 1225)), "InvalidParameter.ExternalId", http.StatusBadRequest, ""},
		{"every allowed character", auditorRole, ptr("Az09_+=,.@:/-"), "", http.StatusOK, ""},
		{"malformed before the trust policy", lockedRole, ptr("bad!"), "InvalidParameter.ExternalId", http.StatusBadRequest, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := map[string]string{"RoleArn": tt.role}
			if tt.externalID != nil {
				p["ExternalId"] = *tt.externalID
			}
			status, m := assumeAs(t, ts, clock, p)
			if tt.code == "" {
				credsOf(t, status, m)
				return
			}
			msg, _ := m["Message"].(string)
			if status != tt.status || m["Code"] != tt.code || !strings.Contains(msg, tt.message) {
				t.Errorf("%d %v; want %d %s (%q)", status, m, tt.status, tt.code, tt.message)
			}
			if strings.Contains(msg, vendorExtID) {
				t.Errorf("the message tells the external ID: %s", msg)
			}
		})
	}
}

// policy is a session policy document of the statements given.
func policy(statements ...map[string]any) string {
	if statements == nil {
		statements = []map[string]any{}
	}
	b, err := json.Marshal(map[string]any{"Version": "1", "Statement": statements})
	if err != nil {
		panic(err)
	}
	return string(b)
}

func allow(action, resource any) map[string]any {
	return map[string]any{"Effect": "Allow", "Action": action, "Resource": resource}
}

func deny(action, resource any) map[string]any {
	return map[string]any{"Effect": "Deny", "Action": action, "Resource": resource}
}

// TestSessionPolicy: temporary credentials assumed with a Policy may make the ActionTrail calls an
// Allow statement matches and no Deny does; the others answer 403 Forbidden.RAM, with the same
// credentials. Their STS calls are not restricted.
func TestSessionPolicy(t *testing.T) {
	trailsOfMember := "acs:actiontrail:*:" + memberAccount + ":trail/"
	type call struct {
		action, name string // name: the trail, "" for none
		code         string // "": success
	}
	create := func(name, code string) call { return call{"CreateTrail", name, code} }
	tests := []struct {
		name   string
		policy string
		calls  []call
	}{
		{"no policy: everything", "", []call{create("trail-one", ""), {"DescribeTrails", "", ""}, {"DeleteTrail", "trail-one", ""}}},
		{"allow actiontrail:*", policy(allow("actiontrail:*", "*")),
			[]call{create("trail-one", ""), {"DescribeTrails", "", ""}, {"StopLogging", "trail-one", ""}, {"DeleteTrail", "trail-one", ""}}},
		{"allow Describe* only", policy(allow("actiontrail:Describe*", "*")),
			[]call{{"DescribeTrails", "", ""}, {"DescribeRegions", "", ""}, create("trail-one", "Forbidden.RAM"), {"GetTrailStatus", "trail-one", "Forbidden.RAM"}}},
		{"allow a list of actions", policy(allow([]string{"actiontrail:DescribeTrails", "actiontrail:GetTrailStatus"}, []string{"*"})),
			// GetTrailStatus passes the RAM check and finds no trail.
			[]call{{"DescribeTrails", "", ""}, {"GetTrailStatus", "trail-one", "TrailNotFoundException"}, create("trail-one", "Forbidden.RAM")}},
		{"actions match in any case", policy(allow("ActionTrail:describetrails", "*")),
			[]call{{"DescribeTrails", "", ""}, {"DescribeRegions", "", "Forbidden.RAM"}}},
		{"action *", policy(allow("*", "*")), []call{create("trail-one", ""), {"DeleteTrail", "trail-one", ""}}},
		{"another service only", policy(allow("oss:*", "*")), []call{{"DescribeTrails", "", "Forbidden.RAM"}}},
		{"no statement: nothing", policy(), []call{{"DescribeTrails", "", "Forbidden.RAM"}}},
		{"explicit deny wins", policy(allow("actiontrail:*", "*"), deny("actiontrail:DeleteTrail", "*")),
			[]call{create("trail-one", ""), {"DeleteTrail", "trail-one", "Forbidden.RAM"}, {"StopLogging", "trail-one", ""}}},
		{"deny first, allow after: deny still wins", policy(deny("actiontrail:Create*", "*"), allow("actiontrail:*", "*")),
			[]call{create("trail-one", "Forbidden.RAM"), {"DescribeTrails", "", ""}}},
		{"deny on some trails", policy(allow("actiontrail:*", "*"), deny("actiontrail:*", trailsOfMember+"prod-*")),
			[]call{create("prod-trail", "Forbidden.RAM"), create("dev-trail", ""), {"DescribeTrails", "", ""}}},
		{"allow on some trails", policy(allow("actiontrail:*", trailsOfMember+"dev-*")),
			[]call{create("dev-trail", ""), create("prod-trail", "Forbidden.RAM"), {"DescribeTrails", "", "Forbidden.RAM"}}},
		{"allow on the account's trails", policy(allow("actiontrail:*", trailsOfMember+"*")),
			[]call{create("dev-trail", ""), {"DescribeTrails", "", ""}}},
		{"allow on another account's trails", policy(allow("actiontrail:*", "acs:actiontrail:*:"+mgmtAccount+":trail/*")),
			[]call{create("dev-trail", "Forbidden.RAM"), {"DescribeTrails", "", "Forbidden.RAM"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			s, ts := startServer(t, multiConfig(clock))
			p := map[string]string{"RoleArn": auditorRole}
			if tt.policy != "" {
				p["Policy"] = tt.policy
			}
			status, m := assumeAs(t, ts, clock, p)
			cr := credsOf(t, status, m)
			denied := int64(0)
			for _, c := range tt.calls {
				params := map[string]string{"Action": c.action}
				if c.name != "" {
					params["Name"] = c.name
				}
				if c.action == "CreateTrail" {
					params["OssBucketName"] = testBucket
				}
				status, m := callAs(t, ts, clock, cr.id, cr.secret, cr.token, params)
				switch {
				case c.code == "" && status != http.StatusOK:
					t.Errorf("%s %s: %d %v, want it allowed", c.action, c.name, status, m)
				case c.code == "Forbidden.RAM":
					denied++
					if status != http.StatusForbidden || m["Code"] != "Forbidden.RAM" || m["Message"] != "User not authorized to operate on the specified resource." {
						t.Errorf("%s %s: %d %v, want 403 Forbidden.RAM", c.action, c.name, status, m)
					}
				case c.code != "" && m["Code"] != c.code:
					t.Errorf("%s %s: %d %v, want %s", c.action, c.name, status, m, c.code)
				}
			}
			// STS calls with the same credentials are not the policy's to restrict.
			status, m = callAs(t, ts, clock, cr.id, cr.secret, cr.token, map[string]string{"Action": "GetCallerIdentity", "Version": STSVersion})
			if status != http.StatusOK || m["AccountId"] != memberAccount {
				t.Errorf("GetCallerIdentity: %d %v", status, m)
			}
			if got := s.Rejected().ByCode["Forbidden.RAM"]; got != denied {
				t.Errorf("Rejected Forbidden.RAM = %d, want %d", got, denied)
			}
			// A denied call does not reach the action (nor is it counted as one).
			if _, ok := s.GetAccountTrail(memberAccount, "", "prod-trail"); ok {
				t.Error("a denied CreateTrail created its trail")
			}
		})
	}
}

// TestSessionPolicyErrors: a Policy STS does not take fails AssumeRole (and AssumeRoleWithOIDC):
// longer than 2048 characters InvalidParameter.PolicySize, else InvalidParameter.PolicyGrammar.
func TestSessionPolicyErrors(t *testing.T) {
	clock := newFakeClock()
	_, ts := startServer(t, multiConfig(clock))
	good := allow("actiontrail:*", "*")
	with2048 := func() string {
		// A valid document padded to exactly 2048 characters with a long action pattern.
		doc := policy(allow("actiontrail:*", "*"), allow("actiontrail:X", "*"))
		return strings.Replace(doc, "actiontrail:X", "actiontrail:X"+strings.Repeat("x", 2048-len(doc)), 1)
	}()
	tests := []struct {
		name, policy, code string // code "": accepted
	}{
		{"valid", policy(good), ""},
		{"exactly 2048 characters", with2048, ""},
		{"2049 characters", strings.Replace(with2048, "actiontrail:Xx", "actiontrail:Xxx", 1), "InvalidParameter.PolicySize"},
		{"much too long, and not JSON", strings.Repeat("{", 3000), "InvalidParameter.PolicySize"},
		{"not JSON", `Version: 1`, "InvalidParameter.PolicyGrammar"},
		{"a JSON array", `[]`, "InvalidParameter.PolicyGrammar"},
		{"text after the document", policy(good) + ` {}`, "InvalidParameter.PolicyGrammar"},
		{"no Version", `{"Statement":[{"Effect":"Allow","Action":"actiontrail:*","Resource":"*"}]}`, "InvalidParameter.PolicyGrammar"},
		{"Version 2", `{"Version":"2","Statement":[]}`, "InvalidParameter.PolicyGrammar"},
		{"no Statement", `{"Version":"1"}`, "InvalidParameter.PolicyGrammar"},
		{"Statement not a list", `{"Version":"1","Statement":{"Effect":"Allow","Action":"actiontrail:*","Resource":"*"}}`, "InvalidParameter.PolicyGrammar"},
		{"bad Effect", policy(map[string]any{"Effect": "Permit", "Action": "actiontrail:*", "Resource": "*"}), "InvalidParameter.PolicyGrammar"},
		{"no Effect", policy(map[string]any{"Action": "actiontrail:*", "Resource": "*"}), "InvalidParameter.PolicyGrammar"},
		{"no Action", policy(map[string]any{"Effect": "Allow", "Resource": "*"}), "InvalidParameter.PolicyGrammar"},
		{"empty Action list", policy(allow([]string{}, "*")), "InvalidParameter.PolicyGrammar"},
		{"Action without a service", policy(allow("DescribeTrails", "*")), "InvalidParameter.PolicyGrammar"},
		{"Action a number", policy(allow(7, "*")), "InvalidParameter.PolicyGrammar"},
		{"no Resource", policy(map[string]any{"Effect": "Allow", "Action": "actiontrail:*"}), "InvalidParameter.PolicyGrammar"},
		{"a Condition (not evaluated)", policy(map[string]any{"Effect": "Allow", "Action": "actiontrail:*", "Resource": "*",
			"Condition": map[string]any{"IpAddress": map[string]any{"acs:SourceIp": "10.0.0.0/8"}}}), "InvalidParameter.PolicyGrammar"},
		{"an unknown top-level key", `{"Version":"1","Statement":[],"Id":"x"}`, "InvalidParameter.PolicyGrammar"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, m := assumeAs(t, ts, clock, map[string]string{"RoleArn": auditorRole, "Policy": tt.policy})
			if tt.code == "" {
				credsOf(t, status, m)
				return
			}
			if status != http.StatusBadRequest || m["Code"] != tt.code {
				t.Errorf("%d %v; want 400 %s", status, m, tt.code)
			}
		})
	}
	t.Run("checked before the trust policy", func(t *testing.T) {
		status, m := callAs(t, ts, clock, memberKey, memberSecret, "", map[string]string{"Action": "AssumeRole", "Version": STSVersion,
			"RoleArn": lockedRole, "RoleSessionName": "s1", "Policy": `{}`})
		if status != http.StatusBadRequest || m["Code"] != "InvalidParameter.PolicyGrammar" {
			t.Errorf("%d %v", status, m)
		}
	})
}

// TestSessionPolicyWithOIDC: AssumeRoleWithOIDC takes a Policy too, with the same rules.
func TestSessionPolicyWithOIDC(t *testing.T) {
	clock := newFakeClock()
	_, ts := startServer(t, multiConfig(clock))
	now := clock.Now().Unix()
	token := emulatortest.SignJWT(t, testKeys()[0], map[string]any{"alg": "RS256", "kid": "ci-key", "typ": "JWT"},
		map[string]any{"iss": ciIssuer, "sub": "repo:org/infra", "aud": ciAudience, "exp": now + 600, "iat": now})
	oidc := func(pol string) (int, map[string]any) {
		p := map[string]string{"Action": "AssumeRoleWithOIDC", "Version": STSVersion, "OIDCProviderArn": ciProvider,
			"RoleArn": auditorRole, "RoleSessionName": "ci", "OIDCToken": token, "Policy": pol}
		status, body := do(t, rawRequest(t, ts, http.MethodPost, p))
		var m map[string]any
		if err := json.Unmarshal([]byte(body), &m); err != nil {
			t.Fatalf("%d %s", status, body)
		}
		return status, m
	}
	if status, m := oidc(`{"Version":"1"}`); status != http.StatusBadRequest || m["Code"] != "InvalidParameter.PolicyGrammar" {
		t.Errorf("malformed policy: %d %v", status, m)
	}
	status, m := oidc(policy(allow("actiontrail:Describe*", "*")))
	cr := credsOf(t, status, m)
	if status, m := callAs(t, ts, clock, cr.id, cr.secret, cr.token, map[string]string{"Action": "DescribeTrails"}); status != http.StatusOK {
		t.Errorf("DescribeTrails: %d %v", status, m)
	}
	status, m = callAs(t, ts, clock, cr.id, cr.secret, cr.token, map[string]string{"Action": "CreateTrail", "Name": "t1", "OssBucketName": testBucket})
	if status != http.StatusForbidden || m["Code"] != "Forbidden.RAM" {
		t.Errorf("CreateTrail: %d %v", status, m)
	}
}

func TestWildcardMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", true},
		{"*", "anything", true},
		{"", "", true},
		{"", "x", false},
		{"abc", "abc", true},
		{"abc", "abcd", false},
		{"abc*", "abc", true},
		{"abc*", "abcd", true},
		{"*bc", "abc", true},
		{"a*c", "abbbc", true},
		{"a*c", "abbbd", false},
		{"a*b*c", "aXbYbZc", true},
		{"a*b*c", "aXcYb", false},
		{"actiontrail:describe*", "actiontrail:describetrails", true},
		{"actiontrail:describe*", "actiontrail:createtrail", false},
		{"acs:actiontrail:*:1:trail/dev-*", "acs:actiontrail:cn-hangzhou:1:trail/dev-1", true},
		{"acs:actiontrail:*:1:trail/dev-*", "acs:actiontrail:cn-hangzhou:1:trail/*", false},
		{"**", "x", true},
	}
	for _, tt := range tests {
		t.Run(tt.pattern+" vs "+tt.s, func(t *testing.T) {
			if got := wildcardMatch(tt.pattern, tt.s); got != tt.want {
				t.Errorf("wildcardMatch(%q, %q) = %t", tt.pattern, tt.s, got)
			}
		})
	}
}
