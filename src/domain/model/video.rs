//! A video: an upload or a stream's recording, with its renditions.

use super::enums::{ConvertedVideoStatus, RecordType, VideoStatus};
use crate::domain::ids::{StreamId, VideoId};
use crate::prelude::*;

model! {
    /// A video (`GET /streaming/videos/{id}`, the body of `stop_recording`, list items).
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
        pub error: Option<String> | null,
        /// Duration in milliseconds (a fractional value is rounded to the nearest millisecond).
        #[serde(default, deserialize_with = "super::millis")]
        pub duration: Option<u64>,
        /// Source duration in milliseconds (rounded as `duration`).
        #[serde(default, deserialize_with = "super::millis")]
        pub origin_video_duration: Option<u64>,
        /// Source size in bytes.
        pub origin_size: Option<u64>,
        /// Source URL.
        pub origin_url: Option<String> | null,
        /// The stream this video was recorded from.
        pub stream_id: Option<StreamId> | null,
        /// When the recording started.
        pub recording_started_at: Option<String>,
        /// Origin or transcoded recording (null for uploads).
        pub record_type: Option<RecordType> | null,
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
        pub poster: Option<String> | null,
        /// Poster thumbnail URL.
        pub poster_thumb: Option<String> | null,
        /// Sprite image URL.
        pub sprite: Option<String> | null,
        /// Sprite VTT URL.
        pub sprite_vtt: Option<String> | null,
        /// Advertisement id.
        pub ad_id: Option<u64>,
        /// Views.
        pub views: Option<u64>,
        /// CDN views.
        pub cdn_views: Option<u64>,
        /// Your own user id.
        pub client_user_id: Option<u64> | null,
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
        ..extra
    }
}

model! {
    /// One rendition of a video (`converted_videos[]`).
    pub struct ConvertedVideo {
        /// Rendition id.
        pub id: Option<u64>,
        /// Rendition name, e.g. `vod720p` (legacy `vod720n`).
        pub name: Option<String>,
        /// Width in pixels.
        pub width: Option<u32> | null,
        /// Height in pixels.
        pub height: Option<u32> | null,
        /// Size in bytes.
        pub size: Option<u64> | null,
        /// Progress, 0–100.
        pub progress: Option<u8>,
        /// Rendition status.
        pub status: Option<ConvertedVideoStatus>,
        /// Error text.
        pub error: Option<String> | null,
        /// MP4 download URL.
        pub mp4_url: Option<String>,
        ..extra
    }
}
