//! JS bindings of the webhook validator, source check and tracker (`domain::webhook`).
//!
//! Exports: `parseWebhook`, `verifyWebhookSource`, `WebhookTracker`. Errors are `WebhookError`s
//! (`name`, `code`, `path`, message). Bodies enter once as bytes; results leave as JSON text parsed
//! by the engine's `JSON.parse`.

use super::{from_json_text, js_error, to_js};
use crate::domain::ids::{BroadcastId, StreamId, VideoId};
use crate::domain::model::{Broadcast, Stream, Video};
use crate::domain::webhook::error::truncate;
use crate::domain::webhook::event::{check_size, parse_event_value, parse_json};
use crate::domain::webhook::{
    parse_webhook as parse_body, verify_source, ParseOptions, SourceCheck, Tracker, WebhookError,
    WebhookErrorCode as Code, WebhookEvent,
};
use js_sys::{ArrayBuffer, JsString, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TS: &str = r#"
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
"#;

#[wasm_bindgen]
extern "C" {
    /// `ParseWebhookOptions` (declared in the custom TypeScript section).
    #[wasm_bindgen(typescript_type = "ParseWebhookOptions")]
    pub type JsParseOptions;
}

fn throw(e: WebhookError) -> JsValue {
    js_error(
        "WebhookError",
        e.code.as_str(),
        &e.message,
        &[("path", JsValue::from_str(&e.path))],
    )
}

fn invalid(path: &str, message: &str) -> JsValue {
    throw(WebhookError::new(Code::InvalidValue, path, message))
}

/// The body as UTF-8 bytes, refusing anything over `max_bytes` before copying when possible.
/// `Ok(None)`: the body was an object (already parsed), returned as JSON text in the `Err`-free path.
enum Body {
    Bytes(Vec<u8>),
    Object(String),
}

fn read_body(body: &JsValue, max_bytes: usize) -> Result<Body, JsValue> {
    if body.is_string() {
        let js: &JsString = body.unchecked_ref();
        // UTF-8 takes at least one byte per UTF-16 unit: a long string is too large before copying.
        let units = js.length() as usize;
        check_size(units, max_bytes).map_err(throw)?;
        let text = String::from(js);
        check_size(text.len(), max_bytes).map_err(throw)?;
        return Ok(Body::Bytes(text.into_bytes()));
    }
    let bytes = if let Some(a) = body.dyn_ref::<Uint8Array>() {
        Some(a.clone())
    } else {
        body.dyn_ref::<ArrayBuffer>().map(|b| Uint8Array::new(b))
    };
    if let Some(bytes) = bytes {
        check_size(bytes.length() as usize, max_bytes).map_err(throw)?;
        return Ok(Body::Bytes(bytes.to_vec()));
    }
    if body.is_object() {
        let text: String = js_sys::JSON::stringify(body).map(String::from).map_err(|_| {
            throw(WebhookError::new(
                Code::InvalidJson,
                "",
                "expected a JSON-serializable webhook object",
            ))
        })?;
        check_size(text.len(), max_bytes).map_err(throw)?;
        return Ok(Body::Object(text));
    }
    Err(throw(WebhookError::new(
        Code::NotAnObject,
        "",
        "expected the webhook body as a string, Uint8Array, ArrayBuffer or object",
    )))
}

fn parse_options(options: Option<JsParseOptions>) -> Result<ParseOptions, JsValue> {
    let mut opts = ParseOptions::default();
    let Some(o) = options else {
        return Ok(opts);
    };
    let max = js_sys::Reflect::get(&o, &JsValue::from_str("maxBytes"))?;
    if !max.is_undefined() {
        match max.as_f64() {
            Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 => {
                opts.max_bytes = n as usize;
            }
            _ => {
                return Err(invalid(
                    "options.maxBytes",
                    "expected `maxBytes` to be a non-negative integer",
                ))
            }
        }
    }
    let unknown = js_sys::Reflect::get(&o, &JsValue::from_str("allowUnknownTypes"))?;
    if !unknown.is_undefined() {
        match unknown.as_bool() {
            Some(b) => opts.allow_unknown_types = b,
            None => {
                return Err(invalid(
                    "options.allowUnknownTypes",
                    "expected `allowUnknownTypes` to be a boolean",
                ))
            }
        }
    }
    Ok(opts)
}

fn event_from(body: &JsValue, opts: &ParseOptions) -> Result<WebhookEvent, JsValue> {
    match read_body(body, opts.max_bytes)? {
        Body::Bytes(bytes) => parse_body(&bytes, opts).map_err(throw),
        Body::Object(text) => {
            let value = parse_json(text.as_bytes()).map_err(throw)?;
            parse_event_value(value, opts).map_err(throw)
        }
    }
}

/// Validates a webhook body strictly and returns the typed event.
///
/// # Errors
/// Throws a `WebhookError` (`invalid_json`, `not_an_object`, `unknown_type`, `missing_field`,
/// `wrong_type`, `invalid_value`, `too_large`) with the JSON `path` of the offending field.
#[wasm_bindgen(js_name = parseWebhook, unchecked_return_type = "WebhookEvent")]
pub fn parse_webhook(
    #[wasm_bindgen(unchecked_param_type = "WebhookInput")] body: JsValue,
    options: Option<JsParseOptions>,
) -> Result<JsValue, JsValue> {
    let opts = parse_options(options)?;
    let event = event_from(&body, &opts)?;
    from_json_text(&event.to_json())
}

/// Checks where a webhook came from: the sender's IP against CIDR ranges and/or a secret carried in
/// the webhook URL (compared in constant time).
///
/// # Errors
/// Throws a `WebhookError`: `forbidden_source`, `bad_secret`, or `invalid_value` for a misconfigured
/// check.
#[wasm_bindgen(js_name = verifyWebhookSource)]
pub fn verify_webhook_source(
    #[wasm_bindgen(unchecked_param_type = "VerifyWebhookSourceOptions")] options: JsValue,
) -> Result<(), JsValue> {
    if !options.is_object() {
        return Err(invalid("", "expected an options object"));
    }
    let text: String = js_sys::JSON::stringify(&options)
        .map(String::from)
        .map_err(|_| invalid("", "expected a plain options object"))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|_| invalid("", "expected a plain options object"))?;
    let string = |key: &str| -> Result<Option<String>, JsValue> {
        match value.get(key) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(throw(WebhookError::new(
                Code::WrongType,
                key,
                format!("expected `{key}` to be a string"),
            ))),
        }
    };
    let allow_ips = match value.get("allowIps") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::Array(items)) => Some(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    v.as_str().map(str::to_owned).ok_or_else(|| {
                        throw(WebhookError::new(
                            Code::WrongType,
                            format!("allowIps[{i}]"),
                            "expected a CIDR range string",
                        ))
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
        ),
        Some(_) => {
            return Err(throw(WebhookError::new(
                Code::WrongType,
                "allowIps",
                "expected `allowIps` to be an array of CIDR range strings",
            )))
        }
    };
    let check = SourceCheck {
        ip: string("ip")?,
        url: string("url")?,
        secret: string("secret")?,
        allow_ips,
    };
    verify_source(&check).map_err(throw)
}

fn id_arg(v: f64, path: &str) -> Result<u64, JsValue> {
    if v.is_finite() && v >= 1.0 && v.fract() == 0.0 && v <= 9_007_199_254_740_991.0 {
        Ok(v as u64)
    } else {
        Err(invalid(path, "expected a positive integer id"))
    }
}

fn now_arg(v: Option<f64>) -> Option<u64> {
    v.filter(|n| n.is_finite() && *n >= 0.0).map(|n| n as u64)
}

fn api_value<T: serde::de::DeserializeOwned>(value: &JsValue, key: &str) -> Result<T, JsValue> {
    if !value.is_object() {
        return Err(throw(WebhookError::new(
            Code::NotAnObject,
            key,
            format!("expected the {key} as an object"),
        )));
    }
    let text: String = js_sys::JSON::stringify(value)
        .map(String::from)
        .map_err(|_| invalid(key, "expected a JSON-serializable object"))?;
    serde_json::from_str(&text).map_err(|e| {
        throw(WebhookError::new(
            Code::WrongType,
            key,
            truncate(&format!("expected a {key} as the API returns it: {e}"), 200),
        ))
    })
}

/// The state tracker: folds webhooks and API responses into per-stream state, stages and actions.
#[wasm_bindgen(js_name = WebhookTracker)]
pub struct WebhookTracker {
    inner: Tracker,
}

impl Default for WebhookTracker {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen(js_class = WebhookTracker)]
impl WebhookTracker {
    /// An empty tracker.
    #[wasm_bindgen(constructor)]
    pub fn new() -> WebhookTracker {
        WebhookTracker {
            inner: Tracker::new(),
        }
    }

    /// Folds in a webhook (raw body, parsed envelope, or `parseWebhook` result) received at
    /// `receivedAtMs`.
    ///
    /// # Errors
    /// Throws a `WebhookError` when the webhook is invalid (as `parseWebhook`).
    #[wasm_bindgen(unchecked_return_type = "ApplyResult")]
    pub fn apply(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "WebhookInput")] input: JsValue,
        #[wasm_bindgen(js_name = receivedAtMs)] received_at_ms: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        let opts = ParseOptions {
            allow_unknown_types: !input.is_string()
                && !input.is_instance_of::<Uint8Array>()
                && !input.is_instance_of::<ArrayBuffer>(),
            ..ParseOptions::default()
        };
        let event = event_from(&input, &opts)?;
        to_js(&self.inner.apply(&event, now_arg(received_at_ms)))
    }

    /// Folds in a stream from an API response (fresher than webhooks).
    ///
    /// # Errors
    /// Throws a `WebhookError` when it is not a stream object with an id.
    #[wasm_bindgen(js_name = applyStream, unchecked_return_type = "ApplyResult")]
    pub fn apply_stream(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "TrackerStreamInput")] stream: JsValue,
        #[wasm_bindgen(js_name = receivedAtMs)] received_at_ms: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        let s: Stream = api_value(&stream, "stream")?;
        if s.id.0 == 0 {
            return Err(invalid("stream.id", "expected a positive integer id"));
        }
        to_js(&self.inner.apply_stream(&s, now_arg(received_at_ms)))
    }

    /// Folds in a broadcast from an API response.
    ///
    /// # Errors
    /// Throws a `WebhookError` when it is not a broadcast object with an id.
    #[wasm_bindgen(js_name = applyBroadcast, unchecked_return_type = "ApplyResult")]
    pub fn apply_broadcast(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "TrackerBroadcastInput")] broadcast: JsValue,
        #[wasm_bindgen(js_name = receivedAtMs)] received_at_ms: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        let b: Broadcast = api_value(&broadcast, "broadcast")?;
        let r = self
            .inner
            .apply_broadcast(&b, now_arg(received_at_ms))
            .map_err(throw)?;
        to_js(&r)
    }

    /// Folds in a video from an API response (`stop_recording`, `get_video`).
    ///
    /// # Errors
    /// Throws a `WebhookError` when it is not a video object with an id.
    #[wasm_bindgen(js_name = applyVideo, unchecked_return_type = "ApplyResult")]
    pub fn apply_video(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "TrackerVideoInput")] video: JsValue,
        #[wasm_bindgen(js_name = receivedAtMs)] received_at_ms: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        let v: Video = api_value(&video, "video")?;
        if v.id.0 == 0 {
            return Err(invalid("video.id", "expected a positive integer id"));
        }
        to_js(&self.inner.apply_video(&v, now_arg(received_at_ms)))
    }

    /// Marks a stop of the stream as requested, so its `live: false` is not taken for an interruption.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
    #[wasm_bindgen(js_name = expectStop)]
    pub fn expect_stop(
        &mut self,
        #[wasm_bindgen(js_name = streamId)] stream_id: f64,
        #[wasm_bindgen(js_name = atMs)] at_ms: Option<f64>,
    ) -> Result<(), JsValue> {
        let id = id_arg(stream_id, "streamId")?;
        self.inner.expect_stop(StreamId(id), now_arg(at_ms));
        Ok(())
    }

    /// The stage of a tracked stream, or `null`.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
    #[wasm_bindgen(unchecked_return_type = "Stage | null")]
    pub fn stage(&self, #[wasm_bindgen(js_name = streamId)] stream_id: f64) -> Result<JsValue, JsValue> {
        let id = id_arg(stream_id, "streamId")?;
        Ok(match self.inner.stage(StreamId(id)) {
            Some(s) => to_js(&s)?,
            None => JsValue::NULL,
        })
    }

    /// A tracked stream (with its stage, broadcasts and recordings), or `null`.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
    #[wasm_bindgen(unchecked_return_type = "TrackedStream | null")]
    pub fn stream(&self, id: f64) -> Result<JsValue, JsValue> {
        let id = id_arg(id, "id")?;
        match self.inner.stream(StreamId(id)) {
            Some(s) => to_js(&s),
            None => Ok(JsValue::NULL),
        }
    }

    /// A tracked broadcast, or `null`.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
    #[wasm_bindgen(unchecked_return_type = "TrackedBroadcast | null")]
    pub fn broadcast(&self, id: f64) -> Result<JsValue, JsValue> {
        let id = id_arg(id, "id")?;
        match self.inner.broadcast(BroadcastId(id)) {
            Some(b) => to_js(b),
            None => Ok(JsValue::NULL),
        }
    }

    /// A tracked video, or `null`.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
    #[wasm_bindgen(unchecked_return_type = "TrackedVideo | null")]
    pub fn video(&self, id: f64) -> Result<JsValue, JsValue> {
        let id = id_arg(id, "id")?;
        match self.inner.video(VideoId(id)) {
            Some(v) => to_js(v),
            None => Ok(JsValue::NULL),
        }
    }

    /// The ids of the tracked streams.
    #[wasm_bindgen(unchecked_return_type = "number[]")]
    pub fn streams(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.stream_ids())
    }

    /// The state as compact, versioned JSON text (persist it; edge functions keep no memory).
    pub fn snapshot(&self) -> String {
        self.inner.snapshot()
    }

    /// A tracker identical to the one that made `snapshot`.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_snapshot`) for a corrupt or foreign snapshot.
    pub fn restore(snapshot: &str) -> Result<WebhookTracker, JsValue> {
        Tracker::restore(snapshot)
            .map(|inner| WebhookTracker { inner })
            .map_err(throw)
    }

    /// Drops a finished stream and what hangs on it; returns whether it was tracked.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
    pub fn forget(&mut self, #[wasm_bindgen(js_name = streamId)] stream_id: f64) -> Result<bool, JsValue> {
        let id = id_arg(stream_id, "streamId")?;
        Ok(self.inner.forget(StreamId(id)))
    }
}
