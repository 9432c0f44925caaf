#!/usr/bin/env bash
# Prints the path of a terraform binary: $TF_ACC_TERRAFORM_PATH, else the one on PATH, else one
# built from the Go module proxy (no releases site is needed; about 2 minutes the first time).
set -euo pipefail
if [ -n "${TF_ACC_TERRAFORM_PATH:-}" ] && [ -x "${TF_ACC_TERRAFORM_PATH}" ]; then
  echo "${TF_ACC_TERRAFORM_PATH}"
  exit 0
fi
if p=$(command -v terraform 2>/dev/null); then
  echo "$p"
  exit 0
fi
gobin="$(go env GOPATH)/bin"
if [ ! -x "$gobin/terraform" ]; then
  echo "terraform not found: building v1.5.7 from the Go module proxy (about 2 minutes)..." >&2
  GOFLAGS= go install github.com/hashicorp/terraform@v1.5.7 >&2
fi
echo "$gobin/terraform"
