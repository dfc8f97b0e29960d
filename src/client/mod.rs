//! The typed client over a small transport trait.
//!
//! [`Client`] turns each operation of the guide ([`ApiRequest`] values) into HTTP calls over a
//! [`Transport`] (fetch on wasm: `fetch::FetchTransport`; hyper natively: `native::HyperTransport`),
//! decodes the answers ([`crate::domain::response::decode`]) and retries by the pure policy of
//! [`crate::domain::retry`]. [`LiveSession`] encodes the guide's four stages as one call each.

use crate::domain::ids::{BroadcastId, StreamId, VideoId};
use crate::domain::model::{Broadcast, StartRecordingResult, Stream, Video};
use crate::domain::request::{
    ApiRequest, BroadcastParams, ListBroadcastsQuery, ListStreamsQuery, ListVideosQuery, Method, Operation,
    ParamError, StreamParams,
};
use crate::domain::response::{api_error, decode, ResponseValue};
use crate::domain::retry::{decide, Outcome, Retry, RetryPolicy};
use crate::prelude::*;
use core::fmt;

mod api;
mod error;
mod pages;
#[cfg_attr(not(target_family = "wasm"), allow(dead_code))]
pub(crate) mod params;
mod session;
mod transport;

#[cfg(target_family = "wasm")]
pub mod fetch;
#[cfg(not(target_family = "wasm"))]
pub mod native;

pub use error::ClientError;
pub use pages::PageItem;
pub use pages::{Paginator, MAX_PER_PAGE, PAGE_SIZE};
#[allow(unused_imports)] // used by the JS binding
pub(crate) use session::Wake;
pub use session::{LiveSession, SessionOptions, SessionState, SessionStatus, WaitOptions};
pub use transport::*;

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
        Ok(decode(req.operation, raw.status, &raw.body)?)
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

    /// Sends `req` and takes its answer as `R`, the one kind of value its operation gives.
    async fn answer<R: Answer>(
        &self,
        req: &ApiRequest,
        opts: &CallOptions<T::Signal>,
    ) -> Result<R, ClientError> {
        let value = self.execute(req, opts).await?;
        R::of(value).ok_or_else(|| unexpected(req.operation))
    }
}

/// What an operation's answer is taken as: the kind of [`ResponseValue`] the operation gives (a 2xx
/// of another kind is [`ClientError::InvalidResponse`]).
trait Answer: Sized {
    fn of(value: ResponseValue) -> Option<Self>;
}

/// [`Answer`] for each result type: `type: the value's pattern => the result`.
macro_rules! answers {
    ($($ty:ty: $pat:pat => $out:expr),* $(,)?) => {$(
        impl Answer for $ty {
            fn of(value: ResponseValue) -> Option<Self> {
                match value {
                    $pat => Some($out),
                    _ => None,
                }
            }
        }
    )*};
}

answers! {
    Stream: ResponseValue::Stream(s) => *s,
    Vec<Stream>: ResponseValue::Streams(v) => v,
    (): ResponseValue::Deleted => (),
    StartRecordingResult: ResponseValue::Recording(r) => *r,
    Option<Video>: ResponseValue::Video(v) => v.map(|v| *v),
    Option<Broadcast>: ResponseValue::Broadcast(b) => b.map(|b| *b),
    Broadcast: ResponseValue::Broadcast(Some(b)) => *b,
    Vec<Broadcast>: ResponseValue::Broadcasts(v) => v,
    Video: ResponseValue::Video(Some(v)) => *v,
    Vec<Video>: ResponseValue::Videos(v) => v,
}

/// The typed methods, one an operation of the guide: `name(arguments) -> result = the request;`
/// each takes [`CallOptions`] last, sends the request ([`Client::execute`]) and takes its answer as
/// the result ([`Answer`]).
macro_rules! operations {
    ($($(#[$doc:meta])* $name:ident($($arg:ident: $ty:ty),*) -> $out:ty = $req:expr;)*) => {
        impl<T: Transport> Client<T> {$(
            $(#[$doc])*
            pub async fn $name(&self, $($arg: $ty,)* opts: &CallOptions<T::Signal>) -> Result<$out, ClientError> {
                self.answer(&$req, opts).await
            }
        )*}
    };
}

operations! {
    /// `POST /streaming/streams` (flat body; `name` required). Never retried except on 429.
    ///
    /// # Errors
    /// [`ClientError`].
    create_stream(params: &StreamParams) -> Stream = ApiRequest::create_stream(params)?;

    /// `GET /streaming/streams/{id}`.
    ///
    /// # Errors
    /// [`ClientError`].
    get_stream(id: StreamId) -> Stream = ApiRequest::get_stream(id);

    /// `GET /streaming/streams?page=&with_broadcasts=` (one page).
    ///
    /// # Errors
    /// [`ClientError`].
    list_streams(query: &ListStreamsQuery) -> Vec<Stream> = ApiRequest::list_streams(query);

    /// `PATCH /streaming/streams/{id}` with `{"stream": patch}`.
    ///
    /// # Errors
    /// [`ClientError`].
    update_stream(id: StreamId, patch: &StreamParams) -> Stream = ApiRequest::update_stream(id, patch);

    /// `DELETE /streaming/streams/{id}`.
    ///
    /// # Errors
    /// [`ClientError`].
    delete_stream(id: StreamId) -> () = ApiRequest::delete_stream(id);

    /// `PUT /streaming/streams/{id}/start_recording`: empty result on 204, the warnings on 200.
    ///
    /// # Errors
    /// [`ClientError`] (422 `validation_failed` when there is no space for recording).
    start_recording(id: StreamId) -> StartRecordingResult = ApiRequest::start_recording(id);

    /// `PUT /streaming/streams/{id}/stop_recording`: the recorded video, or `None` when nothing was
    /// recording.
    ///
    /// # Errors
    /// [`ClientError`].
    stop_recording(id: StreamId) -> Option<Video> = ApiRequest::stop_recording(id);

    /// `POST /streaming/broadcasts` with `{"broadcast": params}`: the broadcast when the platform
    /// answers with a body, `None` when it answers empty (as the spec documents).
    ///
    /// # Errors
    /// [`ClientError`].
    create_broadcast(params: &BroadcastParams) -> Option<Broadcast> = ApiRequest::create_broadcast(params)?;

    /// `GET /streaming/broadcasts/{id}`.
    ///
    /// # Errors
    /// [`ClientError`].
    get_broadcast(id: BroadcastId) -> Broadcast = ApiRequest::get_broadcast(id);

    /// `GET /streaming/broadcasts?page=` (one page).
    ///
    /// # Errors
    /// [`ClientError`].
    list_broadcasts(query: &ListBroadcastsQuery) -> Vec<Broadcast> = ApiRequest::list_broadcasts(query);

    /// `PATCH /streaming/broadcasts/{id}` with `{"broadcast": patch}`.
    ///
    /// # Errors
    /// [`ClientError`].
    update_broadcast(id: BroadcastId, patch: &BroadcastParams) -> Broadcast =
        ApiRequest::update_broadcast(id, patch);

    /// `DELETE /streaming/broadcasts/{id}`.
    ///
    /// # Errors
    /// [`ClientError`].
    delete_broadcast(id: BroadcastId) -> () = ApiRequest::delete_broadcast(id);

    /// `GET /streaming/videos/{id}`.
    ///
    /// # Errors
    /// [`ClientError`].
    get_video(id: VideoId) -> Video = ApiRequest::get_video(id);

    /// `GET /streaming/videos?…` (one page).
    ///
    /// # Errors
    /// [`ClientError`].
    list_videos(query: &ListVideosQuery) -> Vec<Video> = ApiRequest::list_videos(query);

    /// `DELETE /streaming/videos/{id}`.
    ///
    /// # Errors
    /// [`ClientError`].
    delete_video(id: VideoId) -> () = ApiRequest::delete_video(id);
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
