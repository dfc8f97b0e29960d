#!/usr/bin/env bash
# The package in the stacks users drop it into (tests/stacks/): `npm pack` pkg/, then
# tests/stacks/stacks.test.mjs installs the tarball into each fixture (copied under target/stacks/),
# builds it with the stack's defaults and runs the smoke program (headless Chromium for pages, the
# server for routes and runtimes). STACKS_ONLY=vite,next,… runs some stacks only; STACKS_PKG=dir packs
# another build of the package (default pkg/).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m[stacks]\033[0m %s\n' "$*"; }

work=${STACKS_DIR:-$PWD/target/stacks}
mkdir -p "$work"
# Servers the tests start (vite, next start) run in their own process groups; the test file lists
# them in .pids and kills them itself, and this trap catches what an interrupted run leaves.
: > "$work/.pids"
cleanup() {
  while read -r pid; do
    [ -n "$pid" ] && kill -KILL -- "-$pid" 2>/dev/null || true
  done < "$work/.pids"
}
trap cleanup EXIT

rm -f "$work"/gcore-streaming-*.tgz
tarball=$(cd "${STACKS_PKG:-pkg}" && npm pack --silent --pack-destination "$work")
say "packed $tarball ($(stat -c %s "$work/$tarball") bytes)"

start=$SECONDS
STACKS_DIR="$work" STACKS_TARBALL="$work/$tarball" \
  node --test --test-reporter=spec tests/stacks/stacks.test.mjs && rc=0 || rc=$?
say "$((SECONDS - start)) s"
exit "$rc"
