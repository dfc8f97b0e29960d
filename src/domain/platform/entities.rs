//! The stored entities, how they render as API responses and webhooks, and video processing.

use super::{time, EventKind, Platform};
use crate::domain::ids::{StreamId, VideoId};
use crate::domain::model::{
    Broadcast, ConvertedVideo, ConvertedVideoStatus, RecordType, Stream, StreamSourceType, Video, VideoStatus,
};
use crate::prelude::*;
use serde_json::{json, Value};

/// The renditions a recording is transcoded into, best first: (name, width, height).
pub(super) const RENDITIONS: [(&str, u32, u32); 4] = [
    ("vod720n", 1280, 720),
    ("vod480n", 854, 480),
    ("vod360n", 640, 360),
    ("vod240n", 426, 240),
];

/// The live renditions a stream is transcoded into.
const LIVE_QUALITIES: [&str; 3] = ["360n", "480n", "720n"];

/// The region used in URLs when the stream has no `transcoding_region`.
const DEFAULT_REGION: &str = "ed1";

/// One recording file being written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct RecordFile {
    /// When the file started (the video's `recording_started_at`).
    pub started_at: u64,
    /// When the current uninterrupted segment started.
    pub segment_start: u64,
    /// Milliseconds recorded before the current segment (or in total, once suspended or final).
    pub accumulated_ms: u64,
}

impl RecordFile {
    pub(super) fn new(now: u64) -> Self {
        Self {
            started_at: now,
            segment_start: now,
            accumulated_ms: 0,
        }
    }

    /// Milliseconds recorded by `now`, the current segment included.
    pub(super) fn recorded_ms(&self, now: u64) -> u64 {
        self.accumulated_ms
            .saturating_add(now.saturating_sub(self.segment_start))
    }
}

/// The recorder of one stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Recorder {
    /// Not recording.
    Off,
    /// `start_recording` accepted; `recording` flips true after the initialisation delay.
    Starting,
    /// Recording into a file.
    On(RecordFile),
    /// The ingest dropped while recording: waiting for it to come back (same file) or time out.
    Suspended(RecordFile),
    /// The file was closed after an interruption; a resumed ingest records into a new file.
    Waiting,
}

/// A stream as stored: settings, push token and the simulated ingest and recorder.
#[derive(Clone, Debug)]
pub(super) struct StreamEntry {
    /// Settings and timestamps; runtime fields are filled in when rendering.
    pub model: Stream,
    /// A publisher is connected.
    pub live: bool,
    /// Transcoding has started (playback ready).
    pub transcoding: bool,
    /// The recorder.
    pub recorder: Recorder,
}

impl StreamEntry {
    pub(super) fn recording(&self) -> bool {
        matches!(self.recorder, Recorder::On(_))
    }

    fn source_type(&self) -> StreamSourceType {
        let uri = self.model.uri.as_deref().unwrap_or_default();
        if self.model.pull == Some(true) {
            if uri.starts_with("srt://") {
                StreamSourceType::Srt
            } else if uri.starts_with("https://") || uri.starts_with("http://") {
                StreamSourceType::Https
            } else {
                StreamSourceType::Rtmp
            }
        } else if self.model.extra.get("webrtc").and_then(Value::as_bool) == Some(true) {
            StreamSourceType::Webrtc
        } else {
            StreamSourceType::Rtmp
        }
    }

    /// The `stream` webhook for the current state (the webhook page's fields: ingest starts with
    /// `transcoding: false`, then `transcoding: true`, recording, stop with both false).
    pub(super) fn webhook(&self) -> Value {
        let m = &self.model;
        json!({
            "type": "stream",
            "message": { "stream": {
                "id": m.id,
                "live": self.live,
                "backup_live": false,
                // (Recording shows once transcoding has: a resumed recording too.)
                "recording": self.recording() && self.transcoding,
                "transcoding": self.transcoding,
                "client_user_id": m.client_user_id,
                "client_entity_data": m.client_entity_data,
                "pull": m.pull.unwrap_or(false),
                "uri": m.uri.clone().unwrap_or_default(),
                "stream_source_type": self.source_type(),
            }}
        })
    }
}

/// Adds `null` for each of `keys` the object lacks (the API writes unset fields as `null`).
pub(super) fn fill_nulls(value: &mut Value, keys: &[&str]) {
    if let Value::Object(map) = value {
        for k in keys {
            map.entry((*k).to_owned()).or_insert(Value::Null);
        }
    }
}

const STREAM_NULLABLE: &[&str] = &[
    "uri",
    "cdn_id",
    "client_user_id",
    "client_entity_data",
    "quality_set_id",
    "srt_passphrase",
    "stream_source_type",
    "active_ingest_region_primary",
    "active_ingest_region_backup",
    "started_at_primary",
    "started_at_backup",
    "finished_at_primary",
    "recording_duration",
    "frame_rate",
    "video_height",
    "video_width",
];

const VIDEO_NULLABLE: &[&str] = &[
    "origin_url",
    "poster",
    "poster_thumb",
    "error",
    "client_user_id",
    "ad_id",
];

impl Platform {
    /// A stream as the API returns it, at the current simulated time.
    pub(super) fn render_stream(&self, id: StreamId) -> Option<Stream> {
        let entry = self.streams.get(&id)?;
        let mut s = entry.model.clone();
        let client = self.config.client_id;
        let token = s.token.clone().unwrap_or_default();
        let region = s
            .transcoding_region
            .clone()
            .unwrap_or_else(|| DEFAULT_REGION.to_owned());
        let backup = if region == "ix1" { "ed1" } else { "ix1" };
        s.live = Some(entry.live);
        s.backup_live = Some(false);
        s.recording = Some(entry.recording());
        s.transcoding = Some(entry.transcoding);
        // Push URLs: the primary ingest in the stream's region, the backup (`{id}b`) in another.
        let rtmp =
            |region: &str, b: &str| Some(format!("rtmp://vp-push-{region}.gvideo.co/in/{id}{b}?{token}"));
        let srt = |region: &str, b: &str| {
            Some(format!(
                "srt://vp-push-{region}-srt.gvideo.co:5001?streamid={id}{b}#{token}"
            ))
        };
        s.push_url = rtmp(&region, "");
        s.backup_push_url = rtmp(backup, "b");
        s.push_url_srt = srt(&region, "");
        s.backup_push_url_srt = srt(backup, "b");
        s.push_url_whip = Some(format!("https://whip.gvideo.co/{id}_{token}/whip"));
        s.iframe_url = Some(format!("https://player.gvideo.co/streams/{client}_{id}"));
        // Playback files on the demo CDN.
        let cdn = |dir: &str, file: &str| {
            Some(format!(
                "https://demo-public.gvideo.io/{dir}/{client}_{id}/{file}"
            ))
        };
        s.hls_cmaf_url = cdn("cmaf", "master.m3u8");
        s.hls_mpegts_url = cdn("mpegts", "master_mpegts.m3u8");
        s.dash_url = cdn("cmaf", "index.mpd");
        s.screenshot = cdn("screenshots", "screenshot.jpg");
        s.transcoded_qualities = Some(LIVE_QUALITIES.iter().map(|q| (*q).to_owned()).collect());
        s.transcoding_speed = Some(1.0);
        s.broadcast_ids = Some(
            self.broadcasts
                .values()
                .filter(|b| b.stream_ids.as_ref().is_some_and(|ids| ids.contains(&id)))
                .filter_map(|b| b.id)
                .collect(),
        );
        if entry.live {
            s.stream_source_type = Some(entry.source_type());
            s.active_ingest_region_primary = Some(region);
            s.frame_rate = Some(30.0);
            s.video_width = Some(1280.0);
            s.video_height = Some(720.0);
        }
        s.recording_duration = match &entry.recorder {
            Recorder::On(f) => Some(ms_to_s(f.recorded_ms(self.now))),
            Recorder::Suspended(f) => Some(ms_to_s(f.accumulated_ms)),
            _ => None,
        };
        s.extra.insert("client_id".into(), json!(client));
        s.extra.insert("hls_playlist_url".into(), json!(s.hls_mpegts_url));
        Some(s)
    }

    /// [`Self::render_stream`] as JSON, with unset fields written as `null`.
    pub(super) fn render_stream_value(&self, id: StreamId) -> Option<Value> {
        let s = self.render_stream(id)?;
        let mut v = serde_json::to_value(s).ok()?;
        fill_nulls(&mut v, STREAM_NULLABLE);
        Some(v)
    }

    /// A video as JSON: the full `videoDetails`, or a list item (no iframe_url/sprite/sprite_vtt).
    pub(super) fn video_value(&self, video: &Video, list_item: bool) -> Value {
        let mut v = serde_json::to_value(video).unwrap_or(Value::Null);
        fill_nulls(&mut v, VIDEO_NULLABLE);
        if let (true, Value::Object(map)) = (list_item, &mut v) {
            for k in ["iframe_url", "sprite", "sprite_vtt"] {
                map.remove(k);
            }
        }
        v
    }

    /// A broadcast as JSON.
    pub(super) fn broadcast_value(b: &Broadcast) -> Value {
        let mut v = serde_json::to_value(b).unwrap_or(Value::Null);
        fill_nulls(&mut v, &["ad_id", "player_id", "poster"]);
        v
    }

    /// Closes a recording file of stream `id` into a new video (`pending`), emits its webhook and
    /// schedules its processing. `file.accumulated_ms` must be final.
    pub(super) fn close_file(&mut self, id: StreamId, file: &RecordFile) -> Option<VideoId> {
        let now = self.now;
        let (stream_name, record_type, projection, client_user_id) = {
            let m = &self.streams.get(&id)?.model;
            (
                m.name.clone().unwrap_or_default(),
                m.record_type.clone().unwrap_or(RecordType::Origin),
                m.projection.as_ref().map(|p| p.as_str().to_owned()),
                m.client_user_id,
            )
        };
        let name = format!("Stream Record: {stream_name}, {}", time::record_name_time(now));
        let mut video = self.new_video(name);
        let vid = video.id;
        video.description = Some(String::new());
        video.origin_video_duration = Some(file.accumulated_ms);
        video.stream_id = Some(id);
        video.recording_started_at = Some(time::iso8601(file.started_at));
        video.record_type = Some(record_type);
        video.client_user_id = client_user_id;
        video.projection = projection;
        self.videos.insert(vid, video);
        self.start_processing(vid, file.accumulated_ms.saturating_mul(500), file.accumulated_ms);
        Some(vid)
    }

    /// A new video (`empty`: no source file yet) with a fresh id and slug and its playback URLs; not
    /// stored yet.
    pub(super) fn new_video(&mut self, name: String) -> Video {
        let now = self.now;
        let client = self.config.client_id;
        let vid = VideoId(Self::take_id(&mut self.next_video));
        let slug = self.rng.slug();
        let base = format!("https://demo-public.gvideo.io/videos/{client}_{slug}");
        Video {
            id: vid,
            name: Some(name),
            client_id: Some(client),
            slug: Some(slug.clone()),
            status: Some(VideoStatus::Empty),
            duration: Some(0),
            origin_size: Some(0),
            created_at: Some(time::iso8601(now)),
            updated_at: Some(time::iso8601(now)),
            hls_url: Some(format!("{base}/master.m3u8")),
            hls_cmaf_url: Some(format!("{base}/master-cmaf.m3u8")),
            dash_url: Some(format!("{base}/master.mpd")),
            iframe_url: Some(format!("https://player.gvideo.co/videos/{client}_{slug}")),
            share_url: Some(format!("https://player.gvideo.co/videos/{client}_{slug}")),
            screenshot: Some(format!("{base}/screenshot_0.jpg")),
            screenshots: Some(vec![format!("{base}/screenshot_0.jpg")]),
            screenshot_id: Some(0),
            sprite: Some(format!(
                "https://s-ed1.cloud.gcore.lu/videoplatform/sprites/{client}/{vid}_{vid}.mp4_sprite.jpg"
            )),
            sprite_vtt: Some(format!(
                "https://s-ed1.cloud.gcore.lu/videoplatform/sprites/{client}/{vid}_{vid}.mp4_sprite.vtt"
            )),
            views: Some(0),
            cdn_views: Some(0),
            priority: Some(0),
            converted_videos: Some(Vec::new()),
            ..Default::default()
        }
    }

    /// The source file of video `vid` is complete (`size` bytes, `duration_ms` long): the video goes
    /// `pending` with its renditions processing, its webhook is emitted and its `viewable` and
    /// `ready` steps are scheduled.
    pub(super) fn start_processing(&mut self, vid: VideoId, size: u64, duration_ms: u64) {
        let now = self.now;
        let (viewable, ready) = (self.config.viewable_after_ms, self.config.ready_after_ms);
        let Some(video) = self.videos.get_mut(&vid) else {
            return;
        };
        let base = video
            .hls_url
            .as_deref()
            .and_then(|u| u.strip_suffix("/master.m3u8"))
            .unwrap_or_default()
            .to_owned();
        video.status = Some(VideoStatus::Pending);
        video.duration = Some(duration_ms);
        video.origin_size = Some(size);
        video.updated_at = Some(time::iso8601(now));
        video.converted_videos = Some(
            RENDITIONS
                .iter()
                .enumerate()
                .map(|(i, (name, w, h))| ConvertedVideo {
                    id: Some(
                        vid.0
                            .saturating_mul(10)
                            .saturating_add(u64::try_from(i).unwrap_or(0)),
                    ),
                    name: Some((*name).to_owned()),
                    width: Some(*w),
                    height: Some(*h),
                    size: Some(0),
                    progress: Some(0),
                    status: Some(ConvertedVideoStatus::Processing),
                    error: None,
                    mp4_url: Some(format!("{base}/qid{}v1_{name}.mp4", vid.0)),
                    extra: Default::default(),
                })
                .collect(),
        );
        let payload = video_webhook(video, VideoStatus::Pending);
        self.emit(payload);
        self.schedule(viewable, EventKind::Viewable(vid));
        self.schedule(ready, EventKind::Ready(vid));
    }

    /// A processing step of a video: `viewable` (first rendition complete) or `ready` (all).
    pub(super) fn process_video(&mut self, vid: VideoId, ready: bool) {
        let now = self.now;
        let Some(video) = self.videos.get_mut(&vid) else {
            return;
        };
        let rank = video.status.as_ref().and_then(VideoStatus::rank).unwrap_or(0);
        let (status, target_rank) = if ready {
            (VideoStatus::Ready, 3)
        } else {
            (VideoStatus::Viewable, 2)
        };
        if rank >= target_rank {
            return;
        }
        video.status = Some(status.clone());
        video.updated_at = Some(time::iso8601(now));
        let duration = video.duration.unwrap_or(0);
        for (i, cv) in video.converted_videos.iter_mut().flatten().enumerate() {
            if ready || i == 0 {
                cv.status = Some(ConvertedVideoStatus::Complete);
                cv.progress = Some(100);
                cv.size = Some(duration.saturating_mul(250) >> i);
            } else {
                cv.progress = Some(50);
            }
        }
        let payload = video_webhook(video, status);
        self.emit(payload);
    }
}

/// The `video` webhook (docs/platform.md, "Webhooks"): `pending` carries no renditions yet.
pub(super) fn video_webhook(v: &Video, status: VideoStatus) -> Value {
    let converted: Vec<Value> = if status == VideoStatus::Pending {
        Vec::new()
    } else {
        v.converted_videos
            .iter()
            .flatten()
            .map(|c| json!({"name": c.name, "status": c.status, "mp4_url": c.mp4_url}))
            .collect()
    };
    json!({
        "type": "video",
        "message": { "video": {
            "id": v.id,
            "slug": v.slug,
            "name": v.name,
            "duration": v.duration,
            "stream_id": v.stream_id,
            "status": status,
            "converted_videos": converted,
        }}
    })
}

#[allow(clippy::cast_precision_loss)]
fn ms_to_s(ms: u64) -> f64 {
    ms as f64 / 1000.0
}
