# Plan-only runs against the emulator: the module's conventions and its input checks.
variables {
  name_prefix     = "acme"
  environment     = "prod"
  regions         = ["cn-hangzhou", "cn-shanghai"]
  oss_bucket_name = "yuanchuang"
}

run "one_trail_per_region" {
  command = plan

  assert {
    condition     = length(actiontrail_trail.this) == 2
    error_message = "Expected one trail per region."
  }
  assert {
    condition     = actiontrail_trail.this["cn-shanghai"].name == "acme-prod-cn-shanghai"
    error_message = "Trail names follow <name_prefix>-<environment>-<region>."
  }
  assert {
    condition     = actiontrail_trail.this["cn-shanghai"].region == "cn-shanghai" && actiontrail_trail.this["cn-shanghai"].trail_region == "cn-shanghai"
    error_message = "Each trail lives in its region and records that region's events."
  }
  assert {
    condition     = actiontrail_trail.this["cn-hangzhou"].oss_key_prefix == "prod/cn-hangzhou"
    error_message = "OSS key prefixes follow <environment>/<region>."
  }
  assert {
    condition     = actiontrail_trail.this["cn-hangzhou"].event_rw == "Write" && actiontrail_trail.this["cn-hangzhou"].enable_logging
    error_message = "By default the trails deliver write events and are switched on."
  }
  assert {
    condition     = output.trail_names == { "cn-hangzhou" = "acme-prod-cn-hangzhou", "cn-shanghai" = "acme-prod-cn-shanghai" }
    error_message = "Output trail_names is known at plan time."
  }
}

run "log_service_only" {
  command = plan

  variables {
    oss_bucket_name = null
    sls_project_arn = "acs:log:cn-hangzhou::project/actiontrail-demo-project"
    regions         = ["cn-hangzhou"]
    event_rw        = "All"
  }

  assert {
    condition     = actiontrail_trail.this["cn-hangzhou"].oss_key_prefix == null && actiontrail_trail.this["cn-hangzhou"].oss_bucket_name == null
    error_message = "Without a bucket there is no key prefix."
  }
  assert {
    condition     = actiontrail_trail.this["cn-hangzhou"].sls_project_arn == "acs:log:cn-hangzhou::project/actiontrail-demo-project"
    error_message = "The Log Service project is passed through."
  }
}

# Variable validation, before anything reaches the provider.
run "environment_must_be_known" {
  command = plan
  variables {
    environment = "qa"
  }
  expect_failures = [var.environment]
}

run "name_prefix_keeps_names_short" {
  command = plan
  variables {
    name_prefix = "a-very-long-team-name"
  }
  expect_failures = [var.name_prefix]
}

run "regions_must_be_region_ids" {
  command = plan
  variables {
    regions = ["Hangzhou"]
  }
  expect_failures = [var.regions]
}

# The resource's precondition: a delivery target is required.
run "needs_a_delivery_target" {
  command = plan
  variables {
    oss_bucket_name = null
  }
  expect_failures = [actiontrail_trail.this]
}
