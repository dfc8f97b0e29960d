//! LiveSession against a scripted HTTP server on 127.0.0.1: what only the Rust API has, and the
//! scenarios of tests/fixtures/session/scenarios.json, which the JS session runs too.
#![cfg(not(target_family = "wasm"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "support/client_server.rs"]
mod server;

use gcore_streaming::client::native::{AbortHandle, HyperTransport};
use gcore_streaming::client::{
    Auth, CallOptions, Client, ClientConfig, ClientError, LiveSession, SessionOptions, SessionStatus,
    WaitOptions,
};
use gcore_streaming::domain::model::VideoStatus;
use gcore_streaming::domain::response::ResponseValue;
use gcore_streaming::domain::webhook::Action;
use gcore_streaming::domain::{BroadcastId, VideoId};
use serde_json::json;
use server::{canned, TestServer};
use std::rc::Rc;
use std::time::Duration;

fn no() -> CallOptions<AbortHandle> {
    CallOptions::default()
}

async fn within<F: std::future::Future>(f: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(10), f)
        .await
        .expect("test timed out")
}

async fn setup() -> (TestServer, Rc<Client<HyperTransport>>) {
    let srv = TestServer::start().await;
    let c = Client::new(
        HyperTransport::new(),
        ClientConfig {
            auth: Auth::ApiKey("k".into()),
            base_url: srv.url.clone(),
            ..ClientConfig::default()
        },
    );
    (srv, Rc::new(c))
}

fn seen(srv: &TestServer) -> Vec<(String, String, String)> {
    srv.seen()
        .into_iter()
        .map(|r| (r.method, r.path, r.body))
        .collect()
}

fn t(m: &str, p: &str, b: &str) -> (String, String, String) {
    (m.into(), p.into(), b.into())
}

#[tokio::test]
async fn reuse_updates_the_region_and_a_bodyless_create_is_found_by_listing() {
    within(async {
        let (srv, c) = setup().await;
        srv.script(vec![
            canned(200, r#"{"id":320423,"active":false}"#),
            canned(200, ""),
            // A server that pages by 2: the match is on the second page, an empty page ends the list.
            canned(
                200,
                r#"[{"id":5,"name":"test_broadcast","stream_ids":[1]},{"id":11,"name":"other","stream_ids":[320423]}]"#,
            ),
            canned(
                200,
                r#"[{"id":9,"name":"test_broadcast","stream_ids":[320423]},{"id":7,"name":"test_broadcast","stream_ids":[320423]}]"#,
            ),
            canned(200, "[]"),
            canned(200, r#"{"id":320423,"active":true}"#),
        ]);
        let opts: SessionOptions = serde_json::from_value(json!({
            "streamId": 320423, "transcodingRegion": "dt1", "broadcast": {"name": "test_broadcast"}
        }))
        .unwrap();
        let s = LiveSession::setup(c, opts, &no()).await.unwrap();
        assert_eq!(s.state().broadcast.id, Some(BroadcastId(9)));
        let got = seen(&srv);
        assert_eq!(got[0], t("PATCH", "/streaming/streams/320423", r#"{"stream":{"transcoding_region":"dt1"}}"#));
        assert_eq!(got[2], t("GET", "/streaming/broadcasts?page=1", ""));
        assert_eq!(got[3], t("GET", "/streaming/broadcasts?page=2", ""));
        assert_eq!(got[4], t("GET", "/streaming/broadcasts?page=3", ""));
        assert_eq!(got[5], t("PATCH", "/streaming/streams/320423", r#"{"stream":{"active":true}}"#));
        assert_eq!(got.len(), 6);
    })
    .await;
}

#[tokio::test]
async fn bad_options_fail_before_any_call() {
    within(async {
        let (srv, c) = setup().await;
        let no_name: SessionOptions =
            serde_json::from_value(json!({"stream": {"name": "s"}, "broadcast": {}})).unwrap();
        let err = LiveSession::setup(c.clone(), no_name, &no()).await.unwrap_err();
        let ClientError::InvalidParams(p) = err else {
            panic!()
        };
        assert_eq!(p.path, "broadcast.name");
        let no_stream: SessionOptions = serde_json::from_value(json!({"broadcast": {"name": "b"}})).unwrap();
        let ClientError::InvalidParams(p) = LiveSession::setup(c, no_stream, &no()).await.unwrap_err() else {
            panic!()
        };
        assert_eq!(p.path, "stream");
        assert!(srv.seen().is_empty());
        assert!(serde_json::from_value::<SessionOptions>(json!({"broadcast": {}, "typo": 1})).is_err());
    })
    .await;
}

fn attached(c: Rc<Client<HyperTransport>>) -> LiveSession<HyperTransport> {
    let state = serde_json::from_value(json!({
        "stream": {"id": 320423}, "broadcast": {"id": 192470}, "status": "live", "recording": true
    }))
    .unwrap();
    LiveSession::attach(c, state)
}

#[tokio::test]
async fn perform_executes_a_tracker_action_and_follows_its_result() {
    within(async {
        let (srv, c) = setup().await;
        let s = attached(c);
        let action: Action = serde_json::from_value(json!({
            "operation": "stop_recording", "stream_id": 320423, "reason": "the stream went down", "step": 9
        }))
        .unwrap();
        srv.script(vec![canned(200, r#"{"id":42,"status":"pending"}"#)]);
        let r = s.perform(&action, &no()).await.unwrap();
        assert!(matches!(r, ResponseValue::Video(Some(_))));
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            json!({"id": 42, "status": "pending"})
        );
        assert_eq!(s.state().videos[0].id, VideoId(42));
        assert!(!s.state().recording);
        let action: Action = serde_json::from_value(json!({
            "operation": "update_broadcast", "broadcast_id": 192470,
            "body": {"broadcast": {"status": "paused"}}, "reason": "interruption"
        }))
        .unwrap();
        srv.script(vec![canned(200, r#"{"id":192470,"status":"paused"}"#)]);
        s.perform(&action, &no()).await.unwrap();
        assert_eq!(srv.seen()[0].body, r#"{"broadcast":{"status":"paused"}}"#);
        assert_eq!(s.state().status, SessionStatus::Paused);
        let bad: Action = serde_json::from_value(json!({"operation": "get_video", "reason": "x"})).unwrap();
        let ClientError::InvalidParams(p) = s.perform(&bad, &no()).await.unwrap_err() else {
            panic!()
        };
        assert_eq!(p.path, "video_id");
        assert_eq!(p.message, "is required for get_video");
    })
    .await;
}

#[tokio::test]
async fn waiting_ends_on_error_timeout_abort_or_a_webhook_nudge() {
    within(async {
        let (srv, c) = setup().await;
        let s = attached(c);
        let slow = WaitOptions {
            video_id: Some(VideoId(5)),
            interval_ms: 60_000.0,
            max_interval_ms: 60_000.0,
            timeout_ms: 120_000.0,
        };
        // A webhook says the video is ready: poll at once instead of waiting a minute.
        srv.script(vec![
            canned(200, r#"{"id":5,"status":"pending"}"#),
            canned(200, r#"{"id":5,"status":"ready"}"#),
        ]);
        let nudge = async {
            tokio::time::sleep(Duration::from_millis(30)).await;
            assert!(
                !s.notify_video(VideoId(6)),
                "another video does not wake the wait"
            );
            assert!(s.notify_video(VideoId(5)));
        };
        let none = no();
        let (v, ()) = tokio::join!(s.wait_for_video_ready(&slow, &none), nudge);
        assert_eq!(v.unwrap().status, Some(VideoStatus::Ready));
        assert!(!s.notify_video(VideoId(5)), "nobody waits any more");

        srv.script(vec![canned(
            200,
            r#"{"id":5,"status":"error","error":"The storage limit has been exceeded"}"#,
        )]);
        let err = s.wait_for_video_ready(&slow, &no()).await.unwrap_err();
        assert_eq!(err.code(), "video_failed");
        assert!(err.to_string().contains("storage limit"));

        srv.script(vec![canned(200, r#"{"id":5,"status":"pending"}"#)]);
        let handle = AbortHandle::new();
        let opts = CallOptions {
            signal: Some(handle.clone()),
            ..no()
        };
        let abort = async {
            tokio::time::sleep(Duration::from_millis(30)).await;
            handle.abort();
        };
        let (r, ()) = tokio::join!(s.wait_for_video_ready(&slow, &opts), abort);
        assert_eq!(r.unwrap_err().code(), "aborted");

        srv.script(vec![
            canned(200, r#"{"id":5,"status":"pending"}"#),
            canned(200, r#"{"id":5,"status":"pending"}"#),
        ]);
        let short = WaitOptions {
            interval_ms: 1.0,
            timeout_ms: 0.0,
            ..slow
        };
        assert_eq!(
            s.wait_for_video_ready(&short, &no()).await.unwrap_err().code(),
            "timeout"
        );
        let fresh = attached(setup().await.1);
        assert_eq!(
            fresh
                .wait_for_video_ready(&WaitOptions::default(), &no())
                .await
                .unwrap_err()
                .code(),
            "invalid_state"
        );
    })
    .await;
}

/// The scenarios of tests/fixtures/session/scenarios.json, which the JS session
/// (tests/js/cases/session.mjs) runs too: the same requests, results and states.
mod shared_scenarios {
    use super::*;
    use serde_json::Value;

    fn answers(step: &Value) -> Vec<server::Canned> {
        step["answers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                let status = a["status"].as_u64().unwrap_or(200) as u16;
                let body = match (&a["body"], &a["text"]) {
                    (Value::Null, Value::String(t)) => t.clone(),
                    (Value::Null, _) => String::new(),
                    (b, _) => b.to_string(),
                };
                canned(status, &body)
            })
            .collect()
    }

    fn requests(srv: &TestServer) -> Vec<String> {
        srv.seen()
            .into_iter()
            .map(|r| match r.body.as_str() {
                "" => format!("{} {}", r.method, r.path),
                b => format!("{} {} {b}", r.method, r.path),
            })
            .collect()
    }

    fn json<T: serde::Serialize>(v: T) -> Value {
        serde_json::to_value(v).unwrap()
    }

    fn args<T: serde::de::DeserializeOwned>(step: &Value) -> T {
        let a = match &step["args"] {
            Value::Null => json!({}),
            a => a.clone(),
        };
        serde_json::from_value(a).unwrap()
    }

    async fn call(
        c: &Rc<Client<HyperTransport>>,
        session: &mut Option<LiveSession<HyperTransport>>,
        step: &Value,
    ) -> Result<Option<Value>, ClientError> {
        let name = step["call"].as_str().unwrap();
        if name == "setup" {
            *session = Some(LiveSession::setup(c.clone(), args(step), &no()).await?);
            return Ok(None);
        }
        let s = session.as_ref().expect("a step before setup or attach");
        Ok(Some(match name {
            "goLive" => json(s.go_live(&no()).await?),
            "startRecording" => json(s.start_recording(&no()).await?),
            "pause" => {
                let stop = step["args"]["stopRecording"].as_bool().unwrap_or(false);
                json(s.pause(stop, &no()).await?)
            }
            "resume" => json(s.resume(&no()).await?),
            "stop" => json(s.stop(&no()).await?),
            "waitForVideoReady" => json(s.wait_for_video_ready(&args(step), &no()).await?),
            "perform" => json(s.perform(&args::<Action>(step), &no()).await?),
            other => panic!("unknown call {other}"),
        }))
    }

    #[tokio::test]
    async fn the_rust_session_runs_the_shared_scenarios() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/session/scenarios.json"
        ))
        .unwrap();
        let table: Value = serde_json::from_str(&text).unwrap();
        let scenarios = table["scenarios"].as_array().unwrap();
        assert!(scenarios.len() >= 8);
        within(async {
            for sc in scenarios {
                let name = sc["name"].as_str().unwrap();
                let (srv, c) = setup().await;
                let mut session = match &sc["attach"] {
                    Value::Null => None,
                    st => Some(LiveSession::attach(
                        c.clone(),
                        serde_json::from_value(st.clone()).unwrap(),
                    )),
                };
                for (i, step) in sc["steps"].as_array().unwrap().iter().enumerate() {
                    let at = format!("{name}, step {i} ({})", step["call"]);
                    srv.script(answers(step));
                    let got = call(&c, &mut session, step).await;
                    assert_eq!(json(requests(&srv)), step["requests"], "{at}: requests");
                    match (got, &step["error"]) {
                        (Ok(value), Value::Null) => {
                            if let (Some(v), Some(want)) = (value, step.get("value")) {
                                assert_eq!(&v, want, "{at}: value");
                            }
                        }
                        (Ok(_), want) => panic!("{at}: resolved, expected the error {want}"),
                        (Err(e), Value::Null) => panic!("{at}: {e}"),
                        (Err(e), want) => {
                            assert_eq!(e.code(), want["code"], "{at}: error code ({e})");
                            if let Some(op) = want["operation"].as_str() {
                                assert_eq!(e.operation().map(|o| o.as_str()), Some(op), "{at}: operation");
                            }
                        }
                    }
                    if let Some(want) = step.get("state") {
                        let s = session.as_ref().expect("a state without a session");
                        assert_eq!(&json(s.state()), want, "{at}: state");
                    }
                }
            }
        })
        .await;
    }
}
