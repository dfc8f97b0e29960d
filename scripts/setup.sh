#!/usr/bin/env bash
# Installs whatever is missing to build and test gcore-streaming on a Debian machine (run as root).
# Idempotent: a machine that has everything passes through in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PATH"

# A first `make test` writes about 2.6 GB (target/, node_modules/, fuzz/target/): say so before a build fails
# halfway with "No space left on device".
free_kb=$(df -Pk . | awk 'NR == 2 { print $4 }')
if [ -n "$free_kb" ] && [ "$free_kb" -lt $((3 * 1024 * 1024)) ]; then
  say "warning: only $((free_kb / 1024)) MB free here; a first make test needs about 2.6 GB (target/, node_modules/, fuzz/target/)" >&2
fi

apt_pkgs=()
command -v chromium >/dev/null || apt_pkgs+=(chromium)
command -v chromedriver >/dev/null || apt_pkgs+=(chromium-driver)
command -v node >/dev/null || apt_pkgs+=(nodejs npm)
command -v python3 >/dev/null || apt_pkgs+=(python3)
command -v curl >/dev/null || apt_pkgs+=(curl)
command -v g++ >/dev/null || apt_pkgs+=(g++)   # libfuzzer-sys builds libFuzzer (make lint checks the fuzz targets)
if ((${#apt_pkgs[@]})); then
  say "apt-get install ${apt_pkgs[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null; then
  echo "cargo is missing: install Rust with rustup first" >&2
  exit 1
fi
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for c in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$c" || { say "rustup component add $c"; rustup component add "$c"; }
done

# wasm-bindgen CLI: exactly the version of the wasm-bindgen crate in Cargo.lock.
wbv=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbv" ] \
  || [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner $wbv" ]; then
  say "cargo install wasm-bindgen-cli $wbv (about 2 minutes, once)"
  cargo install -q wasm-bindgen-cli --version "$wbv" --locked --force \
    || cargo install -q wasm-bindgen-cli --version "$wbv" --force
fi

# JS tools (binaryen's wasm-opt, playwright-core, typescript, …) from the committed lock file.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.lock-sum 2>/dev/null)" != "$lock_sum" ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.lock-sum
fi
