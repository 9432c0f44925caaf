#!/usr/bin/env bash
# make org-demo: build the provider and the emulator, start the emulator with the accounts of
# examples/organization/accounts.json (a resource directory's management account and two members,
# each member with a role the management account may assume) over HTTPS, and apply
# examples/organization: the organization trail in the management account and a trail in each
# member through provider aliases with assume_role. Then: an empty plan, a member's organization
# trail refused, a wrong role refused at plan time, destroy.
#
# HTTPS: the SDK's STS credential providers (assume_role) call STS over HTTPS only. The script
# makes a throwaway certificate for 127.0.0.1 and points SSL_CERT_FILE at it (Linux; on macOS Go
# ignores SSL_CERT_FILE, add the certificate to the keychain instead).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
find_terraform
fresh_work_dir "$root/.org-demo" bin tf tls

# trails prints the emulator's trails, one line per trail: account, region, name, organization or not.
trails() {
  curl -fsS --cacert "$work/tls/cert.pem" "$url/_emulator/trails" |
    python3 -c 'import json,sys
for t in json.load(sys.stdin): print("  account %s  %s  %-16s organization=%s" % (t["AccountId"], t["HomeRegion"], t["Name"], t["IsOrganizationTrail"]))'
}

step "Building the provider"
build_provider "$root" "$work/bin"

step "A certificate for 127.0.0.1, and the emulator with three accounts over HTTPS"
(cd "$work/tls" && go run "$(go env GOROOT)/src/crypto/tls/generate_cert.go" --host 127.0.0.1 --ca --duration 24h >/dev/null 2>&1)
export SSL_CERT_FILE="$work/tls/cert.pem"
trap stop_emulator EXIT
start_emulator "$root" "$work" -accounts "$root/examples/organization/accounts.json" \
  -tls-cert "$work/tls/cert.pem" -tls-key "$work/tls/key.pem"
write_cli_config "$work/terraformrc" "$work/bin"
# The management account's key; the members are reached through assume_role.
export ALICLOUD_ACTIONTRAIL_ENDPOINT="$url" ALICLOUD_REGION=cn-hangzhou
export ALICLOUD_ACCESS_KEY=org-management-key ALICLOUD_SECRET_KEY=org-management-secret
unset ALICLOUD_SECURITY_TOKEN ALICLOUD_PROFILE ALIBABA_CLOUD_SECURITY_TOKEN ALIBABA_CLOUD_PROFILE ALIBABA_CLOUD_ROLE_ARN \
  ALIBABA_CLOUD_OIDC_PROVIDER_ARN ALIBABA_CLOUD_OIDC_TOKEN_FILE ALICLOUD_STS_ENDPOINT
cp "$root/examples/organization/main.tf" "$work/tf/"
cd "$work/tf"

step "1. One apply: the organization trail (management account) and a trail in each member (assume_role)"
tf apply -auto-approve -input=false -compact-warnings
trails

step "2. Plan again: nothing to do"
tf plan -input=false -compact-warnings -detailed-exitcode

step "3. A member may not create an organization trail (NotAllowCreateOrganizationTrail on is_organization_trail)"
cat >member_org.tf <<'TF'
resource "actiontrail_trail" "member_org" {
  provider              = actiontrail.security
  name                  = "member-org"
  is_organization_trail = true
  oss_bucket_name       = var.oss_bucket_name
}
TF
if tf apply -auto-approve -input=false -no-color -compact-warnings >"$work/member-org.txt" 2>&1; then
  cat "$work/member-org.txt"
  echo "expected the member's organization trail to be refused" >&2
  exit 1
fi
grep -A3 '^Error:' "$work/member-org.txt"
grep -q 'NotAllowCreateOrganizationTrail' "$work/member-org.txt"
rm member_org.tf

step "4. A role that does not exist fails the plan on the provider's configuration, before any trail is planned"
if tf plan -input=false -no-color -compact-warnings \
  -var 'member_roles={security="acs:ram::2222222222222222:role/nope",workloads="acs:ram::3333333333333333:role/actiontrail-admin"}' \
  >"$work/bad-role.txt" 2>&1; then
  cat "$work/bad-role.txt"
  echo "expected the plan to fail" >&2
  exit 1
fi
grep -A6 '^Error:' "$work/bad-role.txt"
grep -q 'Cannot Assume Role: EntityNotExist.Role' "$work/bad-role.txt"

step "5. Destroy"
tf destroy -auto-approve -input=false -compact-warnings
left="$(curl -fsS --cacert "$work/tls/cert.pem" "$url/_emulator/trails")"
if [ "$left" != "[]" ]; then
  echo "trails left: $left" >&2
  exit 1
fi

step "6. The emulator's view"
echo "trails left: $left"
echo "API calls:   $(curl -fsS --cacert "$work/tls/cert.pem" "$url/_emulator/calls")"
step "Organization demo finished"
