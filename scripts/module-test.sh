#!/usr/bin/env bash
# make module-test: run examples/modules/audit-trail's `terraform test` files against the emulator,
# with the provider built from this tree (dev_overrides: no terraform init, nothing downloaded), then
# check that the provider's own diagnostics reach a module user: a trail name the module lets
# through fails `terraform plan` on the resource's name, before any API call. (`expect_failures`
# in test files only matches custom conditions, never a provider's error.)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
TERRAFORM="${TERRAFORM:-$("$root/scripts/terraform-path.sh")}"
module="$root/examples/modules/audit-trail"
work="$(mktemp -d)"
emu=""
cleanup() {
  if [ -n "$emu" ]; then kill "$emu" 2>/dev/null || true; wait "$emu" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }

step "Building the provider and the emulator"
(cd "$root" && go build -o "$work/bin/terraform-provider-actiontrail" . &&
  go build -o "$work/emulator/actiontrail-emulator" ./internal/emulator/cmd/actiontrail-emulator)

step "Starting the emulator"
"$work/emulator/actiontrail-emulator" -addr 127.0.0.1:0 >"$work/emulator.out" 2>"$work/emulator.log" &
emu=$!
line=""
for _ in $(seq 1 200); do
  line="$(head -n 1 "$work/emulator.out" 2>/dev/null || true)"
  [ -n "$line" ] && break
  kill -0 "$emu" 2>/dev/null || { cat "$work/emulator.log" >&2; exit 1; }
  sleep 0.05
done
[ -n "$line" ] || { echo "the emulator did not start" >&2; exit 1; }
url="${line#listening on }"
echo "$line"

cat >"$work/terraformrc" <<RC
disable_checkpoint = true
provider_installation {
  dev_overrides {
    "registry.terraform.io/openactiontrail/actiontrail" = "$work/bin"
  }
  direct {
    exclude = ["*/*/*"]
  }
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
export ALICLOUD_ACTIONTRAIL_ENDPOINT="$url" ALICLOUD_REGION=cn-hangzhou
export ALICLOUD_ACCESS_KEY=emulator-access-key-id ALICLOUD_SECRET_KEY=emulator-access-key-secret
unset ALICLOUD_SECURITY_TOKEN ALICLOUD_PROFILE ALIBABA_CLOUD_SECURITY_TOKEN ALIBABA_CLOUD_PROFILE

# A copy, so that no .terraform directory or state lands in the tree.
cp -R "$module" "$work/audit-trail"
cd "$work/audit-trail"

version="$("$TERRAFORM" version -json | sed -n 's/.*"terraform_version": *"\([0-9.]*\).*/\1/p')"
minor="$(echo "$version" | cut -d. -f2)"
if [ "$(echo "$version" | cut -d. -f1)" -gt 1 ] || [ "$minor" -ge 6 ]; then
  step "terraform test (Terraform $version, no terraform init)"
  "$TERRAFORM" test -no-color
  left="$(curl -fsS "$url/_emulator/trails")"
  if [ "$left" != "[]" ]; then
    echo "terraform test left trails behind: $left" >&2
    exit 1
  fi
else
  step "terraform test skipped: it needs Terraform 1.6 or later, this is $version"
fi

step "The provider's diagnostic for a bad trail name reaches the module's user, before any API call"
curl -fsS -X POST "$url/_emulator/calls/reset" >/dev/null
if "$TERRAFORM" plan -no-color -input=false -var name_prefix=Acme -var environment=prod \
  -var 'regions=["cn-hangzhou"]' -var oss_bucket_name=yuanchuang >"$work/bad-plan.txt" 2>&1; then
  cat "$work/bad-plan.txt"
  echo "expected the plan to fail" >&2
  exit 1
fi
grep -A4 '^Error:' "$work/bad-plan.txt"
grep -q 'Error: Invalid Trail Name (InvalidTrailNameException)' "$work/bad-plan.txt"
grep -q 'with actiontrail_trail.this\["cn-hangzhou"\]' "$work/bad-plan.txt"
calls="$(curl -fsS "$url/_emulator/calls")"
if [ "$calls" != "{}" ]; then
  echo "the bad plan reached the API: $calls" >&2
  exit 1
fi
echo "API calls: $calls"
step "Module tests passed"
