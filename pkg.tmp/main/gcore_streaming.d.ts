/* tslint:disable */
/* eslint-disable */

/** A webhook's `client_user_id`: documented as a string, sent as an integer. */
export type ClientUserId = number | string;
/** Extra fields the platform may add; kept as sent. */
export type WebhookExtraField = string | number | boolean | null | WebhookExtraField[] | { [key: string]: WebhookExtraField };

/** `type: "stream"`: the stream's ingest/recording state changed. */
export interface StreamWebhook {
    id: number;
    live: boolean;
    backup_live?: boolean;
    recording?: boolean;
    transcoding?: boolean;
    client_user_id?: ClientUserId;
    client_entity_data?: string;
    pull?: boolean;
    uri?: string;
    /** "rtmp" | "srt" | "webrtc" | "https", or a newer value kept as sent. */
    stream_source_type?: string;
    [extra: string]: WebhookExtraField | undefined;
}
/** One rendition of a video. */
export interface ConvertedVideoWebhook {
    name?: string;
    /** "processing" | "complete" | "error", or a newer value kept as sent. */
    status?: string;
    mp4_url?: string;
    [extra: string]: WebhookExtraField | undefined;
}
/** `type: "video"` (also sent as `vod`). */
export interface VideoWebhook {
    id: number;
    status: VideoStatus;
    slug?: string;
    name?: string;
    /** Milliseconds. */
    duration?: number;
    stream_id?: number;
    converted_videos?: ConvertedVideoWebhook[];
    error?: string;
    client_user_id?: ClientUserId;
    [extra: string]: WebhookExtraField | ConvertedVideoWebhook[] | undefined;
}
/** `type: "video_delete"`: the entity is under `video`. */
export interface VideoDeleteWebhook {
    id: number;
    /** The status at deletion time. */
    status?: VideoStatus;
    slug?: string;
    name?: string;
    duration?: number;
    stream_id?: number;
    /** ISO-8601 UTC. */
    deleted_at?: string;
    converted_videos?: ConvertedVideoWebhook[];
    client_user_id?: ClientUserId;
    [extra: string]: WebhookExtraField | ConvertedVideoWebhook[] | undefined;
}
/** `type: "restream"` (`active` is the legacy form of `live`). */
export interface RestreamWebhook {
    id: number;
    name?: string;
    stream_id?: number;
    live?: boolean;
    active?: boolean;
    [extra: string]: WebhookExtraField | undefined;
}
/** `type: "broadcast"` (legacy; still in the guide). */
export interface BroadcastWebhook {
    id: number;
    status: BroadcastStatus;
    stream_ids?: number[];
    name?: string;
    [extra: string]: WebhookExtraField | undefined;
}
/** A `type` this SDK does not know (only with `allowUnknownTypes`). */
export interface UnknownWebhookEvent { type: "unknown"; received_type: string; message: WebhookExtraField }
/** A validated webhook. */
export type WebhookEvent =
| { type: "stream"; stream: StreamWebhook }
| { type: "video"; video: VideoWebhook }
| { type: "video_delete"; video: VideoDeleteWebhook }
| { type: "restream"; restream: RestreamWebhook }
| { type: "broadcast"; broadcast: BroadcastWebhook }
| UnknownWebhookEvent;
/** A webhook envelope as the platform sends it. */
export interface RawWebhook { type: string; message: { [key: string]: WebhookExtraField } }
/** A webhook body: raw bytes or text, an already-parsed envelope, or a parsed event. */
export type WebhookInput = string | Uint8Array | ArrayBuffer | RawWebhook | WebhookEvent;
/** Options of `parseWebhook`. */
export interface ParseWebhookOptions {
    /** Bodies over this many bytes are rejected (`too_large`) before parsing. Default 65536. */
    maxBytes?: number;
    /** Return `{ type: "unknown", ... }` for an unknown `type` instead of throwing `unknown_type`. */
    allowUnknownTypes?: boolean;
}
/** Options of `verifyWebhookSource`. The IP check runs when `ip` or `allowIps` is given, the secret check when `secret` is. */
export interface VerifyWebhookSourceOptions {
    /** The sender's IP (e.g. the `CF-Connecting-IP` header), IPv4 or IPv6. */
    ip?: string | null;
    /** The URL the webhook was delivered to (e.g. `request.url`). */
    url?: string | null;
    /** The shared secret expected as a path segment or a query parameter value of `url`. */
    secret?: string | null;
    /** CIDR ranges to accept. Default: the platform's ["92.223.112.0/24", "92.223.123.0/24"]. */
    allowIps?: string[];
}
/** Where a stream's integration stands. */
export type Stage = "setup" | "test" | "live" | "stop" | "done";
/** What applying an event did. */
export type Outcome = "applied" | "duplicate" | "stale" | "ignored";
/** The API operations an action can name. */
export type ActionOperation =
| "create_stream" | "get_stream" | "list_streams" | "update_stream" | "delete_stream"
| "start_recording" | "stop_recording" | "create_broadcast" | "get_broadcast" | "list_broadcasts"
| "update_broadcast" | "delete_broadcast" | "get_video" | "list_videos" | "delete_video";
/** JSON bodies of actions. */
export type ActionBody = { [key: string]: WebhookExtraField };
/** One API call the guide prescribes next. */
export interface Action {
    operation: ActionOperation;
    stream_id?: number;
    broadcast_id?: number;
    video_id?: number;
    /** The exact JSON body to send, already wrapped (e.g. `{ broadcast: { status: "live" } }`). */
    body?: ActionBody;
    reason: string;
    /** The guide's step number (5, 7, 9, 12, 14, 16, 19). */
    step?: number;
}
/** A tracked stream. */
export interface TrackedStream {
    kind?: "stream";
    id: number;
    active?: boolean;
    live?: boolean;
    backup_live?: boolean;
    recording?: boolean;
    transcoding?: boolean;
    /** 1 for the first run; +1 each time it goes live again after stop/done. */
    session: number;
    stop_expected?: boolean;
    interrupted?: boolean;
    stopped?: boolean;
    first_seen_ms?: number;
    updated_ms?: number;
    stage: Stage;
    broadcast_ids: number[];
    /** Video ids of its recordings (every session). */
    recordings: number[];
}
/** A tracked broadcast. */
export interface TrackedBroadcast {
    kind?: "broadcast";
    id: number;
    status?: string;
    stream_ids: number[];
    first_seen_ms?: number;
    updated_ms?: number;
}
/** A tracked video. */
export interface TrackedVideo {
    kind?: "video";
    id: number;
    status?: string;
    stream_id?: number;
    session?: number;
    name?: string;
    duration?: number;
    deleted?: boolean;
    deleted_at?: string;
    first_seen_ms?: number;
    updated_ms?: number;
}
/** A tracked restream. */
export interface TrackedRestream {
    kind?: "restream";
    id: number;
    stream_id?: number;
    live?: boolean;
    name?: string;
    first_seen_ms?: number;
    updated_ms?: number;
}
/** The entity an event concerned, after applying it. */
export type TrackedEntity =
| (TrackedStream & { kind: "stream" })
| (TrackedBroadcast & { kind: "broadcast" })
| (TrackedVideo & { kind: "video" })
| (TrackedRestream & { kind: "restream" });
/** One field that changed. */
export interface Change { field: string; from: WebhookExtraField; to: WebhookExtraField }
/** What `apply` returns. */
export interface ApplyResult {
    outcome: Outcome;
    entity: TrackedEntity | null;
    changes: Change[];
    /** The stage of the stream the entity belongs to, when known. */
    stage: Stage | null;
    actions: Action[];
}
/** A stream as the API returns it (only `id` is required here). */
export interface TrackerStreamInput { id: number; active?: boolean | null; live?: boolean | null; backup_live?: boolean | null; recording?: boolean | null; broadcast_ids?: number[] | null; [field: string]: WebhookExtraField | undefined }
/** A broadcast as the API returns it. */
export interface TrackerBroadcastInput { id: number; status?: string | null; stream_ids?: number[] | null; [field: string]: WebhookExtraField | undefined }
/** A video as the API returns it. */
export interface TrackerVideoInput { id: number; status?: string | null; stream_id?: number | null; name?: string | null; duration?: number | null; [field: string]: WebhookExtraField | undefined }



/** The `fetch` the client calls (the global one by default). */
export type FetchLike = (
url: string,
init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

/** Options of `new StreamingClient(options)`. */
export interface ClientOptions {
    /** Permanent API token, sent as `Authorization: APIKey <key>`. Never ship it to a browser: use a proxy. */
    apiKey?: string;
    /** JWT access token, sent as `Authorization: Bearer <token>`. */
    bearerToken?: string;
    /** Default `https://api.gcore.com`; a same-origin proxy path such as `/gcore` in browsers. */
    baseUrl?: string;
    /** Extra headers on every request. */
    headers?: Record<string, string>;
    /** Per-attempt timeout in ms (default 30000). */
    timeoutMs?: number;
    /** Retries after the first attempt (default 2). */
    maxRetries?: number;
    /** First backoff in ms (default 500), doubling per retry. */
    retryInitialDelayMs?: number;
    /** Longest backoff in ms (default 8000). */
    retryMaxDelayMs?: number;
    /** Longest `Retry-After` honoured in ms (default 60000); a longer one fails at once. */
    maxRetryAfterMs?: number;
    /** The fetch to use (default `globalThis.fetch`, looked up at each call). */
    fetch?: FetchLike;
}

/** Per-call options (the last argument of every method). */
export interface RequestOptions {
    /** Aborts the call, its retries and its waits (rejects with `StreamingError` code `aborted`). */
    signal?: AbortSignal;
    /** Overrides the per-attempt timeout. */
    timeoutMs?: number;
    /** Overrides the number of retries. */
    maxRetries?: number;
}

/** An API operation's name. */
export type OperationName = ActionOperation;

/** One call the webhook tracker says to make next (its `actions`): give it to `perform`. */
export type ApiAction = Action;

/** What `perform` resolves to: the operation's result (`null` for deletes and empty answers). */
export type PerformResult =
| Stream | Stream[] | Broadcast | Broadcast[] | Video | Video[] | StartRecordingResult | null;

/** Options of `LiveSession.setup`. */
export interface LiveSessionOptions {
    /** The stream to create (`name` required; always created inactive), or settings to update on `streamId`. */
    stream?: StreamParams;
    /** Reuse this stream instead of creating one. */
    streamId?: number;
    /** Transcoding region to set (e.g. "ix1", "dt1"), on create and on reuse. */
    transcodingRegion?: string;
    /** The broadcast to create (`name` required; status pending, bound to the stream). */
    broadcast: BroadcastParams;
}

/** A session's state, as data (store it; give it back to `LiveSession.attach`). */
export interface LiveSessionState {
    stream: Stream;
    broadcast: Broadcast;
    status: "ready" | "live" | "paused" | "stopped";
    recording: boolean;
    resumeRecording: boolean;
    videos: Video[];
}

/** Options of `LiveSession.pause`. */
export interface PauseOptions extends RequestOptions {
    /** Also stop the recording (it is restarted by `resume`; the recording is split in two videos). */
    stopRecording?: boolean;
}

/** Options of `LiveSession.waitForVideoReady`. */
export interface WaitForVideoOptions {
    /** The video (default: the session's latest recording). */
    videoId?: number;
    /** First wait between polls in ms (default 2000), doubling. */
    intervalMs?: number;
    /** Longest wait between polls in ms (default 30000). */
    maxIntervalMs?: number;
    /** Give up after this many ms (default 3600000): `StreamingError` code `timeout`. */
    timeoutMs?: number;
    /** Stops waiting: `StreamingError` code `aborted`. */
    signal?: AbortSignal;
}


// ---- Models: the platform's resources, with the API's snake_case field names. -----------------------
// Every field the API does not guarantee is optional; unknown fields are kept (index signature: `unknown`).
// Open enumerations accept values this version does not know: `(string & {})` keeps editor completion.

/** A broadcast's status: pending → live → (paused ↔ live) → finished. */
export type BroadcastStatus = "pending" | "live" | "paused" | "finished" | (string & {});
/** A video's processing status: empty → pending → viewable → ready; any → error. */
export type VideoStatus = "empty" | "pending" | "viewable" | "ready" | "error" | (string & {});
/** The status of one rendition in `converted_videos`. */
export type ConvertedVideoStatus = "processing" | "complete" | "error" | (string & {});
/** Picture projection. */
export type Projection = "regular" | "vr360" | "vr180" | "vr360tb" | (string & {});
/** What a stream records. */
export type RecordType = "origin" | "transcoded" | (string & {});
/** The protocol a stream is received over. */
export type StreamSourceType = "rtmp" | "srt" | "webrtc" | "https" | (string & {});

/** A JSON value (for fields the SDK does not model). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A live stream (`GET /streaming/streams/{id}`). */
export interface Stream {
    id: number;
    name?: string;
    active?: boolean;
    pull?: boolean;
    uri?: string | null;
    auto_record?: boolean;
    record_type?: RecordType;
    dvr_enabled?: boolean;
    dvr_duration?: number;
    hls_mpegts_endlist_tag?: boolean;
    cdn_id?: number | null;
    client_user_id?: number | null;
    client_entity_data?: string | null;
    html_overlay?: boolean;
    quality_set_id?: number | null;
    broadcast_ids?: number[];
    projection?: Projection;
    srt_passphrase?: string | null;
    transcoding_region?: string;
    token?: string;
    live?: boolean;
    backup_live?: boolean;
    recording?: boolean;
    push_url?: string;
    backup_push_url?: string;
    push_url_srt?: string;
    backup_push_url_srt?: string;
    push_url_whip?: string;
    stream_source_type?: StreamSourceType | null;
    active_ingest_region_primary?: string | null;
    active_ingest_region_backup?: string | null;
    created_at?: string;
    started_at_primary?: string | null;
    started_at_backup?: string | null;
    finished_at_primary?: string | null;
    iframe_url?: string;
    hls_cmaf_url?: string;
    hls_mpegts_url?: string;
    dash_url?: string;
    screenshot?: string;
    transcoded_qualities?: string[] | null;
    recording_duration?: number | null;
    transcoding_speed?: number | null;
    frame_rate?: number | null;
    video_height?: number | null;
    video_width?: number | null;
    [field: string]: unknown;
}

/** A broadcast (`GET /streaming/broadcasts/{id}`). `id` is in real responses, not in the spec. */
export interface Broadcast {
    id?: number;
    name?: string;
    status?: BroadcastStatus;
    share_url?: string;
    custom_iframe_url?: string;
    show_dvr_after_finish?: boolean;
    pending_message?: string;
    ad_id?: number | null;
    player_id?: number | null;
    stream_ids?: number[];
    poster?: string;
    [field: string]: unknown;
}

/** One rendition of a video. */
export interface ConvertedVideo {
    id?: number;
    name?: string;
    width?: number | null;
    height?: number | null;
    size?: number | null;
    progress?: number;
    status?: ConvertedVideoStatus;
    error?: string | null;
    mp4_url?: string;
    [field: string]: unknown;
}

/** A video: an upload or a stream's recording (`duration` in milliseconds). */
export interface Video {
    id: number;
    name?: string;
    description?: string;
    client_id?: number;
    slug?: string;
    status?: VideoStatus;
    error?: string | null;
    duration?: number;
    origin_video_duration?: number;
    origin_size?: number;
    origin_url?: string | null;
    stream_id?: number | null;
    recording_started_at?: string;
    record_type?: RecordType | null;
    created_at?: string;
    updated_at?: string;
    hls_url?: string;
    hls_cmaf_url?: string;
    dash_url?: string;
    iframe_url?: string;
    custom_iframe_url?: string;
    share_url?: string;
    screenshot?: string;
    screenshots?: string[];
    screenshot_id?: number;
    poster?: string | null;
    poster_thumb?: string | null;
    sprite?: string | null;
    sprite_vtt?: string | null;
    ad_id?: number;
    views?: number;
    cdn_views?: number;
    client_user_id?: number | null;
    projection?: string;
    priority?: number;
    quality_set_id?: number;
    directory_id?: number;
    converted_videos?: ConvertedVideo[];
    [field: string]: unknown;
}

/** A warning or error of `start_recording`, e.g. `client_storage_almost_exceeded`. */
export interface RecordingNotice {
    key?: string;
    meta?: JsonValue;
    source_object?: { id?: number; type?: string };
    [field: string]: unknown;
}

/** What `start_recording` answered: 204 → no data, no warnings; 200 → storage figures and warnings. */
export interface StartRecordingResult {
    data?: {
        stream?: {
            id?: number;
            client?: { id?: number; storage_limit_mb?: number; storage_usage_mb?: number; [field: string]: JsonValue | undefined };
            [field: string]: unknown;
        };
        [field: string]: unknown;
    };
    warnings: RecordingNotice[];
    errors: RecordingNotice[];
}

/** Settings of a stream: the body of create (flat; `name` required) and update (wrapped for you). */
export interface StreamParams {
    name?: string;
    active?: boolean;
    pull?: boolean;
    uri?: string | null;
    auto_record?: boolean;
    record_type?: RecordType;
    dvr_enabled?: boolean;
    dvr_duration?: number;
    hls_mpegts_endlist_tag?: boolean;
    cdn_id?: number | null;
    client_user_id?: number | null;
    client_entity_data?: string | null;
    html_overlay?: boolean;
    quality_set_id?: number | null;
    broadcast_ids?: number[];
    projection?: Projection;
    srt_passphrase?: string | null;
    transcoding_region?: string;
    [field: string]: unknown;
}

/** Settings of a broadcast (sent wrapped in `{"broadcast": …}`; `name` and `status` required on create). */
export interface BroadcastParams {
    name?: string;
    status?: BroadcastStatus;
    share_url?: string;
    custom_iframe_url?: string;
    show_dvr_after_finish?: boolean;
    pending_message?: string;
    ad_id?: number | null;
    player_id?: number | null;
    stream_ids?: number[];
    poster?: string;
    [field: string]: unknown;
}

/** Query of `listStreams`. */
export interface ListStreamsQuery {
    page?: number;
    with_broadcasts?: boolean;
}

/** Query of `listBroadcasts`. */
export interface ListBroadcastsQuery {
    page?: number;
}

/** Query of `listVideos`. */
export interface ListVideosQuery {
    page?: number;
    per_page?: number;
    id?: number[];
    search?: string;
    status?: VideoStatus;
    client_user_id?: number;
    stream_id?: number;
    fields?: string[];
}

/** An API error body in any of the platform's shapes (see `ApiError.body` for the raw text). */
export type ErrorBody =
| { shape: "fields"; fields: Record<string, string[]> }
| { shape: "messages"; messages: string[] }
| { shape: "status"; status: number; error: string }
| { shape: "message"; error: string }
| { shape: "empty" }
| { shape: "raw"; text: string };



/**
 * The guide's four stages, one call each: `setup` → `goLive` → `startRecording` → `stop` (+ `pause`/
 * `resume` for interruptions, `waitForVideoReady`, and `perform` for the webhook tracker's actions).
 */
export class LiveSession {
    private constructor();
    free(): void;
    /**
     * A session over stored state (`session.state`), e.g. in another request handler.
     */
    static attach(client: StreamingClient, state: LiveSessionState): LiveSession;
    /**
     * Stage 2: sets the broadcast live.
     */
    goLive(options?: RequestOptions): Promise<Broadcast>;
    /**
     * Feeds a video event (a video id, or a `video` webhook's `message.video`): a pending
     * `waitForVideoReady` for it polls at once. Returns whether a wait was woken.
     */
    notifyVideo(video: number | { id: number }): boolean;
    /**
     * Interruption: pauses the broadcast (and with `stopRecording`, stops the recording: resolves
     * to the video it produced).
     */
    pause(options?: PauseOptions): Promise<Video | null>;
    /**
     * Executes an action of the webhook tracker and keeps the session's state in step.
     */
    perform(action: ApiAction, options?: RequestOptions): Promise<PerformResult>;
    /**
     * After an interruption: the broadcast live again, and the recording restarted if `pause`
     * stopped it (resolves to its result, else `null`).
     */
    resume(options?: RequestOptions): Promise<StartRecordingResult | null>;
    /**
     * Stage 1: creates the stream inactive (or reuses `streamId`, updating its region), creates the
     * pending broadcast bound to it, enables the stream.
     */
    static setup(client: StreamingClient, options: LiveSessionOptions, opts?: RequestOptions): Promise<LiveSession>;
    /**
     * Stage 3: starts recording (resolves to the platform's warnings).
     */
    startRecording(options?: RequestOptions): Promise<StartRecordingResult>;
    /**
     * Stage 4: stops recording, finishes the broadcast, disables the stream, deletes the broadcast;
     * resolves to every video recorded during the session.
     */
    stop(options?: RequestOptions): Promise<Video[]>;
    /**
     * Polls the recording with backoff until it is `ready` (rejects with `video_failed` on
     * `error`). `notifyVideo` (from webhooks) makes it poll at once.
     */
    waitForVideoReady(options?: WaitForVideoOptions): Promise<Video>;
    /**
     * The session's state, as data.
     */
    readonly state: LiveSessionState;
}

/**
 * An async iterator over every item of a list (pages of 25, read on demand).
 */
export class PageIterator {
    private constructor();
    free(): void;
    /**
     * The next item (reads the next page when needed).
     */
    next(): Promise<IteratorResult<Stream | Broadcast | Video, undefined>>;
    /**
     * Ends the iteration (called by `break` in `for await`).
     */
    return(): Promise<IteratorResult<Stream | Broadcast | Video, undefined>>;
}

/**
 * The Gcore Streaming API client. Runs on browsers, workers, Node 20+, Deno and Cloudflare Workers.
 */
export class StreamingClient {
    free(): void;
    /**
     * Every broadcast, page by page.
     */
    broadcasts(query?: ListBroadcastsQuery, options?: RequestOptions): AsyncIterableIterator<Broadcast>;
    /**
     * `POST /streaming/broadcasts` with `{"broadcast": params}` (`name`, `status` required): the
     * broadcast, or `null` when the platform answers without a body.
     */
    createBroadcast(params: BroadcastParams, options?: RequestOptions): Promise<Broadcast | null>;
    /**
     * `POST /streaming/streams` (flat body; `name` required). Not retried except on 429.
     */
    createStream(params: StreamParams, options?: RequestOptions): Promise<Stream>;
    /**
     * `DELETE /streaming/broadcasts/{id}`.
     */
    deleteBroadcast(id: number, options?: RequestOptions): Promise<void>;
    /**
     * `DELETE /streaming/streams/{id}`.
     */
    deleteStream(id: number, options?: RequestOptions): Promise<void>;
    /**
     * `DELETE /streaming/videos/{id}`.
     */
    deleteVideo(id: number, options?: RequestOptions): Promise<void>;
    /**
     * `GET /streaming/broadcasts/{id}`.
     */
    getBroadcast(id: number, options?: RequestOptions): Promise<Broadcast>;
    /**
     * `GET /streaming/streams/{id}`.
     */
    getStream(id: number, options?: RequestOptions): Promise<Stream>;
    /**
     * `GET /streaming/videos/{id}`.
     */
    getVideo(id: number, options?: RequestOptions): Promise<Video>;
    /**
     * `GET /streaming/broadcasts?page=` (one page; see `broadcasts()` for all).
     */
    listBroadcasts(query?: ListBroadcastsQuery, options?: RequestOptions): Promise<Broadcast[]>;
    /**
     * `GET /streaming/streams?page=&with_broadcasts=` (one page; see `streams()` for all).
     */
    listStreams(query?: ListStreamsQuery, options?: RequestOptions): Promise<Stream[]>;
    /**
     * `GET /streaming/videos?page=&per_page=&stream_id=&status=&search=…` (one page; see `videos()`).
     */
    listVideos(query?: ListVideosQuery, options?: RequestOptions): Promise<Video[]>;
    /**
     * A client. `apiKey` (or `bearerToken`, or neither behind a proxy that adds auth), `baseUrl`,
     * `headers`, `timeoutMs`, `maxRetries`, backoff settings and `fetch`.
     */
    constructor(options?: ClientOptions);
    /**
     * Executes an action of the webhook tracker (no session state involved).
     */
    perform(action: ApiAction, options?: RequestOptions): Promise<PerformResult>;
    /**
     * `PUT /streaming/streams/{id}/start_recording`: `{warnings: [], errors: []}` on 204, the
     * platform's warnings (e.g. `client_storage_almost_exceeded`) on 200.
     */
    startRecording(id: number, options?: RequestOptions): Promise<StartRecordingResult>;
    /**
     * `PUT /streaming/streams/{id}/stop_recording`: the recorded video, or `null` when nothing was
     * recording.
     */
    stopRecording(id: number, options?: RequestOptions): Promise<Video | null>;
    /**
     * Every stream, page by page (`for await (const s of client.streams())`).
     */
    streams(query?: ListStreamsQuery, options?: RequestOptions): AsyncIterableIterator<Stream>;
    /**
     * `PATCH /streaming/broadcasts/{id}` with `{"broadcast": patch}`.
     */
    updateBroadcast(id: number, patch: BroadcastParams, options?: RequestOptions): Promise<Broadcast>;
    /**
     * `PATCH /streaming/streams/{id}` with `{"stream": patch}`.
     */
    updateStream(id: number, patch: StreamParams, options?: RequestOptions): Promise<Stream>;
    /**
     * Every video matching the query, page by page.
     */
    videos(query?: ListVideosQuery, options?: RequestOptions): AsyncIterableIterator<Video>;
    /**
     * The base URL requests go to.
     */
    readonly baseUrl: string;
}

/**
 * The state tracker: folds webhooks and API responses into per-stream state, stages and actions.
 */
export class WebhookTracker {
    free(): void;
    /**
     * Folds in a broadcast from an API response.
     *
     * # Errors
     * Throws a `WebhookError` when it is not a broadcast object with an id.
     */
    applyBroadcast(broadcast: TrackerBroadcastInput, receivedAtMs?: number | null): ApplyResult;
    /**
     * Folds in a stream from an API response (fresher than webhooks).
     *
     * # Errors
     * Throws a `WebhookError` when it is not a stream object with an id.
     */
    applyStream(stream: TrackerStreamInput, receivedAtMs?: number | null): ApplyResult;
    /**
     * Folds in a video from an API response (`stop_recording`, `get_video`).
     *
     * # Errors
     * Throws a `WebhookError` when it is not a video object with an id.
     */
    applyVideo(video: TrackerVideoInput, receivedAtMs?: number | null): ApplyResult;
    /**
     * Folds in a webhook (raw body, parsed envelope, or `parseWebhook` result) received at
     * `receivedAtMs`.
     *
     * # Errors
     * Throws a `WebhookError` when the webhook is invalid (as `parseWebhook`).
     */
    apply(input: WebhookInput, receivedAtMs?: number | null): ApplyResult;
    /**
     * A tracked broadcast, or `null`.
     *
     * # Errors
     * Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
     */
    broadcast(id: number): TrackedBroadcast | null;
    /**
     * Marks a stop of the stream as requested, so its `live: false` is not taken for an interruption.
     *
     * # Errors
     * Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
     */
    expectStop(streamId: number, atMs?: number | null): void;
    /**
     * Drops a finished stream and what hangs on it; returns whether it was tracked.
     *
     * # Errors
     * Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
     */
    forget(streamId: number): boolean;
    /**
     * An empty tracker.
     */
    constructor();
    /**
     * A tracker identical to the one that made `snapshot`.
     *
     * # Errors
     * Throws a `WebhookError` (`invalid_snapshot`) for a corrupt or foreign snapshot.
     */
    static restore(snapshot: string): WebhookTracker;
    /**
     * The state as compact, versioned JSON text (persist it; edge functions keep no memory).
     */
    snapshot(): string;
    /**
     * The stage of a tracked stream, or `null`.
     *
     * # Errors
     * Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
     */
    stage(streamId: number): Stage | null;
    /**
     * A tracked stream (with its stage, broadcasts and recordings), or `null`.
     *
     * # Errors
     * Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
     */
    stream(id: number): TrackedStream | null;
    /**
     * The ids of the tracked streams.
     */
    streams(): number[];
    /**
     * A tracked video, or `null`.
     *
     * # Errors
     * Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
     */
    video(id: number): TrackedVideo | null;
}

/**
 * Validates a webhook body strictly and returns the typed event.
 *
 * # Errors
 * Throws a `WebhookError` (`invalid_json`, `not_an_object`, `unknown_type`, `missing_field`,
 * `wrong_type`, `invalid_value`, `too_large`) with the JSON `path` of the offending field.
 */
export function parseWebhook(body: WebhookInput, options?: ParseWebhookOptions | null): WebhookEvent;

/**
 * Checks where a webhook came from: the sender's IP against CIDR ranges and/or a secret carried in
 * the webhook URL (compared in constant time).
 *
 * # Errors
 * Throws a `WebhookError`: `forbidden_source`, `bad_secret`, or `invalid_value` for a misconfigured
 * check.
 */
export function verifyWebhookSource(options: VerifyWebhookSourceOptions): void;

/**
 * The package's version (the crate's version).
 */
export function version(): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** The instantiated module (opaque: its exports are the ABI behind the functions above). */
export interface InitOutput {
    readonly memory: WebAssembly.Memory;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
