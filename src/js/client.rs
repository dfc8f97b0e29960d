//! JS API of the client: `StreamingClient`, `LiveSession` and the `for await` page iterator.
//!
//! Every method that talks to the API returns a Promise; bad arguments reject it with a
//! `StreamingError` (`invalid_params`, with the JSON `path`), API errors with an `ApiError`
//! (`status`, `code`, `fields`, `retryable`, `body`, `operation`), transport failures with a
//! `StreamingError` (`timeout`, `aborted`, `network`). No error or object property shows the API key.

use super::{js_error, to_js};
use crate::client::fetch::FetchTransport;
use crate::client::{
    parse_params, Auth, CallOptions, Client, ClientConfig, ClientError, LiveSession as Session, Paginator,
    SessionOptions, SessionState, WaitOptions,
};
use crate::domain::ids::{BroadcastId, StreamId, VideoId};
use crate::domain::request::{
    ApiRequest, ListBroadcastsQuery, ListStreamsQuery, ListVideosQuery, ParamError,
};
use crate::domain::response::ResponseValue;
use crate::domain::webhook::Action;
use js_sys::{Function, Object, Promise, Reflect};
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::future_to_promise;

#[wasm_bindgen(typescript_custom_section)]
const TS_CLIENT: &str = r#"
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
export type OperationName =
  | "create_stream" | "get_stream" | "list_streams" | "update_stream" | "delete_stream"
  | "start_recording" | "stop_recording" | "create_broadcast" | "get_broadcast" | "list_broadcasts"
  | "update_broadcast" | "delete_broadcast" | "get_video" | "list_videos" | "delete_video";

/** One call the webhook tracker says to make next (its `actions`): give it to `perform`. */
export interface ApiAction {
  operation: OperationName;
  stream_id?: number;
  broadcast_id?: number;
  video_id?: number;
  /** The exact JSON body, already wrapped (e.g. `{"broadcast": {"status": "live"}}`). */
  body?: JsonValue;
  reason: string;
  step?: number;
}

/** What `perform` resolves to: the operation's result (`null` for deletes and empty answers). */
export type PerformResult =
  | Stream | Stream[] | Broadcast | Broadcast[] | Video | Video[] | StartRecordingResult | null;

/** Stable codes of `ApiError.code`. */
export type ApiErrorCode =
  | "bad_request" | "unauthorized" | "forbidden" | "not_found" | "request_timeout" | "conflict"
  | "validation_failed" | "rate_limited" | "server_error" | "http_error";

/** Stable codes of the client's `StreamingError.code`. */
export type ClientErrorCode =
  | "timeout" | "aborted" | "network" | "invalid_params" | "invalid_response" | "invalid_state"
  | "video_failed";

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
"#;

type Opts = CallOptions<JsValue>;
type Inner = Rc<Client<FetchTransport>>;

fn invalid(path: &str, message: &str) -> JsValue {
    js_error(
        "StreamingError",
        "invalid_params",
        &format!("{path}: {message}"),
        &[("path", JsValue::from_str(path))],
    )
}

fn param_error(e: &ParamError) -> JsValue {
    invalid(&e.path, &e.message)
}

fn json_or_null<T: serde::Serialize>(v: &T) -> JsValue {
    to_js(v).unwrap_or(JsValue::NULL)
}

fn client_error(e: &ClientError) -> JsValue {
    let message = e.to_string();
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
                ("fields", json_or_null(&a.fields)),
                ("retryable", JsValue::from_bool(a.retryable)),
                ("body", json_or_null(&a.body)),
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
        ClientError::VideoFailed { video } => js_error(
            "StreamingError",
            e.code(),
            &message,
            &[("video", json_or_null(video))],
        ),
        _ => js_error(
            "StreamingError",
            e.code(),
            &message,
            &[("operation", op(e.operation()))],
        ),
    }
}

/// A property, `None` when undefined or null.
fn prop(obj: &JsValue, key: &str) -> Option<JsValue> {
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

fn opt_number(obj: &JsValue, key: &str, path: &str) -> Result<Option<f64>, JsValue> {
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
            if n.fract() == 0.0 && n <= 100.0 {
                Ok(n as u32)
            } else {
                Err(invalid(path, "must be an integer from 0 to 100"))
            }
        })
        .transpose()
}

fn check_object(v: &JsValue, path: &str) -> Result<(), JsValue> {
    if v.is_undefined() || v.is_null() || v.is_object() {
        Ok(())
    } else {
        Err(invalid(path, "must be an object"))
    }
}

fn request_options(v: &JsValue) -> Result<Opts, JsValue> {
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

/// Reads JSON-shaped parameters (`undefined`/`null` → `{}`).
fn json_of<T: DeserializeOwned>(v: &JsValue, root: &str) -> Result<T, JsValue> {
    let text = if v.is_undefined() || v.is_null() {
        "{}".to_owned()
    } else {
        js_sys::JSON::stringify(v)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| invalid(if root.is_empty() { "params" } else { root }, "is not JSON data"))?
    };
    parse_params(&text, root).map_err(|e| param_error(&e))
}

fn id_of(v: &JsValue, path: &str) -> Result<u64, JsValue> {
    v.as_f64()
        .filter(|n| n.fract() == 0.0 && *n >= 1.0 && *n <= 9_007_199_254_740_991.0)
        .map(|n| n as u64)
        .ok_or_else(|| invalid(path, "must be a positive integer id"))
}

fn run<F>(fut: F) -> Promise
where
    F: Future<Output = Result<JsValue, JsValue>> + 'static,
{
    future_to_promise(fut)
}

fn out<T: serde::Serialize>(r: Result<T, ClientError>) -> Result<JsValue, JsValue> {
    to_js(&r.map_err(|e| client_error(&e))?)
}

/// The Gcore Streaming API client. Runs on browsers, workers, Node 20+, Deno and Cloudflare Workers.
#[wasm_bindgen]
pub struct StreamingClient {
    inner: Inner,
}

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
        (Some(k), None) => Auth::ApiKey(k),
        (None, Some(t)) => Auth::Bearer(t),
        (None, None) => Auth::None,
    };
    if let Some(url) = opt_string(options, "baseUrl", "options.baseUrl")? {
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
                .ok_or_else(|| invalid(&format!("options.headers.{name}"), "must be a string"))?;
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
        Ok(Self {
            inner: Rc::new(Client::new(FetchTransport::new(fetch), cfg)),
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
        self.send(
            (|| ApiRequest::create_stream(&json_of(&params, "")?).map_err(|e| param_error(&e)))(),
            options,
        )
    }

    /// `GET /streaming/streams/{id}`.
    #[wasm_bindgen(js_name = getStream, unchecked_return_type = "Promise<Stream>")]
    pub fn get_stream(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.send(
            (|| Ok(ApiRequest::get_stream(StreamId(id_of(&id, "id")?))))(),
            options,
        )
    }

    /// `GET /streaming/streams?page=&with_broadcasts=` (one page; see `streams()` for all).
    #[wasm_bindgen(js_name = listStreams, unchecked_return_type = "Promise<Stream[]>")]
    pub fn list_streams(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListStreamsQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.send(
            (|| Ok(ApiRequest::list_streams(&json_of(&query, "query")?)))(),
            options,
        )
    }

    /// `PATCH /streaming/streams/{id}` with `{"stream": patch}`.
    #[wasm_bindgen(js_name = updateStream, unchecked_return_type = "Promise<Stream>")]
    pub fn update_stream(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "StreamParams")] patch: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.send(
            (|| {
                Ok(ApiRequest::update_stream(
                    StreamId(id_of(&id, "id")?),
                    &json_of(&patch, "")?,
                ))
            })(),
            options,
        )
    }

    /// `DELETE /streaming/streams/{id}`.
    #[wasm_bindgen(js_name = deleteStream, unchecked_return_type = "Promise<void>")]
    pub fn delete_stream(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.send(
            (|| Ok(ApiRequest::delete_stream(StreamId(id_of(&id, "id")?))))(),
            options,
        )
    }

    /// `PUT /streaming/streams/{id}/start_recording`: `{warnings: [], errors: []}` on 204, the
    /// platform's warnings (e.g. `client_storage_almost_exceeded`) on 200.
    #[wasm_bindgen(js_name = startRecording, unchecked_return_type = "Promise<StartRecordingResult>")]
    pub fn start_recording(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.send(
            (|| Ok(ApiRequest::start_recording(StreamId(id_of(&id, "id")?))))(),
            options,
        )
    }

    /// `PUT /streaming/streams/{id}/stop_recording`: the recorded video, or `null` when nothing was
    /// recording.
    #[wasm_bindgen(js_name = stopRecording, unchecked_return_type = "Promise<Video | null>")]
    pub fn stop_recording(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.send(
            (|| Ok(ApiRequest::stop_recording(StreamId(id_of(&id, "id")?))))(),
            options,
        )
    }

    /// `POST /streaming/broadcasts` with `{"broadcast": params}` (`name`, `status` required): the
    /// broadcast, or `null` when the platform answers without a body.
    #[wasm_bindgen(js_name = createBroadcast, unchecked_return_type = "Promise<Broadcast | null>")]
    pub fn create_broadcast(
        &self,
        #[wasm_bindgen(unchecked_param_type = "BroadcastParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.send(
            (|| ApiRequest::create_broadcast(&json_of(&params, "")?).map_err(|e| param_error(&e)))(),
            options,
        )
    }

    /// `GET /streaming/broadcasts/{id}`.
    #[wasm_bindgen(js_name = getBroadcast, unchecked_return_type = "Promise<Broadcast>")]
    pub fn get_broadcast(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.send(
            (|| Ok(ApiRequest::get_broadcast(BroadcastId(id_of(&id, "id")?))))(),
            options,
        )
    }

    /// `GET /streaming/broadcasts?page=` (one page; see `broadcasts()` for all).
    #[wasm_bindgen(js_name = listBroadcasts, unchecked_return_type = "Promise<Broadcast[]>")]
    pub fn list_broadcasts(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListBroadcastsQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.send(
            (|| Ok(ApiRequest::list_broadcasts(&json_of(&query, "query")?)))(),
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
        self.send(
            (|| {
                Ok(ApiRequest::update_broadcast(
                    BroadcastId(id_of(&id, "id")?),
                    &json_of(&patch, "")?,
                ))
            })(),
            options,
        )
    }

    /// `DELETE /streaming/broadcasts/{id}`.
    #[wasm_bindgen(js_name = deleteBroadcast, unchecked_return_type = "Promise<void>")]
    pub fn delete_broadcast(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.send(
            (|| Ok(ApiRequest::delete_broadcast(BroadcastId(id_of(&id, "id")?))))(),
            options,
        )
    }

    /// `GET /streaming/videos/{id}`.
    #[wasm_bindgen(js_name = getVideo, unchecked_return_type = "Promise<Video>")]
    pub fn get_video(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.send(
            (|| Ok(ApiRequest::get_video(VideoId(id_of(&id, "id")?))))(),
            options,
        )
    }

    /// `GET /streaming/videos?page=&per_page=&stream_id=&status=&search=…` (one page; see `videos()`).
    #[wasm_bindgen(js_name = listVideos, unchecked_return_type = "Promise<Video[]>")]
    pub fn list_videos(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListVideosQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.send(
            (|| Ok(ApiRequest::list_videos(&json_of(&query, "query")?)))(),
            options,
        )
    }

    /// `DELETE /streaming/videos/{id}`.
    #[wasm_bindgen(js_name = deleteVideo, unchecked_return_type = "Promise<void>")]
    pub fn delete_video(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.send(
            (|| Ok(ApiRequest::delete_video(VideoId(id_of(&id, "id")?))))(),
            options,
        )
    }

    /// Executes an action of the webhook tracker (no session state involved).
    #[wasm_bindgen(unchecked_return_type = "Promise<PerformResult>")]
    pub fn perform(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ApiAction")] action: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.send(
            (|| {
                let a: Action = json_of(&action, "action")?;
                a.request()
                    .ok_or_else(|| invalid("action", "lacks the id its operation needs"))
            })(),
            options,
        )
    }

    /// Every stream, page by page (`for await (const s of client.streams())`).
    #[wasm_bindgen(unchecked_return_type = "AsyncIterableIterator<Stream>")]
    pub fn streams(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListStreamsQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let q: ListStreamsQuery = json_of(&query, "query")?;
        self.iterator(Paginator::streams(q), &options)
    }

    /// Every broadcast, page by page.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterableIterator<Broadcast>")]
    pub fn broadcasts(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListBroadcastsQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let q: ListBroadcastsQuery = json_of(&query, "query")?;
        self.iterator(Paginator::broadcasts(q), &options)
    }

    /// Every video matching the query, page by page.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterableIterator<Video>")]
    pub fn videos(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListVideosQuery")] query: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let q: ListVideosQuery = json_of(&query, "query")?;
        self.iterator(Paginator::videos(q), &options)
    }
}

impl StreamingClient {
    /// Every typed method goes through this one future (one state machine in the wasm, not fifteen).
    fn send(&self, req: Result<ApiRequest, JsValue>, options: JsValue) -> Promise {
        let req = match req {
            Ok(r) => r,
            Err(e) => return Promise::reject(&e),
        };
        let c = self.inner.clone();
        run(async move {
            let o = request_options(&options)?;
            let value = c.execute(&req, &o).await.map_err(|e| client_error(&e))?;
            match value {
                ResponseValue::Deleted => Ok(JsValue::UNDEFINED),
                v => to_js(&v),
            }
        })
    }

    fn iterator(&self, pages: Paginator, options: &JsValue) -> Result<JsValue, JsValue> {
        let it = PageIterator {
            client: self.inner.clone(),
            pages: Rc::new(RefCell::new(pages)),
            opts: request_options(options)?,
        };
        let obj = JsValue::from(it);
        // `for await` support without a package shim: `[Symbol.asyncIterator]()` returns the iterator.
        let this = obj.clone();
        let f = Closure::once_into_js(move || this);
        let _ = Reflect::set(&obj, &js_sys::Symbol::async_iterator(), &f);
        Ok(obj)
    }
}

/// An async iterator over every item of a list (pages of 25, read on demand).
#[wasm_bindgen]
pub struct PageIterator {
    client: Inner,
    pages: Rc<RefCell<Paginator>>,
    opts: Opts,
}

fn iter_result(done: bool, value: &JsValue) -> Result<JsValue, JsValue> {
    let r = Object::new();
    Reflect::set(&r, &"done".into(), &JsValue::from_bool(done))?;
    Reflect::set(&r, &"value".into(), value)?;
    Ok(r.into())
}

#[wasm_bindgen]
impl PageIterator {
    /// The next item (reads the next page when needed).
    #[wasm_bindgen(unchecked_return_type = "Promise<IteratorResult<Stream | Broadcast | Video, undefined>>")]
    pub fn next(&self) -> Promise {
        let client = self.client.clone();
        let pages = self.pages.clone();
        let opts = self.opts.clone();
        run(async move {
            loop {
                let popped = pages.borrow_mut().pop();
                if let Some(item) = popped {
                    return iter_result(false, &to_js(&item)?);
                }
                let req = pages.borrow_mut().next_request();
                let Some(req) = req else {
                    return iter_result(true, &JsValue::UNDEFINED);
                };
                match client.execute(&req, &opts).await {
                    Ok(page) => pages.borrow_mut().accept(page),
                    Err(e) => {
                        pages.borrow_mut().rewind();
                        return Err(client_error(&e));
                    }
                }
            }
        })
    }

    /// Ends the iteration (called by `break` in `for await`).
    #[wasm_bindgen(
        js_name = "return",
        unchecked_return_type = "Promise<IteratorResult<Stream | Broadcast | Video, undefined>>"
    )]
    pub fn finish(&self) -> Promise {
        self.pages.borrow_mut().finish();
        Promise::resolve(&iter_result(true, &JsValue::UNDEFINED).unwrap_or(JsValue::UNDEFINED))
    }
}

/// The guide's four stages, one call each: `setup` → `goLive` → `startRecording` → `stop` (+ `pause`/
/// `resume` for interruptions, `waitForVideoReady`, and `perform` for the webhook tracker's actions).
#[wasm_bindgen]
pub struct LiveSession {
    inner: Rc<Session<FetchTransport>>,
}

#[wasm_bindgen]
impl LiveSession {
    /// Stage 1: creates the stream inactive (or reuses `streamId`, updating its region), creates the
    /// pending broadcast bound to it, enables the stream.
    #[wasm_bindgen(unchecked_return_type = "Promise<LiveSession>")]
    pub fn setup(
        client: &StreamingClient,
        #[wasm_bindgen(unchecked_param_type = "LiveSessionOptions")] options: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: JsValue,
    ) -> Promise {
        let c = client.inner.clone();
        run(async move {
            let so: SessionOptions = json_of(&options, "")?;
            let o = request_options(&opts)?;
            let s = Session::setup(c, so, &o).await.map_err(|e| client_error(&e))?;
            Ok(JsValue::from(LiveSession { inner: Rc::new(s) }))
        })
    }

    /// A session over stored state (`session.state`), e.g. in another request handler.
    pub fn attach(
        client: &StreamingClient,
        #[wasm_bindgen(unchecked_param_type = "LiveSessionState")] state: JsValue,
    ) -> Result<LiveSession, JsValue> {
        let st: SessionState = json_of(&state, "state")?;
        Ok(LiveSession {
            inner: Rc::new(Session::attach(client.inner.clone(), st)),
        })
    }

    /// The session's state, as data.
    #[wasm_bindgen(getter, unchecked_return_type = "LiveSessionState")]
    pub fn state(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.state())
    }

    /// Stage 2: sets the broadcast live.
    #[wasm_bindgen(js_name = goLive, unchecked_return_type = "Promise<Broadcast>")]
    pub fn go_live(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let s = self.inner.clone();
        run(async move { out(s.go_live(&request_options(&options)?).await) })
    }

    /// Stage 3: starts recording (resolves to the platform's warnings).
    #[wasm_bindgen(js_name = startRecording, unchecked_return_type = "Promise<StartRecordingResult>")]
    pub fn start_recording(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let s = self.inner.clone();
        run(async move { out(s.start_recording(&request_options(&options)?).await) })
    }

    /// Interruption: pauses the broadcast (and with `stopRecording`, stops the recording: resolves
    /// to the video it produced).
    #[wasm_bindgen(unchecked_return_type = "Promise<Video | null>")]
    pub fn pause(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "PauseOptions")] options: JsValue,
    ) -> Promise {
        let s = self.inner.clone();
        run(async move {
            let o = request_options(&options)?;
            let stop = match prop(&options, "stopRecording") {
                Some(v) => v
                    .as_bool()
                    .ok_or_else(|| invalid("options.stopRecording", "must be a boolean"))?,
                None => false,
            };
            out(s.pause(stop, &o).await)
        })
    }

    /// After an interruption: the broadcast live again, and the recording restarted if `pause`
    /// stopped it (resolves to its result, else `null`).
    #[wasm_bindgen(unchecked_return_type = "Promise<StartRecordingResult | null>")]
    pub fn resume(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let s = self.inner.clone();
        run(async move { out(s.resume(&request_options(&options)?).await) })
    }

    /// Stage 4: stops recording, finishes the broadcast, disables the stream, deletes the broadcast;
    /// resolves to every video recorded during the session.
    #[wasm_bindgen(unchecked_return_type = "Promise<Video[]>")]
    pub fn stop(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let s = self.inner.clone();
        run(async move { out(s.stop(&request_options(&options)?).await) })
    }

    /// Polls the recording with backoff until it is `ready` (rejects with `video_failed` on
    /// `error`). `notifyVideo` (from webhooks) makes it poll at once.
    #[wasm_bindgen(js_name = waitForVideoReady, unchecked_return_type = "Promise<Video>")]
    pub fn wait_for_video_ready(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "WaitForVideoOptions")] options: JsValue,
    ) -> Promise {
        let s = self.inner.clone();
        run(async move {
            check_object(&options, "options")?;
            let d = WaitOptions::default();
            let video_id = prop(&options, "videoId")
                .map(|v| id_of(&v, "options.videoId").map(VideoId))
                .transpose()?;
            let wait = WaitOptions {
                video_id,
                interval_ms: opt_number(&options, "intervalMs", "options.intervalMs")?
                    .unwrap_or(d.interval_ms),
                max_interval_ms: opt_number(&options, "maxIntervalMs", "options.maxIntervalMs")?
                    .unwrap_or(d.max_interval_ms),
                timeout_ms: opt_number(&options, "timeoutMs", "options.timeoutMs")?.unwrap_or(d.timeout_ms),
            };
            let o = CallOptions {
                signal: request_options(&options)?.signal,
                ..CallOptions::default()
            };
            out(s.wait_for_video_ready(&wait, &o).await)
        })
    }

    /// Feeds a video event (a video id, or a `video` webhook's `message.video`): a pending
    /// `waitForVideoReady` for it polls at once. Returns whether a wait was woken.
    #[wasm_bindgen(js_name = notifyVideo)]
    pub fn notify_video(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number | { id: number }")] video: JsValue,
    ) -> Result<bool, JsValue> {
        let id = match prop(&video, "id") {
            Some(id) => id_of(&id, "video.id")?,
            None => id_of(&video, "video")?,
        };
        Ok(self.inner.notify_video(VideoId(id)))
    }

    /// Executes an action of the webhook tracker and keeps the session's state in step.
    #[wasm_bindgen(unchecked_return_type = "Promise<PerformResult>")]
    pub fn perform(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ApiAction")] action: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let s = self.inner.clone();
        run(async move {
            let a: Action = json_of(&action, "action")?;
            let o = request_options(&options)?;
            out(s.perform(&a, &o).await)
        })
    }
}
