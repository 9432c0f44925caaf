# Watch a trail's deliveries: every refresh of this logging trail reads its delivery health
# (one GetTrailStatus call more) into delivery_status, and `terraform plan` warns on
# oss_bucket_name or sls_project_arn when that target is unavailable or its latest delivery failed.
resource "actiontrail_trail" "watched" {
  name            = "audit-watched"
  oss_bucket_name = "audit-logs-2024"
  sls_project_arn = "acs:log:cn-hangzhou:1234567890123456:project/actiontrail-audit"
  check_delivery  = true
}

output "audit_bucket_available" {
  # null until the first refresh after the create, and while the trail is not logging.
  value = try(actiontrail_trail.watched.delivery_status.oss_bucket_available, null)
}
