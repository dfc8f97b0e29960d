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

use super::action::{Action, ActionBody};
use super::error::{WebhookError, WebhookErrorCode as Code};
use super::event::{RestreamWebhook, StreamWebhook, VideoWebhook, WebhookEvent};
use crate::domain::ids::{BroadcastId, StreamId, VideoId};
use crate::domain::json::Cat;
use crate::domain::json::{self, ObjWriter, Str};
use crate::domain::model::{Broadcast, BroadcastStatus, Stream, Video, VideoStatus};
use crate::domain::request::Operation;
use crate::prelude::*;
use alloc::borrow::Cow;
use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

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

/// A tracked stream.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackedStream {
    /// Stream id.
    pub id: StreamId,
    /// The on/off switch (from API responses).
    pub active: Option<bool>,
    /// The primary ingest is receiving.
    pub live: Option<bool>,
    /// The backup ingest is receiving.
    pub backup_live: Option<bool>,
    /// Recording.
    pub recording: Option<bool>,
    /// Transcoding.
    pub transcoding: Option<bool>,
    /// The current session (1 for the first run; +1 each time it goes live again after stop/done).
    pub session: u32,
    /// A stop was requested ([`Tracker::expect_stop`], or the stream was disabled) in this session.
    #[serde(default, skip_serializing_if = "is_false")]
    pub stop_expected: bool,
    /// This session ended by an interruption (`live: false` that was not a requested stop).
    #[serde(default, skip_serializing_if = "is_false")]
    pub interrupted: bool,
    /// This session reached the stop stage.
    #[serde(default, skip_serializing_if = "is_false")]
    pub stopped: bool,
    /// When it was first seen (ms, as given to `apply`).
    pub first_seen_ms: Option<u64>,
    /// When it last changed (ms).
    pub updated_ms: Option<u64>,
}

/// A tracked broadcast.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackedBroadcast {
    /// Broadcast id.
    pub id: BroadcastId,
    /// Status.
    pub status: Option<BroadcastStatus>,
    /// The last `status` received outside the documented values, as sent, until a known one replaces it.
    pub unknown_status: Option<String>,
    /// The streams feeding it.
    #[serde(default)]
    pub stream_ids: Vec<StreamId>,
    /// When it was first seen (ms).
    pub first_seen_ms: Option<u64>,
    /// When it last changed (ms).
    pub updated_ms: Option<u64>,
}

/// A tracked video (e.g. a stream's recording).
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackedVideo {
    /// Video id.
    pub id: VideoId,
    /// Processing status.
    pub status: Option<VideoStatus>,
    /// The last `status` received outside the documented values, as sent, until a known one replaces it.
    pub unknown_status: Option<String>,
    /// The stream it was recorded from.
    pub stream_id: Option<StreamId>,
    /// The stream session it was recorded in.
    pub session: Option<u32>,
    /// Name.
    pub name: Option<String>,
    /// Duration (ms).
    pub duration: Option<u64>,
    /// Deleted (`video_delete`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub deleted: bool,
    /// When it was deleted (from `video_delete`).
    pub deleted_at: Option<String>,
    /// When it was first seen (ms).
    pub first_seen_ms: Option<u64>,
    /// When it last changed (ms).
    pub updated_ms: Option<u64>,
}

/// A tracked restream.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackedRestream {
    /// Restream id.
    pub id: u64,
    /// The stream restreamed.
    pub stream_id: Option<StreamId>,
    /// Restreaming now (`live`, or legacy `active`).
    pub live: Option<bool>,
    /// Name.
    pub name: Option<String>,
    /// When it was first seen (ms).
    pub first_seen_ms: Option<u64>,
    /// When it last changed (ms).
    pub updated_ms: Option<u64>,
}

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
impl ToChange for BroadcastStatus {
    fn to_change(&self) -> ChangeValue {
        ChangeValue::Str(
            self.wire()
                .map_or_else(|| Cow::Owned(self.as_str().to_owned()), Cow::Borrowed),
        )
    }
}
impl ToChange for VideoStatus {
    fn to_change(&self) -> ChangeValue {
        ChangeValue::Str(
            self.wire()
                .map_or_else(|| Cow::Owned(self.as_str().to_owned()), Cow::Borrowed),
        )
    }
}
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

/// What [`Tracker::apply`] returns.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ApplyResult {
    /// Applied, duplicate, stale or ignored.
    pub outcome: Outcome,
    /// The entity after applying (`None` for ignored events).
    pub entity: Option<EntityView>,
    /// What changed on it (and the stage of its stream, as field `stage`).
    pub changes: Vec<Change>,
    /// The stage of the stream the entity belongs to, when known.
    pub stage: Option<Stage>,
    /// What the guide prescribes next.
    pub actions: Vec<Action>,
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

/// What the tracker reads from a stream as the API returns it (see [`Tracker::apply_stream_update`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StreamUpdate {
    /// The on/off switch.
    pub active: Option<bool>,
    /// The primary ingest is receiving.
    pub live: Option<bool>,
    /// The backup ingest is receiving.
    pub backup_live: Option<bool>,
    /// Recording.
    pub recording: Option<bool>,
    /// Transcoding: playback is ready.
    pub transcoding: Option<bool>,
    /// Broadcasts it belongs to.
    pub broadcast_ids: Option<Vec<BroadcastId>>,
}

/// What the tracker reads from a video as the API returns it (see [`Tracker::apply_video_update`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VideoUpdate {
    /// Processing status.
    pub status: Option<VideoStatus>,
    /// The stream it was recorded from.
    pub stream_id: Option<StreamId>,
    /// Name.
    pub name: Option<String>,
    /// Duration (ms).
    pub duration: Option<u64>,
}

/// Stream facts carried by a webhook or an API response.
#[derive(Default)]
struct StreamFacts {
    live: Option<bool>,
    backup_live: Option<bool>,
    recording: Option<bool>,
    transcoding: Option<bool>,
    active: Option<bool>,
    broadcast_ids: Option<Vec<BroadcastId>>,
}

/// Video facts carried by a webhook or an API response.
#[derive(Default)]
struct VideoFacts {
    status: Option<VideoStatus>,
    stream_id: Option<StreamId>,
    name: Option<String>,
    duration: Option<u64>,
    deleted_at: Option<String>,
    delete: bool,
}

/// Sorts a few ids in place (an insertion sort: small code, and the lists are short).
fn sort_ids(v: &mut [StreamId]) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && v.get(j - 1) > v.get(j) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// A map from ids to entities, kept as a vector sorted by id: much less code in WebAssembly than a
/// `BTreeMap` per entity kind. Lookups and updates are a binary search; adding or removing moves the
/// entries after it (ids mostly come in increasing order, so a new entity usually goes at the end).
#[derive(Clone, Debug, PartialEq)]
struct IdMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for IdMap<K, V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<K: Ord + Copy, V> IdMap<K, V> {
    fn find(&self, k: &K) -> Result<usize, usize> {
        self.0.binary_search_by(|(x, _)| x.cmp(k))
    }

    fn get(&self, k: &K) -> Option<&V> {
        self.find(k).ok().and_then(|i| self.0.get(i)).map(|(_, v)| v)
    }

    fn get_mut(&mut self, k: &K) -> Option<&mut V> {
        let i = self.find(k).ok()?;
        self.0.get_mut(i).map(|(_, v)| v)
    }

    fn contains_key(&self, k: &K) -> bool {
        self.find(k).is_ok()
    }

    /// The entity `k`, made by `new` when absent. An entity already there stays where it is.
    fn or_insert_with(&mut self, k: K, new: impl Fn() -> V) -> &mut V {
        let i = match self.find(&k) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (k, new()));
                i
            }
        };
        match self.0.get_mut(i) {
            Some((_, v)) => v,
            // Not reached (`i` was found or just filled); a detached value rather than a panic.
            None => Box::leak(Box::new(new())),
        }
    }

    /// Appends an entity read from a snapshot, unless `bad` or `k` is not above the last key (a
    /// snapshot lists ids in ascending order: reading one costs linear time); whether it was added.
    fn push(&mut self, k: K, bad: bool, v: V) -> bool {
        let ok = !bad && self.0.last().is_none_or(|(last, _)| *last < k);
        if ok {
            self.0.push((k, v));
        }
        ok
    }

    fn remove(&mut self, k: &K) -> Option<V> {
        let i = self.find(k).ok()?;
        Some(self.0.remove(i).1)
    }

    fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        self.0.retain_mut(|(k, v)| keep(k, v));
    }

    fn keys(&self) -> impl ExactSizeIterator<Item = &K> {
        self.0.iter().map(|(k, _)| k)
    }

    fn values(&self) -> impl ExactSizeIterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }
}

/// What links to one stream id: the broadcasts whose `stream_ids` hold it and the videos whose
/// `stream_id` is it, each sorted by id. An index over the entities, so that a stream's stage and
/// actions cost what its own links cost, not a scan of everything tracked.
#[derive(Clone, Debug, Default, PartialEq)]
struct Links {
    broadcasts: Vec<BroadcastId>,
    videos: Vec<VideoId>,
}

/// The broadcast `id`, tracked from now on if it was not.
fn broadcast_entry(
    broadcasts: &mut IdMap<BroadcastId, TrackedBroadcast>,
    id: BroadcastId,
    now_ms: Option<u64>,
) -> &mut TrackedBroadcast {
    broadcasts.or_insert_with(id, || TrackedBroadcast {
        id,
        status: None,
        unknown_status: None,
        stream_ids: Vec::new(),
        first_seen_ms: now_ms,
        updated_ms: now_ms,
    })
}

/// Adds `x` to a sorted list unless it is there.
fn insert_sorted<T: Ord>(list: &mut Vec<T>, x: T) {
    if let Err(i) = list.binary_search(&x) {
        list.insert(i, x);
    }
}

impl IdMap<StreamId, Links> {
    fn link_broadcast(&mut self, stream: StreamId, b: BroadcastId) {
        insert_sorted(&mut self.or_insert_with(stream, Links::default).broadcasts, b);
    }

    fn link_video(&mut self, stream: StreamId, v: VideoId) {
        insert_sorted(&mut self.or_insert_with(stream, Links::default).videos, v);
    }

    fn unlink_video(&mut self, stream: StreamId, v: VideoId) {
        if let Some(l) = self.get_mut(&stream) {
            l.videos.retain(|x| *x != v);
            if l.videos.is_empty() && l.broadcasts.is_empty() {
                self.remove(&stream);
            }
        }
    }
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

fn change<T: ToChange>(changes: &mut Vec<Change>, field: &'static str, from: &T, to: &T) {
    changes.push(Change {
        field,
        from: from.to_change(),
        to: to.to_change(),
    });
}

/// Sets `slot` to `new` (when given and different), recording the change.
fn set<T: ToChange + PartialEq + Clone>(
    changes: &mut Vec<Change>,
    field: &'static str,
    slot: &mut Option<T>,
    new: Option<T>,
) -> bool {
    match new {
        Some(v) if slot.as_ref() != Some(&v) => {
            let before = slot.replace(v);
            change(changes, field, &before, slot);
            true
        }
        _ => false,
    }
}

fn broadcast_rank(s: &BroadcastStatus) -> Option<u8> {
    match s {
        BroadcastStatus::Pending => Some(0),
        BroadcastStatus::Live | BroadcastStatus::Paused => Some(1),
        BroadcastStatus::Finished => Some(2),
        BroadcastStatus::Unknown(_) => None,
    }
}

/// The actions the tracker prescribes.
#[derive(Clone, Copy)]
enum Next {
    /// Step 5: put the broadcast on air.
    BroadcastLive,
    /// The ingest is up but playback is not ready yet: check the stream (a `transcoding: true`
    /// webhook may have been lost).
    CheckPlayback,
    /// Step 7: start recording.
    StartRecording,
    /// The stream went down without a requested stop: check it.
    CheckInterrupted,
    /// The stream was interrupted: pause the broadcast.
    PauseBroadcast,
    /// The stream was interrupted while recording: close the recording.
    CloseRecording,
    /// Step 12 after the recording stopped: finish the broadcast.
    FinishRecorded,
    /// The recording stopped without a requested stop: check the stream.
    CheckRecording,
    /// Step 16: delete the finished broadcast of an ended stream.
    DeleteBroadcast,
    /// Step 12 after the stream ended: finish the broadcast.
    FinishEnded,
    /// Step 9: stop recording.
    StopRecording,
    /// Step 14: disable the stream.
    DisableStream,
    /// Step 19: get the ready video.
    GetVideo,
}

impl Next {
    /// The operation, the guide's step (0: none) and the reason.
    fn what(self) -> (Operation, u8, &'static str) {
        match self {
            Self::BroadcastLive => (
                Operation::UpdateBroadcast,
                5,
                "the stream is live: put the broadcast on air",
            ),
            Self::CheckPlayback => (
                Operation::GetStream,
                0,
                "playback is not ready yet: check the stream",
            ),
            Self::StartRecording => (
                Operation::StartRecording,
                7,
                "the broadcast and the stream are live: start recording",
            ),
            Self::CheckInterrupted => (
                Operation::GetStream,
                0,
                "the stream went down without a requested stop: check it",
            ),
            Self::PauseBroadcast => (
                Operation::UpdateBroadcast,
                0,
                "the stream was interrupted: pause the broadcast",
            ),
            Self::CloseRecording => (
                Operation::StopRecording,
                0,
                "the stream was interrupted while recording: close the recording",
            ),
            Self::FinishRecorded => (
                Operation::UpdateBroadcast,
                12,
                "the recording stopped: finish the broadcast",
            ),
            Self::CheckRecording => (
                Operation::GetStream,
                0,
                "the recording stopped without a requested stop: check the stream",
            ),
            Self::DeleteBroadcast => (
                Operation::DeleteBroadcast,
                16,
                "the stream has ended and the broadcast is finished: delete it",
            ),
            Self::FinishEnded => (
                Operation::UpdateBroadcast,
                12,
                "the stream has ended: finish the broadcast",
            ),
            Self::StopRecording => (
                Operation::StopRecording,
                9,
                "the broadcast is finished: stop recording",
            ),
            Self::DisableStream => (
                Operation::UpdateStream,
                14,
                "the broadcast is finished: disable the stream",
            ),
            Self::GetVideo => (
                Operation::GetVideo,
                19,
                "the recorded video is ready: get its details",
            ),
        }
    }
}

/// Appends the action `next` about `stream` (and `broadcast`, `video`).
#[inline(never)]
fn push_action(
    actions: &mut Vec<Action>,
    next: Next,
    stream: Option<StreamId>,
    broadcast: Option<BroadcastId>,
    video: Option<VideoId>,
) {
    let (operation, step, reason) = next.what();
    // What `ActionBody::broadcast_status` and `ActionBody::stream_active` write (a test checks).
    let body = match next {
        Next::BroadcastLive => Some(r#"{"broadcast":{"status":"live"}}"#),
        Next::PauseBroadcast => Some(r#"{"broadcast":{"status":"paused"}}"#),
        Next::FinishRecorded | Next::FinishEnded => Some(r#"{"broadcast":{"status":"finished"}}"#),
        Next::DisableStream => Some(r#"{"stream":{"active":false}}"#),
        _ => None,
    }
    .map(ActionBody::from_json_text);
    actions.push(Action {
        operation,
        stream_id: stream,
        broadcast_id: broadcast,
        video_id: video,
        body,
        reason: alloc::borrow::Cow::Borrowed(reason),
        step: (step > 0).then_some(step),
    });
}

impl Tracker {
    /// An empty tracker.
    pub fn new() -> Self {
        Self::default()
    }

    /// Folds in a validated webhook received at `now_ms` (used only for first/last-seen times).
    pub fn apply(&mut self, event: &WebhookEvent, now_ms: Option<u64>) -> ApplyResult {
        match event {
            WebhookEvent::Stream { stream } => self.apply_stream_webhook(stream, now_ms),
            WebhookEvent::Video { video } => {
                self.apply_video_facts(video.id, video_facts(video, false), Source::Webhook, now_ms)
            }
            WebhookEvent::VideoDelete { video } => {
                self.apply_video_facts(video.id, video_facts(video, true), Source::Webhook, now_ms)
            }
            WebhookEvent::Broadcast { broadcast } => self.apply_broadcast_facts(
                broadcast.id,
                Some(broadcast.status.clone()),
                broadcast.stream_ids.clone(),
                Source::Webhook,
                now_ms,
            ),
            WebhookEvent::Restream { restream } => self.apply_restream(restream, now_ms),
            WebhookEvent::Unknown { .. } => {
                self.result(Outcome::Ignored, false, None, Vec::new(), None, None, Vec::new())
            }
        }
    }

    /// Folds in a stream from an API response (fresher than webhooks).
    pub fn apply_stream(&mut self, stream: &Stream, now_ms: Option<u64>) -> ApplyResult {
        let update = StreamUpdate {
            live: stream.live,
            backup_live: stream.backup_live,
            recording: stream.recording,
            transcoding: stream.transcoding,
            active: stream.active,
            broadcast_ids: stream.broadcast_ids.clone(),
        };
        self.apply_stream_update(stream.id, update, now_ms)
    }

    /// Folds in what the tracker reads of a stream from an API response ([`apply_stream`](Self::apply_stream)
    /// without the whole model).
    pub fn apply_stream_update(&mut self, id: StreamId, s: StreamUpdate, now_ms: Option<u64>) -> ApplyResult {
        let facts = StreamFacts {
            live: s.live,
            backup_live: s.backup_live,
            recording: s.recording,
            transcoding: s.transcoding,
            active: s.active,
            broadcast_ids: s.broadcast_ids,
        };
        self.apply_stream_facts(id, facts, Source::Api, now_ms)
    }

    /// Folds in what the tracker reads of a broadcast from an API response
    /// ([`apply_broadcast`](Self::apply_broadcast) without the whole model).
    pub fn apply_broadcast_update(
        &mut self,
        id: BroadcastId,
        status: Option<BroadcastStatus>,
        stream_ids: Option<Vec<StreamId>>,
        now_ms: Option<u64>,
    ) -> ApplyResult {
        self.apply_broadcast_facts(id, status, stream_ids, Source::Api, now_ms)
    }

    /// Folds in what the tracker reads of a video from an API response ([`apply_video`](Self::apply_video)
    /// without the whole model).
    pub fn apply_video_update(&mut self, id: VideoId, v: VideoUpdate, now_ms: Option<u64>) -> ApplyResult {
        let facts = VideoFacts {
            status: v.status,
            stream_id: v.stream_id,
            name: v.name,
            duration: v.duration,
            ..VideoFacts::default()
        };
        self.apply_video_facts(id, facts, Source::Api, now_ms)
    }

    /// Folds in a broadcast from an API response.
    ///
    /// # Errors
    /// `missing_field` (path `broadcast.id`) when the response has no id.
    pub fn apply_broadcast(
        &mut self,
        broadcast: &Broadcast,
        now_ms: Option<u64>,
    ) -> Result<ApplyResult, WebhookError> {
        let Some(id) = broadcast.id.filter(|id| id.0 > 0) else {
            return Err(WebhookError::new(
                Code::MissingField,
                "broadcast.id",
                "expected field `broadcast.id` (a positive integer), but it is missing",
            ));
        };
        Ok(self.apply_broadcast_facts(
            id,
            broadcast.status.clone(),
            broadcast.stream_ids.clone(),
            Source::Api,
            now_ms,
        ))
    }

    /// Folds in a video from an API response (e.g. `stop_recording`'s or `get_video`'s).
    pub fn apply_video(&mut self, video: &Video, now_ms: Option<u64>) -> ApplyResult {
        let facts = VideoFacts {
            status: video.status.clone(),
            stream_id: video.stream_id,
            name: video.name.clone(),
            duration: video.duration,
            ..VideoFacts::default()
        };
        self.apply_video_facts(video.id, facts, Source::Api, now_ms)
    }

    /// Marks a stop of `stream` as requested (call it before stopping), so that the `live: false`
    /// that follows is not taken for an interruption.
    pub fn expect_stop(&mut self, stream: StreamId, now_ms: Option<u64>) {
        let s = self.stream_entry(stream, now_ms);
        s.stop_expected = true;
    }

    /// The stage of a tracked stream.
    pub fn stage(&self, stream: StreamId) -> Option<Stage> {
        self.streams.get(&stream).map(|s| self.stage_of(s))
    }

    /// What the guide prescribes for `stream` now, worked out from the tracked state alone (empty for
    /// an untracked stream, or when the next move is the platform's or the user's).
    ///
    /// [`apply`](Self::apply) returns actions when an event makes them due (edge-triggered); this
    /// returns every action that is still due (level-triggered), so a receiver that lost a webhook,
    /// crashed before acting, or folds in an API response instead still learns what to do. Same
    /// operations, bodies, reasons and steps as `apply`'s. No webhook says that the stream was
    /// disabled (step 14), the broadcast deleted (16) or the video fetched (19): each stays due until
    /// what follows it shows (the stream ending, the video being ready; for step 19 a new session
    /// or [`forget`](Self::forget)).
    pub fn next_actions(&self, stream: StreamId) -> Vec<Action> {
        let mut actions = Vec::new();
        let Some(s) = self.streams.get(&stream) else {
            return actions;
        };
        let sid = Some(stream);
        let live = s.live == Some(true);
        let ready = playback_ready(s);
        let ended = s.live == Some(false);
        let recording = s.recording == Some(true);
        // By id (the map is sorted).
        let linked = || self.linked_broadcasts(stream);
        let live_b = |b: &TrackedBroadcast| matches!(b.status, Some(BroadcastStatus::Live));
        let finished_b = |b: &TrackedBroadcast| matches!(b.status, Some(BroadcastStatus::Finished));
        let stage = self.stage_of(s);
        // Asked for with `expect_stop`, or by disabling the stream or finishing its broadcast.
        let requested = s.stop_expected;
        let mut push = |next: Next, broadcast: Option<BroadcastId>, video: Option<VideoId>| {
            push_action(&mut actions, next, sid, broadcast, video);
        };
        // Whether the stop sequence (steps 9, 12, 14, 16) is under way.
        let stopping = match stage {
            Stage::Setup => {
                // Broadcasts go on air once playback is ready (step 5); until then, while the ingest
                // is up, check the stream (a `transcoding: true` webhook may have been lost).
                if ready {
                    for b in linked() {
                        if !live_b(b) && !finished_b(b) {
                            push(Next::BroadcastLive, Some(b.id), None);
                        }
                    }
                } else if live {
                    push(Next::CheckPlayback, None, None);
                }
                // A stop asked for before the broadcast went live, and the stream has ended.
                requested && ended
            }
            Stage::Test => {
                if live && !recording {
                    push(Next::StartRecording, None, None);
                }
                false
            }
            // Recording: stopping is the user's call (from step 9 on, once asked for).
            Stage::Live => requested,
            // Interrupted, and nobody has ended it since: check, pause, close (the guide's case).
            Stage::Stop if s.interrupted && !requested => {
                if !live {
                    push(Next::CheckInterrupted, None, None);
                }
                for b in linked() {
                    if live_b(b) {
                        push(Next::PauseBroadcast, Some(b.id), None);
                    }
                }
                if recording {
                    push(Next::CloseRecording, None, None);
                }
                false
            }
            // The recording stopped on its own: check; once the stream has ended, wind it down.
            Stage::Stop if !requested => {
                push(Next::CheckRecording, None, None);
                ended
            }
            Stage::Stop => true,
            // Deliveries come in any order: the video may be ready before the stop is through.
            Stage::Done => requested || ended,
        };
        if stopping {
            if recording {
                push(Next::StopRecording, None, None);
            }
            // Finish the broadcast once the recording stopped, or the stream ended.
            if !recording || ended {
                let next = if ended {
                    Next::FinishEnded
                } else {
                    Next::FinishRecorded
                };
                for b in linked() {
                    if !finished_b(b) {
                        push(next, Some(b.id), None);
                    }
                }
            }
            // Webhooks never say that steps 14 and 16 were done: each is due until what follows it
            // shows (the stream ending; the video being ready).
            let finished = linked().filter(|b| finished_b(b)).count();
            let all_finished = finished == linked().count() && (finished > 0 || !recording);
            if all_finished && s.active != Some(false) && !ended {
                push(Next::DisableStream, None, None);
            }
            if ended && stage != Stage::Done {
                for b in linked() {
                    if finished_b(b) {
                        push(Next::DeleteBroadcast, Some(b.id), None);
                    }
                }
            }
        }
        if stage == Stage::Done {
            for v in self.videos_of(stream) {
                let current = v.session == Some(s.session);
                if current && !v.deleted && v.status == Some(VideoStatus::Ready) {
                    push(Next::GetVideo, None, Some(v.id));
                }
            }
        }
        actions
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

    /// The state as compact, versioned JSON text.
    pub fn snapshot(&self) -> String {
        // About what the entities take (a stream's text is ~130 bytes, a video's more): one allocation.
        let n = self.streams.0.len() + self.broadcasts.0.len() + self.videos.0.len() + self.restreams.0.len();
        let mut out = String::with_capacity(16 + 160 * n);
        let mut o = ObjWriter::new(&mut out);
        o.u64("v", u64::from(SNAPSHOT_VERSION));
        fn list<'t, T: 't>(
            o: &mut ObjWriter<'_>,
            key: &'static str,
            items: impl ExactSizeIterator<Item = &'t T>,
            w: fn(&T, &mut dyn json::Sink),
        ) {
            if items.len() == 0 {
                return;
            }
            let out = o.key(key);
            out.open(true);
            for item in items {
                w(item, out);
            }
            out.close(true);
        }
        list(
            &mut o,
            "streams",
            self.streams.values(),
            TrackedStream::write_json,
        );
        list(
            &mut o,
            "broadcasts",
            self.broadcasts.values(),
            TrackedBroadcast::write_json,
        );
        list(&mut o, "videos", self.videos.values(), TrackedVideo::write_json);
        list(
            &mut o,
            "restreams",
            self.restreams.values(),
            TrackedRestream::write_json,
        );
        o.end();
        out
    }

    /// Rebuilds a tracker from [`snapshot`](Self::snapshot) text.
    ///
    /// # Errors
    /// `invalid_snapshot` when the text is not a snapshot of a version this SDK reads (not JSON, a
    /// wrong version, unknown or mistyped fields, zero or repeated ids).
    pub fn restore(text: &str) -> Result<Self, WebhookError> {
        // One pass with the pull reader, no tree; what is wrong is worked out only on failure.
        Self::read_snapshot(text).map_err(|(path, fault)| {
            let bad = |path: &str, msg: &str| WebhookError::new(Code::InvalidSnapshot, path, msg);
            if let Err(e) = json::parse(text) {
                return bad("", &["expected a tracker snapshot: ", &e.describe(text)].cat());
            }
            match fault {
                Some(0) => bad(path, &["expected ascending ids in `", path, "`"].cat()),
                Some(v) => {
                    let mut m = String::from("expected snapshot version 1, got ");
                    json::write_u64(&mut m, v);
                    bad(path, &m)
                }
                None => bad(
                    path,
                    "expected a tracker snapshot: unknown, repeated, missing or mistyped fields",
                ),
            }
        })
    }

    /// [`restore`](Self::restore) in one pass; on failure, the path of the first fault and what it
    /// is: `Some(0)` a zero or repeated id, `Some(v)` version `v`, `None` anything else (the text is
    /// not JSON, or a field is unknown, repeated, missing or mistyped).
    fn read_snapshot(text: &str) -> Result<Self, (&'static str, Option<u64>)> {
        const NAMES: [&str; 5] = ["v", "streams", "broadcasts", "videos", "restreams"];
        let mut r = json::Reader::new(text);
        let top = ("", None);
        r.open(false).ok_or(top)?;
        let mut t = Self::new();
        let (mut first, mut seen) = (true, 0u8);
        while let Some(k) = snap::key(&mut r, &mut first).ok_or(top)? {
            let i = NAMES.iter().position(|n| k.is(n)).ok_or(top)?;
            let bit = 1u8 << i;
            if seen & bit != 0 {
                return Err(top);
            }
            seen |= bit;
            let path = NAMES.get(i).copied().unwrap_or("");
            let shape = (path, None);
            if i == 0 {
                match r.uint().ok_or(shape)? {
                    v if v == u64::from(SNAPSHOT_VERSION) => continue,
                    0 => return Err(shape),
                    v => return Err((path, Some(v))),
                }
            }
            r.open(true).ok_or(shape)?;
            let mut first = true;
            while snap::item(&mut r, &mut first).ok_or(shape)? {
                let added = match i {
                    1 => {
                        let s = TrackedStream::build(
                            &mut snap::pull(&mut r, TrackedStream::FIELDS).ok_or(shape)?,
                        );
                        t.streams.push(s.id, s.session == 0, s)
                    }
                    2 => {
                        let b = TrackedBroadcast::build(
                            &mut snap::pull(&mut r, TrackedBroadcast::FIELDS).ok_or(shape)?,
                        );
                        t.broadcasts.push(b.id, false, b)
                    }
                    3 => {
                        let v =
                            TrackedVideo::build(&mut snap::pull(&mut r, TrackedVideo::FIELDS).ok_or(shape)?);
                        t.videos.push(v.id, false, v)
                    }
                    _ => {
                        let x = TrackedRestream::build(
                            &mut snap::pull(&mut r, TrackedRestream::FIELDS).ok_or(shape)?,
                        );
                        t.restreams.push(x.id, false, x)
                    }
                };
                if !added {
                    return Err((path, Some(0)));
                }
            }
        }
        r.end().ok_or(top)?;
        if seen & 1 == 0 {
            return Err(("v", None));
        }
        if !t.relink() {
            return Err(("broadcasts", Some(0)));
        }
        Ok(t)
    }

    // ---------------------------------------------------------------- internals

    fn stream_entry(&mut self, id: StreamId, now_ms: Option<u64>) -> &mut TrackedStream {
        self.streams.or_insert_with(id, || TrackedStream {
            id,
            active: None,
            live: None,
            backup_live: None,
            recording: None,
            transcoding: None,
            session: 1,
            stop_expected: false,
            interrupted: false,
            stopped: false,
            first_seen_ms: now_ms,
            updated_ms: now_ms,
        })
    }

    /// The broadcasts linked to `stream`, by id.
    fn linked_broadcasts(&self, stream: StreamId) -> impl Iterator<Item = &TrackedBroadcast> {
        let ids = self.links.get(&stream).map_or(&[][..], |l| &l.broadcasts);
        ids.iter().filter_map(|b| self.broadcasts.get(b))
    }

    /// The videos of `stream`, by id.
    fn videos_of(&self, stream: StreamId) -> impl Iterator<Item = &TrackedVideo> {
        let ids = self.links.get(&stream).map_or(&[][..], |l| &l.videos);
        ids.iter().filter_map(|v| self.videos.get(v))
    }

    /// Builds `links` from the entities (`restore`: they come in with none).
    /// Builds the `links` index from the entities (restore), in O(n log n): every stream gets an
    /// entry, the broadcasts and videos (in ascending id order) are appended to theirs, and empty
    /// entries go. False when a broadcast or video links to a stream that is not tracked (a tracker
    /// never holds such a link: linking tracks the stream, `forget` unlinks it).
    fn relink(&mut self) -> bool {
        // Every tracked stream gets an entry first (in id order: appended), so that linking
        // never inserts in the middle; the broadcasts and videos come in id order too. (Entries
        // left empty are harmless: an empty entry reads as no entry, see `PartialEq`.) A link to
        // an untracked stream would add an entry: the snapshot is refused at the first one.
        let n = self.streams.0.len();
        for k in self.streams.keys() {
            self.links.0.push((*k, Links::default()));
        }
        for b in self.broadcasts.values() {
            for s in &b.stream_ids {
                self.links.link_broadcast(*s, b.id);
                if self.links.0.len() != n {
                    return false;
                }
            }
        }
        for v in self.videos.values() {
            if let Some(s) = v.stream_id {
                self.links.link_video(s, v.id);
            }
            if self.links.0.len() != n {
                return false;
            }
        }
        true
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

    /// The result of applying an event to the entity of `stream`. `Applied` with nothing changed is
    /// `Duplicate`, unless the entity was `created`; only `Applied` records a stage change.
    #[allow(clippy::too_many_arguments)]
    fn result(
        &self,
        outcome: Outcome,
        created: bool,
        entity: Option<EntityView>,
        mut changes: Vec<Change>,
        stream: Option<StreamId>,
        stage_before: Option<Stage>,
        actions: Vec<Action>,
    ) -> ApplyResult {
        let stage = stream.and_then(|s| self.stage(s));
        let applied = outcome == Outcome::Applied;
        if applied && stage != stage_before && stage.is_some() {
            change(&mut changes, "stage", &stage_before, &stage);
        }
        let outcome = if applied && changes.is_empty() && !created {
            Outcome::Duplicate
        } else {
            outcome
        };
        ApplyResult {
            outcome,
            entity,
            changes,
            stage,
            actions,
        }
    }

    fn stream_view(&self, id: StreamId) -> Option<EntityView> {
        self.stream(id).map(EntityView::Stream)
    }

    fn apply_stream_webhook(&mut self, w: &StreamWebhook, now_ms: Option<u64>) -> ApplyResult {
        let facts = StreamFacts {
            live: Some(w.live),
            backup_live: w.backup_live,
            recording: w.recording,
            transcoding: w.transcoding,
            active: None,
            broadcast_ids: None,
        };
        self.apply_stream_facts(w.id, facts, Source::Webhook, now_ms)
    }

    fn apply_stream_facts(
        &mut self,
        id: StreamId,
        facts: StreamFacts,
        source: Source,
        now_ms: Option<u64>,
    ) -> ApplyResult {
        let mut facts = facts;
        if source == Source::Api && facts.active == Some(false) && facts.live == Some(true) {
            // The platform's answer to a disable (guide step 14) still says `live: true` while the
            // ingest winds down; the `live: false` webhook may even arrive before that answer. A
            // disabled stream is going down: its answer never raises `live` or starts a new session.
            facts.live = None;
        }
        let before = self.stage(id);
        let created = before.is_none();
        let mut changes = Vec::new();
        // Links from the API's `broadcast_ids`.
        if let Some(ids) = &facts.broadcast_ids {
            for b in ids.iter().filter(|b| b.0 > 0) {
                let entry = broadcast_entry(&mut self.broadcasts, *b, now_ms);
                if !entry.stream_ids.contains(&id) {
                    entry.stream_ids.push(id);
                    sort_ids(&mut entry.stream_ids);
                    self.links.link_broadcast(id, *b);
                    changes.push(Change {
                        field: "broadcast_ids",
                        from: ChangeValue::Null,
                        to: ChangeValue::Int(b.0),
                    });
                }
            }
        }
        let s = self.stream_entry(id, now_ms);
        let was_live = s.live;
        let was_recording = s.recording;
        let was_active = s.active;
        let was_ready = playback_ready(s);
        set(&mut changes, "live", &mut s.live, facts.live);
        set(&mut changes, "backup_live", &mut s.backup_live, facts.backup_live);
        set(&mut changes, "recording", &mut s.recording, facts.recording);
        // A `live: true` without `transcoding` (older payloads, the guide's step-4 sample, the API's
        // stream object) is taken as `transcoding: true`: playback ready.
        let transcoding = facts.transcoding.or((facts.live == Some(true)).then_some(true));
        set(&mut changes, "transcoding", &mut s.transcoding, transcoding);
        set(&mut changes, "active", &mut s.active, facts.active);
        let live_up = was_live != Some(true) && s.live == Some(true);
        let live_down = was_live == Some(true) && s.live == Some(false);
        let rec_down = was_recording == Some(true) && s.recording == Some(false);
        let progressed = matches!(before, Some(Stage::Test | Stage::Live | Stage::Stop));
        let active_off =
            s.active == Some(false) && was_active != Some(false) && (was_active == Some(true) || progressed);
        let mut new_session = false;
        if live_up && matches!(before, Some(Stage::Stop | Stage::Done)) {
            let from = s.session;
            s.session = s.session.saturating_add(1);
            s.stopped = false;
            s.stop_expected = false;
            s.interrupted = false;
            change(&mut changes, "session", &from, &s.session);
            new_session = true;
        }
        if live_up && source == Source::Webhook && s.active == Some(false) {
            // Live implies enabled: it was enabled again.
            set(&mut changes, "active", &mut s.active, Some(true));
        }
        if active_off {
            s.stop_expected = true;
        }
        let interruption = live_down && !s.stop_expected && matches!(before, Some(Stage::Test | Stage::Live));
        if interruption && !s.interrupted {
            s.interrupted = true;
            change(&mut changes, "interrupted", &false, &true);
        }
        if !s.stopped
            && (rec_down || active_off || (live_down && matches!(before, Some(Stage::Test | Stage::Live))))
        {
            s.stopped = true;
        }
        let stop_expected = s.stop_expected;
        let ready_now = playback_ready(s);
        let ready_up = ready_now && (!was_ready || new_session);
        let live_now = s.live == Some(true);
        let recording_now = s.recording == Some(true);
        if !changes.is_empty() || created {
            s.updated_ms = now_ms.or(s.updated_ms);
        }
        let after = self.stage(id);

        // What the guide prescribes next.
        let mut actions = Vec::new();
        // The linked broadcasts, and whether each is live or finished.
        let mut linked = Vec::new();
        for b in self.linked_broadcasts(id) {
            linked.push((
                b.id,
                b.status == Some(BroadcastStatus::Live),
                b.status == Some(BroadcastStatus::Finished),
            ));
        }
        let sid = Some(id);
        if ready_up && after == Some(Stage::Setup) {
            for &(b, live, finished) in &linked {
                if !live && !finished {
                    push_action(&mut actions, Next::BroadcastLive, sid, Some(b), None);
                }
            }
        }
        if after == Some(Stage::Test)
            && (before != Some(Stage::Test) || live_up)
            && live_now
            && !recording_now
        {
            push_action(&mut actions, Next::StartRecording, sid, None, None);
        }
        if interruption {
            push_action(&mut actions, Next::CheckInterrupted, sid, None, None);
            for &(b, live, _) in &linked {
                if live {
                    push_action(&mut actions, Next::PauseBroadcast, sid, Some(b), None);
                }
            }
            if was_recording == Some(true) || before == Some(Stage::Live) {
                push_action(&mut actions, Next::CloseRecording, sid, None, None);
            }
        } else if rec_down && before == Some(Stage::Live) {
            if stop_expected {
                for &(b, _, finished) in &linked {
                    if !finished {
                        push_action(&mut actions, Next::FinishRecorded, sid, Some(b), None);
                    }
                }
            } else {
                push_action(&mut actions, Next::CheckRecording, sid, None, None);
            }
        } else if live_down && (before == Some(Stage::Stop) || stop_expected) {
            for &(b, _, finished) in &linked {
                let next = if finished {
                    Next::DeleteBroadcast
                } else {
                    Next::FinishEnded
                };
                push_action(&mut actions, next, sid, Some(b), None);
            }
        }
        let entity = self.stream_view(id);
        self.result(
            Outcome::Applied,
            false,
            entity,
            changes,
            Some(id),
            before,
            actions,
        )
    }

    fn apply_broadcast_facts(
        &mut self,
        id: BroadcastId,
        status: Option<BroadcastStatus>,
        stream_ids: Option<Vec<StreamId>>,
        source: Source,
        now_ms: Option<u64>,
    ) -> ApplyResult {
        // Stale check first: a stale webhook changes nothing at all.
        if source == Source::Webhook {
            if let (Some(cur), Some(new)) = (
                self.broadcasts.get(&id).and_then(|b| b.status.as_ref()),
                status.as_ref(),
            ) {
                if let (Some(a), Some(b)) = (broadcast_rank(cur), broadcast_rank(new)) {
                    if b < a {
                        let b = self.broadcasts.get(&id);
                        let entity = b.cloned().map(EntityView::Broadcast);
                        let stream = b.and_then(|b| b.stream_ids.first().copied());
                        return self.result(
                            Outcome::Stale,
                            false,
                            entity,
                            Vec::new(),
                            stream,
                            None,
                            Vec::new(),
                        );
                    }
                }
            }
        }
        let created = !self.broadcasts.contains_key(&id);
        let mut new_streams = Vec::new();
        if let Some(ids) = &stream_ids {
            for s in ids.iter().filter(|s| s.0 > 0) {
                self.stream_entry(*s, now_ms);
                new_streams.push(*s);
            }
        }
        // Stages before, for every stream linked before or after.
        let mut streams: Vec<StreamId> = self
            .broadcasts
            .get(&id)
            .map(|b| b.stream_ids.clone())
            .unwrap_or_default();
        for s in &new_streams {
            if !streams.contains(s) {
                streams.push(*s);
            }
        }
        let mut before = Vec::with_capacity(streams.len());
        for s in streams {
            before.push((s, self.stage(s)));
        }
        let mut changes = Vec::new();
        let b = broadcast_entry(&mut self.broadcasts, id, now_ms);
        let old_status = b.status.clone();
        let mut status = status;
        // A status outside the documented values is not placed: its raw text is kept beside.
        let unknown = match &mut status {
            Some(BroadcastStatus::Unknown(raw)) => Some(core::mem::take(raw)),
            _ => None,
        };
        let undocumented = note_status(&mut changes, &mut b.unknown_status, unknown, status.is_some());
        if undocumented {
            status = None;
        }
        set(&mut changes, "status", &mut b.status, status);
        for s in &new_streams {
            if !b.stream_ids.contains(s) {
                b.stream_ids.push(*s);
                self.links.link_broadcast(*s, id);
                changes.push(Change {
                    field: "stream_ids",
                    from: ChangeValue::Null,
                    to: ChangeValue::Int(s.0),
                });
            }
        }
        sort_ids(&mut b.stream_ids);
        if !changes.is_empty() || created {
            b.updated_ms = now_ms.or(b.updated_ms);
        }
        let new_status = b.status.clone();
        let became = |s: BroadcastStatus| old_status.as_ref() != Some(&s) && new_status.as_ref() == Some(&s);
        let became_live = became(BroadcastStatus::Live);
        let became_finished = became(BroadcastStatus::Finished);
        let mut actions = Vec::new();
        for (sid, stage_before) in &before {
            // A finished broadcast ends its streams' run (their stop is requested), unless another
            // broadcast of the stream is still on.
            let ends_run = became_finished
                && self
                    .linked_broadcasts(*sid)
                    .all(|b| matches!(b.status, Some(BroadcastStatus::Finished)));
            if ends_run {
                if let Some(s) = self.streams.get_mut(sid) {
                    s.stopped = true;
                    s.stop_expected = true;
                }
            }
            let Some(s) = self.streams.get(sid) else {
                continue;
            };
            let after = self.stage_of(s);
            let newly_linked = new_streams.contains(sid) && changes.iter().any(|c| c.field == "stream_ids");
            if after == Stage::Test
                && (became_live || *stage_before != Some(Stage::Test))
                && s.live == Some(true)
                && s.recording != Some(true)
            {
                push_action(&mut actions, Next::StartRecording, Some(*sid), None, None);
            }
            if after == Stage::Setup
                && newly_linked
                && playback_ready(s)
                && !matches!(
                    new_status,
                    Some(BroadcastStatus::Live | BroadcastStatus::Finished)
                )
            {
                push_action(&mut actions, Next::BroadcastLive, Some(*sid), Some(id), None);
            }
            if ends_run && after == Stage::Stop {
                if s.recording == Some(true) {
                    push_action(&mut actions, Next::StopRecording, Some(*sid), None, None);
                }
                if s.active != Some(false) {
                    push_action(&mut actions, Next::DisableStream, Some(*sid), None, None);
                }
                if s.live == Some(false) {
                    push_action(&mut actions, Next::DeleteBroadcast, Some(*sid), Some(id), None);
                }
            }
        }
        let first = self
            .broadcasts
            .get(&id)
            .and_then(|b| b.stream_ids.first().copied());
        let stage_before = first.and_then(|f| before.iter().find(|(s, _)| *s == f).and_then(|(_, st)| *st));
        let entity = self.broadcasts.get(&id).cloned().map(EntityView::Broadcast);
        let mut r = self.result(
            Outcome::Applied,
            created,
            entity,
            changes,
            first,
            stage_before,
            actions,
        );
        if undocumented {
            r.outcome = Outcome::UnknownStatus;
        }
        r
    }

    fn apply_video_facts(
        &mut self,
        id: VideoId,
        facts: VideoFacts,
        source: Source,
        now_ms: Option<u64>,
    ) -> ApplyResult {
        let existing = self.videos.get(&id);
        if source == Source::Webhook {
            if let Some(cur) = existing {
                let backwards = match (
                    cur.status.as_ref().and_then(VideoStatus::rank),
                    facts.status.as_ref().and_then(VideoStatus::rank),
                ) {
                    (Some(a), Some(b)) => b < a,
                    _ => false,
                };
                if !facts.delete && (cur.deleted || backwards) {
                    let entity = Some(EntityView::Video(cur.clone()));
                    return self.result(
                        Outcome::Stale,
                        false,
                        entity,
                        Vec::new(),
                        cur.stream_id,
                        None,
                        Vec::new(),
                    );
                }
            }
        }
        let created = existing.is_none();
        let stream_before = existing.and_then(|v| v.stream_id).or(facts.stream_id);
        let stage_before = stream_before.and_then(|s| self.stage(s));
        // A video names its stream: make sure the stream is tracked, and note the session.
        let session = facts.stream_id.map(|s| self.stream_entry(s, now_ms).session);
        let mut changes = Vec::new();
        let v = self.videos.or_insert_with(id, || TrackedVideo {
            id,
            status: None,
            unknown_status: None,
            stream_id: None,
            session: None,
            name: None,
            duration: None,
            deleted: false,
            deleted_at: None,
            first_seen_ms: now_ms,
            updated_ms: now_ms,
        });
        let old_status = v.status.clone();
        let mut status = facts.status;
        // As for broadcasts: an undocumented status is not placed.
        let unknown = match &mut status {
            Some(VideoStatus::Unknown(raw)) => Some(core::mem::take(raw)),
            _ => None,
        };
        let undocumented = note_status(&mut changes, &mut v.unknown_status, unknown, status.is_some());
        if undocumented {
            status = None;
        }
        set(&mut changes, "status", &mut v.status, status);
        let old_stream = v.stream_id;
        if set(&mut changes, "stream_id", &mut v.stream_id, facts.stream_id) {
            v.session = session;
            if let Some(old) = old_stream {
                self.links.unlink_video(old, id);
            }
            if let Some(new) = v.stream_id {
                self.links.link_video(new, id);
            }
        }
        set(&mut changes, "name", &mut v.name, facts.name);
        set(&mut changes, "duration", &mut v.duration, facts.duration);
        set(&mut changes, "deleted_at", &mut v.deleted_at, facts.deleted_at);
        if facts.delete && !v.deleted {
            v.deleted = true;
            change(&mut changes, "deleted", &false, &true);
        }
        if !changes.is_empty() || created {
            v.updated_ms = now_ms.or(v.updated_ms);
        }
        let became_ready = old_status != Some(VideoStatus::Ready) && v.status == Some(VideoStatus::Ready);
        let stream = v.stream_id;
        let deleted = v.deleted;
        let mut actions = Vec::new();
        if became_ready && source == Source::Webhook && !deleted {
            push_action(&mut actions, Next::GetVideo, stream, None, Some(id));
        }
        let entity = self.videos.get(&id).cloned().map(EntityView::Video);
        let stage_before = if stream == stream_before {
            stage_before
        } else {
            None
        };
        let mut r = self.result(
            Outcome::Applied,
            created,
            entity,
            changes,
            stream,
            stage_before,
            actions,
        );
        if undocumented {
            r.outcome = Outcome::UnknownStatus;
        }
        r
    }

    fn apply_restream(&mut self, w: &RestreamWebhook, now_ms: Option<u64>) -> ApplyResult {
        // A restream is kept under its stream (listed in its view, dropped by `forget`).
        if let Some(s) = w.stream_id {
            self.stream_entry(s, now_ms);
        }
        let created = !self.restreams.contains_key(&w.id);
        let mut changes = Vec::new();
        let r = self.restreams.or_insert_with(w.id, || TrackedRestream {
            id: w.id,
            stream_id: None,
            live: None,
            name: None,
            first_seen_ms: now_ms,
            updated_ms: now_ms,
        });
        set(&mut changes, "stream_id", &mut r.stream_id, w.stream_id);
        set(&mut changes, "live", &mut r.live, w.live.or(w.active));
        set(&mut changes, "name", &mut r.name, w.name.clone());
        if !changes.is_empty() {
            r.updated_ms = now_ms.or(r.updated_ms);
        }
        let stream = r.stream_id;
        let entity = Some(EntityView::Restream(r.clone()));
        let stage = stream.and_then(|s| self.stage(s));
        self.result(
            Outcome::Applied,
            created,
            entity,
            changes,
            stream,
            stage,
            Vec::new(),
        )
    }
}

/// Whether playback of the stream is ready: it is live and transcoding (`transcoding` unknown reads
/// as ready: payloads without the field).
fn playback_ready(s: &TrackedStream) -> bool {
    s.live == Some(true) && s.transcoding != Some(false)
}

/// Keeps the raw text of an undocumented status (`unknown`) on an entity, or clears it when a
/// documented one came (`documented`). Whether the status was undocumented.
fn note_status(
    changes: &mut Vec<Change>,
    slot: &mut Option<String>,
    unknown: Option<String>,
    documented: bool,
) -> bool {
    let undocumented = unknown.is_some();
    if (undocumented || documented) && *slot != unknown {
        let from = core::mem::replace(slot, unknown);
        change(changes, "unknown_status", &from, slot);
    }
    undocumented
}

fn video_facts(v: &VideoWebhook, delete: bool) -> VideoFacts {
    VideoFacts {
        status: v.status.clone(),
        stream_id: v.stream_id,
        name: v.name.clone(),
        duration: v.duration,
        deleted_at: v.deleted_at.clone(),
        delete,
    }
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

// ------------------------------------------------------------------ JSON text (no serde)
//
// The JS bindings and snapshots write JSON by hand: the same text as the `Serialize` forms (a test
// checks it), without serde_json's code in the WebAssembly build.

impl TrackedStream {
    fn write_fields(&self, o: &mut ObjWriter<'_>) {
        o.u64("id", self.id.0);
        o.opt_bool("active", self.active);
        o.opt_bool("live", self.live);
        o.opt_bool("backup_live", self.backup_live);
        o.opt_bool("recording", self.recording);
        o.opt_bool("transcoding", self.transcoding);
        o.u64("session", u64::from(self.session));
        if self.stop_expected {
            o.bool("stop_expected", true);
        }
        if self.interrupted {
            o.bool("interrupted", true);
        }
        if self.stopped {
            o.bool("stopped", true);
        }
        o.opt_u64("first_seen_ms", self.first_seen_ms);
        o.opt_u64("updated_ms", self.updated_ms);
    }

    /// Appends the stream as JSON (its `Serialize` form).
    pub fn write_json(&self, out: &mut dyn json::Sink) {
        let mut o = ObjWriter::new(out);
        self.write_fields(&mut o);
        o.end();
    }

    /// The snapshot fields, in the order [`build`](Self::build) reads them.
    const FIELDS: &'static [(&'static str, snap::K)] = &[
        ("id", snap::K::Req),
        ("active", snap::K::Bool),
        ("live", snap::K::Bool),
        ("backup_live", snap::K::Bool),
        ("recording", snap::K::Bool),
        ("transcoding", snap::K::Bool),
        ("session", snap::K::Req32),
        ("stop_expected", snap::K::Flag),
        ("interrupted", snap::K::Flag),
        ("stopped", snap::K::Flag),
        ("first_seen_ms", snap::K::U64),
        ("updated_ms", snap::K::U64),
    ];

    fn build(r: &mut snap::Rec<'_>) -> Self {
        Self {
            id: StreamId(r.u(0)),
            active: r.b(1),
            live: r.b(2),
            backup_live: r.b(3),
            recording: r.b(4),
            transcoding: r.b(5),
            session: r.u(6) as u32,
            stop_expected: r.b(7) == Some(true),
            interrupted: r.b(8) == Some(true),
            stopped: r.b(9) == Some(true),
            first_seen_ms: r.ou(10),
            updated_ms: r.ou(11),
        }
    }
}

impl TrackedBroadcast {
    fn write_fields(&self, o: &mut ObjWriter<'_>) {
        o.u64("id", self.id.0);
        if let Some(st) = &self.status {
            o.known_str("status", st.wire(), st.as_str());
        }
        o.opt_str("unknown_status", self.unknown_status.as_deref());
        o.u64s("stream_ids", self.stream_ids.iter().map(|s| s.0));
        o.opt_u64("first_seen_ms", self.first_seen_ms);
        o.opt_u64("updated_ms", self.updated_ms);
    }

    /// Appends the broadcast as JSON (its `Serialize` form).
    pub fn write_json(&self, out: &mut dyn json::Sink) {
        let mut o = ObjWriter::new(out);
        self.write_fields(&mut o);
        o.end();
    }

    /// The snapshot fields, in the order [`build`](Self::build) reads them.
    const FIELDS: &'static [(&'static str, snap::K)] = &[
        ("id", snap::K::Req),
        ("status", snap::K::Str),
        ("unknown_status", snap::K::Str),
        ("stream_ids", snap::K::Ids),
        ("first_seen_ms", snap::K::U64),
        ("updated_ms", snap::K::U64),
    ];

    fn build(r: &mut snap::Rec<'_>) -> Self {
        Self {
            id: BroadcastId(r.u(0)),
            status: r.str(1).map(|s| BroadcastStatus::parse(&s.text())),
            unknown_status: r.s(2),
            stream_ids: r.ids(),
            first_seen_ms: r.ou(4),
            updated_ms: r.ou(5),
        }
    }
}

impl TrackedVideo {
    fn write_fields(&self, o: &mut ObjWriter<'_>) {
        o.u64("id", self.id.0);
        if let Some(st) = &self.status {
            o.known_str("status", st.wire(), st.as_str());
        }
        o.opt_str("unknown_status", self.unknown_status.as_deref());
        o.opt_u64("stream_id", self.stream_id.map(|s| s.0));
        o.opt_u64("session", self.session.map(u64::from));
        o.opt_str("name", self.name.as_deref());
        o.opt_u64("duration", self.duration);
        if self.deleted {
            o.bool("deleted", true);
        }
        o.opt_str("deleted_at", self.deleted_at.as_deref());
        o.opt_u64("first_seen_ms", self.first_seen_ms);
        o.opt_u64("updated_ms", self.updated_ms);
    }

    /// Appends the video as JSON (its `Serialize` form).
    pub fn write_json(&self, out: &mut dyn json::Sink) {
        let mut o = ObjWriter::new(out);
        self.write_fields(&mut o);
        o.end();
    }

    /// The snapshot fields, in the order [`build`](Self::build) reads them.
    const FIELDS: &'static [(&'static str, snap::K)] = &[
        ("id", snap::K::Req),
        ("status", snap::K::Str),
        ("unknown_status", snap::K::Str),
        ("stream_id", snap::K::Id),
        ("session", snap::K::U32),
        ("name", snap::K::Str),
        ("duration", snap::K::U64),
        ("deleted", snap::K::Flag),
        ("deleted_at", snap::K::Str),
        ("first_seen_ms", snap::K::U64),
        ("updated_ms", snap::K::U64),
    ];

    fn build(r: &mut snap::Rec<'_>) -> Self {
        Self {
            id: VideoId(r.u(0)),
            status: r.str(1).map(|s| VideoStatus::parse(&s.text())),
            unknown_status: r.s(2),
            stream_id: r.ou(3).map(StreamId),
            session: r.ou(4).map(|n| n as u32),
            name: r.s(5),
            duration: r.ou(6),
            deleted: r.b(7) == Some(true),
            deleted_at: r.s(8),
            first_seen_ms: r.ou(9),
            updated_ms: r.ou(10),
        }
    }
}

impl TrackedRestream {
    fn write_fields(&self, o: &mut ObjWriter<'_>) {
        o.u64("id", self.id);
        o.opt_u64("stream_id", self.stream_id.map(|s| s.0));
        o.opt_bool("live", self.live);
        o.opt_str("name", self.name.as_deref());
        o.opt_u64("first_seen_ms", self.first_seen_ms);
        o.opt_u64("updated_ms", self.updated_ms);
    }

    /// Appends the restream as JSON (its `Serialize` form).
    pub fn write_json(&self, out: &mut dyn json::Sink) {
        let mut o = ObjWriter::new(out);
        self.write_fields(&mut o);
        o.end();
    }

    /// The snapshot fields, in the order [`build`](Self::build) reads them.
    const FIELDS: &'static [(&'static str, snap::K)] = &[
        ("id", snap::K::Req),
        ("stream_id", snap::K::Id),
        ("live", snap::K::Bool),
        ("name", snap::K::Str),
        ("first_seen_ms", snap::K::U64),
        ("updated_ms", snap::K::U64),
    ];

    fn build(r: &mut snap::Rec<'_>) -> Self {
        Self {
            id: r.u(0),
            stream_id: r.ou(1).map(StreamId),
            live: r.b(2),
            name: r.s(3),
            first_seen_ms: r.ou(4),
            updated_ms: r.ou(5),
        }
    }
}

impl StreamView {
    /// Appends the view as JSON (its `Serialize` form), with `"kind":"stream"` first when `tagged`.
    pub fn write_json(&self, out: &mut dyn json::Sink, tagged: bool) {
        let mut o = ObjWriter::new(out);
        if tagged {
            o.sym("kind", "stream");
        }
        self.state.write_fields(&mut o);
        o.sym("stage", self.stage.as_str());
        o.bool("playback_ready", self.playback_ready);
        o.u64s("broadcast_ids", self.broadcast_ids.iter().map(|b| b.0));
        o.u64s("recordings", self.recordings.iter().map(|v| v.0));
        o.end();
    }
}

impl EntityView {
    /// Appends the entity as JSON (its `Serialize` form: `{"kind": …, …}`).
    pub fn write_json(&self, out: &mut dyn json::Sink) {
        if let Self::Stream(s) = self {
            return s.write_json(out, true);
        }
        let mut o = ObjWriter::new(out);
        match self {
            Self::Stream(_) => {}
            Self::Broadcast(b) => {
                o.sym("kind", "broadcast");
                b.write_fields(&mut o);
            }
            Self::Video(v) => {
                o.sym("kind", "video");
                v.write_fields(&mut o);
            }
            Self::Restream(r) => {
                o.sym("kind", "restream");
                r.write_fields(&mut o);
            }
        }
        o.end();
    }
}

impl ApplyResult {
    /// The result as JSON text (its `Serialize` form).
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(512);
        self.write(&mut out);
        out
    }

    /// Writes the result (its `Serialize` form) into `out`.
    pub fn write(&self, out: &mut dyn json::Sink) {
        let mut o = ObjWriter::new(out);
        o.sym("outcome", self.outcome.as_str());
        self.write_entity(o.key("entity"));
        self.write_changes(o.key("changes"));
        match self.stage {
            Some(s) => o.sym("stage", s.as_str()),
            None => o.key("stage").null(),
        }
        self.write_actions(o.key("actions"));
        o.end();
    }

    /// Writes `entity` (or `null`).
    pub fn write_entity(&self, out: &mut dyn json::Sink) {
        match &self.entity {
            Some(e) => e.write_json(out),
            None => out.null(),
        }
    }

    /// Writes `changes`.
    pub fn write_changes(&self, w: &mut dyn json::Sink) {
        w.open(true);
        for c in &self.changes {
            let mut co = ObjWriter::new(w);
            co.sym("field", c.field);
            c.from.write_json(co.key("from"));
            c.to.write_json(co.key("to"));
            co.end();
        }
        w.close(true);
    }

    /// Writes `actions`.
    pub fn write_actions(&self, w: &mut dyn json::Sink) {
        w.open(true);
        for a in &self.actions {
            a.write_json(w);
        }
        w.close(true);
    }
}

/// Reading snapshot JSON: every field known, none repeated, each of its type (`null` reads as absent).
/// One interpreter reads an object by a field table; the readers then take the checked values.
mod snap {
    use super::{Str, StreamId};
    use crate::domain::json::{NumKind, Number, Reader, Value as J};
    use crate::domain::webhook::event::MAX_SAFE_INTEGER;
    use crate::prelude::*;

    /// What a snapshot field holds.
    #[derive(Clone, Copy, PartialEq, Eq)]
    pub(super) enum K {
        /// An id (1 to 2^53-1, as JS numbers hold them exactly), required.
        Req,
        /// An id or null.
        Id,
        /// An integer that fits `u32`, required.
        Req32,
        /// An integer (`u64`) or null.
        U64,
        /// An integer that fits `u32`, or null.
        U32,
        /// A boolean or null.
        Bool,
        /// A boolean (not null).
        Flag,
        /// A string or null.
        Str,
        /// An array of ids in strictly ascending order (not null).
        Ids,
    }

    /// The most fields an object has.
    const MAX: usize = 12;

    /// A field's value (a `null` reads as absent).
    #[derive(Clone, Copy)]
    pub(super) enum V<'a> {
        U(u64),
        B(bool),
        S(Str<'a>),
    }

    /// An object's fields, checked, in the order of its field table.
    pub(super) struct Rec<'a> {
        v: [Option<V<'a>>; MAX],
        /// The value of the `Ids` field (an object has at most one).
        ids: Vec<StreamId>,
    }

    /// The object at `r` by the field table `keys` (each field known, at most once, of its kind;
    /// the required ones present); `None` when it is not.
    #[inline(never)]
    pub(super) fn pull<'a>(r: &mut Reader<'a>, keys: &[(&str, K)]) -> Option<Rec<'a>> {
        let mut out = Rec {
            v: [None; MAX],
            ids: Vec::new(),
        };
        r.open(false)?;
        let (mut first, mut seen, mut next) = (true, 0u16, 0);
        loop {
            // Snapshots list the fields in table order: try the one after the last first.
            let i = match keys.get(next) {
                Some((key, _)) if r.key_if(&mut first, key) => next,
                _ => {
                    let Some(k) = key(r, &mut first)? else {
                        break;
                    };
                    keys.iter().position(|(key, _)| k.is(key))?
                }
            };
            next = i + 1;
            let (_, kind) = keys.get(i)?;
            let bit = 1u16 << i;
            if seen & bit != 0 {
                return None;
            }
            seen |= bit;
            let v = if r.peek()?.is_ascii_digit() {
                V::U(r.uint()?)
            } else {
                match (kind, r.value()?) {
                    (K::U64 | K::U32 | K::Id | K::Bool | K::Str, J::Null) => continue,
                    (K::Bool | K::Flag, J::Bool(b)) => V::B(b),
                    (K::Str, J::Str(s)) => V::S(s),
                    (K::Ids, J::Arr(items)) => {
                        for i in items {
                            let J::Num(Number {
                                kind: NumKind::UInt(n),
                                ..
                            }) = i
                            else {
                                return None;
                            };
                            if n == 0 || n > MAX_SAFE_INTEGER || out.ids.last().is_some_and(|l| l.0 >= n) {
                                return None;
                            }
                            out.ids.push(StreamId(n));
                        }
                        continue;
                    }
                    _ => return None,
                }
            };
            let id = matches!(kind, K::Req | K::Id);
            let max = match kind {
                K::Req32 | K::U32 => u64::from(u32::MAX),
                K::Req | K::Id => MAX_SAFE_INTEGER,
                _ => u64::MAX,
            };
            match v {
                V::U(n)
                    if n <= max
                        && (n > 0 || !id)
                        && matches!(kind, K::Req | K::Req32 | K::Id | K::U64 | K::U32) => {}
                V::U(_) => return None,
                _ => {}
            }
            *out.v.get_mut(i)? = Some(v);
        }
        // `id` (and a stream's `session`) are required.
        for ((_, kind), v) in keys.iter().zip(&out.v) {
            if matches!(kind, K::Req | K::Req32) && v.is_none() {
                return None;
            }
        }
        Some(out)
    }

    /// [`Reader::key`], once in the WebAssembly build.
    #[inline(never)]
    pub(super) fn key<'a>(r: &mut Reader<'a>, first: &mut bool) -> Option<Option<Str<'a>>> {
        r.key(first)
    }

    /// [`Reader::item`], once in the WebAssembly build.
    #[inline(never)]
    pub(super) fn item(r: &mut Reader<'_>, first: &mut bool) -> Option<bool> {
        r.item(first)
    }

    impl<'a> Rec<'a> {
        /// An integer field (`None`: absent or null).
        #[inline(never)]
        pub(super) fn ou(&self, i: usize) -> Option<u64> {
            match self.v.get(i) {
                Some(Some(V::U(n))) => Some(*n),
                _ => None,
            }
        }

        /// A required integer field.
        pub(super) fn u(&self, i: usize) -> u64 {
            self.ou(i).unwrap_or_default()
        }

        /// A boolean field.
        #[inline(never)]
        pub(super) fn b(&self, i: usize) -> Option<bool> {
            match self.v.get(i) {
                Some(Some(V::B(b))) => Some(*b),
                _ => None,
            }
        }

        /// A string field, as written.
        #[inline(never)]
        pub(super) fn str(&self, i: usize) -> Option<Str<'a>> {
            match self.v.get(i) {
                Some(Some(V::S(s))) => Some(*s),
                _ => None,
            }
        }

        /// A string field.
        pub(super) fn s(&self, i: usize) -> Option<String> {
            self.str(i).map(|s| s.decode())
        }

        /// The id list.
        pub(super) fn ids(&mut self) -> Vec<StreamId> {
            core::mem::take(&mut self.ids)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_bodies_are_what_the_body_builders_write() {
        let body = |next| {
            let mut actions = Vec::new();
            push_action(&mut actions, next, Some(StreamId(1)), Some(BroadcastId(2)), None);
            actions.pop().unwrap().body
        };
        for (next, status) in [
            (Next::BroadcastLive, "live"),
            (Next::PauseBroadcast, "paused"),
            (Next::FinishRecorded, "finished"),
            (Next::FinishEnded, "finished"),
        ] {
            assert_eq!(body(next), Some(ActionBody::broadcast_status(status)));
        }
        assert_eq!(body(Next::DisableStream), Some(ActionBody::stream_active(false)));
        assert_eq!(body(Next::StartRecording), None);
    }

    /// What `restore` must take, by serde (the `Deserialize` forms, unknown and repeated fields
    /// denied) and the id rules: `None` for what it must reject.
    fn reference(text: &str) -> Option<Tracker> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Snap {
            v: u64,
            #[serde(default)]
            streams: Vec<TrackedStream>,
            #[serde(default)]
            broadcasts: Vec<TrackedBroadcast>,
            #[serde(default)]
            videos: Vec<TrackedVideo>,
            #[serde(default)]
            restreams: Vec<TrackedRestream>,
        }
        let s: Snap = serde_json::from_str(text).ok()?;
        let mut t = Tracker::new();
        let mut ok = s.v == 1;
        let id = |n: u64| (1..=9_007_199_254_740_991).contains(&n);
        let ascending = |ids: &mut dyn Iterator<Item = u64>| {
            let v: Vec<u64> = ids.collect();
            v.windows(2).all(|w| w[0] < w[1])
        };
        ok &= ascending(&mut s.streams.iter().map(|x| x.id.0));
        ok &= ascending(&mut s.broadcasts.iter().map(|x| x.id.0));
        ok &= ascending(&mut s.videos.iter().map(|x| x.id.0));
        ok &= ascending(&mut s.restreams.iter().map(|x| x.id));
        let tracked: Vec<StreamId> = s.streams.iter().map(|x| x.id).collect();
        for x in s.streams {
            ok &= id(x.id.0) && x.session != 0;
            t.streams.0.push((x.id, x));
        }
        for x in s.broadcasts {
            ok &= id(x.id.0) && ascending(&mut x.stream_ids.iter().map(|s| s.0));
            ok &= x.stream_ids.iter().all(|s| id(s.0) && tracked.contains(s));
            t.broadcasts.0.push((x.id, x));
        }
        for x in s.videos {
            ok &= id(x.id.0) && x.stream_id.is_none_or(|s| id(s.0) && tracked.contains(&s));
            t.videos.0.push((x.id, x));
        }
        for x in s.restreams {
            ok &= id(x.id) && x.stream_id.is_none_or(|s| id(s.0));
            t.restreams.0.push((x.id, x));
        }
        if ok {
            ok &= t.relink();
        }
        ok.then_some(t)
    }

    /// `restore` takes what serde takes, the same: on valid snapshots, escaped and spaced forms,
    /// and every one-byte edit of them.
    #[test]
    fn restore_takes_what_serde_takes() {
        let valid = [
            r#"{"v":1,"streams":[{"id":7,"active":true,"live":false,"backup_live":true,"recording":false,"transcoding":true,"session":4294967295,"stop_expected":true,"interrupted":true,"stopped":true,"first_seen_ms":18446744073709551615,"updated_ms":0},{"id":8,"session":1}],"broadcasts":[{"id":3,"status":"live","stream_ids":[7,8]},{"id":5,"status":null,"stream_ids":[]}]}"#,
            r#"{"v":1,"streams":[{"id":7,"session":1}],"videos":[{"id":9,"status":"ready","stream_id":7,"session":2,"name":"a\"b\u00e9\ud83d\ude00","duration":12,"deleted":true,"deleted_at":"2026-01-01T00:00:00Z","first_seen_ms":1,"updated_ms":2}],"restreams":[{"id":2,"stream_id":7,"live":null,"name":"x","first_seen_ms":5,"updated_ms":6}]}"#,
            " {\n \"restreams\" : [ ] ,\t\"v\" : 1 , \"streams\" : [ { \"session\" : 2 , \"\\u0069d\" : 1 } ] } ",
        ];
        let check = |text: &str| {
            let got = Tracker::restore(text);
            assert_eq!(got.as_ref().ok(), reference(text).as_ref(), "{text}");
            if let Err(e) = got {
                assert_eq!(e.code, Code::InvalidSnapshot);
            }
        };
        for text in valid {
            assert!(reference(text).is_some(), "{text}");
            for i in 0..=text.len() {
                let (Some(head), Some(tail)) = (text.get(..i), text.get(i..)) else {
                    continue;
                };
                check(&[head, tail.get(1..).unwrap_or("")].concat());
                for c in [
                    "\"", "0", "9", "-", "n", "t", "{", "}", "[", "]", ",", ":", " ", "\\", "x", ".", "e",
                    "\u{e9}",
                ] {
                    check(&[head, c, tail].concat());
                    check(&[head, c, tail.get(1..).unwrap_or("")].concat());
                }
            }
        }
    }

    /// Snapshot reading, field by field: what is accepted (and written back the same), and the code
    /// and path of what is not.
    #[test]
    fn restore_reads_every_field_kind_and_rejects_the_rest() {
        let ok = [
            r#"{"v":1}"#,
            r#"{"v":1,"streams":[],"broadcasts":[],"videos":[],"restreams":[]}"#,
            r#"{"v":1,"streams":[{"id":7,"active":true,"live":false,"backup_live":true,"recording":false,"transcoding":true,"session":4294967295,"stop_expected":true,"interrupted":true,"stopped":true,"first_seen_ms":18446744073709551615,"updated_ms":0}]}"#,
            r#"{"v":1,"streams":[{"id":7,"active":null,"live":null,"session":1,"stopped":false,"first_seen_ms":null}]}"#,
            r#"{"v":1,"streams":[{"id":7,"session":1},{"id":8,"session":1}],"broadcasts":[{"id":3,"status":"live","stream_ids":[7,8]},{"id":4,"status":"odd","stream_ids":[]},{"id":5,"status":null}]}"#,
            r#"{"v":1,"streams":[{"id":7,"session":1}],"videos":[{"id":9,"status":"ready","stream_id":7,"session":4294967295,"name":"a\"b\\c\u00e9\ud83d\ude00","duration":12,"deleted":true,"deleted_at":"2026-01-01T00:00:00Z","first_seen_ms":1,"updated_ms":2}]}"#,
            r#"{"v":1,"videos":[{"id":9,"status":null,"stream_id":null,"session":null,"name":null,"deleted":false,"deleted_at":null}]}"#,
            r#"{"v":1,"restreams":[{"id":2,"stream_id":7,"live":true,"name":"x","first_seen_ms":5,"updated_ms":6},{"id":3,"live":null}]}"#,
            r#" { "v" : 1 , "streams" : [ { "session" : 2 , "id" : 1 } ] } "#,
        ];
        for text in ok {
            let t = Tracker::restore(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            let again = Tracker::restore(&t.snapshot()).unwrap();
            assert_eq!(again, t, "{text}");
        }
        let t = Tracker::restore(ok[5]).unwrap();
        assert_eq!(
            t.video(VideoId(9)).unwrap().name.as_deref(),
            Some("a\"b\\c\u{e9}\u{1F600}")
        );
        assert_eq!(t.video(VideoId(9)).unwrap().session, Some(u32::MAX));
        let t = Tracker::restore(ok[4]).unwrap();
        assert_eq!(
            t.broadcast(BroadcastId(4)).unwrap().status,
            Some(BroadcastStatus::parse("odd"))
        );
        assert_eq!(
            t.broadcast(BroadcastId(5)).unwrap().stream_ids,
            Vec::<StreamId>::new()
        );
        let t = Tracker::restore(ok[2]).unwrap();
        assert_eq!(
            t.snapshot(),
            r#"{"v":1,"streams":[{"id":7,"active":true,"live":false,"backup_live":true,"recording":false,"transcoding":true,"session":4294967295,"stop_expected":true,"interrupted":true,"stopped":true,"first_seen_ms":18446744073709551615,"updated_ms":0}]}"#
        );

        let bad = [
            ("", ""),
            ("[]", ""),
            ("{}", "v"),
            (r#"{"v":null}"#, "v"),
            (r#"{"v":"1"}"#, "v"),
            (r#"{"v":2}"#, "v"),
            (r#"{"v":1,"v":1}"#, ""),
            (r#"{"v":1,"x":1}"#, ""),
            (r#"{"v":1,"streams":null}"#, "streams"),
            (r#"{"v":1,"streams":{}}"#, "streams"),
            (r#"{"v":1,"streams":[1]}"#, "streams"),
            (r#"{"v":1,"streams":[{"session":1}]}"#, "streams"),
            (r#"{"v":1,"streams":[{"id":1}]}"#, "streams"),
            (r#"{"v":1,"streams":[{"id":1,"session":null}]}"#, "streams"),
            (r#"{"v":1,"streams":[{"id":1,"session":0}]}"#, "streams"),
            (r#"{"v":1,"streams":[{"id":1,"session":4294967296}]}"#, "streams"),
            (r#"{"v":1,"streams":[{"id":0,"session":1}]}"#, "streams"),
            (r#"{"v":1,"streams":[{"id":-1,"session":1}]}"#, "streams"),
            (r#"{"v":1,"streams":[{"id":1.5,"session":1}]}"#, "streams"),
            (r#"{"v":1,"streams":[{"id":"1","session":1}]}"#, "streams"),
            (
                r#"{"v":1,"streams":[{"id":1,"session":1,"stopped":null}]}"#,
                "streams",
            ),
            (r#"{"v":1,"streams":[{"id":1,"session":1,"live":1}]}"#, "streams"),
            (r#"{"v":1,"streams":[{"id":1,"session":1,"id":2}]}"#, "streams"),
            (r#"{"v":1,"streams":[{"id":1,"session":1,"x":2}]}"#, "streams"),
            (
                r#"{"v":1,"streams":[{"id":1,"session":1},{"id":1,"session":2}]}"#,
                "streams",
            ),
            (
                r#"{"v":1,"broadcasts":[{"id":1,"stream_ids":null}]}"#,
                "broadcasts",
            ),
            (
                r#"{"v":1,"broadcasts":[{"id":1,"stream_ids":[null]}]}"#,
                "broadcasts",
            ),
            (
                r#"{"v":1,"broadcasts":[{"id":1,"stream_ids":[0]}]}"#,
                "broadcasts",
            ),
            (
                r#"{"v":1,"broadcasts":[{"id":1,"stream_ids":["1"]}]}"#,
                "broadcasts",
            ),
            (r#"{"v":1,"broadcasts":[{"id":1,"status":1}]}"#, "broadcasts"),
            (r#"{"v":1,"broadcasts":[{"id":0}]}"#, "broadcasts"),
            (r#"{"v":1,"videos":[{"id":1,"session":4294967296}]}"#, "videos"),
            (r#"{"v":1,"videos":[{"id":1,"deleted":null}]}"#, "videos"),
            (r#"{"v":1,"videos":[{"id":1,"name":5}]}"#, "videos"),
            (r#"{"v":1,"videos":[{"id":0}]}"#, "videos"),
            (r#"{"v":1,"videos":[{"id":1},{"id":1}]}"#, "videos"),
            (r#"{"v":1,"restreams":[{"id":0}]}"#, "restreams"),
            (r#"{"v":1,"restreams":[{"id":1,"live":"yes"}]}"#, "restreams"),
            (r#"{"v":1,"restreams":[{"id":1,"stream_id":-3}]}"#, "restreams"),
            // Ids as the rest of the API takes them: 1 to 2^53-1, unique, in the order
            // `snapshot` writes them, linking only tracked streams.
            (
                r#"{"v":1,"streams":[{"id":9007199254740992,"session":1}]}"#,
                "streams",
            ),
            (
                r#"{"v":1,"streams":[{"id":18446744073709551615,"session":1}]}"#,
                "streams",
            ),
            (
                r#"{"v":1,"streams":[{"id":2,"session":1},{"id":1,"session":1}]}"#,
                "streams",
            ),
            (r#"{"v":1,"videos":[{"id":9007199254740992}]}"#, "videos"),
            (r#"{"v":1,"videos":[{"id":2},{"id":1}]}"#, "videos"),
            (r#"{"v":1,"videos":[{"id":1,"stream_id":7}]}"#, "broadcasts"),
            (r#"{"v":1,"restreams":[{"id":9007199254740992}]}"#, "restreams"),
            (
                r#"{"v":1,"restreams":[{"id":1,"stream_id":9007199254740992}]}"#,
                "restreams",
            ),
            (r#"{"v":1,"broadcasts":[{"id":9007199254740992}]}"#, "broadcasts"),
            (
                r#"{"v":1,"streams":[{"id":1,"session":1}],"broadcasts":[{"id":1,"stream_ids":[1,1]}]}"#,
                "broadcasts",
            ),
            (
                r#"{"v":1,"streams":[{"id":1,"session":1},{"id":2,"session":1}],"broadcasts":[{"id":1,"stream_ids":[2,1]}]}"#,
                "broadcasts",
            ),
            (
                r#"{"v":1,"streams":[{"id":1,"session":1}],"broadcasts":[{"id":1,"stream_ids":[1,9007199254740992]}]}"#,
                "broadcasts",
            ),
            (
                r#"{"v":1,"streams":[{"id":1,"session":1}],"broadcasts":[{"id":1,"stream_ids":[1,2]}]}"#,
                "broadcasts",
            ),
        ];
        for (text, path) in bad {
            let e = Tracker::restore(text).map(|_| ()).unwrap_err();
            assert_eq!((e.code, e.path.as_str()), (Code::InvalidSnapshot, path), "{text}");
        }
    }
}
