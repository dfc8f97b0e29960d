//! A live stream, as the API returns it (`GET /streaming/streams/{id}` and friends).

use super::enums::StreamSourceType;
use crate::domain::ids::StreamId;
use crate::prelude::*;

/// The settings of a stream: the fields of a `model!` struct's `..stream_settings,`, in [`Stream`]
/// (after `id`) and in `StreamParams` (the body of create and update).
macro_rules! stream_settings {
    ([$($state:tt)*] $($rest:tt)*) => {
        $crate::domain::model::model! { @fields $($state)*
            /// The stream's name (required on create).
            pub name: Option<String>,
            /// The on/off switch (not liveness): when off, PULL stops and PUSH is rejected. Create
            /// streams inactive to stay within the active-stream quota.
            pub active: Option<bool>,
            /// `true` for PULL (the platform fetches `uri`), `false` for PUSH.
            pub pull: Option<bool>,
            /// PULL source URL(s), space separated; `null` for PUSH.
            pub uri: Option<String> | null,
            /// Record automatically when the stream goes live.
            pub auto_record: Option<bool>,
            /// What is recorded: the origin or the transcoded stream.
            pub record_type: Option<$crate::domain::model::RecordType>,
            /// DVR (rewind) enabled.
            pub dvr_enabled: Option<bool>,
            /// DVR window in seconds (30–14400).
            pub dvr_duration: Option<u32>,
            /// Write `#EXT-X-ENDLIST` when the stream ends.
            pub hls_mpegts_endlist_tag: Option<bool>,
            /// CDN resource id.
            pub cdn_id: Option<u64> | null,
            /// Your own user id for this stream.
            pub client_user_id: Option<u64> | null,
            /// Your own data (up to 4096 characters).
            pub client_entity_data: Option<String> | null,
            /// HTML overlays enabled.
            pub html_overlay: Option<bool>,
            /// Transcoding quality set.
            pub quality_set_id: Option<u64> | null,
            /// The broadcasts this stream feeds (a request attaches it to them).
            pub broadcast_ids: Option<Vec<$crate::domain::ids::BroadcastId>>,
            /// Picture projection.
            pub projection: Option<$crate::domain::model::Projection>,
            /// SRT passphrase (10–80 printable ASCII); `null` clears it.
            pub srt_passphrase: Option<String> | null,
            /// Legacy: transcoding region code such as `ix1` or `dt1` (the guide still sends it; its
            /// reuse case updates it).
            pub transcoding_region: Option<String>,
            $($rest)*
        }
    };
}
pub(crate) use stream_settings;

model! {
    /// A live stream. Only `id` is guaranteed; every other field is optional, and fields this SDK does
    /// not model (legacy ones such as `rtmp_play_url`, new ones) are kept as sent (in Rust, in
    /// [`Stream::extra`]).
    pub struct Stream {
        /// The stream's id.
        pub id: StreamId,
        ..stream_settings,
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
        pub stream_source_type: Option<StreamSourceType> | null,
        /// Region code of the active primary ingest.
        pub active_ingest_region_primary: Option<String> | null,
        /// Region code of the active backup ingest.
        pub active_ingest_region_backup: Option<String> | null,
        /// Creation time (ISO-8601).
        pub created_at: Option<String>,
        /// When the primary ingest started.
        pub started_at_primary: Option<String> | null,
        /// When the backup ingest started.
        pub started_at_backup: Option<String> | null,
        /// When the primary ingest last finished (not reset on restart).
        pub finished_at_primary: Option<String> | null,
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
        pub transcoded_qualities: Option<Vec<String>> | null,
        /// Seconds recorded so far.
        pub recording_duration: Option<f64> | null,
        /// Transcoding speed (1.0 is real time).
        pub transcoding_speed: Option<f64> | null,
        /// Ingest frame rate.
        pub frame_rate: Option<f64> | null,
        /// Ingest picture height.
        pub video_height: Option<f64> | null,
        /// Ingest picture width.
        pub video_width: Option<f64> | null,
        ..extra
    }
}
