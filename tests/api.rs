//! The generated operation table (`domain::api`) and `Client::call`: the table is the Python SDK's
//! names (scripts/api/names.json) over the spec's operations; requests are encoded as the spec says;
//! `Client::call` against Prism serving the spec on 127.0.0.1 with request validation on (skipped,
//! saying so, when the spec or Prism is not at hand).
#![cfg(not(target_family = "wasm"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use gcore_streaming::client::native::HyperTransport;
use gcore_streaming::client::{Auth, Client, ClientConfig, ClientError};
use gcore_streaming::domain::api::{self, BodyKind, OPERATIONS};
use gcore_streaming::domain::platform::{Platform, PlatformConfig, PlatformRequest};
use gcore_streaming::domain::request::Method;
use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};

#[test]
fn the_table_is_the_python_sdks_names_over_the_specs_operations() {
    let names: Value = serde_json::from_str(include_str!("../scripts/api/names.json")).unwrap();
    let methods = names["methods"].as_array().unwrap();
    assert_eq!(methods.len(), OPERATIONS.len());
    assert_eq!(OPERATIONS.len(), 89);
    for (n, op) in methods.iter().zip(OPERATIONS) {
        assert_eq!(n["python"], op.name);
        assert_eq!(n["http"], format!("{} {}", op.method, op.path));
        let positional: Vec<&str> = n["positional"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(positional, op.positional, "{}", op.name);
        assert_eq!(
            n["body"] == json!(true),
            op.body == BodyKind::Whole,
            "{}",
            op.name
        );
        assert_eq!(api::operation(op.name), Some(op));
    }
    // The spec's two operations the Python SDK lacks.
    assert_eq!(
        api::operation("streams.reset_push_token").unwrap().method,
        Method::Post
    );
    assert_eq!(
        api::operation("statistics.get_reseller_stream_series")
            .unwrap()
            .path,
        "/streaming/statistics/reseller/stream"
    );
}

#[test]
fn requests_are_encoded_as_the_spec_says() {
    let op = |name| api::operation(name).unwrap();
    let req = op("statistics.get_views")
        .request(&json!({ "date_from": "a b", "date_to": "c", "group": ["host", "os"] }))
        .unwrap();
    assert_eq!(req.method, Method::Get);
    assert_eq!(
        req.path_and_query(),
        "/streaming/statistics/views?date_from=a%20b&date_to=c&group=host&group=os"
    );
    assert_eq!(req.body, None);
    let req = op("videos.list_names")
        .request(&json!({ "ids": [1, 2] }))
        .unwrap();
    assert_eq!(req.path_and_query(), "/streaming/videos/names?ids=1,2");
    let req = op("streams.overlays.create")
        .request(&json!({ "stream_id": 5, "body": [{ "url": "u" }] }))
        .unwrap();
    assert_eq!(req.path, "/streaming/streams/5/overlays");
    assert_eq!(req.body.as_deref(), Some(r#"[{"url":"u"}]"#));
    let req = op("videos.subtitles.update")
        .request(&json!({ "id": 3, "video_id": 9, "language": "ger" }))
        .unwrap();
    assert_eq!(req.path, "/streaming/videos/9/subtitles/3");
    assert_eq!(req.body.as_deref(), Some(r#"{"language":"ger"}"#));
    let req = op("ai_tasks.get").request(&json!({ "task_id": "a/b" })).unwrap();
    assert_eq!(req.path, "/streaming/ai/tasks/a%2Fb");
    // A method without a body sends none; its unknown names and missing path ids are errors.
    let req = op("streams.clear_dvr")
        .request(&json!({ "stream_id": 5 }))
        .unwrap();
    assert_eq!((req.method, req.body), (Method::Put, None));
    let e = op("streams.clear_dvr")
        .request(&json!({ "stream_id": 5, "x": 1 }))
        .unwrap_err();
    assert_eq!(
        (e.path.as_str(), e.message.as_str()),
        ("x", "is not a parameter of streams.clear_dvr")
    );
    let e = op("players.get").request(&Value::Null).unwrap_err();
    assert_eq!(
        (e.path.as_str(), e.message.as_str()),
        ("player_id", "is required")
    );
    let e = op("players.get")
        .request(&json!({ "player_id": {} }))
        .unwrap_err();
    assert_eq!(e.path, "player_id");
    let e = op("statistics.get_views").request(&json!([1])).unwrap_err();
    assert_eq!(e.path, "params");
}

/// Prism serving the spec on a free loopback port, stopped on drop.
struct Prism(Child, String);

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn prism() -> Option<Prism> {
    let root = env!("CARGO_MANIFEST_DIR");
    let spec = std::env::var("GS_SPEC")
        .unwrap_or_else(|_| format!("{root}/../shared/spec/gcore-streaming-openapi.yaml"));
    let bin = format!("{root}/node_modules/.bin/prism");
    if !std::path::Path::new(&spec).exists() || !std::path::Path::new(&bin).exists() {
        eprintln!("skipped: no spec at {spec} or no {bin}");
        return None;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(bin)
        .args([
            "mock",
            "--errors",
            "--dynamic",
            "--seed",
            "1",
            "-h",
            "127.0.0.1",
            "-p",
            &port.to_string(),
            &spec,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let p = Prism(child, format!("http://127.0.0.1:{port}"));
    for _ in 0..300 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Some(p);
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("prism did not start");
}

#[tokio::test]
async fn client_call_against_prism() {
    let Some(prism) = prism() else { return };
    let client = Client::new(
        HyperTransport::new(),
        ClientConfig {
            auth: Auth::ApiKey("test-key".into()),
            base_url: prism.1.clone(),
            ..ClientConfig::default()
        },
    );
    let call = |name: &str, params: Value| {
        let op = api::operation(name).unwrap();
        let client = &client;
        async move { client.call(op, &params, &Default::default()).await }
    };
    let player = call("players.get", json!({ "player_id": 5 }))
        .await
        .unwrap()
        .unwrap();
    assert!(player.is_object(), "{player}");
    let page = call("players.list", json!({ "page": 2 })).await.unwrap().unwrap();
    assert!(page.is_array(), "{page}");
    let views = call(
        "statistics.get_views",
        json!({ "date_from": "2024-05-01T00:00:00Z", "date_to": "2024-05-31T23:59:59Z", "group": ["host", "os"] }),
    )
    .await
    .unwrap();
    assert!(views.is_some());
    let overlays = call(
        "streams.overlays.create",
        json!({ "stream_id": 5, "body": [{ "url": "https://example.com/o.html" }] }),
    )
    .await
    .unwrap()
    .unwrap();
    assert!(overlays.is_array(), "{overlays}");
    assert_eq!(
        call("streams.clear_dvr", json!({ "stream_id": 5 }))
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        call("players.delete", json!({ "player_id": 5 })).await.unwrap(),
        None
    );
    // A request the spec does not allow: Prism answers an error, a typed `ClientError::Api`.
    match call(
        "statistics.get_views",
        json!({ "date_to": "2024-05-31T23:59:59Z" }),
    )
    .await
    {
        Err(ClientError::Api(e)) => assert!((400..500).contains(&e.status), "{}", e.status),
        other => panic!("{other:?}"),
    }
    match call("players.get", json!({})).await {
        Err(ClientError::InvalidParams(e)) => assert_eq!(e.path, "player_id"),
        other => panic!("{other:?}"),
    }
}

/// The sandbox emulates the guide's resources only: every other operation of the table is a 404 there
/// (405 for another method on one of the guide's paths; documented in docs/api.md), while the guide's
/// lists answer.
#[test]
fn the_sandbox_answers_404_outside_the_guide() {
    const GUIDE: [&str; 17] = [
        "streams.create",
        "streams.get",
        "streams.list",
        "streams.update",
        "streams.delete",
        "streams.start_recording",
        "streams.stop_recording",
        "broadcasts.create",
        "broadcasts.get",
        "broadcasts.list",
        "broadcasts.update",
        "broadcasts.delete",
        "videos.get",
        "videos.list",
        "videos.delete",
        // A direct upload's two calls.
        "videos.create",
        "videos.get_parameters_for_direct_upload",
    ];
    let mut platform = Platform::new(PlatformConfig::default());
    for op in OPERATIONS {
        let ids: serde_json::Map<String, Value> =
            op.path_params().map(|p| (p.to_owned(), json!(1))).collect();
        let req = op.request(&Value::Object(ids)).unwrap();
        let sent = PlatformRequest::new(
            req.method.as_str(),
            &req.path_and_query(),
            Some("APIKey k"),
            req.body.as_deref().unwrap_or(""),
        );
        let status = platform.handle(&sent, 0).status;
        if GUIDE.contains(&op.name) {
            // (Id 1 does not exist there: only the lists show that the guide's routes are served.)
            if op.name.ends_with(".list") {
                assert_eq!(status, 200, "{}", op.name);
            }
        } else {
            // 405 where the path is one of the guide's and the method is not.
            let guide_path = OPERATIONS
                .iter()
                .any(|g| GUIDE.contains(&g.name) && g.path == op.path && g.method != op.method);
            let want = if guide_path { 405 } else { 404 };
            assert_eq!(status, want, "{} {} {}", op.name, req.method, req.path);
        }
    }
}
