# The trails of the provider's region whose name starts with "audit-".
data "actiontrail_trails" "audit" {
  name_regex = "^audit-"
}

# The stopped trails of cn-hangzhou and, with include_shadow_trails, those of other regions that
# record cn-hangzhou's events.
data "actiontrail_trails" "stopped" {
  region                = "cn-hangzhou"
  include_shadow_trails = true
  status                = "Disable"
}

output "audit_trail_names" {
  value = data.actiontrail_trails.audit.names
}

# Import IDs (<home region>:<name>), e.g. for import blocks.
output "stopped_trails" {
  value = {
    for t in data.actiontrail_trails.stopped.trails : t.id => {
      bucket = t.oss_bucket_name
      stop   = t.stop_logging_time
    }
  }
}
