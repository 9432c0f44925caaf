#!/usr/bin/env bash
# Prints the path of a terraform binary: $TF_ACC_TERRAFORM_PATH, else the one on PATH, else one
# built from the Go module proxy (no releases site is needed; about 2 minutes the first time).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
found_binary TF_ACC_TERRAFORM_PATH terraform && exit 0
gobin="$(go env GOPATH)/bin"
if [ ! -x "$gobin/terraform" ]; then
  echo "terraform not found: building v1.5.7 from the Go module proxy (about 2 minutes)..." >&2
  GOFLAGS= go install github.com/hashicorp/terraform@v1.5.7 >&2
fi
echo "$gobin/terraform"
