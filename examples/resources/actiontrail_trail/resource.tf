# The CreateTrail request of the API reference: trail-test writes the account's events to the
# OSS bucket yuanchuang, with no key prefix, ActionTrail acting as the RAM role
# aliyunactiontraildefaultrole.
resource "actiontrail_trail" "example" {
  name            = "trail-test"
  oss_bucket_name = "yuanchuang"
  role_name       = "aliyunactiontraildefaultrole"
  oss_key_prefix  = ""
}
