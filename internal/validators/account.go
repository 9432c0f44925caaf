package validators

// AccountIDProblem returns "" if s is a valid Alibaba Cloud account ID, the
// account field of the ARNs (SLSProjectARNRule, RoleARNRule): one or more
// digits. Otherwise it returns a short reason, worded as for that field of an
// ARN ("its account ID must not be empty").
//
// It states no new rule: it exposes the account ID part of the ARN rules, for
// callers that take the account ID on its own (the trail_arn function).
func AccountIDProblem(s string) string { return accountID.problem(s, 0) }
