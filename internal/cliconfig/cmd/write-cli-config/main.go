// Command write-cli-config writes a Terraform (and OpenTofu) CLI configuration that serves
// providers from local directories and never downloads one (see package cliconfig):
//
//	write-cli-config FILE NAMESPACE/TYPE=DIR...
package main

import (
	"fmt"
	"os"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/cliconfig"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: write-cli-config FILE NAMESPACE/TYPE=DIR...")
		os.Exit(2)
	}
	var overrides []cliconfig.Override
	for _, arg := range os.Args[2:] {
		o, err := cliconfig.Parse(arg)
		if err != nil {
			fmt.Fprintln(os.Stderr, "write-cli-config:", err)
			os.Exit(2)
		}
		overrides = append(overrides, o)
	}
	if err := cliconfig.Write(os.Args[1], overrides...); err != nil {
		fmt.Fprintln(os.Stderr, "write-cli-config:", err)
		os.Exit(1)
	}
}
