// Start-up: compile + instantiate time of each entry's wasm in a fresh Node process, and the time of
// a cold `import` of the entry (JS glue + read + compile + instantiate), median of many runs.
//   node benches/startup.mjs [--quick]
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PKG, median } from "./lib.mjs";

const ENTRIES = ["webhook", "main", "sandbox"];

// Runs in the fresh process: reads the bytes and imports the glue first (untimed), then times
// `new WebAssembly.Module` (compile) and `initSync` (instantiate + the glue's start-up).
const CHILD_INIT = `
const [glue, wasm] = process.argv.slice(1);
const bytes = require("node:fs").readFileSync(wasm);
import(glue).then((m) => {
  const t0 = process.hrtime.bigint();
  const module = new WebAssembly.Module(bytes);
  const t1 = process.hrtime.bigint();
  m.initSync({ module });
  const t2 = process.hrtime.bigint();
  process.stdout.write(JSON.stringify({ compile: Number(t1 - t0), instantiate: Number(t2 - t1) }));
});
`;
const CHILD_IMPORT = `
const t0 = process.hrtime.bigint();
import(process.argv[1]).then((m) => {
  const t1 = process.hrtime.bigint();
  if (typeof m.version() !== "string") throw new Error("no version");
  process.stdout.write(JSON.stringify({ import: Number(t1 - t0) }));
});
`;

function child(code, args) {
  return JSON.parse(execFileSync(process.execPath, ["-e", code, ...args], { encoding: "utf8", timeout: 30_000 }));
}

export async function run({ quick = false } = {}) {
  const runs = quick ? 7 : 31;
  const samples = Object.fromEntries(ENTRIES.map((e) => [e, { compile: [], instantiate: [], total: [], import: [] }]));
  for (let r = 0; r < runs; r++) {
    for (const e of ENTRIES) {
      const glue = pathToFileURL(join(PKG, e, "gcore_streaming.js")).href;
      const wasm = join(PKG, `gcore-streaming-${e}.wasm`);
      const a = child(CHILD_INIT, [glue, wasm]);
      samples[e].compile.push(a.compile);
      samples[e].instantiate.push(a.instantiate);
      samples[e].total.push(a.compile + a.instantiate);
      samples[e].import.push(child(CHILD_IMPORT, [pathToFileURL(join(PKG, `${e}.node.js`)).href]).import);
    }
  }
  const ms = (xs) => +(median(xs) / 1e6).toFixed(3);
  const out = { runs };
  for (const e of ENTRIES) {
    out[e] = {
      compile_ms: ms(samples[e].compile),
      instantiate_ms: ms(samples[e].instantiate),
      compile_instantiate_ms: ms(samples[e].total),
      cold_import_ms: ms(samples[e].import),
    };
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run({ quick: process.argv.includes("--quick") }), null, 2));
}
