//! A broadcast: the audience-facing page that one or more streams feed.

use crate::domain::ids::BroadcastId;
use crate::prelude::*;

/// The settings of a broadcast: the fields of a `model!` struct's `..broadcast_settings,`, in
/// [`Broadcast`] (after `id`) and in `BroadcastParams` (the body of create and update).
macro_rules! broadcast_settings {
    ([$($state:tt)*] $($rest:tt)*) => {
        $crate::domain::model::model! { @fields $($state)*
            /// The broadcast's name (required on create).
            pub name: Option<String>,
            /// Where the broadcast stands (required on create; the guide creates `pending`).
            pub status: Option<$crate::domain::model::BroadcastStatus>,
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
            pub stream_ids: Option<Vec<$crate::domain::ids::StreamId>>,
            /// Poster image URL.
            pub poster: Option<String>,
            $($rest)*
        }
    };
}
pub(crate) use broadcast_settings;

model! {
    /// A broadcast. The spec's schema has no `id`, but real responses carry it, so it is optional here.
    pub struct Broadcast {
        /// The broadcast's id (present in real responses; absent from the spec's schema).
        pub id: Option<BroadcastId>,
        ..broadcast_settings,
        ..extra
    }
}
