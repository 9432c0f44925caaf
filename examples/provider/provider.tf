terraform {
  required_providers {
    actiontrail = {
      source  = "openactiontrail/actiontrail"
      version = "~> 0.1"
    }
  }
}

# Region and credentials from the environment: ALICLOUD_REGION, ALICLOUD_ACCESS_KEY and
# ALICLOUD_SECRET_KEY (plus ALICLOUD_SECURITY_TOKEN for STS credentials).
provider "actiontrail" {}
