export * from "./main/gcore_streaming.js";
export { LiveSession } from "./session.js";
export * from "./errors.js";
export * from "./api.js";
export type { CreateDirectUploadParams, DirectUploadApi, DirectUploadParams } from "./direct-upload.js";
import type { InitInput, InitOutput } from "./main/gcore_streaming.js";
/** Loads the module: once in browsers (`await init()`; no argument: the embedded module); elsewhere a no-op. */
export declare function init(input?: InitInput | Promise<InitInput> | { module_or_path: InitInput | Promise<InitInput> }): Promise<InitOutput>;
