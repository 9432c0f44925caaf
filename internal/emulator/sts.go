package emulator

import (
	"crypto/rand"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// STSVersion is the version of the STS API the emulator serves on its port beside ActionTrail.
const STSVersion = "2015-04-01"

// stsActions are the STS actions the emulator answers.
var stsActions = map[string]actionFunc{
	"GetCallerIdentity":  (*Server).getCallerIdentity,
	"AssumeRole":         (*Server).assumeRole,
	"AssumeRoleWithOIDC": (*Server).assumeRoleWithOIDC,
}

// AssumeRoleWithOIDC is not signed: the OIDC token authenticates it.
var stsProduct = &product{name: "Sts", actions: stsActions, anonymous: map[string]bool{"AssumeRoleWithOIDC": true}}

type callerIdentityResponse struct {
	RequestID    string `json:"RequestId"`
	AccountID    string `json:"AccountId"`
	UserID       string `json:"UserId"`
	Arn          string `json:"Arn"`
	IdentityType string `json:"IdentityType"`
	PrincipalID  string `json:"PrincipalId"`
}

// getCallerIdentity answers who signed the request.
func (s *Server) getCallerIdentity(c *call) (any, *apiError) {
	p := c.principal
	return callerIdentityResponse{
		RequestID:    c.requestID,
		AccountID:    p.AccountID,
		UserID:       p.UserID,
		Arn:          p.Arn,
		IdentityType: p.IdentityType,
		PrincipalID:  p.PrincipalID,
	}, nil
}

var roleSessionNameRE = regexp.MustCompile(`^[A-Za-z0-9._@-]{2,64}$`)

type stsCredentials struct {
	AccessKeyID     string `json:"AccessKeyId"`
	AccessKeySecret string `json:"AccessKeySecret"`
	SecurityToken   string `json:"SecurityToken"`
	Expiration      string `json:"Expiration"`
}

type assumedRoleUser struct {
	Arn           string `json:"Arn"`
	AssumedRoleID string `json:"AssumedRoleId"`
}

type assumeRoleResponse struct {
	RequestID       string          `json:"RequestId"`
	Credentials     stsCredentials  `json:"Credentials"`
	AssumedRoleUser assumedRoleUser `json:"AssumedRoleUser"`
}

type oidcTokenInfo struct {
	Issuer    string `json:"Issuer"`
	Subject   string `json:"Subject"`
	ClientIDs string `json:"ClientIds"`
}

type assumeRoleWithOIDCResponse struct {
	assumeRoleResponse
	OIDCTokenInfo oidcTokenInfo `json:"OIDCTokenInfo"`
}

// roleParams checks what AssumeRole and AssumeRoleWithOIDC share: the role, the session name and the
// duration (900 s to the role's maximum session duration; 3600 s by default).
func (s *Server) roleParams(c *call) (*role, string, time.Duration, *apiError) {
	if aerr := requireParams(c.params, "RoleArn", "RoleSessionName"); aerr != nil {
		return nil, "", 0, aerr
	}
	arn, session := c.params["RoleArn"], c.params["RoleSessionName"]
	if !roleArnFileRE.MatchString(arn) {
		return nil, "", 0, newError(codeInvalidRoleArn, "The parameter RoleArn is wrongly formed.")
	}
	if !roleSessionNameRE.MatchString(session) {
		return nil, "", 0, newError(codeInvalidSessionName,
			"The parameter RoleSessionName is wrongly formed: 2 to 64 letters, digits, '.', '@', '-' and '_'.")
	}
	r := s.roles[strings.ToLower(arn)]
	if r == nil {
		return nil, "", 0, newError(codeRoleNotFound, "The role not exists: %s.", arn)
	}
	seconds := defaultMaxSessionSeconds
	if v := c.params["DurationSeconds"]; v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < minSessionSeconds || n > r.maxSession {
			return nil, "", 0, newError(codeInvalidDuration,
				"The Min/Max value of DurationSeconds is %ds/%ds.", minSessionSeconds, r.maxSession)
		}
		seconds = n
	}
	return r, session, time.Duration(seconds) * time.Second, nil
}

// assumeRole issues temporary credentials of a role to a caller its trust policy names: a RAM user or
// a role session of a trusted account (an account's root key may not assume roles), with the
// ExternalId the trust policy's condition asks for, if any. A Policy (session policy) narrows what
// the credentials may do.
func (s *Server) assumeRole(c *call) (any, *apiError) {
	r, session, d, aerr := s.roleParams(c)
	if aerr != nil {
		return nil, aerr
	}
	externalID := c.params["ExternalId"] // empty: none sent
	if externalID != "" && !validExternalID(externalID) {
		return nil, newError(codeInvalidExternalID,
			"The parameter ExternalId is wrongly formed: 2 to 1224 letters, digits and any of _+=,.@:/-.")
	}
	policy, aerr := sessionPolicyParam(c)
	if aerr != nil {
		return nil, aerr
	}
	if c.principal.IdentityType == "Account" {
		return nil, newError(codeNoPermission, "Roles may not be assumed by root accounts.")
	}
	if !r.trustedAccounts[c.principal.AccountID] {
		return nil, newError(codeNoPermission,
			"No permission perform sts:AssumeRole on this Role. Maybe you should check the role's trust policy: it does not name account %s.",
			c.principal.AccountID)
	}
	if r.externalID != "" && externalID != r.externalID {
		// Neither the value sent nor the one expected is told: an external ID is a shared secret of sorts.
		what := "no ExternalId was sent"
		if externalID != "" {
			what = "the ExternalId sent is not the one it names"
		}
		return nil, newError(codeNoPermission,
			"No permission perform sts:AssumeRole on this Role: the condition of the role's trust policy on the external ID (sts:ExternalId) is not met: %s.",
			what)
	}
	return s.issue(c, r, session, d, policy), nil
}

// sessionPolicyParam reads the Policy of AssumeRole and AssumeRoleWithOIDC, nil when none is sent.
func sessionPolicyParam(c *call) (*sessionPolicy, *apiError) {
	doc := c.params["Policy"]
	if doc == "" {
		return nil, nil
	}
	return parseSessionPolicy(doc)
}

// assumeRoleWithOIDC issues temporary credentials of a role to the bearer of an OIDC token of a
// provider the role trusts.
func (s *Server) assumeRoleWithOIDC(c *call) (any, *apiError) {
	if aerr := requireParams(c.params, "OIDCProviderArn", "RoleArn"); aerr != nil { // an empty token is refused below
		return nil, aerr
	}
	r, session, d, aerr := s.roleParams(c)
	if aerr != nil {
		return nil, aerr
	}
	policy, aerr := sessionPolicyParam(c)
	if aerr != nil {
		return nil, aerr
	}
	p := s.oidc[c.params["OIDCProviderArn"]]
	if p == nil {
		return nil, newError(codeOIDCNoPermission, "No such OIDC Provider registered.")
	}
	if !r.trustedOIDC[p.arn] {
		return nil, newError(codeOIDCNoPermission,
			"There is no permission: the trust policy of %s does not name %s.", r.arn, p.arn)
	}
	claims, aerr := verifyOIDCToken(p, c.params["OIDCToken"], s.now())
	if aerr != nil {
		return nil, aerr
	}
	return assumeRoleWithOIDCResponse{
		assumeRoleResponse: s.issue(c, r, session, d, policy),
		OIDCTokenInfo:      oidcTokenInfo{Issuer: claims.Issuer, Subject: claims.Subject, ClientIDs: strings.Join(claims.Audience, ",")},
	}, nil
}

// issue makes and remembers temporary credentials of a role session, valid for d on the emulator's
// clock, restricted by a session policy (nil: none).
func (s *Server) issue(c *call, r *role, session string, d time.Duration, policy *sessionPolicy) assumeRoleResponse {
	expires := s.clock().Add(d)
	cred := &credential{
		accessKeyID:   stsKeyPrefix + randomString(24),
		secret:        randomString(40),
		securityToken: "CAIS" + randomString(120),
		expires:       expires,
		principal:     assumedRolePrincipal(r.arn, r.id, session),
	}
	cred.principal.policy = policy
	s.keysMu.Lock()
	s.keys[cred.accessKeyID] = cred
	s.keysMu.Unlock()
	name := r.arn[strings.LastIndex(r.arn, "/")+1:]
	return assumeRoleResponse{
		RequestID: c.requestID,
		Credentials: stsCredentials{AccessKeyID: cred.accessKeyID, AccessKeySecret: cred.secret,
			SecurityToken: cred.securityToken, Expiration: formatTime(expires)},
		AssumedRoleUser: assumedRoleUser{Arn: "acs:ram::" + r.account + ":role/" + name + "/" + session,
			AssumedRoleID: r.id + ":" + session},
	}
}

// randomString is n random letters and digits.
func randomString(n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
