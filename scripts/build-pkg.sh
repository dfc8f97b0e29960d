#!/usr/bin/env bash
# Builds the npm package into pkg/: three wasm builds (webhook, main, sandbox entries), each run
# through the pinned wasm-bindgen CLI, wasm-opt -Oz (npm binaryen) and the boundary's name
# minification (scripts/minify-names.mjs), merged with pkg-template/ and the per-runtime entries
# (scripts/pkg-entries.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '\033[1m[pkg]\033[0m %s\n' "$*"; }

declare -A features=(
  [webhook]=""
  [main]="client"
  [sandbox]="sandbox"
)
wasm_opt=node_modules/.bin/wasm-opt
# One build at a time (two would share pkg.tmp/): a second `make pkg` waits for the first.
mkdir -p target
exec 9>target/.build-pkg.lock
flock 9
out=pkg
rm -rf "$out.tmp"
mkdir -p "$out.tmp"

for entry in webhook main sandbox; do
  say "cargo build ($entry entry)"
  cargo build --quiet --locked --lib --target wasm32-unknown-unknown --profile wasm \
    --no-default-features ${features[$entry]:+--features ${features[$entry]}}
  wasm="target/wasm32-unknown-unknown/wasm/gcore_streaming.wasm"
  # --encode-into always: every runtime the package supports has TextEncoder.encodeInto (no fallback: -44 B gzip per entry).
  wasm-bindgen --target web --encode-into always --out-dir "$out.tmp/$entry" --out-name gcore_streaming "$wasm"
  node scripts/tidy-dts.mjs "$out.tmp/$entry/gcore_streaming.d.ts"
  # --low-memory-unused: rustc lays out the stack first and data from 1 MiB, so the low 1 KiB is
  # never addressed (lets wasm-opt fold constant offsets into loads/stores); --converge: repeat -Oz
  # until it stops shrinking. --one-caller-inline-max-function-size=25: binaryen inlines a function
  # with one caller whatever its size by default; limiting that to small ones makes the wasm ~1.5 %
  # larger raw but smaller compressed (measured: gzip -9 / brotli -q 11: webhook
  # -1,177 / -609 B, main -2,548 / -1,522 B, sandbox -8,076 / -3,301 B; 25 was the best of 15 to 35).
  # Its cost: tracker.apply ~3.5 % slower (6 in-process A/Bs: -1 % to +5 %), restore + apply +
  # snapshot ~2 %, parseWebhook unchanged. The entries are built for size (docs/performance.md).
  "$wasm_opt" --one-caller-inline-max-function-size=25 -Oz --converge --low-memory-unused \
    "$out.tmp/$entry/gcore_streaming_bg.wasm" -o "$out.tmp/$entry/gcore_streaming_bg.wasm"
  # Short names on the boundary: the pass renames the wasm's imports and exports (hashed names such
  # as __wbg_get_2080c49015e35254 become `a`, `b`, …) and merges its import modules into one, and
  # prints the map on stdout (kept in target/pkg-names/ to read stack traces or wasm disassembly);
  # minify-names.mjs renames the glue and the .d.ts to match, and fails the build if wasm-bindgen's
  # output is not as it expects. It runs here, on wasm-bindgen's raw JS, before esbuild below:
  # wasm-bindgen's format is pinned with its version, esbuild's is not ours to rely on.
  names="target/pkg-names/$entry.json"
  mkdir -p "$(dirname "$names")"
  # Also drops the `producers` and `target_features` custom sections (~260 B; engines ignore them).
  "$wasm_opt" --minify-imports-and-exports-and-modules --strip-producers --strip-target-features \
    "$out.tmp/$entry/gcore_streaming_bg.wasm" -o "$out.tmp/$entry/gcore_streaming_bg.wasm" > "$names"
  node scripts/minify-names.mjs "$out.tmp/$entry" "$names"
done

# The per-runtime shims, the embedded modules and the wasm files' final names (scripts/pkg-entries.mjs).
node scripts/pkg-entries.mjs prepare "$out.tmp"
cp pkg-template/*.js pkg-template/*.d.ts "$out.tmp/"
# The JS ships minified (esbuild --minify --keep-names): local names are shortened, but every function
# and class keeps its `.name` (esbuild's `__name`), so stack traces and `console.log` still say
# `parseWebhook`, `WebhookTracker`, … The documentation is in the .d.ts files (untouched); the commented
# sources are pkg-template/ and the Rust doc comments. Whitespace and syntax alone saved 2.6 KB gzip
# (webhook entry) and 4.6 KB (main); shortening local names another ~0.35 KB each.
# fast.js is bundled with wire.js (generated from the Rust definitions: the tape's opcodes and layout),
# whose constants esbuild then inlines: the shipped fast.js holds the numbers, and wire.js is not shipped.
find "$out.tmp" -name '*.js' ! -name wire.js -print0 | while IFS= read -r -d '' f; do
  bundle=()
  [ "$(basename "$f")" = fast.js ] && bundle=(--bundle)
  node_modules/.bin/esbuild "$f" "${bundle[@]}" --minify --keep-names --format=esm --log-level=warning \
    --outfile="$f" --allow-overwrite
done
rm "$out.tmp/wire.js"
# CommonJS builds of the Node entries and .d.cts twins of the declarations.
node scripts/pkg-entries.mjs cjs "$out.tmp"
cp pkg-template/README.md "$out.tmp/README.md"
cp LICENSE-MIT LICENSE-APACHE "$out.tmp/"
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
node -e '
  const fs = require("fs");
  const p = JSON.parse(fs.readFileSync("pkg-template/package.json", "utf8"));
  p.version = process.argv[1];
  fs.writeFileSync(process.argv[2], JSON.stringify(p, null, 2) + "\n");
' "$version" "$out.tmp/package.json"
# wasm-bindgen writes a .gitignore into each out dir; it would keep the files out of `npm pack`.
rm -f "$out.tmp"/*/.gitignore "$out.tmp"/*/package.json
rm -rf "$out"
mv "$out.tmp" "$out"
say "pkg/ gcore-streaming@$version"
for entry in webhook main sandbox; do
  f="$out/gcore-streaming-$entry.wasm"
  printf '  %-8s %7d B wasm, %6d B gzip\n' "$entry" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
done
