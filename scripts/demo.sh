#!/usr/bin/env bash
# `make demo`: serves www/ (with the built package copied into www/pkg/) on 127.0.0.1:$DEMO_PORT, and runs
# the sandbox server on 127.0.0.1:$SANDBOX_PORT in the background for the page's "local sandbox server"
# mode. The sandbox server is stopped when the demo stops (Ctrl-C).
set -euo pipefail
cd "$(dirname "$0")/.."
demo_port=${DEMO_PORT:-8080}
sandbox_port=${SANDBOX_PORT:-8787}
sandbox_url="http://127.0.0.1:$sandbox_port"

rm -rf www/pkg && cp -r pkg www/pkg
# The upload section's copy of gcore-streaming/upload, bundled for the page (tus-js-client included).
node scripts/bundle-upload.mjs www/vendor/upload.js

sandbox_pid=""
cleanup() {
  if [ -n "$sandbox_pid" ]; then kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if curl -fsS -o /dev/null "$sandbox_url/_sandbox/health" 2>/dev/null; then
  echo "Sandbox server: already running at $sandbox_url (left as is)"
else
  echo "Building the sandbox server (cargo build --release --bin gcore-streaming-sandbox)…"
  cargo build --quiet --locked --release --bin gcore-streaming-sandbox
  mkdir -p target
  ./target/release/gcore-streaming-sandbox --listen "127.0.0.1:$sandbox_port" > target/demo-sandbox.log 2>&1 &
  sandbox_pid=$!
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "$sandbox_url/_sandbox/health" 2>/dev/null && break
    if ! kill -0 "$sandbox_pid" 2>/dev/null; then
      echo "The sandbox server did not start (port $sandbox_port busy?); see target/demo-sandbox.log." >&2
      echo "The embedded mode works without it." >&2
      sandbox_pid=""
      break
    fi
    sleep 0.1
  done
  [ -n "$sandbox_pid" ] && echo "Sandbox server: $sandbox_url (log: target/demo-sandbox.log)"
fi

echo "Demo: http://127.0.0.1:$demo_port/   (Ctrl-C to stop)"
node scripts/serve.mjs --port "$demo_port" --mount /=www
