// wasm-bindgen declares the raw wasm exports (`InitOutput`) with `any` parameters. They are the ABI,
// not the API: users never call them, and scripts/minify-names.mjs renames them all (`memory` too) to
// short names. Declare `InitOutput` as opaque (an object of exports, no names), so the public .d.ts
// stays free of `any` and true. Also drop `[Symbol.dispose]()` declarations, and declare what init()
// takes without the DOM lib (see below).
//   node scripts/tidy-dts.mjs pkg/main/gcore_streaming.d.ts …
import { readFileSync, writeFileSync } from "node:fs";

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  const start = text.indexOf("export interface InitOutput {");
  if (start < 0) throw new Error(`${file}: no InitOutput interface`);
  const end = text.indexOf("\n}\n", start);
  if (end < 0) throw new Error(`${file}: unterminated InitOutput interface`);
  const opaque =
    "/** The instantiated module's exports (opaque: the ABI behind the functions above, under minified names). */\n" +
    "export interface InitOutput {\n    readonly [name: string]: unknown;\n}\n";
  // `[Symbol.dispose]()` needs TypeScript's esnext.disposable lib; `free()` does the same and is declared.
  let tidy = (text.slice(0, start) + opaque + text.slice(end + 3)).replace(/^ *\[Symbol\.dispose\]\(\): void;\n/gm, "");
  // What init()/initSync() take, in the runtime's own types (src/js/mod.rs, GLOBALS_TS) instead of the
  // DOM lib's `RequestInfo`, `BufferSource` and `WebAssembly`, which a project without it lacks.
  for (const [from, to] of [
    [
      "export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;",
      "/** What `init()` loads: a URL or path, a `Request` or `Response`, the `.wasm`'s bytes, or a compiled module. */\n" +
        "export type InitInput = string | GlobalURL | GlobalRequest | GlobalResponse | ArrayBuffer | ArrayBufferView | GlobalWasmModule;",
    ],
    [
      "export type SyncInitInput = BufferSource | WebAssembly.Module;",
      "/** What `initSync()` instantiates: the `.wasm`'s bytes or a compiled module. */\n" +
        "export type SyncInitInput = ArrayBuffer | ArrayBufferView | GlobalWasmModule;",
    ],
  ]) {
    if (!tidy.includes(from)) throw new Error(`${file}: no ${JSON.stringify(from)}`);
    tidy = tidy.replace(from, to);
  }
  // wasm-bindgen declares `free()` without a comment.
  const free = /^( *)free\(\): void;$/gm;
  if (!free.test(tidy)) throw new Error(`${file}: no free() declaration`);
  tidy = tidy.replace(
    free,
    "$1/** Frees the object's memory in the WebAssembly module now (else the garbage collector does, later). */\n$1free(): void;",
  );
  writeFileSync(file, tidy);
}
