//! JS bindings of the webhook validator, source check and tracker (`domain::webhook`).
//!
//! Exports: `parseWebhook`, `verifyWebhookSource`, `WebhookTracker`. Errors are `WebhookError`s
//! (`name`, `code`, `path`, message). Bodies enter once as bytes; results leave as JSON text parsed
//! by the engine's `JSON.parse`.

use super::js_error;
use crate::domain::ids::{BroadcastId, StreamId, VideoId};
use crate::domain::json::{self, layout, NumKind, Tape, Value as J};
use crate::domain::model::{BroadcastStatus, VideoStatus};
use crate::domain::text::{self, Cat};
use crate::domain::webhook::event::MAX_SAFE_INTEGER;
use crate::domain::webhook::{
    body_text, check, check_size, parse_text, quick_for_tracker, quick_tape, verify_source, Checked,
    ParseOptions, SourceCheck, StreamUpdate, Tracker, VideoUpdate, WebhookError, WebhookErrorCode as Code,
};
use crate::prelude::*;
use core::sync::atomic::{AtomicBool, Ordering::Relaxed};
use js_sys::{Array, ArrayBuffer, JsString, Reflect, Uint8Array};
use spin::mutex::SpinMutex;
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
/** `type: "video"` (also sent as `vod`). */
export interface VideoWebhook {
  id: number;
  /** A documented value in lower case, or another value exactly as sent (see `strictStatuses`). */
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
  /** Throw `invalid_value` for a video or broadcast `status` outside the documented values instead
   * of keeping it as sent (default false). */
  strictStatuses?: boolean;
}
/** Options of `WebhookTracker.apply`. */
export interface ApplyOptions {
  /** As `parseWebhook`'s: throw `invalid_value` for a status outside the documented values instead
   * of folding the event in with outcome `unknown_status` (default false). */
  strictStatuses?: boolean;
}
export interface WebhookTracker {
  /**
   * Folds in a webhook (raw body, parsed envelope, or `parseWebhook` result) received at
   * `receivedAtMs`. A video or broadcast status outside the documented values is folded in with
   * outcome `unknown_status` and its raw value in `unknown_status` (the known status, the stage and
   * the actions stay as they were); with `strictStatuses` it throws `invalid_value` instead.
   *
   * # Errors
   * Throws a `WebhookError` when the webhook is invalid (as `parseWebhook`).
   */
  apply(input: WebhookInput, receivedAtMs?: number | null, options?: ApplyOptions): ApplyResult;
  /**
   * Folds in a stream from an API response (fresher than webhooks).
   *
   * # Errors
   * Throws a `WebhookError` when it is not a stream object with an id.
   */
  applyStream(stream: TrackerStreamInput, receivedAtMs?: number | null): ApplyResult;
  /**
   * Folds in a broadcast from an API response.
   *
   * # Errors
   * Throws a `WebhookError` when it is not a broadcast object with an id.
   */
  applyBroadcast(broadcast: TrackerBroadcastInput, receivedAtMs?: number | null): ApplyResult;
  /**
   * Folds in a video from an API response (`stop_recording`, `get_video`).
   *
   * # Errors
   * Throws a `WebhookError` when it is not a video object with an id.
   */
  applyVideo(video: TrackerVideoInput, receivedAtMs?: number | null): ApplyResult;
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
/** What applying an event did. `unknown_status`: a video or broadcast status outside the documented
 * values; the rest of the event was folded in, the status was not placed (see `ApplyResult.unknown_status`). */
export type Outcome = "applied" | "duplicate" | "stale" | "ignored" | "unknown_status";
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
  /** The guide's step number (5, 7, 9, 12, 14, 16, 19); absent for checks (`get_stream`) and
   * interruption handling. */
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
  /** Live and transcoding: players get the stream. A `live: true` without `transcoding` (older
   * payloads, the API's stream object) is taken as `transcoding: true`. Step 5 waits for it. */
  playback_ready: boolean;
  broadcast_ids: number[];
  /** Video ids of its recordings (every session). */
  recordings: number[];
}
/** A tracked broadcast. */
export interface TrackedBroadcast {
  kind?: "broadcast";
  id: number;
  status?: string;
  /** The last status received outside the documented values, as sent, until a known one replaces it. */
  unknown_status?: string;
  stream_ids: number[];
  first_seen_ms?: number;
  updated_ms?: number;
}
/** A tracked video. */
export interface TrackedVideo {
  kind?: "video";
  id: number;
  status?: string;
  /** The last status received outside the documented values, as sent, until a known one replaces it. */
  unknown_status?: string;
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
  /** The status as sent, when `outcome` is `unknown_status`. */
  unknown_status?: string;
}
/** A stream as the API returns it (only `id` is required here). */
export interface TrackerStreamInput { id: number; active?: boolean | null; live?: boolean | null; backup_live?: boolean | null; recording?: boolean | null; transcoding?: boolean | null; broadcast_ids?: number[] | null; [field: string]: WebhookExtraField | undefined }
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

#[rustfmt::skip] // rustfmt drops a static's `= "…"` in an extern block
#[wasm_bindgen]
extern "C" {
    // The option names the bindings read, as JS strings made once: making a JS string from wasm
    // memory costs more than the rest of a small call.
    #[wasm_bindgen(thread_local_v2, static_string)]
    static MAX_BYTES: JsString = "maxBytes";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static ALLOW_UNKNOWN_TYPES: JsString = "allowUnknownTypes";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static STRICT_STATUSES: JsString = "strictStatuses";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static ALLOW_IPS: JsString = "allowIps";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static IP: JsString = "ip";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static URL: JsString = "url";
    #[wasm_bindgen(thread_local_v2, static_string)]
    static SECRET: JsString = "secret";
}

/// A webhook body as text, plus the same text as a JS string (for the engine's `JSON.parse`).
struct Body {
    text: String,
    /// An object was given (an envelope or a `parseWebhook` result), not bytes.
    object: bool,
}

#[wasm_bindgen]
extern "C" {
    /// `Uint8Array.prototype.set.call(dst, src)`: copies `src` into `dst` (of its length). js_sys's
    /// `to_vec` does the same behind an `assert_eq!` whose message formatting (~0.7 KB gzip) it links.
    #[wasm_bindgen(js_namespace = ["Uint8Array", "prototype", "set"], js_name = call)]
    fn copy_bytes(dst: &mut [u8], src: &Uint8Array);
}

fn read_body(body: &JsValue, max_bytes: usize) -> Result<Body, JsValue> {
    if let Some(js) = body.dyn_ref::<JsString>() {
        // UTF-8 takes at least one byte per UTF-16 unit: a long string is too large before copying.
        check_size(js.length() as usize, max_bytes).map_err(throw)?;
        let text = String::from(js);
        check_size(text.len(), max_bytes).map_err(throw)?;
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        return Ok(Body { text, object: false });
    }
    let bytes = if let Some(a) = body.dyn_ref::<Uint8Array>() {
        Some(a.clone())
    } else {
        body.dyn_ref::<ArrayBuffer>().map(|b| Uint8Array::new(b))
    };
    if let Some(bytes) = bytes {
        check_size(bytes.length() as usize, max_bytes).map_err(throw)?;
        let mut buf = vec![0u8; bytes.length() as usize];
        copy_bytes(&mut buf, &bytes);
        let text = body_text(&buf).map_err(throw)?.to_owned();
        return Ok(Body { text, object: false });
    }
    if body.is_object() {
        // No size limit: the object is in memory already (`maxBytes` bounds bodies), and its JSON
        // text may be longer than the body it was parsed from (`1e20` comes back as 21 digits).
        let js = js_sys::JSON::stringify(body).map_err(|_| {
            throw(WebhookError::new(
                Code::InvalidJson,
                "",
                "expected a JSON-serializable webhook object",
            ))
        })?;
        return Ok(Body {
            text: String::from(&js),
            object: true,
        });
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
    let strict = STRICT_STATUSES.with(|k| Reflect::get(&o, k))?;
    if !strict.is_undefined() {
        match strict.as_bool() {
            Some(b) => opts.strict_statuses = b,
            None => {
                return Err(invalid(
                    "options.strictStatuses",
                    "expected `strictStatuses` to be a boolean",
                ))
            }
        }
    }
    let max = MAX_BYTES.with(|k| Reflect::get(&o, k))?;
    if !max.is_undefined() {
        match max.as_f64() {
            Some(n) if n.is_finite() && n >= 0.0 && (n % 1.0) == 0.0 => {
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
    let unknown = ALLOW_UNKNOWN_TYPES.with(|k| Reflect::get(&o, k))?;
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

/// The event's JSON form, written from the body in wasm and read by the engine's `JSON.parse`
/// (one crossing; fields the SDK does not model come along as sent).
fn event_object(checked: &Checked<'_, '_>, size: usize) -> Result<JsValue, JsValue> {
    let mut out = String::with_capacity(size + 32);
    checked.write_json(&mut out);
    js_sys::JSON::parse(&out)
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
    let body = read_body(&body, opts.max_bytes)?;
    let root = parse_text(&body.text).map_err(throw)?;
    let checked = check(&root, &opts, body.object).map_err(throw)?;
    event_object(&checked, body.text.len())
}

fn opt_string(
    options: &JsValue,
    key: &'static wasm_bindgen::JsThreadLocal<JsString>,
    k: &'static str,
) -> Result<Option<String>, JsValue> {
    let v = key.with(|key| Reflect::get(options, key))?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or_else(|| {
        throw(WebhookError::new(
            Code::WrongType,
            k,
            ["expected `", k, "` to be a string"].cat(),
        ))
    })
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
    let ips = ALLOW_IPS.with(|k| Reflect::get(&options, k))?;
    let allow_ips = if ips.is_undefined() || ips.is_null() {
        None
    } else if let Some(items) = ips.dyn_ref::<Array>() {
        let mut out = Vec::with_capacity(items.length() as usize);
        for (i, v) in items.iter().enumerate() {
            let Some(s) = v.as_string() else {
                let mut path = String::from("allowIps[");
                text::write_u64(&mut path, i as u64);
                path.push(']');
                return Err(throw(WebhookError::new(
                    Code::WrongType,
                    path,
                    "expected a CIDR range string",
                )));
            };
            out.push(s);
        }
        Some(out)
    } else {
        return Err(throw(WebhookError::new(
            Code::WrongType,
            "allowIps",
            "expected `allowIps` to be an array of CIDR range strings",
        )));
    };
    let check = SourceCheck {
        ip: opt_string(&options, &IP, "ip")?,
        url: opt_string(&options, &URL, "url")?,
        secret: opt_string(&options, &SECRET, "secret")?,
        allow_ips,
    };
    verify_source(&check).map_err(throw)
}

fn id_arg(v: f64, path: &str) -> Result<u64, JsValue> {
    if v.is_finite() && v >= 1.0 && (v % 1.0) == 0.0 && v <= 9_007_199_254_740_991.0 {
        Ok(v as u64)
    } else {
        Err(invalid(path, "expected a positive integer id"))
    }
}

fn now_arg(v: Option<f64>) -> Option<u64> {
    v.filter(|n| n.is_finite() && *n >= 0.0).map(|n| n as u64)
}

/// An API object (as JSON text) and the reading of its fields, with errors at `<what>.<field>`.
struct ApiObject<'a> {
    root: J<'a>,
    what: &'static str,
}

fn api_text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    if !value.is_object() {
        return Err(throw(WebhookError::new(
            Code::NotAnObject,
            what,
            ["expected the ", what, " as an object"].cat(),
        )));
    }
    js_sys::JSON::stringify(value)
        .map(String::from)
        .map_err(|_| invalid(what, "expected a JSON-serializable object"))
}

impl<'a> ApiObject<'a> {
    fn new(text: &'a str, what: &'static str) -> Result<Self, JsValue> {
        let root = json::parse(text).map_err(|_| invalid(what, "expected a JSON-serializable object"))?;
        if !matches!(root, J::Obj(_)) {
            return Err(throw(WebhookError::new(
                Code::NotAnObject,
                what,
                ["expected the ", what, " as an object"].cat(),
            )));
        }
        Ok(Self { root, what })
    }

    fn path(&self, field: &str) -> String {
        [self.what, ".", field].cat()
    }

    fn get(&self, field: &str) -> Option<&J<'a>> {
        match self.root.get(field) {
            None | Some(J::Null) => None,
            Some(v) => Some(v),
        }
    }

    fn wrong(&self, field: &str, expected: &str) -> JsValue {
        let path = self.path(field);
        let message = [
            "expected `",
            &path,
            "` to be ",
            expected,
            " (as the API returns it)",
        ]
        .cat();
        throw(WebhookError::new(Code::WrongType, path, message))
    }

    fn bool(&self, field: &str) -> Result<Option<bool>, JsValue> {
        match self.get(field) {
            None => Ok(None),
            Some(J::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.wrong(field, "a boolean")),
        }
    }

    fn string(&self, field: &str) -> Result<Option<String>, JsValue> {
        match self.get(field) {
            None => Ok(None),
            Some(J::Str(s)) => Ok(Some(s.decode())),
            Some(_) => Err(self.wrong(field, "a string")),
        }
    }

    fn uint_of(&self, v: &J<'_>, field: &str, positive: bool) -> Result<u64, JsValue> {
        match v {
            J::Num(n) => match n.kind {
                NumKind::UInt(x) if x <= MAX_SAFE_INTEGER && (x > 0 || !positive) => Ok(x),
                NumKind::Float => Err(self.wrong(field, "an integer")),
                _ => Err(invalid(&self.path(field), "expected a positive integer id")),
            },
            _ => Err(self.wrong(field, "an integer")),
        }
    }

    fn uint(&self, field: &str, positive: bool) -> Result<Option<u64>, JsValue> {
        self.get(field)
            .map(|v| self.uint_of(v, field, positive))
            .transpose()
    }

    fn ids(&self, field: &str) -> Result<Option<Vec<u64>>, JsValue> {
        match self.get(field) {
            None => Ok(None),
            Some(J::Arr(items)) => items
                .iter()
                .map(|v| self.uint_of(v, field, true))
                .collect::<Result<_, _>>()
                .map(Some),
            Some(_) => Err(self.wrong(field, "an array of ids")),
        }
    }

    fn id(&self) -> Result<u64, JsValue> {
        match self.uint("id", true)? {
            Some(id) => Ok(id),
            None => {
                let path = self.path("id");
                let message = [
                    "expected field `",
                    &path,
                    "` (a positive integer), but it is missing",
                ]
                .cat();
                Err(throw(WebhookError::new(Code::MissingField, path, message)))
            }
        }
    }
}

/// Set when the package's JS (`pkg-template/fast.js`), which wraps every method returning an
/// `ApplyResult`, first asks for the memory (`__gsMemory`): results come back as the address of
/// their tape instead of an object.
static TAPE_RESULTS: AtomicBool = AtomicBool::new(false);

/// The result as a JS object (through JSON text), or its tape's address for the package's JS.
///
/// The package's builds (no `std`) always answer tapes: every entry installs `fast.js`, whose
/// wrappers switch tapes on before any method that returns an `ApplyResult` runs, so the JSON
/// branch would be dead code there (~130 B gzip). Builds with `std` (the wasm tests, which call the
/// exports without `fast.js`) keep it.
fn result_js(r: &crate::domain::webhook::ApplyResult) -> Result<JsValue, JsValue> {
    #[cfg(feature = "std")]
    if !TAPE_RESULTS.load(Relaxed) {
        return js_sys::JSON::parse(&r.to_json());
    }
    Ok(JsValue::from_f64(result_tape(r) as f64))
}

/// Writes `r` into the scratch tape for `fast.js`; its address, or 0 (busy). Layout: a header of
/// `TAPE_HEADER` numbers: ops after the header, bytes address, bytes length, `outcome` (address,
/// length of the literal), `stage` (the same, or 0, 0 for `null`), then where `entity`, `changes` and
/// `actions` start among the ops; then the ops (each of the three a value of its own).
fn result_tape(r: &crate::domain::webhook::ApplyResult) -> usize {
    with_scratch(|s| {
        let tape = &mut s.tape;
        tape.clear();
        tape.ops.extend_from_slice(&[0.0; TAPE_HEADER]);
        let at = |t: &Tape| t.ops.len().saturating_sub(TAPE_HEADER) as f64;
        let entity = at(tape);
        r.write_entity(tape);
        let changes = at(tape);
        r.write_changes(tape);
        let actions = at(tape);
        r.write_actions(tape);
        let literal = |s: &'static str| [s.as_ptr() as usize as f64, s.len() as f64];
        let [outcome, outcome_len] = literal(r.outcome.as_str());
        let [stage, stage_len] = r.stage.map_or([0.0, 0.0], |s| literal(s.as_str()));
        let head = [
            at(tape),
            tape.bytes.as_ptr() as usize as f64,
            tape.bytes.len() as f64,
            outcome,
            outcome_len,
            stage,
            stage_len,
            entity,
            changes,
            actions,
        ];
        if let Some(h) = tape.ops.get_mut(..TAPE_HEADER) {
            h.copy_from_slice(&head);
        }
        tape.ops.as_ptr() as usize
    })
    .unwrap_or(0)
}

/// Numbers before the ops of a result tape.
const TAPE_HEADER: usize = layout::RESULT_HEADER;

// ------------------------------------------------------------------ the fast path
//
// The package's JavaScript (`pkg-template/fast.js`) calls these for string bodies instead of the
// exports above: it writes the body's UTF-8 straight into `Scratch::input` (`TextEncoder.encodeInto`,
// no allocation per call), and reads results from a `Tape` in wasm memory (no JSON text to decode
// and parse). Anything off the fast path (an error, a BOM, an option) answers "slow path" and the
// caller repeats the call through the exports above, which throw the precise error.

#[derive(Default)]
struct Scratch {
    input: Vec<u8>,
    tape: Tape,
    /// The entity tape of the last `__gsParse`.
    entity: Vec<f64>,
}

/// The module's one scratch space (made at first use). wasm32 without threads runs one call at a
/// time, and nothing run on the scratch calls into JS, so the lock is never contended.
static SCRATCH: SpinMutex<Option<Box<Scratch>>> = SpinMutex::new(None);

/// Runs `f` on the scratch space, taken out of the lock for the time of the call: a trap inside `f`
/// (out of memory) unwinds nothing, and leaves no scratch space behind (the next call makes a new
/// one) instead of a lock held forever, so the next call works (the package's JS asks for a new
/// input buffer after a trap).
fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> Option<R> {
    let mut s = scratch(None)?;
    let r = f(&mut s);
    scratch(Some(s));
    Some(r)
}

/// Takes the scratch space out of the lock (`None`: made when absent), or puts it back.
#[inline(never)]
fn scratch(back: Option<Box<Scratch>>) -> Option<Box<Scratch>> {
    let taking = back.is_none();
    let out = core::mem::replace(&mut *SCRATCH.try_lock()?, back);
    // Putting back, `out` is the empty slot.
    if taking {
        Some(out.unwrap_or_default())
    } else {
        out
    }
}

/// (Internal to the package's JS.) The address of a buffer of at least `len` bytes for the next
/// body, or 0.
#[wasm_bindgen(js_name = __gsInput, skip_typescript)]
pub fn gs_input(len: usize) -> usize {
    with_scratch(|s| {
        if s.input.len() < len {
            s.input.resize(len, 0);
        }
        s.input.as_mut_ptr() as usize
    })
    .unwrap_or(0)
}

/// (Internal to the package's JS, once, at its first use.) The module's memory; from now on,
/// methods that return an `ApplyResult` return the address of its tape (see `result_tape`).
#[wasm_bindgen(js_name = __gsMemory, skip_typescript)]
pub fn gs_memory() -> JsValue {
    TAPE_RESULTS.store(true, Relaxed);
    wasm_bindgen::memory()
}

/// The body in the input buffer, when it can take the fast path (valid UTF-8, no BOM, not too large).
fn scratch_text(input: &[u8], len: usize) -> Option<&str> {
    let text = core::str::from_utf8(input.get(..len)?).ok()?;
    (len <= ParseOptions::default().max_bytes && !text.starts_with('\u{feff}')).then_some(text)
}

/// (Internal to the package's JS.) Validates the `len` bytes in the input buffer as a webhook with
/// the default options. Returns 0 (take the slow path: an error, or the event differs from the
/// body's entity by more than `null` fields), or `code + layout::PARSE_CODES × address`: `code` holds in its
/// `layout::KIND_BITS` low bits
/// the event's kind (its place in `event::ENTITIES`, from 1; `vod` is `video`) and
/// above them the mask of the entity's known fields sent as `null` (see [`quick_tape`]); at `address`
/// (8-aligned) is the entity as an entity tape (a `json::Tape`'s format, spans into the body). The event
/// is `{type, [entity]: <the tape's object>}`, which is also `message[entity]` of `JSON.parse(body)`
/// with those fields deleted.
#[wasm_bindgen(js_name = __gsParse, skip_typescript)]
pub fn gs_parse(len: usize) -> f64 {
    with_scratch(|s| {
        let Scratch { input, entity, .. } = s;
        let Some(text) = scratch_text(input, len) else {
            return 0.0;
        };
        let Some((kind, nulls)) = quick_tape(text, entity) else {
            return 0.0;
        };
        f64::from(kind | (nulls << layout::KIND_BITS))
            + f64::from(layout::PARSE_CODES) * entity.as_ptr() as usize as f64
    })
    .unwrap_or(0.0)
}

/// The state tracker: folds webhooks and API responses into per-stream state, stages and actions.
#[wasm_bindgen(js_name = WebhookTracker)]
pub struct WebhookTracker {
    inner: Tracker,
}

impl WebhookTracker {
    /// `applyStream` (the package's JS method, for Rust callers of the bindings).
    ///
    /// # Errors
    /// As `applyStream`.
    pub fn apply_stream(&mut self, stream: JsValue, received_at_ms: Option<f64>) -> Result<JsValue, JsValue> {
        self.apply_api(&stream, "stream", received_at_ms)
    }

    /// `applyBroadcast` (the package's JS method, for Rust callers of the bindings).
    ///
    /// # Errors
    /// As `applyBroadcast`.
    pub fn apply_broadcast(
        &mut self,
        broadcast: JsValue,
        received_at_ms: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        self.apply_api(&broadcast, "broadcast", received_at_ms)
    }

    /// `applyVideo` (the package's JS method, for Rust callers of the bindings).
    ///
    /// # Errors
    /// As `applyVideo`.
    pub fn apply_video(&mut self, video: JsValue, received_at_ms: Option<f64>) -> Result<JsValue, JsValue> {
        self.apply_api(&video, "video", received_at_ms)
    }

    /// `applyStream`, `applyBroadcast`, `applyVideo`: reads the API object (`what`: `stream`,
    /// `broadcast` or `video`) and folds it in. One body for the three (smaller wasm).
    fn apply_api(
        &mut self,
        value: &JsValue,
        what: &'static str,
        received_at_ms: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        let text = api_text(value, what)?;
        let o = ApiObject::new(&text, what)?;
        let id = o.id()?;
        let now = now_arg(received_at_ms);
        let r = match what {
            "stream" => {
                let update = StreamUpdate {
                    active: o.bool("active")?,
                    live: o.bool("live")?,
                    backup_live: o.bool("backup_live")?,
                    recording: o.bool("recording")?,
                    transcoding: o.bool("transcoding")?,
                    broadcast_ids: o
                        .ids("broadcast_ids")?
                        .map(|v| v.into_iter().map(BroadcastId).collect()),
                };
                self.inner.apply_stream_update(StreamId(id), update, now)
            }
            "broadcast" => {
                let status = o.string("status")?.map(|s| BroadcastStatus::parse(&s));
                let stream_ids = o
                    .ids("stream_ids")?
                    .map(|v| v.into_iter().map(StreamId).collect());
                self.inner
                    .apply_broadcast_update(BroadcastId(id), status, stream_ids, now)
            }
            _ => {
                let update = VideoUpdate {
                    status: o.string("status")?.map(|s| VideoStatus::parse(&s)),
                    stream_id: o.uint("stream_id", true)?.map(StreamId),
                    name: o.string("name")?,
                    duration: o.uint("duration", false)?,
                };
                self.inner.apply_video_update(VideoId(id), update, now)
            }
        };
        result_js(&r)
    }
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
    /// `receivedAtMs`. A video or broadcast status outside the documented values is folded in with
    /// outcome `unknown_status`. (Declared in the custom TypeScript section with its third
    /// parameter, `options`: `strictStatuses` is checked by the package's JS, `fast.js`, with
    /// `parseWebhook` before this runs. A third wasm-bindgen parameter here cost ~290 B gzip.)
    ///
    /// # Errors
    /// Throws a `WebhookError` when the webhook is invalid (as `parseWebhook`).
    #[wasm_bindgen(skip_typescript)]
    pub fn apply(
        &mut self,
        input: JsValue,
        #[wasm_bindgen(js_name = receivedAtMs)] received_at_ms: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        let body = read_body(&input, ParseOptions::default().max_bytes)?;
        let opts = ParseOptions {
            allow_unknown_types: body.object,
            ..ParseOptions::default()
        };
        let root = parse_text(&body.text).map_err(throw)?;
        let checked = check(&root, &opts, body.object).map_err(throw)?;
        result_js(&self.inner.apply(&checked.event, now_arg(received_at_ms)))
    }

    /// (Internal to the package's JS.) `apply` of the `len` bytes in the input buffer. Returns the
    /// address of the result's tape (`[ops length, bytes address, ops…]`), or 0: take the slow path.
    #[wasm_bindgen(js_name = __applyInput, skip_typescript)]
    pub fn apply_input(&mut self, len: usize, received_at_ms: Option<f64>) -> usize {
        let r = with_scratch(|s| {
            let Scratch { input, entity, .. } = s;
            let text = scratch_text(input, len)?;
            // (A body `quick` does not take goes through `apply`, which reads it again.)
            let event = quick_for_tracker(text, entity)?;
            Some(self.inner.apply(&event, now_arg(received_at_ms)))
        })
        .flatten();
        r.map_or(0, |r| result_tape(&r))
    }

    /// (Internal to the package's JS, which defines `applyStream`, `applyBroadcast` and
    /// `applyVideo` over it: one export instead of three, ~100 B gzip less.) Folds in the API object
    /// `value` of kind 0 (a stream), 1 (a broadcast) or 2 (a video).
    ///
    /// # Errors
    /// Throws a `WebhookError` when it is not such an object with an id.
    #[wasm_bindgen(js_name = __applyApi, skip_typescript)]
    pub fn apply_api_js(
        &mut self,
        kind: u32,
        value: JsValue,
        #[wasm_bindgen(js_name = receivedAtMs)] received_at_ms: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        let what = match kind {
            0 => "stream",
            1 => "broadcast",
            _ => "video",
        };
        self.apply_api(&value, what, received_at_ms)
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
            Some(s) => JsValue::from_str(s.as_str()),
            None => JsValue::NULL,
        })
    }

    /// What the guide prescribes for the stream now, worked out from the tracked state alone: every
    /// action still due (`apply` returns an action once, when an event makes it due). Empty for an
    /// untracked stream, or while the next move is the platform's or the user's. Use it after a lost
    /// webhook, a crash before acting, or an API response folded in with `applyStream`.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
    #[wasm_bindgen(js_name = nextActions, unchecked_return_type = "Action[]")]
    pub fn next_actions(
        &self,
        #[wasm_bindgen(js_name = streamId)] stream_id: f64,
    ) -> Result<JsValue, JsValue> {
        let id = id_arg(stream_id, "streamId")?;
        let mut out = String::new();
        json::Sink::open(&mut out, true);
        for a in self.inner.next_actions(StreamId(id)) {
            a.write_json(&mut out);
        }
        json::Sink::close(&mut out, true);
        js_sys::JSON::parse(&out)
    }

    /// A tracked stream (with its stage, broadcasts and recordings), or `null`.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
    #[wasm_bindgen(unchecked_return_type = "TrackedStream | null")]
    pub fn stream(&self, id: f64) -> Result<JsValue, JsValue> {
        let id = id_arg(id, "id")?;
        let Some(s) = self.inner.stream(StreamId(id)) else {
            return Ok(JsValue::NULL);
        };
        let mut out = String::new();
        s.write_json(&mut out, false);
        js_sys::JSON::parse(&out)
    }

    /// A tracked broadcast, or `null`.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
    #[wasm_bindgen(unchecked_return_type = "TrackedBroadcast | null")]
    pub fn broadcast(&self, id: f64) -> Result<JsValue, JsValue> {
        let id = id_arg(id, "id")?;
        let Some(b) = self.inner.broadcast(BroadcastId(id)) else {
            return Ok(JsValue::NULL);
        };
        let mut out = String::new();
        b.write_json(&mut out);
        js_sys::JSON::parse(&out)
    }

    /// A tracked video, or `null`.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
    #[wasm_bindgen(unchecked_return_type = "TrackedVideo | null")]
    pub fn video(&self, id: f64) -> Result<JsValue, JsValue> {
        let id = id_arg(id, "id")?;
        let Some(v) = self.inner.video(VideoId(id)) else {
            return Ok(JsValue::NULL);
        };
        let mut out = String::new();
        v.write_json(&mut out);
        js_sys::JSON::parse(&out)
    }

    /// The ids of the tracked streams.
    #[wasm_bindgen(unchecked_return_type = "number[]")]
    pub fn streams(&self) -> Result<JsValue, JsValue> {
        let out = Array::new();
        for id in self.inner.stream_ids() {
            out.push(&JsValue::from_f64(id.0 as f64));
        }
        Ok(out.into())
    }

    /// The state as compact, versioned JSON text (persist it; edge functions keep no memory).
    pub fn snapshot(&self) -> String {
        self.inner.snapshot()
    }

    /// A tracker identical to the one that made `snapshot`.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_snapshot`) for a corrupt or foreign snapshot.
    pub fn restore(
        #[wasm_bindgen(unchecked_param_type = "string")] snapshot: JsValue,
    ) -> Result<WebhookTracker, JsValue> {
        // The type first: a non-string (`{ length: 1e8 }`) is never copied.
        let Some(text) = snapshot.as_string() else {
            return Err(throw(WebhookError::new(
                Code::InvalidSnapshot,
                "",
                "expected a tracker snapshot (a string)",
            )));
        };
        Tracker::restore(&text)
            .map(|inner| WebhookTracker { inner })
            .map_err(throw)
    }

    /// (Internal to the package's JS.) `restore` of the `len` bytes in the input buffer (the
    /// package writes the snapshot there: no copy of the text); `undefined` when they are not a
    /// snapshot (the caller repeats the call through `restore`, which throws the error).
    #[wasm_bindgen(js_name = __restoreInput, skip_typescript)]
    pub fn restore_input(len: usize) -> Option<WebhookTracker> {
        with_scratch(|s| {
            let text = core::str::from_utf8(s.input.get(..len)?).ok()?;
            let inner = Tracker::restore(text).ok()?;
            Some(WebhookTracker { inner })
        })
        .flatten()
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
