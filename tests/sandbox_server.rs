//! The sandbox server's own features: CORS, control endpoints, SSE, reset, quota over HTTP, the
//! real-time clock and webhook delivery chaos.
#![cfg(not(target_family = "wasm"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod sandbox_support;

use axum::http::StatusCode;
use gcore_streaming::domain::platform::PlatformConfig;
use gcore_streaming::server::{start, Chaos, ServerConfig};
use http_body_util::BodyExt;
use sandbox_support::{sandbox, Api, Receiver, TIMEOUT};
use serde_json::{json, Value};
use std::time::Duration;

async fn live_stream(api: &Api) -> u64 {
    let r = api
        .call(
            "POST",
            "/streaming/streams",
            Some(json!({"name": "s", "active": true})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let id = r.json()["id"].as_u64().unwrap();
    api.advance(2_000).await;
    id
}

#[tokio::test]
async fn cors_preflight_and_headers() {
    let (server, api) = sandbox(ServerConfig::default(), vec![]).await;
    let r = api
        .raw(
            "OPTIONS",
            "/streaming/streams/1",
            &[
                ("origin", "http://localhost:5173"),
                ("access-control-request-method", "PATCH"),
                ("access-control-request-headers", "authorization, content-type"),
            ],
            None,
        )
        .await;
    assert_eq!(r.status, 204);
    assert_eq!(r.headers["access-control-allow-origin"], "*");
    assert!(r.headers["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .contains("PATCH"));
    assert_eq!(
        r.headers["access-control-allow-headers"],
        "authorization, content-type"
    );
    let r = api.call("GET", "/streaming/streams", None).await;
    assert_eq!(r.headers["access-control-allow-origin"], "*");
    let r = api
        .raw("GET", "/streaming/streams", &[("origin", "http://x")], None)
        .await;
    assert_eq!(
        (
            r.status,
            r.headers["access-control-allow-origin"].to_str().unwrap()
        ),
        (401, "*")
    );
    server.stop().await;
}

#[tokio::test]
async fn control_endpoints_report_errors_and_reset_starts_over() {
    let (server, api) = sandbox(ServerConfig::default(), vec![]).await;
    let health = api.control("GET", "/_sandbox/health").await;
    assert_eq!(
        (health["ok"].clone(), health["now"].clone()),
        (json!(true), json!("2026-01-01T00:00:00.000Z"))
    );
    let r = api.raw("POST", "/_sandbox/streams/42/connect", &[], None).await;
    assert_eq!(
        (r.status, r.json()["error"]["code"].clone()),
        (404, json!("stream_not_found"))
    );
    let r = api
        .call("POST", "/streaming/streams", Some(json!({"name": "idle"})))
        .await;
    let id = r.json()["id"].as_u64().unwrap();
    let r = api
        .raw("POST", &format!("/_sandbox/streams/{id}/connect"), &[], None)
        .await;
    assert_eq!(
        (r.status, r.json()["error"]["code"].clone()),
        (409, json!("stream_not_active"))
    );
    let r = api
        .raw("POST", &format!("/_sandbox/streams/{id}/disconnect"), &[], None)
        .await;
    assert_eq!(
        (r.status, r.json()["error"]["code"].clone()),
        (409, json!("not_live"))
    );
    let r = api.raw("POST", "/_sandbox/advance?ms=abc", &[], None).await;
    assert_eq!(r.status, 400);
    let r = api.raw("GET", "/_sandbox/nope", &[], None).await;
    assert_eq!(r.status, 404);
    let adv = api.advance(1_500).await;
    assert_eq!(adv["now"], "2026-01-01T00:00:01.500Z");
    api.control("POST", "/_sandbox/reset").await;
    assert_eq!(
        api.control("GET", "/_sandbox/health").await["now"],
        "2026-01-01T00:00:00.000Z"
    );
    assert_eq!(
        api.call("GET", "/streaming/streams", None).await.json(),
        json!([])
    );
    assert_eq!(api.control("GET", "/_sandbox/webhooks").await, json!([]));
    let again = api
        .call("POST", "/streaming/streams", Some(json!({"name": "idle"})))
        .await
        .json();
    assert_eq!(again["id"].as_u64(), Some(id), "ids start over after a reset");
    server.stop().await;
}

#[tokio::test]
async fn quota_over_http() {
    let config = ServerConfig {
        platform: PlatformConfig {
            quota: 2,
            ..Default::default()
        },
        ..Default::default()
    };
    let (server, api) = sandbox(config, vec![]).await;
    for name in ["a", "b"] {
        let r = api
            .call(
                "POST",
                "/streaming/streams",
                Some(json!({"name": name, "active": true})),
            )
            .await;
        assert_eq!(r.status, 200);
    }
    let r = api
        .call(
            "POST",
            "/streaming/streams",
            Some(json!({"stream": {"name": "c", "active": true}})),
        )
        .await;
    assert_eq!(r.status, 422);
    let msg = r.json()["errors"]["active"][0].as_str().unwrap().to_owned();
    assert!(
        msg.starts_with("limit of active live streams reached (2)"),
        "{msg}"
    );
    server.stop().await;
}

#[tokio::test]
async fn events_stream_follows_webhooks_live() {
    let (server, api) = sandbox(ServerConfig::default(), vec![]).await;
    let id = live_stream(&api).await;
    // Open the SSE feed, then cause a webhook.
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<http_body_util::Empty<axum::body::Bytes>>();
    // The key as a query parameter, as an EventSource (which sends no headers) gives it.
    let req = axum::http::Request::get(format!(
        "{}/_sandbox/events?api_key={}",
        api.base,
        api.key.as_deref().unwrap()
    ))
    .body(http_body_util::Empty::new())
    .unwrap();
    let res = tokio::time::timeout(TIMEOUT, client.request(req))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/event-stream");
    let mut body = res.into_body();
    api.control("POST", &format!("/_sandbox/streams/{id}/disconnect"))
        .await;
    let mut text = String::new();
    while !text.contains("\n\n") {
        let frame = tokio::time::timeout(TIMEOUT, body.frame())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        if let Ok(data) = frame.into_data() {
            text.push_str(std::str::from_utf8(&data).unwrap());
        }
    }
    let event = text.lines().find(|l| l.starts_with("event:")).unwrap();
    assert_eq!(event, "event: webhook");
    let data = text.lines().find_map(|l| l.strip_prefix("data: ")).unwrap();
    let record: Value = serde_json::from_str(data).unwrap();
    assert_eq!(record["type"], "stream");
    assert_eq!(record["payload"]["message"]["stream"]["live"], false);
    server.stop().await;
}

#[tokio::test]
async fn the_clock_runs_at_the_given_speed() {
    let rx = Receiver::start(StatusCode::OK).await;
    let config = ServerConfig {
        webhook_urls: vec![rx.url.clone()],
        speed: 1_000.0, // the 2 s publisher delay takes 2 ms
        ..Default::default()
    };
    let running = start("127.0.0.1:0".parse().unwrap(), config).await.unwrap();
    let api = Api::new(&running.url(), Some("any-key"));
    let r = api
        .call(
            "POST",
            "/streaming/streams",
            Some(json!({"name": "rt", "active": true})),
        )
        .await;
    assert_eq!(r.status, 200);
    let deadline = tokio::time::Instant::now() + TIMEOUT;
    loop {
        if let Some(first) = rx.received.lock().unwrap().first() {
            assert_eq!(first["message"]["stream"]["live"], true);
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no webhook within the timeout"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    running.stop().await;
}

#[tokio::test]
async fn delivery_chaos_drop_and_duplicate_and_rejections_are_recorded() {
    // Everything dropped.
    let rx = Receiver::start(StatusCode::OK).await;
    let config = ServerConfig {
        chaos: Chaos {
            drop_rate: 1.0,
            ..Default::default()
        },
        ..Default::default()
    };
    let (server, api) = sandbox(config, vec![rx.url.clone()]).await;
    live_stream(&api).await;
    assert!(rx.take().is_empty());
    let records = api.control("GET", "/_sandbox/webhooks").await;
    assert_eq!(records[0]["deliveries"][0]["result"], "dropped");
    server.stop().await;

    // Everything twice.
    let config = ServerConfig {
        chaos: Chaos {
            duplicate_rate: 1.0,
            ..Default::default()
        },
        ..Default::default()
    };
    let (server, api) = sandbox(config, vec![rx.url.clone()]).await;
    live_stream(&api).await;
    let got = rx.take();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0], got[1]);
    let records = api.control("GET", "/_sandbox/webhooks").await;
    assert_eq!(records[0]["deliveries"][1]["duplicate"], true);
    server.stop().await;

    // A receiver that answers 500, and one that is not there: once, no retry.
    let bad = Receiver::start(StatusCode::INTERNAL_SERVER_ERROR).await;
    // A port bound but not listening: connections are refused, and (unlike a listener bound and
    // dropped) no other test's server can take the port meanwhile.
    let reserved = tokio::net::TcpSocket::new_v4().unwrap();
    reserved.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let closed = format!("http://{}/hooks", reserved.local_addr().unwrap());
    let (server, api) = sandbox(ServerConfig::default(), vec![bad.url.clone(), closed]).await;
    live_stream(&api).await;
    assert_eq!(bad.take().len(), 1);
    let records = api.control("GET", "/_sandbox/webhooks").await;
    let d = &records[0]["deliveries"];
    assert_eq!(
        (d[0]["result"].clone(), d[0]["status"].clone()),
        (json!("rejected"), json!(500))
    );
    assert_eq!(d[1]["result"], "failed");
    assert!(d[1]["error"].as_str().unwrap().starts_with("connection failed"));
    assert_eq!(d.as_array().unwrap().len(), 2);
    server.stop().await;
    drop(reserved);
}

#[tokio::test]
async fn reorder_window_still_delivers_everything() {
    let rx = Receiver::start(StatusCode::OK).await;
    let config = ServerConfig {
        chaos: Chaos {
            reorder_ms: 20,
            ..Default::default()
        },
        ..Default::default()
    };
    let (server, api) = sandbox(config, vec![rx.url.clone()]).await;
    let id = live_stream(&api).await;
    for _ in 0..3 {
        api.control("POST", &format!("/_sandbox/streams/{id}/disconnect"))
            .await;
        api.control("POST", &format!("/_sandbox/streams/{id}/connect"))
            .await;
    }
    let deadline = tokio::time::Instant::now() + TIMEOUT;
    while rx.received.lock().unwrap().len() < 7 {
        assert!(tokio::time::Instant::now() < deadline, "deliveries missing");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let mut lives: Vec<bool> = rx
        .take()
        .iter()
        .map(|w| w["message"]["stream"]["live"].as_bool().unwrap())
        .collect();
    lives.sort_unstable();
    assert_eq!(lives, [false, false, false, true, true, true, true]);
    server.stop().await;
}

#[test]
fn invalid_configurations_are_refused() {
    let bad = [
        ServerConfig {
            speed: -1.0,
            ..Default::default()
        },
        ServerConfig {
            chaos: Chaos {
                drop_rate: 1.5,
                ..Default::default()
            },
            ..Default::default()
        },
        ServerConfig {
            webhook_urls: vec!["https://example.com/hooks".into()],
            ..Default::default()
        },
        ServerConfig {
            webhook_urls: vec!["not a url".into()],
            ..Default::default()
        },
    ];
    for c in bad {
        assert!(c.validate().is_err(), "{c:?}");
    }
    let secret = ServerConfig {
        platform: PlatformConfig {
            api_key: Some("top-secret-key".into()),
            ..Default::default()
        },
        webhook_urls: vec!["http://127.0.0.1:1/hooks?secret=hunter2".into()],
        ..Default::default()
    };
    let dbg = format!("{secret:?}");
    assert!(
        !dbg.contains("top-secret-key") && !dbg.contains("hunter2"),
        "{dbg}"
    );
    let summary = gcore_streaming::server::summary(&secret, "127.0.0.1:8787".parse().unwrap());
    assert!(!summary.contains("top-secret-key"));
}

/// With an API key set, the control endpoints take it (header, or `?api_key=` for an EventSource);
/// health stays open (a readiness probe). A web page without the key reads and changes nothing.
#[tokio::test]
async fn control_endpoints_take_the_api_key_when_one_is_set() {
    let (server, api) = sandbox(ServerConfig::default(), vec![]).await;
    let anonymous = Api::new(&server.url(), None);
    for (method, path) in [
        ("GET", "/_sandbox/webhooks"),
        ("GET", "/_sandbox/events"),
        ("POST", "/_sandbox/reset"),
        ("POST", "/_sandbox/advance?ms=1000"),
        ("POST", "/_sandbox/streams/1/connect"),
        ("POST", "/_sandbox/streams/1/disconnect"),
    ] {
        let r = anonymous
            .raw(method, path, &[("origin", "http://evil.example")], None)
            .await;
        assert_eq!(
            (r.status, r.json()["error"]["code"].clone()),
            (401, json!("unauthorized")),
            "{method} {path}"
        );
        let r = anonymous
            .raw(method, path, &[("authorization", "APIKey wrong-key")], None)
            .await;
        assert_eq!(r.status, 401, "{method} {path} with a wrong key");
    }
    assert_eq!(
        api.control("GET", "/_sandbox/health").await["now_ms"],
        json!(1_767_225_600_000_u64),
        "the refused advance moved nothing"
    );
    let r = anonymous.raw("GET", "/_sandbox/health", &[], None).await;
    assert_eq!(r.status, 200);
    let r = anonymous
        .raw(
            "GET",
            &format!("/_sandbox/webhooks?api_key={}", api.key.as_deref().unwrap()),
            &[],
            None,
        )
        .await;
    assert_eq!((r.status, r.json()), (200, json!([])));
    assert_eq!(api.control("GET", "/_sandbox/webhooks").await, json!([]));
    server.stop().await;

    // Without a key, they stay open (a local tool; see the loopback warning in the docs).
    let config = ServerConfig {
        speed: 0.0,
        ..ServerConfig::default()
    };
    let open = start("127.0.0.1:0".parse().unwrap(), config).await.unwrap();
    let r = Api::new(&open.url(), None)
        .raw("GET", "/_sandbox/webhooks", &[], None)
        .await;
    assert_eq!(r.status, 200);
    open.stop().await;
}

/// `advance` takes at most 366 days at a time and never moves the clock past the year 9999.
#[tokio::test]
async fn advance_refuses_absurd_values() {
    let (server, api) = sandbox(ServerConfig::default(), vec![]).await;
    for ms in ["18446744073709551615", "31622400001", "-1", "1e3"] {
        let r = api
            .raw("POST", &format!("/_sandbox/advance?ms={ms}"), &[], None)
            .await;
        assert_eq!(
            (r.status, r.json()["error"]["code"].clone()),
            (400, json!("invalid_ms")),
            "{ms}"
        );
    }
    assert_eq!(
        api.control("GET", "/_sandbox/health").await["now"],
        json!("2026-01-01T00:00:00.000Z")
    );
    let r = api.advance(31_622_400_000).await;
    assert_eq!(r["now"], json!("2027-01-02T00:00:00.000Z"));
    server.stop().await;

    let config = ServerConfig {
        start_ms: 253_402_300_799_999 - 1_000,
        ..ServerConfig::default()
    };
    let (server, api) = sandbox(config, vec![]).await;
    let r = api.raw("POST", "/_sandbox/advance?ms=1001", &[], None).await;
    assert_eq!(
        (r.status, r.json()["error"]["code"].clone()),
        (400, json!("invalid_ms"))
    );
    let r = api.advance(1_000).await;
    assert_eq!(r["now"], json!("9999-12-31T23:59:59.999Z"));
    server.stop().await;
}

#[tokio::test]
async fn a_direct_upload_with_the_rust_client_then_tus_over_http() {
    use gcore_streaming::client::native::HyperTransport;
    use gcore_streaming::client::{Auth, Client, ClientConfig};
    let (running, api) = sandbox(ServerConfig::default(), Vec::new()).await;
    let client = Client::new(
        HyperTransport::new(),
        ClientConfig {
            auth: Auth::ApiKey(sandbox_support::KEY.into()),
            base_url: running.url(),
            ..ClientConfig::default()
        },
    );
    let params = client
        .create_direct_upload(&json!({ "name": "clip.mp4" }), &Default::default())
        .await
        .unwrap();
    let host = running.url().trim_start_matches("http://").to_owned();
    assert_eq!(params["servers"][0]["hostname"], host.as_str());
    assert_eq!(params["video"]["status"], "empty");
    let id = params["video"]["id"].as_u64().unwrap();

    // The upload server over real HTTP (no API key): creation, one PATCH, then the video is pending.
    let b64 = |s: &str| {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(s)
    };
    let meta = format!(
        "token {},video_id {}",
        b64(params["token"].as_str().unwrap()),
        b64(&id.to_string())
    );
    let upload = Api::new(&running.url(), None);
    let created = upload
        .raw(
            "POST",
            "/upload/",
            &[
                ("Tus-Resumable", "1.0.0"),
                ("Upload-Length", "1000"),
                ("Upload-Metadata", &meta),
            ],
            None,
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let location = created.headers["location"].to_str().unwrap().to_owned();
    let patched = upload
        .raw(
            "PATCH",
            &location,
            &[
                ("Tus-Resumable", "1.0.0"),
                ("Upload-Offset", "0"),
                ("Content-Type", "application/offset+octet-stream"),
            ],
            Some("x".repeat(1000)),
        )
        .await;
    assert_eq!(patched.status, 204, "{}", patched.text);
    assert_eq!(patched.headers["upload-offset"], "1000");
    let video = api.call("GET", &format!("/streaming/videos/{id}"), None).await;
    assert_eq!(video.json()["status"], "pending");

    // A blank name is the platform's 422, typed.
    let err = client
        .create_direct_upload(&json!({ "name": "" }), &Default::default())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "validation_failed");
}
