#!/usr/bin/env bash
# make migrate-demo: move a trail from the official provider's alicloud_actiontrail_trail to
# actiontrail_trail with a moved block (docs/guides/migrate-from-alicloud.md), against the emulator.
#
# Terraform plans such a move only with the source provider installed. The official provider cannot
# be downloaded here, so a stand-in serves its trail schema under its address (the fixture of the
# tests, internal/provider/testdata/alicloud-standin), and the trail and the official state are
# staged: the trail is created in the emulator, and examples/guides/migrate-from-alicloud/
# official.tfstate is the state the official provider v1.150 writes for it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
find_terraform
fresh_work_dir "$root/.migrate-demo" bin standin setup tf
example="$root/examples/guides/migrate-from-alicloud"


step "Building the provider and the stand-in of the official provider"
build_provider "$root" "$work/bin"
(cd "$root" && go build -o "$work/standin/terraform-provider-alicloud" ./internal/provider/testdata/alicloud-standin)

step "Starting the emulator"
trap stop_emulator EXIT
start_emulator "$root" "$work"
write_cli_config "$work/terraformrc" "$work/bin" "$work/standin"
use_emulator "$url"

step "0. The trail the official provider manages (staged: created in the emulator, its state written as v1.150 does)"
cat >"$work/setup/main.tf" <<'TF'
terraform {
  required_providers {
    actiontrail = { source = "openactiontrail/actiontrail" }
  }
}
resource "actiontrail_trail" "staged" {
  name            = "migrated-trail"
  oss_bucket_name = "yuanchuang"
  oss_key_prefix  = "audit/"
}
TF
(cd "$work/setup" && "$TERRAFORM" apply -auto-approve -input=false -compact-warnings >/dev/null)
curl -fsS -X POST "$url/_emulator/calls/reset" >/dev/null # count the migration's calls only
cp "$example/main.tf" "$work/tf/main.tf"
cp "$example/official.tfstate" "$work/tf/terraform.tfstate"
cd "$work/tf"
tf state list

step "1. Plan the move: the trail moves, nothing is created, changed or destroyed"
tf plan -input=false -compact-warnings -no-color -out=move.tfplan | tee "$work/plan.txt"
grep -q "alicloud_actiontrail_trail.audit has moved to actiontrail_trail.audit" "$work/plan.txt"
grep -q "0 to add, 0 to change, 0 to destroy" "$work/plan.txt"

step "2. Apply it: the state now holds actiontrail_trail.audit"
tf apply -input=false -compact-warnings move.tfplan
tf state show actiontrail_trail.audit

step "3. Plan again: nothing to do"
tf plan -input=false -compact-warnings -detailed-exitcode

step "4. The emulator's view: the migration read the trail and wrote nothing"
calls="$(curl -fsS "$url/_emulator/calls")"
echo "API calls: $calls"
if echo "$calls" | grep -Eq '"(CreateTrail|UpdateTrail|DeleteTrail|StartLogging|StopLogging)"'; then
  echo "the migration should only read the trail" >&2
  exit 1
fi

step "5. Destroy"
tf destroy -auto-approve -input=false -compact-warnings
step "Migration demo finished"
