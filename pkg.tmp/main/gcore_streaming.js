/* @ts-self-types="./gcore_streaming.d.ts" */

/**
 * The guide's four stages, one call each: `setup` → `goLive` → `startRecording` → `stop` (+ `pause`/
 * `resume` for interruptions, `waitForVideoReady`, and `perform` for the webhook tracker's actions).
 */
export class LiveSession {
    static __wrap(ptr) {
        const obj = Object.create(LiveSession.prototype);
        obj.__wbg_ptr = ptr;
        LiveSessionFinalization.register(obj, obj.__wbg_ptr, obj);
        return obj;
    }
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        LiveSessionFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_livesession_free(ptr, 0);
    }
    /**
     * A session over stored state (`session.state`), e.g. in another request handler.
     * @param {StreamingClient} client
     * @param {LiveSessionState} state
     * @returns {LiveSession}
     */
    static attach(client, state) {
        _assertClass(client, StreamingClient);
        const ret = wasm.livesession_attach(client.__wbg_ptr, state);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return LiveSession.__wrap(ret[0]);
    }
    /**
     * Stage 2: sets the broadcast live.
     * @param {RequestOptions} [options]
     * @returns {Promise<Broadcast>}
     */
    goLive(options) {
        const ret = wasm.livesession_goLive(this.__wbg_ptr, options);
        return ret;
    }
    /**
     * Feeds a video event (a video id, or a `video` webhook's `message.video`): a pending
     * `waitForVideoReady` for it polls at once. Returns whether a wait was woken.
     * @param {number | { id: number }} video
     * @returns {boolean}
     */
    notifyVideo(video) {
        const ret = wasm.livesession_notifyVideo(this.__wbg_ptr, video);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return ret[0] !== 0;
    }
    /**
     * Interruption: pauses the broadcast (and with `stopRecording`, stops the recording: resolves
     * to the video it produced).
     * @param {PauseOptions} [options]
     * @returns {Promise<Video | null>}
     */
    pause(options) {
        const ret = wasm.livesession_pause(this.__wbg_ptr, options);
        return ret;
    }
    /**
     * Executes an action of the webhook tracker and keeps the session's state in step.
     * @param {ApiAction} action
     * @param {RequestOptions} [options]
     * @returns {Promise<PerformResult>}
     */
    perform(action, options) {
        const ret = wasm.livesession_perform(this.__wbg_ptr, action, options);
        return ret;
    }
    /**
     * After an interruption: the broadcast live again, and the recording restarted if `pause`
     * stopped it (resolves to its result, else `null`).
     * @param {RequestOptions} [options]
     * @returns {Promise<StartRecordingResult | null>}
     */
    resume(options) {
        const ret = wasm.livesession_resume(this.__wbg_ptr, options);
        return ret;
    }
    /**
     * Stage 1: creates the stream inactive (or reuses `streamId`, updating its region), creates the
     * pending broadcast bound to it, enables the stream.
     * @param {StreamingClient} client
     * @param {LiveSessionOptions} options
     * @param {RequestOptions} [opts]
     * @returns {Promise<LiveSession>}
     */
    static setup(client, options, opts) {
        _assertClass(client, StreamingClient);
        const ret = wasm.livesession_setup(client.__wbg_ptr, options, opts);
        return ret;
    }
    /**
     * Stage 3: starts recording (resolves to the platform's warnings).
     * @param {RequestOptions} [options]
     * @returns {Promise<StartRecordingResult>}
     */
    startRecording(options) {
        const ret = wasm.livesession_startRecording(this.__wbg_ptr, options);
        return ret;
    }
    /**
     * The session's state, as data.
     * @returns {LiveSessionState}
     */
    get state() {
        const ret = wasm.livesession_state(this.__wbg_ptr);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * Stage 4: stops recording, finishes the broadcast, disables the stream, deletes the broadcast;
     * resolves to every video recorded during the session.
     * @param {RequestOptions} [options]
     * @returns {Promise<Video[]>}
     */
    stop(options) {
        const ret = wasm.livesession_stop(this.__wbg_ptr, options);
        return ret;
    }
    /**
     * Polls the recording with backoff until it is `ready` (rejects with `video_failed` on
     * `error`). `notifyVideo` (from webhooks) makes it poll at once.
     * @param {WaitForVideoOptions} [options]
     * @returns {Promise<Video>}
     */
    waitForVideoReady(options) {
        const ret = wasm.livesession_waitForVideoReady(this.__wbg_ptr, options);
        return ret;
    }
}
if (Symbol.dispose) LiveSession.prototype[Symbol.dispose] = LiveSession.prototype.free;

/**
 * An async iterator over every item of a list (pages of 25, read on demand).
 */
export class PageIterator {
    static __wrap(ptr) {
        const obj = Object.create(PageIterator.prototype);
        obj.__wbg_ptr = ptr;
        PageIteratorFinalization.register(obj, obj.__wbg_ptr, obj);
        return obj;
    }
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        PageIteratorFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_pageiterator_free(ptr, 0);
    }
    /**
     * The next item (reads the next page when needed).
     * @returns {Promise<IteratorResult<Stream | Broadcast | Video, undefined>>}
     */
    next() {
        const ret = wasm.pageiterator_next(this.__wbg_ptr);
        return ret;
    }
    /**
     * Ends the iteration (called by `break` in `for await`).
     * @returns {Promise<IteratorResult<Stream | Broadcast | Video, undefined>>}
     */
    return() {
        const ret = wasm.pageiterator_return(this.__wbg_ptr);
        return ret;
    }
}
if (Symbol.dispose) PageIterator.prototype[Symbol.dispose] = PageIterator.prototype.free;

/**
 * The Gcore Streaming API client. Runs on browsers, workers, Node 20+, Deno and Cloudflare Workers.
 */
export class StreamingClient {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        StreamingClientFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_streamingclient_free(ptr, 0);
    }
    /**
     * The base URL requests go to.
     * @returns {string}
     */
    get baseUrl() {
        let deferred1_0;
        let deferred1_1;
        try {
            const ret = wasm.streamingclient_baseUrl(this.__wbg_ptr);
            deferred1_0 = ret[0];
            deferred1_1 = ret[1];
            return getStringFromWasm0(ret[0], ret[1]);
        } finally {
            wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
        }
    }
    /**
     * Every broadcast, page by page.
     * @param {ListBroadcastsQuery} [query]
     * @param {RequestOptions} [options]
     * @returns {AsyncIterableIterator<Broadcast>}
     */
    broadcasts(query, options) {
        const ret = wasm.streamingclient_broadcasts(this.__wbg_ptr, query, options);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * `POST /streaming/broadcasts` with `{"broadcast": params}` (`name`, `status` required): the
     * broadcast, or `null` when the platform answers without a body.
     * @param {BroadcastParams} params
     * @param {RequestOptions} [options]
     * @returns {Promise<Broadcast | null>}
     */
    createBroadcast(params, options) {
        const ret = wasm.streamingclient_createBroadcast(this.__wbg_ptr, params, options);
        return ret;
    }
    /**
     * `POST /streaming/streams` (flat body; `name` required). Not retried except on 429.
     * @param {StreamParams} params
     * @param {RequestOptions} [options]
     * @returns {Promise<Stream>}
     */
    createStream(params, options) {
        const ret = wasm.streamingclient_createStream(this.__wbg_ptr, params, options);
        return ret;
    }
    /**
     * `DELETE /streaming/broadcasts/{id}`.
     * @param {number} id
     * @param {RequestOptions} [options]
     * @returns {Promise<void>}
     */
    deleteBroadcast(id, options) {
        const ret = wasm.streamingclient_deleteBroadcast(this.__wbg_ptr, id, options);
        return ret;
    }
    /**
     * `DELETE /streaming/streams/{id}`.
     * @param {number} id
     * @param {RequestOptions} [options]
     * @returns {Promise<void>}
     */
    deleteStream(id, options) {
        const ret = wasm.streamingclient_deleteStream(this.__wbg_ptr, id, options);
        return ret;
    }
    /**
     * `DELETE /streaming/videos/{id}`.
     * @param {number} id
     * @param {RequestOptions} [options]
     * @returns {Promise<void>}
     */
    deleteVideo(id, options) {
        const ret = wasm.streamingclient_deleteVideo(this.__wbg_ptr, id, options);
        return ret;
    }
    /**
     * `GET /streaming/broadcasts/{id}`.
     * @param {number} id
     * @param {RequestOptions} [options]
     * @returns {Promise<Broadcast>}
     */
    getBroadcast(id, options) {
        const ret = wasm.streamingclient_getBroadcast(this.__wbg_ptr, id, options);
        return ret;
    }
    /**
     * `GET /streaming/streams/{id}`.
     * @param {number} id
     * @param {RequestOptions} [options]
     * @returns {Promise<Stream>}
     */
    getStream(id, options) {
        const ret = wasm.streamingclient_getStream(this.__wbg_ptr, id, options);
        return ret;
    }
    /**
     * `GET /streaming/videos/{id}`.
     * @param {number} id
     * @param {RequestOptions} [options]
     * @returns {Promise<Video>}
     */
    getVideo(id, options) {
        const ret = wasm.streamingclient_getVideo(this.__wbg_ptr, id, options);
        return ret;
    }
    /**
     * `GET /streaming/broadcasts?page=` (one page; see `broadcasts()` for all).
     * @param {ListBroadcastsQuery} [query]
     * @param {RequestOptions} [options]
     * @returns {Promise<Broadcast[]>}
     */
    listBroadcasts(query, options) {
        const ret = wasm.streamingclient_listBroadcasts(this.__wbg_ptr, query, options);
        return ret;
    }
    /**
     * `GET /streaming/streams?page=&with_broadcasts=` (one page; see `streams()` for all).
     * @param {ListStreamsQuery} [query]
     * @param {RequestOptions} [options]
     * @returns {Promise<Stream[]>}
     */
    listStreams(query, options) {
        const ret = wasm.streamingclient_listStreams(this.__wbg_ptr, query, options);
        return ret;
    }
    /**
     * `GET /streaming/videos?page=&per_page=&stream_id=&status=&search=…` (one page; see `videos()`).
     * @param {ListVideosQuery} [query]
     * @param {RequestOptions} [options]
     * @returns {Promise<Video[]>}
     */
    listVideos(query, options) {
        const ret = wasm.streamingclient_listVideos(this.__wbg_ptr, query, options);
        return ret;
    }
    /**
     * A client. `apiKey` (or `bearerToken`, or neither behind a proxy that adds auth), `baseUrl`,
     * `headers`, `timeoutMs`, `maxRetries`, backoff settings and `fetch`.
     * @param {ClientOptions} [options]
     */
    constructor(options) {
        const ret = wasm.streamingclient_new(options);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        this.__wbg_ptr = ret[0];
        StreamingClientFinalization.register(this, this.__wbg_ptr, this);
        return this;
    }
    /**
     * Executes an action of the webhook tracker (no session state involved).
     * @param {ApiAction} action
     * @param {RequestOptions} [options]
     * @returns {Promise<PerformResult>}
     */
    perform(action, options) {
        const ret = wasm.streamingclient_perform(this.__wbg_ptr, action, options);
        return ret;
    }
    /**
     * `PUT /streaming/streams/{id}/start_recording`: `{warnings: [], errors: []}` on 204, the
     * platform's warnings (e.g. `client_storage_almost_exceeded`) on 200.
     * @param {number} id
     * @param {RequestOptions} [options]
     * @returns {Promise<StartRecordingResult>}
     */
    startRecording(id, options) {
        const ret = wasm.streamingclient_startRecording(this.__wbg_ptr, id, options);
        return ret;
    }
    /**
     * `PUT /streaming/streams/{id}/stop_recording`: the recorded video, or `null` when nothing was
     * recording.
     * @param {number} id
     * @param {RequestOptions} [options]
     * @returns {Promise<Video | null>}
     */
    stopRecording(id, options) {
        const ret = wasm.streamingclient_stopRecording(this.__wbg_ptr, id, options);
        return ret;
    }
    /**
     * Every stream, page by page (`for await (const s of client.streams())`).
     * @param {ListStreamsQuery} [query]
     * @param {RequestOptions} [options]
     * @returns {AsyncIterableIterator<Stream>}
     */
    streams(query, options) {
        const ret = wasm.streamingclient_streams(this.__wbg_ptr, query, options);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * `PATCH /streaming/broadcasts/{id}` with `{"broadcast": patch}`.
     * @param {number} id
     * @param {BroadcastParams} patch
     * @param {RequestOptions} [options]
     * @returns {Promise<Broadcast>}
     */
    updateBroadcast(id, patch, options) {
        const ret = wasm.streamingclient_updateBroadcast(this.__wbg_ptr, id, patch, options);
        return ret;
    }
    /**
     * `PATCH /streaming/streams/{id}` with `{"stream": patch}`.
     * @param {number} id
     * @param {StreamParams} patch
     * @param {RequestOptions} [options]
     * @returns {Promise<Stream>}
     */
    updateStream(id, patch, options) {
        const ret = wasm.streamingclient_updateStream(this.__wbg_ptr, id, patch, options);
        return ret;
    }
    /**
     * Every video matching the query, page by page.
     * @param {ListVideosQuery} [query]
     * @param {RequestOptions} [options]
     * @returns {AsyncIterableIterator<Video>}
     */
    videos(query, options) {
        const ret = wasm.streamingclient_videos(this.__wbg_ptr, query, options);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
}
if (Symbol.dispose) StreamingClient.prototype[Symbol.dispose] = StreamingClient.prototype.free;

/**
 * The state tracker: folds webhooks and API responses into per-stream state, stages and actions.
 */
export class WebhookTracker {
    static __wrap(ptr) {
        const obj = Object.create(WebhookTracker.prototype);
        obj.__wbg_ptr = ptr;
        WebhookTrackerFinalization.register(obj, obj.__wbg_ptr, obj);
        return obj;
    }
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        WebhookTrackerFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_webhooktracker_free(ptr, 0);
    }
    /**
     * Folds in a broadcast from an API response.
     *
     * # Errors
     * Throws a `WebhookError` when it is not a broadcast object with an id.
     * @param {TrackerBroadcastInput} broadcast
     * @param {number | null} [receivedAtMs]
     * @returns {ApplyResult}
     */
    applyBroadcast(broadcast, receivedAtMs) {
        const ret = wasm.webhooktracker_applyBroadcast(this.__wbg_ptr, broadcast, !isLikeNone(receivedAtMs), isLikeNone(receivedAtMs) ? 0 : receivedAtMs);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * Folds in a stream from an API response (fresher than webhooks).
     *
     * # Errors
     * Throws a `WebhookError` when it is not a stream object with an id.
     * @param {TrackerStreamInput} stream
     * @param {number | null} [receivedAtMs]
     * @returns {ApplyResult}
     */
    applyStream(stream, receivedAtMs) {
        const ret = wasm.webhooktracker_applyStream(this.__wbg_ptr, stream, !isLikeNone(receivedAtMs), isLikeNone(receivedAtMs) ? 0 : receivedAtMs);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * Folds in a video from an API response (`stop_recording`, `get_video`).
     *
     * # Errors
     * Throws a `WebhookError` when it is not a video object with an id.
     * @param {TrackerVideoInput} video
     * @param {number | null} [receivedAtMs]
     * @returns {ApplyResult}
     */
    applyVideo(video, receivedAtMs) {
        const ret = wasm.webhooktracker_applyVideo(this.__wbg_ptr, video, !isLikeNone(receivedAtMs), isLikeNone(receivedAtMs) ? 0 : receivedAtMs);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * Folds in a webhook (raw body, parsed envelope, or `parseWebhook` result) received at
     * `receivedAtMs`.
     *
     * # Errors
     * Throws a `WebhookError` when the webhook is invalid (as `parseWebhook`).
     * @param {WebhookInput} input
     * @param {number | null} [receivedAtMs]
     * @returns {ApplyResult}
     */
    apply(input, receivedAtMs) {
        const ret = wasm.webhooktracker_apply(this.__wbg_ptr, input, !isLikeNone(receivedAtMs), isLikeNone(receivedAtMs) ? 0 : receivedAtMs);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * A tracked broadcast, or `null`.
     *
     * # Errors
     * Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
     * @param {number} id
     * @returns {TrackedBroadcast | null}
     */
    broadcast(id) {
        const ret = wasm.webhooktracker_broadcast(this.__wbg_ptr, id);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * Marks a stop of the stream as requested, so its `live: false` is not taken for an interruption.
     *
     * # Errors
     * Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
     * @param {number} streamId
     * @param {number | null} [atMs]
     */
    expectStop(streamId, atMs) {
        const ret = wasm.webhooktracker_expectStop(this.__wbg_ptr, streamId, !isLikeNone(atMs), isLikeNone(atMs) ? 0 : atMs);
        if (ret[1]) {
            throw takeFromExternrefTable0(ret[0]);
        }
    }
    /**
     * Drops a finished stream and what hangs on it; returns whether it was tracked.
     *
     * # Errors
     * Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
     * @param {number} streamId
     * @returns {boolean}
     */
    forget(streamId) {
        const ret = wasm.webhooktracker_forget(this.__wbg_ptr, streamId);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return ret[0] !== 0;
    }
    /**
     * An empty tracker.
     */
    constructor() {
        const ret = wasm.webhooktracker_new();
        this.__wbg_ptr = ret;
        WebhookTrackerFinalization.register(this, this.__wbg_ptr, this);
        return this;
    }
    /**
     * A tracker identical to the one that made `snapshot`.
     *
     * # Errors
     * Throws a `WebhookError` (`invalid_snapshot`) for a corrupt or foreign snapshot.
     * @param {string} snapshot
     * @returns {WebhookTracker}
     */
    static restore(snapshot) {
        const ptr0 = passStringToWasm0(snapshot, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.webhooktracker_restore(ptr0, len0);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return WebhookTracker.__wrap(ret[0]);
    }
    /**
     * The state as compact, versioned JSON text (persist it; edge functions keep no memory).
     * @returns {string}
     */
    snapshot() {
        let deferred1_0;
        let deferred1_1;
        try {
            const ret = wasm.webhooktracker_snapshot(this.__wbg_ptr);
            deferred1_0 = ret[0];
            deferred1_1 = ret[1];
            return getStringFromWasm0(ret[0], ret[1]);
        } finally {
            wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
        }
    }
    /**
     * The stage of a tracked stream, or `null`.
     *
     * # Errors
     * Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
     * @param {number} streamId
     * @returns {Stage | null}
     */
    stage(streamId) {
        const ret = wasm.webhooktracker_stage(this.__wbg_ptr, streamId);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * A tracked stream (with its stage, broadcasts and recordings), or `null`.
     *
     * # Errors
     * Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
     * @param {number} id
     * @returns {TrackedStream | null}
     */
    stream(id) {
        const ret = wasm.webhooktracker_stream(this.__wbg_ptr, id);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * The ids of the tracked streams.
     * @returns {number[]}
     */
    streams() {
        const ret = wasm.webhooktracker_streams(this.__wbg_ptr);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
    /**
     * A tracked video, or `null`.
     *
     * # Errors
     * Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
     * @param {number} id
     * @returns {TrackedVideo | null}
     */
    video(id) {
        const ret = wasm.webhooktracker_video(this.__wbg_ptr, id);
        if (ret[2]) {
            throw takeFromExternrefTable0(ret[1]);
        }
        return takeFromExternrefTable0(ret[0]);
    }
}
if (Symbol.dispose) WebhookTracker.prototype[Symbol.dispose] = WebhookTracker.prototype.free;

/**
 * Validates a webhook body strictly and returns the typed event.
 *
 * # Errors
 * Throws a `WebhookError` (`invalid_json`, `not_an_object`, `unknown_type`, `missing_field`,
 * `wrong_type`, `invalid_value`, `too_large`) with the JSON `path` of the offending field.
 * @param {WebhookInput} body
 * @param {ParseWebhookOptions | null} [options]
 * @returns {WebhookEvent}
 */
export function parseWebhook(body, options) {
    const ret = wasm.parseWebhook(body, isLikeNone(options) ? 0 : addToExternrefTable0(options));
    if (ret[2]) {
        throw takeFromExternrefTable0(ret[1]);
    }
    return takeFromExternrefTable0(ret[0]);
}

/**
 * Checks where a webhook came from: the sender's IP against CIDR ranges and/or a secret carried in
 * the webhook URL (compared in constant time).
 *
 * # Errors
 * Throws a `WebhookError`: `forbidden_source`, `bad_secret`, or `invalid_value` for a misconfigured
 * check.
 * @param {VerifyWebhookSourceOptions} options
 */
export function verifyWebhookSource(options) {
    const ret = wasm.verifyWebhookSource(options);
    if (ret[1]) {
        throw takeFromExternrefTable0(ret[0]);
    }
}

/**
 * The package's version (the crate's version).
 * @returns {string}
 */
export function version() {
    let deferred1_0;
    let deferred1_1;
    try {
        const ret = wasm.version();
        deferred1_0 = ret[0];
        deferred1_1 = ret[1];
        return getStringFromWasm0(ret[0], ret[1]);
    } finally {
        wasm.__wbindgen_free(deferred1_0, deferred1_1, 1);
    }
}
function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg___wbindgen_boolean_get_4f1baf9a00be3c74: function(arg0) {
            const v = arg0;
            const ret = typeof(v) === 'boolean' ? v : undefined;
            return isLikeNone(ret) ? 0xFFFFFF : ret ? 1 : 0;
        },
        __wbg___wbindgen_is_function_741ff2bb612836f5: function(arg0) {
            const ret = typeof(arg0) === 'function';
            return ret;
        },
        __wbg___wbindgen_is_null_c22311b1cc228e3a: function(arg0) {
            const ret = arg0 === null;
            return ret;
        },
        __wbg___wbindgen_is_object_8b968c3ab8e96595: function(arg0) {
            const val = arg0;
            const ret = typeof(val) === 'object' && val !== null;
            return ret;
        },
        __wbg___wbindgen_is_string_fc456fee5d3317de: function(arg0) {
            const ret = typeof(arg0) === 'string';
            return ret;
        },
        __wbg___wbindgen_is_undefined_be5b34249ff1fc15: function(arg0) {
            const ret = arg0 === undefined;
            return ret;
        },
        __wbg___wbindgen_number_get_934b640d0889af78: function(arg0, arg1) {
            const obj = arg1;
            const ret = typeof(obj) === 'number' ? obj : undefined;
            getDataViewMemory0().setFloat64((arg0 >>> 0) + 8 * 1, isLikeNone(ret) ? 0 : ret, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, !isLikeNone(ret), true);
        },
        __wbg___wbindgen_string_get_7ce8eee7fd327545: function(arg0, arg1) {
            const obj = arg1;
            const ret = typeof(obj) === 'string' ? obj : undefined;
            var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
            var len1 = WASM_VECTOR_LEN;
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
            getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
        },
        __wbg___wbindgen_throw_4c88d8bf264fd984: function(arg0, arg1) {
            throw new Error(getStringFromWasm0(arg0, arg1));
        },
        __wbg__wbg_cb_unref_09736879a3f67559: function(arg0) {
            arg0._wbg_cb_unref();
        },
        __wbg_apply_e2c1e00e05fc7519: function() { return handleError(function (arg0, arg1, arg2) {
            const ret = Reflect.apply(arg0, arg1, arg2);
            return ret;
        }, arguments); },
        __wbg_asyncIterator_3c3b9047761412e4: function() {
            const ret = Symbol.asyncIterator;
            return ret;
        },
        __wbg_call_a410eb4b59ed5965: function() { return handleError(function (arg0, arg1, arg2) {
            const ret = arg0.call(arg1, arg2);
            return ret;
        }, arguments); },
        __wbg_call_fc92fee6137d452d: function() { return handleError(function (arg0, arg1, arg2, arg3) {
            const ret = arg0.call(arg1, arg2, arg3);
            return ret;
        }, arguments); },
        __wbg_construct_8670bb4c2b062969: function() { return handleError(function (arg0, arg1) {
            const ret = Reflect.construct(arg0, arg1);
            return ret;
        }, arguments); },
        __wbg_entries_7bb1459bd9b5c2b9: function(arg0) {
            const ret = Object.entries(arg0);
            return ret;
        },
        __wbg_get_2080c49015e35254: function() { return handleError(function (arg0, arg1) {
            const ret = Reflect.get(arg0, arg1);
            return ret;
        }, arguments); },
        __wbg_get_d7176cfb76d71114: function(arg0, arg1) {
            const ret = arg0[arg1 >>> 0];
            return ret;
        },
        __wbg_get_unchecked_e6325ad374eff861: function(arg0, arg1) {
            const ret = arg0[arg1 >>> 0];
            return ret;
        },
        __wbg_instanceof_ArrayBuffer_12cdaa4161423e6b: function(arg0) {
            let result;
            try {
                result = arg0 instanceof ArrayBuffer;
            } catch (_) {
                result = false;
            }
            const ret = result;
            return ret;
        },
        __wbg_instanceof_Promise_59148c6049d0e3a0: function(arg0) {
            let result;
            try {
                result = arg0 instanceof Promise;
            } catch (_) {
                result = false;
            }
            const ret = result;
            return ret;
        },
        __wbg_instanceof_Uint8Array_d7aeb0dcb3108fea: function(arg0) {
            let result;
            try {
                result = arg0 instanceof Uint8Array;
            } catch (_) {
                result = false;
            }
            const ret = result;
            return ret;
        },
        __wbg_isArray_bcf1376d0d732d08: function(arg0) {
            const ret = Array.isArray(arg0);
            return ret;
        },
        __wbg_length_186163212ffe79c3: function(arg0) {
            const ret = arg0.length;
            return ret;
        },
        __wbg_length_b03a0fabb109b1e9: function(arg0) {
            const ret = arg0.length;
            return ret;
        },
        __wbg_length_e83e819f48c774e4: function(arg0) {
            const ret = arg0.length;
            return ret;
        },
        __wbg_livesession_new: function(arg0) {
            const ret = LiveSession.__wrap(arg0);
            return ret;
        },
        __wbg_new_13de428334042d26: function(arg0) {
            const ret = new Uint8Array(arg0);
            return ret;
        },
        __wbg_new_37eb45aaf5eeb820: function() {
            const ret = new Array();
            return ret;
        },
        __wbg_new_787b9fb330d55d78: function(arg0, arg1) {
            const ret = new Error(getStringFromWasm0(arg0, arg1));
            return ret;
        },
        __wbg_new_ba40181b3f24ac80: function(arg0, arg1) {
            try {
                var state0 = {a: arg0, b: arg1};
                var cb0 = (arg0, arg1) => {
                    const a = state0.a;
                    state0.a = 0;
                    try {
                        return wasm_bindgen__convert__closures_____invoke__ha75d28fc75ac40da(a, state0.b, arg0, arg1);
                    } finally {
                        state0.a = a;
                    }
                };
                const ret = new Promise(cb0);
                return ret;
            } finally {
                state0.a = 0;
            }
        },
        __wbg_new_cd4348290afae586: function() {
            const ret = new Object();
            return ret;
        },
        __wbg_new_typed_e09da9dae6ee5935: function(arg0, arg1) {
            try {
                var state0 = {a: arg0, b: arg1};
                var cb0 = (arg0, arg1) => {
                    const a = state0.a;
                    state0.a = 0;
                    try {
                        return wasm_bindgen__convert__closures_____invoke__ha75d28fc75ac40da(a, state0.b, arg0, arg1);
                    } finally {
                        state0.a = a;
                    }
                };
                const ret = new Promise(cb0);
                return ret;
            } finally {
                state0.a = 0;
            }
        },
        __wbg_now_463ac581d2fc7ea3: function() {
            const ret = Date.now();
            return ret;
        },
        __wbg_of_027eb15371aac932: function(arg0) {
            const ret = Array.of(arg0);
            return ret;
        },
        __wbg_of_e7ea0fcd535c1444: function(arg0, arg1) {
            const ret = Array.of(arg0, arg1);
            return ret;
        },
        __wbg_pageiterator_new: function(arg0) {
            const ret = PageIterator.__wrap(arg0);
            return ret;
        },
        __wbg_parse_c3f72b5a24f83c01: function() { return handleError(function (arg0, arg1) {
            const ret = JSON.parse(getStringFromWasm0(arg0, arg1));
            return ret;
        }, arguments); },
        __wbg_prototypesetcall_13162965d1fe7aa3: function(arg0, arg1, arg2) {
            Uint8Array.prototype.set.call(getArrayU8FromWasm0(arg0, arg1), arg2);
        },
        __wbg_push_c9f4893fc209f768: function(arg0, arg1) {
            const ret = arg0.push(arg1);
            return ret;
        },
        __wbg_queueMicrotask_1e8503a8a690f0a3: function(arg0) {
            const ret = arg0.queueMicrotask;
            return ret;
        },
        __wbg_queueMicrotask_4a1a4d8dd332373b: function(arg0) {
            queueMicrotask(arg0);
        },
        __wbg_random_df36b90cd78a7d54: function() {
            const ret = Math.random();
            return ret;
        },
        __wbg_reject_334b730b3c00849b: function(arg0) {
            const ret = Promise.reject(arg0);
            return ret;
        },
        __wbg_resolve_dbf78ab4942478b0: function(arg0) {
            const ret = Promise.resolve(arg0);
            return ret;
        },
        __wbg_set_2793479888329cb6: function() { return handleError(function (arg0, arg1, arg2) {
            const ret = Reflect.set(arg0, arg1, arg2);
            return ret;
        }, arguments); },
        __wbg_set_name_822e3903f3184979: function(arg0, arg1, arg2) {
            arg0.name = getStringFromWasm0(arg1, arg2);
        },
        __wbg_static_accessor_GLOBAL_THIS_003ee833af9699fc: function() {
            const ret = typeof globalThis === 'undefined' ? undefined : globalThis;
            return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
        },
        __wbg_static_accessor_GLOBAL_e4293fb22cbe77da: function() {
            const ret = typeof global === 'undefined' ? undefined : global;
            return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
        },
        __wbg_static_accessor_SELF_53bb20457401453d: function() {
            const ret = typeof self === 'undefined' ? undefined : self;
            return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
        },
        __wbg_static_accessor_WINDOW_b5e0810bfecb7feb: function() {
            const ret = typeof window === 'undefined' ? undefined : window;
            return isLikeNone(ret) ? 0 : addToExternrefTable0(ret);
        },
        __wbg_stringify_0a0fbf2ef722380a: function() { return handleError(function (arg0) {
            const ret = JSON.stringify(arg0);
            return ret;
        }, arguments); },
        __wbg_then_656f253a5dd7d8ea: function(arg0, arg1, arg2) {
            const ret = arg0.then(arg1, arg2);
            return ret;
        },
        __wbg_then_e3f7f2d365708be8: function(arg0, arg1) {
            const ret = arg0.then(arg1);
            return ret;
        },
        __wbindgen_generic_0000000000000001: function(arg0, arg1) {
            // Cast intrinsic for `Closure(Closure { owned: true, function: Function { arguments: [Externref], shim_idx: 128, ret: Result(Unit), inner_ret: Some(Result(Unit)) }, mutable: true }) -> Externref`.
            const ret = makeMutClosure(arg0, arg1, wasm_bindgen__convert__closures_____invoke__he27ee5fa1f0266c8);
            return ret;
        },
        __wbindgen_generic_0000000000000002: function(arg0, arg1) {
            // Cast intrinsic for `Closure(Closure { owned: true, function: Function { arguments: [], shim_idx: 3, ret: Externref, inner_ret: Some(Externref) }, mutable: true }) -> Externref`.
            const ret = makeMutClosure(arg0, arg1, wasm_bindgen__convert__closures_____invoke__h6086111a8f691156);
            return ret;
        },
        __wbindgen_generic_0000000000000003: function(arg0, arg1) {
            // Cast intrinsic for `Closure(Closure { owned: true, function: Function { arguments: [], shim_idx: 4, ret: Unit, inner_ret: Some(Unit) }, mutable: true }) -> Externref`.
            const ret = makeMutClosure(arg0, arg1, wasm_bindgen__convert__closures_____invoke__h3c88b403b294b71c);
            return ret;
        },
        __wbindgen_generic_0000000000000004: function(arg0) {
            // Cast intrinsic for `F64 -> Externref`.
            const ret = arg0;
            return ret;
        },
        __wbindgen_generic_0000000000000005: function(arg0, arg1) {
            // Cast intrinsic for `Ref(String) -> Externref`.
            const ret = getStringFromWasm0(arg0, arg1);
            return ret;
        },
        __wbindgen_init_externref_table: function() {
            const table = wasm.__wbindgen_externrefs;
            table.set(0, undefined);
            table.set(1024, undefined);
            table.set(1025, null);
            table.set(1026, true);
            table.set(1027, false);
        },
    };
    return {
        __proto__: null,
        "./gcore_streaming_bg.js": import0,
    };
}

function wasm_bindgen__convert__closures_____invoke__h3c88b403b294b71c(arg0, arg1) {
    wasm.wasm_bindgen__convert__closures_____invoke__h3c88b403b294b71c(arg0, arg1);
}

function wasm_bindgen__convert__closures_____invoke__h6086111a8f691156(arg0, arg1) {
    const ret = wasm.wasm_bindgen__convert__closures_____invoke__h6086111a8f691156(arg0, arg1);
    return ret;
}

function wasm_bindgen__convert__closures_____invoke__he27ee5fa1f0266c8(arg0, arg1, arg2) {
    const ret = wasm.wasm_bindgen__convert__closures_____invoke__he27ee5fa1f0266c8(arg0, arg1, arg2);
    if (ret[1]) {
        throw takeFromExternrefTable0(ret[0]);
    }
}

function wasm_bindgen__convert__closures_____invoke__ha75d28fc75ac40da(arg0, arg1, arg2, arg3) {
    wasm.wasm_bindgen__convert__closures_____invoke__ha75d28fc75ac40da(arg0, arg1, arg2, arg3);
}

const LiveSessionFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_livesession_free(ptr, 1));
const PageIteratorFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_pageiterator_free(ptr, 1));
const StreamingClientFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_streamingclient_free(ptr, 1));
const WebhookTrackerFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_webhooktracker_free(ptr, 1));

function addToExternrefTable0(obj) {
    const idx = wasm.__externref_table_alloc();
    wasm.__wbindgen_externrefs.set(idx, obj);
    return idx;
}

function _assertClass(instance, klass) {
    if (!(instance instanceof klass)) {
        throw new Error(`expected instance of ${klass.name}`);
    }
}

const CLOSURE_DTORS = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(state => wasm.__wbindgen_destroy_closure(state.a, state.b));

function getArrayU8FromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return getUint8ArrayMemory0().subarray(ptr / 1, ptr / 1 + len);
}

let cachedDataViewMemory0 = null;
function getDataViewMemory0() {
    if (cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer.detached === true || (cachedDataViewMemory0.buffer.detached === undefined && cachedDataViewMemory0.buffer !== wasm.memory.buffer)) {
        cachedDataViewMemory0 = new DataView(wasm.memory.buffer);
    }
    return cachedDataViewMemory0;
}

function getStringFromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
}

let cachedUint8ArrayMemory0 = null;
function getUint8ArrayMemory0() {
    if (cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0) {
        cachedUint8ArrayMemory0 = new Uint8Array(wasm.memory.buffer);
    }
    return cachedUint8ArrayMemory0;
}

function handleError(f, args) {
    try {
        return f.apply(this, args);
    } catch (e) {
        const idx = addToExternrefTable0(e);
        wasm.__wbindgen_exn_store(idx);
    }
}

function isLikeNone(x) {
    return x === undefined || x === null;
}

function makeMutClosure(arg0, arg1, f) {
    const state = { a: arg0, b: arg1, cnt: 1 };
    const real = (...args) => {

        // First up with a closure we increment the internal reference
        // count. This ensures that the Rust closure environment won't
        // be deallocated while we're invoking it.
        state.cnt++;
        const a = state.a;
        state.a = 0;
        try {
            return f(a, state.b, ...args);
        } finally {
            state.a = a;
            real._wbg_cb_unref();
        }
    };
    real._wbg_cb_unref = () => {
        if (--state.cnt === 0) {
            wasm.__wbindgen_destroy_closure(state.a, state.b);
            state.a = 0;
            CLOSURE_DTORS.unregister(state);
        }
    };
    CLOSURE_DTORS.register(real, state, state);
    return real;
}

function passStringToWasm0(arg, malloc, realloc) {
    if (realloc === undefined) {
        const buf = cachedTextEncoder.encode(arg);
        const ptr = malloc(buf.length, 1) >>> 0;
        getUint8ArrayMemory0().subarray(ptr, ptr + buf.length).set(buf);
        WASM_VECTOR_LEN = buf.length;
        return ptr;
    }

    let len = arg.length;
    let ptr = malloc(len, 1) >>> 0;

    const mem = getUint8ArrayMemory0();

    let offset = 0;

    for (; offset < len; offset++) {
        const code = arg.charCodeAt(offset);
        if (code > 0x7F) break;
        mem[ptr + offset] = code;
    }
    if (offset !== len) {
        if (offset !== 0) {
            arg = arg.slice(offset);
        }
        ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
        const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
        const ret = cachedTextEncoder.encodeInto(arg, view);

        offset += ret.written;
        ptr = realloc(ptr, len, offset, 1) >>> 0;
    }

    WASM_VECTOR_LEN = offset;
    return ptr;
}

function takeFromExternrefTable0(idx) {
    const value = wasm.__wbindgen_externrefs.get(idx);
    wasm.__externref_table_dealloc(idx);
    return value;
}

let cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
cachedTextDecoder.decode();
const MAX_SAFARI_DECODE_BYTES = 2146435072;
let numBytesDecoded = 0;
function decodeText(bytes) {
    numBytesDecoded += bytes.length;
    if (numBytesDecoded >= MAX_SAFARI_DECODE_BYTES) {
        cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
        cachedTextDecoder.decode();
        numBytesDecoded = bytes.length;
    }
    return cachedTextDecoder.decode(bytes);
}

const cachedTextEncoder = new TextEncoder();

if (!('encodeInto' in cachedTextEncoder)) {
    cachedTextEncoder.encodeInto = function (arg, view) {
        const buf = cachedTextEncoder.encode(arg);
        view.set(buf);
        return {
            read: arg.length,
            written: buf.length
        };
    };
}

let WASM_VECTOR_LEN = 0;

let wasmModule, wasmInstance, wasm;
function __wbg_finalize_init(instance, module) {
    wasmInstance = instance;
    wasm = instance.exports;
    wasmModule = module;
    cachedDataViewMemory0 = null;
    cachedUint8ArrayMemory0 = null;
    wasm.__wbindgen_start();
    return wasm;
}

async function __wbg_load(module, imports) {
    if (typeof Response === 'function' && module instanceof Response) {
        if (!module.ok) {
            throw new Error(`failed to fetch Wasm: ${module.status} ${module.statusText} fetching '${module.url}'`);
        }

        if (typeof WebAssembly.instantiateStreaming === 'function') {
            try {
                return await WebAssembly.instantiateStreaming(module, imports);
            } catch (e) {
                const validResponse = expectedResponseType(module.type);

                if (validResponse && module.headers.get('Content-Type') !== 'application/wasm') {
                    console.warn("`WebAssembly.instantiateStreaming` failed because your server does not serve Wasm with `application/wasm` MIME type. Falling back to `WebAssembly.instantiate` which is slower. Original error:\n", e);

                } else { throw e; }
            }
        }

        const bytes = await module.arrayBuffer();
        return await WebAssembly.instantiate(bytes, imports);
    } else {
        const instance = await WebAssembly.instantiate(module, imports);

        if (instance instanceof WebAssembly.Instance) {
            return { instance, module };
        } else {
            return instance;
        }
    }

    function expectedResponseType(type) {
        switch (type) {
            case 'basic': case 'cors': case 'default': return true;
        }
        return false;
    }
}

function initSync(module) {
    if (wasm !== undefined) return wasm;


    if (module !== undefined) {
        if (Object.getPrototypeOf(module) === Object.prototype) {
            ({module} = module)
        } else {
            console.warn('using deprecated parameters for `initSync()`; pass a single object instead')
        }
    }

    const imports = __wbg_get_imports();
    if (!(module instanceof WebAssembly.Module)) {
        module = new WebAssembly.Module(module);
    }
    const instance = new WebAssembly.Instance(module, imports);
    return __wbg_finalize_init(instance, module);
}

let __wbg_init_promise;
async function __wbg_init(module_or_path) {
    if (wasm !== undefined) return wasm;
    if (__wbg_init_promise === undefined) {
        __wbg_init_promise = __wbg_init_once(module_or_path);
        __wbg_init_promise.catch(() => { __wbg_init_promise = undefined; });
    }
    return __wbg_init_promise;
}

async function __wbg_init_once(module_or_path) {

    if (module_or_path !== undefined) {
        if (Object.getPrototypeOf(module_or_path) === Object.prototype) {
            ({module_or_path} = module_or_path)
        } else {
            console.warn('using deprecated parameters for the initialization function; pass a single object instead')
        }
    }

    if (module_or_path === undefined) {
        module_or_path = new URL('gcore_streaming_bg.wasm', import.meta.url);
    }
    const imports = __wbg_get_imports();

    if (typeof module_or_path === 'string' || (typeof Request === 'function' && module_or_path instanceof Request) || (typeof URL === 'function' && module_or_path instanceof URL)) {
        module_or_path = fetch(module_or_path);
    }

    const { instance, module } = await __wbg_load(await module_or_path, imports);

    return __wbg_finalize_init(instance, module);
}

export { initSync, __wbg_init as default };
