#!/usr/bin/env bash
# make validate-examples: `terraform validate` in every directory of examples/ that holds .tf files,
# against the provider built from this tree (dev_overrides, so no terraform init and no download).
# Each directory is copied to a temporary one first, so that nothing lands in the tree. Examples
# that only show resources get a required_providers block for the provider's source address.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
TERRAFORM="${TERRAFORM:-$("$root/scripts/terraform-path.sh")}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$root" && go build -o "$work/bin/terraform-provider-actiontrail" .)
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
