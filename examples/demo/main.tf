# The demo that `make demo` applies against the local emulator. The provider's settings come from
# the environment the demo sets (ALICLOUD_REGION, ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY,
# ALICLOUD_ACTIONTRAIL_ENDPOINT).
terraform {
  required_providers {
    actiontrail = {
      source = "openactiontrail/actiontrail"
    }
  }
}

variable "name" {
  type    = string
  default = "trail-test"
}

variable "event_rw" {
  type    = string
  default = "Write"
}

provider "actiontrail" {}

# The CreateTrail example of the API's documentation.
resource "actiontrail_trail" "demo" {
  name            = var.name
  oss_bucket_name = "yuanchuang"
  role_name       = "aliyunactiontraildefaultrole"
  oss_key_prefix  = ""
  event_rw        = var.event_rw
}

output "trail_arn" {
  value = actiontrail_trail.demo.trail_arn
}

output "status" {
  value = actiontrail_trail.demo.status
}
