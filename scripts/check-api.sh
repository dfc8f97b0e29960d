#!/usr/bin/env bash
# The generated API files are current: scripts/gen-api.mjs is run into a temporary directory and its
# output compared with the committed files (when the spec is at ../shared/spec/, or GS_SPEC). Run by
# `make test-api`.
set -euo pipefail
cd "$(dirname "$0")/.."
spec=${GS_SPEC:-../shared/spec/gcore-streaming-openapi.yaml}
if [ ! -f "$spec" ]; then
  echo "[api] no spec at $spec: the generated files are not checked"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node scripts/gen-api.mjs --spec "$spec" --out "$tmp" > /dev/null
status=0
for f in pkg-template/api-table.js pkg-template/api.d.ts src/domain/api/table.rs src/domain/operation.rs docs/api.md; do
  if ! diff -u "$f" "$tmp/$f" > "$tmp/diff" 2>&1; then
    echo "[api] $f is not what scripts/gen-api.mjs writes from the spec (run: node scripts/gen-api.mjs):" >&2
    head -40 "$tmp/diff" >&2
    status=1
  fi
done
[ $status -eq 0 ] && echo "[api] the generated files are current"
exit $status
