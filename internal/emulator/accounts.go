package emulator

import (
	"cmp"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// AccountsFile describes a multi-account emulator (Config.Accounts, -accounts FILE): accounts and
// their keys, RAM roles and whom they trust, OIDC identity providers and a resource directory. The
// JSON file looks like:
//
//	{"accounts":[{"id":"1111111111111111","access_key_id":"…","access_key_secret":"…"}],
//	 "roles":[{"arn":"acs:ram::2222222222222222:role/auditor","trusted_accounts":["1111111111111111"],
//	           "trusted_oidc_providers":["acs:ram::1111111111111111:oidc-provider/ci"]},
//	          {"arn":"acs:ram::2222222222222222:role/vendor","trusted_accounts":["1111111111111111"],
//	           "external_id":"vendor-4f2a"}],
//	 "oidc_providers":[{"arn":"acs:ram::1111111111111111:oidc-provider/ci","issuer":"https://ci.example",
//	                    "audiences":["sts.aliyuncs.com"],"jwks_file":"ci-jwks.json"}],
//	 "resource_directory":{"management_account":"1111111111111111","members":["2222222222222222"]}}
type AccountsFile struct {
	Accounts          []AccountEntry      `json:"accounts"`
	Roles             []RoleEntry         `json:"roles,omitempty"`
	OIDCProviders     []OIDCProviderEntry `json:"oidc_providers,omitempty"`
	ResourceDirectory *ResourceDirectory  `json:"resource_directory,omitempty"`
}

// AccountEntry is an account and the long-term key of one of its RAM users.
type AccountEntry struct {
	ID              string `json:"id"` // 16 digits
	AccessKeyID     string `json:"access_key_id"`
	AccessKeySecret string `json:"access_key_secret"`
	// User names the RAM user the key belongs to ("terraform" when empty): the key signs as
	// acs:ram::<id>:user/<user>, which may assume roles (an account's root key may not).
	User string `json:"user,omitempty"`
}

// RoleEntry is a RAM role and its trust policy.
type RoleEntry struct {
	Arn                  string   `json:"arn"` // acs:ram::<account>:role/<name>
	TrustedAccounts      []string `json:"trusted_accounts,omitempty"`
	TrustedOIDCProviders []string `json:"trusted_oidc_providers,omitempty"`
	// MaxSessionDuration bounds DurationSeconds, in seconds: 3600 when 0, at most 43200.
	MaxSessionDuration int `json:"max_session_duration,omitempty"`
	// ExternalID, when set, is the trust policy's sts:ExternalId condition: AssumeRole must send
	// this ExternalId (2 to 1224 of A-Za-z0-9_+=,.@:/-). AssumeRoleWithOIDC is not subject to it.
	ExternalID string `json:"external_id,omitempty"`
}

// OIDCProviderEntry is an OIDC identity provider that AssumeRoleWithOIDC trusts.
type OIDCProviderEntry struct {
	Arn       string   `json:"arn"` // acs:ram::<account>:oidc-provider/<name>
	Issuer    string   `json:"issuer"`
	Audiences []string `json:"audiences"`
	// JWKSFile is the provider's JSON Web Key Set, a path relative to the accounts file; LoadAccounts
	// reads it into JWKS. Go tests may set JWKS directly.
	JWKSFile string          `json:"jwks_file,omitempty"`
	JWKS     json.RawMessage `json:"jwks,omitempty"`
}

// ResourceDirectory makes accounts one organization: only the management account may create
// organization trails, which its members then see.
type ResourceDirectory struct {
	ManagementAccount string   `json:"management_account"`
	Members           []string `json:"members,omitempty"`
}

// LoadAccounts reads and checks an accounts file, and the JWKS files it names.
func LoadAccounts(path string) (*AccountsFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f AccountsFile
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for i := range f.OIDCProviders {
		p := &f.OIDCProviders[i]
		if p.JWKSFile == "" || len(p.JWKS) != 0 {
			continue
		}
		jwksPath := p.JWKSFile
		if !filepath.IsAbs(jwksPath) {
			jwksPath = filepath.Join(filepath.Dir(path), jwksPath)
		}
		if p.JWKS, err = os.ReadFile(jwksPath); err != nil {
			return nil, fmt.Errorf("%s: oidc provider %s: %w", path, p.Arn, err)
		}
	}
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &f, nil
}

var (
	accountIDRE   = regexp.MustCompile(`^[0-9]{16}$`)
	oidcArnRE     = regexp.MustCompile(`^acs:ram::([0-9]{16}):oidc-provider/[A-Za-z0-9._-]{1,128}$`)
	roleArnFileRE = regexp.MustCompile(`^acs:ram::([0-9]{16}):role/[A-Za-z0-9.-]{1,64}$`)
)

// Validate checks the file: well-formed and unique IDs, keys and ARNs; roles, providers and the
// resource directory naming accounts the file has; JWKS that hold RSA keys.
func (f *AccountsFile) Validate() error {
	_, err := f.compile()
	return err
}

// compiled is an AccountsFile ready for the server.
type compiled struct {
	accounts   []string
	keys       map[string]*credential
	roles      map[string]*role
	oidc       map[string]*oidcProvider
	management string
	members    map[string]bool
}

func (f *AccountsFile) compile() (*compiled, error) {
	c := &compiled{keys: make(map[string]*credential), roles: make(map[string]*role),
		oidc: make(map[string]*oidcProvider), members: make(map[string]bool)}
	if len(f.Accounts) == 0 {
		return nil, errors.New("no accounts")
	}
	known := make(map[string]bool)
	for _, a := range f.Accounts {
		switch {
		case !accountIDRE.MatchString(a.ID):
			return nil, fmt.Errorf("account %q: the ID must be 16 digits", a.ID)
		case known[a.ID]:
			return nil, fmt.Errorf("account %s appears twice", a.ID)
		case a.AccessKeyID == "" || a.AccessKeySecret == "":
			return nil, fmt.Errorf("account %s: access_key_id and access_key_secret are required", a.ID)
		case strings.HasPrefix(a.AccessKeyID, stsKeyPrefix):
			return nil, fmt.Errorf("account %s: an access key ID starting with %s is a temporary one", a.ID, stsKeyPrefix)
		case c.keys[a.AccessKeyID] != nil:
			return nil, fmt.Errorf("account %s: access key %s is used twice", a.ID, a.AccessKeyID)
		}
		known[a.ID] = true
		c.accounts = append(c.accounts, a.ID)
		user := cmp.Or(a.User, "terraform")
		c.keys[a.AccessKeyID] = &credential{accessKeyID: a.AccessKeyID, secret: a.AccessKeySecret,
			principal: userPrincipal(a.ID, user)}
	}
	for _, p := range f.OIDCProviders {
		if _, err := fileARN("oidc provider", p.Arn, oidcArnRE, "acs:ram::<account>:oidc-provider/<name>", known, c.oidc[p.Arn] != nil); err != nil {
			return nil, err
		}
		switch {
		case p.Issuer == "" || len(p.Audiences) == 0:
			return nil, fmt.Errorf("oidc provider %s: issuer and audiences are required", p.Arn)
		case len(p.JWKS) == 0:
			return nil, fmt.Errorf("oidc provider %s: no JWKS (jwks_file)", p.Arn)
		}
		keys, err := parseJWKS(p.JWKS)
		if err != nil {
			return nil, fmt.Errorf("oidc provider %s: %w", p.Arn, err)
		}
		c.oidc[p.Arn] = &oidcProvider{arn: p.Arn, issuer: p.Issuer, audiences: slices.Clone(p.Audiences), keys: keys}
	}
	for _, r := range f.Roles {
		account, err := fileARN("role", r.Arn, roleArnFileRE, "acs:ram::<account>:role/<name>", known, c.roles[strings.ToLower(r.Arn)] != nil)
		if err != nil {
			return nil, err
		}
		if r.MaxSessionDuration != 0 && (r.MaxSessionDuration < minSessionSeconds || r.MaxSessionDuration > maxSessionSeconds) {
			return nil, fmt.Errorf("role %s: max_session_duration must be %d to %d seconds", r.Arn, minSessionSeconds, maxSessionSeconds)
		}
		if r.ExternalID != "" && !validExternalID(r.ExternalID) {
			return nil, fmt.Errorf("role %s: external_id must be 2 to 1224 letters, digits and _+=,.@:/-", r.Arn)
		}
		for _, a := range r.TrustedAccounts {
			if !known[a] {
				return nil, fmt.Errorf("role %s trusts account %s, which is not in the file", r.Arn, a)
			}
		}
		for _, p := range r.TrustedOIDCProviders {
			if c.oidc[p] == nil {
				return nil, fmt.Errorf("role %s trusts oidc provider %s, which is not in the file", r.Arn, p)
			}
		}
		c.roles[strings.ToLower(r.Arn)] = &role{arn: r.Arn, account: account, id: roleID(r.Arn),
			trustedAccounts: sliceSet(r.TrustedAccounts), trustedOIDC: sliceSet(r.TrustedOIDCProviders),
			maxSession: cmp.Or(r.MaxSessionDuration, defaultMaxSessionSeconds), externalID: r.ExternalID}
	}
	if rd := f.ResourceDirectory; rd != nil {
		if !known[rd.ManagementAccount] {
			return nil, fmt.Errorf("resource directory: management account %q is not in the file", rd.ManagementAccount)
		}
		c.management = rd.ManagementAccount
		for _, m := range rd.Members {
			if !known[m] || m == rd.ManagementAccount {
				return nil, fmt.Errorf("resource directory: member %q is not another account of the file", m)
			}
			c.members[m] = true
		}
	}
	return c, nil
}

// fileARN checks the ARN of an entry of the file (kind: "role", "oidc provider"): of the form re
// (form in words; re's group is the account ID), in an account of the file, and not seen before. It
// returns the account ID.
func fileARN(kind, arn string, re *regexp.Regexp, form string, known map[string]bool, seen bool) (string, error) {
	m := re.FindStringSubmatch(arn)
	switch {
	case m == nil:
		return "", fmt.Errorf("%s %q: expected %s", kind, arn, form)
	case !known[m[1]]:
		return "", fmt.Errorf("%s %s: account %s is not in the file", kind, arn, m[1])
	case seen:
		return "", fmt.Errorf("%s %s appears twice", kind, arn)
	}
	return m[1], nil
}

func sliceSet(s []string) map[string]bool {
	m := make(map[string]bool, len(s))
	for _, v := range s {
		m[v] = true
	}
	return m
}

// loadAccounts makes the server multi-account. The default account is the resource directory's
// management account, else the first account.
func (s *Server) loadAccounts(f *AccountsFile) error {
	c, err := f.compile()
	if err != nil {
		return err
	}
	s.accounts = make(map[string]*account, len(c.accounts))
	for _, id := range c.accounts {
		s.accounts[id] = newAccount(id)
	}
	s.def = s.accounts[cmp.Or(c.management, c.accounts[0])]
	s.keys, s.roles, s.oidc = c.keys, c.roles, c.oidc
	s.management, s.members = c.management, c.members
	return nil
}

// singleAccount is the emulator without Config.Accounts: one account, one key, and the account is its
// own resource directory's management account (so that organization trails work).
func (s *Server) singleAccount(cfg Config) {
	id := cmp.Or(cfg.AccountID, DefaultAccountID)
	s.def = newAccount(id)
	s.accounts = map[string]*account{id: s.def}
	s.management, s.members = id, map[string]bool{}
	s.roles, s.oidc = map[string]*role{}, map[string]*oidcProvider{}
	key := &credential{
		accessKeyID:   cmp.Or(cfg.AccessKeyID, DefaultAccessKeyID),
		secret:        cmp.Or(cfg.AccessKeySecret, DefaultAccessKeySecret),
		securityToken: cfg.SecurityToken,
		principal:     rootPrincipal(id),
	}
	if key.securityToken != "" {
		// A key with a token is a temporary one: of a role the emulator does not otherwise know.
		key.principal = assumedRolePrincipal("acs:ram::"+id+":role/"+staticRoleName, staticRoleID, staticSessionName)
	}
	s.keys[key.accessKeyID] = key
}

// account returns an account's state ("" is the default account), nil if the emulator does not know it.
func (s *Server) account(id string) *account {
	if id == "" {
		return s.def
	}
	return s.accounts[id]
}

func (s *Server) mustAccount(id string) *account {
	a := s.account(id)
	if a == nil {
		panic("emulator: unknown account " + id)
	}
	return a
}

// account is one account's trails.
type account struct {
	id      string
	regions map[string]map[string]*Trail // region → name → trail
	health  map[trailKey]DeliveryHealth  // set by SetDeliveryHealth; dropped with the trail
}

// trailKey names a trail of an account: home region and name.
type trailKey struct{ region, name string }

func newAccount(id string) *account {
	return &account{id: id, regions: make(map[string]map[string]*Trail), health: make(map[trailKey]DeliveryHealth)}
}

func (a *account) trail(region, name string) *Trail { return a.regions[region][name] }

func (a *account) countLocked() int {
	n := 0
	for _, byName := range a.regions {
		n += len(byName)
	}
	return n
}

func (a *account) putLocked(t *Trail) {
	delete(a.health, trailKey{t.Region, t.Name})
	byName := a.regions[t.Region]
	if byName == nil {
		byName = make(map[string]*Trail)
		a.regions[t.Region] = byName
	}
	byName[t.Name] = t
}

func (a *account) deleteLocked(region, name string) bool {
	byName := a.regions[region]
	if _, ok := byName[name]; !ok {
		return false
	}
	delete(byName, name)
	delete(a.health, trailKey{region, name})
	if len(byName) == 0 {
		delete(a.regions, region)
	}
	return true
}

// orgTrailLocked reports whether the account already has an organization trail.
func (a *account) orgTrailLocked() bool {
	for _, byName := range a.regions {
		for _, t := range byName {
			if t.IsOrganizationTrail {
				return true
			}
		}
	}
	return false
}

// role is a RAM role of the accounts file.
type role struct {
	arn, account, id string
	trustedAccounts  map[string]bool
	trustedOIDC      map[string]bool
	maxSession       int    // seconds
	externalID       string // the trust policy's sts:ExternalId condition; "" for none
}

// roleID is a role's stable numeric ID (RAM role IDs are 18 digits starting with 3).
func roleID(arn string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(arn)))
	return fmt.Sprintf("3%017d", binary.BigEndian.Uint64(sum[:8])%1e17)
}

// userPrincipal is a RAM user's identity.
func userPrincipal(accountID, user string) *principal {
	sum := sha256.Sum256([]byte(accountID + "/" + user))
	uid := fmt.Sprintf("2%015d", binary.BigEndian.Uint64(sum[:8])%1e15)
	return &principal{AccountID: accountID, UserID: uid, Arn: "acs:ram::" + accountID + ":user/" + user,
		IdentityType: "RAMUser", PrincipalID: uid}
}

// oidcProvider is an OIDC identity provider of the accounts file.
type oidcProvider struct {
	arn, issuer string
	audiences   []string
	keys        []jwk
}

type jwk struct {
	kid string
	key *rsa.PublicKey
}

// parseJWKS reads the RSA keys of a JSON Web Key Set ({"keys":[{"kty":"RSA","kid","n","e"}]}).
func parseJWKS(data []byte) ([]jwk, error) {
	var set struct {
		Keys []struct {
			Kty string `json:"kty"`
			Kid string `json:"kid"`
			Use string `json:"use"`
			N   string `json:"n"`
			E   string `json:"e"`
		} `json:"keys"`
	}
	if err := json.Unmarshal(data, &set); err != nil {
		return nil, fmt.Errorf("JWKS: %w", err)
	}
	var out []jwk
	for _, k := range set.Keys {
		if k.Kty != "RSA" || (k.Use != "" && k.Use != "sig") {
			continue
		}
		n, err1 := base64.RawURLEncoding.DecodeString(k.N)
		e, err2 := base64.RawURLEncoding.DecodeString(k.E)
		if err1 != nil || err2 != nil || len(n) == 0 || len(e) == 0 || len(e) > 4 {
			return nil, fmt.Errorf("JWKS: key %q: n and e must be base64url big-endian integers", k.Kid)
		}
		var exp uint32
		for _, b := range e {
			exp = exp<<8 | uint32(b)
		}
		out = append(out, jwk{kid: k.Kid, key: &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(exp)}})
	}
	if len(out) == 0 {
		return nil, errors.New("JWKS: no RSA signing key")
	}
	return out, nil
}
