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
/** A video's processing status. */
export type VideoStatus = "empty" | "pending" | "viewable" | "ready" | "error";
/** A broadcast's status. */
export type BroadcastStatus = "pending" | "live" | "paused" | "finished";
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
/** `WebhookError.code` values. */
export type WebhookErrorCode =
| "invalid_json" | "not_an_object" | "unknown_type" | "missing_field" | "wrong_type"
| "invalid_value" | "too_large" | "forbidden_source" | "bad_secret" | "invalid_snapshot";

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



/** Options of `new Sandbox(options)`. Durations are simulated milliseconds. */
export interface SandboxOptions {
    /** Accept only `Authorization: APIKey <apiKey>` (or `Bearer <apiKey>`); default: any key. */
    apiKey?: string;
    /** Active-stream quota (default 3). */
    quota?: number;
    /** From enabling a stream to its simulated publisher connecting (default 2000). */
    publisherDelayMs?: number;
    /** Connect publishers by themselves (default true); when false, call `connect(streamId)`. */
    autoConnect?: boolean;
    /** From `start_recording` to `recording: true` (default 1000). */
    recordingStartDelayMs?: number;
    /** How long an interrupted recording waits for the publisher to come back (default 10000). */
    reconnectWindowMs?: number;
    /** From the end of a recording to `viewable` (default 3000). */
    viewableAfterMs?: number;
    /** From the end of a recording to `ready` (default 6000). */
    readyAfterMs?: number;
    /** Seed of push tokens and slugs (default 0). */
    seed?: number;
    /** Simulated start time, ISO-8601 UTC (default "2026-01-01T00:00:00Z"). */
    start?: string;
    /** Let real time move the simulated clock (× `speed`) and fire events by timers (default false:
     * only `advance(ms)` moves time). */
    autoAdvance?: boolean;
    /** Simulated ms per real ms when `autoAdvance` is on (default 1). */
    speed?: number;
}

/** A `fetch`-compatible function answered by the sandbox. */
export type SandboxFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** The `stream` webhook. */
export interface SandboxStreamWebhook {
    type: "stream";
    message: { stream: {
        id: number; live: boolean; backup_live: boolean; recording: boolean; transcoding: boolean;
        client_user_id: number | null; client_entity_data: string | null; pull: boolean; uri: string;
        stream_source_type: "rtmp" | "srt" | "webrtc" | "https" | null;
    } };
}
/** The (legacy) `broadcast` webhook. */
export interface SandboxBroadcastWebhook {
    type: "broadcast";
    message: { broadcast: { id: number; status: "pending" | "live" | "paused" | "finished" } };
}
/** The `video` webhook. */
export interface SandboxVideoWebhook {
    type: "video";
    message: { video: {
        id: number; slug: string; name: string; duration: number; stream_id: number | null;
        status: "empty" | "pending" | "viewable" | "ready" | "error";
        converted_videos: { name: string; status: "processing" | "complete" | "error"; mp4_url: string }[];
    } };
}
/** The `video_delete` webhook (its entity key is `video`). */
export interface SandboxVideoDeleteWebhook {
    type: "video_delete";
    message: { video: {
        id: number; slug: string; name: string;
        status: "empty" | "pending" | "viewable" | "ready" | "error"; deleted_at: string;
    } };
}
/** Any webhook payload the sandbox sends, exactly as the platform would POST it. */
export type SandboxWebhookPayload =
| SandboxStreamWebhook | SandboxBroadcastWebhook | SandboxVideoWebhook | SandboxVideoDeleteWebhook;
/** A webhook the sandbox emitted, with when. */
export interface SandboxWebhook {
    /** Emission order, from 1. */
    seq: number;
    /** Simulated time of emission, epoch ms. */
    atMs: number;
    /** The same, ISO-8601. */
    at: string;
    /** The payload's type. */
    type: SandboxWebhookPayload["type"];
    /** The exact payload. */
    payload: SandboxWebhookPayload;
}
/** A webhook listener; what it throws is ignored (as a failing receiver would be). */
export type SandboxWebhookListener = (payload: SandboxWebhookPayload, webhook: SandboxWebhook) => void;
/** A stream as `GET /streaming/streams/{id}` returns it (main fields; the rest as the API sends them). */
export interface SandboxStream {
    id: number; name: string; active: boolean; live: boolean; recording: boolean;
    push_url: string; token: string;
    [field: string]: unknown;
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
 * The platform emulator: a `fetch` answered as the Gcore Streaming Platform would, webhooks to
 * JS listeners, and a publisher and clock driven from JS.
 */
export class Sandbox {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Moves the simulated clock forward by `ms`, firing what falls due (listeners are called
     * before this returns). Returns the webhooks emitted.
     *
     * # Errors
     * `StreamingError` `invalid_params` when `ms` is negative or not finite.
     */
    advance(ms: number): SandboxWebhook[];
    /**
     * Stops the timer (with `autoAdvance`); the sandbox can still be used.
     */
    close(): void;
    /**
     * The publisher of stream `streamId` connects (`live: true`); an interrupted recording resumes
     * in the same file within the reconnect window. Returns the stream.
     *
     * # Errors
     * `StreamingError` with code `stream_not_found`, `stream_not_active` or `already_live`.
     */
    connect(streamId: number): SandboxStream;
    /**
     * The publisher of stream `streamId` disconnects (the interruption case). Returns the stream.
     *
     * # Errors
     * `StreamingError` with code `stream_not_found` or `not_live`.
     */
    disconnect(streamId: number): SandboxStream;
    /**
     * A new, empty platform.
     *
     * # Errors
     * `StreamingError` `invalid_params` (with `path`) for an unknown or mistyped option.
     */
    constructor(options: SandboxOptions);
    /**
     * The simulated time, epoch ms.
     */
    now(): number;
    /**
     * Calls `listener(payload, webhook)` for every webhook from now on. Returns a function that
     * removes the listener.
     */
    onWebhook(listener: SandboxWebhookListener): () => void;
    /**
     * Forgets everything (streams, broadcasts, videos, webhooks) and restarts the clock; listeners
     * stay.
     *
     * # Errors
     * `StreamingError` `internal` when called from inside a webhook listener.
     */
    reset(): void;
    /**
     * Every webhook emitted so far, in order.
     *
     * # Errors
     * `StreamingError` `internal` if the history can not be converted.
     */
    webhooks(): SandboxWebhook[];
    /**
     * A standalone `fetch`: pass it detached (`{ fetch: sandbox.fetch }`) to any fetch-based code.
     */
    readonly fetch: SandboxFetch;
}

/**
 * The state tracker: folds webhooks and API responses into per-stream state, stages and actions.
 */
export class WebhookTracker {
    free(): void;
    [Symbol.dispose](): void;
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

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly __wbg_sandbox_free: (a: number, b: number) => void;
    readonly __wbg_webhooktracker_free: (a: number, b: number) => void;
    readonly parseWebhook: (a: any, b: number) => [number, number, number];
    readonly sandbox_advance: (a: number, b: number) => [number, number, number];
    readonly sandbox_close: (a: number) => void;
    readonly sandbox_connect: (a: number, b: number) => [number, number, number];
    readonly sandbox_disconnect: (a: number, b: number) => [number, number, number];
    readonly sandbox_fetch: (a: number) => any;
    readonly sandbox_new: (a: number) => [number, number, number];
    readonly sandbox_now: (a: number) => number;
    readonly sandbox_onWebhook: (a: number, b: any) => [number, number, number];
    readonly sandbox_reset: (a: number) => [number, number];
    readonly sandbox_webhooks: (a: number) => [number, number, number];
    readonly verifyWebhookSource: (a: any) => [number, number];
    readonly version: () => [number, number];
    readonly webhooktracker_apply: (a: number, b: any, c: number, d: number) => [number, number, number];
    readonly webhooktracker_applyBroadcast: (a: number, b: any, c: number, d: number) => [number, number, number];
    readonly webhooktracker_applyStream: (a: number, b: any, c: number, d: number) => [number, number, number];
    readonly webhooktracker_applyVideo: (a: number, b: any, c: number, d: number) => [number, number, number];
    readonly webhooktracker_broadcast: (a: number, b: number) => [number, number, number];
    readonly webhooktracker_expectStop: (a: number, b: number, c: number, d: number) => [number, number];
    readonly webhooktracker_forget: (a: number, b: number) => [number, number, number];
    readonly webhooktracker_new: () => number;
    readonly webhooktracker_restore: (a: number, b: number) => [number, number, number];
    readonly webhooktracker_snapshot: (a: number) => [number, number];
    readonly webhooktracker_stage: (a: number, b: number) => [number, number, number];
    readonly webhooktracker_stream: (a: number, b: number) => [number, number, number];
    readonly webhooktracker_streams: (a: number) => [number, number, number];
    readonly webhooktracker_video: (a: number, b: number) => [number, number, number];
    readonly wasm_bindgen__convert__closures_____invoke__h262efbbb9aa5905a: (a: number, b: number, c: any, d: any) => any;
    readonly wasm_bindgen__convert__closures_____invoke__ha75d28fc75ac40da: (a: number, b: number, c: any, d: any) => void;
    readonly wasm_bindgen__convert__closures_____invoke__he27ee5fa1f0266c8: (a: number, b: number, c: any) => [number, number];
    readonly wasm_bindgen__convert__closures_____invoke__hdabc368d703c7192: (a: number, b: number) => void;
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __wbindgen_destroy_closure: (a: number, b: number) => void;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
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
