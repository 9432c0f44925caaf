# A member account of the resource directory: the base credentials (here from the environment)
# assume a role there. Resources pick it with `provider = actiontrail.member`.
provider "actiontrail" {
  alias  = "member"
  region = "cn-hangzhou"
  assume_role {
    role_arn           = "acs:ram::2222222222222222:role/actiontrail-admin"
    session_name       = "terraform-audit"
    session_expiration = 3600
  }
}
