//! The native transport: hyper (HTTP/1.1, plain `http://` only) on tokio. It serves the host tests
//! and the sandbox conformance test; production use from Rust would need a TLS connector.

use super::{HttpRequest, HttpResponse, Transport, TransportError};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::{connect::HttpConnector, Client as HyperClient};
use hyper_util::rt::TokioExecutor;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::sync::Notify;

/// A cancellation handle: clone it, pass it in [`super::CallOptions::signal`], call [`AbortHandle::abort`].
#[derive(Clone, Debug, Default)]
pub struct AbortHandle(Arc<AbortInner>);

#[derive(Debug, Default)]
struct AbortInner {
    aborted: AtomicBool,
    notify: Notify,
}

impl AbortHandle {
    /// A fresh handle.
    pub fn new() -> Self {
        Self::default()
    }

    /// Aborts every call using this handle.
    pub fn abort(&self) {
        self.0.aborted.store(true, Ordering::SeqCst);
        self.0.notify.notify_waiters();
    }

    /// Whether it was aborted.
    pub fn is_aborted(&self) -> bool {
        self.0.aborted.load(Ordering::SeqCst)
    }

    async fn aborted(&self) {
        loop {
            let notified = self.0.notify.notified();
            if self.is_aborted() {
                return;
            }
            notified.await;
        }
    }
}

async fn until_aborted(signal: Option<&AbortHandle>) {
    match signal {
        Some(s) => s.aborted().await,
        None => std::future::pending().await,
    }
}

/// hyper + tokio transport.
#[derive(Clone, Debug)]
pub struct HyperTransport {
    client: HyperClient<HttpConnector, Full<Bytes>>,
    seed: Arc<AtomicU64>,
}

impl Default for HyperTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl HyperTransport {
    /// A transport with its own connection pool.
    pub fn new() -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(1);
        Self {
            client: HyperClient::builder(TokioExecutor::new()).build_http(),
            seed: Arc::new(AtomicU64::new((nanos as u64) | 1)),
        }
    }

    async fn round_trip(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut builder = hyper::Request::builder()
            .method(req.method.as_str())
            .uri(&req.url);
        for (k, v) in &req.headers {
            builder = builder.header(k.as_str(), v.as_str());
        }
        let body = Full::new(Bytes::from(req.body.unwrap_or_default()));
        let request = builder
            .body(body)
            .map_err(|e| TransportError::Network(format!("invalid request: {e}")))?;
        let resp = self
            .client
            .request(request)
            .await
            .map_err(|e| TransportError::Network(e.to_string()))?;
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_owned(), v.to_str().ok()?.to_owned())))
            .collect();
        let bytes = resp
            .into_body()
            .collect()
            .await
            .map_err(|e| TransportError::Network(e.to_string()))?
            .to_bytes();
        Ok(HttpResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }
}

fn duration(ms: f64) -> Duration {
    Duration::from_secs_f64((ms.max(0.0) / 1000.0).min(1.0e9))
}

impl Transport for HyperTransport {
    type Signal = AbortHandle;

    async fn send(
        &self,
        req: HttpRequest,
        signal: Option<&AbortHandle>,
    ) -> Result<HttpResponse, TransportError> {
        if signal.is_some_and(AbortHandle::is_aborted) {
            return Err(TransportError::Aborted);
        }
        let timeout = duration(req.timeout_ms);
        tokio::select! {
            r = tokio::time::timeout(timeout, self.round_trip(req)) => r.unwrap_or(Err(TransportError::Timeout)),
            () = until_aborted(signal) => Err(TransportError::Aborted),
        }
    }

    async fn sleep(&self, ms: f64, signal: Option<&AbortHandle>) -> Result<(), TransportError> {
        tokio::select! {
            () = tokio::time::sleep(duration(ms)) => Ok(()),
            () = until_aborted(signal) => Err(TransportError::Aborted),
        }
    }

    fn now_ms(&self) -> f64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    }

    fn random(&self) -> f64 {
        // xorshift64*: good enough for jitter.
        let mut x = self.seed.load(Ordering::Relaxed);
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.seed.store(x, Ordering::Relaxed);
        (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}
