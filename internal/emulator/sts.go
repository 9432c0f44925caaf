package emulator

// STSVersion is the version of the STS API the emulator serves on its port beside ActionTrail.
const STSVersion = "2015-04-01"

// stsActions are the STS actions the emulator answers.
var stsActions = map[string]actionFunc{
	"GetCallerIdentity": (*Server).getCallerIdentity,
}

var stsProduct = &product{name: "Sts", actions: stsActions}

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
