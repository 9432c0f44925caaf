output "trail_names" {
  description = "Trail name per region."
  value       = { for region, t in actiontrail_trail.this : region => t.name }
}

output "trail_arns" {
  description = "Trail ARN per region."
  value       = { for region, t in actiontrail_trail.this : region => t.trail_arn }
}

output "oss_key_prefixes" {
  description = "OSS key prefix per region (null when the trails deliver to Log Service only)."
  value       = { for region, t in actiontrail_trail.this : region => t.oss_key_prefix }
}

output "statuses" {
  description = "Trail status per region: Enable when logging, Fresh or Disable otherwise."
  value       = { for region, t in actiontrail_trail.this : region => t.status }
}

output "import_ids" {
  description = "Import ID per region (<region>:<name>), for import blocks when the module takes over existing trails."
  value       = { for region, t in actiontrail_trail.this : region => "${t.region}:${t.name}" }
}
