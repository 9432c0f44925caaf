# Deliver the write events of every region to a MaxCompute project only: its name must start with
# actiontrail_, and ActionTrail writes to it as the given RAM role (without one, the API uses the
# service-linked role and the provider reads its choice back).
resource "actiontrail_trail" "maxcompute" {
  name                       = "audit-maxcompute"
  max_compute_project_arn    = "acs:odps:cn-hangzhou:1234567890123456:project/actiontrail_audit"
  max_compute_write_role_arn = "acs:ram::1234567890123456:role/actiontrail-maxcompute-writer"
}
