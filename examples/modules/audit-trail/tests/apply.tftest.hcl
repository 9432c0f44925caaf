# Creates the trails on the emulator, checks the outputs, switches logging off, and lets
# terraform test destroy everything at the end.
variables {
  name_prefix     = "acme"
  environment     = "staging"
  regions         = ["cn-hangzhou", "cn-shanghai"]
  oss_bucket_name = "yuanchuang"
}

run "create" {
  assert {
    condition     = output.statuses == { "cn-hangzhou" = "Enable", "cn-shanghai" = "Enable" }
    error_message = "Both trails are logging after apply."
  }
  assert {
    condition     = alltrue([for region, arn in output.trail_arns : can(regex("^acs:actiontrail:${region}:[0-9]+:trail/acme-staging-${region}$", arn))])
    error_message = "Each trail has its ARN in its own region."
  }
  assert {
    condition     = output.oss_key_prefixes["cn-shanghai"] == "staging/cn-shanghai"
    error_message = "The prefix convention is applied."
  }
  assert {
    condition     = output.import_ids["cn-hangzhou"] == "cn-hangzhou:acme-staging-cn-hangzhou"
    error_message = "Import IDs are <region>:<name>."
  }
}

run "switch_off" {
  variables {
    enable_logging = false
  }

  assert {
    condition     = output.statuses == { "cn-hangzhou" = "Disable", "cn-shanghai" = "Disable" }
    error_message = "Both trails are stopped."
  }
}
