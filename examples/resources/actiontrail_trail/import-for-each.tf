# Terraform 1.7 and later: adopt every trail of the provider's region in one plan. The data
# source lists them; its ids (<region>:<name>) are import IDs, and each trail's settings, as the
# API reports them, become the configuration. An empty string (a setting the trail does not use)
# becomes null, the resource's "not set".
data "actiontrail_trails" "all" {}

locals {
  trails = { for t in data.actiontrail_trails.all.trails : t.id => t }
}

import {
  for_each = local.trails
  to       = actiontrail_trail.adopted[each.key]
  id       = each.key
}

resource "actiontrail_trail" "adopted" {
  for_each = local.trails

  name                  = each.value.name
  region                = each.value.home_region
  oss_bucket_name       = each.value.oss_bucket_name != "" ? each.value.oss_bucket_name : null
  oss_key_prefix        = each.value.oss_key_prefix != "" ? each.value.oss_key_prefix : null
  sls_project_arn       = each.value.sls_project_arn != "" ? each.value.sls_project_arn : null
  event_rw              = each.value.event_rw
  trail_region          = each.value.trail_region
  is_organization_trail = each.value.is_organization_trail
  enable_logging        = each.value.enable_logging
  # oss_write_role_arn and sls_write_role_arn are read back on import; role_name cannot be.
}
