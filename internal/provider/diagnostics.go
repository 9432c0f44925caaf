package provider

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
)

// addAPIError turns a failed call into a diagnostic on the attribute to blame, with the code, the
// HTTP status, the RequestId, the API's message and what to do. verb says what the provider was
// doing ("create", "update", ...).
func addAPIError(diags *diag.Diagnostics, verb, name string, err error) {
	var e *client.Error
	if !errors.As(err, &e) {
		diags.AddError(fmt.Sprintf("Cannot %s Trail", titleVerb(verb)), fmt.Sprintf("Could not %s trail %q: %s", verb, name, err))
		return
	}
	summary := fmt.Sprintf("Cannot %s Trail", titleVerb(verb))
	var b strings.Builder
	fmt.Fprintf(&b, "Could not %s trail %q in %s.\n", verb, name, e.Region)
	fix := ""
	switch e.Kind {
	case client.KindAPI, client.KindConflict:
		summary += ": " + e.Code
		fmt.Fprintf(&b, "%s answered %s (HTTP %d, RequestId: %s): %s\n", e.Action, e.Code, e.HTTPStatus, e.RequestIDText(), e.Message)
		fix = apiErrorFix(e.Code)
	case client.KindMalformed:
		summary += ": Unreadable API Answer"
		fmt.Fprintf(&b, "%s answered HTTP %d with a body that is not an ActionTrail answer: %s\n", e.Action, e.HTTPStatus, e.Message)
		fix = "Check that endpoint points at an ActionTrail API (or a proxy that passes its answers through)."
	case client.KindTransport:
		summary += ": Network Error"
		fmt.Fprintf(&b, "%s did not get an answer: %s\n", e.Action, e.Message)
		fix = "Check the network path to the endpoint; run terraform apply again once it is reachable."
	case client.KindCanceled:
		summary += ": Cancelled or Timed Out"
		fmt.Fprintf(&b, "%s was stopped: %s\n", e.Action, e.Message)
		fix = "Raise the timeouts block's value for this operation if the API is slow, or run the command again."
	default:
		fmt.Fprintf(&b, "%s failed: %s\n", e.Action, e.Message)
	}
	if e.Recommend != "" {
		fmt.Fprintf(&b, "The API recommends: %s\n", e.Recommend)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, "Gave up after %d attempts over %s.\n", e.Attempts, e.RetriedFor)
	}
	if e.Note != "" {
		fmt.Fprintf(&b, "Note: %s.\n", e.Note)
	}
	if fix != "" {
		fmt.Fprintf(&b, "What to do: %s", fix)
	}
	detail := strings.TrimRight(b.String(), "\n")
	if info, ok := client.LookupError(e.Code); ok && info.Blame == client.BlameResource && info.Attribute != "" && e.Kind != client.KindMalformed {
		diags.AddAttributeError(path.Root(info.Attribute), summary, detail)
		return
	}
	diags.AddError(summary, detail)
}

// apiErrorFix says what to do about an API answer, from the error catalog: its hint, and for a
// provider setting which one to check.
func apiErrorFix(code string) string {
	info, ok := client.LookupError(code)
	if !ok || info.Hint == "" {
		return ""
	}
	if info.Blame == client.BlameProvider && info.Attribute != "" {
		return fmt.Sprintf("Check %s in the provider configuration (or the environment variable or profile it comes from): %s",
			info.Attribute, lowerFirst(info.Hint))
	}
	return info.Hint
}

// lowerFirst makes a hint's sentence a clause: "The secret ..." becomes "the secret ...".
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func titleVerb(verb string) string {
	words := strings.Fields(verb)
	for i, w := range words {
		if w != "for" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

// addCreateError reports a failed create. A create whose outcome is unknown says that the trail
// may exist and how to take it over, since nothing was saved to the state.
func addCreateError(diags *diag.Diagnostics, name string, err error) {
	var u *client.UnconfirmedCreateError
	if !errors.As(err, &u) {
		addAPIError(diags, "create", name, err)
		return
	}
	var last diag.Diagnostics
	addAPIError(&last, "create", name, u.Err)
	lastDetail := ""
	if len(last) > 0 {
		lastDetail = last[0].Detail()
	}
	diags.AddError("Trail May Exist: Create Unconfirmed",
		fmt.Sprintf("Creating trail %q in %s is unconfirmed: %d CreateTrail attempt(s) ended without a clear answer (a server "+
			"error or a broken connection after the request was sent), and no later read settled whether the trail was "+
			"created. It may exist now without being in the Terraform state.\n"+
			"Check with the console or DescribeTrails, then, if it exists and has this configuration:\n%s\n"+
			"If it does not exist, run terraform apply again.\n\nThe last failure:\n%s",
			name, u.Region, u.LostAnswers, importAdvice(u.Region, name), lastDetail))
}

// addLookupFailure reports a failed plan-time lookup of a region's trails. An endpoint that could
// not be reached at all is an error (an apply could not succeed either); any other failure only
// warns, and the plan goes on.
func addLookupFailure(diags *diag.Diagnostics, region, name string, err error) {
	var e *client.Error
	if errors.As(err, &e) && e.Kind == client.KindTransport && !e.Reached {
		diags.AddError("ActionTrail Endpoint Unreachable",
			fmt.Sprintf("Listing the trails of %s before creating %q got no answer: %s. Check the provider's endpoint "+
				"setting (or its region, which names the endpoint actiontrail.<region>.aliyuncs.com), the network path "+
				"and any proxy settings (HTTPS_PROXY), then plan again.", region, name, e.Message))
		return
	}
	diags.AddAttributeWarning(path.Root("name"), "Could Not Check for an Existing Trail",
		fmt.Sprintf("Looking up the trails of %s before creating %q failed, so the plan could not check that the name is "+
			"free and the quota not reached. The apply will tell. The lookup said: %s", region, name, err))
}
