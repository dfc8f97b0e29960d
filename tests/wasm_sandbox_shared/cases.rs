//! The guide walked on the embedded `Sandbox` through its `fetch`, shared by the Node and Chromium
//! test binaries.

use gcore_streaming::js::sandbox::Sandbox;
use js_sys::{Function, Promise, Reflect, JSON};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

const KEY: &str = "29841_c767sandbox";

fn options(v: Value) -> JsValue {
    JSON::parse(&v.to_string()).unwrap()
}

fn to_value(js: &JsValue) -> Value {
    if js.is_undefined() {
        return Value::Null;
    }
    serde_json::from_str(&JSON::stringify(js).unwrap().as_string().unwrap()).unwrap()
}

/// Calls a detached fetch like any fetch-based code would: `(url, init) → Response`.
async fn call(
    fetch: &Function,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, String, web_sys::Response) {
    let mut init = json!({"method": method, "headers": {"Authorization": format!("APIKey {KEY}"), "Content-Type": "application/json"}});
    if let Some(b) = body {
        init["body"] = Value::String(b.to_string());
    }
    let init = JSON::parse(&init.to_string()).unwrap();
    let url = JsValue::from_str(&format!("https://api.gcore.com{path}"));
    let promise: Promise = fetch
        .call2(&JsValue::UNDEFINED, &url, &init)
        .unwrap()
        .unchecked_into();
    let res: web_sys::Response = JsFuture::from(promise).await.unwrap().unchecked_into();
    let text = JsFuture::from(res.text().unwrap())
        .await
        .unwrap()
        .as_string()
        .unwrap();
    (res.status(), text, res)
}

fn json_of(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn brief(w: &Value) -> String {
    let m = &w["message"];
    match w["type"].as_str().unwrap() {
        "stream" => format!(
            "stream live={} transcoding={} recording={}",
            m["stream"]["live"], m["stream"]["transcoding"], m["stream"]["recording"]
        ),
        "broadcast" => format!("broadcast {}", m["broadcast"]["status"].as_str().unwrap()),
        t => format!("{t} {}", m["video"]["status"].as_str().unwrap()),
    }
}

fn collector(sandbox: &Sandbox) -> Rc<RefCell<Vec<Value>>> {
    let got = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&got);
    let cb = Closure::<dyn FnMut(JsValue, JsValue)>::new(move |payload: JsValue, record: JsValue| {
        let record = to_value(&record);
        let payload = to_value(&payload);
        assert_eq!(record["payload"], payload);
        sink.borrow_mut().push(payload);
    });
    sandbox.on_webhook(cb.into_js_value().unchecked_into()).unwrap();
    got
}

#[wasm_bindgen_test]
async fn the_guide_on_the_embedded_sandbox() {
    // Transcoding starts as the ingest does (no delay): the guide's timings are kept.
    let sandbox = Sandbox::new(options(json!({"apiKey": KEY, "transcodingDelayMs": 0}))).unwrap();
    let got = collector(&sandbox);
    // Detached, as `{ fetch: sandbox.fetch }` passes it.
    let fetch = sandbox.fetch();
    let take = || {
        std::mem::take(&mut *got.borrow_mut())
            .iter()
            .map(brief)
            .collect::<Vec<_>>()
    };

    let (status, text, res) = call(
        &fetch,
        "POST",
        "/streaming/streams",
        Some(json!({"stream": {"name": "test_stream", "active": false}})),
    )
    .await;
    assert_eq!(status, 200, "{text}");
    assert!(res
        .headers()
        .get("content-type")
        .unwrap()
        .unwrap()
        .starts_with("application/json"));
    let sid = json_of(&text)["id"].as_u64().unwrap();
    assert_eq!(sid, 320_423);
    let (_, text, _) = call(
        &fetch,
        "POST",
        "/streaming/broadcasts",
        Some(json!({"broadcast": {"name": "b", "status": "pending", "stream_ids": [sid]}})),
    )
    .await;
    let bid = json_of(&text)["id"].as_u64().unwrap();
    let (_, text, _) = call(
        &fetch,
        "PATCH",
        &format!("/streaming/streams/{sid}"),
        Some(json!({"stream": {"active": true}})),
    )
    .await;
    assert_eq!(json_of(&text)["active"], true);
    assert_eq!(take(), Vec::<String>::new());
    let emitted = to_value(&sandbox.advance(2_000.0).unwrap());
    assert_eq!(emitted[0]["seq"], 1);
    assert_eq!(emitted[0]["at"], "2026-01-01T00:00:02.000Z");
    assert_eq!(
        take(),
        [
            "stream live=true transcoding=false recording=false",
            "stream live=true transcoding=true recording=false"
        ]
    );
    call(
        &fetch,
        "PATCH",
        &format!("/streaming/broadcasts/{bid}"),
        Some(json!({"broadcast": {"status": "live"}})),
    )
    .await;
    assert_eq!(
        take(),
        ["broadcast live"],
        "webhooks caused by a request arrive before its promise settles"
    );
    let (status, text, _) = call(
        &fetch,
        "PUT",
        &format!("/streaming/streams/{sid}/start_recording"),
        None,
    )
    .await;
    assert_eq!((status, text.as_str()), (204, ""));
    sandbox.advance(1_000.0).unwrap();
    assert_eq!(take(), ["stream live=true transcoding=true recording=true"]);
    sandbox.advance(48_410.0).unwrap();
    let (status, text, _) = call(
        &fetch,
        "PUT",
        &format!("/streaming/streams/{sid}/stop_recording"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    let video = json_of(&text);
    assert_eq!(video["duration"], 48_410);
    assert_eq!(
        video["name"],
        "Stream Record: test_stream, 2026-01-01 00:00:51 +0000"
    );
    let vid = video["id"].as_u64().unwrap();
    call(
        &fetch,
        "PATCH",
        &format!("/streaming/broadcasts/{bid}"),
        Some(json!({"broadcast": {"status": "finished"}})),
    )
    .await;
    let (_, text, _) = call(
        &fetch,
        "PATCH",
        &format!("/streaming/streams/{sid}"),
        Some(json!({"stream": {"active": false}})),
    )
    .await;
    assert_eq!(
        (json_of(&text)["active"].clone(), json_of(&text)["live"].clone()),
        (json!(false), json!(true))
    );
    let (status, text, _) = call(&fetch, "DELETE", &format!("/streaming/broadcasts/{bid}"), None).await;
    assert_eq!((status, text.as_str()), (204, ""));
    sandbox.advance(6_000.0).unwrap();
    assert_eq!(
        take(),
        [
            "stream live=true transcoding=true recording=false",
            "video pending",
            "broadcast finished",
            "stream live=false transcoding=false recording=false",
            "video viewable",
            "video ready",
        ]
    );
    let (status, text, _) = call(&fetch, "GET", &format!("/streaming/videos/{vid}"), None).await;
    assert_eq!(status, 200);
    assert_eq!(json_of(&text)["status"], "ready");

    // Interruption, driven from JS.
    call(
        &fetch,
        "PATCH",
        &format!("/streaming/streams/{sid}"),
        Some(json!({"active": true})),
    )
    .await;
    let stream = to_value(&sandbox.connect(sid as f64).unwrap());
    assert_eq!(stream["live"], true);
    let err = sandbox.connect(sid as f64).unwrap_err();
    assert_eq!(Reflect::get(&err, &"code".into()).unwrap(), "already_live");
    assert_eq!(Reflect::get(&err, &"name".into()).unwrap(), "StreamingError");
    sandbox.disconnect(sid as f64).unwrap();
    assert_eq!(
        take(),
        [
            "stream live=true transcoding=false recording=false",
            "stream live=true transcoding=true recording=false",
            "stream live=false transcoding=false recording=false"
        ]
    );
    assert_eq!(
        to_value(&sandbox.webhooks().unwrap()).as_array().unwrap().len(),
        13
    );

    // Deletion.
    let (status, _, _) = call(&fetch, "DELETE", &format!("/streaming/videos/{vid}"), None).await;
    assert_eq!(status, 204);
    assert_eq!(take(), ["video_delete ready"]);
}

#[wasm_bindgen_test]
async fn fetch_accepts_request_objects_and_relative_urls_and_checks_the_key() {
    let sandbox = Sandbox::new(options(json!({"apiKey": KEY, "quota": 1}))).unwrap();
    let fetch = sandbox.fetch();
    // No key: 401 with the documented text.
    let promise: Promise = fetch
        .call1(&JsValue::UNDEFINED, &"/streaming/streams".into())
        .unwrap()
        .unchecked_into();
    let res: web_sys::Response = JsFuture::from(promise).await.unwrap().unchecked_into();
    assert_eq!(res.status(), 401);
    let body = JsFuture::from(res.text().unwrap())
        .await
        .unwrap()
        .as_string()
        .unwrap();
    assert_eq!(
        json_of(&body),
        json!({"detail": "Authentication credentials were not provided."})
    );
    // A Request object with its own headers and body.
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(r#"{"name":"a","active":true}"#));
    let headers = web_sys::Headers::new().unwrap();
    headers.set("authorization", &format!("apikey {KEY}")).unwrap();
    init.set_headers(&headers);
    let req =
        web_sys::Request::new_with_str_and_init("http://localhost:8787/streaming/streams", &init).unwrap();
    let promise: Promise = fetch.call1(&JsValue::UNDEFINED, &req).unwrap().unchecked_into();
    let res: web_sys::Response = JsFuture::from(promise).await.unwrap().unchecked_into();
    assert_eq!(res.status(), 200);
    // Quota 1: a second active stream is refused.
    let (status, text, _) = call(
        &fetch,
        "POST",
        "/streaming/streams",
        Some(json!({"name": "b", "active": true})),
    )
    .await;
    assert_eq!(status, 422);
    assert!(json_of(&text)["errors"]["active"][0]
        .as_str()
        .unwrap()
        .contains("(1)"));
    // Wrong key.
    let init = JSON::parse(r#"{"headers":{"Authorization":"APIKey nope"}}"#).unwrap();
    let promise: Promise = fetch
        .call2(&JsValue::UNDEFINED, &"/streaming/streams".into(), &init)
        .unwrap()
        .unchecked_into();
    let res: web_sys::Response = JsFuture::from(promise).await.unwrap().unchecked_into();
    assert_eq!(res.status(), 401);
}

#[wasm_bindgen_test]
fn options_are_checked_and_reset_starts_over() {
    let err = Sandbox::new(options(json!({"quota": "three"}))).err().unwrap();
    assert_eq!(Reflect::get(&err, &"code".into()).unwrap(), "invalid_params");
    assert_eq!(Reflect::get(&err, &"path".into()).unwrap(), "quota");
    let err = Sandbox::new(options(json!({"publisherDelay": 5}))).err().unwrap();
    assert_eq!(Reflect::get(&err, &"path".into()).unwrap(), "publisherDelay");
    let err = Sandbox::new(options(json!({"start": "yesterday"})))
        .err()
        .unwrap();
    assert_eq!(Reflect::get(&err, &"path".into()).unwrap(), "start");
    let sandbox = Sandbox::new(options(json!({"start": "2030-05-01T12:00:00Z"}))).unwrap();
    assert_eq!(sandbox.now(), 1_903_867_200_000.0);
    sandbox.advance(1_500.0).unwrap();
    assert_eq!(sandbox.now(), 1_903_867_201_500.0);
    assert!(sandbox.advance(-1.0).is_err());
    sandbox.reset().unwrap();
    assert_eq!(sandbox.now(), 1_903_867_200_000.0);
    let err = sandbox.connect(1.5).unwrap_err();
    assert_eq!(Reflect::get(&err, &"code".into()).unwrap(), "invalid_params");
    let err = sandbox.disconnect(7.0).unwrap_err();
    assert_eq!(Reflect::get(&err, &"code".into()).unwrap(), "stream_not_found");
    assert!(Sandbox::new(JsValue::UNDEFINED).is_ok());
}

#[wasm_bindgen_test]
async fn listeners_can_be_removed_and_manual_connect_mode_works() {
    let sandbox = Sandbox::new(options(json!({"autoConnect": false}))).unwrap();
    let got = Rc::new(RefCell::new(0));
    let sink = Rc::clone(&got);
    let cb = Closure::<dyn FnMut(JsValue)>::new(move |_p: JsValue| *sink.borrow_mut() += 1);
    let off: Function = sandbox
        .on_webhook(cb.into_js_value().unchecked_into())
        .unwrap()
        .unchecked_into();
    let fetch = sandbox.fetch();
    let (_, text, _) = call(
        &fetch,
        "POST",
        "/streaming/streams",
        Some(json!({"name": "m", "active": true})),
    )
    .await;
    let sid = json_of(&text)["id"].as_u64().unwrap();
    sandbox.advance(60_000.0).unwrap();
    assert_eq!(*got.borrow(), 0, "no automatic publisher");
    sandbox.connect(sid as f64).unwrap();
    assert_eq!(*got.borrow(), 1);
    off.call0(&JsValue::UNDEFINED).unwrap();
    sandbox.disconnect(sid as f64).unwrap();
    assert_eq!(*got.borrow(), 1);
    assert_eq!(
        to_value(&sandbox.webhooks().unwrap()).as_array().unwrap().len(),
        2
    );
}
