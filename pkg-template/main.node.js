// Node entry: a plain `import` is enough (the module is compiled and instantiated synchronously).
import { readFileSync } from "node:fs";
import { initSync } from "./main/gcore_streaming.js";

initSync({ module: readFileSync(new URL("./main/gcore_streaming_bg.wasm", import.meta.url)) });

export * from "./main.common.js";
