package emulator

// knownRegions are the ActionTrail region IDs the emulator answers: the regions that have an
// actiontrail.<region>.aliyuncs.com endpoint in the endpoint data of the current official SDK
// (alibabacloud-go/actiontrail-20200706's client). The v1 SDK's older data
// (alibaba-cloud-sdk-go sdk/endpoints) also lists ap-southeast-2 (Sydney) and ap-south-1 (Mumbai),
// regions that Alibaba Cloud closed in 2024 and that the current data no longer has; they are not
// here. Config.ExtraRegions (-extra-regions) adds regions newer than this list. See DECISIONS.md.
var knownRegions = []string{
	// Chinese mainland
	"cn-hangzhou", "cn-shanghai", "cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote",
	"cn-wulanchabu", "cn-shenzhen", "cn-heyuan", "cn-guangzhou", "cn-chengdu", "cn-nanjing",
	"cn-zhongwei",
	// Finance and government clouds with their own endpoint
	"cn-shanghai-finance-1", "cn-north-2-gov-1",
	// Hong Kong and the rest of Asia Pacific
	"cn-hongkong", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-3",
	"ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ap-southeast-8",
	// Europe, the Americas, the Middle East
	"eu-central-1", "eu-west-1", "eu-west-2", "us-west-1", "us-east-1", "us-southeast-1", "na-south-1",
	"me-east-1", "me-central-1",
}

// KnownRegions returns the region IDs a Server built with this Config answers: the emulator's list,
// the extra regions and the default region.
func (cfg Config) KnownRegions() []string {
	out := append([]string(nil), knownRegions...)
	seen := make(map[string]bool, len(out))
	for _, r := range out {
		seen[r] = true
	}
	for _, r := range append(append([]string(nil), cfg.ExtraRegions...), cfg.DefaultRegion) {
		if r != "" && !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// knownRegion reports whether the emulator answers region.
func (s *Server) knownRegion(region string) bool { return s.known[region] }
