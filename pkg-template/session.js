// `LiveSession`: the guide's four stages, one call each, over a `StreamingClient`.
//
// The stages are a few awaits each over the client's public methods, so they are plain JS: every
// request, retry, timeout and typed error is the client's (in the wasm), and what a method is given is
// checked by the client's own parameter readers (`StreamingClient.__gsCheck`, src/js/session.rs), so
// a bad option gets the same `invalid_params` error as a bad parameter of the client. The same steps
// written as Rust futures over JS values cost ~12 KB gzip of the main entry's wasm; this file is ~2.9 KB.
// Rust users have `gcore_streaming::client::LiveSession`, which takes the same steps.
// (tests/fixtures/session/scenarios.json, run by tests/js/cases/session.mjs and tests/client_session.rs,
// holds the requests, results and states both must produce.)

const MAX_ID = 9007199254740991;
const TOKEN = Symbol("LiveSession");
const STATUSES = ["ready", "live", "paused", "stopped"];

const error = (name, code, message, props) => Object.assign(new Error(message), { name, code }, props);
const invalid = (path, message) => error("StreamingError", "invalid_params", `${path}: ${message}`, { path });
/** What the Rust client calls an `invalid_response`: an answer without the id the session needs. */
const noId = (operation, what) =>
  error("StreamingError", "invalid_response", `${operation} answered HTTP 200: ${what} has no id`, {
    status: 200,
    operation,
  });
/** A property, `undefined` when absent or `null` (as the client reads options). */
const prop = (o, k) => (o !== null && (typeof o === "object" || typeof o === "function") ? o[k] ?? undefined : undefined);
const isId = (n) => typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= MAX_ID;
const idOf = (v, path) => {
  if (!isId(v)) throw invalid(path, "must be a positive integer id");
  return v;
};
/** A non-negative integer `id` of an answer (`undefined` when it has none). */
const idIn = (v) => {
  const n = prop(v, "id");
  return typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= MAX_ID ? n : undefined;
};
const copy = (v) => (v === undefined ? null : JSON.parse(JSON.stringify(v)));
const isObject = (v) => v !== null && typeof v === "object";
const number = (o, k, path) => {
  const v = prop(o, k);
  if (v !== undefined && !(typeof v === "number" && Number.isFinite(v) && v >= 0)) {
    throw invalid(path, "must be a finite number >= 0");
  }
  return v;
};
const bool = (o, k, path) => {
  const v = prop(o, k);
  if (v !== undefined && typeof v !== "boolean") throw invalid(path, "must be a boolean");
  return v === true;
};
/** A resource as the session keeps it (`id` is read from it when stored, or kept from before). */
const res = (value, what, operation) => {
  const id = idIn(value);
  if (id === undefined) throw noId(operation, what);
  return { id, value: copy(value) };
};
const resOf = (v, path) => {
  if (!isObject(v)) throw invalid(path, "must be an object");
  const id = prop(v, "id");
  if (id === undefined) throw invalid(`${path}.id`, "is required");
  return { id: idOf(id, `${path}.id`), value: copy(v) };
};

/** Makes the `LiveSession` class over a generated main module. */
export function liveSessionClass(m) {
  const Client = m.StreamingClient;
  const check = (kind, value, options) => Client.__gsCheck(kind, value, options);

  class LiveSession {
    #client;
    #s;
    // The video `waitForVideoReady` polls, and how to end its current sleep early.
    #waiting;
    #wake;

    /** @private Use `LiveSession.setup` or `LiveSession.attach`. */
    constructor(token, client, state) {
      if (token !== TOKEN) throw new TypeError("use LiveSession.setup or LiveSession.attach");
      this.#client = client;
      this.#s = state;
    }

    static #from(client) {
      if (!(client instanceof Client)) throw invalid("client", "must be a StreamingClient");
      return client;
    }

    /** Stage 1: creates the stream inactive (or reuses `streamId`, updating its region), creates the
     * pending broadcast bound to it, enables the stream. */
    static async setup(client, options, opts) {
      const c = LiveSession.#from(client);
      check("setup", options, opts);
      const { stream, streamId, transcodingRegion: region, broadcast } = options;
      const settings = { ...(stream ?? {}) };
      if (region != null) settings.transcoding_region = region;
      let first;
      let op = "create_stream";
      if (streamId == null) {
        first = c.createStream({ ...stream, active: false, ...(region != null && { transcoding_region: region }) }, opts);
      } else if (Object.values(settings).some((v) => v !== undefined)) {
        op = "update_stream";
        first = c.updateStream(streamId, settings, opts);
      } else {
        op = "get_stream";
        first = c.getStream(streamId, opts);
      }
      let s = res(await first, "the stream", op);
      const created = await c.createBroadcast({ ...broadcast, status: "pending", stream_ids: [s.id] }, opts);
      let b;
      const id = idIn(created);
      if (id !== undefined) b = { id, value: copy(created) };
      else {
        // Created without a body: the newest broadcast with this name, bound to the stream.
        for await (const x of c.broadcasts(undefined, opts)) {
          const n = idIn(x);
          const ids = prop(x, "stream_ids");
          if (n !== undefined && prop(x, "name") === broadcast.name && Array.isArray(ids) && ids.includes(s.id) && !(b && b.id >= n)) {
            b = { id: n, value: copy(x) };
          }
        }
        if (!b) throw noId("create_broadcast", "the created broadcast was not returned nor listed; it");
      }
      s = res(await c.updateStream(s.id, { active: true }, opts), "the stream", "update_stream");
      return new LiveSession(TOKEN, c, { stream: s, broadcast: b, status: "ready", recording: false, resumeRecording: false, videos: [] });
    }

    /** A session over stored state (`session.state`), e.g. in another request handler. */
    static attach(client, state) {
      const c = LiveSession.#from(client);
      if (!isObject(state)) throw invalid("state", "must be an object");
      const stream = resOf(prop(state, "stream"), "state.stream");
      const b = prop(state, "broadcast");
      if (!isObject(b)) throw invalid("state.broadcast", "must be an object");
      const bid = prop(b, "id");
      const broadcast = { id: bid === undefined ? undefined : idOf(bid, "state.broadcast.id"), value: copy(b) };
      const status = prop(state, "status") ?? "ready";
      if (!STATUSES.includes(status)) throw invalid("state.status", "must be one of ready, live, paused, stopped");
      const list = prop(state, "videos");
      if (list !== undefined && !Array.isArray(list)) throw invalid("state.videos", "must be an array");
      const videos = (list ?? []).map((v) => resOf(v, "state.videos"));
      return new LiveSession(TOKEN, c, {
        stream,
        broadcast,
        status,
        recording: bool(state, "recording", "state.recording"),
        resumeRecording: bool(state, "resumeRecording", "state.resumeRecording"),
        videos,
      });
    }

    /** The session's state, as data (a fresh copy). */
    get state() {
      const s = this.#s;
      return copy({
        stream: s.stream.value,
        broadcast: s.broadcast.value,
        status: s.status,
        recording: s.recording,
        resumeRecording: s.resumeRecording,
        videos: s.videos.map((v) => v.value),
      });
    }

    #addVideo(v) {
      const i = this.#s.videos.findIndex((x) => x.id === v.id);
      if (i >= 0) this.#s.videos[i] = v;
      else this.#s.videos.push(v);
    }

    async #setBroadcast(status, opts) {
      const id = this.#s.broadcast.id;
      if (id === undefined) throw noId("update_broadcast", "the session's broadcast");
      let value = await this.#client.updateBroadcast(id, { status }, opts);
      // The spec's broadcast has no `id`: an answer without one is still the session's broadcast.
      if (isObject(value) && idIn(value) === undefined) value = { ...value, id };
      this.#s.broadcast = { id: idIn(value) ?? id, value: copy(value) };
      return value;
    }

    /** Sets the broadcast's `status` and the session's with it (`live` or `paused`). */
    async #goTo(status, opts) {
      const value = await this.#setBroadcast(status, opts);
      this.#s.status = status;
      return value;
    }

    async #startRecording(opts) {
      const value = await this.#client.startRecording(this.#s.stream.id, opts);
      this.#s.recording = true;
      return value;
    }

    async #stopRecording(opts) {
      const value = await this.#client.stopRecording(this.#s.stream.id, opts);
      const video = value === null ? null : res(value, "the recorded video", "stop_recording");
      this.#s.recording = false;
      if (video) this.#addVideo(video);
      return value;
    }

    /** Stage 2: sets the broadcast live. */
    async goLive(options) {
      check("options", undefined, options);
      return this.#goTo("live", options);
    }

    /** Stage 3: starts recording (resolves to the platform's warnings). */
    async startRecording(options) {
      check("options", undefined, options);
      return this.#startRecording(options);
    }

    /** Interruption: pauses the broadcast (and with `stopRecording`, stops the recording: resolves to
     * the video it produced). */
    async pause(options) {
      check("options", undefined, options);
      const stop = bool(options, "stopRecording", "options.stopRecording");
      await this.#goTo("paused", options);
      if (!stop || !this.#s.recording) return null;
      const video = await this.#stopRecording(options);
      this.#s.resumeRecording = true;
      return video;
    }

    /** After an interruption: the broadcast live again, and the recording restarted if `pause`
     * stopped it (resolves to its result, else `null`). */
    async resume(options) {
      check("options", undefined, options);
      await this.#goTo("live", options);
      if (!this.#s.resumeRecording) return null;
      const started = await this.#startRecording(options);
      this.#s.resumeRecording = false;
      return started;
    }

    /** Stage 4: stops recording, finishes the broadcast, disables the stream, deletes the broadcast;
     * resolves to every video recorded during the session. */
    async stop(options) {
      check("options", undefined, options);
      await this.#stopRecording(options);
      this.#s.resumeRecording = false;
      await this.#setBroadcast("finished", options);
      this.#s.stream = res(await this.#client.updateStream(this.#s.stream.id, { active: false }, options), "the stream", "update_stream");
      const id = this.#s.broadcast.id;
      if (id === undefined) throw noId("delete_broadcast", "the session's broadcast");
      await this.#client.deleteBroadcast(id, options);
      this.#s.status = "stopped";
      return this.#s.videos.map((v) => copy(v.value));
    }

    /** Polls the recording with backoff until it is `ready` (rejects with `video_failed` on `error`).
     * `notifyVideo` (from webhooks) makes it poll at once. */
    async waitForVideoReady(options) {
      if (options !== undefined && options !== null && !isObject(options)) throw invalid("options", "must be an object");
      const v = prop(options, "videoId");
      const videoId = v === undefined ? undefined : idOf(v, "options.videoId");
      const interval = number(options, "intervalMs", "options.intervalMs") ?? 2000;
      const maxInterval = number(options, "maxIntervalMs", "options.maxIntervalMs") ?? 30000;
      const timeout = number(options, "timeoutMs", "options.timeoutMs") ?? 3600000;
      check("options", undefined, options);
      const signal = prop(options, "signal");
      const id = videoId ?? this.#s.videos.at(-1)?.id;
      if (id === undefined) {
        throw error("StreamingError", "invalid_state", "the session has no recording to wait for (pass videoId)", {
          operation: undefined,
        });
      }
      const deadline = Date.now() + Math.max(timeout, 0);
      let delay = Math.max(interval, 0);
      this.#waiting = id;
      try {
        for (;;) {
          const video = await this.#client.getVideo(id, signal ? { signal } : undefined);
          if (this.#s.videos.some((x) => x.id === id)) this.#addVideo({ id, value: copy(video) });
          const status = prop(video, "status");
          if (status === "ready") return video;
          if (status === "error") {
            const why = typeof video.error === "string" ? video.error : "status error";
            throw error("StreamingError", "video_failed", `video ${id} failed to process: ${why}`, { video });
          }
          const remaining = deadline - Date.now();
          if (remaining <= 0) {
            const ms = Math.trunc(Math.min(Math.max(timeout, 0), 9e15));
            throw error("StreamingError", "timeout", `get_video timed out after ${ms} ms`, { operation: "get_video" });
          }
          if (!(await this.#sleep(Math.min(delay, remaining), signal))) {
            throw error("StreamingError", "aborted", "get_video was aborted", { operation: "get_video" });
          }
          delay = Math.min(delay * 2, Math.max(maxInterval, interval));
        }
      } finally {
        this.#waiting = undefined;
      }
    }

    /** Resolves `true` after `ms` or a `notifyVideo`, `false` when `signal` aborts. */
    #sleep(ms, signal) {
      return new Promise((resolve) => {
        if (signal?.aborted) return resolve(false);
        let t;
        const onAbort = () => done(false);
        const done = (v) => {
          clearTimeout(t);
          signal?.removeEventListener("abort", onAbort);
          this.#wake = undefined;
          resolve(v);
        };
        t = setTimeout(() => done(true), Math.min(ms, 2147483647));
        signal?.addEventListener("abort", onAbort);
        this.#wake = () => done(true);
      });
    }

    /** Feeds a video event (a video id, or a `video` webhook's `message.video`): a pending
     * `waitForVideoReady` for it polls at once. Returns whether a wait was woken. */
    notifyVideo(video) {
      const raw = prop(video, "id");
      const id = raw === undefined ? idOf(video, "video") : idOf(raw, "video.id");
      if (this.#waiting !== id) return false;
      this.#wake?.();
      return true;
    }

    /** Executes an action of the webhook tracker and keeps the session's state in step. */
    async perform(action, options) {
      const value = await this.#client.perform(action, options);
      const s = this.#s;
      const op = action.operation;
      const ours = action.stream_id === s.stream.id;
      const id = idIn(value);
      if (op === "stop_recording" && ours) {
        if (id !== undefined) this.#addVideo({ id, value: copy(value) });
        s.recording = false;
      } else if (op === "start_recording" && ours) s.recording = true;
      else if (/^(create|get|update)_stream$/.test(op) && id === s.stream.id) s.stream = { id, value: copy(value) };
      else if (/^(create|get|update)_broadcast$/.test(op) && id !== undefined && id === s.broadcast.id) {
        const status = prop(value, "status");
        if (status === "live" || status === "paused") s.status = status;
        s.broadcast = { id, value: copy(value) };
      }
      return value;
    }

    /** Nothing to free (kept for code written for the wasm-backed class of earlier versions). */
    free() {}
  }
  if (typeof Symbol.dispose === "symbol") LiveSession.prototype[Symbol.dispose] = LiveSession.prototype.free;
  return LiveSession;
}
