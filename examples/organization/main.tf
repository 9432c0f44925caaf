# Organization-wide audit with one configuration: the organization trail in the resource
# directory's management account, and a trail of their own in two member accounts, reached through
# provider aliases that assume a role in each. `make org-demo` applies it against the emulator
# (scripts/org-demo.sh, with the accounts of accounts.json); against the cloud, set the role ARNs
# and the bucket to yours. The management account's credentials come from the environment
# (ALICLOUD_REGION, ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY, or a CLI profile).
terraform {
  required_providers {
    actiontrail = {
      source = "openactiontrail/actiontrail"
    }
  }
}

variable "oss_bucket_name" {
  description = "Bucket that receives the events (one bucket for all accounts, a prefix each)."
  type        = string
  default     = "actiontrail-demo-bucket"
}

variable "member_roles" {
  description = "The role to assume in each member account; its trust policy names the management account."
  type = object({
    security  = string
    workloads = string
  })
  default = {
    security  = "acs:ram::2222222222222222:role/actiontrail-admin"
    workloads = "acs:ram::3333333333333333:role/actiontrail-admin"
  }
}

# The management account.
provider "actiontrail" {}

# A member account: the management account's credentials assume a role there.
provider "actiontrail" {
  alias = "security"
  assume_role {
    role_arn     = var.member_roles.security
    session_name = "terraform-org-audit"
  }
}

provider "actiontrail" {
  alias = "workloads"
  assume_role {
    role_arn     = var.member_roles.workloads
    session_name = "terraform-org-audit"
  }
}

# One trail for every account of the resource directory: only the management account (or a
# delegated administrator) may create it.
resource "actiontrail_trail" "organization" {
  name                  = "org-audit"
  is_organization_trail = true
  event_rw              = "All"
  oss_bucket_name       = var.oss_bucket_name
  oss_key_prefix        = "organization"
}

# A member's own trail, for what its team wants besides the organization's (here: reads too).
resource "actiontrail_trail" "security" {
  provider        = actiontrail.security
  name            = "security-audit"
  event_rw        = "All"
  oss_bucket_name = var.oss_bucket_name
  oss_key_prefix  = "security"
}

resource "actiontrail_trail" "workloads" {
  provider        = actiontrail.workloads
  name            = "workloads-audit"
  oss_bucket_name = var.oss_bucket_name
  oss_key_prefix  = "workloads"
}

output "trail_arns" {
  description = "Each trail's ARN names the account that holds it."
  value = {
    organization = actiontrail_trail.organization.trail_arn
    security     = actiontrail_trail.security.trail_arn
    workloads    = actiontrail_trail.workloads.trail_arn
  }
}
