//! JS bindings of the webhook validator, source check and tracker (`domain::webhook`).
//!
//! Exports: `parseWebhook`, `verifyWebhookSource`, `WebhookTracker`. Errors are `WebhookError`s
//! (`name`, `code`, `path`, message). Bodies enter once as bytes; results leave as JSON text parsed
//! by the engine's `JSON.parse`.

mod fast;
mod tracker;

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

// The entities' interfaces and the `WebhookEvent` union, generated from the one table of their fields
// (`entities!` in src/domain/webhook/event/mod.rs) by tests/generated.rs.
#[wasm_bindgen(typescript_custom_section)]
const ENTITIES_TS: &str = include_str!("entities.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS: &str = r#"
/** A webhook's `client_user_id`: documented as a string, sent as an integer. */
export type ClientUserId = number | string;
/** Extra fields the platform may add; kept as sent. */
export type WebhookExtraField = string | number | boolean | null | WebhookExtraField[] | { [key: string]: WebhookExtraField };

/** A `type` this SDK does not know (only with `allowUnknownTypes`). */
export interface UnknownWebhookEvent { type: "unknown"; received_type: string; message: WebhookExtraField }
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

/// Declares JS strings made once (`static_string`): the option names the bindings read (making a JS
/// string from wasm memory costs more than the rest of a small call).
macro_rules! js_strings {
    ($($name:ident = $text:tt;)*) => {
        #[wasm_bindgen]
        extern "C" {
            $(
                #[wasm_bindgen(thread_local_v2, static_string)]
                static $name: JsString = $text;
            )*
        }
    };
}

js_strings! {
    MAX_BYTES = "maxBytes";
    ALLOW_UNKNOWN_TYPES = "allowUnknownTypes";
    STRICT_STATUSES = "strictStatuses";
    ALLOW_IPS = "allowIps";
    IP = "ip";
    URL = "url";
    SECRET = "secret";
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

/// The boolean option `name` (read with the JS string `key`), if set.
fn bool_option(
    options: &JsValue,
    key: &'static wasm_bindgen::JsThreadLocal<JsString>,
    name: &str,
) -> Result<Option<bool>, JsValue> {
    let v = key.with(|k| Reflect::get(options, k))?;
    if v.is_undefined() {
        return Ok(None);
    }
    v.as_bool().map(Some).ok_or_else(|| {
        invalid(
            &["options.", name].cat(),
            &["expected `", name, "` to be a boolean"].cat(),
        )
    })
}

fn parse_options(options: Option<JsParseOptions>) -> Result<ParseOptions, JsValue> {
    let mut opts = ParseOptions::default();
    let Some(o) = options else {
        return Ok(opts);
    };
    opts.strict_statuses = bool_option(&o, &STRICT_STATUSES, "strictStatuses")?.unwrap_or(false);
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
    opts.allow_unknown_types = bool_option(&o, &ALLOW_UNKNOWN_TYPES, "allowUnknownTypes")?.unwrap_or(false);
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

pub use tracker::WebhookTracker;
