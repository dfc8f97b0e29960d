//! Tracker regressions found by the demo and the edge receivers.
#![cfg(not(target_family = "wasm"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gcore_streaming::domain::model::{Broadcast, BroadcastStatus, Stream};
use gcore_streaming::domain::webhook::{parse_webhook, ParseOptions, Stage, Tracker};
use gcore_streaming::domain::{BroadcastId, StreamId};

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn hook(t: &mut Tracker, name: &str) {
    let event = parse_webhook(
        fixture(&format!("webhooks/{name}.json")).as_bytes(),
        &ParseOptions::default(),
    )
    .unwrap();
    t.apply(&event, None);
}

/// The answer to step 14 (`active: false` but still `live: true`, as in the guide) may be folded in
/// after the step-15 `live: false` webhook: it must not bring the stream back up or open a new session.
#[test]
fn a_late_disable_answer_saying_live_does_not_reopen_the_stream() {
    let sid = StreamId(320423);
    let mut t = Tracker::new();
    let b = Broadcast {
        id: Some(BroadcastId(192470)),
        status: Some(BroadcastStatus::Pending),
        stream_ids: Some(vec![sid]),
        ..Default::default()
    };
    t.apply_broadcast(&b, None).unwrap();
    for h in [
        "step04_stream_live",
        "step06_broadcast_live",
        "step08_recording_started",
    ] {
        hook(&mut t, h);
    }
    assert_eq!(t.stage(sid), Some(Stage::Live));
    t.expect_stop(sid, None);
    for h in [
        "step10_recording_stopped",
        "step11_video_pending",
        "step13_broadcast_finished",
        "step15_stream_ended",
    ] {
        hook(&mut t, h);
    }
    assert_eq!(t.stage(sid), Some(Stage::Stop));
    let session = t.stream(sid).unwrap().state.session;

    let answer: Stream = serde_json::from_str(&fixture("api/stream_disable_response.json")).unwrap();
    assert_eq!(
        (answer.active, answer.live),
        (Some(false), Some(true)),
        "the guide's step-14 sample"
    );
    let r = t.apply_stream(&answer, None);
    assert!(r.actions.is_empty(), "{:?}", r.actions);
    let view = t.stream(sid).unwrap();
    assert_eq!(view.state.live, Some(false));
    assert_eq!(view.state.session, session);
    assert_eq!(t.stage(sid), Some(Stage::Stop));

    hook(&mut t, "step17_video_viewable");
    hook(&mut t, "step18_video_ready");
    assert_eq!(t.stage(sid), Some(Stage::Done));
}

/// `restore` takes what the tracker writes and nothing else, in linear time: ids above 2^53-1,
/// repeated or descending `stream_ids` are refused; 100,000 broadcasts each linking one stream, the
/// streams in the opposite order (one insertion at the front of the index per link before: 1.6 s
/// for 100k descending ids, 14.8 s for 200k), restore to a tracker equal to the original.
#[test]
fn restore_refuses_what_the_api_refuses_and_takes_large_snapshots_in_linear_time() {
    for bad in [
        r#"{"v":1,"streams":[{"id":9007199254740992,"session":1}]}"#,
        r#"{"v":1,"streams":[{"id":1,"session":1}],"broadcasts":[{"id":1,"stream_ids":[1,1]}]}"#,
        r#"{"v":1,"streams":[{"id":1,"session":1},{"id":2,"session":1}],"broadcasts":[{"id":1,"stream_ids":[2,1]}]}"#,
        r#"{"v":1,"streams":[{"id":2,"session":1},{"id":1,"session":1}]}"#,
        r#"{"v":1,"videos":[{"id":1,"stream_id":5}]}"#,
    ] {
        let e = Tracker::restore(bad).unwrap_err();
        assert_eq!(e.code.as_str(), "invalid_snapshot", "{bad}");
    }
    let n = 100_000u64;
    let streams: Vec<String> = (1..=n).map(|i| format!(r#"{{"id":{i},"session":1}}"#)).collect();
    let broadcasts: Vec<String> = (1..=n)
        .map(|i| format!(r#"{{"id":{i},"status":"live","stream_ids":[{}]}}"#, n + 1 - i))
        .collect();
    let text = format!(
        r#"{{"v":1,"streams":[{}],"broadcasts":[{}]}}"#,
        streams.join(","),
        broadcasts.join(",")
    );
    let t = Tracker::restore(&text).unwrap();
    assert_eq!(t.snapshot(), text);
    assert_eq!(Tracker::restore(&t.snapshot()).unwrap(), t);
    assert_eq!(t.stream(StreamId(1)).unwrap().broadcast_ids, vec![BroadcastId(n)]);
    assert_eq!(t.stage(StreamId(n)), Some(Stage::Test));
}
