// What every runtime's "webhook" entry exports.
export { default as init } from "./webhook/gcore_streaming.js";
export * from "./webhook/gcore_streaming.js";
export * from "./errors.js";
