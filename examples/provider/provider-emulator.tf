# The local emulator (go run ./internal/emulator/cmd/actiontrail-emulator), with its default keys.
# In CI, prefer the environment: ALICLOUD_ACTIONTRAIL_ENDPOINT, ALICLOUD_ACCESS_KEY, ...
provider "actiontrail" {
  alias      = "emulator"
  region     = "cn-hangzhou"
  endpoint   = "http://127.0.0.1:18080"
  access_key = "emulator-access-key-id"
  secret_key = "emulator-access-key-secret"
}
