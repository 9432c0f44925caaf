package logpolicy

import (
	"os"
	"testing"
)

func TestQuietUnlessAsked(t *testing.T) {
	vars := []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_ACTIONTRAIL"}
	reset := func() {
		for _, v := range vars {
			t.Setenv(v, "")
		}
	}

	reset()
	t.Setenv("TF_LOG_SDK_PROTO", "DEBUG") // set explicitly: kept
	QuietUnlessAsked("actiontrail")
	for v, want := range map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "DEBUG", "TF_LOG_SDK_FRAMEWORK": "OFF", "TF_LOG_PROVIDER_ACTIONTRAIL": "OFF"} {
		if got := os.Getenv(v); got != want {
			t.Errorf("no TF_LOG: %s=%q, want %q", v, got, want)
		}
	}

	for _, asked := range []string{"TF_LOG", "TF_LOG_PROVIDER"} {
		reset()
		t.Setenv(asked, "TRACE")
		QuietUnlessAsked("actiontrail")
		if got := os.Getenv("TF_LOG_SDK"); got != "" {
			t.Errorf("with %s set, TF_LOG_SDK=%q, want it left alone", asked, got)
		}
	}
}
