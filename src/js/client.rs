//! JS API of the client: `StreamingClient`, `LiveSession` and the `for await` page iterator.
//!
//! Every method that talks to the API returns a Promise; bad arguments reject it with a
//! `StreamingError` (`invalid_params`, with the JSON `path`), API errors with an `ApiError`
//! (`status`, `code`, `fields`, `retryable`, `body`, `operation`), transport failures with a
//! `StreamingError` (`timeout`, `aborted`, `network`). No error or object property shows the API key.

use super::{from_json_text, js_error};
use crate::client::fetch::{headers_object, method_at, FetchTransport, JsRequest};
use crate::client::params::{self, Params, Schema, BROADCAST, STREAM};
use crate::client::{Auth, CallOptions, Client, ClientConfig, ClientError, Next, RawResponse};
use crate::domain::ids::{BroadcastId, StreamId, VideoId};
use crate::domain::json::Value;
use crate::domain::model::ErrorBody;
use crate::domain::request::{ApiRequest, Method, Operation, ParamError};
use crate::domain::response::{raw_shape, DecodeError, RawShape};
use crate::domain::text::Cat;
use crate::prelude::*;
use alloc::rc::Rc;
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TS_CLIENT: &str = r#"
/** The `fetch` the client calls (the global one by default). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: GlobalAbortSignal },
) => Promise<FetchResponseLike>;

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
  signal?: GlobalAbortSignal;
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

// The page iterators `client.streams()`, `client.broadcasts()`, `client.videos()` (pkg-template/pages.js)
// are declared with the namespaces they are the calls of (`client.streams.create`, …), in the
// generated pkg-template/api.d.ts.

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
  signal?: GlobalAbortSignal;
}
"#;

type Opts = CallOptions<JsValue>;
pub(super) type Inner = Rc<Client<FetchTransport>>;

pub(super) fn invalid(path: &str, message: &str) -> JsValue {
    js_error(
        "StreamingError",
        "invalid_params",
        &[path, ": ", message].cat(),
        &[("path", JsValue::from_str(path))],
    )
}

pub(super) fn param_error(e: &ParamError) -> JsValue {
    invalid(&e.path, &e.message)
}

/// JSON text written by the small writers, as a JS value (`null` if it somehow is not JSON).
fn json_value(write: impl FnOnce(&mut String)) -> JsValue {
    let mut s = String::new();
    write(&mut s);
    from_json_text(&s).unwrap_or(JsValue::NULL)
}

pub(super) fn client_error(e: &ClientError) -> JsValue {
    let message = e.text();
    let op = |o: Option<crate::domain::request::Operation>| {
        o.map_or(JsValue::UNDEFINED, |o| JsValue::from_str(o.as_str()))
    };
    match e {
        ClientError::Api(a) => js_error(
            "ApiError",
            &a.code,
            &message,
            &[
                ("status", JsValue::from(a.status)),
                ("fields", json_value(|s| ErrorBody::write_fields(s, &a.fields))),
                ("retryable", JsValue::from_bool(a.retryable)),
                ("body", json_value(|s| a.body.write_json(s))),
                ("operation", JsValue::from_str(a.operation.as_str())),
            ],
        ),
        ClientError::InvalidParams(p) => param_error(p),
        ClientError::InvalidResponse { status, .. } => js_error(
            "StreamingError",
            e.code(),
            &message,
            &[
                ("status", JsValue::from(*status)),
                ("operation", op(e.operation())),
            ],
        ),
        _ => js_error(
            "StreamingError",
            e.code(),
            &message,
            &[("operation", op(e.operation()))],
        ),
    }
}

/// Hands a 2xx answer to JS: a cheap shape check (first non-space byte), then the engine's
/// `JSON.parse` (one crossing). Deletes resolve `undefined`, empty answers `null`, and a
/// `start_recording` result always has its `warnings` and `errors` arrays.
pub(super) fn resource(operation: Operation, raw: &RawResponse) -> Result<JsValue, JsValue> {
    let invalid_response = |message: String| {
        client_error(&ClientError::InvalidResponse {
            operation,
            status: raw.status,
            message,
        })
    };
    if operation == Operation::Call {
        // A generated operation's answer, as text: pkg-template/api.js reads it by the spec's shape.
        return Ok(JsValue::from_str(&raw.body));
    }
    let shape = raw_shape(operation, raw.status, &raw.body).map_err(|e| match e {
        DecodeError::InvalidResponse { message, .. } => invalid_response(message),
        DecodeError::Api(a) => client_error(&ClientError::Api(a)),
    })?;
    let value = match shape {
        RawShape::Nothing => return Ok(JsValue::UNDEFINED),
        RawShape::Null => return Ok(JsValue::NULL),
        RawShape::EmptyRecording => Object::new().into(),
        RawShape::Object | RawShape::Array => js_sys::JSON::parse(&raw.body)
            .map_err(|_| invalid_response("unexpected response body: not valid JSON".to_owned()))?,
    };
    if operation == Operation::StartRecording {
        for key in ["warnings", "errors"] {
            if prop(&value, key).is_none() {
                let _ = Reflect::set(&value, &JsValue::from_str(key), &js_sys::Array::new());
            }
        }
    }
    Ok(value)
}

/// A property, `None` when undefined or null.
pub(super) fn prop(obj: &JsValue, key: &str) -> Option<JsValue> {
    if !obj.is_object() {
        return None;
    }
    Reflect::get(obj, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn opt_string(obj: &JsValue, key: &str, path: &str) -> Result<Option<String>, JsValue> {
    prop(obj, key)
        .map(|v| v.as_string().ok_or_else(|| invalid(path, "must be a string")))
        .transpose()
}

pub(super) fn opt_number(obj: &JsValue, key: &str, path: &str) -> Result<Option<f64>, JsValue> {
    prop(obj, key)
        .map(|v| {
            v.as_f64()
                .filter(|n| n.is_finite() && *n >= 0.0)
                .ok_or_else(|| invalid(path, "must be a finite number >= 0"))
        })
        .transpose()
}

fn opt_count(obj: &JsValue, key: &str, path: &str) -> Result<Option<u32>, JsValue> {
    opt_number(obj, key, path)?
        .map(|n| {
            if (n % 1.0) == 0.0 && n <= 100.0 {
                Ok(n as u32)
            } else {
                Err(invalid(path, "must be an integer from 0 to 100"))
            }
        })
        .transpose()
}

pub(super) fn check_object(v: &JsValue, path: &str) -> Result<(), JsValue> {
    if v.is_undefined() || v.is_null() || v.is_object() {
        Ok(())
    } else {
        Err(invalid(path, "must be an object"))
    }
}

pub(super) fn request_options(v: &JsValue) -> Result<Opts, JsValue> {
    if v.is_undefined() {
        // The common case: no per-call options (one check instead of four property reads).
        return Ok(CallOptions::default());
    }
    check_object(v, "options")?;
    let signal = prop(v, "signal");
    if let Some(s) = &signal {
        if !s.is_object() || prop(s, "addEventListener").is_none() {
            return Err(invalid("options.signal", "must be an AbortSignal"));
        }
    }
    Ok(CallOptions {
        signal,
        timeout_ms: opt_number(v, "timeoutMs", "options.timeoutMs")?,
        max_retries: opt_count(v, "maxRetries", "options.maxRetries")?,
    })
}

/// Reads JSON-shaped parameters (`undefined`/`null` → `null`): one `JSON.stringify`, then the small
/// JSON reader (no serde in the package).
pub(super) fn with_json<T>(
    v: &JsValue,
    root: &str,
    f: impl FnOnce(&Value<'_>) -> Result<T, ParamError>,
) -> Result<T, JsValue> {
    let text = json_text(v, root)?;
    let value = params::parse(&text, root).map_err(|e| param_error(&e))?;
    f(&value).map_err(|e| param_error(&e))
}

/// [`with_json`]'s text: not generic, so it exists once in the wasm (not once per reader).
#[inline(never)]
fn json_text(v: &JsValue, root: &str) -> Result<String, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok("null".to_owned());
    }
    js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| invalid(if root.is_empty() { "params" } else { root }, "is not JSON data"))
}

/// Stream or broadcast settings (`schema`: [`STREAM`], [`BROADCAST`]), as `create_*` and `update_*`
/// take them.
fn settings(v: &JsValue, schema: Schema) -> Result<Params, JsValue> {
    with_json(v, "", |j| Params::read(schema, j, ""))
}

pub(super) fn id_of(v: &JsValue, path: &str) -> Result<u64, JsValue> {
    v.as_f64()
        .filter(|n| (*n % 1.0) == 0.0 && *n >= 1.0 && *n <= 9_007_199_254_740_991.0)
        .map(|n| n as u64)
        .ok_or_else(|| invalid(path, "must be a positive integer id"))
}

/// The first byte (as a char code) of a 2xx body that the JS driver may `JSON.parse` and resolve by
/// itself, for the operations whose result is exactly the parsed body (0: always ask Rust). Same
/// answer as [`resource`] for such bodies: `raw_shape` accepts them as an object (array) and nothing
/// is added. Other bodies (leading spaces, wrong shape, not JSON) take the slow path, which gives the
/// same result or typed error as before.
fn fast_shape(operation: Operation) -> i32 {
    match operation {
        Operation::CreateStream
        | Operation::GetStream
        | Operation::UpdateStream
        | Operation::CreateBroadcast
        | Operation::GetBroadcast
        | Operation::UpdateBroadcast
        | Operation::GetVideo => i32::from(b'{'),
        Operation::ListStreams | Operation::ListBroadcasts | Operation::ListVideos => i32::from(b'['),
        // Deletes resolve undefined, stop_recording maps `{}` to null, start_recording adds arrays.
        Operation::DeleteStream
        | Operation::DeleteBroadcast
        | Operation::DeleteVideo
        | Operation::StartRecording
        | Operation::StopRecording => 0,
        // `__gsRequest` passes its own (the spec's shape of the operation's answer).
        Operation::Call => 0,
    }
}

/// One call of `req` (see [`StreamingClient::send`]): the first attempt starts now, made by the JS
/// driver; the promise resolves a 2xx answer of the expected shape ([`fast_shape`]) with the engine's
/// `JSON.parse` of the body, and follows the client's `slow` path ([`slow_path`]) otherwise.
fn call_promise(client: &StreamingClient, req: &ApiRequest, o: &Opts) -> Promise {
    let url = req.url(&client.inner.config().base_url);
    client.call(
        req.method,
        &url,
        req.body.as_deref(),
        o,
        fast_shape(req.operation),
        operation_index(req.operation),
    )
}

/// The Gcore Streaming API client. Runs on browsers, workers, Node 20+, Deno and Cloudflare Workers.
#[wasm_bindgen]
pub struct StreamingClient {
    pub(super) inner: Inner,
    /// The client's slow path, as a JS function the driver calls when a first attempt is not a 2xx
    /// of the expected shape (see [`slow_path`]): one function per client, none per call.
    slow: JsValue,
    /// The headers of a request without a body, as a JS object made once: a client's headers never
    /// change (the driver gives `fetch` a copy of them each time).
    headers: JsValue,
    /// The same with `Content-Type`, for a request with a body.
    body_headers: JsValue,
}

/// A call's operation as the driver carries it: its index in [`Operation::ALL`] (a generated
/// operation, [`Operation::Call`], is [`CALL_INDEX`]).
fn operation_index(operation: Operation) -> u32 {
    Operation::ALL
        .iter()
        .position(|o| *o == operation)
        .map_or(CALL_INDEX, |i| i as u32)
}

/// [`operation_index`] of [`Operation::Call`], which is not in [`Operation::ALL`].
const CALL_INDEX: u32 = u32::MAX;

/// The client's slow path: the retry loop in JS (`gs_slow`, src/js/fetch_driver.js) around this
/// step, which says what an attempt's outcome (as the driver reports it) means, through
/// [`Client::after_attempt`]: the resource of a 2xx, a typed error (thrown), or the wait in ms
/// before the next attempt. The driver hands back the call's method, timeout, operation
/// ([`operation_index`]) and `maxRetries` as the call gave them.
fn slow_path(c: Inner) -> JsValue {
    let step = move |outcome: JsValue,
                     method: u32,
                     timeout_ms: f64,
                     operation: u32,
                     max_retries: Option<u32>,
                     attempt: u32| {
        let operation = Operation::ALL
            .get(operation as usize)
            .copied()
            .unwrap_or(Operation::Call);
        let method = method_at(method);
        let sent = crate::client::fetch::outcome(&outcome);
        match c.after_attempt(operation, method, timeout_ms, max_retries, attempt, sent) {
            Ok(Next::Done(raw)) => resource(operation, &raw),
            Ok(Next::Wait(ms)) => Ok(JsValue::from_f64(ms)),
            Err(e) => Err(client_error(&e)),
        }
    };
    let step =
        Closure::<dyn Fn(JsValue, u32, f64, u32, Option<u32>, u32) -> Result<JsValue, JsValue>>::new(step);
    crate::client::fetch::slow_fn(&step.into_js_value())
}

const TOKEN_CHARS: &str =
    "must be printable ASCII without spaces or control characters (the value is not shown)";

fn build_config(options: &JsValue) -> Result<(ClientConfig, Option<Function>), JsValue> {
    check_object(options, "options")?;
    let mut cfg = ClientConfig::default();
    let api_key = opt_string(options, "apiKey", "options.apiKey")?;
    let bearer = opt_string(options, "bearerToken", "options.bearerToken")?;
    cfg.auth = match (api_key, bearer) {
        (Some(_), Some(_)) => {
            return Err(invalid(
                "options.bearerToken",
                "give apiKey or bearerToken, not both",
            ));
        }
        (Some(k), None) if k.trim().is_empty() => return Err(invalid("options.apiKey", "must not be empty")),
        (None, Some(t)) if t.trim().is_empty() => {
            return Err(invalid("options.bearerToken", "must not be empty"))
        }
        // Never echoed: a key with a line break would otherwise reach the runtime's header error.
        (Some(k), None) if !crate::client::header_token(&k) => {
            return Err(invalid("options.apiKey", TOKEN_CHARS))
        }
        (None, Some(t)) if !crate::client::header_token(&t) => {
            return Err(invalid("options.bearerToken", TOKEN_CHARS))
        }
        (Some(k), None) => Auth::ApiKey(k),
        (None, Some(t)) => Auth::Bearer(t),
        (None, None) => Auth::None,
    };
    if let Some(url) = opt_string(options, "baseUrl", "options.baseUrl")? {
        if crate::client::has_userinfo(&url) {
            return Err(invalid(
                "options.baseUrl",
                "must not carry credentials (user:password@): give the key as apiKey",
            ));
        }
        cfg.base_url = url;
    }
    if let Some(h) = prop(options, "headers") {
        if !h.is_object() {
            return Err(invalid("options.headers", "must be an object of strings"));
        }
        for entry in Object::entries(h.unchecked_ref::<Object>()).iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            let name = pair.get(0).as_string().unwrap_or_default();
            let value = pair
                .get(1)
                .as_string()
                .ok_or_else(|| invalid(&["options.headers.", &name].cat(), "must be a string"))?;
            cfg.headers.push((name, value));
        }
    }
    if let Some(t) = opt_number(options, "timeoutMs", "options.timeoutMs")? {
        cfg.timeout_ms = t;
    }
    if let Some(n) = opt_count(options, "maxRetries", "options.maxRetries")? {
        cfg.retry.max_retries = n;
    }
    if let Some(n) = opt_number(options, "retryInitialDelayMs", "options.retryInitialDelayMs")? {
        cfg.retry.initial_delay_ms = n;
    }
    if let Some(n) = opt_number(options, "retryMaxDelayMs", "options.retryMaxDelayMs")? {
        cfg.retry.max_delay_ms = n;
    }
    if let Some(n) = opt_number(options, "maxRetryAfterMs", "options.maxRetryAfterMs")? {
        cfg.retry.max_retry_after_ms = n;
    }
    let fetch = match prop(options, "fetch") {
        Some(f) => Some(
            f.dyn_into::<Function>()
                .map_err(|_| invalid("options.fetch", "must be a function"))?,
        ),
        None => None,
    };
    Ok((cfg, fetch))
}

#[wasm_bindgen]
impl StreamingClient {
    /// A client. `apiKey` (or `bearerToken`, or neither behind a proxy that adds auth), `baseUrl`,
    /// `headers`, `timeoutMs`, `maxRetries`, backoff settings and `fetch`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "ClientOptions")] options: JsValue,
    ) -> Result<StreamingClient, JsValue> {
        let (cfg, fetch) = build_config(&options)?;
        let inner = Rc::new(Client::new(FetchTransport::new(fetch), cfg));
        Ok(Self {
            slow: slow_path(inner.clone()),
            headers: headers_object(&inner.header_pairs(false)),
            body_headers: headers_object(&inner.header_pairs(true)),
            inner,
        })
    }

    /// The base URL requests go to.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.inner.config().base_url.clone()
    }

    /// `POST /streaming/streams` (flat body; `name` required). Not retried except on 429.
    #[wasm_bindgen(js_name = createStream, unchecked_return_type = "Promise<Stream>")]
    pub fn create_stream(
        &self,
        #[wasm_bindgen(unchecked_param_type = "StreamParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.create(&params, STREAM, params::create_stream, options)
    }

    /// `GET /streaming/streams/{id}`.
    #[wasm_bindgen(js_name = getStream, unchecked_return_type = "Promise<Stream>")]
    pub fn get_stream(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.by_id(&id, |i| ApiRequest::get_stream(StreamId(i)), options)
    }

    /// `GET /streaming/streams?page=&with_broadcasts=` (one page; see `streams()` for all).
    #[wasm_bindgen(js_name = listStreams, unchecked_return_type = "Promise<Stream[]>")]
    pub fn list_streams(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListStreamsQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.list(&query, params::streams_query, ApiRequest::list_streams, options)
    }

    /// `PATCH /streaming/streams/{id}` with `{"stream": patch}`.
    #[wasm_bindgen(js_name = updateStream, unchecked_return_type = "Promise<Stream>")]
    pub fn update_stream(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "StreamParams")] patch: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.update(&id, &patch, STREAM, params::update_stream, options)
    }

    /// `DELETE /streaming/streams/{id}`.
    #[wasm_bindgen(js_name = deleteStream, unchecked_return_type = "Promise<void>")]
    pub fn delete_stream(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.by_id(&id, |i| ApiRequest::delete_stream(StreamId(i)), options)
    }

    /// `PUT /streaming/streams/{id}/start_recording`: `{warnings: [], errors: []}` on 204, the
    /// platform's warnings (e.g. `client_storage_almost_exceeded`) on 200.
    #[wasm_bindgen(js_name = startRecording, unchecked_return_type = "Promise<StartRecordingResult>")]
    pub fn start_recording(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.by_id(&id, |i| ApiRequest::start_recording(StreamId(i)), options)
    }

    /// `PUT /streaming/streams/{id}/stop_recording`: the recorded video, or `null` when nothing was
    /// recording.
    #[wasm_bindgen(js_name = stopRecording, unchecked_return_type = "Promise<Video | null>")]
    pub fn stop_recording(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.by_id(&id, |i| ApiRequest::stop_recording(StreamId(i)), options)
    }

    /// `POST /streaming/broadcasts` with `{"broadcast": params}` (`name`, `status` required): the
    /// broadcast, or `null` when the platform answers without a body.
    #[wasm_bindgen(js_name = createBroadcast, unchecked_return_type = "Promise<Broadcast | null>")]
    pub fn create_broadcast(
        &self,
        #[wasm_bindgen(unchecked_param_type = "BroadcastParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.create(&params, BROADCAST, params::create_broadcast, options)
    }

    /// `GET /streaming/broadcasts/{id}`.
    #[wasm_bindgen(js_name = getBroadcast, unchecked_return_type = "Promise<Broadcast>")]
    pub fn get_broadcast(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.by_id(&id, |i| ApiRequest::get_broadcast(BroadcastId(i)), options)
    }

    /// `GET /streaming/broadcasts?page=` (one page; see `broadcasts()` for all).
    #[wasm_bindgen(js_name = listBroadcasts, unchecked_return_type = "Promise<Broadcast[]>")]
    pub fn list_broadcasts(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListBroadcastsQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.list(
            &query,
            params::broadcasts_query,
            ApiRequest::list_broadcasts,
            options,
        )
    }

    /// `PATCH /streaming/broadcasts/{id}` with `{"broadcast": patch}`.
    #[wasm_bindgen(js_name = updateBroadcast, unchecked_return_type = "Promise<Broadcast>")]
    pub fn update_broadcast(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BroadcastParams")] patch: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.update(&id, &patch, BROADCAST, params::update_broadcast, options)
    }

    /// `DELETE /streaming/broadcasts/{id}`.
    #[wasm_bindgen(js_name = deleteBroadcast, unchecked_return_type = "Promise<void>")]
    pub fn delete_broadcast(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.by_id(&id, |i| ApiRequest::delete_broadcast(BroadcastId(i)), options)
    }

    /// `GET /streaming/videos/{id}`.
    #[wasm_bindgen(js_name = getVideo, unchecked_return_type = "Promise<Video>")]
    pub fn get_video(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.by_id(&id, |i| ApiRequest::get_video(VideoId(i)), options)
    }

    /// `GET /streaming/videos?page=&per_page=&stream_id=&status=&search=…` (one page; see `videos()`).
    #[wasm_bindgen(js_name = listVideos, unchecked_return_type = "Promise<Video[]>")]
    pub fn list_videos(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListVideosQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.list(&query, params::videos_query, ApiRequest::list_videos, options)
    }

    /// `DELETE /streaming/videos/{id}`.
    #[wasm_bindgen(js_name = deleteVideo, unchecked_return_type = "Promise<void>")]
    pub fn delete_video(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.by_id(&id, |i| ApiRequest::delete_video(VideoId(i)), options)
    }

    /// Executes an action of the webhook tracker (no session state involved). An action without the
    /// id its operation needs is `invalid_params` with that id's name as the path, e.g.
    /// `broadcast_id: is required for delete_broadcast`.
    #[wasm_bindgen(unchecked_return_type = "Promise<PerformResult>")]
    pub fn perform(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ApiAction")] action: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.send(
            (|| {
                let (a, body) = with_json(&action, "action", |j| params::action(j, "action"))?;
                let mut req = a.checked_request().map_err(|e| param_error(&e))?;
                req.body = body;
                Ok(req)
            })(),
            options,
        )
    }
}

impl StreamingClient {
    /// The list methods: the query (`undefined` or `null` for none) read by `read`, then the request
    /// `make` builds from it.
    fn list<Q>(
        &self,
        query: &JsValue,
        read: fn(&Value<'_>, &str) -> Result<Q, ParamError>,
        make: fn(&Q) -> ApiRequest,
        options: JsValue,
    ) -> Promise {
        self.send(
            with_json(query, "query", |j| read(j, "query")).map(|q| make(&q)),
            options,
        )
    }

    /// The create methods: the settings of `schema`, then the request `make` builds (or its error).
    fn create(
        &self,
        params: &JsValue,
        schema: Schema,
        make: fn(&Params) -> Result<ApiRequest, ParamError>,
        options: JsValue,
    ) -> Promise {
        let req = settings(params, schema).and_then(|p| make(&p).map_err(|e| param_error(&e)));
        self.send(req, options)
    }

    /// The update methods: the id, the settings of `schema`, then the request `make` builds.
    fn update(
        &self,
        id: &JsValue,
        patch: &JsValue,
        schema: Schema,
        make: fn(u64, &Params) -> ApiRequest,
        options: JsValue,
    ) -> Promise {
        let req = id_of(id, "id").and_then(|id| Ok(make(id, &settings(patch, schema)?)));
        self.send(req, options)
    }

    /// The methods that take only an id (one body for all of them: a smaller wasm).
    #[inline(never)]
    fn by_id(&self, id: &JsValue, make: fn(u64) -> ApiRequest, options: JsValue) -> Promise {
        self.send(id_of(id, "id").map(make), options)
    }

    /// Every typed method goes through here. The first attempt is made at once by the JS driver,
    /// which resolves a 2xx answer of the expected shape ([`fast_shape`]) with the engine's
    /// `JSON.parse` of the body; any other outcome goes on in Rust through the client's slow path
    /// ([`slow_path`]: [`Client::continue_raw`], retries, typed errors, [`resource`]). The common
    /// case creates no Rust future, closure or promise of its own.
    fn send(&self, req: Result<ApiRequest, JsValue>, options: JsValue) -> Promise {
        let (req, o) = match req.and_then(|r| Ok((r, request_options(&options)?))) {
            Ok(r) => r,
            Err(e) => return Promise::reject(&e),
        };
        // The driver's promise is the call's: no Rust future unless the first attempt needs one.
        call_promise(self, &req, &o)
    }

    /// A call of `method` to `url` with the client's headers, timeout and slow path (see
    /// [`FetchTransport::call`](crate::client::fetch::FetchTransport::call)).
    fn call(
        &self,
        method: Method,
        url: &str,
        body: Option<&str>,
        o: &Opts,
        shape: i32,
        operation: u32,
    ) -> Promise {
        let c = &self.inner;
        let req = JsRequest {
            method,
            url,
            headers: if body.is_some() {
                &self.body_headers
            } else {
                &self.headers
            },
            body,
            timeout_ms: o.timeout_ms.unwrap_or(c.config().timeout_ms),
        };
        c.transport().call(
            &req,
            o.signal.as_ref(),
            shape,
            &self.slow,
            operation,
            o.max_retries,
        )
    }
}

#[wasm_bindgen]
impl StreamingClient {
    /// For the package's JS (`pkg-template/api.js`, the generated namespaces `client.players`, …):
    /// one request of a generated operation, with the client's headers, timeouts, retries, abort
    /// signal and typed errors. `method` indexes GET, POST, PATCH, PUT, DELETE; `path` is the encoded
    /// path and query (`/streaming/…`); `body` JSON text or `undefined`; `shape` the char code of the
    /// answer's first byte that api.js expects (`{` or `[`; 0 for none). A 2xx of that shape resolves
    /// the parsed value; any other 2xx resolves its body text, which api.js reads. Errors carry the
    /// operation `call` (api.js names the method).
    #[wasm_bindgen(js_name = __gsRequest, skip_typescript)]
    pub fn gs_request(
        &self,
        method: u32,
        path: String,
        body: Option<String>,
        shape: i32,
        options: JsValue,
    ) -> Promise {
        if !path.starts_with("/streaming/") {
            return Promise::reject(&invalid("path", "must start with /streaming/"));
        }
        let o = match request_options(&options) {
            Ok(o) => o,
            Err(e) => return Promise::reject(&e),
        };
        let url = [self.inner.config().base_url.trim_end_matches('/'), &path].cat();
        self.call(method_at(method), &url, body.as_deref(), &o, shape, CALL_INDEX)
    }
}
