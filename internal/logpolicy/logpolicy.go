// Package logpolicy decides, at provider start, whether the plugin SDK's and the provider's logs
// are produced at all.
package logpolicy

import (
	"os"
	"strings"
)

// QuietUnlessAsked turns the plugin SDK's and the provider's logs off when Terraform would drop
// them. Terraform keeps a provider's log lines only when TF_LOG or TF_LOG_PROVIDER is set, but
// terraform-plugin-go defaults every logger to TRACE: every gRPC call, validator and plan modifier
// writes JSON lines to stderr that Terraform parses and throws away (a third of the provider's CPU
// and part of Terraform's in make bench; BenchmarkPlanOneTrail measures the provider's side). A
// level the user set explicitly is kept. providerName is the provider's type name, for its
// TF_LOG_PROVIDER_<NAME> variable. The bench's floor fixture calls it too, so that the floor
// logs as little as the provider.
func QuietUnlessAsked(providerName string) {
	if os.Getenv("TF_LOG") != "" || os.Getenv("TF_LOG_PROVIDER") != "" {
		return
	}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK",
		"TF_LOG_PROVIDER_" + strings.ToUpper(providerName)} {
		if os.Getenv(name) == "" {
			_ = os.Setenv(name, "OFF")
		}
	}
}
