# Shared by the scripts that run terraform against the provider built from this tree: source it.
# Nothing here downloads anything: dev_overrides serve the provider, the emulator plays the API.

# write_cli_config FILE BIN_DIR [ALICLOUD_DIR]: a Terraform (and OpenTofu) CLI configuration
# serving the provider from BIN_DIR (no init needed, no provider ever downloaded), exported as
# TF_CLI_CONFIG_FILE; with ALICLOUD_DIR, aliyun/alicloud from there too (make migrate-demo's
# stand-in). Written by internal/cliconfig, as the tests and the benchmark write theirs.
write_cli_config() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  (cd "$root" && go run ./internal/cliconfig/cmd/write-cli-config "$1" "openactiontrail/actiontrail=$2" \
    ${3:+"aliyun/alicloud=$3"})
  export TF_CLI_CONFIG_FILE="$1" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
}

# found_binary VAR NAME: prints the executable that $VAR names when it names one, else NAME's on
# PATH; fails when neither exists (the caller then builds one). For terraform-path.sh and tofu-path.sh.
found_binary() {
  local set="${!1:-}"
  if [ -n "$set" ] && [ -x "$set" ]; then
    echo "$set"
    return 0
  fi
  command -v "$2" 2>/dev/null
}

# find_terraform: TERRAFORM, unless set, is the binary scripts/terraform-path.sh finds (or builds).
find_terraform() {
  TERRAFORM="${TERRAFORM:-$("$(dirname "${BASH_SOURCE[0]}")/terraform-path.sh")}"
}

# fresh_work_dir DIR SUBDIR...: a demo's working directory, emptied, with the subdirectories given;
# sets `work`.
fresh_work_dir() {
  work="$1"
  rm -rf "$work"
  local d
  for d in "${@:2}"; do
    mkdir -p "$work/$d"
  done
}

# step TITLE...: a demo's step heading.
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# tf ARG...: terraform, the command echoed first.
tf() { echo "\$ terraform $*"; "$TERRAFORM" "$@"; }

# build_provider ROOT BIN_DIR: the provider binary, where dev_overrides look for it.
build_provider() {
  (cd "$1" && go build -o "$2/terraform-provider-actiontrail" .)
}

# start_emulator ROOT WORK_DIR [FLAG...]: builds and starts the emulator on a free loopback port,
# with the extra flags given; sets `emu` (its pid, for the caller's trap) and `url`. Its log is
# WORK_DIR/emulator.log.
start_emulator() {
  (cd "$1" && go build -o "$2/actiontrail-emulator" ./internal/emulator/cmd/actiontrail-emulator)
  "$2/actiontrail-emulator" -addr 127.0.0.1:0 "${@:3}" >"$2/emulator.out" 2>"$2/emulator.log" &
  emu=$!
  local line=""
  for _ in $(seq 1 200); do
    line="$(head -n 1 "$2/emulator.out" 2>/dev/null || true)"
    [ -n "$line" ] && break
    kill -0 "$emu" 2>/dev/null || { cat "$2/emulator.log" >&2; return 1; }
    sleep 0.05
  done
  [ -n "$line" ] || { echo "the emulator did not start" >&2; return 1; }
  url="${line#listening on }"
  echo "$line (log: $2/emulator.log)"
}

# stop_emulator: for the caller's EXIT trap.
stop_emulator() {
  if [ -n "${emu:-}" ]; then
    kill "$emu" 2>/dev/null || true
    wait "$emu" 2>/dev/null || true
  fi
}

# use_emulator URL: the provider's settings from the environment, for the emulator's default keys.
use_emulator() {
  export ALICLOUD_ACTIONTRAIL_ENDPOINT="$1" ALICLOUD_REGION=cn-hangzhou
  export ALICLOUD_ACCESS_KEY=emulator-access-key-id ALICLOUD_SECRET_KEY=emulator-access-key-secret
  unset ALICLOUD_SECURITY_TOKEN ALICLOUD_PROFILE ALIBABA_CLOUD_SECURITY_TOKEN ALIBABA_CLOUD_PROFILE
}
