//! Cases shared by the Node (`wasm_webhook.rs`) and Chromium (`wasm_webhook_browser.rs`) runs: they call
//! the exported functions exactly as JavaScript does (JsValue in, JsValue out).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gcore_streaming::js::webhook::{parse_webhook, verify_webhook_source, WebhookTracker};
use js_sys::{Array, Reflect, Uint8Array, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

macro_rules! hook {
    ($name:literal) => {
        include_str!(concat!("../fixtures/webhooks/", $name, ".json"))
    };
}
macro_rules! api {
    ($name:literal) => {
        JSON::parse(include_str!(concat!("../fixtures/api/", $name, ".json"))).unwrap()
    };
}

const ALL: &[(&str, &str, &str)] = &[
    ("factsheet_restream", hook!("factsheet_restream"), "restream"),
    (
        "factsheet_restream_legacy_active",
        hook!("factsheet_restream_legacy_active"),
        "restream",
    ),
    ("factsheet_stream_full", hook!("factsheet_stream_full"), "stream"),
    (
        "factsheet_stream_string_user",
        hook!("factsheet_stream_string_user"),
        "stream",
    ),
    (
        "factsheet_video_delete",
        hook!("factsheet_video_delete"),
        "video_delete",
    ),
    ("factsheet_video_ready", hook!("factsheet_video_ready"), "video"),
    ("factsheet_vod_alias", hook!("factsheet_vod_alias"), "video"),
    (
        "interruption_broadcast_paused",
        hook!("interruption_broadcast_paused"),
        "broadcast",
    ),
    (
        "interruption_stream_down",
        hook!("interruption_stream_down"),
        "stream",
    ),
    ("step04_stream_live", hook!("step04_stream_live"), "stream"),
    (
        "step06_broadcast_live",
        hook!("step06_broadcast_live"),
        "broadcast",
    ),
    (
        "step08_recording_started",
        hook!("step08_recording_started"),
        "stream",
    ),
    (
        "step10_recording_stopped",
        hook!("step10_recording_stopped"),
        "stream",
    ),
    ("step11_video_pending", hook!("step11_video_pending"), "video"),
    (
        "step13_broadcast_finished",
        hook!("step13_broadcast_finished"),
        "broadcast",
    ),
    ("step15_stream_ended", hook!("step15_stream_ended"), "stream"),
    ("step17_video_viewable", hook!("step17_video_viewable"), "video"),
    ("step18_video_ready", hook!("step18_video_ready"), "video"),
];

fn get(v: &JsValue, path: &str) -> JsValue {
    let mut cur = v.clone();
    for key in path.split('.') {
        cur = match key.parse::<u32>() {
            Ok(i) => Reflect::get_u32(&cur, i).unwrap(),
            Err(_) => Reflect::get(&cur, &JsValue::from_str(key)).unwrap(),
        };
    }
    cur
}

fn s(v: &JsValue, path: &str) -> Option<String> {
    get(v, path).as_string()
}

fn n(v: &JsValue, path: &str) -> Option<f64> {
    get(v, path).as_f64()
}

fn err_of(r: Result<JsValue, JsValue>) -> (String, String, String) {
    let e = r.expect_err("expected a WebhookError");
    assert!(e.is_instance_of::<js_sys::Error>());
    (
        s(&e, "name").unwrap(),
        s(&e, "code").unwrap(),
        s(&e, "path").unwrap(),
    )
}

fn we(code: &str, path: &str) -> (String, String, String) {
    ("WebhookError".into(), code.into(), path.into())
}

#[wasm_bindgen_test]
fn every_sample_payload_parses() {
    for (name, body, ty) in ALL {
        let ev = parse_webhook(JsValue::from_str(body), None).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(s(&ev, "type").as_deref(), Some(*ty), "{name}");
        let key = match *ty {
            "video_delete" => "video",
            t => t,
        };
        assert!(n(&ev, &format!("{key}.id")).unwrap() > 0.0, "{name}");
    }
    let ev = parse_webhook(JsValue::from_str(hook!("factsheet_stream_string_user")), None).unwrap();
    assert_eq!(s(&ev, "stream.client_user_id").as_deref(), Some("10000001"));
    assert_eq!(
        s(&ev, "stream.client_entity_data").as_deref(),
        Some("{\"room\":7}")
    );
    let ev = parse_webhook(JsValue::from_str(hook!("step17_video_viewable")), None).unwrap();
    assert_eq!(
        s(&ev, "video.converted_videos.1.status").as_deref(),
        Some("processing")
    );
}

#[wasm_bindgen_test]
fn bytes_buffers_and_objects() {
    let body = hook!("step04_stream_live");
    let bytes = Uint8Array::from(body.as_bytes());
    let a = parse_webhook(bytes.clone().into(), None).unwrap();
    let b = parse_webhook(bytes.buffer().into(), None).unwrap();
    let c = parse_webhook(JSON::parse(body).unwrap(), None).unwrap();
    let text = |v: &JsValue| String::from(JSON::stringify(v).unwrap());
    assert_eq!(
        text(&a),
        r#"{"type":"stream","stream":{"id":320423,"live":true,"recording":false}}"#
    );
    assert_eq!(text(&a), text(&b));
    assert_eq!(text(&a), text(&c));
    // A parse result is accepted again.
    assert_eq!(text(&parse_webhook(c.clone(), None).unwrap()), text(&a));
}

#[wasm_bindgen_test]
fn errors_are_webhook_errors_with_code_and_path() {
    let p = |t: &str| parse_webhook(JsValue::from_str(t), None);
    assert_eq!(err_of(p("{")), we("invalid_json", ""));
    assert_eq!(err_of(p("[]")), we("not_an_object", ""));
    assert_eq!(
        err_of(p(r#"{"type":"nope","message":{}}"#)),
        we("unknown_type", "type")
    );
    assert_eq!(
        err_of(p(r#"{"type":"stream","message":{"stream":{"live":true}}}"#)),
        we("missing_field", "message.stream.id")
    );
    assert_eq!(
        err_of(p(
            r#"{"type":"stream","message":{"stream":{"id":"1","live":true}}}"#
        )),
        we("wrong_type", "message.stream.id")
    );
    // A status outside the documented values is kept as sent; `strictStatuses` refuses it.
    let new = r#"{"type":"video","message":{"video":{"id":1,"status":"new"}}}"#;
    let e = p(new).unwrap();
    assert_eq!(
        Reflect::get(&Reflect::get(&e, &"video".into()).unwrap(), &"status".into()).unwrap(),
        JsValue::from_str("new")
    );
    let strict: gcore_streaming::js::webhook::JsParseOptions = JSON::parse(r#"{"strictStatuses": true}"#)
        .unwrap()
        .unchecked_into();
    assert_eq!(
        err_of(parse_webhook(JsValue::from_str(new), Some(strict))),
        we("invalid_value", "message.video.status")
    );
    assert_eq!(
        err_of(parse_webhook(JsValue::from_f64(3.0), None)),
        we("not_an_object", "")
    );
    let big = "x".repeat(70_000);
    assert_eq!(err_of(p(&big)), we("too_large", ""));
    let opts: gcore_streaming::js::webhook::JsParseOptions =
        JSON::parse(r#"{"maxBytes": 10}"#).unwrap().unchecked_into();
    assert_eq!(
        err_of(parse_webhook(
            JsValue::from_str(hook!("step04_stream_live")),
            Some(opts)
        )),
        we("too_large", "")
    );
    let opts: gcore_streaming::js::webhook::JsParseOptions = JSON::parse(r#"{"allowUnknownTypes": true}"#)
        .unwrap()
        .unchecked_into();
    let ev = parse_webhook(JsValue::from_str(r#"{"type":"x","message":{"a":1}}"#), Some(opts)).unwrap();
    assert_eq!(
        (s(&ev, "type").as_deref(), s(&ev, "received_type").as_deref()),
        (Some("unknown"), Some("x"))
    );
}

fn verify(json: &str) -> Result<JsValue, JsValue> {
    verify_webhook_source(JSON::parse(json).unwrap()).map(|()| JsValue::UNDEFINED)
}

#[wasm_bindgen_test]
fn source_verification() {
    assert!(verify(r#"{"ip":"92.223.112.4"}"#).is_ok());
    assert!(verify(r#"{"ip":"2001:db8::1","allowIps":["2001:db8::/48"]}"#).is_ok());
    assert_eq!(
        err_of(verify(r#"{"ip":"10.1.1.1"}"#)),
        we("forbidden_source", "ip")
    );
    assert!(verify(r#"{"url":"https://e.example/hooks/gcore/s3cr3t-Abc","secret":"s3cr3t-Abc"}"#).is_ok());
    assert!(verify(r#"{"url":"https://e.example/hooks?token=s3cr3t-Abc","secret":"s3cr3t-Abc"}"#).is_ok());
    let e = verify(r#"{"url":"https://e.example/hooks?token=nope","secret":"s3cr3t-Abc"}"#).unwrap_err();
    assert_eq!(s(&e, "code").as_deref(), Some("bad_secret"));
    assert!(!s(&e, "message").unwrap().contains("s3cr3t"));
}

fn apply(t: &mut WebhookTracker, body: &str) -> JsValue {
    t.apply(JsValue::from_str(body), Some(1.0)).unwrap()
}

fn actions(r: &JsValue) -> Vec<(String, Option<f64>)> {
    let arr: Array = get(r, "actions").unchecked_into();
    arr.iter()
        .map(|a| (s(&a, "operation").unwrap(), n(&a, "step")))
        .collect()
}

fn act(op: &str, step: Option<f64>) -> (String, Option<f64>) {
    (op.to_owned(), step)
}

fn stage(t: &WebhookTracker) -> Option<String> {
    t.stage(320423.0).unwrap().as_string()
}

fn setup(t: &mut WebhookTracker) {
    t.apply_stream(api!("create_stream_response"), None).unwrap();
    t.apply_broadcast(api!("broadcast_response"), None).unwrap();
    t.apply_stream(JSON::parse(r#"{"id":320423,"active":true}"#).unwrap(), None)
        .unwrap();
}

#[wasm_bindgen_test]
fn nineteen_steps_walk_the_stages() {
    let mut t = WebhookTracker::new();
    setup(&mut t);
    assert_eq!(stage(&t).as_deref(), Some("setup"));
    let r = apply(&mut t, hook!("step04_stream_live"));
    assert_eq!(actions(&r), vec![act("update_broadcast", Some(5.0))]);
    assert_eq!(s(&r, "actions.0.body.broadcast.status").as_deref(), Some("live"));
    let r = apply(&mut t, hook!("step06_broadcast_live"));
    assert_eq!(
        (s(&r, "stage").as_deref(), actions(&r)),
        (Some("test"), vec![act("start_recording", Some(7.0))])
    );
    let r = apply(&mut t, hook!("step08_recording_started"));
    assert_eq!(s(&r, "stage").as_deref(), Some("live"));
    t.expect_stop(320423.0, None).unwrap();
    let r = apply(&mut t, hook!("step10_recording_stopped"));
    assert_eq!(
        (s(&r, "outcome").as_deref(), s(&r, "stage").as_deref()),
        (Some("applied"), Some("stop"))
    );
    assert_eq!(actions(&r), vec![act("update_broadcast", Some(12.0))]);
    apply(&mut t, hook!("step11_video_pending"));
    let r = apply(&mut t, hook!("step13_broadcast_finished"));
    assert_eq!(actions(&r), vec![act("update_stream", Some(14.0))]);
    t.apply_stream(api!("stream_disable_response"), None).unwrap();
    let r = apply(&mut t, hook!("step15_stream_ended"));
    assert_eq!(actions(&r), vec![act("delete_broadcast", Some(16.0))]);
    apply(&mut t, hook!("step17_video_viewable"));
    let r = apply(&mut t, hook!("step18_video_ready"));
    assert_eq!(
        (s(&r, "stage").as_deref(), actions(&r)),
        (Some("done"), vec![act("get_video", Some(19.0))])
    );
    assert_eq!(n(&r, "actions.0.video_id"), Some(803111.0));
    let r = apply(&mut t, hook!("step18_video_ready"));
    assert_eq!(s(&r, "outcome").as_deref(), Some("duplicate"));
    let r = apply(&mut t, hook!("step11_video_pending"));
    assert_eq!(s(&r, "outcome").as_deref(), Some("stale"));
    // Snapshot / restore, tracked state, forget.
    let snap = t.snapshot();
    let back = WebhookTracker::restore(JsValue::from_str(&snap)).unwrap();
    assert_eq!(back.snapshot(), snap);
    assert_eq!(back.stage(320423.0).unwrap().as_string().as_deref(), Some("done"));
    let st = back.stream(320423.0).unwrap();
    assert_eq!(n(&st, "recordings.0"), Some(803111.0));
    assert_eq!(n(&st, "broadcast_ids.0"), Some(192470.0));
    assert_eq!(
        s(&back.video(803111.0).unwrap(), "status").as_deref(),
        Some("ready")
    );
    assert_eq!(
        s(&back.broadcast(192470.0).unwrap(), "status").as_deref(),
        Some("finished")
    );
    let e = WebhookTracker::restore(JsValue::from_str("{\"v\":9}"))
        .err()
        .unwrap();
    assert_eq!(s(&e, "code").as_deref(), Some("invalid_snapshot"));
    // Not a string: refused before anything is copied.
    let e = WebhookTracker::restore(js_sys::Object::new().into())
        .err()
        .unwrap();
    assert_eq!(s(&e, "code").as_deref(), Some("invalid_snapshot"));
    assert!(t.forget(320423.0).unwrap());
    assert!(t.stage(320423.0).unwrap().is_null());
    assert_eq!(t.snapshot(), r#"{"v":1}"#);
}

#[wasm_bindgen_test]
fn interruption_and_reuse() {
    let mut t = WebhookTracker::new();
    setup(&mut t);
    apply(&mut t, hook!("step04_stream_live"));
    apply(&mut t, hook!("step06_broadcast_live"));
    apply(&mut t, hook!("step08_recording_started"));
    let r = apply(&mut t, hook!("interruption_stream_down"));
    assert_eq!(
        actions(&r),
        vec![
            act("get_stream", None),
            act("update_broadcast", None),
            act("stop_recording", None)
        ]
    );
    assert_eq!(
        s(&r, "actions.1.body.broadcast.status").as_deref(),
        Some("paused")
    );
    assert_eq!(get(&r, "entity.interrupted").as_bool(), Some(true));
    apply(&mut t, hook!("interruption_broadcast_paused"));
    // Back: a new session; back on air.
    let r = apply(&mut t, hook!("step04_stream_live"));
    assert_eq!(
        (s(&r, "stage").as_deref(), actions(&r)),
        (Some("setup"), vec![act("update_broadcast", Some(5.0))])
    );
    assert_eq!(n(&r, "entity.session"), Some(2.0));
    // Reuse after done: a new broadcast; only it is put on air.
    let mut t = WebhookTracker::new();
    setup(&mut t);
    for h in [
        hook!("step04_stream_live"),
        hook!("step06_broadcast_live"),
        hook!("step08_recording_started"),
    ] {
        apply(&mut t, h);
    }
    t.expect_stop(320423.0, None).unwrap();
    for h in [
        hook!("step10_recording_stopped"),
        hook!("step11_video_pending"),
        hook!("step13_broadcast_finished"),
        hook!("step15_stream_ended"),
        hook!("step18_video_ready"),
    ] {
        apply(&mut t, h);
    }
    assert_eq!(stage(&t).as_deref(), Some("done"));
    t.apply_stream(api!("stream_reuse_response"), None).unwrap();
    t.apply_broadcast(
        JSON::parse(r#"{"id":192471,"status":"pending","stream_ids":[320423]}"#).unwrap(),
        None,
    )
    .unwrap();
    let r = apply(&mut t, hook!("step04_stream_live"));
    assert_eq!(s(&r, "stage").as_deref(), Some("setup"));
    assert_eq!(actions(&r).len(), 1);
    assert_eq!(n(&r, "actions.0.broadcast_id"), Some(192471.0));
    // Bad API input is a WebhookError too.
    let e = t
        .apply_broadcast(JSON::parse(r#"{"status":"live"}"#).unwrap(), None)
        .err()
        .unwrap();
    assert_eq!(
        (s(&e, "code").as_deref(), s(&e, "path").as_deref()),
        (Some("missing_field"), Some("broadcast.id"))
    );
    let e = t.stage(-1.0).err().unwrap();
    assert_eq!(s(&e, "code").as_deref(), Some("invalid_value"));
}
