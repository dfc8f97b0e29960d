//! A live stream, as the API returns it (`GET /streaming/streams/{id}` and friends).

use super::enums::{Projection, RecordType, StreamSourceType};
use super::Extra;
use crate::domain::ids::{BroadcastId, StreamId};
use crate::prelude::*;
use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

/// A live stream. Only `id` is guaranteed; every other field is optional, and fields this SDK does
/// not model (legacy ones such as `rtmp_play_url`, new ones) are kept as sent (in Rust, in
/// [`Stream::extra`]).
#[skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
pub struct Stream {
    /// The stream's id.
    pub id: StreamId,
    /// The stream's name.
    pub name: Option<String>,
    /// The on/off switch (not liveness): when off, PULL stops and PUSH is rejected.
    pub active: Option<bool>,
    /// `true` for PULL (the platform fetches `uri`), `false` for PUSH.
    pub pull: Option<bool>,
    /// PULL source(s), space separated.
    #[cfg_attr(test, ts(optional = nullable))]
    pub uri: Option<String>,
    /// Record automatically when the stream goes live.
    pub auto_record: Option<bool>,
    /// What is recorded.
    pub record_type: Option<RecordType>,
    /// DVR (rewind) enabled.
    pub dvr_enabled: Option<bool>,
    /// DVR window in seconds (30–14400).
    pub dvr_duration: Option<u32>,
    /// Write `#EXT-X-ENDLIST` when the stream ends.
    pub hls_mpegts_endlist_tag: Option<bool>,
    /// CDN resource id.
    #[cfg_attr(test, ts(optional = nullable))]
    pub cdn_id: Option<u64>,
    /// Your own user id for this stream.
    #[cfg_attr(test, ts(optional = nullable))]
    pub client_user_id: Option<u64>,
    /// Your own data (up to 4096 characters).
    #[cfg_attr(test, ts(optional = nullable))]
    pub client_entity_data: Option<String>,
    /// HTML overlays enabled.
    pub html_overlay: Option<bool>,
    /// Transcoding quality set.
    #[cfg_attr(test, ts(optional = nullable))]
    pub quality_set_id: Option<u64>,
    /// Broadcasts this stream belongs to.
    pub broadcast_ids: Option<Vec<BroadcastId>>,
    /// Picture projection.
    pub projection: Option<Projection>,
    /// SRT passphrase.
    #[cfg_attr(test, ts(optional = nullable))]
    pub srt_passphrase: Option<String>,
    /// Legacy: transcoding region code such as `ix1` (the guide still sends it).
    pub transcoding_region: Option<String>,
    /// The push key.
    pub token: Option<String>,
    /// The primary ingest is receiving and transcoding.
    pub live: Option<bool>,
    /// The backup ingest is receiving and transcoding.
    pub backup_live: Option<bool>,
    /// Legacy but still sent: the stream is being recorded.
    pub recording: Option<bool>,
    /// Transcoding has started: playback is ready (the webhooks' field; absent from older answers).
    pub transcoding: Option<bool>,
    /// RTMP push URL.
    pub push_url: Option<String>,
    /// RTMP backup push URL.
    pub backup_push_url: Option<String>,
    /// SRT push URL.
    pub push_url_srt: Option<String>,
    /// SRT backup push URL.
    pub backup_push_url_srt: Option<String>,
    /// WebRTC WHIP push URL.
    pub push_url_whip: Option<String>,
    /// The protocol being received (null when not transcoding).
    #[cfg_attr(test, ts(optional = nullable))]
    pub stream_source_type: Option<StreamSourceType>,
    /// Region code of the active primary ingest.
    #[cfg_attr(test, ts(optional = nullable))]
    pub active_ingest_region_primary: Option<String>,
    /// Region code of the active backup ingest.
    #[cfg_attr(test, ts(optional = nullable))]
    pub active_ingest_region_backup: Option<String>,
    /// Creation time (ISO-8601).
    pub created_at: Option<String>,
    /// When the primary ingest started.
    #[cfg_attr(test, ts(optional = nullable))]
    pub started_at_primary: Option<String>,
    /// When the backup ingest started.
    #[cfg_attr(test, ts(optional = nullable))]
    pub started_at_backup: Option<String>,
    /// When the primary ingest last finished (not reset on restart).
    #[cfg_attr(test, ts(optional = nullable))]
    pub finished_at_primary: Option<String>,
    /// Player iframe URL.
    pub iframe_url: Option<String>,
    /// HLS CMAF playback URL.
    pub hls_cmaf_url: Option<String>,
    /// HLS MPEG-TS playback URL.
    pub hls_mpegts_url: Option<String>,
    /// DASH playback URL.
    pub dash_url: Option<String>,
    /// Screenshot URL.
    pub screenshot: Option<String>,
    /// Renditions being produced, e.g. `["360n", "480n", "720n"]`.
    #[cfg_attr(test, ts(optional = nullable))]
    pub transcoded_qualities: Option<Vec<String>>,
    /// Seconds recorded so far.
    #[cfg_attr(test, ts(optional = nullable))]
    pub recording_duration: Option<f64>,
    /// Transcoding speed (1.0 is real time).
    #[cfg_attr(test, ts(optional = nullable))]
    pub transcoding_speed: Option<f64>,
    /// Ingest frame rate.
    #[cfg_attr(test, ts(optional = nullable))]
    pub frame_rate: Option<f64>,
    /// Ingest picture height.
    #[cfg_attr(test, ts(optional = nullable))]
    pub video_height: Option<f64>,
    /// Ingest picture width.
    #[cfg_attr(test, ts(optional = nullable))]
    pub video_width: Option<f64>,
    /// Every field the SDK does not model, kept as sent.
    #[serde(flatten)]
    #[cfg_attr(test, ts(skip))]
    pub extra: Extra,
}
