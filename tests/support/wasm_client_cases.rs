//! The client over the real fetch path (`FetchTransport`) against the scripted test server
//! (tests/support/test-server.mjs; URL from `GS_TEST_SERVER` at compile time). Shared by the Node and
//! the Chromium test files.

use gcore_streaming::client::fetch::FetchTransport;
use gcore_streaming::client::{
    Auth, CallOptions, Client, ClientConfig, ClientError, HttpRequest, HttpResponse, LiveSession, Paginator,
    SessionOptions, Transport, TransportError, WaitOptions,
};
use gcore_streaming::domain::model::{BroadcastStatus, VideoStatus};
use gcore_streaming::domain::request::*;
use gcore_streaming::domain::retry::RetryPolicy;
use gcore_streaming::domain::{BroadcastId, StreamId, VideoId};
use js_sys::{Array, Function, Reflect};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

const SERVER: &str = match option_env!("GS_TEST_SERVER") {
    Some(s) => s,
    None => "http://127.0.0.1:8790",
};
const KEY: &str = "29841_c767$secret";

fn session_id(name: &str) -> String {
    format!("{name}-{}", (js_sys::Math::random() * 1e12) as u64)
}

async fn control(
    method: gcore_streaming::domain::request::Method,
    path: &str,
    body: Option<String>,
) -> HttpResponse {
    let t = FetchTransport::new(None);
    let req = HttpRequest {
        method,
        url: format!("{SERVER}{path}"),
        headers: vec![("Content-Type".into(), "application/json".into())],
        body,
        timeout_ms: 5000.0,
    };
    t.send(req, None)
        .await
        .expect("the test server is running (node tests/support/test-server.mjs 8790)")
}

struct Scripted {
    id: String,
}

impl Scripted {
    async fn new(name: &str, responses: Value) -> Self {
        let id = session_id(name);
        let r = control(
            Method::Post,
            &format!("/_script/{id}"),
            Some(responses.to_string()),
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.body);
        Self { id }
    }
    fn base(&self) -> String {
        format!("{SERVER}/s/{}", self.id)
    }
    async fn requests(&self) -> Vec<Value> {
        let r = control(Method::Get, &format!("/_requests/{}", self.id), None).await;
        serde_json::from_str(&r.body).unwrap()
    }
}

/// The fetch transport, recording the backoff waits and waiting 0 ms instead.
struct Recorder {
    inner: FetchTransport,
    sleeps: RefCell<Vec<f64>>,
}

impl Transport for Recorder {
    type Signal = JsValue;
    async fn send(&self, req: HttpRequest, signal: Option<&JsValue>) -> Result<HttpResponse, TransportError> {
        self.inner.send(req, signal).await
    }
    async fn sleep(&self, ms: f64, signal: Option<&JsValue>) -> Result<(), TransportError> {
        self.sleeps.borrow_mut().push(ms);
        self.inner.sleep(0.0, signal).await
    }
    fn now_ms(&self) -> f64 {
        self.inner.now_ms()
    }
    fn random(&self) -> f64 {
        0.0
    }
}

fn client(s: &Scripted) -> Client<Recorder> {
    Client::new(
        Recorder {
            inner: FetchTransport::new(None),
            sleeps: RefCell::default(),
        },
        ClientConfig {
            auth: Auth::ApiKey(KEY.into()),
            base_url: s.base(),
            timeout_ms: 5000.0,
            ..ClientConfig::default()
        },
    )
}

fn no() -> CallOptions<JsValue> {
    CallOptions::default()
}

fn abort_controller() -> JsValue {
    let ctor: Function = Reflect::get(&js_sys::global(), &"AbortController".into())
        .unwrap()
        .unchecked_into();
    Reflect::construct(&ctor, &Array::new()).unwrap()
}

fn abort_later(controller: &JsValue, ms: i32) {
    let c = controller.clone();
    let f = Closure::once_into_js(move || {
        let abort: Function = Reflect::get(&c, &"abort".into()).unwrap().unchecked_into();
        abort.call0(&c).unwrap();
    });
    let set_timeout: Function = Reflect::get(&js_sys::global(), &"setTimeout".into())
        .unwrap()
        .unchecked_into();
    set_timeout
        .call2(&JsValue::UNDEFINED, &f, &JsValue::from(ms))
        .unwrap();
}

#[wasm_bindgen_test]
async fn fetch_sends_method_path_headers_and_the_exact_body() {
    let s = Scripted::new(
        "create",
        json!([{"status": 200, "body": {"id": 320423, "active": false}}]),
    )
    .await;
    let c = client(&s);
    let params = StreamParams {
        name: Some("test_stream".into()),
        active: Some(false),
        uri: Some(None),
        ..Default::default()
    };
    let stream = c.create_stream(&params, &no()).await.unwrap();
    assert_eq!(stream.id, StreamId(320423));
    let reqs = s.requests().await;
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0]["method"], "POST");
    assert_eq!(reqs[0]["path"], "/streaming/streams");
    assert_eq!(reqs[0]["headers"]["authorization"], format!("APIKey {KEY}"));
    assert_eq!(reqs[0]["headers"]["content-type"], "application/json");
    assert_eq!(
        reqs[0]["body"],
        r#"{"name":"test_stream","active":false,"uri":null}"#
    );
}

#[wasm_bindgen_test]
async fn fetch_maps_each_error_shape() {
    let s = Scripted::new(
        "errors",
        json!([
            {"status": 422, "body": {"errors": {"name": ["can't be blank"], "status": ["can't be blank"]}}},
            {"status": 404, "body": {"status": 404, "error": "Not Found. Entity you are looking for was not found"}},
            {"status": 400, "body": {"errors": ["Name can't be blank"]}},
            {"status": 502, "body": "<html><body>502 Bad Gateway</body></html>", "headers": {"Content-Type": "text/html"}},
        ]),
    )
    .await;
    let c = client(&s);
    let b = BroadcastParams {
        name: Some("b".into()),
        status: Some(BroadcastStatus::Pending),
        ..Default::default()
    };
    let ClientError::Api(e) = c.create_broadcast(&b, &no()).await.unwrap_err() else {
        panic!()
    };
    assert_eq!((e.status, e.code.as_str()), (422, "validation_failed"));
    assert_eq!(e.fields.get("name"), Some(&vec!["can't be blank".to_owned()]));
    let once = CallOptions {
        max_retries: Some(0),
        ..no()
    };
    let ClientError::Api(e) = c.get_stream(StreamId(1), &once).await.unwrap_err() else {
        panic!()
    };
    assert_eq!((e.status, e.code.as_str()), (404, "not_found"));
    let ClientError::Api(e) = c.get_stream(StreamId(1), &once).await.unwrap_err() else {
        panic!()
    };
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("bad_request", "Name can't be blank")
    );
    let err = c.get_stream(StreamId(1), &once).await.unwrap_err();
    let ClientError::Api(e) = &err else { panic!() };
    assert_eq!((e.code.as_str(), e.retryable), ("server_error", true));
    assert!(!format!("{err} {err:?} {c:?}").contains("secret"));
}

#[wasm_bindgen_test]
async fn fetch_retries_idempotent_calls_and_honours_retry_after() {
    let s = Scripted::new(
        "retry",
        json!([
            {"status": 503, "headers": {"Retry-After": "2"}},
            {"status": 500},
            {"status": 200, "body": {"id": 7}},
        ]),
    )
    .await;
    let c = client(&s);
    assert_eq!(c.get_stream(StreamId(7), &no()).await.unwrap().id, StreamId(7));
    assert_eq!(
        *c.transport().sleeps.borrow(),
        vec![2000.0, 1000.0],
        "Retry-After read through CORS"
    );
    assert_eq!(s.requests().await.len(), 3);
}

#[wasm_bindgen_test]
async fn fetch_never_resends_a_create_on_500_but_does_on_429() {
    let s = Scripted::new(
        "post",
        json!([
            {"status": 500},
            {"status": 429, "headers": {"Retry-After": "0"}},
            {"status": 200, "body": {"id": 2}},
        ]),
    )
    .await;
    let c = client(&s);
    let p = StreamParams {
        name: Some("s".into()),
        ..Default::default()
    };
    assert_eq!(
        c.create_stream(&p, &no()).await.unwrap_err().code(),
        "server_error"
    );
    assert_eq!(s.requests().await.len(), 1);
    assert_eq!(c.create_stream(&p, &no()).await.unwrap().id, StreamId(2));
    assert_eq!(s.requests().await.len(), 3);
}

#[wasm_bindgen_test]
async fn fetch_timeouts_aborts_and_network_errors() {
    let s = Scripted::new(
        "transport",
        json!([
            {"status": 200, "body": {"id": 1}, "delay_ms": 2000},
            {"status": 200, "body": {"id": 1}, "delay_ms": 2000},
        ]),
    )
    .await;
    let c = client(&s);
    let fast = CallOptions {
        timeout_ms: Some(50.0),
        max_retries: Some(0),
        ..no()
    };
    assert_eq!(
        c.get_stream(StreamId(1), &fast).await.unwrap_err().code(),
        "timeout"
    );

    let controller = abort_controller();
    let signal = Reflect::get(&controller, &"signal".into()).unwrap();
    let opts = CallOptions {
        signal: Some(signal.clone()),
        ..no()
    };
    abort_later(&controller, 30);
    assert_eq!(
        c.get_stream(StreamId(1), &opts).await.unwrap_err().code(),
        "aborted"
    );
    // Already aborted: nothing is sent.
    let before = s.requests().await.len();
    assert_eq!(
        c.get_stream(StreamId(1), &opts).await.unwrap_err().code(),
        "aborted"
    );
    assert_eq!(s.requests().await.len(), before);

    // Nothing listens on port 9 (and browsers refuse it): a network error, retried for GET.
    let dead = Client::new(
        Recorder {
            inner: FetchTransport::new(None),
            sleeps: RefCell::default(),
        },
        ClientConfig {
            base_url: "http://127.0.0.1:9".into(),
            ..ClientConfig::default()
        },
    );
    let err = dead.get_stream(StreamId(1), &no()).await.unwrap_err();
    assert_eq!(err.code(), "network");
    assert_eq!(dead.transport().sleeps.borrow().len(), 2, "retried twice");
    let p = StreamParams {
        name: Some("s".into()),
        ..Default::default()
    };
    assert_eq!(dead.create_stream(&p, &no()).await.unwrap_err().code(), "network");
    assert_eq!(dead.transport().sleeps.borrow().len(), 2, "a POST is not retried");
}

#[wasm_bindgen_test]
async fn fetch_pagination_and_the_four_stages() {
    let page: Vec<Value> = (1..=25).map(|i| json!({"id": i})).collect();
    let s = Scripted::new(
        "stages",
        json!([
            {"status": 200, "body": page},
            {"status": 200, "body": [{"id": 26}]},
            {"status": 200, "body": {"id": 320423, "active": false}},
            {"status": 200, "body": ""},
            {"status": 200, "body": [{"id": 192470, "name": "b", "stream_ids": [320423]}]},
            // A single page says nothing about the page size: one more request, an empty page.
            {"status": 200, "body": []},
            {"status": 200, "body": {"id": 320423, "active": true}},
            {"status": 200, "body": {"id": 192470, "status": "live"}},
            {"status": 204},
            {"status": 200, "body": {"id": 803111, "status": "pending"}},
            {"status": 200, "body": {"id": 192470, "status": "finished"}},
            {"status": 200, "body": {"id": 320423, "active": false}},
            {"status": 204},
            {"status": 200, "body": {"id": 803111, "status": "viewable"}},
            {"status": 200, "body": {"id": 803111, "status": "ready"}},
        ]),
    )
    .await;
    let c = Rc::new(client(&s));
    let all = Paginator::streams(ListStreamsQuery::default())
        .collect(&c, &no())
        .await
        .unwrap();
    assert_eq!(all.len(), 26);
    let opts: SessionOptions = serde_json::from_value(json!({
        "stream": {"name": "s"}, "broadcast": {"name": "b"}
    }))
    .unwrap();
    let session = LiveSession::setup(c.clone(), opts, &no()).await.unwrap();
    assert_eq!(session.state().broadcast.id, Some(BroadcastId(192470)));
    session.go_live(&no()).await.unwrap();
    session.start_recording(&no()).await.unwrap();
    let videos = session.stop(&no()).await.unwrap();
    assert_eq!(videos[0].id, VideoId(803111));
    let wait = WaitOptions {
        interval_ms: 1.0,
        ..WaitOptions::default()
    };
    let v = session.wait_for_video_ready(&wait, &no()).await.unwrap();
    assert_eq!(v.status, Some(VideoStatus::Ready));
    let methods: Vec<String> = s
        .requests()
        .await
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r["method"].as_str().unwrap(),
                r["path"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        methods,
        [
            "GET /streaming/streams?page=1",
            "GET /streaming/streams?page=2",
            "POST /streaming/streams",
            "POST /streaming/broadcasts",
            "GET /streaming/broadcasts?page=1",
            "GET /streaming/broadcasts?page=2",
            "PATCH /streaming/streams/320423",
            "PATCH /streaming/broadcasts/192470",
            "PUT /streaming/streams/320423/start_recording",
            "PUT /streaming/streams/320423/stop_recording",
            "PATCH /streaming/broadcasts/192470",
            "PATCH /streaming/streams/320423",
            "DELETE /streaming/broadcasts/192470",
            "GET /streaming/videos/803111",
            "GET /streaming/videos/803111",
        ]
    );
    let _ = RetryPolicy::default();
}
