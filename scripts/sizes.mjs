// Sizes of the package's entries (raw, gzip -9, brotli -q 11, JS glue), checked against the budgets.
//   node scripts/sizes.mjs [--check] [--json FILE]
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

export const BUDGETS_GZIP = { webhook: 32 * 1024, main: 80 * 1024 };

export function sizes(pkgDir = "pkg") {
  const out = {};
  for (const entry of ["webhook", "main", "sandbox"]) {
    const wasm = readFileSync(`${pkgDir}/${entry}/gcore_streaming_bg.wasm`);
    const glue = readFileSync(`${pkgDir}/${entry}/gcore_streaming.js`);
    out[entry] = {
      wasm: wasm.length,
      wasm_gzip: gzipSync(wasm, { level: 9 }).length,
      wasm_brotli: brotliCompressSync(wasm, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      glue: glue.length,
      glue_gzip: gzipSync(glue, { level: 9 }).length,
    };
    out[entry].total_gzip = out[entry].wasm_gzip + out[entry].glue_gzip;
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = sizes();
  console.log("entry     wasm B   gzip B  brotli B   glue B  glue gz   budget (wasm+glue gzip)");
  let failed = false;
  for (const [entry, v] of Object.entries(s)) {
    const budget = BUDGETS_GZIP[entry];
    const ok = budget === undefined || v.total_gzip <= budget;
    failed ||= !ok;
    console.log(
      `${entry.padEnd(8)} ${String(v.wasm).padStart(7)} ${String(v.wasm_gzip).padStart(8)} ${String(v.wasm_brotli).padStart(9)}` +
        ` ${String(v.glue).padStart(8)} ${String(v.glue_gzip).padStart(8)}   ` +
        (budget === undefined ? "-" : `${v.total_gzip} / ${budget} ${ok ? "ok" : "OVER BUDGET"}`),
    );
  }
  const i = process.argv.indexOf("--json");
  if (i > 0) writeFileSync(process.argv[i + 1], JSON.stringify(s, null, 2));
  if (process.argv.includes("--check") && failed) {
    console.error("size budget exceeded");
    process.exit(1);
  }
}
