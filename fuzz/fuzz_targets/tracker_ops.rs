//! The tracker under any sequence of operations: webhooks, API answers (`apply_*_update`), relinks,
//! `expect_stop` and `forget`, read from the input bytes over a small id space (so that ids collide
//! and links move). After every operation: the views and actions of every stream answer, and
//! `restore(snapshot)` equals the tracker (which compares the kept stream → broadcasts/videos index
//! with one rebuilt from scratch). Every operation applied a second time changes nothing.
#![no_main]

use gcore_streaming::domain::model::{BroadcastStatus, VideoStatus};
use gcore_streaming::domain::webhook::{parse_webhook, ParseOptions, StreamUpdate, Tracker, VideoUpdate};
use gcore_streaming::domain::{BroadcastId, StreamId, VideoId};
use libfuzzer_sys::fuzz_target;

const BROADCAST_STATUS: [&str; 5] = ["pending", "live", "paused", "finished", "odd"];
const VIDEO_STATUS: [&str; 6] = ["empty", "pending", "viewable", "ready", "error", "odd"];

struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(*b)
    }
    /// An id in 1..=4. Ids are positive: every checked way in (`parse_webhook`, the JS bindings)
    /// refuses zero, and `restore` refuses a snapshot holding one (see `Tracker`).
    fn id(&mut self) -> Option<u64> {
        self.byte().map(|b| 1 + u64::from(b % 4))
    }
    fn flag(&mut self) -> Option<Option<bool>> {
        self.byte().map(|b| match b % 3 {
            0 => None,
            1 => Some(false),
            _ => Some(true),
        })
    }
    fn ids(&mut self) -> Option<Option<Vec<u64>>> {
        let n = self.byte()?;
        if n % 4 == 0 {
            return Some(None);
        }
        (0..n % 4)
            .map(|_| self.id())
            .collect::<Option<Vec<_>>>()
            .map(Some)
    }
    fn pick<'s>(&mut self, list: &[&'s str]) -> Option<Option<&'s str>> {
        let b = usize::from(self.byte()?);
        Some(list.get(b % (list.len() + 1)).copied())
    }
    /// A webhook body: the next bytes up to 0xFF.
    fn body(&mut self) -> &[u8] {
        let end = self.0.iter().position(|b| *b == 0xFF).unwrap_or(self.0.len());
        let (body, rest) = self.0.split_at(end);
        self.0 = rest.get(1..).unwrap_or(&[]);
        body
    }
}

fn op(t: &mut Tracker, b: &mut Bytes<'_>, now: u64) -> Option<()> {
    let opts = ParseOptions {
        allow_unknown_types: true,
        ..ParseOptions::default()
    };
    match b.byte()? % 7 {
        0 => {
            if let Ok(event) = parse_webhook(b.body(), &opts) {
                t.apply(&event, Some(now));
            }
        }
        1 => {
            let update = StreamUpdate {
                active: b.flag()?,
                live: b.flag()?,
                backup_live: b.flag()?,
                recording: b.flag()?,
                broadcast_ids: b.ids()?.map(|v| v.into_iter().map(BroadcastId).collect()),
            };
            t.apply_stream_update(StreamId(b.id()?), update, Some(now));
        }
        2 => {
            let status = b.pick(&BROADCAST_STATUS)?.map(BroadcastStatus::parse);
            let streams = b.ids()?.map(|v| v.into_iter().map(StreamId).collect());
            t.apply_broadcast_update(BroadcastId(b.id()?), status, streams, Some(now));
        }
        3 => {
            let update = VideoUpdate {
                status: b.pick(&VIDEO_STATUS)?.map(VideoStatus::parse),
                stream_id: b.flag()?.and(Some(StreamId(b.id()?))),
                name: b.flag()?.map(|_| "rec".to_owned()),
                duration: b.flag()?.map(|_| 4_000),
            };
            t.apply_video_update(VideoId(b.id()?), update, Some(now));
        }
        4 => t.expect_stop(StreamId(b.id()?), Some(now)),
        5 => {
            t.forget(StreamId(b.id()?));
        }
        _ => {
            let back = Tracker::restore(&t.snapshot()).expect("a snapshot restores");
            *t = back;
        }
    }
    Some(())
}

fuzz_target!(|data: &[u8]| {
    let mut t = Tracker::new();
    let mut b = Bytes(data);
    let mut now = 0;
    while !b.0.is_empty() {
        now += 1;
        // The same operation twice: the second must change nothing.
        let mut again = Bytes(b.0);
        // An operation cut short by the end of the input reads all it needs before it changes anything.
        if op(&mut t, &mut b, now).is_none() {
            break;
        }
        let once = t.clone();
        let _ = op(&mut t, &mut again, now);
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
