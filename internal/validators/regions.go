package validators

//go:generate go run gen_regions.go

import (
	"regexp"
	"slices"
	"strings"

	"github.com/agext/levenshtein"
)

// KnownRegion reports whether the SDK's endpoint data knows region.
func KnownRegion(region string) bool {
	_, found := slices.BinarySearch(sdkRegions, region)
	return found
}

// NearestRegion returns the region of known closest to s, and how many edits apart they are.
func NearestRegion(s string, known []string) (string, int) {
	best, bestD := "", -1
	for _, r := range known {
		if d := levenshtein.Distance(s, r, nil); bestD < 0 || d < bestD {
			best, bestD = r, d
		}
	}
	return best, bestD
}

var numbered = regexp.MustCompile(`-[0-9]+$`)

// regionTypo returns a reason when s, a well-formed region ID that the SDK's data does not know,
// looks like a misspelt known region ("cn-hangzou"): at most two edits from one of its area (or of
// any area, when its area is unknown: "cm-hangzhou"), and not a numbered sibling of one ("ap-northeast-2" beside "ap-northeast-1" is more likely a region newer than the
// data). Other unknown regions are left to the plan, which asks the API (DescribeRegions).
func regionTypo(s string) string {
	if KnownRegion(s) {
		return ""
	}
	// Compare with the regions of the same area when the area ("me" of "me-central-1") is one the
	// data knows: a region of a known area is spelt with that area on purpose.
	candidates := sdkRegions
	area, _, _ := strings.Cut(s, "-")
	var same []string
	for _, r := range sdkRegions {
		if strings.HasPrefix(r, area+"-") {
			same = append(same, r)
		}
	}
	if len(same) > 0 {
		candidates = same
	}
	near, d := NearestRegion(s, candidates)
	if d < 0 || d > 2 || numbered.ReplaceAllString(s, "") == numbered.ReplaceAllString(near, "") {
		return ""
	}
	return `it is no region Alibaba Cloud has; did you mean "` + near + `"?`
}

// RegionProblem returns "" if s is a well-formed region ID (RegionIDRule) that is not a misspelt
// known region, otherwise a short reason.
func RegionProblem(s string) string {
	if p := RegionIDProblem(s); p != "" {
		return p
	}
	return regionTypo(s)
}
