# After the migration: the trail that alicloud_actiontrail_trail.audit managed, as
# actiontrail_trail.audit. The moved block hands its state over; the next plan changes nothing.
terraform {
  required_version = ">= 1.8" # moved blocks across resource types
  required_providers {
    actiontrail = {
      source = "openactiontrail/actiontrail"
    }
    # The official provider must stay installed while the move is planned (Terraform needs its
    # schema for the old state). terraform init installs it for the state alone; a configuration
    # with other alicloud resources keeps its alicloud = { source = "aliyun/alicloud" } as before.
  }
}

# The region the official provider used: its trail states (before region_id) do not record it.
provider "actiontrail" {
  region = "cn-hangzhou"
}

moved {
  from = alicloud_actiontrail_trail.audit
  to   = actiontrail_trail.audit
}

resource "actiontrail_trail" "audit" {
  name            = "migrated-trail" # was trail_name (or name)
  oss_bucket_name = "yuanchuang"
  oss_key_prefix  = "audit/"
  role_name       = "aliyunactiontraildefaultrole"
  # status = "Enable" was the official default; enable_logging = true is this one's.
}
