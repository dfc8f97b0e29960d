// `gcore-streaming/upload`: a video file sent from the browser (or Node) to the platform's TUS upload
// servers, with the parameters your server got from `GET /streaming/videos/{video_id}/upload`. Plain JS
// over tus-js-client 2.x (the version Gcore's API reference says its upload servers support); it loads no
// WebAssembly. The API key stays on your server: the browser holds only the upload token.
import * as tusModule from "tus-js-client";

export * from "./errors.js";

// tus-js-client 2.x is CommonJS for Node (its namespace's `default`) and ESM for bundlers.
const tus = tusModule.Upload ? tusModule : tusModule.default;

/** A `StreamingError` (plain `Error` with a stable `name` and `code`, like the wasm's errors). */
const fail = (code, message, extra) => Object.assign(new Error(message), { name: "StreamingError", code, ...extra });

/** A hostname (with or without a port) on the loopback interface. */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;

const isObject = (v) => v !== null && typeof v === "object";

/** The upload's endpoint and metadata from the direct-upload parameters, checked. */
function readParams(params, options) {
  const bad = (path, what) => fail("invalid_params", `${path}: ${what}`, { path });
  if (!isObject(params)) throw bad("params", "must be the object that GET /streaming/videos/{video_id}/upload answered");
  if (typeof params.token !== "string" || params.token === "") throw bad("params.token", "must be a non-empty string");
  const video = params.video;
  if (!isObject(video) || !Number.isSafeInteger(video.id) || video.id <= 0)
    throw bad("params.video.id", "must be a positive integer");
  let endpoint = options.endpoint;
  if (endpoint === undefined) {
    const host = Array.isArray(params.servers) && isObject(params.servers[0]) ? params.servers[0].hostname : undefined;
    if (typeof host !== "string" || host === "") throw bad("params.servers[0].hostname", "must be a non-empty string");
    // A loopback upload server is the sandbox's, which speaks plain HTTP; every other one HTTPS.
    endpoint = `${LOOPBACK.test(host) ? "http" : "https"}://${host}/upload/`;
  } else if (typeof endpoint !== "string" || endpoint === "") throw bad("options.endpoint", "must be a URL");
  const metadata = { token: params.token, video_id: String(video.id) };
  const filename = options.filename ?? video.name;
  if (filename !== undefined && filename !== null) metadata.filename = String(filename);
  if (video.client_id !== undefined && video.client_id !== null) metadata.client_id = String(video.client_id);
  return { endpoint, metadata, videoId: video.id };
}

/**
 * tus-js-client's HTTP stack over a `fetch` function (e.g. the embedded sandbox's `sandbox.fetch`):
 * progress is reported per chunk, since `fetch` reports no upload progress.
 */
class FetchStack {
  constructor(fetch) {
    this.fetch = fetch;
  }
  createRequest(method, url) {
    return new FetchRequest(this.fetch, method, url);
  }
  getName() {
    return "FetchStack";
  }
}

class FetchRequest {
  constructor(fetch, method, url) {
    Object.assign(this, { fetch, method, url, headers: {}, controller: new AbortController(), progress: () => {} });
  }
  getMethod() {
    return this.method;
  }
  getURL() {
    return this.url;
  }
  setHeader(name, value) {
    this.headers[name] = value;
  }
  getHeader(name) {
    return this.headers[name];
  }
  setProgressHandler(handler) {
    this.progress = handler;
  }
  async send(body) {
    const res = await this.fetch(this.url, {
      method: this.method,
      headers: this.headers,
      body: body ?? undefined,
      signal: this.controller.signal,
    });
    const text = await res.text();
    if (body) this.progress(body.size ?? body.byteLength ?? 0);
    return {
      getStatus: () => res.status,
      getHeader: (name) => res.headers.get(name) ?? undefined,
      getBody: () => text,
      getUnderlyingObject: () => res,
    };
  }
  abort() {
    this.controller.abort();
    return Promise.resolve();
  }
  getUnderlyingObject() {
    return this.controller;
  }
}

/** What tus-js-client reads in this runtime: Blobs in browsers, Buffers and streams in Node. */
async function source(file) {
  const node = typeof process === "object" && process?.versions?.node && typeof Buffer === "function";
  if (node) {
    if (Buffer.isBuffer(file) || (isObject(file) && typeof file.read === "function")) return file;
    if (file instanceof ArrayBuffer) return Buffer.from(file);
    if (ArrayBuffer.isView(file)) return Buffer.from(file.buffer, file.byteOffset, file.byteLength);
    if (isObject(file) && typeof file.arrayBuffer === "function") return Buffer.from(await file.arrayBuffer());
  } else {
    if (isObject(file) && typeof file.slice === "function" && typeof file.size === "number") return file;
    if (file instanceof ArrayBuffer || ArrayBuffer.isView(file)) return new Blob([file]);
  }
  throw fail("invalid_params", "file: must be a File or Blob (or, in Node, a Buffer, bytes or a readable stream)", {
    path: "file",
  });
}

/** The typed error of an upload that failed with tus-js-client's `err`. */
function uploadError(err, videoId) {
  const res = err && err.originalResponse;
  const status = res ? res.getStatus() : 0;
  if (status === 401 || status === 403) {
    return fail(
      "token_rejected",
      `upload of video ${videoId}: the upload server refused the token (HTTP ${status}); ask your server for new upload parameters`,
      { status, cause: err },
    );
  }
  if (status) {
    return fail("upload_refused", `upload of video ${videoId}: the upload server answered HTTP ${status}`, {
      status,
      cause: err,
    });
  }
  return fail("network", `upload of video ${videoId}: the connection to the upload server failed`, { cause: err });
}

/**
 * Uploads `file` with the direct-upload parameters your server got from
 * `GET /streaming/videos/{video_id}/upload`. Resolves when the upload server has the whole file; the
 * video's processing then goes on (`video` webhooks: pending, viewable, ready).
 */
export async function uploadVideo(file, params, options = {}) {
  if (!isObject(options)) throw fail("invalid_params", "options: must be an object", { path: "options" });
  const { endpoint, metadata, videoId } = readParams(params, options);
  const { signal } = options;
  if (signal?.aborted) throw fail("aborted", `upload of video ${videoId}: aborted`);
  const input = await source(file);
  const size = typeof input.size === "number" ? input.size : typeof input.length === "number" ? input.length : null;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (f, v) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      f(v);
    };
    const upload = new tus.Upload(input, {
      endpoint,
      metadata,
      chunkSize: options.chunkSize ?? Infinity,
      retryDelays: options.retryDelays ?? [0, 1000, 3000, 5000, 10000],
      removeFingerprintOnSuccess: true,
      ...(options.urlStorage ? { urlStorage: options.urlStorage } : {}),
      ...(options.fetch ? { httpStack: new FetchStack(options.fetch) } : {}),
      onProgress: options.onProgress ? (sent, total) => options.onProgress(sent, total) : null,
      onSuccess: () => settle(resolve, { video_id: videoId, url: upload.url, size }),
      onError: (err) => settle(reject, uploadError(err, videoId)),
    });
    function onAbort() {
      upload.abort().catch(() => {});
      settle(reject, fail("aborted", `upload of video ${videoId}: aborted`));
    }
    signal?.addEventListener("abort", onAbort);
    // After a reload (browsers keep the upload's URL by the file's fingerprint), or a failed earlier
    // call, the server's offset is asked for and the upload goes on from there.
    const resume = options.resume ?? true;
    (resume ? upload.findPreviousUploads() : Promise.resolve([]))
      .then((previous) => {
        if (settled) return;
        // The same file may have been begun for another video: only this video's upload goes on.
        const mine = previous.find((p) => p?.metadata?.video_id === metadata.video_id);
        if (mine) upload.resumeFromPreviousUpload(mine);
        upload.start();
      })
      .catch((err) => settle(reject, uploadError(err, videoId)));
  });
}
