//! The tracker's stream → broadcasts/videos index stays in step with the entities through any mix of
//! webhooks, API answers, relinks, `forget` and snapshot round trips.
#![cfg(not(target_family = "wasm"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gcore_streaming::domain::model::{Broadcast, BroadcastStatus};
use gcore_streaming::domain::webhook::{parse_webhook, ParseOptions, StreamUpdate, Tracker};
use gcore_streaming::domain::{BroadcastId, StreamId, VideoId};
use proptest::prelude::*;

const STREAMS: [u64; 4] = [1, 2, 3, 40];
const BROADCASTS: [u64; 3] = [7, 8, 90];
const VIDEOS: [u64; 4] = [11, 12, 13, 140];

#[derive(Clone, Debug)]
enum Op {
    StreamHook(u64, bool, Option<bool>),
    StreamApi(u64, Vec<u64>),
    BroadcastHook(u64, &'static str),
    BroadcastApi(u64, Vec<u64>, Option<&'static str>),
    VideoHook(u64, Option<u64>, &'static str),
    VideoDelete(u64),
    ExpectStop(u64),
    Forget(u64),
    RoundTrip,
}

fn hook(t: &mut Tracker, text: String) {
    let event = parse_webhook(text.as_bytes(), &ParseOptions::default()).unwrap();
    t.apply(&event, Some(1));
}

fn status(s: &str) -> BroadcastStatus {
    serde_json::from_value(serde_json::Value::String(s.into())).unwrap()
}

fn run(t: &mut Tracker, op: &Op) {
    match op {
        Op::StreamHook(s, live, recording) => {
            let rec = recording.map_or(String::new(), |r| format!(r#","recording":{r}"#));
            hook(
                t,
                format!(r#"{{"type":"stream","message":{{"stream":{{"id":{s},"live":{live}{rec}}}}}}}"#),
            );
        }
        Op::StreamApi(s, bs) => {
            let u = StreamUpdate {
                active: Some(true),
                broadcast_ids: Some(bs.iter().map(|b| BroadcastId(*b)).collect()),
                ..Default::default()
            };
            t.apply_stream_update(StreamId(*s), u, Some(2));
        }
        Op::BroadcastHook(b, st) => hook(
            t,
            format!(r#"{{"type":"broadcast","message":{{"broadcast":{{"id":{b},"status":"{st}"}}}}}}"#),
        ),
        Op::BroadcastApi(b, ss, st) => {
            let b = Broadcast {
                id: Some(BroadcastId(*b)),
                status: st.map(status),
                stream_ids: Some(ss.iter().map(|s| StreamId(*s)).collect()),
                ..Default::default()
            };
            t.apply_broadcast(&b, Some(3)).unwrap();
        }
        Op::VideoHook(v, s, st) => {
            let sid = s.map_or(String::new(), |s| format!(r#","stream_id":{s}"#));
            hook(
                t,
                format!(r#"{{"type":"video","message":{{"video":{{"id":{v},"status":"{st}"{sid}}}}}}}"#),
            );
        }
        Op::VideoDelete(v) => hook(
            t,
            format!(r#"{{"type":"video_delete","message":{{"video":{{"id":{v}}}}}}}"#),
        ),
        Op::ExpectStop(s) => t.expect_stop(StreamId(*s), Some(4)),
        Op::Forget(s) => {
            t.forget(StreamId(*s));
        }
        Op::RoundTrip => *t = Tracker::restore(&t.snapshot()).unwrap(),
    }
}

fn op() -> impl Strategy<Value = Op> {
    let s = || proptest::sample::select(STREAMS.to_vec());
    let b = || proptest::sample::select(BROADCASTS.to_vec());
    let v = || proptest::sample::select(VIDEOS.to_vec());
    let some_streams = || proptest::sample::subsequence(STREAMS.to_vec(), 0..=3);
    let bstatus = || proptest::sample::select(vec!["pending", "live", "paused", "finished"]);
    prop_oneof![
        3 => (s(), any::<bool>(), proptest::option::of(any::<bool>())).prop_map(|(s, l, r)| Op::StreamHook(s, l, r)),
        2 => (s(), proptest::sample::subsequence(BROADCASTS.to_vec(), 0..=2)).prop_map(|(s, bs)| Op::StreamApi(s, bs)),
        2 => (b(), bstatus()).prop_map(|(b, st)| Op::BroadcastHook(b, st)),
        2 => (b(), some_streams(), proptest::option::of(bstatus())).prop_map(|(b, ss, st)| Op::BroadcastApi(b, ss, st)),
        3 => (v(), proptest::option::of(s()), proptest::sample::select(vec!["pending", "viewable", "ready"]))
            .prop_map(|(v, s, st)| Op::VideoHook(v, s, st)),
        1 => v().prop_map(Op::VideoDelete),
        1 => s().prop_map(Op::ExpectStop),
        1 => s().prop_map(Op::Forget),
        1 => Just(Op::RoundTrip),
    ]
}

/// What the index answers, worked out the slow way: every broadcast and video looked at.
fn check(t: &Tracker, ops: &[Op]) -> Result<(), TestCaseError> {
    for s in STREAMS.map(StreamId) {
        let Some(view) = t.stream(s) else { continue };
        let broadcasts: Vec<BroadcastId> = BROADCASTS
            .map(BroadcastId)
            .into_iter()
            .filter(|b| t.broadcast(*b).is_some_and(|b| b.stream_ids.contains(&s)))
            .collect();
        let videos: Vec<VideoId> = VIDEOS
            .map(VideoId)
            .into_iter()
            .filter(|v| t.video(*v).is_some_and(|v| v.stream_id == Some(s)))
            .collect();
        prop_assert_eq!(
            &view.broadcast_ids,
            &broadcasts,
            "broadcasts of {:?} after {:?}",
            s,
            ops
        );
        prop_assert_eq!(&view.recordings, &videos, "videos of {:?} after {:?}", s, ops);
    }
    // The index built from scratch (restore) is the one kept up to date (equality covers it).
    let back = Tracker::restore(&t.snapshot()).unwrap();
    prop_assert!(back == *t, "restore differs after {:?}", ops);
    Ok(())
}

/// `forget(s)` drops `s`, its videos, its restreams and the broadcasts fed by it alone; the other
/// broadcasts lose the link to `s` only; nothing else changes.
fn forgot(before: &Tracker, after: &Tracker, s: StreamId) -> Result<(), TestCaseError> {
    prop_assert!(after.stream(s).is_none());
    for v in VIDEOS.map(VideoId) {
        let was = before.video(v);
        let expected = was.filter(|v| v.stream_id != Some(s));
        prop_assert_eq!(after.video(v), expected, "video {:?}", v);
    }
    for b in BROADCASTS.map(BroadcastId) {
        let expected = before.broadcast(b).and_then(|b| {
            let mut b = b.clone();
            let linked = b.stream_ids.contains(&s);
            b.stream_ids.retain(|x| *x != s);
            (!linked || !b.stream_ids.is_empty()).then_some(b)
        });
        prop_assert_eq!(after.broadcast(b), expected.as_ref(), "broadcast {:?}", b);
    }
    for other in STREAMS.map(StreamId).into_iter().filter(|x| *x != s) {
        prop_assert_eq!(
            after.stream(other).map(|v| v.state),
            before.stream(other).map(|v| v.state)
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(768))]
    #[test]
    fn the_links_index_follows_every_change(ops in proptest::collection::vec(op(), 1..40)) {
        let mut t = Tracker::new();
        for (i, o) in ops.iter().enumerate() {
            let before = t.clone();
            run(&mut t, o);
            if let Op::Forget(s) = o {
                forgot(&before, &t, StreamId(*s))?;
            }
            check(&t, &ops[..=i])?;
        }
    }
}

/// A video moved to another stream leaves the first one's recordings and stage.
#[test]
fn a_video_that_changes_stream_moves_in_the_index() {
    let mut t = Tracker::new();
    run(&mut t, &Op::VideoHook(11, Some(1), "ready"));
    assert_eq!(t.stream(StreamId(1)).unwrap().recordings, vec![VideoId(11)]);
    assert_eq!(t.stage(StreamId(1)).unwrap().as_str(), "done");
    run(&mut t, &Op::VideoHook(11, Some(2), "ready"));
    assert!(t.stream(StreamId(1)).unwrap().recordings.is_empty());
    assert_eq!(t.stage(StreamId(1)).unwrap().as_str(), "setup");
    assert_eq!(t.stream(StreamId(2)).unwrap().recordings, vec![VideoId(11)]);
}
