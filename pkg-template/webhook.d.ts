export * from "./webhook/gcore_streaming.js";
export * from "./errors.js";
import type { InitInput, InitOutput } from "./webhook/gcore_streaming.js";
/** Loads the module: once in browsers (`await init()`; no argument: the embedded module); elsewhere a no-op. */
export declare function init(input?: InitInput | Promise<InitInput> | { module_or_path: InitInput | Promise<InitInput> }): Promise<InitOutput>;
