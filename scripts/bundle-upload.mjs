// The demo page's copy of `gcore-streaming/upload`, bundled for browsers as an app's bundler would do
// it (tus-js-client's browser build included): the page serves static ES modules, and tus-js-client
// ships none that a browser can import without a bundler.
//   node scripts/bundle-upload.mjs <outfile>      (make demo: www/vendor/upload.js)
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Writes the bundle of pkg/upload.js to `outfile`. */
export async function bundleUpload(outfile) {
  await build({
    entryPoints: [join(repo, "pkg/upload.js")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2020",
    minify: true,
    outfile,
    logLevel: "warning",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error("usage: node scripts/bundle-upload.mjs <outfile>");
    process.exit(2);
  }
  await bundleUpload(resolve(out));
}
