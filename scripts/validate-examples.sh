#!/usr/bin/env bash
# make validate-examples: `terraform validate` in every directory of examples/ that holds .tf files,
# against the provider built from this tree (dev_overrides, so no terraform init and no download).
# Each directory is copied to a temporary one first, so that nothing lands in the tree. Examples
# that only show resources get a required_providers block for the provider's source address.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
find_terraform
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

build_provider "$root" "$work/bin"
write_cli_config "$work/terraformrc" "$work/bin"

cd "$root"
"$TERRAFORM" fmt -check -recursive -diff examples/

failed=0 count=0
while IFS= read -r dir; do
  dst="$work/examples/$dir"
  mkdir -p "$dst"
  cp "$dir"/*.tf "$dst/"
  if ! grep -qs required_providers "$dst"/*.tf; then
    cat >"$dst/zz_required_providers.tf" <<'TF'
terraform {
  required_providers {
    actiontrail = {
      source = "openactiontrail/actiontrail"
    }
  }
}
TF
  fi
  count=$((count + 1))
  if out="$("$TERRAFORM" -chdir="$dst" validate -no-color 2>&1)"; then
    echo "ok    $dir"
  else
    failed=$((failed + 1))
    echo "FAIL  $dir"
    echo "$out" | sed 's/^/      /'
  fi
done < <(find examples -name '*.tf' -not -path '*/.terraform/*' -exec dirname {} \; | sort -u)

echo "$count example directories, $failed failed ($("$TERRAFORM" version | head -n 1))"
[ "$failed" -eq 0 ]
