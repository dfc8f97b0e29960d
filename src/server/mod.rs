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
use crate::domain::platform::{redacted_debug, Platform, PlatformConfig, PlatformRequest, Webhook};
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

mod http;
use http::router;
pub use http::{MAX_ADVANCE_MS, MAX_BODY_BYTES};

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

// Webhook URLs may carry credentials: only their number is shown.
redacted_debug! {
    ServerConfig {
        platform,
        webhook_urls: webhook_urls.len(),
        speed, start_ms, chaos, delivery_timeout, log,
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
