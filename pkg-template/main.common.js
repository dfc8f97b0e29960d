// What every runtime's "main" entry exports.
export { default as init } from "./main/gcore_streaming.js";
export * from "./main/gcore_streaming.js";
export * from "./errors.js";
