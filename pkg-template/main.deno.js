// Deno entry: the wasm is imported as a compiled module (source-phase import), no permission needed.
import source wasmModule from "./main/gcore_streaming_bg.wasm";
import { initSync } from "./main/gcore_streaming.js";

initSync({ module: wasmModule });

export * from "./main.common.js";
