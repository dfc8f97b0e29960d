//! The platform model behind the sandbox: `handle(request, now)` → response, `advance(now)` → webhooks.
//!
//! [`Platform`] is a faithful, pure emulator of the parts of the Gcore Streaming Platform that the
//! integration guide uses: streams, broadcasts and videos with the API's fields, validation and error
//! bodies; a simulated encoder (a publisher connects some time after a stream is enabled, and can be
//! disconnected and reconnected on demand); recording into videos that are then processed through
//! `pending` → `viewable` → `ready`; and the webhooks of the guide, in its order and in the
//! payload shapes of Gcore's webhook page.
//!
//! Time is always an argument (`now_ms`, epoch milliseconds of the *simulated* clock). Nothing here
//! reads a clock or does I/O: the native server (`crate::server`, native builds only) and the wasm
//! `Sandbox` supply the time and carry the bytes.
//!
//! ```
//! use gcore_streaming::domain::platform::{Platform, PlatformConfig, PlatformRequest};
//! let mut p = Platform::new(PlatformConfig::default());
//! let t0 = gcore_streaming::domain::platform::time::DEFAULT_START_MS;
//! let res = p.handle(&PlatformRequest::new("POST", "/streaming/streams", Some("APIKey k"),
//!     r#"{"name":"test_stream","active":true}"#), t0);
//! assert_eq!(res.status, 200);
//! let hooks = p.advance(t0 + 2_000); // the publisher connects after 2 s
//! assert_eq!(hooks[0].payload["message"]["stream"]["live"], true);
//! ```

use crate::prelude::*;

/// `Debug` for a configuration that holds secrets: `Type { field, field: shown, … }` lists every
/// field (a field left out fails to compile), each shown as itself or as the expression after it,
/// which reads the field by its name (a credential: only whether it is set).
macro_rules! redacted_debug {
    ($ty:ident { $($field:ident $(: $shown:expr)?),* $(,)? }) => {
        impl core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                let Self { $($field),* } = self;
                f.debug_struct(stringify!($ty))
                    $(.field(stringify!($field), &$crate::domain::platform::redacted_debug!(@show $field $(: $shown)?)))*
                    .finish()
            }
        }
    };
    (@show $field:ident) => { $field };
    (@show $field:ident: $shown:expr) => { $shown };
}
pub(crate) use redacted_debug;

mod entities;
mod http;
mod message;
mod tus;
mod videos;
#[cfg(not(target_family = "wasm"))]
pub(crate) use http::constant_time_eq;
pub mod rng;
pub mod time;

use crate::domain::ids::{BroadcastId, StreamId, VideoId};
use crate::domain::model::{Broadcast, Video};
use alloc::collections::BTreeMap;
use core::fmt;
use entities::{Recorder, StreamEntry};
use rng::SplitMix64;
use serde::Serialize;
use serde_json::Value;

pub use message::{PlatformRequest, PlatformResponse};
pub use tus::{TUS_EXTENSIONS, TUS_MAX_SIZE, TUS_VERSION};

/// How the emulated platform behaves. All durations are simulated milliseconds.
#[derive(Clone, PartialEq)]
pub struct PlatformConfig {
    /// When set, only `Authorization: APIKey <key>` is accepted; when unset any well-formed
    /// `APIKey` header is.
    pub api_key: Option<String>,
    /// The one token `Authorization: Bearer <token>` is accepted with (a JWT access token on the
    /// platform). Any other bearer token, an API key among them, is refused (401 `Given token not
    /// valid for any token type`), as the platform does.
    pub bearer_token: Option<String>,
    /// Items per page of the lists (and the default `per_page` of the video list), at most
    /// [`MAX_PER_PAGE`](crate::domain::request::MAX_PER_PAGE).
    pub page_size: usize,
    /// Delay between a publisher connecting (ingest: `live: true, transcoding: false`) and
    /// transcoding starting (`transcoding: true`: playback ready).
    pub transcoding_delay_ms: u64,
    /// Active-stream quota (the platform's PAYG soft limit is 3, a trial account's 1).
    pub quota: u32,
    /// Delay between enabling a stream and its (simulated) publisher connecting.
    pub publisher_delay_ms: u64,
    /// Whether the simulated publisher connects by itself after `publisher_delay_ms`; when `false`
    /// it connects only through [`Platform::connect`].
    pub auto_connect: bool,
    /// Delay between `start_recording` and `recording: true` (3–7 s on the real platform).
    pub recording_start_delay_ms: u64,
    /// How long the recorder waits for an interrupted ingest before closing the file (10 s).
    pub reconnect_window_ms: u64,
    /// From the end of a recording to the video's `viewable` status.
    pub viewable_after_ms: u64,
    /// From the end of a recording to the video's `ready` status.
    pub ready_after_ms: u64,
    /// Recordings are cut into files of at most this length (4 hours).
    pub max_recording_ms: u64,
    /// Seed of the generator of push tokens and video slugs.
    pub seed: u64,
    /// The account id (`client_id`) shown in responses and URLs.
    pub client_id: u64,
    /// The first ids handed out (the guide's sample ids by default).
    pub first_ids: FirstIds,
}

/// The first stream, broadcast and video ids the platform hands out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FirstIds {
    /// First stream id.
    pub stream: u64,
    /// First broadcast id.
    pub broadcast: u64,
    /// First video id.
    pub video: u64,
}

impl Default for PlatformConfig {
    fn default() -> Self {
        Self {
            api_key: None,
            bearer_token: None,
            page_size: http::PAGE_SIZE,
            transcoding_delay_ms: 1_000,
            quota: 3,
            publisher_delay_ms: 2_000,
            auto_connect: true,
            recording_start_delay_ms: 1_000,
            reconnect_window_ms: 10_000,
            viewable_after_ms: 3_000,
            ready_after_ms: 6_000,
            max_recording_ms: 4 * 3_600_000,
            seed: 0,
            client_id: 58_725,
            first_ids: FirstIds {
                stream: 320_423,
                broadcast: 192_470,
                video: 803_111,
            },
        }
    }
}

redacted_debug! {
    PlatformConfig {
        api_key: api_key.as_ref().map(|_| "<redacted>"),
        bearer_token: bearer_token.as_ref().map(|_| "<redacted>"),
        page_size, transcoding_delay_ms, quota, publisher_delay_ms, auto_connect, recording_start_delay_ms,
        reconnect_window_ms, viewable_after_ms, ready_after_ms, max_recording_ms, seed, client_id, first_ids,
    }
}

/// A webhook the platform sends: the exact JSON payload, with when it was emitted.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Webhook {
    /// Emission order, from 1.
    pub seq: u64,
    /// Simulated time of emission (epoch ms).
    pub at_ms: u64,
    /// The payload's `type` (`stream`, `broadcast`, `video`, `video_delete`).
    #[serde(rename = "type")]
    pub kind: String,
    /// The payload, as POSTed: `{"type": …, "message": {…}}`.
    pub payload: Value,
}

/// Why a control operation (connect, disconnect) was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ControlError {
    /// No stream with that id.
    StreamNotFound(StreamId),
    /// The stream is disabled (`active: false`): the ingest rejects publishers (WHIP 2004).
    StreamNotActive(StreamId),
    /// A publisher is already connected (WHIP 2003).
    AlreadyLive(StreamId),
    /// No publisher is connected.
    NotLive(StreamId),
}

impl ControlError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::StreamNotFound(_) => "stream_not_found",
            Self::StreamNotActive(_) => "stream_not_active",
            Self::AlreadyLive(_) => "already_live",
            Self::NotLive(_) => "not_live",
        }
    }
}

impl fmt::Display for ControlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::StreamNotFound(id) => write!(f, "stream {id} does not exist"),
            Self::StreamNotActive(id) => {
                write!(
                    f,
                    "stream {id} is disabled (active: false): the ingest rejects publishers"
                )
            }
            Self::AlreadyLive(id) => write!(f, "stream {id} already has a publisher connected"),
            Self::NotLive(id) => write!(f, "stream {id} has no publisher connected"),
        }
    }
}

impl core::error::Error for ControlError {}

#[derive(Clone, Debug, PartialEq, Eq)]
enum EventKind {
    Connect(StreamId),
    Transcoding(StreamId),
    RecordingOn(StreamId),
    CloseFile(StreamId),
    Split(StreamId),
    Viewable(VideoId),
    Ready(VideoId),
}

impl EventKind {
    fn stream(&self) -> Option<StreamId> {
        match self {
            Self::Connect(s)
            | Self::Transcoding(s)
            | Self::RecordingOn(s)
            | Self::CloseFile(s)
            | Self::Split(s) => Some(*s),
            Self::Viewable(_) | Self::Ready(_) => None,
        }
    }
}

#[derive(Clone, Debug)]
struct Event {
    at: u64,
    seq: u64,
    kind: EventKind,
}

/// The emulated platform: one account's streams, broadcasts and videos, and their timeline.
#[derive(Clone, Debug)]
pub struct Platform {
    config: PlatformConfig,
    rng: SplitMix64,
    now: u64,
    next_stream: u64,
    next_broadcast: u64,
    next_video: u64,
    streams: BTreeMap<StreamId, StreamEntry>,
    broadcasts: BTreeMap<BroadcastId, Broadcast>,
    videos: BTreeMap<VideoId, Video>,
    /// Direct uploads by id (the tus endpoint).
    uploads: tus::Secrets<tus::Upload>,
    /// Upload tokens handed out by `GET /streaming/videos/{id}/upload`, and their video.
    upload_tokens: tus::Secrets<VideoId>,
    events: Vec<Event>,
    event_seq: u64,
    webhook_seq: u64,
    outbox: Vec<Webhook>,
}

impl Platform {
    /// An empty platform.
    pub fn new(config: PlatformConfig) -> Self {
        Self {
            rng: SplitMix64::new(config.seed),
            now: 0,
            next_stream: config.first_ids.stream,
            next_broadcast: config.first_ids.broadcast,
            next_video: config.first_ids.video,
            streams: BTreeMap::new(),
            broadcasts: BTreeMap::new(),
            videos: BTreeMap::new(),
            uploads: tus::Secrets::default(),
            upload_tokens: tus::Secrets::default(),
            events: Vec::new(),
            event_seq: 0,
            webhook_seq: 0,
            outbox: Vec::new(),
            config,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &PlatformConfig {
        &self.config
    }

    /// Forgets everything (streams, broadcasts, videos, pending events); ids and the generator start
    /// over, so a reset platform behaves exactly like a new one with the same configuration.
    pub fn reset(&mut self) {
        *self = Self::new(self.config.clone());
    }

    /// When the next scheduled event (a publisher connecting, recording starting, a video being
    /// processed, …) is due, or whether webhooks are waiting (`Some(time)` not later than the last
    /// `now` seen). `None` when nothing is pending.
    pub fn next_event_at(&self) -> Option<u64> {
        let ev = self.events.iter().map(|e| e.at).min();
        if self.outbox.is_empty() {
            ev
        } else {
            Some(ev.map_or(self.now, |t| t.min(self.now)))
        }
    }

    /// Moves simulated time to `now_ms`, runs every event due by then (each at its own time) and
    /// returns the webhooks emitted since the last call, in order. Time never goes back: an earlier
    /// `now_ms` is treated as the latest time seen.
    pub fn advance(&mut self, now_ms: u64) -> Vec<Webhook> {
        self.run_due(now_ms);
        core::mem::take(&mut self.outbox)
    }

    /// The latest simulated time seen.
    pub fn now(&self) -> u64 {
        self.now
    }

    /// The simulated publisher of a stream connects (the stream goes `live`); if a recording was
    /// interrupted less than `reconnect_window_ms` ago it continues in the same file. Returns the
    /// stream as `GET` would.
    ///
    /// # Errors
    /// [`ControlError`] when the stream does not exist, is disabled or is already live.
    pub fn connect(&mut self, id: StreamId, now_ms: u64) -> Result<Value, ControlError> {
        self.run_due(now_ms);
        let entry = self.streams.get(&id).ok_or(ControlError::StreamNotFound(id))?;
        if entry.model.active != Some(true) {
            return Err(ControlError::StreamNotActive(id));
        }
        if entry.live {
            return Err(ControlError::AlreadyLive(id));
        }
        self.cancel(|k| *k == EventKind::Connect(id));
        self.go_live(id);
        self.render_stream_value(id)
            .ok_or(ControlError::StreamNotFound(id))
    }

    /// The simulated publisher of a stream disconnects: the interruption case (`live: false`
    /// webhook; a recording is suspended and its file closed if the publisher does not come back
    /// within `reconnect_window_ms`). Returns the stream as `GET` would.
    ///
    /// # Errors
    /// [`ControlError`] when the stream does not exist or has no publisher connected.
    pub fn disconnect(&mut self, id: StreamId, now_ms: u64) -> Result<Value, ControlError> {
        self.run_due(now_ms);
        let entry = self.streams.get(&id).ok_or(ControlError::StreamNotFound(id))?;
        if !entry.live {
            return Err(ControlError::NotLive(id));
        }
        self.go_down(id, true);
        self.render_stream_value(id)
            .ok_or(ControlError::StreamNotFound(id))
    }

    // ----- timeline -----

    fn set_now(&mut self, now_ms: u64) {
        self.now = self.now.max(now_ms);
    }

    fn schedule(&mut self, delay_ms: u64, kind: EventKind) {
        self.event_seq = self.event_seq.saturating_add(1);
        self.events.push(Event {
            at: self.now.saturating_add(delay_ms),
            seq: self.event_seq,
            kind,
        });
    }

    fn cancel(&mut self, pred: impl Fn(&EventKind) -> bool) {
        self.events.retain(|e| !pred(&e.kind));
    }

    fn cancel_stream(&mut self, id: StreamId) {
        self.cancel(|k| k.stream() == Some(id));
    }

    fn run_due(&mut self, now_ms: u64) {
        let target = self.now.max(now_ms);
        loop {
            let next = self
                .events
                .iter()
                .enumerate()
                .filter(|(_, e)| e.at <= target)
                .min_by_key(|(_, e)| (e.at, e.seq))
                .map(|(i, _)| i);
            let Some(i) = next else { break };
            let ev = self.events.swap_remove(i);
            self.set_now(ev.at);
            self.fire(ev.kind);
        }
        self.set_now(target);
    }

    fn emit(&mut self, payload: Value) {
        self.webhook_seq = self.webhook_seq.saturating_add(1);
        let kind = payload
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        self.outbox.push(Webhook {
            seq: self.webhook_seq,
            at_ms: self.now,
            kind,
            payload,
        });
    }

    fn fire(&mut self, kind: EventKind) {
        match kind {
            EventKind::Connect(id) => {
                let ready = self
                    .streams
                    .get(&id)
                    .is_some_and(|s| s.model.active == Some(true) && !s.live);
                if ready {
                    self.go_live(id);
                }
            }
            EventKind::Transcoding(id) => self.start_transcoding(id),
            EventKind::RecordingOn(id) => {
                let now = self.now;
                let max = self.config.max_recording_ms;
                // Recording follows transcoding (the documented order).
                self.start_transcoding(id);
                let Some(entry) = self.streams.get_mut(&id) else {
                    return;
                };
                if entry.live && entry.recorder == Recorder::Starting {
                    entry.recorder = Recorder::On(entities::RecordFile::new(now));
                    self.schedule(max, EventKind::Split(id));
                    self.emit_stream(id);
                }
            }
            EventKind::CloseFile(id) => {
                let Some(entry) = self.streams.get_mut(&id) else {
                    return;
                };
                if let Recorder::Suspended(file) = entry.recorder.clone() {
                    entry.recorder = Recorder::Waiting;
                    self.close_file(id, &file);
                }
            }
            EventKind::Split(id) => {
                let now = self.now;
                let max = self.config.max_recording_ms;
                let Some(entry) = self.streams.get_mut(&id) else {
                    return;
                };
                if let Recorder::On(mut file) = entry.recorder.clone() {
                    file.accumulated_ms = file.recorded_ms(now);
                    entry.recorder = Recorder::On(entities::RecordFile::new(now));
                    self.close_file(id, &file);
                    self.schedule(max, EventKind::Split(id));
                }
            }
            EventKind::Viewable(vid) => self.process_video(vid, false),
            EventKind::Ready(vid) => self.process_video(vid, true),
        }
    }

    /// Transcoding of a live stream starts (playback ready): the `transcoding: true` webhook.
    fn start_transcoding(&mut self, id: StreamId) {
        let Some(entry) = self.streams.get_mut(&id) else {
            return;
        };
        if entry.live && !entry.transcoding {
            entry.transcoding = true;
            self.emit_stream(id);
        }
    }

    /// The stream's ingest starts (`live`) or stops: `live` set, no transcoding yet or any more, and
    /// the time in `started_at_primary` or `finished_at_primary`. `None` when there is no such stream.
    fn switch_ingest(&mut self, id: StreamId, live: bool) -> Option<&mut StreamEntry> {
        let at = Some(time::iso8601(self.now));
        let entry = self.streams.get_mut(&id)?;
        entry.live = live;
        entry.transcoding = false;
        if live {
            entry.model.started_at_primary = at;
        } else {
            entry.model.finished_at_primary = at;
        }
        Some(entry)
    }

    /// The publisher connected (or the pull source answered): ingest starts (`transcoding: false`);
    /// transcoding follows after `transcoding_delay_ms`.
    fn go_live(&mut self, id: StreamId) {
        let now = self.now;
        let (start_delay, max) = (self.config.recording_start_delay_ms, self.config.max_recording_ms);
        let transcoding_delay = self.config.transcoding_delay_ms;
        let Some(entry) = self.switch_ingest(id, true) else {
            return;
        };
        // The new recorder, when its file is to be split, and whether a recording is to start.
        let (recorder, split_in, start_recording) = match entry.recorder.clone() {
            Recorder::Suspended(mut file) => {
                file.segment_start = now;
                let split_in = max.saturating_sub(file.accumulated_ms);
                (Recorder::On(file), Some(split_in), false)
            }
            Recorder::Waiting => (Recorder::Starting, None, true),
            Recorder::Off if entry.model.auto_record == Some(true) => (Recorder::Starting, None, true),
            other => (other, None, false),
        };
        entry.recorder = recorder;
        self.cancel(|k| *k == EventKind::CloseFile(id));
        if let Some(ms) = split_in {
            self.schedule(ms, EventKind::Split(id));
        }
        if start_recording {
            self.schedule(start_delay, EventKind::RecordingOn(id));
        }
        self.emit_stream(id);
        self.schedule(transcoding_delay, EventKind::Transcoding(id));
    }

    /// The ingest stopped: an interruption (`still_active`) or the stream being disabled/deleted.
    fn go_down(&mut self, id: StreamId, still_active: bool) {
        let now = self.now;
        let window = self.config.reconnect_window_ms;
        let Some(entry) = self.switch_ingest(id, false) else {
            return;
        };
        // The new recorder, and the file to close now.
        let (recorder, close) = match entry.recorder.clone() {
            Recorder::On(mut file) => {
                file.accumulated_ms = file.recorded_ms(now);
                if still_active {
                    (Recorder::Suspended(file), None)
                } else {
                    (Recorder::Off, Some(file))
                }
            }
            Recorder::Starting | Recorder::Waiting if still_active => (Recorder::Waiting, None),
            Recorder::Suspended(file) => (Recorder::Off, Some(file)),
            _ => (Recorder::Off, None),
        };
        // A suspended file waits for the ingest to come back.
        let suspend = matches!(recorder, Recorder::Suspended(_));
        entry.recorder = recorder;
        self.cancel(|k| {
            matches!(k, EventKind::RecordingOn(s) | EventKind::Split(s) | EventKind::Connect(s) | EventKind::Transcoding(s) if *s == id)
        });
        self.emit_stream(id);
        if suspend {
            self.schedule(window, EventKind::CloseFile(id));
        }
        if let Some(file) = close {
            self.cancel(|k| *k == EventKind::CloseFile(id));
            self.close_file(id, &file);
        }
    }

    fn emit_stream(&mut self, id: StreamId) {
        if let Some(payload) = self.streams.get(&id).map(StreamEntry::webhook) {
            self.emit(payload);
        }
    }

    // ----- ids -----

    fn take_id(counter: &mut u64) -> u64 {
        let id = *counter;
        *counter = counter.saturating_add(1);
        id
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod upload_tests;
