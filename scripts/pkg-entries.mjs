// The package's per-runtime entries, written around wasm-bindgen's output (scripts/build-pkg.sh).
//   node scripts/pkg-entries.mjs prepare <pkg dir>   after wasm-bindgen, before the JS is minified
//   node scripts/pkg-entries.mjs cjs <pkg dir>       after the JS is minified
//
// prepare, for each entry (main, webhook, sandbox):
// - patches wasm-bindgen's glue: before init() a call says what to do instead of failing on an
//   undefined module (`reading 'Aa'`), and the glue no longer names `new URL("…_bg.wasm",
//   import.meta.url)` (a URL that bundlers rewrite or lose, and that init() never uses: it is always
//   given the module);
// - moves the .wasm to `gcore-streaming-<entry>.wasm` (distinct names, exported as
//   `gcore-streaming/<entry>.wasm`) and embeds it in `<entry>/embedded.js` (see pkg-template/init.js);
// - writes the entry's shim for each runtime from the templates below.
// cjs, for each entry: `<entry>.node.cjs` (the Node entry bundled as CommonJS, for `require` on every
// Node the package admits and for Jest's default mode), `upload.cjs`, and `.d.cts` twins of the
// declarations.
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { deflateRawSync } from "node:zlib";

const [phase, dir] = process.argv.slice(2);
const ENTRIES = ["main", "webhook", "sandbox"];
const fail = (msg) => {
  console.error(`pkg-entries: ${msg}`);
  process.exit(1);
};
if (!dir || !["prepare", "cjs"].includes(phase)) fail("usage: node scripts/pkg-entries.mjs prepare|cjs <pkg dir>");

/** Replaces `from` (which must occur exactly `count` times) in `text`. */
function replaceExactly(text, from, to, count, what) {
  const n = text.split(from).length - 1;
  if (n !== count) fail(`${what}: expected ${count} of ${JSON.stringify(from)} in wasm-bindgen's glue, found ${n}`);
  return text.split(from).join(to);
}

const specifier = (entry) => (entry === "main" ? "gcore-streaming" : `gcore-streaming/${entry}`);

// Each runtime's shim: `E` is the entry's name. Comments are for the reader of pkg-template; the
// shipped files are minified.
const SHIMS = {
  // Browsers and bundlers (the `browser` and `default` conditions): `await init()` once, which
  // instantiates the embedded module (or what it is given).
  browser: (E) => `import * as generated from "./${E}/gcore_streaming.js";
import embedded from "./${E}/embedded.js";
import { browserInit } from "./init.js";
export * from "./${E}.common.js";
export const init = browserInit(generated, embedded);
`,
  // Node and Bun: instantiated at import from the embedded module; no file read, no import.meta.url,
  // so it survives any bundler (Next's server bundles, SSR builds).
  node: (E) => `import { inflateRawSync } from "node:zlib";
import * as generated from "./${E}/gcore_streaming.js";
import embedded from "./${E}/embedded.js";
generated.initSync({ module: inflateRawSync(Buffer.from(embedded, "base64")) });
export * from "./${E}.common.js";
/** Resolves at once: the module was instantiated at import. */
export const init = () => generated.default();
`,
  // Deno: a source-phase import gives the compiled module (no permission needed).
  deno: (E) => `import source wasmModule from "./gcore-streaming-${E}.wasm";
import * as generated from "./${E}/gcore_streaming.js";
generated.initSync({ module: wasmModule });
export * from "./${E}.common.js";
/** Resolves at once: the module was instantiated at import. */
export const init = () => generated.default();
`,
  // Cloudflare Workers: the bundler imports the .wasm as a precompiled WebAssembly.Module (Workers
  // forbid compiling wasm from bytes at run time).
  workerd: (E) => `import wasmModule from "./gcore-streaming-${E}.wasm";
import * as generated from "./${E}/gcore_streaming.js";
generated.initSync({ module: wasmModule });
export * from "./${E}.common.js";
/** Resolves at once: the module was instantiated at import. */
export const init = () => generated.default();
`,
  // Vercel Edge and Next's edge runtime (the \`edge-light\` condition): same rule as Workers, with
  // the \`?module\` import those bundlers turn into a precompiled WebAssembly.Module.
  edge: (E) => `import wasmModule from "./gcore-streaming-${E}.wasm?module";
import * as generated from "./${E}/gcore_streaming.js";
generated.initSync({ module: wasmModule });
export * from "./${E}.common.js";
/** Resolves at once: the module was instantiated at import. */
export const init = () => generated.default();
`,
};

function prepare() {
  for (const entry of ENTRIES) {
    const glueFile = `${dir}/${entry}/gcore_streaming.js`;
    let glue = readFileSync(glueFile, "utf8");
    const notReady =
      `const notReady = new Proxy({}, { get() { throw Object.assign(new Error(` +
      JSON.stringify(
        `${specifier(entry)}: the WebAssembly module is not loaded yet: call \`await init()\` ` +
          `(imported from "${specifier(entry)}") once before using it`,
      ) +
      `), { name: "StreamingError", code: "not_initialized" }); } });\n`;
    glue = replaceExactly(glue, "let wasmModule, wasmInstance, wasm;", `${notReady}let wasmModule, wasmInstance, wasm = notReady;`, 1, entry);
    glue = replaceExactly(glue, "if (wasm !== undefined) return wasm;", "if (wasm !== notReady) return wasm;", 2, entry);
    glue = replaceExactly(
      glue,
      "    if (module_or_path === undefined) {\n        module_or_path = new URL('gcore_streaming_bg.wasm', import.meta.url);\n    }\n",
      "",
      1,
      entry,
    );
    // init() resolves URLs, paths and Responses itself (pkg-template/init.js, with the checks and
    // messages the glue lacks) and hands the glue a Module or bytes: its own fetching goes.
    glue = replaceExactly(
      glue,
      "    if (typeof module_or_path === 'string' || (typeof Request === 'function' && module_or_path instanceof Request) || (typeof URL === 'function' && module_or_path instanceof URL)) {\n        module_or_path = fetch(module_or_path);\n    }\n",
      "",
      1,
      entry,
    );
    // Both forms of the argument are accepted; the glue's console warning for the older one goes
    // (init() always passes the object form).
    for (const name of ["`initSync()`", "the initialization function"]) {
      glue = replaceExactly(
        glue,
        ` else {\n            console.warn('using deprecated parameters for ${name}; pass a single object instead')\n        }`,
        "",
        1,
        entry,
      );
    }
    // A module compiled in another realm (Next's edge sandbox hands `?module` imports over from outside
    // the realm the route runs in) fails `instanceof WebAssembly.Module`, and the glue would then try
    // to compile it as bytes; its tag says what it is in every realm.
    glue = replaceExactly(
      glue,
      "    if (!(module instanceof WebAssembly.Module)) {",
      '    if (Object.prototype.toString.call(module) !== "[object WebAssembly.Module]") {',
      1,
      entry,
    );
    const load = glue.indexOf("async function __wbg_load(module, imports) {\n");
    const loadEnd = glue.indexOf("\nfunction initSync(module) {\n");
    if (load < 0 || loadEnd < load) fail(`${entry}: no __wbg_load before initSync in wasm-bindgen's glue`);
    glue =
      glue.slice(0, load) +
      "async function __wbg_load(module, imports) {\n" +
      "    const instance = await WebAssembly.instantiate(module, imports);\n" +
      "    return instance instanceof WebAssembly.Instance ? { instance, module } : instance;\n" +
      "}\n" +
      glue.slice(loadEnd);
    if (glue.includes("import.meta") || glue.includes("instantiateStreaming"))
      fail(`${entry}: the glue still loads the module itself (import.meta or instantiateStreaming)`);
    writeFileSync(glueFile, glue);

    const wasmFile = `${dir}/gcore-streaming-${entry}.wasm`;
    renameSync(`${dir}/${entry}/gcore_streaming_bg.wasm`, wasmFile);
    rmSync(`${dir}/${entry}/gcore_streaming_bg.wasm.d.ts`);
    const packed = deflateRawSync(readFileSync(wasmFile), { level: 9 }).toString("base64");
    const comment = `// gcore-streaming-${entry}.wasm, deflate-raw then base64 (see init.js).\n`;
    writeFileSync(`${dir}/${entry}/embedded.js`, `${comment}export default "${packed}";\n`);
    writeFileSync(`${dir}/${entry}/embedded.cjs`, `${comment}module.exports = "${packed}";\n`);
    for (const [runtime, shim] of Object.entries(SHIMS)) writeFileSync(`${dir}/${entry}.${runtime}.js`, shim(entry));
  }
}

async function cjs() {
  const { build: esbuild } = await import("esbuild");
  const build = (options) =>
    esbuild({ bundle: true, format: "cjs", platform: "node", target: "node20", minify: true, keepNames: true, logLevel: "warning", ...options });
  for (const entry of ENTRIES) {
    // The embedded module stays its own file (embedded.cjs), not a second copy inside the bundle.
    await build({
      entryPoints: [`${dir}/${entry}.node.js`],
      outfile: `${dir}/${entry}.node.cjs`,
      plugins: [
        {
          name: "embedded",
          setup(b) {
            b.onResolve({ filter: /\/embedded\.js$/ }, () => ({ path: `./${entry}/embedded.cjs`, external: true }));
          },
        },
      ],
    });
  }
  // The upload entry (plain JS over tus-js-client, which stays a dependency).
  await build({
    entryPoints: [`${dir}/upload.js`],
    external: ["tus-js-client"],
    outfile: `${dir}/upload.cjs`,
  });
  // `.d.cts` twins: the same declarations, their relative imports pointing at twins, so TypeScript
  // types a `require` (module: node16/nodenext) as CommonJS.
  const twin = (text) => text.replace(/((?:from|declare module)\s+["']\.{1,2}\/[^"']*?)\.js(["'])/g, "$1.cjs$2");
  const dts = [];
  for (const f of readdirSync(dir, { recursive: true })) {
    const name = String(f);
    if (name.endsWith(".d.ts")) dts.push(name);
  }
  for (const name of dts) {
    writeFileSync(`${dir}/${name.slice(0, -".d.ts".length)}.d.cts`, twin(readFileSync(`${dir}/${name}`, "utf8")));
  }
}

if (phase === "prepare") prepare();
else await cjs();
