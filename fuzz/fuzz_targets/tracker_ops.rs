//! The tracker under any sequence of operations: webhooks, API answers (`apply_*_update`), relinks,
//! `expect_stop`, `forget` and snapshot round trips, over a small id space (so that ids collide and
//! links move). After every operation: applying it again changes nothing, the views and actions of
//! every stream answer, and `restore(snapshot)` equals the tracker (which compares the kept stream →
//! broadcasts/videos index with one rebuilt from scratch).
#![no_main]

use gcore_streaming::domain::model::{BroadcastStatus, VideoStatus};
use gcore_streaming::domain::webhook::{parse_webhook, ParseOptions, StreamUpdate, Tracker, VideoUpdate};
use gcore_streaming::domain::{BroadcastId, StreamId, VideoId};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

const BROADCAST_STATUS: [&str; 5] = ["pending", "live", "paused", "finished", "odd"];
const VIDEO_STATUS: [&str; 6] = ["empty", "pending", "viewable", "ready", "error", "odd"];

/// Ids and statuses as bytes, mapped by [`id`] and [`pick`].
#[derive(Arbitrary, Debug)]
enum Op {
    Webhook(Vec<u8>),
    Stream {
        id: u8,
        active: Option<bool>,
        live: Option<bool>,
        backup_live: Option<bool>,
        recording: Option<bool>,
        transcoding: Option<bool>,
        broadcast_ids: Option<Vec<u8>>,
    },
    Broadcast {
        id: u8,
        status: Option<u8>,
        stream_ids: Option<Vec<u8>>,
    },
    Video {
        id: u8,
        status: Option<u8>,
        stream_id: Option<u8>,
        name: Option<String>,
        duration: Option<u64>,
    },
    ExpectStop(u8),
    Forget(u8),
    RoundTrip,
}

/// An id in 1..=4. Ids are positive: every checked way in (`parse_webhook`, the JS bindings)
/// refuses zero, and `restore` refuses a snapshot holding one (see `Tracker`).
fn id(b: u8) -> u64 {
    1 + u64::from(b % 4)
}

fn ids<T>(v: &Option<Vec<u8>>, f: fn(u64) -> T) -> Option<Vec<T>> {
    v.as_ref().map(|v| v.iter().take(3).map(|b| f(id(*b))).collect())
}

fn pick(list: &[&'static str], b: u8) -> &'static str {
    list[usize::from(b) % list.len()]
}

fn apply(t: &mut Tracker, op: &Op, now: u64) {
    match op {
        Op::Webhook(body) => {
            let opts = ParseOptions {
                allow_unknown_types: true,
                ..ParseOptions::default()
            };
            if let Ok(event) = parse_webhook(body, &opts) {
                t.apply(&event, Some(now));
            }
        }
        Op::Stream {
            id: s,
            active,
            live,
            backup_live,
            recording,
            transcoding,
            broadcast_ids,
        } => {
            let update = StreamUpdate {
                active: *active,
                live: *live,
                backup_live: *backup_live,
                recording: *recording,
                transcoding: *transcoding,
                broadcast_ids: ids(broadcast_ids, BroadcastId),
            };
            t.apply_stream_update(StreamId(id(*s)), update, Some(now));
        }
        Op::Broadcast {
            id: b,
            status,
            stream_ids,
        } => {
            let status = status.map(|s| BroadcastStatus::parse(pick(&BROADCAST_STATUS, s)));
            t.apply_broadcast_update(BroadcastId(id(*b)), status, ids(stream_ids, StreamId), Some(now));
        }
        Op::Video {
            id: v,
            status,
            stream_id,
            name,
            duration,
        } => {
            let update = VideoUpdate {
                status: status.map(|s| VideoStatus::parse(pick(&VIDEO_STATUS, s))),
                stream_id: stream_id.map(|s| StreamId(id(s))),
                name: name.clone(),
                duration: *duration,
            };
            t.apply_video_update(VideoId(id(*v)), update, Some(now));
        }
        Op::ExpectStop(s) => t.expect_stop(StreamId(id(*s)), Some(now)),
        Op::Forget(s) => {
            t.forget(StreamId(id(*s)));
        }
        Op::RoundTrip => *t = Tracker::restore(&t.snapshot()).expect("a snapshot restores"),
    }
}

fuzz_target!(|ops: Vec<Op>| {
    let mut t = Tracker::new();
    for (now, op) in (1..).zip(&ops) {
        apply(&mut t, op, now);
        let once = t.clone();
        apply(&mut t, op, now);
        assert_eq!(t, once, "an operation applied twice changed the state again");
        for id in t.stream_ids() {
            let _ = t.stage(id);
            let _ = t.next_actions(id);
            let _ = t.stream(id);
        }
        let back = Tracker::restore(&t.snapshot()).expect("a snapshot restores");
        assert_eq!(back, t, "restore(snapshot) differs (the index is out of step)");
    }
});
