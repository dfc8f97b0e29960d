//! A broadcast: the audience-facing page that one or more streams feed.

use super::enums::BroadcastStatus;
use crate::domain::ids::{BroadcastId, StreamId};
use crate::prelude::*;

model! {
    /// A broadcast. The spec's schema has no `id`, but real responses carry it, so it is optional here.
    pub struct Broadcast {
        /// The broadcast's id (present in real responses; absent from the spec's schema).
        pub id: Option<BroadcastId>,
        /// The broadcast's name.
        pub name: Option<String>,
        /// Where the broadcast stands.
        pub status: Option<BroadcastStatus>,
        /// Public share URL.
        pub share_url: Option<String>,
        /// Custom player iframe URL.
        pub custom_iframe_url: Option<String>,
        /// Keep the DVR available after the end.
        pub show_dvr_after_finish: Option<bool>,
        /// Text shown while pending.
        pub pending_message: Option<String>,
        /// Advertisement id.
        pub ad_id: Option<u64> | null,
        /// Player id.
        pub player_id: Option<u64> | null,
        /// The streams feeding this broadcast.
        pub stream_ids: Option<Vec<StreamId>>,
        /// Poster image URL.
        pub poster: Option<String>,
        ..extra
    }
}
