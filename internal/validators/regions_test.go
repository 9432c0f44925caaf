package validators

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestRegionProblem(t *testing.T) {
	for _, tc := range []struct {
		region, want string // want: "" for valid, else a part of the reason
	}{
		{"cn-hangzhou", ""},
		{"ap-southeast-1", ""},
		{"cn-chengdu", ""},     // in the SDK's data for other products, not for ActionTrail's entry
		{"ap-northeast-2", ""}, // a numbered sibling of a known region: newer than the data, not a typo
		{"cn-hangzhou-2", ""},  // likewise
		{"me-central-1", ""},   // far from every known region: left to the plan (DescribeRegions)
		{"cn-hangzou", `did you mean "cn-hangzhou"?`},
		{"cn-beijng", `did you mean "cn-beijing"?`},
		{"cn-shangai", `did you mean "cn-shanghai"?`},
		{"eu-centra-1", `did you mean "eu-central-1"?`},
		{"cm-hangzhou", `did you mean "cn-hangzhou"?`}, // an unknown area: every region is a candidate
		{"CN-hangzhou", "lowercase"},
		{"", "empty"},
	} {
		got := RegionProblem(tc.region)
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("RegionProblem(%q) = %q, want %q", tc.region, got, tc.want)
		}
	}
}

func TestRegionValidatorSuggests(t *testing.T) {
	req := validator.StringRequest{Path: path.Root("region"), ConfigValue: types.StringValue("cn-hangzou")}
	var resp validator.StringResponse
	RegionID().ValidateString(context.Background(), req, &resp)
	if !resp.Diagnostics.HasError() {
		t.Fatal("cn-hangzou should fail")
	}
	d := resp.Diagnostics[0].Detail()
	for _, want := range []string{`"cn-hangzou"`, `did you mean "cn-hangzhou"?`, "skip_region_validation"} {
		if !strings.Contains(d, want) {
			t.Errorf("the detail lacks %q: %s", want, d)
		}
	}
}

func TestSDKRegionsAreSortedAndWellFormed(t *testing.T) {
	if len(sdkRegions) < 10 || !slices.IsSorted(sdkRegions) {
		t.Fatalf("sdkRegions: %v", sdkRegions)
	}
	for _, r := range sdkRegions {
		if p := RegionIDProblem(r); p != "" {
			t.Errorf("%s: %s", r, p)
		}
	}
}
