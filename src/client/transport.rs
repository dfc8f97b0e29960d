//! What a transport sends and answers ([`HttpRequest`], [`HttpResponse`], [`TransportError`]), the
//! [`Transport`] trait, and the client's configuration ([`Auth`], [`ClientConfig`], [`CallOptions`]).

use crate::domain::request::Method;
use crate::domain::retry::RetryPolicy;
use crate::domain::text::Cat;
use crate::prelude::*;
use core::fmt;

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
    pub(crate) fn header(&self) -> Option<String> {
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
pub(crate) const SCRUB_MIN_LEN: usize = 8;

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
