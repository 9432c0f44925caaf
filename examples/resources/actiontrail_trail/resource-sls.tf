# Deliver every event (reads and writes) of cn-hangzhou to a Log Service project, ActionTrail
# writing as a given RAM role; the trail is created but left switched off.
resource "actiontrail_trail" "sls" {
  name               = "audit-sls"
  sls_project_arn    = "acs:log:cn-hangzhou:1234567890123456:project/actiontrail-audit"
  sls_write_role_arn = "acs:ram::1234567890123456:role/aliyunactiontraildefaultrole"
  event_rw           = "All"
  trail_region       = "cn-hangzhou"
  enable_logging     = false

  timeouts {
    create = "15m"
  }
}
