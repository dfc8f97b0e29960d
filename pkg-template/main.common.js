// What every runtime's "main" entry exports.
import * as generated from "./main/gcore_streaming.js";
import { fastPath } from "./fast.js";
import { liveSessionClass } from "./session.js";
import { clientPages } from "./pages.js";
import { clientApi } from "./api.js";

export * from "./main/gcore_streaming.js";
export * from "./errors.js";
/** Shadows the generated export: the same function, with the fast path of ./fast.js in front. */
export const parseWebhook = fastPath(generated);
clientPages(generated);
// `client.players`, `client.streams.overlays`, …: the whole API (./api.js, generated table).
clientApi(generated);
/** The guide's four stages over a `StreamingClient` (./session.js). */
export const LiveSession = liveSessionClass(generated);
