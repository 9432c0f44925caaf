package logpolicy_test

import (
	"os"
	"testing"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/logpolicy"
)

// logVariables are the variables that decide the logs of the SDK and of the actiontrail provider.
var logVariables = []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_ACTIONTRAIL"}

// unsetLogVariables empties every log variable until the test ends; empty is unset for
// terraform-plugin-log, whose default is TRACE.
func unsetLogVariables(tb testing.TB) {
	for _, v := range logVariables {
		tb.Setenv(v, "")
	}
}

func TestQuietUnlessAsked(t *testing.T) {
	unsetLogVariables(t)
	t.Setenv("TF_LOG_SDK_PROTO", "DEBUG") // set explicitly: kept
	logpolicy.QuietUnlessAsked("actiontrail")
	for v, want := range map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "DEBUG", "TF_LOG_SDK_FRAMEWORK": "OFF", "TF_LOG_PROVIDER_ACTIONTRAIL": "OFF"} {
		if got := os.Getenv(v); got != want {
			t.Errorf("no TF_LOG: %s=%q, want %q", v, got, want)
		}
	}

	for _, asked := range []string{"TF_LOG", "TF_LOG_PROVIDER"} {
		unsetLogVariables(t)
		t.Setenv(asked, "TRACE")
		logpolicy.QuietUnlessAsked("actiontrail")
		if got := os.Getenv("TF_LOG_SDK"); got != "" {
			t.Errorf("with %s set, TF_LOG_SDK=%q, want it left alone", asked, got)
		}
	}
}
