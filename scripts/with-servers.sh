#!/usr/bin/env bash
# Runs a command with the test servers up on 127.0.0.1: the sandbox server (GS_SANDBOX_URL) and the
# scripted test server (GS_TEST_SERVER). Both are stopped afterwards, whatever the command's result.
set -euo pipefail
cd "$(dirname "$0")/.."
sandbox_port=${SANDBOX_PORT:-8787}
test_port=${TEST_SERVER_PORT:-8790}
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_for() { # url
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "server at $1 did not come up" >&2
  return 1
}

if [ -f tests/support/test-server.mjs ]; then
  node tests/support/test-server.mjs "$test_port" > target/test-server.log 2>&1 &
  pids+=($!)
  export GS_TEST_SERVER="http://127.0.0.1:$test_port"
  wait_for "$GS_TEST_SERVER/_health"
fi

cargo build --quiet --locked --release --bin gcore-streaming-sandbox
./target/release/gcore-streaming-sandbox --listen "127.0.0.1:$sandbox_port" > target/sandbox-server.log 2>&1 &
pids+=($!)
export GS_SANDBOX_URL="http://127.0.0.1:$sandbox_port"
if ! wait_for "$GS_SANDBOX_URL/_sandbox/health"; then
  cat target/sandbox-server.log >&2 || true
  echo "with-servers: the sandbox server did not start" >&2
  exit 1
fi

"$@"
