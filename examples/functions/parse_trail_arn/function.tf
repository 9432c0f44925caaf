locals {
  trail = provider::actiontrail::parse_trail_arn("acs:actiontrail:cn-hangzhou:1234567890123456:trail/audit-trail")
  # { region = "cn-hangzhou", account_id = "1234567890123456", name = "audit-trail" }
}

# The import ID of actiontrail_trail for the trail the ARN names.
output "audit_trail_import_id" {
  value = "${local.trail.region}:${local.trail.name}" # "cn-hangzhou:audit-trail"
}
