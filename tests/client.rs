//! The client over the native transport against a scripted HTTP server on 127.0.0.1: requests on the
//! wire (method, path, headers, exact bodies), every error shape, retries, Retry-After, timeouts, abort.
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
    Auth, CallOptions, Client, ClientConfig, ClientError, HttpRequest, HttpResponse, PageItem, Paginator,
    Transport, TransportError,
};
use gcore_streaming::domain::model::{BroadcastStatus, ErrorBody, VideoStatus};
use gcore_streaming::domain::request::*;
use gcore_streaming::domain::retry::RetryPolicy;
use gcore_streaming::domain::{BroadcastId, StreamId, VideoId};
use serde_json::json;
use server::{canned, TestServer};
use std::cell::{Cell, RefCell};
use std::time::Duration;

const KEY: &str = "29841_c767$secret";

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The hyper transport, recording the backoff waits (and not actually waiting), with an optional
/// fixed clock.
struct Recorder {
    inner: HyperTransport,
    sleeps: RefCell<Vec<f64>>,
    sends: Cell<u32>,
    now: Option<f64>,
}

impl Transport for Recorder {
    type Signal = AbortHandle;
    async fn send(
        &self,
        req: HttpRequest,
        signal: Option<&AbortHandle>,
    ) -> Result<HttpResponse, TransportError> {
        self.sends.set(self.sends.get() + 1);
        self.inner.send(req, signal).await
    }
    async fn sleep(&self, ms: f64, signal: Option<&AbortHandle>) -> Result<(), TransportError> {
        self.sleeps.borrow_mut().push(ms);
        self.inner.sleep(0.0, signal).await
    }
    fn now_ms(&self) -> f64 {
        self.now.unwrap_or_else(|| self.inner.now_ms())
    }
    fn random(&self) -> f64 {
        0.0
    }
}

fn client_at(url: &str, auth: Auth) -> Client<Recorder> {
    let transport = Recorder {
        inner: HyperTransport::new(),
        sleeps: RefCell::default(),
        sends: Cell::new(0),
        now: None,
    };
    Client::new(
        transport,
        ClientConfig {
            auth,
            base_url: url.to_owned(),
            timeout_ms: 5000.0,
            ..ClientConfig::default()
        },
    )
}

async fn setup() -> (TestServer, Client<Recorder>) {
    let srv = TestServer::start().await;
    let c = client_at(&srv.url, Auth::ApiKey(KEY.into()));
    (srv, c)
}

fn no() -> CallOptions<AbortHandle> {
    CallOptions::default()
}

async fn within<F: std::future::Future>(f: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(10), f)
        .await
        .expect("test timed out")
}

#[tokio::test]
async fn create_stream_sends_the_flat_body_with_the_api_key() {
    within(async {
        let (srv, c) = setup().await;
        srv.script(vec![canned(200, &fixture("api/create_stream_response.json"))]);
        let params = StreamParams {
            name: Some("test_stream".into()),
            active: Some(false),
            uri: Some(None),
            transcoding_region: Some("ix1".into()),
            ..Default::default()
        };
        let s = c.create_stream(&params, &no()).await.unwrap();
        assert_eq!(s.id, StreamId(320423));
        let seen = srv.seen();
        assert_eq!(seen.len(), 1);
        let r = &seen[0];
        assert_eq!(
            (r.method.as_str(), r.path.as_str()),
            ("POST", "/streaming/streams")
        );
        assert_eq!(r.header("authorization"), Some(format!("APIKey {KEY}").as_str()));
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.header("accept"), Some("application/json"));
        assert_eq!(
            r.body,
            r#"{"name":"test_stream","active":false,"uri":null,"transcoding_region":"ix1"}"#
        );
    })
    .await;
}

#[tokio::test]
async fn bearer_no_auth_and_custom_headers() {
    within(async {
        let srv = TestServer::start().await;
        let bearer = client_at(&srv.url, Auth::Bearer("jwt.token".into()));
        srv.script(vec![canned(200, r#"{"id":1}"#)]);
        bearer.get_stream(StreamId(1), &no()).await.unwrap();
        assert_eq!(srv.seen()[0].header("authorization"), Some("Bearer jwt.token"));
        assert_eq!(
            srv.seen()[0].header("content-type"),
            None,
            "no body, no content type"
        );

        let mut cfg = ClientConfig {
            base_url: format!("{}/", srv.url),
            ..ClientConfig::default()
        };
        cfg.headers.push(("X-Proxy-Tenant".into(), "t1".into()));
        let proxied = Client::new(HyperTransport::new(), cfg);
        srv.script(vec![canned(200, r#"{"id":1}"#)]);
        proxied.get_stream(StreamId(1), &no()).await.unwrap();
        let r = &srv.seen()[0];
        assert_eq!(r.path, "/streaming/streams/1");
        assert_eq!(r.header("authorization"), None);
        assert_eq!(r.header("x-proxy-tenant"), Some("t1"));
    })
    .await;
}

#[tokio::test]
async fn every_operation_hits_its_method_path_and_body() {
    within(async {
        let (srv, c) = setup().await;
        let stream = r#"{"id":320423}"#;
        let broadcast = &fixture("api/broadcast_response.json");
        let video = &fixture("api/get_video_response.json");
        srv.script(vec![
            canned(200, stream),
            canned(200, &format!("[{stream}]")),
            canned(200, stream),
            canned(204, ""),
            canned(204, ""),
            canned(200, &fixture("api/stop_recording_response.json")),
            canned(200, broadcast),
            canned(200, broadcast),
            canned(200, "[]"),
            canned(200, broadcast),
            canned(204, ""),
            canned(200, video),
            canned(200, &format!("[{video}]")),
            canned(204, ""),
        ]);
        let id = StreamId(320423);
        let bid = BroadcastId(192470);
        let vid = VideoId(803111);
        let o = no();
        c.get_stream(id, &o).await.unwrap();
        let list = c
            .list_streams(
                &ListStreamsQuery {
                    page: Some(2),
                    with_broadcasts: Some(true),
                },
                &o,
            )
            .await
            .unwrap();
        assert_eq!(list.len(), 1);
        let patch = StreamParams {
            active: Some(true),
            ..Default::default()
        };
        c.update_stream(id, &patch, &o).await.unwrap();
        c.delete_stream(id, &o).await.unwrap();
        let started = c.start_recording(id, &o).await.unwrap();
        assert!(started.warnings.is_empty());
        let stopped = c.stop_recording(id, &o).await.unwrap().unwrap();
        assert_eq!(stopped.id, vid);
        let bparams = BroadcastParams {
            name: Some("test_broadcast".into()),
            status: Some(BroadcastStatus::Pending),
            stream_ids: Some(vec![id]),
            ..Default::default()
        };
        let created = c.create_broadcast(&bparams, &o).await.unwrap().unwrap();
        assert_eq!(created.id, Some(bid));
        c.get_broadcast(bid, &o).await.unwrap();
        c.list_broadcasts(&ListBroadcastsQuery { page: Some(3) }, &o)
            .await
            .unwrap();
        let live = BroadcastParams {
            status: Some(BroadcastStatus::Live),
            ..Default::default()
        };
        c.update_broadcast(bid, &live, &o).await.unwrap();
        c.delete_broadcast(bid, &o).await.unwrap();
        let v = c.get_video(vid, &o).await.unwrap();
        assert_eq!(v.status, Some(VideoStatus::Ready));
        let q = ListVideosQuery {
            page: Some(1),
            per_page: Some(10),
            stream_id: Some(id),
            status: Some(VideoStatus::Ready),
            search: Some("Stream Record".into()),
            ..Default::default()
        };
        assert_eq!(c.list_videos(&q, &o).await.unwrap().len(), 1);
        c.delete_video(vid, &o).await.unwrap();

        let got: Vec<(String, String, String)> = srv
            .seen()
            .into_iter()
            .map(|r| (r.method, r.path, r.body))
            .collect();
        let want = [
            ("GET", "/streaming/streams/320423", ""),
            ("GET", "/streaming/streams?page=2&with_broadcasts=1", ""),
            (
                "PATCH",
                "/streaming/streams/320423",
                r#"{"stream":{"active":true}}"#,
            ),
            ("DELETE", "/streaming/streams/320423", ""),
            ("PUT", "/streaming/streams/320423/start_recording", ""),
            ("PUT", "/streaming/streams/320423/stop_recording", ""),
            (
                "POST",
                "/streaming/broadcasts",
                r#"{"broadcast":{"name":"test_broadcast","status":"pending","stream_ids":[320423]}}"#,
            ),
            ("GET", "/streaming/broadcasts/192470", ""),
            ("GET", "/streaming/broadcasts?page=3", ""),
            (
                "PATCH",
                "/streaming/broadcasts/192470",
                r#"{"broadcast":{"status":"live"}}"#,
            ),
            ("DELETE", "/streaming/broadcasts/192470", ""),
            ("GET", "/streaming/videos/803111", ""),
            (
                "GET",
                "/streaming/videos?page=1&per_page=10&search=Stream%20Record&status=ready&stream_id=320423",
                "",
            ),
            ("DELETE", "/streaming/videos/803111", ""),
        ];
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            assert_eq!((g.0.as_str(), g.1.as_str(), g.2.as_str()), w);
        }
    })
    .await;
}

#[tokio::test]
async fn special_success_bodies() {
    within(async {
        let (srv, c) = setup().await;
        srv.script(vec![
            canned(200, &fixture("api/start_recording_200.json")),
            canned(200, ""),
            canned(200, ""),
        ]);
        let id = StreamId(320423);
        let r = c.start_recording(id, &no()).await.unwrap();
        assert_eq!(r.warnings.len(), 1);
        assert_eq!(
            r.warnings[0].key.as_deref(),
            Some("client_storage_almost_exceeded")
        );
        assert_eq!(c.stop_recording(id, &no()).await.unwrap(), None);
        let b = BroadcastParams {
            name: Some("b".into()),
            status: Some(BroadcastStatus::Pending),
            ..Default::default()
        };
        assert_eq!(c.create_broadcast(&b, &no()).await.unwrap(), None);
        // Params are checked before anything is sent.
        let err = c
            .create_stream(&StreamParams::default(), &no())
            .await
            .unwrap_err();
        assert_eq!(err.code(), "invalid_params");
        assert_eq!(srv.seen().len(), 3);
    })
    .await;
}

#[tokio::test]
async fn decodes_what_the_official_sdk_decodes() {
    within(async {
        let (srv, c) = setup().await;
        srv.script(vec![
            canned(200, r#"{"data":null,"warnings":null,"errors":null}"#),
            canned(
                200,
                r#"{"id":803111,"status":"ready","duration":43989.6,"origin_video_duration":1000.25}"#,
            ),
            canned(
                200,
                r#"[{"name":"a","duration":12.5},{"name":"b","status":"pending"}]"#,
            ),
        ]);
        let r = c.start_recording(StreamId(320423), &no()).await.unwrap();
        assert!(r.warnings.is_empty() && r.errors.is_empty() && r.data.is_none());
        let v = c.get_video(VideoId(803111), &no()).await.unwrap();
        assert_eq!((v.duration, v.origin_video_duration), (Some(43990), Some(1000)));
        // Items with only the fields asked for (no `id`).
        let q = ListVideosQuery {
            fields: Some(vec!["name".into(), "duration".into(), "status".into()]),
            ..Default::default()
        };
        let list = c.list_videos(&q, &no()).await.unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(
            (list[0].id, list[0].name.as_deref(), list[0].duration),
            (VideoId(0), Some("a"), Some(13))
        );
        assert_eq!(list[1].status, Some(VideoStatus::Pending));
        assert_eq!(
            srv.seen()[2].path,
            "/streaming/videos?fields=name,duration,status"
        );
    })
    .await;
}

#[tokio::test]
async fn every_documented_error_shape_maps_to_a_stable_code() {
    within(async {
        let (srv, c) = setup().await;
        let cases = [
            (400, "errors/400_status.json", "bad_request", "Bad request"),
            (
                401,
                r#"{"detail":"Token is invalid or expired"}"#,
                "unauthorized",
                "Token is invalid or expired",
            ),
            (403, "", "forbidden", "HTTP 403"),
            (
                404,
                "errors/404_status.json",
                "not_found",
                "Not Found. Entity you are looking for was not found, please check the url and params",
            ),
            (
                422,
                "errors/422_fields.json",
                "validation_failed",
                "name can't be blank; status can't be blank",
            ),
            (
                422,
                "errors/422_array.json",
                "validation_failed",
                "Name can't be blank; Status can't be blank",
            ),
            (
                422,
                "errors/422_no_space.json",
                "validation_failed",
                "name Error text: No space for recording the stream.",
            ),
        ];
        for (status, body, code, message) in cases {
            let body = if body.ends_with(".json") {
                fixture(body)
            } else {
                body.to_owned()
            };
            srv.script(vec![canned(status, &body)]);
            let err = c.get_broadcast(BroadcastId(1), &no()).await.unwrap_err();
            let ClientError::Api(e) = &err else {
                panic!("{err:?}")
            };
            assert_eq!(
                (e.status, e.code.as_str(), e.message.as_str()),
                (status, code, message)
            );
            assert!(!e.retryable);
            assert_eq!(srv.seen().len(), 1, "{status} is not retried");
            assert!(!format!("{err} {err:?}").contains("secret"));
        }
        srv.script(vec![canned(422, &fixture("errors/422_fields.json"))]);
        let ClientError::Api(e) = c.get_broadcast(BroadcastId(1), &no()).await.unwrap_err() else {
            panic!()
        };
        assert_eq!(e.fields.get("status"), Some(&vec!["can't be blank".to_owned()]));
        assert!(matches!(e.body, ErrorBody::Fields { .. }));

        // Transient ones: retried (GET), then reported with their shapes.
        let limited = canned(429, &fixture("errors/429_message.json")).header("Retry-After", "0");
        srv.script(vec![limited.clone(), limited.clone(), limited]);
        let ClientError::Api(e) = c.get_video(VideoId(1), &no()).await.unwrap_err() else {
            panic!()
        };
        assert_eq!((e.code.as_str(), e.retryable), ("rate_limited", true));
        assert_eq!(e.message, "Queue limit reached (100), try later.");
        assert_eq!(srv.seen().len(), 3);
        let html = fixture("errors/502_raw.html");
        srv.script(vec![canned(502, &html), canned(502, &html), canned(502, &html)]);
        let ClientError::Api(e) = c.get_video(VideoId(1), &no()).await.unwrap_err() else {
            panic!()
        };
        assert_eq!(e.code, "server_error");
        assert_eq!(e.body, ErrorBody::Raw { text: html.clone() });
        // A success status with a body that is not the resource.
        srv.script(vec![canned(200, "<html>")]);
        let err = c.get_video(VideoId(1), &no()).await.unwrap_err();
        assert_eq!(err.code(), "invalid_response");
    })
    .await;
}

#[tokio::test]
async fn idempotent_calls_retry_with_backoff_then_succeed() {
    within(async {
        let (srv, c) = setup().await;
        srv.script(vec![canned(503, ""), canned(500, ""), canned(200, r#"{"id":7}"#)]);
        let s = c.get_stream(StreamId(7), &no()).await.unwrap();
        assert_eq!(s.id, StreamId(7));
        assert_eq!(srv.seen().len(), 3);
        assert_eq!(*c.transport().sleeps.borrow(), vec![500.0, 1000.0]);
        // Every attempt is the same request.
        assert!(srv.seen().iter().all(|r| r.path == "/streaming/streams/7"));
    })
    .await;
}

#[tokio::test]
async fn retry_after_in_seconds_and_as_an_http_date_is_honoured() {
    within(async {
        let srv = TestServer::start().await;
        let mut c = client_at(&srv.url, Auth::None);
        srv.script(vec![canned(503, "").header("Retry-After", "2"), canned(204, "")]);
        c.delete_video(VideoId(1), &no()).await.unwrap();
        assert_eq!(*c.transport().sleeps.borrow(), vec![2000.0]);

        // 1994-11-06T08:49:37Z; the server asks to come back 3 s later.
        let transport = Recorder {
            inner: HyperTransport::new(),
            sleeps: RefCell::default(),
            sends: Cell::new(0),
            now: Some(784_111_777_000.0),
        };
        c = Client::new(
            transport,
            ClientConfig {
                base_url: srv.url.clone(),
                ..ClientConfig::default()
            },
        );
        srv.script(vec![
            canned(429, "").header("Retry-After", "Sun, 06 Nov 1994 08:49:40 GMT"),
            canned(200, "[]"),
        ]);
        c.list_videos(&ListVideosQuery::default(), &no()).await.unwrap();
        assert_eq!(*c.transport().sleeps.borrow(), vec![3000.0]);
        // Longer than the policy honours: give up at once.
        srv.script(vec![canned(503, "").header("Retry-After", "3600")]);
        let err = c.get_video(VideoId(1), &no()).await.unwrap_err();
        assert_eq!(err.code(), "server_error");
        assert_eq!(srv.seen().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_create_is_never_sent_twice_except_after_429() {
    within(async {
        let (srv, c) = setup().await;
        let params = StreamParams {
            name: Some("s".into()),
            ..Default::default()
        };
        srv.script(vec![canned(500, ""), canned(200, r#"{"id":1}"#)]);
        let err = c.create_stream(&params, &no()).await.unwrap_err();
        assert_eq!(err.code(), "server_error");
        assert_eq!(srv.seen().len(), 1, "POST not retried on 500");

        srv.script(vec![canned(408, "")]);
        let b = BroadcastParams {
            status: Some(BroadcastStatus::Live),
            ..Default::default()
        };
        let err = c.update_broadcast(BroadcastId(1), &b, &no()).await.unwrap_err();
        assert_eq!(err.code(), "request_timeout");
        assert_eq!(srv.seen().len(), 1, "PATCH not retried on 408");

        srv.script(vec![
            canned(429, "").header("Retry-After", "0"),
            canned(200, r#"{"id":2}"#),
        ]);
        let s = c.create_stream(&params, &no()).await.unwrap();
        assert_eq!(s.id, StreamId(2));
        let seen = srv.seen();
        assert_eq!(seen.len(), 2, "POST retried on 429");
        assert_eq!(seen[0].body, seen[1].body);

        // Per-call override: no retries.
        srv.script(vec![canned(503, ""), canned(200, r#"{"id":1}"#)]);
        let once = CallOptions {
            max_retries: Some(0),
            ..no()
        };
        assert_eq!(
            c.get_stream(StreamId(1), &once).await.unwrap_err().code(),
            "server_error"
        );
        assert_eq!(srv.seen().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn timeouts_and_network_errors() {
    within(async {
        let (srv, c) = setup().await;
        srv.script(vec![canned(200, r#"{"id":1}"#).delay(3000)]);
        let fast = CallOptions {
            timeout_ms: Some(50.0),
            max_retries: Some(0),
            ..no()
        };
        let err = c.get_stream(StreamId(1), &fast).await.unwrap_err();
        assert!(
            matches!(err, ClientError::Timeout { timeout_ms, .. } if timeout_ms == 50.0),
            "{err:?}"
        );
        assert_eq!(err.code(), "timeout");

        // A timed-out GET is retried; a timed-out POST is not.
        srv.script(vec![canned(200, "{}").delay(3000), canned(200, r#"{"id":3}"#)]);
        let once = CallOptions {
            timeout_ms: Some(50.0),
            max_retries: Some(1),
            ..no()
        };
        assert_eq!(c.get_stream(StreamId(3), &once).await.unwrap().id, StreamId(3));
        srv.script(vec![canned(200, "{}").delay(3000)]);
        let p = StreamParams {
            name: Some("s".into()),
            ..Default::default()
        };
        assert_eq!(c.create_stream(&p, &once).await.unwrap_err().code(), "timeout");
        assert_eq!(srv.seen().len(), 1);

        // Nothing listens on this port: bound, not listening, so no other test's server can take it.
        let reserved = tokio::net::TcpSocket::new_v4().unwrap();
        reserved.bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let port = reserved.local_addr().unwrap().port();
        let dead = client_at(&format!("http://127.0.0.1:{port}"), Auth::ApiKey(KEY.into()));
        let err = dead.get_stream(StreamId(1), &no()).await.unwrap_err();
        assert_eq!(err.code(), "network");
        assert_eq!(
            dead.transport().sends.get(),
            3,
            "network errors are retried for GET"
        );
        assert!(!format!("{err} {err:?} {dead:?}").contains("secret"));
        let err = dead.create_stream(&p, &no()).await.unwrap_err();
        assert_eq!(err.code(), "network");
        assert_eq!(dead.transport().sends.get(), 4, "but not for POST");
    })
    .await;
}

#[tokio::test]
async fn abort_stops_a_call_in_flight_and_before_it_starts() {
    within(async {
        let (srv, c) = setup().await;
        srv.script(vec![canned(200, r#"{"id":1}"#).delay(3000)]);
        let handle = AbortHandle::new();
        let opts = CallOptions {
            signal: Some(handle.clone()),
            ..no()
        };
        let aborter = async {
            tokio::time::sleep(Duration::from_millis(30)).await;
            handle.abort();
        };
        let (res, ()) = tokio::join!(c.get_stream(StreamId(1), &opts), aborter);
        let err = res.unwrap_err();
        assert_eq!(err.code(), "aborted");
        assert_eq!(c.transport().sends.get(), 1, "an abort is not retried");
        srv.script(vec![]);
        assert_eq!(
            c.get_stream(StreamId(1), &opts).await.unwrap_err().code(),
            "aborted"
        );
        assert!(srv.seen().is_empty(), "an aborted signal sends nothing");
    })
    .await;
}

#[tokio::test]
async fn pagination_returns_every_item_whatever_the_page_size_with_at_most_one_extra_request() {
    within(async {
        let (srv, c) = setup().await;
        let items = |from: u64, n: u64| -> Vec<serde_json::Value> {
            (from..from + n).map(|i| json!({"id": i})).collect()
        };
        for size in [1u64, 10, 25, 100] {
            for total in [0u64, 1, size - 1, size, size + 1, 2 * size, 2 * size + 3, 57] {
                // The pages a server paging by `size` answers, then an empty one.
                let all = items(1, total);
                let mut script: Vec<_> = all
                    .chunks(usize::try_from(size).unwrap())
                    .map(|p| canned(200, &serde_json::to_string(p).unwrap()))
                    .collect();
                let pages = script.len();
                script.push(canned(200, "[]"));
                srv.script(script);
                let got = Paginator::videos(ListVideosQuery::default())
                    .collect(&c, &no())
                    .await
                    .unwrap();
                let ids: Vec<u64> = got
                    .iter()
                    .map(|i| match i {
                        PageItem::Video(v) => v.id.0,
                        other => panic!("{other:?}"),
                    })
                    .collect();
                assert_eq!(
                    ids,
                    (1..=total).collect::<Vec<_>>(),
                    "page size {size}, {total} items"
                );
                let requests = srv.seen().len();
                assert!(
                    requests == pages || requests == pages + 1,
                    "page size {size}, {total} items: {requests} requests for {pages} pages"
                );
                // The one extra request: after a full last page, or after a single page (its length
                // tells nothing about the server's page size). An empty list is one request.
                let extra = total > 0 && (total % size == 0 || pages == 1);
                let expected = if total == 0 { 1 } else { pages + usize::from(extra) };
                assert_eq!(requests, expected, "page size {size}, {total} items");
            }
        }
        // A `per_page` the caller gives is sent as given; a server that caps it (the sandbox at 100)
        // does not end the list early.
        srv.script(vec![
            canned(200, &serde_json::to_string(&items(1, 100)).unwrap()),
            canned(200, &serde_json::to_string(&items(101, 20)).unwrap()),
        ]);
        let q = ListVideosQuery {
            per_page: Some(500),
            ..Default::default()
        };
        let got = Paginator::videos(q).collect(&c, &no()).await.unwrap();
        assert_eq!(got.len(), 120);
        assert_eq!(srv.seen()[0].path, "/streaming/videos?page=1&per_page=500");
        assert_eq!(srv.seen().len(), 2);
    })
    .await;
}

#[tokio::test]
async fn pagination_reads_pages_until_a_short_or_empty_page() {
    within(async {
        let (srv, c) = setup().await;
        let page = |from: u64, n: u64| {
            let items: Vec<_> = (from..from + n).map(|i| json!({"id": i})).collect();
            canned(200, &serde_json::to_string(&items).unwrap())
        };
        srv.script(vec![page(1, 25), page(26, 25), page(51, 3)]);
        let items = Paginator::streams(ListStreamsQuery::default())
            .collect(&c, &no())
            .await
            .unwrap();
        assert_eq!(items.len(), 53);
        let ids: Vec<u64> = items
            .iter()
            .map(|i| match i {
                PageItem::Stream(s) => s.id.0,
                other => panic!("not a stream: {other:?}"),
            })
            .collect();
        assert_eq!(
            ids,
            (1..=53).collect::<Vec<u64>>(),
            "every item once, in the API's order"
        );
        let paths: Vec<String> = srv.seen().into_iter().map(|r| r.path).collect();
        assert_eq!(
            paths,
            [
                "/streaming/streams?page=1",
                "/streaming/streams?page=2",
                "/streaming/streams?page=3"
            ]
        );
        srv.script(vec![page(1, 25), canned(200, "[]")]);
        let items = Paginator::broadcasts(ListBroadcastsQuery::default())
            .collect(&c, &no())
            .await
            .unwrap();
        assert_eq!(items.len(), 25);
        assert_eq!(srv.seen().len(), 2);
        srv.script(vec![page(1, 2), page(3, 1)]);
        let q = ListVideosQuery {
            per_page: Some(2),
            stream_id: Some(StreamId(9)),
            ..Default::default()
        };
        let items = Paginator::videos(q).collect(&c, &no()).await.unwrap();
        assert_eq!(items.len(), 3);
        assert_eq!(
            srv.seen()[1].path,
            "/streaming/videos?page=2&per_page=2&stream_id=9"
        );
        // An error in the middle is reported; the iteration can go on from the same page.
        srv.script(vec![page(1, 25), canned(404, "")]);
        let mut p = Paginator::streams(ListStreamsQuery::default());
        let o = CallOptions {
            max_retries: Some(0),
            ..no()
        };
        for _ in 0..25 {
            assert!(p.next(&c, &o).await.unwrap().is_some());
        }
        assert_eq!(p.next(&c, &o).await.unwrap_err().code(), "not_found");
        srv.script(vec![canned(200, "[]")]);
        assert!(p.next(&c, &o).await.unwrap().is_none());
        assert_eq!(srv.seen()[0].path, "/streaming/streams?page=2");
    })
    .await;
}

#[test]
fn the_default_policy_is_the_documented_one() {
    let cfg = ClientConfig::default();
    assert_eq!(cfg.base_url, "https://api.gcore.com");
    assert_eq!(cfg.timeout_ms, 30_000.0);
    assert_eq!(cfg.retry, RetryPolicy::default());
    assert_eq!(cfg.retry.max_retries, 2);
}
