//! `Sandbox`: the platform emulator embedded in the package, answering a standard `fetch`.
//!
//! ```js
//! const sandbox = new Sandbox({ apiKey: "test" });
//! sandbox.onWebhook((payload) => console.log(payload));
//! const client = new StreamingClient({ apiKey: "test", fetch: sandbox.fetch });
//! ```

use super::{from_json_text, js_error};
use crate::domain::platform::time::{iso8601, parse_iso8601, DEFAULT_START_MS};
use crate::domain::platform::{
    ControlError, Platform, PlatformConfig, PlatformRequest, PlatformResponse, Webhook,
};
use crate::domain::StreamId;
use crate::prelude::*;
use alloc::rc::Rc;
use core::cell::RefCell;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

#[wasm_bindgen(typescript_custom_section)]
const TS: &str = r#"
/** Options of `new Sandbox(options)`. Durations are simulated milliseconds. */
export interface SandboxOptions {
  /** Accept only `Authorization: APIKey <apiKey>`; default: any key. */
  apiKey?: string;
  /** Accept `Authorization: Bearer <bearerToken>` with this token only; default: none (an API key
   * sent as a bearer token gets 401 "Given token not valid for any token type", as on the platform). */
  bearerToken?: string;
  /** Items per page of the lists, 1-100 (default 25; also the video list's default `per_page`). */
  pageSize?: number;
  /** From ingest starting (`live: true, transcoding: false`) to `transcoding: true` (default 1000). */
  transcodingDelayMs?: number;
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
export type SandboxFetch = GlobalFetch;

/** The `stream` webhook. */
export interface SandboxStreamWebhook {
  type: "stream";
  message: { stream: {
    id: number; live: boolean; backup_live: boolean; recording: boolean; transcoding: boolean;
    client_user_id: number | null; client_entity_data: string | null; pull: boolean; uri: string;
    stream_source_type: "rtmp" | "srt" | "webrtc" | "https";
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
  /** Playback is ready. */
  transcoding: boolean;
  /** While live: "rtmp" | "srt" | "webrtc" | "https". */
  stream_source_type: "rtmp" | "srt" | "webrtc" | "https" | null;
  push_url: string; token: string;
  [field: string]: unknown;
}
"#;

/// The options of `new Sandbox`. serde-wasm-bindgen reads a struct's own fields only, so unknown
/// options are refused by [`parse_options`] against [`field_names`], not by `deny_unknown_fields`.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Options {
    api_key: Option<String>,
    bearer_token: Option<String>,
    page_size: Option<u64>,
    transcoding_delay_ms: Option<u64>,
    quota: Option<u32>,
    publisher_delay_ms: Option<u64>,
    auto_connect: Option<bool>,
    recording_start_delay_ms: Option<u64>,
    reconnect_window_ms: Option<u64>,
    viewable_after_ms: Option<u64>,
    ready_after_ms: Option<u64>,
    seed: Option<u64>,
    start: Option<String>,
    auto_advance: Option<bool>,
    speed: Option<f64>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Record<'a> {
    seq: u64,
    at_ms: u64,
    at: String,
    #[serde(rename = "type")]
    kind: &'a str,
    payload: &'a Value,
}

fn record_of(w: &Webhook) -> Record<'_> {
    Record {
        seq: w.seq,
        at_ms: w.at_ms,
        at: iso8601(w.at_ms),
        kind: &w.kind,
        payload: &w.payload,
    }
}

fn invalid(path: &str, message: &str) -> JsValue {
    js_error(
        "StreamingError",
        "invalid_params",
        message,
        &[("path", JsValue::from_str(path))],
    )
}

fn internal(message: &str) -> JsValue {
    js_error("StreamingError", "internal", message, &[])
}

struct Inner {
    platform: Platform,
    start_ms: u64,
    offset_ms: u64,
    real_start: f64,
    auto: bool,
    speed: f64,
    listeners: Vec<(u32, js_sys::Function)>,
    next_listener: u32,
    history: Vec<Webhook>,
    timer: Option<JsValue>,
}

impl Inner {
    fn now(&self) -> u64 {
        let real = if self.auto {
            ((js_sys::Date::now() - self.real_start) * self.speed).max(0.0)
        } else {
            0.0
        };
        // Saturating float → int; `real` is finite and >= 0.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let real = real as u64;
        self.start_ms.saturating_add(self.offset_ms).saturating_add(real)
    }
}

type Shared = Rc<RefCell<Inner>>;

/// Runs due events and hands their webhooks to the listeners (outside the borrow, so listeners
/// may call back into the sandbox), then re-arms the timer.
fn pump(inner: &Shared) -> Vec<Webhook> {
    let (hooks, listeners) = {
        let Ok(mut i) = inner.try_borrow_mut() else {
            return Vec::new();
        };
        let now = i.now();
        let hooks = i.platform.advance(now);
        i.history.extend(hooks.iter().cloned());
        let listeners: Vec<js_sys::Function> = i.listeners.iter().map(|(_, f)| f.clone()).collect();
        (hooks, listeners)
    };
    for w in &hooks {
        let payload = from_json_text(&w.payload.to_string()).unwrap_or(JsValue::NULL);
        let record = to_js(&record_of(w)).unwrap_or(JsValue::NULL);
        for f in &listeners {
            // A throwing listener is a failing receiver: the platform does not retry.
            let _ = f.call2(&JsValue::UNDEFINED, &payload, &record);
        }
    }
    arm_timer(inner);
    hooks
}

fn global_fn(name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
}

fn clear_timer(i: &mut Inner) {
    if let (Some(t), Some(clear)) = (i.timer.take(), global_fn("clearTimeout")) {
        let _ = clear.call1(&JsValue::UNDEFINED, &t);
    }
}

/// With `autoAdvance`, a timer fires when the next event is due (unref'd in Node, so an idle sandbox
/// does not keep the process alive).
fn arm_timer(inner: &Shared) {
    let Ok(mut i) = inner.try_borrow_mut() else { return };
    clear_timer(&mut i);
    if !i.auto || i.speed <= 0.0 {
        return;
    }
    let Some(next) = i.platform.next_event_at() else {
        return;
    };
    #[allow(clippy::cast_precision_loss)]
    let delay = (next.saturating_sub(i.now()) as f64 / i.speed).clamp(0.0, 2_147_483_647.0);
    let Some(set) = global_fn("setTimeout") else {
        return;
    };
    let weak = Rc::downgrade(inner);
    let cb = Closure::once_into_js(move || {
        if let Some(inner) = weak.upgrade() {
            if let Ok(mut i) = inner.try_borrow_mut() {
                i.timer = None;
            }
            pump(&inner);
        }
    });
    if let Ok(handle) = set.call2(
        &JsValue::UNDEFINED,
        &cb,
        &JsValue::from_f64(js_sys::Math::ceil(delay)),
    ) {
        if let Ok(unref) = js_sys::Reflect::get(&handle, &JsValue::from_str("unref")) {
            if let Ok(unref) = unref.dyn_into::<js_sys::Function>() {
                let _ = unref.call0(&handle);
            }
        }
        i.timer = Some(handle);
    }
}

/// The request headers the platform reads besides `Authorization` (the upload server's).
const READ_HEADERS: &[&str] = &[
    "content-type",
    "tus-resumable",
    "upload-length",
    "upload-defer-length",
    "upload-offset",
    "upload-metadata",
    "x-http-method-override",
];

/// The host (and port) of an absolute URL.
fn host_of(url: &str) -> String {
    let after = url.find("://").and_then(|i| url.get(i + 3..)).unwrap_or_default();
    let end = after.find(['/', '?', '#']).unwrap_or(after.len());
    after.get(..end).unwrap_or_default().to_owned()
}

/// The path and query of an absolute or relative URL.
fn path_of(url: &str) -> String {
    let rest = match url.find("://") {
        Some(i) => {
            let after = url.get(i + 3..).unwrap_or_default();
            after.find('/').and_then(|j| after.get(j..)).unwrap_or("/")
        }
        None => url,
    };
    let rest = rest.split('#').next().unwrap_or_default();
    if rest.starts_with('/') {
        rest.to_owned()
    } else {
        format!("/{rest}")
    }
}

fn build_request(input: &JsValue, init: &JsValue) -> Result<web_sys::Request, JsValue> {
    let init: web_sys::RequestInit = if init.is_object() {
        init.clone().unchecked_into()
    } else {
        web_sys::RequestInit::new()
    };
    if let Some(req) = input.dyn_ref::<web_sys::Request>() {
        return web_sys::Request::new_with_request_and_init(req, &init);
    }
    let url = match input.as_string() {
        Some(s) => s,
        None => js_sys::Object::from(input.clone())
            .to_string()
            .as_string()
            .unwrap_or_default(),
    };
    // Relative URLs are allowed: there is no real origin behind the sandbox.
    let url = if url.contains("://") {
        url
    } else {
        format!("http://sandbox.invalid{}", path_of(&url))
    };
    web_sys::Request::new_with_str_and_init(&url, &init)
}

fn to_response(res: &PlatformResponse) -> Result<web_sys::Response, JsValue> {
    let headers = web_sys::Headers::new()?;
    for (k, v) in &res.headers {
        headers.append(k, v)?;
    }
    let init = web_sys::ResponseInit::new();
    init.set_status(res.status);
    init.set_headers(&headers);
    let body = if res.body.is_empty() {
        None
    } else {
        Some(res.body.as_str())
    };
    web_sys::Response::new_with_opt_str_and_init(body, &init)
}

fn abort_error() -> JsValue {
    let e = js_sys::Error::new("The operation was aborted.");
    e.set_name("AbortError");
    e.into()
}

async fn answer(inner: Shared, input: JsValue, init: JsValue) -> Result<JsValue, JsValue> {
    let request = build_request(&input, &init)?;
    if request.signal().aborted() {
        return Err(abort_error());
    }
    let buffer = JsFuture::from(request.array_buffer()?).await?;
    let body = js_sys::Uint8Array::new(&buffer).to_vec();
    let url = request.url();
    let mut headers = vec![("host".to_owned(), host_of(&url))];
    let sent = request.headers();
    for name in READ_HEADERS {
        if let Some(value) = sent.get(name)? {
            headers.push(((*name).to_owned(), value));
        }
    }
    let req = PlatformRequest {
        method: request.method(),
        path_and_query: path_of(&url),
        authorization: sent.get("authorization")?,
        headers,
        body,
    };
    let res = {
        let mut i = inner
            .try_borrow_mut()
            .map_err(|_| internal("the sandbox is busy (re-entrant call)"))?;
        let now = i.now();
        i.platform.handle(&req, now)
    };
    pump(&inner);
    Ok(to_response(&res)?.into())
}

/// The platform emulator: a `fetch` answered as the Gcore Streaming Platform would, webhooks to
/// JS listeners, and a publisher and clock driven from JS.
#[wasm_bindgen]
pub struct Sandbox {
    inner: Shared,
    fetch: js_sys::Function,
}

#[wasm_bindgen]
impl Sandbox {
    /// A new, empty platform.
    ///
    /// # Errors
    /// `StreamingError` `invalid_params` (with `path`) for an unknown or mistyped option.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "SandboxOptions")] options: JsValue,
    ) -> Result<Sandbox, JsValue> {
        let opts = parse_options(options)?;
        let defaults = PlatformConfig::default();
        let start_ms = match opts.start.as_deref() {
            None => DEFAULT_START_MS,
            Some(s) => parse_iso8601(s)
                .ok_or_else(|| invalid("start", "start must look like 2026-01-01T00:00:00Z"))?,
        };
        let speed = opts.speed.unwrap_or(1.0);
        if !(speed.is_finite() && speed >= 0.0) {
            return Err(invalid("speed", "speed must be a finite number >= 0"));
        }
        let page_size = match opts.page_size {
            None => defaults.page_size,
            Some(n @ 1..=100) => usize::try_from(n).unwrap_or(defaults.page_size),
            Some(_) => return Err(invalid("pageSize", "pageSize must be an integer from 1 to 100")),
        };
        let config = PlatformConfig {
            api_key: opts.api_key.filter(|k| !k.is_empty()),
            bearer_token: opts.bearer_token.filter(|k| !k.is_empty()),
            page_size,
            transcoding_delay_ms: opts.transcoding_delay_ms.unwrap_or(defaults.transcoding_delay_ms),
            quota: opts.quota.unwrap_or(defaults.quota),
            publisher_delay_ms: opts.publisher_delay_ms.unwrap_or(defaults.publisher_delay_ms),
            auto_connect: opts.auto_connect.unwrap_or(true),
            recording_start_delay_ms: opts
                .recording_start_delay_ms
                .unwrap_or(defaults.recording_start_delay_ms),
            reconnect_window_ms: opts.reconnect_window_ms.unwrap_or(defaults.reconnect_window_ms),
            viewable_after_ms: opts.viewable_after_ms.unwrap_or(defaults.viewable_after_ms),
            ready_after_ms: opts.ready_after_ms.unwrap_or(defaults.ready_after_ms),
            seed: opts.seed.unwrap_or(0),
            ..defaults
        };
        let inner: Shared = Rc::new(RefCell::new(Inner {
            platform: Platform::new(config),
            start_ms,
            offset_ms: 0,
            real_start: js_sys::Date::now(),
            auto: opts.auto_advance.unwrap_or(false),
            speed,
            listeners: Vec::new(),
            next_listener: 1,
            history: Vec::new(),
            timer: None,
        }));
        let for_fetch = Rc::clone(&inner);
        let fetch = Closure::<dyn FnMut(JsValue, JsValue) -> js_sys::Promise>::new(
            move |input: JsValue, init: JsValue| {
                future_to_promise(answer(Rc::clone(&for_fetch), input, init))
            },
        )
        .into_js_value()
        .unchecked_into::<js_sys::Function>();
        Ok(Sandbox { inner, fetch })
    }

    /// A standalone `fetch`: pass it detached (`{ fetch: sandbox.fetch }`) to any fetch-based code.
    #[wasm_bindgen(getter, unchecked_return_type = "SandboxFetch")]
    pub fn fetch(&self) -> js_sys::Function {
        self.fetch.clone()
    }

    /// Calls `listener(payload, webhook)` for every webhook from now on. Returns a function that
    /// removes the listener.
    #[wasm_bindgen(js_name = onWebhook, unchecked_return_type = "() => void")]
    pub fn on_webhook(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SandboxWebhookListener")] listener: js_sys::Function,
    ) -> Result<JsValue, JsValue> {
        let id = {
            let mut i = self
                .inner
                .try_borrow_mut()
                .map_err(|_| internal("the sandbox is busy (re-entrant call)"))?;
            let id = i.next_listener;
            i.next_listener = i.next_listener.wrapping_add(1);
            i.listeners.push((id, listener));
            id
        };
        let weak = Rc::downgrade(&self.inner);
        let off = Closure::<dyn FnMut()>::new(move || {
            if let Some(inner) = weak.upgrade() {
                if let Ok(mut i) = inner.try_borrow_mut() {
                    i.listeners.retain(|(l, _)| *l != id);
                }
            }
        });
        Ok(off.into_js_value())
    }

    /// The publisher of stream `streamId` connects (`live: true`); an interrupted recording resumes
    /// in the same file within the reconnect window. Returns the stream.
    ///
    /// # Errors
    /// `StreamingError` with code `stream_not_found`, `stream_not_active` or `already_live`.
    #[wasm_bindgen(unchecked_return_type = "SandboxStream")]
    pub fn connect(&self, #[wasm_bindgen(js_name = streamId)] stream_id: f64) -> Result<JsValue, JsValue> {
        self.control(stream_id, true)
    }

    /// The publisher of stream `streamId` disconnects (the interruption case). Returns the stream.
    ///
    /// # Errors
    /// `StreamingError` with code `stream_not_found` or `not_live`.
    #[wasm_bindgen(unchecked_return_type = "SandboxStream")]
    pub fn disconnect(&self, #[wasm_bindgen(js_name = streamId)] stream_id: f64) -> Result<JsValue, JsValue> {
        self.control(stream_id, false)
    }

    /// Moves the simulated clock forward by `ms`, firing what falls due (listeners are called
    /// before this returns). Returns the webhooks emitted.
    ///
    /// # Errors
    /// `StreamingError` `invalid_params` when `ms` is negative or not finite.
    #[wasm_bindgen(unchecked_return_type = "SandboxWebhook[]")]
    pub fn advance(&self, ms: f64) -> Result<JsValue, JsValue> {
        if !(ms.is_finite() && ms >= 0.0) {
            return Err(invalid("ms", "ms must be a finite number >= 0"));
        }
        {
            let mut i = self
                .inner
                .try_borrow_mut()
                .map_err(|_| internal("the sandbox is busy (re-entrant call)"))?;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let ms = js_sys::Math::round(ms) as u64;
            i.offset_ms = i.offset_ms.saturating_add(ms);
        }
        let hooks = pump(&self.inner);
        records_js(&hooks)
    }

    /// The simulated time, epoch ms.
    pub fn now(&self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        self.inner
            .try_borrow()
            .map(|i| i.now() as f64)
            .unwrap_or(f64::NAN)
    }

    /// Forgets everything (streams, broadcasts, videos, webhooks) and restarts the clock; listeners
    /// stay.
    ///
    /// # Errors
    /// `StreamingError` `internal` when called from inside a webhook listener.
    pub fn reset(&self) -> Result<(), JsValue> {
        let mut i = self
            .inner
            .try_borrow_mut()
            .map_err(|_| internal("the sandbox is busy (re-entrant call)"))?;
        clear_timer(&mut i);
        i.platform.reset();
        i.history.clear();
        i.offset_ms = 0;
        i.real_start = js_sys::Date::now();
        Ok(())
    }

    /// Every webhook emitted so far, in order.
    ///
    /// # Errors
    /// `StreamingError` `internal` if the history can not be converted.
    #[wasm_bindgen(unchecked_return_type = "SandboxWebhook[]")]
    pub fn webhooks(&self) -> Result<JsValue, JsValue> {
        let hooks = self
            .inner
            .try_borrow()
            .map(|i| i.history.clone())
            .unwrap_or_default();
        records_js(&hooks)
    }

    /// Stops the timer (with `autoAdvance`); the sandbox can still be used.
    pub fn close(&self) {
        if let Ok(mut i) = self.inner.try_borrow_mut() {
            clear_timer(&mut i);
            i.auto = false;
        }
    }
}

impl Sandbox {
    fn control(&self, stream_id: f64, connect: bool) -> Result<JsValue, JsValue> {
        if !(stream_id.is_finite() && stream_id >= 0.0 && (stream_id % 1.0) == 0.0) {
            return Err(invalid("streamId", "streamId must be a non-negative integer"));
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let id = StreamId(stream_id as u64);
        let result = {
            let mut i = self
                .inner
                .try_borrow_mut()
                .map_err(|_| internal("the sandbox is busy (re-entrant call)"))?;
            let now = i.now();
            if connect {
                i.platform.connect(id, now)
            } else {
                i.platform.disconnect(id, now)
            }
        };
        match result {
            Ok(stream) => {
                pump(&self.inner);
                from_json_text(&stream.to_string())
            }
            Err(e) => Err(control_error(&e)),
        }
    }
}

fn control_error(e: &ControlError) -> JsValue {
    js_error("StreamingError", e.code(), &e.to_string(), &[])
}

fn records_js(hooks: &[Webhook]) -> Result<JsValue, JsValue> {
    let records: Vec<Record<'_>> = hooks.iter().map(record_of).collect();
    to_js(&records)
}

/// A Rust value as a JS value (`serde-wasm-bindgen`): maps become plain objects, as in JSON.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| internal(&e.to_string()))
}

/// The options (`serde-wasm-bindgen`, straight from the JS object); an invalid one is named in the
/// error's `path`.
fn parse_options(value: JsValue) -> Result<Options, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    if !value.is_object() || js_sys::Array::is_array(&value) || value.is_function() {
        return Err(invalid("", "options must be a plain object"));
    }
    let options = serde_wasm_bindgen::from_value::<Options>(value.clone()).map_err(|e| {
        // Name the offending option: the first one that is invalid on its own.
        let path = js_sys::Object::entries(value.unchecked_ref())
            .iter()
            .find_map(|entry| {
                let pair: js_sys::Array = entry.unchecked_into();
                let single = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&single, &pair.get(0), &pair.get(1));
                serde_wasm_bindgen::from_value::<Options>(single.into())
                    .is_err()
                    .then(|| pair.get(0).as_string().unwrap_or_default())
            })
            .unwrap_or_default();
        invalid(&path, &format!("invalid sandbox option `{path}`: {e}"))
    })?;
    let known = field_names::<Options>();
    let unknown = js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .find(|k| !known.contains(&k.as_str()));
    match unknown {
        Some(key) => Err(invalid(
            &key,
            &format!("invalid sandbox option `{key}`: unknown option"),
        )),
        None => Ok(options),
    }
}

/// The names of a struct's fields as its serde derive reads them (it hands them to
/// `deserialize_struct`, where this deserializer takes them and stops).
fn field_names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct FieldNames<'a>(&'a mut &'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for FieldNames<'_> {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(serde::de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(serde::de::Error::custom("names taken"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut names: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldNames(&mut names));
    names
}
