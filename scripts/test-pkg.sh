#!/usr/bin/env bash
# Tests the npm package as users get it: `npm pack` pkg/, install the tarball into an empty project,
# import it from Node ESM, compile a strict TypeScript consumer and the READMEs' examples, run the
# shared JS cases in Node and in headless Chromium, and check that no public .d.ts says `any`.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
say() { printf '\033[1m[pkg-test]\033[0m %s\n' "$*"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(cd pkg && npm pack --silent --pack-destination "$work")
say "packed $tarball ($(stat -c %s "$work/$tarball") bytes)"

mkdir -p "$work/app"
cd "$work/app"
printf '{ "name": "consumer", "private": true, "type": "module" }\n' > package.json
# --prefer-offline: the package's one dependency (tus-js-client, for the upload entry) is in npm's
# cache from the repository's own `npm ci`.
npm install --silent --prefer-offline --no-audit --no-fund "$work/$tarball"
say "installed into an empty project"

node --input-type=module -e '
  import { version } from "gcore-streaming";
  import { version as w } from "gcore-streaming/webhook";
  import { version as s } from "gcore-streaming/sandbox";
  if (version() !== w() || w() !== s()) throw new Error("entry versions differ");
  console.log(`import { version } from "gcore-streaming" -> ${version()}`);
'

# No `any` in the public declarations.
node "$repo/scripts/check-no-any.mjs" $(ls node_modules/gcore-streaming/*.d.ts node_modules/gcore-streaming/*/*.d.ts | grep -v '_bg.wasm.d.ts')
say "no 'any' in the public .d.ts"

mkdir -p tests scripts
cp -r "$repo/tests/js" "$repo/tests/fixtures" "$repo/tests/ts" "$repo/tests/runtimes" "$repo/tests/upload" tests/
cp "$repo/scripts/serve.mjs" scripts/
ln -s "$repo/node_modules/playwright-core" node_modules/playwright-core
ln -s "$repo/node_modules/@tus" node_modules/@tus   # the TUS server of the upload tests
"$repo/node_modules/.bin/tsc" -p tests/ts/tsconfig.json
say "tsc --strict consumer compiles"
node "$repo/scripts/readme-snippets.mjs" tests/readme "$repo/README.md" "$repo/pkg-template/README.md" "$repo"/docs/*.md
"$repo/node_modules/.bin/tsc" -p tests/readme/tsconfig.json
say "the examples of the READMEs and docs/ type-check against the package"

say "shared JS cases in Node"
node --test --test-reporter=spec tests/js/node.test.mjs
say "the webhook entry under heavy use and after a trap (Node)"
node --test --test-reporter=spec tests/js/resilience.test.mjs
say "shared JS cases in headless Chromium"
node --test --test-reporter=spec tests/js/browser.test.mjs
say "the upload entry against a TUS server (@tus/server), in Node and headless Chromium"
GS_REPO="$repo" node --test --test-reporter=spec tests/upload/
say "per-runtime entries in Deno and workerd"
GS_REPO="$repo" node --test --test-reporter=spec tests/runtimes/runtimes.test.mjs
