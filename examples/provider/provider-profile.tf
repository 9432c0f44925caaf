# A second configuration: another region, with the credentials of a profile of the aliyun CLI's
# ~/.aliyun/config.json. Resources pick it with `provider = actiontrail.shanghai`.
provider "actiontrail" {
  alias   = "shanghai"
  region  = "cn-shanghai"
  profile = "audit"
}
