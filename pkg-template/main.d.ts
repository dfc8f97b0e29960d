export * from "./main/gcore_streaming.js";
export { LiveSession } from "./session.js";
export * from "./errors.js";
/**
 * Loads the WebAssembly module. Required once in browsers (`await init()`); in Node, Deno and
 * Workers the module is ready at import and this resolves at once.
 */
export { default as init } from "./main/gcore_streaming.js";
