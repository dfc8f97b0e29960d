// Cloudflare Workers (workerd) entry: the bundler imports the .wasm as a precompiled WebAssembly.Module,
// instantiated synchronously (Workers forbid compiling wasm from bytes at run time).
import wasmModule from "./webhook/gcore_streaming_bg.wasm";
import { initSync } from "./webhook/gcore_streaming.js";

initSync({ module: wasmModule });

export * from "./webhook.common.js";
