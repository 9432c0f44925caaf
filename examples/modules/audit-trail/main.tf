# An audit trail per region, named <name_prefix>-<environment>-<region>, recording the events of its
# own region and writing them to one bucket under <environment>/<region>/ (and/or to one Log Service
# project).
locals {
  trails = {
    for region in var.regions : region => {
      name           = "${var.name_prefix}-${var.environment}-${region}"
      oss_key_prefix = "${var.environment}/${region}"
    }
  }
}

resource "actiontrail_trail" "this" {
  for_each = local.trails

  name         = each.value.name
  region       = each.key
  trail_region = each.key
  event_rw     = var.event_rw

  oss_bucket_name    = var.oss_bucket_name
  oss_key_prefix     = var.oss_bucket_name == null ? null : each.value.oss_key_prefix
  oss_write_role_arn = var.oss_bucket_name == null ? null : var.oss_write_role_arn

  sls_project_arn    = var.sls_project_arn
  sls_write_role_arn = var.sls_project_arn == null ? null : var.sls_write_role_arn

  enable_logging = var.enable_logging

  lifecycle {
    precondition {
      condition     = var.oss_bucket_name != null || var.sls_project_arn != null
      error_message = "Set oss_bucket_name, sls_project_arn or both: a trail needs somewhere to deliver its events."
    }
  }
}
