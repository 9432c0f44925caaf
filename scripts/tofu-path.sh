#!/usr/bin/env bash
# Prints the path of a tofu (OpenTofu) binary: $TOFU when set, else the one on PATH, else one built
# from the Go module proxy and cached (about 10 minutes the first time on a 2-core machine).
#
# `go install github.com/opentofu/opentofu/cmd/tofu@v…` fails on the module's replace directives, so
# this downloads the module (`go mod download -json` gives its directory) and builds inside it, with
# -mod=mod because the module cache is read-only and the build may need go.sum entries it lacks, and
# -o into the cache directory.
set -euo pipefail
version="${TOFU_VERSION:-v1.10.10}"
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
found_binary TOFU tofu && exit 0
cache="${XDG_CACHE_HOME:-$HOME/.cache}/actiontrail/tofu-${version#v}"
if [ ! -x "$cache/tofu" ]; then
  echo "tofu not found: building OpenTofu ${version} from the Go module proxy into $cache (about 10 minutes, once)..." >&2
  dir="$(GOFLAGS= go mod download -json "github.com/opentofu/opentofu@${version}" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
  [ -n "$dir" ] || { echo "go mod download gave no module directory for opentofu ${version}" >&2; exit 1; }
  mkdir -p "$cache"
  # Build to a temporary name and rename, so an interrupted build never leaves a broken binary.
  (cd "$dir" && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" \
    -o "$cache/tofu.partial" ./cmd/tofu) >&2
  mv "$cache/tofu.partial" "$cache/tofu"
fi
echo "$cache/tofu"
