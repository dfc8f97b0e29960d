// Node entry: a plain `import` is enough (the module is compiled and instantiated synchronously).
import { readFileSync } from "node:fs";
import { initSync } from "./sandbox/gcore_streaming.js";

initSync({ module: readFileSync(new URL("./sandbox/gcore_streaming_bg.wasm", import.meta.url)) });

export * from "./sandbox.common.js";
