package provider

// What the provider-defined functions (function_*.go) share.

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = providerFunction{}

// functionsNote ends the description of each function: where functions run, and how.
const functionsNote = "\n\nProvider-defined functions need Terraform 1.8 or later, or OpenTofu 1.7 or later. " +
	"Terraform calls them without configuring the provider. OpenTofu configures the provider first, so a " +
	"configuration that calls them needs the provider's settings (`region` and credentials) even when it " +
	"manages no trail."

// providerFunction is a provider-defined function: its name, its definition and what it does.
type providerFunction struct {
	name       string
	definition function.Definition
	run        func(context.Context, function.RunRequest, *function.RunResponse)
}

func (f providerFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = f.name
}

func (f providerFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = f.definition
}

func (f providerFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	f.run(ctx, req, resp)
}

// stringArguments reads a function's string arguments. Terraform refuses null arguments (the
// parameters do not allow them) and answers unknown ones itself, without calling the provider;
// called anyway, a function refuses a null argument by its name and gives an unknown result for
// an unknown one (known is false), rather than failing on a type conversion.
func stringArguments(ctx context.Context, data function.ArgumentsData, names ...string) (args []string, known bool, err *function.FuncError) {
	known = true
	for i, name := range names {
		var v types.String
		if err := data.GetArgument(ctx, i, &v); err != nil {
			return nil, false, err
		}
		switch {
		case v.IsNull():
			return nil, false, function.NewArgumentFuncError(int64(i), fmt.Sprintf("The %s argument must not be null", name))
		case v.IsUnknown():
			known = false
		}
		args = append(args, v.ValueString())
	}
	return args, known, nil
}
