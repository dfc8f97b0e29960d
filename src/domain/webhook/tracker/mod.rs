//! The state tracker: folds webhooks (at most once, unordered, no timestamps) and API responses
//! (fresher) into per-stream state, says where each stream stands in the guide's four stages, and
//! which API calls the guide prescribes next ([`Action`]s).
//!
//! Rules:
//! - An event that changes nothing the tracker holds is a `duplicate` (a body seen before is not, by
//!   itself, one: the guide's steps 4 and 10 are byte-identical and both matter).
//! - A webhook that would move a monotonic status backwards is `stale` and changes nothing: video
//!   empty → pending → viewable → ready (`error` can follow anything, and anything can follow it);
//!   broadcast pending → live ⇄ paused → finished; nothing follows a video's deletion. API responses
//!   are fresher than webhooks and are always applied.
//! - A stream runs in *sessions*: it goes live again after `stop`/`done` (the guide's reuse case, or a
//!   restart after an interruption) → a new session starting at `setup`. Recordings of every session are
//!   kept; only the current session's recordings make the stream `done`.
//! - Stage of a stream: `done` (a recording of this session is ready), else `stop` (this session's
//!   recording stopped, a linked broadcast finished, the stream was disabled, or it went down after the
//!   test stage), else `live` (recording), else `test` (a linked broadcast is live), else `setup`.

mod actions;
mod fold;
mod index;
mod snapshot;
#[cfg(test)]
mod tests;
mod write;

use super::action::{Action, ActionBody};
use super::error::{WebhookError, WebhookErrorCode as Code};
use super::event::{RestreamWebhook, StreamWebhook, VideoWebhook, WebhookEvent};
use crate::domain::ids::{BroadcastId, StreamId, VideoId};
use crate::domain::json::{self, ObjWriter, Str};
use crate::domain::model::{Broadcast, BroadcastStatus, Stream, Video, VideoStatus};
use crate::domain::request::Operation;
use crate::domain::text::{self, Cat};
use crate::prelude::*;
use alloc::borrow::Cow;
use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

use index::{IdMap, Links};

/// The snapshot format version.
pub const SNAPSHOT_VERSION: u32 = 1;

/// Where a stream's integration stands (the guide's stages, plus `done`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Created/enabled; the broadcast is not live yet.
    Setup,
    /// The broadcast is live; not recording.
    Test,
    /// Recording.
    Live,
    /// Recording stopped, broadcast finished or stream disabled; the recording is not ready yet.
    Stop,
    /// The recorded video is ready.
    Done,
}

/// What applying an event did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The state changed.
    Applied,
    /// The tracked state already says what the event says.
    Duplicate,
    /// The event would move a monotonic status backwards: ignored.
    Stale,
    /// An event of a type the tracker does not follow (`unknown`): ignored.
    Ignored,
    /// A video or broadcast `status` outside the documented values: the rest of the event is folded
    /// in, the status is not placed (the known status, the stage and the actions stay as they were);
    /// the raw value is in [`ApplyResult::unknown_status`] and on the entity.
    UnknownStatus,
}

/// Declares a tracked entity from its one field table: the struct (its `Serialize`/`Deserialize`
/// forms, the snapshot's JSON as serde reads it), `write_fields` (the same JSON, written by hand for
/// the JS bindings and snapshots), `FIELDS` and `build` (the snapshot reader's table and what it
/// makes of a checked object). Each field's kind says how it is written and read:
/// - `Req`: an id (`u64` or an id newtype), required; `Id`: an optional `StreamId`;
/// - `Req32`: a `u32`, required; `U32`: an optional `u32`; `U64`: an optional `u64`;
/// - `Bool`: an optional boolean; `Flag`: a boolean written only when true;
/// - `Str`: an optional string; `Status(T)`: an optional open enumeration `T` (its wire form);
/// - `Ids`: a list of `StreamId`s in ascending order.
macro_rules! tracked {
    ($(#[doc = $sdoc:literal])* pub struct $name:ident {
        $($(#[doc = $doc:literal])* $(#[serde($($serde:tt)*)])* $field:ident: $ty:ty => $kind:ident $(($arg:ty))?,)*
    }) => {
        $(#[doc = $sdoc])*
        #[skip_serializing_none]
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[doc = $doc])* $(#[serde($($serde)*)])* pub $field: $ty,)*
        }

        impl $name {
            pub(super) fn write_fields(&self, o: &mut ObjWriter<'_>) {
                $(tracked!(@write o, stringify!($field), self.$field, $kind);)*
            }

            /// Appends the entity as JSON (its `Serialize` form).
            pub fn write_json(&self, out: &mut dyn json::Sink) {
                let mut o = ObjWriter::new(out);
                self.write_fields(&mut o);
                o.end();
            }

            /// The snapshot fields, in the order [`build`](Self::build) reads them.
            const FIELDS: &'static [(&'static str, snapshot::snap::K)] =
                &[$((stringify!($field), tracked!(@k $kind))),*];

            /// The entity of a checked snapshot object (its fields in the order of `FIELDS`).
            fn build(r: &mut snapshot::snap::Rec<'_>) -> Self {
                let mut i = 0;
                // (Field initialisers run in the order written: `i` is each field's place.)
                Self {
                    $($field: {
                        let v = tracked!(@read r, i, $kind $(($arg))?);
                        i += 1;
                        let _ = i;
                        v
                    },)*
                }
            }
        }
    };
    (@k Status) => { snapshot::snap::K::Str };
    (@k $kind:ident) => { snapshot::snap::K::$kind };
    (@write $o:ident, $n:expr, $v:expr, Req) => { $o.u64($n, snapshot::Raw::raw(&$v)) };
    (@write $o:ident, $n:expr, $v:expr, Id) => { $o.opt_u64($n, $v.map(|x| x.0)) };
    (@write $o:ident, $n:expr, $v:expr, Req32) => { $o.u64($n, u64::from($v)) };
    (@write $o:ident, $n:expr, $v:expr, U32) => { $o.opt_u64($n, $v.map(u64::from)) };
    (@write $o:ident, $n:expr, $v:expr, U64) => { $o.opt_u64($n, $v) };
    (@write $o:ident, $n:expr, $v:expr, Bool) => { $o.opt_bool($n, $v) };
    (@write $o:ident, $n:expr, $v:expr, Flag) => { if $v { $o.bool($n, true) } };
    (@write $o:ident, $n:expr, $v:expr, Str) => { $o.opt_str($n, $v.as_deref()) };
    (@write $o:ident, $n:expr, $v:expr, Status) => {
        if let Some(st) = &$v {
            $o.known_str($n, st.wire(), st.as_str());
        }
    };
    (@write $o:ident, $n:expr, $v:expr, Ids) => { $o.u64s($n, $v.iter().map(|s| s.0)) };
    (@read $r:ident, $i:ident, Req) => { snapshot::Raw::from_raw($r.u($i)) };
    (@read $r:ident, $i:ident, Id) => { $r.ou($i).map(StreamId) };
    (@read $r:ident, $i:ident, Req32) => { $r.u($i) as u32 };
    (@read $r:ident, $i:ident, U32) => { $r.ou($i).map(|n| n as u32) };
    (@read $r:ident, $i:ident, U64) => { $r.ou($i) };
    (@read $r:ident, $i:ident, Bool) => { $r.b($i) };
    (@read $r:ident, $i:ident, Flag) => { $r.b($i) == Some(true) };
    (@read $r:ident, $i:ident, Str) => { $r.s($i) };
    (@read $r:ident, $i:ident, Status($t:ty)) => { $r.str($i).map(|s| <$t>::parse(&s.text())) };
    (@read $r:ident, $i:ident, Ids) => { $r.ids() };
}

// The tracked entities (`tracked!`), `StreamUpdate`, `VideoUpdate` and `ApplyResult`, declared from
// src/domain/wire.yaml by scripts/gen-wire.mjs.
include!("types.rs");

fn is_false(b: &bool) -> bool {
    !*b
}

/// A stream as reported: its tracked state plus what is derived (stage, links).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StreamView {
    /// The tracked state.
    #[serde(flatten)]
    pub state: TrackedStream,
    /// Its stage.
    pub stage: Stage,
    /// Playback is ready: it is live and transcoding (`transcoding: true`, or a `live: true` that
    /// carried no `transcoding` field, as older payloads do).
    pub playback_ready: bool,
    /// Broadcasts it feeds.
    pub broadcast_ids: Vec<BroadcastId>,
    /// Its recordings (all sessions), by id.
    pub recordings: Vec<VideoId>,
}

/// The entity an event concerned, after applying it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EntityView {
    /// A stream.
    Stream(StreamView),
    /// A broadcast.
    Broadcast(TrackedBroadcast),
    /// A video.
    Video(TrackedVideo),
    /// A restream.
    Restream(TrackedRestream),
}

/// One field that changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// The field (`live`, `status`, `stage`, `session`, …).
    pub field: &'static str,
    /// Its value before (`null`: unknown).
    pub from: ChangeValue,
    /// Its value after.
    pub to: ChangeValue,
}

/// A value in a [`Change`]: what the tracker holds is `null`, a boolean, an integer or a string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeValue {
    /// Unknown.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer (ids, sessions, durations).
    Int(u64),
    /// A string (statuses, stages, names).
    Str(Cow<'static, str>),
}

impl ChangeValue {
    fn write_json(&self, out: &mut dyn json::Sink) {
        match self {
            Self::Null => out.null(),
            Self::Bool(b) => out.bool(*b),
            Self::Int(n) => out.num(*n),
            Self::Str(Cow::Borrowed(s)) => out.sym(s),
            Self::Str(Cow::Owned(s)) => out.str(s),
        }
    }
}

impl Serialize for ChangeValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Null => s.serialize_none(),
            Self::Bool(b) => s.serialize_bool(*b),
            Self::Int(n) => s.serialize_u64(*n),
            Self::Str(v) => s.serialize_str(v),
        }
    }
}

/// What a [`ChangeValue`] can be made of.
trait ToChange {
    fn to_change(&self) -> ChangeValue;
}

impl ToChange for bool {
    fn to_change(&self) -> ChangeValue {
        ChangeValue::Bool(*self)
    }
}
impl ToChange for u64 {
    fn to_change(&self) -> ChangeValue {
        ChangeValue::Int(*self)
    }
}
impl ToChange for u32 {
    fn to_change(&self) -> ChangeValue {
        ChangeValue::Int(u64::from(*self))
    }
}
impl ToChange for StreamId {
    fn to_change(&self) -> ChangeValue {
        ChangeValue::Int(self.0)
    }
}
impl ToChange for String {
    fn to_change(&self) -> ChangeValue {
        ChangeValue::Str(Cow::Owned(self.clone()))
    }
}
/// An open status: its wire form (a documented value), else its text as sent.
macro_rules! status_change {
    ($($t:ident),*) => {$(
        impl ToChange for $t {
            fn to_change(&self) -> ChangeValue {
                ChangeValue::Str(
                    self.wire()
                        .map_or_else(|| Cow::Owned(self.as_str().to_owned()), Cow::Borrowed),
                )
            }
        }
    )*};
}
status_change!(BroadcastStatus, VideoStatus);
impl ToChange for Stage {
    fn to_change(&self) -> ChangeValue {
        ChangeValue::Str(Cow::Borrowed(self.as_str()))
    }
}
impl<T: ToChange> ToChange for Option<T> {
    fn to_change(&self) -> ChangeValue {
        self.as_ref().map_or(ChangeValue::Null, ToChange::to_change)
    }
}

impl ApplyResult {
    /// The `status` as sent, when the outcome is `unknown_status` (it is the entity's
    /// `unknown_status`; the package's JS adds it to its results as `unknown_status`).
    pub fn unknown_status(&self) -> Option<&str> {
        if self.outcome != Outcome::UnknownStatus {
            return None;
        }
        match &self.entity {
            Some(EntityView::Video(v)) => v.unknown_status.as_deref(),
            Some(EntityView::Broadcast(b)) => b.unknown_status.as_deref(),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    Webhook,
    Api,
}

/// Video facts carried by a webhook or an API response: what an API response says
/// ([`VideoUpdate`]), and what a webhook adds (a deletion).
#[derive(Default)]
struct VideoFacts {
    update: VideoUpdate,
    deleted_at: Option<String>,
    delete: bool,
}

/// Tracks streams, broadcasts, videos and restreams. Pure: time comes in as milliseconds.
///
/// Ids are positive, as the platform's are: [`parse_webhook`](super::parse_webhook) and the JS
/// bindings refuse zero. The methods that take ids directly ([`expect_stop`](Self::expect_stop),
/// `apply_*_update`) do not check them: a tracker given a zero id holds it, and
/// [`restore`](Self::restore) refuses its snapshot (`invalid_snapshot`).
#[derive(Clone, Debug, Default)]
pub struct Tracker {
    streams: IdMap<StreamId, TrackedStream>,
    broadcasts: IdMap<BroadcastId, TrackedBroadcast>,
    videos: IdMap<VideoId, TrackedVideo>,
    restreams: IdMap<u64, TrackedRestream>,
    /// Kept in step with `broadcasts[].stream_ids` and `videos[].stream_id` wherever they change
    /// (and rebuilt by `restore`): a function of the entities (up to empty entries).
    links: IdMap<StreamId, Links>,
}

/// Equal entities, and the same links (an empty `links` entry, as `restore` leaves for a stream
/// without links, is the same as none).
impl PartialEq for Tracker {
    fn eq(&self, other: &Self) -> bool {
        let links = |t: &Self| {
            t.links
                .0
                .iter()
                .filter(|(_, l)| !(l.broadcasts.is_empty() && l.videos.is_empty()))
                .cloned()
                .collect::<Vec<_>>()
        };
        self.streams == other.streams
            && self.broadcasts == other.broadcasts
            && self.videos == other.videos
            && self.restreams == other.restreams
            && links(self) == links(other)
    }
}

impl Tracker {
    /// An empty tracker.
    pub fn new() -> Self {
        Self::default()
    }

    /// The stage of a tracked stream.
    pub fn stage(&self, stream: StreamId) -> Option<Stage> {
        self.streams.get(&stream).map(|s| self.stage_of(s))
    }

    /// A tracked stream with its stage and links.
    pub fn stream(&self, id: StreamId) -> Option<StreamView> {
        let s = self.streams.get(&id)?;
        let links = self.links.get(&id).cloned().unwrap_or_default();
        Some(StreamView {
            state: s.clone(),
            stage: self.stage_of(s),
            playback_ready: playback_ready(s),
            broadcast_ids: links.broadcasts,
            recordings: links.videos,
        })
    }

    /// A tracked broadcast.
    pub fn broadcast(&self, id: BroadcastId) -> Option<&TrackedBroadcast> {
        self.broadcasts.get(&id)
    }

    /// A tracked video.
    pub fn video(&self, id: VideoId) -> Option<&TrackedVideo> {
        self.videos.get(&id)
    }

    /// A tracked restream.
    pub fn restream(&self, id: u64) -> Option<&TrackedRestream> {
        self.restreams.get(&id)
    }

    /// The restreams of a stream, by id (a restream webhook tracks its stream too; `forget` drops
    /// them with it).
    pub fn restreams_of(&self, stream: StreamId) -> Vec<&TrackedRestream> {
        let mut out = Vec::new();
        for r in self.restreams.values() {
            if r.stream_id == Some(stream) {
                out.push(r);
            }
        }
        out
    }

    /// The ids of the tracked streams.
    pub fn stream_ids(&self) -> Vec<StreamId> {
        let mut ids = Vec::with_capacity(self.streams.0.len());
        for id in self.streams.keys() {
            ids.push(*id);
        }
        ids
    }

    /// Drops a stream and what hangs on it: its videos, its restreams, and the broadcasts fed by it
    /// alone (a broadcast fed by other streams too only loses the link). Returns whether it was tracked.
    pub fn forget(&mut self, stream: StreamId) -> bool {
        let was = self.streams.remove(&stream).is_some();
        // Its videos, and the broadcasts fed by it alone, go; other broadcasts lose the link only.
        if let Some(links) = self.links.remove(&stream) {
            for v in &links.videos {
                self.videos.remove(v);
            }
            for id in &links.broadcasts {
                if let Some(b) = self.broadcasts.get_mut(id) {
                    b.stream_ids.retain(|s| *s != stream);
                    if b.stream_ids.is_empty() {
                        self.broadcasts.remove(id);
                    }
                }
            }
        }
        self.restreams.retain(|_, r| r.stream_id != Some(stream));
        was
    }

    fn stage_of(&self, s: &TrackedStream) -> Stage {
        let ready = self
            .videos_of(s.id)
            .any(|v| v.session == Some(s.session) && v.status == Some(VideoStatus::Ready));
        if ready {
            Stage::Done
        } else if s.stopped {
            Stage::Stop
        } else if s.recording == Some(true) {
            Stage::Live
        } else if self
            .linked_broadcasts(s.id)
            .any(|b| b.status == Some(BroadcastStatus::Live))
        {
            Stage::Test
        } else {
            Stage::Setup
        }
    }
}

/// Whether playback of the stream is ready: it is live and transcoding (`transcoding` unknown reads
/// as ready: payloads without the field).
fn playback_ready(s: &TrackedStream) -> bool {
    s.live == Some(true) && s.transcoding != Some(false)
}

impl Stage {
    /// The wire form, e.g. `setup`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Setup => "setup",
            Self::Test => "test",
            Self::Live => "live",
            Self::Stop => "stop",
            Self::Done => "done",
        }
    }
}

impl Outcome {
    /// The wire form, e.g. `applied`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Applied => "applied",
            Self::Duplicate => "duplicate",
            Self::Stale => "stale",
            Self::Ignored => "ignored",
            Self::UnknownStatus => "unknown_status",
        }
    }
}
