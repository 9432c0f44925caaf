variable "name_prefix" {
  description = "Short name of the team or organization, first part of every trail name (<name_prefix>-<environment>-<region>). The provider checks the trail name rules (lowercase letters, digits, '-' and '_', a letter first); the module only keeps the names within their 36 characters."
  type        = string

  validation {
    condition     = length(var.name_prefix) >= 1 && length(var.name_prefix) <= 12
    error_message = "name_prefix must be 1 to 12 characters, so that <name_prefix>-<environment>-<region> stays within the 36 characters of a trail name."
  }
}

variable "environment" {
  description = "Environment the trails audit: prod, staging or dev. Part of the trail names and of the OSS key prefixes."
  type        = string

  validation {
    condition     = contains(["prod", "staging", "dev"], var.environment)
    error_message = "environment must be one of prod, staging, dev."
  }
}

variable "regions" {
  description = "Regions to audit: one trail per region, living in that region and recording that region's events."
  type        = set(string)

  validation {
    condition     = length(var.regions) > 0 && alltrue([for r in var.regions : can(regex("^[a-z]{2,}(-[a-z0-9]+)+$", r))])
    error_message = "regions must hold at least one region ID such as \"cn-hangzhou\"."
  }
}

variable "oss_bucket_name" {
  description = "Existing OSS bucket the trails write to, each under the prefix <environment>/<region>. At least one of oss_bucket_name and sls_project_arn is needed."
  type        = string
  default     = null
}

variable "oss_write_role_arn" {
  description = "ARN of the RAM role ActionTrail assumes to write to the bucket. Default: the service-linked role."
  type        = string
  default     = null
}

variable "sls_project_arn" {
  description = "ARN of an existing Log Service project the trails also deliver to, acs:log:<region>:<account id>:project/<name>."
  type        = string
  default     = null
}

variable "sls_write_role_arn" {
  description = "ARN of the RAM role ActionTrail assumes to write to the Log Service project. Default: the service-linked role."
  type        = string
  default     = null
}

variable "event_rw" {
  description = "Which events the trails deliver: Write, Read or All."
  type        = string
  default     = "Write"

  validation {
    condition     = contains(["Write", "Read", "All"], var.event_rw)
    error_message = "event_rw must be one of Write, Read, All."
  }
}

variable "enable_logging" {
  description = "Whether the trails deliver events (false creates them switched off)."
  type        = bool
  default     = true
}
