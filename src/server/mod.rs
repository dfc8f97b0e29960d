//! The sandbox's native HTTP server around [`crate::domain::platform`].
//!
//! An axum server on tokio that answers the platform's REST API (`/streaming/…`) from a
//! [`Platform`], owns the simulated clock (`start + real elapsed × speed + manual advances`), runs a
//! background task that fires the platform's scheduled events when due, and POSTs each webhook as
//! JSON to the configured URLs (once, no retry, like the real platform; optional delivery chaos for
//! testing receivers). Control endpoints live under `/_sandbox/`; every response carries CORS headers.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! use gcore_streaming::server::{start, ServerConfig};
//! let running = start("127.0.0.1:0".parse().unwrap(), ServerConfig::default()).await?;
//! println!("sandbox on http://{}", running.addr());
//! running.stop().await;
//! # Ok(()) }
//! ```

use crate::domain::platform::rng::SplitMix64;
use crate::domain::platform::time::{iso8601, DEFAULT_START_MS};
use crate::domain::platform::{Platform, PlatformConfig, PlatformRequest, Webhook};
use crate::domain::StreamId;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client as HttpClient;
use hyper_util::rt::TokioExecutor;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::{broadcast, oneshot, Notify};
use tokio::task::JoinHandle;

/// Webhook delivery chaos, for testing receivers against what a real network can do.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Chaos {
    /// Probability (0–1) that a delivery is silently dropped.
    pub drop_rate: f64,
    /// Probability (0–1) that a delivery is sent twice.
    pub duplicate_rate: f64,
    /// Each delivery is delayed by a random 0–`reorder_ms` ms, so webhooks can arrive out of order.
    pub reorder_ms: u64,
}

/// How the server runs.
#[derive(Clone)]
pub struct ServerConfig {
    /// The platform model's settings (API key, quota, delays, seed, …).
    pub platform: PlatformConfig,
    /// Where each webhook is POSTed (`http://` only). Empty: webhooks are only recorded.
    pub webhook_urls: Vec<String>,
    /// Simulated milliseconds per real millisecond; `0` stops the clock (only
    /// `POST /_sandbox/advance` moves it).
    pub speed: f64,
    /// Simulated time at start (epoch ms).
    pub start_ms: u64,
    /// Delivery chaos (none by default: each webhook once, no retry).
    pub chaos: Chaos,
    /// Timeout of one webhook POST.
    pub delivery_timeout: Duration,
    /// Log one line per request and per webhook delivery on stderr.
    pub log: bool,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            platform: PlatformConfig::default(),
            webhook_urls: Vec::new(),
            speed: 1.0,
            start_ms: DEFAULT_START_MS,
            chaos: Chaos::default(),
            delivery_timeout: Duration::from_secs(10),
            log: false,
        }
    }
}

impl fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerConfig")
            .field("platform", &self.platform)
            .field("webhook_urls", &self.webhook_urls.len())
            .field("speed", &self.speed)
            .field("start_ms", &self.start_ms)
            .field("chaos", &self.chaos)
            .field("delivery_timeout", &self.delivery_timeout)
            .field("log", &self.log)
            .finish()
    }
}

/// A configuration the server refuses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl ServerConfig {
    /// Checks rates, speed and webhook URLs.
    ///
    /// # Errors
    /// [`ConfigError`] naming the first invalid setting.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if !(self.speed.is_finite() && self.speed >= 0.0) {
            return Err(ConfigError("speed must be a finite number >= 0".into()));
        }
        for (name, rate) in [
            ("webhook-drop", self.chaos.drop_rate),
            ("webhook-duplicate", self.chaos.duplicate_rate),
        ] {
            if !(0.0..=1.0).contains(&rate) {
                return Err(ConfigError(format!("{name} must be between 0 and 1")));
            }
        }
        for (i, url) in self.webhook_urls.iter().enumerate() {
            if url
                .parse::<Uri>()
                .ok()
                .and_then(|u| u.scheme_str().map(str::to_owned))
                .as_deref()
                != Some("http")
            {
                return Err(ConfigError(format!(
                    "webhook URL #{i} must be an absolute http:// URL (https is not supported by the sandbox)"
                )));
            }
        }
        Ok(())
    }
}

/// The simulated clock: `start + real elapsed × speed + manual advances`.
#[derive(Debug)]
struct Clock {
    start_ms: u64,
    real_start: Instant,
    speed: f64,
    offset_ms: u64,
}

impl Clock {
    fn now(&self) -> u64 {
        let real = self.real_start.elapsed().as_secs_f64() * 1000.0 * self.speed;
        // Saturating float → int conversion; `real` is finite and >= 0.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let real = real as u64;
        self.start_ms.saturating_add(real).saturating_add(self.offset_ms)
    }

    /// Real time until simulated time `at`, or `None` when the clock is stopped.
    fn real_until(&self, at: u64) -> Option<Duration> {
        if self.speed <= 0.0 {
            return None;
        }
        #[allow(clippy::cast_precision_loss)]
        let sim = at.saturating_sub(self.now()) as f64;
        Some(Duration::from_secs_f64((sim / self.speed / 1000.0).min(86_400.0)))
    }
}

/// One delivery attempt of a webhook to one URL.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Delivery {
    /// Index of the URL in `--webhook-url` order (URLs are not echoed: they may carry secrets).
    pub target: usize,
    /// `delivered` (2xx), `rejected` (non-2xx answer), `failed` (no answer), `dropped` (chaos),
    /// `pending` (delayed by the reorder window).
    pub result: String,
    /// The receiver's HTTP status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Why it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// A chaos duplicate.
    pub duplicate: bool,
    /// Chaos delay before sending.
    pub delay_ms: u64,
}

/// A webhook the server emitted, with its deliveries (`GET /_sandbox/webhooks`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WebhookRecord {
    /// Emission order, from 1.
    pub seq: u64,
    /// Simulated emission time (epoch ms).
    pub at_ms: u64,
    /// The same, ISO-8601.
    pub at: String,
    /// The payload's `type`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The exact JSON POSTed.
    pub payload: Value,
    /// One entry per URL (two for a chaos duplicate).
    pub deliveries: Vec<Delivery>,
}

struct Shared {
    config: ServerConfig,
    platform: Mutex<Platform>,
    clock: Mutex<Clock>,
    records: Mutex<Vec<WebhookRecord>>,
    /// Serializes pulling webhooks out of the platform and delivering them (keeps order).
    delivery: tokio::sync::Mutex<SplitMix64>,
    events: broadcast::Sender<String>,
    /// Flips to `true` on shutdown, ending the SSE feeds (graceful shutdown waits for them).
    closing: tokio::sync::watch::Sender<bool>,
    wake: Notify,
    http: HttpClient<HttpConnector, Full<Bytes>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A poisoned lock only means another request panicked mid-way; the data is still usable.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Shared {
    fn now(&self) -> u64 {
        lock(&self.clock).now()
    }

    fn log(&self, line: fmt::Arguments<'_>) {
        if self.config.log {
            eprintln!("[sandbox] {line}");
        }
    }

    /// Runs due events and delivers their webhooks, in order. Returns the records emitted.
    async fn pump(self: &Arc<Self>) -> Vec<WebhookRecord> {
        let mut rng = self.delivery.lock().await;
        let now = self.now();
        let hooks = lock(&self.platform).advance(now);
        let mut out = Vec::with_capacity(hooks.len());
        for hook in hooks {
            out.push(self.deliver(hook, &mut rng).await);
        }
        out
    }

    async fn deliver(self: &Arc<Self>, hook: Webhook, rng: &mut SplitMix64) -> WebhookRecord {
        let record = WebhookRecord {
            seq: hook.seq,
            at_ms: hook.at_ms,
            at: iso8601(hook.at_ms),
            kind: hook.kind.clone(),
            payload: hook.payload,
            deliveries: Vec::new(),
        };
        lock(&self.records).push(record.clone());
        let _ = self
            .events
            .send(serde_json::to_string(&record).unwrap_or_default());
        if self.config.webhook_urls.is_empty() {
            self.log(format_args!(
                "webhook #{} {} (no --webhook-url: recorded only)",
                record.seq, record.kind
            ));
        }
        let body = Bytes::from(record.payload.to_string());
        let chaos = self.config.chaos;
        for target in 0..self.config.webhook_urls.len() {
            if chaos.drop_rate > 0.0 && rng.next_f64() < chaos.drop_rate {
                self.push_delivery(record.seq, dropped(target));
                self.log(format_args!(
                    "webhook #{} {} -> target {target}: dropped (chaos)",
                    record.seq, record.kind
                ));
                continue;
            }
            let copies = if chaos.duplicate_rate > 0.0 && rng.next_f64() < chaos.duplicate_rate {
                2
            } else {
                1
            };
            for copy in 0..copies {
                let delay_ms = if chaos.reorder_ms > 0 {
                    rng.next_u64() % (chaos.reorder_ms + 1)
                } else {
                    0
                };
                let duplicate = copy > 0;
                if delay_ms == 0 {
                    let d = self
                        .post(target, body.clone(), duplicate, 0, record.seq, &record.kind)
                        .await;
                    self.push_delivery(record.seq, d);
                } else {
                    let me = Arc::clone(self);
                    let (body, kind, seq) = (body.clone(), record.kind.clone(), record.seq);
                    tokio::spawn(async move {
                        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
                        let d = me.post(target, body, duplicate, delay_ms, seq, &kind).await;
                        me.push_delivery(seq, d);
                    });
                }
            }
        }
        lock(&self.records)
            .iter()
            .rev()
            .find(|r| r.seq == record.seq)
            .cloned()
            .unwrap_or(record)
    }

    fn push_delivery(&self, seq: u64, d: Delivery) {
        if let Some(r) = lock(&self.records).iter_mut().rev().find(|r| r.seq == seq) {
            r.deliveries.push(d);
        }
    }

    async fn post(
        &self,
        target: usize,
        body: Bytes,
        duplicate: bool,
        delay_ms: u64,
        seq: u64,
        kind: &str,
    ) -> Delivery {
        let started = Instant::now();
        let mut d = Delivery {
            target,
            result: "failed".into(),
            status: None,
            error: None,
            duplicate,
            delay_ms,
        };
        let Some(url) = self.config.webhook_urls.get(target) else {
            d.error = Some("no such target".into());
            return d;
        };
        let req = axum::http::Request::post(url.as_str())
            .header(header::CONTENT_TYPE, "application/json")
            .header(
                header::USER_AGENT,
                concat!("gcore-streaming-sandbox/", env!("CARGO_PKG_VERSION")),
            )
            .body(Full::new(body));
        let req = match req {
            Ok(r) => r,
            Err(e) => {
                d.error = Some(format!("invalid request: {e}"));
                return d;
            }
        };
        match tokio::time::timeout(self.config.delivery_timeout, self.http.request(req)).await {
            Ok(Ok(res)) => {
                let status = res.status();
                // Drain the body so the connection can be reused.
                let _ = res.into_body().collect().await;
                d.status = Some(status.as_u16());
                d.result = if status.is_success() {
                    "delivered"
                } else {
                    "rejected"
                }
                .into();
            }
            Ok(Err(e)) => d.error = Some(format!("connection failed: {e}")),
            Err(_) => d.error = Some("timed out".into()),
        }
        self.log(format_args!(
            "webhook #{seq} {kind} -> target {target}: {}{}{} ({} ms)",
            d.status
                .map(|s| s.to_string())
                .unwrap_or_else(|| d.result.clone()),
            if duplicate { " [duplicate]" } else { "" },
            d.error.as_deref().map(|e| format!(" {e}")).unwrap_or_default(),
            started.elapsed().as_millis()
        ));
        d
    }
}

fn dropped(target: usize) -> Delivery {
    Delivery {
        target,
        result: "dropped".into(),
        status: None,
        error: None,
        duplicate: false,
        delay_ms: 0,
    }
}

/// The background task: fires events when due (by the simulated clock) and delivers webhooks.
async fn ticker(shared: Arc<Shared>) {
    loop {
        shared.pump().await;
        let wait = {
            let next = lock(&shared.platform).next_event_at();
            next.and_then(|at| lock(&shared.clock).real_until(at))
        };
        match wait {
            Some(d) => {
                tokio::select! {
                    () = shared.wake.notified() => {}
                    () = tokio::time::sleep(d.max(Duration::from_millis(1))) => {}
                }
            }
            None => shared.wake.notified().await,
        }
    }
}

// ----- HTTP -----

fn error_json(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(json!({"error": {"code": code, "message": message}}))).into_response()
}

async fn platform_api(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let req = PlatformRequest {
        method: method.as_str().to_owned(),
        path_and_query: uri
            .path_and_query()
            .map_or_else(|| uri.path().to_owned(), |p| p.as_str().to_owned()),
        authorization: headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        headers: headers
            .iter()
            .filter(|(k, _)| *k != header::AUTHORIZATION)
            .filter_map(|(k, v)| Some((k.as_str().to_owned(), v.to_str().ok()?.to_owned())))
            .collect(),
        body: body.to_vec(),
    };
    let now = shared.now();
    let res = lock(&shared.platform).handle(&req, now);
    shared.wake.notify_one();
    let mut out = Response::new(Body::from(res.body));
    *out.status_mut() = StatusCode::from_u16(res.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (k, v) in res.headers {
        if let (Ok(k), Ok(v)) = (header::HeaderName::try_from(k), HeaderValue::try_from(v)) {
            out.headers_mut().insert(k, v);
        }
    }
    out
}

fn clock_json(shared: &Shared) -> Value {
    let now = shared.now();
    json!({"now_ms": now, "now": iso8601(now), "speed": shared.config.speed})
}

async fn health(State(shared): State<Arc<Shared>>) -> Response {
    let mut v = clock_json(&shared);
    if let Value::Object(m) = &mut v {
        m.insert("ok".into(), json!(true));
        m.insert("version".into(), json!(crate::VERSION));
    }
    Json(v).into_response()
}

async fn control_stream(shared: Arc<Shared>, id: &str, connect: bool) -> Response {
    let Ok(id) = id.parse::<u64>().map(StreamId) else {
        return error_json(
            StatusCode::NOT_FOUND,
            "stream_not_found",
            "stream ids are integers",
        );
    };
    let now = shared.now();
    let result = {
        let mut p = lock(&shared.platform);
        if connect {
            p.connect(id, now)
        } else {
            p.disconnect(id, now)
        }
    };
    match result {
        Ok(stream) => {
            let webhooks = shared.pump().await;
            Json(json!({"stream": stream, "webhooks": webhooks})).into_response()
        }
        Err(e) => {
            let status = if e.code() == "stream_not_found" {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::CONFLICT
            };
            error_json(status, e.code(), &e.to_string())
        }
    }
}

async fn connect(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    control_stream(shared, &id, true).await
}

async fn disconnect(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    control_stream(shared, &id, false).await
}

#[derive(Deserialize)]
struct AdvanceQuery {
    ms: Option<String>,
}

/// The most one `advance` moves the clock: 366 days.
pub const MAX_ADVANCE_MS: u64 = 366 * 86_400_000;
/// The simulated clock never passes 9999-12-31T23:59:59.999Z (ISO 8601's four-digit years).
const MAX_CLOCK_MS: u64 = 253_402_300_799_999;

async fn advance(State(shared): State<Arc<Shared>>, Query(q): Query<AdvanceQuery>) -> Response {
    let ms = match q.ms.as_deref().map(|s| s.trim().parse::<u64>()) {
        None => 0,
        Some(Ok(ms)) if ms <= MAX_ADVANCE_MS => ms,
        _ => {
            return error_json(
                StatusCode::BAD_REQUEST,
                "invalid_ms",
                "`ms` must be an integer from 0 to 31622400000 (366 days)",
            )
        }
    };
    {
        let mut c = lock(&shared.clock);
        if c.now().saturating_add(ms) > MAX_CLOCK_MS {
            return error_json(
                StatusCode::BAD_REQUEST,
                "invalid_ms",
                "the simulated clock would pass the year 9999",
            );
        }
        c.offset_ms = c.offset_ms.saturating_add(ms);
    }
    let webhooks = shared.pump().await;
    shared.wake.notify_one();
    let mut v = clock_json(&shared);
    if let Value::Object(m) = &mut v {
        m.insert("webhooks".into(), json!(webhooks));
    }
    Json(v).into_response()
}

async fn reset(State(shared): State<Arc<Shared>>) -> Response {
    // Wait for deliveries in flight, then start over (clock included).
    let _guard = shared.delivery.lock().await;
    lock(&shared.platform).reset();
    lock(&shared.records).clear();
    {
        let mut c = lock(&shared.clock);
        c.real_start = Instant::now();
        c.offset_ms = 0;
    }
    shared.wake.notify_one();
    Json(json!({"ok": true})).into_response()
}

async fn webhooks(State(shared): State<Arc<Shared>>) -> Response {
    Json(json!(*lock(&shared.records))).into_response()
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl futures_util::Stream<Item = Result<SseEvent, Infallible>>> {
    let rx = shared.events.subscribe();
    let closing = shared.closing.subscribe();
    let stream = futures_util::stream::unfold((rx, closing), |(mut rx, mut closing)| async move {
        loop {
            if *closing.borrow() {
                return None;
            }
            tokio::select! {
                msg = rx.recv() => match msg {
                    Ok(text) => {
                        return Some((Ok(SseEvent::default().event("webhook").data(text)), (rx, closing)))
                    }
                    Err(broadcast::error::RecvError::Lagged(_)) => {}
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                changed = closing.changed() => {
                    if changed.is_err() {
                        return None;
                    }
                }
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn sandbox_not_found() -> Response {
    error_json(StatusCode::NOT_FOUND, "not_found", "unknown control endpoint")
}

/// With an API key set, the control endpoints (all but `/_sandbox/health`) take it too, as the API
/// does (`Authorization: APIKey <key>` or `Bearer <key>`), or as `?api_key=<key>` for an
/// `EventSource`, which cannot send headers. Else any web page the developer opens could read the
/// recorded webhooks and reset or advance the platform (the answers carry CORS headers).
async fn control_auth(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if let Some(key) = shared.config.platform.api_key.as_deref() {
        let control = path.starts_with("/_sandbox/") && path != "/_sandbox/health";
        if control && req.method() != Method::OPTIONS && !control_key_ok(&req, key) {
            return error_json(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "the control endpoints take the server's API key (Authorization: APIKey <key>, or ?api_key=<key>)",
            );
        }
    }
    next.run(req).await
}

fn control_key_ok(req: &Request, key: &str) -> bool {
    let eq =
        |candidate: &str| crate::domain::platform::constant_time_eq(candidate.as_bytes(), key.as_bytes());
    let header = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .is_some_and(|(scheme, token)| {
            (scheme.eq_ignore_ascii_case("apikey") || scheme.eq_ignore_ascii_case("bearer"))
                && eq(token.trim())
        });
    let query = req.uri().query().is_some_and(|q| {
        q.split('&')
            .filter_map(|p| p.split_once('='))
            .any(|(k, v)| k == "api_key" && eq(v))
    });
    header || query
}

/// The largest request body read (a tus client sends bigger files in chunks of at most this size).
pub const MAX_BODY_BYTES: usize = 256 * 1024 * 1024;

/// CORS on every response, preflight included (`Access-Control-Allow-Origin: *`).
async fn cors(req: Request, next: Next) -> Response {
    let h = |v: &'static str| HeaderValue::from_static(v);
    // A preflight says which method it asks for; any other OPTIONS (a tus client asking the upload
    // endpoint what it supports) goes to the platform.
    if req.method() == Method::OPTIONS && req.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD) {
        let allow_headers = req
            .headers()
            .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
            .cloned()
            .unwrap_or_else(|| h("authorization, content-type"));
        let mut res = StatusCode::NO_CONTENT.into_response();
        let hs = res.headers_mut();
        hs.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, h("*"));
        hs.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            h("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"),
        );
        hs.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, allow_headers);
        hs.insert(header::ACCESS_CONTROL_MAX_AGE, h("86400"));
        return res;
    }
    let mut res = next.run(req).await;
    let hs = res.headers_mut();
    hs.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, h("*"));
    hs.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, h("*"));
    res
}

/// One log line per request: method, path (no query, no headers), status, duration.
async fn access_log(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let (method, path) = (req.method().clone(), req.uri().path().to_owned());
    let res = next.run(req).await;
    shared.log(format_args!(
        "{method} {path} {} {:.1}ms",
        res.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    ));
    res
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/_sandbox/health", get(health))
        .route("/_sandbox/streams/{id}/connect", post(connect))
        .route("/_sandbox/streams/{id}/disconnect", post(disconnect))
        .route("/_sandbox/advance", post(advance))
        .route("/_sandbox/reset", post(reset))
        .route("/_sandbox/webhooks", get(webhooks))
        .route("/_sandbox/events", get(events))
        .route("/_sandbox/{*rest}", axum::routing::any(sandbox_not_found))
        .fallback(platform_api)
        // Upload chunks (tus PATCH) are read whole: larger files go in several chunks.
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(Arc::clone(&shared), control_auth))
        .layer(middleware::from_fn(cors))
        .layer(middleware::from_fn_with_state(Arc::clone(&shared), access_log))
        .with_state(shared)
}

/// A running sandbox server.
pub struct Running {
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    server: JoinHandle<std::io::Result<()>>,
    ticker: JoinHandle<()>,
}

impl fmt::Debug for Running {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Running")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Running {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Its base URL, e.g. `http://127.0.0.1:8787`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting connections, finishes requests in flight and stops the clock task.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        // Requests in flight get a few seconds; then the server task is cut off.
        if tokio::time::timeout(Duration::from_secs(5), &mut self.server)
            .await
            .is_err()
        {
            self.server.abort();
        }
        self.ticker.abort();
    }

    /// Waits until the server stops (e.g. on an I/O error).
    ///
    /// # Errors
    /// The server's I/O error.
    pub async fn wait(self) -> std::io::Result<()> {
        let r = self
            .server
            .await
            .unwrap_or_else(|e| Err(std::io::Error::other(e)));
        self.ticker.abort();
        r
    }
}

/// Binds `addr` and serves the sandbox on it, in the background of the current tokio runtime.
///
/// # Errors
/// An invalid configuration ([`ServerConfig::validate`]) or the bind error.
pub async fn start(addr: SocketAddr, config: ServerConfig) -> std::io::Result<Running> {
    config
        .validate()
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let (events, _) = broadcast::channel(1024);
    let mut connector = HttpConnector::new();
    connector.set_connect_timeout(Some(config.delivery_timeout));
    let shared = Arc::new(Shared {
        platform: Mutex::new(Platform::new(config.platform.clone())),
        clock: Mutex::new(Clock {
            start_ms: config.start_ms,
            real_start: Instant::now(),
            speed: config.speed,
            offset_ms: 0,
        }),
        records: Mutex::new(Vec::new()),
        delivery: tokio::sync::Mutex::new(SplitMix64::new(config.platform.seed ^ 0x5EED_0FC4_A05E_ED00)),
        events,
        closing: tokio::sync::watch::channel(false).0,
        wake: Notify::new(),
        http: HttpClient::builder(TokioExecutor::new()).build(connector),
        config,
    });
    let ticker = tokio::spawn(ticker(Arc::clone(&shared)));
    let closing = shared.closing.clone();
    let app = router(shared);
    let (tx, rx) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = rx.await;
                let _ = closing.send(true);
            })
            .await
    });
    Ok(Running {
        addr,
        shutdown: Some(tx),
        server,
        ticker,
    })
}

/// A one-line startup summary for logs (it says whether an API key is set, never the key).
pub fn summary(config: &ServerConfig, addr: SocketAddr) -> String {
    let mut parts = BTreeMap::new();
    parts.insert(
        "api_key",
        if config.platform.api_key.is_some() {
            "required (set)"
        } else {
            "any"
        }
        .to_owned(),
    );
    parts.insert("webhook_urls", config.webhook_urls.len().to_string());
    parts.insert("speed", config.speed.to_string());
    parts.insert("quota", config.platform.quota.to_string());
    parts.insert("seed", config.platform.seed.to_string());
    let p: Vec<String> = parts.into_iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!(
        "gcore-streaming-sandbox {} on http://{addr} ({})",
        crate::VERSION,
        p.join(", ")
    )
}
