// wasm-bindgen declares the raw wasm exports (`InitOutput`) with `any` parameters. They are the ABI,
// not the API: users never call them, and scripts/minify-names.mjs renames them all (`memory` too) to
// short names. Declare `InitOutput` as opaque (an object of exports, no names), so the public .d.ts
// stays free of `any` and true. Also drop `[Symbol.dispose]()` declarations (see below).
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
  const tidy = (text.slice(0, start) + opaque + text.slice(end + 3)).replace(/^ *\[Symbol\.dispose\]\(\): void;\n/gm, "");
  writeFileSync(file, tidy);
}
