# From CI with no stored keys: the CI system's OIDC token (written to a file before terraform
# runs) is exchanged for a role's temporary credentials.
provider "actiontrail" {
  alias  = "ci"
  region = "cn-hangzhou"
  assume_role_with_oidc {
    oidc_provider_arn = "acs:ram::1111111111111111:oidc-provider/github"
    role_arn          = "acs:ram::1111111111111111:role/terraform-ci"
    oidc_token_file   = "/tmp/oidc-token"
  }
}
