// What every runtime's "sandbox" entry exports.
import * as generated from "./sandbox/gcore_streaming.js";
import { fastPath } from "./fast.js";

export * from "./sandbox/gcore_streaming.js";
export * from "./errors.js";
/** Shadows the generated export: the same function, with the fast path of ./fast.js in front. */
export const parseWebhook = fastPath(generated);
