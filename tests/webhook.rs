//! Webhook validator, source check and tracker against the payloads of the guide and of Gcore's webhook page.
#![cfg(not(target_family = "wasm"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gcore_streaming::domain::model::{Broadcast, BroadcastStatus, Stream, Video, VideoStatus};
use gcore_streaming::domain::request::Operation;
use gcore_streaming::domain::webhook::*;
use gcore_streaming::domain::{BroadcastId, StreamId, VideoId};
use serde_json::{json, Value};

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn parse(text: &str) -> Result<WebhookEvent, WebhookError> {
    parse_webhook(text.as_bytes(), &ParseOptions::default())
}

fn hook(name: &str) -> WebhookEvent {
    parse(&fixture(&format!("webhooks/{name}.json"))).unwrap()
}

fn err(text: &str) -> (WebhookErrorCode, String) {
    let e = parse(text).unwrap_err();
    assert!(e.message.len() < 300, "message too long: {}", e.message);
    (e.code, e.path)
}

fn strict_err(text: &str) -> (WebhookErrorCode, String) {
    let strict = ParseOptions {
        strict_statuses: true,
        ..ParseOptions::default()
    };
    let e = parse_webhook(text.as_bytes(), &strict).unwrap_err();
    (e.code, e.path)
}

const S: StreamId = StreamId(320423);
const B: BroadcastId = BroadcastId(192470);
const V: VideoId = VideoId(803111);

fn ops(r: &ApplyResult) -> Vec<(Operation, Option<u8>)> {
    r.actions.iter().map(|a| (a.operation, a.step)).collect()
}

#[test]
fn every_fixture_parses_to_its_typed_event() {
    let dir = format!("{}/tests/fixtures/webhooks", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let ev = parse(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        let raw: Value = serde_json::from_str(&text).unwrap();
        let json: Value = serde_json::from_str(&ev.to_json()).unwrap();
        let expected_type = match raw["type"].as_str().unwrap() {
            "vod" => "video",
            t => t,
        };
        assert_eq!(json["type"], expected_type, "{path:?}");
        let key = raw["message"].as_object().unwrap().keys().next().unwrap().clone();
        // Every non-null field of the entity comes back unchanged.
        for (k, v) in raw["message"][&key].as_object().unwrap() {
            if !v.is_null() {
                assert_eq!(&json[&key][k], v, "{path:?} field {k}");
            }
        }
        n += 1;
    }
    assert_eq!(n, 18);
}

#[test]
fn typed_fields() {
    match hook("factsheet_stream_string_user") {
        WebhookEvent::Stream { stream } => {
            assert_eq!(stream.client_user_id, Some(ClientUserId::Text("10000001".into())));
            assert_eq!(stream.stream_source_type.unwrap().as_str(), "srt");
        }
        e => panic!("{e:?}"),
    }
    match hook("factsheet_stream_full") {
        WebhookEvent::Stream { stream } => {
            assert_eq!(stream.client_user_id, Some(ClientUserId::Int(10000001)));
            assert_eq!(stream.client_entity_data, None);
        }
        e => panic!("{e:?}"),
    }
    match hook("factsheet_video_delete") {
        WebhookEvent::VideoDelete { video } => {
            assert_eq!(video.deleted_at.as_deref(), Some("2025-09-16T13:50:42.000Z"))
        }
        e => panic!("{e:?}"),
    }
    assert!(matches!(hook("factsheet_vod_alias"), WebhookEvent::Video { .. }));
    match hook("factsheet_restream_legacy_active") {
        WebhookEvent::Restream { restream } => {
            assert_eq!((restream.live, restream.active), (None, Some(true)))
        }
        e => panic!("{e:?}"),
    }
    // Unknown fields are kept, statuses are normalised to lower case.
    let ev =
        parse(r#"{"type":"broadcast","message":{"broadcast":{"id":1,"status":"Live","x":[1]}},"extra":1}"#)
            .unwrap();
    assert_eq!(
        ev.to_json(),
        r#"{"type":"broadcast","broadcast":{"id":1,"status":"live","x":[1]}}"#
    );
}

#[test]
fn errors_have_codes_and_paths() {
    use WebhookErrorCode::*;
    let c = |code, path: &str| (code, path.to_owned());
    assert_eq!(err("{"), c(InvalidJson, ""));
    assert_eq!(err("\u{feff}[1]"), c(NotAnObject, ""));
    assert_eq!(err("null"), c(NotAnObject, ""));
    assert_eq!(err(r#"{"message":{}}"#), c(MissingField, "type"));
    assert_eq!(err(r#"{"type":5,"message":{}}"#), c(WrongType, "type"));
    assert_eq!(err(r#"{"type":"stream"}"#), c(MissingField, "message"));
    assert_eq!(err(r#"{"type":"streams","message":{}}"#), c(UnknownType, "type"));
    assert_eq!(err(r#"{"type":"stream","message":[]}"#), c(WrongType, "message"));
    assert_eq!(
        err(r#"{"type":"stream","message":{}}"#),
        c(MissingField, "message.stream")
    );
    assert_eq!(
        err(r#"{"type":"stream","message":{"stream":1}}"#),
        c(WrongType, "message.stream")
    );
    assert_eq!(
        err(r#"{"type":"stream","message":{"stream":{"live":true}}}"#),
        c(MissingField, "message.stream.id")
    );
    assert_eq!(
        err(r#"{"type":"stream","message":{"stream":{"id":null,"live":true}}}"#),
        c(WrongType, "message.stream.id")
    );
    assert_eq!(
        err(r#"{"type":"stream","message":{"stream":{"id":"1","live":true}}}"#),
        c(WrongType, "message.stream.id")
    );
    assert_eq!(
        err(r#"{"type":"stream","message":{"stream":{"id":1.5,"live":true}}}"#),
        c(WrongType, "message.stream.id")
    );
    assert_eq!(
        err(r#"{"type":"stream","message":{"stream":{"id":0,"live":true}}}"#),
        c(InvalidValue, "message.stream.id")
    );
    assert_eq!(
        err(r#"{"type":"stream","message":{"stream":{"id":-4,"live":true}}}"#),
        c(InvalidValue, "message.stream.id")
    );
    assert_eq!(
        err(r#"{"type":"stream","message":{"stream":{"id":9007199254740992,"live":true}}}"#),
        c(InvalidValue, "message.stream.id")
    );
    assert_eq!(
        err(r#"{"type":"stream","message":{"stream":{"id":1}}}"#),
        c(MissingField, "message.stream.live")
    );
    assert_eq!(
        err(r#"{"type":"stream","message":{"stream":{"id":1,"live":"yes"}}}"#),
        c(WrongType, "message.stream.live")
    );
    assert_eq!(
        err(r#"{"type":"stream","message":{"stream":{"id":1,"live":true,"client_user_id":true}}}"#),
        c(WrongType, "message.stream.client_user_id")
    );
    assert_eq!(
        err(r#"{"type":"broadcast","message":{"broadcast":{"id":1}}}"#),
        c(MissingField, "message.broadcast.status")
    );
    assert_eq!(
        strict_err(r#"{"type":"broadcast","message":{"broadcast":{"id":1,"status":"done"}}}"#),
        c(InvalidValue, "message.broadcast.status")
    );
    assert_eq!(
        err(r#"{"type":"video","message":{"video":{"id":1}}}"#),
        c(MissingField, "message.video.status")
    );
    assert_eq!(
        strict_err(r#"{"type":"video","message":{"video":{"id":1,"status":"new"}}}"#),
        c(InvalidValue, "message.video.status")
    );
    assert_eq!(
        err(
            r#"{"type":"video","message":{"video":{"id":1,"status":"ready","converted_videos":[{"name":3}]}}}"#
        ),
        c(WrongType, "message.video.converted_videos[0].name")
    );
    assert_eq!(
        err(r#"{"type":"video","message":{"video":{"id":1,"status":"ready","duration":-1}}}"#),
        c(InvalidValue, "message.video.duration")
    );
    assert_eq!(
        err(r#"{"type":"video_delete","message":{"video_delete":{"id":1}}}"#),
        c(MissingField, "message.video")
    );
    assert_eq!(
        err(r#"{"type":"restream","message":{"restream":{"name":"x"}}}"#),
        c(MissingField, "message.restream.id")
    );
    assert_eq!(
        err(r#"{"type":"broadcast","message":{"broadcast":{"id":1,"status":"live","stream_ids":[1,0]}}}"#),
        c(InvalidValue, "message.broadcast.stream_ids[1]")
    );
    // Minimal valid ones.
    assert!(parse(r#"{"type":"video_delete","message":{"video":{"id":1}}}"#).is_ok());
    assert!(parse(r#"{"type":"restream","message":{"restream":{"id":1}}}"#).is_ok());
    // Large input is not echoed.
    let long = format!(r#"{{"type":"{}","message":{{}}}}"#, "x".repeat(10_000));
    let e = parse(&long).unwrap_err();
    assert_eq!(e.code, UnknownType);
    assert!(e.message.len() < 200, "{}", e.message);
}

#[test]
fn size_limit_and_unknown_types() {
    let body = fixture("webhooks/step04_stream_live.json");
    let small = ParseOptions {
        max_bytes: 10,
        ..Default::default()
    };
    assert_eq!(
        parse_webhook(body.as_bytes(), &small).unwrap_err().code,
        WebhookErrorCode::TooLarge
    );
    let big = format!(
        r#"{{"type":"stream","message":{{"stream":{{"id":1,"live":true,"pad":"{}"}}}}}}"#,
        "x".repeat(70_000)
    );
    assert_eq!(parse(&big).unwrap_err().code, WebhookErrorCode::TooLarge);
    let lenient = ParseOptions {
        allow_unknown_types: true,
        ..Default::default()
    };
    let ev = parse_webhook(br#"{"type":"ai_task","message":{"task":{"id":1}}}"#, &lenient).unwrap();
    assert_eq!(
        ev.to_json(),
        r#"{"type":"unknown","received_type":"ai_task","message":{"task":{"id":1}}}"#
    );
    let mut t = Tracker::new();
    assert_eq!(t.apply(&ev, None).outcome, Outcome::Ignored);
}

#[test]
fn source_checks() {
    let ok = |c: SourceCheck| verify_source(&c);
    let ip = |s: &str| SourceCheck {
        ip: Some(s.into()),
        ..Default::default()
    };
    assert!(ok(ip("92.223.112.10")).is_ok());
    assert!(ok(ip("92.223.123.255")).is_ok());
    assert!(ok(ip("::ffff:92.223.123.1")).is_ok());
    assert_eq!(
        ok(ip("92.223.124.1")).unwrap_err().code,
        WebhookErrorCode::ForbiddenSource
    );
    assert_eq!(
        ok(ip("not-an-ip")).unwrap_err().code,
        WebhookErrorCode::ForbiddenSource
    );
    let six = SourceCheck {
        ip: Some("2001:db8::7".into()),
        allow_ips: Some(vec!["2001:db8::/64".into()]),
        ..Default::default()
    };
    assert!(ok(six).is_ok());
    let bad_cidr = SourceCheck {
        ip: Some("1.2.3.4".into()),
        allow_ips: Some(vec!["1.2.3.0/24".into(), "1.2.3.0/40".into()]),
        ..Default::default()
    };
    let e = ok(bad_cidr).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str()),
        (WebhookErrorCode::InvalidValue, "allowIps[1]")
    );
    let secret = |url: &str| SourceCheck {
        url: Some(url.into()),
        secret: Some("k9Zq-secret".into()),
        ..Default::default()
    };
    assert!(ok(secret("https://edge.example/hooks/gcore/k9Zq-secret")).is_ok());
    assert!(ok(secret("https://edge.example/hooks?token=k9Zq-secret")).is_ok());
    let e = ok(secret("https://edge.example/hooks/gcore/wrong")).unwrap_err();
    assert_eq!(e.code, WebhookErrorCode::BadSecret);
    assert!(!e.message.contains("k9Zq"));
    assert_eq!(
        ok(SourceCheck::default()).unwrap_err().code,
        WebhookErrorCode::InvalidValue
    );
    // Both checks: both must pass.
    let both = SourceCheck {
        ip: Some("10.0.0.1".into()),
        ..secret("/h/k9Zq-secret")
    };
    assert_eq!(ok(both).unwrap_err().code, WebhookErrorCode::ForbiddenSource);
}

fn api<T: serde::de::DeserializeOwned>(name: &str) -> T {
    serde_json::from_str(&fixture(&format!("api/{name}.json"))).unwrap()
}

/// Steps 1–3 through the API, then the guide's webhooks: the stage walks setup → test → live → stop → done.
fn run_setup(t: &mut Tracker) {
    let created: Stream = api("create_stream_response");
    t.apply_stream(&created, Some(1));
    let b: Broadcast = api("broadcast_response");
    t.apply_broadcast(&b, Some(2)).unwrap();
    assert_eq!(t.stage(S), Some(Stage::Setup));
    t.apply_stream(
        &Stream {
            active: Some(true),
            ..created
        },
        Some(3),
    );
}

#[test]
fn the_nineteen_steps() {
    let mut t = Tracker::new();
    run_setup(&mut t);
    // Step 4: stream live → action step 5: set the broadcast live.
    let r = t.apply(&hook("step04_stream_live"), Some(4));
    assert_eq!((r.outcome, r.stage), (Outcome::Applied, Some(Stage::Setup)));
    assert_eq!(ops(&r), vec![(Operation::UpdateBroadcast, Some(5))]);
    assert_eq!(r.actions[0].broadcast_id, Some(B));
    assert_eq!(
        r.actions[0].body.as_ref().map(ActionBody::to_value),
        Some(json!({"broadcast": {"status": "live"}}))
    );
    assert_eq!(
        r.actions[0].request().unwrap().path,
        "/streaming/broadcasts/192470"
    );
    // Step 6: broadcast live → test; action step 7: start recording.
    let r = t.apply(&hook("step06_broadcast_live"), Some(6));
    assert_eq!(r.stage, Some(Stage::Test));
    assert_eq!(ops(&r), vec![(Operation::StartRecording, Some(7))]);
    assert_eq!(
        r.actions[0].request().unwrap().path,
        "/streaming/streams/320423/start_recording"
    );
    // Step 8: recording → live.
    let r = t.apply(&hook("step08_recording_started"), Some(8));
    assert_eq!((r.stage, r.actions.len()), (Some(Stage::Live), 0));
    // Step 9 (the user stops): the caller marks the stop as requested.
    t.expect_stop(S, Some(9));
    // Step 10: byte-identical to step 4, but it matters: recording stopped → stop; finish the broadcast.
    let r = t.apply(&hook("step10_recording_stopped"), Some(10));
    assert_eq!((r.outcome, r.stage), (Outcome::Applied, Some(Stage::Stop)));
    assert_eq!(ops(&r), vec![(Operation::UpdateBroadcast, Some(12))]);
    assert_eq!(
        r.actions[0].body.as_ref().map(ActionBody::to_value),
        Some(json!({"broadcast": {"status": "finished"}}))
    );
    // Step 11: video pending, linked to the stream.
    let r = t.apply(&hook("step11_video_pending"), Some(11));
    assert_eq!(r.stage, Some(Stage::Stop));
    assert_eq!(t.stream(S).unwrap().recordings, vec![V]);
    // Step 13: broadcast finished → disable the stream (step 14).
    let r = t.apply(&hook("step13_broadcast_finished"), Some(13));
    assert_eq!(ops(&r), vec![(Operation::UpdateStream, Some(14))]);
    assert_eq!(
        r.actions[0].body.as_ref().map(ActionBody::to_value),
        Some(json!({"stream": {"active": false}}))
    );
    t.apply_stream(&api::<Stream>("stream_disable_response"), Some(14));
    // Step 15: stream ended (requested: not an interruption) → delete the broadcast (step 16).
    let r = t.apply(&hook("step15_stream_ended"), Some(15));
    assert_eq!(r.stage, Some(Stage::Stop));
    assert_eq!(ops(&r), vec![(Operation::DeleteBroadcast, Some(16))]);
    assert!(!t.stream(S).unwrap().state.interrupted);
    // Step 17: viewable; step 18: ready → done; get the video (step 19).
    let r = t.apply(&hook("step17_video_viewable"), Some(17));
    assert_eq!((r.stage, r.actions.len()), (Some(Stage::Stop), 0));
    let r = t.apply(&hook("step18_video_ready"), Some(18));
    assert_eq!(r.stage, Some(Stage::Done));
    assert_eq!(ops(&r), vec![(Operation::GetVideo, Some(19))]);
    assert_eq!(r.actions[0].request().unwrap().path, "/streaming/videos/803111");
    let r = t.apply_video(&api::<Video>("get_video_response"), Some(19));
    assert_eq!((r.outcome, r.stage), (Outcome::Duplicate, Some(Stage::Done)));
    // Late, repeated and stale deliveries change nothing.
    assert_eq!(
        t.apply(&hook("step18_video_ready"), Some(20)).outcome,
        Outcome::Duplicate
    );
    assert_eq!(
        t.apply(&hook("step11_video_pending"), Some(21)).outcome,
        Outcome::Stale
    );
    assert_eq!(
        t.apply(&hook("step06_broadcast_live"), Some(22)).outcome,
        Outcome::Stale
    );
    assert_eq!(t.stage(S), Some(Stage::Done));
    // Snapshot / restore / forget.
    let snap = t.snapshot();
    assert!(snap.starts_with(r#"{"v":1,"#), "{snap}");
    let back = Tracker::restore(&snap).unwrap();
    assert_eq!(back, t);
    assert_eq!(back.snapshot(), snap);
    let mut t = back;
    assert!(t.forget(S));
    assert_eq!(
        (t.stage(S), t.video(V).is_none(), t.broadcast(B).is_none()),
        (None, true, true)
    );
    assert_eq!(t.snapshot(), r#"{"v":1}"#);
}

#[test]
fn interruption_then_restart_keeps_both_recordings() {
    let mut t = Tracker::new();
    run_setup(&mut t);
    t.apply(&hook("step04_stream_live"), None);
    t.apply(&hook("step06_broadcast_live"), None);
    t.apply(&hook("step08_recording_started"), None);
    // The stream drops without a requested stop.
    let r = t.apply(&hook("interruption_stream_down"), None);
    assert_eq!(r.stage, Some(Stage::Stop));
    assert_eq!(
        ops(&r),
        vec![
            (Operation::GetStream, None),
            (Operation::UpdateBroadcast, None),
            (Operation::StopRecording, None)
        ]
    );
    assert_eq!(
        r.actions[1].body.as_ref().map(ActionBody::to_value),
        Some(json!({"broadcast": {"status": "paused"}}))
    );
    assert!(t.stream(S).unwrap().state.interrupted);
    // Part 1 is saved; the broadcast is paused.
    t.apply_video(
        &Video {
            id: VideoId(900001),
            stream_id: Some(S),
            ..api("stop_recording_response")
        },
        None,
    );
    let r = t.apply(&hook("interruption_broadcast_paused"), None);
    assert_eq!(r.stage, Some(Stage::Stop));
    // The user restarts: a new session; put the broadcast back on air, then record again.
    let r = t.apply(&hook("step04_stream_live"), None);
    assert_eq!(r.stage, Some(Stage::Setup));
    assert_eq!(ops(&r), vec![(Operation::UpdateBroadcast, Some(5))]);
    assert_eq!(t.stream(S).unwrap().state.session, 2);
    let r = t.apply(&hook("step06_broadcast_live"), None);
    assert_eq!(ops(&r), vec![(Operation::StartRecording, Some(7))]);
    t.apply(&hook("step08_recording_started"), None);
    // The first part's video becoming ready does not finish the second session.
    let part1 = r#"{"type":"video","message":{"video":{"id":900001,"status":"ready"}}}"#;
    let r = t.apply(&parse(part1).unwrap(), None);
    assert_eq!(r.stage, Some(Stage::Live));
    t.expect_stop(S, None);
    t.apply(&hook("step10_recording_stopped"), None);
    t.apply(&hook("step11_video_pending"), None);
    t.apply(&hook("step18_video_ready"), None);
    assert_eq!(t.stage(S), Some(Stage::Done));
    assert_eq!(t.stream(S).unwrap().recordings, vec![V, VideoId(900001)]);
}

#[test]
fn reuse_of_a_stream_starts_a_new_session() {
    let mut t = Tracker::new();
    run_setup(&mut t);
    for h in [
        "step04_stream_live",
        "step06_broadcast_live",
        "step08_recording_started",
    ] {
        t.apply(&hook(h), None);
    }
    t.expect_stop(S, None);
    for h in [
        "step10_recording_stopped",
        "step11_video_pending",
        "step13_broadcast_finished",
        "step15_stream_ended",
        "step18_video_ready",
    ] {
        t.apply(&hook(h), None);
    }
    assert_eq!(t.stage(S), Some(Stage::Done));
    // Reuse: update the stream, create a new broadcast, go live again.
    t.apply_stream(&api::<Stream>("stream_reuse_response"), None);
    let nb = Broadcast {
        id: Some(BroadcastId(192471)),
        status: Some(gcore_streaming::domain::model::BroadcastStatus::Pending),
        stream_ids: Some(vec![S]),
        ..Default::default()
    };
    t.apply_broadcast(&nb, None).unwrap();
    assert_eq!(t.stage(S), Some(Stage::Done));
    let r = t.apply(&hook("step04_stream_live"), None);
    assert_eq!(r.stage, Some(Stage::Setup));
    // Only the new, pending broadcast is put on air (the old one is finished).
    assert_eq!(r.actions.len(), 1);
    assert_eq!(r.actions[0].broadcast_id, Some(BroadcastId(192471)));
    let live =
        parse(r#"{"type":"broadcast","message":{"broadcast":{"id":192471,"status":"live"}}}"#).unwrap();
    assert_eq!(t.apply(&live, None).stage, Some(Stage::Test));
}

#[test]
fn unordered_and_partial_deliveries() {
    // A ready video without a stream id, never seen before: still ask for its details; linking it
    // through the API response then makes the stream done.
    let mut t = Tracker::new();
    let r = t.apply(&hook("step18_video_ready"), None);
    assert_eq!((r.outcome, r.stage), (Outcome::Applied, None));
    assert_eq!(ops(&r), vec![(Operation::GetVideo, Some(19))]);
    // Restore of a corrupt snapshot is a clear error.
    for bad in [
        "",
        "{}",
        r#"{"v":2}"#,
        r#"{"v":1,"streams":[{"id":0,"session":1}]}"#,
        r#"{"v":1,"x":1}"#,
        r#"{"v":1,"streams":[{"id":1,"session":1},{"id":1,"session":1}]}"#,
    ] {
        let e = Tracker::restore(bad).unwrap_err();
        assert_eq!(e.code, WebhookErrorCode::InvalidSnapshot, "{bad}");
    }
    // Broadcast finished before the recording stopped: stop the recording first.
    let mut t = Tracker::new();
    run_setup(&mut t);
    for h in [
        "step04_stream_live",
        "step06_broadcast_live",
        "step08_recording_started",
    ] {
        t.apply(&hook(h), None);
    }
    let r = t.apply(&hook("step13_broadcast_finished"), None);
    assert_eq!(r.stage, Some(Stage::Stop));
    assert_eq!(
        ops(&r),
        vec![
            (Operation::StopRecording, Some(9)),
            (Operation::UpdateStream, Some(14))
        ]
    );
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn event_json() -> impl Strategy<Value = String> {
        let stream =
            (1u64..4, any::<bool>(), proptest::option::of(any::<bool>())).prop_map(|(id, live, rec)| {
                let mut s = json!({"id": id, "live": live});
                if let Some(r) = rec {
                    s["recording"] = json!(r);
                }
                json!({"type": "stream", "message": {"stream": s}})
            });
        let statuses = ["pending", "live", "paused", "finished"];
        let broadcast = (
            1u64..3,
            0usize..4,
            proptest::option::of(proptest::collection::vec(1u64..4, 0..3)),
        )
            .prop_map(move |(id, st, links)| {
                let mut b = json!({"id": id, "status": statuses[st]});
                if let Some(l) = links {
                    b["stream_ids"] = json!(l);
                }
                json!({"type": "broadcast", "message": {"broadcast": b}})
            });
        let vstatuses = ["empty", "pending", "viewable", "ready", "error"];
        let video = (1u64..4, 0usize..5, proptest::option::of(1u64..4), any::<bool>()).prop_map(
            move |(id, st, sid, del)| {
                let mut v = json!({"id": id, "status": vstatuses[st]});
                if let Some(s) = sid {
                    v["stream_id"] = json!(s);
                }
                json!({"type": if del { "video_delete" } else { "video" }, "message": {"video": v}})
            },
        );
        let restream = (1u64..3, proptest::option::of(1u64..4), any::<bool>())
            .prop_map(|(id, sid, live)| json!({"type": "restream", "message": {"restream": {"id": id, "stream_id": sid, "live": live}}}));
        prop_oneof![4 => stream, 3 => broadcast, 3 => video, 1 => restream].prop_map(|v| v.to_string())
    }

    #[derive(Clone, Debug)]
    enum Step {
        Hook(String),
        ExpectStop(u64),
        ApiStream(u64, Option<bool>, Option<bool>),
        ApiVideo(u64, u64, usize),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            8 => event_json().prop_map(Step::Hook),
            1 => (1u64..4).prop_map(Step::ExpectStop),
            1 => (1u64..4, proptest::option::of(any::<bool>()), proptest::option::of(any::<bool>())).prop_map(|(a, b, c)| Step::ApiStream(a, b, c)),
            1 => (1u64..4, 1u64..4, 0usize..5).prop_map(|(a, b, c)| Step::ApiVideo(a, b, c)),
        ]
    }

    const VSTATUS: [&str; 5] = ["empty", "pending", "viewable", "ready", "error"];

    fn run(t: &mut Tracker, s: &Step) -> Option<ApplyResult> {
        match s {
            Step::Hook(text) => Some(t.apply(&parse(text).unwrap(), Some(7))),
            Step::ExpectStop(id) => {
                t.expect_stop(StreamId(*id), Some(7));
                None
            }
            Step::ApiStream(id, active, live) => {
                let s = Stream {
                    id: StreamId(*id),
                    active: *active,
                    live: *live,
                    ..serde_json::from_str(r#"{"id":1}"#).unwrap()
                };
                Some(t.apply_stream(&s, Some(7)))
            }
            Step::ApiVideo(id, sid, st) => {
                let v: Video =
                    serde_json::from_value(json!({"id": id, "stream_id": sid, "status": VSTATUS[*st]}))
                        .unwrap();
                Some(t.apply_video(&v, Some(7)))
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        #[test]
        fn sequences_never_panic_and_snapshots_round_trip(steps in proptest::collection::vec(step(), 0..40)) {
            let mut t = Tracker::new();
            for s in &steps {
                run(&mut t, s);
                for id in 1..4 {
                    let _ = t.stage(StreamId(id));
                    let _ = t.next_actions(StreamId(id));
                }
                let snap = t.snapshot();
                let back = Tracker::restore(&snap).unwrap();
                prop_assert_eq!(&back, &t);
                prop_assert_eq!(back.snapshot(), snap);
            }
        }

        #[test]
        fn results_are_written_as_their_serde_forms(steps in proptest::collection::vec(step(), 0..40)) {
            let mut t = Tracker::new();
            for s in &steps {
                if let Some(r) = run(&mut t, s) {
                    prop_assert_eq!(r.to_json(), serde_json::to_string(&r).unwrap());
                }
            }
            for id in t.stream_ids() {
                let v = t.stream(id).unwrap();
                let mut ours = String::new();
                v.write_json(&mut ours, false);
                prop_assert_eq!(ours, serde_json::to_string(&v).unwrap());
            }
        }

        #[test]
        fn applying_an_event_twice_equals_applying_it_once(prefix in proptest::collection::vec(step(), 0..30), e in step()) {
            let mut t = Tracker::new();
            for s in &prefix {
                run(&mut t, s);
            }
            run(&mut t, &e);
            let once = t.clone();
            let second = run(&mut t, &e);
            prop_assert_eq!(&t, &once);
            if let Some(r) = second {
                prop_assert!(matches!(r.outcome, Outcome::Duplicate | Outcome::Stale), "{:?}", r.outcome);
                prop_assert!(r.changes.is_empty());
                prop_assert!(r.actions.is_empty());
            }
        }
    }
}

#[test]
fn statuses_outside_the_documented_values_are_kept_as_sent() {
    let strict = ParseOptions {
        strict_statuses: true,
        ..ParseOptions::default()
    };
    for (text, raw) in [
        (
            r#"{"type":"video","message":{"video":{"id":7,"status":"new"}}}"#,
            "new",
        ),
        (
            r#"{"type":"video","message":{"video":{"id":7,"status":"Archived"}}}"#,
            "Archived",
        ),
        (
            r#"{"type":"video_delete","message":{"video":{"id":7,"status":"gone"}}}"#,
            "gone",
        ),
        (
            r#"{"type":"broadcast","message":{"broadcast":{"id":3,"status":"scheduled"}}}"#,
            "scheduled",
        ),
    ] {
        let e = parse(text).unwrap();
        let status = match &e {
            WebhookEvent::Video { video } | WebhookEvent::VideoDelete { video } => {
                video.status.as_ref().unwrap().as_str().to_owned()
            }
            WebhookEvent::Broadcast { broadcast } => broadcast.status.as_str().to_owned(),
            other => panic!("{other:?}"),
        };
        assert_eq!(status, raw, "{text}");
        // The JSON form keeps the value exactly as sent.
        let form: Value = serde_json::from_str(&e.to_json()).unwrap();
        let entity = form.get("video").or(form.get("broadcast")).unwrap();
        assert_eq!(entity["status"], json!(raw));
        // Strict: today's error.
        let err = parse_webhook(text.as_bytes(), &strict).unwrap_err();
        assert_eq!(err.code, WebhookErrorCode::InvalidValue, "{text}");
    }
    // Documented values still match case-insensitively and come back lower case, strict or not.
    for opts in [ParseOptions::default(), strict] {
        let e = parse_webhook(
            br#"{"type":"video","message":{"video":{"id":7,"status":"VIEWABLE"}}}"#,
            &opts,
        )
        .unwrap();
        assert!(e.to_json().contains(r#""status":"viewable""#));
    }
}

#[test]
fn the_tracker_folds_an_unknown_status_without_placing_it() {
    let mut t = Tracker::new();
    run_setup(&mut t);
    run_hooks(
        &mut t,
        &[
            "step04_stream_live",
            "step06_broadcast_live",
            "step08_recording_started",
        ],
    );
    t.expect_stop(S, None);
    run_hooks(&mut t, &["step10_recording_stopped", "step11_video_pending"]);
    let before = t.stream(S).unwrap();
    let next_before = t.next_actions(S);
    // A video event with a status the SDK does not know: name and duration are folded in, the
    // known status, the stage and the actions stay.
    let r = t.apply(
        &parse(r#"{"type":"video","message":{"video":{"id":803111,"status":"transcoding_hls","name":"renamed","duration":61000,"stream_id":320423}}}"#)
            .unwrap(),
        Some(20),
    );
    assert_eq!(r.outcome, Outcome::UnknownStatus);
    assert_eq!(r.unknown_status(), Some("transcoding_hls"));
    assert!(r.actions.is_empty());
    assert_eq!(r.stage, Some(before.stage));
    let fields: Vec<&str> = r.changes.iter().map(|c| c.field).collect();
    assert_eq!(fields, ["unknown_status", "name", "duration"]);
    let v = t.video(V).unwrap();
    assert_eq!(v.status, Some(VideoStatus::Pending));
    assert_eq!(v.unknown_status.as_deref(), Some("transcoding_hls"));
    assert_eq!((v.name.as_deref(), v.duration), (Some("renamed"), Some(61000)));
    assert_eq!(t.next_actions(S), next_before);
    assert_eq!(t.stream(S).unwrap().stage, before.stage);
    let json: Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(json["outcome"], "unknown_status");
    assert_eq!(json["entity"]["unknown_status"], "transcoding_hls");
    // The same again: still reported, nothing changes.
    let again = t.apply(
        &parse(r#"{"type":"video","message":{"video":{"id":803111,"status":"transcoding_hls"}}}"#).unwrap(),
        Some(21),
    );
    assert_eq!((again.outcome, again.changes.len()), (Outcome::UnknownStatus, 0));
    // Kept across a snapshot.
    let back = Tracker::restore(&t.snapshot()).unwrap();
    assert_eq!(back, t);
    // A known status replaces it.
    let r = t.apply(&hook("step17_video_viewable"), Some(22));
    assert_eq!(r.outcome, Outcome::Applied);
    assert_eq!(r.unknown_status(), None);
    assert!(r.changes.iter().any(|c| c.field == "unknown_status"));
    assert_eq!(t.video(V).unwrap().unknown_status, None);
    let json: Value = serde_json::from_str(&r.to_json()).unwrap();
    assert!(json.get("unknown_status").is_none() && json["entity"].get("unknown_status").is_none());

    // A broadcast: its known status stays, so the stream's stage does not move.
    let mut t = Tracker::new();
    run_setup(&mut t);
    run_hooks(&mut t, &["step04_stream_live"]);
    let r = t.apply(
        &parse(r#"{"type":"broadcast","message":{"broadcast":{"id":192470,"status":"ON_AIR"}}}"#).unwrap(),
        None,
    );
    assert_eq!((r.outcome, r.stage), (Outcome::UnknownStatus, Some(Stage::Setup)));
    assert_eq!(r.unknown_status(), Some("ON_AIR"));
    assert_eq!(t.broadcast(B).unwrap().status, Some(BroadcastStatus::Pending));
    assert_eq!(t.broadcast(B).unwrap().unknown_status.as_deref(), Some("ON_AIR"));
    assert_eq!(
        t.next_actions(S).iter().map(|a| a.step).collect::<Vec<_>>(),
        vec![Some(5)]
    );
    assert_eq!(Tracker::restore(&t.snapshot()).unwrap(), t);
}

fn run_hooks(t: &mut Tracker, hooks: &[&str]) {
    for h in hooks {
        t.apply(&hook(h), None);
    }
}

fn stream_hook(live: bool, transcoding: Option<bool>, recording: bool) -> WebhookEvent {
    let mut s = json!({"id": S.0, "live": live, "backup_live": false, "recording": recording,
        "pull": false, "uri": "", "stream_source_type": "rtmp"});
    if let Some(t) = transcoding {
        s["transcoding"] = json!(t);
    }
    parse(&json!({"type": "stream", "message": {"stream": s}}).to_string()).unwrap()
}

#[test]
fn putting_the_broadcast_on_air_waits_for_playback() {
    let mut t = Tracker::new();
    run_setup(&mut t);
    // Ingest starts: players still get 404. Nothing to put on air yet; the caller may check the stream.
    let r = t.apply(&stream_hook(true, Some(false), false), Some(4));
    assert_eq!((r.outcome, r.stage), (Outcome::Applied, Some(Stage::Setup)));
    assert!(r.actions.is_empty(), "{:?}", r.actions);
    assert!(!t.stream(S).unwrap().playback_ready);
    let due = t.next_actions(S);
    assert_eq!(
        due.iter().map(|a| (a.operation, a.step)).collect::<Vec<_>>(),
        vec![(Operation::GetStream, None)]
    );
    // Transcoding starts: playback is ready; step 5 is due, once.
    let r = t.apply(&stream_hook(true, Some(true), false), Some(5));
    assert_eq!(ops(&r), vec![(Operation::UpdateBroadcast, Some(5))]);
    assert!(t.stream(S).unwrap().playback_ready);
    assert_eq!(
        t.next_actions(S).iter().map(|a| a.step).collect::<Vec<_>>(),
        vec![Some(5)]
    );
    let r = t.apply(&stream_hook(true, Some(true), false), Some(6));
    assert_eq!((r.outcome, r.actions.len()), (Outcome::Duplicate, 0));
    // Stop: not ready any more.
    let r = t.apply(&stream_hook(false, Some(false), false), Some(7));
    assert!(!t.stream(S).unwrap().playback_ready, "{r:?}");
}

#[test]
fn a_lost_transcoding_webhook_is_made_up_by_an_api_answer() {
    let mut t = Tracker::new();
    run_setup(&mut t);
    t.apply(&stream_hook(true, Some(false), false), Some(4));
    // The `transcoding: true` webhook is lost; the stream as the API returns it moves it on.
    let created: Stream = api("create_stream_response");
    let answer = Stream {
        active: Some(true),
        live: Some(true),
        transcoding: Some(true),
        ..created.clone()
    };
    let r = t.apply_stream(&answer, Some(5));
    assert_eq!(ops(&r), vec![(Operation::UpdateBroadcast, Some(5))]);
    assert!(t.stream(S).unwrap().playback_ready);
    // An answer without the field (older API objects) reads as ready too.
    let mut t = Tracker::new();
    run_setup(&mut t);
    t.apply(&stream_hook(true, Some(false), false), Some(4));
    let r = t.apply_stream(
        &Stream {
            active: Some(true),
            live: Some(true),
            ..created
        },
        Some(5),
    );
    assert_eq!(ops(&r), vec![(Operation::UpdateBroadcast, Some(5))]);
    assert_eq!(t.stream(S).unwrap().state.transcoding, Some(true));
}

#[test]
fn a_payload_without_transcoding_reads_as_ready_in_every_session() {
    // The guide's step-4 sample carries no `transcoding`: ready at once (the nineteen steps rely on
    // it). After a session that ended with `transcoding: false`, the next such payload is ready too.
    let mut t = Tracker::new();
    run_setup(&mut t);
    let r = t.apply(&hook("step04_stream_live"), Some(4));
    assert_eq!(ops(&r), vec![(Operation::UpdateBroadcast, Some(5))]);
    t.apply(&stream_hook(false, Some(false), false), Some(5));
    let r = t.apply(&hook("step04_stream_live"), Some(6));
    assert!(t.stream(S).unwrap().playback_ready, "{r:?}");
    assert_eq!(ops(&r), vec![(Operation::UpdateBroadcast, Some(5))]);
}

#[test]
fn restreams_are_typed_and_kept_under_their_stream() {
    let mut t = Tracker::new();
    let e = parse(r#"{"type":"restream","message":{"restream":{"id":3001,"name":"RTMP to YouTube","stream_id":320423,"live":true}}}"#).unwrap();
    let WebhookEvent::Restream { restream } = &e else {
        panic!("{e:?}")
    };
    assert_eq!(
        (
            restream.id,
            restream.name.as_deref(),
            restream.stream_id,
            restream.live
        ),
        (3001, Some("RTMP to YouTube"), Some(S), Some(true))
    );
    let r = t.apply(&e, Some(1));
    assert_eq!((r.outcome, r.stage), (Outcome::Applied, Some(Stage::Setup)));
    assert!(t.stream(S).is_some(), "its stream is tracked");
    let ids: Vec<u64> = t.restreams_of(S).iter().map(|r| r.id).collect();
    assert_eq!(ids, vec![3001]);
    // The legacy `active` form.
    let legacy =
        parse(r#"{"type":"restream","message":{"restream":{"id":3001,"stream_id":320423,"active":false}}}"#)
            .unwrap();
    t.apply(&legacy, Some(2));
    assert_eq!(t.restream(3001).unwrap().live, Some(false));
    assert_eq!(Tracker::restore(&t.snapshot()).unwrap(), t);
    assert!(t.forget(S));
    assert!(t.restream(3001).is_none());
}
