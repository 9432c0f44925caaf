package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// maxSessionPolicyChars is the longest session policy (AssumeRole's Policy) STS takes.
const maxSessionPolicyChars = 2048

// externalIDRE is the alphabet of AssumeRole's ExternalId, which validExternalID bounds to 2 to 1224
// characters (more than a regexp repeat count may say).
var externalIDRE = regexp.MustCompile(`^[A-Za-z0-9_+=,.@:/-]+$`)

func validExternalID(id string) bool {
	return len(id) >= 2 && len(id) <= 1224 && externalIDRE.MatchString(id)
}

// sessionPolicy is the session policy of temporary credentials (AssumeRole's Policy): ActionTrail
// calls signed with them are allowed when an Allow statement matches the action and the resource
// and no Deny statement does. It narrows what the role may do; the emulator's roles may do
// everything, so it is all that restricts them.
type sessionPolicy struct {
	statements []policyStatement
}

type policyStatement struct {
	allow     bool
	actions   []string // patterns of <service>:<action>, or "*"
	resources []string // patterns of ARNs, or "*"
}

// policyDocument is the grammar of a RAM policy the emulator knows: Version "1" and Statements of
// Effect, Action and Resource. Other keys (Condition, NotAction, …) are refused: the emulator does
// not evaluate them, and a policy it half-understood would allow what STS does not.
type policyDocument struct {
	Version   *string `json:"Version"`
	Statement *[]struct {
		Effect   string      `json:"Effect"`
		Action   stringOrSet `json:"Action"`
		Resource stringOrSet `json:"Resource"`
	} `json:"Statement"`
}

// stringOrSet is a policy element that is a string or a list of strings.
type stringOrSet []string

func (s *stringOrSet) UnmarshalJSON(data []byte) error {
	var one string
	if err := json.Unmarshal(data, &one); err == nil {
		*s = []string{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(data, &many); err != nil {
		return err
	}
	*s = many
	return nil
}

// parseSessionPolicy checks AssumeRole's Policy: at most 2048 characters (InvalidParameter.PolicySize),
// then the grammar (InvalidParameter.PolicyGrammar).
func parseSessionPolicy(doc string) (*sessionPolicy, *apiError) {
	if n := utf8.RuneCountInString(doc); n > maxSessionPolicyChars {
		return nil, newError(codePolicySize, "The parameter Policy is too long: %d characters, at most %d.", n, maxSessionPolicyChars)
	}
	grammar := func(format string, args ...any) *apiError {
		return newError(codePolicyGrammar, "The parameter Policy has not passed grammar check: %s.", fmt.Sprintf(format, args...))
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(doc)))
	dec.DisallowUnknownFields()
	var d policyDocument
	if err := dec.Decode(&d); err != nil {
		return nil, grammar("not a policy document of Version and Statement (Effect, Action, Resource): %v", err)
	}
	if dec.More() {
		return nil, grammar("text after the document")
	}
	switch {
	case d.Version == nil || *d.Version != "1":
		return nil, grammar(`Version must be "1"`)
	case d.Statement == nil:
		return nil, grammar("no Statement")
	}
	p := &sessionPolicy{}
	for i, st := range *d.Statement {
		if st.Effect != "Allow" && st.Effect != "Deny" {
			return nil, grammar(`Statement %d: Effect must be "Allow" or "Deny"`, i+1)
		}
		if len(st.Action) == 0 {
			return nil, grammar("Statement %d: no Action", i+1)
		}
		for _, a := range st.Action {
			if service, name, ok := strings.Cut(a, ":"); a != "*" && (!ok || service == "" || name == "") {
				return nil, grammar("Statement %d: Action %q is not <service>:<action> or *", i+1, a)
			}
		}
		if len(st.Resource) == 0 {
			return nil, grammar("Statement %d: no Resource", i+1)
		}
		for _, r := range st.Resource {
			if r == "" {
				return nil, grammar("Statement %d: an empty Resource", i+1)
			}
		}
		p.statements = append(p.statements, policyStatement{allow: st.Effect == "Allow", actions: st.Action, resources: st.Resource})
	}
	return p, nil
}

// allows reports whether the policy lets a call of action ("actiontrail:CreateTrail") on resource
// (an ARN) through: an Allow matches it and no Deny does.
func (p *sessionPolicy) allows(action, resource string) bool {
	allowed := false
	for _, st := range p.statements {
		if !st.matches(action, resource) {
			continue
		}
		if !st.allow {
			return false // an explicit Deny wins
		}
		allowed = true
	}
	return allowed
}

func (st policyStatement) matches(action, resource string) bool {
	actionOK, resourceOK := false, false
	for _, a := range st.actions {
		// Action names are matched without regard to case; ARNs are not.
		if wildcardMatch(strings.ToLower(a), strings.ToLower(action)) {
			actionOK = true
			break
		}
	}
	for _, r := range st.resources {
		if wildcardMatch(r, resource) {
			resourceOK = true
			break
		}
	}
	return actionOK && resourceOK
}

// wildcardMatch reports whether s matches pattern, in which * stands for any run of characters
// (none included) and every other character for itself.
func wildcardMatch(pattern, s string) bool {
	// Greedy matching with backtracking to the last *: linear in practice, no recursion.
	p, i, star, mark := 0, 0, -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case p < len(pattern) && pattern[p] == s[i]:
			p++
			i++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// policyResource is the resource an ActionTrail call acts on, as a session policy's Resource
// names it: the trail acs:actiontrail:<region>:<account>:trail/<Name> for a call with a Name, else
// acs:actiontrail:<region>:<account>:trail/* (DescribeTrails, DescribeRegions).
func policyResource(c *call) string {
	name := c.params["Name"]
	if name == "" {
		name = "*"
	}
	return "acs:actiontrail:" + c.region + ":" + c.acct.id + ":trail/" + name
}
