#!/usr/bin/env bash
# make demo: build the provider and the emulator, start the emulator on a free loopback port, and
# walk a trail through its life with terraform (create, show, change, a bad plan, destroy).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
find_terraform
fresh_work_dir "$root/.demo" bin tf


step "Building the provider"
build_provider "$root" "$work/bin"

step "Starting the emulator"
trap stop_emulator EXIT
start_emulator "$root" "$work"
write_cli_config "$work/terraformrc" "$work/bin"
use_emulator "$url"
cp "$root/examples/demo/main.tf" "$work/tf/"
cd "$work/tf"

step "1. Create the trail of the API's CreateTrail example"
tf apply -auto-approve -input=false -compact-warnings

step "2. What Terraform now knows"
tf state show actiontrail_trail.demo

step "3. Change it in place (event_rw = All)"
tf apply -auto-approve -input=false -compact-warnings -var event_rw=All

step "4. Plan again: nothing to do"
tf plan -input=false -compact-warnings -detailed-exitcode -var event_rw=All

step "5. A bad name is refused at plan time, before any API call"
if tf plan -input=false -compact-warnings -var name=Trail_Bad >"$work/bad-plan.txt" 2>&1; then
  cat "$work/bad-plan.txt"
  echo "expected the plan to fail" >&2
  exit 1
fi
cat "$work/bad-plan.txt"
grep -q InvalidTrailNameException "$work/bad-plan.txt"

step "6. Destroy"
tf destroy -auto-approve -input=false -compact-warnings

step "7. The emulator's view"
echo "trails left: $(curl -fsS "$url/_emulator/trails")"
echo "API calls:   $(curl -fsS "$url/_emulator/calls")"
step "Demo finished"
