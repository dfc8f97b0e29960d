//! A scripted HTTP server on 127.0.0.1 for the host client tests: tests queue canned responses and
//! read back the requests the client sent (method, path + query, headers, body).
#![allow(dead_code)]

use axum::body::{to_bytes, Body};
use axum::http::{Request, Response};
use axum::Router;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A canned answer.
#[derive(Clone, Debug, Default)]
pub struct Canned {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub delay_ms: u64,
}

pub fn canned(status: u16, body: &str) -> Canned {
    Canned {
        status,
        body: body.to_owned(),
        ..Canned::default()
    }
}

impl Canned {
    pub fn header(mut self, k: &str, v: &str) -> Self {
        self.headers.push((k.to_owned(), v.to_owned()));
        self
    }
    pub fn delay(mut self, ms: u64) -> Self {
        self.delay_ms = ms;
        self
    }
}

/// A request as received.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

#[derive(Default)]
struct State {
    queue: VecDeque<Canned>,
    seen: Vec<Seen>,
}

#[derive(Clone)]
pub struct TestServer {
    pub url: String,
    state: Arc<Mutex<State>>,
}

impl TestServer {
    pub async fn start() -> Self {
        let state = Arc::new(Mutex::new(State::default()));
        let st = state.clone();
        let app = Router::new().fallback(move |req: Request<Body>| {
            let st = st.clone();
            async move {
                let method = req.method().to_string();
                let path = req
                    .uri()
                    .path_and_query()
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_default();
                let headers = req
                    .headers()
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_owned()))
                    .collect();
                let bytes = to_bytes(req.into_body(), 1 << 20).await.unwrap_or_default();
                let body = String::from_utf8_lossy(&bytes).into_owned();
                let next = {
                    let mut s = st.lock().unwrap();
                    s.seen.push(Seen {
                        method,
                        path,
                        headers,
                        body,
                    });
                    s.queue.pop_front()
                };
                let c = next.unwrap_or_else(|| canned(418, r#"{"error":"no scripted response"}"#));
                if c.delay_ms > 0 {
                    tokio::time::sleep(Duration::from_millis(c.delay_ms)).await;
                }
                let mut b = Response::builder().status(c.status);
                for (k, v) in &c.headers {
                    b = b.header(k.as_str(), v.as_str());
                }
                b.body(Body::from(c.body)).unwrap()
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self {
            url: format!("http://{addr}"),
            state,
        }
    }

    pub fn script(&self, responses: Vec<Canned>) {
        let mut s = self.state.lock().unwrap();
        s.queue = responses.into();
        s.seen.clear();
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.state.lock().unwrap().seen.clone()
    }
}
