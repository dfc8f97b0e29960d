// Renames the JS side of the wasm boundary after `wasm-opt --minify-imports-and-exports-and-modules`
// shortened the wasm's import names, export names and import modules (all modules merged into one).
//   node scripts/minify-names.mjs <entry dir> <map.json>
// <map.json> is what the pass prints: {"imports": [[module, name, new], …], "exports": [[name, new], …]}
// (it does not name the merged module: that is read from the wasm). Rewrites, in <entry dir>:
//   gcore_streaming.js           wasm-bindgen's raw glue (run this before esbuild: the patterns below are
//                                wasm-bindgen's own output format, pinned with its version; esbuild's
//                                output format is esbuild's and could change on any upgrade of it)
//   gcore_streaming_bg.wasm.d.ts the declarations of the wasm's exports
// Every rewrite is exact: a name of the map that is not where wasm-bindgen puts it, a name the glue uses
// that the map does not have, or a leftover old name fails the build (non-zero exit), so that a future
// wasm-bindgen whose output differs cannot ship a package that fails at instantiation.
import { readFileSync, writeFileSync } from "node:fs";

const [dir, mapFile] = process.argv.slice(2);
if (!dir || !mapFile) {
  console.error("usage: node scripts/minify-names.mjs <entry dir> <map.json>");
  process.exit(2);
}
const fail = (msg) => {
  console.error(`minify-names: ${dir}: ${msg}`);
  process.exit(1);
};
const ident = /^[A-Za-z_$][\w$]*$/;

// The map, checked against the minified wasm itself.
const map = JSON.parse(readFileSync(mapFile, "utf8"));
if (!Array.isArray(map.imports) || !Array.isArray(map.exports)) fail(`${mapFile}: no "imports"/"exports" arrays`);
const wasmMod = new WebAssembly.Module(readFileSync(`${dir}/gcore_streaming_bg.wasm`));
const wasmImports = WebAssembly.Module.imports(wasmMod);
const modules = new Set(wasmImports.map((i) => i.module));
if (modules.size !== 1) fail(`expected the wasm to import from one (merged) module, found ${[...modules].join(", ")}`);
const [newModule] = modules;
const sameSet = (a, b) => a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");
if (!sameSet(wasmImports.map((i) => i.name), map.imports.map(([, , n]) => n)))
  fail("the map's new import names are not the wasm's imports");
if (!sameSet(WebAssembly.Module.exports(wasmMod).map((e) => e.name), map.exports.map(([, n]) => n)))
  fail("the map's new export names are not the wasm's exports");
for (const name of [newModule, ...map.imports.map(([, , n]) => n), ...map.exports.map(([, n]) => n)]) {
  if (!ident.test(name)) fail(`minified name ${JSON.stringify(name)} is not a JS identifier`);
}
/** old import name -> new, per old module */
const importsByModule = new Map();
for (const [module, name, short] of map.imports) {
  if (!importsByModule.has(module)) importsByModule.set(module, new Map());
  importsByModule.get(module).set(name, short);
}
const exportsMap = new Map(map.exports.map(([name, short]) => [name, short]));

// --- gcore_streaming.js -------------------------------------------------------------------------
const jsFile = `${dir}/gcore_streaming.js`;
let js = readFileSync(jsFile, "utf8");

// 1. The import object. wasm-bindgen writes
//      function __wbg_get_imports() {
//          const import0 = {
//              __proto__: null,
//              <name>: function(…) {…},            (8 spaces: one key per import, bodies indented deeper)
//              …
//          };
//          return {
//              __proto__: null,
//              "./gcore_streaming_bg.js": import0,
//              "./snippets/…/inline0.js": import1,   (a namespace import of a snippet module)
//          };
//      }
const head = "function __wbg_get_imports() {\n    const import0 = {\n        __proto__: null,\n";
const start = js.indexOf(head);
if (start < 0 || js.indexOf(head, start + 1) >= 0) fail("no (or more than one) `function __wbg_get_imports()` of the expected form");
const bodyStart = start + head.length;
const retRe = /\n    };\n    return \{\n        __proto__: null,\n((?: {8}"[^"\n]+": import\d+,\n)+) {4}\};\n\}\n/y;
const retAt = js.indexOf("\n    };\n    return {\n", bodyStart);
if (retAt < 0) fail("__wbg_get_imports: no `return {` after the import object");
retRe.lastIndex = retAt;
const ret = retRe.exec(js);
if (!ret) fail("__wbg_get_imports: the returned object is not of the expected form");
/** old module -> the glue's variable holding its imports */
const moduleVars = new Map([...ret[1].matchAll(/ {8}"([^"\n]+)": (import\d+),\n/g)].map((m) => [m[1], m[2]]));
if (!sameSet([...moduleVars.keys()], [...importsByModule.keys()]))
  fail(`the glue's import modules (${[...moduleVars.keys()].join(", ")}) are not the map's (${[...importsByModule.keys()].join(", ")})`);
const bgModule = [...moduleVars].find(([, v]) => v === "import0")?.[0];
if (bgModule === undefined) fail("no module of the glue is `import0`");

// Rename import0's keys (the lines at 8 spaces); the set of keys must be the map's set for its module.
const bgImports = importsByModule.get(bgModule);
let objText = js.slice(bodyStart, retAt);
const seen = new Set();
objText = objText.replace(/^ {8}([A-Za-z_$][\w$]*): /gm, (_, key) => {
  const short = bgImports.get(key);
  if (short === undefined) fail(`import key ${key} of ${bgModule} is not in the map (not imported by the wasm)`);
  if (seen.has(key)) fail(`import key ${key} appears twice`);
  seen.add(key);
  return `        ${short}: `;
});
const missing = [...bgImports.keys()].filter((k) => !seen.has(k));
if (missing.length) fail(`imports of the map not found as keys of import0: ${missing.join(", ")}`);

// The other modules (snippets) are namespace objects: their imports join import0 (read from the
// namespace when the imports are built, as wasm-bindgen's own object did), the one merged module.
const extra = [];
for (const [module, names] of importsByModule) {
  if (module === bgModule) continue;
  const v = moduleVars.get(module);
  const importLine = new RegExp(`^import \\* as ${v} from "${module.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}";?$`, "m");
  if (!importLine.test(js)) fail(`no \`import * as ${v} from "${module}"\``);
  for (const [name, short] of names) {
    if (!ident.test(name)) fail(`import ${name} of ${module} is not a JS identifier`);
    extra.push(`\n        ${short}: ${v}.${name},`);
  }
}
objText += extra.join("");
const newRet = `\n    };\n    return {\n        __proto__: null,\n        ${newModule}: import0,\n    };\n}\n`;
js = js.slice(0, bodyStart) + objText + newRet + js.slice(retAt + ret[0].length);

// 2. The exports: the glue reaches them only as `wasm.<name>` (`wasm` = instance.exports).
for (const re of [/\bwasm\s*\[/, /\bexports\s*[.[]/, /\}\s*=\s*wasm\b/]) {
  if (re.test(js)) fail(`the glue reaches the wasm's exports other than as wasm.<name> (${re})`);
}
let accesses = 0;
js = js.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (_, name) => {
  const short = exportsMap.get(name);
  if (short === undefined) fail(`the glue uses wasm.${name}, which is not an export of the map`);
  accesses++;
  return `wasm.${short}`;
});
if (accesses === 0) fail("no wasm.<name> access found");

// 3. Nothing old is left: no old module as a key (a snippet's path stays in its `import` line; the
//    wasm-bindgen module is no file at all), no old import key (checked above per key), and the
//    instantiation code still reads `wasm = instance.exports`.
for (const module of moduleVars.keys()) {
  if (js.includes(`${JSON.stringify(module)}:`)) fail(`the old module ${module} is still a key in the glue`);
}
if (js.includes(JSON.stringify(bgModule))) fail(`the old module name ${bgModule} is still in the glue`);
if (!js.includes("    wasm = instance.exports;\n")) fail("no `wasm = instance.exports;`");
writeFileSync(jsFile, js);

// --- gcore_streaming_bg.wasm.d.ts: `export const <name>: …;`, one line per export ---------------
const bgDts = `${dir}/gcore_streaming_bg.wasm.d.ts`;
let declared = 0;
const dts = readFileSync(bgDts, "utf8").replace(/^export const ([A-Za-z_$][\w$]*):/gm, (_, name) => {
  const short = exportsMap.get(name);
  if (short === undefined) fail(`${bgDts} declares ${name}, which is not an export of the map`);
  declared++;
  return `export const ${short}:`;
});
if (declared === 0) fail(`${bgDts}: no \`export const\` declarations`);
writeFileSync(bgDts, dts);

// --- gcore_streaming.d.ts: InitOutput must not promise an export under its old name -------------
const mainDts = readFileSync(`${dir}/gcore_streaming.d.ts`, "utf8");
const init = /^export interface InitOutput \{\n([\s\S]*?)^\}/m.exec(mainDts);
if (!init) fail("gcore_streaming.d.ts: no InitOutput interface");
for (const [, name] of init[1].matchAll(/^\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)\s*:/gm)) {
  if (exportsMap.has(name)) fail(`gcore_streaming.d.ts: InitOutput declares ${name}, renamed in the wasm (see scripts/tidy-dts.mjs)`);
}

console.log(
  `minify-names: ${dir}: ${map.imports.length} imports (${importsByModule.size} module(s) -> "${newModule}"), ` +
    `${map.exports.length} exports (${accesses} wasm.<name> uses, ${declared} declarations)`,
);
