// The VOD section: a file picked in the page, uploaded as a real app does it. The server side
// (`client.videos.createDirectUpload`, with the API key) creates the video and gets its upload
// parameters; the browser side (`uploadVideo` from gcore-streaming/upload, over tus) sends the file,
// resumably, with progress. The platform then processes it: `video` webhooks empty → pending →
// viewable → ready, taken by the same tracker as the live stream's.
import { $, h, fill } from "./ui.js";

/** What the section shows, in order: the statuses a video goes through once its file is sent. */
const STATUSES = ["empty", "pending", "viewable", "ready"];
const LABELS = { empty: "Created (empty)", pending: "Uploaded · pending", viewable: "Viewable", ready: "Ready" };
/** Bytes per request: small in the sandboxes so the progress bar moves, larger against the platform. */
const CHUNK = { embedded: 1 << 20, server: 1 << 20, api: 8 << 20 };

let uploadEntry; // gcore-streaming/upload, bundled for the page (www/vendor/upload.js, by make demo)

let card = () => null; // the page's video card (renditions and their progress)

const V = { state: "idle", id: null, sent: 0, total: 0, seen: [], abort: null, error: null, calls: [] };

/**
 * Wires the section to the page: `ctx.env()` the current mode's environment, `ctx.client(sink)` a
 * client whose calls are recorded, `ctx.track(video)` hands an API answer to the tracker,
 * `ctx.showError(title, err)`, `ctx.card(id)` the page's card of a video.
 */
export function setupVod(ctx) {
  card = ctx.card;
  const file = $("#vod-file");
  file.addEventListener("change", () => renderVod());
  $("#vod-upload").addEventListener("click", () => upload(ctx, file.files?.[0]));
  $("#vod-abort").addEventListener("click", () => V.abort?.abort());
  renderVod();
}

/** Forgets the section's upload (a new mode or a reset). */
export function resetVod() {
  V.abort?.abort();
  Object.assign(V, { state: "idle", id: null, sent: 0, total: 0, seen: [], abort: null, error: null, calls: [] });
  early = [];
  renderVod();
}

/** The id of the section's video (its webhooks are the page's too), or null. */
export const vodVideoId = () => V.id;

/** Video events that arrived while the video was being created (before its id was known). */
let early = [];

/** A validated `video` event: for the section's video, its status joins the ones seen. */
export function vodEvent(event) {
  if (event.type !== "video") return;
  if (V.id === null) {
    // The embedded sandbox sends the creation's webhook before the creating call returns.
    if (V.state === "uploading") early.push(event);
    return;
  }
  if (event.video.id !== V.id) return;
  const status = event.video.status;
  if (status && V.seen.at(-1) !== status) V.seen.push(status);
  if (status === "ready") V.state = "ready";
  else if (status === "error") V.state = "error";
  renderVod();
}

/** The parameters of an upload that stopped (aborted or failed) and its file, to resume it. */
let unfinished = null;
const fileKey = (file) => `${file.name}\u0000${file.size}\u0000${file.lastModified}`;

async function upload(ctx, file) {
  const env = ctx.env();
  if (!file || !env || V.state === "uploading") return;
  const resumed = unfinished?.env === env && unfinished.key === fileKey(file) ? unfinished.params : null;
  resetVod();
  V.state = "uploading";
  V.total = file.size;
  V.abort = new AbortController();
  renderVod();
  try {
    uploadEntry ??= await import("./vendor/upload.js");
    const client = ctx.client((rec) => V.calls.push(rec));
    // In a real app this call runs on your server, and only `params` reaches the browser. The same file
    // after an abort goes on with its video's parameters (tus asks the server where it stopped).
    const params = resumed ?? (await client.videos.createDirectUpload({ name: file.name }, { signal: V.abort.signal }));
    unfinished = { env, key: fileKey(file), params };
    V.id = params.video.id;
    ctx.track(params.video);
    for (const event of early.splice(0)) vodEvent(event);
    if (!V.seen.includes(params.video.status)) V.seen.unshift(params.video.status);
    renderVod();
    await uploadEntry.uploadVideo(file, params, {
      signal: V.abort.signal,
      chunkSize: CHUNK[env.kind] ?? CHUNK.api,
      // The embedded sandbox answers the upload server's requests too, through its fetch.
      ...(env.kind === "embedded" ? { fetch: env.fetch } : {}),
      onProgress: (sent, total) => {
        Object.assign(V, { sent, total });
        renderVod();
      },
    });
    unfinished = null;
    V.sent = V.total;
    if (V.state === "uploading") V.state = "processing";
    // The upload's last byte started the processing: the video's answer says so before its webhook.
    ctx.track(await client.getVideo(V.id));
  } catch (e) {
    V.state = e?.code === "aborted" ? "aborted" : "error";
    V.error = e;
    if (V.state === "error") ctx.showError("The upload failed", e);
  } finally {
    V.abort = null;
    renderVod();
  }
}

const fmtBytes = (n) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${Math.round(n / 1024)} KiB`);

function renderVod() {
  const root = $("#vod");
  if (!root) return;
  root.dataset.state = V.state;
  root.dataset.videoId = V.id ?? "";
  root.dataset.seen = V.seen.join(" ");
  const busy = V.state === "uploading";
  $("#vod-upload").disabled = busy || !$("#vod-file").files?.length;
  $("#vod-abort").hidden = !busy;
  const progress = $("#vod-progress");
  progress.max = Math.max(V.total, 1);
  progress.value = V.sent;
  $("#vod-bytes").textContent = V.total ? `${fmtBytes(V.sent)} of ${fmtBytes(V.total)}` : "";
  fill(
    $("#vod-statuses"),
    STATUSES.map((s) =>
      h("li", { dataset: { status: s, done: V.seen.includes(s) ? "true" : "false" } }, h("span", { class: "dot" }), LABELS[s]),
    ),
  );
  const note = {
    idle: "Pick a video file: nothing leaves the page in the embedded sandbox.",
    uploading: V.id ? `Uploading video ${V.id} (tus, resumable)…` : "Creating the video…",
    processing: `Video ${V.id} uploaded: the platform is processing it.`,
    ready: `Video ${V.id} is ready: every rendition is complete.`,
    aborted: "Upload aborted. Upload the same file again to resume where it stopped.",
    error: V.error?.message ?? "The upload failed.",
  }[V.state];
  $("#vod-note").textContent = note;
  fill($("#vod-video"), V.id != null ? card(V.id) : null);
  fill(
    $("#vod-calls"),
    V.calls.map((c) => h("li", {}, h("code", {}, `${c.method} ${c.path}`), c.status != null ? ` → ${c.status}` : "")),
  );
}
