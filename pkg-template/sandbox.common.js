// What every runtime's "sandbox" entry exports.
export { default as init } from "./sandbox/gcore_streaming.js";
export * from "./sandbox/gcore_streaming.js";
export * from "./errors.js";
