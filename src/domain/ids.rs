//! Identifier newtypes: a stream id can not be passed where a broadcast id is expected.

use core::fmt;
use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        /// In TypeScript an id is a JSON number.
        #[cfg(test)]
        impl ts_rs::TS for $name {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;
            fn name() -> String {
                "number".into()
            }
            fn inline() -> String {
                Self::name()
            }
            fn inline_flattened() -> String {
                Self::name()
            }
            fn decl() -> String {
                Self::name()
            }
            fn decl_concrete() -> String {
                Self::name()
            }
        }

        impl From<u64> for $name {
            fn from(v: u64) -> Self {
                Self(v)
            }
        }
    };
}

id_type!(
    /// The id of a live stream (`/streaming/streams/{id}`).
    StreamId
);
id_type!(
    /// The id of a broadcast (`/streaming/broadcasts/{id}`).
    BroadcastId
);
id_type!(
    /// The id of a video, e.g. a stream's recording (`/streaming/videos/{id}`).
    VideoId
);
