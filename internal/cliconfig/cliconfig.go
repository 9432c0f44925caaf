// Package cliconfig writes the Terraform (and OpenTofu) CLI configuration that serves providers
// from local directories (dev_overrides) and never downloads one. The demo scripts (through
// cmd/write-cli-config), the tests that run the terraform CLI and the benchmark all write it here.
package cliconfig

import (
	"fmt"
	"os"
	"strings"
)

// Override serves the provider Source ("namespace/type", e.g. "openactiontrail/actiontrail") from
// Dir, the directory holding terraform-provider-<type>.
type Override struct {
	Source, Dir string
}

// registries are the hosts an override is keyed on: Terraform resolves "namespace/type" to
// registry.terraform.io, OpenTofu to registry.opentofu.org, and each ignores the other's key.
var registries = []string{"registry.terraform.io", "registry.opentofu.org"}

// Text is the CLI configuration: no checkpoint calls, the overrides, and no direct installation of
// any other provider (terraform_data is built in).
func Text(overrides ...Override) string {
	var b strings.Builder
	b.WriteString("disable_checkpoint = true\nprovider_installation {\n  dev_overrides {\n")
	for _, o := range overrides {
		for _, host := range registries {
			fmt.Fprintf(&b, "    %q = %q\n", host+"/"+o.Source, o.Dir)
		}
	}
	b.WriteString("  }\n  direct {\n    exclude = [\"*/*/*\"]\n  }\n}\n")
	return b.String()
}

// Write writes Text(overrides...) to path.
func Write(path string, overrides ...Override) error {
	return os.WriteFile(path, []byte(Text(overrides...)), 0o644)
}

// Parse reads an override written SOURCE=DIR (the command's arguments).
func Parse(arg string) (Override, error) {
	source, dir, ok := strings.Cut(arg, "=")
	if !ok || strings.Count(source, "/") != 1 || dir == "" {
		return Override{}, fmt.Errorf("%q: want NAMESPACE/TYPE=DIR", arg)
	}
	return Override{Source: source, Dir: dir}, nil
}
