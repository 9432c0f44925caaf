# The ARN of a trail of another account, e.g. for a RAM policy.
output "audit_trail_arn" {
  value = provider::actiontrail::trail_arn("cn-hangzhou", "1234567890123456", "audit-trail")
  # "acs:actiontrail:cn-hangzhou:1234567890123456:trail/audit-trail"
}
