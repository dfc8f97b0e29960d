//! The API's enumerations. Each keeps values it does not know as `Unknown(raw)` instead of failing,
//! and serializes that raw value back unchanged. Known values match ASCII case-insensitively (the spec
//! describes broadcast statuses as "Pending, Live, …" while the platform sends lower case) and are
//! written back in the platform's lower-case form.

use crate::prelude::*;
use core::fmt;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

macro_rules! open_enum {
    ($(#[doc = $doc:literal])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[doc = $doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this version of the SDK does not know, kept as sent.
            Unknown(String),
        }

        impl $name {
            /// Every known value, in the platform's order.
            pub const KNOWN: &'static [&'static str] = &[$($wire),+];

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Unknown(s) => s.as_str(),
                }
            }

            /// Parses a wire value; never fails (unknown values are kept).
            pub fn parse(s: &str) -> Self {
                $(if s.eq_ignore_ascii_case($wire) { return Self::$variant; })+
                Self::Unknown(s.to_owned())
            }

            /// The wire value of a known value (`None` for an unknown one).
            pub fn wire(&self) -> Option<&'static str> {
                match self {
                    $(Self::$variant => Some($wire),)+
                    Self::Unknown(_) => None,
                }
            }

            /// Whether this is a value the SDK knows.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        /// In TypeScript: the known values, or any other string (`string & {}` keeps the known
        /// values in editor completion).
        #[cfg(test)]
        impl ts_rs::TS for $name {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;
            fn docs() -> Option<String> {
                Some(ts_rs::format_docs(&[$($doc),*]))
            }
            fn name() -> String {
                stringify!($name).into()
            }
            fn inline() -> String {
                [$(concat!("\"", $wire, "\" | "),)+ "(string & {})"].concat()
            }
            fn inline_flattened() -> String {
                Self::inline()
            }
            fn decl() -> String {
                format!("type {} = {};", Self::name(), Self::inline())
            }
            fn decl_concrete() -> String {
                Self::decl()
            }
        }

        $crate::domain::text::display_as_str!($name);

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$name, E> {
                        Ok($name::parse(v))
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}

open_enum!(
    /// A broadcast's `status`. The guide walks pending → live → (paused ↔ live) → finished.
    BroadcastStatus {
        /// Created, not on air yet.
        Pending => "pending",
        /// On air: visible to the audience.
        Live => "live",
        /// Temporarily off air (the interruption case).
        Paused => "paused",
        /// Ended.
        Finished => "finished",
    }
);

open_enum!(
    /// A video's processing `status`: empty → pending → viewable → ready, any → error.
    VideoStatus {
        /// No source yet.
        Empty => "empty",
        /// Being processed.
        Pending => "pending",
        /// At least one rendition can be watched.
        Viewable => "viewable",
        /// Every rendition is ready.
        Ready => "ready",
        /// Processing failed.
        Error => "error",
    }
);

open_enum!(
    /// The `status` of one rendition in `converted_videos`.
    ConvertedVideoStatus {
        /// Still transcoding.
        Processing => "processing",
        /// Ready to watch.
        Complete => "complete",
        /// Transcoding failed.
        Error => "error",
    }
);

open_enum!(
    /// A stream's or video's `projection`.
    Projection {
        /// A flat picture.
        Regular => "regular",
        /// 360° video.
        Vr360 => "vr360",
        /// 180° video.
        Vr180 => "vr180",
        /// 360° top-bottom stereo.
        Vr360tb => "vr360tb",
    }
);

open_enum!(
    /// What a stream records: the ingest as sent, or the transcoded renditions.
    RecordType {
        /// The original ingest.
        Origin => "origin",
        /// The transcoded renditions.
        Transcoded => "transcoded",
    }
);

open_enum!(
    /// The protocol a stream is being received over.
    StreamSourceType {
        /// RTMP or RTMPS push.
        Rtmp => "rtmp",
        /// SRT.
        Srt => "srt",
        /// WebRTC (WHIP).
        Webrtc => "webrtc",
        /// HTTPS pull.
        Https => "https",
    }
);

impl VideoStatus {
    /// Position on the processing path (empty → pending → viewable → ready), used to tell a stale
    /// event from a fresh one. `error` and unknown values have no rank: they can follow anything.
    pub fn rank(&self) -> Option<u8> {
        match self {
            Self::Empty => Some(0),
            Self::Pending => Some(1),
            Self::Viewable => Some(2),
            Self::Ready => Some(3),
            Self::Error | Self::Unknown(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_parse_case_insensitively_and_write_lower_case() {
        let s: BroadcastStatus = serde_json::from_str("\"Live\"").unwrap();
        assert_eq!(s, BroadcastStatus::Live);
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"live\"");
    }

    #[test]
    fn unknown_values_round_trip_unchanged() {
        let s: VideoStatus = serde_json::from_str("\"New\"").unwrap();
        assert_eq!(s, VideoStatus::Unknown("New".into()));
        assert!(!s.is_known());
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"New\"");
    }

    #[test]
    fn non_strings_are_rejected() {
        assert!(serde_json::from_str::<Projection>("3").is_err());
    }
}
