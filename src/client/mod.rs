//! The typed client over a small transport trait.
//!
//! [`Client`] turns each operation of the guide ([`ApiRequest`] values) into HTTP calls over a
//! [`Transport`] (fetch on wasm: `fetch::FetchTransport`; hyper natively: `native::HyperTransport`),
//! decodes the answers ([`crate::domain::response::decode`]) and retries by the pure policy of
//! [`crate::domain::retry`]. [`LiveSession`] encodes the guide's four stages as one call each.

use crate::domain::ids::{BroadcastId, StreamId, VideoId};
use crate::domain::model::{Broadcast, StartRecordingResult, Stream, Video};
use crate::domain::request::{
    num, ApiRequest, BroadcastParams, ListBroadcastsQuery, ListStreamsQuery, ListVideosQuery, Method,
    Operation, ParamError, StreamParams,
};
use crate::domain::response::{api_error, decode, ApiError, DecodeError, ResponseValue};
use crate::domain::retry::{decide, Outcome, Retry, RetryPolicy};
use crate::domain::text::Cat;
use crate::prelude::*;
use core::fmt;

mod api;
mod pages;
#[cfg_attr(not(target_family = "wasm"), allow(dead_code))]
pub(crate) mod params;
mod session;

#[cfg(target_family = "wasm")]
pub mod fetch;
#[cfg(not(target_family = "wasm"))]
pub mod native;

pub use pages::PageItem;
pub use pages::{Paginator, MAX_PER_PAGE, PAGE_SIZE};
#[allow(unused_imports)] // used by the JS binding
pub(crate) use session::Wake;
pub use session::{LiveSession, SessionOptions, SessionState, SessionStatus, WaitOptions};

/// An HTTP request as the transport sends it.
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    /// Method.
    pub method: Method,
    /// Full URL.
    pub url: String,
    /// Headers (including `Authorization`, which `Debug` redacts).
    pub headers: Vec<(String, String)>,
    /// JSON body.
    pub body: Option<String>,
    /// Abort the attempt after this many ms.
    pub timeout_ms: f64,
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                let shown = if is_secret_header(k) {
                    "[redacted]"
                } else {
                    v.as_str()
                };
                (k.as_str(), shown)
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

fn is_secret_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("authorization")
        || name.eq_ignore_ascii_case("cookie")
        || name.eq_ignore_ascii_case("x-api-key")
}

/// An HTTP answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HttpResponse {
    /// Status.
    pub status: u16,
    /// Headers the transport could read (names lower case).
    pub headers: Vec<(String, String)>,
    /// Body text.
    pub body: String,
}

impl HttpResponse {
    /// A header's value (name matched case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A 2xx answer, undecoded ([`Client::execute_raw`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawResponse {
    /// Status (2xx).
    pub status: u16,
    /// Body text.
    pub body: String,
}

/// What [`Client::after_attempt`] says to do next.
#[derive(Debug)]
pub(crate) enum Next {
    /// The call is done: its 2xx answer.
    Done(RawResponse),
    /// Wait this many milliseconds, then send the request again.
    Wait(f64),
}

/// How an attempt failed below HTTP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransportError {
    /// The attempt's timeout elapsed.
    Timeout,
    /// The caller's signal aborted it.
    Aborted,
    /// The connection failed.
    Network(String),
}

/// What the client needs from the platform it runs on: HTTP, a timer, a clock and randomness.
///
/// No `Send` bound: the fetch transport is single-threaded.
#[allow(async_fn_in_trait)]
pub trait Transport {
    /// The caller's cancellation handle (an `AbortSignal` on wasm).
    type Signal: Clone;

    /// Sends one request; honours `req.timeout_ms` and `signal`.
    ///
    /// # Errors
    /// [`TransportError`] when no HTTP answer was received.
    async fn send(
        &self,
        req: HttpRequest,
        signal: Option<&Self::Signal>,
    ) -> Result<HttpResponse, TransportError>;

    /// Waits `ms` milliseconds.
    ///
    /// # Errors
    /// [`TransportError::Aborted`] when `signal` fires first.
    async fn sleep(&self, ms: f64, signal: Option<&Self::Signal>) -> Result<(), TransportError>;

    /// The current time in epoch milliseconds.
    fn now_ms(&self) -> f64;

    /// A random number in `[0, 1)`.
    fn random(&self) -> f64;
}

/// How the client authenticates. `Debug` never shows the secret.
#[derive(Clone, Default, PartialEq, Eq)]
pub enum Auth {
    /// No `Authorization` header (a same-origin proxy adds it: the recommended setup in browsers).
    #[default]
    None,
    /// A permanent API token, sent as `Authorization: APIKey <key>`.
    ApiKey(String),
    /// A JWT access token, sent as `Authorization: Bearer <token>`.
    Bearer(String),
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::None => "None",
            Self::ApiKey(_) => "ApiKey([redacted])",
            Self::Bearer(_) => "Bearer([redacted])",
        })
    }
}

impl Auth {
    fn header(&self) -> Option<String> {
        match self {
            Self::None => None,
            Self::ApiKey(k) => Some(["APIKey ", k].cat()),
            Self::Bearer(t) => Some(["Bearer ", t].cat()),
        }
    }
}

/// Whether `s` can be sent as a credential in an `Authorization` header: printable ASCII, no
/// spaces (a line break or a NUL would make the runtime's header check echo the value).
pub fn header_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_graphic())
}

/// Whether a URL carries credentials (`scheme://user:password@host`).
pub fn has_userinfo(url: &str) -> bool {
    let b = url.as_bytes();
    // The authority: after the first "://", up to the first '/', '?' or '#'.
    let start = b.windows(3).position(|w| w == b"://").map_or(b.len(), |i| i + 3);
    b.iter()
        .skip(start)
        .take_while(|c| !matches!(c, b'/' | b'?' | b'#'))
        .any(|c| *c == b'@')
}

/// Credentials shorter than this are not scrubbed from messages: they would match ordinary words
/// (the sandbox takes `test`); the platform's keys are far longer.
const SCRUB_MIN_LEN: usize = 8;

/// The client's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientConfig {
    /// Authentication.
    pub auth: Auth,
    /// Base URL (default `https://api.gcore.com`).
    pub base_url: String,
    /// Extra headers sent with every request.
    pub headers: Vec<(String, String)>,
    /// Per-attempt timeout in ms (default 30000).
    pub timeout_ms: f64,
    /// Retry policy (default: 2 retries, 500 ms doubling to 8 s, `Retry-After` up to 60 s).
    pub retry: RetryPolicy,
}

/// The default base URL.
pub const DEFAULT_BASE_URL: &str = "https://api.gcore.com";

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            auth: Auth::None,
            base_url: DEFAULT_BASE_URL.to_owned(),
            headers: Vec::new(),
            timeout_ms: 30_000.0,
            retry: RetryPolicy::default(),
        }
    }
}

/// Per-call options: a cancellation signal and overrides of the client's timeout and retries.
#[derive(Clone, Debug)]
pub struct CallOptions<S> {
    /// Cancels the call (and its retries and waits).
    pub signal: Option<S>,
    /// Overrides the per-attempt timeout.
    pub timeout_ms: Option<f64>,
    /// Overrides the number of retries.
    pub max_retries: Option<u32>,
}

impl<S> Default for CallOptions<S> {
    fn default() -> Self {
        Self {
            signal: None,
            timeout_ms: None,
            max_retries: None,
        }
    }
}

/// Why a call failed.
#[derive(Clone, Debug, PartialEq)]
pub enum ClientError {
    /// The API answered an error status.
    Api(Box<ApiError>),
    /// No answer within the timeout (after the retries allowed).
    Timeout {
        /// The operation.
        operation: Operation,
        /// The per-attempt timeout.
        timeout_ms: f64,
    },
    /// The caller's signal aborted the call.
    Aborted {
        /// The operation.
        operation: Operation,
    },
    /// The connection failed (after the retries allowed).
    Network {
        /// The operation.
        operation: Operation,
        /// What the platform reported.
        message: String,
    },
    /// The parameters can not make a request.
    InvalidParams(ParamError),
    /// A success answer whose body is not what the operation returns.
    InvalidResponse {
        /// The operation.
        operation: Operation,
        /// The status.
        status: u16,
        /// What is wrong.
        message: String,
    },
    /// A session step that does not fit the session's state.
    InvalidState {
        /// What is wrong.
        message: String,
    },
    /// The video being waited for ended in `error`.
    VideoFailed {
        /// The video as last read.
        video: Box<Video>,
    },
}

impl ClientError {
    /// The stable code: the [`ApiError`]'s for API errors, else `timeout`, `aborted`, `network`,
    /// `invalid_params`, `invalid_response`, `invalid_state` or `video_failed`.
    pub fn code(&self) -> &str {
        match self {
            Self::Api(e) => &e.code,
            Self::Timeout { .. } => "timeout",
            Self::Aborted { .. } => "aborted",
            Self::Network { .. } => "network",
            Self::InvalidParams(_) => "invalid_params",
            Self::InvalidResponse { .. } => "invalid_response",
            Self::InvalidState { .. } => "invalid_state",
            Self::VideoFailed { .. } => "video_failed",
        }
    }

    /// The operation concerned, when there is one.
    pub fn operation(&self) -> Option<Operation> {
        match self {
            Self::Api(e) => Some(e.operation),
            Self::Timeout { operation, .. }
            | Self::Aborted { operation }
            | Self::Network { operation, .. }
            | Self::InvalidResponse { operation, .. } => Some(*operation),
            _ => None,
        }
    }
}

impl ClientError {
    /// The `Display` text, built without the formatting machinery (which the WebAssembly build then
    /// leaves out).
    pub(crate) fn text(&self) -> String {
        match self {
            Self::Api(e) => e.text(),
            Self::Timeout {
                operation,
                timeout_ms,
            } => [
                operation.as_str(),
                " timed out after ",
                &num(timeout_ms.clamp(0.0, 9.0e15) as u64),
                " ms",
            ]
            .cat(),
            Self::Aborted { operation } => [operation.as_str(), " was aborted"].cat(),
            Self::Network { operation, message } => {
                [operation.as_str(), " failed: network error: ", message].cat()
            }
            Self::InvalidParams(e) => ["invalid parameters: ", &e.text()].cat(),
            Self::InvalidResponse {
                operation,
                status,
                message,
            } => [
                operation.as_str(),
                " answered HTTP ",
                &num(u64::from(*status)),
                ": ",
                message,
            ]
            .cat(),
            Self::InvalidState { message } => message.clone(),
            Self::VideoFailed { video } => [
                "video ",
                &num(video.id.0),
                " failed to process: ",
                video.error.as_deref().unwrap_or("status error"),
            ]
            .cat(),
        }
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl core::error::Error for ClientError {}

impl From<ParamError> for ClientError {
    fn from(e: ParamError) -> Self {
        Self::InvalidParams(e)
    }
}

fn unexpected(operation: Operation) -> ClientError {
    ClientError::InvalidResponse {
        operation,
        status: 200,
        message: "unexpected response kind".to_owned(),
    }
}

/// The typed client. One async method per operation of the guide; every method takes
/// [`CallOptions`]. `Debug` never shows the credentials.
pub struct Client<T: Transport> {
    transport: T,
    config: ClientConfig,
    /// The `Authorization` value, formatted once (not per attempt).
    auth_header: Option<String>,
}

impl<T: Transport> fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl<T: Transport> Client<T> {
    /// A client over `transport`.
    pub fn new(transport: T, config: ClientConfig) -> Self {
        let auth_header = config.auth.header();
        Self {
            transport,
            config,
            auth_header,
        }
    }

    /// `text` with the credential, wherever it appears, replaced by `[redacted]`: messages built
    /// from a runtime's error or an answer (a proxy may echo the `Authorization` header) never
    /// carry it.
    fn scrub(&self, text: String) -> String {
        let (Auth::ApiKey(k) | Auth::Bearer(k)) = &self.config.auth else {
            return text;
        };
        let (k, b) = (k.as_bytes(), text.as_bytes());
        if k.len() < SCRUB_MIN_LEN || !b.windows(k.len()).any(|w| w == k) {
            return text;
        }
        // (A plain scan: `str::replace` links a substring searcher, ~4 KB of wasm.)
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while let Some(rest) = b.get(i..) {
            if rest.is_empty() {
                break;
            }
            if rest.starts_with(k) {
                out.extend_from_slice(b"[redacted]");
                i += k.len();
            } else {
                out.extend_from_slice(rest.get(..1).unwrap_or_default());
                i += 1;
            }
        }
        // The key is ASCII: cutting it out leaves whole characters.
        String::from_utf8(out).unwrap_or_default()
    }

    /// The settings.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The headers of every request: `Accept`, `Content-Type` when there is a body, `Authorization`,
    /// then the configured extra headers (which replace any of those by name).
    pub(crate) fn header_pairs(&self, has_body: bool) -> Vec<(String, String)> {
        let mut headers = vec![("Accept".to_owned(), "application/json".to_owned())];
        if has_body {
            headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
        }
        if let Some(auth) = &self.auth_header {
            headers.push(("Authorization".to_owned(), auth.clone()));
        }
        for (k, v) in &self.config.headers {
            headers.retain(|(name, _)| !name.eq_ignore_ascii_case(k));
            headers.push((k.clone(), v.clone()));
        }
        headers
    }

    /// The HTTP request of an attempt: `method` to `url` with `body` and the client's headers.
    pub(crate) fn http_request_to(
        &self,
        method: Method,
        url: String,
        body: Option<String>,
        timeout_ms: f64,
    ) -> HttpRequest {
        HttpRequest {
            method,
            headers: self.header_pairs(body.is_some()),
            url,
            body,
            timeout_ms,
        }
    }

    /// Sends any request (with retries) and decodes the answer. The typed methods use it; so does
    /// [`LiveSession::perform`] for the tracker's actions.
    ///
    /// # Errors
    /// [`ClientError`]: the API's error, or a transport failure after the retries allowed.
    pub async fn execute(
        &self,
        req: &ApiRequest,
        opts: &CallOptions<T::Signal>,
    ) -> Result<ResponseValue, ClientError> {
        let raw = self.execute_raw(req, opts).await?;
        decode(req.operation, raw.status, &raw.body).map_err(|e| match e {
            DecodeError::Api(e) => ClientError::Api(e),
            DecodeError::InvalidResponse {
                operation,
                status,
                message,
            } => ClientError::InvalidResponse {
                operation,
                status,
                message,
            },
        })
    }

    /// Sends any request with the same timeouts, retries and error mapping as [`Client::execute`],
    /// but hands a 2xx answer back undecoded (status and body text). The JS binding uses it to let
    /// the engine's `JSON.parse` read the resources.
    ///
    /// # Errors
    /// [`ClientError`]: the API's error (non-2xx), or a transport failure after the retries allowed.
    pub async fn execute_raw(
        &self,
        req: &ApiRequest,
        opts: &CallOptions<T::Signal>,
    ) -> Result<RawResponse, ClientError> {
        let timeout_ms = opts.timeout_ms.unwrap_or(self.config.timeout_ms);
        let http = self.http_request_to(
            req.method,
            req.url(&self.config.base_url),
            req.body.clone(),
            timeout_ms,
        );
        self.continue_raw(req.operation, &http, opts, None).await
    }

    /// [`Client::execute_raw`] for `http`, whose first attempt may already have been made (ending in
    /// `first`): the same retries, waits and error mapping. The JS binding makes the first attempt
    /// itself (a 2xx with the expected shape never reaches Rust) and hands every other outcome here.
    ///
    /// # Errors
    /// [`ClientError`]: the API's error (non-2xx), or a transport failure after the retries allowed.
    pub(crate) async fn continue_raw(
        &self,
        operation: Operation,
        http: &HttpRequest,
        opts: &CallOptions<T::Signal>,
        first: Option<Result<HttpResponse, TransportError>>,
    ) -> Result<RawResponse, ClientError> {
        let signal = opts.signal.as_ref();
        let mut attempt: u32 = 0;
        let mut first = first;
        loop {
            let sent = match first.take() {
                Some(sent) => sent,
                None => self.transport.send(http.clone(), signal).await,
            };
            match self.after_attempt(
                operation,
                http.method,
                http.timeout_ms,
                opts.max_retries,
                attempt,
                sent,
            )? {
                Next::Done(raw) => return Ok(raw),
                Next::Wait(ms) => {
                    self.transport
                        .sleep(ms, signal)
                        .await
                        .map_err(|_| ClientError::Aborted { operation })?;
                    attempt = attempt.saturating_add(1);
                }
            }
        }
    }

    /// One turn of the retry loop, without I/O: what to do after attempt number `attempt` (0 for the
    /// first) of a `method` request with a `timeout_ms` per attempt ended in `sent`. A 2xx is
    /// [`Next::Done`]; a failure that the policy retries is [`Next::Wait`] (then send the request
    /// again, as attempt `attempt + 1`); anything else is the error.
    /// [`Client::continue_raw`] is this in a loop with the transport's `send` and `sleep`; the JS
    /// binding runs the same loop in JS (`gs_slow` in src/js/fetch_driver.rs), so that no Rust future
    /// is needed in the browser.
    ///
    /// # Errors
    /// [`ClientError`]: the API's error (non-2xx), or a transport failure the policy does not retry.
    pub(crate) fn after_attempt(
        &self,
        operation: Operation,
        method: Method,
        timeout_ms: f64,
        max_retries: Option<u32>,
        attempt: u32,
        sent: Result<HttpResponse, TransportError>,
    ) -> Result<Next, ClientError> {
        let policy = RetryPolicy {
            max_retries: max_retries.unwrap_or(self.config.retry.max_retries),
            ..self.config.retry
        };
        let (outcome, retry_after, error) = match sent {
            Ok(resp) if (200..=299).contains(&resp.status) => {
                return Ok(Next::Done(RawResponse {
                    status: resp.status,
                    body: resp.body,
                }))
            }
            Ok(resp) => (
                Outcome::Status(resp.status),
                resp.header("retry-after").map(str::to_owned),
                ClientError::Api(Box::new(api_error(
                    operation,
                    resp.status,
                    &self.scrub(resp.body),
                ))),
            ),
            Err(TransportError::Aborted) => return Err(ClientError::Aborted { operation }),
            Err(TransportError::Timeout) => (
                Outcome::Timeout,
                None,
                ClientError::Timeout {
                    operation,
                    timeout_ms,
                },
            ),
            Err(TransportError::Network(message)) => (
                Outcome::Network,
                None,
                ClientError::Network {
                    operation,
                    message: self.scrub(message),
                },
            ),
        };
        let now = self.transport.now_ms();
        let random = self.transport.random();
        match decide(
            &policy,
            attempt,
            method,
            outcome,
            retry_after.as_deref(),
            now,
            random,
        ) {
            Retry::GiveUp => Err(error),
            Retry::After(ms) => Ok(Next::Wait(ms)),
        }
    }

    /// `POST /streaming/streams` (flat body; `name` required). Never retried except on 429.
    ///
    /// # Errors
    /// [`ClientError`].
    pub async fn create_stream(
        &self,
        params: &StreamParams,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Stream, ClientError> {
        let req = ApiRequest::create_stream(params)?;
        self.stream_of(&req, opts).await
    }

    async fn stream_of(
        &self,
        req: &ApiRequest,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Stream, ClientError> {
        match self.execute(req, opts).await? {
            ResponseValue::Stream(s) => Ok(*s),
            _ => Err(unexpected(req.operation)),
        }
    }

    /// `GET /streaming/streams/{id}`.
    ///
    /// # Errors
    /// [`ClientError`].
    pub async fn get_stream(
        &self,
        id: StreamId,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Stream, ClientError> {
        self.stream_of(&ApiRequest::get_stream(id), opts).await
    }

    /// `GET /streaming/streams?page=&with_broadcasts=` (one page).
    ///
    /// # Errors
    /// [`ClientError`].
    pub async fn list_streams(
        &self,
        query: &ListStreamsQuery,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Vec<Stream>, ClientError> {
        let req = ApiRequest::list_streams(query);
        match self.execute(&req, opts).await? {
            ResponseValue::Streams(v) => Ok(v),
            _ => Err(unexpected(req.operation)),
        }
    }

    /// `PATCH /streaming/streams/{id}` with `{"stream": patch}`.
    ///
    /// # Errors
    /// [`ClientError`].
    pub async fn update_stream(
        &self,
        id: StreamId,
        patch: &StreamParams,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Stream, ClientError> {
        self.stream_of(&ApiRequest::update_stream(id, patch), opts).await
    }

    async fn deleted(&self, req: &ApiRequest, opts: &CallOptions<T::Signal>) -> Result<(), ClientError> {
        match self.execute(req, opts).await? {
            ResponseValue::Deleted => Ok(()),
            _ => Err(unexpected(req.operation)),
        }
    }

    /// `DELETE /streaming/streams/{id}`.
    ///
    /// # Errors
    /// [`ClientError`].
    pub async fn delete_stream(
        &self,
        id: StreamId,
        opts: &CallOptions<T::Signal>,
    ) -> Result<(), ClientError> {
        self.deleted(&ApiRequest::delete_stream(id), opts).await
    }

    /// `PUT /streaming/streams/{id}/start_recording`: empty result on 204, the warnings on 200.
    ///
    /// # Errors
    /// [`ClientError`] (422 `validation_failed` when there is no space for recording).
    pub async fn start_recording(
        &self,
        id: StreamId,
        opts: &CallOptions<T::Signal>,
    ) -> Result<StartRecordingResult, ClientError> {
        let req = ApiRequest::start_recording(id);
        match self.execute(&req, opts).await? {
            ResponseValue::Recording(r) => Ok(*r),
            _ => Err(unexpected(req.operation)),
        }
    }

    /// `PUT /streaming/streams/{id}/stop_recording`: the recorded video, or `None` when nothing was
    /// recording.
    ///
    /// # Errors
    /// [`ClientError`].
    pub async fn stop_recording(
        &self,
        id: StreamId,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Option<Video>, ClientError> {
        let req = ApiRequest::stop_recording(id);
        match self.execute(&req, opts).await? {
            ResponseValue::Video(v) => Ok(v.map(|v| *v)),
            _ => Err(unexpected(req.operation)),
        }
    }

    /// `POST /streaming/broadcasts` with `{"broadcast": params}`: the broadcast when the platform
    /// answers with a body, `None` when it answers empty (as the spec documents).
    ///
    /// # Errors
    /// [`ClientError`].
    pub async fn create_broadcast(
        &self,
        params: &BroadcastParams,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Option<Broadcast>, ClientError> {
        let req = ApiRequest::create_broadcast(params)?;
        match self.execute(&req, opts).await? {
            ResponseValue::Broadcast(b) => Ok(b.map(|b| *b)),
            _ => Err(unexpected(req.operation)),
        }
    }

    async fn broadcast_of(
        &self,
        req: &ApiRequest,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Broadcast, ClientError> {
        match self.execute(req, opts).await? {
            ResponseValue::Broadcast(Some(b)) => Ok(*b),
            _ => Err(unexpected(req.operation)),
        }
    }

    /// `GET /streaming/broadcasts/{id}`.
    ///
    /// # Errors
    /// [`ClientError`].
    pub async fn get_broadcast(
        &self,
        id: BroadcastId,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Broadcast, ClientError> {
        self.broadcast_of(&ApiRequest::get_broadcast(id), opts).await
    }

    /// `GET /streaming/broadcasts?page=` (one page).
    ///
    /// # Errors
    /// [`ClientError`].
    pub async fn list_broadcasts(
        &self,
        query: &ListBroadcastsQuery,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Vec<Broadcast>, ClientError> {
        let req = ApiRequest::list_broadcasts(query);
        match self.execute(&req, opts).await? {
            ResponseValue::Broadcasts(v) => Ok(v),
            _ => Err(unexpected(req.operation)),
        }
    }

    /// `PATCH /streaming/broadcasts/{id}` with `{"broadcast": patch}`.
    ///
    /// # Errors
    /// [`ClientError`].
    pub async fn update_broadcast(
        &self,
        id: BroadcastId,
        patch: &BroadcastParams,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Broadcast, ClientError> {
        self.broadcast_of(&ApiRequest::update_broadcast(id, patch), opts)
            .await
    }

    /// `DELETE /streaming/broadcasts/{id}`.
    ///
    /// # Errors
    /// [`ClientError`].
    pub async fn delete_broadcast(
        &self,
        id: BroadcastId,
        opts: &CallOptions<T::Signal>,
    ) -> Result<(), ClientError> {
        self.deleted(&ApiRequest::delete_broadcast(id), opts).await
    }

    /// `GET /streaming/videos/{id}`.
    ///
    /// # Errors
    /// [`ClientError`].
    pub async fn get_video(&self, id: VideoId, opts: &CallOptions<T::Signal>) -> Result<Video, ClientError> {
        let req = ApiRequest::get_video(id);
        match self.execute(&req, opts).await? {
            ResponseValue::Video(Some(v)) => Ok(*v),
            _ => Err(unexpected(req.operation)),
        }
    }

    /// `GET /streaming/videos?…` (one page).
    ///
    /// # Errors
    /// [`ClientError`].
    pub async fn list_videos(
        &self,
        query: &ListVideosQuery,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Vec<Video>, ClientError> {
        let req = ApiRequest::list_videos(query);
        match self.execute(&req, opts).await? {
            ResponseValue::Videos(v) => Ok(v),
            _ => Err(unexpected(req.operation)),
        }
    }

    /// `DELETE /streaming/videos/{id}`.
    ///
    /// # Errors
    /// [`ClientError`].
    pub async fn delete_video(&self, id: VideoId, opts: &CallOptions<T::Signal>) -> Result<(), ClientError> {
        self.deleted(&ApiRequest::delete_video(id), opts).await
    }
}

/// Parses JSON parameters into `T`, reporting the offending top-level field as the error's `path`
/// (`root` when the value itself is wrong, e.g. not an object).
///
/// # Errors
/// [`ParamError`] naming the field and what serde found wrong with it.
pub fn parse_params<T: serde::de::DeserializeOwned>(json: &str, root: &str) -> Result<T, ParamError> {
    // Only `from_str` is used (no `from_value`): one deserializer per type keeps the wasm small.
    let err = match serde_json::from_str::<T>(json) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let at = |key: &str| {
        if root.is_empty() {
            key.to_owned()
        } else if key.is_empty() {
            root.to_owned()
        } else {
            format!("{root}.{key}")
        }
    };
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(json) else {
        return Err(ParamError {
            path: at(""),
            message: format!("must be a JSON object: {err}"),
        });
    };
    for (key, field) in &map {
        let mut one = serde_json::Map::new();
        one.insert(key.clone(), field.clone());
        let text = serde_json::Value::Object(one).to_string();
        if let Err(fe) = serde_json::from_str::<T>(&text) {
            let message = fe.to_string();
            if !message.starts_with("missing field") {
                return Err(ParamError {
                    path: at(key),
                    message: message.split(" at line ").next().unwrap_or_default().to_owned(),
                });
            }
        }
    }
    Err(ParamError {
        path: at(""),
        message: err.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_redacts_the_credentials() {
        let cfg = ClientConfig {
            auth: Auth::ApiKey("29841_secretkey".into()),
            ..ClientConfig::default()
        };
        assert!(!format!("{cfg:?}").contains("secretkey"));
        let req = HttpRequest {
            method: Method::Get,
            url: "http://x/".into(),
            headers: vec![("authorization".into(), "APIKey 29841_secretkey".into())],
            body: None,
            timeout_ms: 1.0,
        };
        let shown = format!("{req:?}");
        assert!(
            !shown.contains("secretkey") && shown.contains("[redacted]"),
            "{shown}"
        );
        assert!(!format!("{:?}", Auth::Bearer("jwt.secret".into())).contains("secret"));
    }

    #[test]
    fn error_messages_are_the_documented_texts() {
        // Each message as the former `write!` formats gave it (the text is now built without
        // `core::fmt`, so the WebAssembly build leaves that machinery out).
        let op = Operation::UpdateStream;
        let api = api_error(Operation::GetVideo, 404, r#"{"error":"Not found"}"#);
        let video: Video = serde_json::from_str(r#"{"id":18446744073709551615,"status":"error"}"#).unwrap();
        let failed = Video {
            error: Some("bad input".into()),
            ..video.clone()
        };
        let cases: Vec<(ClientError, String)> = vec![
            (
                ClientError::Api(Box::new(api.clone())),
                format!("get_video failed: HTTP 404 (not_found): {}", api.message),
            ),
            (
                ClientError::Timeout {
                    operation: op,
                    timeout_ms: 1500.7,
                },
                "update_stream timed out after 1500 ms".into(),
            ),
            (
                ClientError::Timeout {
                    operation: op,
                    timeout_ms: -3.0,
                },
                "update_stream timed out after 0 ms".into(),
            ),
            (
                ClientError::Timeout {
                    operation: op,
                    timeout_ms: f64::INFINITY,
                },
                "update_stream timed out after 9000000000000000 ms".into(),
            ),
            (
                ClientError::Aborted { operation: op },
                "update_stream was aborted".into(),
            ),
            (
                ClientError::Network {
                    operation: op,
                    message: "refused".into(),
                },
                "update_stream failed: network error: refused".into(),
            ),
            (
                ClientError::InvalidParams(ParamError {
                    path: "stream.name".into(),
                    message: "is required".into(),
                }),
                "invalid parameters: stream.name: is required".into(),
            ),
            (
                ClientError::InvalidResponse {
                    operation: op,
                    status: 65535,
                    message: "not JSON".into(),
                },
                "update_stream answered HTTP 65535: not JSON".into(),
            ),
            (
                ClientError::InvalidState {
                    message: "no broadcast".into(),
                },
                "no broadcast".into(),
            ),
            (
                ClientError::VideoFailed {
                    video: Box::new(video),
                },
                "video 18446744073709551615 failed to process: status error".into(),
            ),
            (
                ClientError::VideoFailed {
                    video: Box::new(failed),
                },
                "video 18446744073709551615 failed to process: bad input".into(),
            ),
        ];
        for (e, want) in cases {
            assert_eq!(e.text(), want);
            assert_eq!(e.to_string(), want);
        }
        assert_eq!(api.message, "Not found");
        assert_eq!(api_error(Operation::GetVideo, 0, "").message, "HTTP 0");
        assert_eq!(Auth::ApiKey("k 1".into()).header().as_deref(), Some("APIKey k 1"));
        assert_eq!(Auth::Bearer("t".into()).header().as_deref(), Some("Bearer t"));
        assert_eq!(Auth::None.header(), None);
    }

    #[test]
    fn params_errors_name_the_field() {
        let e = parse_params::<StreamParams>(r#"{"name":"a","dvr_duration":"long"}"#, "").unwrap_err();
        assert_eq!(e.path, "dvr_duration");
        let e = parse_params::<StreamParams>("[1]", "params").unwrap_err();
        assert_eq!(e.path, "params");
        let e = parse_params::<BroadcastParams>(r#"{"stream_ids":[-1]}"#, "broadcast").unwrap_err();
        assert_eq!(e.path, "broadcast.stream_ids");
        let ok = parse_params::<StreamParams>(r#"{"name":"a","uri":null}"#, "").unwrap();
        assert_eq!(ok.uri, Some(None));
    }
}
