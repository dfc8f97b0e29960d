//! A video: an upload or a stream's recording, with its renditions.

use super::enums::{ConvertedVideoStatus, RecordType, VideoStatus};
use super::Extra;
use crate::domain::ids::{StreamId, VideoId};
use crate::prelude::*;
use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

/// A video (`GET /streaming/videos/{id}`, the body of `stop_recording`, list items).
#[skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
pub struct Video {
    /// The video's id (0 when a `fields` query left it out).
    #[serde(default)]
    pub id: VideoId,
    /// The video's name; a recording is named `Stream Record: {stream name}, {end time UTC}`.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Account id.
    pub client_id: Option<u64>,
    /// Random slug used in URLs as `{client_id}_{slug}`.
    pub slug: Option<String>,
    /// Processing status.
    pub status: Option<VideoStatus>,
    /// Set when `status` is `error`.
    #[cfg_attr(test, ts(optional = nullable))]
    pub error: Option<String>,
    /// Duration in milliseconds (a fractional value is rounded to the nearest millisecond).
    #[serde(default, deserialize_with = "super::millis")]
    pub duration: Option<u64>,
    /// Source duration in milliseconds (rounded as `duration`).
    #[serde(default, deserialize_with = "super::millis")]
    pub origin_video_duration: Option<u64>,
    /// Source size in bytes.
    pub origin_size: Option<u64>,
    /// Source URL.
    #[cfg_attr(test, ts(optional = nullable))]
    pub origin_url: Option<String>,
    /// The stream this video was recorded from.
    #[cfg_attr(test, ts(optional = nullable))]
    pub stream_id: Option<StreamId>,
    /// When the recording started.
    pub recording_started_at: Option<String>,
    /// Origin or transcoded recording (null for uploads).
    #[cfg_attr(test, ts(optional = nullable))]
    pub record_type: Option<RecordType>,
    /// Creation time.
    pub created_at: Option<String>,
    /// Last update time.
    pub updated_at: Option<String>,
    /// HLS playback URL.
    pub hls_url: Option<String>,
    /// HLS CMAF playback URL.
    pub hls_cmaf_url: Option<String>,
    /// DASH playback URL.
    pub dash_url: Option<String>,
    /// Player iframe URL.
    pub iframe_url: Option<String>,
    /// Custom player iframe URL.
    pub custom_iframe_url: Option<String>,
    /// Public share URL.
    pub share_url: Option<String>,
    /// Main screenshot URL.
    pub screenshot: Option<String>,
    /// All screenshot URLs.
    pub screenshots: Option<Vec<String>>,
    /// Selected screenshot (-1 means use `poster`).
    pub screenshot_id: Option<i64>,
    /// Poster URL.
    #[cfg_attr(test, ts(optional = nullable))]
    pub poster: Option<String>,
    /// Poster thumbnail URL.
    #[cfg_attr(test, ts(optional = nullable))]
    pub poster_thumb: Option<String>,
    /// Sprite image URL.
    #[cfg_attr(test, ts(optional = nullable))]
    pub sprite: Option<String>,
    /// Sprite VTT URL.
    #[cfg_attr(test, ts(optional = nullable))]
    pub sprite_vtt: Option<String>,
    /// Advertisement id.
    pub ad_id: Option<u64>,
    /// Views.
    pub views: Option<u64>,
    /// CDN views.
    pub cdn_views: Option<u64>,
    /// Your own user id.
    #[cfg_attr(test, ts(optional = nullable))]
    pub client_user_id: Option<u64>,
    /// Picture projection (a plain string on videos).
    pub projection: Option<String>,
    /// Processing priority.
    pub priority: Option<i64>,
    /// Quality set.
    pub quality_set_id: Option<u64>,
    /// Folder.
    pub directory_id: Option<u64>,
    /// The renditions.
    pub converted_videos: Option<Vec<ConvertedVideo>>,
    /// Every field the SDK does not model, kept as sent.
    #[serde(flatten)]
    #[cfg_attr(test, ts(skip))]
    pub extra: Extra,
}

/// One rendition of a video (`converted_videos[]`).
#[skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
pub struct ConvertedVideo {
    /// Rendition id.
    pub id: Option<u64>,
    /// Rendition name, e.g. `vod720p` (legacy `vod720n`).
    pub name: Option<String>,
    /// Width in pixels.
    #[cfg_attr(test, ts(optional = nullable))]
    pub width: Option<u32>,
    /// Height in pixels.
    #[cfg_attr(test, ts(optional = nullable))]
    pub height: Option<u32>,
    /// Size in bytes.
    #[cfg_attr(test, ts(optional = nullable))]
    pub size: Option<u64>,
    /// Progress, 0–100.
    pub progress: Option<u8>,
    /// Rendition status.
    pub status: Option<ConvertedVideoStatus>,
    /// Error text.
    #[cfg_attr(test, ts(optional = nullable))]
    pub error: Option<String>,
    /// MP4 download URL.
    pub mp4_url: Option<String>,
    /// Every field the SDK does not model, kept as sent.
    #[serde(flatten)]
    #[cfg_attr(test, ts(skip))]
    pub extra: Extra,
}
