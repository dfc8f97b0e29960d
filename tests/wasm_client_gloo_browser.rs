//! The Rust client's own HTTP in headless Chromium: `Client<FetchTransport>` without an injected
//! fetch sends over gloo-net (what a Leptos, Yew or Dioxus app depending on the crate runs), against
//! the sandbox server (`GS_SANDBOX_URL` at compile time, started by scripts/with-servers.sh).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use gcore_streaming::client::fetch::FetchTransport;
use gcore_streaming::client::{
    Auth, CallOptions, Client, ClientConfig, ClientError, HttpRequest, Transport, TransportError,
};
use gcore_streaming::domain::model::BroadcastStatus;
use gcore_streaming::domain::request::{BroadcastParams, Method, StreamParams};
use gcore_streaming::domain::{BroadcastId, StreamId};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SANDBOX: &str = match option_env!("GS_SANDBOX_URL") {
    Some(s) => s,
    None => "http://127.0.0.1:8787",
};

fn client() -> Client<FetchTransport> {
    Client::new(
        FetchTransport::new(None),
        ClientConfig {
            auth: Auth::ApiKey("gloo-test-key".into()),
            base_url: SANDBOX.into(),
            timeout_ms: 5000.0,
            ..ClientConfig::default()
        },
    )
}

fn no() -> CallOptions<JsValue> {
    CallOptions::default()
}

#[wasm_bindgen_test]
async fn gloo_net_carries_the_guides_calls() {
    let c = client();
    let name = format!("gloo_{}", (js_sys::Math::random() * 1e9) as u64);
    let stream = c
        .create_stream(
            &StreamParams {
                name: Some(name.clone()),
                active: Some(false),
                ..Default::default()
            },
            &no(),
        )
        .await
        .expect("the sandbox server is running (scripts/with-servers.sh)");
    assert_eq!(stream.name.as_deref(), Some(name.as_str()));
    assert_eq!(stream.active, Some(false));
    let got = c.get_stream(stream.id, &no()).await.unwrap();
    assert_eq!(got.id, stream.id);
    let broadcast = c
        .create_broadcast(
            &BroadcastParams {
                name: Some(format!("{name}_b")),
                status: Some(BroadcastStatus::Pending),
                stream_ids: Some(vec![stream.id]),
                ..Default::default()
            },
            &no(),
        )
        .await
        .unwrap()
        .expect("the sandbox answers the broadcast");
    let broadcast_id = broadcast.id.expect("the broadcast's id");
    let read = c.get_broadcast(broadcast_id, &no()).await.unwrap();
    assert_eq!(read.stream_ids, Some(vec![stream.id]));
    c.delete_broadcast(broadcast_id, &no()).await.unwrap();
    c.delete_stream(stream.id, &no()).await.unwrap();
    // The platform's typed errors come back through the same transport.
    match c.get_stream(stream.id, &no()).await {
        Err(ClientError::Api(e)) => {
            assert_eq!(e.status, 404);
            assert_eq!(e.code, "not_found");
        }
        other => panic!("expected a 404, got {other:?}"),
    }
    match c.get_broadcast(BroadcastId(999_999_999), &no()).await {
        Err(ClientError::Api(e)) => assert_eq!(e.status, 404),
        other => panic!("expected a 404, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn gloo_net_sends_the_headers_and_body_and_reads_the_answer() {
    let t = FetchTransport::new(None);
    let answer = t
        .send(
            HttpRequest {
                method: Method::Post,
                url: format!("{SANDBOX}/streaming/streams"),
                headers: vec![
                    ("Accept".into(), "application/json".into()),
                    ("Content-Type".into(), "application/json".into()),
                    ("Authorization".into(), "APIKey k".into()),
                ],
                body: Some(r#"{"name":"gloo_raw"}"#.into()),
                timeout_ms: 5000.0,
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(answer.status, 200, "{}", answer.body);
    let v: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(v["name"], "gloo_raw");
    let id = v["id"].as_u64().unwrap();
    client().delete_stream(StreamId(id), &no()).await.unwrap();
}

#[wasm_bindgen_test]
async fn gloo_net_honours_the_callers_signal_and_refused_connections() {
    let t = FetchTransport::new(None);
    let req = |url: String| HttpRequest {
        method: Method::Get,
        url,
        headers: vec![("Accept".into(), "application/json".into())],
        body: None,
        timeout_ms: 5000.0,
    };
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    let signal: JsValue = controller.signal().into();
    let e = t
        .send(req(format!("{SANDBOX}/streaming/streams")), Some(&signal))
        .await
        .unwrap_err();
    assert_eq!(e, TransportError::Aborted);
    // Nothing listens on port 9: a network error, not a timeout or an abort.
    match t
        .send(req("http://127.0.0.1:9/streaming/streams".into()), None)
        .await
    {
        Err(TransportError::Network(message)) => assert!(!message.is_empty()),
        other => panic!("expected a network error, got {other:?}"),
    }
}
