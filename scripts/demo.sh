#!/usr/bin/env bash
# make demo: build the provider and the emulator, start the emulator on a free loopback port, and
# walk a trail through its life with terraform (create, show, change, a bad plan, destroy).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
TERRAFORM="${TERRAFORM:-$("$root/scripts/terraform-path.sh")}"
work="$root/.demo"
rm -rf "$work"
mkdir -p "$work/bin" "$work/tf"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Building the provider and the emulator"
(cd "$root" && go build -o "$work/bin/terraform-provider-actiontrail" . &&
  go build -o "$work/bin/actiontrail-emulator" ./internal/emulator/cmd/actiontrail-emulator)

step "Starting the emulator"
"$work/bin/actiontrail-emulator" -addr 127.0.0.1:0 >"$work/emulator.out" 2>"$work/emulator.log" &
emu=$!
trap 'kill "$emu" 2>/dev/null; wait "$emu" 2>/dev/null || true' EXIT
line=""
for _ in $(seq 1 200); do
  line="$(head -n 1 "$work/emulator.out" 2>/dev/null || true)"
  [ -n "$line" ] && break
  kill -0 "$emu" 2>/dev/null || { cat "$work/emulator.log" >&2; exit 1; }
  sleep 0.05
done
url="${line#listening on }"
echo "$line (log: $work/emulator.log)"

cat >"$work/terraformrc" <<EOF
disable_checkpoint = true
provider_installation {
  dev_overrides {
    "registry.terraform.io/openactiontrail/actiontrail" = "$work/bin"
  }
  direct {
    exclude = ["*/*/*"]
  }
}
EOF
export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
export ALICLOUD_ACTIONTRAIL_ENDPOINT="$url" ALICLOUD_REGION=cn-hangzhou
export ALICLOUD_ACCESS_KEY=emulator-access-key-id ALICLOUD_SECRET_KEY=emulator-access-key-secret
cp "$root/examples/demo/main.tf" "$work/tf/"
cd "$work/tf"
tf() { echo "\$ terraform $*"; "$TERRAFORM" "$@"; }

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
