//! Helpers of the sandbox server tests: a tiny HTTP client (to be swapped for the crate's client
//! once it lands) and a local webhook receiver. Every network call has a timeout.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::routing::post;
use axum::Router;
use gcore_streaming::server::{start, Running, ServerConfig};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const KEY: &str = "29841_c767sandbox";
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// One HTTP answer.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.text))
    }
}

/// A minimal API caller: `Authorization: APIKey <key>`, JSON bodies.
#[derive(Clone)]
pub struct Api {
    pub base: String,
    pub key: Option<String>,
    client: Client<HttpConnector, Full<Bytes>>,
}

impl Api {
    pub fn new(base: &str, key: Option<&str>) -> Self {
        Self {
            base: base.to_owned(),
            key: key.map(str::to_owned),
            client: Client::builder(TokioExecutor::new()).build_http(),
        }
    }

    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<String>,
    ) -> Resp {
        let mut b = Request::builder()
            .method(Method::from_bytes(method.as_bytes()).unwrap())
            .uri(format!("{}{path}", self.base));
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        // The control endpoints take the server's key too (when it has one).
        if path.starts_with("/_sandbox/")
            && !headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("authorization"))
        {
            if let Some(key) = &self.key {
                b = b.header("authorization", format!("APIKey {key}"));
            }
        }
        let req = b.body(Full::new(Bytes::from(body.unwrap_or_default()))).unwrap();
        let res = tokio::time::timeout(TIMEOUT, self.client.request(req))
            .await
            .expect("request timed out")
            .expect("request failed");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = tokio::time::timeout(TIMEOUT, res.into_body().collect())
            .await
            .expect("body timed out")
            .expect("body failed")
            .to_bytes();
        Resp {
            status,
            headers,
            text: String::from_utf8(bytes.to_vec()).unwrap(),
        }
    }

    /// An API call with the key and an optional JSON body.
    pub async fn call(&self, method: &str, path: &str, body: Option<Value>) -> Resp {
        let auth = self.key.as_ref().map(|k| format!("APIKey {k}"));
        let mut headers = vec![("content-type", "application/json")];
        if let Some(a) = auth.as_deref() {
            headers.push(("authorization", a));
        }
        self.raw(method, path, &headers, body.map(|b| b.to_string()))
            .await
    }

    /// A control call (`/_sandbox/...`), expecting 200 JSON.
    pub async fn control(&self, method: &str, path: &str) -> Value {
        let r = self.raw(method, path, &[], None).await;
        assert_eq!(r.status, 200, "{method} {path}: {}", r.text);
        r.json()
    }

    /// Moves the simulated clock and waits until the webhooks due are delivered.
    pub async fn advance(&self, ms: u64) -> Value {
        self.control("POST", &format!("/_sandbox/advance?ms={ms}")).await
    }
}

/// A local webhook receiver on 127.0.0.1:0 that records every POSTed JSON body.
pub struct Receiver {
    pub url: String,
    pub received: Arc<Mutex<Vec<Value>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Receiver {
    pub async fn start(status: StatusCode) -> Self {
        let received = Arc::new(Mutex::new(Vec::new()));
        async fn hook(
            State((store, status)): State<(Arc<Mutex<Vec<Value>>>, StatusCode)>,
            headers: HeaderMap,
            body: Bytes,
        ) -> StatusCode {
            assert_eq!(headers.get("content-type").unwrap(), "application/json");
            store.lock().unwrap().push(serde_json::from_slice(&body).unwrap());
            status
        }
        let app = Router::new()
            .route("/hooks", post(hook))
            .with_state((Arc::clone(&received), status));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hooks?secret=s3cr3t", listener.local_addr().unwrap());
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Self { url, received, task }
    }

    pub fn take(&self) -> Vec<Value> {
        std::mem::take(&mut *self.received.lock().unwrap())
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A sandbox with a stopped clock (virtual time only), the test key and the given webhook URLs.
pub async fn sandbox(mut config: ServerConfig, webhook_urls: Vec<String>) -> (Running, Api) {
    config.platform.api_key = Some(KEY.into());
    config.webhook_urls = webhook_urls;
    config.speed = 0.0;
    let running = start("127.0.0.1:0".parse().unwrap(), config).await.unwrap();
    let api = Api::new(&running.url(), Some(KEY));
    (running, api)
}

/// A webhook reduced to the facts the guide shows.
pub fn brief(w: &Value) -> String {
    let m = &w["message"];
    match w["type"].as_str().unwrap() {
        "stream" => {
            let s = &m["stream"];
            format!(
                "stream {} live={} recording={}",
                s["id"], s["live"], s["recording"]
            )
        }
        "broadcast" => format!(
            "broadcast {} {}",
            m["broadcast"]["id"],
            m["broadcast"]["status"].as_str().unwrap()
        ),
        other => format!(
            "{other} {} {}",
            m["video"]["id"],
            m["video"]["status"].as_str().unwrap()
        ),
    }
}
