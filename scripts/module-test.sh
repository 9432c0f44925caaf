#!/usr/bin/env bash
# make module-test: run examples/modules/audit-trail's `terraform test` files against the emulator,
# with the provider built from this tree (dev_overrides: no terraform init, nothing downloaded), then
# check that the provider's own diagnostics reach a module user: a trail name the module lets
# through fails `terraform plan` on the resource's name, before any API call. (`expect_failures`
# in test files only matches custom conditions, never a provider's error.)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
find_terraform
module="$root/examples/modules/audit-trail"
work="$(mktemp -d)"
cleanup() {
  stop_emulator
  rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }

step "Building the provider"
build_provider "$root" "$work/bin"

step "Starting the emulator"
mkdir -p "$work/emulator"
start_emulator "$root" "$work/emulator"
write_cli_config "$work/terraformrc" "$work/bin"
use_emulator "$url"

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
# The provider's credential check (STS GetCallerIdentity) runs when it is configured; no ActionTrail call may.
actiontrail_calls="$(echo "$calls" | sed -E 's/"GetCallerIdentity":[0-9]+,?//; s/,}/}/')"
if [ "$actiontrail_calls" != "{}" ]; then
  echo "the bad plan reached the API: $calls" >&2
  exit 1
fi
echo "API calls: $calls"
step "Module tests passed"
