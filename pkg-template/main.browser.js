// Browser and bundler entry: call `await init()` once before anything else (it fetches and compiles the
// .wasm next to this file; bundlers such as Vite rewrite that URL). Calling it again does nothing.
export * from "./main.common.js";
