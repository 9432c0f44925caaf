# Terraform 1.5 and later: adopt an existing trail with an import block, then `terraform plan`.
# The id is <name> (in the provider's region) or <region>:<name>.
import {
  to = actiontrail_trail.example
  id = "cn-hangzhou:trail-test"
}
